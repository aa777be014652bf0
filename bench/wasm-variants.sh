#!/usr/bin/env bash
# Builds the wasm core in candidate configurations, each as shipped (cargo release -> wasm-bindgen
# -> wasm-opt -Oz) in its own target dir, and prints their sizes; then
#   node bench/wasm-variants.mjs
# times their wasm paths against each other in one process. docs/build-choices.md holds the
# results. Needs scripts/build.sh run once (tools, node_modules).
#   bash bench/wasm-variants.sh [name...]     (default: every variant below)
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=$PWD/target/variants
CRYPTO_O3=()
for p in aes polyval sha2 md-5 ghash; do CRYPTO_O3+=(--config "profile.release.package.$p.opt-level=3"); done

# build NAME MANIFEST RUSTFLAGS [cargo arguments...]
build() {
  local name=$1 manifest=$2 rustflags=$3
  shift 3
  local dir="$OUT/$name"
  mkdir -p "$dir"
  RUSTFLAGS="$rustflags" cargo build --quiet --offline --target wasm32-unknown-unknown --release \
    --manifest-path "$manifest" --target-dir "$dir/cargo" "$@"
  wasm-bindgen --target web --remove-name-section --remove-producers-section --no-typescript \
    --out-dir "$dir" "$dir/cargo/wasm32-unknown-unknown/release/dynamodb_mate.wasm"
  # The features scripts/build.sh names (what Node 20 and browsers run), plus SIMD for +simd128.
  local features=(--enable-bulk-memory --enable-bulk-memory-opt --enable-call-indirect-overlong --enable-multivalue
    --enable-mutable-globals --enable-nontrapping-float-to-int --enable-reference-types --enable-sign-ext)
  [[ $rustflags == *simd128* ]] && features+=(--enable-simd)
  node_modules/.bin/wasm-opt -Oz "${features[@]}" "$dir/dynamodb_mate_bg.wasm" -o "$dir/opt.wasm"
  printf '%-14s %9d %9d %9d\n' "$name" "$(stat -c %s "$dir/opt.wasm")" "$(gzip -9c "$dir/opt.wasm" | wc -c)" \
    "$(node -p "require('zlib').brotliCompressSync(require('fs').readFileSync('$dir/opt.wasm')).length")"
}

# copy NAME: a copy of the crate to edit for variant NAME; prints its directory.
copy() {
  local src="$OUT/$1-src"
  rm -rf "$src" && mkdir -p "$src" && cp -r Cargo.toml Cargo.lock src tests README.md "$src/"
  echo "$src"
}

variant() {
  case $1 in
    shipped) build shipped Cargo.toml "" ;;
    simd) build simd Cargo.toml "-C target-feature=+simd128" ;;
    simd-crypto3) build simd-crypto3 Cargo.toml "-C target-feature=+simd128" "${CRYPTO_O3[@]}" ;;
    s-all) build s-all Cargo.toml "" --config 'profile.release.package.zlib-rs.opt-level="s"' ;;
    z-all) build z-all Cargo.toml "" --config 'profile.release.opt-level="z"' --config 'profile.release.package.zlib-rs.opt-level="z"' ;;
    o3-all) build o3-all Cargo.toml "-C target-feature=+simd128" --config 'profile.release.opt-level=3' ;;
    aes-compact) build aes-compact Cargo.toml '--cfg aes_backend_soft="compact"' ;;
    miniz)
      # flate2's other deflate backend: a copy of the crate with its Cargo.toml switched to it.
      local src; src=$(copy miniz)
      sed -i 's/features = \["zlib-rs"\]/features = ["rust_backend"]/' "$src/Cargo.toml"
      build miniz "$src/Cargo.toml" "-C target-feature=+simd128" ;;
    # The split of the module (issue 15): what ships as dynamodb_mate_bg.wasm and as the codec-only
    # dynamodb_mate_codec_bg.wasm, then the codec-only module without the two Python JSON exports
    # (the JSON kinds of encrypt/compress and CTR's envelope still parse and write Python JSON), and
    # the floor: gzip, hashes, ECB and the aead envelope over bytes (bench/wasm-variant-deflate-crypto.rs).
    full) build full Cargo.toml "-C target-feature=+simd128" ;;
    codec) build codec Cargo.toml "-C target-feature=+simd128" --no-default-features ;;
    codec-nojson)
      local src; src=$(copy codec-nojson)
      python3 - "$src/src/wasm.rs" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
text, n = re.subn(r'#\[wasm_bindgen\(js_name = pythonJson(Dumps|Loads)\)\]\npub fn .*?\n}\n', '', text, flags=re.S)
assert n == 2, n
open(path, 'w').write(text)
PY
      build codec-nojson "$src/Cargo.toml" "-C target-feature=+simd128" --no-default-features ;;
    deflate-crypto)
      local src; src=$(copy deflate-crypto)
      cp bench/wasm-variant-deflate-crypto.rs "$src/src/wasm.rs"
      build deflate-crypto "$src/Cargo.toml" "-C target-feature=+simd128" --no-default-features ;;
    *) echo "unknown variant $1" >&2; exit 2 ;;
  esac
}

printf '%-14s %9s %9s %9s\n' variant raw gzip brotli
for name in ${@:-shipped simd simd-crypto3 s-all z-all o3-all aes-compact miniz full codec codec-nojson deflate-crypto}; do variant "$name"; done
