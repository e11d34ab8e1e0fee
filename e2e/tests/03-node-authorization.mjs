// Permissioned peers: on the local test network (whose genesis authorizes the four validators'
// nodes) two authorized validators connect, and a node with an unknown peer id is refused;
// governance (root, as a council motion would dispatch it) admits it, and removing it cuts it off.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { base58Decode } from '@polkadot/util-crypto';
import { freePort, rpc, rpcUp, scratchNetwork, submit, waitFor } from '../lib/node.mjs';

const keys = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'local-net-keys');
const ALICE_PEER = '12D3KooWDaC42AVxjSQyZmuvJ9zmUtUB5QpNEAvZCp56MPFEjBnF';
const BOB_PEER = '12D3KooWG7NXi3q9B2Rz969PdViTsBGb8zzTZLA93TTGpRkjx9hi';

export const tests = {
  async 'only authorized nodes join the local network'(_api, node) {
    const binary = node.binary;
    const net = scratchNetwork('medchain-e2e-net-');
    const { dir } = net;
    try {
      const spec = join(dir, 'local.json');
      writeFileSync(spec, execFileSync(binary, ['build-spec', '--chain', 'local', '--raw', '--disable-default-bootnode'], { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 }));

      const start = async (name, extra) => {
        const rpcPort = await freePort();
        const p2pPort = await freePort();
        const args = [
          '--chain', spec, '--base-path', join(dir, name), '--rpc-port', String(rpcPort),
          '--port', String(p2pPort), '--no-prometheus', '--no-telemetry', '--no-mdns', ...extra,
        ];
        const n = { rpcPort, p2pPort, child: net.spawnNode(binary, args, name) };
        await waitFor(() => rpcUp(rpcPort), 120_000, `${name}'s RPC`);
        n.restart = async () => {
          const exited = new Promise((r) => n.child.once('exit', r));
          n.child.kill('SIGTERM');
          await exited;
          n.child = net.spawnNode(binary, args, name);
          await waitFor(() => rpcUp(rpcPort), 120_000, `${name}'s RPC after the restart`);
        };
        return n;
      };
      const alice = await start('alice', ['--alice', '--node-key-file', join(keys, 'alice')]);
      const boot = ['--bootnodes', `/ip4/127.0.0.1/tcp/${alice.p2pPort}/p2p/${ALICE_PEER}`];
      const bob = await start('bob', ['--bob', '--node-key-file', join(keys, 'bob'), ...boot]);
      const strangerKey = join(dir, 'stranger-node-key');
      execFileSync(binary, ['key', 'generate-node-key', '--file', strangerKey], { stdio: 'ignore' });
      const strangerPeer = execFileSync(binary, ['key', 'inspect-node-key', '--file', strangerKey]).toString().trim();
      const stranger = await start('stranger', ['--offchain-worker', 'always', '--node-key-file', strangerKey, ...boot]);

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

      // Governance admits the stranger's node; its operator restarts it once (docs/operators.md
      // §3: a node that imported a block while unlisted applied its own peer list then, which
      // is empty), and it connects and follows the chain.
      const api = await ApiPromise.create({ provider: new WsProvider(`ws://127.0.0.1:${alice.rpcPort}`), noInitWarn: true });
      try {
        const sudo = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
        const peerBytes = u8aToHex(base58Decode(strangerPeer));
        const add = await submit(api, api.tx.sudo.sudo(api.tx.nodeAuthorization.addWellKnownNode(peerBytes, sudo.address)), sudo);
        assert.equal(add.error, null, JSON.stringify(add.error));
        assert.ok(add.events.some(({ event }) => event.section === 'nodeAuthorization' && event.method === 'NodeAdded'), 'NodeAdded');
        await stranger.restart();
        await waitFor(async () => (await peersOf(alice)).includes(strangerPeer), 90_000, 'the admitted node to connect');
        await waitFor(async () => (await height(stranger)) >= (await height(alice)) - 1, 90_000, 'the admitted node to follow the chain');

        // Removing it cuts it off again.
        const remove = await submit(api, api.tx.sudo.sudo(api.tx.nodeAuthorization.removeWellKnownNode(peerBytes)), sudo);
        assert.equal(remove.error, null, JSON.stringify(remove.error));
        const removedAt = (await api.rpc.chain.getHeader(remove.blockHash)).number.toNumber();
        await waitFor(async () => !(await peersOf(alice)).includes(strangerPeer), 90_000, 'the removed node to be disconnected');
        // The bound docs/operators.md §3 promises: Alice drops the node when she imports the
        // block that removes it (her offchain worker applies the list at every imported block),
        // so it is gone before her chain is two blocks further.
        const droppedAt = await height(alice);
        assert.ok(droppedAt <= removedAt + 2, `the removed node was cut off at #${droppedAt}, more than two blocks after its removal in #${removedAt}`);
        // Bob drops it too when his offchain worker applies the list (on a loaded machine a
        // few blocks later than Alice). Until both have, the removed node may still receive a
        // block or two; once no authorized node serves it, it follows the chain no further.
        await waitFor(async () => !(await peersOf(bob)).includes(strangerPeer), 90_000, 'Bob to disconnect the removed node');
        await waitFor(async () => {
          const peers = await peersOf(stranger);
          return !peers.includes(ALICE_PEER) && !peers.includes(BOB_PEER);
        }, 90_000, 'the removed node to lose Alice and Bob as peers');
        // A block already on its way when the last peer went may still be imported: let Alice
        // make one block, then the removed node's height must stay put while she makes two more.
        const aliceAt = await height(alice);
        await waitFor(async () => (await height(alice)) >= aliceAt + 1, 90_000, 'one more block on Alice');
        const strangerAt = await height(stranger);
        await waitFor(async () => (await height(alice)) >= aliceAt + 3, 90_000, 'two more blocks on Alice');
        assert.equal(await height(stranger), strangerAt, `the removed node follows the chain no further (stuck at #${strangerAt}, removed in #${removedAt}, Alice at #${await height(alice)})`);
        assert.ok(!(await peersOf(alice)).includes(strangerPeer), 'and stays disconnected');
      } finally {
        await api.disconnect();
      }
    } finally {
      await net.cleanup();
    }
  },
};
