// Test-side LMS pieces for the cmi5/xAPI tests, all on 127.0.0.1 and stopped by PID:
// - the LRS: xapi-statements (Learning Locker's statement service, GPL, a devDependency only) in
//   memory mode, spawned with a preload that makes it listen on 127.0.0.1;
// - a cmi5 launcher playing the LMS: builds launch URLs, answers the fetch URL (a token, once),
//   serves LMS.LaunchData from a State API, and proxies /xAPI/statements to the LRS with the
//   LMS's own credentials (as real LMSs do), with switchable faults (drop, 429, 503);
// - a static server for the AU's files with a Content-Security-Policy.
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { randomUUID, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const LRS_ENTRY = join(root, 'node_modules/xapi-statements/dist/index.js');
const PRELOAD = join(root, 'tests/lrs/listen-localhost.cjs');
const LRS_AUTH = `Basic ${Buffer.from('kollega-test-lms:secret').toString('base64')}`;

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts xapi-statements in memory mode. Resolves to `{port, endpoint, stop(), start()}`;
 * `stop()` kills the process (its memory goes with it), `start()` starts a fresh one on the same port.
 */
export async function startLrs() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'kollega-lrs-'));
  let child = null;
  const lrs = {
    port,
    endpoint: `http://127.0.0.1:${port}/xAPI/`,
    get pid() {
      return child?.pid;
    },
    async start() {
      child = spawn(process.execPath, ['-r', PRELOAD, LRS_ENTRY], {
        cwd: dir,
        env: {
          ...process.env,
          MODELS_REPO: 'memory',
          STORAGE_REPO: 'local',
          AUTH_REPO: 'test',
          EVENTS_REPO: 'test',
          EXPRESS_PORT: String(port),
          WINSTON_CONSOLE_LEVEL: 'error',
          SERVICE_AWAIT_UPDATES: 'true',
          NODE_NO_WARNINGS: '1',
        },
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      await new Promise((ready, reject) => {
        const timer = setTimeout(() => reject(new Error(`the LRS did not start: ${stderr}`)), 20_000);
        child.once('message', () => {
          clearTimeout(timer);
          ready();
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`the LRS exited (${code}): ${stderr}`));
        });
      });
    },
    async stop() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      process.kill(child.pid, 'SIGTERM');
      await exited;
      child = null;
    },
    async close() {
      await lrs.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await lrs.start();
  return lrs;
}

/** Every statement in the LRS (following `more`), straight from the LRS. */
export async function lrsStatements(lrs, query = {}) {
  const url = new URL('statements', lrs.endpoint);
  for (const [k, v] of Object.entries({ limit: '100', ...query })) url.searchParams.set(k, v);
  const all = [];
  for (let next = url; next; ) {
    const response = await fetch(next, { headers: { Authorization: LRS_AUTH, 'X-Experience-API-Version': '1.0.3' } });
    if (!response.ok) throw new Error(`LRS GET ${next} -> ${response.status}`);
    const body = await response.json();
    all.push(...body.statements);
    next = body.more ? new URL(body.more, lrs.endpoint) : null;
  }
  return all;
}

function cors(req, res) {
  const origin = req.headers.origin;
  if (origin) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Allow-Methods', 'GET,PUT,POST,OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization,Content-Type,X-Experience-API-Version');
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After,X-Experience-API-Version');
  }
}

function json(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * The cmi5 launcher (the LMS side). `launch(auUrl, options)` registers a launch and returns its
 * URL. `fault` = `{mode: 'drop'|'429'|'503', times, retryAfter}` makes the next statement
 * requests fail. `log` records every request `{method, path, statementId, status}`.
 */
export async function startLauncher(lrs) {
  const launches = new Map(); // fetch token id -> launch
  const tokens = new Map(); // auth token -> launch
  const log = [];
  const launcher = { log, fault: null, launches: [] };

  const server = createServer(async (req, res) => {
    cors(req, res);
    const url = new URL(req.url, 'http://127.0.0.1');
    const entry = { method: req.method, path: url.pathname, statementId: url.searchParams.get('statementId'), status: 0, at: Date.now() };
    if (req.method !== 'OPTIONS') log.push(entry);
    const send = (status, body, headers) => {
      entry.status = status;
      if (body === undefined) {
        res.writeHead(status, headers);
        res.end();
      } else json(res, status, body, headers);
    };
    if (req.method === 'OPTIONS') return send(204);

    // The fetch URL: POST once for the auth token (cmi5 8.2.3); a second POST is error 1.
    if (url.pathname.startsWith('/fetch/')) {
      const launch = launches.get(url.pathname.slice('/fetch/'.length));
      if (req.method !== 'POST') return send(405, { 'error-code': '3', 'error-text': 'POST the fetch URL' });
      if (!launch) return send(200, { 'error-code': '2', 'error-text': 'unknown launch' });
      launch.fetches += 1;
      if (launch.token) return send(200, { 'error-code': '1', 'error-text': 'already fetched' });
      launch.token = randomBytes(18).toString('base64url');
      tokens.set(launch.token, launch);
      return send(200, { 'auth-token': launch.token });
    }

    // Everything below is the LRS side of the LMS: the AU's token is required.
    const auth = req.headers.authorization ?? '';
    const launch = auth.startsWith('Basic ') ? tokens.get(auth.slice(6)) : null;
    if (url.pathname.startsWith('/xAPI/') && !launch) return send(401, { message: 'no valid cmi5 auth token' });
    if (url.pathname.startsWith('/xAPI/') && req.headers['x-experience-api-version'] !== '1.0.3') {
      return send(400, { message: 'X-Experience-API-Version 1.0.3 required' });
    }

    if (url.pathname === '/xAPI/activities/state') {
      const ok =
        req.method === 'GET' &&
        url.searchParams.get('stateId') === 'LMS.LaunchData' &&
        url.searchParams.get('activityId') === launch.activityId &&
        url.searchParams.get('registration') === launch.registration &&
        JSON.parse(url.searchParams.get('agent') ?? 'null')?.account?.name === launch.actor.account.name;
      return ok ? send(200, launch.launchData) : send(404, { message: 'no such state' });
    }

    if (url.pathname === '/xAPI/statements') {
      const fault = launcher.fault;
      if (fault && fault.times > 0) {
        fault.times -= 1;
        if (fault.times === 0) launcher.fault = null;
        if (fault.mode === 'drop') {
          entry.status = -1;
          req.socket.destroy();
          return;
        }
        if (fault.mode === '429') return send(429, { message: 'slow down' }, fault.retryAfter ? { 'Retry-After': String(fault.retryAfter) } : {});
        if (fault.mode === '503') return send(503, { message: 'unavailable' });
      }
      const body = await new Promise((done) => {
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => done(Buffer.concat(chunks)));
      });
      const headers = { Authorization: LRS_AUTH, 'X-Experience-API-Version': '1.0.3' };
      if (req.headers['content-type']) headers['Content-Type'] = req.headers['content-type'];
      const forward = httpRequest(
        { host: '127.0.0.1', port: lrs.port, method: req.method, path: `/xAPI/statements${url.search}`, headers },
        (upstream) => {
          const chunks = [];
          upstream.on('data', (c) => chunks.push(c));
          upstream.on('end', () => {
            entry.status = upstream.statusCode;
            res.writeHead(upstream.statusCode, { 'Content-Type': upstream.headers['content-type'] ?? 'application/json' });
            res.end(Buffer.concat(chunks));
          });
        },
      );
      forward.on('error', () => send(502, { message: 'the LRS is down' }));
      forward.end(body);
      return;
    }
    send(404, { message: 'not found' });
  });
  await new Promise((done) => server.listen({ port: 0, host: '127.0.0.1' }, done));
  const origin = `http://127.0.0.1:${server.address().port}`;
  launcher.origin = origin;
  launcher.endpoint = `${origin}/xAPI/`;

  /**
   * A new launch (a session) of the AU at `auUrl` for `learner`:
   * `{launchMode, masteryScore, moveOn, registration}`. Returns `{url, registration, sessionId, activityId, actor, launch}`.
   */
  launcher.launch = (auUrl, { learner = 'learner-1', name = 'Test Learner', launchMode = 'Normal', masteryScore = 0.8, moveOn = 'CompletedAndPassed', registration = randomUUID(), activityId = 'https://lms.example.edu/cmi5/kollega/au/0' } = {}) => {
    const id = randomUUID();
    const sessionId = randomUUID();
    const actor = { objectType: 'Agent', name, account: { homePage: 'https://lms.example.edu', name: learner } };
    const launchData = {
      contextTemplate: {
        contextActivities: { grouping: [{ objectType: 'Activity', id: 'https://kollega.app/cmi5/course/test' }] },
        extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': sessionId },
      },
      launchMode,
      moveOn,
      ...(masteryScore === null ? {} : { masteryScore }),
      returnURL: `${origin}/return`,
      entitlementKey: { courseStructure: 'kollega' },
    };
    const launch = { id, sessionId, actor, registration, activityId, launchData, token: null, fetches: 0 };
    launches.set(id, launch);
    launcher.launches.push(launch);
    const url = new URL(auUrl);
    url.searchParams.set('endpoint', launcher.endpoint);
    url.searchParams.set('fetch', `${origin}/fetch/${id}`);
    url.searchParams.set('actor', JSON.stringify(actor));
    url.searchParams.set('registration', registration);
    url.searchParams.set('activityId', activityId);
    return { url: url.href, registration, sessionId, activityId, actor, launch };
  };
  launcher.close = () => new Promise((done) => server.close(done));
  server.closeIdleConnections?.();
  return launcher;
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
};

/** Serves `dir` on 127.0.0.1 with a CSP header; resolves to `{origin, close()}`. */
export async function startStatic(dir, csp) {
  const base = resolve(dir);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = resolve(base, `.${path.endsWith('/') ? `${path}index.html` : path}`);
    if (!(file === base || file.startsWith(base + sep))) return res.writeHead(403).end();
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return res.writeHead(404).end();
    const headers = { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' };
    if (csp && extname(file) === '.html') headers['Content-Security-Policy'] = csp;
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  });
  await new Promise((done) => server.listen({ port: 0, host: '127.0.0.1' }, done));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => {
      server.closeAllConnections?.();
      server.close(done);
    }),
  };
}

export { LRS_AUTH };
