// The people in the room, for a one-screen session or role-play: the learner first, then the
// others by name. Remembered per program in this browser so the next session starts filled in.
import { html } from 'lit';

/** A stable id for a person typed in by name (the learner keeps their own id). */
function personId(name, taken) {
  const base = `peer-${name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'person'}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

export class People {
  constructor(host, min = 2) {
    this.host = host;
    this.min = min;
    const saved = host.remember('people');
    const learner = host.ctx.learner;
    this.list = Array.isArray(saved) && saved.length ? saved.map((p, i) => ({ name: p.name ?? '', id: i === 0 ? learner : p.id })) : [{ id: learner, name: '' }, { name: '' }, { name: '' }];
    this.error = '';
  }

  /** `[{id, name}]` with ids, or null (and an error shown at the field) when a name is missing. */
  members() {
    const t = this.host.t;
    const filled = this.list.map((p) => ({ ...p, name: p.name.trim() }));
    const missing = filled.findIndex((p, i) => !p.name && (i === 0 || i < this.min));
    if (missing >= 0 || filled.filter((p) => p.name).length < this.min) {
      this.error = t.t('people.missing', { count: this.min });
      this.host.requestUpdate();
      this.host.updateComplete.then(() => this.host.renderRoot.querySelector(`#person-${Math.max(missing, 0)}`)?.focus());
      return null;
    }
    this.error = '';
    const taken = new Set();
    const members = filled
      .filter((p) => p.name)
      .map((p, i) => {
        const id = i === 0 ? this.host.ctx.learner : p.id && !taken.has(p.id) && p.id.startsWith('peer-') ? p.id : personId(p.name, taken);
        taken.add(id);
        return { id, name: p.name };
      });
    this.host.remember('people', members);
    return members;
  }

  render() {
    const t = this.host.t;
    const update = (i, value) => {
      this.list[i].name = value;
      if (this.list[i].id?.startsWith('peer-')) this.list[i].id = undefined;
    };
    return html`<fieldset class="people">
      <legend>${t.t('people.legend')}</legend>
      <p class="hint" id="people-hint">${t.t('people.hint')}</p>
      ${this.list.map(
        (person, i) => html`<div class="field person">
          <label for="person-${i}">${i === 0 ? t.t('people.you') : t.t('people.other', { n: i + 1 })}</label>
          <div class="row">
            <input
              id="person-${i}"
              type="text"
              autocomplete=${i === 0 ? 'name' : 'off'}
              .value=${person.name}
              aria-describedby="people-hint${this.error ? ' people-error' : ''}"
              aria-invalid=${this.error && !person.name.trim() ? 'true' : 'false'}
              @input=${(e) => update(i, e.target.value)}
            />
            ${i >= this.min
              ? html`<button
                  type="button"
                  class="secondary small"
                  @click=${() => {
                    this.list.splice(i, 1);
                    this.host.requestUpdate();
                  }}
                >
                  ${t.t('people.remove')}<span class="visually-hidden">: ${person.name || t.t('people.other', { n: i + 1 })}</span>
                </button>`
              : ''}
          </div>
        </div>`,
      )}
      ${this.error ? html`<p class="field-error" id="people-error">${this.error}</p>` : ''}
      ${this.list.length < 8
        ? html`<button
            type="button"
            class="secondary small"
            @click=${() => {
              this.list.push({ name: '' });
              this.host.requestUpdate();
              this.host.updateComplete.then(() => this.host.renderRoot.querySelector(`#person-${this.list.length - 1}`)?.focus());
            }}
          >
            ${t.t('people.add')}
          </button>`
        : ''}
    </fieldset>`;
  }
}
