// The admin page (web/admin.html, <kollega-program-editor>) in headless Chromium: load a built-in,
// live validation by the wasm core as the admin types, problems placed in the text, keyboard
// only, the preview, the download, axe, CSP — and the learner bundle stays free of the editor.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import { startDemo, openPage } from './browser-helpers.mjs';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const LEADERS = 'leaders-learning-group';
const EDITOR = 'kollega-program-editor';

let demo;
let leadersText;

before(async () => {
  leadersText = await readFile(new URL(`../../programs/${LEADERS}.json`, import.meta.url), 'utf8');
  demo = await startDemo();
});

after(async () => {
  await demo?.stop();
});

async function withAdmin(path, fn, options = {}) {
  const context = await demo.browser.newContext(options);
  try {
    const page = await openPage(context, demo.url(path));
    page.on('dialog', (dialog) => dialog.accept());
    return await fn(page, context);
  } finally {
    await context.close();
  }
}

const editor = (page) => page.locator(EDITOR);
const textarea = (page) => editor(page).locator('#program-text');
const counts = (page) => editor(page).locator('#counts');
/** The textarea's value and selection. */
const selection = (page) =>
  textarea(page).evaluate((t) => ({ value: t.value, start: t.selectionStart, end: t.selectionEnd, focused: t.getRootNode().activeElement === t }));

/** Waits until the status line starts with this text. */
async function waitForCounts(page, prefix, timeout = 5000) {
  await page.waitForFunction(
    ([host, text]) => document.querySelector(host)?.shadowRoot?.querySelector('#counts')?.textContent.trim().startsWith(text),
    [EDITOR, prefix],
    { timeout },
  );
}

/** 1-based line and column of an offset. */
function lineColumn(text, offset) {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** Puts the caret at `offset` without the mouse. */
async function caretAt(page, offset) {
  await textarea(page).evaluate((t, at) => {
    t.focus();
    t.setSelectionRange(at, at);
  }, offset);
}

async function assertAccessible(page, label) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  assert.deepEqual(summary, [], `axe violations in ${label}`);
}

test('admin: a built-in program loads and checks clean: "0 errors"', async () => {
  await withAdmin(`/admin.html?program=${LEADERS}`, async (page) => {
    await waitForCounts(page, '0 errors');
    assert.equal(await counts(page).textContent(), '0 errors, 0 warnings — The program is valid.');
    assert.equal(await counts(page).getAttribute('role'), 'status');
    assert.equal((await selection(page)).value, leadersText);
    assert.equal(await editor(page).locator('.problems').count(), 0);
    assert.equal(await editor(page).locator('.none').textContent(), 'No problems found.');
    // Line numbers follow the text.
    const gutter = await editor(page).locator('.gutter').textContent();
    assert.equal(gutter.split('\n').length, leadersText.split('\n').length);
    assert.deepEqual(page.problems.pageErrors, []);
  });
});

test('admin: the picker lists the built-ins and the template; loading works with the keyboard', async () => {
  await withAdmin('/admin.html', async (page) => {
    await waitForCounts(page, '0 errors');
    assert.match((await selection(page)).value, /"id": "my-program"/, 'the template is the default');
    const options = await editor(page).locator('#source option').evaluateAll((os) => os.map((o) => o.value));
    for (const id of [LEADERS, 'first-time-leader', 'presentation-practice', 'observation-visit', 'cross-training', 'peer-support']) {
      assert.ok(options.includes(id), `${id} in ${options}`);
    }
    assert.ok(options.includes('template'));
    await editor(page).locator('#source').focus();
    await editor(page).locator('#source').selectOption('first-time-leader');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await editor(page).locator('.message', { hasText: 'Loaded' }).waitFor();
    await page.waitForFunction((host) => document.querySelector(host).value.includes('"id": "first-time-leader"'), EDITOR);
    await waitForCounts(page, '0 errors');
  });
});

test('admin: a misspelt field is reported within a second, placed, selected, and fixed', async () => {
  await withAdmin(`/admin.html?program=${LEADERS}`, async (page) => {
    await waitForCounts(page, '0 errors');
    // Rename the first "prerequisites" to "prerequisite" by deleting its "s" with the keyboard.
    const keyOffset = leadersText.indexOf('"prerequisites"');
    await caretAt(page, keyOffset + '"prerequisite'.length);
    await page.keyboard.press('Delete');
    const typo = (await selection(page)).value;
    assert.equal(typo.slice(keyOffset, keyOffset + 15), '"prerequisite":');

    const typedAt = Date.now();
    const item = editor(page).locator('button.problem[data-code="unknown_field"]');
    await item.waitFor({ timeout: 1000 });
    assert.ok(Date.now() - typedAt < 1000, `reported after ${Date.now() - typedAt} ms`);
    await waitForCounts(page, '1 error, 0 warnings');
    assert.equal(await counts(page).textContent(), '1 error, 0 warnings — Fix the errors before you publish the program.');

    const expected = lineColumn(typo, keyOffset);
    assert.match(await item.getAttribute('data-path'), /^\/path\/steps\/\d+\/prerequisite$/);
    assert.equal(await item.getAttribute('data-severity'), 'error');
    assert.equal(Number(await item.getAttribute('data-line')), expected.line);
    assert.equal(Number(await item.getAttribute('data-column')), expected.column);
    const itemText = (await item.innerText()).replace(/\s+/g, ' ');
    assert.match(itemText, /^Error /, 'severity in words, not colour alone');
    assert.match(itemText, /prerequisite/);
    assert.match(itemText, /unknown_field/);
    assert.match(itemText, /at \/path\/steps\/\d+\/prerequisite/);
    assert.match(itemText, new RegExp(`line ${expected.line}, column ${expected.column}`));

    // Activating it (keyboard) selects the key in the text and focuses the text.
    await caretAt(page, 0);
    await item.focus();
    await page.keyboard.press('Enter');
    const selected = await selection(page);
    assert.equal(selected.focused, true, 'the textarea has the focus');
    assert.ok(selected.start <= keyOffset && selected.end >= keyOffset + '"prerequisite"'.length, JSON.stringify(selected));
    assert.equal(selected.value.slice(selected.start, selected.end), '"prerequisite"');
    assert.equal(await editor(page).locator('.caret').textContent(), `Line ${expected.line}, column ${expected.column}`);

    // Fix it: type the "s" back after the selected key's last letter.
    await caretAt(page, keyOffset + '"prerequisite'.length);
    await page.keyboard.type('s');
    await waitForCounts(page, '0 errors', 1000);
    assert.equal(await editor(page).locator('button.problem').count(), 0);
    assert.equal((await selection(page)).value, leadersText);
  });
});

test('admin: text that is not JSON gives invalid_json with its line and column', async () => {
  await withAdmin(`/admin.html?program=${LEADERS}`, async (page) => {
    await waitForCounts(page, '0 errors');
    // Remove the comma after "schemaVersion": 1 → the parser stops at the next key.
    const comma = leadersText.indexOf(',', leadersText.indexOf('"schemaVersion"'));
    await caretAt(page, comma + 1);
    await page.keyboard.press('Backspace');
    const item = editor(page).locator('button.problem[data-code="invalid_json"]');
    await item.waitFor({ timeout: 1000 });
    const text = (await selection(page)).value;
    const nextKey = text.indexOf('"id"', comma);
    const expected = lineColumn(text, nextKey);
    assert.equal(Number(await item.getAttribute('data-line')), expected.line);
    assert.match((await item.innerText()).replace(/\s+/g, ' '), new RegExp(`line ${expected.line}, column \\d+`));
    assert.match(await item.innerText(), /line \d+, column \d+/);
    await item.click();
    const selected = await selection(page);
    assert.equal(selected.focused, true);
    assert.equal(lineColumn(text, selected.start).line, expected.line, 'the selection is on the reported line');
    await assertAccessible(page, 'the admin page with an invalid_json problem');
  });
});

test('admin: errors and warnings are told apart in words and icons; counts in the status', async () => {
  await withAdmin('/admin.html', async (page) => {
    await waitForCounts(page, '0 errors');
    // The template promises English only; promise Swedish too → every text warns.
    const text = (await selection(page)).value;
    const at = text.indexOf('"languages": ["en"]') + '"languages": ["en"'.length;
    await caretAt(page, at);
    await page.keyboard.type(', "sv"');
    // …and add an unknown field, an error.
    const withSv = (await selection(page)).value;
    await caretAt(page, withSv.indexOf('"cadence"'));
    await page.keyboard.type('"cadense": "weekly",\n  ');
    await waitForCounts(page, '1 error, ');
    const status = await counts(page).textContent();
    assert.match(status, /^1 error, \d+ warnings — Fix the errors/);
    const warning = editor(page).locator('button.problem[data-severity="warning"]').first();
    assert.match(await warning.innerText(), /^Warning/);
    assert.match(await warning.innerText(), /missing_translation/);
    assert.equal(await warning.locator('svg').count(), 1);
    const error = editor(page).locator('button.problem[data-severity="error"]');
    assert.equal(await error.count(), 1);
    assert.match(await error.innerText(), /^Error/);
    assert.equal(await error.locator('svg').count(), 1);
    await assertAccessible(page, 'the admin page with errors and warnings');
  });
});

test('admin: keyboard only: Tab reaches every control and leaves the text box', async () => {
  await withAdmin(`/admin.html?program=${LEADERS}`, async (page) => {
    await waitForCounts(page, '0 errors');
    await caretAt(page, leadersText.indexOf('"title"'));
    await page.keyboard.type('"oops": 1, ');
    await editor(page).locator('button.problem').first().waitFor();
    await page.locator('h1').click(); // start from the page, not the editor
    const visited = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate((host) => {
        const active = document.activeElement;
        if (active?.localName !== host) return active?.localName ?? '';
        const inner = active.shadowRoot.activeElement;
        return inner ? `${inner.localName}${inner.id ? '#' + inner.id : ''}${inner.className ? '.' + inner.className.split(' ')[0] : ''}` : host;
      }, EDITOR);
      visited.push(focused);
    }
    const order = [...new Set(visited.filter((v) => v.includes('#') || v.includes('.')))];
    for (const control of ['select#source', 'textarea#program-text', 'button.problem', 'button.download', 'button.secondary']) {
      assert.ok(order.some((v) => v.startsWith(control)), `${control} not reached: ${order.join(' → ')}`);
    }
    const i = order.findIndex((v) => v.startsWith('textarea'));
    assert.ok(order.slice(i + 1).some((v) => v.startsWith('button.problem')), 'Tab moves on from the text box');
  });
});

test('admin: the preview renders the edited program in <kollega-app>, updated as it changes', async () => {
  await withAdmin(`/admin.html?program=${LEADERS}&lang=sv`, async (page) => {
    await waitForCounts(page, '0 fel');
    const toggle = editor(page).locator('button.preview-toggle');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const app = editor(page).locator('kollega-app');
    await app.locator('h2', { hasText: 'Lärgrupp för ledare' }).waitFor();
    assert.equal(await app.getAttribute('ephemeral'), '');
    await editor(page).locator('#preview-lang').selectOption('en');
    await app.locator('h2', { hasText: "Leaders' learning group" }).waitFor();
    // Edit the English title: the preview follows once the text is valid again.
    const at = leadersText.indexOf("Leaders' learning group") + "Leaders'".length;
    await caretAt(page, at);
    await page.keyboard.type(' own');
    await app.locator('h2', { hasText: "Leaders' own learning group" }).waitFor({ timeout: 2000 });
    // Marking a step done in the preview stores nothing.
    await app.locator('button[data-step="ground-rules"]').click();
    await app.locator('li[data-step-id="ground-rules"][data-status="done"]').waitFor();
    const stored = await page.evaluate(async () => {
      const { LocalStore } = await import('/kollega/kollega-admin.js');
      return (await new LocalStore().list('leaders-learning-group')).length;
    });
    assert.equal(stored, 0);
    await openAllPreview(page);
    await assertAccessible(page, 'the admin page with the preview open');
    assert.deepEqual(page.problems.pageErrors, []);
  });
});

async function openAllPreview(page) {
  const summaries = editor(page).locator('kollega-app details:not([open]) > summary');
  while ((await summaries.count()) > 0) await summaries.first().click();
}

test('admin: Download saves the edited JSON as <id>.json, under the CSP', async () => {
  await withAdmin(`/admin.html?program=${LEADERS}`, async (page) => {
    await waitForCounts(page, '0 errors');
    await caretAt(page, leadersText.indexOf('"id"'));
    await page.keyboard.type('"description-extra": 1, ');
    const edited = (await selection(page)).value;
    const [download] = await Promise.all([page.waitForEvent('download'), editor(page).locator('button.download').click()]);
    assert.equal(download.suggestedFilename(), `${LEADERS}.json`);
    const saved = await readFile(await download.path(), 'utf8');
    assert.equal(saved, edited);
    await editor(page).locator('.message', { hasText: `Downloaded ${LEADERS}.json.` }).waitFor();
    const csp = page.lastResponse.headers()['content-security-policy'];
    assert.doesNotMatch(csp, /blob:|'unsafe-eval'/);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(page.problems.pageErrors, []);
  });
});

test('admin: axe finds nothing on the loaded page; phone width has no sideways scroll', async () => {
  await withAdmin(`/admin.html?program=${LEADERS}`, async (page) => {
    await waitForCounts(page, '0 errors');
    await assertAccessible(page, 'the admin page');
  });
  await withAdmin(
    `/admin.html?program=${LEADERS}`,
    async (page) => {
      await waitForCounts(page, '0 errors');
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(widths[0] <= widths[1], `page scrolls sideways: ${widths}`);
      await assertAccessible(page, 'the admin page at phone width');
    },
    { viewport: { width: 360, height: 740 } },
  );
});

test('admin: the learner bundle does not contain the editor or jsonc-parser', async () => {
  const meta = JSON.parse(await readFile(new URL('../../build/plugin/meta.json', import.meta.url), 'utf8'));
  const inputs = Object.keys(meta.outputs['build/plugin/kollega.js'].inputs);
  assert.ok(inputs.some((i) => i.includes('kollega-app')));
  assert.deepEqual(inputs.filter((i) => /jsonc-parser|kollega-program-editor/.test(i)), []);
  const admin = JSON.parse(await readFile(new URL('../../build/plugin/meta-admin.json', import.meta.url), 'utf8'));
  assert.ok(Object.keys(admin.outputs['build/plugin/kollega-admin.js'].inputs).some((i) => i.includes('jsonc-parser')));
});
