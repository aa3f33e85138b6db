// The native `kollega` CLI as an admin runs it (docs/cli.md): exit codes, reports, languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { root } from './wasm-module.mjs';

const kollega = (...args) => spawnSync(`${root}build/native/kollega`, args, { cwd: root, encoding: 'utf8' });
const fixtures = 'tests/fixtures/programs';

test('cli: validate exits 0 on a valid program and says what it holds', () => {
  const r = kollega('validate', 'programs/leaders-learning-group.json');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /valid \(6 steps, \d+ activities, 0 warnings\)/);
});

test('cli: validate lists every problem with pointer and code, and exits 1', () => {
  const r = kollega('validate', `${fixtures}/invalid/bad-texts.json`);
  assert.equal(r.status, 1);
  const lines = r.stderr.trim().split('\n');
  assert.match(lines.at(-1), /^6 errors, \d+ warnings?$/);
  assert.ok(lines.some((l) => l.includes('/path/steps/1/prerequisites/0: error: type_error:')), r.stderr);
});

test('cli: validate --json prints the same envelope as the wasm core', () => {
  const r = kollega('validate', '--json', `${fixtures}/invalid/cycle.json`);
  assert.equal(r.status, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out.ok, true);
  assert.equal(out.value.valid, false);
  assert.deepEqual(out.value.problems.filter((p) => p.severity === 'error').map((p) => p.code), ['cycle']);
});

test('cli: validate reads standard input with "-" and fails cleanly on a missing file', () => {
  const ok = spawnSync(`${root}build/native/kollega`, ['validate', '-'], {
    input: readFileSync(`${root}programs/peer-support.json`), encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  const missing = kollega('validate', 'no/such/file.json');
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read no\/such\/file\.json/);
});

test('cli: programs lists the six built-ins', () => {
  const r = kollega('programs');
  assert.equal(r.status, 0);
  const ids = r.stdout.split('\n').filter((l) => l && !l.startsWith(' '));
  assert.deepEqual(ids, ['cross-training', 'first-time-leader', 'leaders-learning-group', 'observation-visit',
    'peer-support', 'presentation-practice']);
});

test('cli: show prints a built-in in the asked language, labels included', () => {
  const sv = kollega('show', 'leaders-learning-group', '--lang', 'sv');
  assert.equal(sv.status, 0, sv.stderr);
  assert.match(sv.stdout, /^Lärgrupp för ledare\n/);
  assert.match(sv.stdout, /\nSpelregler\n/);
  assert.match(sv.stdout, /15 min var med 3\)/);
  const nl = kollega('show', 'observation-visit', '--lang', 'nl');
  assert.match(nl.stdout, /\nSpelregels\n/);
  assert.match(nl.stdout, /observatie en feedback: /);
  const unknown = kollega('show', 'no-such-program');
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /no built-in program "no-such-program"/);
});

test('cli: path folds an event log at a given time', () => {
  const r = kollega('path', '--program', 'tests/fixtures/paths/cases/unlocks.json', '--events',
    'tests/fixtures/paths/cases/unlocks-events.jsonl', '--learner', 'eva', '--lang', 'en', '--now', '2026-12-01T00:00:00Z');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /eva: 1\/4 steps done \(25 %\)/);
  assert.match(r.stdout, /\[-\] Dated  \(not before 2026-12-31T23:00:00\.000Z\)/);
  assert.match(r.stdout, /\[ \] After one  ← next/);
  assert.match(r.stderr, /ignored event aaaaaaaa-0000-4000-8000-000000000005: unknown_activity/);
});
