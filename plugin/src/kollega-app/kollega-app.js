import { LitElement, html, nothing, unsafeCSS } from 'lit';
import { renderError } from '../error-view/error-view.js';
import { styleMap } from 'lit/directives/style-map.js';
import { loadCore, KollegaError } from '../core/core-loader.js';
import { LocalStore } from '../store/local-store.js';
import { MemoryStore } from '../store/memory-store.js';
import { Translator } from '../i18n/index.js';
import { LanguageController } from '../i18n/language-controller.js';
import { randomUuid, localLearnerId, nextEventTime } from '../util/ids.js';
import { isHosted, selectHost } from '../hosts/select-host.js';
import { renderActivity, renderGroundRules, renderProgramFacts } from './activity-view.js';
import styles from './kollega-app.css';
import theme from '../theme/theme.css';
import errorStyles from '../error-view/error-view.css';

/** Activity kinds with a view in the activities bundle. */
const OPENS = new Set(['session', 'observation', 'role-play', 'goal']);

/** The performance mark set when the path is first on screen (used by bench/browser-first-render.mjs). */
export const FIRST_RENDER_MARK = 'kollega:first-render';

const eyeIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 5C6.5 5 2.7 9.1 1.5 12c1.2 2.9 5 7 10.5 7s9.3-4.1 10.5-7C21.3 9.1 17.5 5 12 5Zm0 11.5a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9Zm0-2.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4Z"/></svg>`;

function asKollegaError(error) {
  // By name too: a host bundle (kollega-scorm.js…) carries its own copy of the class.
  if (error instanceof KollegaError || error?.name === 'KollegaError') return error;
  return new KollegaError('unknown', error instanceof Error ? error.message : String(error), '', { cause: error });
}

async function fetchProgramText(programUrl) {
  if (!programUrl) throw new KollegaError('program_load_failed', 'The element has no program attribute.', '');
  const url = new URL(programUrl, document.baseURI).href;
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  } catch (cause) {
    throw new KollegaError('program_load_failed', `Could not fetch ${url}: ${cause?.message ?? cause}`, '', { cause });
  }
  if (!response.ok) throw new KollegaError('program_load_failed', `Fetching ${url} answered HTTP ${response.status}.`, '');
  // Decode strictly: response.text() would silently turn invalid UTF-8 into U+FFFD and so
  // change the program the admin wrote.
  const bytes = await response.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new KollegaError('program_load_failed', `${url} is not valid UTF-8 text; save the program as UTF-8.`, '', { cause });
  }
}

/**
 * `<kollega-app program="URL" learner="id" wasm-url="URL" lang="sv">`: a learner's path through a
 * peer coaching program (done, next, locked, and why), each step's activity in a disclosure, with
 * "Mark as done" on the steps that are open.
 *
 * @fires kollega-ready - the path is shown; detail `{programId, learner, progress, core}`
 * @fires kollega-step-completed - a step was marked done; detail `{programId, step, event, progress}`
 * @fires kollega-event-recorded - recordEvent stored an event; detail `{programId, event}`
 * @fires kollega-error - something failed; detail `{code, message, path}`
 */
export class KollegaApp extends LitElement {
  static styles = [unsafeCSS(theme), unsafeCSS(errorStyles), unsafeCSS(styles)];

  static properties = {
    /** URL of the program JSON, resolved against the page. */
    program: { type: String },
    /** The learner's id; a stable local id kept in localStorage if absent. */
    learner: { type: String },
    /** URL of kollega-core.wasm; defaults to the file next to kollega.js. */
    wasmUrl: { type: String, attribute: 'wasm-url' },
    /** Program JSON text to show instead of fetching `program` (the admin page's preview). */
    programText: { attribute: false },
    /** Keep events in memory only (a preview): nothing marked as done is stored. Read when connected. */
    ephemeral: { type: Boolean, reflect: true },
    /** Where events live and progress goes: `generic` (default, IndexedDB), `scorm12`, `scorm2004`, `cmi5` (docs/hosts.md). Read once. */
    host: { type: String },
    _phase: { state: true },
    _view: { state: true },
    _error: { state: true },
    _actionError: { state: true },
    _announcement: { state: true },
    _savingStep: { state: true },
    _lang: { state: true },
    _open: { state: true },
  };

  #core = null;
  #programText = '';
  #programId = '';
  #store = null;
  #unsubscribe = null;
  #loadToken = 0;
  #firstRenderMarked = false;
  #translator = null;
  #host = null;
  #hostStart = null;

  constructor() {
    super();
    this.program = '';
    this.learner = '';
    this.wasmUrl = '';
    this.programText = '';
    this.ephemeral = false;
    this.host = 'generic';
    this._phase = 'loading';
    this._view = null;
    this._error = null;
    this._actionError = null;
    this._announcement = '';
    this._savingStep = null;
    this._lang = 'en';
    this._open = null;
    new LanguageController(this, () => {
      if (this._phase === 'ready') this.#refresh().catch((e) => this.#fail(e));
    });
  }

  connectedCallback() {
    super.connectedCallback();
    // A hosted element gets its store from the host (in #load).
    if (this.#store || !isHosted(this.host)) {
      this.#store ??= this.ephemeral ? new MemoryStore() : new LocalStore();
      this.#subscribe();
    }
  }

  #subscribe() {
    this.#unsubscribe?.();
    this.#unsubscribe = this.#store.subscribe((programId) => {
      if (programId === this.#programId && this._phase === 'ready') this.#refresh().catch((e) => this.#fail(e));
    });
  }

  /**
   * The event store (interface of store/local-store.js: warmUp, list, put, subscribe). A host sets
   * it before the element connects (else LocalStore, or MemoryStore when `ephemeral`); setting it
   * later switches stores and reloads.
   */
  get store() {
    return this.#store;
  }

  set store(store) {
    if (store === this.#store) return;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#store = store;
    if (this.isConnected && store) {
      this.#subscribe();
      if (this.hasUpdated) this.#load();
    }
  }

  /** The started host (`{store, learner, notices, onProgress, terminate}`), or null on a generic page. */
  get lmsHost() {
    return this.#host;
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  /** The language in use (`en`, `sv`, `nb`, `nl`): for the UI and the program texts. */
  get language() {
    return this._lang;
  }

  /** The current path view from the core, or null while loading or after a fatal error. */
  get pathView() {
    return this._view;
  }

  /** Reads the events again and re-renders the path (after events were stored elsewhere). */
  refresh() {
    return this.#refresh();
  }

  /** Reloads program, core and events (e.g. after fixing an error). */
  reload() {
    return this.#load();
  }

  /**
   * Marks a step done as the current learner: the core checks and builds the event, the store
   * keeps it, the path is re-rendered. Resolves to the stored event; rejects with a KollegaError.
   */
  async completeStep(stepId) {
    if (this._phase !== 'ready') throw new KollegaError('not_ready', 'The path is not loaded yet.', '');
    const events = await this.#store.list(this.#programId);
    const event = this.#core.completeStep(
      this.#programText,
      events,
      this.#learnerId(),
      stepId,
      randomUuid(),
      nextEventTime(events, this.#learnerId()),
    );
    await this.#store.put(this.#programId, event);
    await this.#refresh();
    return event;
  }

  /**
   * Records an event of the current learner: `fields` is `{type, visibility, payload}` (or the
   * payload's fields beside `type`/`visibility`), docs/events.md. The element adds `id` (unless
   * given), `actor` and `at` (now, unless given); `visibility` defaults to the type's most open
   * one and may not be more open. The learner's core checks the event's shape and, for the path,
   * its rules (a rejection reason such as `step_locked` becomes the error code); rules only the
   * cohort fold knows (e.g. feedback balance) are the caller's to check first (the session
   * module's feedbackEvent does). Then it is stored and the path re-rendered. Resolves to the
   * stored event; rejects with a KollegaError whose path points into the event (`/payload/goal`).
   * The work is done in kollega-activities.js (record-event.js), loaded on the first call, so
   * the first load does not carry it.
   */
  async recordEvent(fields) {
    if (this._phase !== 'ready') throw new KollegaError('not_ready', 'The path is not loaded yet.', '');
    return (await this.#activities()).recordEvent(this, fields);
  }

  /** The lazily loaded activities bundle (kollega-activities.js, next to kollega.js). */
  #activities() {
    return import(/* @vite-ignore */ new URL('kollega-activities.js', import.meta.url).href);
  }

  /**
   * Opens a view of the lazily loaded activities bundle (kollega-activities.js, next to
   * kollega.js): `kind` is a step's activity kind (`session`, `observation`, `role-play`,
   * `goal`) with its `step`, or `schedule`, `feedback` (received) or `goals` without one.
   */
  async openView(kind, step = null) {
    this._actionError = null;
    try {
      await this.#activities();
      this._open = { kind, step };
    } catch (error) {
      this._actionError = new KollegaError('activity_load_failed', String(error?.message ?? error), '');
    }
  }

  /** What the activities bundle needs of the element (kept small: the bundle does the rest). */
  get activityContext() {
    return { core: this.#core, programText: this.#programText, programId: this.#programId, learner: this.#learnerId(), lang: this._lang, view: this._view };
  }

  #closeView(focus) {
    this._open = null;
    this.updateComplete.then(() => this.renderRoot.querySelector(focus ? `[data-open="${CSS.escape(focus)}"]` : '.tools button')?.focus());
  }

  get #t() {
    if (this.#translator?.lang !== this._lang) this.#translator = new Translator(this._lang);
    return this.#translator;
  }

  #learnerId() {
    return this.learner || this.#host?.learner?.id || localLearnerId();
  }

  #emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  firstUpdated() {
    this.#load();
  }

  updated(changed) {
    const sourceChanged = ['program', 'programText', 'wasmUrl', 'learner'].some((p) => changed.has(p) && changed.get(p) !== undefined);
    if (sourceChanged) this.#load();
    if (this._phase === 'ready' && !this.#firstRenderMarked) {
      this.#firstRenderMarked = true;
      performance.mark?.(FIRST_RENDER_MARK, { detail: { program: this.#programId } });
    }
  }

  async #load() {
    const token = ++this.#loadToken;
    this._phase = 'loading';
    this._error = null;
    this._actionError = null;
    this._announcement = '';
    try {
      if (!this.#store) {
        this.#hostStart ??= selectHost(this.host, { element: this, changed: () => this.requestUpdate() }).catch((e) => {
          this.#hostStart = null; // "Try again" tries again
          throw e;
        });
        const host = await this.#hostStart;
        if (!this.#host) {
          this.#host = host;
          this.#store = host.store;
          this.#subscribe();
        }
      }
      this.#store.warmUp();
      const [core, programText] = await Promise.all([
        loadCore({ wasmUrl: this.wasmUrl || undefined }),
        this.programText ? this.programText : fetchProgramText(this.program),
      ]);
      if (token !== this.#loadToken) return;
      // Validate the program and learn its id before touching storage.
      const programId = core.pathView(programText, [], this.#learnerId(), this._lang, new Date().toISOString()).program.id;
      this.#core = core;
      this.#programText = programText;
      this.#programId = programId;
      await this.#refresh(token);
      if (token !== this.#loadToken) return;
      this._phase = 'ready';
      await this.updateComplete;
      this.#emit('kollega-ready', {
        programId,
        learner: this.#learnerId(),
        progress: this._view.progress,
        core: core.version(),
      });
    } catch (error) {
      if (token === this.#loadToken) this.#fail(error);
    }
  }

  async #refresh(token = this.#loadToken) {
    const events = await this.#store.list(this.#programId);
    if (token !== this.#loadToken) return;
    this._view = this.#core.pathView(this.#programText, events, this.#learnerId(), this._lang, new Date().toISOString());
    this.#host?.onProgress(this._view);
  }

  #fail(error) {
    const kollegaError = asKollegaError(error);
    this._phase = 'error';
    this._error = kollegaError;
    this._view = null;
    this.#emit('kollega-error', kollegaError.toJSON());
  }

  async #onMarkDone(step) {
    if (this._savingStep) return;
    this._savingStep = step.id;
    this._actionError = null;
    try {
      const event = await this.completeStep(step.id);
      const view = this._view;
      this._announcement =
        view.progress.done === view.progress.total
          ? `${this.#t.t('announce.completed', { step: step.title })} ${this.#t.t('announce.allDone')}`
          : this.#t.t('announce.completed', { step: step.title });
      this._savingStep = null;
      await this.updateComplete;
      this.#focusAfterCompletion();
      this.#emit('kollega-step-completed', { programId: this.#programId, step: step.id, event, progress: view.progress });
    } catch (error) {
      const kollegaError = asKollegaError(error);
      this._savingStep = null;
      this._actionError = kollegaError;
      // The path may have changed under us (another tab): show the current state with the alert.
      await this.#refresh().catch(() => {});
      this.#emit('kollega-error', kollegaError.toJSON());
    }
  }

  #focusAfterCompletion() {
    const next = this._view?.next;
    const button = next && this.renderRoot.querySelector(`button[data-step="${CSS.escape(next)}"]`);
    (button || this.renderRoot.querySelector('.status-line'))?.focus();
  }

  render() {
    const t = this.#t;
    const ready = this._phase === 'ready' && this._view;
    return html`<section
      class="kollega"
      lang=${t.lang}
      aria-busy=${this._phase === 'loading' ? 'true' : 'false'}
      aria-labelledby=${ready ? 'kollega-title' : nothing}
      aria-label=${ready ? nothing : t.t('regionLabel')}
    >
      ${this._phase === 'loading' ? html`<p class="loading" role="status">${t.t('loading')}</p>` : nothing}
      ${this._phase === 'error' && this._error ? this.#renderError(this._error, 'error.title', true) : nothing}
      ${ready && this._open
        ? html`<kollega-activity
            .app=${this}
            .kind=${this._open.kind}
            .language=${this._lang}
            .step=${this._open.step}
            @kollega-close=${(e) => this.#closeView(e.detail?.focus)}
          ></kollega-activity>`
        : ready
          ? this.#renderPath(this._view)
          : nothing}
      ${this.#host?.notices.map((n) => n.level === 'info'
        ? html`<div class="notice" role="status" data-code=${n.code}>${n.text(t.lang)}</div>`
        : html`<div class="error" role="alert" data-code=${n.code}>${n.text(t.lang)}</div>`)}
    </section>`;
  }

  #renderPath(view) {
    const t = this.#t;
    const { done, total, percent } = view.progress;
    const progressText = t.plural('progress.text', total, { done, total });
    const titles = new Map(view.steps.map((s) => [s.id, s.title]));
    return html`
      <h2 class="title" id="kollega-title">${view.program.title}</h2>
      ${view.program.description ? html`<p class="description">${view.program.description}</p>` : nothing}
      ${renderProgramFacts(t, view.program)} ${renderGroundRules(t, view.program.groundRules)}
      <div class="tools">
        ${['schedule', 'goals', 'feedback'].map(
          (kind) => html`<button type="button" class="secondary" data-open=${kind} @click=${() => this.openView(kind)}>${t.t(`open.${kind}`)}</button>`,
        )}
      </div>
      <div class="progress">
        <p class="progress-text" id="kollega-progress">${progressText}</p>
        <div
          class="bar"
          role="progressbar"
          aria-labelledby="kollega-progress"
          aria-valuemin="0"
          aria-valuemax="100"
          aria-valuenow=${percent}
          aria-valuetext=${progressText}
        >
          <div class="bar-fill" style=${styleMap({ width: `${percent}%` })}></div>
        </div>
        ${this.#renderGrade(view.grade)}
      </div>
      <ol class="steps" aria-label=${t.t('steps.heading')}>
        ${view.steps.map((step, index) => this.#renderStep(step, index, view.next, titles))}
      </ol>
      <p class="status-line" role="status" tabindex="-1">${this._announcement}</p>
      ${this._actionError ? this.#renderError(this._actionError, 'error.actionTitle', false) : nothing}
    `;
  }

  /** The learner's own grade (pathView.grade): the score of 100 and, in words, passed or not. */
  #renderGrade(grade) {
    if (!grade) return nothing;
    const t = this.#t;
    const params = { score: t.number(grade.scoreGiven), max: t.number(grade.scoreMaximum) };
    return html`<p class="grade" data-passed=${grade.passed}>${t.t(grade.passed ? 'grade.passed' : 'grade.pending', params)}</p>`;
  }

  #renderStep(step, index, next, titles) {
    const t = this.#t;
    const status = step.status === 'available' && step.id === next ? 'next' : step.status;
    const titleId = `kollega-step-${index}`;
    const saving = this._savingStep === step.id;
    return html`<li class="step" data-status=${status} data-step-id=${step.id} aria-current=${status === 'next' ? 'step' : nothing}>
      <div class="step-head">
        <span class="marker" aria-hidden="true">${status === 'done' ? '✓' : index + 1}</span>
        <h3 class="step-title" id=${titleId}>${step.title}</h3>
        <span class="badge badge-${status}">${t.t(`status.${status}`)}</span>
      </div>
      ${step.description ? html`<p class="step-description">${step.description}</p>` : nothing}
      ${status === 'done' && step.completedAt
        ? html`<p class="meta">${t.t('step.completedOn', { date: t.date(step.completedAt) })}</p>`
        : nothing}
      ${status === 'locked' ? this.#renderLockReasons(step, titles) : nothing}
      ${renderActivity(t, step)}
      ${OPENS.has(step.activity?.kind) && status !== 'locked'
        ? html`<button type="button" class="secondary" data-open=${step.id} @click=${() => this.openView(step.activity.kind, step)}>
            ${t.t(`open.${step.activity.kind}`)}<span class="visually-hidden">: ${step.title}</span>
          </button>`
        : nothing}
      ${status === 'next' || status === 'available'
        ? html`<div class="actions">
            <button
              type="button"
              data-step=${step.id}
              aria-describedby="${titleId}-visibility"
              aria-disabled=${this._savingStep ? 'true' : 'false'}
              @click=${() => this.#onMarkDone(step)}
            >
              ${saving ? t.t('step.saving') : t.t('step.markDone')}<span class="visually-hidden">: ${step.title}</span>
            </button>
            <p class="visibility" id="${titleId}-visibility">${eyeIcon}<span>${t.t('visibility.coach')}</span></p>
          </div>`
        : nothing}
    </li>`;
  }

  /** Why a locked step waits: for steps (by title), for a date, for attended sessions. */
  #renderLockReasons(step, titles) {
    const t = this.#t;
    const reasons = [];
    if (step.blockedBy?.length) {
      reasons.push(['prerequisites', t.t('step.blockedBy', { steps: t.list(step.blockedBy.map((id) => titles.get(id) ?? id)) })]);
    }
    if (step.notBefore) reasons.push(['date', t.t('step.opensOn', { date: t.moment(step.notBefore) })]);
    const sessions = step.sessions;
    if (sessions && sessions.attended < sessions.required) {
      const attended = t.plural('step.attended', sessions.attended);
      reasons.push(['sessions', t.plural('step.afterSessions', sessions.required, { attended })]);
    }
    return reasons.map(([reason, text]) => html`<p class="meta" data-reason=${reason}>${text}</p>`);
  }

  #renderError(error, titleKey, fatal) {
    return renderError(this.#t, error, titleKey, fatal ? () => this.#load() : null);
  }
}
