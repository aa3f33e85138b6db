#!/usr/bin/env node
// Bundles the plugin (lit + idb + plugin code + the Emscripten glue) into build/plugin/kollega.js,
// the admin page's editor into a separate build/plugin/kollega-admin.js and the coach dashboard
// into build/plugin/kollega-coach.js (so learners never load either), the learner's lazily loaded
// session views into build/plugin/kollega-activities.js (with kollega-session.wasm: loaded by a
// dynamic import when a learner opens one, never in the first load), the group formation view into
// build/plugin/kollega-groups.js with its Web Worker build/plugin/kollega-groups-worker.js, the LMS
// host bundles, copies the wasm modules next to them and the built-in programs (programs/*.json, plus an
// index.json for the editor's picker) into build/plugin/programs/.
// Usage: node scripts/build-plugin.mjs [--no-minify]
import { build, transform } from 'esbuild';
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { programFiles, programsIndex } from './programs-index.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'build/plugin');
const wasmDir = join(root, 'build/wasm');
const programsDir = join(root, 'programs');

/**
 * The bundles: the learner's (the only one counted in the first-load size), the learner's lazily
 * loaded activities, the admin page's, the coach's, the group formation view's with its module
 * worker (which loads kollega-groups.wasm), and the LMS host bundles.
 */
export const ENTRIES = [
  { entry: 'plugin/src/index.js', file: 'kollega.js', meta: 'meta.json' },
  { entry: 'plugin/src/activities.js', file: 'kollega-activities.js', meta: 'meta-activities.json' },
  { entry: 'plugin/src/admin.js', file: 'kollega-admin.js', meta: 'meta-admin.json' },
  { entry: 'plugin/src/coach.js', file: 'kollega-coach.js', meta: 'meta-coach.json' },
  { entry: 'plugin/src/groups.js', file: 'kollega-groups.js', meta: 'meta-groups.json' },
  { entry: 'plugin/src/kollega-groups/groups-worker.js', file: 'kollega-groups-worker.js', meta: 'meta-groups-worker.json' },
  // LMS host bundles, imported by select-host.js only when <kollega-app host="…"> asks (docs/hosts.md).
  { entry: 'plugin/src/hosts/scorm.js', file: 'kollega-scorm.js', meta: 'meta-scorm.json' },
  // The cmi5 host; it also exports XapiStore for a page that keeps events in an LRS without cmi5.
  { entry: 'plugin/src/hosts/cmi5.js', file: 'kollega-cmi5.js', meta: 'meta-cmi5.json' },
];

/** The wasm modules (each with its Emscripten glue, `.mjs`, bundled into its JS). */
const WASM_FILES = ['kollega-core.wasm', 'kollega-coach-core.wasm', 'kollega-session.wasm', 'kollega-groups.wasm'];

async function exists(path) {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** `.css` files become text modules (for Lit's unsafeCSS), minified when the bundle is. */
function minifiedCssText(minify) {
  return {
    name: 'css-text',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /\.css$/ }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        const contents = minify ? (await transform(source, { loader: 'css', minify: true, target: 'chrome90' })).code : source;
        return { contents, loader: 'text' };
      });
    },
  };
}

/** Builds the plugin; returns `{'kollega.js', 'kollega-activities.js', 'kollega-admin.js', 'kollega-coach.js', 'kollega-core.wasm', 'kollega-session.wasm', 'kollega-groups.js', 'kollega-groups-worker.js', 'kollega-groups.wasm': {bytes, gzipBytes}, inputs}`. */
export async function buildPlugin({ minify = true, quiet = false } = {}) {
  for (const file of WASM_FILES.flatMap((f) => [f.replace(/\.wasm$/, '.mjs'), f])) {
    if (!(await exists(join(wasmDir, file)))) {
      throw new Error(`build/wasm/${file} is missing: run \`make wasm\` first.`);
    }
  }
  await mkdir(outDir, { recursive: true });
  const metafiles = {};
  for (const { entry, file, meta } of ENTRIES) {
    const result = await build({
      absWorkingDir: root,
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2020',
      minify,
      sourcemap: false,
      legalComments: 'eof',
      plugins: [minifiedCssText(minify)],
      outfile: join(outDir, file),
      metafile: true,
      logLevel: quiet ? 'error' : 'warning',
    });
    metafiles[file] = result.metafile;
    await writeFile(join(outDir, meta), JSON.stringify(result.metafile, null, 1));
  }
  for (const file of WASM_FILES) await copyFile(join(wasmDir, file), join(outDir, file));
  await copyPrograms();

  const sizes = {};
  for (const file of ['kollega.js', 'kollega-activities.js', 'kollega-admin.js', 'kollega-coach.js', 'kollega-groups.js', 'kollega-groups-worker.js', 'kollega-core.wasm', 'kollega-session.wasm', 'kollega-groups.wasm']) {
    const bytes = await readFile(join(outDir, file));
    sizes[file] = { bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  }
  // What each input contributes to kollega.js (minified bytes, before gzip), grouped.
  const output = metafiles['kollega.js'].outputs[relative(root, join(outDir, 'kollega.js'))];
  const groups = {};
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const group = input.startsWith('node_modules/')
      ? input.split('/').slice(1, input.startsWith('node_modules/@') ? 3 : 2).join('/')
      : input.endsWith('.css')
        ? 'plugin css'
        : input.startsWith('build/wasm/')
          ? 'emscripten glue'
          : 'plugin js';
    groups[group] = (groups[group] ?? 0) + bytesInOutput;
  }
  sizes.inputs = groups;
  if (!quiet) {
    const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
    for (const file of ['kollega.js', 'kollega-core.wasm']) {
      console.log(`build/plugin/${file}: ${kb(sizes[file].bytes)} (${kb(sizes[file].gzipBytes)} gzip)`);
    }
    for (const [group, bytes] of Object.entries(groups).sort((a, b) => b[1] - a[1])) {
      console.log(`  ${group.padEnd(18)} ${kb(bytes)}`);
    }
    for (const file of ['kollega-activities.js', 'kollega-session.wasm']) {
      console.log(`build/plugin/${file}: ${kb(sizes[file].bytes)} (${kb(sizes[file].gzipBytes)} gzip) — loaded when a learner opens a session view, not in the first load`);
    }
    const admin = sizes['kollega-admin.js'];
    console.log(`build/plugin/kollega-admin.js: ${kb(admin.bytes)} (${kb(admin.gzipBytes)} gzip) — admin page only, not in the learner's first load`);
    const coach = sizes['kollega-coach.js'];
    console.log(`build/plugin/kollega-coach.js: ${kb(coach.bytes)} (${kb(coach.gzipBytes)} gzip) — coach page only, not in the learner's first load`);
    for (const file of ['kollega-groups.js', 'kollega-groups-worker.js', 'kollega-groups.wasm']) {
      console.log(`build/plugin/${file}: ${kb(sizes[file].bytes)} (${kb(sizes[file].gzipBytes)} gzip) — group formation page only`);
    }
  }
  return sizes;
}

/** Copies programs/*.json to build/plugin/programs/ and writes the picker's index.json there. */
async function copyPrograms() {
  const target = join(outDir, 'programs');
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  for (const file of programFiles(programsDir)) await copyFile(join(programsDir, file), join(target, file));
  await writeFile(join(target, 'index.json'), JSON.stringify(programsIndex(programsDir), null, 1) + '\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildPlugin({ minify: !process.argv.includes('--no-minify') }).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
