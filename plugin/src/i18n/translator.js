/**
 * The Translator and language resolution, without any catalog: each bundle brings its own
 * catalog set (the learner UI's in ./index.js, the editor's and the coach dashboard's in their
 * folders), so the coach bundle does not carry the learner's strings.
 */

/** Languages the plugin ships; anything else falls back to English. */
export const supportedLanguages = Object.freeze(['en', 'sv', 'nb', 'nl']);

/** Maps a BCP 47 tag (`sv-SE`, `no`, `nn-NO`, `nl-BE`…) to a supported language code. */
export function normalizeLanguage(tag) {
  const primary = String(tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'no' || primary === 'nn' || primary === 'nb') return 'nb';
  return supportedLanguages.includes(primary) ? primary : 'en';
}

/**
 * The language for an element: its own `lang`, else the closest ancestor with `lang`
 * (up to `<html lang>`), else the browser's language.
 */
export function resolveLanguage(element) {
  const own = element?.getAttribute?.('lang');
  if (own) return normalizeLanguage(own);
  const ancestor = element?.closest?.('[lang]')?.getAttribute('lang');
  if (ancestor) return normalizeLanguage(ancestor);
  const root = globalThis.document?.documentElement?.lang;
  if (root) return normalizeLanguage(root);
  return normalizeLanguage(globalThis.navigator?.language);
}

function fill(template, params) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/**
 * A translator for one language: strings, plurals, dates and lists.
 * `set` is a catalog set `{en, sv, nb, nl}`; `en` is its reference.
 */
export class Translator {
  /** @param {string} lang a supported language code */
  constructor(lang, set) {
    this.lang = supportedLanguages.includes(lang) ? lang : 'en';
    this.reference = set.en;
    this.catalog = set[this.lang] ?? set.en;
    this.pluralRules = new Intl.PluralRules(this.lang);
    this.dateFormat = new Intl.DateTimeFormat(this.lang, { dateStyle: 'medium' });
    this.dateTimeFormat = new Intl.DateTimeFormat(this.lang, { dateStyle: 'medium', timeStyle: 'short' });
    this.listFormat = Intl.ListFormat ? new Intl.ListFormat(this.lang, { type: 'conjunction' }) : null;
  }

  /** The string for `key` with `{name}` placeholders filled; English if the key is missing. */
  t(key, params = {}) {
    const entry = this.catalog[key] ?? this.reference[key];
    if (entry === undefined) return key;
    if (typeof entry === 'object') return this.plural(key, params.count ?? 0, params);
    return fill(entry, params);
  }

  /** A plural string: picks the form for `count` with Intl.PluralRules. */
  plural(key, count, params = {}) {
    const forms = this.catalog[key] ?? this.reference[key];
    if (forms === undefined) return key;
    const form = forms[this.pluralRules.select(count)] ?? forms.other;
    return fill(form, { count, ...params });
  }

  /** An error message for a core or plugin error code. */
  errorMessage(code) {
    const key = `error.${code}`;
    return key in this.catalog ? this.catalog[key] : this.t('error.unknown');
  }

  /** A date (ISO 8601 string or Date) in the user's language. */
  date(value) {
    const date = value instanceof Date ? value : new Date(value);
    return Number.isNaN(date.getTime()) ? String(value) : this.dateFormat.format(date);
  }

  /**
   * A moment in the user's language and time zone: the date alone when it falls on local
   * midnight ("Dec 1, 2026"), else with the time ("Dec 1, 2026, 1:00 PM").
   */
  moment(value) {
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) return String(value);
    const midnight = date.getHours() === 0 && date.getMinutes() === 0;
    return (midnight ? this.dateFormat : this.dateTimeFormat).format(date);
  }

  /** A number in the user's language, with at most two decimals ("57.14", "57,14"). */
  number(value) {
    this.numberFormat ??= new Intl.NumberFormat(this.lang, { maximumFractionDigits: 2 });
    return this.numberFormat.format(value);
  }

  /** "A, B and C" in the user's language. */
  list(items) {
    return this.listFormat ? this.listFormat.format(items) : items.join(', ');
  }
}
