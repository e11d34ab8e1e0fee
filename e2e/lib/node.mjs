// Starts a medchain-node on free ports with temporary state, and always stops it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, openSync, closeSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';

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

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Launches `binary --dev` (and `extraArgs`) with a temporary base path and free RPC/p2p ports.
 * Returns { api, rpcPort, logFile, stop, restart }. `stop` is idempotent; the node is also
 * killed when this process exits.
 */
export async function startDevNode(binary, { readyTimeoutMs = 240_000, extraArgs = [] } = {}) {
  const basePath = mkdtempSync(join(tmpdir(), 'medchain-e2e-'));
  const logFile = join(basePath, 'node.log');
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const args = [
    '--dev',
    '--base-path', join(basePath, 'chain'),
    '--rpc-port', String(rpcPort),
    '--port', String(p2pPort),
    '--no-prometheus',
    '--no-telemetry',
    '--no-mdns',
    '--rpc-max-connections', '1000',
    ...extraArgs,
  ];

  let child = null;
  let exited = null;
  const launch = () => {
    const logFd = openSync(logFile, 'a');
    exited = null;
    child = spawn(binary, args, { stdio: ['ignore', logFd, logFd], detached: false });
    closeSync(logFd);
    child.on('exit', (code, signal) => { exited = { code, signal }; });
  };
  const halt = async (signal) => {
    if (child === null || exited !== null) return;
    child.kill(signal);
    for (let i = 0; i < 150 && exited === null; i++) await sleep(100);
    if (exited === null) child.kill('SIGKILL');
    for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
  };
  const connect = async () => {
    const deadline = Date.now() + readyTimeoutMs;
    // Wait for the RPC server before connecting, so the client does not log reconnect noise.
    while (Date.now() < deadline) {
      if (exited !== null) {
        throw new Error(`medchain-node exited early (${JSON.stringify(exited)}):\n${tail(logFile)}`);
      }
      if (await rpcUp(rpcPort)) break;
      await sleep(500);
    }
    if (Date.now() >= deadline) throw new Error(`RPC did not come up in ${readyTimeoutMs} ms:\n${tail(logFile)}`);
    const provider = new WsProvider(`ws://127.0.0.1:${rpcPort}`, false);
    await provider.connect();
    return ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
  };

  const handle = { api: null, rpcPort, logFile, basePath, binary };
  let stopped = false;
  /** Stops the node; its base path is removed unless `keep` (or MEDCHAIN_E2E_KEEP) says not to. */
  handle.stop = async ({ keep = false } = {}) => {
    if (stopped) return;
    stopped = true;
    if (handle.api) await handle.api.disconnect().catch(() => {});
    await halt('SIGTERM');
    if (!keep && !process.env.MEDCHAIN_E2E_KEEP) rmSync(basePath, { recursive: true, force: true });
  };
  /** Stops the node with `signal` and starts it again on the same database and ports. */
  handle.restart = async (signal = 'SIGTERM') => {
    if (handle.api) await handle.api.disconnect().catch(() => {});
    handle.api = null;
    await halt(signal);
    launch();
    handle.api = await connect();
    handle.pid = child.pid;
    return handle.api;
  };
  process.once('exit', () => { if (child !== null && exited === null) child.kill('SIGKILL'); });

  try {
    launch();
    handle.api = await connect();
    handle.pid = child.pid;
    return handle;
  } catch (e) {
    await handle.stop();
    throw e;
  }
}

/** Whether a node answers JSON-RPC on `port`. */
export async function rpcUp(port) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system_health', params: [] }),
    });
    return res.ok;
  } catch {
    return false;
  }
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Waits until `predicate()` is truthy or `timeoutMs` passes; returns the last value. */
export async function waitFor(predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  let value;
  while (Date.now() < deadline) {
    value = await predicate();
    if (value) {
      if (process.env.MEDCHAIN_E2E_TRACE) console.log(`     waited ${timeoutMs - (deadline - Date.now())} ms for ${what}`);
      return value;
    }
    await sleep(500);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/**
 * Signs and submits `tx`, resolving once it is in a block with the block hash and its events.
 * A dispatch error is decoded from metadata into `section.Name: docs`. `options` are the signer
 * options of `signAndSend` (e.g. `{ nonce }` to send several transactions at once); a
 * transaction the pool refuses rejects with the node's message.
 */
export function submit(api, tx, signer, options = {}) {
  // Test files run side by side and may share a signer (sudo): one signer's transactions on one
  // chain are signed one after another, once the pool holds the previous one, each with the next
  // nonce. The nonce is the node's next index or one past the last this process used, whichever
  // is higher: a node can answer its next index before the previous transaction counts in it.
  // Explicit nonces need no queue.
  if (options.nonce === undefined) {
    const key = `${api.genesisHash.toHex()}/${signer.address}`;
    const previous = signerQueues.get(key) ?? Promise.resolve();
    let release;
    const turn = new Promise((r) => { release = r; });
    signerQueues.set(key, previous.then(() => turn));
    return previous.then(async () => {
      let nonce;
      try {
        const next = (await api.rpc.system.accountNextIndex(signer.address)).toNumber();
        const last = lastNonces.get(key);
        nonce = last === undefined ? next : Math.max(next, last + 1);
      } catch (e) {
        release();
        throw e;
      }
      lastNonces.set(key, nonce);
      // A transaction the pool refuses uses no nonce: ask the node again next time.
      const refused = () => { lastNonces.delete(key); release(); };
      return send(api, tx, signer, { ...options, nonce }, release, refused);
    });
  }
  return send(api, tx, signer, options, () => {});
}

const signerQueues = new Map();
const lastNonces = new Map();

/**
 * Runs `send(nonce)` in the signer's turn among this process's transactions (the queue `submit`
 * uses), with the next nonce, and holds the turn until `send` settles: for transactions another
 * client library sends (@medchain/client on polkadot-api), so that they and @polkadot/api's from
 * the same account never race for a nonce. A `send` that throws makes the next turn ask the node.
 */
export function inSignerTurn(api, address, send) {
  const key = `${api.genesisHash.toHex()}/${address}`;
  const previous = signerQueues.get(key) ?? Promise.resolve();
  let release;
  const turn = new Promise((r) => { release = r; });
  signerQueues.set(key, previous.then(() => turn));
  return previous.then(async () => {
    try {
      const next = (await api.rpc.system.accountNextIndex(address)).toNumber();
      const last = lastNonces.get(key);
      const nonce = last === undefined ? next : Math.max(next, last + 1);
      lastNonces.set(key, nonce);
      try {
        return await send(nonce);
      } catch (e) {
        lastNonces.delete(key);
        throw e;
      }
    } finally {
      release();
    }
  });
}

function send(api, tx, signer, options, release, refused = release) {
  return new Promise((resolve, reject) => {
    let unsub = null;
    tx.signAndSend(signer, options, ({ status, events, dispatchError }) => {
      if (status.isInBlock || status.isFinalized) {
        if (unsub) unsub();
        let error = null;
        if (dispatchError) {
          if (dispatchError.isModule) {
            const meta = api.registry.findMetaError(dispatchError.asModule);
            error = { section: meta.section, name: meta.name, docs: meta.docs.join(' ') };
          } else {
            error = { section: 'dispatch', name: dispatchError.type, docs: dispatchError.toString() };
          }
        }
        resolve({ blockHash: status.isInBlock ? status.asInBlock : status.asFinalized, events, error });
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        if (unsub) unsub();
        refused();
        reject(new Error(`transaction ${status.type}`));
      }
    }).then((u) => { unsub = u; release(); }).catch((e) => { refused(); reject(e); });
  });
}

/** One JSON-RPC call over HTTP. */
export async function rpc(port, method, params = []) {
  const res = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = await res.json();
  if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.result;
}

/**
 * A scratch directory for extra nodes a test starts itself (a small network). `spawnNode(binary,
 * args, name)` starts one with its output in `<dir>/<name>.log`; `cleanup()` kills them all and
 * removes the directory, and they are also killed if this process exits first.
 */
export function scratchNetwork(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const children = [];
  const killAll = () => { for (const child of children) child.kill('SIGKILL'); };
  process.once('exit', killAll);
  return {
    dir,
    spawnNode(binary, args, name) {
      const log = openSync(join(dir, `${name}.log`), 'a');
      // MEDCHAIN_E2E_NODE_LOG adds log targets for diagnosis (e.g. `peerset=trace`).
      const logTargets = process.env.MEDCHAIN_E2E_NODE_LOG ? ['-l', process.env.MEDCHAIN_E2E_NODE_LOG] : [];
      const child = spawn(binary, [...args, ...logTargets], { stdio: ['ignore', log, log] });
      closeSync(log);
      children.push(child);
      return child;
    },
    async cleanup() {
      killAll();
      process.removeListener('exit', killAll);
      await sleep(500);
      if (!process.env.MEDCHAIN_E2E_KEEP) rmSync(dir, { recursive: true, force: true });
    },
  };
}
