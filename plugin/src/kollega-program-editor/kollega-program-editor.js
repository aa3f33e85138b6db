import { LitElement, html, nothing, unsafeCSS } from 'lit';
import { loadCore } from '../core/core-loader.js';
import { Translator, supportedLanguages } from '../i18n/index.js';
import { LanguageController } from '../i18n/language-controller.js';
import { editorCatalogs } from './i18n/index.js';
import { ProgramText } from './json-locate.js';
import { MINIMAL_PROGRAM } from './template.js';
import styles from './kollega-program-editor.css';
import theme from '../theme/theme.css';
import { saveFile } from '../util/save-file.js';

/** Milliseconds of quiet typing before the program is checked again. */
export const VALIDATE_DELAY_MS = 250;
const TEMPLATE = 'template';

const errorIcon = html`<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><circle cx="8" cy="8" r="7" fill="currentColor"/><path d="M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6" stroke="#fff" stroke-width="1.8" stroke-linecap="round"/></svg>`;
const warningIcon = html`<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M8 1.2 15.2 14.5H.8Z" fill="currentColor"/><path d="M8 5.8v4.4" stroke="#fff" stroke-width="1.8" stroke-linecap="round"/><circle cx="8" cy="12.3" r="1" fill="#fff"/></svg>`;

/** A program's text for a language map (`{en: …, sv: …}`): the asked language, else English, else the first. */
function pickText(text, lang) {
  if (typeof text === 'string') return text;
  if (!text || typeof text !== 'object') return '';
  return text[lang] ?? text.en ?? Object.values(text)[0] ?? '';
}

/** A file name for the download: the program's id when it is a safe file name. */
function downloadName(text) {
  try {
    const id = JSON.parse(text)?.id;
    if (typeof id === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(id)) return `${id}.json`;
  } catch {
    /* not JSON yet: a generic name */
  }
  return 'program.json';
}

/**
 * `<kollega-program-editor programs-url="/programs/" wasm-url="…" initial="leaders-learning-group">`:
 * the admin's program editor. A JSON text box checked live by the wasm core (`validateProgram`),
 * a list of every problem (activating one selects its place in the text), a preview in a real
 * `<kollega-app>`, and a download of the edited JSON.
 *
 * @fires kollega-program-checked - the text was checked; detail `{valid, errors, warnings, problems}`,
 *   each problem `{code, message, path, severity, start, end, line, column}`
 */
export class KollegaProgramEditor extends LitElement {
  static styles = [unsafeCSS(theme), unsafeCSS(styles)];

  static properties = {
    /** Folder of the built-in programs (with `index.json`); defaults to `programs/` next to the script. */
    programsUrl: { type: String, attribute: 'programs-url' },
    /** Space-separated ids of built-in programs, instead of reading `index.json`. */
    builtins: { type: String },
    /** URL of kollega-core.wasm; defaults to the file next to the script. */
    wasmUrl: { type: String, attribute: 'wasm-url' },
    /** What to open first: a built-in id, or `template` (the default). */
    initial: { type: String },
    _lang: { state: true },
    _programs: { state: true },
    _choice: { state: true },
    _lineCount: { state: true },
    _result: { state: true },
    _coreError: { state: true },
    _message: { state: true },
    _caret: { state: true },
    _previewOpen: { state: true },
    _previewText: { state: true },
    _previewLang: { state: true },
  };

  #corePromise = null;
  #timer = 0;
  #checkToken = 0;
  #dirty = false;
  #translator = null;
  #pendingText = null;

  constructor() {
    super();
    this.programsUrl = '';
    this.builtins = '';
    this.wasmUrl = '';
    this.initial = TEMPLATE;
    this._lang = 'en';
    new LanguageController(this);
    this._programs = null;
    this._choice = TEMPLATE;
    this._lineCount = 1;
    this._result = null;
    this._coreError = null;
    this._message = '';
    this._caret = { line: 1, column: 1 };
    this._previewOpen = false;
    this._previewText = '';
    this._previewLang = '';
  }

  /** The program text being edited. */
  get value() {
    return this.#textarea?.value ?? '';
  }

  /** Replaces the text (as a load does) and checks it at once; set before connecting, it replaces `initial`. */
  set value(text) {
    if (this.hasUpdated) this.#setText(String(text));
    else this.#pendingText = String(text);
  }

  /** The last check: `{valid, errors, warnings, problems}`, or null before the first. */
  get result() {
    return this._result;
  }

  /** Checks the text now (skipping the typing delay); resolves to the result. */
  check() {
    clearTimeout(this.#timer);
    return this.#check();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  get #t() {
    if (this.#translator?.lang !== this._lang) this.#translator = new Translator(this._lang, editorCatalogs);
    return this.#translator;
  }

  get #textarea() {
    return this.renderRoot?.querySelector('#program-text') ?? null;
  }

  #programsBase() {
    const base = this.programsUrl || new URL('programs/', import.meta.url).href;
    return new URL(base.endsWith('/') ? base : `${base}/`, document.baseURI);
  }

  #core() {
    this.#corePromise ??= loadCore({ wasmUrl: this.wasmUrl || undefined });
    return this.#corePromise;
  }

  firstUpdated() {
    this.#core().catch((error) => {
      this.#corePromise = null;
      this._coreError = error;
    });
    this.#loadProgramList();
    if (this.#pendingText !== null) {
      this.#setText(this.#pendingText);
      this.#pendingText = null;
      return;
    }
    this._choice = this.initial || TEMPLATE;
    this.#load(this._choice, { announce: false });
  }

  async #loadProgramList() {
    try {
      const ids = this.builtins.split(/\s+/).filter(Boolean);
      if (ids.length) {
        this._programs = ids.map((id) => ({ id, file: `${id}.json`, title: id }));
        return;
      }
      const response = await fetch(new URL('index.json', this.#programsBase()), { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const list = await response.json();
      this._programs = list.map((entry) => ({ id: entry.id, file: entry.file ?? `${entry.id}.json`, title: entry.title ?? entry.id }));
    } catch (error) {
      this._programs = [];
      this._message = this.#t.t('load.listFailed', { message: error.message });
    }
  }

  #programName(choice) {
    if (choice === TEMPLATE) return this.#t.t('load.template');
    const program = this._programs?.find((p) => p.id === choice);
    return program ? pickText(program.title, this._lang) || program.id : choice;
  }

  async #load(choice, { announce = true } = {}) {
    const name = this.#programName(choice);
    let text;
    if (choice === TEMPLATE) {
      text = MINIMAL_PROGRAM;
    } else {
      const file = this._programs?.find((p) => p.id === choice)?.file ?? `${choice}.json`;
      try {
        const response = await fetch(new URL(file, this.#programsBase()), { credentials: 'same-origin' });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        text = await response.text();
      } catch (error) {
        this._message = this.#t.t('load.failed', { name, message: error.message });
        return;
      }
    }
    await this.updateComplete;
    this.#setText(text);
    if (announce) this._message = this.#t.t('load.done', { name });
  }

  #setText(text) {
    const textarea = this.#textarea;
    if (!textarea) return;
    textarea.value = text;
    textarea.scrollTop = 0;
    textarea.setSelectionRange(0, 0);
    this.#dirty = false;
    this.#textChanged();
    this.check();
  }

  #textChanged() {
    this._lineCount = this.value.split(/\r\n|\r|\n/).length;
    this.#updateCaret();
  }

  #onInput() {
    this.#dirty = true;
    this.#textChanged();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#check(), VALIDATE_DELAY_MS);
  }

  async #check() {
    const token = ++this.#checkToken;
    const text = this.value;
    let core;
    try {
      core = await this.#core();
    } catch (error) {
      this._coreError = error;
      return null;
    }
    if (token !== this.#checkToken) return this._result;
    const outcome = core.validateProgram(text);
    const located = new ProgramText(text);
    const problems = outcome.problems.map((problem) => ({ ...problem, ...located.locate(problem) }));
    const errors = problems.filter((p) => p.severity === 'error').length;
    this._coreError = null;
    this._result = { valid: errors === 0, errors, warnings: problems.length - errors, problems };
    if (this._result.valid) this._previewText = text;
    this.dispatchEvent(new CustomEvent('kollega-program-checked', { detail: this._result, bubbles: true, composed: true }));
    return this._result;
  }

  #onLoadClick() {
    const choice = this.renderRoot.querySelector('#source').value;
    if (this.#dirty && !window.confirm(this.#t.t('load.confirm'))) return;
    this._choice = choice;
    this.#load(choice);
  }

  /** Selects a problem's place in the text and puts the focus there. */
  selectProblem(problem) {
    const textarea = this.#textarea;
    if (!textarea || !problem) return;
    textarea.focus({ preventScroll: false });
    textarea.setSelectionRange(problem.start, problem.end, 'forward');
    const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 20;
    textarea.scrollTop = Math.max(0, (problem.line - 1) * lineHeight - textarea.clientHeight / 3);
    this.#syncGutter();
    this.#updateCaret();
  }

  #updateCaret() {
    const textarea = this.#textarea;
    if (!textarea) return;
    const before = textarea.value.slice(0, textarea.selectionStart);
    const lines = before.split(/\r\n|\r|\n/);
    const caret = { line: lines.length, column: lines[lines.length - 1].length + 1 };
    if (caret.line !== this._caret.line || caret.column !== this._caret.column) this._caret = caret;
  }

  #syncGutter() {
    const gutter = this.renderRoot.querySelector('.gutter');
    const textarea = this.#textarea;
    if (gutter && textarea) gutter.scrollTop = textarea.scrollTop;
  }

  #download() {
    const text = this.value;
    const file = downloadName(text);
    saveFile(this.renderRoot, { filename: file, mimeType: 'application/json', content: text });
    this._message = this.#t.t('download.done', { file });
  }

  render() {
    const t = this.#t;
    return html`<section class="editor" lang=${t.lang} aria-label=${t.t('regionLabel')}>
      ${this.#renderSource()}
      <div class="workspace">
        ${this.#renderText()} ${this.#renderProblems()}
      </div>
      ${this.#renderActions()} ${this.#renderPreview()}
    </section>`;
  }

  #renderSource() {
    const t = this.#t;
    const programs = this._programs;
    return html`<div class="source">
      <h2 class="sub">${t.t('load.heading')}</h2>
      <div class="row">
        <label for="source">${t.t('load.label')}</label>
        <select id="source" .value=${this._choice}>
          ${programs === null
            ? html`<option disabled value="">${t.t('load.loading')}</option>`
            : programs.length
              ? html`<optgroup label=${t.t('load.builtins')}>
                  ${programs.map(
                    (p) => html`<option value=${p.id} ?selected=${p.id === this._choice}>${pickText(p.title, t.lang) || p.id}</option>`,
                  )}
                </optgroup>`
              : nothing}
          <option value=${TEMPLATE} ?selected=${this._choice === TEMPLATE}>${t.t('load.template')}</option>
        </select>
        <button type="button" @click=${() => this.#onLoadClick()}>${t.t('load.button')}</button>
      </div>
      <p class="message" role="status">${this._message}</p>
    </div>`;
  }

  #renderText() {
    const t = this.#t;
    const numbers = Array.from({ length: this._lineCount }, (_, i) => i + 1).join('\n');
    return html`<div class="text">
      <h2 class="sub"><label for="program-text">${t.t('text.label')}</label></h2>
      <p class="hint" id="text-hint">${t.t('text.hint')}</p>
      <div class="code">
        <div class="gutter-column" aria-hidden="true"><pre class="gutter">${numbers}</pre></div>
        <textarea
          id="program-text"
          spellcheck="false"
          autocomplete="off"
          autocapitalize="off"
          wrap="off"
          aria-describedby="text-hint counts"
          @input=${() => this.#onInput()}
          @scroll=${() => this.#syncGutter()}
          @keyup=${() => this.#updateCaret()}
          @click=${() => this.#updateCaret()}
          @select=${() => this.#updateCaret()}
        ></textarea>
      </div>
      <p class="caret" aria-hidden="true">${t.t('text.caret', this._caret)}</p>
    </div>`;
  }

  #renderProblems() {
    const t = this.#t;
    const result = this._result;
    let counts = t.t('status.loadingCore');
    if (this._coreError) counts = t.t('status.coreFailed', { message: this._coreError.message });
    else if (result) {
      counts = t.t('status.counts', {
        errors: t.plural('count.errors', result.errors),
        warnings: t.plural('count.warnings', result.warnings),
      });
      counts += ` — ${result.valid ? t.t('status.valid') : t.t('status.invalid')}`;
    }
    return html`<div class="problems-panel">
      <h2 class="sub" id="problems-heading">${t.t('problems.heading')}</h2>
      <p class="counts" id="counts" role="status" data-valid=${result ? String(result.valid) : nothing}>${counts}</p>
      ${result && result.problems.length
        ? html`<p class="hint">${t.t('problems.hint')}</p>
            <ul class="problems" aria-labelledby="problems-heading">
              ${result.problems.map((p) => this.#renderProblem(p))}
            </ul>`
        : result
          ? html`<p class="none">${t.t('problems.none')}</p>`
          : nothing}
    </div>`;
  }

  #renderProblem(p) {
    const t = this.#t;
    return html`<li>
      <button
        type="button"
        class="problem"
        data-severity=${p.severity}
        data-code=${p.code}
        data-path=${p.path}
        data-line=${p.line}
        data-column=${p.column}
        @click=${() => this.selectProblem(p)}
      >
        <span class="severity">${p.severity === 'warning' ? warningIcon : errorIcon}${t.t(`severity.${p.severity}`)}</span>
        <span class="problem-message">${p.message}</span>
        <span class="problem-where">
          <code>${p.code}</code>
          <span>${p.path ? this.#withCode('problem.pointer', 'pointer', p.path) : t.t('problem.root')}</span>
          <span class="line-column">${t.t('problem.where', { line: p.line, column: p.column })}</span>
        </span>
      </button>
    </li>`;
  }

  /** A catalog string with one placeholder rendered as <code>. */
  #withCode(key, name, value) {
    const [before, after] = this.#t.t(key, { [name]: '\u0000' }).split('\u0000');
    return html`${before}<code>${value}</code>${after ?? ''}`;
  }

  #renderActions() {
    const t = this.#t;
    return html`<div class="actions">
      <h2 class="sub visually-hidden">${t.t('actions.heading')}</h2>
      <button type="button" class="download" @click=${() => this.#download()}>${t.t('download.button')}</button>
      <button
        type="button"
        class="secondary preview-toggle"
        aria-expanded=${String(this._previewOpen)}
        aria-controls="preview"
        @click=${() => (this._previewOpen = !this._previewOpen)}
      >
        ${this._previewOpen ? t.t('preview.hide') : t.t('preview.show')}
      </button>
    </div>`;
  }

  #renderPreview() {
    const t = this.#t;
    const lang = this._previewLang || t.lang;
    const stale = this._result && !this._result.valid && this._previewText;
    return html`<div class="preview" id="preview" ?hidden=${!this._previewOpen}>
      ${this._previewOpen
        ? html`<h2 class="sub">${t.t('preview.heading')}</h2>
            <p class="hint">${t.t('preview.note')}</p>
            <div class="row">
              <label for="preview-lang">${t.t('preview.language')}</label>
              <select id="preview-lang" .value=${lang} @change=${(e) => (this._previewLang = e.target.value)}>
                ${supportedLanguages.map((l) => html`<option value=${l} ?selected=${l === lang}>${t.t(`language.${l}`)}</option>`)}
              </select>
            </div>
            ${stale ? html`<p class="hint">${t.t('preview.stale')}</p>` : nothing}
            ${this._previewText
              ? html`<kollega-app
                  ephemeral
                  learner="preview"
                  lang=${lang}
                  wasm-url=${this.wasmUrl || nothing}
                  .programText=${this._previewText}
                ></kollega-app>`
              : html`<p class="hint">${t.t('preview.none')}</p>`}`
        : nothing}
    </div>`;
  }
}
