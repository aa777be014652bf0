#!/usr/bin/env bash
# Measures the shipped .wasm size (after wasm-bindgen and wasm-opt -Oz, raw and gzip -9) for the
# candidate optimisation profiles, each built in its own target dir. Needs scripts/build.sh run once.
#   bash bench/wasm-size.sh
set -euo pipefail
cd "$(dirname "$0")/.."

measure() {
  local name=$1
  shift
  local dir="target/size-$name"
  cargo build --quiet --target wasm32-unknown-unknown --release --target-dir "$dir" "$@"
  wasm-bindgen --target web --remove-name-section --remove-producers-section --no-typescript \
    --out-dir "$dir/bindgen" "$dir/wasm32-unknown-unknown/release/dynamodb_mate.wasm"
  node_modules/.bin/wasm-opt -Oz --all-features "$dir/bindgen/dynamodb_mate_bg.wasm" -o "$dir/opt.wasm"
  printf '%-34s %9d %9d\n' "$name" "$(stat -c %s "$dir/opt.wasm")" "$(gzip -9c "$dir/opt.wasm" | wc -c)"
}

printf '%-34s %9s %9s\n' profile raw gzip
measure "s, zlib-rs at 3 (shipped)"
measure "s everywhere" --config 'profile.release.package.zlib-rs.opt-level="s"'
measure "z everywhere" --config 'profile.release.opt-level="z"' --config 'profile.release.package.zlib-rs.opt-level="z"'
measure "3 everywhere" --config 'profile.release.opt-level=3'
