#!/usr/bin/env node
// Time from navigation start to the first rendered learning path (the `kollega:first-render`
// performance mark set by <kollega-app>), in headless Chromium, over fresh browser contexts
// (cold IndexedDB, cold HTTP cache). Prints JSON: {medianMs, runs: [...]}.
// Usage: node bench/browser-first-render.mjs [--runs 7] [--no-build]
import { startDemo, openPage } from '../tests/browser/browser-helpers.mjs';

const argv = process.argv.slice(2);
const runsArg = argv.indexOf('--runs');
const runs = runsArg >= 0 ? Number(argv[runsArg + 1]) : 7;
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const demo = await startDemo({ build: !argv.includes('--no-build') });
try {
  const times = [];
  // One warm-up run (Chromium start-up, OS file cache) that is not counted.
  for (let i = 0; i <= runs; i++) {
    const context = await demo.browser.newContext();
    try {
      const page = await openPage(context, demo.url('/'));
      const handle = await page.waitForFunction(
        () => performance.getEntriesByName('kollega:first-render')[0]?.startTime,
        undefined,
        { timeout: 30000 },
      );
      const ms = await handle.jsonValue();
      if (i > 0) times.push(Math.round(ms * 10) / 10);
    } finally {
      await context.close();
    }
  }
  console.log(
    JSON.stringify({
      medianMs: median(times),
      runs: times,
      page: '/ (web/index.html)',
      browser: `chromium ${demo.browser.version()}`,
    }),
  );
} finally {
  await demo.stop();
}
