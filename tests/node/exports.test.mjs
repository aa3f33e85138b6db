// Exports through the wasm module (docs/events.md, "Exports"; docs/xapi-profile.md): every CSV
// read back by a real CSV parser, every xAPI statement checked by an xAPI validator, the
// privacy rule once more, and the native CLI writing the very same bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse as parseCsv } from 'csv-parse/sync';
import validateStatement from 'xapi-validation';
import { loadCoachModule, root } from './wasm-module.mjs';

const dir = 'tests/fixtures/cohort/';
const read = (name) => readFileSync(`${root}${dir}${name}`, 'utf8');
const program = read('program.json');
const roster = read('roster.csv');
const events = read('events.jsonl');
const groups = read('groups.json');
const now = '2027-04-01T12:00:00Z';

// xapi-validation is CommonJS compiled from TypeScript: the function is its `default` export.
const validate = validateStatement.default ?? validateStatement;

/** exportFile through wasm; fails the test unless the envelope is ok. */
async function exportFile(format, options = {}) {
  const core = await loadCoachModule();
  const out = JSON.parse(core.exportFile(format, program, roster, events, groups, JSON.stringify({ now, ...options })));
  assert.equal(out.ok, true, JSON.stringify(out.error));
  return out.value;
}

const rows = (content) => parseCsv(content, { bom: true });

/** Every text a learner wrote in the fixture, rejected events included. */
function learnerTexts() {
  const texts = [];
  for (const line of events.split('\n').filter(Boolean)) {
    const { payload } = JSON.parse(line);
    for (const key of ['text', 'measure', 'note', 'title', 'url']) if (payload[key]) texts.push(payload[key]);
    for (const key of ['worked', 'improve']) if (payload[key]) texts.push(...payload[key]);
  }
  return texts;
}

test('exports: the generic CSV reads back with names intact, formulas neutralised, numbers right', async () => {
  const file = await exportFile('csv');
  assert.equal(file.filename, 'cohort-test-progress.csv');
  assert.equal(file.mimeType, 'text/csv;charset=utf-8');
  assert.ok(file.content.endsWith('\r\n'));
  assert.ok(!/[^\r]\n/.test(file.content), 'every line ends with CRLF');
  assert.deepEqual(rows(file.content), [
    ['learner_id', 'name', 'email', 'department', 'steps_done', 'steps_total', 'percent', 'score', 'score_maximum',
      'passed', 'completed', 'sessions_attended', 'feedback_given', 'feedback_received', 'last_activity',
      'step:agree', 'step:set-goal', 'step:meet', 'step:reflect', 'step:rehearse', 'step:observe'],
    ['asa', 'Åsa Öberg, Jr.', 'asa.oberg@example.org', 'Sales', '4', '6', '66', '66.67', '100', 'true', 'false', '1', '1', '1', '2027-03-08T10:00:00.000Z', 'true', 'true', 'true', 'true', 'false', 'false'],
    ['bob', '"Bob" O\'Neil', 'bob@example.org', 'Support', '6', '6', '100', '100', '100', 'true', 'true', '1', '1', '1', '2027-03-07T13:00:00.000Z', 'true', 'true', 'true', 'true', 'true', 'true'],
    ['hyper', '\'=HYPERLINK("http://x","y")', 'hyper@example.org', 'Finance', '2', '6', '33', '16.67', '100', 'false', 'false', '0', '0', '0', '2027-03-09T09:00:00.000Z', 'true', 'true', 'false', 'false', 'false', 'false'],
    ['cy', 'Cy Lindqvist', 'cy@example.org', '\'-Special projects', '0', '6', '0', '0', '100', 'false', 'false', '0', '0', '0', '2027-03-04T09:00:00.000Z', 'false', 'false', 'false', 'false', 'false', 'false'],
    ['dana', 'Dana Berg', 'dana@example.org', 'Sales', '5', '6', '83', '83.33', '100', 'true', 'false', '1', '1', '0', '2027-03-05T13:00:00.000Z', 'true', 'true', 'true', 'false', 'true', 'true'],
    ['eli', 'Eli Haugen', 'eli@example.org', 'Support', '3', '6', '50', '50', '100', 'true', 'false', '1', '0', '1', '2027-03-11T09:00:00.000Z', 'true', 'true', 'true', 'false', 'false', 'false'],
    ['finn', 'Finn de Vries', 'finn@example.org', 'HR', '1', '6', '16', '0', '100', 'false', 'false', '0', '0', '0', '2027-03-01T09:00:00.000Z', 'true', 'false', 'false', 'false', 'false', 'false'],
    ['gus', 'Gus Idle', '', '\'+Marketing', '0', '6', '0', '0', '100', 'false', 'false', '0', '0', '0', '', 'false', 'false', 'false', 'false', 'false', 'false'],
  ]);
});

test('exports: the Moodle CSV reads back, by email or by ID number, titled in the asked language', async () => {
  const byEmail = rows((await exportFile('moodle')).content);
  assert.deepEqual(byEmail[0], ['Email address', 'Peer coaching, spring 2027']);
  assert.deepEqual(byEmail.slice(1).map((r) => r[1]), ['66.67', '100', '16.67', '0', '83.33', '50', '0', '0']);
  assert.deepEqual(byEmail[1], ['asa.oberg@example.org', '66.67']);
  const byId = rows((await exportFile('moodle', { moodleKey: 'idnumber', lang: 'sv' })).content);
  assert.deepEqual(byId[0], ['ID number', 'Kollegacoachning, våren 2027']);
  assert.deepEqual(byId.slice(1).map((r) => r[0]), ['asa', 'bob', 'hyper', 'cy', 'dana', 'eli', 'finn', 'gus']);
});

test('exports: the Canvas CSV reads back with its Points Possible row', async () => {
  const file = await exportFile('canvas');
  assert.equal(file.filename, 'cohort-test-canvas.csv');
  const r = rows(file.content);
  assert.deepEqual(r[0], ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', 'Peer coaching, spring 2027 (cohort-test)']);
  assert.deepEqual(r[1], ['Points Possible', '', '', '', '', '100']);
  assert.deepEqual(r[2], ['Åsa Öberg, Jr.', '', 'asa', 'asa.oberg@example.org', 'Sales', '66.67']);
  assert.deepEqual(r[3], ['"Bob" O\'Neil', '', 'bob', 'bob@example.org', 'Support', '100']);
  assert.deepEqual(r[4], ['\'=HYPERLINK("http://x","y")', '', 'hyper', 'hyper@example.org', 'Finance', '16.67']);
  assert.equal(r.length, 10);
});

test('exports: a byte-order mark only when asked for', async () => {
  for (const format of ['moodle', 'canvas', 'csv']) {
    const plain = (await exportFile(format)).content;
    const bom = (await exportFile(format, { bom: true })).content;
    assert.ok(!plain.startsWith('\uFEFF'), format);
    assert.equal(bom, `\uFEFF${plain}`, format);
  }
});

test('exports: the AGS payload has LTI score fields only', async () => {
  const file = await exportFile('ags', { lang: 'sv' });
  assert.equal(file.mimeType, 'application/json');
  const ags = JSON.parse(file.content);
  assert.deepEqual(ags.lineItem, { scoreMaximum: 100, label: 'Kollegacoachning, våren 2027', resourceId: 'cohort-test', tag: 'kollega' });
  assert.equal(ags.scores.length, 8);
  for (const s of ags.scores) {
    assert.deepEqual(Object.keys(s).sort(),
      ['activityProgress', 'comment', 'gradingProgress', 'scoreGiven', 'scoreMaximum', 'timestamp', 'userId']);
    assert.ok(['Initialized', 'Started', 'InProgress', 'Completed'].includes(s.activityProgress));
    assert.ok(['FullyGraded', 'Pending'].includes(s.gradingProgress));
    assert.equal(s.timestamp, '2027-04-01T12:00:00.000Z');
    assert.match(s.comment, /^\d+ av \d+ steg klara$/);
  }
  assert.deepEqual(ags.scores.map((s) => s.scoreGiven), [66.67, 100, 16.67, 0, 83.33, 50, 0, 0]);
});

test('exports: every xAPI statement of every audience passes an xAPI 1.0.3 validator', async () => {
  const audiences = [{}, { audience: 'group' }, { audience: 'group', learner: 'asa' }, { audience: 'learner', learner: 'bob' },
    { audience: 'learner', learner: 'eli', lang: 'sv', homePage: 'https://moodle.example.edu/' }];
  // The validator is live: it rejects what a client must not send.
  assert.ok(validate({ id: 'not-a-uuid', actor: {}, verb: {}, object: {}, stored: 'x' }).length > 0);
  let checked = 0;
  for (const options of audiences) {
    const statements = JSON.parse((await exportFile('xapi', options)).content);
    assert.ok(statements.length > 0, JSON.stringify(options));
    for (const s of statements) {
      const warnings = validate(s);
      assert.deepEqual(warnings.map((w) => `${w.path.join('.')}: ${w.typeName ?? w.message}`), [], JSON.stringify(s));
      assert.match(s.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(s.version, '1.0.3');
      assert.equal('stored' in s, false);
      checked += 1;
    }
  }
  assert.ok(checked > 60);
});

test('exports: xAPI statement ids are the event ids the coach may see', async () => {
  const statements = JSON.parse((await exportFile('xapi')).content);
  const visible = new Set(events.split('\n').filter(Boolean).map((l) => JSON.parse(l))
    .filter((e) => e.visibility === 'coach' || e.visibility === 'gradebook').map((e) => e.id));
  for (const s of statements) assert.ok(visible.has(s.id), s.id);
  assert.equal(new Set(statements.map((s) => s.id)).size, statements.length);
  const verbs = new Set(statements.map((s) => s.verb.id));
  assert.deepEqual([...verbs].sort(), ['http://adlnet.gov/expapi/verbs/attended', 'http://adlnet.gov/expapi/verbs/completed',
    'https://kollega.app/xapi/verbs/agreed']);
});

test('privacy: no coach or gradebook export holds a text a learner wrote (through wasm)', async () => {
  const texts = learnerTexts();
  assert.ok(texts.length > 20);
  for (const format of ['moodle', 'canvas', 'csv', 'ags', 'xapi']) {
    for (const options of [{}, { bom: true, lang: 'sv' }, { moodleKey: 'idnumber' }, { audience: 'coach', learner: 'asa' }]) {
      const { content } = await exportFile(format, options);
      assert.ok(!content.includes('SECRET'), `${format} ${JSON.stringify(options)}`);
      for (const t of texts) assert.ok(!content.includes(t), `${format}: ${t}`);
    }
  }
  // The group audience never carries private or rejected texts either.
  const group = (await exportFile('xapi', { audience: 'group' })).content;
  for (const hidden of ['SECRET-REFLECTION', 'SECRET-GOAL-BOB', 'SECRET-WIN-HYPER', 'SECRET-TOO-OPEN', 'SECRET-REJECTED',
    'SECRET-SELF', 'SECRET-CONFLICT']) assert.ok(!group.includes(hidden), hidden);
});

test('exports: errors are envelopes with a code and a pointer', async () => {
  const core = await loadCoachModule();
  const call = (format, options) => JSON.parse(core.exportFile(format, program, roster, events, groups, JSON.stringify(options)));
  const unknown = call('xlsx', { now });
  assert.equal(unknown.ok, false);
  assert.equal(unknown.error.code, 'unknown_format');
  assert.equal(unknown.error.path, '/format');
  const badOption = call('csv', { now, colour: 'red' });
  assert.equal(badOption.ok, false);
  assert.equal(badOption.error.code, 'unknown_field');
  assert.match(badOption.error.path, /\/colour$/);
  const noLearner = call('xapi', { now, audience: 'learner' });
  assert.equal(noLearner.ok, false);
  assert.equal(noLearner.error.code, 'missing_field');
});

test('exports: the native CLI writes byte-identical files', async () => {
  const cases = [
    ['moodle', {}, []], ['moodle', { moodleKey: 'idnumber', lang: 'sv', bom: true }, ['--moodle-key', 'idnumber', '--lang', 'sv', '--bom']],
    ['canvas', {}, []], ['canvas', { lang: 'sv', bom: true }, ['--lang', 'sv', '--bom']],
    ['csv', {}, []], ['csv', { bom: true }, ['--bom']],
    ['ags', {}, []], ['ags', { lang: 'nb' }, ['--lang', 'nb']],
    ['xapi', {}, []], ['xapi', { audience: 'group', learner: 'asa' }, ['--audience', 'group', '--learner', 'asa']],
    ['xapi', { audience: 'learner', learner: 'bob', homePage: 'https://moodle.example.edu' },
      ['--audience', 'learner', '--learner', 'bob', '--home-page', 'https://moodle.example.edu']],
  ];
  for (const [format, options, flags] of cases) {
    const wasm = Buffer.from((await exportFile(format, options)).content, 'utf8');
    const cli = spawnSync(`${root}build/native/kollega`, ['export', '--format', format, '--program', `${dir}program.json`,
      '--roster', `${dir}roster.csv`, '--events', `${dir}events.jsonl`, '--groups', `${dir}groups.json`, '--now', now, ...flags],
    { cwd: root });
    assert.equal(cli.status, 0, String(cli.stderr));
    assert.ok(cli.stdout.equals(wasm), `${format} ${JSON.stringify(options)} differs`);
  }
});

test('exports: kollega progress --json prints the cohortView envelope of the wasm core', async () => {
  const core = await loadCoachModule();
  const wasm = core.cohortView(program, roster, events, groups, 'sv', now);
  const cli = spawnSync(`${root}build/native/kollega`, ['progress', '--program', `${dir}program.json`, '--roster', `${dir}roster.csv`,
    '--events', `${dir}events.jsonl`, '--groups', `${dir}groups.json`, '--lang', 'sv', '--now', now, '--json'],
  { cwd: root, encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  assert.equal(cli.stdout, `${wasm}\n`);
  assert.equal(JSON.parse(wasm).ok, true);
});

test('cli: kollega progress prints a table per learner and the cohort summary', () => {
  const cli = spawnSync(`${root}build/native/kollega`, ['progress', '--program', `${dir}program.json`, '--roster', `${dir}roster.csv`,
    '--events', `${dir}events.jsonl`, '--groups', `${dir}groups.json`, '--now', now], { cwd: root, encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  const lines = cli.stdout.split('\n');
  assert.equal(lines[0], 'Peer coaching, spring 2027 — 8 learners');
  assert.match(cli.stdout, /\n {2}asa +Åsa Öberg, Jr\. +4\/6 +66 +66\.67 +yes\n/);
  assert.match(cli.stdout, /\n {2}hyper +=HYPERLINK\("http:\/\/x","y"\) +2\/6 +33 +16\.67 +no\n/);
  assert.match(cli.stdout, /\nGroup g1: 4 members, mean 50 %, sessions attended 1, feedback exchanged 2\n/);
  assert.match(cli.stdout, /\nCohort: 8 learners, 7 started, 1 completed, 4 passed, mean 43\.8 %\n$/);
  assert.match(cli.stderr, /ignored event 00000036-c0de-4a00-8000-000000000036: unknown_learner/);
});

test('cli: kollega export writes to a file with -o and rejects an unknown format', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'kollega-export-'));
  const out = join(tmp, 'progress.csv');
  const ok = spawnSync(`${root}build/native/kollega`, ['export', '--format', 'csv', '--program', `${dir}program.json`,
    '--roster', `${dir}roster.csv`, '--events', `${dir}events.jsonl`, '--now', now, '-o', out], { cwd: root, encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout, '');
  assert.match(readFileSync(out, 'utf8'), /^learner_id,name,/);
  rmSync(tmp, { recursive: true });
  const bad = spawnSync(`${root}build/native/kollega`, ['export', '--format', 'xlsx', '--program', `${dir}program.json`,
    '--roster', `${dir}roster.csv`, '--events', `${dir}events.jsonl`], { cwd: root, encoding: 'utf8' });
  assert.ok(bad.status >= 105 && bad.status <= 109, String(bad.status));
  const missing = spawnSync(`${root}build/native/kollega`, ['export', '--format', 'csv', '--program', `${dir}program.json`,
    '--roster', 'no/such/roster.csv', '--events', `${dir}events.jsonl`], { cwd: root, encoding: 'utf8' });
  assert.equal(missing.status, 2);
});
