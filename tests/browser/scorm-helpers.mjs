// Set-up for the SCORM browser tests: build the plugin and the two packages (scripts/package.mjs,
// as `make dist` does), unzip them next to the test LMS page (tests/browser/scorm-host/) and
// scorm-again's browser builds, serve that folder on 127.0.0.1 and start Chromium.
import { chromium } from 'playwright-core';
import { unzipSync } from 'fflate';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPlugin } from '../../scripts/build-plugin.mjs';
import { buildPackages } from '../../scripts/package.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser-helpers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Unzips `zipFile` into `dir`; returns the entry names. */
export function unzipTo(zipFile, dir) {
  const entries = unzipSync(readFileSync(zipFile));
  for (const [name, data] of Object.entries(entries)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  return Object.keys(entries);
}

/** Builds, packages, unzips, serves; returns `{url(path), browser, packages, stop()}`. */
export async function startScormLab({ program } = {}) {
  await buildPlugin({ quiet: true });
  const work = mkdtempSync(join(tmpdir(), 'kollega-scorm-'));
  const web = join(work, 'web');
  mkdirSync(web);
  const packages = buildPackages({ kinds: ['scorm12', 'scorm2004'], program, outDir: work });
  for (const p of packages) unzipTo(p.file, join(web, p.kind === 'scorm12' ? 'pkg12' : 'pkg2004'));
  for (const f of ['host.html', 'host.js']) copyFileSync(join(root, 'tests/browser/scorm-host', f), join(web, f));
  for (const f of ['scorm12.min.js', 'scorm2004.min.js']) copyFileSync(join(root, 'node_modules/scorm-again/dist', f), join(web, f));
  const server = await startServer({ port: 0, quiet: true, webRoot: web });
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  } catch (error) {
    await server.close();
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  return {
    browser,
    packages,
    url: (path = '') => new URL(path, server.url).href,
    async stop() {
      await browser.close().catch(() => {});
      await server.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
