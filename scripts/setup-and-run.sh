#!/usr/bin/env bash
# Set-up command (1): install communique into ./.venv and run the main job on the seeds
# (or the paths given): ingest + extract into the default SQLite store, then print a summary.
# Idempotent: re-running installs nothing new and stores nothing twice.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
install_project ".[embed]"
if [ "$#" -eq 0 ]; then
  if [ -d ../shared/seeds ]; then set -- ../shared/seeds; else set -- --demo; fi
fi
exec .venv/bin/communique run "$@"
