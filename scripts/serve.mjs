#!/usr/bin/env node
// A tiny static server for the demo, on 127.0.0.1 only: build/plugin/ at /kollega/, the built-in
// programs (programs/) at /programs/ (with a generated /programs/index.json for the admin page's
// picker), and web/ at / (so web/programs/broken.json is /programs/broken.json: a path not found
// in one folder falls through to the next). Usage: node scripts/serve.mjs [--port 8080]
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { programsIndex } from './programs-index.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The page CSP: proves the plugin needs no eval (wasm needs only 'wasm-unsafe-eval'). */
export const DEMO_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'";

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.jsonl': 'application/jsonl; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Resolves a URL path inside `base`, or null if it would escape it. */
function safeJoin(base, urlPath) {
  const target = resolve(base, `.${urlPath}`);
  return target === base || target.startsWith(base + sep) ? target : null;
}

/**
 * Starts the server. Resolves to `{server, port, url, close()}`.
 * @param {{port?: number, host?: string, root?: string, webRoot?: string, pluginRoot?: string, programsRoot?: string, quiet?: boolean}} options
 *   `root` is the repository (default: this script's parent); `port: 0` picks a free port.
 */
export function startServer({ port = 8080, host = '127.0.0.1', root = repoRoot, webRoot, pluginRoot, programsRoot, quiet = false } = {}) {
  const programsDir = resolve(programsRoot ?? join(root, 'programs'));
  const mounts = [
    { prefix: '/kollega/', dir: resolve(pluginRoot ?? join(root, 'build/plugin')) },
    { prefix: '/programs/', dir: programsDir },
    { prefix: '/', dir: resolve(webRoot ?? join(root, 'web')) },
  ];

  /** The file for a URL path: the first mount (in order) whose folder has it; null if none. */
  async function findFile(pathname) {
    let forbidden = false;
    for (const mount of mounts) {
      if (!pathname.startsWith(mount.prefix)) continue;
      let file = safeJoin(mount.dir, pathname.slice(mount.prefix.length - 1));
      if (!file) {
        forbidden = true;
        continue;
      }
      try {
        let info = await stat(file);
        if (info.isDirectory()) {
          file = join(file, 'index.html');
          info = await stat(file);
        }
        return { file, info };
      } catch {
        /* not here: try the next mount */
      }
    }
    return forbidden ? 'forbidden' : null;
  }

  const server = createServer(async (req, res) => {
    const send = (status, text) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      res.end(req.method === 'HEAD' ? undefined : text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      return send(400, 'Bad request');
    }
    if (pathname.includes('\0')) return send(400, 'Bad request');
    if (pathname === '/programs/index.json') {
      const body = JSON.stringify(programsIndex(programsDir), null, 1) + '\n';
      res.writeHead(200, {
        'Content-Type': MIME['.json'],
        'Content-Length': Buffer.byteLength(body),
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      return res.end(req.method === 'HEAD' ? undefined : body);
    }
    const found = await findFile(pathname);
    if (found === 'forbidden') return send(403, 'Forbidden');
    if (!found) return send(404, 'Not found');
    const { file, info } = found;
    try {
      const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
      const headers = {
        'Content-Type': type,
        'Content-Length': info.size,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      };
      if (type.startsWith('text/html')) headers['Content-Security-Policy'] = DEMO_CSP;
      res.writeHead(200, headers);
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).on('error', () => res.destroy()).pipe(res);
    } catch {
      send(404, 'Not found');
    }
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actualPort = server.address().port;
      const url = `http://${host}:${actualPort}/`;
      if (!quiet) console.log(`Kollega demo: ${url}  (plugin at ${url}kollega/kollega.js)`);
      resolvePromise({
        server,
        port: actualPort,
        url,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

function portFromArgs(argv) {
  const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  if (i < 0) return 8080;
  const value = argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid --port: ${value}`);
  return port;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  startServer({ port: portFromArgs(process.argv.slice(2)) }).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
