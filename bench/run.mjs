#!/usr/bin/env node
// `make bench`: the same core workload natively and in wasm (bench/bench_core.cpp built
// twice), the bundle sizes, and the time from navigation to the first rendered path in
// Chromium. Prints a Markdown report and writes it to build/bench/report.md; copy the
// figures into docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { buildPlugin } from '../scripts/build-plugin.mjs';
import { sizeReport, sizeTable } from '../scripts/sizes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => JSON.parse(execFileSync(cmd, args, { cwd: root, encoding: 'utf8' }).trim().split('\n').pop());

const native = run(join(root, 'build/native/kollega_bench'), []);
const wasm = run(process.execPath, [join(root, 'build/wasm/kollega_bench.cjs')]);
// Group formation (issue 5): time to the first zero-repeat schedule, both builds.
const groupsNative = run(join(root, 'build/native/kollega_bench_groups'), []);
const groupsWasm = run(process.execPath, [join(root, 'build/wasm/kollega_bench_groups.cjs')]);
await buildPlugin({ quiet: true });
const sizes = sizeReport(root);
const browser = run(process.execPath, [join(root, 'bench/browser-first-render.mjs')]);

const f = (x) => x.toFixed(2);
function groupsTable(nat, was) {
  const goals = {
    '5-3-7': ['≤ 50 ms', (ms) => ms <= 50],
    '8-4-9': ['≤ 1 s median', (ms) => ms <= 1000],
    '8-4-10': ['found within 60 s', (ms, solved) => solved > 0 && ms <= 60000],
    'roster-200': ['≤ 1 s in wasm', (ms) => ms <= 1000],
  };
  const rows = nat.instances.map((n) => {
    const w = was.instances.find((x) => x.name === n.name) ?? { medianMs: NaN, solved: 0, seeds: 0 };
    const goal = goals[n.name];
    const verdict = goal ? `${goal[0]}: ${goal[1](w.medianMs, w.solved) ? 'met' : 'MISSED'}` : '—';
    const left = n.unsolvedBestRepeatsSquared >= 0 ? ` (unsolved: best repeats² ${n.unsolvedBestRepeatsSquared})` : '';
    return `| ${n.name} | ${n.people} × ${n.rounds} | ${n.method}${left} | ${f(n.medianMs)} (${n.solved}/${n.seeds}) | ${f(w.medianMs)} (${w.solved}/${w.seeds}) | ${verdict} |`;
  });
  return ['| instance | people × rounds | found by | native median ms (solved) | wasm median ms (solved) | goal (wasm) |',
    '|---|---:|---|---:|---:|---|', ...rows].join('\n');
}
const report = `## Results of \`make bench\` (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0].model.trim()}, node ${process.version})

### Core workload: ${native.workload}

Median of 15 runs after one warm-up; JSON in and JSON out through the api facade, as the
plugin calls it. wasm: the same source built by emcc with the shipped module's flags (-O2, wasm exceptions) and run
under node.

| measure | native | wasm | wasm / native |
|---|---:|---:|---:|
| pathView (ms) | ${f(native.pathViewMedianMs)} | ${f(wasm.pathViewMedianMs)} | ${f(wasm.pathViewMedianMs / native.pathViewMedianMs)}× |
| validateProgram (ms) | ${f(native.validateMedianMs)} | ${f(wasm.validateMedianMs)} | ${f(wasm.validateMedianMs / native.validateMedianMs)}× |

### Cohort (issue 4 goals: fold ≤ 50 ms and export ≤ 100 ms in wasm; wasm within 1.5× of native)

Median of 9 runs. The fold takes parsed events (a log is parsed once; see pathView above for
what JSON costs); each result is freed after the runs, outside the timing.

| measure | native | wasm | wasm / native | goal (wasm) |
|---|---:|---:|---:|---|
| ${native.foldWorkload} (ms) | ${f(native.foldMedianMs)} | ${f(wasm.foldMedianMs)} | ${f(wasm.foldMedianMs / native.foldMedianMs)}× | ≤ 50 ms: ${wasm.foldMedianMs <= 50 ? 'met' : 'MISSED'} |
| ${native.exportWorkload} (ms) | ${f(native.exportMedianMs)} | ${f(wasm.exportMedianMs)} | ${f(wasm.exportMedianMs / native.exportMedianMs)}× | ≤ 100 ms: ${wasm.exportMedianMs <= 100 ? 'met' : 'MISSED'} |

### Group formation (issue 5): time to the first schedule with zero repeats

Median over the seeds shown (an unsolved run counts at its cap; the slow instances run 3 seeds); every hard constraint met. wasm: the same
source (engine at -O3) under node.

${groupsTable(groupsNative, groupsWasm)}

### Sizes (gzip -9)

${sizeTable(sizes)}

### Browser: navigation to the first rendered path (Chromium, headless, demo page)

Median of ${browser.runs.length} fresh browser contexts: **${f(browser.medianMs)} ms** (runs: ${browser.runs.map(f).join(', ')}).
`;
mkdirSync(join(root, 'build/bench'), { recursive: true });
writeFileSync(join(root, 'build/bench/report.md'), report);
console.log(report);
