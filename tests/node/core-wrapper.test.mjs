// The JS wrapper (plugin/src/core/core-loader.js) against the built wasm core (make wasm).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { loadCore, KollegaCore, KollegaError } from '../../plugin/src/core/core-loader.js';

const root = new URL('../../', import.meta.url);
const wasmPath = new URL('build/wasm/kollega-core.wasm', root);
const demoPath = new URL('web/programs/leaders-learning-group.json', root);
const brokenPath = new URL('web/programs/broken.json', root);

const LEARNER = 'learner-1';
const AT = '2026-11-22T10:15:00.000Z';

let core;
let wasmBinary;
let programText;

before(async () => {
  wasmBinary = await readFile(wasmPath);
  programText = await readFile(demoPath, 'utf8');
  core = await loadCore({ wasmBinary });
});

const statuses = (view) => Object.fromEntries(view.steps.map((s) => [s.id, s.status]));

function completed(stepId, { id = randomUUID(), actor = LEARNER, at = AT, events = [] } = {}) {
  return core.completeStep(programText, events, actor, stepId, id, at);
}

/** Asserts that fn throws a KollegaError with this code (and path, if given); returns it. */
function assertKollegaError(fn, code, path) {
  let caught;
  assert.throws(fn, (error) => {
    caught = error;
    return error instanceof KollegaError && error instanceof Error;
  });
  assert.equal(caught.code, code, caught.message);
  assert.equal(typeof caught.path, 'string');
  if (path instanceof RegExp) assert.match(caught.path, path);
  else if (path !== undefined) assert.equal(caught.path, path);
  assert.ok(caught.message.length > 0);
  return caught;
}

test('core: loadCore gives a KollegaCore and caches one load per wasm URL', async () => {
  assert.ok(core instanceof KollegaCore);
  const a = loadCore({ wasmBinary, wasmUrl: 'https://lms.example/kollega/kollega-core.wasm' });
  const b = loadCore({ wasmBinary, wasmUrl: 'https://lms.example/kollega/kollega-core.wasm' });
  assert.equal(a, b, 'the same promise for the same URL');
  assert.notEqual(await a, core, 'a different URL is a different instance');
});

test('core: version reports the core and the schema version', () => {
  const version = core.version();
  assert.match(version.core, /^\d+\.\d+\.\d+/);
  assert.equal(version.schemaVersion, 1);
});

test('core: pathView on the demo program with no events', () => {
  const view = core.pathView(programText, [], LEARNER, 'en');
  assert.equal(view.program.id, 'leaders-learning-group');
  assert.equal(view.program.title, "Leaders' learning group");
  assert.equal(view.program.language, 'en');
  assert.deepEqual(statuses(view), {
    'ground-rules': 'available',
    'set-goal': 'available',
    'first-meeting': 'locked',
    reflection: 'locked',
    'follow-up': 'locked',
  });
  assert.equal(view.next, 'ground-rules');
  assert.deepEqual(view.progress, { done: 0, total: 5, percent: 0 });
  const firstMeeting = view.steps.find((s) => s.id === 'first-meeting');
  assert.deepEqual([...firstMeeting.blockedBy].sort(), ['ground-rules', 'set-goal']);
  assert.deepEqual(view.rejected ?? [], []);
});

test('core: pathView resolves program texts in the asked language', () => {
  for (const [lang, title] of [
    ['sv', 'Ledarnas lärgrupp'],
    ['nb', 'Læringsgruppe for ledere'],
    ['nl', 'Leergroep voor leidinggevenden'],
  ]) {
    const view = core.pathView(programText, [], LEARNER, lang);
    assert.equal(view.program.language, lang);
    assert.equal(view.program.title, title);
  }
  assert.equal(core.pathView(programText, [], LEARNER, 'de').program.language, 'en');
});

test('core: pathView accepts the program as an object or as JSON text', () => {
  const fromObject = core.pathView(JSON.parse(programText), [], LEARNER, 'en');
  assert.deepEqual(fromObject, core.pathView(programText, '[]', LEARNER, 'en'));
});

test('core: completeStep builds the event; pathView then shows the step done', () => {
  const id = randomUUID();
  const event = completed('ground-rules', { id });
  assert.equal(event.id, id);
  assert.equal(event.actor, LEARNER);
  assert.equal(event.type, 'step.completed');
  assert.equal(Date.parse(event.at), Date.parse(AT));
  assert.deepEqual(event.payload, { step: 'ground-rules' });
  assert.equal(event.visibility, 'coach');

  const view = core.pathView(programText, [event], LEARNER, 'en');
  const step = view.steps.find((s) => s.id === 'ground-rules');
  assert.equal(step.status, 'done');
  assert.equal(Date.parse(step.completedAt), Date.parse(AT));
  assert.equal(view.next, 'set-goal');
  assert.deepEqual(view.progress, { done: 1, total: 5, percent: 20 });
});

test('core: events of another learner do not count', () => {
  const other = completed('ground-rules', { actor: 'learner-2' });
  const view = core.pathView(programText, [other], LEARNER, 'en');
  assert.equal(view.progress.done, 0);
});

test('core: the whole path in order completes it', () => {
  const events = [];
  const steps = ['ground-rules', 'set-goal', 'first-meeting', 'reflection', 'follow-up'];
  steps.forEach((step, day) => events.push(completed(step, { events, at: `2026-11-2${day}T09:00:00.000Z` })));
  const view = core.pathView(programText, events, LEARNER, 'en');
  assert.deepEqual(view.progress, { done: 5, total: 5, percent: 100 });
  assert.ok(view.next === null || view.next === undefined || view.next === '', `next is ${view.next}`);
  assert.ok(view.steps.every((s) => s.status === 'done'));
});

test('core: completing a locked step throws KollegaError step_locked with a path', () => {
  const error = assertKollegaError(() => completed('reflection'), 'step_locked', /^\/[A-Za-z]/);
  assert.match(error.message, /first-meeting/);
});

test('core: unknown and already-done steps are refused', () => {
  assertKollegaError(() => completed('no-such-step'), 'unknown_step', /^\//);
  const done = completed('ground-rules');
  assertKollegaError(() => completed('ground-rules', { events: [done] }), 'already_done', /^\//);
});

test('core: an invalid time is refused', () => {
  assertKollegaError(() => completed('ground-rules', { at: 'yesterday' }), 'invalid_time', /^\//);
});

// Paths are JSON Pointers into the call's inputs, named as in the contract: /program/…, /events/…,
// /stepId, /at.
test('core: an invalid program gives a KollegaError with a JSON Pointer path', () => {
  const broken = (text) => () => core.pathView(text, [], LEARNER, 'en');
  return readFile(brokenPath, 'utf8').then((brokenText) => {
    const error = assertKollegaError(broken(brokenText), 'unknown_reference', '/program/path/steps/1/prerequisites/1');
    assert.match(error.message, /debrief/);
    assert.ok(error.problems.length >= 1);

    assertKollegaError(broken('{"schemaVersion": 1, "id": '), 'invalid_json', '/program');
    const program = JSON.parse(programText);
    delete program.title;
    assertKollegaError(broken(JSON.stringify(program)), 'missing_field', /^\/program(\/title)?$/);
    const typo = JSON.parse(programText);
    typo.path.steps[2].prerequisites = 'ground-rules';
    assertKollegaError(broken(JSON.stringify(typo)), 'type_error', '/program/path/steps/2/prerequisites');
    assertKollegaError(broken(JSON.stringify({ ...JSON.parse(programText), schemaVersion: 2 })), 'unsupported_schema_version', '/program/schemaVersion');
  });
});

test('core: a duplicated event (same id) counts once', () => {
  const event = completed('ground-rules');
  const view = core.pathView(programText, [event, event, structuredClone(event)], LEARNER, 'en');
  assert.deepEqual(view.progress, { done: 1, total: 5, percent: 20 });
  assert.deepEqual(view.rejected ?? [], []);
});

test('core: a second completion of the same step (new id) is rejected, not counted', () => {
  const first = completed('ground-rules', { at: '2026-11-22T10:15:00.000Z' });
  const second = completed('ground-rules', { at: '2026-11-22T11:00:00.000Z' });
  const view = core.pathView(programText, [second, first], LEARNER, 'en');
  assert.equal(view.progress.done, 1);
  assert.deepEqual(view.rejected, [{ id: second.id, reason: 'already_done' }]);
  assert.equal(Date.parse(view.steps[0].completedAt), Date.parse('2026-11-22T10:15:00.000Z'));
});

test('core: a wasm that cannot be compiled gives KollegaError wasm_load_failed', async () => {
  const onUnhandled = () => {};
  process.on('unhandledRejection', onUnhandled); // the Emscripten glue also rethrows its abort
  try {
    await assert.rejects(
      loadCore({ wasmBinary: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 255]), wasmUrl: 'https://lms.example/broken.wasm' }),
      (error) => error instanceof KollegaError && error.code === 'wasm_load_failed',
    );
  } finally {
    await new Promise((r) => setTimeout(r, 50));
    process.off('unhandledRejection', onUnhandled);
  }
});
