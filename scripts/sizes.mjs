// Size report of what the first page load fetches, in gzip bytes (level 9), shared by
// `make dist` and `make bench`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const FIRST_LOAD_GOAL_BYTES = 150 * 1000;

const gz = (buf) => gzipSync(buf, { level: 9 }).length;

/** `{rows: [{what, file, bytes, gzipBytes}], firstLoadGzipBytes}` for a built plugin. */
export function sizeReport(root, pluginDir = join(root, 'build/plugin')) {
  const file = (p) => readFileSync(p);
  // The CSS inside the learner bundle, as esbuild's metafile lists its inputs.
  const meta = JSON.parse(readFileSync(join(root, 'build/plugin/meta.json'), 'utf8'));
  const learner = Object.entries(meta.outputs).find(([out]) => out.endsWith('kollega.js'))[1];
  const cssAll = Buffer.concat(Object.keys(learner.inputs).filter((f) => f.endsWith('.css')).map((f) => file(join(root, f))));
  const bundle = file(join(pluginDir, 'kollega.js'));
  const wasm = file(join(pluginDir, 'kollega-core.wasm'));
  const glue = file(join(root, 'build/wasm/kollega-core.mjs'));
  const rows = [
    { what: 'core wasm', file: 'kollega-core.wasm', bytes: wasm.length, gzipBytes: gz(wasm) },
    { what: 'Emscripten glue (inside kollega.js)', file: 'build/wasm/kollega-core.mjs', bytes: glue.length, gzipBytes: gz(glue) },
    { what: 'plugin CSS (inside kollega.js)', file: 'plugin/src/{theme,error-view,kollega-app}/*.css', bytes: cssAll.length, gzipBytes: gz(cssAll) },
    { what: 'plugin bundle: plugin JS + lit + idb + CSS + glue', file: 'kollega.js', bytes: bundle.length, gzipBytes: gz(bundle) },
  ];
  for (const [name, what] of [
    ['kollega-activities.js', "learner's session views (runner, forms, role-play, goals, schedule): loaded on first use, not in the first load"],
    ['kollega-session.wasm', 'session module (sessions, forms, goals, calendar): loaded with kollega-activities.js, not in the first load'],
    ['kollega-admin.js', 'admin page bundle (program editor; never loaded by learners)'],
    ['kollega-coach.js', 'coach dashboard bundle (never loaded by learners)'],
    ['kollega-coach-core.wasm', "coach's core: adds the cohort view and exports (never loaded by learners)"],
    ['kollega-scorm.js', 'SCORM host (loaded only by the SCORM packages: host scorm12 or scorm2004)'],
  ]) {
    const path = join(pluginDir, name);
    if (!existsSync(path)) continue;
    const a = file(path);
    rows.push({ what, file: name, bytes: a.length, gzipBytes: gz(a) });
  }
  return { rows, firstLoadGzipBytes: gz(wasm) + gz(bundle) };
}

/** The report as a Markdown table. */
export function sizeTable({ rows, firstLoadGzipBytes }) {
  const lines = ['| what | file | bytes | gzip bytes |', '|---|---|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.what} | \`${r.file}\` | ${r.bytes} | ${r.gzipBytes} |`);
  const verdict = firstLoadGzipBytes <= FIRST_LOAD_GOAL_BYTES ? 'within' : 'OVER';
  lines.push(`| **first load: kollega.js + kollega-core.wasm** | | | **${firstLoadGzipBytes}** (goal ≤ ${FIRST_LOAD_GOAL_BYTES}: ${verdict}) |`);
  return lines.join('\n');
}
