// Permissioned peers: on the local test network (whose genesis authorizes the four validators'
// nodes) two authorized validators connect, and a node with an unknown peer id is refused.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, rpc, rpcUp, waitFor } from '../lib/node.mjs';

const keys = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'local-net-keys');
const ALICE_PEER = '12D3KooWDaC42AVxjSQyZmuvJ9zmUtUB5QpNEAvZCp56MPFEjBnF';
const BOB_PEER = '12D3KooWG7NXi3q9B2Rz969PdViTsBGb8zzTZLA93TTGpRkjx9hi';

export const tests = {
  async 'only authorized nodes join the local network'(_api, node) {
    const binary = node.binary;
    const dir = mkdtempSync(join(tmpdir(), 'medchain-e2e-net-'));
    const children = [];
    const killAll = () => { for (const child of children) child.kill('SIGKILL'); };
    process.once('exit', killAll);
    try {
      const spec = join(dir, 'local.json');
      writeFileSync(spec, execFileSync(binary, ['build-spec', '--chain', 'local', '--raw'], { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 }));

      const start = async (name, extra) => {
        const rpcPort = await freePort();
        const p2pPort = await freePort();
        const log = openSync(join(dir, `${name}.log`), 'a');
        const child = spawn(binary, [
          '--chain', spec, '--base-path', join(dir, name), '--rpc-port', String(rpcPort),
          '--port', String(p2pPort), '--no-prometheus', '--no-telemetry', '--no-mdns', ...extra,
        ], { stdio: ['ignore', log, log] });
        closeSync(log);
        children.push(child);
        await waitFor(() => rpcUp(rpcPort), 120_000, `${name}'s RPC`);
        return { rpcPort, p2pPort };
      };
      const alice = await start('alice', ['--alice', '--node-key-file', join(keys, 'alice')]);
      const boot = ['--bootnodes', `/ip4/127.0.0.1/tcp/${alice.p2pPort}/p2p/${ALICE_PEER}`];
      const bob = await start('bob', ['--bob', '--node-key-file', join(keys, 'bob'), ...boot]);
      const stranger = await start('stranger', ['--offchain-worker', 'always', ...boot]);

      const peersOf = async (n) => (await rpc(n.rpcPort, 'system_peers')).map((p) => p.peerId);
      const height = async (n) => parseInt((await rpc(n.rpcPort, 'chain_getHeader')).number, 16);
      await waitFor(async () => (await peersOf(alice)).includes(BOB_PEER), 90_000, 'Alice and Bob to connect');
      await waitFor(async () => (await height(alice)) >= 1, 90_000, 'the first block');
      // From its first block on, each node keeps only authorized peers.
      await waitFor(async () => {
        const [a, x] = [await peersOf(alice), await peersOf(stranger)];
        return a.length === 1 && a[0] === BOB_PEER && x.length === 0;
      }, 60_000, 'Alice to keep Bob only and the stranger to be alone');
      // Authorization is applied by each node's offchain worker from its first imported block
      // on, so in the first seconds of a brand-new network a stranger may catch a block; what
      // must hold is that it is cut off and follows the chain no further.
      const [strangerBefore, aliceBefore] = [await height(stranger), await height(alice)];
      await waitFor(async () => (await height(alice)) >= aliceBefore + 2, 60_000, 'two more blocks on Alice');
      assert.equal(await height(stranger), strangerBefore, 'the unauthorized node follows the chain no further');
      assert.deepEqual(await peersOf(stranger), [], 'and still has no peers');
      assert.deepEqual(await peersOf(alice), [BOB_PEER], 'Alice is still connected to Bob only');
    } finally {
      killAll();
      process.removeListener('exit', killAll);
      await new Promise((r) => setTimeout(r, 500));
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
