#!/usr/bin/env bash
# Set-up command (2): install what the tests need (Python packages into ./.venv, Debian's
# chromium and postgresql for the browser and PostgreSQL store tests) and run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
install_system_packages chromium postgresql
install_project ".[embed,ray,test]"
.venv/bin/ruff check src tests
.venv/bin/mypy
# the PostgreSQL store tests must run (not skip) in CI: the server is installed above
export COMMUNIQUE_REQUIRE_PG=1 COMMUNIQUE_REQUIRE_BROWSER=1
set +e
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
rc=$?
set -e
[ "$rc" -eq 5 ] && { echo "no tests ran"; exit 1; }
exit "$rc"
