#!/usr/bin/env bash
# Builds the wasm core and assembles the npm package into pkg/. Idempotent: tools are installed
# only when missing or of the wrong version. Recipe and traps: docs/toolchain.md.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=wasm32-unknown-unknown
OUT=js/generated   # wasm-bindgen output, used by the tests beside the code and by the bundles
TARGET_DIR=${CARGO_TARGET_DIR:-target}

if ! rustup target list --installed | grep -qx "$TARGET"; then
  rustup target add "$TARGET"
fi

# The wasm-bindgen CLI must be exactly the crate version in Cargo.lock. No --locked: the registry
# lacks a version pinned in the CLI's own lock file. --no-default-features drops its TLS stack.
WB_VERSION=$(cargo pkgid -p wasm-bindgen | sed 's/.*[@#]//')
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WB_VERSION" ]; then
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --no-default-features
fi

# node_modules/.package-lock.json is rewritten by every install, so it is older than
# package-lock.json exactly when the lock changed since.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

cargo build --target "$TARGET" --release
RAW="$TARGET_DIR/wasm-bindgen"   # wasm-bindgen output before wasm-opt
wasm-bindgen --target web --remove-name-section --remove-producers-section --no-typescript \
  --out-dir "$RAW" "$TARGET_DIR/$TARGET/release/dynamodb_mate.wasm"
mkdir -p "$OUT"
cp "$RAW/dynamodb_mate.js" "$OUT/"
node scripts/generate-constants.mjs   # the Rust constants the JS layer reads (op codes, layouts)

# wasm-opt from npm binaryen 132 (Debian's binaryen 108 corrupts wasm-bindgen output). It reads
# the features from the target_features section that Rust writes; the flags name them anyway (the
# ones Rust 1.95 emits for wasm32-unknown-unknown) so a build without that section still validates.
# It takes ~6 s, so it is skipped when its input is the one it optimised last time.
if ! cmp -s "$RAW/dynamodb_mate_bg.wasm" "$RAW/last-optimised-input.wasm" || [ ! -f "$OUT/dynamodb_mate_bg.wasm" ]; then
  node_modules/.bin/wasm-opt -Oz \
    --enable-bulk-memory --enable-bulk-memory-opt --enable-call-indirect-overlong --enable-multivalue \
    --enable-mutable-globals --enable-nontrapping-float-to-int --enable-reference-types --enable-sign-ext \
    --enable-simd "$RAW/dynamodb_mate_bg.wasm" -o "$OUT/dynamodb_mate_bg.wasm"
  cp "$RAW/dynamodb_mate_bg.wasm" "$RAW/last-optimised-input.wasm"
fi

# The optimised module must still load and run through the glue.
node --input-type=module -e "
  import { readFileSync } from 'node:fs';
  import { initSync, sha256Hex } from './$OUT/dynamodb_mate.js';
  initSync({ module: readFileSync('$OUT/dynamodb_mate_bg.wasm') });
  const hex = sha256Hex(new Uint8Array());
  if (hex !== 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855') throw new Error('bad wasm: ' + hex);
"

node scripts/build-package.mjs

node --input-type=module -e "
  import { readFileSync } from 'node:fs';
  import { gzipSync } from 'node:zlib';
  const wasm = readFileSync('pkg/dist/dynamodb_mate_bg.wasm');
  console.log('wasm size: ' + wasm.length + ' bytes raw, ' + gzipSync(wasm, { level: 9 }).length + ' bytes gzip');
"
