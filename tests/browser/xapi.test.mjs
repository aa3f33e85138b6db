// The cmi5 package and the xAPI store against real LMS-side software, in Chromium:
// dist's kollega-cmi5.zip unpacked and served (own origin, CSP with connect-src for the LMS),
// launched by a test cmi5 launcher (fetch token, LMS.LaunchData) in front of xapi-statements
// (Learning Locker's statement service, memory mode, 127.0.0.1). docs/install-cmi5.md follows
// these steps; docs/xapi-store.md describes what is checked here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import validateStatement from 'xapi-validation';
import { buildPlugin } from '../../scripts/build-plugin.mjs';
import { buildPackages } from '../../scripts/package.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH, openPage, waitForPath, stepStates } from './browser-helpers.mjs';
import { startLrs, startLauncher, startStatic, lrsStatements, root } from '../lrs/lms.mjs';

const validate = validateStatement.default ?? validateStatement;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PROGRAM = 'observation-visit';
const ADL = 'http://adlnet.gov/expapi/verbs/';
const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const MOVEON_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
const SESSION_ID = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const MASTERY = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';
const EVENT_TYPE = 'https://kollega.app/xapi/extensions/event-type';

let work, au, lrs, launcher, browser;

/** A test-only page beside the package's files: <kollega-app> with an XapiStore, no cmi5 (reload tests). */
const XAPI_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kollega with an LRS</title>
<script type="module" src="xapi-page.js"></script></head><body><main></main></body></html>
`;
const XAPI_PAGE_JS = `import './kollega.js';
import { XapiStore } from './kollega-cmi5.js';
const params = new URLSearchParams(location.search);
const store = new XapiStore({ endpoint: params.get('endpoint'), auth: params.get('auth'), learner: params.get('learner'),
  homePage: 'https://lms.example.edu', retryBaseMs: 200, retryMaxMs: 1000, pollSeconds: 0 });
const app = document.createElement('kollega-app');
app.store = store;
app.setAttribute('program', 'program.json');
app.setAttribute('learner', params.get('learner'));
document.querySelector('main').append(app);
window.kollegaStore = store;
`;

/** A test-only coach page: <kollega-coach> reading the cohort from the LMS's LRS endpoint. */
const COACH_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Coach</title>
<script type="module" src="coach-page.js"></script></head><body><main></main></body></html>
`;
const COACH_PAGE_JS = `import './kollega-coach.js';
const params = new URLSearchParams(location.search);
const coach = document.createElement('kollega-coach');
for (const name of ['program', 'roster', 'lrs', 'lrs-auth']) coach.setAttribute(name, params.get(name));
document.querySelector('main').append(coach);
`;
const ROSTER = 'id,name,department\noffline-1,Olga Offline,Sales\nreload-1,Rolf Reload,Support\nnobody-1,Nina Nobody,Sales\n';

before(async () => {
  await buildPlugin({ quiet: true });
  work = mkdtempSync(join(tmpdir(), 'kollega-cmi5-'));
  const [pkg] = buildPackages({ kinds: ['cmi5'], program: PROGRAM, outDir: work });
  // Unpack the package as an LMS does.
  const dir = join(work, 'au');
  for (const [path, data] of Object.entries(unzipSync(readFileSync(pkg.file)))) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
  writeFileSync(join(dir, 'xapi-page.html'), XAPI_PAGE);
  writeFileSync(join(dir, 'xapi-page.js'), XAPI_PAGE_JS);
  writeFileSync(join(dir, 'coach.html'), COACH_PAGE);
  writeFileSync(join(dir, 'coach-page.js'), COACH_PAGE_JS);
  writeFileSync(join(dir, 'roster.csv'), ROSTER);
  for (const f of ['kollega-coach.js', 'kollega-coach-core.wasm']) writeFileSync(join(dir, f), readFileSync(join(root, 'build/plugin', f)));
  lrs = await startLrs();
  launcher = await startLauncher(lrs);
  // The CSP of docs/install-cmi5.md: wasm but no eval, and connect-src for the LMS's LRS endpoint.
  const csp = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; connect-src 'self' ${launcher.origin}`;
  au = await startStatic(dir, csp);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close().catch(() => {});
  await au?.close();
  await launcher?.close();
  await lrs?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Waits until `check()` is truthy (polling), or fails with `what`. */
async function until(check, what, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** The statements of one registration in the LRS, in the order they were stored. */
async function registrationStatements(registration) {
  const statements = await lrsStatements(lrs, { registration, ascending: 'true' });
  return statements;
}

const verbName = (s) => s.verb.id.replace(ADL, '').replace('https://kollega.app/xapi/verbs/', 'kollega:');

async function assertAccessible(page, label) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], `axe violations in ${label}`);
}

/** Opens a cmi5 launch in a fresh context; resolves to `{context, page, launch}` with the path shown. */
async function launchAu(options) {
  const launch = launcher.launch(`${au.origin}/index.html`, options);
  const context = await browser.newContext();
  const page = await openPage(context, launch.url);
  await waitForPath(page);
  return { context, page, launch };
}

/** Calls a method of <kollega-app> in the page. */
function app(page, method, ...args) {
  return page.evaluate(([m, a]) => document.querySelector('kollega-app')[m](...a), [method, args]);
}

test('cmi5: launch -> fetch token once -> LaunchData -> initialized, passed, completed, terminated by the rules', async () => {
  const { context, page, launch } = await launchAu({ learner: 'cmi5-learner', masteryScore: 0.8 });
  assert.equal(launch.launch.fetches, 1, 'the fetch URL was POSTed once');
  await assertAccessible(page, 'cmi5 launch');
  // Walk the path: the first step by keyboard, the rest through the element's API.
  await page.locator('kollega-app button[data-step="ground-rules"]').focus();
  await page.keyboard.press('Enter');
  await until(async () => (await stepStates(page))['ground-rules'] === 'done', 'ground-rules done');
  for (const step of ['choose-focus', 'observe', 'debrief', 'reflect']) await app(page, 'completeStep', step);
  for (let i = 0; i < 2; i += 1) await app(page, 'recordEvent', { type: 'session.attended', payload: { activity: 'debrief' } });
  for (const step of ['return-visit', 'widen']) await app(page, 'completeStep', step);
  const states = await stepStates(page);
  assert.ok(Object.values(states).every((s) => s === 'done'), JSON.stringify(states));
  await until(async () => (await page.evaluate(() => document.querySelector('kollega-app').store.syncState.state)) === 'synced', 'synced');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation (connect-src names the LMS)');
  assert.deepEqual(page.problems.pageErrors, []);
  // Closing the window ends the session: terminated is sent on pagehide.
  await page.close({ runBeforeUnload: true });
  await until(async () => (await registrationStatements(launch.registration)).some((s) => s.verb.id === `${ADL}terminated`), 'terminated');
  await context.close();

  const statements = await registrationStatements(launch.registration);
  const cmi5 = statements.filter((s) => s.context.contextActivities?.category?.some((c) => c.id === CMI5_CATEGORY));
  const ours = statements.filter((s) => !cmi5.includes(s));
  assert.deepEqual(cmi5.map(verbName), ['initialized', 'passed', 'completed', 'terminated'], 'cmi5-defined statements in order');
  assert.equal(statements[0].verb.id, `${ADL}initialized`, 'initialized first');
  assert.equal(statements.at(-1).verb.id, `${ADL}terminated`, 'terminated last');
  for (const s of statements) {
    assert.deepEqual(s.actor.account, launch.actor.account, 'the launch actor');
    assert.equal(s.context.registration, launch.registration, 'the registration');
    assert.equal(s.context.extensions[SESSION_ID], launch.sessionId, 'the contextTemplate session id');
    assert.ok(s.context.contextActivities.grouping.some((a) => a.id === 'https://kollega.app/cmi5/course/test'), 'the contextTemplate grouping');
    assert.deepEqual(validate(s), [], `${verbName(s)} validates`);
  }
  for (const s of cmi5) assert.equal(s.object.id, launch.activityId, 'cmi5 statements are about the AU');
  const [, passed, completed, terminated] = cmi5;
  assert.equal(passed.result.success, true);
  assert.ok(passed.result.score.scaled >= 0.8, `scaled ${passed.result.score.scaled} >= masteryScore`);
  assert.equal(passed.context.extensions[MASTERY], 0.8);
  assert.ok(passed.context.contextActivities.category.some((c) => c.id === MOVEON_CATEGORY));
  assert.match(passed.result.duration, /^PT/);
  assert.deepEqual(Object.keys(completed.result).sort(), ['completion', 'duration']);
  assert.equal(completed.result.completion, true);
  assert.ok(completed.context.contextActivities.category.some((c) => c.id === MOVEON_CATEGORY));
  assert.match(terminated.result.duration, /^PT[\d.HMS]+$/);
  // Kollega's own statements are "cmi5 allowed": no cmi5 category, one per event (7 steps, 2 sessions).
  assert.equal(ours.length, 9, ours.map((s) => s.context.extensions[EVENT_TYPE]).join());
  assert.ok(ours.every((s) => s.context.extensions[EVENT_TYPE]));
  assert.equal(new Set(statements.map((s) => s.id)).size, statements.length, 'no statement twice');
});

test('cmi5: browse mode sends no completed/passed; a second fetch is refused and the element says so', async () => {
  const { context, page, launch } = await launchAu({ learner: 'browser-1', launchMode: 'Browse' });
  await page.locator('kollega-app [data-code="cmi5-browse"]').waitFor();
  for (const step of ['ground-rules', 'choose-focus', 'observe', 'debrief', 'reflect']) await app(page, 'completeStep', step);
  // A new page in another context with the same launch URL: the token was fetched, the LMS answers error 1.
  const other = await browser.newContext();
  const second = await openPage(other, launch.url);
  const alert = second.locator('kollega-app [role="alert"]');
  await alert.first().waitFor();
  assert.match(await alert.first().innerText(), /already fetched|error 1/i);
  assert.equal(launch.launch.fetches, 2);
  await other.close();
  await page.close({ runBeforeUnload: true });
  await until(async () => (await registrationStatements(launch.registration)).some((s) => s.verb.id === `${ADL}terminated`), 'terminated');
  await context.close();
  const verbs = (await registrationStatements(launch.registration)).filter((s) => s.context.contextActivities?.category?.some((c) => c.id === CMI5_CATEGORY)).map(verbName);
  assert.deepEqual(verbs, ['initialized', 'terminated']);
});

test('xAPI store: feedback written on the observer\'s machine reaches the observed learner\'s; private stays home', async () => {
  const observer = await launchAu({ learner: 'observer-1', name: 'Olle Observer' });
  const observed = await launchAu({ learner: 'observed-1', name: 'Hanna Host' });
  const feedback = await app(observer.page, 'recordEvent', {
    type: 'feedback.given',
    payload: { to: 'observed-1', activity: 'visit-notes', ratings: { preparation: 3, pace: 4 }, worked: ['Clear plan on the board', 'Calm pace'], improve: ['Check in with the quiet ones'] },
  });
  const reflection = await app(observer.page, 'recordEvent', { type: 'reflection.written', visibility: 'private', payload: { activity: 'after-visit', text: 'PRIVATE-NOTE-OBSERVER' } });
  await until(async () => (await lrsStatements(lrs)).some((s) => s.id === feedback.id), 'the feedback statement in the LRS');
  // The observed learner's page reads the group's statements back when it gets focus.
  await observed.page.evaluate(() => window.dispatchEvent(new Event('focus')));
  const received = await until(async () => {
    const events = await observed.page.evaluate(async () => {
      const el = document.querySelector('kollega-app');
      return el.store.list(el.pathView.program.id);
    });
    return events.find((e) => e.id === feedback.id);
  }, 'the feedback in the observed learner\'s log');
  assert.deepEqual(received, feedback, 'the same event, texts included');
  const all = await lrsStatements(lrs);
  assert.ok(!all.some((s) => s.id === reflection.id), 'a private event never reaches the LRS');
  assert.ok(!JSON.stringify(all).includes('PRIVATE-NOTE-OBSERVER'));
  // The observer's private reflection and coach-only events of others are not read back by the observed.
  const observedEvents = await observed.page.evaluate(async () => document.querySelector('kollega-app').store.list('observation-visit'));
  assert.ok(observedEvents.every((e) => e.actor === 'observed-1' || e.visibility === 'group'));
  await observer.context.close();
  await observed.context.close();
});

test('xAPI store: with the LRS stopped, events wait visibly; once it is back each arrives exactly once', async () => {
  const { context, page, launch } = await launchAu({ learner: 'offline-1' });
  await until(async () => (await registrationStatements(launch.registration)).length === 1, 'initialized');
  await lrs.stop();
  for (const step of ['ground-rules', 'choose-focus', 'observe']) await app(page, 'completeStep', step);
  const notice = page.locator('kollega-app [data-code="sync-waiting"]');
  await notice.waitFor();
  assert.match(await notice.innerText(), /^3 entries are waiting to sync/);
  await assertAccessible(page, 'waiting to sync');
  const ids = await page.evaluate(async () => (await document.querySelector('kollega-app').store.list('observation-visit')).map((e) => e.id));
  assert.equal(ids.length, 3);
  await new Promise((r) => setTimeout(r, 1500)); // a few failed attempts while the LRS is down
  await lrs.start(); // a fresh, empty LRS on the same port
  await until(async () => (await page.evaluate(() => document.querySelector('kollega-app').store.syncState.state)) === 'synced', 'synced', 60_000);
  await notice.waitFor({ state: 'detached' });
  const stored = await lrsStatements(lrs);
  for (const id of ids) assert.equal(stored.filter((s) => s.id === id).length, 1, `${id} once`);
  const puts = launcher.log.filter((r) => r.method === 'PUT' && ids.includes(r.statementId));
  assert.ok(puts.some((r) => r.status === 502), 'attempts failed while the LRS was down');
  assert.equal(puts.filter((r) => r.status === 204).length, 3, 'each accepted once');
  await context.close();
});

/** A page with an XapiStore (no cmi5), its token fetched by the test as the LMS would. */
async function xapiPage(context, learner) {
  const launch = launcher.launch(`${au.origin}/xapi-page.html`, { learner });
  const token = (await (await fetch(new URL(launch.url).searchParams.get('fetch'), { method: 'POST' })).json())['auth-token'];
  const url = new URL(`${au.origin}/xapi-page.html`);
  url.searchParams.set('endpoint', launcher.endpoint);
  url.searchParams.set('auth', `Basic ${token}`);
  url.searchParams.set('learner', learner);
  const page = await openPage(context, url.href);
  await waitForPath(page);
  return page;
}

test('xAPI store: a reload mid-queue loses nothing; 429 with Retry-After and dropped connections are retried without duplicates', async () => {
  const context = await browser.newContext();
  let page = await xapiPage(context, 'reload-1');
  launcher.fault = { mode: 'drop', times: 1000 };
  for (const step of ['ground-rules', 'choose-focus']) await app(page, 'completeStep', step);
  const ids = await page.evaluate(async () => (await window.kollegaStore.list('observation-visit')).map((e) => e.id));
  assert.equal((await page.evaluate(() => window.kollegaStore.syncState)).pending, 2);
  await page.reload();
  await waitForPath(page);
  assert.equal((await page.evaluate(async () => (await window.kollegaStore.list('observation-visit')).length)), 2, 'the log survived');
  await until(async () => (await page.evaluate(() => window.kollegaStore.syncState)).pending === 2, 'the outbox survived');
  // The LRS answers again, but first with 429 Retry-After: 1.
  launcher.fault = { mode: '429', times: 1, retryAfter: 1 };
  await page.evaluate(() => window.kollegaStore.flush());
  await until(async () => (await page.evaluate(() => window.kollegaStore.syncState)).state === 'synced', 'synced');
  const stored = await lrsStatements(lrs);
  for (const id of ids) assert.equal(stored.filter((s) => s.id === id).length, 1, `${id} once`);
  const log = launcher.log.filter((r) => ids.includes(r.statementId));
  assert.ok(log.some((r) => r.status === -1), 'connections were dropped');
  assert.ok(log.some((r) => r.status === 429), 'a 429 was answered');
  assert.equal(log.filter((r) => r.status === 204).length, 2);
  const throttled = log.find((r) => r.status === 429);
  const next = log.find((r) => r.at > throttled.at && r.status === 204);
  assert.ok(next.at - throttled.at >= 1000, `Retry-After honoured (${next.at - throttled.at} ms)`);
  // An event put twice (the same id, e.g. after a crash between write and send) is one statement.
  const again = await page.evaluate(async (id) => {
    const event = (await window.kollegaStore.list('observation-visit')).find((e) => e.id === id);
    await window.kollegaStore.put('observation-visit', event);
    return window.kollegaStore.syncState.pending;
  }, ids[0]);
  assert.equal(again, 0, 'a known id is not queued again');
  page = null;
  await context.close();
});

test('coach: <kollega-coach lrs=…> builds the cohort view from the LRS statements; exports as before', async () => {
  // What the two tests above left in the (restarted) LRS: offline-1's three steps, reload-1's two.
  const launch = launcher.launch(`${au.origin}/coach.html`, { learner: 'coach-1' });
  const token = (await (await fetch(new URL(launch.url).searchParams.get('fetch'), { method: 'POST' })).json())['auth-token'];
  const url = new URL(`${au.origin}/coach.html`);
  url.searchParams.set('program', 'program.json');
  url.searchParams.set('roster', 'roster.csv');
  url.searchParams.set('lrs', launcher.endpoint);
  url.searchParams.set('lrs-auth', `Basic ${token}`);
  const context = await browser.newContext();
  const page = await openPage(context, url.href);
  await page.locator('kollega-coach tr[data-learner="offline-1"]').waitFor();
  const percent = (id) => page.locator(`kollega-coach tr[data-learner="${id}"] td[data-value]`).first().getAttribute('data-value');
  assert.equal(Number(await percent('offline-1')), Math.floor((3 / 7) * 100));
  assert.equal(Number(await percent('reload-1')), Math.floor((2 / 7) * 100));
  assert.equal(Number(await percent('nobody-1')), 0);
  assert.match(await page.locator('kollega-coach .lrs-source').innerText(), /learning record store/);
  await assertAccessible(page, 'coach from the LRS');
  const csv = await page.evaluate(() => document.querySelector('kollega-coach').exportFile('csv').content);
  assert.match(csv, /offline-1,Olga Offline,,Sales,3,7,/);
  // "Read again" reads the LRS anew: a new step of reload-1 appears.
  const learnerPage = await xapiPage(context, 'reload-1');
  // A new browser: the learner's own steps come back from the LRS first.
  await until(async () => (await stepStates(learnerPage))['choose-focus'] === 'done', 'own events read back');
  await app(learnerPage, 'completeStep', 'observe');
  await until(async () => (await learnerPage.evaluate(() => window.kollegaStore.syncState.state)) === 'synced', 'synced');
  await page.locator('kollega-coach button.lrs-refresh').click();
  await until(async () => Number(await percent('reload-1')) === Math.floor((3 / 7) * 100), 'the refreshed cohort');
  assert.deepEqual(page.problems.pageErrors, []);
  await context.close();
});

test('xAPI store: two tabs of one learner share the outbox; one flushes at a time, nothing is sent twice', async () => {
  const context = await browser.newContext();
  const first = await xapiPage(context, 'tabs-1');
  const second = await xapiPage(context, 'tabs-1');
  launcher.fault = { mode: '503', times: 1000 };
  await app(first, 'completeStep', 'ground-rules');
  await until(async () => (await stepStates(second))['ground-rules'] === 'done', 'the other tab hears of the new event');
  await app(second, 'completeStep', 'choose-focus');
  const ids = await first.evaluate(async () => (await window.kollegaStore.list('observation-visit')).map((e) => e.id));
  assert.equal(ids.length, 2);
  launcher.fault = null;
  await Promise.all([first.evaluate(() => window.kollegaStore.flush()), second.evaluate(() => window.kollegaStore.flush())]);
  await until(async () => {
    const states = await Promise.all([first, second].map((p) => p.evaluate(() => window.kollegaStore.flush().then(() => window.kollegaStore.syncState.pending))));
    return states.every((n) => n === 0);
  }, 'both tabs see an empty outbox');
  const accepted = launcher.log.filter((r) => ids.includes(r.statementId) && r.status === 204);
  assert.deepEqual(accepted.map((r) => r.statementId).sort(), [...ids].sort(), 'each statement accepted exactly once');
  const stored = await lrsStatements(lrs);
  for (const id of ids) assert.equal(stored.filter((s) => s.id === id).length, 1);
  await context.close();
});
