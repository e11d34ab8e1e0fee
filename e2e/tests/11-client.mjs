// @medchain/client (clients/ts) against the dev node over the new JSON-RPC interface: it follows
// the chain, calls runtime APIs and a view function with the generated descriptors, and a
// zero-balance patient signs free calls through its submit helper, whose refusals come back
// decoded.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Keyring } from '@polkadot/keyring';
import { blake2AsU8a, mnemonicGenerate } from '@polkadot/util-crypto';
import { firstValueFrom, take, toArray } from 'rxjs';
import * as medchain from '../../clients/ts/dist/index.js';
import { inSignerTurn } from '../lib/node.mjs';

const { DEV_PHRASE } = medchain;

let connection = null;
const phrase = mnemonicGenerate();
const patient = medchain.accountFromPhrase(phrase);
// The patient's X25519 key of version 0, from the same phrase as its account (record protocol §7).
const encryptionKey = medchain.x25519PublicKey(medchain.deriveX25519(phrase, 0));
const patientId = `0x${Buffer.from(medchain.patientIdFor(patient.publicKey, encryptionKey)).toString('hex')}`;
const registrar = medchain.accountFromPhrase(DEV_PHRASE, '//PrivacyOfficer');
const clinicPhysician = medchain.accountFromPhrase(DEV_PHRASE, '//ClinicPhysician');
const labTechnician = medchain.accountFromPhrase(DEV_PHRASE, '//LabTechnician');
// The hospital physician reads here (the clinic's physician is 10-record-exchange's reader).
const physician = medchain.accountFromPhrase(DEV_PHRASE, '//Physician');
const physicianPhrase = mnemonicGenerate(); // its records app's key-agreement phrase
const HOSPITAL = 0;
const GENUINE_GTIN = '00614141777778';
const LAB = 2;

// A blob directory: URIs are file:// paths.
const blobDir = mkdtempSync(join(tmpdir(), 'medchain-client-blobs-'));
process.once('exit', () => rmSync(blobDir, { recursive: true, force: true }));
let blobs = 0;
const store = {
  async put(blob) {
    const path = join(blobDir, `${++blobs}.blob`);
    writeFileSync(path, blob);
    return pathToFileURL(path).href;
  },
  async get(uri) {
    return new Uint8Array(readFileSync(fileURLToPath(uri)));
  },
};
const observation = {
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '2345-7', display: 'Glucose [Moles/volume] in Serum or Plasma' }] },
  valueQuantity: { value: 5.4, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
};
let anchored = null;
let hospitalConsent = null;

// Dev accounts sign in other test files too (through @polkadot/api): the client's transactions
// take the same per-signer turn, with the next nonce, so the two never race for one.
const turn = (pjs, account, send) => inSignerTurn(pjs, account.address, (nonce) => send({ nonce }));

const api = (node) => {
  connection ??= medchain.connect(`ws://127.0.0.1:${node.rpcPort}`);
  return connection.api;
};
process.once('beforeExit', () => connection?.disconnect());

export const tests = {
  async 'the client follows the chain: finalized blocks advance over chainHead'(pjs, node) {
    api(node);
    const blocks = await firstValueFrom(connection.client.finalizedBlock$.pipe(take(2), toArray()));
    assert.ok(blocks[1].number > blocks[0].number, `finalized ${blocks[0].number} then ${blocks[1].number}`);
    const version = await api(node).constants.System.Version();
    assert.equal(version.spec_name, 'medchain', 'the typed API reads the runtime version');
  },

  async 'accounts derive as Substrate does, and patient ids as the chain does'(pjs, node) {
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    assert.equal(clinicPhysician.address, keyring.addFromUri('//ClinicPhysician').address, 'a dev path derives as polkadot.js does');
    assert.equal(patient.address, keyring.addFromUri(phrase).address, 'a phrase derives as polkadot.js does');
    const viaView = await api(node).view.PatientIdentity.derive_patient_id(patient.address, `0x${Buffer.from(encryptionKey).toString('hex')}`);
    assert.equal(viaView, patientId, 'the chain\'s view function derives the same patient id as the client');
  },

  async 'a zero-balance patient registers through a registrar and grants a consent with no tokens'(pjs, node) {
    const typed = api(node);
    const registered = await turn(pjs, registrar, (txOptions) => medchain.submit(
      typed.tx.PatientIdentity.register_patient_for({
        patient_id: patientId,
        controller: medchain.MultiAddress.Id(patient.address),
        encryption_key: `0x${Buffer.from(encryptionKey).toString('hex')}`,
      }),
      registrar.signer,
      { txOptions },
    ));
    assert.equal(registered.ok, true, `registration succeeds: ${JSON.stringify(registered.error)}`);
    const allowance = await medchain.freeCalls(typed, patientId);
    assert.ok(allowance?.vouched && allowance.remaining > 0, `a vouched patient has free calls: ${JSON.stringify(allowance)}`);
    const granted = await medchain.submit(
      medchain.grant(typed, {
        patient: patientId,
        // The laboratory: 05-consent suspends the clinic for a block while the files run side by side.
        grantee: { type: 'Organization', value: LAB },
        actions: ['Read'],
        categories: ['LabResults'],
        purposes: ['Treatment'],
      }),
      patient.signer,
    );
    assert.equal(granted.ok, true, `the free grant succeeds: ${JSON.stringify(granted.error)}`);
    const event = medchain.findEvent(granted, 'Consent', 'ConsentGranted');
    assert.ok(event, 'ConsentGranted is among the events');
    const account = await typed.query.System.Account.getValue(patient.address);
    assert.equal(account.data.free, 0n, 'the patient still holds nothing');
    const after = await medchain.freeCalls(typed, patientId);
    assert.equal(after.remaining, allowance.remaining - 1, 'one free call was used');
  },

  async 'checkAccess answers with the next step; consentsOf pages; the consent maps to FHIR'(pjs, node) {
    const typed = api(node);
    const permit = await medchain.checkAccess(typed, patientId, labTechnician.address, 'Read', 'LabResults', 'Treatment');
    assert.equal(permit.decision, 'Permit', permit.message);
    assert.equal(permit.next, 'proceed');
    const sensitive = await medchain.checkAccess(typed, patientId, labTechnician.address, 'Read', 'MentalHealth', 'Treatment');
    assert.deepEqual([sensitive.reason, sensitive.next], ['SensitiveCategory', 'request-sensitive-consent']);
    const none = await medchain.checkAccess(typed, patientId, labTechnician.address, 'Read', 'LabResults', 'Research');
    assert.deepEqual([none.reason, none.next], ['NoConsent', 'request-consent']);
    const listed = [];
    for await (const c of medchain.consentsOf(typed, patientId, 1)) listed.push(c);
    assert.equal(listed.length, 1, 'one consent, found through pages of one');
    let toLab = 0;
    for await (const c of medchain.grantsTo(typed, { type: 'Organization', value: LAB }, 2)) if (c.patient === patientId) toLab += 1;
    assert.equal(toLab, 1, 'grantsTo lists the consent among the laboratory\'s grants');
    const fhir = medchain.toFhirConsent(listed[0]);
    assert.equal(fhir.resourceType, 'Consent');
    assert.equal(fhir.status, 'active');
    assert.equal(fhir.provision.type, 'permit');
    assert.deepEqual(fhir.provision.purpose.map((p) => p.code), ['TREAT']);
    assert.deepEqual(fhir.provision.actor[0].reference.identifier, { system: 'urn:medchain:organization', value: String(LAB) });
  },

  async 'a refused call comes back with its module error decoded'(pjs, node) {
    const typed = api(node);
    const refused = await turn(pjs, clinicPhysician, (txOptions) => medchain.submit(
      typed.tx.Records.anchor_record({
        patient: patientId,
        category: { type: 'LabResults', value: undefined },
        content_hash: `0x${'11'.repeat(32)}`,
        pointer: medchain.Binary.fromHex(`0x${'01'.repeat(41)}`),
        supersedes: undefined,
      }),
      clinicPhysician.signer,
      { txOptions },
    ));
    assert.equal(refused.ok, false, 'a practitioner without Write consent is refused');
    assert.deepEqual(refused.error, { pallet: 'Records', name: 'NoWriteConsent' });
    await assert.rejects(
      turn(pjs, labTechnician, (txOptions) => medchain.submitForId(typed.tx.Records.anchor_batch({
        merkle_root: `0x${'33'.repeat(32)}`, leaf_count: 0, description_hash: `0x${'22'.repeat(32)}`,
      }), labTechnician.signer, 'Records', 'BatchAnchored', 'batch', txOptions)),
      (e) => e instanceof medchain.ChainCallError && e.message.endsWith('Records.InvalidLeafCount'),
      'submitForId throws the decoded error',
    );
  },

  async 'the lab -> patient -> hospital exchange runs entirely through the client'(pjs, node) {
    const typed = api(node);
    const grantTo = async (org, actions) => {
      const r = await medchain.submit(medchain.grant(typed, {
        patient: patientId, grantee: { type: 'Organization', value: org }, actions, categories: ['LabResults'], purposes: ['Treatment'],
      }), patient.signer);
      assert.equal(r.ok, true, `the grant to organisation ${org} succeeds: ${JSON.stringify(r.error)}`);
      return medchain.findEvent(r, 'Consent', 'ConsentGranted').consent;
    };
    await grantTo(LAB, ['Read', 'Write']);
    // The laboratory seals, stores, wraps for the patient and anchors in one call.
    anchored = await turn(pjs, labTechnician, (txOptions) => medchain.anchorWithKey(typed, labTechnician.signer, {
      patient: patientId, category: 'LabResults', content: observation, patientKey: { key: encryptionKey, version: 0 }, store, txOptions,
    }));
    assert.ok(medchain.findEvent(anchored.inclusion, 'Records', 'PatientKeyLeft'), 'the patient\'s envelope is left');
    // The zero-token patient reads its envelope and the record, and the chain says Match.
    const forPatient = await medchain.readPatientKey(typed, anchored.record, patient.address);
    assert.ok(forPatient, 'the patient\'s controller gets the envelope');
    assert.equal(await medchain.readPatientKey(typed, anchored.record, physician.address), undefined, 'nobody else does');
    const mine = await medchain.openRecord(typed, anchored.record, forPatient, { grantee: patientId, phrase, store });
    assert.equal(mine.verification, 'Match');
    assert.deepEqual(mine.resource, observation, 'the patient reads the Observation the lab sealed');
    // The physician publishes its key; the patient grants the hospital and shares the key to it.
    await turn(pjs, physician, (txOptions) => medchain.publishReaderKey(typed, physician.signer, physicianPhrase, 1, txOptions));
    const published = await medchain.readerKey(typed, physician.address);
    assert.deepEqual([published?.version, published?.org], [1, HOSPITAL], 'the directory answers the key');
    hospitalConsent = await grantTo(HOSPITAL, ['Read']);
    await medchain.shareRecordKey(typed, patient.signer, {
      record: anchored.record, contentHash: mine.contentHash, key: mine.key, reader: physician.address, purpose: 'Treatment',
    });
    const envelope = await medchain.readRecordKey(typed, anchored.record, physician.address, 'Treatment');
    assert.ok(envelope, 'the consented physician fetches its envelope');
    const read = await medchain.openRecord(typed, anchored.record, envelope, { grantee: physician.address, phrase: physicianPhrase, store });
    assert.equal(read.verification, 'Match');
    assert.deepEqual(read.resource, observation, 'the physician reads the same Observation');
    // The physician's envelope does not open for the patient, nor with another phrase.
    await assert.rejects(
      medchain.openRecord(typed, anchored.record, envelope, { grantee: physician.address, phrase: mnemonicGenerate(), store }),
      (e) => e.code === 'EnvelopeAuthentication',
      'another phrase does not open the envelope',
    );
    const account = await typed.query.System.Account.getValue(patient.address);
    assert.equal(account.data.free, 0n, 'the patient still holds nothing');
  },

  async 'revoking through the client removes the envelope; the access log reads as FHIR AuditEvents'(pjs, node) {
    const typed = api(node);
    const logged = await turn(pjs, physician, (txOptions) => medchain.submit(
      typed.tx.Records.log_access({ record: anchored.record, purpose: { type: 'Treatment', value: undefined } }), physician.signer, { txOptions }));
    assert.equal(logged.ok, true, `the physician's read is logged: ${JSON.stringify(logged.error)}`);
    const entries = [];
    for await (const entry of medchain.accessLog(typed, patientId)) entries.push(entry);
    assert.equal(entries.length, 1, 'one read in the patient\'s log');
    const audit = medchain.toAuditEvent(patientId, entries[0]);
    assert.equal(audit.resourceType, 'AuditEvent');
    assert.equal(audit.agent[0].who.identifier.value, physician.address);
    assert.equal(audit.agent[0].purposeOfUse[0].coding[0].code, 'TREAT');
    assert.equal(audit.entity[1].detail[0].valueString, `consent ${hospitalConsent}`);
    const revoked = await medchain.submit(typed.tx.Consent.revoke_consent({ consent: hospitalConsent }), patient.signer);
    assert.equal(revoked.ok, true, `the revocation succeeds: ${JSON.stringify(revoked.error)}`);
    const removed = medchain.findEvent(revoked, 'Records', 'ConsentEnvelopesRemoved');
    assert.equal(removed?.removed, 1, 'the revoking call removed the physician\'s envelope');
    assert.equal(await medchain.readRecordKey(typed, anchored.record, physician.address, 'Treatment'), undefined, 'nothing is handed out');
  },

  async 'a gateway asks many access checks in one runtime call and logs its reads in one transaction'(pjs, node) {
    const typed = api(node);
    const queries = [
      { accessor: labTechnician.address, purpose: 'Treatment' },
      { accessor: labTechnician.address, purpose: 'Research' },
      { accessor: physician.address, purpose: 'Treatment' }, // the hospital's consent was revoked
    ].map((q) => ({ patient: patientId, action: 'Read', category: 'LabResults', ...q }));
    const many = await medchain.checkAccessMany(typed, queries);
    const single = await Promise.all(queries.map((q) => medchain.checkAccess(typed, q.patient, q.accessor, q.action, q.category, q.purpose)));
    assert.deepEqual(many, single, 'check_access_many answers each check as check_access does');
    assert.deepEqual(many.map((a) => a.decision), ['Permit', 'Deny', 'Deny']);
    const before = [];
    for await (const entry of medchain.accessLog(typed, patientId)) before.push(entry);
    const out = await turn(pjs, labTechnician, (txOptions) => medchain.logReads(typed, labTechnician.signer, [
      { record: anchored.record, purpose: 'Treatment' },
      { record: anchored.record, purpose: 'Research' },
      { record: { patient: patientId, id: 1n << 40n }, purpose: 'Treatment' },
    ], txOptions));
    assert.equal(out.inclusions.length, 1, 'three reads go in one transaction');
    assert.deepEqual(out.logged, [0], 'the consented read is logged');
    assert.deepEqual(out.refused.map((r) => [r.index, r.error]), [[1, 'NoConsent'], [2, 'RecordNotFound']], 'the others are refused with their reasons');
    const after = [];
    for await (const entry of medchain.accessLog(typed, patientId)) after.push(entry);
    assert.equal(after.length, before.length + 1, 'one entry more in the patient\'s log');
    const entry = after[after.length - 1];
    assert.equal(entry.accessor, labTechnician.address);
    assert.equal(entry.basis.type, 'Consent', `logged under the laboratory's consent, not ${entry.basis.type}`);
  },

  async 'a Merkle batch built in TypeScript verifies on chain'(pjs, node) {
    const typed = api(node);
    const leaves = Array.from({ length: 1000 }, (_, i) => blake2AsU8a(`lab run 7, sample ${i}`)); // salted record hashes
    const tree = medchain.build(leaves);
    const { id: batch } = await turn(pjs, labTechnician, (txOptions) => medchain.submitForId(typed.tx.Records.anchor_batch({
      merkle_root: `0x${medchain.toHex(tree.root)}`, leaf_count: tree.leafCount, description_hash: `0x${'22'.repeat(32)}`,
    }), labTechnician.signer, 'Records', 'BatchAnchored', 'batch', txOptions));
    const hex = (b) => `0x${medchain.toHex(b)}`;
    const onChain = (leaf, index, proof) =>
      typed.apis.RecordsApi.verify_batch_inclusion(batch, hex(leaf), index, proof.map(hex), { at: 'best' });
    for (const index of [0, 511, 999]) {
      const p = medchain.proof(tree, index);
      assert.equal(medchain.verify(tree.root, leaves[index], index, tree.leafCount, p), true, `leaf ${index} verifies in TypeScript`);
      assert.equal(await onChain(leaves[index], index, p), true, `leaf ${index} verifies on chain`);
    }
    assert.equal(await onChain(leaves[1], 0, medchain.proof(tree, 0)), false, 'another leaf does not verify on chain');
  },

  async 'verifyScan parses a DataMatrix scan and gives the chain\'s verdict with the action'(pjs, node) {
    const scan = ']d2' + '0100614141000012' + '17281231' + '10NOLOT' + '\u001d' + '21NEVER-COMMISSIONED';
    const verdict = await medchain.verifyScan(api(node), scan);
    assert.equal(verdict.verdict, 'UnknownSerial');
    assert.match(verdict.action, /^Do not dispense/);
    assert.equal(verdict.scan.expiry, '281231', 'the expiry stays as scanned');
  },

  async 'a genuine pack scanned with a day-00 expiry verifies, and its trace reads as EPCIS 2.0'(pjs, node) {
    const typed = api(node);
    const manufacturer = medchain.accountFromPhrase(DEV_PHRASE, '//QualityManager'); // Acme (3), prefix 0614141
    const gtin = GENUINE_GTIN;
    const text = (t) => medchain.Binary.fromText(t);
    const product = await turn(pjs, manufacturer, (txOptions) => medchain.submit(
      typed.tx.DrugProvenance.register_product({ gtin: text(gtin), name: text('Client test pack') }), manufacturer.signer, { txOptions }));
    assert.equal(product.ok, true, `the product is registered: ${JSON.stringify(product.error)}`);
    const units = await turn(pjs, manufacturer, (txOptions) => medchain.submit(typed.tx.DrugProvenance.commission_units({
      gtin: text(gtin), lot: text('L42'), expiry: text('280200'), serials: [text('CLIENT001')],
    }), manufacturer.signer, { txOptions }));
    assert.equal(units.ok, true, `the unit is commissioned: ${JSON.stringify(units.error)}`);
    // GS1 allows day 00 (the end of the month); the chain compares the scanned bytes.
    const scan = `]d201${gtin}17280200` + '10L42\u001d21CLIENT001';
    const verdict = await medchain.verifyScan(typed, scan);
    assert.equal(verdict.verdict, 'Genuine', verdict.action);
    assert.deepEqual(verdict.holder, { type: 'Held', value: 3 }, 'held by the manufacturer');
    assert.equal((await medchain.verifyScan(typed, `]d201${gtin}17280229` + '10L42\u001d21CLIENT001')).verdict, 'ExpiryMismatch',
      'another expiry is a mismatch, not silently normalised');
    const steps = [];
    for await (const step of medchain.trace(typed, gtin, 'CLIENT001')) steps.push(step);
    assert.deepEqual(steps.map((s) => s.movement.type), ['Commissioned']);
    const epcis = medchain.toEpcis(gtin, 'CLIENT001', steps);
    assert.equal(epcis.epcisBody.eventList[0].bizStep, 'commissioning');
    assert.equal(epcis.epcisBody.eventList[0].readPoint.id, 'urn:medchain:organization:3');
  },
};
