// Shared set-up for the browser tests: build the plugin, serve the demo in-process on
// 127.0.0.1:0, drive Debian's Chromium (never a downloaded browser).
import { chromium } from 'playwright-core';
import { buildPlugin } from '../../scripts/build-plugin.mjs';
import { startServer } from '../../scripts/serve.mjs';

export const CHROMIUM_PATH = process.env.KOLLEGA_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Builds the plugin, starts the server and Chromium. Returns `{server, browser, url(path), stop()}`. */
export async function startDemo({ build = true } = {}) {
  if (build) await buildPlugin({ quiet: true });
  const server = await startServer({ port: 0, quiet: true });
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    server,
    browser,
    url: (path = '') => new URL(path, server.url).href,
    async stop() {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}

/**
 * Opens a page that records page errors, console errors and CSP violations
 * (`securitypolicyviolation` events, registered before any page script runs).
 */
export async function openPage(context, url) {
  const page = await context.newPage();
  const problems = { pageErrors: [], consoleErrors: [] };
  page.on('pageerror', (error) => problems.pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample }),
    );
    // The element's documented events (they bubble and are composed, so document sees them).
    window.__kollegaEvents = [];
    for (const type of ['kollega-ready', 'kollega-step-completed', 'kollega-error']) {
      document.addEventListener(type, (e) => window.__kollegaEvents.push({ type, target: e.target.id, detail: e.detail }));
    }
  });
  page.problems = problems;
  if (url) page.lastResponse = await page.goto(url);
  return page;
}

/** The kollega-* events seen so far: `[{type, target, detail}]`. */
export function kollegaEvents(page) {
  return page.evaluate(() => window.__kollegaEvents);
}

/** Waits until the element (CSS selector for the host) shows its path; returns the step states. */
export async function waitForPath(page, host = 'kollega-app') {
  await page.locator(`${host} ol.steps li`).first().waitFor();
  return stepStates(page, host);
}

/** `{stepId: 'done'|'next'|'available'|'locked'}` as rendered. */
export function stepStates(page, host = 'kollega-app') {
  return page
    .locator(`${host} li.step`)
    .evaluateAll((items) => Object.fromEntries(items.map((li) => [li.dataset.stepId, li.dataset.status])));
}
