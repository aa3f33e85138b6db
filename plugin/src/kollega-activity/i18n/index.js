import en from './en.js';
import sv from './sv.js';
import nb from './nb.js';
import nl from './nl.js';

/** The activities bundle's catalogs (session runner, forms, goals, schedule), in every UI language. */
export const activityCatalogs = Object.freeze({ en, sv, nb, nl });
