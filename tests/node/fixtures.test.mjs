// The shared fixtures of tests/fixtures through the shipped wasm module: the same files and
// the same expectations as the native Catch2 case "Fixtures: …" (tests/core/fixtures_test.cpp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadRawModule, root } from './wasm-module.mjs';

const fixtures = `${root}tests/fixtures/`;
const read = (p) => readFileSync(fixtures + p);

test('wasm: every invalid program yields exactly the expected codes and pointers', async () => {
  const core = await loadRawModule();
  const expected = JSON.parse(read('programs/invalid/expected.json'));
  assert.ok(Object.keys(expected).length >= 13);
  let checked = 0;
  for (const [file, problems] of Object.entries(expected)) {
    // A JS string cannot hold invalid UTF-8: the plugin refuses such bytes before the core
    // (TextDecoder with fatal: true), and the native suite feeds this file's bytes to the core.
    if (file === 'invalid-utf8.json') {
      assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(read(`programs/invalid/${file}`)));
      continue;
    }
    const text = new TextDecoder('utf-8', { fatal: false }).decode(read(`programs/invalid/${file}`));
    const result = JSON.parse(core.validateProgram(text));
    assert.equal(result.ok, true, file);
    assert.equal(result.value.valid, false, file);
    // Errors only (warnings are tested on their own), in any order.
    const key = ({ code, path }) => `${path} ${code}`;
    const got = result.value.problems.filter((p) => p.severity === 'error').map(key).sort();
    assert.deepEqual(got, problems.map(key).sort(), file);
    checked += 1;
  }
  assert.equal(checked, Object.keys(expected).length - 1);
});

test('wasm: path views equal the expected documents', async () => {
  const core = await loadRawModule();
  const dir = 'paths/cases/';
  for (const c of JSON.parse(read(`${dir}cases.json`))) {
    const result = JSON.parse(core.pathView(String(read(dir + c.program)), String(read(dir + c.events)), c.actor, c.lang, c.now));
    assert.equal(result.ok, true, c.name);
    assert.deepEqual(result.value, JSON.parse(read(dir + c.expected)), c.name);
  }
});

test('wasm: an exception inside the core comes back as an error envelope, never a throw', async () => {
  const core = await loadRawModule();
  for (const input of ['', '{', '['.repeat(1 << 16), '\uFFFF\uD800', 'null']) {
    const r = JSON.parse(core.pathView(input, input, input, input, input));
    assert.equal(r.ok, false);
    assert.equal(typeof r.error.code, 'string');
    assert.equal(typeof r.error.path, 'string');
  }
});
