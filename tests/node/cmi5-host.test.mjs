// The cmi5 host's rules without a browser (plugin/src/hosts/cmi5.js): which cmi5-defined
// statements a path view leads to (completed, passed, failed; masteryScore; Browse mode; once per
// registration), their result and context, the launch parameters' errors, the contextTemplate.
// The store here records what the host queues; the browser test sends them to a real LRS.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import validateStatement from 'xapi-validation';
import { Cmi5Host, CMI5, isoDuration, launchParameters, withContextTemplate } from '../../plugin/src/hosts/cmi5.js';

const validate = validateStatement.default ?? validateStatement;

/** Web Storage in memory for node (the host keeps its per-registration outcome there). */
class MemoryStorage {
  #map = new Map();
  getItem(k) {
    return this.#map.has(k) ? this.#map.get(k) : null;
  }
  setItem(k, v) {
    this.#map.set(k, String(v));
  }
}

/** Records the statements the host queues, in order. */
class RecordingStore extends EventTarget {
  statements = [];
  syncState = { state: 'synced', pending: 0, held: 0, error: null, readError: null };
  async sendStatement(statement) {
    this.statements.push(statement);
  }
}

const launch = {
  endpoint: 'https://lms.example.edu/xapi/',
  actor: { objectType: 'Agent', name: 'Åsa', account: { homePage: 'https://lms.example.edu', name: 'asa' } },
  registration: '1c2d3e4f-0000-4000-8000-000000000001',
  activityId: 'https://kollega.app/cmi5/programs/p/au',
};
const template = {
  contextActivities: { grouping: [{ id: 'https://lms.example.edu/course/7' }], category: [{ id: CMI5.category }] },
  extensions: { [CMI5.sessionId]: 'session-1' },
};

function host(launchData) {
  const store = new RecordingStore();
  const h = new Cmi5Host(launch, { contextTemplate: template, launchMode: 'Normal', moveOn: 'CompletedAndPassed', ...launchData }, store);
  return { h, store, verbs: () => store.statements.map((s) => s.verb.id.split('/').pop()) };
}

const view = (done, total, scoreGiven, passed) => ({ progress: { done, total }, grade: { scoreGiven, scoreMaximum: 100, passed } });

beforeEach(() => {
  globalThis.localStorage = new MemoryStorage();
  globalThis.sessionStorage = new MemoryStorage();
});

test('cmi5 host: initialized once per session; passed at masteryScore, completed at the end, each once', async () => {
  const { h, store, verbs } = host({ masteryScore: 0.8 });
  await h.start();
  await h.start(); // a reload in the same session
  h.onProgress(view(3, 7, 57.14, false));
  h.onProgress(view(5, 7, 85.71, true));
  h.onProgress(view(5, 7, 85.71, true));
  h.onProgress(view(7, 7, 100, true));
  h.onProgress(view(7, 7, 100, true));
  await h.terminate();
  await h.terminate();
  assert.deepEqual(verbs(), ['initialized', 'passed', 'completed', 'terminated']);
  const [initialized, passed, completed, terminated] = store.statements;
  assert.deepEqual(passed.result.score, { scaled: 0.8571 });
  assert.equal(passed.result.success, true);
  assert.equal(passed.context.extensions[CMI5.masteryScore], 0.8);
  assert.equal(initialized.result, undefined);
  assert.equal(completed.result.completion, true);
  assert.equal(completed.result.success, undefined, 'completed says nothing of success');
  for (const s of store.statements) {
    assert.deepEqual(validate(s), [], s.verb.id);
    assert.equal(s.context.registration, launch.registration);
    assert.equal(s.context.extensions[CMI5.sessionId], 'session-1');
    const categories = s.context.contextActivities.category.map((c) => c.id);
    assert.ok(categories.includes(CMI5.category));
    assert.equal(categories.includes(CMI5.moveOn), ['passed', 'completed'].includes(s.verb.id.split('/').pop()));
  }
  assert.match(terminated.result.duration, /^PT/);
  // A new session of the same registration: initialized again, but no second passed/completed.
  const next = host({ masteryScore: 0.8, contextTemplate: { ...template, extensions: { [CMI5.sessionId]: 'session-2' } } });
  await next.h.start();
  next.h.onProgress(view(7, 7, 100, true));
  assert.deepEqual(next.verbs(), ['initialized']);
  // The ended session cannot be resumed by a reload.
  await assert.rejects(host({}).h.start(), (e) => e.code === 'host_failed' && /session has ended/.test(e.message));
});

test('cmi5 host: failed when the path is complete below masteryScore; without one, the program\'s pass rule', async () => {
  const strict = host({ masteryScore: 0.9 });
  await strict.h.start();
  strict.h.onProgress(view(6, 7, 85.71, true));
  strict.h.onProgress(view(7, 7, 85.71, true));
  assert.deepEqual(strict.verbs(), ['initialized', 'completed', 'failed']);
  const failed = strict.store.statements[2];
  assert.equal(failed.result.success, false);
  assert.deepEqual(failed.result.score, { scaled: 0.8571 });

  globalThis.localStorage = new MemoryStorage();
  globalThis.sessionStorage = new MemoryStorage();
  const lenient = host({});
  await lenient.h.start();
  lenient.h.onProgress(view(4, 7, 60, false));
  lenient.h.onProgress(view(5, 7, 76, true));
  assert.deepEqual(lenient.verbs(), ['initialized', 'passed']);
  assert.equal(lenient.store.statements[1].context.extensions[CMI5.masteryScore], undefined);
});

test('cmi5 host: Browse and Review send neither completed nor passed, and say so', async () => {
  for (const launchMode of ['Browse', 'Review']) {
    globalThis.sessionStorage = new MemoryStorage();
    const { h, verbs } = host({ launchMode, masteryScore: 0.5 });
    await h.start();
    h.onProgress(view(7, 7, 100, true));
    await h.terminate();
    assert.deepEqual(verbs(), ['initialized', 'terminated']);
    assert.ok(h.notices.some((n) => n.code === 'cmi5-browse' && /browsing/.test(n.text('en'))));
  }
});

test('cmi5 host: launch parameters, durations and the contextTemplate of "cmi5 allowed" statements', () => {
  assert.throws(() => launchParameters('?endpoint=x'), (e) => e.code === 'host_failed' && /fetch, actor, registration, activityId/.test(e.message));
  assert.throws(() => launchParameters('?endpoint=x&fetch=y&actor=%7B&registration=r&activityId=a'), /not JSON/);
  const ok = launchParameters(`?endpoint=x&fetch=y&registration=r&activityId=a&actor=${encodeURIComponent(JSON.stringify(launch.actor))}`);
  assert.deepEqual(ok.actor, launch.actor);
  assert.equal(isoDuration(0), 'PT0S');
  assert.equal(isoDuration(3_723_450), 'PT1H2M3.45S');
  const allowed = withContextTemplate({ contextActivities: { grouping: [{ id: 'https://kollega.app/xapi/programs/p' }] } }, template);
  assert.deepEqual(allowed.contextActivities.grouping.map((a) => a.id), ['https://kollega.app/xapi/programs/p', 'https://lms.example.edu/course/7']);
  assert.equal(allowed.contextActivities.category, undefined, 'no cmi5 category on Kollega\'s own statements');
  assert.equal(allowed.extensions[CMI5.sessionId], 'session-1');
});
