// Schedule and reminders: the standing meeting (session.scheduled), its next occurrences in the
// learner's time zone, the reminder centre, opt-in browser notifications and an .ics download.
// The core computes every time from the cadence and a POSIX TZ rule derived here from Intl.
import { html, nothing } from 'lit';
import { zoneRule } from './tz-rule.js';
import { saveFile } from '../util/save-file.js';

/** `2026-12-01T12:00` in `zone` for an instant. */
export function localInput(iso, zone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

const DAY = 24 * 3600 * 1000;

/** Notification timers of this page, by reminder (kept when the view closes: the page is still open). */
const notificationTimers = new Map();

export class ScheduleView {
  constructor(host) {
    this.host = host;
    const steps = host.ctx.view.steps;
    this.activity = host.step?.activity?.kind === 'session' ? host.step.activity : steps.find((s) => s.activity?.kind === 'session')?.activity ?? null;
    this.cadence = host.ctx.view.program.cadence || 'every-2-weeks';
    this.tz = zoneRule();
    this.input = '';
    this.error = null;
    this.permission = typeof Notification === 'function' ? Notification.permission : 'unsupported';
  }

  async init() {
    await this.#load();
  }

  async #load() {
    const { programText, learner } = this.host.ctx;
    const core = this.host.core;
    const events = await this.host.events();
    const booked = events
      .filter((e) => e.type === 'session.scheduled' && e.actor === learner && (!this.activity || e.payload?.activity === this.activity.id))
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))[0];
    this.booked = booked ?? null;
    this.startLocal = booked ? localInput(booked.payload.start, this.tz.name) : '';
    if (!this.input) this.input = this.startLocal;
    this.upcoming = [];
    this.reminders = [];
    if (!booked) return;
    const now = this.host.now();
    this.upcoming = core.occurrences(this.cadence, this.startLocal, this.tz, 12).filter((o) => o.start >= now).slice(0, 6);
    this.reminders = core.reminders(programText, this.#request({ actor: learner, now }), events).reminders;
    this.#scheduleNotifications();
  }

  #request(extra = {}) {
    const { learner, lang } = this.host.ctx;
    return { ...(this.activity ? { activity: this.activity.id } : {}), group: learner, start: this.startLocal, tz: this.tz, count: 12, dtstamp: this.host.now(), lang, alarmMinutes: [15], ...extra };
  }

  async #book(e) {
    e.preventDefault();
    const t = this.host.t;
    this.error = null;
    this.host.clearError();
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(this.input)) {
      this.error = t.t('schedule.pickTime');
      this.host.requestUpdate();
      await this.host.updateComplete;
      this.host.renderRoot.querySelector('#first-meeting')?.focus();
      return;
    }
    try {
      const [first] = this.host.core.occurrences(this.cadence, this.input, this.tz, 1);
      const people = this.host.remember('people');
      const members = Array.isArray(people) && people.length ? people.map((p) => p.id) : [this.host.ctx.learner];
      await this.host.app.recordEvent({ type: 'session.scheduled', payload: { activity: this.activity.id, start: first.start, members } });
      await this.#load();
      this.host.announce(t.t('schedule.bookedAnnounce', { date: t.moment(first.start) }));
    } catch (error) {
      if (error?.path?.startsWith('/payload') || error?.path === '/startLocal') this.error = this.host.t.errorMessage(error.code);
      else this.host.fail(error);
    }
    this.host.requestUpdate();
  }

  #download() {
    try {
      saveFile(this.host.renderRoot, this.host.core.calendarIcs(this.host.ctx.programText, this.#request()));
    } catch (error) {
      this.host.fail(error);
    }
  }

  async #askPermission() {
    if (typeof Notification !== 'function') return;
    this.permission = await Notification.requestPermission();
    this.#scheduleNotifications();
    this.host.announce(this.host.t.t(`notify.${this.permission}`));
    this.host.requestUpdate();
  }

  /** While the page is open: a browser notification when a reminder falls due (opt-in only). */
  #scheduleNotifications() {
    if (this.permission !== 'granted') return;
    const now = Date.now();
    for (const reminder of this.reminders) {
      const tag = `kollega-${reminder.kind}-${reminder.ref ?? ''}-${reminder.at}`;
      const delay = Date.parse(reminder.at) - now;
      if (delay < 0 || delay > DAY || notificationTimers.has(tag)) continue;
      const title = this.#reminderText(reminder);
      const body = this.host.t.moment(reminder.about ?? reminder.at);
      notificationTimers.set(
        tag,
        setTimeout(() => {
          notificationTimers.delete(tag);
          try {
            new Notification(title, { body, tag });
          } catch {
            // Some browsers only allow notifications from a service worker: the reminder centre still shows it.
          }
        }, delay),
      );
    }
  }

  #reminderText(r) {
    return this.host.t.t(`reminder.${r.kind}`, { title: r.title ?? '' });
  }

  render() {
    const t = this.host.t;
    if (!this.activity) return html`<p>${t.t('schedule.noSession')}</p>`;
    return html`<p class="hint">${t.t('schedule.zone', { zone: this.tz.name })}</p>
      <form class="card" novalidate @submit=${(e) => this.#book(e)} aria-labelledby="book-heading">
        <h3 id="book-heading">${this.booked ? t.t('schedule.change') : t.t('schedule.book')}</h3>
        <p class="hint">${t.t('schedule.cadence', { cadence: t.t(`cadence.${this.cadence}`) })}</p>
        <div class="field">
          <label for="first-meeting">${t.t('schedule.first')}</label>
          <input id="first-meeting" type="datetime-local" .value=${this.input} aria-describedby="book-who${this.error ? ' book-error' : ''}" aria-invalid=${this.error ? 'true' : 'false'} @input=${(e) => (this.input = e.target.value)} />
          ${this.error ? html`<p class="field-error" id="book-error">${this.error}</p>` : nothing}
        </div>
        <p class="visibility" id="book-who">${t.t('visibility.scheduled')}</p>
        <button type="submit">${t.t('schedule.save')}</button>
      </form>
      ${this.booked
        ? html`<section aria-labelledby="upcoming-heading">
              <h3 id="upcoming-heading">${t.t('schedule.upcoming')}</h3>
              <ol class="upcoming">
                ${this.upcoming.map((o) => html`<li data-start=${o.start}><time datetime=${o.start}>${t.moment(o.start)}</time></li>`)}
              </ol>
              <button type="button" class="secondary" id="download-ics" @click=${() => this.#download()}>${t.t('schedule.ics')}</button>
              <p class="hint">${t.t('schedule.icsHint')}</p>
            </section>
            <section class="reminder-centre" aria-labelledby="reminders-heading">
              <h3 id="reminders-heading">${t.t('reminders.heading')}</h3>
              ${this.reminders.length
                ? html`<ul class="reminders">
                    ${this.reminders.slice(0, 10).map(
                      (r) => html`<li data-kind=${r.kind} data-due=${r.at <= this.host.now() ? 'true' : 'false'}>
                        <span class="reminder-kind">${this.#reminderText(r)}</span> <time datetime=${r.at}>${t.moment(r.at)}</time>
                        ${r.at <= this.host.now() ? html`<span class="badge due">${t.t('reminders.due')}</span>` : nothing}
                      </li>`,
                    )}
                  </ul>`
                : html`<p>${t.t('reminders.none')}</p>`}
              ${this.permission === 'unsupported'
                ? nothing
                : this.permission === 'granted'
                  ? html`<p class="note">${t.t('notify.granted')}</p>`
                  : this.permission === 'denied'
                    ? html`<p class="note">${t.t('notify.denied')}</p>`
                    : html`<button type="button" class="secondary" id="notify" @click=${() => this.#askPermission()}>${t.t('notify.ask')}</button>
                        <p class="hint">${t.t('notify.hint')}</p>`}
            </section>`
        : html`<p>${t.t('schedule.none')}</p>`}`;
  }
}
