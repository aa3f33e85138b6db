// The role-play player: the scenario, each person's role card with the cues for the current
// stage, the swap between runs and the observer's checklist (rolePlayView / rolePlayAct).
import { html, nothing } from 'lit';
import { People } from './people.js';

export class RolePlayPlayer {
  constructor(host) {
    this.host = host;
    this.activity = host.step.activity;
    this.people = new People(host, 2);
    this.state = null;
    this.view = null;
    this.saved = null;
    this.names = new Map();
  }

  #act(action) {
    const { programText, lang } = this.host.ctx;
    const core = this.host.core;
    try {
      this.host.clearError();
      const before = this.view;
      this.state = core.rolePlayAct(programText, this.activity.id, this.state, action);
      this.view = core.rolePlayView(programText, this.activity.id, this.state, lang);
      const t = this.host.t;
      if (this.view.done) this.host.announce(t.t('roleplay.doneAnnounce'));
      else if (before && before.run !== this.view.run) this.host.announce(t.t('roleplay.swappedAnnounce', { run: this.view.run + 1, runs: this.view.runs }));
      else this.host.announce(t.t('roleplay.stageAnnounce', { stage: this.view.stage?.title ?? '' }));
    } catch (error) {
      this.host.fail(error);
    }
    this.host.requestUpdate();
    this.host.updateComplete.then(() => this.host.renderRoot.querySelector('#stage-heading, #roleplay-done')?.focus());
  }

  #start() {
    const members = this.people.members();
    if (!members) return;
    const { programText, lang } = this.host.ctx;
    try {
      this.host.clearError();
      this.names = new Map(members.map((m) => [m.id, m.name]));
      this.state = { members: members.map((m) => m.id), run: 0, stage: 0 };
      this.view = this.host.core.rolePlayView(programText, this.activity.id, this.state, lang);
    } catch (error) {
      this.host.fail(error);
    }
    this.host.requestUpdate();
    this.host.updateComplete.then(() => this.host.renderRoot.querySelector('#stage-heading')?.focus());
  }

  async #save() {
    const { programText } = this.host.ctx;
    try {
      this.host.clearError();
      const ids = this.host.ids(this.state.members.length * Math.max(1, this.view.runs));
      const { events } = this.host.core.rolePlayEvents(programText, this.activity.id, this.state, ids, this.host.now());
      await this.host.storeEvents(events);
      const step = this.host.ctx.view.steps.find((s) => s.id === this.host.step.id);
      if (step && (step.status === 'available' || step.status === 'next')) await this.host.app.completeStep(step.id);
      this.saved = events.length;
      this.host.announce(this.host.t.t('roleplay.savedAnnounce'));
    } catch (error) {
      this.host.fail(error);
    }
    this.host.requestUpdate();
  }

  render() {
    const t = this.host.t;
    const a = this.activity;
    if (!this.view) {
      return html`${a.scenario ? html`<h3>${t.t('roleplay.scenario')}</h3><p class="lead">${a.scenario}</p>` : nothing}
        <p class="hint">${t.t('roleplay.intro')}</p>
        ${this.people.render()}
        <div class="actions"><button type="button" id="start-roleplay" @click=${() => this.#start()}>${t.t('roleplay.start')}</button></div>`;
    }
    const v = this.view;
    if (v.done) {
      return html`<div class="saved" id="roleplay-done" tabindex="-1">
        <p>${t.t('roleplay.done')}</p>
        ${this.saved === null
          ? html`<button type="button" id="save-roleplay" @click=${() => this.#save()}>${t.t('roleplay.save')}</button>`
          : html`<p role="status">${t.plural('roleplay.saved', this.saved)}</p>`}
        <p class="visibility">${t.t('visibility.roleplay')}</p>
      </div>`;
    }
    return html`<details class="disclosure"><summary>${t.t('roleplay.scenario')}</summary><div class="disclosure-body"><p>${v.scenario}</p></div></details>
      <p class="meta">${t.t('roleplay.run', { run: v.run + 1, runs: v.runs })}</p>
      <h3 id="stage-heading" tabindex="-1">${t.t('roleplay.stage', { n: v.stages.findIndex((s) => s.id === v.stage.id) + 1, count: v.stages.length, title: v.stage.title })}</h3>
      ${v.stage.minutes ? html`<p class="meta">${t.t('minutes', { count: v.stage.minutes })}</p>` : nothing}
      <div class="cards">
        ${v.people.map(
          (p) => html`<section class="role-card" data-member=${p.member} data-role=${p.role?.id ?? 'observer'} aria-labelledby="card-${p.member}">
            <h4 id="card-${p.member}">${this.names.get(p.member) ?? p.member}: ${p.role ? p.role.name : t.t('role.observer')}</h4>
            ${p.role?.goal ? html`<p>${t.t('roleplay.goal', { goal: p.role.goal })}</p>` : nothing}
            ${p.role?.cues?.length ? html`<p class="label">${t.t('roleplay.cues')}</p><ul>${p.role.cues.map((c) => html`<li>${c}</li>`)}</ul>` : nothing}
            ${p.observer && v.checklist
              ? html`<p class="label">${t.t('roleplay.checklist', { title: v.checklist.title })}</p>
                  <ul class="checklist">${v.checklist.items.map((i) => html`<li>${i.label}</li>`)}</ul>`
              : nothing}
          </section>`,
        )}
      </div>
      ${v.swapNext ? html`<p class="note swap">${t.t('roleplay.swapNext')}</p>` : nothing}
      <div class="controls">
        <button type="button" class="secondary" data-action="back" @click=${() => this.#act({ type: 'back' })}>${t.t('roleplay.back')}</button>
        <button type="button" data-action="next" @click=${() => this.#act({ type: 'next' })}>${v.swapNext ? t.t('roleplay.swap') : t.t('roleplay.next')}</button>
      </div>`;
  }
}
