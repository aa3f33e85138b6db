// The group formation view (web/groups.html, <kollega-groups>) in headless Chromium: a roster with a
// bad line is refused with the line named; a real roster is solved in the Web Worker with progress;
// every group has its explanation and none holds a learner with someone of their reporting line
// (checked against the roster here, from the DOM and from the downloaded JSON); cancel keeps the
// best result; pins, a swap and a re-solve keep the pins; the met matrix and its table; axe on every
// state; a keyboard-only path; no page-wide horizontal scroll at 375 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import { AxeBuilder } from '@axe-core/playwright';
import { startDemo, openPage } from './browser-helpers.mjs';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const HOST = 'kollega-groups';
const root = new URL('../../', import.meta.url);
const read = (path) => readFile(new URL(path, root), 'utf8');

let demo;
const rosters = {};

/** `{id: {id, name, department, managerId}}` from a roster CSV (read here with csv-parse, not the core). */
function rosterIndex(text) {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''), { columns: (h) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true });
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, department: r.department, managerId: r.manager_id || '' }]));
}

/** Every roster learner's reporting line up to `depth` levels (managers in the roster or not). */
function reportingLines(index, depth = 2) {
  const lines = new Map();
  for (const id of index.keys()) {
    const line = [];
    let current = index.get(id);
    for (let level = 0; level < depth && current?.managerId; level += 1) {
      line.push(current.managerId);
      current = index.get(current.managerId);
    }
    lines.set(id, line);
  }
  return lines;
}

/** The pairs in one group that share a reporting line (either direction). */
function lineConflicts(group, lines) {
  const conflicts = [];
  for (const a of group) for (const b of group) if (a !== b && lines.get(a).includes(b)) conflicts.push(`${b} manages ${a}`);
  return conflicts;
}

/** A roster of `n` learners in 4 departments, no managers: for searches that take a while. */
function plainRoster(n) {
  const rows = ['id,name,department'];
  for (let i = 1; i <= n; i += 1) rows.push(`p${String(i).padStart(3, '0')},Person ${i},Dept ${(i % 4) + 1}`);
  return rows.join('\n') + '\n';
}

before(async () => {
  rosters.demo = await read('web/demo-cohort/roster.csv');
  rosters.big = await read('tests/fixtures/rosters/roster-200.csv');
  demo = await startDemo();
});

after(async () => {
  await demo?.stop();
});

async function withPage(path, fn, { allowFailed = [], ...options } = {}) {
  const context = await demo.browser.newContext({ acceptDownloads: true, ...options });
  const failed = [];
  context.on('response', (response) => {
    if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') failed.push(`${response.status()} ${response.url()}`);
  });
  await context.addInitScript(() => {
    window.__groupsEvents = [];
    document.addEventListener('kollega-groups-solved', (e) => window.__groupsEvents.push(e.detail));
  });
  try {
    const page = await openPage(context, demo.url(path));
    page.failedResponses = failed;
    const result = await fn(page, context);
    assert.deepEqual(page.problems.pageErrors, []);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(failed.filter((f) => !allowFailed.some((path) => f.endsWith(path))), []);
    return result;
  } finally {
    await context.close();
  }
}

const view = (page) => page.locator(HOST);

async function assertAccessible(page, label) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  assert.deepEqual(summary, [], `axe violations in ${label}`);
  assert.ok(results.passes.length > 0, 'axe ran');
}

/** Pastes a roster and imports it (mouse-free: fill + click is enough here; the keyboard test types). */
async function importRoster(page, text) {
  await view(page).locator('textarea.paste').fill(text);
  await view(page).locator('button.import').click();
}

async function waitImported(page) {
  await view(page).locator('p.imported').waitFor();
  return Number(await view(page).locator('p.imported').getAttribute('data-learners'));
}

/** Waits until a search has ended (the result is there and the solve button is back). */
async function waitSolved(page, timeout = 60_000) {
  await page.waitForFunction(
    (host) => {
      const r = document.querySelector(host)?.shadowRoot;
      const result = r?.querySelector('section.result');
      return result && ['done', 'bound', 'budget', 'cancelled'].includes(result.dataset.reason) && !r.querySelector('button.solve').disabled;
    },
    HOST,
    { timeout },
  );
  return view(page).locator('section.result').getAttribute('data-reason');
}

async function setNumber(page, cls, value) {
  await view(page).locator(`input.${cls}`).fill(String(value));
  await view(page).locator(`input.${cls}`).dispatchEvent('change');
}

/** The groups of the shown round from the DOM: [[id, …], …]. */
function shownGroups(page) {
  return view(page)
    .locator('li.group')
    .evaluateAll((items) => items.map((li) => [...li.querySelectorAll('button.member')].map((b) => b.dataset.id)));
}

/** Downloads a file by its button's data-format; resolves to its name and text. */
async function download(page, format) {
  const [file] = await Promise.all([page.waitForEvent('download'), view(page).locator(`button[data-format="${format}"]`).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** Presses Tab until the focused element inside the view matches `selector`; fails after `max`. */
async function tabTo(page, selector, max = 120) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(([host, css]) => !!document.querySelector(host)?.shadowRoot?.activeElement?.matches(css), [HOST, selector]);
    if (hit) return;
  }
  assert.fail(`Tab never reached ${selector}`);
}

test('groups: a roster with bad lines is refused, and each problem names its line', async () => {
  await withPage('/groups.html', async (page) => {
    assert.equal(page.lastResponse.status(), 200);
    await view(page).locator('textarea.paste').waitFor();
    await assertAccessible(page, 'groups.html at start');
    assert.ok(await view(page).locator('button.solve').isDisabled(), 'nothing to solve before a roster');
    const lines = rosters.demo.trimEnd().split('\n');
    // Line 4: an email that is not one; line 7: the id of line 2 again.
    lines[3] = lines[3].replace(/,[^,]+@northwind\.example,/, ',not-an-email,');
    lines[6] = lines[6].replace(/^e\d+,/, `${lines[1].split(',')[0]},`);
    await importRoster(page, lines.join('\n'));
    const problems = view(page).locator('.roster-problems li');
    await problems.first().waitFor();
    const found = await problems.evaluateAll((items) => items.map((li) => [li.dataset.line, li.dataset.code, li.textContent.replace(/\s+/g, ' ').trim()]));
    const byLine = new Map(found.map(([line, code, text]) => [Number(line), { code, text }]));
    assert.ok(byLine.has(4), JSON.stringify(found));
    assert.ok(byLine.has(7), JSON.stringify(found));
    assert.match(byLine.get(4).text, /^Line 4:.*email/i);
    assert.match(byLine.get(7).text, /^Line 7:/);
    assert.equal(await view(page).locator('.roster-problems').getAttribute('role'), 'alert');
    assert.match(await view(page).locator('.roster-problems .error-title').textContent(), /The roster has \d+ problems/);
    assert.equal(await view(page).locator('p.imported').count(), 0);
    assert.ok(await view(page).locator('button.solve').isDisabled());
    await assertAccessible(page, 'roster problems');
  });
});

test('groups: the 200-person roster in 3 rounds of 3–4, with progress, explanations and no reporting line in any group', async () => {
  const index = rosterIndex(rosters.big);
  const lines = reportingLines(index, 2);
  assert.ok([...lines.values()].filter((l) => l.length === 2).length > 50, 'the fixture has deep reporting lines');
  await withPage('/groups.html', async (page) => {
    await view(page).locator('input.file').setInputFiles(new URL('tests/fixtures/rosters/roster-200.csv', root).pathname);
    assert.equal(await waitImported(page), index.size);
    await setNumber(page, 'rounds', 3);
    await view(page).locator('select.effort').selectOption('quick');
    await view(page).locator('button.solve').click();
    // The progress block shows up while the worker searches.
    await view(page).locator('.progress progress').waitFor();
    const reason = await waitSolved(page);
    // The first zero-repeat schedule of this roster comes within 2,000 steps (docs/groups.md).
    assert.ok(['done', 'bound'].includes(reason), reason);
    const iterations = Number(await view(page).locator('.figures [data-key="iterations"]').getAttribute('data-value'));
    assert.ok(iterations > 0, 'the progress counted iterations');
    assert.equal(await view(page).locator('.figures [data-key="hard"]').getAttribute('data-value'), '0');
    assert.match(await view(page).locator('p.status').textContent(), reason === 'done' ? /^Done after [\d,]+ steps/ : /^Done: 0 repeated meetings, the fewest possible/);
    assert.equal(await view(page).locator('.figures [data-key="repeats"]').getAttribute('data-value'), '0');

    // Every round from the DOM: everyone once, sizes 3–4, an explanation per group, no line conflict.
    const rounds = await view(page).locator('select.round-select option').count();
    assert.equal(rounds, 3);
    for (let r = 0; r < rounds; r += 1) {
      await view(page).locator('select.round-select').selectOption(String(r));
      await view(page).locator(`section.round[data-round="${r}"]`).waitFor();
      const groups = await shownGroups(page);
      const everyone = groups.flat();
      assert.equal(everyone.length, index.size, `round ${r + 1}: everyone placed`);
      assert.equal(new Set(everyone).size, index.size, `round ${r + 1}: nobody twice`);
      for (const group of groups) {
        assert.ok(group.length >= 3 && group.length <= 4, `round ${r + 1}: size ${group.length}`);
        assert.deepEqual(lineConflicts(group, lines), [], `round ${r + 1}: ${group.join(' ')}`);
      }
      const explanations = await view(page).locator('li.group').evaluateAll((items) => items.map((li) => li.querySelector('p.explanation')?.textContent.trim() ?? ''));
      assert.equal(explanations.length, groups.length);
      for (const text of explanations) assert.match(text, /reporting line/i, text);
      assert.ok(await view(page).locator('.report[data-scope="round"]').count(), 'a quality report per round');
    }
    assert.equal(await view(page).locator('.report[data-scope="overall"] [data-key="hardConstraintsMet"]').getAttribute('data-value'), 'true');

    // The downloaded JSON says the same, checked against the roster.
    const all = await download(page, 'json');
    assert.equal(all.name, 'groups-all-rounds.json');
    const saved = JSON.parse(all.text);
    assert.equal(saved.rounds.length, 3);
    for (const round of saved.rounds) {
      assert.equal(round.groups.flat().length, index.size);
      for (const group of round.groups) assert.deepEqual(lineConflicts(group, lines), []);
      assert.equal(round.explanations.length, round.groups.length);
    }
    assert.deepEqual(saved.options.size, { min: 3, max: 4 });

    // The met matrix: one square per meeting pair and direction, the table has every learner.
    const matrix = view(page).locator('svg.matrix');
    assert.equal(await matrix.getAttribute('role'), 'img');
    const pairs = new Set();
    for (const round of saved.rounds) for (const g of round.groups) for (const a of g) for (const b of g) if (a < b) pairs.add(`${a} ${b}`);
    assert.equal(await matrix.locator('rect.met').count(), pairs.size * 2);
    assert.match(await matrix.getAttribute('aria-label'), new RegExp(`Matrix of 200 learners: ${pairs.size.toLocaleString('en')} pairs meet`));
    assert.equal(await view(page).locator('table.matrix-table tbody tr').count(), index.size);
    await view(page).locator('.matrix-table-details summary').click();
    await assertAccessible(page, 'solved, 200 learners');
  });
});

test('groups: cancel stops the search and keeps the best groups found so far', async () => {
  await withPage('/groups.html', async (page) => {
    // 32 people in groups of 4 over 10 rounds: the hard 8-4-10 instance, far beyond a quick search.
    await importRoster(page, plainRoster(32));
    assert.equal(await waitImported(page), 32);
    await setNumber(page, 'min', 4);
    await setNumber(page, 'max', 4);
    await setNumber(page, 'rounds', 10);
    await view(page).locator('select.effort').selectOption('thorough');
    await view(page).locator('button.solve').click();
    await page.waitForFunction(
      (host) => Number(document.querySelector(host).shadowRoot.querySelector('.figures [data-key="iterations"]')?.dataset.value) > 0,
      HOST,
    );
    await view(page).locator('li.group').first().waitFor();
    await assertAccessible(page, 'searching');
    await view(page).locator('button.cancel').click();
    assert.equal(await waitSolved(page), 'cancelled');
    assert.match(await view(page).locator('p.status').textContent(), /^Stopped\. These are the best groups found so far\./);
    assert.match(await view(page).locator('p.stopped').textContent(), /stopped early/);
    const groups = await shownGroups(page);
    assert.equal(groups.flat().length, 32);
    assert.ok(groups.every((g) => g.length === 4));
    assert.equal(await view(page).locator('button.cancel').count(), 0);
    const events = await page.evaluate(() => window.__groupsEvents);
    assert.equal(events.at(-1).reason, 'cancelled');
    await assertAccessible(page, 'cancelled');
  });
});

test('groups: keyboard only — import, solve, select two learners, swap, keep apart, lock, re-solve keeps the pins', async () => {
  const index = rosterIndex(rosters.demo);
  const lines = reportingLines(index, 2);
  await withPage('/groups.html', async (page) => {
    await view(page).locator('textarea.paste').waitFor();
    await tabTo(page, 'textarea.paste');
    await page.keyboard.insertText(rosters.demo);
    await tabTo(page, 'button.import');
    await page.keyboard.press('Enter');
    assert.equal(await waitImported(page), 12);
    await tabTo(page, 'input.rounds');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await tabTo(page, 'button.solve');
    await page.keyboard.press('Enter');
    await waitSolved(page);
    // Focus went to Cancel while searching and then to the result's heading.
    const focused = () => page.evaluate((host) => document.querySelector(host).shadowRoot.activeElement?.textContent.trim(), HOST);
    assert.equal(await focused(), '3. Groups');
    const before = await shownGroups(page);
    assert.equal(before.flat().length, 12);

    // A swap between group 1 and group 2 that keeps both free of reporting lines.
    let pick = null;
    for (const a of before[0]) {
      for (const b of before[1]) {
        const g1 = before[0].map((id) => (id === a ? b : id));
        const g2 = before[1].map((id) => (id === b ? a : id));
        if (!pick && !lineConflicts(g1, lines).length && !lineConflicts(g2, lines).length) pick = { a, b, g1, g2 };
      }
    }
    assert.ok(pick, 'some swap is possible');
    await tabTo(page, `button.member[data-id="${pick.a}"]`);
    await page.keyboard.press('Enter');
    assert.equal(await view(page).locator(`button.member[data-id="${pick.a}"]`).getAttribute('aria-pressed'), 'true');
    await tabTo(page, `button.member[data-id="${pick.b}"]`);
    await page.keyboard.press('Space');
    assert.match(await view(page).locator('.selection-text').textContent(), /^Selected: .+ \(group 1\) and .+ \(group 2\)\.$/);
    await tabTo(page, 'button.action-swap');
    await page.keyboard.press('Enter');
    const key = (g) => [...g].sort().join(' ');
    const swapped = (await shownGroups(page)).map(key);
    assert.ok(swapped.includes(key(pick.g1)) && swapped.includes(key(pick.g2)), swapped.join(' | '));
    assert.equal(await view(page).locator('li.group[data-edited]').count(), 2);
    assert.equal(await view(page).locator('.pin-list li[data-kind="locked"]').count(), 2);
    // The core checks the edit at once: explanations for the edited groups, no broken rule.
    await page.waitForFunction((host) => /^Checked: the edited groups keep every rule\.$/.test(document.querySelector(host).shadowRoot.querySelector('p.status').textContent), HOST);
    assert.equal(await view(page).locator('li.group[data-edited] p.explanation').count(), 2);
    assert.equal(await view(page).locator('.violations').count(), 0);
    // Focus stays on the swap button (aria-disabled now, not disabled).
    assert.equal(await page.evaluate((host) => document.querySelector(host).shadowRoot.activeElement?.className, HOST), 'action-swap secondary');

    // Keep apart a learner of group 3 and one of the swapped (locked) group 1: not both in round
    // 2's first group (locked below), and not both in one group that round 1 leaves to the search.
    const shown = await page.evaluate((host) => document.querySelector(host).result, HOST);
    const round2 = shown.rounds[1].groups[0];
    const pairs = before[2].flatMap((x) => pick.g1.map((y) => [x, y]));
    const [c, d] = pairs.find(([x, y]) => !(round2.includes(x) && round2.includes(y)));
    await tabTo(page, `button.member[data-id="${c}"]`);
    await page.keyboard.press('Enter');
    await tabTo(page, `button.member[data-id="${d}"]`);
    await page.keyboard.press('Enter');
    await tabTo(page, 'button.action-keepApart');
    await page.keyboard.press('Enter');
    assert.equal(await view(page).locator('.pin-list li[data-kind="keepApart"]').count(), 1);
    await assertAccessible(page, 'swapped and pinned');

    // Round 2: lock its first group.
    await tabTo(page, 'select.round-select');
    await page.keyboard.press('ArrowDown');
    await view(page).locator('section.round[data-round="1"]').waitFor();
    assert.deepEqual((await shownGroups(page))[0], round2);
    await tabTo(page, 'li.group[data-group="0"] button.lock');
    await page.keyboard.press('Enter');
    assert.equal(await view(page).locator('li.group[data-group="0"] button.lock').getAttribute('aria-pressed'), 'true');
    const pins = await page.evaluate((host) => document.querySelector(host).pins, HOST);
    assert.equal(pins.locked.length, 3);

    await tabTo(page, 'button.resolve');
    await page.keyboard.press('Enter');
    await waitSolved(page);
    assert.equal(await focused(), '3. Groups');
    assert.equal(await view(page).locator('.error[role="alert"]').count(), 0, 'the pins could all hold');
    // The re-solve kept every pin: the swapped groups of round 1, the lock of round 2, c and d apart.
    await view(page).locator('select.round-select').selectOption('0');
    const after1 = (await shownGroups(page)).map((g) => [...g].sort().join(' '));
    assert.ok(after1.includes([...pick.g1].sort().join(' ')), after1.join(' | '));
    assert.ok(after1.includes([...pick.g2].sort().join(' ')), after1.join(' | '));
    assert.equal(await view(page).locator('li.group[data-edited]').count(), 0, 'checked by the core now');
    assert.equal(await view(page).locator('li.group[data-locked]').count(), 2);
    const all = JSON.parse((await download(page, 'json')).text);
    const sorted = (g) => [...g].sort().join(' ');
    assert.ok(all.rounds[1].groups.map(sorted).includes(sorted(round2)));
    for (const round of all.rounds) {
      assert.ok(!round.groups.some((g) => g.includes(c) && g.includes(d)), 'kept apart');
      for (const group of round.groups) assert.deepEqual(lineConflicts(group, lines), []);
    }
    assert.deepEqual(all.options.keepApart, [[c, d]]);

    // groups.json of round 1 in the coach dashboard's format, and the CSV.
    const coach = await download(page, 'groups-json');
    assert.equal(coach.name, 'groups-round-1.json');
    const coachGroups = JSON.parse(coach.text);
    assert.deepEqual(Object.keys(coachGroups), ['groups']);
    assert.deepEqual(coachGroups.groups.map((g) => g.members), all.rounds[0].groups);
    assert.ok(coachGroups.groups.every((g, i) => g.id === `r1-g${i + 1}`));
    const csv = await download(page, 'csv');
    const rows = parseCsv(csv.text, { columns: true });
    assert.equal(rows.length, 12 * 3);
    assert.ok(rows.every((row) => index.get(row.id)?.name === row.name));
    await assertAccessible(page, 're-solved with pins');
  });
});

test('groups: a swap that puts a learner with their manager is refused by the core on re-solve, with the reason', async () => {
  const index = rosterIndex(rosters.demo);
  const lines = reportingLines(index, 2);
  await withPage('/groups.html', async (page) => {
    await importRoster(page, rosters.demo);
    await waitImported(page);
    await view(page).locator('button.solve').click();
    await waitSolved(page);
    const groups = await shownGroups(page);
    let pick = null;
    for (const [gi, g] of groups.entries()) {
      for (const [hi, h] of groups.entries()) {
        if (gi === hi) continue;
        for (const a of g) for (const b of h) if (!pick && lineConflicts(h.map((id) => (id === b ? a : id)), lines).length) pick = { a, b };
      }
    }
    assert.ok(pick, 'the demo roster allows a bad swap');
    await view(page).locator(`button.member[data-id="${pick.a}"]`).click();
    await view(page).locator(`button.member[data-id="${pick.b}"]`).click();
    await view(page).locator('button.action-swap').click();
    // Checked at once: the broken rule is listed with the people's names.
    const violations = view(page).locator('.violations');
    await violations.waitFor();
    assert.equal(await violations.getAttribute('role'), 'alert');
    const listed = await violations.locator('li').allTextContents();
    assert.ok(listed.length >= 1);
    const [x, y] = [pick.a, pick.b].map((id) => index.get(id).name);
    assert.ok(listed.some((text) => text.includes(x) || text.includes(y)), listed.join(' | '));
    assert.ok(listed.every((text) => !/\be10\d\d\b/.test(text)), listed.join(' | '));
    assert.match(await view(page).locator('p.status').textContent(), /^Checked: the edit breaks \d+ rules?\./);
    assert.equal(await view(page).locator('li.group[data-edited]').count(), 2);
    await assertAccessible(page, 'an edit that breaks a rule');
    await view(page).locator('button.resolve').click();
    const alert = view(page).locator('.error-wrap .error[role="alert"]');
    await alert.waitFor();
    await page.waitForFunction((host) => document.querySelector(host).shadowRoot.activeElement?.classList.contains('error-wrap'), HOST);
    assert.equal(await alert.getAttribute('data-code'), 'infeasible');
    assert.match(await alert.textContent(), /reporting line|manager/i);
    assert.match(await view(page).locator('p.status').textContent(), /could not be formed/);
    await assertAccessible(page, 'infeasible pins');
  });
});

test('groups: at phone width there is no page-wide horizontal scroll; Swedish texts', async () => {
  await withPage(
    '/groups.html?lang=sv',
    async (page) => {
      await importRoster(page, rosters.demo);
      await waitImported(page);
      await view(page).locator('button.solve').click();
      await waitSolved(page);
      assert.equal(await view(page).locator('h2').textContent(), 'Bilda lärgrupper');
      assert.match(await view(page).locator('p.imported').textContent(), /Importerade 12 deltagare från 4 avdelningar/);
      assert.match(await view(page).locator('li.group p.explanation').first().textContent(), /\S/);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no page-wide horizontal scroll');
      const box = await view(page).locator('svg.matrix').boundingBox();
      assert.ok(box.width <= 375, `the matrix fits: ${box.width}`);
      await assertAccessible(page, 'groups.html at 375px, sv');
    },
    { viewport: { width: 375, height: 740 } },
  );
});

test('groups: the page loads only the groups bundle and its worker, never the learner bundle', async () => {
  await withPage('/groups.html', async (page) => {
    await importRoster(page, rosters.demo);
    await waitImported(page);
    const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname));
    assert.ok(resources.includes('/kollega/kollega-groups.js'), resources.join(', '));
    assert.ok(!resources.includes('/kollega/kollega.js'), resources.join(', '));
    assert.ok(!resources.includes('/kollega/kollega-core.wasm'), resources.join(', '));
  });
  const meta = JSON.parse(await read('build/plugin/meta.json'));
  const learnerInputs = Object.keys(meta.outputs['build/plugin/kollega.js'].inputs);
  assert.ok(!learnerInputs.some((i) => i.includes('kollega-groups')), 'nothing of the groups view in kollega.js');
});

test('groups: past groups from an earlier download count as meetings in the next search', async () => {
  await withPage('/groups.html', async (page) => {
    await importRoster(page, rosters.demo);
    await waitImported(page);
    await setNumber(page, 'rounds', 1);
    await view(page).locator('button.solve').click();
    await waitSolved(page);
    const first = await download(page, 'json');
    const past = JSON.parse(first.text).rounds[0].groups;
    await view(page).locator('input.history-file').setInputFiles({ name: 'past.json', mimeType: 'application/json', buffer: Buffer.from(first.text) });
    assert.equal(await view(page).locator('.history-loaded').getAttribute('data-rounds'), '1');
    assert.match(await view(page).locator('.history-loaded').textContent(), /Past groups: 1 round from past\.json/);
    await view(page).locator('button.solve').click();
    await waitSolved(page);
    const options = await page.evaluate((host) => document.querySelector(host).result.options, HOST);
    assert.deepEqual(options.history, [past]);
    // The matrix counts the past round too; its repeats are the core's.
    assert.match(await view(page).locator('.matrix-history').textContent(), /Counting 1 past round as well/);
    const repeats = Number(await view(page).locator('.matrix-summary').getAttribute('data-repeats'));
    const report = await page.evaluate((host) => document.querySelector(host).result.report, HOST);
    assert.equal(repeats, report.repeats);
    // A file that is not past groups says where and what.
    await view(page).locator('input.history-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"rounds":[{"groups":[["e1001",7]]}]}') });
    const alert = view(page).locator('.history-error');
    assert.equal(await alert.getAttribute('data-path'), '/rounds/0/groups/0');
    assert.match(await alert.textContent(), /bad\.json could not be read as past groups/);
    await assertAccessible(page, 'history');
  });
});

test('groups: mentor pairs put each first-time leader with someone outside their reporting line; skill exchange pairs everyone', async () => {
  const index = rosterIndex(rosters.demo);
  const roles = new Map(parseCsv(rosters.demo, { columns: true }).map((r) => [r.id, r.role]));
  const lines = reportingLines(index, 2);
  await withPage('/groups.html', async (page) => {
    await importRoster(page, rosters.demo);
    await waitImported(page);
    await view(page).locator('select.mode').selectOption('mentor');
    assert.ok(await view(page).locator('fieldset.size input[value="range"]').isDisabled(), 'pairs only');
    await view(page).locator('button.solve').click();
    assert.equal(await waitSolved(page), 'done');
    assert.equal(await view(page).locator('p.status').textContent(), 'Done: the pairs are formed.');
    const result = await page.evaluate((host) => document.querySelector(host).result, HOST);
    assert.equal(result.mode, 'mentor');
    const mentees = [...roles].filter(([, role]) => /first-time/i.test(role)).map(([id]) => id);
    for (const round of result.rounds) {
      for (const pair of round.groups) {
        assert.equal(pair.length, 2);
        const [mentee, mentor] = mentees.includes(pair[0]) ? pair : [pair[1], pair[0]];
        assert.ok(mentees.includes(mentee), `a first-time leader in ${pair}`);
        assert.ok(!mentees.includes(mentor), `an experienced colleague in ${pair}`);
        assert.deepEqual(lineConflicts(pair, lines), [], pair.join(' '));
      }
    }
    // The explanation names people by name, not by id; the unpaired are listed.
    const first = result.rounds[0];
    const text = await view(page).locator('li.group p.explanation').first().textContent();
    assert.ok(text.includes(index.get(first.groups[0][1]).name) || text.includes(index.get(first.groups[0][0]).name), text);
    assert.ok(!/\be10\d\d\b/.test(text), text);
    if (first.unpaired.length) assert.equal(await view(page).locator('p.unpaired').getAttribute('data-unpaired'), first.unpaired.join(' '));
    await assertAccessible(page, 'mentor pairs');

    await view(page).locator('select.mode').selectOption('skill-exchange');
    await view(page).locator('button.solve').click();
    await page.waitForFunction((host) => document.querySelector(host).result?.mode === 'skill-exchange', HOST);
    await waitSolved(page);
    const exchange = await page.evaluate((host) => document.querySelector(host).result, HOST);
    for (const round of exchange.rounds) {
      assert.equal(round.groups.flat().length, 12, 'an even roster: everyone paired');
      assert.ok(round.groups.every((pair) => pair.length === 2 && !lineConflicts(pair, lines).length));
    }
    assert.equal(await view(page).locator('.report[data-scope="overall"] [data-key="stable"]').count(), 1);
  });
});

test('groups: switching the page language re-explains the same groups without a new search', async () => {
  await withPage('/groups.html', async (page) => {
    await importRoster(page, rosters.demo);
    await waitImported(page);
    await view(page).locator('button.solve').click();
    await waitSolved(page);
    const groups = await shownGroups(page);
    assert.match(await view(page).locator('li.group p.explanation').first().textContent(), /mixes \d departments/);
    await page.evaluate(() => (document.documentElement.lang = 'nb'));
    await page.waitForFunction((host) => /blander \d avdelinger/.test(document.querySelector(host).shadowRoot.querySelector('li.group p.explanation')?.textContent), HOST);
    assert.equal(await view(page).locator('h2').textContent(), 'Sett sammen læringsgrupper');
    assert.match(await view(page).locator('.report[data-scope="overall"] .report-text').textContent(), /grupper/);
    assert.deepEqual(await shownGroups(page), groups, 'the same groups');
    assert.equal((await page.evaluate(() => window.__groupsEvents)).length, 1, 'no second search');
    await assertAccessible(page, 'groups in Norwegian');
  });
});

test('groups: a worker that cannot be loaded is reported in the view, with what to upload', async () => {
  await withPage(
    '/groups.html',
    async (page) => {
      await page.evaluate(() => {
        const element = document.createElement('kollega-groups');
        element.id = 'broken';
        element.setAttribute('worker-url', '/kollega/missing-worker.js');
        document.querySelector('kollega-groups').replaceWith(element);
      });
      const broken = page.locator('#broken');
      await broken.locator('textarea.paste').fill(rosters.demo);
      await broken.locator('button.import').click();
      const alert = broken.locator('.error[role="alert"]');
      await alert.waitFor();
      assert.equal(await alert.getAttribute('data-code'), 'wasm_load_failed');
      assert.match(await alert.textContent(), /kollega-groups-worker\.js and kollega-groups\.wasm/);
      assert.match(await alert.textContent(), /missing-worker\.js/);
      assert.equal(await broken.locator('p.imported').count(), 0);
      await assertAccessible(page, 'worker missing');
    },
    { allowFailed: ['/kollega/missing-worker.js'] },
  );
});
