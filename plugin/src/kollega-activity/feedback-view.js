// The observation and feedback form (feedbackForm / feedbackEvent of the session module) and
// the feedback a learner received. The core checks every rule (ratings in scale, the balance
// rule, SBI notes); its errors come back with pointers and are shown at their fields.
import { html, nothing } from 'lit';

/** The form field an error pointer is about: `/answers/ratings/clarity` → `ratings/clarity`. */
export function fieldOf(path) {
  if (path === '/to') return 'to';
  const m = /^\/answers\/(ratings\/[^/]+|worked|improve|sbi)(?:\/|$)/.exec(path ?? '');
  return m ? m[1] : '';
}

const domId = (fieldId) => `f-${fieldId.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/** The people this learner may have observed: those of the last session in this browser. */
function peers(host) {
  const people = host.remember('people');
  return Array.isArray(people) ? people.filter((p) => p.id && p.id !== host.ctx.learner && p.name) : [];
}

export class FeedbackForm {
  constructor(host) {
    this.host = host;
    this.activity = host.step.activity;
    this.answers = { ratings: {}, worked: [''], improve: [''], sbi: { situation: '', behaviour: '', impact: '' } };
    this.to = '';
    this.errors = new Map();
    this.sent = null;
  }

  async init() {
    const { programText, lang } = this.host.ctx;
    this.form = this.host.core.feedbackForm(programText, this.activity.id, lang);
    const worked = this.form.fields.find((f) => f.id === 'worked');
    this.answers.worked = Array.from({ length: Math.max(1, worked?.minItems ?? 1) }, () => '');
    this.peers = peers(this.host);
    this.to = this.peers[0]?.id ?? '';
  }

  #error(fieldId) {
    const problem = this.errors.get(fieldId);
    if (!problem) return nothing;
    return html`<p class="field-error" id="${domId(fieldId)}-error">${this.#message(fieldId, problem)}</p>`;
  }

  #message(fieldId, problem) {
    const t = this.host.t;
    const field = this.form.fields.find((f) => f.id === fieldId);
    if (problem.code === 'unbalanced_feedback' && fieldId === 'worked') return t.plural('feedback.needWorked', field?.minItems ?? 1);
    if (problem.code === 'unbalanced_feedback' && fieldId === 'improve') return t.plural('feedback.tooManyImprove', field?.maxItems ?? 1);
    if (problem.code === 'missing_field' && fieldId.startsWith('ratings/')) return t.t('feedback.rate');
    return t.errorMessage(problem.code);
  }

  #describedBy(fieldId, extra = '') {
    return [`${domId(fieldId)}-who`, this.errors.has(fieldId) ? `${domId(fieldId)}-error` : '', extra].filter(Boolean).join(' ');
  }

  #who(fieldId, field) {
    const t = this.host.t;
    const name = this.peers.find((p) => p.id === this.to)?.name || this.to || t.t('feedback.thePerson');
    const text = field?.visibleTo?.length ? t.t('visibility.feedback', { name }) : t.t('visibility.private');
    return html`<p class="visibility" id="${domId(fieldId)}-who">${text}</p>`;
  }

  async #submit(event) {
    event.preventDefault();
    const host = this.host;
    const t = host.t;
    const { programText, learner } = host.ctx;
    const answers = {
      ratings: this.answers.ratings,
      worked: this.answers.worked.map((s) => s.trim()).filter(Boolean),
      improve: this.answers.improve.map((s) => s.trim()).filter(Boolean),
    };
    const sbi = this.answers.sbi;
    if (this.form.sbi && (sbi.situation.trim() || sbi.behaviour.trim() || sbi.impact.trim())) {
      answers.sbi = { situation: sbi.situation.trim(), behaviour: sbi.behaviour.trim(), impact: sbi.impact.trim() };
    }
    this.errors = new Map();
    host.clearError();
    try {
      const feedback = host.core.feedbackEvent(programText, this.activity.id, answers, learner, this.to.trim(), host.ids(1)[0], host.now());
      this.sent = await host.app.recordEvent(feedback);
      const step = host.ctx.view.steps.find((x) => x.id === host.step.id);
      if (step && (step.status === 'available' || step.status === 'next')) await host.app.completeStep(step.id);
      host.announce(t.t('feedback.sentAnnounce'));
      host.requestUpdate();
      await host.updateComplete;
      host.renderRoot.querySelector('#feedback-sent')?.focus();
      return;
    } catch (error) {
      const problems = error?.problems ?? [];
      for (const p of problems) {
        const field = fieldOf(p.path);
        if (field && !this.errors.has(field)) this.errors.set(field, p);
      }
      if (!this.errors.size) host.fail(error);
    }
    host.requestUpdate();
    await host.updateComplete;
    const first = [...this.errors.keys()][0];
    if (first) host.renderRoot.querySelector(`#${domId(first)}, [data-field="${first}"] input, [data-field="${first}"] textarea`)?.focus();
  }

  render() {
    const t = this.host.t;
    const f = this.form;
    if (this.sent) {
      return html`<div class="saved" id="feedback-sent" tabindex="-1">
        <p>${t.t('feedback.sent', { name: this.peers.find((p) => p.id === this.sent.payload.to)?.name ?? this.sent.payload.to })}</p>
        <p class="visibility">${t.t('visibility.feedback', { name: this.peers.find((p) => p.id === this.sent.payload.to)?.name ?? this.sent.payload.to })}</p>
        <button type="button" class="secondary" @click=${() => { this.sent = null; this.host.requestUpdate(); }}>${t.t('feedback.another')}</button>
      </div>`;
    }
    const list = (field, key) => {
      const items = this.answers[key];
      return html`<fieldset class="list-field" data-field=${key} aria-describedby=${this.#describedBy(key)}>
        <legend>${field.label}</legend>
        <p class="hint">${key === 'worked' ? t.plural('feedback.workedHint', field.minItems ?? 1) : t.plural('feedback.improveHint', field.maxItems ?? 1)}</p>
        ${items.map(
          (value, i) => html`<div class="field">
            <label for=${i === 0 ? domId(key) : `${domId(key)}-${i}`}>${t.t(`feedback.${key}Item`, { n: i + 1 })}</label>
            <textarea
              id=${i === 0 ? domId(key) : `${domId(key)}-${i}`}
              rows="2"
              .value=${value}
              aria-describedby=${this.#describedBy(key)}
              aria-invalid=${this.errors.has(key) ? 'true' : 'false'}
              @input=${(e) => (items[i] = e.target.value)}
            ></textarea>
          </div>`,
        )}
        ${key === 'worked' || items.length < (field.maxItems ?? 1)
          ? html`<button type="button" class="secondary small" @click=${() => { items.push(''); this.host.requestUpdate(); }}>${t.t(`feedback.add.${key}`)}</button>`
          : nothing}
        ${this.#error(key)} ${this.#who(key, field)}
      </fieldset>`;
    };
    return html`${f.focus ? html`<p class="lead">${f.focus}</p>` : nothing}
      <p class="hint">${t.t('feedback.intro')}</p>
      <form novalidate @submit=${(e) => this.#submit(e)}>
        <div class="field" data-field="to">
          <label for=${domId('to')}>${t.t('feedback.to')}</label>
          ${this.peers.length
            ? html`<select id=${domId('to')} aria-describedby=${this.#describedBy('to')} aria-invalid=${this.errors.has('to') ? 'true' : 'false'} @change=${(e) => { this.to = e.target.value; this.host.requestUpdate(); }}>
                ${this.peers.map((p) => html`<option value=${p.id} ?selected=${p.id === this.to}>${p.name}</option>`)}
              </select>`
            : html`<input id=${domId('to')} type="text" .value=${this.to} aria-describedby=${this.#describedBy('to')} aria-invalid=${this.errors.has('to') ? 'true' : 'false'} @input=${(e) => (this.to = e.target.value)} />`}
          ${this.#error('to')} ${this.#who('to', { visibleTo: ['observed'] })}
        </div>
        ${f.fields
          .filter((field) => field.kind === 'rating')
          .map((field) => {
            const item = field.id.slice('ratings/'.length);
            return html`<fieldset class="rating" data-field=${field.id} aria-describedby=${this.#describedBy(field.id)}>
              <legend>${field.label}</legend>
              <div class="scale-options">
                ${Array.from({ length: field.max - field.min + 1 }, (_, k) => field.min + k).map(
                  (value, k) => html`<label class="option">
                    <input
                      type="radio"
                      name=${domId(field.id)}
                      id=${k === 0 ? domId(field.id) : nothing}
                      .value=${String(value)}
                      .checked=${this.answers.ratings[item] === value}
                      @change=${() => (this.answers.ratings[item] = value)}
                    />
                    <span>${value}${field.labels?.[k] ? html` <span class="option-label">${field.labels[k]}</span>` : nothing}</span>
                  </label>`,
                )}
              </div>
              ${this.#error(field.id)} ${this.#who(field.id, field)}
            </fieldset>`;
          })}
        ${f.fields.filter((field) => field.kind === 'list').map((field) => list(field, field.id))}
        ${f.sbi
          ? html`<fieldset class="sbi" data-field="sbi" aria-describedby=${this.#describedBy('sbi')}>
              <legend>${t.t('feedback.sbi')}</legend>
              <p class="hint">${t.t('feedback.sbiHint')}</p>
              ${['situation', 'behaviour', 'impact'].map(
                (part) => html`<div class="field">
                  <label for="${domId('sbi')}-${part}">${t.t(`sbi.${part}`)}</label>
                  <textarea
                    id="${domId('sbi')}-${part}"
                    rows="2"
                    .value=${this.answers.sbi[part]}
                    aria-describedby=${this.#describedBy('sbi')}
                    aria-invalid=${this.errors.has('sbi') ? 'true' : 'false'}
                    @input=${(e) => (this.answers.sbi[part] = e.target.value)}
                  ></textarea>
                </div>`,
              )}
              ${this.#error('sbi')} ${this.#who('sbi', { visibleTo: ['observed', 'group'] })}
            </fieldset>`
          : nothing}
        ${this.errors.size ? html`<p class="form-error" role="alert">${t.plural('feedback.fix', this.errors.size)}</p>` : nothing}
        <div class="actions">
          <button type="submit">${t.t('feedback.send')}</button>
          <p class="visibility">${t.t('visibility.coachCount')}</p>
        </div>
      </form>`;
  }
}

export class FeedbackReceived {
  constructor(host) {
    this.host = host;
    this.items = [];
  }

  async init() {
    const { programText, learner, lang } = this.host.ctx;
    const events = await this.host.events();
    const people = new Map((this.host.remember('people') ?? []).map((p) => [p.id, p.name]));
    const forms = new Map();
    this.items = events
      .filter((e) => e.type === 'feedback.given' && e.payload?.to === learner)
      .sort((a, b) => (a.at < b.at ? 1 : -1))
      .map((e) => {
        if (!forms.has(e.payload.activity)) forms.set(e.payload.activity, this.host.core.feedbackForm(programText, e.payload.activity, lang));
        return { event: e, form: forms.get(e.payload.activity), from: people.get(e.actor) ?? e.actor };
      });
  }

  render() {
    const t = this.host.t;
    if (!this.items.length) return html`<p>${t.t('received.none')}</p>`;
    return html`<p class="hint">${t.t('received.intro')}</p>
      <ul class="received">
        ${this.items.map(({ event, form, from }) => {
          const p = event.payload;
          return html`<li class="card">
            <h3>${t.t('received.from', { name: from, title: form.title })}</h3>
            <p class="meta">${t.date(event.at)}</p>
            <dl class="ratings">
              ${form.fields
                .filter((f) => f.kind === 'rating')
                .map((f) => {
                  const value = p.ratings?.[f.id.slice(8)];
                  const label = f.labels?.[value - f.min];
                  return html`<div><dt>${f.label}</dt><dd>${t.t('received.rating', { value, max: f.max })}${label ? ` — ${label}` : ''}</dd></div>`;
                })}
            </dl>
            ${p.worked?.length ? html`<h4>${t.t('received.worked')}</h4><ul>${p.worked.map((w) => html`<li>${w}</li>`)}</ul>` : nothing}
            ${p.improve?.length ? html`<h4>${t.t('received.improve')}</h4><ul>${p.improve.map((w) => html`<li>${w}</li>`)}</ul>` : nothing}
            ${p.sbi
              ? html`<h4>${t.t('feedback.sbi')}</h4>
                  <dl class="sbi-notes">${['situation', 'behaviour', 'impact'].map((k) => html`<div><dt>${t.t(`sbi.${k}`)}</dt><dd>${p.sbi[k]}</dd></div>`)}</dl>`
              : nothing}
          </li>`;
        })}
      </ul>
      <p class="visibility">${t.t('visibility.received')}</p>`;
  }
}
