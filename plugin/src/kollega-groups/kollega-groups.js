import { LitElement, html, svg, nothing, unsafeCSS } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { renderError } from '../error-view/error-view.js';
import { KollegaError } from '../core/kollega-error.js';
import { Translator } from '../i18n/translator.js';
import { LanguageController } from '../i18n/language-controller.js';
import { groupsCatalogs } from './i18n/index.js';
import { GroupsWorkerClient } from './groups-client.js';
import {
  addPairPin,
  coachGroupsJson,
  emptyPins,
  groupKey,
  groupsCsv,
  isLocked,
  metMatrix,
  pairKey,
  parseHistory,
  problemLine,
  solverOptions,
  swapLearners,
  toggleLock,
} from './groups-data.js';
import styles from './kollega-groups.css';
import theme from '../theme/theme.css';
import errorStyles from '../error-view/error-view.css';
import { saveFile } from '../util/save-file.js';

/** The search effort choices: the most iterations a search may take (it stops sooner at the lower bound). */
export const EFFORTS = { quick: 5_000, normal: 20_000, thorough: 200_000 };
/** The pairing modes of the solver (docs/groups.md). */
export const MODES = ['groups', 'mentor', 'skill-exchange'];

function asKollegaError(error) {
  if (error instanceof KollegaError) return error;
  if (error && typeof error === 'object' && 'code' in error) {
    return new KollegaError(error.code, error.message ?? '', error.path ?? '', { problems: error.problems });
  }
  return new KollegaError('unknown', error instanceof Error ? error.message : String(error), '', { cause: error });
}

/** Fetches a roster file as UTF-8 text. */
async function fetchText(address) {
  const url = new URL(address, document.baseURI).href;
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (cause) {
    throw new KollegaError('data_load_failed', `Could not fetch the roster from ${url}: ${cause?.message ?? cause}`, '/roster', { cause });
  }
  if (!response.ok) throw new KollegaError('data_load_failed', `Fetching the roster from ${url} answered HTTP ${response.status}.`, '/roster');
  return response.text();
}

/**
 * `<kollega-groups roster="URL" lang="sv">`: the admin's group formation view. Import a roster
 * CSV, choose the group size, rounds, mode, seed and reporting depth, form the groups in a Web
 * Worker (progress, cancel), preview every round with its explanations and quality report, pin,
 * swap and re-solve, see who has met whom, and download the result (docs/groups-view.md).
 *
 * @fires kollega-groups-imported - a roster was imported; detail `{learners, departments}`
 * @fires kollega-groups-solved - a search ended; detail `{reason, rounds, groups, report}`
 * @fires kollega-groups-download - a file was downloaded; detail `{format, filename, size}`
 * @fires kollega-error - the solver failed to load or answered an error; detail `{code, message, path, problems}`
 */
export class KollegaGroups extends LitElement {
  static styles = [unsafeCSS(theme), unsafeCSS(errorStyles), unsafeCSS(styles)];

  static properties = {
    /** URL of a roster CSV (or JSON) to fill the paste box with at start (optional). */
    roster: { type: String },
    /** URL of kollega-groups.wasm; defaults to the file next to the worker. */
    wasmUrl: { type: String, attribute: 'wasm-url' },
    /** URL of kollega-groups-worker.js; defaults to the file next to this script. */
    workerUrl: { type: String, attribute: 'worker-url' },
    /** Roster text put in the paste box (instead of fetching `roster`). */
    rosterText: { attribute: false },
    _lang: { state: true },
    _phase: { state: true },
    _draft: { state: true },
    _imported: { state: true },
    _rosterProblems: { state: true },
    _form: { state: true },
    _progress: { state: true },
    _result: { state: true },
    _resultReason: { state: true },
    _round: { state: true },
    _pins: { state: true },
    _selected: { state: true },
    _status: { state: true },
    _error: { state: true },
    _history: { state: true },
    _historyError: { state: true },
  };

  #client = null;
  #solveId = 0;
  #translator = null;
  #uid = Math.random().toString(36).slice(2, 8);

  constructor() {
    super();
    this.roster = '';
    this.wasmUrl = '';
    this.workerUrl = '';
    this.rosterText = '';
    this._lang = 'en';
    this._phase = 'idle';
    this._draft = '';
    this._imported = null;
    this._rosterProblems = null;
    this._form = { sizeKind: 'range', min: 3, max: 4, rounds: 3, mode: 'groups', seed: 1, reportingDepth: 2, effort: 'normal' };
    this._progress = null;
    this._result = null;
    this._resultReason = '';
    this._round = 0;
    this._pins = emptyPins();
    this._selected = [];
    this._status = '';
    this._error = null;
    this._history = null;
    this._historyError = null;
    new LanguageController(this, () => this.#languageChanged());
  }

  /** The language in use (`en`, `sv`, `nb`, `nl`). */
  get language() {
    return this._lang;
  }

  /** The imported roster (`{learners: [...]}` as the core reads it), or null. */
  get importedRoster() {
    return this._imported?.roster ?? null;
  }

  /** The result shown (rounds of groups with explanations and reports), or null. */
  get result() {
    return this._result;
  }

  /** The pins sent with the next search: `{keepTogether, keepApart, locked}`. */
  get pins() {
    return this._pins;
  }

  /** The options JSON the next search is sent (docs/groups.md). */
  get options() {
    return solverOptions(this._form, this._pins, this._history?.rounds ?? []);
  }

  /** Past rounds sent as the history (`[[ [ids], … ], …]`), or null. */
  get history() {
    return this._history?.rounds ?? null;
  }

  /** Sets the past rounds from a file's text (see parseHistory); returns true if they were read. */
  setHistory(text, name = '') {
    const parsed = parseHistory(text);
    const t = this.#t;
    if (!parsed.ok) {
      this._historyError = { ...parsed, name };
      this._status = t.t('history.failed', { file: name || '–' });
      return false;
    }
    this._history = { rounds: parsed.rounds, name };
    this._historyError = null;
    this._status = t.plural('history.loaded', parsed.rounds.length, { file: name || '–' });
    return true;
  }

  async #chooseHistory(event) {
    const file = event.target.files?.[0];
    if (!file) return;
    this.setHistory(await file.text(), file.name);
  }

  get #t() {
    if (this.#translator?.lang !== this._lang) {
      this.#translator = new Translator(this._lang, groupsCatalogs);
      this.#translator.collator = new Intl.Collator(this.#translator.lang, { sensitivity: 'base', numeric: true });
    }
    return this.#translator;
  }

  #id(name) {
    return `kg-${this.#uid}-${name}`;
  }

  #emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  #fail(error) {
    const kollegaError = asKollegaError(error);
    this._error = kollegaError;
    this.#emit('kollega-error', kollegaError.toJSON());
    return kollegaError;
  }

  get #workerClient() {
    if (!this.#client) {
      const base = document.baseURI;
      const workerUrl = this.workerUrl ? new URL(this.workerUrl, base).href : new URL('kollega-groups-worker.js', import.meta.url).href;
      const wasmUrl = this.wasmUrl ? new URL(this.wasmUrl, base).href : '';
      this.#client = new GroupsWorkerClient({ workerUrl, wasmUrl });
    }
    return this.#client;
  }

  connectedCallback() {
    super.connectedCallback();
    this.#prefill();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.#client?.terminate();
    this.#client = null;
  }

  updated(changed) {
    if ((changed.has('roster') && changed.get('roster') !== undefined) || (changed.has('rosterText') && changed.get('rosterText') !== undefined)) {
      this.#prefill();
    }
    if ((changed.has('wasmUrl') && changed.get('wasmUrl') !== undefined) || (changed.has('workerUrl') && changed.get('workerUrl') !== undefined)) {
      this.#client?.terminate();
      this.#client = null;
    }
  }

  async #prefill() {
    try {
      if (this.rosterText) this._draft = this.rosterText;
      else if (this.roster) this._draft = await fetchText(this.roster);
    } catch (error) {
      this.#fail(error);
    }
  }

  #languageChanged() {
    const result = this._result;
    if (!result || this._phase !== 'idle' || !this.#client) return;
    if (result.rounds.some((r) => r.edited?.length)) {
      this.#checkEdits();
      return;
    }
    this.#client
      .explain(this._lang)
      .then((envelope) => {
        if (envelope?.ok && this._result === result) this._result = envelope.value;
      })
      .catch(() => {});
  }

  // ---------------------------------------------------------------- roster

  /** Imports the roster text (the paste box's, or `text`): resolves to true if it was imported. */
  async importRoster(text = this._draft) {
    const t = this.#t;
    this._draft = text;
    this._error = null;
    this._rosterProblems = null;
    this._phase = 'importing';
    this._status = t.t('roster.checking');
    try {
      const envelope = await this.#workerClient.parseRoster(text);
      if (!envelope.ok) {
        const problems = envelope.error.problems?.length ? envelope.error.problems : [envelope.error];
        this._rosterProblems = problems;
        this._status = t.plural('roster.problems', problems.length);
        return false;
      }
      const roster = envelope.value;
      const learners = roster.learners ?? [];
      const departments = new Set(learners.map((l) => l.department).filter(Boolean)).size;
      this._imported = { text, roster, learners, departments, byId: new Map(learners.map((l) => [l.id, l])) };
      this._result = null;
      this._pins = emptyPins();
      this._selected = [];
      this._progress = null;
      this._status = t.t('roster.imported', { learners: t.number(learners.length), departments: t.number(departments) });
      this.#emit('kollega-groups-imported', { learners: learners.length, departments });
      return true;
    } catch (error) {
      this._status = '';
      this.#fail(error);
      return false;
    } finally {
      this._phase = 'idle';
    }
  }

  async #chooseFile(event) {
    const file = event.target.files?.[0];
    if (!file) return;
    let text;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
    } catch (cause) {
      this.#fail(new KollegaError('invalid_value', `${file.name} is not UTF-8 text; save it as "CSV UTF-8".`, '/roster', { cause }));
      return;
    }
    await this.importRoster(text);
  }

  // ---------------------------------------------------------------- solving

  /** Forms the groups with the current options and pins; resolves to the search's end `{reason, envelope}`. */
  async solve() {
    const t = this.#t;
    if (!this._imported || this._phase === 'solving') return null;
    this._error = null;
    this._selected = [];
    this._phase = 'solving';
    const maxIterations = EFFORTS[this._form.effort] ?? EFFORTS.normal;
    this._progress = { iterations: 0, maxIterations, cost: null, lowerBound: null };
    this._status = t.t('solve.running');
    const options = this.options;
    const { id, result } = this.#workerClient.solve(
      { roster: this._imported.text, options, lang: this._lang, maxIterations },
      {
        onProgress: (p) => {
          if (id === this.#solveId) this._progress = p;
        },
        onSnapshot: (envelope) => {
          if (id === this.#solveId) this.#show(envelope.value, 'running', options);
        },
      },
    );
    this.#solveId = id;
    // Keyboard users keep their place: the pressed button is disabled while the search runs, so
    // focus moves to Cancel, and to the result's heading when the search ends.
    const hadFocus = !!this.renderRoot.activeElement;
    if (hadFocus) this.updateComplete.then(() => this.renderRoot.querySelector('button.cancel')?.focus());
    let end;
    try {
      end = await result;
    } catch (error) {
      this._phase = 'idle';
      this._status = '';
      this.#fail(error);
      return null;
    }
    if (id !== this.#solveId) return end;
    this._phase = 'idle';
    const { reason, envelope } = end;
    if (envelope?.ok) {
      this.#show(envelope.value, reason, options);
      const p = this._progress;
      const atBound = reason === 'budget' && p?.cost && p.lowerBound != null && p.cost.repeatsSquared <= p.lowerBound;
      this._resultReason = atBound ? 'bound' : reason;
      const pairsDone = reason === 'done' && envelope.value.mode && envelope.value.mode !== 'groups';
      this._status = t.t(atBound ? 'solve.bound' : pairsDone ? 'solve.donePairs' : `solve.${reason}`, { iterations: t.number(p?.iterations ?? 0), repeats: t.number(p?.cost?.repeats ?? 0) });
      const groups = envelope.value.rounds.reduce((n, r) => n + r.groups.length, 0);
      this.#emit('kollega-groups-solved', { reason, rounds: envelope.value.rounds.length, groups, report: envelope.value.report ?? null });
    } else if (envelope) {
      this._status = t.t('solve.failed');
      this.#fail(envelope.error);
    } else {
      this._status = t.t('solve.cancelledNone');
    }
    await this.updateComplete;
    const active = this.renderRoot.activeElement;
    if (hadFocus && (!active || active.matches('button.cancel'))) this.renderRoot.querySelector('.error-wrap, section.result > h3')?.focus();
    return end;
  }

  /** Stops the running search; the best groups found so far stay. */
  cancel() {
    if (this._phase !== 'solving') return;
    this._phase = 'cancelling';
    this._status = this.#t.t('solve.cancelling');
    this.#client?.cancel(this.#solveId);
  }

  #show(value, reason, options) {
    const previous = this._result;
    this._result = { ...value, options };
    this._resultReason = reason;
    if (!previous || this._round >= value.rounds.length) this._round = 0;
  }

  // ---------------------------------------------------------------- pins and swaps

  #toggleSelect(id) {
    if (this._phase !== 'idle') return;
    const selected = this._selected.filter((s) => s !== id);
    if (selected.length === this._selected.length) selected.push(id);
    this._selected = selected.slice(-2);
  }

  #selectionFacts() {
    const groups = this._result?.rounds[this._round]?.groups ?? [];
    const groupOf = (id) => groups.findIndex((g) => g.includes(id));
    const [a, b] = this._selected;
    const two = this._selected.length === 2;
    return { a, b, two, canSwap: two && groupOf(a) !== groupOf(b) && groupOf(a) >= 0 && groupOf(b) >= 0, groupOf };
  }

  /** Swaps two learners of the shown round (ids); both groups get locked as swapped. Returns true if swapped. */
  swap(a, b) {
    const swapped = this._result && swapLearners(this._result, this._pins, this._round, a, b);
    if (!swapped) return false;
    const t = this.#t;
    this._result = swapped.result;
    this._pins = swapped.pins;
    this._selected = [];
    this._status = t.t('swap.done', { a: this.#name(a), b: this.#name(b) });
    this.#checkEdits();
    return true;
  }

  /** Adds a keep-together (`keepTogether`) or keep-apart (`keepApart`) pin for two learners. */
  pin(kind, a, b) {
    if (a === b || !['keepTogether', 'keepApart'].includes(kind)) return;
    this._pins = addPairPin(this._pins, kind, a, b);
    this._selected = [];
    this._status = this.#t.t(`pin.${kind}.done`, { a: this.#name(a), b: this.#name(b) });
  }

  #onAction(kind) {
    if (this._phase !== 'idle') return;
    const { a, b, two, canSwap } = this.#selectionFacts();
    if (kind === 'swap' && canSwap) this.swap(a, b);
    else if ((kind === 'keepTogether' || kind === 'keepApart') && two) this.pin(kind, a, b);
    else if (kind === 'clear') this._selected = [];
  }

  #removePin(kind, index) {
    this._pins = { ...this._pins, [kind]: this._pins[kind].filter((_, i) => i !== index) };
    this._status = this.#t.t('pins.removed');
  }

  #name(id) {
    const l = this._imported?.byId.get(id);
    return l?.name || id;
  }

  // ---------------------------------------------------------------- downloads

  /** Builds a download without saving it: `format` is `groups-json` (the shown round), `json` or `csv`. */
  exportFile(format) {
    const result = this._result;
    if (!result) throw new KollegaError('not_ready', 'There are no groups to download yet.', '');
    if (format === 'groups-json') {
      return {
        filename: `groups-round-${this._round + 1}.json`,
        mimeType: 'application/json',
        content: JSON.stringify(coachGroupsJson(result, this._round), null, 2) + '\n',
      };
    }
    if (format === 'json') {
      const { rounds, report, options } = result;
      const clean = rounds.map(({ edited, ...round }) => (edited?.length ? { ...round, edited } : round));
      return {
        filename: 'groups-all-rounds.json',
        mimeType: 'application/json',
        content: JSON.stringify({ rounds: clean, report: report ?? null, options: options ?? this.options }, null, 2) + '\n',
      };
    }
    if (format === 'csv') {
      return { filename: 'groups.csv', mimeType: 'text/csv', content: groupsCsv(result, this._imported?.learners ?? []) };
    }
    throw new KollegaError('invalid_value', `Unknown download format ${format}.`, '/format');
  }

  /** Downloads a file (see exportFile). Resolves to the file name. */
  download(format) {
    const file = this.exportFile(format);
    const size = saveFile(this.renderRoot, file);
    this._status = this.#t.t('download.done', { file: file.filename });
    this.#emit('kollega-groups-download', { format, filename: file.filename, size });
    return file.filename;
  }

  // ---------------------------------------------------------------- rendering

  render() {
    const t = this.#t;
    return html`<section class="groups-view" lang=${t.lang} aria-labelledby=${this.#id('title')}>
      <h2 class="title" id=${this.#id('title')}>${t.t('title')}</h2>
      <p class="intro">${t.t('intro')}</p>
      ${this.#renderRoster()} ${this.#renderOptions()} ${this.#renderProgress()}
      ${this._error ? html`<div class="error-wrap" tabindex="-1">${renderError(t, this._error, 'error.title', null)}</div>` : nothing}
      ${this._result ? this.#renderResult() : nothing}
    </section>`;
  }

  #renderRoster() {
    const t = this.#t;
    const problems = this._rosterProblems;
    const imported = this._imported;
    const busy = this._phase !== 'idle';
    return html`<section class="block roster" aria-labelledby=${this.#id('roster')}>
      <h3 id=${this.#id('roster')}>${t.t('roster.heading')}</h3>
      <p class="hint">${t.t('roster.hint')}</p>
      <div class="field">
        <label for=${this.#id('file')}>${t.t('roster.file')}</label>
        <input id=${this.#id('file')} class="file" type="file" accept=".csv,text/csv,.json,application/json" ?disabled=${busy} @change=${(e) => this.#chooseFile(e)} />
      </div>
      <div class="field">
        <label for=${this.#id('paste')}>${t.t('roster.paste')}</label>
        <textarea
          id=${this.#id('paste')}
          class="paste"
          rows="6"
          spellcheck="false"
          autocomplete="off"
          aria-describedby=${problems ? this.#id('roster-problems') : nothing}
          .value=${this._draft}
          @input=${(e) => (this._draft = e.target.value)}
        ></textarea>
      </div>
      <div class="row">
        <button type="button" class="import" ?disabled=${busy || !this._draft.trim()} @click=${() => this.importRoster()}>${t.t('roster.import')}</button>
      </div>
      ${problems
        ? html`<div class="error roster-problems" role="alert" id=${this.#id('roster-problems')}>
            <p class="error-title">${t.plural('roster.problems', problems.length)}</p>
            <ul class="problems">
              ${problems.map((p) => {
                const line = problemLine(p);
                return html`<li data-line=${line ?? nothing} data-code=${p.code}>
                  ${line ? html`<strong>${t.t('roster.line', { line: t.number(line) })}</strong> ` : nothing}${p.message}
                  <code>${p.code}</code>
                </li>`;
              })}
            </ul>
          </div>`
        : nothing}
      ${imported
        ? html`<p class="imported" data-learners=${imported.learners.length}>
            ${t.t('roster.imported', { learners: t.number(imported.learners.length), departments: t.number(imported.departments) })}
          </p>`
        : nothing}
      <div class="field history">
        <label for=${this.#id('history')}>${t.t('history.file')}</label>
        <input id=${this.#id('history')} class="history-file" type="file" accept=".json,application/json" aria-describedby=${this.#id('history-hint')} ?disabled=${busy} @change=${(e) => this.#chooseHistory(e)} />
        <p class="hint" id=${this.#id('history-hint')}>${t.t('history.hint')}</p>
      </div>
      ${this._history
        ? html`<div class="row history-loaded" data-rounds=${this._history.rounds.length}>
            <span>${t.plural('history.loaded', this._history.rounds.length, { file: this._history.name || '–' })}</span>
            <button type="button" class="secondary clear-history" @click=${() => {
              this._history = null;
              this._status = t.t('history.cleared');
            }}>${t.t('history.clear')}</button>
          </div>`
        : nothing}
      ${this._historyError
        ? html`<div class="error history-error" role="alert" data-path=${this._historyError.path}>
            <p class="error-title">${t.t('history.failed', { file: this._historyError.name || '–' })}</p>
            <p>${this._historyError.path ? html`<code>${this._historyError.path}</code> ` : nothing}${this._historyError.message}</p>
          </div>`
        : nothing}
    </section>`;
  }

  #setForm(patch) {
    this._form = { ...this._form, ...patch };
  }

  #number(event, min, max, fallback) {
    const value = Math.round(Number(event.target.value));
    return Number.isFinite(value) && value >= min && value <= max ? value : fallback;
  }

  #renderOptions() {
    const t = this.#t;
    const f = this._form;
    const pairsOnly = f.mode !== 'groups';
    const busy = this._phase !== 'idle';
    const ready = !!this._imported;
    return html`<section class="block options" aria-labelledby=${this.#id('options')}>
      <h3 id=${this.#id('options')}>${t.t('options.heading')}</h3>
      <div class="option-grid">
        <div class="field">
          <label for=${this.#id('mode')}>${t.t('options.mode')}</label>
          <select id=${this.#id('mode')} class="mode" @change=${(e) => this.#setForm({ mode: e.target.value })}>
            ${MODES.map((m) => html`<option value=${m} ?selected=${f.mode === m}>${t.t(`mode.${m}`)}</option>`)}
          </select>
        </div>
        <fieldset class="size" ?disabled=${pairsOnly}>
          <legend>${t.t('options.size')}</legend>
          <label class="choice"
            ><input type="radio" name="size-kind" value="pairs" .checked=${pairsOnly || f.sizeKind === 'pairs'} @change=${() => this.#setForm({ sizeKind: 'pairs' })} />${t.t(
              'options.pairs',
            )}</label
          >
          <label class="choice"
            ><input type="radio" name="size-kind" value="range" .checked=${!pairsOnly && f.sizeKind === 'range'} @change=${() => this.#setForm({ sizeKind: 'range' })} />${t.t(
              'options.range',
            )}</label
          >
          <span class="range" ?hidden=${pairsOnly || f.sizeKind !== 'range'}>
            <label for=${this.#id('min')}>${t.t('options.min')}</label>
            <input id=${this.#id('min')} class="min" type="number" inputmode="numeric" min="2" max="12" .value=${String(f.min)} @change=${(e) => this.#setForm({ min: this.#number(e, 2, 12, f.min) })} />
            <label for=${this.#id('max')}>${t.t('options.max')}</label>
            <input id=${this.#id('max')} class="max" type="number" inputmode="numeric" min="2" max="12" .value=${String(f.max)} @change=${(e) => this.#setForm({ max: this.#number(e, 2, 12, f.max) })} />
          </span>
          ${pairsOnly ? html`<p class="hint">${t.t('options.pairsOnly')}</p>` : nothing}
        </fieldset>
        <div class="field">
          <label for=${this.#id('rounds')}>${t.t('options.rounds')}</label>
          <input id=${this.#id('rounds')} class="rounds" type="number" inputmode="numeric" min="1" max="52" .value=${String(f.rounds)} @change=${(e) => this.#setForm({ rounds: this.#number(e, 1, 52, f.rounds) })} />
        </div>
        <div class="field">
          <label for=${this.#id('depth')}>${t.t('options.depth')}</label>
          <input id=${this.#id('depth')} class="depth" type="number" inputmode="numeric" min="0" max="20" aria-describedby=${this.#id('depth-hint')} .value=${String(f.reportingDepth)} @change=${(e) => this.#setForm({ reportingDepth: this.#number(e, 0, 20, f.reportingDepth) })} />
          <p class="hint" id=${this.#id('depth-hint')}>${t.t('options.depthHint')}</p>
        </div>
        <div class="field">
          <label for=${this.#id('seed')}>${t.t('options.seed')}</label>
          <input id=${this.#id('seed')} class="seed" type="number" inputmode="numeric" min="0" max="4294967295" aria-describedby=${this.#id('seed-hint')} .value=${String(f.seed)} @change=${(e) => this.#setForm({ seed: this.#number(e, 0, 4294967295, f.seed) })} />
          <p class="hint" id=${this.#id('seed-hint')}>${t.t('options.seedHint')}</p>
        </div>
        <div class="field">
          <label for=${this.#id('effort')}>${t.t('options.effort')}</label>
          <select id=${this.#id('effort')} class="effort" @change=${(e) => this.#setForm({ effort: e.target.value })}>
            ${Object.entries(EFFORTS).map(
              ([key, n]) => html`<option value=${key} ?selected=${f.effort === key}>${t.t(`effort.${key}`, { iterations: t.number(n) })}</option>`,
            )}
          </select>
        </div>
      </div>
      <div class="row">
        <button type="button" class="solve primary" ?disabled=${busy || !ready} @click=${() => this.solve()}>
          ${this._result ? t.t('solve.again') : t.t('solve.start')}
        </button>
        ${ready ? nothing : html`<span class="hint">${t.t('solve.needRoster')}</span>`}
      </div>
      <p class="status" role="status">${this._status}</p>
    </section>`;
  }

  #renderProgress() {
    const t = this.#t;
    const p = this._progress;
    const running = this._phase === 'solving' || this._phase === 'cancelling';
    return html`<div class="progress-block" ?hidden=${!running && !p}>
      ${p
        ? html`<div class="progress" aria-busy=${running ? 'true' : 'false'}>
            <label for=${this.#id('progress')}>${t.t('progress.label')}</label>
            <progress id=${this.#id('progress')} max=${p.maxIterations || 1} .value=${Math.min(p.iterations || 0, p.maxIterations || 1)}></progress>
            <dl class="figures">
              <div data-key="iterations" data-value=${p.iterations ?? 0}>
                <dt>${t.t('progress.iterations')}</dt>
                <dd>${t.t('progress.of', { done: t.number(p.iterations ?? 0), total: t.number(p.maxIterations ?? 0) })}</dd>
              </div>
              <div data-key="repeats" data-value=${p.cost?.repeats ?? ''}>
                <dt>${t.t('progress.repeats')}</dt>
                <dd>${p.cost ? t.number(p.cost.repeats ?? 0) : '–'}</dd>
              </div>
              <div data-key="score" data-value=${p.cost?.repeatsSquared ?? ''}>
                <dt>${t.t('progress.score')}</dt>
                <dd>${p.cost ? t.number(p.cost.repeatsSquared ?? 0) : '–'}</dd>
              </div>
              <div data-key="lowerBound" data-value=${p.lowerBound ?? ''}>
                <dt>${t.t('progress.lowerBound')}</dt>
                <dd>${p.lowerBound == null ? '–' : t.number(p.lowerBound)}</dd>
              </div>
              <div data-key="hard" data-value=${p.cost?.hard ?? ''}>
                <dt>${t.t('progress.hard')}</dt>
                <dd>${p.cost ? t.number(p.cost.hard ?? 0) : '–'}</dd>
              </div>
            </dl>
          </div>`
        : nothing}
      ${running
        ? html`<button type="button" class="cancel secondary" ?disabled=${this._phase === 'cancelling'} @click=${() => this.cancel()}>${t.t('solve.cancel')}</button>`
        : nothing}
    </div>`;
  }

  #renderResult() {
    const t = this.#t;
    const result = this._result;
    const rounds = result.rounds;
    const round = rounds[this._round] ?? rounds[0];
    return html`<section class="block result" aria-labelledby=${this.#id('result')} data-reason=${this._resultReason}>
      <h3 id=${this.#id('result')} tabindex="-1">${t.t('result.heading')}</h3>
      ${this._resultReason === 'cancelled' || this._resultReason === 'budget' || this._resultReason === 'running'
        ? html`<p class="note stopped">${t.t(`result.${this._resultReason}`)}</p>`
        : nothing}
      ${result.violations?.length
        ? html`<div class="error violations" role="alert" data-count=${result.violations.length}>
            <p class="error-title">${t.plural('violations.title', result.violations.length)}</p>
            <ul class="problems">
              ${result.violations.map((v) => html`<li data-code=${v.code}>${this.#humanize(v.message)}</li>`)}
            </ul>
          </div>`
        : nothing}
      ${result.report ? this.#renderReport(result.report, 'overall') : nothing}
      <div class="field round-picker">
        <label for=${this.#id('round')}>${t.t('result.round')}</label>
        <select
          id=${this.#id('round')}
          class="round-select"
          @change=${(e) => {
            this._round = Number(e.target.value);
            this._selected = [];
          }}
        >
          ${rounds.map((_, r) => html`<option value=${r} ?selected=${r === this._round}>${t.t('result.roundN', { round: r + 1, rounds: rounds.length })}</option>`)}
        </select>
      </div>
      ${this.#renderRound(round, this._round)} ${this.#renderSelection()} ${this.#renderPins()}
      ${guard([result, this._lang, this._imported], () => this.#renderMatrix(result))} ${this.#renderDownloads()}
    </section>`;
  }

  /** A quality report: its sentence from the core, then the figures that matter for the mode. */
  #renderReport(report, scope) {
    const t = this.#t;
    const mode = this._result?.mode ?? 'groups';
    const keys = [
      'hardConstraintsMet',
      'repeats',
      ...(scope === 'overall' ? ['repeatsSquared', 'lowerBound'] : ['repeatedPairs']),
      'newPairs',
      'pairs',
      'mixedGroups',
      'groups',
      ...(mode === 'skill-exchange' ? ['stable', 'blockingPairs'] : []),
      ...(mode !== 'groups' ? ['unpaired'] : []),
      ...(scope === 'overall' ? ['soft', 'iterations'] : []),
    ].filter((key) => key in report && report[key] !== null && typeof report[key] !== 'object');
    const shown = (value) => (typeof value === 'number' ? t.number(value) : typeof value === 'boolean' ? t.t(value ? 'report.yes' : 'report.no') : String(value));
    return html`<div class="report" data-scope=${scope}>
      <p class="report-title">${t.t(`report.${scope}`)}</p>
      ${typeof report.text === 'string' && report.text ? html`<p class="report-text">${report.text}</p>` : nothing}
      <dl class="report-figures">
        ${keys.map((key) => html`<div data-key=${key} data-value=${String(report[key])}><dt>${t.t(`report.${key}`)}</dt><dd>${shown(report[key])}</dd></div>`)}
      </dl>
    </div>`;
  }

  #renderRound(round, r) {
    const t = this.#t;
    const edited = new Set(round.edited ?? []);
    return html`<section class="round" aria-labelledby=${this.#id('round-heading')} data-round=${r}>
      <h4 id=${this.#id('round-heading')}>${t.t('result.roundN', { round: r + 1, rounds: this._result.rounds.length })}</h4>
      ${round.report ? this.#renderReport(round.report, 'round') : nothing}
      <ol class="group-list">
        ${round.groups.map((members, g) => this.#renderGroup(members, g, r, round, edited.has(groupKey(members))))}
      </ol>
      ${round.unpaired?.length
        ? html`<p class="unpaired" data-unpaired=${round.unpaired.join(' ')}>${t.t('result.unpaired', { names: t.list(round.unpaired.map((id) => this.#name(id))) })}</p>`
        : nothing}
    </section>`;
  }

  /** `text` with every roster id in it replaced by the learner's name (the core's texts name ids). */
  #humanize(text) {
    const imported = this._imported;
    if (!imported?.learners.length) return text;
    if (!imported.idPattern) {
      const escape = (id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const ids = imported.learners.map((l) => l.id).sort((a, b) => b.length - a.length);
      // One pass with every id at once, so a name that contains another id is left alone.
      imported.idPattern = new RegExp(`(?<![\\w-])(?:${ids.map(escape).join('|')})(?![\\w-])`, 'g');
    }
    return String(text).replace(imported.idPattern, (id) => this.#name(id));
  }

  /** The group's explanation lines, with names instead of ids. */
  #explanation(round, g) {
    const e = round.explanations?.[g];
    if (e == null) return [];
    const texts = typeof e === 'string' ? [e] : Array.isArray(e) ? e.map(String) : [String(e.text ?? e.summary ?? JSON.stringify(e))];
    return texts.map((text) => this.#humanize(text));
  }

  /** Asks the core to explain the edited schedule (after a swap): explanations and every broken rule. */
  async #checkEdits() {
    const result = this._result;
    if (!result || !this.#client) return;
    try {
      const envelope = await this.#client.check(
        result.rounds.map((r) => r.groups),
        this._lang,
      );
      if (this._result !== result || !envelope?.ok) return;
      const checked = envelope.value;
      this._result = {
        ...checked,
        options: result.options,
        edited: true,
        rounds: checked.rounds.map((round, i) => ({ ...round, edited: result.rounds[i]?.edited, checked: true })),
      };
      const broken = checked.violations?.length ?? 0;
      this._status = broken ? this.#t.plural('violations.status', broken) : this.#t.t('violations.none');
    } catch {
      /* no job to check with (the worker was stopped): the groups stay marked as not checked */
    }
  }

  #renderGroup(members, g, r, round, edited) {
    const t = this.#t;
    const locked = isLocked(this._pins, r, members);
    const headingId = this.#id(`g${g}`);
    return html`<li class="group" data-group=${g} data-members=${members.join(' ')} ?data-locked=${locked} ?data-edited=${edited}>
      <p class="group-title" id=${headingId}>
        ${t.t('group.title', { group: g + 1 })}
        ${locked ? html`<span class="badge lock-badge">${t.t('group.locked')}</span>` : nothing}
        ${edited ? html`<span class="badge edit-badge">${t.t('group.edited')}</span>` : nothing}
      </p>
      <ul class="members">
        ${members.map((id) => {
          const l = this._imported?.byId.get(id);
          const selected = this._selected.includes(id);
          return html`<li>
            <button type="button" class="member" data-id=${id} aria-pressed=${selected ? 'true' : 'false'} @click=${() => this.#toggleSelect(id)}>
              <span class="member-name">${l?.name || id}</span>
              <span class="member-meta">${[l?.department, l?.role].filter(Boolean).join(' · ')}</span>
            </button>
          </li>`;
        })}
      </ul>
      ${edited && !round.checked ? html`<p class="explanation edited-note">${t.t('group.editedNote')}</p>` : nothing}
      ${edited && round.checked ? html`<p class="edited-note">${t.t('group.editedChecked')}</p>` : nothing}
      ${!edited || round.checked ? this.#explanation(round, g).map((text) => html`<p class="explanation">${text}</p>`) : nothing}
      <button type="button" class="lock secondary" aria-pressed=${locked ? 'true' : 'false'} aria-describedby=${headingId} @click=${() => {
        if (this._phase !== 'idle') return;
        this._pins = toggleLock(this._pins, r, members);
        this._status = t.t(locked ? 'pin.unlocked' : 'pin.locked', { group: g + 1 });
      }}>
        ${t.t('group.lock')}
      </button>
    </li>`;
  }

  #renderSelection() {
    const t = this.#t;
    const { a, b, two, canSwap, groupOf } = this.#selectionFacts();
    const describe = (id) => t.t('select.item', { name: this.#name(id), group: groupOf(id) + 1 });
    const text = !this._selected.length
      ? t.t('select.none')
      : two
        ? t.t('select.two', { a: describe(a), b: describe(b) })
        : t.t('select.one', { a: describe(a) });
    const action = (kind, enabled, cls = 'secondary') =>
      html`<button type="button" class="action-${kind} ${cls}" aria-disabled=${enabled ? 'false' : 'true'} @click=${() => this.#onAction(kind)}>${t.t(`select.${kind}`)}</button>`;
    return html`<div class="selection" role="group" aria-labelledby=${this.#id('selection')}>
      <p class="selection-title" id=${this.#id('selection')}>${t.t('select.heading')}</p>
      <p class="selection-text" aria-live="polite">${text}</p>
      <div class="row">
        ${action('swap', canSwap)} ${action('keepTogether', two)} ${action('keepApart', two)} ${action('clear', this._selected.length > 0)}
      </div>
    </div>`;
  }

  #renderPins() {
    const t = this.#t;
    const pins = this._pins;
    const names = (ids) => t.list(ids.map((id) => this.#name(id)));
    const items = [
      ...pins.keepTogether.map((p, i) => ({ kind: 'keepTogether', i, text: t.t('pins.keepTogether', { names: names(p) }) })),
      ...pins.keepApart.map((p, i) => ({ kind: 'keepApart', i, text: t.t('pins.keepApart', { names: names(p) }) })),
      ...pins.locked.map((l, i) => ({ kind: 'locked', i, text: t.t('pins.locked', { round: l.round + 1, names: names(l.members) }) })),
    ];
    return html`<section class="pins" aria-labelledby=${this.#id('pins')}>
      <h4 id=${this.#id('pins')}>${t.t('pins.heading')}</h4>
      ${items.length
        ? html`<ul class="pin-list">
            ${items.map(
              ({ kind, i, text }) => html`<li data-kind=${kind}>
                <span>${text}</span>
                <button type="button" class="remove-pin secondary" aria-label=${t.t('pins.remove', { pin: text })} @click=${() => this.#removePin(kind, i)}>
                  ${t.t('pins.removeShort')}
                </button>
              </li>`,
            )}
          </ul>`
        : html`<p class="hint">${t.t('pins.none')}</p>`}
      <div class="row">
        <button type="button" class="resolve primary" ?disabled=${this._phase !== 'idle'} @click=${() => this.solve()}>${t.t('pins.resolve')}</button>
      </div>
    </section>`;
  }

  #renderMatrix(result) {
    const t = this.#t;
    const learners = this._imported?.learners ?? [];
    const history = result.options?.history ?? [];
    const model = metMatrix(learners, result.rounds.map((r) => r.groups), history, t.collator);
    const n = model.order.length;
    const labels = n <= 40;
    const cell = 10;
    const margin = labels ? 120 : 0;
    const size = margin + n * cell;
    const label = t.t('matrix.label', {
      learners: t.number(n),
      pairs: t.number(model.pairsMet),
      repeats: t.number(model.repeats),
    });
    const short = (l) => {
      const name = l.name || l.id;
      return name.length > 18 ? `${name.slice(0, 17)}…` : name;
    };
    // Department blocks: a line where the department changes.
    const breaks = [];
    model.order.forEach((l, i) => {
      if (i > 0 && (l.department ?? '') !== (model.order[i - 1].department ?? '')) breaks.push(i);
    });
    return html`<section class="matrix-block" aria-labelledby=${this.#id('matrix')}>
      <h4 id=${this.#id('matrix')}>${t.t('matrix.heading')}</h4>
      <p class="hint">${t.t('matrix.intro')}</p>
      <p class="matrix-summary" data-pairs=${model.pairsMet} data-repeats=${model.repeats}>${label}</p>
      ${history.length ? html`<p class="hint matrix-history">${t.plural('matrix.history', history.length)}</p>` : nothing}
      <svg class="matrix" role="img" aria-label=${label} viewBox="0 0 ${size} ${size}" preserveAspectRatio="xMinYMin meet" focusable="false" data-learners=${n}>
        <title>${label}</title>
        <rect x=${margin} y=${margin} width=${n * cell} height=${n * cell} class="matrix-bg"></rect>
        ${model.order.map((_, i) => svg`<rect x=${margin + i * cell} y=${margin + i * cell} width=${cell} height=${cell} class="matrix-self"></rect>`)}
        ${model.cells.map(
          ({ row, col, count }) =>
            svg`<rect x=${margin + col * cell} y=${margin + row * cell} width=${cell} height=${cell} class=${count > 1 ? 'met met-repeat' : 'met'} data-count=${count}></rect>${
              count > 1 ? svg`<circle cx=${margin + col * cell + cell / 2} cy=${margin + row * cell + cell / 2} r=${cell / 4} class="repeat-dot"></circle>` : nothing
            }`,
        )}
        ${breaks.map(
          (i) => svg`<line x1=${margin} x2=${size} y1=${margin + i * cell} y2=${margin + i * cell} class="dept-line"></line>
            <line y1=${margin} y2=${size} x1=${margin + i * cell} x2=${margin + i * cell} class="dept-line"></line>`,
        )}
        ${labels
          ? model.order.map(
              (l, i) => svg`<text x=${margin - 4} y=${margin + i * cell + cell - 2} text-anchor="end" class="matrix-label">${short(l)}</text>
                <text transform="translate(${margin + i * cell + cell - 2} ${margin - 4}) rotate(-90)" class="matrix-label">${short(l)}</text>`,
            )
          : nothing}
      </svg>
      <ul class="legend">
        <li><span class="swatch met" aria-hidden="true"></span>${t.t('matrix.once')}</li>
        <li><span class="swatch met-repeat" aria-hidden="true"><span class="dot"></span></span>${t.t('matrix.repeat')}</li>
        <li><span class="swatch dept" aria-hidden="true"></span>${t.t('matrix.departments')}</li>
      </ul>
      <details class="disclosure matrix-table-details">
        <summary>${t.t('matrix.tableSummary')}</summary>
        <div class="table-scroll" role="region" aria-labelledby=${this.#id('matrix-caption')} tabindex="0">
          <table class="matrix-table">
            <caption id=${this.#id('matrix-caption')}>${t.t('matrix.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">${t.t('matrix.col.learner')}</th>
                <th scope="col">${t.t('matrix.col.department')}</th>
                <th scope="col" class="num">${t.t('matrix.col.count')}</th>
                <th scope="col">${t.t('matrix.col.partners')}</th>
              </tr>
            </thead>
            <tbody>
              ${model.order.map((l) => {
                const partners = model.partners.get(l.id).sort((x, y) => t.collator.compare(this.#name(x.id), this.#name(y.id)));
                return html`<tr data-learner=${l.id}>
                  <th scope="row">${l.name || l.id}</th>
                  <td>${l.department ?? ''}</td>
                  <td class="num">${t.number(partners.length)}</td>
                  <td>${t.list(partners.map((p) => (p.count > 1 ? t.t('matrix.partnerRepeat', { name: this.#name(p.id), count: p.count }) : this.#name(p.id))))}</td>
                </tr>`;
              })}
            </tbody>
          </table>
        </div>
      </details>
    </section>`;
  }

  #renderDownloads() {
    const t = this.#t;
    return html`<section class="downloads" aria-labelledby=${this.#id('downloads')}>
      <h4 id=${this.#id('downloads')}>${t.t('download.heading')}</h4>
      <p class="hint">${t.t('download.intro')}</p>
      <ul class="download-buttons">
        ${['groups-json', 'json', 'csv'].map(
          (format) => html`<li>
            <button type="button" class="secondary" data-format=${format} @click=${() => this.download(format)}>
              ${t.t(`download.${format}`, { round: this._round + 1 })}
            </button>
          </li>`,
        )}
      </ul>
    </section>`;
  }
}

export { pairKey, problemLine };
