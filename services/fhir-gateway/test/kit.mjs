// The gateway tests' kit: a dev node and gateways as child processes on free ports, with
// configuration files in a temporary directory, and waits that name what they waited for.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GATEWAY = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(GATEWAY, 'bin', 'gateway.mjs');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Where logs go: $MEDCHAIN_TEST_LOGS/fhir-gateway (test.sh sets it). */
export const LOG_DIR = join(process.env.MEDCHAIN_TEST_LOGS ?? join(tmpdir(), 'medchain-test-logs'), 'fhir-gateway');
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
    await sleep(200);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

export function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function child(command, args, logFile, env = {}) {
  const fd = openSync(logFile, 'a');
  const proc = spawn(command, args, { stdio: ['ignore', fd, fd], env: { ...process.env, ...env } });
  closeSync(fd);
  let exited = null;
  const exit = new Promise((resolve) => {
    proc.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
  });
  process.once('exit', () => {
    if (exited === null) proc.kill('SIGKILL');
  });
  return {
    get exited() {
      return exited;
    },
    exit,
    async stop() {
      if (exited !== null) return;
      proc.kill('SIGTERM');
      for (let i = 0; i < 100 && exited === null; i++) await sleep(100);
      if (exited === null) proc.kill('SIGKILL');
    },
  };
}

/** `medchain-node --dev` with temporary state; resolves once it has authored block #1. */
export async function startDevNode(binary) {
  const base = mkdtempSync(join(tmpdir(), 'medchain-gateway-'));
  const rpcPort = await freePort();
  const log = join(LOG_DIR, 'node.log');
  const node = child(binary, [
    '--dev', '--base-path', join(base, 'chain'), '--rpc-port', String(rpcPort), '--port', String(await freePort()),
    '--no-prometheus', '--no-telemetry', '--no-mdns',
    // Extra node flags for a diagnosis, e.g. MEDCHAIN_NODE_ARGS='-ltxpool=debug'.
    ...(process.env.MEDCHAIN_NODE_ARGS ?? '').split(' ').filter(Boolean),
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
    base,
    async stop() {
      await node.stop();
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/**
 * A gateway's configuration file in `dir` (`<name>.json`, its data in `<name>-data`), on a free
 * port; `peers` are filled in later with {@link setPeers}.
 */
export async function gatewayConfig(dir, { name, organization, rpc, practitioners, mortalityBlocks }) {
  const port = await freePort();
  const config = {
    name,
    organization,
    chain: rpc,
    port,
    publicUrl: `http://127.0.0.1:${port}`,
    dataDir: `${name}-data`,
    practitioners,
    ...(mortalityBlocks ? { mortalityBlocks } : {}),
    peers: {},
  };
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(config, null, 2));
  return { file, url: config.publicUrl, dataDir: join(dir, config.dataDir), config };
}

/** Writes every gateway's peers: the others, by organisation. */
export function setPeers(gateways) {
  for (const g of gateways) {
    g.config.peers = Object.fromEntries(gateways.filter((o) => o !== g).map((o) => [String(o.config.organization), o.url]));
    writeFileSync(g.file, JSON.stringify(g.config, null, 2));
  }
}

/** Starts `gateway.mjs serve` for a configuration; resolves once `/health` passes. */
export async function startGateway(gateway, env = {}) {
  const log = join(LOG_DIR, `${gateway.config.name}.log`);
  const proc = child(process.execPath, [BIN, 'serve', '--config', gateway.file], log, env);
  await waitFor(async () => {
    if (proc.exited) throw new Error(`the ${gateway.config.name} gateway exited: ${JSON.stringify(proc.exited)}\n${tail(log)}`);
    return (await fetch(`${gateway.url}/health`)).ok;
  }, `the ${gateway.config.name} gateway's /health to pass`, 90_000);
  return { ...proc, log };
}

/** Runs `gateway.mjs reconcile` for a configuration: its exit code and JSON report. */
export function runReconcile(gateway, ...flags) {
  const r = spawnSync(process.execPath, [BIN, 'reconcile', '--config', gateway.file, ...flags], { encoding: 'utf8', timeout: 120_000 });
  let report;
  try {
    report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{\n')));
  } catch {
    throw new Error(`reconcile printed no report (exit ${r.status}): ${r.stdout}\n${r.stderr}`);
  }
  return { status: r.status, report };
}

export { sleep };
