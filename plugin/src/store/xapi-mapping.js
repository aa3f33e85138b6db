/**
 * Kollega events <-> xAPI 1.0.3 statements, both directions, per docs/xapi-profile.md (the same
 * IRIs, verbs, activity types and extensions as the core's `exportFile("xapi")`). The browser
 * store (xapi-store.js), the cmi5 host and the coach's LRS source all map through this module.
 *
 * What the browser does not know (the program's titles in its languages, roster names) is left
 * out: `definition.name` only for Kollega's own objects, `verb.display` in English, an Agent's
 * `name` only when given. The ids, types and extensions, which a reader needs, are the same.
 */

export const BASE = 'https://kollega.app/xapi/';
const ADL_VERB = 'http://adlnet.gov/expapi/verbs/';
const ADL_TYPE = 'http://adlnet.gov/expapi/activities/';
export const EXT = {
  eventType: `${BASE}extensions/event-type`,
  visibility: `${BASE}extensions/visibility`,
  to: `${BASE}extensions/to`,
  start: `${BASE}extensions/start`,
  members: `${BASE}extensions/members`,
  measure: `${BASE}extensions/measure`,
  ratings: `${BASE}extensions/ratings`,
  worked: `${BASE}extensions/worked`,
  improve: `${BASE}extensions/improve`,
  role: `${BASE}extensions/role`,
  speakingSeconds: `${BASE}extensions/speaking-seconds`,
  sbi: `${BASE}extensions/sbi`,
  title: `${BASE}extensions/title`,
  url: `${BASE}extensions/url`,
};

/** Event type -> [verb IRI, English display]. */
const VERBS = {
  'ground-rules.agreed': [`${BASE}verbs/agreed`, 'agreed to'],
  'step.completed': [`${ADL_VERB}completed`, 'completed'],
  'goal.set': [`${BASE}verbs/set-goal`, 'set a goal in'],
  'goal.checked-in': [`${BASE}verbs/checked-in`, 'checked in on'],
  'reflection.written': [`${BASE}verbs/reflected`, 'reflected on'],
  'feedback.given': [`${BASE}verbs/gave-feedback`, 'gave feedback on'],
  'role-play.completed': [`${ADL_VERB}completed`, 'completed'],
  'session.scheduled': [`${BASE}verbs/scheduled`, 'scheduled'],
  'session.attended': [`${ADL_VERB}attended`, 'attended'],
  'win.celebrated': [`${BASE}verbs/celebrated`, 'celebrated'],
  'resource.shared': [`${ADL_VERB}shared`, 'shared'],
  'action-plan.written': [`${BASE}verbs/planned`, 'wrote an action plan in'],
};

/** Program activity kinds by the event type that names them (`payload.activity`). */
const ACTIVITY_TYPE = {
  'goal.set': `${ADL_TYPE}objective`,
  'reflection.written': `${BASE}activity-types/reflection`,
  'feedback.given': `${ADL_TYPE}assessment`,
  'role-play.completed': `${ADL_TYPE}simulation`,
  'session.scheduled': `${ADL_TYPE}meeting`,
  'session.attended': `${ADL_TYPE}meeting`,
  'action-plan.written': `${ADL_TYPE}meeting`,
};

export const VISIBILITIES = ['private', 'group', 'coach', 'gradebook'];

/** Percent-encodes an id as one IRI path segment (everything but A–Z a–z 0–9 - . _ ~), as the core does. */
export function segment(id) {
  let out = '';
  for (const byte of new TextEncoder().encode(String(id))) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The program's activity IRI (`https://kollega.app/xapi/programs/<p>`). */
export function programIri(programId) {
  return `${BASE}programs/${segment(programId)}`;
}

/** The learner's Agent: an account on the LMS `homePage`, named by the learner id. */
export function agentOf(learnerId, homePage, name) {
  const agent = { objectType: 'Agent' };
  if (name) agent.name = name;
  agent.account = { homePage, name: String(learnerId) };
  return agent;
}

/** The learner id an Agent stands for (its account name; an mbox without account is not ours). */
export function learnerOf(agent) {
  return typeof agent?.account?.name === 'string' ? agent.account.name : null;
}

function activity(id, type, name) {
  const a = { objectType: 'Activity', id };
  const definition = {};
  if (type) definition.type = type;
  if (name) definition.name = { en: name };
  if (Object.keys(definition).length) a.definition = definition;
  return a;
}

/** RFC 3339 in UTC with milliseconds, as the core writes times (`at` stays as it is when it already is). */
function utc(time) {
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? String(time) : new Date(ms).toISOString();
}

/**
 * The statement of one event.
 * @param {object} event `{id, actor, type, at, payload, visibility}` (docs/events.md)
 * @param {object} options `programId`, `homePage` (the LMS address of the accounts), optional
 *   `actor` (the Agent to use for the event's actor, e.g. cmi5's launch actor), `registration`
 *   (context.registration, required by cmi5), `goalActivity(goalId)` (the goal activity a
 *   check-in's goal was set in, for contextActivities.parent), `names` ({learnerId: name}).
 */
export function eventToStatement(event, options) {
  const { programId, homePage, registration, names = {} } = options;
  const type = event.type;
  if (!VERBS[type]) throw new TypeError(`no xAPI mapping for the event type "${type}"`);
  const p = event.payload ?? {};
  const program = programIri(programId);
  const agent = (id) => agentOf(id, homePage, names[id]);
  const ofActivity = (id) => activity(`${program}/activities/${segment(id)}`, ACTIVITY_TYPE[type]);
  const context = {
    platform: 'Kollega',
    contextActivities: { grouping: [activity(program, `${ADL_TYPE}course`)] },
    extensions: { [EXT.eventType]: type, [EXT.visibility]: event.visibility },
  };
  if (registration) context.registration = registration;
  const result = {};
  const resultExt = {};
  let object;
  switch (type) {
    case 'ground-rules.agreed':
      object = activity(`${program}/ground-rules`, `${BASE}activity-types/ground-rules`, 'Ground rules');
      break;
    case 'step.completed':
      object = activity(`${program}/steps/${segment(p.step)}`, `${BASE}activity-types/step`);
      result.completion = true;
      break;
    case 'goal.set':
    case 'goal.checked-in': {
      object = activity(`${program}/goals/${segment(p.goal)}`, `${BASE}activity-types/goal`);
      const parent = type === 'goal.set' ? p.activity : options.goalActivity?.(p.goal);
      if (parent) context.contextActivities.parent = [activity(`${program}/activities/${segment(parent)}`, `${ADL_TYPE}objective`)];
      if (type === 'goal.set') {
        result.response = p.text;
        resultExt[EXT.measure] = p.measure;
      } else {
        result.score = { scaled: p.progress / 100, raw: p.progress, min: 0, max: 100 };
        if (p.note) result.response = p.note;
      }
      break;
    }
    case 'reflection.written':
      object = ofActivity(p.activity);
      result.response = p.text;
      break;
    case 'feedback.given':
      object = ofActivity(p.activity);
      context.extensions[EXT.to] = agent(p.to);
      resultExt[EXT.ratings] = { ...(p.ratings ?? {}) };
      resultExt[EXT.worked] = [...(p.worked ?? [])];
      resultExt[EXT.improve] = [...(p.improve ?? [])];
      if (Array.isArray(p.sbi) && p.sbi.length) resultExt[EXT.sbi] = [...p.sbi];
      break;
    case 'role-play.completed':
      object = ofActivity(p.activity);
      result.completion = true;
      resultExt[EXT.role] = p.role;
      break;
    case 'session.scheduled':
      object = ofActivity(p.activity);
      if (p.start) context.extensions[EXT.start] = utc(p.start);
      context.extensions[EXT.members] = (p.members ?? []).map(agent);
      break;
    case 'session.attended':
      object = ofActivity(p.activity);
      if (p.speakingSeconds && Object.keys(p.speakingSeconds).length) resultExt[EXT.speakingSeconds] = { ...p.speakingSeconds };
      break;
    case 'win.celebrated':
      object = activity(`${program}/wins/${segment(event.id)}`, `${BASE}activity-types/win`, 'A win');
      result.response = p.text;
      break;
    case 'resource.shared':
      object = activity(`${program}/resources/${segment(event.id)}`, `${ADL_TYPE}link`, 'A resource');
      resultExt[EXT.title] = p.title;
      resultExt[EXT.url] = p.url;
      break;
    case 'action-plan.written':
      object = ofActivity(p.activity);
      result.response = p.text;
      break;
  }
  if (Object.keys(resultExt).length) result.extensions = resultExt;
  const [verb, display] = VERBS[type];
  const statement = {
    id: event.id,
    actor: options.actor && learnerOf(options.actor) === event.actor ? options.actor : agent(event.actor),
    verb: { id: verb, display: { en: display } },
    object,
    context,
    timestamp: utc(event.at),
    version: '1.0.3',
  };
  if (Object.keys(result).length) statement.result = result;
  return statement;
}

/** A mapping problem: the statement is not a Kollega event of this program. */
export class StatementError extends Error {
  constructor(message, path) {
    super(message);
    this.name = 'StatementError';
    this.code = 'not_a_kollega_statement';
    this.path = path;
  }
}

function decodeSegment(text, path) {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new StatementError(`"${text}" is not a percent-encoded id`, path);
  }
}

/** The id after `<program IRI>/<kind>/` in an activity IRI, or an error naming the path. */
function idUnder(iri, prefix, path) {
  if (typeof iri !== 'string' || !iri.startsWith(prefix) || iri.length === prefix.length || iri.slice(prefix.length).includes('/')) {
    throw new StatementError(`expected an activity id under ${prefix}, found "${iri}"`, path);
  }
  return decodeSegment(iri.slice(prefix.length), path);
}

function required(value, path, what) {
  if (value === undefined || value === null) throw new StatementError(`missing ${what}`, path);
  return value;
}

/**
 * The event a Kollega statement stands for (the inverse of eventToStatement and of the core's
 * export with texts). Throws StatementError (with a JSON Pointer into the statement) when the
 * statement is not a Kollega event of `programId`.
 */
export function statementToEvent(statement, programId) {
  if (!statement || typeof statement !== 'object') throw new StatementError('a statement must be an object', '');
  const ext = statement.context?.extensions ?? {};
  const type = ext[EXT.eventType];
  if (typeof type !== 'string' || !VERBS[type]) throw new StatementError(`no Kollega event type in the statement`, '/context/extensions');
  const visibility = ext[EXT.visibility];
  if (!VISIBILITIES.includes(visibility)) throw new StatementError(`unknown visibility "${visibility}"`, '/context/extensions');
  const program = programIri(programId);
  const grouping = statement.context?.contextActivities?.grouping ?? [];
  if (!grouping.some((a) => a?.id === program)) throw new StatementError(`the statement is not about the program ${programId}`, '/context/contextActivities/grouping');
  const actor = learnerOf(statement.actor);
  if (!actor) throw new StatementError('the actor has no account name', '/actor');
  if (typeof statement.id !== 'string') throw new StatementError('the statement has no id', '/id');
  const objectId = statement.object?.id;
  const result = statement.result ?? {};
  const rext = result.extensions ?? {};
  const under = (kind) => idUnder(objectId, `${program}/${kind}/`, '/object/id');
  const payload = {};
  switch (type) {
    case 'ground-rules.agreed':
      if (objectId !== `${program}/ground-rules`) throw new StatementError(`expected the ground rules, found "${objectId}"`, '/object/id');
      break;
    case 'step.completed':
      payload.step = under('steps');
      break;
    case 'goal.set': {
      payload.goal = under('goals');
      const parent = statement.context?.contextActivities?.parent?.[0]?.id;
      payload.activity = idUnder(parent, `${program}/activities/`, '/context/contextActivities/parent/0/id');
      payload.text = required(result.response, '/result/response', 'the goal text');
      payload.measure = required(rext[EXT.measure], '/result/extensions', 'the measure');
      break;
    }
    case 'goal.checked-in':
      payload.goal = under('goals');
      payload.progress = required(result.score?.raw, '/result/score/raw', 'the progress');
      if (typeof result.response === 'string') payload.note = result.response;
      break;
    case 'reflection.written':
      payload.activity = under('activities');
      payload.text = required(result.response, '/result/response', 'the reflection');
      break;
    case 'feedback.given':
      payload.to = learnerOf(required(ext[EXT.to], '/context/extensions', 'the feedback receiver'));
      payload.activity = under('activities');
      payload.ratings = { ...(rext[EXT.ratings] ?? {}) };
      payload.worked = [...required(rext[EXT.worked], '/result/extensions', 'what worked')];
      payload.improve = [...required(rext[EXT.improve], '/result/extensions', 'what to improve')];
      if (Array.isArray(rext[EXT.sbi])) payload.sbi = [...rext[EXT.sbi]];
      break;
    case 'role-play.completed':
      payload.activity = under('activities');
      payload.role = required(rext[EXT.role], '/result/extensions', 'the role');
      break;
    case 'session.scheduled':
      payload.activity = under('activities');
      if (ext[EXT.start]) payload.start = ext[EXT.start];
      payload.members = (ext[EXT.members] ?? []).map(learnerOf);
      break;
    case 'session.attended':
      payload.activity = under('activities');
      if (rext[EXT.speakingSeconds]) payload.speakingSeconds = { ...rext[EXT.speakingSeconds] };
      break;
    case 'win.celebrated':
      if (under('wins') !== statement.id) throw new StatementError('a win is named by its statement id', '/object/id');
      payload.text = required(result.response, '/result/response', 'the win');
      break;
    case 'resource.shared':
      if (under('resources') !== statement.id) throw new StatementError('a resource is named by its statement id', '/object/id');
      payload.title = required(rext[EXT.title], '/result/extensions', 'the title');
      payload.url = required(rext[EXT.url], '/result/extensions', 'the URL');
      break;
    case 'action-plan.written':
      payload.activity = under('activities');
      payload.text = required(result.response, '/result/response', 'the action plan');
      break;
  }
  return { id: statement.id, actor, type, at: required(statement.timestamp, '/timestamp', 'the timestamp'), payload, visibility };
}

/**
 * Whether a viewer may hold an event read back from the LRS (docs/xapi-store.md, "Visibility"):
 * a learner keeps their own events and the `group` events of their group (by `groupMembers`, or
 * addressed to them: feedback `to`, session `members`); a coach keeps everything but `private`.
 * `private` events are never sent, so one found in the LRS is dropped for everybody else.
 */
export function visibleTo(event, { learner, groupMembers = [], coach = false }) {
  if (event.visibility === 'private') return !coach && event.actor === learner;
  if (coach) return true;
  if (event.actor === learner) return true;
  if (event.visibility !== 'group') return false;
  if (groupMembers.includes(event.actor)) return true;
  const p = event.payload ?? {};
  return p.to === learner || (Array.isArray(p.members) && p.members.includes(learner));
}
