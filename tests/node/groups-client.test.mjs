// The page's side of the worker protocol (plugin/src/kollega-groups/groups-client.js) with a
// scripted Worker: a worker that does not answer `cancel` is terminated after the grace period and
// the search resolves with the last snapshot; a worker that cannot start rejects with
// wasm_load_failed; answers are matched to their requests by id. (The real worker runs in
// tests/browser/groups.test.mjs; its loop against the real module in groups-worker.test.mjs.)
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { GroupsWorkerClient, CANCEL_GRACE_MS } from '../../plugin/src/kollega-groups/groups-client.js';

/** A Worker stand-in driven by `script(message, worker)`; records what it was sent. */
class ScriptedWorker {
  static script = () => {};
  static made = [];
  constructor(url, options) {
    this.url = url;
    this.options = options;
    this.sent = [];
    this.terminated = false;
    ScriptedWorker.made.push(this);
  }
  postMessage(message) {
    this.sent.push(message);
    queueMicrotask(() => ScriptedWorker.script(message, this));
  }
  answer(data) {
    if (!this.terminated) this.onmessage?.({ data });
  }
  fail(message) {
    this.onerror?.({ message, preventDefault() {} });
  }
  terminate() {
    this.terminated = true;
  }
}

globalThis.Worker = ScriptedWorker;
afterEach(() => {
  ScriptedWorker.made = [];
});

const snapshot = { ok: true, value: { rounds: [{ groups: [['a', 'b']] }] } };

test('groups client: a module worker, ready with the version, requests matched by id', async () => {
  ScriptedWorker.script = (m, w) => {
    if (m.type === 'init') w.answer({ type: 'ready', version: { core: '0.1.0' } });
    if (m.type === 'parseRoster') {
      w.answer({ type: 'roster', id: m.id + 100, envelope: { ok: false } }); // not ours: ignored
      w.answer({ type: 'roster', id: m.id, envelope: { ok: true, value: { learners: [{ id: m.text }] } } });
    }
  };
  const client = new GroupsWorkerClient({ workerUrl: 'http://x/kollega-groups-worker.js', wasmUrl: 'http://x/g.wasm' });
  assert.deepEqual(await client.ready(), { core: '0.1.0' });
  assert.deepEqual(await client.parseRoster('u1'), { ok: true, value: { learners: [{ id: 'u1' }] } });
  const [worker] = ScriptedWorker.made;
  assert.deepEqual(worker.options, { type: 'module', name: 'kollega-groups' });
  assert.deepEqual(worker.sent[0], { type: 'init', wasmUrl: 'http://x/g.wasm' });
});

test('groups client: progress and snapshots reach the callbacks; the result ends the search', async () => {
  ScriptedWorker.script = (m, w) => {
    if (m.type === 'init') w.answer({ type: 'ready', version: {} });
    if (m.type === 'solve') {
      w.answer({ type: 'started', id: m.id });
      w.answer({ type: 'progress', id: m.id, iterations: 50 });
      w.answer({ type: 'snapshot', id: m.id, envelope: snapshot });
      w.answer({ type: 'result', id: m.id, reason: 'done', envelope: snapshot });
    }
  };
  const client = new GroupsWorkerClient({ workerUrl: 'w.js' });
  const seen = [];
  const { result } = client.solve({ roster: 'x', options: {}, lang: 'en', maxIterations: 10 }, {
    onProgress: (p) => seen.push(['progress', p.iterations]),
    onSnapshot: (e) => seen.push(['snapshot', e.ok]),
  });
  assert.deepEqual(await result, { reason: 'done', envelope: snapshot });
  assert.deepEqual(seen, [['progress', 50], ['snapshot', true]]);
});

test('groups client: a worker that ignores cancel is terminated and the last snapshot is kept', async () => {
  ScriptedWorker.script = (m, w) => {
    if (m.type === 'init') w.answer({ type: 'ready', version: {} });
    if (m.type === 'solve') w.answer({ type: 'snapshot', id: m.id, envelope: snapshot });
    // 'cancel' is never answered: a slice that does not end.
  };
  const client = new GroupsWorkerClient({ workerUrl: 'w.js' });
  const { id, result } = client.solve({ roster: 'x', options: {}, lang: 'en', maxIterations: 10 });
  await new Promise((resolve) => setTimeout(resolve, 10));
  const began = Date.now();
  client.cancel(id);
  const end = await result;
  assert.ok(Date.now() - began >= CANCEL_GRACE_MS - 20, 'waited for the grace period');
  assert.deepEqual(end, { reason: 'cancelled', envelope: snapshot, terminated: true });
  assert.equal(ScriptedWorker.made[0].terminated, true);
  assert.deepEqual(ScriptedWorker.made[0].sent.at(-1), { type: 'cancel', id });
  // The next request starts a new worker.
  await client.ready();
  assert.equal(ScriptedWorker.made.length, 2);
});

test('groups client: a worker that cannot start rejects with wasm_load_failed', async () => {
  ScriptedWorker.script = (m, w) => {
    if (m.type === 'init') w.fail('404 Not Found');
  };
  const client = new GroupsWorkerClient({ workerUrl: 'http://x/missing.js' });
  await assert.rejects(client.parseRoster('x'), (error) => error.code === 'wasm_load_failed' && /missing\.js.*404/.test(error.message));
  assert.equal(ScriptedWorker.made[0].terminated, true);
  ScriptedWorker.script = (m, w) => {
    if (m.type === 'init') w.answer({ type: 'failed', error: { message: 'CompileError' } });
  };
  await assert.rejects(client.ready(), (error) => error.code === 'wasm_load_failed' && /CompileError/.test(error.message));
});
