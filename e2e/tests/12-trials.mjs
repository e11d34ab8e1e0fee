// The clinical-trial registry through the public API (docs/trials.md): a sponsor registers a
// trial with three salted outcome leaves (root and proofs from medchain-merkle), an ethics
// committee approves, a site enrols two participants and the chain times the first enrolment,
// the sponsor drops a primary outcome after enrolment and TrialsApi still proves it against
// version 0, then database lock, unblinding, results and their provenance; what comes out of
// order is refused. A second trial that began enrolling 30 days before its registration is
// Retrospective { days: 30 } whatever is amended later.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, u8aConcat, u8aToHex, stringToU8a } from '@polkadot/util';
import { blake2AsHex, randomAsU8a } from '@polkadot/util-crypto';
import { submit } from '../lib/node.mjs';

const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const sponsor = keyring.addFromUri('//QualityManager');    // Acme Pharmaceuticals (3), a manufacturer
const reviewer = keyring.addFromUri('//EthicsReviewer');   // Regional Research Ethics Committee (7)
const physician = keyring.addFromUri('//Physician');       // Medchain General Hospital (0), the site
const funder = keyring.addFromUri('//Alice');
const HOSPITAL = 0;
const DAY_MS = 86_400_000;

// docs/trials.md §2: an outcome leaf is blake2_256(tag ++ level ++ salt ++ description hash), the
// description a FHIR EvidenceVariable whose hash is the record protocol's content commitment
// (kind FHIR, zero salt), computed here by the medchain-record-protocol CLI.
const LEVEL = { Primary: 0, Secondary: 1, Exploratory: 2 };
function descriptionHash(description) {
  const dir = mkdtempSync(join(tmpdir(), 'medchain-outcome-'));
  try {
    const file = join(dir, 'evidence-variable.json');
    writeFileSync(file, JSON.stringify({ resourceType: 'EvidenceVariable', status: 'active', name: description, description }));
    const out = execFileSync(process.env.MEDCHAIN_RECORD_PROTOCOL_BIN,
      ['commit', '--kind', 'fhir', '--body', file, '--salt', '00'.repeat(32)], { encoding: 'utf8' });
    return hexToU8a(`0x${JSON.parse(out).contentHash}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
function outcome(level, description) {
  const salt = randomAsU8a(32);
  const leaf = blake2AsHex(u8aConcat(
    stringToU8a('medchain/trials/outcome/v1'), [LEVEL[level]], salt, descriptionHash(description),
  ));
  return { level, description, salt, leaf };
}

// A participant id: blake2_256(tag ++ patient id ++ salt), the salt kept by site and patient.
function participantId(patientId, salt) {
  return blake2AsHex(u8aConcat(stringToU8a('medchain/trials/participant/v1'), patientId, salt));
}

// Roots and proofs from the batch tool, as a sponsor would build them.
function merkle(leaves) {
  const dir = mkdtempSync(join(tmpdir(), 'medchain-trial-'));
  try {
    const file = join(dir, 'leaves.txt');
    writeFileSync(file, leaves.join('\n'));
    const tool = (...args) => JSON.parse(execFileSync(process.env.MEDCHAIN_MERKLE_BIN, args, { encoding: 'utf8' }));
    const { root, leafCount } = tool('root', file);
    const proofs = leaves.map((_, i) => tool('proof', file, String(i)).proof);
    return { root, leafCount, proofs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function documents(n, outcomes) {
  const { root, leafCount } = merkle(outcomes.map((o) => o.leaf));
  return {
    protocolHash: blake2AsHex(`protocol v${n}`),
    analysisPlanHash: blake2AsHex(`statistical analysis plan v${n}`),
    consentFormHash: blake2AsHex(`consent form v${n}`),
    outcomesRoot: root,
    outcomeCount: leafCount,
  };
}

function expectOk({ error }) {
  assert.equal(error, null, JSON.stringify(error));
}

function expectError(r, name) {
  assert.equal(`${r.error?.section}.${r.error?.name}`, `trials.${name}`);
}

function eventOf(r, api, name) {
  const found = r.events.find(({ event }) => api.events.trials[name].is(event));
  assert.ok(found, `a trials.${name} event`);
  return found.event.data;
}

const outcomes = [
  outcome('Primary', 'HbA1c change from baseline at 26 weeks'),
  outcome('Primary', 'Time to first severe hypoglycaemia'),
  outcome('Secondary', 'Body weight change at 26 weeks'),
];
const state = {};

export const tests = {
  async 'a sponsor registers a trial with three outcomes and an ethics committee approves it'(api) {
    const r = await submit(api, api.tx.trials.registerTrial(
      [{ registry: 'ClinicalTrialsGov', id: 'NCT07000001' }, { registry: 'EuCt', id: '2026-500123-11-00' }],
      blake2AsHex('A randomised trial of drug X in type 2 diabetes'),
      documents(0, outcomes),
      null,
    ), sponsor);
    expectOk(r);
    const registered = eventOf(r, api, 'TrialRegistered');
    state.trial = registered.trial.toNumber();
    assert.equal(registered.by.toString(), sponsor.address);
    assert.equal((await api.call.trialsApi.registrationTiming(state.trial)).unwrap().toString(), 'NotYetEnrolled');
    // Nobody can enrol on a version no ethics committee approved.
    expectOk(await submit(api, api.tx.trials.activateSite(state.trial, HOSPITAL), sponsor));
    const p = participantId(randomAsU8a(32), randomAsU8a(32));
    expectError(await submit(api, api.tx.trials.recordConsent(state.trial, p, 0, u8aToHex(randomAsU8a(32))), physician), 'VersionNotApproved');
    const approved = await submit(api, api.tx.trials.approveVersion(state.trial, 0), reviewer);
    expectOk(approved);
    assert.equal(eventOf(approved, api, 'VersionApproved').committee.toNumber(), 7);
  },

  async 'the site enrols two participants; the chain times the first enrolment; Prospective'(api) {
    state.participants = [];
    for (let i = 0; i < 2; i += 1) {
      // The patient's app derives the withdrawal key for this trial (docs/trials.md §3).
      const key = keyring.addFromUri(`${u8aToHex(randomAsU8a(32))}//medchain-trials//${state.trial}`);
      const id = participantId(randomAsU8a(32), randomAsU8a(32));
      expectOk(await submit(api, api.tx.trials.recordConsent(state.trial, id, 0, u8aToHex(key.publicKey)), physician));
      const r = await submit(api, api.tx.trials.enrol(state.trial, id), physician);
      expectOk(r);
      assert.equal(eventOf(r, api, 'Enrolled').first.isTrue, i === 0);
      state.participants.push({ id, key });
    }
    const trial = (await api.query.trials.trials(state.trial)).unwrap();
    const first = trial.firstEnrolment.unwrap().toNumber();
    const status = (await api.call.trialsApi.participantStatus(state.trial, state.participants[0].id)).unwrap();
    assert.equal(status.enrolledAt.unwrap().toNumber(), first, 'the first enrolment is the site\'s, timed by the chain');
    assert.equal(status.withdrawalKey.unwrap().toHex(), u8aToHex(state.participants[0].key.publicKey), 'the recorded withdrawal key is the app\'s');
    assert.equal(trial.enrolled.toNumber(), 2, 'the actual enrolment');
    assert.ok(first >= trial.registeredAt.toNumber());
    assert.equal((await api.call.trialsApi.registrationTiming(state.trial)).unwrap().toString(), 'Prospective');
    const history = await api.call.trialsApi.history(state.trial, 0, 100);
    assert.deepEqual(history.map((e) => e.step.type), ['Registered', 'SiteActivated', 'VersionApproved', 'FirstEnrolment']);
    assert.equal(history[3].by.toString(), physician.address);
    assert.equal(history[3].org.toNumber(), HOSPITAL);
    // A third participant consents to version 0 and waits.
    state.waiting = participantId(randomAsU8a(32), randomAsU8a(32));
    expectOk(await submit(api, api.tx.trials.recordConsent(state.trial, state.waiting, 0, u8aToHex(randomAsU8a(32))), physician));
  },

  async 'an amendment after enrolment drops a primary outcome; version 0 still proves it'(api) {
    const amended = [outcomes[1], outcomes[2]];
    const r = await submit(api, api.tx.trials.amendProtocol(state.trial, documents(1, amended), 'Design', false), sponsor);
    expectOk(r);
    const event = eventOf(r, api, 'ProtocolAmended');
    assert.equal(event.phase.toString(), 'AfterEnrolment', 'the phase is computed by the chain');
    assert.equal(event.changesOutcomes.isTrue, true);
    const { proofs } = merkle(outcomes.map((o) => o.leaf));
    const answer = (await api.call.trialsApi.wasPrespecified(state.trial, outcomes[0].leaf, proofs[0], 0)).unwrap();
    assert.equal(answer.version.toNumber(), 0);
    assert.equal(answer.phase.toString(), 'BeforeEnrolment');
    assert.ok((await api.call.trialsApi.wasPrespecified(state.trial, outcomes[0].leaf, proofs[1], 0)).isNone);
    const doc = (await api.call.trialsApi.verifyDocument(state.trial, 'Protocol', blake2AsHex('protocol v1'))).unwrap();
    assert.equal(doc.version.unwrap().toNumber(), 1);
    // Version 1 is not approved yet: no enrolment, and no consent, on it.
    expectError(await submit(api, api.tx.trials.enrol(state.trial, state.waiting), physician), 'VersionNotApproved');
    const late = participantId(randomAsU8a(32), randomAsU8a(32));
    expectError(await submit(api, api.tx.trials.recordConsent(state.trial, late, 1, u8aToHex(randomAsU8a(32))), physician), 'VersionNotApproved');
    expectOk(await submit(api, api.tx.trials.approveVersion(state.trial, 1), reviewer));
  },

  async 'a participant withdraws themselves with their key, for free'(api) {
    const { id, key } = state.participants[1];
    // SCALE(trial: u64, participant: H256, scope: FollowUpOnly = 0) after the tag.
    const message = u8aConcat(
      stringToU8a('medchain/trials/withdrawal/v1'), api.createType('u64', state.trial).toU8a(), hexToU8a(id), [0],
    );
    // Any account may carry the signature: here a fresh one, funded for the fee it gets back.
    const patientApp = keyring.addFromSeed(randomAsU8a(32));
    expectOk(await submit(api, api.tx.balances.transferKeepAlive(patientApp.address, 10n ** 12n), funder));
    const before = (await api.query.system.account(patientApp.address)).data.free.toBigInt();
    const r = await submit(api, api.tx.trials.withdraw(state.trial, id, 'FollowUpOnly', u8aToHex(key.sign(message))), patientApp);
    expectOk(r);
    assert.equal(eventOf(r, api, 'Withdrawn').selfWithdrawal.isTrue, true);
    const after = (await api.query.system.account(patientApp.address)).data.free.toBigInt();
    assert.equal(after, before, 'a self-withdrawal pays no fee');
    const status = (await api.call.trialsApi.participantStatus(state.trial, id)).unwrap();
    assert.equal(status.withdrawn.unwrap()[0].toString(), 'FollowUpOnly');
  },

  async 'unblinding and results wait for a database lock; then results rest on it'(api) {
    expectError(await submit(api, api.tx.trials.recordUnblinding(state.trial), sponsor), 'NoDatabaseLock');
    expectError(await submit(api, api.tx.trials.postResults(state.trial, blake2AsHex('results'), blake2AsHex('per-outcome'), 0), sponsor), 'NoDatabaseLock');
    const dataset = Array.from({ length: 40 }, (_, i) => blake2AsHex(`case report form ${i}`));
    const { root, leafCount } = merkle(dataset);
    expectOk(await submit(api, api.tx.trials.commitData(state.trial, 'DatabaseLock', root, leafCount), sponsor));
    expectError(await submit(api, api.tx.trials.enrol(state.trial, state.waiting), physician), 'DatabaseLocked');
    expectOk(await submit(api, api.tx.trials.recordUnblinding(state.trial), sponsor));
    expectOk(await submit(api, api.tx.trials.postResults(state.trial, blake2AsHex('results'), blake2AsHex('per-outcome'), 0), sponsor));
    const provenance = (await api.call.trialsApi.resultsProvenance(state.trial)).unwrap();
    assert.equal(provenance.databaseLock.unwrap()[0].toHex(), root);
    assert.ok(provenance.unblindedAt.isSome);
    assert.equal(provenance.analysisPlanVersion.unwrap().toNumber(), 0);
    const amendments = provenance.amendmentsAfterEnrolment.map(([v, phase, changed]) => [v.toNumber(), phase.toString(), changed.isTrue]);
    assert.deepEqual(amendments, [[1, 'AfterEnrolment', true]]);
  },

  async 'a trial that began enrolling 30 days before registration stays Retrospective { days: 30 }'(api) {
    const now = (await api.query.timestamp.now()).toNumber();
    const start = now - 30 * DAY_MS - DAY_MS / 2;
    const r = await submit(api, api.tx.trials.registerTrial(
      [{ registry: 'Isrctn', id: 'ISRCTN70000002' }],
      blake2AsHex('An observational follow-up study'),
      documents(10, outcomes),
      start,
    ), sponsor);
    expectOk(r);
    const trial = eventOf(r, api, 'TrialRegistered').trial.toNumber();
    const timing = async () => (await api.call.trialsApi.registrationTiming(trial)).unwrap().toJSON();
    assert.deepEqual(await timing(), { retrospective: { days: 30 } });
    expectOk(await submit(api, api.tx.trials.amendProtocol(trial, documents(11, outcomes.slice(1)), 'Recruitment', true), sponsor));
    assert.deepEqual(await timing(), { retrospective: { days: 30 } });
    // Version 0 of a retrospective trial was itself committed after enrolment began.
    const { proofs } = merkle(outcomes.map((o) => o.leaf));
    const answer = (await api.call.trialsApi.wasPrespecified(trial, outcomes[0].leaf, proofs[0], 0)).unwrap();
    assert.equal(answer.phase.toString(), 'AfterEnrolment');
  },
};
