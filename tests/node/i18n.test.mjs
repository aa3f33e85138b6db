// UI catalogs and program texts: complete, non-empty, consistent placeholders, real plurals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { catalogs, normalizeLanguage, resolveLanguage, Translator } from '../../plugin/src/i18n/index.js';
import { editorCatalogs } from '../../plugin/src/kollega-program-editor/i18n/index.js';
import { coachCatalogs } from '../../plugin/src/kollega-coach/i18n/index.js';
import { hostCatalogs } from '../../plugin/src/hosts/i18n/index.js';
import { cmi5Texts } from '../../plugin/src/hosts/cmi5-texts.js';
import { activityCatalogs } from '../../plugin/src/kollega-activity/i18n/index.js';
import { groupsCatalogs } from '../../plugin/src/kollega-groups/i18n/index.js';
import { balanceText, programFacts, turnsText } from '../../plugin/src/kollega-app/activity-view.js';
import { loadCore } from '../../plugin/src/core/core-loader.js';

const languages = Object.keys(catalogs);
const root = new URL('../../', import.meta.url);

/** Catalog sets, each held to the same rules: the learner UI, the admin editor, the coach dashboard, the LMS hosts, the session views, the group formation view. */
const SETS = { ui: catalogs, editor: editorCatalogs, coach: coachCatalogs, hosts: hostCatalogs, cmi5: cmi5Texts, activity: activityCatalogs, groups: groupsCatalogs };
/** Keys whose text may rightly be the same as in English (loanwords, abbreviations, placeholders only). */
const SAME_AS_ENGLISH_OK = new Set(['minutes.short', 'role.coach', 'session.agenda', 'load.label', 'status.counts', 'chart.item', 'exports.downloads', 'type.feedback.given', 'people.other', 'fair.person', 'received.from']);

const placeholders = (entry) => {
  const texts = typeof entry === 'string' ? [entry] : Object.values(entry);
  return [...new Set(texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort();
};

test('the plugin ships en, sv, nb and nl', () => {
  assert.deepEqual(languages.sort(), ['en', 'nb', 'nl', 'sv']);
});

for (const [setName, set] of Object.entries(SETS)) {
  const en = set.en;
  test(`i18n: the ${setName} catalogs are en, sv, nb and nl`, () => {
    assert.deepEqual(Object.keys(set).sort(), ['en', 'nb', 'nl', 'sv']);
  });

  for (const lang of languages) {
    const catalog = set[lang];
    test(`i18n: ${setName} catalog ${lang} has exactly the keys of en`, () => {
      assert.deepEqual(Object.keys(catalog).sort(), Object.keys(en).sort());
    });

    test(`i18n: ${setName} catalog ${lang} has no empty strings`, () => {
      for (const [key, entry] of Object.entries(catalog)) {
        const texts = typeof entry === 'string' ? [entry] : Object.values(entry);
        assert.ok(texts.length > 0, `${lang}:${key} has no text`);
        for (const text of texts) {
          assert.equal(typeof text, 'string', `${lang}:${key}`);
          assert.ok(text.trim().length > 0, `${lang}:${key} is empty`);
        }
      }
    });

    test(`i18n: ${setName} catalog ${lang} uses the same placeholders as en`, () => {
      for (const [key, entry] of Object.entries(catalog)) {
        assert.deepEqual(placeholders(entry), placeholders(en[key]), `${lang}:${key}`);
        if (typeof entry === 'object') {
          for (const [form, text] of Object.entries(entry)) {
            assert.deepEqual(placeholders(text), placeholders(en[key][form] ?? en[key].other), `${lang}:${key}.${form}`);
          }
        }
      }
    });

    test(`i18n: ${setName} catalog ${lang} has every plural category Intl.PluralRules uses`, () => {
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const [key, entry] of Object.entries(catalog)) {
        if (typeof entry !== 'object') continue;
        for (const category of categories) assert.ok(category in entry, `${lang}:${key} lacks the "${category}" form`);
      }
    });

    test(`i18n: ${setName} catalog ${lang} is not a copy of English`, () => {
      if (lang === 'en') return;
      const same = Object.keys(en).filter((k) => typeof en[k] === 'string' && catalog[k] === en[k] && !SAME_AS_ENGLISH_OK.has(k));
      // A few strings may legitimately coincide ("Details: {message}"); most must not.
      assert.ok(same.length <= 2, `${lang} repeats English for: ${same.join(', ')}`);
    });
  }
}

test('i18n: every error code of the contract has a message', () => {
  const codes = [
    'invalid_json', 'too_deep', 'too_large', 'type_error', 'missing_field', 'unknown_field', 'invalid_value',
    'duplicate_id', 'unknown_reference', 'wrong_kind', 'cycle', 'time_overflow', 'turn_too_short',
    'unsupported_schema_version', 'invalid_time', 'step_locked', 'unknown_step', 'already_done',
    'wasm_load_failed', 'program_load_failed', 'storage_failed', 'core_protocol', 'host_failed',
  ];
  for (const code of codes) assert.ok(`error.${code}` in catalogs.en, code);
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

test('i18n: every text of every built-in program exists in en, sv, nb and nl', async () => {
  const core = await loadCore({ wasmBinary: await readFile(new URL('build/wasm/kollega-core.wasm', root)) });
  const dir = new URL('programs/', root);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 6, files.join());
  for (const file of files) {
    const text = await readFile(new URL(file, dir), 'utf8');
    const program = JSON.parse(text);
    // The core warns (missing_translation) about any text that lacks a language of `languages`.
    assert.deepEqual([...(program.languages ?? ['en', 'sv', 'nb', 'nl'])].sort(), ['en', 'nb', 'nl', 'sv'], file);
    assert.deepEqual(core.validateProgram(text).problems, [], file);
  }
});

test('i18n: session turns, the feedback balance and the program facts in words', () => {
  const turns = [{ groupSize: 3, minutes: 15 }, { groupSize: 4, minutes: 11 }];
  const expected = {
    en: '15 minutes each with 3 people, 11 with 4',
    sv: '15 minuter var med 3 personer, 11 med 4',
    nb: '15 minutter hver med 3 personer, 11 med 4',
    nl: '15 minuten per persoon met 3 personen, 11 met 4',
  };
  for (const [lang, text] of Object.entries(expected)) assert.equal(turnsText(new Translator(lang), turns), text, lang);
  const en = new Translator('en');
  assert.equal(turnsText(en, [{ groupSize: 2, minutes: 1 }]), '1 minute each with 2 people');
  assert.equal(balanceText(en, { minWorked: 1, maxImprove: 1 }), 'Name at least 1 thing that worked and at most 1 thing to improve.');
  assert.equal(balanceText(en, { minWorked: 0, maxImprove: 2 }), 'Name at most 2 things to improve.');
  assert.equal(balanceText(new Translator('sv'), { minWorked: 2, maxImprove: 1 }), 'Ta upp minst 2 saker som fungerade och högst 1 sak att utveckla.');
  const program = { cadence: 'every-2-weeks', group: { size: { min: 3, max: 4 }, pairing: 'group', regroupAfterSessions: 6 } };
  assert.deepEqual(programFacts(en, program), ['Meets every 2 weeks', 'Groups of 3–4 people', 'New groups after every 6 sessions']);
  assert.deepEqual(programFacts(new Translator('sv'), program), ['Träffas varannan vecka', 'Grupper om 3–4 personer', 'Nya grupper efter var 6:e träff']);
  assert.deepEqual(programFacts(en, { cadence: 'weekly', group: { size: { min: 2, max: 2 }, pairing: 'mentor' } }), [
    'Meets every week',
    'In pairs: an experienced colleague, not your manager, supports a first-time leader',
  ]);
});

test('i18n: sessions to attend and opening dates use plural rules and the locale', () => {
  const sv = new Translator('sv');
  assert.equal(sv.plural('step.afterSessions', 2, { attended: sv.plural('step.attended', 1) }), 'Öppnas efter 2 träffar – du har varit med på 1 hittills');
  const en = new Translator('en');
  assert.equal(en.plural('step.afterSessions', 1, { attended: en.plural('step.attended', 0) }), 'Opens after 1 session — 0 attended so far');
  assert.equal(en.plural('step.afterSessions', 2, { attended: en.plural('step.attended', 1) }), 'Opens after 2 sessions — 1 attended so far');
  // Local midnight shows the date only; any other time shows the time too.
  const midnight = new Date(2026, 11, 1, 0, 0);
  assert.equal(en.moment(midnight), 'Dec 1, 2026');
  assert.match(en.moment(new Date(2026, 11, 1, 9, 30)), /^Dec 1, 2026.+9:30/);
  assert.match(new Translator('nl').moment(midnight), /^1 dec\.? 2026$/);
});

test('i18n: the coach dashboard names every rejection reason and event type of docs/events.md', async () => {
  const doc = await readFile(new URL('docs/events.md', root), 'utf8');
  const table = (heading) => doc.split(heading)[1].split('\n\n')[0];
  const reasons = [...table('| reason | when |').matchAll(/^\| ([^|]+) \|/gm)].flatMap((m) => [...m[1].matchAll(/`([a-z_]+)`/g)].map((r) => r[1]));
  const types = [...table('| type | payload |').matchAll(/^\| `([a-z.-]+)`/gm)].map((m) => m[1]);
  assert.ok(reasons.length >= 14 && types.length === 12, `${reasons} / ${types}`);
  for (const reason of reasons) assert.ok(`reason.${reason}` in coachCatalogs.en, reason);
  for (const type of types) assert.ok(`type.${type}` in coachCatalogs.en, type);
});

test('i18n: the learner grade in words, with the number in the locale', () => {
  const grade = (lang, passed, score) => {
    const t = new Translator(lang);
    return t.t(passed ? 'grade.passed' : 'grade.pending', { score: t.number(score), max: t.number(100) });
  };
  assert.equal(grade('en', true, 85.71), 'Your score: 85.71 of 100 — passed');
  assert.equal(grade('en', false, 0), 'Your score: 0 of 100 — not passed yet');
  assert.equal(grade('sv', true, 85.71), 'Ditt resultat: 85,71 av 100 – godkänt');
  assert.equal(grade('nb', false, 57.14), 'Poengsummen din: 57,14 av 100 – ikke bestått ennå');
  assert.equal(grade('nl', true, 100), 'Je score: 100 van 100 – geslaagd');
});
