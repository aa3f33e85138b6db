// Demo-page helper (not part of the plugin): ?lang=sv|nb|nl|en sets <html lang>, which the
// Kollega element follows. An external file, because the page's CSP forbids inline scripts.
const allowed = ['en', 'sv', 'nb', 'nl'];
const requested = new URLSearchParams(location.search).get('lang');
if (allowed.includes(requested)) document.documentElement.lang = requested;

document.addEventListener('DOMContentLoaded', () => {
  const current = document.documentElement.lang;
  for (const link of document.querySelectorAll('[data-lang-switch] a')) {
    if (link.hreflang === current) link.setAttribute('aria-current', 'true');
  }
});
