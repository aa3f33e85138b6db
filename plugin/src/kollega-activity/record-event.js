// <kollega-app>.recordEvent, loaded with the activities bundle so the first load does not carry
// it (docs/plugin.md, "For host adapters"). Also checks the events the session module builds
// for everyone in a one-screen session before they are stored.
import { KollegaError } from '../core/kollega-error.js';
import { randomUuid, nextEventTime } from '../util/ids.js';

/** Each event type's most open visibility (docs/events.md): recordEvent's default. */
export const MOST_OPEN = {
  'ground-rules.agreed': 'gradebook',
  'step.completed': 'coach',
  'goal.set': 'group',
  'goal.checked-in': 'group',
  'reflection.written': 'private',
  'feedback.given': 'group',
  'role-play.completed': 'gradebook',
  'session.scheduled': 'group',
  'session.attended': 'gradebook',
  'action-plan.written': 'group',
  'win.celebrated': 'group',
  'resource.shared': 'group',
};

const VISIBILITIES = ['private', 'group', 'coach', 'gradebook'];

/**
 * Checks events against the program and the log with the learner's core (their shape, the
 * visibility ceiling, the path rules) and stores them; nothing is stored if one fails.
 * Error paths point into the failing event (`/payload/goal`).
 */
export async function checkAndStore(app, events) {
  const { core, programText, programId, lang } = app.activityContext;
  let log = await app.store.list(programId);
  for (const event of events) {
    const open = VISIBILITIES.indexOf(MOST_OPEN[event.type]);
    if (open >= 0 && VISIBILITIES.indexOf(event.visibility) > open) {
      throw new KollegaError('visibility_too_open', `A ${event.type} event may be at most ${MOST_OPEN[event.type]}.`, '/visibility');
    }
    let view;
    try {
      view = core.pathView(programText, [...log, event], event.actor, lang, event.at);
    } catch (error) {
      const prefix = `/events/${log.length}`;
      if (error?.name === 'KollegaError' && String(error.path).startsWith(prefix)) throw new KollegaError(error.code, error.message, error.path.slice(prefix.length));
      throw error;
    }
    const rejection = view.rejected.find((r) => r.id === event.id);
    if (rejection) throw new KollegaError(rejection.reason, `The ${event.type} event was not accepted: ${rejection.reason}.`, '');
    log = [...log, event];
  }
  for (const event of events) await app.store.put(programId, event);
  await app.refresh();
  for (const event of events) app.dispatchEvent(new CustomEvent('kollega-event-recorded', { detail: { programId, event }, bubbles: true, composed: true }));
}

/** <kollega-app>.recordEvent(fields): see kollega-app.js. */
export async function recordEvent(app, fields) {
  const { type, visibility, payload, id, at, actor: _ignored, ...rest } = fields ?? {};
  const learner = app.activityContext.learner;
  const event = {
    id: id ?? randomUuid(),
    actor: learner,
    type: String(type ?? ''),
    at: at ?? nextEventTime(await app.store.list(app.activityContext.programId), learner),
    payload: payload ?? rest,
    visibility: visibility ?? MOST_OPEN[type] ?? 'private',
  };
  await checkAndStore(app, [event]);
  return event;
}
