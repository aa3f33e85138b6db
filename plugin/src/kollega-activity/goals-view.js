// Goals: set a specific, measurable goal (goal.set), check in on it (goal.checked-in), see the
// progress and when the next check-in is due (goalsView), and celebrate wins (win.celebrated).
import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';

export class GoalsView {
  constructor(host) {
    this.host = host;
    const steps = host.ctx.view.steps;
    this.activity = host.step?.activity?.kind === 'goal' ? host.step.activity : steps.find((s) => s.activity?.kind === 'goal')?.activity ?? null;
    this.draft = { text: '', measure: '' };
    this.checkIn = {};
    this.win = '';
    this.errors = {};
  }

  async init() {
    await this.#load();
  }

  async #load() {
    const { programText, learner, lang } = this.host.ctx;
    this.view = this.host.core.goalsView(programText, await this.host.events(), learner, this.host.now(), lang);
  }

  async #record(fields, errorKey, announce) {
    this.host.clearError();
    this.errors = {};
    try {
      const event = await this.host.app.recordEvent(fields);
      await this.#load();
      this.host.announce(announce);
      return event;
    } catch (error) {
      if (error?.path?.startsWith('/payload/')) this.errors[errorKey] = error;
      else this.host.fail(error);
      return null;
    } finally {
      this.host.requestUpdate();
    }
  }

  async #setGoal(e) {
    e.preventDefault();
    const t = this.host.t;
    const text = this.draft.text.trim();
    const measure = this.draft.measure.trim();
    this.errors = {};
    if (!text) this.errors.text = { code: 'required_goal' };
    if (!measure) this.errors.measure = { code: 'required_measure' };
    if (this.errors.text || this.errors.measure) {
      this.host.requestUpdate();
      await this.host.updateComplete;
      this.host.renderRoot.querySelector(this.errors.text ? '#goal-text' : '#goal-measure')?.focus();
      return;
    }
    const [goal] = this.host.ids(1);
    const saved = await this.#record({ type: 'goal.set', payload: { goal, activity: this.activity.id, text, measure } }, 'text', t.t('goals.setAnnounce'));
    if (saved) {
      // A goal step is done once its goal is set.
      const step = this.host.step && this.host.ctx.view.steps.find((x) => x.id === this.host.step.id);
      if (step && (step.status === 'available' || step.status === 'next')) {
        await this.host.app.completeStep(step.id).catch((error) => this.host.fail(error));
      }
      this.draft = { text: '', measure: '' };
      this.host.requestUpdate();
      await this.host.updateComplete;
      this.host.renderRoot.querySelector(`[data-goal="${saved.payload.goal}"] h4`)?.focus();
    }
  }

  async #checkIn(e, goal) {
    e.preventDefault();
    const t = this.host.t;
    const draft = this.checkIn[goal.goal] ?? { progress: goal.progress ?? 0, note: '' };
    const payload = { goal: goal.goal, progress: Number(draft.progress) };
    if (draft.note.trim()) payload.note = draft.note.trim();
    const saved = await this.#record({ type: 'goal.checked-in', payload }, `check-${goal.goal}`, payload.progress >= 100 ? t.t('goals.reachedAnnounce') : t.t('goals.checkedAnnounce', { progress: payload.progress }));
    if (saved) delete this.checkIn[goal.goal];
  }

  async #celebrate(e) {
    e.preventDefault();
    const text = this.win.trim();
    if (!text) {
      this.errors = { win: { code: 'required_win' } };
      this.host.requestUpdate();
      return;
    }
    if (await this.#record({ type: 'win.celebrated', payload: { text } }, 'win', this.host.t.t('goals.winAnnounce'))) this.win = '';
  }

  #fieldError(key) {
    const error = this.errors[key];
    if (!error) return nothing;
    const t = this.host.t;
    const text = error.code.startsWith('required_') ? t.t(`goals.${error.code}`) : t.errorMessage(error.code);
    return html`<p class="field-error" id="${key}-error">${text}</p>`;
  }

  render() {
    const t = this.host.t;
    const a = this.activity;
    const goals = this.view?.goals ?? [];
    return html`${goals.length
        ? html`<h3>${t.t('goals.yours')}</h3>
            <ul class="goals">${goals.map((g) => this.#renderGoal(g))}</ul>`
        : nothing}
      ${a
        ? html`<form class="card" novalidate @submit=${(e) => this.#setGoal(e)} aria-labelledby="new-goal-heading">
            <h3 id="new-goal-heading">${goals.length ? t.t('goals.another') : t.t('goals.set')}</h3>
            ${a.prompt ? html`<p class="lead">${a.prompt}</p>` : nothing}
            <div class="field">
              <label for="goal-text">${t.t('goals.text')}</label>
              <textarea id="goal-text" rows="2" aria-describedby="goal-text-hint goal-who${this.errors.text ? ' text-error' : ''}" aria-invalid=${this.errors.text ? 'true' : 'false'} .value=${this.draft.text} @input=${(e) => (this.draft.text = e.target.value)}></textarea>
              <p class="hint" id="goal-text-hint">${t.t('goals.specific')}</p>
              ${this.#fieldError('text')}
            </div>
            <div class="field">
              <label for="goal-measure">${t.t('goals.measure')}</label>
              <textarea id="goal-measure" rows="2" aria-describedby="goal-measure-hint goal-who${this.errors.measure ? ' measure-error' : ''}" aria-invalid=${this.errors.measure ? 'true' : 'false'} .value=${this.draft.measure} @input=${(e) => (this.draft.measure = e.target.value)}></textarea>
              <p class="hint" id="goal-measure-hint">${a.measureHint || t.t('goals.measureHint')}</p>
              ${this.#fieldError('measure')}
            </div>
            ${a.examples?.length
              ? html`<details class="disclosure"><summary>${t.t('goals.examples')}</summary><div class="disclosure-body"><ul>${a.examples.map((x) => html`<li>${x}</li>`)}</ul></div></details>`
              : nothing}
            <p class="visibility" id="goal-who">${t.t('visibility.goal')}</p>
            <button type="submit">${t.t('goals.save')}</button>
          </form>`
        : html`<p>${t.t('goals.noActivity')}</p>`}
      <form class="card wins" novalidate @submit=${(e) => this.#celebrate(e)} aria-labelledby="wins-heading">
        <h3 id="wins-heading">${t.t('wins.heading')}</h3>
        ${this.view?.wins?.length ? html`<ul class="win-list">${this.view.wins.map((w) => html`<li><span aria-hidden="true">★</span> ${w.text} <span class="meta">${t.date(w.at)}</span></li>`)}</ul>` : html`<p class="hint">${t.t('wins.none')}</p>`}
        <div class="field">
          <label for="win-text">${t.t('wins.label')}</label>
          <input id="win-text" type="text" aria-describedby="win-who${this.errors.win ? ' win-error' : ''}" aria-invalid=${this.errors.win ? 'true' : 'false'} .value=${this.win} @input=${(e) => (this.win = e.target.value)} />
          ${this.#fieldError('win')}
        </div>
        <p class="visibility" id="win-who">${t.t('visibility.win')}</p>
        <button type="submit" class="secondary">${t.t('wins.share')}</button>
      </form>`;
  }

  #renderGoal(g) {
    const t = this.host.t;
    const progress = g.progress ?? 0;
    const draft = (this.checkIn[g.goal] ??= { progress, note: '' });
    const key = `check-${g.goal}`;
    const id = g.goal.slice(0, 8);
    return html`<li class="card goal" data-goal=${g.goal} data-due=${g.due ? 'true' : 'false'}>
      <h4 tabindex="-1">${g.text}</h4>
      <p class="meta">${t.t('goals.measuredBy', { measure: g.measure })}</p>
      <p id="progress-${id}">${progress >= 100 ? t.t('goals.reached') : t.t('goals.progress', { progress })}</p>
      <div class="bar" role="progressbar" aria-labelledby="progress-${id}" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${progress}>
        <div class="bar-fill" style=${styleMap({ width: `${progress}%` })}></div>
      </div>
      ${progress >= 100 ? html`<p class="celebrate"><span aria-hidden="true">🎉</span> ${t.t('goals.celebrate')}</p>` : nothing}
      ${g.nextCheckIn ? html`<p class="meta ${g.due ? 'due' : ''}">${g.due ? t.t('goals.due') : t.t('goals.next', { date: t.date(g.nextCheckIn) })}</p>` : nothing}
      ${g.checkIns?.length
        ? html`<details class="disclosure"><summary>${t.plural('goals.checkIns', g.checkIns.length)}</summary>
            <div class="disclosure-body"><ul>${g.checkIns.map((c) => html`<li>${t.date(c.at)}: ${c.progress}%${c.note ? ` — ${c.note}` : ''}</li>`)}</ul></div></details>`
        : nothing}
      ${progress < 100
        ? html`<form class="check-in" novalidate @submit=${(e) => this.#checkIn(e, g)}>
            <div class="field">
              <label for="p-${id}">${t.t('goals.checkInProgress')}</label>
              <div class="row">
                <input id="p-${id}" type="range" min="0" max="100" step="5" .value=${String(draft.progress)} aria-valuetext="${draft.progress}%" @input=${(e) => { draft.progress = Number(e.target.value); this.host.requestUpdate(); }} />
                <output for="p-${id}">${draft.progress}%</output>
              </div>
            </div>
            <div class="field">
              <label for="n-${id}">${t.t('goals.note')}</label>
              <input id="n-${id}" type="text" .value=${draft.note} aria-describedby="w-${id}" @input=${(e) => (draft.note = e.target.value)} />
            </div>
            ${this.#fieldError(key)}
            <p class="visibility" id="w-${id}">${t.t('visibility.goal')}</p>
            <button type="submit" class="secondary">${t.t('goals.checkIn')}<span class="visually-hidden">: ${g.text}</span></button>
          </form>`
        : nothing}
    </li>`;
  }
}
