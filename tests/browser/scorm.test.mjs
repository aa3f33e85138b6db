// The SCORM packages of `make dist` inside an LMS whose runtime is scorm-again (1.2: window.API,
// 2004: window.API_1484_11), in Chromium: the test LMS page (tests/browser/scorm-host/) launches
// the unzipped package in an iframe, as Moodle's or Blackboard's player does. Finishing the
// program sets status and score; suspend_data brings the path back after a relaunch; a state
// that does not fit warns in the element (axe-checked); commit on progress and on unload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { openPage } from './browser-helpers.mjs';
import { startScormLab } from './scorm-helpers.mjs';
import { decodeState } from '../../plugin/src/hosts/scorm-store.js';


/** Seconds of a SCORM session time: 1.2 CMITimespan (HHHH:MM:SS.SS) or 2004 ISO 8601 (PT1H2M3.4S). */
function timespanSeconds(text) {
  const hms = /^(\d{2,4}):(\d{2}):(\d{2}(?:\.\d{1,2})?)$/.exec(text);
  if (hms) return Number(hms[1]) * 3600 + Number(hms[2]) * 60 + Number(hms[3]);
  const iso = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,2})?)S)?$/.exec(text);
  assert.ok(iso, `a session time: ${text}`);
  return Number(iso[1] ?? 0) * 3600 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0);
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const STEPS = ['ground-rules', 'set-goal', 'first-meeting', 'reflect', 'follow-up', 'look-back'];
const LEARNER = { id: 'learner-42', name: 'Doe, Jane' };

/** What differs between the versions: element names of scorm-again's CMI JSON and the launch values. */
const VERSIONS = {
  12: {
    pkg: 'pkg12',
    limit: 4096,
    launch: (extra = {}) => ({ 'cmi.core.student_id': LEARNER.id, 'cmi.core.student_name': LEARNER.name, ...extra }),
    resume: (cmi) => ({
      'cmi.core.student_id': cmi.core.student_id,
      'cmi.core.student_name': cmi.core.student_name,
      'cmi.core.lesson_status': cmi.core.lesson_status,
      'cmi.core.entry': 'resume',
      'cmi.suspend_data': cmi.suspend_data,
    }),
    status: (cmi) => ({ status: cmi.core.lesson_status, raw: cmi.core.score.raw, min: cmi.core.score.min, max: cmi.core.score.max }),
    finished: { status: 'passed', raw: '100', min: '0', max: '100' },
    sessionTime: (cmi) => cmi.core.session_time,
    sessionTimeFormat: /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/,
    exit: (cmi) => cmi.core.exit,
    interactionId: (step) => step,
    interactionType: 'performance',
    interactionTime: (i) => i.time,
    interactionTimeFormat: /^\d{2}:\d{2}:\d{2}$/,
  },
  2004: {
    pkg: 'pkg2004',
    limit: 64000,
    launch: (extra = {}) => ({ 'cmi.learner_id': LEARNER.id, 'cmi.learner_name': LEARNER.name, ...extra }),
    resume: (cmi) => ({
      'cmi.learner_id': cmi.learner_id,
      'cmi.learner_name': cmi.learner_name,
      'cmi.completion_status': cmi.completion_status,
      'cmi.success_status': cmi.success_status,
      'cmi.entry': 'resume',
      'cmi.suspend_data': cmi.suspend_data,
    }),
    status: (cmi) => ({
      completion: cmi.completion_status,
      success: cmi.success_status,
      raw: cmi.score.raw,
      min: cmi.score.min,
      max: cmi.score.max,
      scaled: cmi.score.scaled,
      progress: cmi.progress_measure,
    }),
    finished: { completion: 'completed', success: 'passed', raw: '100', min: '0', max: '100', scaled: '1', progress: '1' },
    sessionTime: (cmi) => cmi.session_time,
    sessionTimeFormat: /^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/,
    exit: (cmi) => cmi.exit,
    interactionId: (step) => `urn:kollega:leaders-learning-group:${step}`,
    interactionType: 'other',
    interactionTime: (i) => i.timestamp,
    interactionTimeFormat: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,2})?Z$/,
  },
};

let lab;

before(async () => {
  lab = await startScormLab();
});

after(async () => {
  await lab?.stop();
});

/** A fresh browser context with the test LMS page of `version`; closes it after `fn`. */
async function withLms(version, fn, contextOptions = {}) {
  const context = await lab.browser.newContext(contextOptions);
  try {
    const page = await openPage(context);
    page.consoleErrors = [];
    page.on('console', (m) => m.type() === 'error' && page.consoleErrors.push({ text: m.text(), url: m.location().url }));
    await page.goto(lab.url(`/host.html?version=${version}&pkg=${VERSIONS[version].pkg}`));
    return await fn(page);
  } finally {
    await context.close();
  }
}

/** Starts an attempt (scorm-again loaded with `initial`) and waits for the path. */
async function launch(page, initial, options) {
  await page.evaluate(([init, opts]) => window.launch(init, opts), [initial, options]);
  const app = page.frameLocator('iframe').locator('kollega-app');
  await app.locator('ol.steps li').first().waitFor();
  return app;
}

const cmi = (page) => page.evaluate(() => window.cmi());
const lms = (page) => page.evaluate(() => ({ commits: window.lms.commits, finishes: window.lms.finishes, sets: window.lms.sets }));

/** Marks `stepId` done with the keyboard (focus + Enter), as a learner would, and waits for it. */
async function markDone(app, stepId) {
  await app.locator(`button[data-step="${stepId}"]`).focus();
  await app.locator(`button[data-step="${stepId}"]`).press('Enter');
  await app.locator(`li[data-step-id="${stepId}"][data-status="done"]`).waitFor();
}

/** What the session runner records when the group has met (the later steps open after meetings). */
function attendSession(app) {
  return app.evaluate((el) => el.recordEvent({ type: 'session.attended', activity: 'group-meeting' }));
}

/** Every step of the program, with the group meetings the locked ones wait for. */
async function finishProgram(app) {
  for (const step of STEPS) {
    while ((await app.locator(`button[data-step="${step}"]`).count()) === 0) {
      const reason = await app.locator(`li[data-step-id="${step}"] .meta[data-reason]`).first().getAttribute('data-reason');
      assert.equal(reason, 'sessions', `${step} waits for group meetings, nothing else`);
      await attendSession(app);
    }
    await markDone(app, step);
  }
}

/** No page errors, no console errors but the host page's missing favicon, no CSP violation in the package's frame. */
async function assertClean(page) {
  assert.deepEqual(page.problems.pageErrors, []);
  assert.deepEqual(page.consoleErrors.filter((m) => !m.url.endsWith('/favicon.ico')), []);
  const frame = page.frames().find((f) => f.url().endsWith('/index.html'));
  assert.deepEqual(await frame.evaluate(() => window.__cspViolations), [], 'CSP violations in the package');
}

async function assertAccessible(page, label) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], `axe violations in ${label}`);
}

/** Incompressible text (so deflate cannot hide its size). */
function noise(length) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ';
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[Math.floor(Math.random() * alphabet.length)];
  return text;
}

for (const version of ['12', '2004']) {
  const v = VERSIONS[version];

  test(`scorm ${version}: finishing the program sets status, score and interactions; commit on progress and on unload`, async () => {
    await withLms(version, async (page) => {
      const app = await launch(page, v.launch());
      assert.equal(await app.evaluate((el) => el.lmsHost.learner.id), LEARNER.id, 'the learner is the LMS learner');
      assert.equal(await app.locator('.progress-text').textContent(), '0 of 6 steps done');
      const started = await lms(page);
      assert.ok(started.commits.length >= 1, 'the first view is committed');
      const first = v.status(started.commits.at(-1).cmi);
      assert.ok(first.status === 'incomplete' || first.completion === 'incomplete', JSON.stringify(first));
      assert.equal(v.exit((await cmi(page)).cmi), 'suspend');

      await finishProgram(app);
      assert.equal(await app.locator('.progress-text').textContent(), '6 of 6 steps done');
      const done = await lms(page);
      assert.ok(done.commits.length >= 1 + STEPS.length, `a commit per step (${done.commits.length})`);
      assert.deepEqual(v.status(done.commits.at(-1).cmi), v.finished, 'the last commit carries the final status and score');
      const now = (await cmi(page)).cmi;
      assert.deepEqual(v.status(now), v.finished);
      const interactions = Object.values(now.interactions);
      assert.deepEqual(interactions.map((i) => i.id), STEPS.map(v.interactionId));
      for (const i of interactions) {
        assert.equal(i.type, v.interactionType);
        assert.equal(i.result, 'neutral');
        assert.match(v.interactionTime(i), v.interactionTimeFormat);
      }
      assert.equal(done.finishes, 0, 'the session stays open while the learner is there');
      await assertAccessible(page, `scorm ${version} finished`);
      await assertClean(page);

      // The learner leaves: the LMS player removes the frame (pagehide, unload).
      const commitsBefore = done.commits.length;
      await page.evaluate(() => window.closeAttempt());
      await page.waitForFunction(() => window.lms.finishes > 0);
      const closed = await lms(page);
      assert.equal(closed.finishes, 1, 'LMSFinish/Terminate once');
      assert.ok(closed.commits.length > commitsBefore, 'a commit on unload');
      const time = v.sessionTime(closed.commits.at(-1).cmi);
      assert.match(time, v.sessionTimeFormat);
      // The LMS keeps the time it was given re-formatted (scorm-again stores a 1.2 timespan as
      // getSecondsAsHHMMSS: "0000:00:03.10" becomes "00:00:03.1"), so compare durations, to the
      // hundredth of a second both formats carry.
      const given = closed.sets.filter(([element]) => /session_time$/.test(element)).map(([, value]) => value);
      assert.equal(given.length, 1, 'session time set by Kollega once');
      assert.ok(Math.abs(timespanSeconds(given[0]) - timespanSeconds(time)) < 0.006, `session time ${given[0]} kept as ${time}`);
    });
  });

  test(`scorm ${version}: suspend_data brings the path back after a relaunch`, async () => {
    await withLms(version, async (page) => {
      let app = await launch(page, v.launch());
      await markDone(app, 'ground-rules');
      await markDone(app, 'set-goal');
      await page.evaluate(() => window.closeAttempt());
      await page.waitForFunction(() => window.lms.finishes > 0);
      const kept = (await cmi(page)).cmi;
      assert.match(kept.suspend_data, /^K1[A-Za-z0-9+/=]+$/);
      assert.ok(kept.suspend_data.length <= v.limit);

      app = await launch(page, v.resume(kept));
      assert.equal(await app.locator('.progress-text').textContent(), '2 of 6 steps done');
      assert.equal(await app.locator('li[data-step-id="ground-rules"]').getAttribute('data-status'), 'done');
      assert.equal(await app.locator('li[data-step-id="set-goal"]').getAttribute('data-status'), 'done');
      assert.equal(await app.locator('li[data-step-id="first-meeting"]').getAttribute('data-status'), 'next');
      await markDone(app, 'first-meeting');
      const after = (await cmi(page)).cmi;
      // Only the step of this session becomes an interaction; the others were reported before.
      assert.deepEqual(Object.values(after.interactions).map((i) => i.id), [v.interactionId('first-meeting')]);
      assert.equal(await app.locator('.error').count(), 0, 'no warnings');
    });
  });

  // The 2004 run is in Swedish (the learner's browser language, picked up by the package's page-lang.js).
  const swedish = version === '2004';
  test(`scorm ${version}: a state too large for suspend_data warns in the element${swedish ? ' (in Swedish)' : ''} and is never cut off`, async () => {
    await withLms(version, async (page) => {
      const app = await launch(page, v.launch());
      await markDone(app, 'ground-rules');
      await markDone(app, 'set-goal');
      const fitted = (await cmi(page)).cmi.suspend_data;
      assert.ok(fitted.length <= v.limit);

      // A reflection longer than the LMS can keep: the steps stay, the text does not, and the learner is told.
      await app.evaluate((el, text) => el.recordEvent({ type: 'reflection.written', activity: 'after-meeting', text }), noise(v.limit + 1000));
      const textsWarning = app.locator('.error[data-code="texts_not_kept"]');
      await textsWarning.waitFor();
      assert.equal(await textsWarning.getAttribute('role'), 'alert');
      assert.match(await textsWarning.textContent(), swedish ? /inte för dina anteckningar/ : /not for your notes/);
      assert.ok(await textsWarning.isVisible());
      const progressOnly = (await cmi(page)).cmi.suspend_data;
      assert.ok(progressOnly.length <= v.limit, `suspend_data ${progressOnly.length} within ${v.limit}`);
      const state = Object.values(await decodeState(progressOnly)).flat();
      assert.deepEqual(state.map((e) => e.type).sort(), ['step.completed', 'step.completed'], 'the steps are kept, the reflection is not');
      await assertAccessible(page, `scorm ${version} warning`);

      if (version === '12') {
        // More progress than 4,096 characters hold: the last state that fitted stays, whole.
        for (let i = 0; i < 120 && (await app.locator('.error[data-code="state_not_kept"]').count()) === 0; i++) await attendSession(app);
        const fullWarning = app.locator('.error[data-code="state_not_kept"]');
        await fullWarning.waitFor();
        assert.match(await fullWarning.textContent(), /no more room for your progress/);
        const kept = (await cmi(page)).cmi.suspend_data;
        assert.ok(kept.length <= 4096, `suspend_data ${kept.length} within 4096`);
        await assertAccessible(page, 'scorm 12 full');
        // What was kept is a whole state: a relaunch shows the two steps.
        await page.evaluate(() => window.closeAttempt());
        await page.waitForFunction(() => window.lms.finishes > 0);
        const relaunched = await launch(page, v.resume((await cmi(page)).cmi));
        assert.equal(await relaunched.locator('.progress-text').textContent(), '2 of 6 steps done');
      }
    }, swedish ? { locale: 'sv-SE' } : {});
  });
}

test('scorm: the learner\'s language in the LMS wins over the browser\'s (1.2 Dutch, 2004 Norwegian)', async () => {
  for (const [version, preference, text] of [
    ['12', { 'cmi.student_preference.language': 'nl' }, '0 van de 6 stappen afgerond'],
    ['2004', { 'cmi.learner_preference.language': 'nb-NO' }, '0 av 6 steg fullført'],
  ]) {
    await withLms(version, async (page) => {
      const app = await launch(page, VERSIONS[version].launch(preference));
      await assert.doesNotReject(app.locator('.progress-text', { hasText: text }).waitFor());
      assert.equal(await app.evaluate((el) => el.lmsHost.learner.language), version === '12' ? 'nl' : 'nb');
    });
  }
});

test('scorm 12: an LMS error is reported in the element with its code and text', async () => {
  await withLms('12', async (page) => {
    const app = await launch(page, VERSIONS[12].launch(), { refuse: { element: 'cmi.core.lesson_status', code: 101 } });
    const warning = app.locator('.error[data-code="lms_error"]');
    await warning.waitFor();
    assert.match(await warning.textContent(), /did not accept cmi\.core\.lesson_status: error 101 \(General Exception\)/);
    assert.deepEqual(
      (await app.evaluate((el) => el.lmsHost.errors)).map((e) => [e.call, e.element, e.code]),
      [['LMSSetValue', 'cmi.core.lesson_status', '101']],
    );
    await assertAccessible(page, 'scorm 12 LMS error');
  });
});

test('scorm: the package opened outside an LMS says so instead of staying blank', async () => {
  const context = await lab.browser.newContext();
  try {
    const page = await openPage(context, lab.url('/pkg2004/index.html'));
    const error = page.locator('kollega-app .error[data-code="host_failed"]');
    await error.waitFor();
    assert.match(await error.textContent(), /could not connect to the learning platform/);
    assert.match(await error.textContent(), /No SCORM 2004 API \(window\.API_1484_11\)/);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  } finally {
    await context.close();
  }
});
