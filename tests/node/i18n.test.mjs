// UI catalogs and program texts: complete, non-empty, consistent placeholders, real plurals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { catalogs, normalizeLanguage, resolveLanguage, Translator } from '../../plugin/src/i18n/index.js';

const languages = Object.keys(catalogs);
const en = catalogs.en;

const placeholders = (entry) => {
  const texts = typeof entry === 'string' ? [entry] : Object.values(entry);
  return [...new Set(texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort();
};

test('the plugin ships en, sv, nb and nl', () => {
  assert.deepEqual(languages.sort(), ['en', 'nb', 'nl', 'sv']);
});

for (const lang of languages) {
  test(`i18n: catalog ${lang} has exactly the keys of en`, () => {
    assert.deepEqual(Object.keys(catalogs[lang]).sort(), Object.keys(en).sort());
  });

  test(`i18n: catalog ${lang} has no empty strings`, () => {
    for (const [key, entry] of Object.entries(catalogs[lang])) {
      const texts = typeof entry === 'string' ? [entry] : Object.values(entry);
      assert.ok(texts.length > 0, `${lang}:${key} has no text`);
      for (const text of texts) {
        assert.equal(typeof text, 'string', `${lang}:${key}`);
        assert.ok(text.trim().length > 0, `${lang}:${key} is empty`);
      }
    }
  });

  test(`i18n: catalog ${lang} uses the same placeholders as en`, () => {
    for (const [key, entry] of Object.entries(catalogs[lang])) {
      assert.deepEqual(placeholders(entry), placeholders(en[key]), `${lang}:${key}`);
      if (typeof entry === 'object') {
        for (const [form, text] of Object.entries(entry)) {
          assert.deepEqual(placeholders(text), placeholders(en[key][form] ?? en[key].other), `${lang}:${key}.${form}`);
        }
      }
    }
  });

  test(`i18n: catalog ${lang} has every plural category Intl.PluralRules uses`, () => {
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    for (const [key, entry] of Object.entries(catalogs[lang])) {
      if (typeof entry !== 'object') continue;
      for (const category of categories) assert.ok(category in entry, `${lang}:${key} lacks the "${category}" form`);
    }
  });

  test(`i18n: catalog ${lang} is not a copy of English`, () => {
    if (lang === 'en') return;
    const same = Object.keys(en).filter((k) => typeof en[k] === 'string' && catalogs[lang][k] === en[k]);
    // A few strings may legitimately coincide ("Details: {message}"); most must not.
    assert.ok(same.length <= 2, `${lang} repeats English for: ${same.join(', ')}`);
  });
}

test('i18n: every error code of the contract has a message', () => {
  const codes = [
    'invalid_json', 'type_error', 'missing_field', 'unknown_field', 'duplicate_id', 'unknown_reference', 'cycle',
    'unsupported_schema_version', 'invalid_time', 'step_locked', 'unknown_step', 'already_done',
    'wasm_load_failed', 'program_load_failed', 'storage_failed',
  ];
  for (const code of codes) assert.ok(`error.${code}` in en, code);
  assert.equal(new Translator('sv').errorMessage('no_such_code'), catalogs.sv['error.unknown']);
});

test('i18n: progress text uses plural rules and fills numbers', () => {
  const en1 = new Translator('en');
  assert.equal(en1.plural('progress.text', 3, { done: 1, total: 3 }), '1 of 3 steps done');
  assert.equal(en1.plural('progress.text', 3, { done: 2, total: 3 }), '2 of 3 steps done');
  assert.equal(en1.plural('progress.text', 1, { done: 0, total: 1 }), '0 of 1 step done');
  assert.equal(new Translator('sv').plural('progress.text', 5, { done: 2, total: 5 }), '2 av 5 steg klara');
  assert.equal(new Translator('nl').plural('progress.text', 1, { done: 1, total: 1 }), '1 van 1 stap afgerond');
  assert.equal(new Translator('nb').plural('progress.text', 5, { done: 0, total: 5 }), '0 av 5 steg fullført');
});

test('i18n: dates and lists are formatted per language', () => {
  const at = '2026-11-22T10:15:00.000Z';
  assert.match(new Translator('en').date(at), /Nov 22, 2026/);
  assert.match(new Translator('sv').date(at), /22 nov\.? 2026/);
  assert.match(new Translator('nl').list(['A', 'B', 'C']), /^A, B en C$/);
  assert.match(new Translator('sv').list(['A', 'B']), /^A och B$/);
});

test('i18n: language tags map to a shipped language', () => {
  const cases = { sv: 'sv', 'sv-SE': 'sv', no: 'nb', nn: 'nb', 'nn-NO': 'nb', 'nb-NO': 'nb', nl: 'nl', 'nl-BE': 'nl', 'en-GB': 'en', de: 'en', '': 'en', undefined: 'en' };
  for (const [tag, expected] of Object.entries(cases)) {
    assert.equal(normalizeLanguage(tag === 'undefined' ? undefined : tag), expected, tag);
  }
});

test('i18n: language comes from the element, then the closest [lang], then the browser', () => {
  const element = (own, ancestor) => ({
    getAttribute: () => own,
    closest: () => (ancestor ? { getAttribute: () => ancestor } : null),
  });
  assert.equal(resolveLanguage(element('nl', 'sv')), 'nl');
  assert.equal(resolveLanguage(element(null, 'nn-NO')), 'nb');
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.defineProperty(globalThis, 'navigator', { value: { language: 'sv-FI' }, configurable: true });
  try {
    assert.equal(resolveLanguage(element(null, null)), 'sv');
  } finally {
    if (saved) Object.defineProperty(globalThis, 'navigator', saved);
  }
});

test('i18n: every text of the demo program exists in en, sv, nb and nl', async () => {
  const program = JSON.parse(await readFile(new URL('../../web/programs/leaders-learning-group.json', import.meta.url), 'utf8'));
  const texts = [
    ['/title', program.title],
    ['/description', program.description],
    ...program.path.steps.flatMap((step, i) => [
      [`/path/steps/${i}/title`, step.title],
      [`/path/steps/${i}/description`, step.description],
    ]),
  ];
  assert.equal(program.path.steps.length, 5);
  for (const [pointer, text] of texts) {
    assert.ok(text && typeof text === 'object', `${pointer} is missing`);
    assert.deepEqual(Object.keys(text).sort(), ['en', 'nb', 'nl', 'sv'], pointer);
    for (const [lang, value] of Object.entries(text)) assert.ok(value.trim().length > 0, `${pointer}/${lang} is empty`);
  }
});
