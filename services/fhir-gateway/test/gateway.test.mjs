// The FHIR gateway against a dev node, through a real FHIR client (fhir-kit-client): the
// laboratory's gateway writes an Observation, the patient grants the clinic, the clinic's
// gateway reads it (verified, logged on chain, an AuditEvent), a pharmacist is refused, the
// patient revokes, a clinic physician breaks the glass; a tampered blob is never served; a
// gateway killed during a write leaves a state the reconciliation settles.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { Client } from 'fhir-kit-client';
import * as medchain from '@medchain/client';
import { fhirId } from '../src/fhir.mjs';
import { gatewayConfig, runReconcile, setPeers, startDevNode, startGateway, waitFor } from './kit.mjs';

const binary = process.env.MEDCHAIN_NODE_BIN;
const { DEV_PHRASE } = medchain;
const registrar = medchain.accountFromPhrase(DEV_PHRASE, '//PrivacyOfficer'); // the hospital's
const clinicPhysician = medchain.accountFromPhrase(DEV_PHRASE, '//ClinicPhysician'); // Riverside Clinic (1)
const labTechnician = medchain.accountFromPhrase(DEV_PHRASE, '//LabTechnician'); // Central Laboratory (2)
const pharmacist = medchain.accountFromPhrase(DEV_PHRASE, '//Pharmacist'); // pharmacy (5)
const CLINIC = 1;
const LAB = 2;
const TOKENS = { lab: 'lab-technician-token-0001', clinic: 'clinic-physician-token-0001', pharmacy: 'pharmacist-token-00000001' };

let node;
let chain;
let dir;
let patient; // { phrase, account, patientId }
const gw = {}; // name → { file, url, dataDir, config, proc }
let observationId;
let observationRef; // { patient, id }
let observation;
let clinicConsent;

const e = (type) => ({ type, value: undefined });
async function send(tx, who, what) {
  const inclusion = await medchain.submit(tx, who.signer);
  assert.equal(inclusion.ok, true, `${what}: ${JSON.stringify(inclusion.error ?? inclusion.dispatchError)}`);
  return inclusion;
}
const fhir = (name, purpose = 'TREAT') =>
  new Client({ baseUrl: gw[name].url, bearerToken: TOKENS[name], customHeaders: { 'X-Purpose-Of-Use': purpose } });
/** The FHIR client's HTTP error: its status and the OperationOutcome's detail code. */
async function refusal(promise) {
  try {
    await promise;
  } catch (error) {
    const issue = error.response?.data?.issue?.[0];
    return { status: error.response?.status, code: issue?.details?.coding?.[0]?.code, diagnostics: issue?.diagnostics };
  }
  assert.fail('the request was expected to be refused');
}
const ext = (resource, url) => resource.meta?.extension?.find((x) => x.url === url);
const verify = (ref, contentHash) =>
  chain.api.apis.RecordsApi.verify_record({ patient: ref.patient, id: ref.id }, contentHash, { at: 'best' });
const labObservation = (code, value) => ({
  resourceType: 'Observation',
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
  code: { coding: [{ system: 'http://loinc.org', code, display: 'Glucose [Mass/volume] in Blood' }] },
  subject: { reference: `Patient/${patient.patientId}` },
  effectiveDateTime: '2026-11-30T08:15:00Z',
  valueQuantity: { value, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' },
});

before(async () => {
  assert.ok(binary, 'MEDCHAIN_NODE_BIN names the node to test against');
  node = await startDevNode(binary);
  chain = medchain.connect(node.rpc);
  dir = mkdtempSync(join(tmpdir(), 'medchain-gateways-'));

  const phrase = medchain.newRecoveryPhrase();
  const keys = medchain.keysFromPhrase(phrase);
  patient = { phrase, account: keys.account, patientId: `0x${medchain.toHex(medchain.patientIdFor(keys.account.publicKey, keys.encryptionKey))}` };
  await send(chain.api.tx.PatientIdentity.register_patient_for({
    patient_id: patient.patientId,
    controller: medchain.MultiAddress.Id(patient.account.address),
    encryption_key: `0x${medchain.toHex(keys.encryptionKey)}`,
  }), registrar, 'the hospital registers the patient');
  await send(medchain.grant(chain.api, {
    patient: patient.patientId, grantee: { type: 'Organization', value: LAB },
    actions: ['Read', 'Write'], categories: ['LabResults'], purposes: ['Treatment'],
  }), patient.account, 'the patient lets the laboratory add and read lab results');

  const rpc = node.rpc;
  gw.lab = await gatewayConfig(dir, { name: 'lab', organization: LAB, rpc, practitioners: [{ token: TOKENS.lab, phrase: 'dev', path: '//LabTechnician' }] });
  gw.clinic = await gatewayConfig(dir, { name: 'clinic', organization: CLINIC, rpc, practitioners: [{ token: TOKENS.clinic, phrase: 'dev', path: '//ClinicPhysician' }] });
  gw.pharmacy = await gatewayConfig(dir, { name: 'pharmacy', organization: 5, rpc, practitioners: [{ token: TOKENS.pharmacy, phrase: 'dev', path: '//Pharmacist' }] });
  setPeers([gw.lab, gw.clinic, gw.pharmacy]);
  // One after the other: each publishes its practitioner's reader key at start.
  for (const name of ['lab', 'clinic', 'pharmacy']) gw[name].proc = await startGateway(gw[name]);
});

after(async () => {
  for (const g of Object.values(gw)) await g.proc?.stop();
  chain?.disconnect();
  await node?.stop();
});

test('the capability statement lists the eight resource types, and a request without a token gets 401', async () => {
  const capability = await new Client({ baseUrl: gw.clinic.url }).capabilityStatement();
  assert.equal(capability.fhirVersion, '4.0.1');
  const types = capability.rest[0].resource.map((r) => r.type);
  for (const t of ['Observation', 'DiagnosticReport', 'Condition', 'AllergyIntolerance', 'MedicationRequest', 'Immunization', 'Procedure', 'DocumentReference']) {
    assert.ok(types.includes(t), `${t} is served`);
  }
  const anonymous = await refusal(new Client({ baseUrl: gw.clinic.url }).search({ resourceType: 'Observation', searchParams: { patient: patient.patientId } }));
  assert.deepEqual([anonymous.status, anonymous.code], [401, 'Unauthenticated']);
  const noPurpose = await refusal(new Client({ baseUrl: gw.clinic.url, bearerToken: TOKENS.clinic }).read({ resourceType: 'Observation', id: 'a'.repeat(64) }));
  assert.deepEqual([noPurpose.status, noPurpose.code], [400, 'PurposeOfUseRequired']);
  for (const name of ['lab', 'clinic', 'pharmacy']) {
    const key = await medchain.readerKey(chain.api, { lab: labTechnician, clinic: clinicPhysician, pharmacy: pharmacist }[name].address);
    assert.ok(key, `the ${name} practitioner's reader key is in the key directory`);
  }
});

test('the laboratory\'s gateway writes an Observation: anchored by the technician, with a Provenance', async () => {
  observation = labObservation('2339-0', 95);
  const created = await fhir('lab').create({ resourceType: 'Observation', body: observation });
  const { response } = Client.httpFor(created);
  assert.equal(response.status, 201);
  observationId = created.id;
  assert.match(observationId, /^[a-z2-7]{64}$/);
  assert.equal(response.headers.get('location'), `${gw.lab.url}/Observation/${observationId}/_history/1`);
  const [patientId, recordId] = response.headers.get('x-medchain-record').split('/');
  assert.equal(patientId, patient.patientId);
  observationRef = { patient: patientId, id: BigInt(recordId) };
  const provenance = JSON.parse(response.headers.get('x-provenance'));
  assert.equal(provenance.resourceType, 'Provenance');
  assert.equal(provenance.target[0].reference, `Observation/${observationId}`);
  assert.equal(provenance.agent[0].who.identifier.value, labTechnician.address);
  const stored = await fhir('lab').read({ resourceType: 'Provenance', id: observationId });
  assert.deepEqual({ ...stored, recorded: undefined }, { ...provenance, recorded: undefined }, 'GET Provenance/{id} serves the same Provenance');

  const [view] = await chain.api.apis.RecordsApi.records_of(patient.patientId, BigInt(recordId), 1, { at: 'best' });
  assert.equal(view.author, labTechnician.address, 'the technician signed the anchoring');
  assert.equal(view.category.type, 'LabResults');
  const contentHash = ext(created, 'urn:medchain:content-hash').valueString;
  assert.equal(view.content_hash.toLowerCase(), contentHash);
  assert.equal((await verify({ patient: patient.patientId, id: BigInt(recordId) }, contentHash)).type, 'Match');
  const envelope = await medchain.readPatientKey(chain.api, { patient: patient.patientId, id: BigInt(recordId) }, patient.account.address);
  assert.ok(envelope, 'the author left the patient an envelope');
  const opened = await medchain.openRecord(chain.api, { patient: patient.patientId, id: BigInt(recordId) }, envelope, {
    grantee: patient.patientId,
    phrase: patient.phrase,
    store: { get: async (uri) => new Uint8Array(await (await fetch(uri)).arrayBuffer()) },
  });
  assert.equal(opened.resource.valueQuantity.value, 95, 'the patient opens the record with their own phrase');
  assert.equal(opened.resource.id, undefined, 'the sealed resource carries no server id');
});

test('the patient grants the clinic; the clinic\'s gateway reads it: verified, logged on chain, an AuditEvent', async () => {
  const before = await refusal(fhir('clinic').read({ resourceType: 'Observation', id: observationId }));
  assert.deepEqual([before.status, before.code], [403, 'NoConsent'], 'no consent yet');
  assert.match(before.diagnostics, /request_consent/, 'the refusal says how to ask for consent');

  const granted = await send(medchain.grant(chain.api, {
    patient: patient.patientId, grantee: { type: 'Organization', value: CLINIC },
    actions: ['Read'], categories: ['LabResults'], purposes: ['Treatment'],
  }), patient.account, 'the patient grants the clinic');
  clinicConsent = medchain.findEvent(granted, 'Consent', 'ConsentGranted').consent;
  // The patient's app shares the record's key with the clinic physician (the portal does it).
  const ref = observationRef;
  const held = await medchain.patientRecordKey(chain.api, ref, patient.account.address, patient.phrase);
  await medchain.shareRecordKey(chain.api, patient.account.signer, { record: ref, contentHash: held.contentHash, key: held.key, reader: clinicPhysician.address, purpose: 'Treatment' });

  const read = await fhir('clinic').read({ resourceType: 'Observation', id: observationId });
  assert.equal(read.valueQuantity.value, 95);
  assert.deepEqual(read.code, observation.code);
  assert.equal(read.id, observationId);
  assert.equal(ext(read, 'urn:medchain:verification').valueCode, 'Match');
  assert.equal(ext(read, 'urn:medchain:access-basis').valueString, `Consent ${clinicConsent}`);
  assert.equal(ext(read, 'urn:medchain:key-path').valueCode, 'envelope', 'the key came through the physician\'s envelope');

  const log = [];
  for await (const entry of medchain.accessLog(chain.api, patient.patientId)) log.push(entry);
  const entry = log.find((x) => x.accessor === clinicPhysician.address && x.record === ref.id);
  assert.ok(entry, 'the read is in the patient\'s on-chain access log');
  assert.equal(entry.purpose.type, 'Treatment');
  assert.equal(entry.basis.type, 'Consent');
  const loggedIn = ext(read, 'urn:medchain:logged-in-block').valueString;
  const events = await chain.api.query.System.Events.getValue({ at: loggedIn });
  assert.ok(events.some(({ event }) => event.type === 'Records' && event.value.type === 'RecordAccessed' && event.value.value.accessor === clinicPhysician.address),
    'the block the gateway names logged the read');

  const audit = await fhir('clinic').search({ resourceType: 'AuditEvent', searchParams: { patient: patient.patientId } });
  const events2 = audit.entry.map((x) => x.resource);
  const readEvent = events2.find((a) => a.outcome === '0' && a.agent[0].who.identifier.value === clinicPhysician.address);
  assert.ok(readEvent, 'an AuditEvent of the read, built from the on-chain log');
  assert.equal(readEvent.entity[1].what.identifier.value, `${patient.patientId}/${ref.id}`);
  assert.equal(readEvent.agent[0].purposeOfUse[0].coding[0].code, 'TREAT');

  const bundle = await fhir('clinic').search({ resourceType: 'Observation', searchParams: { patient: patient.patientId } });
  assert.equal(bundle.type, 'searchset');
  assert.deepEqual(bundle.entry.filter((x) => x.search.mode === 'match').map((x) => x.resource.id), [observationId], 'the search serves the record');
  const consents = await fhir('clinic').search({ resourceType: 'Consent', searchParams: { patient: patient.patientId } });
  assert.ok(consents.entry.some((x) => x.resource.identifier[0].value === String(clinicConsent) && x.resource.status === 'active'), 'the clinic\'s consent as a FHIR Consent');
});

test('a pharmacist reads: 403 NoConsent, and the refusal is an AuditEvent', async () => {
  const refused = await refusal(fhir('pharmacy').read({ resourceType: 'Observation', id: observationId }));
  assert.deepEqual([refused.status, refused.code], [403, 'NoConsent']);
  const audit = await fhir('pharmacy').search({ resourceType: 'AuditEvent', searchParams: { patient: patient.patientId } });
  const event = audit.entry.map((x) => x.resource).find((a) => a.outcome === '4');
  assert.ok(event, 'the refusal is an AuditEvent with outcome 4');
  assert.equal(event.agent[0].who.identifier.value, pharmacist.address);
  assert.equal(event.outcomeDesc, 'NoConsent');
  const log = [];
  for await (const entry of medchain.accessLog(chain.api, patient.patientId)) log.push(entry);
  assert.equal(log.some((x) => x.accessor === pharmacist.address), false, 'nothing of the pharmacist is logged as a read');
});

test('the patient revokes: 403 in the next block; a clinic physician breaks the glass: 200 under Emergency', async () => {
  const revoked = await send(chain.api.tx.Consent.revoke_consent({ consent: clinicConsent }), patient.account, 'the patient revokes');
  const refused = await refusal(fhir('clinic').read({ resourceType: 'Observation', id: observationId }));
  assert.deepEqual([refused.status, refused.code], [403, 'NoConsent'], 'refused right after the revocation');
  const [bestBlock] = await chain.client.getBestBlocks();
  assert.ok(bestBlock.number <= revoked.block.number + 1, 'the refusal came within a block of the revocation');

  const invoked = await fhir('clinic').operation({
    resourceType: 'Patient', id: patient.patientId, name: '$emergency-access', method: 'POST',
    input: { resourceType: 'Parameters', parameter: [{ name: 'justification', valueString: 'unconscious patient in the emergency room' }] },
  });
  const accessId = BigInt(invoked.parameter.find((x) => x.name === 'emergencyAccess').valueString);
  const read = await fhir('clinic', 'ETREAT').read({ resourceType: 'Observation', id: observationId });
  assert.equal(read.valueQuantity.value, 95);
  assert.equal(ext(read, 'urn:medchain:access-basis').valueString, `Emergency ${accessId}`);
  assert.equal(ext(read, 'urn:medchain:key-path').valueCode, 'author-gateway', 'the revocation removed the envelope; the laboratory released the key for the logged read');
  const unreviewed = await chain.api.view.Consent.unreviewed_emergency_accesses(CLINIC, 0n, 50, { at: 'best' });
  assert.ok(unreviewed.some(([id, access]) => id === accessId && access.accessor === clinicPhysician.address), 'the emergency access awaits review');
  const log = [];
  for await (const entry of medchain.accessLog(chain.api, patient.patientId)) log.push(entry);
  assert.ok(log.some((x) => x.accessor === clinicPhysician.address && x.basis.type === 'Emergency' && x.purpose.type === 'EmergencyTreatment'),
    'the emergency read is logged with its basis');
});

test('a key release without a logged read is refused', async () => {
  const [bestBlock] = await chain.client.getBestBlocks();
  const res = await fetch(`${gw.lab.url}/_medchain/key-release`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ patient: patient.patientId, record: '0', grantee: pharmacist.address, purpose: 'Treatment', loggedIn: bestBlock.hash }),
  });
  assert.equal(res.status, 403);
  assert.equal((await res.json()).issue[0].details.coding[0].code, 'ReadNotLogged');
});

test('a tampered blob on disk is detected and never served', async () => {
  const created = await fhir('lab').create({ resourceType: 'Observation', body: labObservation('2345-7', 130) });
  assert.equal((await fhir('lab').read({ resourceType: 'Observation', id: created.id })).valueQuantity.value, 130, 'the laboratory reads its record');
  const blobDir = join(gw.lab.dataDir, 'blobs');
  const newest = readdirSync(blobDir).map((f) => join(blobDir, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  const bytes = readFileSync(newest);
  bytes[bytes.length - 20] ^= 0x01;
  writeFileSync(newest, bytes);
  const refused = await refusal(fhir('lab').read({ resourceType: 'Observation', id: created.id }));
  assert.deepEqual([refused.status, refused.code], [502, 'ContentCheckFailed']);
  assert.match(refused.diagnostics, /ContentAuthentication/);
  const remote = await refusal(fhir('clinic', 'ETREAT').read({ resourceType: 'Observation', id: created.id }));
  assert.deepEqual([remote.status, remote.code], [502, 'ContentCheckFailed'], 'the clinic fetching the same blob refuses it too');
  const metrics = await (await fetch(`${gw.lab.url}/metrics`)).text();
  assert.match(metrics, /medchain_gateway_content_check_failures_total [1-9]/);
});

test('a gateway killed during a write leaves a state the reconciliation settles', async () => {
  // Killed after the transaction is in a block, before the index knew: reconciled as anchored.
  await gw.lab.proc.stop();
  let proc = await startGateway(gw.lab, { MEDCHAIN_GATEWAY_FAULT: 'after-anchor' });
  await assert.rejects(fhir('lab').create({ resourceType: 'Observation', body: labObservation('2339-0', 101) }), 'the connection drops');
  assert.equal((await proc.exit).signal, 'SIGKILL');
  let { status, report } = runReconcile(gw.lab);
  assert.equal(status, 0, JSON.stringify(report));
  assert.equal(report.anchored.length, 1, 'the write that reached the chain is anchored in the index');
  const anchoredHash = report.anchored[0].contentHash;

  // Killed after the blob was stored, before the transaction was signed: failed once its
  // validity window (4 blocks here) has passed, and its blob deleted.
  proc = await startGateway(gw.lab, { MEDCHAIN_GATEWAY_FAULT: 'after-seal', MEDCHAIN_GATEWAY_MORTALITY: '4' });
  await assert.rejects(fhir('lab').create({ resourceType: 'Observation', body: labObservation('2339-0', 102) }));
  assert.equal((await proc.exit).signal, 'SIGKILL');
  const blobsBefore = readdirSync(join(gw.lab.dataDir, 'blobs')).length;
  ({ status, report } = runReconcile(gw.lab));
  assert.equal(status, 2, 'a write still in its validity window is reported in flight');
  assert.equal(report.inFlight.length, 1);
  const failed = await waitFor(() => {
    const r = runReconcile(gw.lab);
    return r.report.failed.length === 1 && r;
  }, 'the reconciliation to settle the unsent write as failed once its window passed', 120_000);
  assert.equal(failed.status, 0);
  assert.equal(readdirSync(join(gw.lab.dataDir, 'blobs')).length, blobsBefore - 1, 'its blob is deleted');
  const records = [];
  for await (const r of medchain.recordsOf(chain.api, patient.patientId)) records.push(r);
  assert.equal(records.some((r) => r.content_hash.toLowerCase() === failed.report.failed[0].contentHash), false, 'nothing of it is on chain');

  // An anchored record whose blob is lost is an orphan until its author marks it entered in error.
  const orphan = records.find((r) => r.content_hash.toLowerCase() === anchoredHash);
  assert.equal(runReconcile(gw.lab).report.orphans.length, 0, 'no orphan while every blob is there');
  const db = new Database(join(gw.lab.dataDir, 'index.sqlite'), { readonly: true });
  const { uri } = db.prepare('SELECT uri FROM records WHERE content_hash = ?').get(anchoredHash);
  db.close();
  const name = uri.split('/').pop();
  assert.ok(readdirSync(join(gw.lab.dataDir, 'blobs')).includes(name), 'the anchored record\'s blob is on disk');
  rmSync(join(gw.lab.dataDir, 'blobs', name));
  ({ status, report } = runReconcile(gw.lab));
  assert.equal(status, 2, 'an unrepaired orphan needs attention');
  assert.deepEqual(report.orphans.map((o) => o.contentHash), [anchoredHash]);
  ({ status, report } = runReconcile(gw.lab, '--repair'));
  assert.equal(status, 0, JSON.stringify(report));
  assert.equal(report.repaired.length, 1);
  await waitFor(async () => (await verify({ patient: patient.patientId, id: orphan.id }, anchoredHash)).type === 'EnteredInError',
    'verify_record to answer EnteredInError for the repaired orphan (readers see it is not to be relied on)');

  gw.lab.proc = await startGateway(gw.lab);
  const health = await (await fetch(`${gw.lab.url}/health`)).json();
  assert.equal(health.status, 'pass');
  assert.equal(health.records.sealed ?? 0, 0, 'no write is left unsettled');
  const gone = await refusal(fhir('lab').read({ resourceType: 'Observation', id: fhirId(patient.patientId, orphan.id) }));
  assert.deepEqual([gone.status, gone.code], [410, 'EnteredInError']);
});
