// Runs last: the node is stopped and started again on the same database, gracefully and then
// with SIGKILL, and keeps every block it had, its finality, and its state.
import assert from 'node:assert/strict';
import { waitFor } from '../lib/node.mjs';

async function heights(api) {
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const finalizedHash = await api.rpc.chain.getFinalizedHead();
  const finalized = (await api.rpc.chain.getHeader(finalizedHash)).number.toNumber();
  return { best, finalized };
}

async function restartKeepsChain(node, signal) {
  let api = node.api;
  const before = await heights(api);
  const hashAtBest = (await api.rpc.chain.getBlockHash(before.best)).toHex();
  const orgs = (await api.query.consortium.nextOrganizationId()).toNumber();

  api = await node.restart(signal);

  const after = await heights(api);
  assert.ok(after.best >= before.best, `best ${after.best} < ${before.best} after ${signal}`);
  assert.ok(after.finalized >= before.finalized, `finalized ${after.finalized} < ${before.finalized}`);
  assert.equal((await api.rpc.chain.getBlockHash(before.best)).toHex(), hashAtBest, 'same block at the old best height');
  assert.equal((await api.query.consortium.nextOrganizationId()).toNumber(), orgs, 'state survives');
  await waitFor(async () => (await heights(api)).best > after.best, 60_000, 'a new block after the restart');
}

export const tests = {
  async 'a restarted node keeps its chain and continues'(api, node) {
    await restartKeepsChain(node, 'SIGTERM');
  },

  async 'a node killed with SIGKILL restarts from its database'(api, node) {
    await restartKeepsChain(node, 'SIGKILL');
  },
};
