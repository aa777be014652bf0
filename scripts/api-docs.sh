#!/usr/bin/env bash
# Generates the API reference from the package's types (pkg-template/*.d.ts) with TypeDoc into
# target/api-docs/; any TypeDoc warning fails it (options: tools/api-docs/typedoc.json). TypeDoc needs
# TypeScript's compiler API, which the workspace's TypeScript 7 lacks, so it runs from tools/api-docs
# with a TypeScript of its own, installed from that folder's lock when missing or out of date.
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS=tools/api-docs
# node_modules/.package-lock.json is rewritten by every install (as in scripts/build.sh).
if [ ! -f "$TOOLS/node_modules/.package-lock.json" ] || [ "$TOOLS/package-lock.json" -nt "$TOOLS/node_modules/.package-lock.json" ]; then
  npm ci --prefix "$TOOLS" --no-audit --no-fund
fi
"$TOOLS/node_modules/.bin/typedoc" --options "$TOOLS/typedoc.json"
