/** A random RFC 4122 version 4 UUID (crypto.randomUUID needs a secure context; LMS pages may not be). */
export function randomUuid() {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext !== false) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const LEARNER_KEY = 'kollega.learner';
let memoryLearner = null;

/** A stable learner id for this browser, kept in localStorage (in memory if storage is blocked). */
export function localLearnerId() {
  try {
    let id = localStorage.getItem(LEARNER_KEY);
    if (!id) {
      id = `local-${randomUuid()}`;
      localStorage.setItem(LEARNER_KEY, id);
    }
    return id;
  } catch {
    memoryLearner ??= `local-${randomUuid()}`;
    return memoryLearner;
  }
}

/**
 * The time for a new event of `actor`: now, or 1 ms after their latest event in `events` when
 * the clock has not moved past it, so events recorded in one action (a session's attendance and
 * its step) keep their order in the core's (time, id) order.
 */
export function nextEventTime(events, actor) {
  let at = Date.now();
  for (const e of events) {
    if (e.actor !== actor) continue;
    const t = Date.parse(e.at);
    if (t >= at) at = t + 1;
  }
  return new Date(at).toISOString();
}
