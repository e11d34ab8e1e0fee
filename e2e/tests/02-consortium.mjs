// The consortium registry through the public API: governance admits an organisation, its admin
// registers staff, strangers are refused with the pallet's documented error, and suspension
// takes the admin's powers away until reinstatement.
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { mnemonicGenerate, blake2AsHex } from '@polkadot/util-crypto';
import { submit } from '../lib/node.mjs';

const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const alice = keyring.addFromUri('//Alice');
const admin = keyring.addFromUri(mnemonicGenerate());
const stranger = keyring.addFromUri(mnemonicGenerate());
const practitioner = keyring.addFromUri(mnemonicGenerate());
const nurse = keyring.addFromUri(mnemonicGenerate());
let org = null;

async function sudo(api, call) {
  const { events, error } = await submit(api, api.tx.sudo.sudo(call), alice);
  assert.equal(error, null);
  const sudid = events.find(({ event }) => api.events.sudo.Sudid.is(event));
  assert.ok(sudid, 'Sudid event');
  const result = sudid.event.data[0];
  assert.ok(result.isOk, `sudo call failed: ${result.toString()}`);
  return events;
}

async function fund(api, who) {
  const { error } = await submit(api, api.tx.balances.transferKeepAlive(who.address, 10n ** 13n), alice);
  assert.equal(error, null);
}

function addPractitioner(api, who, role) {
  return api.tx.consortium.addPractitioner(org, who.address, role, blake2AsHex(`licence/${who.address}`), null);
}

export const tests = {
  async 'the demo consortium is in the development genesis'(api) {
    const next = (await api.query.consortium.nextOrganizationId()).toNumber();
    assert.equal(next, 8); // the eight demo organisations, the ethics committee (7) last
    const hospital = (await api.query.consortium.organizations(0)).unwrap();
    assert.equal(hospital.kind.toString(), 'Hospital');
    assert.equal(hospital.name.toUtf8(), 'Medchain General Hospital');
    const physician = keyring.addFromUri('//Physician');
    const record = (await api.query.consortium.practitioners(physician.address)).unwrap();
    assert.equal(record.org.toNumber(), 0);
    assert.equal(record.role.toString(), 'Physician');
    const council = await api.query.council.members();
    assert.equal(council.length, 3);
  },

  async 'sudo registers an organisation'(api) {
    await fund(api, admin);
    await fund(api, stranger);
    const events = await sudo(api, api.tx.consortium.registerOrganization(
      admin.address, 'Laboratory', 'E2E Diagnostics', blake2AsHex('licence/e2e-lab')));
    const registered = events.find(({ event }) => api.events.consortium.OrganizationRegistered.is(event));
    assert.ok(registered, 'OrganizationRegistered event');
    org = registered.event.data.org.toNumber();
    assert.equal(registered.event.data.admin.toString(), admin.address);
    assert.equal(registered.event.data.kind.toString(), 'Laboratory');
    const stored = (await api.query.consortium.organizations(org)).unwrap();
    assert.equal(stored.status.toString(), 'Active');
  },

  async 'its admin adds a practitioner'(api) {
    // The admin invites; the account joins only when it accepts (AUDIT L-7).
    const { events, error } = await submit(api, addPractitioner(api, practitioner, 'LabTechnician'), admin);
    assert.equal(error, null, JSON.stringify(error));
    assert.ok(events.some(({ event }) => api.events.consortium.PractitionerInvited.is(event)));
    assert.ok((await api.query.consortium.practitioners(practitioner.address)).isNone, 'not before it accepts');
    await fund(api, practitioner);
    const accepted = await submit(api, api.tx.consortium.acceptPractitionerInvitation(org), practitioner);
    assert.equal(accepted.error, null, JSON.stringify(accepted.error));
    assert.ok(accepted.events.some(({ event }) => api.events.consortium.PractitionerAdded.is(event)));
    const record = (await api.query.consortium.practitioners(practitioner.address)).unwrap();
    assert.equal(record.org.toNumber(), org);
    assert.equal(record.role.toString(), 'LabTechnician');
  },

  async 'a stranger is refused with the pallet error'(api) {
    const { error } = await submit(api, addPractitioner(api, nurse, 'Nurse'), stranger);
    assert.ok(error, 'the call fails');
    assert.equal(`${error.section}.${error.name}`, 'consortium.NotOrganizationAdmin');
    assert.match(error.docs, /admin/i, 'the error carries its documentation');
    assert.ok((await api.query.consortium.practitioners(nurse.address)).isNone);
  },

  async 'suspension revokes the admin powers'(api) {
    const events = await sudo(api, api.tx.consortium.setOrganizationStatus(org, 'Suspended'));
    assert.ok(events.some(({ event }) => api.events.consortium.OrganizationStatusChanged.is(event)));
    const { error } = await submit(api, addPractitioner(api, nurse, 'Nurse'), admin);
    assert.ok(error);
    assert.equal(`${error.section}.${error.name}`, 'consortium.OrganizationInactive');
  },

  async 'a council motion of two of three members registers an organisation'(api) {
    const bob = keyring.addFromUri('//Bob');
    const charlie = keyring.addFromUri('//Charlie');
    const pharmacyAdmin = keyring.addFromUri(mnemonicGenerate());
    const call = api.tx.consortium.registerOrganization(
      pharmacyAdmin.address, 'Pharmacy', 'Council Pharmacy', blake2AsHex('licence/council'));
    const length = call.method.encodedLength;
    const index = (await api.query.council.proposalCount()).toNumber();
    const hash = call.method.hash;

    let r = await submit(api, api.tx.council.propose(2, call, length), alice);
    assert.equal(r.error, null, JSON.stringify(r.error));
    r = await submit(api, api.tx.council.vote(hash, index, true), alice);
    assert.equal(r.error, null, JSON.stringify(r.error));
    r = await submit(api, api.tx.council.vote(hash, index, true), bob);
    assert.equal(r.error, null, JSON.stringify(r.error));
    const { weight } = await api.call.transactionPaymentCallApi.queryCallInfo(call, length);
    r = await submit(api, api.tx.council.close(hash, index, weight, length), charlie);
    assert.equal(r.error, null, JSON.stringify(r.error));

    const registered = r.events.find(({ event }) => api.events.consortium.OrganizationRegistered.is(event));
    assert.ok(registered, 'the motion registered the organisation');
    assert.equal(registered.event.data.admin.toString(), pharmacyAdmin.address);

    // The proposer's motion deposit (AUDIT L-8) comes back once the closed motion is released.
    const heldBefore = (await api.query.system.account(alice.address)).data.reserved.toBigInt();
    assert.ok(heldBefore >= 10n * 10n ** 12n, 'the open motion held at least 10 UNIT');
    r = await submit(api, api.tx.council.releaseProposalCost(hash), bob);
    assert.equal(r.error, null, JSON.stringify(r.error));
    assert.ok(r.events.some(({ event }) => api.events.council.ProposalCostReleased.is(event)));
    const heldAfter = (await api.query.system.account(alice.address)).data.reserved.toBigInt();
    assert.equal(heldBefore - heldAfter, 10n * 10n ** 12n, 'the first motion deposit, 10 UNIT, is released');
  },

  async 'a stranger cannot propose to the council'(api) {
    const { error } = await submit(api, api.tx.council.propose(
      2, api.tx.consortium.setOrganizationStatus(0, 'Suspended'), 64), stranger);
    assert.ok(error);
    assert.equal(`${error.section}.${error.name}`, 'council.NotMember');
  },

  async 'reinstatement restores them'(api) {
    await sudo(api, api.tx.consortium.setOrganizationStatus(org, 'Active'));
    const { error } = await submit(api, addPractitioner(api, nurse, 'Nurse'), admin);
    assert.equal(error, null, JSON.stringify(error));
    await fund(api, nurse);
    const accepted = await submit(api, api.tx.consortium.acceptPractitionerInvitation(org), nurse);
    assert.equal(accepted.error, null, JSON.stringify(accepted.error));
    const record = (await api.query.consortium.practitioners(nurse.address)).unwrap();
    assert.equal(record.org.toNumber(), org);
  },
};
