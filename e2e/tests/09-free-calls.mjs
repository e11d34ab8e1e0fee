// Free calls stay scarce (AUDIT H-1). A zero-balance controller of a patient that a clinic
// physician registered sends 100 free calls at once, with consecutive nonces: the pool admits
// what is left of the patient's allowance and refuses the rest at submission, before any block;
// every admitted call is included for free, and blocks keep their pace meanwhile (the block times
// are printed). A patient who registers itself has no free calls at all.
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { mnemonicGenerate, randomAsU8a } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { submit, waitFor } from '../lib/node.mjs';
import { patientIdFor } from '../lib/patient.mjs';

const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const registrar = keyring.addFromUri('//ClinicPhysician');
const funded = keyring.addFromUri('//Ferdie');
const phone = keyring.addFromUri(mnemonicGenerate());
const device = keyring.addFromUri(mnemonicGenerate());
const newKey = () => u8aToHex(randomAsU8a(32));
const phoneKey = newKey();
const patientId = patientIdFor(phone.address, phoneKey);
const fundedKey = newKey();
const ownPatientId = patientIdFor(funded.address, fundedKey);
const FLOOD = 100;

async function freeBalance(api, who) {
  return (await api.query.system.account(who.address)).data.free.toBigInt();
}

function paidBy(api, events, who) {
  return events.some(({ event }) =>
    api.events.transactionPayment.TransactionFeePaid.is(event) && event.data.who.toString() === who.address);
}

function usedFreeCall(api, events) {
  return events.some(({ event }) => api.events.patientIdentity.FreeCallUsed.is(event));
}

/** Records every new block's number, on-chain timestamp and arrival time until `stop()`. */
async function watchBlocks(api) {
  const seen = new Map();
  const pending = [];
  let best = 0;
  const unsub = await api.rpc.chain.subscribeNewHeads((header) => {
    const arrived = Date.now();
    const number = header.number.toNumber();
    best = Math.max(best, number);
    pending.push(api.query.timestamp.now.at(header.hash).then((moment) => {
      seen.set(number, { number, moment: moment.toNumber(), arrived });
    }));
  });
  return {
    best: () => best,
    count: () => seen.size,
    async stop() {
      unsub();
      await Promise.all(pending);
      return [...seen.values()].sort((a, b) => a.number - b.number);
    },
  };
}

/** The gaps between consecutive blocks of `blocks`, by `key`, in ms. */
function gaps(blocks, key) {
  return blocks.slice(1)
    .filter((b, i) => b.number === blocks[i].number + 1)
    .map((b, i) => b[key] - blocks[i][key]);
}

const seconds = (ms) => (ms / 1000).toFixed(1);

export const tests = {
  async 'a clinic physician registers a patient for a zero-balance phone and vouches for it'(api) {
    const { error } = await submit(
      api, api.tx.patientIdentity.registerPatientFor(patientId, phone.address, phoneKey), registrar);
    assert.equal(error, null, JSON.stringify(error));
    assert.ok((await api.query.patientIdentity.vouchedPatients(patientId)).isSome, 'vouched for');
    assert.equal(await freeBalance(api, phone), 0n);
  },

  async '100 free calls at once: the pool admits what the allowance has left and refuses the rest before any block'(api) {
    const limit = api.consts.patientIdentity.freeCallsPerPeriod.toNumber();
    const code = api.consts.patientIdentity.freeCallsExhaustedCode.toNumber();
    const usage = await api.query.patientIdentity.freeCalls(patientId);
    const left = limit - (usage.isSome ? usage.unwrap().used.toNumber() : 0);
    assert.ok(left > 0 && left < FLOOD, `${left} of ${limit} free calls left`);
    const slot = (await api.call.auraApi.slotDuration()).toNumber();
    const first = (await api.rpc.system.accountNextIndex(phone.address)).toNumber();

    const blocks = await watchBlocks(api);
    await waitFor(() => blocks.count() > 0, 3 * slot, 'the first block seen');
    const startedAt = blocks.best();
    const sentAt = Date.now();
    let timer;
    const outcomes = await Promise.race([
      Promise.allSettled(Array.from({ length: FLOOD }, (_, i) =>
        submit(api, api.tx.patientIdentity.rotateEncryptionKey(patientId, newKey()), phone, { nonce: first + i })
          .catch((e) => { e.refusedAt = { ms: Date.now() - sentAt, best: blocks.best() }; throw e; }))),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('the flood did not settle in 20 slots')), 20 * slot);
      }),
    ]).finally(() => clearTimeout(timer));
    // Watch the chain a little longer: its pace after the flood counts too.
    const settledAt = blocks.best();
    await waitFor(() => blocks.best() >= settledAt + 3, 6 * slot, 'three more blocks');
    const watched = await blocks.stop();

    const included = outcomes.map((o, i) => ({ ...o, nonce: first + i })).filter((o) => o.status === 'fulfilled');
    const refused = outcomes.map((o, i) => ({ ...o, nonce: first + i })).filter((o) => o.status === 'rejected');
    const onChain = gaps(watched, 'moment');
    const arrivals = gaps(watched, 'arrived');
    const lastRefusal = Math.max(...refused.map((r) => r.reason.refusedAt?.ms ?? Infinity));
    console.log(`     ${included.length} of ${FLOOD} included, ${refused.length} refused by the pool within ${lastRefusal} ms of sending` +
      ` (best block #${startedAt} when sent, #${Math.max(...refused.map((r) => r.reason.refusedAt?.best ?? -1))} at the last refusal)`);
    console.log(`     block times #${watched[0]?.number}..#${watched.at(-1)?.number} (slot ${seconds(slot)} s):` +
      ` on chain ${onChain.map(seconds).join(', ')} s; seen ${arrivals.map(seconds).join(', ')} s`);

    assert.ok(included.length <= left, `at most the ${left} calls left are included, not ${included.length}`);
    assert.equal(included.length, left, 'every call the pool admitted is included');
    for (const { value, nonce } of included) {
      assert.equal(value.error, null, `nonce ${nonce}: ${JSON.stringify(value.error)}`);
      assert.ok(usedFreeCall(api, value.events), `nonce ${nonce} was free`);
      assert.ok(!paidBy(api, value.events, phone), `nonce ${nonce} paid no fee`);
    }
    assert.deepEqual(included.map((o) => o.nonce), Array.from({ length: left }, (_, i) => first + i));
    const refusal = new RegExp(`1010: Invalid Transaction: Custom error: ${code}\\b`);
    for (const { reason, nonce } of refused) {
      // Refused when submitted (the RPC answers 1010), not admitted and dropped from a block
      // later (that would end the watch with `transaction Invalid`).
      const message = String(reason?.message ?? reason);
      assert.match(message, refusal, `nonce ${nonce}: ${message} (after ${reason?.refusedAt?.ms} ms)`);
    }
    assert.equal((await api.query.patientIdentity.freeCalls(patientId)).unwrap().used.toNumber(), limit);
    assert.equal((await api.rpc.system.accountNextIndex(phone.address)).toNumber(), first + left);
    assert.equal(await freeBalance(api, phone), 0n);

    // Block production kept its pace: no slot went without a block.
    assert.ok(onChain.length >= 3, `${onChain.length} block times measured`);
    for (const gap of onChain) assert.ok(gap < 2 * slot, `a block took ${seconds(gap)} s (slot ${seconds(slot)} s)`);
  },

  async 'a patient who registers itself has no free calls: its controller and its devices pay'(api) {
    let result = await submit(api, api.tx.patientIdentity.registerPatient(ownPatientId, fundedKey), funded);
    assert.equal(result.error, null, JSON.stringify(result.error));
    assert.ok((await api.query.patientIdentity.vouchedPatients(ownPatientId)).isNone, 'not vouched for');
    result = await submit(api, api.tx.patientIdentity.rotateEncryptionKey(ownPatientId, newKey()), funded);
    assert.equal(result.error, null, JSON.stringify(result.error));
    assert.ok(paidBy(api, result.events, funded), 'the controller paid the fee');
    assert.ok(!usedFreeCall(api, result.events));
    result = await submit(api, api.tx.patientIdentity.addController(ownPatientId, device.address), funded);
    assert.equal(result.error, null, JSON.stringify(result.error));
    assert.ok(paidBy(api, result.events, funded), 'adding a device is paid for too');
    // The zero-balance device exists through its controllership, but has nothing to pay with.
    await assert.rejects(
      submit(api, api.tx.patientIdentity.rotateEncryptionKey(ownPatientId, newKey()), device),
      /Inability to pay some fees/);
    assert.ok((await api.query.patientIdentity.freeCalls(ownPatientId)).isNone);
  },
};
