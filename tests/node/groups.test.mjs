// The group formation module (build/wasm/kollega-groups.*) as the admin view's Web Worker uses it,
// and the native CLI: both must give the same JSON on the same fixtures (docs/groups.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { root, loadGroupsModule } from './wasm-module.mjs';

const dir = 'tests/fixtures/groups';
const fixture = (name) => readFileSync(`${root}${dir}/${name}`, 'utf8');
const kollega = (...args) => spawnSync(`${root}build/native/kollega`, args, { cwd: root, encoding: 'utf8' });

/** Runs a GroupsJob to its options' budget in slices, as the worker does; returns the result text. */
function runJob(mod, roster, options, lang, slice = 5000) {
  const job = new mod.GroupsJob(roster, options);
  try {
    const started = JSON.parse(job.start());
    if (!started.ok) return JSON.stringify(started);
    const budget = JSON.parse(options).iterations ?? 20000;
    for (let done = 0; done < budget;) {
      const n = Math.min(slice, budget - done);
      const progress = JSON.parse(job.step(n));
      assert.equal(progress.ok, true);
      assert.equal(typeof progress.value.done, 'boolean');
      assert.ok(progress.value.iterations <= done + n);
      done += n;
      if (progress.value.done) break;
    }
    return job.result(lang);
  } finally {
    job.delete();
  }
}

test('groups wasm: version and parseRoster (CSV errors per line)', async () => {
  const mod = await loadGroupsModule();
  assert.equal(JSON.parse(mod.version()).ok, true);
  const ok = JSON.parse(mod.parseRoster(fixture('small.csv')));
  assert.equal(ok.ok, true);
  assert.equal(ok.value.learners.length, 12);
  const bad = JSON.parse(mod.parseRoster('id,name,email\na1,Ann,not-an-email\n'));
  assert.equal(bad.ok, false);
  assert.equal(bad.error.path, '/lines/2/email');
});

for (const [options, lang] of [['small-options.json', 'en'], ['mentor-options.json', 'sv'], ['exchange-options.json', 'nl'],
  ['locked-line-options.json', 'en'], ['infeasible-options.json', 'nb']]) {
  test(`groups: native CLI --json and wasm GroupsJob agree on ${options}`, async () => {
    const mod = await loadGroupsModule();
    const cli = kollega('groups', '--roster', `${dir}/small.csv`, '--options', `${dir}/${options}`, '--lang', lang, '--json');
    const wasm = runJob(mod, fixture('small.csv'), fixture(options), lang, 1e9);
    const env = JSON.parse(wasm);
    // The CLI prints the result itself (the envelope's value), or the error envelope.
    const prefix = '{"ok":true,"value":';
    assert.equal(cli.stdout.trim(), env.ok ? wasm.slice(prefix.length, -1) : wasm);
    assert.equal(cli.status, env.ok ? 0 : 1);
    if (env.ok) assert.deepEqual(Object.keys(JSON.parse(cli.stdout)).sort(), ['mode', 'report', 'rounds', 'violations']);
  });
}

test('groups wasm: stepping in slices gives the same schedule as one run', async () => {
  const mod = await loadGroupsModule();
  const options = fixture('small-options.json');
  assert.equal(runJob(mod, fixture('small.csv'), options, 'en', 777), runJob(mod, fixture('small.csv'), options, 'en', 1e9));
});

test('groups wasm: the result honours reporting lines, pins and history, with explanations', async () => {
  const mod = await loadGroupsModule();
  const env = JSON.parse(runJob(mod, fixture('small.csv'), fixture('small-options.json'), 'en'));
  assert.equal(env.ok, true, JSON.stringify(env.error));
  const { rounds, report } = env.value;
  assert.equal(rounds.length, 3);
  assert.equal(report.hardConstraintsMet, true);
  assert.ok(rounds[1].groups.some((g) => g.join() === 'g01,g08,g11'));
  for (const round of rounds) {
    assert.equal(round.explanations.length, round.groups.length);
    assert.deepEqual(round.groups.flat().sort(), Array.from({ length: 12 }, (_, i) => `g${String(i + 1).padStart(2, '0')}`));
    for (const [i, g] of round.groups.entries()) {
      assert.ok(!(g.includes('g01') && g.includes('g02')), 'manager');
      assert.ok(!(g.includes('g02') && g.includes('g10')), "manager's manager");
      assert.ok(!(g.includes('g09') && g.includes('g12')), 'do-not-pair');
      assert.match(round.explanations[i].text, /pairs? new/);
    }
  }
});

test('groups wasm: bad options give JSON Pointers, a job not started says so', async () => {
  const mod = await loadGroupsModule();
  const job = new mod.GroupsJob(fixture('small.csv'), '{"rounds": 0, "keepApart": [["g01", 3]]}');
  const started = JSON.parse(job.start());
  assert.equal(started.ok, false);
  assert.deepEqual(started.error.problems.map((p) => p.path).sort(), ['/options/keepApart/0/1', '/options/rounds']);
  assert.equal(JSON.parse(job.step(10)).error.code, 'not_started');
  job.delete();
});

test('groups wasm: the glue has no eval or new Function (CSP without unsafe-eval)', () => {
  const text = readFileSync(`${root}build/wasm/kollega-groups.mjs`, 'utf8');
  assert.doesNotMatch(text, /\beval\s*\(/);
  assert.doesNotMatch(text, /new\s+Function\s*\(/);
});

test('groups wasm: 200 learners with reporting lines over 12 rounds: every hard constraint, no repeat, every group mixed', async () => {
  const mod = await loadGroupsModule();
  const roster = readFileSync(`${root}tests/fixtures/rosters/roster-200.csv`, 'utf8');
  const env = JSON.parse(runJob(mod, roster, JSON.stringify({ rounds: 12, seed: 3, iterations: 3000 }), 'en', 1000));
  assert.equal(env.ok, true, JSON.stringify(env.error));
  const { report, rounds } = env.value;
  assert.equal(report.hardConstraintsMet, true);
  assert.equal(report.repeats, 0);
  assert.equal(report.mixedGroups, report.groups);
  const parsed = JSON.parse(mod.parseRoster(roster)).value.learners;
  const manager = new Map(parsed.map((l) => [l.id, l.managerId]));
  for (const round of rounds) {
    assert.equal(round.groups.flat().length, 200);
    for (const g of round.groups) {
      assert.ok(g.length >= 3 && g.length <= 4);
      for (const a of g) {
        const boss = manager.get(a);
        assert.ok(!g.includes(boss) && !g.includes(manager.get(boss)), `${a} with their line in ${g}`);
      }
    }
  }
});

test('cli: groups prints each group with its explanation and the reports; infeasible input exits 1 with why', () => {
  const r = kollega('groups', '--roster', `${dir}/small.csv`, '--size', '3-4', '--rounds', '2', '--seed', '7', '--lang', 'sv');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^# 1\n {2}1\. g\d\d, g\d\d, g\d\d/);
  assert.match(r.stdout, /ingen delad rapporteringslinje/);
  assert.match(r.stdout, /alla ovillkorliga regler uppfyllda\n$/);
  const bad = kollega('groups', '--roster', `${dir}/small.csv`, '--size', '5-5');
  assert.equal(bad.status, 1);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /\/size: error: infeasible: size 5 cannot split 12 learners/);
  const history = kollega('groups', '--roster', `${dir}/small.csv`, '--history', `${dir}/small-options.json`);
  assert.equal(history.status, 1);
  assert.match(history.stderr, /type_error/);
});

test('groups wasm: an admin swap is re-explained by the job, with what it breaks', async () => {
  const mod = await loadGroupsModule();
  const job = new mod.GroupsJob(fixture('small.csv'), JSON.stringify({ rounds: 1, seed: 2, iterations: 2000 }));
  try {
    assert.equal(JSON.parse(job.start()).ok, true);
    job.step(2000);
    const result = JSON.parse(job.result('en')).value;
    assert.deepEqual(result.violations, []);
    // Swap the first members of the first two groups, then put g02 with its manager g01.
    const groups = result.rounds[0].groups.map((g) => [...g]);
    [groups[0][0], groups[1][0]] = [groups[1][0], groups[0][0]];
    const swapped = JSON.parse(job.explain(JSON.stringify([groups]), 'en'));
    assert.equal(swapped.ok, true);
    assert.equal(swapped.value.rounds[0].groups.flat().length, 12);
    const withBoss = groups.map((g) => g.filter((id) => id !== 'g02'));
    withBoss[withBoss.findIndex((g) => g.includes('g01'))].push('g02');
    const bad = JSON.parse(job.explain(JSON.stringify({ rounds: [{ groups: withBoss }] }), 'nb')).value;
    assert.equal(bad.report.hardConstraintsMet, false);
    assert.ok(bad.violations.some((v) => v.message.includes('"g01" and "g02"') || v.message.includes('"g02" and "g01"')));
    assert.ok(bad.rounds[0].explanations.some((e) => /g01 og g02 kan ikke være i samme gruppe|g02 og g01 kan ikke være i samme gruppe/.test(e.text)));
  } finally {
    job.delete();
  }
});
