#!/usr/bin/env bash
# The README's first command: builds what is missing, then runs the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
node examples/codec-demo.mjs
