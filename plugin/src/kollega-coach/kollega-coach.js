import { LitElement, html, svg, nothing, unsafeCSS } from 'lit';
import { renderError } from '../error-view/error-view.js';
import { loadCore, KollegaError } from '../core/coach-core-loader.js';
import { Translator } from '../i18n/translator.js';
import { LanguageController } from '../i18n/language-controller.js';
import { coachCatalogs } from './i18n/index.js';
import styles from './kollega-coach.css';
import theme from '../theme/theme.css';
import errorStyles from '../error-view/error-view.css';
import { readEvents } from '../store/xapi-reader.js';
import { saveFile } from '../util/save-file.js';

/** The inputs, in the order cohortView takes them: attribute (URL) and text property of each. */
const SOURCES = [
  { name: 'program', text: 'programText', required: true },
  { name: 'roster', text: 'rosterText', required: true },
  { name: 'events', text: 'eventsText', required: true },
  { name: 'groups', text: 'groupsText', required: false },
];

/** The export buttons, in order: the format sent to the core. */
export const EXPORT_FORMATS = ['moodle', 'canvas', 'csv', 'ags', 'xapi'];

/**
 * The progress table's columns: key, how a learner sorts by it, whether it sorts as text
 * (Intl.Collator) and whether it is aligned as text (start) rather than as a number (end).
 */
const COLUMNS = [
  { key: 'name', value: (l) => l.name || l.id, text: true, start: true },
  { key: 'department', value: (l) => l.department ?? '', text: true, start: true },
  { key: 'steps', value: (l) => l.steps.percent * 1000 + l.steps.done },
  { key: 'score', value: (l) => l.grade?.scoreGiven ?? 0 },
  { key: 'passed', value: (l) => (l.grade?.passed ? 1 : 0), start: true },
  { key: 'sessions', value: (l) => l.sessionsAttended ?? 0 },
  { key: 'feedbackGiven', value: (l) => l.feedbackGiven ?? 0 },
  { key: 'feedbackReceived', value: (l) => l.feedbackReceived ?? 0 },
  { key: 'lastActivity', value: (l) => (l.lastActivity ? Date.parse(l.lastActivity) : -Infinity), start: true },
];

const shieldIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5l-8-3Zm-1.2 14.2-3.5-3.5 1.4-1.4 2.1 2.1 4.9-4.9 1.4 1.4-6.3 6.3Z"/></svg>`;

function asKollegaError(error) {
  if (error instanceof KollegaError) return error;
  return new KollegaError('unknown', error instanceof Error ? error.message : String(error), '', { cause: error });
}

/** Fetches a data file as strict UTF-8 text; failures are `data_load_failed` with the input's path. */
async function fetchText(source, address) {
  const url = new URL(address, document.baseURI).href;
  const fail = (message, cause) => new KollegaError('data_load_failed', message, `/${source}`, { cause });
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (cause) {
    throw fail(`Could not fetch the ${source} from ${url}: ${cause?.message ?? cause}`, cause);
  }
  if (!response.ok) throw fail(`Fetching the ${source} from ${url} answered HTTP ${response.status}.`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await response.arrayBuffer());
  } catch (cause) {
    throw fail(`The ${source} at ${url} is not UTF-8 text; save it as UTF-8.`, cause);
  }
}

/** `{id: {actor, type, at}}` for the rejected list, read leniently from an array or JSON Lines. */
function eventIndex(eventsText) {
  const index = new Map();
  const add = (e) => e && typeof e.id === 'string' && !index.has(e.id) && index.set(e.id, e);
  const text = String(eventsText ?? '').trim();
  try {
    if (text.startsWith('[')) JSON.parse(text).forEach(add);
    else
      for (const line of text.split('\n')) {
        if (line.trim()) add(JSON.parse(line));
      }
  } catch {
    /* the core decides what is valid; this only names events where it can */
  }
  return index;
}

/** Lower case without diacritics, so "asa" finds "Åsa" and "oneil" finds "O'Neil" less strictly. */
function folded(text, lang) {
  return String(text ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase(lang);
}

/**
 * `<kollega-coach program="URL" roster="URL" events="URL" groups="URL" lang="sv">`: the coach's
 * dashboard of a cohort — summary, a sortable and filterable progress table, a bar chart, groups,
 * the events that were not counted, and the gradebook exports. Everything it shows comes from the
 * core's `cohortView`, every file it downloads from `exportFile`; it shows no text a learner wrote.
 *
 * @fires kollega-coach-ready - the cohort is shown; detail `{programId, cohort, rejected, core}`
 * @fires kollega-coach-export - a file was downloaded; detail `{format, filename, mimeType, size}`
 * @fires kollega-error - loading or an export failed; detail `{code, message, path, problems}`
 */
export class KollegaCoach extends LitElement {
  static styles = [unsafeCSS(theme), unsafeCSS(errorStyles), unsafeCSS(styles)];

  static properties = {
    /** URL of the program JSON. */
    program: { type: String },
    /** URL of the roster: CSV or JSON (docs/roster-format.md). */
    roster: { type: String },
    /** URL of the events: JSON Lines or a JSON array. */
    events: { type: String },
    /** URL of the groups JSON (optional). */
    groups: { type: String },
    /** URL of kollega-coach-core.wasm; defaults to the file next to the script. */
    wasmUrl: { type: String, attribute: 'wasm-url' },
    /** The time the view is computed for (RFC 3339); defaults to this device's clock. */
    now: { type: String },
    /** The LMS address that xAPI actor accounts name (`homePage`); defaults to this page's origin. */
    homePage: { type: String, attribute: 'home-page' },
    /** An LRS endpoint to read the cohort's events from (instead of `events`): its statements (docs/xapi-store.md). */
    lrs: { type: String },
    /** The `Authorization` header for `lrs` (e.g. `Basic …` of an LRS key that may read the cohort). */
    lrsAuth: { type: String, attribute: 'lrs-auth' },
    /** An event source instead of `lrs`: an object with `fetchEvents(programId)` (e.g. an XapiStore with `coach: true`). */
    source: { attribute: false },
    /** Texts used instead of fetching the URL of the same name. */
    programText: { attribute: false },
    rosterText: { attribute: false },
    eventsText: { attribute: false },
    groupsText: { attribute: false },
    _phase: { state: true },
    _view: { state: true },
    _error: { state: true },
    _lang: { state: true },
    _readAt: { state: true },
    _sort: { state: true },
    _query: { state: true },
    _moodleKey: { state: true },
    _bom: { state: true },
    _exportMessage: { state: true },
    _exportError: { state: true },
  };

  #core = null;
  #texts = null;
  #eventIndex = null;
  #loadToken = 0;
  #translator = null;
  #uid = Math.random().toString(36).slice(2, 8);

  constructor() {
    super();
    for (const { name, text } of SOURCES) {
      this[name] = '';
      this[text] = '';
    }
    this.wasmUrl = '';
    this.now = '';
    this.homePage = '';
    this.lrs = '';
    this.lrsAuth = '';
    this.source = null;
    this._readAt = '';
    this._phase = 'loading';
    this._view = null;
    this._error = null;
    this._lang = 'en';
    new LanguageController(this, () => this.#languageChanged());
    this._sort = { key: 'name', direction: 'ascending' };
    this._query = '';
    this._moodleKey = 'email';
    this._bom = false;
    this._exportMessage = '';
    this._exportError = null;
  }

  /** The language in use (`en`, `sv`, `nb`, `nl`). */
  get language() {
    return this._lang;
  }

  /** The core's current cohort view, or null while loading or after an error. */
  get cohortView() {
    return this._view;
  }

  /** Reloads the files and the core. */
  reload() {
    return this.#load();
  }

  /**
   * Builds one export with the current options (or `options`), without downloading it:
   * `{filename, mimeType, content}`. Throws a KollegaError.
   */
  exportFile(format, options = {}) {
    if (this._phase !== 'ready') throw new KollegaError('not_ready', 'The cohort is not loaded yet.', '');
    const { program, roster, events, groups } = this.#texts;
    // xAPI agents name the LMS by an http(s) address: this page's origin unless home-page says.
    const homePage = this.homePage || (/^https?:/.test(location.origin) ? location.origin : undefined);
    return this.#core.exportFile(format, program, roster, events, groups, {
      bom: this._bom,
      moodleKey: this._moodleKey,
      audience: 'coach',
      ...(homePage ? { homePage } : {}),
      lang: this._lang,
      now: this.#now(),
      ...options,
    });
  }

  /** Builds an export and downloads it (a Blob on a download link). Resolves to the file's name. */
  async download(format) {
    this._exportError = null;
    try {
      const file = this.exportFile(format);
      const size = saveFile(this.renderRoot, file);
      this._exportMessage = this.#t.t('exports.done', { file: file.filename });
      this.#emit('kollega-coach-export', { format, filename: file.filename, mimeType: file.mimeType, size });
      return file.filename;
    } catch (error) {
      const kollegaError = asKollegaError(error);
      this._exportMessage = '';
      this._exportError = kollegaError;
      this.#emit('kollega-error', kollegaError.toJSON());
      return null;
    }
  }

  get #t() {
    if (this.#translator?.lang !== this._lang) {
      this.#translator = new Translator(this._lang, coachCatalogs);
      const lang = this.#translator.lang;
      this.#translator.percentFormat = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
      this.#translator.collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true, ignorePunctuation: true });
    }
    return this.#translator;
  }

  /** 41.7 → "41.7 %" / "41,7 %" in the UI language. */
  #percent(value) {
    return this.#t.percentFormat.format((Number(value) || 0) / 100);
  }

  #now() {
    return this.now || new Date().toISOString();
  }

  #emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  #languageChanged() {
    if (this._phase === 'ready') {
      try {
        this.#compute();
      } catch (error) {
        this.#fail(error);
      }
    }
  }

  firstUpdated() {
    this.#load();
  }

  updated(changed) {
    const inputs = ['wasmUrl', 'now', 'lrs', 'lrsAuth', 'source', ...SOURCES.flatMap((s) => [s.name, s.text])];
    if (inputs.some((p) => changed.has(p) && changed.get(p) !== undefined)) this.#load();
  }

  async #load() {
    const token = ++this.#loadToken;
    this._phase = 'loading';
    this._error = null;
    this._exportMessage = '';
    this._exportError = null;
    try {
      const fromLrs = !this.eventsText && !this.events && (this.source || this.lrs);
      const textOf = ({ name, text, required }) => {
        if (this[text]) return this[text];
        if (this[name]) return fetchText(name, this[name]);
        if (name === 'events' && fromLrs) return '';
        if (!required) return '';
        throw new KollegaError('data_load_failed', `The element has no ${name} attribute.`, `/${name}`);
      };
      const [core, ...texts] = await Promise.all([loadCore({ wasmUrl: this.wasmUrl || undefined }), ...SOURCES.map(textOf)]);
      if (token !== this.#loadToken) return;
      if (fromLrs) {
        texts[2] = JSON.stringify(await this.#lrsEvents(texts[0]));
        if (token !== this.#loadToken) return;
        this._readAt = new Date().toISOString();
      } else this._readAt = '';
      this.#core = core;
      this.#texts = Object.fromEntries(SOURCES.map(({ name }, i) => [name, texts[i]]));
      this.#eventIndex = null;
      this.#compute();
      this._phase = 'ready';
      await this.updateComplete;
      this.#emit('kollega-coach-ready', {
        programId: this._view.program.id,
        cohort: this._view.cohort,
        rejected: this._view.rejected.length,
        core: core.version(),
      });
    } catch (error) {
      if (token === this.#loadToken) this.#fail(error);
    }
  }

  /** The cohort's events from the LRS (or `source`): every shared statement of the program, as events. */
  async #lrsEvents(programText) {
    let programId;
    try {
      programId = JSON.parse(programText).id;
    } catch {
      programId = undefined;
    }
    // No id: the core's cohortView then says what is wrong with the program.
    if (typeof programId !== 'string') return [];
    const source = this.source ?? {
      fetchEvents: (id) => readEvents({ endpoint: this.lrs, auth: this.lrsAuth, programId: id, viewer: { coach: true } }),
    };
    try {
      return await source.fetchEvents(programId);
    } catch (cause) {
      if (cause instanceof KollegaError && cause.code.startsWith('lrs_')) {
        throw new KollegaError('data_load_failed', `Reading the cohort from the LRS failed: ${cause.message}`, '/events', { cause });
      }
      throw cause;
    }
  }

  #compute() {
    const { program, roster, events, groups } = this.#texts;
    const view = this.#core.cohortView(program, roster, events, groups, this._lang, this.#now());
    view.learners ??= [];
    view.groups ??= [];
    view.rejected ??= [];
    this._view = view;
  }

  #fail(error) {
    const kollegaError = asKollegaError(error);
    this._phase = 'error';
    this._error = kollegaError;
    this._view = null;
    this.#emit('kollega-error', kollegaError.toJSON());
  }

  /** The learners that match the filter, in the table's order. */
  #rows() {
    const t = this.#t;
    const view = this._view;
    const query = folded(this._query.trim(), t.lang);
    const rows = query
      ? view.learners.filter((l) => folded(`${l.name} ${l.department ?? ''}`, t.lang).includes(query))
      : [...view.learners];
    const column = COLUMNS.find((c) => c.key === this._sort.key) ?? COLUMNS[0];
    const sign = this._sort.direction === 'ascending' ? 1 : -1;
    const byName = (a, b) => t.collator.compare(a.name || a.id, b.name || b.id);
    rows.sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      const order = column.text ? t.collator.compare(x, y) : x < y ? -1 : x > y ? 1 : 0;
      return sign * order || byName(a, b);
    });
    return rows;
  }

  #sortBy(key) {
    const { key: current, direction } = this._sort;
    this._sort = { key, direction: key === current && direction === 'ascending' ? 'descending' : 'ascending' };
  }

  render() {
    const t = this.#t;
    const ready = this._phase === 'ready' && this._view;
    return html`<section
      class="coach"
      lang=${t.lang}
      aria-busy=${this._phase === 'loading' ? 'true' : 'false'}
      aria-labelledby=${ready ? this.#id('title') : nothing}
      aria-label=${ready ? nothing : t.t('regionLabel')}
    >
      ${this._phase === 'loading' ? html`<p class="loading" role="status">${t.t('loading')}</p>` : nothing}
      ${this._phase === 'error' && this._error ? this.#renderError(this._error, 'error.title', true) : nothing}
      ${ready ? this.#renderCohort(this._view) : nothing}
    </section>`;
  }

  #id(name) {
    return `kc-${this.#uid}-${name}`;
  }

  #renderCohort(view) {
    const t = this.#t;
    const rows = this.#rows();
    return html`
      <h2 class="title" id=${this.#id('title')}>${t.t('title', { program: view.program.title })}</h2>
      <p class="as-of">${t.t('asOf', { time: t.dateTimeFormat.format(new Date(this.#now())) })}</p>
      ${this._readAt
        ? html`<p class="lrs-source">
            ${t.t('lrs.source', { time: t.dateTimeFormat.format(new Date(this._readAt)) })}
            <button type="button" class="lrs-refresh" @click=${() => this.#load()}>${t.t('lrs.refresh')}</button>
          </p>`
        : nothing}
      ${this.#renderSummary(view.cohort)} ${this.#renderTable(view, rows)} ${this.#renderChart(rows)}
      ${view.groups.length ? this.#renderGroups(view) : nothing} ${this.#renderMet(view)} ${this.#renderRejected(view.rejected)}
      ${this.#renderExports()}
    `;
  }

  #renderSummary(cohort) {
    const t = this.#t;
    const items = [
      ['learners', t.number(cohort.learners)],
      ['started', t.number(cohort.started)],
      ['completed', t.number(cohort.completed)],
      ['passed', t.number(cohort.passed)],
      ['meanPercent', this.#percent(cohort.meanPercent)],
    ];
    return html`<section class="block" aria-labelledby=${this.#id('summary')}>
      <h3 id=${this.#id('summary')}>${t.t('summary.heading')}</h3>
      <dl class="summary">
        ${items.map(
          ([key, text]) => html`<div class="figure" data-key=${key} data-value=${cohort[key]}>
            <dt>${t.t(`summary.${key}`)}</dt>
            <dd>${text}</dd>
          </div>`,
        )}
      </dl>
    </section>`;
  }

  #renderTable(view, rows) {
    const t = this.#t;
    const { key: sortKey, direction } = this._sort;
    const sortedLabel = t.t(`col.${sortKey}`);
    const total = view.learners.length;
    const query = this._query.trim();
    return html`<section class="block" aria-labelledby=${this.#id('progress')}>
      <h3 id=${this.#id('progress')}>${t.t('progress.heading')}</h3>
      <div class="filter">
        <label for=${this.#id('filter')}>${t.t('filter.label')}</label>
        <input
          id=${this.#id('filter')}
          type="search"
          autocomplete="off"
          spellcheck="false"
          .value=${this._query}
          @input=${(e) => (this._query = e.target.value)}
        />
      </div>
      <p class="table-status" role="status">
        ${t.plural('filter.count', total, { shown: rows.length })}
        ${t.t('table.sorted', { column: sortedLabel, direction: t.t(`sort.${direction}`) })}
      </p>
      ${rows.length === 0 && query ? html`<p class="empty">${t.t('filter.none', { query })}</p>` : nothing}
      <div class="table-scroll" role="region" aria-labelledby=${this.#id('caption')} tabindex="0">
        <table class="progress-table">
          <caption id=${this.#id('caption')}>
            ${t.t('table.caption')}<span class="visually-hidden">. ${t.t('table.sortHint')}</span>
          </caption>
          <thead>
            <tr>
              ${COLUMNS.map(
                ({ key, start }) => html`<th
                  scope="col"
                  class=${start ? 'text' : 'num'}
                  data-column=${key}
                  aria-sort=${key === sortKey ? direction : nothing}
                >
                  <button type="button" class="sort" @click=${() => this.#sortBy(key)}>
                    ${t.t(`col.${key}`)}<span class="sort-icon" aria-hidden="true"
                      >${key === sortKey ? (direction === 'ascending' ? '▲' : '▼') : '↕'}</span
                    >
                  </button>
                </th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${rows.map((learner) => this.#renderRow(learner))}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  #renderRow(l) {
    const t = this.#t;
    const grade = l.grade ?? {};
    const steps = l.steps;
    return html`<tr data-learner=${l.id}>
      <th scope="row" class="text">${l.name || l.id}</th>
      <td class="text">${l.department ?? ''}</td>
      <td class="num" data-value=${steps.percent}>
        ${t.t('cell.steps', { done: t.number(steps.done), total: t.number(steps.total), percent: this.#percent(steps.percent) })}
      </td>
      <td class="num" data-value=${grade.scoreGiven ?? 0}>${t.number(grade.scoreGiven ?? 0)}</td>
      <td class="text" data-value=${grade.passed ? 'true' : 'false'}>
        <span class="pass pass-${grade.passed ? 'yes' : 'no'}">${t.t(grade.passed ? 'cell.passed' : 'cell.notPassed')}</span>
      </td>
      <td class="num">${t.number(l.sessionsAttended ?? 0)}</td>
      <td class="num">${t.number(l.feedbackGiven ?? 0)}</td>
      <td class="num">${t.number(l.feedbackReceived ?? 0)}</td>
      <td class="text">
        ${l.lastActivity
          ? html`<time datetime=${l.lastActivity}>${t.dateFormat.format(new Date(l.lastActivity))}</time>`
          : t.t('cell.never')}
      </td>
    </tr>`;
  }

  /** A horizontal bar per learner (the table's rows): name and percent above, the bar below. */
  #renderChart(rows) {
    if (!rows.length) return nothing;
    const t = this.#t;
    const rowHeight = 44;
    const items = rows.map((l) => ({ name: l.name || l.id, percent: Math.max(0, Math.min(100, l.steps.percent)) }));
    const label = t.t('chart.label', {
      items: t.list(items.map((i) => t.t('chart.item', { name: i.name, percent: this.#percent(i.percent) }))),
    });
    return html`<section class="block" aria-labelledby=${this.#id('chart')}>
      <h3 id=${this.#id('chart')}>${t.t('chart.heading')}</h3>
      <svg class="chart" role="img" aria-label=${label} width="100%" height=${items.length * rowHeight} focusable="false">
        <title>${label}</title>
        ${items.map(
          (item, i) => svg`<g transform="translate(0 ${i * rowHeight})">
            <text x="0" y="16" class="chart-name">${item.name}</text>
            <text x="100%" y="16" text-anchor="end" class="chart-value">${this.#percent(item.percent)}</text>
            <rect x="0" y="24" width="100%" height="12" rx="3" class="chart-track"></rect>
            <rect x="0" y="24" width="${item.percent}%" height="12" rx="3" class="chart-bar"></rect>
          </g>`,
        )}
      </svg>
      <p class="note">${t.t('chart.note')}</p>
    </section>`;
  }

  #renderGroups(view) {
    const t = this.#t;
    const names = new Map(view.learners.map((l) => [l.id, l.name || l.id]));
    return html`<section class="block" aria-labelledby=${this.#id('groups')}>
      <h3 id=${this.#id('groups')}>${t.t('groups.heading')}</h3>
      <div class="table-scroll" role="region" aria-labelledby=${this.#id('groups-caption')} tabindex="0">
        <table class="groups-table">
          <caption id=${this.#id('groups-caption')}>${t.t('groups.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" class="text">${t.t('col.group')}</th>
              <th scope="col" class="text">${t.t('col.members')}</th>
              <th scope="col" class="num">${t.t('col.meanPercent')}</th>
              <th scope="col" class="num">${t.t('col.groupSessions')}</th>
              <th scope="col" class="num">${t.t('col.feedbackExchanged')}</th>
            </tr>
          </thead>
          <tbody>
            ${view.groups.map(
              (g) => html`<tr data-group=${g.id}>
                <th scope="row" class="text">${g.id}</th>
                <td class="text">${t.list(g.members.map((m) => names.get(m) ?? m))}</td>
                <td class="num">${this.#percent(g.meanPercent)}</td>
                <td class="num">${t.number(g.sessionsAttended ?? 0)}</td>
                <td class="num">${t.number(g.feedbackExchanged ?? 0)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  /** Who met whom in peer sessions (the core's `met`, docs/events.md): per learner, whom and how often. */
  #renderMet(view) {
    const t = this.#t;
    const names = new Map(view.learners.map((l) => [l.id, l.name || l.id]));
    const partners = new Map();
    for (const { a, b, sessions } of view.met ?? []) {
      if (!partners.has(a)) partners.set(a, []);
      if (!partners.has(b)) partners.set(b, []);
      partners.get(a).push([b, sessions]);
      partners.get(b).push([a, sessions]);
    }
    const rows = view.learners.filter((l) => partners.has(l.id));
    return html`<section class="block met" aria-labelledby=${this.#id('met')}>
      <h3 id=${this.#id('met')}>${t.t('met.heading')}</h3>
      ${rows.length
        ? html`<div class="table-scroll" role="region" aria-labelledby=${this.#id('met-caption')} tabindex="0">
            <table class="met-table">
              <caption id=${this.#id('met-caption')}>${t.t('met.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col" class="text">${t.t('col.name')}</th>
                  <th scope="col" class="text">${t.t('col.met')}</th>
                  <th scope="col" class="num">${t.t('col.metCount')}</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (l) => html`<tr data-learner=${l.id}>
                    <th scope="row" class="text">${names.get(l.id)}</th>
                    <td class="text">${t.list(partners.get(l.id).map(([id, n]) => `${names.get(id) ?? id} (${t.number(n)})`))}</td>
                    <td class="num">${t.number(partners.get(l.id).length)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : html`<p class="met-none">${t.t('met.none')}</p>`}
    </section>`;
  }

  #renderRejected(rejected) {
    const t = this.#t;
    const count = rejected.length;
    this.#eventIndex ??= eventIndex(this.#texts.events);
    const names = new Map(this._view.learners.map((l) => [l.id, l.name || l.id]));
    return html`<section class="block rejected" aria-labelledby=${this.#id('rejected')}>
      <h3 id=${this.#id('rejected')}>${t.t('rejected.heading')}</h3>
      <p data-count=${count}>${count ? t.plural('rejected.count', count) : t.t('rejected.none')}</p>
      ${count
        ? html`<details class="disclosure">
            <summary>${t.plural('rejected.show', count)}</summary>
            <ul class="rejected-list">
              ${rejected.map((r) => this.#renderRejection(r, names))}
            </ul>
          </details>`
        : nothing}
    </section>`;
  }

  #renderRejection(rejection, names) {
    const t = this.#t;
    const event = this.#eventIndex.get(rejection.id);
    const reasonKey = `reason.${rejection.reason}`;
    const reason = reasonKey in t.catalog ? t.t(reasonKey) : t.t('reason.other');
    let what = t.t('rejected.unknownEvent');
    if (event) {
      const typeKey = `type.${event.type}`;
      const at = new Date(event.at);
      what = t.t('rejected.event', {
        type: typeKey in t.catalog ? t.t(typeKey) : String(event.type),
        learner: names.get(event.actor) ?? String(event.actor),
        time: Number.isNaN(at.getTime()) ? String(event.at) : t.dateTimeFormat.format(at),
      });
    }
    return html`<li data-id=${rejection.id} data-reason=${rejection.reason}>
      <p class="reason">${reason}</p>
      <p class="what">${what}</p>
      <p class="ids"><code>${rejection.reason}</code> · <code>${rejection.id}</code></p>
    </li>`;
  }

  #renderExports() {
    const t = this.#t;
    return html`<section class="block exports" aria-labelledby=${this.#id('exports')}>
      <h3 id=${this.#id('exports')}>${t.t('exports.heading')}</h3>
      <p>${t.t('exports.intro')}</p>
      <p class="privacy">${shieldIcon}<span>${t.t('exports.privacy')}</span></p>
      <div class="options">
        <fieldset>
          <legend>${t.t('exports.moodleKey')}</legend>
          ${['email', 'idnumber'].map(
            (key) => html`<label class="choice"
              ><input
                type="radio"
                name="moodle-key"
                value=${key}
                .checked=${this._moodleKey === key}
                @change=${() => (this._moodleKey = key)}
              />${t.t(`exports.moodleKey.${key}`)}</label
            >`,
          )}
        </fieldset>
        <label class="choice bom"
          ><input type="checkbox" .checked=${this._bom} @change=${(e) => (this._bom = e.target.checked)} />${t.t('exports.bom')}</label
        >
      </div>
      <ul class="export-buttons" aria-label=${t.t('exports.downloads')}>
        ${EXPORT_FORMATS.map(
          (format) => html`<li>
            <button type="button" data-format=${format} @click=${() => this.download(format)}>${t.t(`exports.${format}`)}</button>
          </li>`,
        )}
      </ul>
      <p class="export-status" role="status">${this._exportMessage}</p>
      ${this._exportError ? this.#renderError(this._exportError, 'exports.failed', false) : nothing}
    </section>`;
  }

  #renderError(error, titleKey, fatal) {
    return renderError(this.#t, error, titleKey, fatal ? () => this.#load() : null);
  }
}
