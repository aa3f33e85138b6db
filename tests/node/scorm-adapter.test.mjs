// The SCORM adapter's parts that need no browser: time formats (checked against scorm-again's
// own data-model patterns), the suspend_data encoding round trip and what is kept when it does
// not fit, API discovery through parents and openers, and a host run against scorm-again's
// 1.2 and 2004 runtimes in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Scorm12API } from 'scorm-again/scorm12';
import { Scorm2004API } from 'scorm-again/scorm2004';
import { cmiDecimal, cmiTime, cmiTimespan, cmiTimestamp, findApi, isoDuration, startScormHost } from '../../plugin/src/hosts/scorm-api.js';
import { KEEP, ScormStore, decodeState, encodeState, fitState } from '../../plugin/src/hosts/scorm-store.js';
import { scorm12, lessonStatus } from '../../plugin/src/hosts/scorm12.js';
import { scorm2004 } from '../../plugin/src/hosts/scorm2004.js';

// scorm-again's patterns for these types (dist/scorm-again.js, scorm12_regex / scorm2004_regex).
const CMI_TIMESPAN_12 = /^([0-9]+):([0-9]{2}):([0-9]{2})(\.\d{1,2})?$/;
const CMI_TIMESPAN_2004 = /^P(?:([.,\d]+)Y)?(?:([.,\d]+)M)?(?:([.,\d]+)W)?(?:([.,\d]+)D)?(?:T?(?:([.,\d]+)H)?(?:([.,\d]+)M)?(?:(\d+(?:\.\d{1,2})?)S)?)?$/;
const CMI_TIME_12 = /^(?:[01]\d|2[0123]):(?:[012345]\d):(?:[012345]\d)(\.\d{1,2})?$/;

const HOUR = 3600 * 1000;

test('scorm: CMITimespan for 1.2 (HHHH:MM:SS.SS)', () => {
  assert.equal(cmiTimespan(0), '00:00:00.00');
  assert.equal(cmiTimespan(3723450), '01:02:03.45');
  assert.equal(cmiTimespan(59999.6), '00:01:00.00', 'rounds to centiseconds, carries into minutes');
  assert.equal(cmiTimespan(123 * HOUR), '123:00:00.00');
  assert.equal(cmiTimespan(20000 * HOUR), '9999:59:59.99', 'at most four digits of hours');
  assert.equal(cmiTimespan(-5), '00:00:00.00');
  for (const ms of [0, 999, 3723450, 123 * HOUR, 20000 * HOUR]) assert.match(cmiTimespan(ms), CMI_TIMESPAN_12);
});

test('scorm: ISO 8601 durations for 2004', () => {
  assert.equal(isoDuration(0), 'PT0S');
  assert.equal(isoDuration(3723450), 'PT1H2M3.45S');
  assert.equal(isoDuration(60000), 'PT1M');
  assert.equal(isoDuration(2 * HOUR), 'PT2H');
  assert.equal(isoDuration(1234), 'PT1.23S');
  for (const ms of [0, 1234, 60000, 3723450, 200 * HOUR]) assert.match(isoDuration(ms), CMI_TIMESPAN_2004);
});

test('scorm: moments, decimals and statuses', () => {
  assert.equal(cmiTimestamp('2026-11-22T11:51:15.802Z'), '2026-11-22T11:51:15.80Z');
  assert.equal(cmiTimestamp('2026-11-22T12:51:15+01:00'), '2026-11-22T11:51:15.00Z');
  assert.match(cmiTime('2026-11-22T11:51:15.802Z'), CMI_TIME_12);
  assert.equal(cmiDecimal(33.333333), '33.33');
  assert.equal(cmiDecimal(2 / 3, 4), '0.6667');
  assert.equal(cmiDecimal(100), '100');
  assert.equal(lessonStatus({ passed: true, completed: false }), 'passed');
  assert.equal(lessonStatus({ passed: false, completed: true }), 'completed');
  assert.equal(lessonStatus({ passed: false, completed: false }), 'incomplete');
});

function event(type, visibility, payload, at = '2026-11-22T10:00:00.000Z') {
  return { id: randomUUID(), actor: 'learner-42', at, type, visibility, payload };
}

test('scorm: suspend_data encoding round trip (ASCII text, Unicode inside)', async () => {
  const programs = {
    'leaders-learning-group': [
      event('step.completed', 'coach', { step: 'ground-rules' }),
      event('reflection.written', 'private', { activity: 'after-meeting', text: 'Jag lärde mig att lyssna 🙂 — æøå, "quotes", \u0000' }),
    ],
    'peer-support': [],
  };
  const text = await encodeState(programs);
  assert.match(text, /^K1[A-Za-z0-9+/]+=*$/);
  assert.deepEqual(await decodeState(text), programs);
  assert.deepEqual(await decodeState(''), {});
  await assert.rejects(decodeState('viewed=1,2,3|slide=4'), /not in the Kollega format/);
  await assert.rejects(decodeState('K1AAAA'), Error);
  // Six steps of a program are a few hundred characters: far below 1.2's 4,096.
  const six = { p: Array.from({ length: 6 }, (_, i) => event('step.completed', 'coach', { step: `step-${i}` })) };
  assert.ok((await encodeState(six)).length < 1000);
});

test('scorm: what is kept when the state does not fit', async () => {
  const steps = [event('step.completed', 'coach', { step: 'ground-rules' }), event('step.completed', 'coach', { step: 'set-goal' })];
  const long = event('reflection.written', 'private', { activity: 'after-meeting', text: randomText(6000) });
  assert.equal((await fitState({ p: steps }, 4096)).keep, KEEP.all);
  const progress = await fitState({ p: [...steps, long] }, 4096);
  assert.equal(progress.keep, KEEP.progress, 'texts go, steps stay');
  assert.deepEqual(await decodeState(progress.text), { p: steps });
  const none = await fitState({ p: [...steps, long] }, 100);
  assert.deepEqual(none, { keep: KEEP.previous, text: null }, 'nothing cut off: the previous state stays');
});

test('scorm: the store writes suspend_data on put, keeps the first copy of an id, reports what it kept', async () => {
  const writes = [];
  const fits = [];
  const store = new ScormStore({ limit: 4096, write: (t) => writes.push(t), onFit: (k) => fits.push(k) });
  const e = event('step.completed', 'coach', { step: 'ground-rules' });
  await store.put('p', e);
  await store.put('p', { ...e, payload: { step: 'other' } });
  assert.deepEqual(await store.list('p'), [e]);
  assert.deepEqual(await store.list('q'), []);
  assert.equal(writes.length, 1);
  assert.deepEqual(fits, [KEEP.all]);
  assert.deepEqual(await decodeState(writes[0]), { p: [e] });
  const big = event('reflection.written', 'private', { activity: 'a', text: randomText(5000) });
  await store.put('p', big);
  assert.deepEqual(fits, [KEEP.all, KEEP.progress]);
  assert.equal((await store.list('p')).length, 2, 'this session still sees the text');
  const restored = new ScormStore({ programs: await decodeState(writes.at(-1)), limit: 4096, write() {}, onFit() {} });
  assert.deepEqual(await restored.list('p'), [e]);
});

function randomText(length) {
  let s = '';
  while (s.length < length) s += Math.random().toString(36).slice(2);
  return s.slice(0, length);
}

/** A frame chain: `levels` windows from the top, the API (if any) on window `at`. */
function frames(levels, at, name, api) {
  const top = {};
  top.parent = top;
  let win = top;
  const chain = [top];
  for (let i = 1; i < levels; i++) {
    win = { parent: win };
    chain.push(win);
  }
  if (at !== null) chain[at][name] = api;
  return chain.at(-1);
}

test('scorm: API discovery climbs parents, skips other origins, then tries the opener', () => {
  const api = { LMSInitialize() {} };
  assert.equal(findApi(frames(4, 0, 'API', api), 'API', 7), api, 'the API on the top window');
  assert.equal(findApi(frames(12, 0, 'API', api), 'API', 7), null, 'beyond 7 parents (1.2 discovery)');
  assert.equal(findApi(frames(12, 0, 'API_1484_11', api), 'API_1484_11', 500), api, '2004 climbs up to 500');
  const foreign = frames(3, 0, 'API', api);
  Object.defineProperty(foreign.parent, 'API', {
    get() {
      throw new Error('SecurityError: blocked a frame with origin');
    },
  });
  assert.equal(findApi(foreign, 'API', 7), api, 'a cross-origin frame in between is skipped');
  const popup = frames(1, null);
  popup.opener = frames(3, 0, 'API', api);
  assert.equal(findApi(popup, 'API', 7), api, 'a popup finds the API through its opener');
  assert.equal(findApi(frames(3, null), 'API', 7), null);
});

/** What the LMS keeps (write-only elements included), as scorm-again renders it for its backend. */
const kept = (api) => JSON.parse(JSON.stringify(api.renderCMIToJSONObject())).cmi;

/** A window whose parent carries the scorm-again API object. */
function lmsWindow(name, api) {
  const top = { [name]: api };
  top.parent = top;
  return { parent: top };
}

const VIEW = {
  program: { id: 'leaders-learning-group' },
  progress: { done: 6, total: 6, percent: 100 },
  grade: { scoreGiven: 100, scoreMaximum: 100, passed: true, completed: true },
  steps: [
    { id: 'ground-rules', title: 'Agree on your ground rules', status: 'done', completedAt: '2026-11-22T10:00:00.000Z' },
    { id: 'set-goal', title: 'Choose a challenge', status: 'done', completedAt: '2026-11-22T10:05:00.000Z' },
  ],
};

test('scorm: a 1.2 host against scorm-again: learner, status, score, interactions, session time, finish', async () => {
  const api = new Scorm12API({ logLevel: 5 });
  api.loadFromFlattenedJSON({ 'cmi.core.student_id': 'learner-42', 'cmi.core.student_name': 'Doe, Jane' }, '');
  let clock = 1000;
  const host = await startScormHost(scorm12, { win: lmsWindow('API', api), now: () => clock });
  assert.deepEqual(host.learner, { id: 'learner-42', name: 'Doe, Jane' });
  host.onProgress({ ...VIEW, grade: { ...VIEW.grade, passed: false, completed: false, scoreGiven: 0 }, steps: [] });
  assert.equal(api.cmi.core.lesson_status, 'incomplete');
  host.onProgress(VIEW);
  assert.equal(api.cmi.core.lesson_status, 'passed');
  assert.equal(api.cmi.core.score.raw, '100');
  assert.equal(api.cmi.interactions.childArray.length, 2);
  clock += 3723450;
  host.terminate();
  host.terminate();
  assert.equal(kept(api).core.session_time, '01:02:03.45');
  assert.equal(kept(api).core.exit, 'suspend');
  assert.deepEqual(host.errors, []);
  assert.deepEqual(host.notices, []);
});

test('scorm: a 2004 host against scorm-again: statuses, scaled score, progress measure, ISO session time', async () => {
  const api = new Scorm2004API({ logLevel: 5 });
  api.loadFromFlattenedJSON({ 'cmi.learner_id': 'learner-7', 'cmi.learner_name': 'Jane Doe' }, '');
  let clock = 0;
  const host = await startScormHost(scorm2004, { win: lmsWindow('API_1484_11', api), now: () => clock });
  assert.equal(host.learner.id, 'learner-7');
  host.onProgress({ ...VIEW, steps: [VIEW.steps[0]] });
  host.onProgress(VIEW);
  assert.equal(api.cmi.completion_status, 'completed');
  assert.equal(api.cmi.success_status, 'passed');
  assert.equal(api.cmi.score.scaled, '1');
  assert.equal(api.cmi.progress_measure, '1');
  assert.equal(kept(api).exit, 'suspend');
  // ground-rules was done at the first view (reported by an earlier session): only set-goal is new.
  assert.deepEqual(Object.values(kept(api).interactions).map((i) => i.id), ['urn:kollega:leaders-learning-group:set-goal']);
  clock = 90 * 1000;
  host.terminate();
  assert.equal(kept(api).session_time, 'PT1M30S');
  assert.deepEqual(host.errors, []);
});

test('scorm: no API means a host_failed error that says what was looked for', async () => {
  await assert.rejects(startScormHost(scorm12, { win: frames(3, null) }), (error) => {
    assert.equal(error.code, 'host_failed');
    assert.match(error.message, /No SCORM 1\.2 API \(window\.API\)/);
    return true;
  });
});

test('scorm: only the host adapters (plugin/src/hosts/) touch the LMS: frames, openers, SCORM API objects', async () => {
  const { readdir, readFile } = await import('node:fs/promises');
  const src = new URL('../../plugin/src/', import.meta.url);
  const files = (await readdir(src, { recursive: true })).filter((f) => f.endsWith('.js') && !f.startsWith('hosts/'));
  assert.ok(files.length > 10);
  const lms = /\bwindow\.(parent|opener|top)\b|\.opener\b|\bAPI_1484_11\b|\bwindow\.API\b|\bLMS(Initialize|GetValue|SetValue|Commit|Finish)\b|['"]cmi\./;
  const offenders = [];
  for (const file of files) {
    const text = await readFile(new URL(file, src), 'utf8');
    if (lms.test(text)) offenders.push(file);
  }
  assert.deepEqual(offenders, []);
});
