// The demo LMS page in headless Chromium: keyboard completion, persistence, tabs, two copies of
// the script, error states, CSP without eval, axe WCAG 2.1 A/AA, Swedish.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { startDemo, openPage, waitForPath, stepStates, kollegaEvents } from './browser-helpers.mjs';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// programs/leaders-learning-group.json, the built-in program the demo page shows.
const INITIAL = {
  'ground-rules': 'next',
  'set-goal': 'locked',
  'first-meeting': 'locked',
  reflect: 'locked',
  'follow-up': 'locked',
  'look-back': 'locked',
};

let demo;

before(async () => {
  demo = await startDemo();
});

after(async () => {
  await demo?.stop();
});

/** Runs `fn(context)` in a fresh browser context (own IndexedDB and localStorage), then closes it. */
async function withContext(fn, options = {}) {
  const context = await demo.browser.newContext(options);
  try {
    return await fn(context);
  } finally {
    await context.close();
  }
}

async function assertAccessible(page, label) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  assert.deepEqual(summary, [], `axe violations in ${label}`);
  assert.ok(results.passes.length > 0, 'axe ran');
}

async function assertNoCspViolations(page) {
  const violations = await page.evaluate(() => window.__cspViolations);
  assert.deepEqual(violations, [], 'securitypolicyviolation events');
  const cspConsole = page.problems.consoleErrors.filter((m) => /Content Security Policy|unsafe-eval/i.test(m));
  assert.deepEqual(cspConsole, [], 'CSP messages on the console');
}

test('demo: the path renders with done/next/locked, progress and the who-can-see note', async () => {
  await withContext(async (context) => {
    const page = await openPage(context, demo.url('/'));
    assert.equal(page.lastResponse.status(), 200);
    assert.deepEqual(await waitForPath(page), INITIAL);
    const app = page.locator('kollega-app');
    await assert.doesNotReject(app.locator('h2', { hasText: "Leaders' learning group" }).waitFor());
    assert.equal(await app.locator('.progress-text').textContent(), '0 of 6 steps done');
    const bar = app.locator('[role="progressbar"]');
    assert.equal(await bar.getAttribute('aria-valuenow'), '0');
    assert.equal(await bar.getAttribute('aria-valuetext'), '0 of 6 steps done');
    assert.equal(await app.locator('section.kollega').getAttribute('aria-busy'), 'false');
    const locked = app.locator('li[data-step-id="set-goal"] .meta[data-reason="prerequisites"]');
    assert.equal(await locked.textContent(), 'Complete first: Agree on your ground rules');
    assert.equal(await app.locator('button[data-step]').count(), 1);
    assert.match(await app.locator('li[data-step-id="ground-rules"] .visibility').textContent(), /Your coach sees/);
    const mark = await page.evaluate(() => performance.getEntriesByName('kollega:first-render').length);
    assert.equal(mark, 1, 'performance mark kollega:first-render');
    const [ready, ...rest] = await kollegaEvents(page);
    assert.deepEqual(rest, []);
    assert.equal(ready.type, 'kollega-ready');
    assert.equal(ready.detail.programId, 'leaders-learning-group');
    assert.match(ready.detail.learner, /^local-[0-9a-f-]{36}$/);
    assert.deepEqual(ready.detail.progress, { done: 0, total: 6, percent: 0 });
    assert.equal(ready.detail.core.schemaVersion, 1);
    assert.deepEqual(page.problems.pageErrors, []);
  });
});

test('demo: host page CSS does not reach into the element (Shadow DOM)', async () => {
  await withContext(async (context) => {
    const page = await openPage(context, demo.url('/'));
    await waitForPath(page);
    const style = await page.locator('kollega-app button[data-step="ground-rules"]').evaluate((b) => {
      const s = getComputedStyle(b);
      return { transform: s.textTransform, border: s.borderTopStyle, font: s.fontFamily };
    });
    assert.equal(style.transform, 'none');
    assert.notEqual(style.border, 'dashed');
    assert.doesNotMatch(style.font, /Georgia/);
  });
});

test('demo: a step completed with the keyboard persists across reload and reaches a second tab', async () => {
  await withContext(async (context) => {
    const page = await openPage(context, demo.url('/'));
    const other = await openPage(context, demo.url('/'));
    await waitForPath(page);
    assert.deepEqual(await waitForPath(other), INITIAL);

    const completedEvents = page.evaluate(
      () =>
        new Promise((resolve) =>
          document.addEventListener('kollega-step-completed', (e) => resolve(e.detail), { once: true }),
        ),
    );
    const button = page.locator('kollega-app button[data-step="ground-rules"]');
    await button.focus();
    await page.keyboard.press('Enter');
    const detail = await completedEvents;
    assert.equal(detail.step, 'ground-rules');
    assert.equal(detail.event.type, 'step.completed');
    assert.deepEqual(detail.progress, { done: 1, total: 6, percent: 16 });

    await page.locator('kollega-app li[data-step-id="ground-rules"][data-status="done"]').waitFor();
    const after = { ...INITIAL, 'ground-rules': 'done', 'set-goal': 'next' };
    assert.deepEqual(await stepStates(page), after);
    const app = page.locator('kollega-app');
    assert.equal(await app.locator('.progress-text').textContent(), '1 of 6 steps done');
    assert.equal(await app.locator('[role="progressbar"]').getAttribute('aria-valuenow'), '16');
    assert.match(await app.locator('li[data-step-id="ground-rules"] .meta').textContent(), /^Completed \w+ \d+, \d{4}$/);
    assert.match(await app.locator('.status-line').textContent(), /“Agree on your ground rules” is marked as done\./);
    // Focus moved to the next step's button, so the keyboard user can carry on.
    const focused = await page.evaluate(() => document.querySelector('kollega-app').shadowRoot.activeElement?.dataset.step);
    assert.equal(focused, 'set-goal');
    await page.keyboard.press('Enter');
    await app.locator('li[data-step-id="set-goal"][data-status="done"]').waitFor();
    const afterTwo = { ...after, 'set-goal': 'done', 'first-meeting': 'next' };
    assert.deepEqual(await stepStates(page), afterTwo);

    // The other tab follows through the BroadcastChannel, without a reload.
    await other.locator('kollega-app li[data-step-id="set-goal"][data-status="done"]').waitFor({ timeout: 5000 });
    assert.deepEqual(await stepStates(other), afterTwo);

    await page.reload();
    assert.deepEqual(await waitForPath(page), afterTwo);
    assert.equal(await page.locator('kollega-app .progress-text').textContent(), '2 of 6 steps done');
    assert.deepEqual(page.problems.pageErrors, []);
  });
});

test('demo: a new browser profile starts from an empty path', async () => {
  await withContext(async (context) => {
    const page = await openPage(context, demo.url('/'));
    assert.deepEqual(await waitForPath(page), INITIAL);
  });
});

test('demo: two copies of the script on one page: defined once, wasm fetched once, no errors', async () => {
  await withContext(async (context) => {
    const page = await openPage(context, demo.url('/double-include.html'));
    assert.deepEqual(await waitForPath(page, '#first'), INITIAL);
    assert.deepEqual(await waitForPath(page, '#second'), INITIAL);
    assert.equal(await page.locator('#second h2').textContent(), 'Leergroep voor leidinggevenden');
    const scripts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => new URL(e.name).pathname + new URL(e.name).search)
        .filter((p) => p.startsWith('/kollega/')),
    );
    assert.ok(scripts.includes('/kollega/kollega.js') && scripts.includes('/kollega/kollega.js?copy=2'), scripts.join());
    assert.equal(scripts.filter((p) => p.endsWith('.wasm')).length, 1, 'kollega-core.wasm fetched once');
    assert.deepEqual(page.problems.pageErrors, []);
    await assertNoCspViolations(page);
  });
});

test('demo: an invalid program shows role=alert with the code and the JSON path', async () => {
  await withContext(async (context) => {
    const page = await openPage(context, demo.url('/broken.html'));
    const alert = page.locator('kollega-app [role="alert"]');
    await alert.waitFor();
    const text = await alert.textContent();
    assert.match(text, /unknown_reference/);
    assert.match(text, /\/program\/path\/steps\/1\/prerequisites\/1/);
    assert.match(text, /The learning path could not be shown/);
    assert.equal(await page.locator('kollega-app section.kollega').getAttribute('aria-busy'), 'false');
    const events = await kollegaEvents(page);
    assert.deepEqual(
      events.map((e) => [e.type, e.detail.code, e.detail.path]),
      [['kollega-error', 'unknown_reference', '/program/path/steps/1/prerequisites/1']],
    );
    await assertAccessible(page, 'the error state');
    await assertNoCspViolations(page);
  });
});

test('demo: a program that is not valid UTF-8 is refused, never silently repaired', async () => {
  await withContext(async (context) => {
    // The demo program with one byte broken: "\xc3\x28" is not UTF-8.
    await context.route('**/programs/leaders-learning-group.json', async (route) => {
      const body = Buffer.from((await (await route.fetch()).text()).replace("Leaders'", 'Leaders\u0000'), 'utf8');
      const broken = Buffer.concat([body.subarray(0, body.indexOf(0)), Buffer.from([0xc3, 0x28]), body.subarray(body.indexOf(0) + 1)]);
      await route.fulfill({ status: 200, contentType: 'application/json', body: broken });
    });
    const page = await openPage(context, demo.url('/'));
    const alert = page.locator('kollega-app [role="alert"]');
    await alert.waitFor();
    assert.equal(await alert.getAttribute('data-code'), 'program_load_failed');
    assert.match(await alert.textContent(), /not valid UTF-8/);
    assert.equal(await page.locator('kollega-app li.step').count(), 0);
  });
});

test('demo: a wasm URL that answers 404 shows a wasm_load_failed alert', async () => {
  await withContext(async (context) => {
    const page = await openPage(context, demo.url('/'));
    await waitForPath(page);
    await page.evaluate(() => {
      const app = document.createElement('kollega-app');
      app.id = 'no-wasm';
      app.setAttribute('wasm-url', '/kollega/missing-core.wasm');
      app.setAttribute('program', 'programs/leaders-learning-group.json');
      document.querySelector('main').append(app);
    });
    const alert = page.locator('#no-wasm [role="alert"]');
    await alert.waitFor({ timeout: 10000 });
    assert.equal(await alert.getAttribute('data-code'), 'wasm_load_failed');
    assert.match(await alert.textContent(), /wasm_load_failed/);
    assert.match(await alert.textContent(), /missing-core\.wasm/);
    // The element that loaded the right wasm is unaffected.
    assert.equal(await page.locator('kollega-app:not(#no-wasm) [role="alert"]').count(), 0);
  });
});

test('demo: blocked browser storage shows a storage_failed alert', async () => {
  await withContext(async (context) => {
    await context.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', {
        configurable: true,
        get: () => ({
          open() {
            throw new DOMException('The user denied permission to access the database.', 'SecurityError');
          },
        }),
      });
    });
    const page = await openPage(context, demo.url('/'));
    const alert = page.locator('kollega-app [role="alert"]');
    await alert.waitFor();
    assert.equal(await alert.getAttribute('data-code'), 'storage_failed');
    assert.match(await alert.textContent(), /Your progress could not be saved in this browser/);
    assert.deepEqual(page.problems.pageErrors, []);
  });
});

test('demo: the page runs under a CSP without unsafe-eval, with no violations', async () => {
  await withContext(async (context) => {
    const page = await openPage(context, demo.url('/'));
    const csp = page.lastResponse.headers()['content-security-policy'];
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.doesNotMatch(csp, /'unsafe-eval'/);
    await waitForPath(page);
    await page.locator('kollega-app button[data-step="ground-rules"]').click();
    await page.locator('kollega-app li[data-step-id="ground-rules"][data-status="done"]').waitFor();
    await assertNoCspViolations(page);
    assert.deepEqual(page.problems.pageErrors, []);
    assert.deepEqual(page.problems.consoleErrors, []);
  });
});

test('demo: axe finds no WCAG 2.1 A/AA violations in the loaded state', async () => {
  await withContext(async (context) => {
    const page = await openPage(context, demo.url('/'));
    await waitForPath(page);
    await page.locator('kollega-app button[data-step="ground-rules"]').click();
    await page.locator('kollega-app li[data-step-id="ground-rules"][data-status="done"]').waitFor();
    await assertAccessible(page, 'the loaded state (done, next, available, locked)');
  });
});

test('demo: the axe check sees inside the Shadow DOM (guard against a vacuous pass)', async () => {
  await withContext(async (context) => {
    const page = await openPage(context, demo.url('/'));
    await waitForPath(page);
    // A theme with unreadable muted text must be caught.
    await page.evaluate(() => document.querySelector('kollega-app').style.setProperty('--kollega-muted', '#c8c8c8'));
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    const contrast = results.violations.find((v) => v.id === 'color-contrast');
    assert.ok(contrast, 'color-contrast violation expected');
    assert.ok(contrast.nodes.some((n) => Array.isArray(n.target[0])), 'the failing nodes are inside the shadow root');
  });
});

test('demo: Swedish page renders Swedish strings and program texts, and passes axe', async () => {
  await withContext(async (context) => {
    const page = await openPage(context, demo.url('/?lang=sv'));
    assert.deepEqual(await waitForPath(page), INITIAL);
    const app = page.locator('kollega-app');
    assert.equal(await app.locator('h2').textContent(), 'Lärgrupp för ledare');
    assert.equal(await app.locator('.progress-text').textContent(), '0 av 6 steg klara');
    assert.match(await app.locator('button[data-step="ground-rules"]').textContent(), /Markera som klart/);
    assert.equal(await app.locator('li[data-step-id="ground-rules"] .badge').textContent(), 'Nästa');
    assert.equal(await app.locator('li[data-step-id="reflect"] .badge').textContent(), 'Låst');
    assert.equal(await app.locator('li[data-step-id="set-goal"] .meta').textContent(), 'Gör först klart: Kom överens om spelreglerna');
    assert.match(await app.locator('li[data-step-id="ground-rules"] .visibility').textContent(), /Din coach ser/);
    assert.equal(await app.locator('section.kollega').getAttribute('lang'), 'sv');
    await assertAccessible(page, 'the Swedish page');
  });
});

test('demo: changing <html lang> re-renders in the new language', async () => {
  await withContext(async (context) => {
    const page = await openPage(context, demo.url('/'));
    await waitForPath(page);
    await page.evaluate(() => (document.documentElement.lang = 'nb'));
    await page.locator('kollega-app h2', { hasText: 'Læringsgruppe for ledere' }).waitFor();
    assert.equal(await page.locator('kollega-app .progress-text').textContent(), '0 av 6 steg fullført');
  });
});

test('demo: phone width: no horizontal scrolling, buttons at least 44px tall', async () => {
  await withContext(
    async (context) => {
      const page = await openPage(context, demo.url('/'));
      await waitForPath(page);
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(widths[0] <= widths[1], `page scrolls sideways: ${widths}`);
      const box = await page.locator('kollega-app button[data-step="ground-rules"]').boundingBox();
      assert.ok(box.height >= 44, `button height ${box.height}`);
      assert.ok(box.x >= 0 && box.x + box.width <= 360, 'button inside the viewport');
    },
    { viewport: { width: 360, height: 740 } },
  );
});
