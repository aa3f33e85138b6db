// The worker's sliced search (plugin/src/kollega-groups/solve-loop.js) against the real
// kollega-groups wasm module under Node: progress between slices, the final result, cancel with
// the best result so far, start errors passed through, and slicing that does not change the result.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import createGroupsModule from '../../build/wasm/kollega-groups.mjs';
import { runSolve } from '../../plugin/src/kollega-groups/solve-loop.js';
import { coachGroupsJson } from '../../plugin/src/kollega-groups/groups-data.js';
import { loadCore as loadCoachCore } from '../../plugin/src/core/coach-core-loader.js';

const root = new URL('../../', import.meta.url);
let module;
let demoRoster;

before(async () => {
  module = await createGroupsModule({ wasmBinary: await readFile(new URL('build/wasm/kollega-groups.wasm', root)) });
  demoRoster = await readFile(new URL('web/demo-cohort/roster.csv', root), 'utf8');
});

/** Runs a solve and collects every message; `cancelAfter` progress messages sets cancelled. */
async function solve(request, { cancelAfter = Infinity } = {}) {
  const messages = [];
  const state = { id: request.id, cancelled: false };
  let job = null;
  await runSolve(
    module,
    request,
    state,
    (message) => {
      messages.push(message);
      if (message.type === 'progress' && messages.filter((m) => m.type === 'progress').length >= cancelAfter) state.cancelled = true;
    },
    (made) => (job = made),
  );
  job?.delete();
  return { messages, progress: messages.filter((m) => m.type === 'progress'), end: messages.at(-1) };
}

function plainRoster(n) {
  const rows = ['id,name,department'];
  for (let i = 1; i <= n; i += 1) rows.push(`p${i},Person ${i},Dept ${(i % 4) + 1}`);
  return rows.join('\n') + '\n';
}

test('groups worker: the demo roster is solved with progress and a full result', async () => {
  const { progress, end, messages } = await solve({
    id: 1,
    roster: demoRoster,
    options: { size: { min: 3, max: 4 }, rounds: 3, seed: 1, mode: 'groups', reportingDepth: 2 },
    lang: 'en',
    maxIterations: 2_000_000,
  });
  assert.equal(messages[0].type, 'started');
  assert.ok(progress.length >= 1);
  for (let i = 1; i < progress.length; i += 1) assert.ok(progress[i].iterations >= progress[i - 1].iterations, 'iterations only grow');
  assert.equal(end.type, 'result');
  assert.ok(['done', 'budget'].includes(end.reason), end.reason);
  assert.ok(end.envelope.ok, JSON.stringify(end.envelope.error));
  const { rounds } = end.envelope.value;
  assert.equal(rounds.length, 3);
  for (const round of rounds) {
    assert.equal(round.groups.flat().length, 12);
    assert.equal(round.explanations.length, round.groups.length);
  }
  assert.equal(progress.at(-1).cost.hard, 0);
});

test('groups worker: cancel ends the search with the best result so far', async () => {
  const { end, progress } = await solve(
    {
      id: 2,
      roster: plainRoster(32),
      options: { size: { min: 4, max: 4 }, rounds: 10, seed: 3, mode: 'groups' },
      lang: 'sv',
      maxIterations: 1e9,
      slice: 200,
    },
    { cancelAfter: 3 },
  );
  assert.equal(progress.length, 3);
  assert.equal(end.reason, 'cancelled');
  assert.ok(end.envelope.ok);
  assert.equal(end.envelope.value.rounds.length, 10);
  for (const round of end.envelope.value.rounds) assert.equal(round.groups.flat().length, 32);
});

test('groups worker: a start error (unknown id in a pin) comes back as the core envelope', async () => {
  const { end, messages } = await solve({
    id: 3,
    roster: demoRoster,
    options: { rounds: 1, keepApart: [['e1001', 'nobody']] },
    lang: 'en',
    maxIterations: 1000,
  });
  assert.equal(messages.length, 1);
  assert.equal(end.reason, 'error');
  assert.equal(end.envelope.ok, false);
  assert.match(end.envelope.error.path, /^\/options\/keepApart\/0\/1$/);
});

test('groups worker: the same budget in other slices gives the same groups', async () => {
  const request = { roster: plainRoster(32), options: { size: { min: 4, max: 4 }, rounds: 9, seed: 5 }, lang: 'en', maxIterations: 20_000 };
  const a = await solve({ ...request, id: 4, slice: 64 });
  const b = await solve({ ...request, id: 5, slice: 5000 });
  assert.equal(a.end.envelope.ok, true);
  assert.deepEqual(
    a.end.envelope.value.rounds.map((r) => r.groups),
    b.end.envelope.value.rounds.map((r) => r.groups),
  );
});

test('groups worker: the downloaded groups.json of a round is what the coach dashboard reads', async () => {
  const { end } = await solve({
    id: 6,
    roster: demoRoster,
    options: { size: { min: 3, max: 4 }, rounds: 2, seed: 2 },
    lang: 'en',
    maxIterations: 2000,
  });
  const coach = await loadCoachCore({ wasmBinary: await readFile(new URL('build/wasm/kollega-coach-core.wasm', root)) });
  const program = await readFile(new URL('programs/leaders-learning-group.json', root), 'utf8');
  for (const round of [0, 1]) {
    const groups = coachGroupsJson(end.envelope.value, round);
    const view = coach.cohortView(program, demoRoster, '', JSON.stringify(groups), 'en', '2026-11-22T12:00:00Z');
    assert.deepEqual(
      view.groups.map((g) => [g.id, g.members]),
      end.envelope.value.rounds[round].groups.map((members, g) => [`r${round + 1}-g${g + 1}`, members]),
    );
  }
});
