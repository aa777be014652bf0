#!/usr/bin/env bash
# Installs what the test suite needs beyond the build (scripts/build.sh installs the Rust wasm target,
# the wasm-bindgen CLI and the npm packages): wasm-pack (the way this crate's users run wasm tests),
# Debian's Chromium and ChromeDriver (browser tests; never a downloaded browser), and the Python
# virtualenvs with the real pynamodb_mate. Idempotent: each step is skipped when already satisfied.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_PACK_VERSION=0.15.1

if [ "$(wasm-pack --version 2>/dev/null || true)" != "wasm-pack $WASM_PACK_VERSION" ]; then
  echo "setup: installing wasm-pack $WASM_PACK_VERSION (cargo install, a few minutes)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --quiet
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "setup: installing Debian chromium + chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

scripts/setup-python.sh pm5 pm6
