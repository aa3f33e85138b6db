// The session runner: a facilitator on the screen. The session module owns the plan, the clock
// arithmetic, roles, overtime and fair time (docs/sessions.md); this keeps the state, ticks once
// a second, renders what sessionView says and turns clicks into actions.
import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { People } from './people.js';

const pad = (n) => String(n).padStart(2, '0');
/** `14:05` for a timer. */
export const clock = (seconds) => `${Math.floor(seconds / 60)}:${pad(seconds % 60)}`;

export class SessionRunner {
  constructor(host) {
    this.host = host;
    this.activity = host.step.activity;
    this.people = new People(host, 2);
    this.state = null;
    this.view = null;
    this.timer = null;
    this.saved = null;
    this.busy = false;
  }

  get #key() {
    return `session.${this.activity.id}`;
  }

  async init() {
    const { learner } = this.host.ctx;
    const events = await this.host.events();
    const mine = (type) => events.filter((e) => e.type === type && e.actor === learner);
    this.sessionNumber = 1 + mine('session.attended').filter((e) => e.payload?.activity === this.activity.id).length;
    this.agreed = mine('ground-rules.agreed')[0] ?? null;
    this.groundRules = this.host.ctx.view.program.groundRules;
    const saved = this.host.remember(this.#key);
    if (saved?.state) {
      this.state = saved.state;
      this.#refresh();
      this.#startTimer();
    }
  }

  dispose() {
    clearInterval(this.timer);
    this.timer = null;
  }

  /** Ticks once a second, counted from the last action, so the timer turns at whole seconds of the part. */
  #startTimer() {
    clearInterval(this.timer);
    this.timer = setInterval(() => this.#tick(), 1000);
  }

  /** Re-reads the view for the current time and announces what changed. */
  #refresh() {
    const t = this.host.t;
    const before = this.view;
    this.view = this.host.core.sessionView(this.state, this.host.now());
    const now = this.view.current;
    if (before && now && before.current?.index !== now.index) {
      const who = now.focusName ? t.t('session.turnOf', { name: now.focusName }) : '';
      this.host.announce(t.t('session.nowPhase', { title: now.title, who, minutes: Math.round(now.boxSeconds / 60) }));
    } else if (before?.current && now && before.current.overtime !== now.overtime && now.overtime !== 'none') {
      this.host.announce(t.t(`overtime.${now.overtime}.announce`));
    }
    if (this.view.status === 'ended') this.dispose();
  }

  #tick() {
    try {
      this.#refresh();
    } catch (error) {
      this.host.fail(error);
      this.dispose();
    }
    this.host.requestUpdate();
  }

  #act(action) {
    try {
      this.host.clearError();
      this.state = this.host.core.sessionAct(this.state, action, this.host.now());
      this.host.remember(this.#key, { state: this.state });
      this.#refresh();
      if (this.view.status === 'running' || this.view.status === 'paused') this.#startTimer();
      if (this.view.status === 'paused') this.host.announce(this.host.t.t('session.pausedAnnounce'));
      if (this.view.status === 'running' && action.type === 'resume') this.host.announce(this.host.t.t('session.resumedAnnounce'));
      if (this.view.status === 'ended' && action.type !== 'plan') {
        this.host.announce(this.host.t.t('session.endedAnnounce'));
        this.host.updateComplete.then(() => this.host.renderRoot.querySelector('#fair-time-heading')?.focus());
      }
    } catch (error) {
      this.host.fail(error);
    }
    this.host.requestUpdate();
  }

  async #agree() {
    try {
      this.host.clearError();
      this.agreed = await this.host.app.recordEvent({ type: 'ground-rules.agreed', payload: {} });
      this.host.announce(this.host.t.t('rules.agreedAnnounce'));
      this.host.updateComplete.then(() => this.host.renderRoot.querySelector('#start-session')?.focus());
    } catch (error) {
      this.host.fail(error);
    }
    this.host.requestUpdate();
  }

  async #start() {
    const members = this.people.members();
    if (!members) return;
    try {
      this.host.clearError();
      const { programText, lang } = this.host.ctx;
      const events = await this.host.events();
      const now = this.host.now();
      const state = this.host.core.sessionStart(programText, this.activity.id, members, events, this.sessionNumber, lang, now);
      this.state = this.host.core.sessionAct(state, { type: 'start' }, now);
      this.host.remember(this.#key, { state: this.state });
      this.#refresh();
      this.#startTimer();
      const first = this.view.current;
      this.host.announce(this.host.t.t('session.nowPhase', { title: first?.title ?? '', who: '', minutes: Math.round((first?.boxSeconds ?? 0) / 60) }));
      await this.host.updateComplete;
      this.host.renderRoot.querySelector('.now h3')?.focus();
    } catch (error) {
      this.host.fail(error);
    }
    this.host.requestUpdate();
  }

  async #save() {
    if (this.busy) return;
    this.busy = true;
    try {
      this.host.clearError();
      const ids = this.host.ids(this.view.eventsNeeded);
      const { events } = this.host.core.sessionEvents(this.state, ids, this.host.now());
      await this.host.storeEvents(events);
      const step = this.host.step;
      const path = this.host.ctx.view.steps.find((s) => s.id === step.id);
      if (path && (path.status === 'available' || path.status === 'next')) await this.host.app.completeStep(step.id);
      this.saved = {
        attended: events.filter((e) => e.type === 'session.attended').length,
        plans: events.filter((e) => e.type !== 'session.attended').length,
      };
      this.host.remember(this.#key, null);
      this.host.announce(this.host.t.t('session.savedAnnounce'));
      await this.host.updateComplete;
      this.host.renderRoot.querySelector('#session-saved')?.focus();
    } catch (error) {
      this.host.fail(error);
    }
    this.busy = false;
    this.host.requestUpdate();
  }

  #restart() {
    this.state = null;
    this.view = null;
    this.saved = null;
    this.sessionNumber += 1;
    this.host.requestUpdate();
  }

  render() {
    if (!this.state) return this.#renderSetup();
    if (this.view.status === 'ended') return this.#renderEnd();
    return this.#renderRunning();
  }

  #renderAgenda(slots, currentIndex) {
    const t = this.host.t;
    const names = new Map((this.view.roles ?? []).map((r) => [r.member, r.name]));
    return html`<ol class="agenda-run" aria-label=${t.t('session.agenda')}>
      ${slots.map((slot, i) => {
        const state = i === currentIndex ? 'current' : slot.state;
        return html`<li data-state=${state} aria-current=${i === currentIndex ? 'step' : nothing}>
          <span class="slot-title">${slot.title}${slot.focus ? html` — ${t.t('session.turnOf', { name: names.get(slot.focus) ?? slot.focus })}` : nothing}</span>
          <span class="time">${t.t('minutes', { count: Math.round(slot.boxSeconds / 60) })}</span>
          <span class="slot-state">${t.t(`slot.${state}`)}</span>
        </li>`;
      })}
    </ol>`;
  }

  #renderSetup() {
    const t = this.host.t;
    const a = this.activity;
    const rules = this.groundRules;
    const needsAgreement = rules && !this.agreed;
    return html`<p class="lead">${t.t('session.intro')}</p>
      <p class="meta">${t.t('session.number', { n: this.sessionNumber })} · ${t.t('minutes', { count: a.minutes })}</p>
      <h3>${t.t('session.agenda')}</h3>
      <ol class="agenda-preview">
        ${(a.agenda ?? []).map((p) => html`<li><span>${p.title}</span> <span class="time">${t.t('minutes', { count: p.minutes })}</span>
          ${p.perPerson ? html`<span class="hint">${t.t('session.perPerson')}</span>` : nothing}</li>`)}
      </ol>
      ${this.people.render()}
      ${rules
        ? needsAgreement
          ? html`<section class="rules" aria-labelledby="rules-heading">
              <h3 id="rules-heading">${t.t('rules.heading')}</h3>
              <p>${t.t('rules.intro')}</p>
              ${rules.rules?.length ? html`<ul>${rules.rules.map((r) => html`<li>${r}</li>`)}</ul>` : nothing}
              ${rules.confidentiality ? html`<h4>${t.t('rules.confidentiality')}</h4><p>${rules.confidentiality}</p>` : nothing}
              <button type="button" id="agree" @click=${() => this.#agree()}>${t.t('rules.agree')}</button>
              <p class="visibility">${t.t('visibility.agreed')}</p>
            </section>`
          : html`<p class="note agreed">${t.t('rules.agreedOn', { date: t.date(this.agreed.at) })}</p>`
        : nothing}
      <div class="actions">
        <button
          type="button"
          id="start-session"
          aria-disabled=${needsAgreement ? 'true' : 'false'}
          aria-describedby=${needsAgreement ? 'start-hint' : nothing}
          @click=${() => (needsAgreement ? this.host.renderRoot.querySelector('#agree')?.focus() : this.#start())}
        >
          ${t.t('session.start')}
        </button>
        ${needsAgreement ? html`<p class="hint" id="start-hint">${t.t('session.agreeFirst')}</p>` : nothing}
      </div>`;
  }

  #renderRunning() {
    const t = this.host.t;
    const v = this.view;
    const c = v.current;
    const paused = v.status === 'paused';
    const percent = c ? Math.min(100, Math.round((100 * c.elapsedSeconds) / Math.max(1, c.boxSeconds))) : 0;
    return html`<p class="meta">
        ${t.t('session.number', { n: v.sessionNumber })} ·
        ${t.t('session.elapsed', { elapsed: clock(v.elapsedSeconds), planned: t.t('minutes', { count: Math.round(v.plannedSeconds / 60) }) })}
      </p>
      ${c
        ? html`<section class="now" data-overtime=${c.overtime} data-paused=${paused} aria-labelledby="now-heading">
            <h3 id="now-heading" tabindex="-1">${c.title}</h3>
            ${c.focus ? html`<p class="focus">${t.t('session.turnOf', { name: c.focusName ?? c.focus })}</p>` : nothing}
            <p class="timer-line">
              <span class="timer-label">${c.overtimeSeconds > 0 ? t.t('timer.over') : t.t('timer.left')}</span>
              <span class="timer" role="timer">${clock(c.overtimeSeconds > 0 ? c.overtimeSeconds : c.remainingSeconds)}</span>
              <span class="timer-of">${t.t('timer.of', { box: t.t('minutes', { count: Math.round(c.boxSeconds / 60) }) })}</span>
              ${paused ? html`<span class="badge paused">${t.t('session.paused')}</span>` : nothing}
            </p>
            <div class="slot-bar" aria-hidden="true"><div class="slot-fill" style=${styleMap({ width: `${percent}%` })}></div></div>
            ${c.overtime !== 'none' ? html`<p class="overtime" data-level=${c.overtime}>${t.t(`overtime.${c.overtime}`)}</p>` : nothing}
          </section>`
        : nothing}
      <div class="controls" role="group" aria-label=${t.t('session.controls')}>
        ${paused
          ? html`<button type="button" data-action="resume" @click=${() => this.#act({ type: 'resume' })}>${t.t('action.resume')}</button>`
          : html`<button type="button" data-action="pause" class="secondary" @click=${() => this.#act({ type: 'pause' })}>${t.t('action.pause')}</button>`}
        <button type="button" data-action="next" @click=${() => this.#act({ type: 'next' })}>
          ${v.next ? t.t('action.next', { title: v.next.focusName ? t.t('session.turnOf', { name: v.next.focusName }) : v.next.title }) : t.t('action.finish')}
        </button>
        <button type="button" data-action="extend" class="secondary" @click=${() => this.#act({ type: 'extend', minutes: 5 })}>${t.t('action.extend', { minutes: 5 })}</button>
        <button type="button" data-action="skip" class="secondary" @click=${() => this.#act({ type: 'skip' })}>${t.t('action.skip')}</button>
        <button type="button" data-action="end" class="secondary" @click=${() => this.#act({ type: 'end' })}>${t.t('action.end')}</button>
      </div>
      ${this.#renderRoles(v.roles)}
      ${v.questions?.length
        ? html`<section class="questions" aria-labelledby="questions-heading">
            <h3 id="questions-heading">${t.t('session.questions')}</h3>
            <p class="hint">${t.t('session.questionsHint')}</p>
            <ul>${v.questions.map((q) => html`<li>${q}</li>`)}</ul>
          </section>`
        : nothing}
      ${v.previousPlans?.length
        ? html`<section class="previous" aria-labelledby="previous-heading">
            <h3 id="previous-heading">${t.t('session.previousPlans')}</h3>
            <p class="hint">${t.t('session.previousHint')}</p>
            <ul>${v.previousPlans.map((p) => html`<li><strong>${p.name ?? p.member}:</strong> ${p.text}</li>`)}</ul>
          </section>`
        : nothing}
      ${c?.kind === 'action-plan' || c?.phase === 'action-plan' ? this.#renderPlans() : nothing}
      ${this.#renderAgenda(v.slots, c?.index ?? -1)}`;
  }

  #renderRoles(roles) {
    const t = this.host.t;
    if (!roles?.length) return nothing;
    return html`<section class="roles-now" aria-labelledby="roles-heading">
      <h3 id="roles-heading">${t.t('session.roles')}</h3>
      <ul class="role-list">
        ${roles.map(
          (r) => html`<li data-member=${r.member} data-role=${r.role ?? 'none'}>
            <span class="person">${r.name ?? r.member}</span>
            <span class="role">${r.role ? t.t(`role.${r.role}`) : t.t('role.none')}</span>
            ${r.role ? html`<span class="hint">${t.t(`role.${r.role}.does`)}</span>` : nothing}
          </li>`,
        )}
      </ul>
    </section>`;
  }

  #renderPlans() {
    const t = this.host.t;
    const members = this.view.roles?.length ? this.view.roles : [];
    const plans = new Map((this.view.plans ?? []).map((p) => [p.member, p.text]));
    return html`<section class="plans" aria-labelledby="plans-heading">
      <h3 id="plans-heading">${t.t('plans.heading')}</h3>
      <p class="hint">${t.t('plans.hint')}</p>
      ${members.map(
        (m, i) => html`<div class="field">
          <label for="plan-${i}">${t.t('plans.label', { name: m.name ?? m.member })}</label>
          <textarea
            id="plan-${i}"
            rows="2"
            aria-describedby="plans-visibility"
            .value=${plans.get(m.member) ?? ''}
            @change=${(e) => this.#act({ type: 'plan', member: m.member, text: e.target.value.trim() })}
          ></textarea>
        </div>`,
      )}
      <p class="visibility" id="plans-visibility">${t.t('visibility.plans')}</p>
    </section>`;
  }

  #renderEnd() {
    const t = this.host.t;
    const fair = this.view.fairTime;
    const spread = fair?.members?.length ? Math.max(...fair.members.map((m) => Math.abs(m.percentOfShare - 100))) : 0;
    return html`<section class="fair-time" aria-labelledby="fair-time-heading">
        <h3 id="fair-time-heading" tabindex="-1">${t.t('fair.heading')}</h3>
        <p>${t.t(spread <= 10 ? 'fair.even' : 'fair.uneven')}</p>
        <table>
          <caption class="visually-hidden">${t.t('fair.caption')}</caption>
          <thead>
            <tr><th scope="col">${t.t('fair.person')}</th><th scope="col">${t.t('fair.focus')}</th><th scope="col">${t.t('fair.share')}</th><th scope="col">${t.t('fair.difference')}</th></tr>
          </thead>
          <tbody>
            ${(fair?.members ?? []).map(
              (m) => html`<tr data-member=${m.member}>
                <th scope="row">${m.name ?? m.member}</th>
                <td>${clock(m.focusSeconds)}</td>
                <td>${clock(m.shareSeconds)}</td>
                <td>${m.differenceSeconds === 0 ? '±0:00' : `${m.differenceSeconds > 0 ? '+' : '−'}${clock(Math.abs(m.differenceSeconds))}`}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </section>
      ${this.saved
        ? html`<div class="saved" id="session-saved" tabindex="-1" role="status">
            <p>${t.t('session.saved', { attended: this.saved.attended, plans: this.saved.plans })}</p>
            <p class="visibility">${t.t('visibility.attended')}</p>
            <button type="button" class="secondary" @click=${() => this.#restart()}>${t.t('session.again')}</button>
          </div>`
        : html`${this.#renderPlans()}
            <div class="actions">
              <button type="button" id="save-session" aria-disabled=${this.busy ? 'true' : 'false'} @click=${() => this.#save()}>${t.t('session.save')}</button>
              <p class="visibility">${t.t('visibility.attended')}</p>
            </div>`}
      ${this.#renderAgenda(this.view.slots, -1)}`;
  }
}
