// The browser tests' kit: a dev node on free ports, an app served as apps/serve.mjs serves it
// (its Content-Security-Policy included), Debian's Chromium through playwright-core, an axe
// check, screenshots into the test logs, and waits that name what they waited for.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
export const APPS = join(here, '..');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Where screenshots and figures go: $MEDCHAIN_TEST_LOGS/apps (test.sh sets it). */
export const LOG_DIR = join(process.env.MEDCHAIN_TEST_LOGS ?? join(tmpdir(), 'medchain-test-logs'), 'apps');
mkdirSync(LOG_DIR, { recursive: true });

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check()` until it returns a truthy value; the timeout's error names `what`. */
export async function waitFor(check, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await check();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** A child process stopped when the tests end. */
function child(command, args, logFile) {
  const fd = openSync(logFile, 'a');
  const proc = spawn(command, args, { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let exited = null;
  proc.on('exit', (code, signal) => { exited = { code, signal }; });
  process.once('exit', () => { if (exited === null) proc.kill('SIGKILL'); });
  return {
    get exited() { return exited; },
    async stop() {
      if (exited !== null) return;
      proc.kill('SIGTERM');
      for (let i = 0; i < 100 && exited === null; i++) await sleep(100);
      if (exited === null) proc.kill('SIGKILL');
    },
  };
}

/** `medchain-node --dev` with temporary state; resolves once its RPC answers. */
export async function startDevNode(binary) {
  const base = mkdtempSync(join(tmpdir(), 'medchain-apps-'));
  const rpcPort = await freePort();
  const log = join(base, 'node.log');
  const node = child(binary, [
    '--dev', '--base-path', join(base, 'chain'), '--rpc-port', String(rpcPort), '--port', String(await freePort()),
    '--no-prometheus', '--no-telemetry', '--no-mdns', '--rpc-cors', 'all',
  ], log);
  await waitFor(async () => {
    if (node.exited) throw new Error(`medchain-node exited: ${JSON.stringify(node.exited)}\n${tail(log)}`);
    const res = await fetch(`http://127.0.0.1:${rpcPort}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain_getHeader', params: [] }),
    });
    const header = (await res.json()).result;
    return header && Number.parseInt(header.number, 16) >= 1;
  }, 'the dev node to answer RPC and author block #1', 240_000);
  return {
    rpc: `ws://127.0.0.1:${rpcPort}`,
    log,
    async stop() {
      await node.stop();
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/** Serves `apps/<app>/dist` with apps/serve.mjs (its headers) against `rpc`. */
export async function serveApp(app, rpc) {
  const port = await freePort();
  const log = join(LOG_DIR, `${app}-server.log`);
  const server = child(process.execPath, [join(APPS, 'serve.mjs'), '--dir', join(APPS, app, 'dist'), '--port', String(port), '--rpc', rpc], log);
  const url = `http://127.0.0.1:${port}/`;
  await waitFor(async () => {
    if (server.exited) throw new Error(`the app server exited: ${tail(log)}`);
    return (await fetch(url)).ok;
  }, `the ${app} server at ${url}`, 30_000);
  return { url, stop: () => server.stop() };
}

/**
 * Debian's Chromium, headless, with nothing that reaches for the network on its own; a page
 * that records Content-Security-Policy violations and page errors.
 */
export async function openBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.MEDCHAIN_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const problems = [];
  const watch = (page) => {
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
    });
  };
  context.on('page', watch);
  return { browser, context, problems };
}

/** Runs axe-core in the page; returns its serious and critical violations. */
export async function axeViolations(page) {
  const source = readFileSync(join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(source);
  const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Saves a full-page screenshot as $LOG_DIR/<name>.png; returns its path. */
export async function screenshot(page, name) {
  const path = join(LOG_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The q-quantile (0..1) of numbers, by nearest rank. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
