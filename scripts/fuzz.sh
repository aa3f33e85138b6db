#!/usr/bin/env bash
# Builds and runs the libFuzzer target (tests/fuzz/program_fuzzer.cpp) with clang, ASan and
# UBSan. Usage: scripts/fuzz.sh SECONDS [RUNS]: stops after SECONDS or RUNS executions,
# whichever comes first. `make test` runs it briefly, `make fuzz` long (docs/building.md).
# Exits non-zero on any finding; crash inputs land in build/fuzz/findings/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
runs=${2:--1}
build=${FUZZ_BUILD:-build/fuzz}

CC=clang CXX=clang++ cmake -S . -B $build -G Ninja -DKOLLEGA_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build $build

# Seeds: every fixture program and built-in as they are; event logs behind the selector bytes
# 2 (pathView over a fixed program) and 3 (completeStep); a program behind byte 1 (its fold).
seeds=$build/seeds
rm -rf "$seeds" && mkdir -p "$seeds" $build/corpus $build/findings
cp tests/fixtures/programs/valid/*.json tests/fixtures/programs/invalid/*.json "$seeds"/ 2>/dev/null || true
cp programs/*.json "$seeds"/ 2>/dev/null || true
rm -f "$seeds"/expected.json "$seeds"/index.json "$seeds"/deep-nesting.json  # deep-nesting: covered by a unit test
for f in tests/fixtures/paths/cases/*.jsonl; do
  { printf '\002'; cat "$f"; } > "$seeds/events-$(basename "$f")"
  { printf '\003'; cat "$f"; } > "$seeds/complete-$(basename "$f")"
done
{ printf '\001'; cat tests/fixtures/paths/cases/unlocks.json; } > "$seeds/fold-unlocks.json"

log=$build/fuzz.log
set +e
"$build/program_fuzzer" $build/corpus "$seeds" -dict=tests/fuzz/program.dict -max_len=8192 \
  -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -artifact_prefix=$build/findings/ \
  -runs="$runs" -print_final_stats=1 >"$log" 2>&1
status=$?
set -e
executed=$(grep -h 'stat::number_of_executed_units' "$log" | awk '{print $2}')
took=$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | grep -Eo '[0-9]+ second' | grep -Eo '[0-9]+')
if [ $status -ne 0 ] || grep -q 'ERROR: \|SUMMARY: ' "$log"; then
  tail -40 "$log"
  echo "fuzz: FINDING — see $log and $build/findings/" >&2
  exit 1
fi
echo "fuzz: ${executed:-?} executions in ${took:-?} s, no finding (log: $log)"
