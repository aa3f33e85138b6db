// The published JSON Schema (docs/program.schema.json) against the core. Editors check programs
// with the schema; the core checks more (docs/program-format.md, "What only the core checks").
// So for every fixture, built-in program and demo program:
// - a program whose only mistakes are ones a schema cannot express (SEMANTIC_ONLY) must be
//   schema-valid and core-invalid;
// - every other file must get the same verdict from the schema (ajv, draft 2020-12, strict) and
//   from the core (the shipped wasm module), and for an invalid one every pointer the core
//   reports must lie at or under a pointer ajv reports.
// Tests named "schema: …" need only the schema; "schema vs core: …" need build/wasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { loadRawModule, root } from './wasm-module.mjs';

const INVALID = `${root}tests/fixtures/programs/invalid/`;
const VALID = `${root}tests/fixtures/programs/valid/`;
const schema = JSON.parse(readFileSync(`${root}docs/program.schema.json`, 'utf8'));
const expected = JSON.parse(readFileSync(`${INVALID}expected.json`, 'utf8'));

// ---- what only the core checks ----------------------------------------------------------------

/** Codes that only the core can report (references, ids, cycles, time boxes). */
const SEMANTIC_CODES = new Set(['duplicate_id', 'unknown_reference', 'wrong_kind', 'cycle', 'time_overflow', 'turn_too_short']);

/**
 * The invalid_value problems of expected.json that a schema cannot see, by file: scale labels
 * that do not match the scale, a scale with min ≥ max or more than 10 points, group size
 * min > max, mentor / skill-exchange pairing without size {2,2}, a defaultLanguage outside
 * languages. Every other invalid_value (bad enum, out-of-range number, empty array or string,
 * bad language tag) is the schema's to catch.
 */
const SEMANTIC_INVALID_VALUES = {
  'scale-labels-count.json': ['/activities/0/rubric/0/scale/labels'],
  'scale-min-above-max.json': ['/activities/0/rubric/0/scale'],
  'scale-min-equals-max.json': ['/activities/0/rubric/0/scale'],
  'scale-too-many-points.json': ['/activities/0/rubric/0/scale'],
  'group-size-min-above-max.json': ['/group/size'],
  'mentor-pairing-size-3.json': ['/group/pairing'],
  'skill-exchange-default-size.json': ['/group/pairing'],
  'default-language-not-in-languages.json': ['/defaultLanguage'],
  'default-language-not-in-default-languages.json': ['/defaultLanguage'],
};
/** Where such a semantic invalid_value can point at all. */
const SEMANTIC_INVALID_VALUE_POINTERS = [
  /^\/activities\/\d+\/rubric\/\d+\/scale(\/labels)?$/, /^\/group\/size$/, /^\/group\/pairing$/, /^\/defaultLanguage$/,
];

/** The fixtures whose every expected error is semantic: schema-valid, core-invalid. */
const SEMANTIC_ONLY = [
  'cycle-five-steps.json',
  'cycle-self.json',
  'cycle-two-steps.json',
  'cycle.json',
  'cycles-two-separate.json',
  'dangling-prerequisite.json',
  'default-language-not-in-default-languages.json',
  'default-language-not-in-languages.json',
  'duplicate-activity-id.json',
  'duplicate-phase-id.json',
  'duplicate-role-id.json',
  'duplicate-rubric-item-id.json',
  'duplicate-stage-id.json',
  'duplicate-step.json',
  'grading-unknown-step.json',
  'group-size-min-above-max.json',
  'mentor-pairing-size-3.json',
  'role-play-checklist-unknown.json',
  'role-play-checklist-wrong-kind.json',
  'role-play-cue-unknown-stage.json',
  'scale-labels-count.json',
  'scale-min-above-max.json',
  'scale-min-equals-max.json',
  'scale-too-many-points.json',
  'session-time-overflow.json',
  'session-turn-too-short-large-group.json',
  'session-turn-too-short.json',
  'skill-exchange-default-size.json',
  'step-unknown-activity.json',
];

/** Demo programs (web/programs) that are broken on purpose, with a mistake only the core sees. */
const SEMANTIC_ONLY_DEMOS = ['broken.json'];

const isSemantic = (file, { code, path }) =>
  SEMANTIC_CODES.has(code) || (code === 'invalid_value' && (SEMANTIC_INVALID_VALUES[file] ?? []).includes(path));

/** Fixtures whose bytes are not JSON at all. */
const NOT_JSON = ['truncated.json', 'garbage-bytes.json'];
/** Bytes a JS string cannot hold; the native suite feeds them to the core (fixtures.test.mjs). */
const NOT_UTF8 = 'invalid-utf8.json';

// ---- the validator -----------------------------------------------------------------------------

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

const escapeToken = (t) => String(t).replace(/~/g, '~0').replace(/\//g, '~1');

/** The schema's verdict and the pointers its errors are about. */
function judge(doc) {
  const valid = validate(doc);
  const errors = validate.errors ?? [];
  const pointers = errors.map((e) => {
    if (e.keyword === 'additionalProperties') return `${e.instancePath}/${escapeToken(e.params.additionalProperty)}`;
    if (e.params?.propertyName !== undefined) return `${e.instancePath}/${escapeToken(e.params.propertyName)}`;
    return e.instancePath;
  });
  return { valid, errors, pointers };
}

const under = (pointer, pointers) => pointers.some((p) => pointer === p || pointer.startsWith(`${p}/`));
const show = (errors) => errors.map((e) => `${e.instancePath || '""'} ${e.message} ${JSON.stringify(e.params)}`).join('\n');

const readText = (path) => new TextDecoder('utf-8', { fatal: false }).decode(readFileSync(path));
const listJson = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : []);

async function coreVerdict(text) {
  const core = await loadRawModule();
  const result = JSON.parse(core.validateProgram(text));
  assert.equal(result.ok, true, 'validateProgram returns an ok envelope');
  return { valid: result.value.valid, errors: result.value.problems.filter((p) => p.severity === 'error') };
}

// ---- the schema itself -------------------------------------------------------------------------

test('schema: compiles as draft 2020-12 in strict mode and documents its main definitions', () => {
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  for (const key of ['$id', 'title', 'description']) assert.equal(typeof schema[key], 'string', key);
  for (const [name, def] of Object.entries(schema.$defs)) assert.equal(typeof def.title, 'string', `$defs/${name} has a title`);
  for (const name of ['text', 'group', 'groundRules', 'activity', 'goalActivity', 'reflectionActivity', 'observationActivity',
    'rolePlayActivity', 'sessionActivity', 'rubricItem', 'stage', 'role', 'cue', 'phase', 'path', 'step', 'grading'])
    assert.equal(typeof schema.$defs[name].description, 'string', `$defs/${name} has a description`);
  assert.equal(typeof validate, 'function');
});

test('schema: every object of the schema refuses unknown members', () => {
  const walk = (node, where) => {
    if (!node || typeof node !== 'object') return;
    if (node.type === 'object' && where !== '/$defs/activity' && where !== '/$defs/text')
      assert.equal(node.additionalProperties, false, `${where} has additionalProperties: false`);
    for (const [k, v] of Object.entries(node)) walk(v, `${where}/${k}`);
  };
  walk(schema, '');
  // The activity is closed per kind (each kind's definition lists id, kind and title too).
  for (const kind of ['goal', 'reflection', 'observation', 'rolePlay', 'session'])
    for (const common of ['id', 'kind', 'title']) assert.ok(common in schema.$defs[`${kind}Activity`].properties, `${kind} lists ${common}`);
});

test('schema: the list of semantic-only fixtures is exactly what expected.json implies', () => {
  for (const [file, paths] of Object.entries(SEMANTIC_INVALID_VALUES)) {
    assert.ok(expected[file], `${file} is in expected.json`);
    for (const path of paths) {
      assert.ok(SEMANTIC_INVALID_VALUE_POINTERS.some((re) => re.test(path)), `${file}: ${path} is a place only the core can judge`);
      assert.ok(expected[file].some((p) => p.code === 'invalid_value' && p.path === path), `${file}: invalid_value at ${path} is expected`);
    }
  }
  const derived = Object.entries(expected)
    .filter(([file, problems]) => problems.length > 0 && problems.every((p) => isSemantic(file, p)))
    .map(([file]) => file)
    .sort();
  assert.deepEqual([...SEMANTIC_ONLY].sort(), derived);
});

test('schema: the files that are not JSON do not parse', () => {
  for (const file of NOT_JSON) assert.throws(() => JSON.parse(readText(INVALID + file)), SyntaxError, file);
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(INVALID + NOT_UTF8)), NOT_UTF8);
});

// ---- fixtures ----------------------------------------------------------------------------------

const validFixtures = listJson(VALID).filter((f) => f !== 'index.json');

test('schema: the valid fixtures are all there', () => {
  assert.ok(validFixtures.length >= 6, `${validFixtures.length} valid fixtures`);
  const index = existsSync(`${VALID}index.json`) ? JSON.parse(readFileSync(`${VALID}index.json`, 'utf8')) : [];
  for (const file of index) assert.ok(validFixtures.includes(file), `index.json names ${file}, which exists`);
});

for (const file of validFixtures) {
  test(`schema: valid fixture ${file} is schema-valid`, () => {
    const { valid, errors } = judge(JSON.parse(readText(VALID + file)));
    assert.ok(valid, show(errors));
  });
  test(`schema vs core: valid fixture ${file} is core-valid too`, async () => {
    const core = await coreVerdict(readText(VALID + file));
    assert.equal(core.valid, true, JSON.stringify(core.errors));
  });
}

for (const [file, problems] of Object.entries(expected)) {
  if (file === NOT_UTF8) continue;
  const text = () => readText(INVALID + file);
  const parsed = () => { try { return { doc: JSON.parse(text()) }; } catch { return null; } };

  if (SEMANTIC_ONLY.includes(file)) {
    test(`schema: semantic-only fixture ${file} is schema-valid (only the core sees its mistake)`, () => {
      const { valid, errors } = judge(JSON.parse(text()));
      assert.ok(valid, show(errors));
    });
    test(`schema vs core: semantic-only fixture ${file} is schema-valid but core-invalid`, async () => {
      assert.ok(judge(JSON.parse(text())).valid);
      const core = await coreVerdict(text());
      assert.equal(core.valid, false, `the core accepts ${file}`);
    });
    continue;
  }

  test(`schema: structural fixture ${file} is schema-invalid, at every expected pointer`, () => {
    const p = parsed();
    if (!p) return assert.ok(NOT_JSON.includes(file), `${file} does not parse`);
    const { valid, errors, pointers } = judge(p.doc);
    assert.equal(valid, false, `the schema accepts ${file}`);
    for (const problem of problems)
      if (!isSemantic(file, problem))
        assert.ok(under(problem.path, pointers), `${problem.code} at "${problem.path}" is not at or under an ajv error:\n${show(errors)}`);
  });
  test(`schema vs core: structural fixture ${file} is invalid for both, core pointers at or under ajv's`, async () => {
    const core = await coreVerdict(text());
    assert.equal(core.valid, false, `the core accepts ${file}`);
    const p = parsed();
    if (!p) return;
    const { valid, errors, pointers } = judge(p.doc);
    assert.equal(valid, false);
    for (const problem of core.errors)
      if (!isSemantic(file, problem))
        assert.ok(under(problem.path, pointers), `core ${problem.code} at "${problem.path}" is not at or under an ajv error:\n${show(errors)}`);
  });
}

// ---- built-in and demo programs ----------------------------------------------------------------

const builtins = listJson(`${root}programs/`);
test('schema: there are at least six built-in programs', () => {
  assert.ok(builtins.length >= 6, `${builtins.length} built-in programs in programs/`);
});

const programSets = [
  ['built-in program', `${root}programs/`, builtins, []],
  ['demo program', `${root}web/programs/`, listJson(`${root}web/programs/`), SEMANTIC_ONLY_DEMOS],
];
for (const [kind, dir, files, semanticOnly] of programSets) {
  for (const file of files) {
    if (semanticOnly.includes(file)) {
      test(`schema vs core: semantic-only ${kind} ${file} is schema-valid but core-invalid`, async () => {
        const { valid, errors } = judge(JSON.parse(readText(dir + file)));
        assert.ok(valid, show(errors));
        assert.equal((await coreVerdict(readText(dir + file))).valid, false);
      });
      continue;
    }
    test(`schema vs core: ${kind} ${file} gets the same verdict from both`, async () => {
      const { valid, errors } = judge(JSON.parse(readText(dir + file)));
      const core = await coreVerdict(readText(dir + file));
      assert.equal(valid, core.valid, `schema ${valid ? 'accepts' : 'rejects'}, core ${core.valid ? 'accepts' : 'rejects'}:\n${show(errors)}\n${JSON.stringify(core.errors)}`);
    });
  }
}
