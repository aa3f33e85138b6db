import { KollegaError } from '../core/kollega-error.js';
import { XapiStore } from '../store/xapi-store.js';
import { randomUuid } from '../util/ids.js';
import { cmi5Text } from './cmi5-texts.js';

/**
 * The cmi5 host (docs/install-cmi5.md): Kollega as a cmi5 Assignable Unit. From the launch URL
 * (endpoint, fetch, actor, registration, activityId) it gets the auth token (the fetch URL is
 * POSTed once per launch; the token is kept in sessionStorage for reloads), reads LMS.LaunchData
 * from the State API, and sends the cmi5-defined statements through the xAPI store's durable
 * outbox: initialized -> completed / passed / failed (Normal mode only) -> terminated. The
 * learner's own events go to the same LRS as "cmi5 allowed" statements (launch actor,
 * registration, the contextTemplate, no cmi5 category).
 */

// A page that keeps events in an LRS without cmi5 sets `app.store = new XapiStore({...})` from this bundle.
export { XapiStore };
export { eventToStatement, statementToEvent } from '../store/xapi-mapping.js';

const ADL = 'http://adlnet.gov/expapi/verbs/';
export const CMI5 = {
  category: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  moveOn: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
  masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
  sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
};
const VERBS = {
  initialized: [`${ADL}initialized`, 'initialized'],
  completed: [`${ADL}completed`, 'completed'],
  passed: [`${ADL}passed`, 'passed'],
  failed: [`${ADL}failed`, 'failed'],
  terminated: [`${ADL}terminated`, 'terminated'],
};
const LAUNCH_PARAMETERS = ['endpoint', 'fetch', 'actor', 'registration', 'activityId'];

const fail = (message, cause) => new KollegaError('host_failed', message, '', cause === undefined ? undefined : { cause });

/** sessionStorage, or null where the page may not use it. */
function session() {
  try {
    return globalThis.sessionStorage;
  } catch {
    return null;
  }
}

function readJson(storage, key) {
  try {
    return JSON.parse(storage?.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

function writeJson(storage, key, value) {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    /* storage blocked: the launch still works, a reload will not */
  }
}

/** ISO 8601 duration with hundredths of a second, as cmi5 asks ("PT1H2M3.45S"). */
export function isoDuration(ms) {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(centis / 360000);
  const minutes = Math.floor((centis % 360000) / 6000);
  const seconds = (centis % 6000) / 100;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds}S`;
}

/** The launch parameters of the page URL; a clear error names the ones missing. */
export function launchParameters(search = globalThis.location?.search ?? '') {
  const params = new URLSearchParams(search);
  const missing = LAUNCH_PARAMETERS.filter((name) => !params.get(name));
  if (missing.length) {
    throw fail(`This page was not launched by a cmi5 LMS: the launch URL lacks ${missing.join(', ')}. Open Kollega from the course in the LMS.`);
  }
  let actor;
  try {
    actor = JSON.parse(params.get('actor'));
  } catch (cause) {
    throw fail('The cmi5 launch parameter "actor" is not JSON.', cause);
  }
  if (!actor?.account?.name || !actor.account.homePage) throw fail('The cmi5 launch actor has no account (homePage and name), which cmi5 requires.');
  return {
    endpoint: params.get('endpoint'),
    fetchUrl: params.get('fetch'),
    actor,
    registration: params.get('registration'),
    activityId: params.get('activityId'),
  };
}

/**
 * The auth token: POST the fetch URL once; the token is cached in sessionStorage (per fetch URL)
 * so a reload in the same launch does not fetch again (the LMS would answer with error 1).
 */
export async function fetchAuthToken(fetchUrl) {
  const storage = session();
  const key = `kollega.cmi5.token ${fetchUrl}`;
  const cached = storage?.getItem(key);
  if (cached) return cached;
  let response;
  try {
    response = await fetch(fetchUrl, { method: 'POST', credentials: 'omit' });
  } catch (cause) {
    throw fail(`The LMS's cmi5 fetch URL could not be reached: ${cause?.message ?? cause}`, cause);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    /* handled below */
  }
  if (body && typeof body['auth-token'] === 'string' && body['auth-token']) {
    storage?.setItem(key, body['auth-token']);
    return body['auth-token'];
  }
  if (body && body['error-code'] !== undefined) {
    const reason = { 1: 'the token was already fetched for this launch', 2: 'the launch has expired or is not valid', 3: 'a general error' }[String(body['error-code'])] ?? 'an unknown error';
    throw fail(`The LMS refused the cmi5 auth token (error ${body['error-code']}: ${reason}${body['error-text'] ? `, "${body['error-text']}"` : ''}). Close this window and open Kollega again from the course.`);
  }
  throw fail(`The LMS's cmi5 fetch URL answered HTTP ${response.status} without an auth token.`);
}

/** LMS.LaunchData from the State API: `{contextTemplate, launchMode, moveOn, masteryScore, returnURL, …}`. */
export async function readLaunchData({ endpoint, actor, registration, activityId }, auth) {
  const url = new URL('activities/state', endpoint.endsWith('/') ? endpoint : `${endpoint}/`);
  url.searchParams.set('stateId', 'LMS.LaunchData');
  url.searchParams.set('activityId', activityId);
  url.searchParams.set('agent', JSON.stringify(actor));
  url.searchParams.set('registration', registration);
  let response;
  try {
    response = await fetch(url, { headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3' }, credentials: 'omit' });
  } catch (cause) {
    throw fail(`The LMS's State API could not be reached for LMS.LaunchData: ${cause?.message ?? cause}`, cause);
  }
  if (!response.ok) throw fail(`Reading LMS.LaunchData answered HTTP ${response.status}.`);
  let data;
  try {
    data = await response.json();
  } catch (cause) {
    throw fail('LMS.LaunchData is not JSON.', cause);
  }
  if (!data?.contextTemplate || !data.launchMode || !data.moveOn) throw fail('LMS.LaunchData lacks contextTemplate, launchMode or moveOn, which cmi5 requires.');
  return data;
}

/** Adds the contextTemplate to a statement's context (arrays joined by id, extensions merged). */
export function withContextTemplate(context, template, { cmi5 = false, moveOn = false } = {}) {
  const out = structuredClone(context ?? {});
  const tpl = structuredClone(template ?? {});
  out.contextActivities ??= {};
  for (const [kind, activities] of Object.entries(tpl.contextActivities ?? {})) {
    const list = out.contextActivities[kind] ?? [];
    for (const a of [].concat(activities)) {
      if (a?.id === CMI5.category && !cmi5) continue; // "cmi5 allowed" statements carry no cmi5 category
      if (!list.some((b) => b.id === a.id)) list.push(a);
    }
    out.contextActivities[kind] = list;
  }
  const category = out.contextActivities.category ?? [];
  if (cmi5 && !category.some((a) => a.id === CMI5.category)) category.push({ objectType: 'Activity', id: CMI5.category });
  if (moveOn && !category.some((a) => a.id === CMI5.moveOn)) category.push({ objectType: 'Activity', id: CMI5.moveOn });
  if (category.length) out.contextActivities.category = category;
  for (const [kind, list] of Object.entries(out.contextActivities)) if (!list.length) delete out.contextActivities[kind];
  if (tpl.extensions) out.extensions = { ...tpl.extensions, ...(out.extensions ?? {}) };
  for (const [key, value] of Object.entries(tpl)) if (!(key in out) && key !== 'contextActivities' && key !== 'extensions') out[key] = value;
  return out;
}

/** The started cmi5 host: `{store, learner, notices, onProgress, terminate}` (docs/hosts.md). */
export class Cmi5Host {
  constructor(launch, launchData, store, changed = () => {}) {
    this.launch = launch;
    this.launchData = launchData;
    this.store = store;
    this.learner = { id: launch.actor.account.name, name: launch.actor.name ?? '' };
    this.notices = [];
    this.sent = [];
    this.#changed = changed;
    this.#sessionId = launchData.contextTemplate?.extensions?.[CMI5.sessionId] ?? launch.registration;
    this.#progressKey = `kollega.cmi5.outcome ${launch.registration} ${launch.activityId}`;
    this.#sessionKey = `kollega.cmi5.session ${this.#sessionId}`;
    store.addEventListener('sync', () => this.#updateNotices());
    this.#updateNotices();
  }

  #changed;
  #sessionId;
  #progressKey;
  #sessionKey;
  #startedAt = Date.now();
  #terminated = false;

  /** Normal, Browse or Review. */
  get launchMode() {
    return this.launchData.launchMode;
  }

  /** cmi5 masteryScore (0..1) or null. */
  get masteryScore() {
    const m = this.launchData.masteryScore;
    return typeof m === 'number' && m >= 0 && m <= 1 ? m : null;
  }

  /** Sends initialized once per launch session (a reload in the same session does not). */
  async start() {
    const storage = session();
    const mark = readJson(storage, this.#sessionKey) ?? {};
    if (mark.terminated) {
      throw fail('This cmi5 session has ended (Kollega sent "terminated" when the page was closed or reloaded). Open Kollega again from the course in the LMS.');
    }
    if (mark.startedAt) this.#startedAt = mark.startedAt;
    if (!mark.initialized) {
      await this.#send('initialized');
      writeJson(storage, this.#sessionKey, { initialized: true, startedAt: this.#startedAt });
    }
  }

  /**
   * Called with each path view: in Normal mode, completed when every step is done, passed when
   * the score reaches masteryScore (or the program's pass threshold without one), failed when
   * the path is complete without passing. Each at most once per registration.
   */
  onProgress(pathView) {
    if (this.#terminated || this.launchMode !== 'Normal' || !pathView?.progress) return;
    const outcome = readJson(globalThis.localStorage, this.#progressKey) ?? {};
    const { done, total } = pathView.progress;
    const complete = total > 0 && done === total;
    const grade = pathView.grade;
    const scaled = grade && grade.scoreMaximum > 0 ? Math.round((grade.scoreGiven / grade.scoreMaximum) * 10000) / 10000 : null;
    const mastery = this.masteryScore;
    const passed = scaled !== null && (mastery !== null ? scaled >= mastery : Boolean(grade.passed));
    const queue = [];
    if (complete && !outcome.completed) queue.push(['completed']);
    if (passed && !outcome.passed) queue.push(['passed', scaled]);
    else if (!passed && complete && scaled !== null && !outcome.passed && !outcome.failed) queue.push(['failed', scaled]);
    if (!queue.length) return;
    for (const [verb] of queue) outcome[verb] = true;
    try {
      globalThis.localStorage?.setItem(this.#progressKey, JSON.stringify(outcome));
    } catch {
      /* storage blocked: the LMS still gets the statements of this session */
    }
    for (const [verb, score] of queue) this.#send(verb, score).catch(() => {});
  }

  /** Sends terminated (once) and ends the session for this page. */
  terminate() {
    if (this.#terminated) return this.#terminating;
    this.#terminated = true;
    const storage = session();
    writeJson(storage, this.#sessionKey, { ...(readJson(storage, this.#sessionKey) ?? {}), terminated: true });
    this.#terminating = this.#send('terminated').catch(() => {});
    return this.#terminating;
  }

  #terminating = null;

  /** Builds and queues one cmi5-defined statement (ids and order through the durable outbox). */
  async #send(verb, scaled) {
    const [id, display] = VERBS[verb];
    const judged = verb === 'passed' || verb === 'failed';
    const context = withContextTemplate({ registration: this.launch.registration }, this.launchData.contextTemplate, {
      cmi5: true,
      moveOn: verb === 'completed' || judged,
    });
    context.registration = this.launch.registration;
    if (judged && this.masteryScore !== null) context.extensions = { ...(context.extensions ?? {}), [CMI5.masteryScore]: this.masteryScore };
    const statement = {
      id: randomUuid(),
      actor: this.launch.actor,
      verb: { id, display: { 'en-US': display } },
      object: { objectType: 'Activity', id: this.launch.activityId },
      context,
      timestamp: new Date().toISOString(),
      version: '1.0.3',
    };
    const duration = isoDuration(Date.now() - this.#startedAt);
    if (verb === 'completed') statement.result = { completion: true, duration };
    if (judged) statement.result = { success: verb === 'passed', duration, ...(scaled !== null && scaled !== undefined ? { score: { scaled } } : {}) };
    if (verb === 'terminated') statement.result = { duration };
    this.sent.push(verb);
    await this.store.sendStatement(statement, { now: verb === 'terminated' });
    return statement;
  }

  #updateNotices() {
    const notices = [];
    const state = this.store.syncState;
    if (this.launchMode && this.launchMode !== 'Normal') {
      notices.push({ code: 'cmi5-browse', level: 'info', text: (lang) => cmi5Text(lang, 'mode.browse') });
    }
    if (state.state === 'error' && state.error) {
      notices.push({ code: 'sync-error', level: 'error', text: (lang) => cmi5Text(lang, 'sync.error', { message: state.error.message }) });
    } else if (state.pending > 0 && state.state !== 'synced') {
      notices.push({ code: 'sync-waiting', level: 'info', text: (lang) => cmi5Text(lang, 'sync.waiting', { count: state.pending }) });
    }
    if (state.readError) {
      notices.push({ code: 'read-back-failed', level: 'warning', text: (lang) => cmi5Text(lang, 'readBack.failed', { message: state.readError.message }) });
    }
    this.notices = notices;
    this.#changed();
  }
}

/**
 * The host bundle's entry (select-host.js): starts the cmi5 host from the page's launch URL.
 * `options.search` replaces `location.search`; `options.pollSeconds`, `options.retryBaseMs` go to the store.
 */
export async function createHost(name, options = {}) {
  if (name !== 'cmi5') throw fail(`kollega-cmi5.js hosts cmi5, not "${name}".`);
  const launch = launchParameters(options.search);
  const token = await fetchAuthToken(launch.fetchUrl);
  const auth = `Basic ${token}`;
  const launchData = await readLaunchData(launch, auth);
  const store = new XapiStore({
    endpoint: launch.endpoint,
    auth,
    actor: launch.actor,
    registration: launch.registration,
    pollSeconds: options.pollSeconds,
    retryBaseMs: options.retryBaseMs,
    // "cmi5 allowed" statements: the contextTemplate, without the cmi5 category.
    decorate: (statement) => ({ ...statement, context: withContextTemplate(statement.context, launchData.contextTemplate) }),
  });
  const host = new Cmi5Host(launch, launchData, store, options.changed);
  await host.start();
  return host;
}
