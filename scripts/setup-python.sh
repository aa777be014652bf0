#!/usr/bin/env bash
# Create the Python virtualenvs used by the interop tests (idempotent).
#
#   .venv-pm5   pynamodb_mate 5.3.4.4 (+ pynamodb 5.5.1)   tests/interop/requirements-5.txt
#   .venv-pm6   pynamodb_mate 6.0.1.1 (+ pynamodb 6.x)     tests/interop/requirements-6.txt
#   .venv-moto  moto_server 5.2.5 + flask + flask-cors     tests/interop/requirements-moto.txt
#
# Usage: scripts/setup-python.sh [pm5|pm6|moto ...]   (default: all three)
# Env:   PYTHON=python3 (interpreter used to create the venvs)
#
# A venv is (re)created when it is missing or when its stamp (sha256 of the
# requirements file + interpreter version) differs. Every requirements file is
# fully pinned, so packages are installed with --no-deps; `pip check` then
# verifies the set is complete. Prints one line per venv; the pip log is shown
# only on failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
REQ_DIR="$ROOT/tests/interop"

declare -A REQ=(
  [pm5]="$REQ_DIR/requirements-5.txt"
  [pm6]="$REQ_DIR/requirements-6.txt"
  [moto]="$REQ_DIR/requirements-moto.txt"
)

if [ "$#" -eq 0 ]; then set -- pm5 pm6 moto; fi

py_version="$("$PYTHON" -c 'import sys; print(sys.version.split()[0])')"

setup_one() {
  local name="$1" req venv stamp want start log
  req="${REQ[$name]:-}"
  if [ -z "$req" ]; then
    echo "setup-python: unknown venv '$name' (expected pm5, pm6 or moto)" >&2
    return 2
  fi
  venv="$ROOT/.venv-$name"
  stamp="$venv/.requirements-stamp"
  want="$(sha256sum "$req" | cut -d' ' -f1) python-$py_version"
  if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo ".venv-$name: up to date"
    return 0
  fi
  start=$SECONDS
  log="$(mktemp)"
  rm -rf "$venv"
  if "$PYTHON" -m venv "$venv" >"$log" 2>&1 \
    && "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
         --no-input --no-deps -r "$req" >>"$log" 2>&1 \
    && "$venv/bin/python" -m pip check --disable-pip-version-check >>"$log" 2>&1; then
    echo "$want" >"$stamp"
    rm -f "$log"
    echo ".venv-$name: installed from $(basename "$req") in $((SECONDS - start))s"
  else
    echo ".venv-$name: FAILED (log below)" >&2
    tail -n 40 "$log" >&2
    rm -f "$log"
    return 1
  fi
}

for name in "$@"; do
  setup_one "$name"
done
