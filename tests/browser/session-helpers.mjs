// What the session browser tests share (session.test.mjs, session-activities.test.mjs): axe under
// the test's paused clock, a page whose clock the test drives, the element's stored events, and
// small actions a learner takes.
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { openPage, waitForPath } from './browser-helpers.mjs';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const START = new Date('2026-12-01T10:00:00Z');
export const MIN = 60_000;

export async function assertAccessible(page, label) {
  // axe schedules its work with setTimeout, which the paused test clock holds back: move the
  // clock a millisecond at a time while it runs (a few ms in all, far below the timers' seconds).
  let done = false;
  const analysis = new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  analysis.then(() => (done = true), () => (done = true));
  while (!done) {
    await page.clock.runFor(1).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const results = await analysis;
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  assert.deepEqual(summary, [], `axe violations in ${label}`);
}

/** A page with the clock under the test's control: installed at START, paused a minute later. */
export async function clockPage(demo, context, path) {
  await context.clock.install({ time: START });
  // What the page fetched from the plugin folder (the fake clock also fakes performance timing).
  const fetched = [];
  context.on('request', (request) => {
    const pathname = new URL(request.url()).pathname;
    if (pathname.startsWith('/kollega/')) fetched.push(pathname);
  });
  const page = await openPage(context, demo.url(path));
  page.fetched = fetched;
  await page.clock.pauseAt(new Date(START.getTime() + MIN));
  await waitForPath(page);
  return page;
}

/** Every event the element's store holds, sorted by time then type. */
export function storedEvents(page) {
  return page.evaluate(async () => {
    const app = document.querySelector('kollega-app');
    const events = await app.store.list(app.pathView.program.id);
    return events.sort((a, b) => (a.at === b.at ? a.type.localeCompare(b.type) : a.at < b.at ? -1 : 1));
  });
}

export const view = (page) => page.locator('kollega-app kollega-activity');
export const text = (locator) => locator.evaluate((el) => el.innerText.replace(/\s+/g, ' ').trim());
export const plugin = async (page) => [...new Set(page.fetched)];

/** At phone width nothing scrolls sideways. */
export async function assertFits(page, label) {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= width, `${label}: the page scrolls sideways (${scroll} > ${width})`);
}

/** Presses a button of the open view by its text, with the keyboard. */
export async function press(page, name) {
  const button = view(page).getByRole('button', { name, exact: false }).first();
  await button.focus();
  await page.keyboard.press('Enter');
}

/**
 * Marks steps done through the element's API (the path's order), as the learner would, a
 * second apart (the paused clock would give them one instant, and the log orders by time).
 */
export async function completeSteps(page, steps) {
  for (const id of steps) {
    await page.clock.runFor(1000);
    await page.evaluate((step) => document.querySelector('kollega-app').completeStep(step), id);
  }
  await page.clock.runFor(1000);
}

/** The people of a previous session in this browser: the learner, Bo and Cy. */
export async function rememberPeople(page, programId) {
  return page.evaluate((program) => {
    const learner = localStorage.getItem('kollega.learner');
    const people = [
      { id: learner, name: 'Ann' },
      { id: 'peer-bo', name: 'Bo' },
      { id: 'peer-cy', name: 'Cy' },
    ];
    localStorage.setItem(`kollega.${program}.people`, JSON.stringify(people));
    return learner;
  }, programId);
}
