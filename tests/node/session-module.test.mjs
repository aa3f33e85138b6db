// The session module's Embind functions from JS, in the argument order docs/sessions.md gives:
// a whole three-person session with a controlled clock, a feedback form, a role-play with a
// swap, goals and reminders. The Catch2 suite covers the logic; this covers the bindings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadSessionModule, root } from './wasm-module.mjs';

const program = readFileSync(`${root}tests/fixtures/sessions/program.json`, 'utf8');
const value = (envelope) => {
  const r = JSON.parse(envelope);
  assert.equal(r.ok, true, envelope);
  return r.value;
};
const uuid = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (minutes) => new Date(Date.UTC(2027, 0, 15, 8, 0) + minutes * 60000).toISOString();

test('session module: a whole session, then its events', async () => {
  const m = await loadSessionModule();
  const members = JSON.stringify([{ id: 'ann', name: 'Ann' }, { id: 'bo', name: 'Bo' }, { id: 'cy', name: 'Cy' }]);
  let state = value(m.sessionStart(program, 'meeting', members, '', 1, 'nl', at(0)));
  let view = value(m.sessionView(JSON.stringify(state), at(0)));
  assert.equal(view.status, 'ready');
  assert.ok(view.groundRules.rules.length > 0);
  assert.deepEqual(view.groundRules.pending.map((p) => p.name), ['Ann', 'Bo', 'Cy']);
  const act = (action, minutes) => { state = value(m.sessionAct(JSON.stringify(state), JSON.stringify(action), at(minutes))); };
  act({ type: 'start' }, 0);
  act({ type: 'next' }, 5);
  view = value(m.sessionView(JSON.stringify(state), at(21)));
  assert.equal(view.current.focusName, 'Ann');
  assert.equal(view.current.overtime, 'gentle');
  assert.deepEqual(view.roles.map((r) => r.role), ['coachee', 'coach', 'observer']);
  act({ type: 'extend', minutes: 5 }, 21);
  act({ type: 'next' }, 22);
  act({ type: 'pause' }, 30);
  act({ type: 'resume' }, 40);
  act({ type: 'skip' }, 45);
  act({ type: 'plan', member: 'bo', text: 'Ask for help earlier' }, 46);
  act({ type: 'end' }, 60);
  view = value(m.sessionView(JSON.stringify(state), at(60)));
  assert.equal(view.status, 'ended');
  assert.deepEqual(view.fairTime.members.map((f) => f.focusSeconds), [17 * 60, 13 * 60, 15 * 60]);
  assert.equal(view.eventsNeeded, 4);
  const { events } = value(m.sessionEvents(JSON.stringify(state), JSON.stringify([1, 2, 3, 4].map(uuid)), at(60)));
  assert.deepEqual(events.map((e) => e.type), ['session.attended', 'session.attended', 'session.attended', 'action-plan.written']);
  assert.deepEqual(events[1].payload.speakingSeconds, { bo: 13 * 60 });
  assert.equal(events[3].visibility, 'group');
  // The next session shows Bo's plan at check-in; everyone agreed to the ground rules meanwhile.
  const agreed = ['ann', 'bo', 'cy'].map((actor, i) => ({ id: uuid(20 + i), actor, type: 'ground-rules.agreed', at: at(1),
    payload: {}, visibility: 'gradebook' }));
  const next = value(m.sessionStart(program, 'meeting', members, JSON.stringify([...agreed, ...events]), 2, 'en', at(20000)));
  view = value(m.sessionView(JSON.stringify(next), at(20000)));
  assert.equal(view.groundRules, null);
  assert.deepEqual(view.previousPlans.map((p) => [p.name, p.text]), [['Bo', 'Ask for help earlier']]);
  const bad = JSON.parse(m.sessionAct(JSON.stringify(state), '{"type":"pause"}', at(61)));
  assert.equal(bad.error.code, 'action_not_allowed');
});

test('session module: feedback form and event', async () => {
  const m = await loadSessionModule();
  const form = value(m.feedbackForm(program, 'observe', 'nb'));
  assert.deepEqual(form.fields.map((f) => f.id), ['ratings/clarity', 'ratings/contact', 'worked', 'improve', 'sbi']);
  const answers = { ratings: { clarity: 4, contact: 1 }, worked: ['Calm', 'Clear'], improve: ['Slower'],
    sbi: { situation: 'Start', behaviour: 'Spoke fast', impact: 'Hard to follow' } };
  const event = value(m.feedbackEvent(program, 'observe', JSON.stringify(answers), 'ann', 'bo', uuid(5), at(0)));
  assert.equal(event.payload.to, 'bo');
  assert.deepEqual(event.payload.sbi, ['Start', 'Spoke fast', 'Hard to follow']);
  const bad = JSON.parse(m.feedbackEvent(program, 'observe', JSON.stringify({ ...answers, worked: ['Calm'] }), 'ann', 'bo', uuid(5), at(0)));
  assert.equal(bad.error.code, 'unbalanced_feedback');
  assert.equal(bad.error.path, '/answers/worked');
});

test('session module: role-play with a swap, goals and reminders', async () => {
  const m = await loadSessionModule();
  let state = JSON.stringify({ members: ['ann', 'bo'] });
  let view = value(m.rolePlayView(program, 'hard-talk', state, 'en'));
  assert.deepEqual(view.people.map((p) => p.role.id), ['lead', 'member']);
  for (let i = 0; i < 2; i += 1) state = JSON.stringify(value(m.rolePlayAct(program, 'hard-talk', state, '{"type":"next"}')));
  view = value(m.rolePlayView(program, 'hard-talk', state, 'en'));
  assert.equal(view.run, 1);
  assert.deepEqual(view.people.map((p) => p.role.id), ['member', 'lead']);
  const { events } = value(m.rolePlayEvents(program, 'hard-talk', state, JSON.stringify([1, 2].map(uuid)), at(30)));
  assert.deepEqual(events.map((e) => `${e.actor}:${e.payload.role}`), ['ann:lead', 'bo:member']);

  const log = JSON.stringify([{ id: uuid(7), actor: 'ann', type: 'goal.set', at: at(0), visibility: 'group',
    payload: { goal: uuid(70), activity: 'goal', text: 'Shorter meetings', measure: '30 min' } }]);
  const goals = value(m.goalsView(program, log, 'ann', at(8 * 24 * 60), 'en'));
  assert.equal(goals.goals[0].due, true);
  const plan = value(m.reminders(program, JSON.stringify({ start: '2027-01-18T12:00', tz: { name: 'Europe/Stockholm',
    rule: 'CET-1CEST,M3.5.0,M10.5.0/3' }, count: 1, dtstamp: at(0), actor: 'ann', now: at(0), alarmMinutes: [15] }), log));
  assert.deepEqual(plan.reminders.map((r) => `${r.kind} ${r.at}`), [
    'check-in 2027-01-22T08:00:00.000Z', 'session 2027-01-18T10:45:00.000Z', 'feedback 2027-01-18T12:00:00.000Z'].sort(
    (a, b) => a.split(' ')[1].localeCompare(b.split(' ')[1])));
  assert.equal(plan.reminders.find((r) => r.kind === 'check-in').title, 'Shorter meetings');
});
