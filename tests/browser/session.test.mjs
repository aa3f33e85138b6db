// Issue 6 in the browser: a whole three-person peer session on one screen with the clock driven
// by the test (playwright's clock): the ground rules, turns, the overtime signal, pause/resume,
// extend, skip, action plans, the fair-time summary and the events it records; axe on every
// view; phone width in Swedish. The first load stays kollega.js + kollega-core.wasm until a
// learner opens a view. The other views: session-activities.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, waitForPath } from './browser-helpers.mjs';
import { MIN, assertAccessible, clockPage, storedEvents, view, text, plugin, press, completeSteps } from './session-helpers.mjs';

let demo;
before(async () => {
  demo = await startDemo();
});
after(async () => {
  await demo?.stop();
});

test('session: a whole three-person session on one screen, and the events it records', async () => {
  const context = await demo.browser.newContext({ timezoneId: 'Europe/Stockholm', locale: 'en-GB' });
  try {
    const page = await clockPage(demo, context, '/');
    // The first load is kollega.js and kollega-core.wasm only; the views come when opened.
    assert.deepEqual((await plugin(page)).sort(), ['/kollega/kollega-core.wasm', '/kollega/kollega.js']);
    await page.locator('kollega-app button[data-step="ground-rules"]').click();
    await page.locator('kollega-app li[data-step-id="set-goal"][data-status="next"]').waitFor();

    await completeSteps(page, ['set-goal']);
    await page.locator('kollega-app li[data-step-id="first-meeting"][data-status="next"]').waitFor();

    // The session: who is here, the ground rules first.
    await page.locator('kollega-app button[data-open="first-meeting"]').click();
    await view(page).locator('#person-0').waitFor();
    assert.ok((await plugin(page)).includes('/kollega/kollega-activities.js'));
    assert.ok((await plugin(page)).includes('/kollega/kollega-session.wasm'));
    await view(page).locator('#person-0').fill('Ann');
    await view(page).locator('#person-1').fill('Bo');
    await view(page).locator('#person-2').fill('Cy');
    assert.equal(await view(page).locator('#start-session').getAttribute('aria-disabled'), 'true');
    await assertAccessible(page, 'the session set-up with the ground rules');
    await press(page, 'We agree');
    await view(page).locator('.agreed').waitFor();
    assert.equal(await view(page).locator('#start-session').getAttribute('aria-disabled'), 'false');
    await press(page, 'Start the session');

    const now = view(page).locator('.now');
    await now.waitFor();
    assert.match(await text(now.locator('h3')), /Check-in/);
    assert.equal(await now.locator('.timer').textContent(), '5:00');
    assert.equal(await view(page).locator('.role-list li').count(), 3);
    await assertAccessible(page, 'the running session');

    // Overtime: gentle, visible and announced politely.
    await page.clock.runFor(5 * MIN + 30_000);
    await now.locator('.overtime[data-level="gentle"]').waitFor();
    assert.equal(await now.locator('.timer').textContent(), '0:30');
    assert.match(await view(page).locator('[aria-live="polite"]').textContent(), /time for this part is up/i);
    await assertAccessible(page, 'the gentle overtime signal');
    // Well over (a fifth of the box, at least a minute): still calm words, a clearer nudge.
    await page.clock.runFor(40_000);
    await now.locator('.overtime[data-level="strong"]').waitFor();
    assert.match(await view(page).locator('[aria-live="polite"]').textContent(), /well over/i);

    // Coaching turns: 15 minutes each; pause and resume; extend; skip.
    await press(page, 'Next:');
    await now.locator('.focus').waitFor();
    const firstTurn = await text(now.locator('.focus'));
    assert.equal(await now.locator('.timer').textContent(), '15:00');
    assert.ok((await view(page).locator('.questions li').count()) > 0, 'open questions offered to the coach');
    assert.match(await text(view(page).locator('.role-list')), /coach/);
    await page.clock.runFor(5 * MIN);
    assert.equal(await now.locator('.timer').textContent(), '10:00');
    await press(page, 'Pause');
    await now.locator('.badge.paused').waitFor();
    await page.clock.runFor(3 * MIN);
    assert.equal(await now.locator('.timer').textContent(), '10:00', 'a paused turn keeps its time');
    await press(page, 'Resume');
    await page.clock.runFor(10 * MIN);
    await press(page, 'Next:');
    await page.waitForFunction((first) => {
      const el = document.querySelector('kollega-app').shadowRoot.querySelector('kollega-activity').shadowRoot.querySelector('.focus');
      return el && el.innerText.trim() !== first;
    }, firstTurn);
    await press(page, 'Add 5 minutes');
    assert.equal(await now.locator('.timer').textContent(), '20:00');
    await page.clock.runFor(20 * MIN);
    await press(page, 'Next:');
    await page.clock.runFor(2 * MIN);
    await press(page, 'Skip this part');
    assert.match(await text(now.locator('h3')), /action plan/i);
    await view(page).locator('#plan-0').fill('Delegate the budget review to Dana');
    await view(page).locator('#plan-0').blur();
    await press(page, 'Next:');
    await page.clock.runFor(MIN);
    await press(page, 'Finish');

    // The fair-time summary, then save.
    const fair = view(page).locator('.fair-time');
    await fair.waitFor();
    const rows = await fair.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
    assert.equal(rows.length, 3);
    assert.deepEqual(rows.map((r) => r[1]).sort(), ['15:00', '2:00', '20:00'].sort());
    assert.match(await text(fair), /Some had more time than others/);
    await assertAccessible(page, 'the fair-time summary');
    await press(page, 'Save the session');
    await view(page).locator('#session-saved').waitFor();
    assert.match(await text(view(page).locator('#session-saved')), /attendance for 3 people and 1 action plans/);

    const events = await storedEvents(page);
    const types = events.map((e) => e.type);
    for (const type of ['step.completed', 'ground-rules.agreed', 'session.attended', 'action-plan.written']) {
      assert.ok(types.includes(type), `${type} recorded (${types.join(', ')})`);
    }
    const attended = events.filter((e) => e.type === 'session.attended');
    assert.equal(attended.length, 3);
    assert.equal(new Set(attended.map((e) => e.actor)).size, 3);
    const speaking = Object.assign({}, ...attended.map((e) => e.payload.speakingSeconds));
    assert.deepEqual(Object.values(speaking).sort((a, b) => a - b), [120, 900, 1200]);
    const plan = events.find((e) => e.type === 'action-plan.written');
    assert.equal(plan.payload.text, 'Delegate the budget review to Dana');
    assert.equal(plan.visibility, 'group');
    await press(page, 'Back to the path');
    await page.locator('kollega-app li[data-step-id="first-meeting"][data-status="done"]').waitFor();

    // Two weeks later: session 2 knows the people, skips the ground rules (agreed), and shows
    // last time's action plan at check-in.
    await page.clock.runFor(14 * 24 * 60 * MIN);
    await page.locator('kollega-app button[data-open="first-meeting"]').click();
    await view(page).locator('#start-session').waitFor();
    assert.match(await text(view(page).locator('.activity > .meta')), /Session 2/);
    assert.equal(await view(page).locator('#person-1').inputValue(), 'Bo');
    assert.equal(await view(page).locator('#agree').count(), 0);
    await press(page, 'Start the session');
    const previous = view(page).locator('.previous');
    await previous.waitFor();
    assert.match(await text(previous), /Since last time.*Ann: Delegate the budget review to Dana/);
    await press(page, 'End the session');
    await view(page).locator('.fair-time').waitFor();
    assert.deepEqual(page.problems.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('session views at phone width in Swedish: no sideways scrolling, Swedish strings', async () => {
  const context = await demo.browser.newContext({ timezoneId: 'Europe/Stockholm', locale: 'sv-SE', viewport: { width: 375, height: 740 } });
  try {
    const page = await clockPage(demo, context, '/?lang=sv');
    await completeSteps(page, ['ground-rules', 'set-goal']);
    await page.locator('kollega-app button[data-open="first-meeting"]').click();
    await view(page).locator('#person-0').waitFor();
    assert.match(await text(view(page).locator('.activity')), /Vilka är här\?/);
    for (const [i, name] of ['Ann', 'Bo', 'Cy'].entries()) await view(page).locator(`#person-${i}`).fill(name);
    await press(page, 'Vi är överens');
    await view(page).locator('.agreed').waitFor();
    await press(page, 'Starta träffen');
    await view(page).locator('.now').waitFor();
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(widths[0] <= widths[1], `page scrolls sideways: ${widths}`);
    for (const button of await view(page).locator('.controls button').all()) {
      const box = await button.boundingBox();
      assert.ok(box.height >= 44 && box.x >= 0 && box.x + box.width <= 375, `button ${await button.textContent()} ${JSON.stringify(box)}`);
    }
    assert.match(await text(view(page).locator('.controls')), /Pausa/);
    await assertAccessible(page, 'the running session in Swedish at 375 px');
    // A reload in the middle of a session resumes it where it was.
    await press(page, 'Nästa:');
    const turn = await text(view(page).locator('.now .focus'));
    await page.reload();
    await waitForPath(page);
    await page.locator('kollega-app button[data-open="first-meeting"]').click();
    await view(page).locator('.now .focus').waitFor();
    assert.equal(await text(view(page).locator('.now .focus')), turn);
  } finally {
    await context.close();
  }
});

