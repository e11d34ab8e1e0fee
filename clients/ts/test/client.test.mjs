// The client's pure parts: accounts, patient ids, consent terms and their FHIR form, access
// decisions and their next steps, the access log as AuditEvents, a trace as EPCIS 2.0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blake2b } from '@noble/hashes/blake2.js';
import * as m from '../dist/index.js';

test('accounts derive as Substrate does (the well-known //Alice and //Bob addresses)', () => {
  assert.equal(m.accountFromPhrase(m.DEV_PHRASE, '//Alice').address, '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');
  assert.equal(m.accountFromPhrase(m.DEV_PHRASE, '//Bob').address, '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty');
  assert.throws(() => m.accountFromPhrase('not a phrase'), m.InvalidPhraseError);
});

test('a patient id is blake2b-256 of the controller and the key; other sizes are refused', () => {
  const controller = new Uint8Array(32).fill(1);
  const key = new Uint8Array(32).fill(2);
  const expected = blake2b(new Uint8Array([...controller, ...key]), { dkLen: 32 });
  assert.deepEqual(m.patientIdFor(controller, key), expected);
  assert.throws(() => m.patientIdFor(controller, key.subarray(1)), RangeError);
});

test('consent terms the chain would refuse are refused before signing', () => {
  const api = { tx: { Consent: { grant_consent: (args) => args } } };
  const terms = { patient: '0x01', grantee: { type: 'Organization', value: 1 }, actions: ['Read'], categories: ['LabResults'], purposes: ['Treatment'] };
  const args = m.grant(api, terms);
  assert.deepEqual(args.categories, [{ type: 'LabResults', value: undefined }]);
  assert.equal(args.decision.type, 'Permit');
  assert.throws(() => m.grant(api, { ...terms, actions: [] }), /actions: at least one/);
  assert.throws(() => m.grant(api, { ...terms, purposes: ['Treatment', 'Treatment'] }), /each at most once/);
  assert.throws(() => m.grant(api, { ...terms, categories: ['Astrology'] }), /unknown Astrology/);
  assert.throws(() => m.grant(api, { ...terms, validFrom: 10n, validUntil: 10n }), m.ConsentTermsError);
});

test('every refusal reason has a next step and a sentence', () => {
  const reasons = ['NoConsent', 'SensitiveCategory', 'Expired', 'NotYetValid', 'DeniedByPatient', 'OrganizationInactive', 'PractitionerExpired', 'NotAPractitioner', 'PatientInactive'];
  const steps = reasons.map((reason) => m.explainDecision({ type: 'Deny', value: { reason: { type: reason } } }).next);
  assert.deepEqual(steps, ['request-consent', 'request-sensitive-consent', 'request-renewal', 'wait-for-start', 'respect-refusal', 'contact-administrator', 'contact-administrator', 'contact-administrator', 'none']);
  assert.deepEqual(m.explainDecision({ type: 'Permit', value: { consent: 4n } }), { decision: 'Permit', id: 4n, next: 'proceed', message: 'Allowed by the patient\'s consent.' });
  assert.equal(m.explainDecision({ type: 'Emergency', value: { id: 2n } }).next, 'proceed-under-emergency');
});

test('an on-chain consent maps to a FHIR R4 Consent', () => {
  const fhir = m.toFhirConsent({
    id: 7n, patient: '0xab', grantee: { type: 'Practitioner', value: '5Grw' }, decision: { type: 'Deny' },
    actions: [{ type: 'Read' }], categories: [{ type: 'LabResults' }, { type: 'MentalHealth' }], purposes: [{ type: 'Research' }],
    valid_from: 0n, valid_until: 86_400_000n, policy_hash: '0x11', granted_by: '5Fhn', state: { type: 'Revoked' },
  });
  assert.equal(fhir.status, 'inactive');
  assert.equal(fhir.provision.type, 'deny');
  assert.deepEqual(fhir.provision.period, { start: '1970-01-01T00:00:00.000Z', end: '1970-01-02T00:00:00.000Z' });
  assert.deepEqual(fhir.provision.purpose.map((p) => p.code), ['HRESCH']);
  assert.deepEqual(fhir.provision.securityLabel.map((l) => l.code), ['PSY']);
  assert.ok(fhir.provision.class.some((c) => c.code === 'Observation'));
  assert.deepEqual(fhir.provision.actor[0].reference.identifier, { system: 'urn:medchain:practitioner', value: '5Grw' });
  assert.deepEqual(fhir.policy, [{ uri: 'urn:medchain:policy:0x11' }]);
});

test('an access-log entry maps to a FHIR AuditEvent naming reader, purpose, patient and basis', () => {
  const audit = m.toAuditEvent('0x' + 'ab'.repeat(32), { seq: 3n, record: 9n, accessor: '5Grw', purpose: { type: 'EmergencyTreatment' }, basis: { type: 'Emergency', value: 2n }, at: 0n });
  assert.equal(audit.action, 'R');
  assert.equal(audit.recorded, '1970-01-01T00:00:00.000Z');
  assert.equal(audit.agent[0].purposeOfUse[0].coding[0].code, 'ETREAT');
  assert.equal(audit.entity[0].what.identifier.value, '0x' + 'ab'.repeat(32));
  assert.deepEqual(audit.entity[1].detail[0], { type: 'basis', valueString: 'emergency access 2' });
});

test('a trace maps to EPCIS 2.0 events with CBV steps and GS1 Digital Link ids', () => {
  const sscc = new TextEncoder().encode('006141410000000017');
  const doc = m.toEpcis('00614141000012', 'A1', [
    { movement: { type: 'Commissioned', value: { org: 3 } }, at: 0n },
    { movement: { type: 'Packed', value: { into: sscc } }, at: 1000n },
    { movement: { type: 'Shipped', value: { shipment: 5n, from: 3, to: 4 } }, at: 2000n, via: sscc },
    { movement: { type: 'Dispensed', value: { by: 6 } }, at: 3000n },
  ], new Date(0));
  assert.equal(doc.type, 'EPCISDocument');
  assert.equal(doc.schemaVersion, '2.0');
  const events = doc.epcisBody.eventList;
  assert.deepEqual(events.map((e) => e.bizStep), ['commissioning', 'packing', 'shipping', 'dispensing']);
  assert.deepEqual(events[0].epcList, ['https://id.gs1.org/01/00614141000012/21/A1']);
  assert.equal(events[1].type, 'AggregationEvent');
  assert.equal(events[1].parentID, 'https://id.gs1.org/00/006141410000000017');
  assert.equal(events[2].destinationList[0].destination, 'urn:medchain:organization:4');
  assert.equal(events[3].disposition, 'dispensed');
});

test('a verdict always has an action; only Genuine says the pack may be dispensed', () => {
  for (const [verdict, action] of Object.entries(m.VERDICT_ACTIONS)) {
    assert.equal(action.startsWith('Do not dispense'), verdict !== 'Genuine', verdict);
  }
});

test('one phrase gives the account and the X25519 key of the record protocol vectors', async () => {
  const { readFile } = await import('node:fs/promises');
  const vectors = JSON.parse(await readFile(new URL('../../../docs/record-protocol-vectors.json', import.meta.url), 'utf8'));
  const withPhrase = vectors.keys.filter((k) => k.phrase);
  assert.ok(withPhrase.length > 0, 'the vectors have phrase-derived keys');
  for (const k of withPhrase) {
    const keys = m.keysFromPhrase(k.phrase, k.key_version);
    assert.equal(m.toHex(keys.encryptionKey), k.public, `${k.holder} key version ${k.key_version}`);
    assert.equal(keys.account.address, m.accountFromPhrase(k.phrase).address);
  }
});

test('a used-up free-call allowance and an unpayable fee read as plain sentences', () => {
  const refused = (error) => Object.assign(new Error(JSON.stringify(error)), { error });
  assert.match(m.explainRefusal(refused({ type: 'Invalid', value: { type: 'Custom', value: m.FREE_CALLS_EXHAUSTED } })), /free calls for today are used up/);
  assert.match(m.explainRefusal(refused({ type: 'Invalid', value: { type: 'Payment', value: undefined } })), /cannot pay the fee/);
  assert.equal(m.explainRefusal(refused({ type: 'Invalid', value: { type: 'Custom', value: 3 } })), undefined);
});

test('many access checks go in calls of at most 256, answered in the order asked', async () => {
  const calls = [];
  const api = {
    apis: {
      ConsentApi: {
        check_access_many: async (chunk, options) => {
          calls.push({ size: chunk.length, at: options.at });
          return chunk.map((q) =>
            q.purpose.type === 'Treatment'
              ? { type: 'Permit', value: { consent: BigInt(q.patient.length) } }
              : { type: 'Deny', value: { reason: { type: 'NoConsent' } } });
        },
      },
    },
  };
  const queries = Array.from({ length: 600 }, (_, i) => ({
    patient: `0x${'11'.repeat(32)}`, accessor: `acc${i}`, action: 'Read', category: 'LabResults',
    purpose: i % 3 === 0 ? 'Research' : 'Treatment',
  }));
  const answers = await m.checkAccessMany(api, queries, '0xabc');
  assert.deepEqual(calls, [{ size: 256, at: '0xabc' }, { size: 256, at: '0xabc' }, { size: 88, at: '0xabc' }]);
  assert.equal(answers.length, 600);
  answers.forEach((a, i) => assert.equal(a.decision, i % 3 === 0 ? 'Deny' : 'Permit', `answer ${i}`));
  assert.equal(answers[0].next, 'request-consent');
  assert.deepEqual(await m.checkAccessMany(api, []), []);
  // A runtime that answers fewer checks than asked is an error, never a silent gap.
  const short = { apis: { ConsentApi: { check_access_many: async (chunk) => chunk.slice(1).map(() => ({ type: 'Permit', value: { consent: 0n } })) } } };
  await assert.rejects(m.checkAccessMany(short, queries.slice(0, 3)), /answered 2 of 3/);
});

test('logged reads are split into batches of the runtime bound, and refusals are reported by index', async () => {
  const sent = [];
  const tx = (reads) => ({
    signSubmitAndWatch: () => ({
      subscribe: ({ next }) => {
        // The chain refuses the second read of every batch with NoConsent.
        const events = reads.length > 1
          ? [{ type: 'Records', value: { type: 'ReadNotLogged', value: { index: 1, error: { type: 'Module', value: { type: 'Records', value: { type: 'NoConsent' } } } } } }]
          : [];
        queueMicrotask(() => next({ type: 'txBestBlocksState', found: true, ok: true, block: { hash: '0x', number: 1, index: 0 }, events }));
        return { unsubscribe() {} };
      },
    }),
  });
  const api = {
    constants: { Records: { MaxReadsPerBatch: async () => 2 } },
    tx: { Records: { log_access_batch: ({ reads }) => { sent.push(reads.length); return tx(reads); } } },
  };
  const reads = [1n, 2n, 3n, 4n, 5n].map((id) => ({ record: { patient: '0x01', id }, purpose: 'Treatment' }));
  const out = await m.logReads(api, {}, reads);
  assert.deepEqual(sent, [2, 2, 1]);
  assert.deepEqual(out.logged, [0, 2, 4]);
  assert.deepEqual(out.refused.map((r) => [r.index, r.read.record.id, r.error]), [[1, 2n, 'NoConsent'], [3, 4n, 'NoConsent']]);
  assert.equal(out.inclusions.length, 3);
});
