// Records through the public API: a consented laboratory anchors a salted hash and the chain
// verifies it; an unconsented practitioner is refused; a consented read is logged and shows in
// the patient's access log; a shared key envelope is fetched through the runtime API; erasure
// leaves a tombstone; a batch built by medchain-merkle verifies.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { mnemonicGenerate, randomAsHex, randomAsU8a, blake2AsHex } from '@polkadot/util-crypto';
import { u8aConcat, stringToU8a, u8aToHex } from '@polkadot/util';
import { submit } from '../lib/node.mjs';
import { patientIdFor } from '../lib/patient.mjs';

const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const registrar = keyring.addFromUri('//PrivacyOfficer');
const labTechnician = keyring.addFromUri('//LabTechnician');
const pharmacist = keyring.addFromUri('//Pharmacist');
const patient = keyring.addFromUri(mnemonicGenerate());
const patientKey = randomAsHex(32);
const patientId = patientIdFor(patient.address, patientKey);
const LAB = 2;

// The client side: the content and its salt stay off chain; only the salted hash is anchored.
const content = stringToU8a('{"resourceType":"Observation","code":"glucose","value":5.4}');
const salt = randomAsU8a(32);
const contentHash = blake2AsHex(u8aConcat(salt, content));
let record = null;

function expectOk({ error }) {
  assert.equal(error, null, JSON.stringify(error));
}

export const tests = {
  async 'a consented laboratory anchors a record'(api) {
    expectOk(await submit(api, api.tx.patientIdentity.registerPatientFor(patientId, patient.address, patientKey), registrar));
    expectOk(await submit(api, api.tx.consent.grantConsent(
      patientId, { Organization: LAB }, 'Permit', ['Read', 'Write'], ['LabResults'], ['Treatment'], null, null, null), patient));
    const pointer = u8aToHex(randomAsU8a(46)); // an encrypted CID, opaque to the chain
    const r = await submit(api, api.tx.records.anchorRecord(patientId, 'LabResults', contentHash, pointer, null), labTechnician);
    expectOk(r);
    const anchored = r.events.find(({ event }) => api.events.records.RecordAnchored.is(event));
    assert.ok(anchored, 'RecordAnchored event');
    assert.equal(anchored.event.data.contentHash.toHex(), contentHash);
    record = { patient: patientId, id: anchored.event.data.record.toNumber() };
  },

  async 'verifyRecord answers Match, then Mismatch for another hash'(api) {
    assert.equal((await api.call.recordsApi.verifyRecord(record, contentHash)).toString(), 'Match');
    const tampered = blake2AsHex(u8aConcat(salt, stringToU8a('{"value":9.9}')));
    assert.equal((await api.call.recordsApi.verifyRecord(record, tampered)).toString(), 'Mismatch');
    const listed = await api.call.recordsApi.recordsOf(patientId, 0, 10);
    assert.equal(listed.length, 1);
    assert.equal(listed[0].author.toString(), labTechnician.address);
  },

  async 'an unconsented practitioner is refused'(api) {
    const r = await submit(api, api.tx.records.anchorRecord(patientId, 'LabResults', randomAsHex(32), '0x01', null), pharmacist);
    assert.ok(r.error, 'the call fails');
    assert.equal(`${r.error.section}.${r.error.name}`, 'records.NoWriteConsent');
    const read = await submit(api, api.tx.records.logAccess(record, 'Treatment'), pharmacist);
    assert.equal(`${read.error?.section}.${read.error?.name}`, 'records.NoConsent');
  },

  async 'a consented read is logged and appears in accessLog'(api) {
    const r = await submit(api, api.tx.records.logAccess(record, 'Treatment'), labTechnician);
    expectOk(r);
    const log = await api.call.recordsApi.accessLog(patientId, 0, 10);
    assert.equal(log.length, 1);
    assert.equal(log[0].accessor.toString(), labTechnician.address);
    assert.equal(log[0].record.toNumber(), record.id);
    assert.ok(log[0].basis.isConsent, log[0].basis.toString());
  },

  async 'the patient shares the record key and the laboratory fetches it with api.call; a pharmacist gets none'(api) {
    const envelope = u8aToHex(randomAsU8a(85)); // HPKE output in the record protocol; opaque here
    expectOk(await submit(api, api.tx.records.shareRecordKey(record, labTechnician.address, envelope, 'Treatment'), patient));
    const fetched = await api.call.recordsApi.recordKey(record, labTechnician.address, 'Treatment');
    assert.ok(fetched.isSome, 'the consented reader gets its envelope');
    assert.equal(u8aToHex(fetched.unwrap().envelope.toU8a(true)), envelope);
    assert.ok((await api.call.recordsApi.recordKey(record, labTechnician.address, 'Research')).isNone, 'not for another purpose');
    assert.ok((await api.call.recordsApi.recordKey(record, pharmacist.address, 'Treatment')).isNone, 'no envelope for the unconsented');
  },

  async 'erasure answers Erased'(api) {
    expectOk(await submit(api, api.tx.records.eraseRecord(record), patient));
    assert.equal((await api.call.recordsApi.verifyRecord(record, contentHash)).toString(), 'Erased');
    assert.equal((await api.query.system.account(patient.address)).data.free.toBigInt(), 0n);
  },

  async 'a batch built by medchain-merkle verifies through verifyBatchInclusion'(api) {
    const dir = mkdtempSync(join(tmpdir(), 'medchain-batch-'));
    try {
      const leaves = Array.from({ length: 1000 }, () => randomAsHex(32));
      const file = join(dir, 'hashes.txt');
      writeFileSync(file, leaves.join('\n'));
      const tool = (...args) => JSON.parse(execFileSync(process.env.MEDCHAIN_MERKLE_BIN, args, { encoding: 'utf8' }));
      const { root, leafCount } = tool('root', file);
      assert.equal(leafCount, 1000);
      const r = await submit(api, api.tx.records.anchorBatch(root, leafCount, blake2AsHex('lab run 2026-11-21')), labTechnician);
      expectOk(r);
      const anchored = r.events.find(({ event }) => api.events.records.BatchAnchored.is(event));
      const batch = anchored.event.data.batch.toNumber();
      const { leaf, proof } = tool('proof', file, '777');
      assert.equal(leaf, leaves[777]);
      assert.equal((await api.call.recordsApi.verifyBatchInclusion(batch, leaf, 777, proof)).isTrue, true);
      assert.equal((await api.call.recordsApi.verifyBatchInclusion(batch, leaves[778], 777, proof)).isTrue, false);
      assert.equal((await api.call.recordsApi.verifyBatchInclusion(batch, leaf, 5000, proof)).isTrue, false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
