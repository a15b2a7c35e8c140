"""``python -m communique.cli``: the same as the ``communique`` command."""

from . import main

main()
