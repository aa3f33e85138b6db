/**
 * `<kollega-activity>`: the lazily loaded views of <kollega-app> (kollega-activities.js): the
 * session runner, the observation and feedback form, feedback received, the role-play player,
 * goals, and the schedule with its reminder centre. <kollega-app> renders it in place of the path
 * with `.app` (the element: store, recordEvent, completeStep, activityContext), `.kind` and
 * `.step`; it fires `kollega-close` (detail `{focus}`) when the learner goes back.
 * Every rule and number comes from the session module (docs/sessions.md); this renders them.
 */
import { LitElement, html, nothing, unsafeCSS } from 'lit';
import { renderError } from '../error-view/error-view.js';
import { Translator } from '../i18n/translator.js';
import { KollegaError } from '../core/kollega-error.js';
import { randomUuid } from '../util/ids.js';
import { activityCatalogs } from './i18n/index.js';
import { loadSessionCore } from './session-core.js';
import { checkAndStore } from './record-event.js';
import { SessionRunner } from './session-runner.js';
import { FeedbackForm, FeedbackReceived } from './feedback-view.js';
import { RolePlayPlayer } from './role-play-view.js';
import { GoalsView } from './goals-view.js';
import { ScheduleView } from './schedule-view.js';
import theme from '../theme/theme.css';
import errorStyles from '../error-view/error-view.css';
import styles from './kollega-activity.css';

const VIEWS = {
  session: SessionRunner,
  observation: FeedbackForm,
  feedback: FeedbackReceived,
  'role-play': RolePlayPlayer,
  goal: GoalsView,
  goals: GoalsView,
  schedule: ScheduleView,
};

/** Turns anything thrown into a KollegaError. */
export function asKollegaError(error) {
  // By name: errors of kollega.js's own copy of the class (the learner's core) count too.
  if (error?.name === 'KollegaError') return error;
  return new KollegaError('unknown', error instanceof Error ? error.message : String(error), '', { cause: error });
}

export class KollegaActivity extends LitElement {
  static styles = [unsafeCSS(theme), unsafeCSS(errorStyles), unsafeCSS(styles)];

  static properties = {
    app: { attribute: false },
    kind: { type: String },
    step: { attribute: false },
    language: { type: String },
    _core: { state: true },
    _ready: { state: true },
    _error: { state: true },
    _announcement: { state: true },
  };

  #view = null;
  #translator = null;

  constructor() {
    super();
    this.app = null;
    this.kind = '';
    this.step = null;
    this.language = 'en';
    this._core = null;
    this._ready = false;
    this._error = null;
    this._announcement = '';
  }

  /** The translator for the app's language. */
  get t() {
    const lang = this.app?.language ?? this.language;
    if (this.#translator?.lang !== lang) this.#translator = new Translator(lang, activityCatalogs);
    return this.#translator;
  }

  /** The session module, once loaded. */
  get core() {
    return this._core;
  }

  /** `{core, programText, programId, learner, lang, view}` of <kollega-app>. */
  get ctx() {
    return this.app.activityContext;
  }

  /** The current time as RFC 3339 (the test may drive the clock). */
  now() {
    return new Date().toISOString();
  }

  /** Every stored event of the program. */
  events() {
    return this.app.store.list(this.ctx.programId);
  }

  /** Says something politely to screen readers (a status region). */
  announce(text) {
    this._announcement = '';
    this.updateComplete.then(() => {
      this._announcement = text;
    });
  }

  /** Fresh UUIDs. */
  ids(count) {
    return Array.from({ length: count }, () => randomUuid());
  }

  /**
   * Stores events built by the session module for the people of a one-screen session (each
   * event's actor is its person): the learner's own core checks each against the log first.
   */
  storeEvents(events) {
    return checkAndStore(this.app, events);
  }

  /** Keeps a small value for this program in localStorage (the people of the last session…). */
  remember(key, value) {
    const name = `kollega.${this.ctx.programId}.${key}`;
    try {
      if (value === undefined) return JSON.parse(localStorage.getItem(name) ?? 'null');
      if (value === null) localStorage.removeItem(name);
      else localStorage.setItem(name, JSON.stringify(value));
    } catch {
      return null;
    }
    return value;
  }

  /** Shows an error in the view's alert area. */
  fail(error) {
    this._error = asKollegaError(error);
  }

  clearError() {
    this._error = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.#start();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.#view?.dispose?.();
  }

  async #start() {
    try {
      const View = VIEWS[this.kind];
      if (!View) throw new KollegaError('unknown_view', `No view for ${this.kind}.`, '');
      this._core = await loadSessionCore();
      this.#view = new View(this);
      await this.#view.init?.();
      this._ready = true;
      await this.updateComplete;
      this.renderRoot.querySelector('h2')?.focus();
    } catch (error) {
      this.fail(error);
    }
  }

  #close() {
    this.#view?.dispose?.();
    this.dispatchEvent(new CustomEvent('kollega-close', { detail: { focus: this.step?.id ?? this.kind }, bubbles: true, composed: true }));
  }

  render() {
    const t = this.t;
    const title = this.step?.title ?? t.t(`title.${this.kind}`);
    return html`<div class="activity" data-kind=${this.kind}>
      <button type="button" class="back secondary" @click=${() => this.#close()}>
        <span aria-hidden="true">←</span> ${t.t('back')}
      </button>
      <h2 tabindex="-1">${title}</h2>
      ${this._ready ? this.#view.render() : this._error ? nothing : html`<p class="loading" role="status">${t.t('loading')}</p>`}
      ${this._error ? renderError(t, this._error, 'error.title', null) : nothing}
      <p class="visually-hidden" role="status" aria-live="polite">${this._announcement}</p>
    </div>`;
  }
}
