#!/usr/bin/env node
// `make dist`: the release bundle in dist/ (what an admin uploads next to an LMS page), the LMS
// packages (scripts/package.mjs: kollega-scorm12.zip, kollega-scorm2004.zip, kollega-cmi5.zip) carrying one program
// (`make dist PROGRAM=<built-in id or file>`, default leaders-learning-group) and the size report
// of everything the first load fetches. Usage: node scripts/dist.mjs [--program id|file]
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPlugin } from './build-plugin.mjs';
import { FIRST_LOAD_GOAL_BYTES, sizeReport, sizeTable } from './sizes.mjs';
import { buildPackages } from './package.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

await buildPlugin({ quiet: true });
rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'kollega/programs'), { recursive: true });
const programArg = process.argv.indexOf('--program');
const program = (programArg >= 0 ? process.argv[programArg + 1] : process.env.PROGRAM) || undefined;
for (const f of ['kollega.js', 'kollega-core.wasm', 'kollega-activities.js', 'kollega-session.wasm', 'kollega-admin.js', 'kollega-coach.js', 'kollega-coach-core.wasm', 'kollega-groups.js', 'kollega-groups-worker.js', 'kollega-groups.wasm', 'kollega-scorm.js', 'kollega-cmi5.js']) copyFileSync(join(root, 'build/plugin', f), join(dist, 'kollega', f));
for (const f of readdirSync(join(root, 'programs')).filter((f) => f.endsWith('.json'))) copyFileSync(join(root, 'programs', f), join(dist, 'kollega/programs', f));
writeFileSync(join(dist, 'kollega/snippet.html'),
  '<script type="module" src="kollega/kollega.js"></script>\n' +
  '<kollega-app program="kollega/programs/leaders-learning-group.json"></kollega-app>\n');

const packages = buildPackages({ program, outDir: dist });

const report = sizeReport(root, join(dist, 'kollega'));
writeFileSync(join(dist, 'size-report.json'), JSON.stringify(report, null, 2) + '\n');
console.log('dist/kollega/: kollega.js, kollega-core.wasm, kollega-activities.js + kollega-session.wasm (the session views, loaded on first use), kollega-admin.js (the program editor), kollega-coach.js + kollega-coach-core.wasm (the coach dashboard), kollega-groups.js + kollega-groups-worker.js + kollega-groups.wasm (group formation), kollega-scorm.js (the SCORM host), kollega-cmi5.js (the cmi5 host and xAPI store), programs/, snippet.html');
for (const p of packages) console.log(`dist/${p.file.split('/').pop()}: ${p.entries} files, ${p.bytes} bytes, program ${p.program}`);
console.log('');
console.log(sizeTable(report));
if (report.firstLoadGzipBytes > FIRST_LOAD_GOAL_BYTES) {
  console.error(`\nfirst load is ${report.firstLoadGzipBytes} gzip bytes, over the goal of ${FIRST_LOAD_GOAL_BYTES}`);
  process.exitCode = 1;
}
