// Patient identity through the public API: a hospital practitioner registers a patient for a
// fresh account that never receives tokens; that account rotates its key and appoints a guardian
// for free; strangers are refused; past the patient's free-call allowance the pool refuses the
// call with the documented code.
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { mnemonicGenerate, randomAsU8a } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { submit } from '../lib/node.mjs';
import { patientIdFor } from '../lib/patient.mjs';

const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const physician = keyring.addFromUri('//Physician');
const nurse = keyring.addFromUri('//Nurse');
const patient = keyring.addFromUri(mnemonicGenerate());
const guardian = keyring.addFromUri(mnemonicGenerate());
const stranger = keyring.addFromUri(mnemonicGenerate());
const newKey = () => u8aToHex(randomAsU8a(32));
const firstKey = newKey();
const patientId = patientIdFor(patient.address, firstKey);

async function freeBalance(api, who) {
  return (await api.query.system.account(who.address)).data.free.toBigInt();
}

function paidBy(api, events, who) {
  return events.some(({ event }) =>
    api.events.transactionPayment.TransactionFeePaid.is(event) && event.data.who.toString() === who.address);
}

export const tests = {
  async 'a hospital practitioner registers a patient for a fresh account with zero balance'(api) {
    assert.equal(await freeBalance(api, patient), 0n);
    const { events, error } = await submit(
      api, api.tx.patientIdentity.registerPatientFor(patientId, patient.address, firstKey), physician);
    assert.equal(error, null, JSON.stringify(error));
    const registered = events.find(({ event }) => api.events.patientIdentity.PatientRegistered.is(event));
    assert.ok(registered, 'PatientRegistered event');
    assert.equal(registered.event.data.controller.toString(), patient.address);
    assert.equal(registered.event.data.registrar.unwrap().toString(), physician.address);
    const account = await api.query.system.account(patient.address);
    assert.equal(account.sufficients.toNumber(), 1, 'the controllership keeps the account alive');
    assert.equal(account.data.free.toBigInt(), 0n);
  },

  async 'the zero-balance controller rotates its key without tokens'(api) {
    const key = newKey();
    const { events, error } = await submit(api, api.tx.patientIdentity.rotateEncryptionKey(patientId, key), patient);
    assert.equal(error, null, JSON.stringify(error));
    assert.ok(events.some(({ event }) => api.events.patientIdentity.EncryptionKeyRotated.is(event)));
    assert.ok(events.some(({ event }) => api.events.patientIdentity.FreeCallUsed.is(event)));
    assert.ok(!paidBy(api, events, patient), 'no fee was charged');
    const record = (await api.query.patientIdentity.patients(patientId)).unwrap();
    assert.equal(record.encryptionKey.toHex(), key);
    assert.equal(await freeBalance(api, patient), 0n);
  },

  async 'it appoints a guardian without tokens'(api) {
    const { events, error } = await submit(
      api, api.tx.patientIdentity.addGuardian(patientId, guardian.address, 'ConsentOnly', null), patient);
    assert.equal(error, null, JSON.stringify(error));
    const added = events.find(({ event }) => api.events.patientIdentity.GuardianAdded.is(event));
    assert.ok(added, 'GuardianAdded event');
    assert.equal(added.event.data.scope.toString(), 'ConsentOnly');
    const stored = (await api.query.patientIdentity.guardians(patientId, guardian.address)).unwrap();
    assert.equal(stored.scope.toString(), 'ConsentOnly');
    assert.equal(await freeBalance(api, patient), 0n);
  },

  async 'a stranger is refused'(api) {
    const before = (await api.query.patientIdentity.patients(patientId)).unwrap().encryptionKey.toHex();
    // Without funds, the pool refuses: the call is not free for someone who does not act for the patient.
    await assert.rejects(
      submit(api, api.tx.patientIdentity.rotateEncryptionKey(patientId, newKey()), stranger),
      /Inability to pay some fees/);
    // With funds (a practitioner of the hospital), the call is paid for and the pallet refuses it.
    const { events, error } = await submit(
      api, api.tx.patientIdentity.rotateEncryptionKey(patientId, newKey()), nurse);
    assert.ok(error, 'the call fails');
    assert.equal(`${error.section}.${error.name}`, 'patientIdentity.NotController');
    assert.match(error.docs, /controller/i);
    assert.ok(paidBy(api, events, nurse), 'the stranger paid the fee');
    const after = (await api.query.patientIdentity.patients(patientId)).unwrap().encryptionKey.toHex();
    assert.equal(after, before);
  },

  async 'past the free-call allowance the call is refused with a clear error'(api) {
    const limit = api.consts.patientIdentity.freeCallsPerPeriod.toNumber();
    const code = api.consts.patientIdentity.freeCallsExhaustedCode.toNumber();
    const usage = await api.query.patientIdentity.freeCalls(patientId);
    const used = usage.isSome ? usage.unwrap().used.toNumber() : 0;
    assert.ok(used >= 2 && used < limit, `used ${used} of ${limit}`);
    // Use up the rest of the allowance at once: consecutive nonces, all in the pool together.
    const first = (await api.rpc.system.accountNextIndex(patient.address)).toNumber();
    const results = await Promise.all(Array.from({ length: limit - used }, (_, i) =>
      submit(api, api.tx.patientIdentity.rotateEncryptionKey(patientId, newKey()), patient, { nonce: first + i })));
    for (const { error } of results) assert.equal(error, null, JSON.stringify(error));
    assert.equal((await api.query.patientIdentity.freeCalls(patientId)).unwrap().used.toNumber(), limit);
    await assert.rejects(
      submit(api, api.tx.patientIdentity.rotateEncryptionKey(patientId, newKey()), patient),
      new RegExp(`Custom error: ${code}\\b`));
    assert.equal(await freeBalance(api, patient), 0n);
  },
};
