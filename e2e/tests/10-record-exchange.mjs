// Record exchange, lab → patient → clinic, with the real record protocol (docs/record-protocol.md)
// through the medchain-record-protocol CLI: a laboratory seals a FHIR Observation into a blob
// directory and anchors it with an envelope for a zero-token patient; the patient unwraps it with
// its phrase, opens pointer and blob and verifies; a clinic physician publishes its key, the
// patient wraps the same data key to it and the physician reads; an unconsented pharmacist gets
// nothing; an envelope copied onto another record does not open; revoking the consent removes the
// physician's envelopes in the revoking block.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Keyring } from '@polkadot/keyring';
import { decodeAddress, mnemonicGenerate, randomAsHex } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { submit, waitFor } from '../lib/node.mjs';
import { patientIdFor } from '../lib/patient.mjs';

const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const registrar = keyring.addFromUri('//PrivacyOfficer');
const labTechnician = keyring.addFromUri('//LabTechnician');
const physician = keyring.addFromUri('//ClinicPhysician');
const pharmacist = keyring.addFromUri('//Pharmacist');
const CLINIC = 1;
const LAB = 2;

// The command-line tool of the record protocol. Hex answers carry no 0x; the chain's do.
const hx = (hex) => (hex.startsWith('0x') ? hex : `0x${hex}`);
const cli = (args, input) =>
  execFileSync(process.env.MEDCHAIN_RECORD_PROTOCOL_BIN, args, { encoding: 'utf8', input, stdio: 'pipe' });
const tool = (args, input) => JSON.parse(cli(args, input));
/** The X25519 key of `version` derived from a recovery phrase (given on stdin, not in argv). */
const keygen = (phrase, version) => tool(['keygen', '--phrase-file', '-', '--key-version', String(version)], phrase);
/** An account id as the 32 bytes an envelope's `grantee` is. */
const accountId = (address) => u8aToHex(decodeAddress(address));

// The patient: one phrase for its sr25519 account and its X25519 key (version 0), no tokens.
const patientPhrase = mnemonicGenerate();
const patient = keyring.addFromUri(patientPhrase);
let patientKeys = null; // its X25519 key, from the CLI in the first test
let patientId = null;
// The physician's key-agreement key comes from a phrase of its own (its records app's).
const physicianPhrase = mnemonicGenerate();

// Where the consortium keeps blobs, and the laboratory's own files.
const blobDir = mkdtempSync(join(tmpdir(), 'medchain-blobs-'));
const labDir = mkdtempSync(join(tmpdir(), 'medchain-lab-'));
process.once('exit', () => {
  rmSync(blobDir, { recursive: true, force: true });
  rmSync(labDir, { recursive: true, force: true });
});

const glucose = {
  resourceType: 'Observation',
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '2345-7', display: 'Glucose [Moles/volume] in Serum or Plasma' }] },
  effectiveDateTime: '2026-11-21T08:30:00Z',
  valueQuantity: { value: 5.4, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
};
const potassium = {
  ...glucose,
  code: { coding: [{ system: 'http://loinc.org', code: '2823-3', display: 'Potassium [Moles/volume] in Serum or Plasma' }] },
  valueQuantity: { value: 4.1, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
};

let labConsent = null;
let clinicConsent = null;
let record = null; // the glucose result
let second = null; // the potassium result
let patientDataKey = null; // K of the glucose result, as the patient unwrapped it
let physicianEnvelope = null; // K of the glucose result, wrapped to the physician

function expectOk(r, what) {
  assert.equal(r.error, null, `${what} succeeds: ${JSON.stringify(r.error)}`);
}

function findEvent(r, event) {
  const index = r.events.findIndex(({ event: e }) => event.is(e));
  return index < 0 ? null : { index, data: r.events[index].event.data };
}

// 05-consent suspends this clinic for a block while the files run side by side. A clinic step
// that failed in a block where the clinic was not active is taken again once it is; a clinic
// read is made at a block where it is active.
async function clinicActive(api, at) {
  const org = at
    ? await api.query.consortium.organizations.at(at, CLINIC)
    : await api.query.consortium.organizations(CLINIC);
  return org.unwrap().status.isActive;
}

async function submitForClinic(api, makeTx, signer) {
  for (let attempt = 1; ; attempt++) {
    await waitFor(() => clinicActive(api), 120_000, 'the clinic to be active');
    const r = await submit(api, makeTx(), signer);
    if (!r.error || attempt === 5) return r;
    const header = await api.rpc.chain.getHeader(r.blockHash);
    if ((await clinicActive(api, header.parentHash)) && (await clinicActive(api, r.blockHash))) return r;
  }
}

async function atActiveClinic(api) {
  for (;;) {
    await waitFor(() => clinicActive(api), 120_000, 'the clinic to be active');
    const hash = await api.rpc.chain.getBlockHash();
    if (await clinicActive(api, hash)) return api.at(hash);
  }
}

/** The laboratory seals `resource` into the blob directory; the pointer names the blob's URI. */
function seal(resource) {
  const name = randomAsHex(16).slice(2); // nothing about the patient in the blob's name
  const body = join(labDir, `${name}.json`);
  const blob = join(blobDir, `${name}.blob`);
  writeFileSync(body, JSON.stringify(resource));
  return tool(['seal', '--kind', 'fhir', '--body', body, '--patient', patientId, '--category', 'LabResults',
    '--out', blob, '--uri', `file://${blob}`]);
}

/** Wraps data key `key` of the record with `contentHash` for `grantee` (32-byte hex) under `to`. */
function wrap(api, { to, key, contentHash, grantee, keyVersion }) {
  return hx(tool(['wrap', '--to', to, '--key', key, '--genesis', api.genesisHash.toHex(), '--patient', patientId,
    '--content-hash', contentHash, '--grantee', grantee, '--key-version', String(keyVersion)]).envelope);
}

/** The record's content hash, category and pointer, as the chain has them. */
async function onChain(api, ref) {
  const [view] = await api.call.recordsApi.recordsOf(ref.patient, ref.id, 1);
  assert.equal(view?.id.toNumber(), ref.id, `recordsOf lists record ${ref.id}`);
  return {
    contentHash: view.contentHash.toHex(),
    category: view.category.toString(),
    pointer: u8aToHex(view.pointer.toU8a(true)),
  };
}

/** What a reader does with its envelope: unwrap K with its phrase, open the pointer, fetch and open the blob. */
async function read(api, ref, envelope, phrase, grantee) {
  const { contentHash, category, pointer } = await onChain(api, ref);
  const { dataKey } = tool(['unwrap', '--envelope', envelope, '--phrase-file', '-', '--genesis', api.genesisHash.toHex(),
    '--patient', ref.patient, '--content-hash', contentHash, '--grantee', grantee], phrase);
  const { uri } = tool(['open-pointer', '--key', dataKey, '--patient', ref.patient, '--content-hash', contentHash,
    '--pointer', pointer]);
  assert.match(uri, /^file:\/\//, `the pointer opens to a file:// URI, not ${uri}`);
  const body = cli(['open', '--key', dataKey, '--patient', ref.patient, '--content-hash', contentHash,
    '--category', category, '--blob', fileURLToPath(uri)]);
  return { contentHash, dataKey, body: JSON.parse(body) };
}

export const tests = {
  async 'a zero-token patient, registered with its phrase-derived key, grants the laboratory'(api) {
    patientKeys = keygen(patientPhrase, 0);
    assert.equal(patientKeys.keyVersion, 0, 'keygen derives key version 0');
    patientId = patientIdFor(patient.address, hx(patientKeys.public));
    expectOk(await submit(api, api.tx.patientIdentity.registerPatientFor(patientId, patient.address, hx(patientKeys.public)), registrar),
      'registering the patient');
    const r = await submit(api, api.tx.consent.grantConsent(
      patientId, { Organization: LAB }, 'Permit', ['Read', 'Write'], ['LabResults'], ['Treatment'], null, null, null), patient);
    expectOk(r, 'the grant to the laboratory');
    labConsent = findEvent(r, api.events.consent.ConsentGranted)?.data.consent.toNumber();
    assert.ok(labConsent !== undefined, 'a ConsentGranted event for the laboratory');
    assert.equal((await api.query.system.account(patient.address)).data.free.toBigInt(), 0n, 'the patient holds no tokens');
  },

  async 'the laboratory seals an Observation and anchors it with an envelope for the patient'(api) {
    const sealed = seal(glucose);
    assert.ok(sealed.pointer, 'seal answers a pointer for --uri');
    const envelope = wrap(api, { to: patientKeys.public, key: sealed.dataKey, contentHash: sealed.contentHash,
      grantee: patientId, keyVersion: 0 });
    const r = await submit(api, api.tx.records.anchorRecordWithKey(
      patientId, 'LabResults', hx(sealed.contentHash), hx(sealed.pointer), null, envelope), labTechnician);
    expectOk(r, 'anchorRecordWithKey');
    const anchored = findEvent(r, api.events.records.RecordAnchored);
    const left = findEvent(r, api.events.records.PatientKeyLeft);
    assert.ok(anchored, 'a RecordAnchored event');
    assert.ok(left, 'a PatientKeyLeft event');
    assert.ok(anchored.index < left.index, 'RecordAnchored comes before PatientKeyLeft');
    assert.equal(anchored.data.contentHash.toHex(), hx(sealed.contentHash), 'the anchored hash is the sealed record\'s');
    record = { patient: patientId, id: anchored.data.record.toNumber() };
    assert.equal(left.data.record.toNumber(), record.id, 'PatientKeyLeft names the anchored record');
    assert.equal(left.data.patient.toHex(), patientId, 'PatientKeyLeft names the patient');
    assert.equal(left.data.author.toString(), labTechnician.address, 'PatientKeyLeft names the laboratory technician');
    const stored = await api.call.recordsApi.patientKey(record, patient.address);
    assert.ok(stored.isSome, 'patientKey answers the controller');
    assert.equal(u8aToHex(stored.unwrap().envelope.toU8a(true)), envelope, 'patientKey answers the envelope anchored');
    assert.ok((await api.call.recordsApi.patientKey(record, labTechnician.address)).isNone, 'patientKey answers no one but a controller');
  },

  async 'the patient unwraps its envelope with its phrase, opens pointer and blob, and verifies Match'(api) {
    const fetched = await api.call.recordsApi.patientKey(record, patient.address);
    const envelope = u8aToHex(fetched.unwrap().envelope.toU8a(true));
    const { contentHash, dataKey, body } = await read(api, record, envelope, patientPhrase, patientId);
    assert.deepEqual(body, glucose, 'the opened body is the laboratory\'s Observation');
    assert.equal((await api.call.recordsApi.verifyRecord(record, contentHash)).toString(), 'Match', 'verifyRecord answers Match');
    patientDataKey = dataKey;
  },

  async 'the clinic physician publishes its key and readerKey answers it'(api) {
    const { public: key } = keygen(physicianPhrase, 1);
    const r = await submitForClinic(api, () => api.tx.records.publishReaderKey(hx(key), 1), physician);
    expectOk(r, 'publishReaderKey');
    const published = findEvent(r, api.events.records.ReaderKeyPublished);
    assert.ok(published, 'a ReaderKeyPublished event');
    assert.equal(published.data.owner.toString(), physician.address, 'the key is the physician\'s');
    assert.equal(published.data.org.toNumber(), CLINIC, 'it reads for the clinic');
    assert.equal(published.data.version.toNumber(), 1, 'version 1');
    assert.equal(published.data.key.toHex(), hx(key), 'the published key');
    assert.equal(published.data.service.isTrue, false, 'not a service key');
    const answer = await (await atActiveClinic(api)).call.recordsApi.readerKey(physician.address);
    assert.ok(answer.isSome, 'readerKey answers the physician\'s key');
    const rk = answer.unwrap();
    assert.equal(rk.key.toHex(), hx(key), 'readerKey answers the published key');
    assert.equal(rk.version.toNumber(), 1, 'readerKey answers version 1');
    assert.equal(rk.org.toNumber(), CLINIC, 'readerKey answers the clinic');
    assert.equal(rk.service.isTrue, false, 'readerKey answers a practitioner\'s own key');
  },

  async 'the patient grants the clinic and wraps the same data key to the physician\'s published key'(api) {
    let r = await submitForClinic(api, () => api.tx.consent.grantConsent(
      patientId, { Organization: CLINIC }, 'Permit', ['Read'], ['LabResults'], ['Treatment'], null, null, null), patient);
    expectOk(r, 'the grant to the clinic');
    clinicConsent = findEvent(r, api.events.consent.ConsentGranted)?.data.consent.toNumber();
    assert.ok(clinicConsent !== undefined, 'a ConsentGranted event for the clinic');
    const rk = (await (await atActiveClinic(api)).call.recordsApi.readerKey(physician.address)).unwrap();
    const { contentHash } = await onChain(api, record);
    physicianEnvelope = wrap(api, { to: rk.key.toHex(), key: patientDataKey, contentHash,
      grantee: accountId(physician.address), keyVersion: rk.version.toNumber() });
    r = await submitForClinic(api, () => api.tx.records.shareRecordKey(record, physician.address, physicianEnvelope, 'Treatment'), patient);
    expectOk(r, 'shareRecordKey to the physician');
    assert.ok(findEvent(r, api.events.records.RecordKeyShared), 'a RecordKeyShared event');
  },

  async 'the physician fetches recordKey, unwraps with its phrase, opens the record and verifies Match'(api) {
    const fetched = await (await atActiveClinic(api)).call.recordsApi.recordKey(record, physician.address, 'Treatment');
    assert.ok(fetched.isSome, 'recordKey answers the consented physician');
    const envelope = u8aToHex(fetched.unwrap().envelope.toU8a(true));
    assert.equal(envelope, physicianEnvelope, 'recordKey answers the envelope the patient shared');
    const { contentHash, dataKey, body } = await read(api, record, envelope, physicianPhrase, accountId(physician.address));
    assert.equal(dataKey, patientDataKey, 'the physician unwraps the data key the patient holds');
    assert.deepEqual(body, glucose, 'the physician opens the laboratory\'s Observation');
    assert.equal((await api.call.recordsApi.verifyRecord(record, contentHash)).toString(), 'Match', 'verifyRecord answers Match');
  },

  async 'a pharmacist without consent gets no envelope and cannot be shared one'(api) {
    assert.ok((await api.call.recordsApi.recordKey(record, pharmacist.address, 'Treatment')).isNone,
      'recordKey answers None for the unconsented pharmacist');
    const { public: key } = keygen(mnemonicGenerate(), 1);
    const { contentHash } = await onChain(api, record);
    const envelope = wrap(api, { to: key, key: patientDataKey, contentHash, grantee: accountId(pharmacist.address), keyVersion: 1 });
    const r = await submit(api, api.tx.records.shareRecordKey(record, pharmacist.address, envelope, 'Treatment'), patient);
    assert.equal(`${r.error?.section}.${r.error?.name}`, 'records.GranteeNotPermitted', 'shareRecordKey to the pharmacist fails GranteeNotPermitted');
    assert.ok((await api.query.records.keyEnvelopes(record.id, pharmacist.address)).isNone, 'no envelope is stored for the pharmacist');
  },

  async 'an envelope copied onto another record does not open'(api) {
    const sealed = seal(potassium);
    const envelope = wrap(api, { to: patientKeys.public, key: sealed.dataKey, contentHash: sealed.contentHash,
      grantee: patientId, keyVersion: 0 });
    const anchored = await submit(api, api.tx.records.anchorRecordWithKey(
      patientId, 'LabResults', hx(sealed.contentHash), hx(sealed.pointer), null, envelope), labTechnician);
    expectOk(anchored, 'anchoring the second record');
    second = { patient: patientId, id: findEvent(anchored, api.events.records.RecordAnchored).data.record.toNumber() };
    // The chain stores envelopes opaquely: the copy made for the first record is accepted.
    const r = await submitForClinic(api, () => api.tx.records.shareRecordKey(second, physician.address, physicianEnvelope, 'Treatment'), patient);
    expectOk(r, 'shareRecordKey of the copied envelope');
    const fetched = await (await atActiveClinic(api)).call.recordsApi.recordKey(second, physician.address, 'Treatment');
    assert.ok(fetched.isSome, 'recordKey answers the copied envelope on the second record');
    const copy = u8aToHex(fetched.unwrap().envelope.toU8a(true));
    assert.equal(copy, physicianEnvelope, 'the second record holds the first record\'s envelope bytes');
    const { contentHash } = await onChain(api, second);
    assert.equal(contentHash, hx(sealed.contentHash), 'the second record has its own content hash');
    let failure = null;
    try {
      cli(['unwrap', '--envelope', copy, '--phrase-file', '-', '--genesis', api.genesisHash.toHex(), '--patient', patientId,
        '--content-hash', contentHash, '--grantee', accountId(physician.address)], physicianPhrase);
    } catch (e) {
      failure = e;
    }
    assert.ok(failure, 'unwrap with the second record\'s content hash exits non-zero');
    assert.notEqual(failure.status, 0, 'unwrap exits with a failure status');
    assert.match(failure.stderr, /the envelope does not open/, `unwrap names the envelope authentication failure, not: ${failure.stderr}`);
  },

  async 'revoking the clinic consent removes the physician\'s envelopes in the revoking block'(api) {
    const r = await submit(api, api.tx.consent.revokeConsent(clinicConsent), patient);
    expectOk(r, 'revokeConsent');
    assert.ok(findEvent(r, api.events.consent.ConsentRevoked), 'a ConsentRevoked event');
    const removed = findEvent(r, api.events.records.ConsentEnvelopesRemoved);
    assert.ok(removed, 'a records.ConsentEnvelopesRemoved event in the revoking call');
    assert.equal(removed.data.patient.toHex(), patientId, 'ConsentEnvelopesRemoved names the patient');
    assert.equal(removed.data.consent.toNumber(), clinicConsent, 'ConsentEnvelopesRemoved names the revoked consent');
    assert.equal(removed.data.removed.toNumber(), 2, 'both envelopes shared under the consent are removed');
    assert.equal(removed.data.remaining.isTrue, false, 'none is left to purge');
    const header = await api.rpc.chain.getHeader(r.blockHash);
    const before = await api.at(header.parentHash);
    const at = await api.at(r.blockHash);
    for (const ref of [record, second]) {
      assert.ok((await before.query.records.keyEnvelopes(ref.id, physician.address)).isSome,
        `the block before holds the physician's envelope of record ${ref.id}`);
      assert.ok((await at.query.records.keyEnvelopes(ref.id, physician.address)).isNone,
        `the revoking block holds no envelope of record ${ref.id} for the physician`);
      assert.ok((await at.call.recordsApi.recordKey(ref, physician.address, 'Treatment')).isNone,
        `recordKey answers None for record ${ref.id} from the revoking block on`);
    }
    assert.ok((await api.call.recordsApi.recordKey(record, physician.address, 'Treatment')).isNone, 'recordKey answers None');
    assert.ok((await api.call.recordsApi.patientKey(record, patient.address)).isSome, 'the patient\'s own envelope stays');
    assert.equal((await api.query.system.account(patient.address)).data.free.toBigInt(), 0n, 'the patient still holds no tokens');
  },
};
