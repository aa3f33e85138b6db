import { KollegaError } from '../core/kollega-error.js';
import { statementToEvent, visibleTo, programIri } from './xapi-mapping.js';

/**
 * Reading a program's statements back from an LRS as Kollega events (docs/xapi-store.md, "Read
 * back"): used by XapiStore and, without any IndexedDB, by the coach dashboard's LRS source.
 */

/** `https://lrs.example.org/xapi` -> `https://lrs.example.org/xapi/` (statements resolve under it). */
export function endpointUrl(endpoint) {
  let url;
  try {
    url = new URL(endpoint, globalThis.document?.baseURI);
  } catch (cause) {
    throw new KollegaError('lrs_config', `The LRS endpoint "${endpoint}" is not a URL.`, '/endpoint', { cause });
  }
  if (!/^https?:$/.test(url.protocol)) throw new KollegaError('lrs_config', `The LRS endpoint "${endpoint}" is not an http(s) URL.`, '/endpoint');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url.href;
}

/**
 * Pages through the program's statements (`activity` = the program, related activities) since
 * `since` minus 5 s, following `more`; calls `onEvent(event)` for each Kollega event of the
 * program the `viewer` (`{learner, groupMembers, coach}`) may see. Returns the newest `stored`.
 */
export async function readStatements({ endpoint, auth, programId, since, viewer }, onEvent) {
  const base = endpointUrl(endpoint);
  const headers = { 'X-Experience-API-Version': '1.0.3' };
  if (auth) headers.Authorization = auth;
  let url = new URL('statements', base);
  url.searchParams.set('activity', programIri(programId));
  url.searchParams.set('related_activities', 'true');
  url.searchParams.set('limit', '200');
  if (since) url.searchParams.set('since', new Date(Date.parse(since) - 5000).toISOString());
  let newest = since;
  const seen = new Set();
  while (url) {
    let response;
    try {
      response = await fetch(url, { headers, credentials: 'omit' });
    } catch (cause) {
      throw new KollegaError('lrs_unreachable', `The LRS at ${base} could not be reached: ${cause?.message ?? cause}`, '', { cause });
    }
    if (!response.ok) {
      const code = response.status === 401 || response.status === 403 ? 'lrs_auth' : `lrs_http_${response.status}`;
      throw new KollegaError(code, `Reading statements from the LRS at ${base} answered HTTP ${response.status}.`, '');
    }
    let body;
    try {
      body = await response.json();
    } catch (cause) {
      throw new KollegaError('lrs_protocol', `The LRS at ${base} answered with something that is not a StatementResult.`, '', { cause });
    }
    for (const statement of body.statements ?? []) {
      if (!statement || seen.has(statement.id)) continue;
      seen.add(statement.id);
      if (statement.stored && (!newest || Date.parse(statement.stored) > Date.parse(newest))) newest = statement.stored;
      let event;
      try {
        event = statementToEvent(statement, programId);
      } catch {
        continue; // not a Kollega event of this program (e.g. cmi5's own statements)
      }
      if (visibleTo(event, viewer)) onEvent(event);
    }
    url = body.more ? new URL(body.more, base) : null;
  }
  return newest;
}

/** Every event of the program in the LRS that the viewer may see. */
export async function readEvents(options) {
  const events = [];
  await readStatements(options, (event) => events.push(event));
  return events;
}
