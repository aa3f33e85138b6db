// The learner's view of real programs in headless Chromium: every activity kind of the built-in
// programs in a keyboard-operable disclosure, in English and Swedish; the program's facts and
// ground rules; why locked steps wait (earlier steps, a date, sessions attended); axe on the
// expanded views; phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { AxeBuilder } from '@axe-core/playwright';
import { startDemo, openPage, waitForPath } from './browser-helpers.mjs';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const KINDS = ['goal', 'observation', 'reflection', 'role-play', 'session'];
const programsDir = new URL('../../programs/', import.meta.url);

let demo;
/** The built-in programs: `{id: program}`. */
const builtins = {};

before(async () => {
  for (const file of (await readdir(programsDir)).filter((f) => f.endsWith('.json'))) {
    const program = JSON.parse(await readFile(new URL(file, programsDir), 'utf8'));
    builtins[file.slice(0, -5)] = program;
  }
  demo = await startDemo();
});

after(async () => {
  await demo?.stop();
});

async function withPage(path, fn, options = {}) {
  const context = await demo.browser.newContext({ timezoneId: 'UTC', ...options });
  try {
    const page = await openPage(context, demo.url(path));
    await waitForPath(page);
    return await fn(page, context);
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
}

/** Opens every disclosure of the element (as a user would, one click each). */
async function openAll(page) {
  const summaries = page.locator('kollega-app details:not([open]) > summary');
  while ((await summaries.count()) > 0) await summaries.first().click();
}

const text = (locator) => locator.evaluate((el) => el.innerText.replace(/\s+/g, ' ').trim());
const activityOf = (program, step) => program.activities?.find((a) => a.id === step.activity);

test('activities: every built-in program shows each step\'s activity, and together they cover all five kinds', async () => {
  const seen = new Set();
  for (const [id, program] of Object.entries(builtins)) {
    await withPage(`/?program=${id}&lang=sv`, async (page) => {
      const app = page.locator('kollega-app');
      assert.equal(await app.locator('h2.title').textContent(), program.title.sv, id);
      for (const step of program.path.steps) {
        const details = app.locator(`li[data-step-id="${step.id}"] details.activity`);
        const activity = activityOf(program, step);
        if (!activity) {
          assert.equal(await details.count(), 0, `${id}/${step.id} has no activity`);
          continue;
        }
        assert.equal(await details.getAttribute('data-kind'), activity.kind, `${id}/${step.id}`);
        seen.add(activity.kind);
      }
      assert.deepEqual(page.problems.pageErrors, [], id);
    });
  }
  assert.deepEqual([...seen].sort(), KINDS);
});

test('activities: the disclosure opens and closes with the keyboard', async () => {
  await withPage('/?program=leaders-learning-group', async (page) => {
    const details = page.locator('kollega-app li[data-step-id="set-goal"] details.activity');
    const summary = details.locator('summary');
    assert.equal(await summary.textContent(), 'Goal setting: how it works – Choose a leadership challenge');
    assert.equal(await details.evaluate((d) => d.open), false);
    assert.equal(await details.locator('.prompt').isVisible(), false);
    await summary.focus();
    await page.keyboard.press('Enter');
    assert.equal(await details.evaluate((d) => d.open), true);
    assert.equal(await details.locator('.prompt').isVisible(), true);
    await page.keyboard.press('Space');
    assert.equal(await details.evaluate((d) => d.open), false);
    // Reaching it with Tab: the summary is in the tab order.
    await page.locator('kollega-app button[data-step="ground-rules"]').focus();
    const focused = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate(() => document.querySelector('kollega-app').shadowRoot.activeElement?.textContent.trim() ?? ''));
    }
    assert.ok(focused.some((t) => t.startsWith('Goal setting: how it works')), focused.join(' | '));
  });
});

test('activities: goal, session and reflection of the leaders program in Swedish', async () => {
  const program = builtins['leaders-learning-group'];
  await withPage('/?program=leaders-learning-group&lang=sv', async (page) => {
    const app = page.locator('kollega-app');
    assert.equal(await text(app.locator('.facts')), 'Träffas varannan vecka · Grupper om 3–4 personer · Nya grupper efter var 6:e träff');
    await openAll(page);

    const goal = app.locator('li[data-step-id="set-goal"] details.activity');
    const goalSource = activityOf(program, program.path.steps.find((s) => s.id === 'set-goal'));
    assert.equal(await text(goal.locator('summary')), 'Målsättning: så går det till – ' + goalSource.title.sv);
    assert.equal(await text(goal.locator('.prompt')), goalSource.prompt.sv);
    assert.match(await text(goal), /Gör målet mätbart/);
    if (goalSource.examples?.length) assert.match(await text(goal), /Exempel/);
    const checkIn = { weekly: 'varje vecka', 'every-2-weeks': 'varannan vecka', 'every-4-weeks': 'var fjärde vecka', monthly: 'en gång i månaden' };
    assert.match(await text(goal), new RegExp(`Stäm av hur det går ${checkIn[goalSource.checkIn ?? program.cadence]}\\.`));

    const session = app.locator('li[data-step-id="first-meeting"] details.activity');
    const sessionSource = activityOf(program, program.path.steps.find((s) => s.id === 'first-meeting'));
    assert.match(await text(session), new RegExp(`Träffen tar ${sessionSource.minutes} minuter\\.`));
    assert.match(await text(session), /Dagordning/);
    assert.match(await text(session.locator('.turns')), /^15 minuter var med 3 personer, 11 med 4$/);
    assert.equal(await session.locator('.agenda > li').count(), sessionSource.agenda.length);
    assert.match(await text(session), /Roller: fokusperson, coach och tidhållare\. Rollerna går runt vid varje tur\./);
    assert.match(await text(session), /Öppna frågor för coachen/);
    assert.match(await text(session), new RegExp(sessionSource.questions[0].sv.replace(/[?()]/g, '.')));

    const reflection = app.locator('li[data-step-id="reflect"] details.activity');
    const reflectionSource = activityOf(program, program.path.steps.find((s) => s.id === 'reflect'));
    assert.match(await text(reflection), /Ta en stund med de här frågorna:/);
    assert.deepEqual(
      await reflection.locator('ol > li').allTextContents(),
      reflectionSource.prompts.map((p) => p.sv),
    );

    const groundRules = app.locator('details.ground-rules');
    assert.equal(await text(groundRules.locator('summary')), 'Spelregler och konfidentialitet');
    assert.deepEqual(await groundRules.locator('ul > li').allTextContents(), program.groundRules.rules.map((r) => r.sv));
    assert.match(await text(groundRules), new RegExp(`Överenskommelse om konfidentialitet ${program.groundRules.confidentiality.sv.slice(0, 20)}`));
    // Waiting for sessions, in words.
    assert.equal(
      await text(app.locator('li[data-step-id="follow-up"] .meta[data-reason="sessions"]')),
      'Öppnas efter 2 träffar – du har varit med på 0 hittills',
    );
    await assertAccessible(page, 'the Swedish leaders program, every disclosure open');
  });
});

/** The first built-in program with an activity of this kind: `{id, program, step, activity}`. */
function firstWith(kind) {
  for (const [id, program] of Object.entries(builtins)) {
    for (const step of program.path.steps) {
      const activity = activityOf(program, step);
      if (activity?.kind === kind) return { id, program, step, activity };
    }
  }
  throw new Error(`no built-in program has a ${kind} activity`);
}

test('activities: observation form and role-play script in English', async () => {
  const observation = firstWith('observation');
  await withPage(`/?program=${observation.id}&lang=en`, async (page) => {
    await openAll(page);
    const details = page.locator(`kollega-app li[data-step-id="${observation.step.id}"] details.activity`);
    const { activity } = observation;
    assert.match(await text(details.locator('summary')), /^Observation and feedback: how it works/);
    if (activity.focus) assert.match(await text(details), /What to watch/);
    assert.equal(await details.locator('.rubric > li').count(), activity.rubric.length);
    const first = activity.rubric[0];
    const item = details.locator('.rubric > li').first();
    assert.equal(await text(item.locator('.rubric-label')), first.label.en);
    assert.equal(await text(item.locator('.scale')), `Scale ${first.scale.min} to ${first.scale.max}`);
    if (first.scale.labels) {
      assert.deepEqual(
        await item.locator('.scale-points > li').evaluateAll((lis) => lis.map((li) => li.textContent.replace(/\s+/g, ' ').trim())),
        first.scale.labels.map((label, i) => `${first.scale.min + i} ${label.en}`),
      );
    }
    assert.match(await text(details), new RegExp(activity.whatWorked.en.replace(/[?()]/g, '.')));
    const balance = { minWorked: 1, maxImprove: 1, ...activity.balance };
    const thing = (n, one, many) => `${n} ${n === 1 ? one : many}`;
    const rule = balance.minWorked
      ? `Name at least ${thing(balance.minWorked, 'thing that worked', 'things that worked')} and at most ${thing(balance.maxImprove, 'thing to improve', 'things to improve')}.`
      : `Name at most ${thing(balance.maxImprove, 'thing to improve', 'things to improve')}.`;
    assert.match(await text(details), new RegExp(rule.replace(/\./g, '\\.')));
    if (activity.sbi !== false) assert.match(await text(details), /situation, behaviour, impact/);
    await assertAccessible(page, `${observation.id}, every disclosure open`);
  });

  const rolePlay = firstWith('role-play');
  await withPage(`/?program=${rolePlay.id}&lang=en`, async (page) => {
    await openAll(page);
    const details = page.locator(`kollega-app li[data-step-id="${rolePlay.step.id}"] details.activity`);
    const { activity, program } = rolePlay;
    assert.match(await text(details.locator('summary')), /^Role-play: how it works/);
    assert.match(await text(details), new RegExp(`The situation ${activity.scenario.en.slice(0, 30).replace(/[?()]/g, '.')}`));
    assert.equal(await details.locator('.stages > li').count(), activity.stages.length);
    assert.equal(await details.locator('.role-card').count(), activity.roles.length);
    const role = activity.roles[0];
    const card = details.locator('.role-card').first();
    assert.equal(await text(card.locator('h5')), role.name.en);
    assert.equal(await text(card.locator('p').first()), `Your goal: ${role.goal.en}`);
    if (role.cues.length) {
      const stage = activity.stages.find((s) => s.id === role.cues[0].stage);
      assert.equal(await text(card.locator('.cues dt').first()), stage.title.en);
      assert.equal(await text(card.locator('.cues dd').first()), role.cues[0].text.en);
    }
    const swap = {
      none: 'Keep the same roles for the whole role-play.',
      once: 'After the first run, swap roles and play it once more.',
      'each-role': 'Swap roles after each run until everyone has played every role.',
    }[activity.swap ?? 'once'];
    assert.match(await text(details), new RegExp(swap.replace(/\./g, '\\.')));
    if (activity.checklist) {
      const checklist = program.activities.find((a) => a.id === activity.checklist);
      assert.match(await text(details), new RegExp(`The observer uses the checklist “${checklist.title.en}”\\.`));
    }
    await assertAccessible(page, `${rolePlay.id}, every disclosure open`);
  });
});

test('activities: locked steps say what they wait for: steps, a date, sessions (en and sv)', async () => {
  const reasons = (page, step) =>
    page
      .locator(`kollega-app li[data-step-id="${step}"] .meta`)
      .evaluateAll((ps) => ps.map((p) => [p.dataset.reason, p.textContent.trim()]));
  await withPage('/?program=unlock-demo', async (page) => {
    const app = page.locator('kollega-app');
    assert.equal(await text(app.locator('.facts')), 'Meets once a month · Groups of 3 people');
    assert.equal(await app.locator('details.ground-rules').count(), 0, 'no ground rules, no disclosure');
    assert.deepEqual(await reasons(page, 'after-kick-off'), [['prerequisites', 'Complete first: Kick-off']]);
    assert.deepEqual(await reasons(page, 'in-december'), [['date', 'Opens on Dec 1, 2030']]);
    assert.deepEqual(await reasons(page, 'after-two'), [['sessions', 'Opens after 2 sessions — 0 attended so far']]);
    assert.deepEqual(await reasons(page, 'all-three'), [
      ['prerequisites', 'Complete first: Kick-off'],
      ['date', 'Opens on Dec 1, 2030, 9:30 AM'],
      ['sessions', 'Opens after 1 session — 0 attended so far'],
    ]);

    // One session attended (an event in the learner's log), then the element reloads.
    const learner = await page.evaluate(() => localStorage.getItem('kollega.learner'));
    await page.evaluate(
      async ({ event }) => {
        const { LocalStore } = await import('/kollega/kollega.js');
        await new LocalStore().put('unlock-demo', event);
        await document.querySelector('kollega-app').reload();
      },
      { event: { id: randomUUID(), actor: learner, type: 'session.attended', at: '2026-11-20T10:00:00.000Z', payload: { activity: 'meet' }, visibility: 'coach' } },
    );
    await app.locator('li[data-step-id="after-two"] .meta', { hasText: '1 attended' }).waitFor();
    assert.deepEqual(await reasons(page, 'after-two'), [['sessions', 'Opens after 2 sessions — 1 attended so far']]);
    // all-three needed one session: that reason is gone, the others stay.
    assert.deepEqual((await reasons(page, 'all-three')).map(([r]) => r), ['prerequisites', 'date']);

    // The session's turns and roles in words.
    await openAll(page);
    const session = app.locator('li[data-step-id="after-two"] details.activity');
    assert.equal(await text(session.locator('.turns')), '15 minutes each with 3 people');
    assert.match(await text(session), /Roles: coach and coachee\. Everyone keeps the same role for the whole session\./);
    await assertAccessible(page, 'locked reasons, every disclosure open');

    await page.evaluate(() => (document.documentElement.lang = 'sv'));
    await app.locator('h2', { hasText: 'Steg som väntar' }).waitFor();
    assert.deepEqual(await reasons(page, 'in-december'), [['date', 'Öppnas 1 dec. 2030']]);
    assert.deepEqual(await reasons(page, 'after-two'), [['sessions', 'Öppnas efter 2 träffar – du har varit med på 1 hittills']]);
    assert.deepEqual(await reasons(page, 'after-kick-off'), [['prerequisites', 'Gör först klart: Uppstart']]);
  });
});

test('activities: the demo page lists the built-in programs; a link shows that program', async () => {
  await withPage('/?lang=nl', async (page) => {
    const links = page.locator('[data-program-picker] a');
    await links.first().waitFor();
    assert.equal(await links.count(), Object.keys(builtins).length);
    assert.equal(await page.locator('[data-program-picker] a[aria-current="page"]').textContent(), builtins['leaders-learning-group'].title.nl);
    const target = builtins['first-time-leader'];
    await page.locator('[data-program-picker] a', { hasText: target.title.nl }).focus();
    await page.keyboard.press('Enter');
    await page.locator('kollega-app h2', { hasText: target.title.nl }).waitFor();
    assert.match(page.url(), /program=first-time-leader/);
    assert.match(page.url(), /lang=nl/);
  });
});

test('activities: phone width: every disclosure open, nothing scrolls sideways', async () => {
  await withPage(
    `/?program=${firstWith('role-play').id}`,
    async (page) => {
      await openAll(page);
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(widths[0] <= widths[1], `page scrolls sideways: ${widths}`);
      const summary = await page.locator('kollega-app details.activity > summary').first().boundingBox();
      assert.ok(summary.height >= 44, `summary height ${summary.height}`);
      assert.ok(summary.x >= 0 && summary.x + summary.width <= 360, 'summary inside the viewport');
    },
    { viewport: { width: 360, height: 740 } },
  );
});
