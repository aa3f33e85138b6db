import en from './en.js';
import sv from './sv.js';
import nb from './nb.js';
import nl from './nl.js';
import { Translator as BaseTranslator } from './translator.js';

export { supportedLanguages, normalizeLanguage, resolveLanguage } from './translator.js';

/** The UI catalogs, keyed by the language code that is also sent to the core. */
export const catalogs = Object.freeze({ en, sv, nb, nl });

/** A translator; `set` defaults to the learner UI's catalogs (see ./translator.js). */
export class Translator extends BaseTranslator {
  constructor(lang, set = catalogs) {
    super(lang, set);
  }
}
