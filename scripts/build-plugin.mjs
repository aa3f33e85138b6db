#!/usr/bin/env node
// Bundles the plugin (lit + idb + plugin code + the Emscripten glue) into build/plugin/kollega.js
// and copies kollega-core.wasm next to it. Usage: node scripts/build-plugin.mjs [--no-minify]
import { build, transform } from 'esbuild';
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'build/plugin');
const wasmDir = join(root, 'build/wasm');

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

/** Builds the plugin; returns `{js, wasm, sizes}` with raw and gzip byte counts. */
export async function buildPlugin({ minify = true, quiet = false } = {}) {
  for (const file of ['kollega-core.mjs', 'kollega-core.wasm']) {
    if (!(await exists(join(wasmDir, file)))) {
      throw new Error(`build/wasm/${file} is missing: run \`make wasm\` first.`);
    }
  }
  await mkdir(outDir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['plugin/src/index.js'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify,
    sourcemap: false,
    legalComments: 'eof',
    plugins: [minifiedCssText(minify)],
    outfile: join(outDir, 'kollega.js'),
    metafile: true,
    logLevel: quiet ? 'error' : 'warning',
  });
  await writeFile(join(outDir, 'meta.json'), JSON.stringify(result.metafile, null, 1));
  await copyFile(join(wasmDir, 'kollega-core.wasm'), join(outDir, 'kollega-core.wasm'));

  const sizes = {};
  for (const file of ['kollega.js', 'kollega-core.wasm']) {
    const bytes = await readFile(join(outDir, file));
    sizes[file] = { bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  }
  // What each input contributes to kollega.js (minified bytes, before gzip), grouped.
  const output = result.metafile.outputs[relative(root, join(outDir, 'kollega.js'))];
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
  }
  return sizes;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildPlugin({ minify: !process.argv.includes('--no-minify') }).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
