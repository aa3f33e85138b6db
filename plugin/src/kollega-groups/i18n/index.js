import en from './en.js';
import sv from './sv.js';
import nb from './nb.js';
import nl from './nl.js';

/** The group formation view's catalogs, in the same languages as the learner UI (plugin/src/i18n). */
export const groupsCatalogs = Object.freeze({ en, sv, nb, nl });
