// A consortium's own chain, the way docs/operators.md launches one: validator keys generated
// with scripts/consortium-spec.sh, a raw spec written from a consortium description, the keys
// inserted into each validator's keystore; the two validators then produce and finalize blocks
// of a chain whose genesis holds the consortium as described.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { blake2AsHex } from '@polkadot/util-crypto';
import { freePort, rpc, rpcUp, scratchNetwork, waitFor } from '../lib/node.mjs';

const script = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'consortium-spec.sh');

export const tests = {
  async 'an operator launches a consortium chain from generated keys and a description'(_api, node) {
    const binary = node.binary;
    const net = scratchNetwork('medchain-e2e-consortium-');
    const { dir } = net;
    const env = { ...process.env, MEDCHAIN_NODE_BIN: binary, MEDCHAIN_SKIP_BUILD: '1' };
    const run = (...args) => execFileSync(script, args, { env, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    try {
      const validators = ['north', 'south'].map((name) => JSON.parse(run('keys', name, join(dir, 'keys'))));
      assert.throws(() => run('keys', 'north', join(dir, 'keys')), 'existing keys are never overwritten');
      const config = {
        name: 'Test Health Consortium',
        id: 'test_health',
        validators,
        council: validators.map((v) => v.account),
        organizations: [{
          name: 'North Hospital',
          kind: 'Hospital',
          admin: validators[0].account,
          licenseHash: blake2AsHex('licence/north'),
          practitioners: [{ account: validators[1].account, role: 'Physician', licenseHash: blake2AsHex('licence/dr-south') }],
        }],
        endowment: 1000,
      };
      writeFileSync(join(dir, 'consortium.json'), JSON.stringify(config, null, 2));
      const spec = join(dir, 'spec.json');
      run('spec', join(dir, 'consortium.json'), spec);
      assert.equal(JSON.parse(readFileSync(spec, 'utf8')).id, 'test_health');

      const nodes = [];
      for (const v of validators) {
        const base = join(dir, v.name);
        run('insert-keys', spec, base, join(dir, 'keys', v.name));
        nodes.push({ ...v, base, rpcPort: await freePort(), p2pPort: await freePort() });
      }
      for (const n of nodes) {
        const others = nodes.filter((o) => o !== n).map((o) => ['--bootnodes', `/ip4/127.0.0.1/tcp/${o.p2pPort}/p2p/${o.peerId}`]).flat();
        net.spawnNode(binary, [
          '--chain', spec, '--base-path', n.base, '--validator', '--node-key-file', join(dir, 'keys', n.name, 'node-key'),
          '--rpc-port', String(n.rpcPort), '--port', String(n.p2pPort), '--offchain-worker', 'always',
          '--no-mdns', '--no-prometheus', '--no-telemetry', ...others,
        ], n.name);
      }
      for (const n of nodes) await waitFor(() => rpcUp(n.rpcPort), 120_000, `${n.name}'s RPC`);
      const finalized = async (n) => {
        const head = await rpc(n.rpcPort, 'chain_getFinalizedHead');
        return parseInt((await rpc(n.rpcPort, 'chain_getHeader', [head])).number, 16);
      };
      // GRANDPA needs both validators: finality proves both hold their keys and see each other.
      await waitFor(async () => (await finalized(nodes[0])) >= 2 && (await finalized(nodes[1])) >= 2, 150_000, 'block 2 finalized on both');

      const api = await ApiPromise.create({ provider: new WsProvider(`ws://127.0.0.1:${nodes[0].rpcPort}`), noInitWarn: true });
      try {
        assert.equal((await api.rpc.system.chain()).toString(), 'Test Health Consortium');
        assert.equal((await api.query.consortium.nextOrganizationId()).toNumber(), 1);
        const org = (await api.query.consortium.organizations(0)).unwrap();
        assert.equal(org.kind.toString(), 'Hospital');
        assert.equal(org.admin.toString(), validators[0].account);
        assert.ok((await api.query.consortium.practitioners(validators[1].account)).isSome, 'the founding practitioner');
        assert.deepEqual((await api.query.council.members()).map((m) => m.toString()).sort(), config.council.slice().sort());
        assert.equal((await api.query.sudo.key()).isNone, true, 'no sudo unless the description names one');
        const wellKnown = (await api.query.nodeAuthorization.wellKnownNodes()).toJSON();
        assert.equal(wellKnown.length, 2, 'both validators\' nodes are authorized');
      } finally {
        await api.disconnect();
      }
    } finally {
      await net.cleanup();
    }
  },
};
