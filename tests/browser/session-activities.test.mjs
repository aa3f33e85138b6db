// Issue 6 in the browser, around the session: goals, the observation and feedback form (with a
// balance-rule error), feedback received, a role-play with a swap, the schedule with its reminder
// centre and .ics download, and the events they produce. axe on every view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import { startDemo } from './browser-helpers.mjs';
import { START, MIN, assertAccessible, clockPage, storedEvents, view, text, assertFits, press, completeSteps, rememberPeople } from './session-helpers.mjs';

let demo;
before(async () => {
  demo = await startDemo();
});
after(async () => {
  await demo?.stop();
});

test('feedback: the form shows who sees each answer, the balance rule error at its field, then a valid submit; the peer\'s feedback is received', async () => {
  const context = await demo.browser.newContext({ timezoneId: 'Europe/Stockholm', locale: 'en-GB', viewport: { width: 375, height: 800 } });
  try {
    const page = await clockPage(demo, context, '/?program=presentation-practice');
    const learner = await rememberPeople(page, 'presentation-practice');
    await completeSteps(page, ['ground-rules', 'set-goal', 'first-rehearsal']);
    await page.locator('kollega-app button[data-open="give-feedback"]').click();
    const form = view(page).locator('form');
    await form.waitFor();
    assert.equal(await view(page).locator('select#f-to option:checked').textContent(), 'Bo');
    const ratings = view(page).locator('fieldset.rating');
    const items = await ratings.count();
    assert.equal(items, 5);
    for (let i = 0; i < items; i++) {
      const fieldset = ratings.nth(i);
      assert.match(await text(fieldset.locator('.visibility')), /Who will see this: Bo and your group/);
      if (i === 0) {
        // By keyboard: Space picks the focused point, the arrow keys move along the scale.
        await fieldset.locator('input[type="radio"]').first().focus();
        await page.keyboard.press('Space');
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowRight');
        assert.equal(await fieldset.locator('input[type="radio"]').nth(2).isChecked(), true);
      } else {
        await fieldset.locator('input[type="radio"]').nth(2).check();
      }
    }
    for (const field of ['worked', 'improve']) {
      assert.match(await text(view(page).locator(`[data-field="${field}"] > .visibility`)), /Bo and your group/);
    }
    assert.match(await text(form.locator('.actions .visibility')), /only see that you gave feedback/);
    await view(page).locator('#f-worked').fill('You opened with the key message.');
    await view(page).locator('#f-improve').fill('Pause after each chart.');
    await assertAccessible(page, 'the feedback form');
    await press(page, 'Send feedback');
    const error = view(page).locator('[data-field="worked"] .field-error');
    await error.waitFor();
    assert.match(await error.textContent(), /at least 2 things that worked/);
    assert.equal(await view(page).locator('#f-worked').getAttribute('aria-invalid'), 'true');
    assert.match(await view(page).locator('#f-worked').getAttribute('aria-describedby'), /f-worked-error/);
    assert.equal(await page.evaluate(() => document.querySelector('kollega-app').shadowRoot.querySelector('kollega-activity').shadowRoot.activeElement?.id), 'f-worked');
    await assertAccessible(page, 'the feedback form with a balance-rule error');
    await assertFits(page, 'the feedback form at 375 px');
    await view(page).locator('#f-worked-1').fill('Calm pace in the Q&A.');
    await view(page).locator('#f-sbi-situation').fill('Tuesday rehearsal, slide 4');
    await view(page).locator('#f-sbi-behaviour').fill('You read the figures aloud without a pause');
    await view(page).locator('#f-sbi-impact').fill('I lost track of the trend');
    await press(page, 'Send feedback');
    await view(page).locator('#feedback-sent').waitFor();
    const given = (await storedEvents(page)).filter((e) => e.type === 'feedback.given');
    assert.equal(given.length, 1);
    assert.equal(given[0].actor, learner);
    assert.equal(given[0].payload.to, 'peer-bo');
    assert.equal(given[0].visibility, 'group');
    assert.deepEqual(given[0].payload.worked, ['You opened with the key message.', 'Calm pace in the Q&A.']);
    assert.deepEqual(given[0].payload.improve, ['Pause after each chart.']);
    assert.equal(Object.keys(given[0].payload.ratings).length, 5);
    assert.ok(Object.values(given[0].payload.ratings).every((r) => r === 3), JSON.stringify(given[0].payload.ratings));

    // Bo's feedback to the learner (made by the same core, stored as Bo's tab would) is received.
    await page.evaluate(async (to) => {
      const { loadSessionCore } = await import('/kollega/kollega-activities.js');
      const core = await loadSessionCore();
      const app = document.querySelector('kollega-app');
      const program = app.activityContext.programText;
      const form = core.feedbackForm(program, 'presentation-feedback', 'en');
      const ratings = Object.fromEntries(form.fields.filter((f) => f.kind === 'rating').map((f) => [f.id.slice(8), f.max]));
      const event = core.feedbackEvent(program, 'presentation-feedback', { ratings, worked: ['Strong opening story', 'Clear slides'], improve: ['Slow down at the end'] }, 'peer-bo', to, crypto.randomUUID(), new Date().toISOString());
      await app.store.put(app.pathView.program.id, event);
    }, learner);
    await press(page, 'Back to the path');
    await page.locator('kollega-app button[data-open="feedback"]').click();
    const received = view(page).locator('ul.received > li');
    await received.waitFor();
    assert.equal(await received.count(), 1);
    assert.match(await text(received), /Bo: Presentation feedback/);
    assert.match(await text(received), /Strong opening story/);
    assert.match(await text(received), /Slow down at the end/);
    assert.match(await text(received), /4 of 4 — Excellent/);
    await assertAccessible(page, 'feedback received');
    assert.deepEqual(page.problems.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('role-play: the scenario, role cards with the cues of each stage, the swap, the observer\'s checklist', async () => {
  const context = await demo.browser.newContext({ timezoneId: 'Europe/Stockholm', locale: 'en-GB', viewport: { width: 375, height: 800 } });
  try {
    const page = await clockPage(demo, context, '/?program=presentation-practice');
    await rememberPeople(page, 'presentation-practice');
    await completeSteps(page, ['ground-rules', 'set-goal', 'first-rehearsal', 'give-feedback']);
    // The role-play step opens after two sessions attended.
    for (let i = 0; i < 2; i++) {
      await page.evaluate(() => document.querySelector('kollega-app').recordEvent({ type: 'session.attended', payload: { activity: 'rehearsal' } }));
      await page.clock.runFor(1000);
    }
    await page.locator('kollega-app button[data-open="rehearse-questions"]').click();
    await view(page).locator('#start-roleplay').waitFor();
    assert.match(await text(view(page).locator('.activity')), /sceptical one/);
    assert.equal(await view(page).locator('#person-1').inputValue(), 'Bo');
    await press(page, 'Start the role-play');
    await view(page).locator('#stage-heading').waitFor();
    assert.match(await text(view(page).locator('#stage-heading')), /Stage 1 of 3: Easy questions/);
    const card = (name) => view(page).locator('.role-card', { hasText: `${name}:` });
    const before = {};
    for (const name of ['Ann', 'Bo', 'Cy']) before[name] = await text(card(name).locator('h4'));
    assert.deepEqual(Object.values(before).map((h) => h.split(': ')[1]).sort(), ['Audience member', 'Presenter', 'observer']);
    const presenter = view(page).locator('.role-card[data-role="presenter"]');
    assert.match(await text(presenter), /Thank them for the question/);
    const observer = view(page).locator('.role-card[data-role="observer"]');
    assert.match(await text(observer), /Observer’s checklist: Presentation feedback/);
    assert.equal(await observer.locator('.checklist li').count(), 5);
    await assertAccessible(page, 'the role-play player');
    await assertFits(page, 'the role-play player at 375 px');
    await press(page, 'Next stage');
    assert.match(await text(presenter), /Acknowledge the concern/);
    await press(page, 'Next stage');
    await view(page).locator('.swap').waitFor();
    await press(page, 'Swap roles');
    await view(page).locator('.meta', { hasText: 'Round 2 of 2' }).waitFor();
    const after = {};
    for (const name of ['Ann', 'Bo', 'Cy']) after[name] = await text(card(name).locator('h4'));
    for (const name of ['Ann', 'Bo', 'Cy']) assert.notEqual(after[name], before[name], `${name} has a new role after the swap`);
    for (let i = 0; i < 3; i++) await press(page, 'Next stage');
    await view(page).locator('#save-roleplay').waitFor();
    await assertAccessible(page, 'the finished role-play');
    await press(page, 'Save the role-play');
    await view(page).locator('text=Saved: 4 roles played.').waitFor();
    const played = (await storedEvents(page)).filter((e) => e.type === 'role-play.completed');
    assert.equal(played.length, 4);
    assert.deepEqual([...new Set(played.map((e) => e.payload.role))].sort(), ['audience', 'presenter']);
    assert.deepEqual(page.problems.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('schedule: occurrences in the learner\'s zone across summer time, reminders, opt-in notifications, .ics download', async () => {
  const context = await demo.browser.newContext({ timezoneId: 'Europe/Stockholm', locale: 'en-GB', acceptDownloads: true });
  try {
    await context.addInitScript(() => {
      window.__permissionRequests = 0;
      if (typeof Notification === 'function') {
        const original = Notification.requestPermission.bind(Notification);
        Notification.requestPermission = (...args) => {
          window.__permissionRequests += 1;
          return original(...args);
        };
      }
    });
    const page = await clockPage(demo, context, '/');
    await page.locator('kollega-app button[data-open="schedule"]').click();
    await view(page).locator('#first-meeting').waitFor();
    assert.match(await text(view(page).locator('.activity')), /Europe\/Stockholm/);
    await assertAccessible(page, 'the schedule view before booking');
    await view(page).locator('#first-meeting').fill('2027-03-11T12:00');
    await press(page, 'Save the meeting');
    const upcoming = view(page).locator('ol.upcoming li');
    await upcoming.first().waitFor();
    const starts = await upcoming.evaluateAll((lis) => lis.map((li) => li.dataset.start));
    assert.deepEqual(starts.slice(0, 3), ['2027-03-11T11:00:00.000Z', '2027-03-25T11:00:00.000Z', '2027-04-08T10:00:00.000Z']);
    const scheduled = (await storedEvents(page)).filter((e) => e.type === 'session.scheduled');
    assert.equal(scheduled.length, 1);
    assert.equal(scheduled[0].payload.start, '2027-03-11T11:00:00.000Z');
    const reminders = view(page).locator('ul.reminders li');
    assert.ok((await reminders.count()) > 0, 'the reminder centre lists reminders');
    assert.match(await text(reminders.first()), /Session coming up/);
    assert.equal(await page.evaluate(() => window.__permissionRequests), 0, 'no permission prompt before a click');
    await assertAccessible(page, 'the schedule view with reminders');
    await page.setViewportSize({ width: 375, height: 800 });
    await assertFits(page, 'the schedule view at 375 px');
    await press(page, 'Turn on browser notifications');
    await page.waitForFunction(() => window.__permissionRequests === 1);

    const [download] = await Promise.all([page.waitForEvent('download'), press(page, 'Download to your calendar')]);
    assert.match(download.suggestedFilename(), /\.ics$/);
    const ics = await readFile(await download.path(), 'utf8');
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n'), 'CRLF line ends');
    assert.doesNotMatch(ics.replace(/\r\n/g, ''), /\n/, 'no bare LF');
    for (const line of ics.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `folded at 75 octets: ${line}`);
    const unfolded = ics.replace(/\r\n[ \t]/g, '');
    assert.match(unfolded, /BEGIN:VTIMEZONE\r\nTZID:Europe\/Stockholm/);
    assert.match(unfolded, /DTSTART;TZID=Europe\/Stockholm:20270311T120000/);
    assert.match(unfolded, /RRULE:FREQ=WEEKLY;INTERVAL=2/);
    assert.match(unfolded, /BEGIN:VALARM/);
    assert.match(unfolded, /UID:/);
    assert.match(unfolded, /DTSTAMP:/);
    // ical.js, with the file's VTIMEZONE, expands the RRULE to the instants the page listed.
    const cal = new ICAL.Component(ICAL.parse(ics));
    for (const vtz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
    const iterator = new ICAL.Event(cal.getFirstSubcomponent('vevent')).iterator();
    const expanded = [];
    for (let next = iterator.next(); next && expanded.length < starts.length; next = iterator.next()) expanded.push(new Date(next.toUnixTime() * 1000).toISOString());
    assert.deepEqual(expanded, starts);
    assert.deepEqual(page.problems.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('goals: a specific, measurable goal, a check-in with progress, the step done, a win', async () => {
  const context = await demo.browser.newContext({ timezoneId: 'Europe/Stockholm', locale: 'en-GB' });
  try {
    const page = await clockPage(demo, context, '/');
    await completeSteps(page, ['ground-rules']);
    // Goals: set a specific, measurable goal, then check in.
    await page.locator('kollega-app button[data-open="set-goal"]').click();
    await view(page).locator('#goal-text').waitFor();
    await assertAccessible(page, 'the goal form');
    await press(page, 'Save the goal');
    assert.equal(await view(page).locator('#goal-text').getAttribute('aria-invalid'), 'true');
    await view(page).locator('#goal-text').fill('Delegate one recurring task a month');
    await view(page).locator('#goal-measure').fill('Tasks delegated without checking halfway');
    await press(page, 'Save the goal');
    const goal = view(page).locator('li.goal');
    await goal.waitFor();
    assert.match(await text(goal), /Progress: 0%/);
    await page.clock.runFor(1000);
    await goal.locator('input[type="range"]').fill('40');
    await goal.locator('input[type="text"]').fill('Handed over the weekly report');
    await goal.getByRole('button', { name: /Check in/ }).click();
    await goal.locator('[role="progressbar"][aria-valuenow="40"]').waitFor();
    assert.match(await text(goal), /Next check-in: /);
    // Reaching 100% is celebrated.
    await page.clock.runFor(1000);
    await goal.locator('input[type="range"]').fill('100');
    await goal.getByRole('button', { name: /Check in/ }).click();
    await goal.locator('.celebrate').waitFor();
    assert.match(await text(goal), /Goal reached: 100%/);
    assert.match(await view(page).locator('[aria-live="polite"]').textContent(), /Goal reached/);
    await page.clock.runFor(1000);
    await assertAccessible(page, 'the goals view with a check-in');
    await page.setViewportSize({ width: 375, height: 800 });
    await assertFits(page, 'the goals view at 375 px');
    await press(page, 'Back to the path');
    await page.locator('kollega-app li[data-step-id="first-meeting"][data-status="next"]').waitFor();
    assert.equal(await page.evaluate(() => document.querySelector('kollega-app').shadowRoot.activeElement?.dataset.open), 'set-goal');

    await page.locator('kollega-app button[data-open="goals"]').click();
    await view(page).locator('#win-text').waitFor();
    await page.clock.runFor(1000);
    await view(page).locator('#win-text').fill('Said no to a meeting, kindly');
    await press(page, 'Share the win');
    await view(page).locator('.win-list li', { hasText: 'Said no to a meeting' }).waitFor();
    const types = (await storedEvents(page)).map((e) => e.type);
    for (const type of ['goal.set', 'goal.checked-in', 'win.celebrated']) assert.ok(types.includes(type), `${type} recorded`);
    assert.deepEqual((await storedEvents(page)).filter((e) => e.type === 'goal.checked-in').map((e) => e.payload.progress), [40, 100]);
    const goalSet = (await storedEvents(page)).find((e) => e.type === 'goal.set');
    assert.deepEqual(goalSet.payload, { goal: goalSet.payload.goal, activity: 'leadership-goal', text: 'Delegate one recurring task a month', measure: 'Tasks delegated without checking halfway' });
    assert.equal(goalSet.visibility, 'group');
    assert.deepEqual(page.problems.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('notifications: once allowed, a reminder that falls due while the page is open becomes a browser notification', async () => {
  const context = await demo.browser.newContext({ timezoneId: 'Europe/Stockholm', locale: 'en-GB' });
  try {
    await context.grantPermissions(['notifications']);
    await context.addInitScript(() => {
      // Headless Chromium shows no notifications: record what the page asks for.
      window.__notifications = [];
      const Native = window.Notification;
      window.Notification = class extends Native {
        constructor(title, options) {
          super(title, options);
          window.__notifications.push({ title, body: options?.body });
        }
      };
    });
    const page = await clockPage(demo, context, '/');
    await page.locator('kollega-app button[data-open="schedule"]').click();
    await view(page).locator('#first-meeting').waitFor();
    // START is 11:00 in Stockholm: a meeting at 13:00 today, its reminder at 12:45.
    await view(page).locator('#first-meeting').fill('2026-12-01T13:00');
    await press(page, 'Save the meeting');
    await view(page).locator('ol.upcoming li').first().waitFor();
    assert.match(await text(view(page).locator('.reminder-centre')), /Browser notifications are on/);
    await press(page, 'Back to the path');
    await page.clock.runFor(100 * MIN);
    assert.deepEqual(await page.evaluate(() => window.__notifications), []);
    await page.clock.runFor(10 * MIN);
    const shown = await page.evaluate(() => window.__notifications);
    assert.equal(shown.length, 1);
    assert.match(shown[0].title, /Session coming up/);
    assert.deepEqual(page.problems.pageErrors, []);
  } finally {
    await context.close();
  }
});
