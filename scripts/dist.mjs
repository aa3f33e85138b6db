#!/usr/bin/env node
// `make dist`: the release bundle in dist/ (what an admin uploads next to an LMS page) and
// the size report of everything the first load fetches.
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPlugin } from './build-plugin.mjs';
import { FIRST_LOAD_GOAL_BYTES, sizeReport, sizeTable } from './sizes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

await buildPlugin({ quiet: true });
rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'kollega/programs'), { recursive: true });
for (const f of ['kollega.js', 'kollega-core.wasm', 'kollega-activities.js', 'kollega-session.wasm', 'kollega-admin.js', 'kollega-coach.js', 'kollega-coach-core.wasm']) copyFileSync(join(root, 'build/plugin', f), join(dist, 'kollega', f));
for (const f of readdirSync(join(root, 'programs')).filter((f) => f.endsWith('.json'))) copyFileSync(join(root, 'programs', f), join(dist, 'kollega/programs', f));
writeFileSync(join(dist, 'kollega/snippet.html'),
  '<script type="module" src="kollega/kollega.js"></script>\n' +
  '<kollega-app program="kollega/programs/leaders-learning-group.json"></kollega-app>\n');

const report = sizeReport(root, join(dist, 'kollega'));
writeFileSync(join(dist, 'size-report.json'), JSON.stringify(report, null, 2) + '\n');
console.log('dist/kollega/: kollega.js, kollega-core.wasm, kollega-activities.js + kollega-session.wasm (the session views, loaded on first use), kollega-admin.js (the program editor), kollega-coach.js + kollega-coach-core.wasm (the coach dashboard), programs/, snippet.html\n');
console.log(sizeTable(report));
if (report.firstLoadGzipBytes > FIRST_LOAD_GOAL_BYTES) {
  console.error(`\nfirst load is ${report.firstLoadGzipBytes} gzip bytes, over the goal of ${FIRST_LOAD_GOAL_BYTES}`);
  process.exitCode = 1;
}
