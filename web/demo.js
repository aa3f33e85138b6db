// Demo-page helper (not part of the plugin). Loaded with `defer`, so it runs after the page is
// parsed and before kollega.js (a module, which runs after deferred scripts in document order):
// - ?lang=sv|nb|nl|en sets <html lang>, which the Kollega element follows;
// - ?program=<id> shows that built-in program in the element marked data-demo-program, or opens
//   it in the admin page's editor;
// - the "Built-in programs" list is filled from /programs/index.json.
// An external file, because the page's CSP forbids inline scripts.
const languages = ['en', 'sv', 'nb', 'nl'];
const params = new URLSearchParams(location.search);
const requestedLang = params.get('lang');
if (languages.includes(requestedLang)) document.documentElement.lang = requestedLang;

const app = document.querySelector('kollega-app[data-demo-program]');
const requestedProgram = params.get('program');
if (app && requestedProgram && /^[a-z0-9][a-z0-9-]*$/.test(requestedProgram)) {
  app.setAttribute('program', `programs/${requestedProgram}.json`);
}
const editor = document.querySelector('kollega-program-editor');
if (editor && requestedProgram && /^[a-z0-9][a-z0-9-]*$/.test(requestedProgram)) editor.setAttribute('initial', requestedProgram);
const currentProgram = app?.getAttribute('program')?.match(/([^/]+)\.json$/)?.[1] ?? '';

/** This page with some query parameters changed. */
function pageWith(changes) {
  const next = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(changes)) next.set(key, value);
  return `?${next}`;
}

const lang = document.documentElement.lang;
for (const link of document.querySelectorAll('[data-lang-switch] a')) {
  if (link.hreflang === lang) link.setAttribute('aria-current', 'true');
  link.href = pageWith({ lang: link.hreflang });
}

const picker = document.querySelector('[data-program-picker]');
if (picker) {
  fetch('programs/index.json')
    .then((response) => (response.ok ? response.json() : []))
    .then((programs) => {
      for (const { id, title } of programs) {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = pageWith({ program: id });
        link.textContent = typeof title === 'object' ? (title[lang] ?? title.en ?? Object.values(title)[0]) : id;
        if (id === currentProgram) link.setAttribute('aria-current', 'page');
        item.append(link);
        picker.append(item);
      }
    })
    .catch(() => {});
}
