// Serves one built Medchain app (its `dist/` folder) on localhost with a strict
// Content-Security-Policy: everything from the app's own origin, WebSocket connections to the
// configured node only, no inline script, no third-party host. `config.json` tells the app its
// node. An organisation serving the apps elsewhere sends the same headers (apps/README.md).
//
//   node apps/serve.mjs --dir apps/verifier/dist --port 8081 --rpc ws://127.0.0.1:9944
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    rpc: { type: 'string', default: 'ws://127.0.0.1:9944' },
  },
});
if (!values.dir) {
  console.error('usage: node apps/serve.mjs --dir <app dist> [--port 8080] [--host 127.0.0.1] [--rpc ws://127.0.0.1:9944]');
  process.exit(2);
}
const root = resolve(values.dir);
const rpc = new URL(values.rpc);
if (!['ws:', 'wss:'].includes(rpc.protocol)) {
  console.error(`--rpc must be a ws:// or wss:// URL, not ${values.rpc}`);
  process.exit(2);
}

/** The policy: the app's origin for code, styles, images and workers; the node for RPC. */
export const CSP = [
  "default-src 'none'",
  // WebAssembly (the DataMatrix reader, the hashers) compiles under 'wasm-unsafe-eval'; no JS eval.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  `connect-src 'self' ${rpc.origin}`,
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()',
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

const config = JSON.stringify({ rpc: values.rpc });

const server = createServer(async (request, response) => {
  const send = (status, body, type = 'text/plain; charset=utf-8', cache = 'no-store') => {
    response.writeHead(status, { ...HEADERS, 'Content-Type': type, 'Cache-Control': cache });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'only GET and HEAD\n');
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  if (path === '/config.json') return send(200, config, TYPES['.json']);
  const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
  if (file !== root && !file.startsWith(root + sep)) return send(404, 'not found\n');
  try {
    if (!(await stat(file)).isFile()) return send(404, 'not found\n');
    const body = await readFile(file);
    // Hashed asset names never change content: cache them; the page itself is always fresh.
    const cache = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-store';
    return send(200, body, TYPES[extname(file)] ?? 'application/octet-stream', cache);
  } catch {
    return send(404, 'not found\n');
  }
});
server.listen(Number(values.port), values.host, () => {
  const { port } = server.address();
  console.log(`serving ${root} on http://${values.host}:${port}/ (node ${values.rpc})`);
});
