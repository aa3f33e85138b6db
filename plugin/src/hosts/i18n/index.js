import en from './en.js';
import sv from './sv.js';
import nb from './nb.js';
import nl from './nl.js';

/** The host adapters' catalogs (notices inside <kollega-app>), in the learner UI's languages. */
export const hostCatalogs = Object.freeze({ en, sv, nb, nl });
