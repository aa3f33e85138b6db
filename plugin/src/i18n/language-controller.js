import { resolveLanguage } from './translator.js';

/**
 * Keeps an element speaking the right language (docs/i18n.md): its own `lang`, else the
 * nearest ancestor's or the page's, else the browser's. Both the element's and the page's
 * `lang` attributes are watched, so an LMS that switches language in place re-renders it.
 * A Lit reactive controller: it sets `host._lang` (a reactive state property) and calls
 * `onChange(lang)` after a change while connected.
 */
export class LanguageController {
  #host;
  #onChange;
  #observer = null;

  /**
   * @param {import('lit').ReactiveControllerHost & HTMLElement & {_lang: string}} host
   * @param {(lang: string) => void} [onChange]
   */
  constructor(host, onChange = () => {}) {
    this.#host = host;
    this.#onChange = onChange;
    host.addController(this);
  }

  hostConnected() {
    this.#host._lang = resolveLanguage(this.#host);
    if (typeof MutationObserver !== 'function') return;
    this.#observer = new MutationObserver(() => this.update());
    this.#observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    this.#observer.observe(this.#host, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected() {
    this.#observer?.disconnect();
    this.#observer = null;
  }

  /** Reads the language again and reports a change. */
  update() {
    const lang = resolveLanguage(this.#host);
    if (lang === this.#host._lang) return;
    this.#host._lang = lang;
    this.#onChange(lang);
  }
}
