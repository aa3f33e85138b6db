// The pure helpers of <kollega-groups> (plugin/src/kollega-groups/groups-data.js): who met whom,
// swaps and pins, the options JSON and the downloads. The worker's loop against the real wasm
// module is in groups-worker.test.mjs; the element in tests/browser/groups.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addPairPin,
  coachGroupsJson,
  emptyPins,
  groupsCsv,
  isLocked,
  meetings,
  metMatrix,
  pairKey,
  parseHistory,
  problemLine,
  solverOptions,
  swapLearners,
  toggleLock,
} from '../../plugin/src/kollega-groups/groups-data.js';

const learners = [
  { id: 'a', name: 'Ann', department: 'Sales', managerId: 'x' },
  { id: 'b', name: 'Bo, "Jr"', department: 'Sales', managerId: 'a' },
  { id: 'c', name: 'Cy', department: 'IT' },
  { id: 'd', name: 'Di', department: 'IT' },
  { id: 'e', name: 'Ed', department: 'HR' },
  { id: 'f', name: 'Fay', department: 'HR' },
];
const result = {
  rounds: [
    { groups: [['a', 'c', 'e'], ['b', 'd', 'f']], explanations: [{ text: 'x' }, { text: 'y' }] },
    { groups: [['a', 'd', 'f'], ['b', 'c', 'e']] },
  ],
  report: { repeats: 0 },
};

test('groups view: meetings count every pair once per shared group, history as round -1', () => {
  const met = meetings(result.rounds.map((r) => r.groups), [[['a', 'c']]]);
  assert.deepEqual(met.get(pairKey('c', 'a')), { count: 2, rounds: [-1, 0] });
  assert.deepEqual(met.get(pairKey('a', 'd')), { count: 1, rounds: [1] });
  assert.equal(met.get(pairKey('a', 'b')), undefined);
  // 2 rounds × 2 groups × 3 pairs = 12 meetings, plus one from the history.
  assert.equal([...met.values()].reduce((n, m) => n + m.count, 0), 13);
});

test('groups view: the met matrix orders by department, is symmetric and counts repeats', () => {
  const rounds = [...result.rounds.map((r) => r.groups), [['a', 'c', 'f'], ['b', 'd', 'e']]];
  const m = metMatrix(learners, rounds);
  assert.deepEqual(m.order.map((l) => l.id), ['e', 'f', 'c', 'd', 'a', 'b']); // HR, IT, Sales
  const cells = new Map(m.cells.map((c) => [`${c.row},${c.col}`, c.count]));
  for (const { row, col, count } of m.cells) assert.equal(cells.get(`${col},${row}`), count);
  assert.ok(m.cells.every((c) => c.row !== c.col));
  // Twice: a–c (rounds 1, 3), c–e (1, 2), b–d (1, 3), d–f (1, 2), a–f (2, 3), b–e (2, 3).
  assert.equal(m.repeats, 6);
  assert.equal(m.partners.get('a').find((p) => p.id === 'c').count, 2);
  assert.equal(m.pairsMet, m.cells.length / 2);
});

test('groups view: a swap exchanges two learners and locks both groups as swapped', () => {
  const pins = toggleLock(emptyPins(), 0, ['a', 'c', 'e']);
  const swapped = swapLearners(result, pins, 0, 'c', 'd');
  assert.deepEqual(swapped.result.rounds[0].groups, [['a', 'd', 'e'], ['b', 'c', 'f']]);
  assert.deepEqual(swapped.result.rounds[0].edited, ['a d e', 'b c f']);
  // A second swap between the same groups keeps both marked; a group swapped back is still edited.
  const again = swapLearners(swapped.result, swapped.pins, 0, 'a', 'b');
  assert.deepEqual(again.result.rounds[0].edited, ['b d e', 'a c f']);
  assert.equal(again.pins.locked.length, 2);
  assert.deepEqual(result.rounds[0].groups[0], ['a', 'c', 'e'], 'the input is not changed');
  assert.deepEqual(swapped.pins.locked, [
    { round: 0, members: ['a', 'd', 'e'] },
    { round: 0, members: ['b', 'c', 'f'] },
  ]);
  assert.ok(isLocked(swapped.pins, 0, ['e', 'd', 'a']));
  assert.equal(swapLearners(result, pins, 0, 'a', 'c'), null, 'same group');
  assert.equal(swapLearners(result, pins, 5, 'a', 'b'), null, 'no such round');
});

test('groups view: pins toggle, pairs move between keep-together and keep-apart', () => {
  let pins = toggleLock(emptyPins(), 1, ['a', 'd', 'f']);
  assert.ok(isLocked(pins, 1, ['f', 'a', 'd']));
  assert.ok(!isLocked(pins, 0, ['a', 'd', 'f']));
  pins = toggleLock(pins, 1, ['d', 'f', 'a']);
  assert.deepEqual(pins.locked, []);
  pins = addPairPin(pins, 'keepTogether', 'a', 'b');
  pins = addPairPin(pins, 'keepTogether', 'b', 'a');
  assert.deepEqual(pins.keepTogether, [['b', 'a']]);
  pins = addPairPin(pins, 'keepApart', 'a', 'b');
  assert.deepEqual(pins.keepTogether, []);
  assert.deepEqual(pins.keepApart, [['a', 'b']]);
});

test('groups view: the options JSON has the form and the pins, pairs for the pairing modes', () => {
  const form = { sizeKind: 'range', min: 3, max: 4, rounds: 5, mode: 'groups', seed: 7, reportingDepth: 2 };
  assert.deepEqual(solverOptions(form, emptyPins()), { size: { min: 3, max: 4 }, rounds: 5, seed: 7, mode: 'groups', reportingDepth: 2 });
  const pins = { keepTogether: [['a', 'b']], keepApart: [['c', 'd']], locked: [{ round: 1, members: ['a', 'b', 'e'] }] };
  const options = solverOptions({ ...form, sizeKind: 'pairs' }, pins, [[['a', 'c']]]);
  assert.deepEqual(options.size, { min: 2, max: 2 });
  assert.deepEqual(options.keepTogether, [['a', 'b']]);
  assert.deepEqual(options.keepApart, [['c', 'd']]);
  assert.deepEqual(options.locked, [{ round: 1, members: ['a', 'b', 'e'] }]);
  assert.deepEqual(options.history, [[['a', 'c']]]);
  assert.deepEqual(solverOptions({ ...form, mode: 'mentor' }, emptyPins()).size, { min: 2, max: 2 });
});

test('groups view: groups.json for the coach and the CSV of every round', () => {
  assert.deepEqual(coachGroupsJson(result, 1), {
    groups: [
      { id: 'r2-g1', members: ['a', 'd', 'f'] },
      { id: 'r2-g2', members: ['b', 'c', 'e'] },
    ],
  });
  const csv = groupsCsv(result, learners);
  const lines = csv.split('\r\n');
  assert.equal(lines[0], 'round,group,id,name,department,manager_id');
  assert.equal(lines.length, 1 + 12 + 1, 'a row per learner per round and a final CRLF');
  assert.equal(lines.at(-1), '');
  assert.ok(lines.includes('1,r1-g2,b,"Bo, ""Jr""",Sales,a'), lines.join('\n'));
});

test('groups view: a roster problem names its line', () => {
  assert.equal(problemLine({ path: '/lines/4/email' }), 4);
  assert.equal(problemLine({ path: '/roster/lines/12' }), 12);
  assert.equal(problemLine({ path: '/learners/3/id' }), null);
  assert.equal(problemLine({}), null);
});

test('groups view: past groups are read from groups.json, an all-rounds JSON or a list of rounds', () => {
  assert.deepEqual(parseHistory('{"groups":[{"id":"g1","members":["a","b"]},{"id":"g2","members":["c","d"]}]}'), {
    ok: true,
    rounds: [[['a', 'b'], ['c', 'd']]],
  });
  assert.deepEqual(parseHistory('{"rounds":[{"groups":[["a","b","c"]]},{"groups":[["a","d"]]}],"report":{}}').rounds, [[['a', 'b', 'c']], [['a', 'd']]]);
  assert.deepEqual(parseHistory('\uFEFF[[["a","b"]]]').rounds, [[['a', 'b']]]);
  assert.deepEqual(parseHistory('{"rounds":[{"groups":[["a",1]]}]}'), {
    ok: false,
    path: '/rounds/0/groups/0',
    message: 'a group must be a list of learner ids (or an object with "members")',
  });
  assert.equal(parseHistory('{"groups": 3}').ok, false);
  assert.match(parseHistory('{').message, /^not JSON/);
});
