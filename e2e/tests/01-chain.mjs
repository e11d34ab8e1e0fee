// The foundation: a dev chain that produces and finalizes blocks, accepts a signed transfer,
// and describes itself through metadata alone (no custom type definitions).
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { mnemonicGenerate } from '@polkadot/util-crypto';
import { submit, waitFor } from '../lib/node.mjs';

const keyring = () => new Keyring({ type: 'sr25519', ss58Format: 42 });

export const tests = {
  async 'runtime identifies itself as medchain'(api) {
    assert.equal(api.runtimeVersion.specName.toString(), 'medchain');
    const props = await api.rpc.system.properties();
    assert.equal(props.tokenSymbol.unwrap()[0].toString(), 'MED');
  },

  async 'blocks are produced'(api) {
    const start = (await api.rpc.chain.getHeader()).number.toNumber();
    const reached = await waitFor(async () => {
      const n = (await api.rpc.chain.getHeader()).number.toNumber();
      return n >= start + 2 ? n : null;
    }, 60_000, 'two new blocks');
    assert.ok(reached >= start + 2);
  },

  async 'blocks are finalized'(api) {
    const finalized = await waitFor(async () => {
      const hash = await api.rpc.chain.getFinalizedHead();
      const n = (await api.rpc.chain.getHeader(hash)).number.toNumber();
      return n >= 2 ? n : null;
    }, 90_000, 'a finalized block at height 2 or more');
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    assert.ok(finalized <= best, `finalized ${finalized} must not exceed best ${best}`);
  },

  async 'a balance transfer lands and moves funds'(api) {
    // Dave pays here: Alice, Bob and Charlie sign the governance calls of the tests running alongside.
    const dave = keyring().addFromUri('//Dave');
    const fresh = keyring().addFromUri(mnemonicGenerate());
    const amount = 5n * 10n ** 12n;
    const before = (await api.query.system.account(dave.address)).data.free.toBigInt();

    const { events, error, blockHash } = await submit(
      api, api.tx.balances.transferKeepAlive(fresh.address, amount), dave);
    assert.equal(error, null, `dispatch failed: ${JSON.stringify(error)}`);
    assert.ok(events.some(({ event }) => api.events.balances.Transfer.is(event)), 'Transfer event');
    assert.ok(events.some(({ event }) => api.events.system.ExtrinsicSuccess.is(event)), 'ExtrinsicSuccess');

    const at = await api.at(blockHash);
    const received = (await at.query.system.account(fresh.address)).data.free.toBigInt();
    assert.equal(received, amount);
    const after = (await at.query.system.account(dave.address)).data.free.toBigInt();
    assert.ok(before - after > amount, 'the sender also paid a fee');
  },

  async 'a failing call reports its documented error from metadata'(api) {
    const poor = keyring().addFromUri(mnemonicGenerate());
    const eve = keyring().addFromUri('//Eve');
    const ed = api.consts.balances.existentialDeposit.toBigInt();
    // Give the account enough for fees, then ask it to send more than it has.
    await submit(api, api.tx.balances.transferKeepAlive(poor.address, 10n ** 12n), eve);
    const { error } = await submit(api, api.tx.balances.transferKeepAlive(eve.address, 10n ** 15n + ed), poor);
    assert.ok(error, 'the oversized transfer fails');
    assert.ok(error.docs.length > 0, `error ${error.section}.${error.name} has docs in metadata`);
  },

  async 'constants and error docs are readable from metadata'(api) {
    assert.equal(api.consts.balances.existentialDeposit.toBigInt(), 10n ** 9n);
    assert.equal(api.consts.aura.slotDuration.toNumber(), 6000);
    const docs = api.errors.balances.InsufficientBalance.meta.docs.map((d) => d.toString()).join(' ');
    assert.match(docs, /balance/i);
    const versions = await api.call.metadata.metadataVersions();
    assert.ok(versions.map((v) => v.toNumber()).includes(15), 'metadata v15 is served');
  },
};
