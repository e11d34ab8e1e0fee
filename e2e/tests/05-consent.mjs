// Consent through the public API: a patient without tokens grants the clinic; the ConsentApi
// runtime API answers for its physician; a Deny wins; suspension denies; revocation denies in
// the block that revokes; emergency access shows as Emergency.
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { mnemonicGenerate, randomAsHex, blake2AsHex } from '@polkadot/util-crypto';
import { submit } from '../lib/node.mjs';
import { patientIdFor } from '../lib/patient.mjs';

const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const alice = keyring.addFromUri('//Alice');
const physician = keyring.addFromUri('//ClinicPhysician');
const patient = keyring.addFromUri(mnemonicGenerate());
const patientKey = randomAsHex(32);
const patientId = patientIdFor(patient.address, patientKey);
const CLINIC = 1;
let permit = null;

function checkAccess(api, category, purpose, who = physician, action = 'Read') {
  return api.call.consentApi.checkAccess(patientId, who.address, action, category, purpose);
}

function denyReason(decision) {
  assert.ok(decision.isDeny, `expected a Deny, got ${decision.toString()}`);
  return decision.asDeny.reason.toString();
}

function grant(api, grantee, decision, categories, purposes) {
  return api.tx.consent.grantConsent(patientId, grantee, decision, ['Read'], categories, purposes, null, null, null);
}

async function sudo(api, call) {
  const { events, error } = await submit(api, api.tx.sudo.sudo(call), alice);
  assert.equal(error, null);
  const sudid = events.find(({ event }) => api.events.sudo.Sudid.is(event));
  assert.ok(sudid?.event.data[0].isOk, 'the sudo call succeeded');
}

export const tests = {
  async 'a zero-balance patient grants the clinic'(api) {
    let r = await submit(api, api.tx.patientIdentity.registerPatientFor(patientId, patient.address, patientKey), physician);
    assert.equal(r.error, null, JSON.stringify(r.error));
    r = await submit(api, grant(api, { Organization: CLINIC }, 'Permit', ['LabResults', 'Vitals'], ['Treatment']), patient);
    assert.equal(r.error, null, JSON.stringify(r.error));
    const granted = r.events.find(({ event }) => api.events.consent.ConsentGranted.is(event));
    assert.ok(granted, 'ConsentGranted event');
    permit = granted.event.data.consent.toNumber();
    assert.equal((await api.query.system.account(patient.address)).data.free.toBigInt(), 0n);
  },

  async 'checkAccess permits its physician, and denies another purpose and a sensitive category'(api) {
    const decision = await checkAccess(api, 'LabResults', 'Treatment');
    assert.ok(decision.isPermit, decision.toString());
    assert.equal(decision.asPermit.consent.toNumber(), permit);
    assert.equal(denyReason(await checkAccess(api, 'LabResults', 'Research')), 'NoConsent');
    assert.equal(denyReason(await checkAccess(api, 'MentalHealth', 'Treatment')), 'SensitiveCategory');
    assert.equal(denyReason(await checkAccess(api, 'LabResults', 'Treatment', keyring.addFromUri('//Physician'))), 'NoConsent');
    const listed = await api.call.consentApi.consentsOf(patientId, 0, 100);
    assert.equal(listed.length, 1);
    assert.equal(listed[0].state.toString(), 'InForce');
  },

  async 'a Deny for that physician wins'(api) {
    const r = await submit(api, grant(api, { Practitioner: physician.address }, 'Deny', ['Vitals'], ['Treatment']), patient);
    assert.equal(r.error, null, JSON.stringify(r.error));
    assert.equal(denyReason(await checkAccess(api, 'Vitals', 'Treatment')), 'DeniedByPatient');
    assert.ok((await checkAccess(api, 'LabResults', 'Treatment')).isPermit, 'the Deny covers Vitals only');
  },

  async 'suspending the clinic denies, reinstating restores'(api) {
    await sudo(api, api.tx.consortium.setOrganizationStatus(CLINIC, 'Suspended'));
    try {
      assert.equal(denyReason(await checkAccess(api, 'LabResults', 'Treatment')), 'OrganizationInactive');
    } finally {
      await sudo(api, api.tx.consortium.setOrganizationStatus(CLINIC, 'Active'));
    }
    assert.ok((await checkAccess(api, 'LabResults', 'Treatment')).isPermit);
  },

  async 'emergency access is visible as Emergency'(api) {
    const r = await submit(api, api.tx.consent.emergencyAccess(patientId, blake2AsHex('unconscious on arrival')), physician);
    assert.equal(r.error, null, JSON.stringify(r.error));
    const invoked = r.events.find(({ event }) => api.events.consent.EmergencyAccessInvoked.is(event));
    assert.ok(invoked, 'EmergencyAccessInvoked event');
    const decision = await checkAccess(api, 'Allergies', 'EmergencyTreatment');
    assert.ok(decision.isEmergency, decision.toString());
    assert.equal(decision.asEmergency.id.toNumber(), invoked.event.data.id.toNumber());
    assert.equal(denyReason(await checkAccess(api, 'Genomics', 'EmergencyTreatment')), 'SensitiveCategory');
  },

  async 'revocation denies in the block that revokes'(api) {
    const { blockHash, error } = await submit(api, api.tx.consent.revokeConsent(permit), patient);
    assert.equal(error, null, JSON.stringify(error));
    const atRevocation = await api.at(blockHash);
    const decision = await atRevocation.call.consentApi.checkAccess(patientId, physician.address, 'Read', 'LabResults', 'Treatment');
    assert.equal(denyReason(decision), 'NoConsent');
    const header = await api.rpc.chain.getHeader(blockHash);
    const before = await api.at(header.parentHash);
    assert.ok((await before.call.consentApi.checkAccess(patientId, physician.address, 'Read', 'LabResults', 'Treatment')).isPermit,
      'the block before still permitted');
    assert.equal((await api.query.system.account(patient.address)).data.free.toBigInt(), 0n);
  },
};
