// The demo server: mounts (with fall-through), the programs index, MIME types, the CSP on HTML,
// no way out of its folders.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, DEMO_CSP } from '../../scripts/serve.mjs';

let server;
let dir;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kollega-serve-'));
  await mkdir(join(dir, 'web/programs'), { recursive: true });
  await mkdir(join(dir, 'plugin'), { recursive: true });
  await mkdir(join(dir, 'programs'), { recursive: true });
  await writeFile(join(dir, 'programs/alpha.json'), JSON.stringify({ id: 'alpha', title: { en: 'Alpha', sv: 'Alfa' } }));
  await writeFile(join(dir, 'programs/beta.json'), '{not json');
  await writeFile(join(dir, 'web/index.html'), '<!doctype html><title>t</title>');
  await writeFile(join(dir, 'web/programs/p.json'), '{}');
  await writeFile(join(dir, 'plugin/kollega.js'), 'export {};');
  await writeFile(join(dir, 'plugin/kollega-core.wasm'), Buffer.from([0, 97, 115, 109]));
  await writeFile(join(dir, 'secret.txt'), 'do not serve');
  server = await startServer({
    port: 0,
    webRoot: join(dir, 'web'),
    pluginRoot: join(dir, 'plugin'),
    programsRoot: join(dir, 'programs'),
    quiet: true,
  });
});

after(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A raw GET (the path is sent as is, not normalized like fetch would). */
function get(path) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: 'GET' }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serve: listens on 127.0.0.1 and reports its URL', () => {
  assert.equal(server.server.address().address, '127.0.0.1');
  assert.equal(server.url, `http://127.0.0.1:${server.port}/`);
});

test('serve: web/ at / with the CSP on HTML only', async () => {
  const page = await get('/');
  assert.equal(page.status, 200);
  assert.match(page.headers['content-type'], /^text\/html/);
  assert.equal(page.headers['content-security-policy'], DEMO_CSP);
  assert.match(DEMO_CSP, /script-src 'self' 'wasm-unsafe-eval'/);
  const json = await get('/programs/p.json');
  assert.match(json.headers['content-type'], /^application\/json/);
  assert.equal(json.headers['content-security-policy'], undefined);
});

test('serve: build/plugin at /kollega/ with JS and wasm MIME types', async () => {
  const js = await get('/kollega/kollega.js');
  assert.equal(js.status, 200);
  assert.match(js.headers['content-type'], /^text\/javascript/);
  const wasm = await get('/kollega/kollega-core.wasm');
  assert.equal(wasm.headers['content-type'], 'application/wasm');
  assert.equal((await get('/kollega/missing.wasm')).status, 404);
});

test('serve: programs/ at /programs/, falling through to web/programs/ for demo files', async () => {
  const builtIn = await get('/programs/alpha.json');
  assert.equal(builtIn.status, 200);
  assert.equal(JSON.parse(builtIn.body).id, 'alpha');
  const demoOnly = await get('/programs/p.json');
  assert.equal(demoOnly.status, 200, 'web/programs/p.json');
  assert.equal((await get('/programs/missing.json')).status, 404);
});

test('serve: /programs/index.json lists the built-in programs with their titles', async () => {
  const index = await get('/programs/index.json');
  assert.equal(index.status, 200);
  assert.match(index.headers['content-type'], /^application\/json/);
  assert.deepEqual(JSON.parse(index.body), [
    { id: 'alpha', file: 'alpha.json', title: { en: 'Alpha', sv: 'Alfa' } },
    { id: 'beta', file: 'beta.json', title: 'beta' },
  ]);
});

test('serve: no directory traversal', async () => {
  for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/kollega/..%2f..%2fsecret.txt', '/programs/%2e%2e%2f%2e%2e%2fsecret.txt', '/programs/..%2f..%2fsecret.txt', '/%00']) {
    const res = await get(path);
    assert.ok([400, 403, 404].includes(res.status), `${path} → ${res.status}`);
    assert.doesNotMatch(res.body, /do not serve/, path);
  }
});
