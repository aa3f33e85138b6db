// The browser's statement <-> event mapping (plugin/src/store/xapi-mapping.js) against the core's
// xAPI export of the same events (docs/xapi-profile.md): the same ids, verbs, activities, types,
// extensions and results; statement -> event gives the event back; every statement validates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import validateStatement from 'xapi-validation';
import { loadCoachModule, root } from './wasm-module.mjs';
import {
  eventToStatement, statementToEvent, visibleTo, programIri, segment, StatementError, EXT,
} from '../../plugin/src/store/xapi-mapping.js';

const validate = validateStatement.default ?? validateStatement;
const dir = `${root}tests/fixtures/cohort/`;
const program = readFileSync(`${dir}program.json`, 'utf8');
const roster = readFileSync(`${dir}roster.csv`, 'utf8');
const eventsText = readFileSync(`${dir}events.jsonl`, 'utf8');
const groups = readFileSync(`${dir}groups.json`, 'utf8');
const events = eventsText.split('\n').filter(Boolean).map((l) => JSON.parse(l));
const programId = JSON.parse(program).id;
/** Events by id; of two with one id the fold keeps the earlier (docs/events.md, id_conflict). */
const byId = new Map();
for (const e of [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) if (!byId.has(e.id)) byId.set(e.id, e);
const homePage = 'https://lms.example.org';

/** The core's statements for the group audience (every non-private applied event, texts included). */
async function coreStatements() {
  const core = await loadCoachModule();
  const out = JSON.parse(core.exportFile('xapi', program, roster, eventsText, groups,
    JSON.stringify({ now: '2027-04-01T12:00:00Z', audience: 'group', homePage })));
  assert.equal(out.ok, true, JSON.stringify(out.error));
  return JSON.parse(out.value.content);
}

/** What the browser cannot know is left out of the comparison: names and verb displays. */
function comparable(s) {
  const strip = (value) => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      const out = {};
      for (const [k, v] of Object.entries(value)) if (k !== 'name' && k !== 'display') out[k] = strip(v);
      return out;
    }
    return value;
  };
  // An Agent's account name is the learner id: keep it (strip drops every "name", so restore).
  const agent = (a) => ({ objectType: a.objectType, account: { homePage: a.account.homePage, name: a.account.name } });
  const c = strip(s);
  c.actor = agent(s.actor);
  const ext = s.context.extensions;
  if (ext[EXT.to]) c.context.extensions[EXT.to] = agent(ext[EXT.to]);
  if (ext[EXT.members]) c.context.extensions[EXT.members] = ext[EXT.members].map(agent);
  return c;
}

function normalized(event) {
  const e = structuredClone(event);
  e.at = new Date(e.at).toISOString();
  if (e.payload.start) e.payload.start = new Date(e.payload.start).toISOString();
  return e;
}

test('xapi mapping: each event gives the statement the core exports (ids, verbs, activities, extensions, result)', async () => {
  const statements = await coreStatements();
  assert.ok(statements.length >= 20, `the fixture exports ${statements.length} statements`);
  const goalActivity = new Map(events.filter((e) => e.type === 'goal.set').map((e) => [`${e.actor}\n${e.payload.goal}`, e.payload.activity]));
  const types = new Set();
  for (const expected of statements) {
    const event = byId.get(expected.id);
    types.add(event.type);
    const mine = eventToStatement(event, { programId, homePage, goalActivity: (g) => goalActivity.get(`${event.actor}\n${g}`) });
    assert.deepEqual(comparable(mine), comparable(expected), `statement of ${event.type} ${event.id}`);
    assert.deepEqual(validate(mine), [], `${event.type} validates`);
  }
  // Every event type the fold applies is covered by the fixture except the private reflection.
  assert.deepEqual([...types].sort(), ['feedback.given', 'goal.checked-in', 'goal.set', 'ground-rules.agreed', 'resource.shared',
    'role-play.completed', 'session.attended', 'session.scheduled', 'step.completed', 'win.celebrated']);
});

test('xapi mapping: statement -> event gives back the event, for the core statements and our own', async () => {
  for (const s of await coreStatements()) {
    assert.deepEqual(statementToEvent(s, programId), normalized(byId.get(s.id)), s.id);
  }
  for (const e of byId.values()) {
    assert.deepEqual(statementToEvent(eventToStatement(e, { programId, homePage }), programId), normalized(e), e.id);
  }
});

test('xapi mapping: cmi5 fields (launch actor, registration) and clear errors for foreign statements', () => {
  const step = events.find((e) => e.type === 'step.completed');
  const actor = { objectType: 'Agent', name: 'Åsa', account: { homePage: 'https://lms.example.edu', name: step.actor } };
  const registration = 'ec6d0ba4-1a59-4c8d-8f0d-3b7b4ba0e000';
  const s = eventToStatement(step, { programId, homePage, actor, registration });
  assert.deepEqual(s.actor, actor);
  assert.equal(s.context.registration, registration);
  assert.deepEqual(validate(s), []);
  assert.equal(programIri('a b/ö'), 'https://kollega.app/xapi/programs/a%20b%2F%C3%B6');
  assert.equal(segment('~ok-._'), '~ok-._');

  const foreign = { id: s.id, actor, verb: { id: 'http://adlnet.gov/expapi/verbs/initialized' }, object: { id: 'https://x' }, context: {} };
  assert.throws(() => statementToEvent(foreign, programId), (e) => e instanceof StatementError && e.path === '/context/extensions');
  assert.throws(() => statementToEvent(s, 'another-program'), (e) => e.path === '/context/contextActivities/grouping');
  const broken = structuredClone(s);
  broken.object.id = `${programIri(programId)}/steps/a/b`;
  assert.throws(() => statementToEvent(broken, programId), (e) => e.path === '/object/id');
});

test('xapi mapping: visibility on read-back (own, group, addressed, coach; private never for others)', () => {
  const feedback = events.find((e) => e.type === 'feedback.given'); // asa -> bob, group
  const reflection = events.find((e) => e.type === 'reflection.written'); // asa, private
  const step = events.find((e) => e.type === 'step.completed' && e.actor === 'asa'); // coach
  assert.equal(visibleTo(feedback, { learner: 'bob' }), true, 'addressed to bob');
  assert.equal(visibleTo(feedback, { learner: 'dana' }), false, 'not dana\'s group');
  assert.equal(visibleTo(feedback, { learner: 'cy', groupMembers: ['asa', 'bob', 'cy'] }), true, 'group member');
  assert.equal(visibleTo(step, { learner: 'bob', groupMembers: ['asa'] }), false, 'coach events of others');
  assert.equal(visibleTo(step, { learner: 'asa' }), true, 'own');
  assert.equal(visibleTo(reflection, { learner: 'bob', groupMembers: ['asa'] }), false);
  assert.equal(visibleTo(reflection, { coach: true }), false);
  assert.equal(visibleTo(feedback, { coach: true }), true);
});

test('xapi mapping: action plans and SBI notes travel both ways, as the core exports them (nothing dropped)', async () => {
  const feedback = events.find((e) => e.type === 'feedback.given');
  const extra = [
    { id: '00000099-c0de-4a00-8000-000000000099', actor: 'asa', type: 'action-plan.written', at: '2027-03-20T10:00:00Z',
      payload: { activity: 'meeting', text: 'Ask Bo for one meeting a week' }, visibility: 'group' },
    { ...structuredClone(feedback), id: '00000098-c0de-4a00-8000-000000000098', at: '2027-03-20T11:00:00Z',
      payload: { ...structuredClone(feedback.payload), sbi: ['Monday stand-up', 'You summarised each point', 'We left on time'] } },
  ];
  const core = await loadCoachModule();
  const log = eventsText + extra.map((e) => JSON.stringify(e)).join('\n') + '\n';
  const out = JSON.parse(core.exportFile('xapi', program, roster, log, groups,
    JSON.stringify({ now: '2027-04-01T12:00:00Z', audience: 'group', homePage })));
  assert.equal(out.ok, true, JSON.stringify(out.error));
  const statements = JSON.parse(out.value.content);
  for (const event of extra) {
    const expected = statements.find((s) => s.id === event.id);
    assert.ok(expected, `the core exports ${event.type}`);
    const mine = eventToStatement(event, { programId, homePage });
    assert.deepEqual(comparable(mine), comparable(expected), event.type);
    assert.deepEqual(validate(mine), [], `${event.type} validates`);
    assert.deepEqual(statementToEvent(expected, programId), normalized(event), `${event.type} read back`);
  }
});
