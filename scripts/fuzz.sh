#!/usr/bin/env bash
# Fuzzes every decoder of the codec core with cargo-fuzz (libFuzzer + AddressSanitizer, debug
# assertions on): SECONDS each (default 25), one target after another; TARGET... picks some.
# Prints one line per target, `fuzz <target>: 1 passed, 0 failed (<runs> runs)`, which scripts/test.sh
# counts; a crash, a panic, a leak, a slow input or an allocation over the limits is a failure, and
# its input is left in fuzz/artifacts/<target>/ (reproduce: `scripts/fuzz.sh repro <target> <file>`).
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#   scripts/fuzz.sh repro TARGET FILE
set -uo pipefail
cd "$(dirname "$0")/.."
# cargo-fuzz passes -Z flags (sanitizer, coverage); this lets the stable toolchain accept them, so no
# nightly is needed.
export RUSTC_BOOTSTRAP=1
export CARGO_TERM_COLOR=never

if [ "${1:-}" = repro ]; then
  exec cargo fuzz run --debug-assertions "$2" "$3"
fi

seconds=${1:-25}
shift || true
mapfile -t targets < <(if [ $# -gt 0 ]; then printf '%s\n' "$@"; else cargo fuzz list; fi)
if [ "${#targets[@]}" -eq 0 ] || ! cargo fuzz build --debug-assertions; then
  echo "fuzz build: 0 passed, 1 failed"
  exit 1
fi
node fuzz/seed-corpus.mjs fuzz/corpus
mkdir -p target/fuzz-logs

status=0
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  dict=()
  case $t in pyjson | item) dict=(-dict=fuzz/json.dict) ;; esac
  log="target/fuzz-logs/$t.log"
  # rss/malloc limits: no input of at most 4 KiB may need more (the gzip target's output cap is 1 MiB).
  cargo fuzz run --debug-assertions "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=1024 -malloc_limit_mb=256 \
    -print_final_stats=1 "${dict[@]}" >"$log" 2>&1
  rc=$?
  runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -1)
  if [ "$rc" -eq 0 ]; then
    echo "fuzz $t: 1 passed, 0 failed (${runs:-0} runs in ${seconds} s)"
  else
    status=1
    grep -E 'panicked|ERROR: |SUMMARY|Test unit written|out-of-memory|malloc\(' "$log" | head -20
    echo "fuzz $t: 0 passed, 1 failed (exit $rc; log $log, input in fuzz/artifacts/$t/)"
  fi
done
exit $status
