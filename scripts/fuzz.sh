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

# Throughput (measured, docs/building.md): inputs up to 2 KB, no malloc stack traces (a
# finding still reports where it happened), and FUZZ_JOBS parallel jobs sharing the corpus,
# each doing RUNS / FUZZ_JOBS executions.
jobs=${FUZZ_JOBS:-1}
per_job=$runs
[ "$runs" -gt 0 ] && per_job=$(( (runs + jobs - 1) / jobs ))
rm -f $build/fuzz-*.log $build/fuzz.log $build/fuzz-main.out
set +e
(cd $build && ASAN_OPTIONS=malloc_context_size=0 ./program_fuzzer corpus seeds -dict="$OLDPWD/tests/fuzz/program.dict" \
  -max_len=2048 -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -artifact_prefix=findings/ \
  -runs="$per_job" -print_final_stats=1 -jobs="$jobs" -workers="$jobs" >fuzz-main.out 2>&1)
status=$?
set -e
logs=$(ls $build/fuzz-*.log)
executed=$(cat $logs | grep -h 'stat::number_of_executed_units' | awk '{s+=$2} END {print s+0}')
took=$(cat $logs | grep -Eo 'Done [0-9]+ runs in [0-9]+ second' | grep -Eo '[0-9]+ second' | grep -Eo '[0-9]+' | sort -n | tail -1)
if [ $status -ne 0 ] || cat $logs | grep -q 'ERROR: \|SUMMARY: '; then
  tail -40 $logs $build/fuzz-main.out
  echo "fuzz: FINDING — see $build/fuzz-*.log and $build/findings/" >&2
  exit 1
fi
echo "fuzz: ${executed} executions in ${took:-?} s ($jobs job(s)), no finding"
