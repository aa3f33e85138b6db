// The JS wrapper (plugin/src/core/core-loader.js) against the built wasm core (make wasm).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { loadCore, KollegaCore, KollegaError } from '../../plugin/src/core/core-loader.js';

const root = new URL('../../', import.meta.url);
const wasmPath = new URL('build/wasm/kollega-core.wasm', root);
const demoPath = new URL('programs/leaders-learning-group.json', root);
const brokenPath = new URL('web/programs/broken.json', root);

const LEARNER = 'learner-1';
const AT = '2026-11-22T10:15:00.000Z';
const NOW = '2026-11-22T12:00:00.000Z';
const STEPS = ['ground-rules', 'set-goal', 'first-meeting', 'reflect', 'follow-up', 'look-back'];

let core;
let wasmBinary;
let programText;
let program;

before(async () => {
  wasmBinary = await readFile(wasmPath);
  programText = await readFile(demoPath, 'utf8');
  program = JSON.parse(programText);
  core = await loadCore({ wasmBinary });
});

const statuses = (view) => Object.fromEntries(view.steps.map((s) => [s.id, s.status]));

function completed(stepId, { id = randomUUID(), actor = LEARNER, at = AT, events = [] } = {}) {
  return core.completeStep(programText, events, actor, stepId, id, at);
}

/** A `session.attended` event (docs/architecture.md: it counts towards unlock.afterSessions). */
function attended(activity, { actor = LEARNER, at = AT } = {}) {
  return { id: randomUUID(), actor, type: 'session.attended', at, payload: { activity }, visibility: 'coach' };
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

test('core: pathView on the built-in leaders program with no events', () => {
  const view = core.pathView(programText, [], LEARNER, 'en', NOW);
  assert.equal(view.program.id, 'leaders-learning-group');
  assert.equal(view.program.title, program.title.en);
  assert.equal(view.program.language, 'en');
  assert.deepEqual(statuses(view), {
    'ground-rules': 'available',
    'set-goal': 'locked',
    'first-meeting': 'locked',
    reflect: 'locked',
    'follow-up': 'locked',
    'look-back': 'locked',
  });
  assert.equal(view.next, 'ground-rules');
  assert.deepEqual(view.progress, { done: 0, total: 6, percent: 0 });
  assert.deepEqual(view.steps.find((s) => s.id === 'first-meeting').blockedBy, ['set-goal']);
  assert.deepEqual(view.rejected ?? [], []);
});

test('core: pathView carries the program cadence, group and ground rules', () => {
  const view = core.pathView(programText, [], LEARNER, 'sv', NOW);
  assert.equal(view.program.cadence, program.cadence);
  assert.deepEqual(view.program.group.size, program.group.size);
  assert.equal(view.program.group.pairing, program.group.pairing);
  assert.equal(view.program.groundRules.rules.length, program.groundRules.rules.length);
  assert.equal(view.program.groundRules.rules[0], program.groundRules.rules[0].sv);
  assert.equal(view.program.groundRules.confidentiality, program.groundRules.confidentiality.sv);
});

test('core: each step carries its activity with texts resolved and defaults filled', () => {
  const view = core.pathView(programText, [], LEARNER, 'sv', NOW);
  const byId = Object.fromEntries(view.steps.map((s) => [s.id, s]));
  assert.equal(byId['ground-rules'].activity, null);
  const goal = byId['set-goal'].activity;
  assert.equal(goal.kind, 'goal');
  assert.equal(typeof goal.prompt, 'string');
  assert.ok(Array.isArray(goal.examples));
  assert.match(goal.checkIn, /^(weekly|every-2-weeks|every-4-weeks|monthly)$/);
  assert.equal(byId['set-goal'].title, goal.title, 'a step without a title takes its activity title');
  const session = byId['first-meeting'].activity;
  assert.equal(session.kind, 'session');
  const source = program.activities.find((a) => a.id === session.id);
  assert.equal(session.title, source.title.sv);
  const coaching = session.agenda.find((phase) => phase.perPerson);
  assert.deepEqual(
    coaching.turns,
    Array.from({ length: program.group.size.max - program.group.size.min + 1 }, (_, i) => ({
      groupSize: program.group.size.min + i,
      minutes: Math.floor(coaching.minutes / (program.group.size.min + i)),
    })),
  );
  assert.ok(session.agenda.filter((phase) => !phase.perPerson).every((phase) => phase.turns.length === 0));
  assert.equal(byId.reflect.activity.kind, 'reflection');
  assert.ok(byId.reflect.activity.prompts.every((p) => typeof p === 'string' && p.length > 0));
});

test('core: a step waiting for sessions says how many are required and attended', () => {
  const view = core.pathView(programText, [attended('group-meeting')], LEARNER, 'en', NOW);
  const followUp = view.steps.find((s) => s.id === 'follow-up');
  assert.equal(followUp.status, 'locked');
  assert.deepEqual(followUp.sessions, { required: 2, attended: 1 });
  assert.equal(view.steps.find((s) => s.id === 'ground-rules').sessions, undefined);
});

test('core: pathView uses `now` for notBefore; it is shown only while ahead', () => {
  const dated = JSON.stringify({
    schemaVersion: 1,
    id: 'dated',
    languages: ['en'],
    title: { en: 'Dated' },
    path: { steps: [{ id: 'later', title: { en: 'Later' }, unlock: { notBefore: '2026-12-01T00:00:00Z' } }] },
  });
  const before = core.pathView(dated, [], LEARNER, 'en', '2026-11-30T23:59:59Z').steps[0];
  assert.equal(before.status, 'locked');
  assert.equal(Date.parse(before.notBefore), Date.parse('2026-12-01T00:00:00Z'));
  const after = core.pathView(dated, [], LEARNER, 'en', '2026-12-01T00:00:00Z').steps[0];
  assert.equal(after.status, 'available');
  assert.equal(after.notBefore, undefined);
  // Without `now` the wrapper passes this device's clock.
  assert.equal(core.pathView(dated, [], LEARNER, 'en').steps[0].status, Date.now() >= Date.parse('2026-12-01T00:00:00Z') ? 'available' : 'locked');
});

test('core: pathView resolves program texts in the asked language', () => {
  for (const lang of ['sv', 'nb', 'nl']) {
    const view = core.pathView(programText, [], LEARNER, lang, NOW);
    assert.equal(view.program.language, lang);
    assert.equal(view.program.title, program.title[lang]);
  }
  assert.equal(core.pathView(programText, [], LEARNER, 'de', NOW).program.language, 'en');
});

test('core: pathView accepts the program as an object or as JSON text', () => {
  const fromObject = core.pathView(program, [], LEARNER, 'en', NOW);
  assert.deepEqual(fromObject, core.pathView(programText, '[]', LEARNER, 'en', NOW));
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

  const view = core.pathView(programText, [event], LEARNER, 'en', NOW);
  const step = view.steps.find((s) => s.id === 'ground-rules');
  assert.equal(step.status, 'done');
  assert.equal(Date.parse(step.completedAt), Date.parse(AT));
  assert.equal(view.next, 'set-goal');
  assert.deepEqual(view.progress, { done: 1, total: 6, percent: 16 });
});

test('core: events of another learner do not count', () => {
  const other = completed('ground-rules', { actor: 'learner-2' });
  const view = core.pathView(programText, [other], LEARNER, 'en', NOW);
  assert.equal(view.progress.done, 0);
});

test('core: the whole path in order, with the sessions attended, completes it', () => {
  const events = [];
  STEPS.forEach((step, day) => {
    if (step === 'follow-up') events.push(attended('group-meeting', { at: '2026-11-23T08:00:00.000Z' }), attended('group-meeting', { at: '2026-11-24T08:00:00.000Z' }));
    if (step === 'look-back') for (const d of [5, 6, 7]) events.push(attended('group-meeting', { at: `2026-12-0${d}T08:00:00.000Z` }));
    events.push(completed(step, { events, at: `2026-12-${10 + day}T09:00:00.000Z` }));
  });
  const view = core.pathView(programText, events, LEARNER, 'en', '2026-12-31T00:00:00Z');
  assert.deepEqual(view.progress, { done: 6, total: 6, percent: 100 });
  assert.ok(view.next === null || view.next === undefined || view.next === '', `next is ${view.next}`);
  assert.ok(view.steps.every((s) => s.status === 'done'));
});

test('core: a step waiting for sessions cannot be completed before they are attended', () => {
  const events = [];
  ['ground-rules', 'set-goal', 'first-meeting', 'reflect'].forEach((step, hour) =>
    events.push(completed(step, { events, at: `2026-11-22T1${hour}:00:00.000Z` })),
  );
  events.push(attended('group-meeting', { at: '2026-11-22T15:00:00.000Z' }));
  const error = assertKollegaError(() => completed('follow-up', { events, at: '2026-11-22T16:00:00.000Z' }), 'step_locked', /^\//);
  assert.match(error.message, /session/);
  events.push(attended('group-meeting', { at: '2026-11-22T17:00:00.000Z' }));
  assert.equal(completed('follow-up', { events, at: '2026-11-22T18:00:00.000Z' }).payload.step, 'follow-up');
});

test('core: validateProgram accepts every built-in program without a problem', async () => {
  const dir = new URL('programs/', root);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 6, `built-in programs: ${files.join(', ')}`);
  for (const file of files) {
    const result = core.validateProgram(await readFile(new URL(file, dir), 'utf8'));
    assert.deepEqual(result, { valid: true, problems: [] }, file);
  }
});

test('core: validateProgram reports every problem as a value, never throws', () => {
  const typo = programText.replace('"prerequisites"', '"prerequisite"');
  const result = core.validateProgram(typo);
  assert.equal(result.valid, false);
  const unknown = result.problems.find((p) => p.code === 'unknown_field');
  assert.ok(unknown, JSON.stringify(result.problems));
  assert.equal(unknown.severity, 'error');
  assert.match(unknown.path, /^\/path\/steps\/\d+\/prerequisite$/);
  assert.match(unknown.message, /prerequisite/);
  for (const p of result.problems) assert.deepEqual(Object.keys(p).sort(), ['code', 'message', 'path', 'severity']);

  const notJson = core.validateProgram('{\n  "schemaVersion": 1,\n  "id": x\n}');
  assert.equal(notJson.valid, false);
  assert.equal(notJson.problems[0].code, 'invalid_json');
  assert.match(notJson.problems[0].message, /line 3, column 9/);

  const several = core.validateProgram({ schemaVersion: 1, id: 'x', title: { en: 'X' }, path: { steps: [{ id: 'a', prerequisites: ['b'] }] }, extra: 1 });
  assert.equal(several.valid, false);
  assert.ok(several.problems.length >= 2, 'all problems at once');
});

test('core: validateProgram: a program with warnings only is valid', () => {
  const result = core.validateProgram({ schemaVersion: 1, id: 'w', languages: ['en', 'sv'], title: { en: 'Only English' }, path: { steps: [{ id: 'a', title: { en: 'A', sv: 'A' } }] } });
  assert.equal(result.valid, true);
  assert.deepEqual(result.problems.map((p) => [p.code, p.path, p.severity]), [['missing_translation', '/title', 'warning']]);
});

test('core: validateProgram throws only for a broken reply envelope', () => {
  const fake = (reply) => new KollegaCore({ validateProgram: () => reply });
  assertKollegaError(() => fake('not json').validateProgram('{}'), 'core_protocol');
  assertKollegaError(() => fake('{"ok":true,"value":{}}').validateProgram('{}'), 'core_protocol');
  assertKollegaError(() => new KollegaCore({}).validateProgram('{}'), 'core_protocol');
  // An error envelope is still an answer: the program is invalid.
  const answered = fake('{"ok":false,"error":{"code":"invalid_json","message":"m","path":""}}').validateProgram('{');
  assert.deepEqual(answered, { valid: false, problems: [{ code: 'invalid_json', message: 'm', path: '', severity: 'error' }] });
});

test('core: completing a locked step throws KollegaError step_locked with a path', () => {
  const error = assertKollegaError(() => completed('reflect'), 'step_locked', /^\/[A-Za-z]/);
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
  const broken = (text) => () => core.pathView(text, [], LEARNER, 'en', NOW);
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
  const view = core.pathView(programText, [event, event, structuredClone(event)], LEARNER, 'en', NOW);
  assert.deepEqual(view.progress, { done: 1, total: 6, percent: 16 });
  assert.deepEqual(view.rejected ?? [], []);
});

test('core: a second completion of the same step (new id) is rejected, not counted', () => {
  const first = completed('ground-rules', { at: '2026-11-22T10:15:00.000Z' });
  const second = completed('ground-rules', { at: '2026-11-22T11:00:00.000Z' });
  const view = core.pathView(programText, [second, first], LEARNER, 'en', NOW);
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
