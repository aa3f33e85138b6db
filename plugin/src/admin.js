/**
 * Kollega admin entry (`kollega-admin.js`): the program editor, plus everything of `kollega.js`
 * (the editor previews programs in a real <kollega-app>). A separate bundle, so learners' pages
 * never download the editor or jsonc-parser. Safe to load next to kollega.js: each element is
 * defined only once.
 */
import { KollegaProgramEditor } from './kollega-program-editor/kollega-program-editor.js';

export * from './index.js';
export { KollegaProgramEditor };
export { ProgramText, pointerTokens } from './kollega-program-editor/json-locate.js';

if (!customElements.get('kollega-program-editor')) customElements.define('kollega-program-editor', KollegaProgramEditor);
