// The JS wrapper (plugin/src/core/core-loader.js) against the built wasm core (make wasm).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { loadCore, KollegaCore, KollegaError } from '../../plugin/src/core/core-loader.js';
import { loadCore as loadCoachCore } from '../../plugin/src/core/coach-core-loader.js';

const root = new URL('../../', import.meta.url);
const wasmPath = new URL('build/wasm/kollega-core.wasm', root);
const demoPath = new URL('programs/leaders-learning-group.json', root);
const brokenPath = new URL('web/programs/broken.json', root);

const LEARNER = 'learner-1';
const AT = '2026-11-22T10:15:00.000Z';
const NOW = '2026-11-22T12:00:00.000Z';
const STEPS = ['ground-rules', 'set-goal', 'first-meeting', 'reflect', 'follow-up', 'look-back'];

let core;
let coach;
let wasmBinary;
let programText;
let program;

before(async () => {
  wasmBinary = await readFile(wasmPath);
  programText = await readFile(demoPath, 'utf8');
  program = JSON.parse(programText);
  core = await loadCore({ wasmBinary });
  coach = await loadCoachCore({ wasmBinary: await readFile(new URL('build/wasm/kollega-coach-core.wasm', root)) });
});

test('core: the learner module leaves the cohort view and exports to the coach module', () => {
  // They would add ~60 KB gzip to every learner's first load (docs/benchmarks.md).
  assert.throws(() => core.cohortView('{}', '', '[]', '', 'en', NOW), (e) => e instanceof KollegaError && e.code === 'core_protocol');
  assert.equal(coach.version().schemaVersion, 1);
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

// cohortView and exportFile on the demo cohort (web/demo-cohort/): the wrapper passes texts,
// objects, JSON Lines and absent groups through, and turns error envelopes into KollegaErrors.
const demoCohort = {};
async function cohortFiles() {
  if (!demoCohort.roster) {
    demoCohort.roster = await readFile(new URL('web/demo-cohort/roster.csv', root), 'utf8');
    demoCohort.events = await readFile(new URL('web/demo-cohort/events.jsonl', root), 'utf8');
    demoCohort.groups = await readFile(new URL('web/demo-cohort/groups.json', root), 'utf8');
  }
  return demoCohort;
}

test('core: cohortView of the demo cohort: every roster learner, groups, summary, rejections', async () => {
  const { roster, events, groups } = await cohortFiles();
  const view = coach.cohortView(programText, roster, events, groups, 'en', NOW);
  assert.equal(view.program.id, 'leaders-learning-group');
  assert.deepEqual(view.steps.map((s) => s.id), STEPS);
  assert.equal(view.learners.length, 12);
  assert.equal(view.cohort.learners, 12);
  const names = view.learners.map((l) => l.name);
  assert.ok(names.includes('Åsa Öberg, Jr.'), names.join('|'));
  assert.ok(names.includes('"Bob" O\'Neil'), names.join('|'));
  assert.equal(new Set(view.learners.map((l) => l.department)).size, 4);
  for (const l of view.learners) {
    assert.equal(l.steps.total, 6);
    assert.equal(l.steps.done, l.steps.doneSteps.length);
    assert.deepEqual(Object.keys(l.grade).sort(), ['activityProgress', 'completed', 'gradingProgress', 'passed', 'scoreGiven', 'scoreMaximum']);
    assert.equal(l.grade.scoreMaximum, 100);
  }
  assert.equal(view.cohort.started, view.learners.filter((l) => l.lastActivity).length);
  assert.equal(view.cohort.completed, view.learners.filter((l) => l.grade.completed).length);
  assert.equal(view.cohort.passed, view.learners.filter((l) => l.grade.passed).length);
  assert.ok(view.cohort.completed >= 1 && view.cohort.passed > view.cohort.completed, JSON.stringify(view.cohort));
  assert.deepEqual(view.groups.map((g) => [g.id, g.members.length]), [['group-a', 4], ['group-b', 4], ['group-c', 4]]);
  // The deliberate data problems of the demo, and nothing else.
  assert.deepEqual(view.rejected.map((r) => r.reason).sort(), ['feedback_to_self', 'step_locked']);
  // No text a learner wrote reaches the coach's view.
  const texts = events.trim().split('\n').map((line) => JSON.parse(line).payload).flatMap((p) => [p.text, p.note, ...(p.worked ?? [])].filter(Boolean));
  const serialized = JSON.stringify(view);
  for (const text of texts) assert.ok(!serialized.includes(text), text);
});

test('core: cohortView takes the roster as an object, events as an array, and no groups', async () => {
  const { roster, events } = await cohortFiles();
  const fromText = coach.cohortView(programText, roster, events, '', 'en', NOW);
  assert.deepEqual(fromText.groups, []);
  for (const groups of [null, undefined, '']) {
    assert.deepEqual(coach.cohortView(programText, roster, events, groups, 'en', NOW), fromText);
  }
  const array = events.trim().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(coach.cohortView(program, roster, array, null, 'en', NOW), fromText);
  const learners = fromText.learners.map(({ id, name, email, department }) => ({ id, name, email, department }));
  const asObject = coach.cohortView(program, { learners }, array, { groups: [{ id: 'g', members: [learners[0].id, learners[1].id] }] }, 'sv', NOW);
  assert.equal(asObject.program.title, program.title.sv);
  assert.deepEqual(asObject.cohort, fromText.cohort);
  assert.deepEqual(asObject.groups.map((g) => g.id), ['g']);
});

test('core: cohortView errors carry the pointer into the roster, e.g. /roster/lines/4/email', async () => {
  const { roster, events } = await cohortFiles();
  const lines = roster.split('\n');
  lines[3] = lines[3].replace('carmen.diaz@northwind.example', 'not-an-email');
  const error = assertKollegaError(() => coach.cohortView(programText, lines.join('\n'), events, '', 'en', NOW), 'invalid_value', '/roster/lines/4/email');
  assert.match(error.message, /not-an-email/);
  assertKollegaError(() => coach.cohortView(programText, roster, '[{', '', 'en', NOW), 'invalid_json', /^\/events/);
  assertKollegaError(() => coach.cohortView('{', roster, events, '', 'en', NOW), 'invalid_json', /^\/program/);
});

test('core: exportFile gives {filename, mimeType, content} for each format', async () => {
  const { roster, events, groups } = await cohortFiles();
  const options = { now: NOW, lang: 'en' };
  const expected = {
    moodle: ['leaders-learning-group-moodle.csv', /^text\/csv/],
    canvas: ['leaders-learning-group-canvas.csv', /^text\/csv/],
    csv: ['leaders-learning-group-progress.csv', /^text\/csv/],
    ags: ['leaders-learning-group-ags.json', /^application\/json/],
    xapi: ['leaders-learning-group-xapi.json', /^application\/json/],
  };
  for (const [format, [filename, mime]] of Object.entries(expected)) {
    const file = coach.exportFile(format, programText, roster, events, groups, options);
    assert.deepEqual(Object.keys(file).sort(), ['content', 'filename', 'mimeType'], format);
    assert.equal(file.filename, filename);
    assert.match(file.mimeType, mime);
    assert.ok(file.content.length > 0);
  }
  const moodle = coach.exportFile('moodle', programText, roster, events, groups, options).content;
  assert.match(moodle, /^Email address,/);
  assert.match(coach.exportFile('moodle', programText, roster, events, groups, { ...options, moodleKey: 'idnumber' }).content, /^ID number,/);
  assert.ok(coach.exportFile('csv', programText, roster, events, groups, JSON.stringify({ ...options, bom: true })).content.startsWith('\uFEFF'));
  assertKollegaError(() => coach.exportFile('pdf', programText, roster, events, groups, options), 'unknown_format', '/format');
});

test('core: cohortView and exportFile on a wasm without them throw core_protocol', () => {
  const old = new KollegaCore({ version: () => '{"ok":true,"value":{}}' });
  assertKollegaError(() => old.cohortView('{}', '', '[]', '', 'en', NOW), 'core_protocol');
  assertKollegaError(() => old.exportFile('csv', '{}', '', '[]', '', {}), 'core_protocol');
  // Arguments reach the core as strings, groups '' when absent, options as JSON text.
  const seen = [];
  const fake = new KollegaCore({
    cohortView: (...args) => (seen.push(args), '{"ok":true,"value":{"cohort":{}}}'),
    exportFile: (...args) => (seen.push(args), '{"ok":true,"value":{"filename":"f","mimeType":"m","content":"c"}}'),
  });
  fake.cohortView({ a: 1 }, 'id,name', [{ b: 2 }], undefined, 'sv', NOW);
  fake.exportFile('csv', 'P', { learners: [] }, 'E', { groups: [] }, { bom: true });
  assert.deepEqual(seen, [
    ['{"a":1}', 'id,name', '[{"b":2}]', '', 'sv', NOW],
    ['csv', 'P', '{"learners":[]}', 'E', '{"groups":[]}', '{"bom":true}'],
  ]);
  const failing = new KollegaCore({ exportFile: () => '{"ok":false,"error":{"code":"invalid_value","message":"m","path":"/homePage"}}' });
  assertKollegaError(() => failing.exportFile('xapi', '', '', '', '', {}), 'invalid_value', '/homePage');
});

test('core: pathView carries the learner\'s own grade, as the cohort computes it', async () => {
  const { roster, events } = await cohortFiles();
  const cohort = coach.cohortView(programText, roster, events, '', 'en', NOW);
  const all = events.trim().split('\n').map((line) => JSON.parse(line));
  for (const learner of cohort.learners) {
    const own = all.filter((e) => e.actor === learner.id);
    const view = core.pathView(programText, own, learner.id, 'en', NOW);
    assert.deepEqual(view.grade, learner.grade, learner.id);
  }
  assert.deepEqual(core.pathView(programText, [], LEARNER, 'en', NOW).grade, {
    scoreGiven: 0, scoreMaximum: 100, passed: false, completed: false, activityProgress: 'Initialized', gradingProgress: 'Pending',
  });
});
