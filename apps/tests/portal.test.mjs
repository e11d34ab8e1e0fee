// The patient portal in Chromium against a dev node: a patient with no tokens makes keys in the
// page, is registered by the hospital, approves the clinic's request (the clinic's check turns
// Permit), gives the laboratory a consent through the grid, sees the clinic's logged read and
// downloads it as FHIR AuditEvents, revokes (the check turns Deny), and after a reload unlocks
// the keys kept encrypted in the browser. Every screen passes axe and breaks no CSP rule.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as medchain from '@medchain/client';
import { LOG_DIR, axeViolations, openBrowser, screenshot, serveApp, startDevNode, waitFor } from './kit.mjs';

const binary = process.env.MEDCHAIN_NODE_BIN;
const { DEV_PHRASE } = medchain;
const registrar = medchain.accountFromPhrase(DEV_PHRASE, '//PrivacyOfficer'); // the hospital's
const clinicPhysician = medchain.accountFromPhrase(DEV_PHRASE, '//ClinicPhysician'); // Riverside Clinic (1)
const labTechnician = medchain.accountFromPhrase(DEV_PHRASE, '//LabTechnician'); // Central Laboratory (2)
const hospitalPhysician = medchain.accountFromPhrase(DEV_PHRASE, '//Physician'); // Medchain General Hospital (0)
const LAB = 2;
const PASSPHRASE = 'quiet river under stone';

let node;
let server;
let chain;
let browser;
let page;
let patient; // { patientId, address, encryptionKey, phrase }
let clinicConsent;
let record;
const screens = {};
const axeFindings = {};

async function send(tx, who, what) {
  const inclusion = await medchain.submit(tx, who.signer);
  assert.equal(inclusion.ok, true, `${what}: ${JSON.stringify(inclusion.error ?? inclusion.dispatchError)}`);
  return inclusion;
}

const textOf = async (selector) => (await page.textContent(selector)) ?? '';
const until = (selector, pattern, what) => waitFor(async () => pattern.test(await textOf(selector)), what);

async function checkScreen(name) {
  screens[name] = await screenshot(page, `portal-${name}`);
  axeFindings[name] = await axeViolations(page);
  assert.deepEqual(axeFindings[name], [], `axe finds no serious violation on the ${name} screen`);
}

const access = () => medchain.checkAccess(chain.api, patient.patientId, clinicPhysician.address, 'Read', 'LabResults', 'Treatment');

before(async () => {
  assert.ok(binary, 'MEDCHAIN_NODE_BIN names the node to test against');
  node = await startDevNode(binary);
  server = await serveApp('portal', node.rpc);
  chain = medchain.connect(node.rpc);
  const opened = await openBrowser();
  browser = opened;
  page = await opened.context.newPage();
  await page.goto(server.url);
  await until('#chain', /Connected to .* block #\d+/, 'the portal to connect to the chain');
});

after(async () => {
  writeFileSync(join(LOG_DIR, 'portal-results.json'), JSON.stringify({ screens, axe: axeFindings, problems: browser?.problems ?? [] }, null, 2));
  await browser?.browser.close();
  chain?.disconnect();
  await server?.stop();
  await node?.stop();
});

test('a new patient makes keys in the page and locks them with a passphrase', async () => {
  assert.equal(await page.isVisible('#onboard'), true, 'a browser without keys starts at onboarding');
  await checkScreen('onboarding');
  await page.click('#create-keys');
  const phrase = (await textOf('#new-phrase')).trim();
  assert.equal(phrase.split(' ').length, 12, 'twelve words to write down');
  await page.fill('#passphrase', PASSPHRASE);
  await page.fill('#passphrase-again', PASSPHRASE);
  await page.click('#keys-form button[type=submit]');
  await until('#problem-what', /not written down/, 'the page to insist on the phrase being written down');
  await page.check('#written-down');
  await page.click('#keys-form button[type=submit]');
  await waitFor(() => page.isVisible('#app'), 'the portal to open after saving the keys');
  const keys = medchain.keysFromPhrase(phrase);
  patient = {
    phrase,
    address: keys.account.address,
    encryptionKey: `0x${medchain.toHex(keys.encryptionKey)}`,
    patientId: `0x${medchain.toHex(medchain.patientIdFor(keys.account.publicKey, keys.encryptionKey))}`,
  };
  assert.equal(await textOf('#patient-id'), patient.patientId, 'the page shows the patient id the chain will derive');
  assert.equal(await textOf('#account'), patient.address);
  const stored = await page.evaluate(() => localStorage.getItem('medchain.keystore.v1'));
  assert.ok(stored && !stored.includes(phrase.split(' ')[0] + ' '), 'the browser keeps a keystore, not the phrase');
  assert.equal(await medchain.openKeystore(stored, PASSPHRASE), phrase, 'the keystore opens with the passphrase');
  await until('#registration', /Not registered yet/, 'the page to say the patient is not registered');
});

test('registered by the hospital, the zero-token patient sees free calls', async () => {
  await send(chain.api.tx.PatientIdentity.register_patient_for({
    patient_id: patient.patientId,
    controller: medchain.MultiAddress.Id(patient.address),
    encryption_key: patient.encryptionKey,
  }), registrar, 'the hospital registers the patient');
  await until('#registration', /^Registered/, 'the page to show the registration');
  await until('#free-calls', /\d+ left in this period/, 'the page to show the free calls');
  const account = await chain.api.query.System.Account.getValue(patient.address, { at: 'best' });
  assert.equal(account.data.free, 0n, 'the patient holds no tokens');
});

test('the patient approves the clinic\'s request, and the clinic\'s check turns Permit', async () => {
  assert.equal((await access()).decision, 'Deny', 'no consent yet');
  const e = (type) => ({ type, value: undefined });
  await send(chain.api.tx.Consent.request_consent({
    patient: patient.patientId, actions: [e('Read')], categories: [e('LabResults')], purposes: [e('Treatment')],
    valid_until: undefined, note_hash: medchain.suspectReasonHash('follow-up of the glucose test'),
  }), clinicPhysician, 'the clinic asks for consent');
  await waitFor(() => page.isVisible('#requests li'), 'the request to appear in the inbox');
  assert.match(await textOf('#requests li'), /Riverside Clinic \(physician at Riverside Clinic .*\) asks to read your lab results for treatment/);
  await checkScreen('requests');
  await page.click('#requests li button:has-text("Approve")');
  await until('#status', /^Approved: consent \d+ is in force/, 'the approval to be included');
  clinicConsent = Number(/consent (\d+)/.exec(await textOf('#status'))[1]);
  const answer = await access();
  assert.equal(answer.decision, 'Permit', answer.message);
  assert.equal(Number(answer.id), clinicConsent, 'the approved request is the deciding consent');
  const allowance = await medchain.freeCalls(chain.api, patient.patientId);
  assert.ok(allowance.remaining > 0, 'the approval was a free call');
});

test('the patient lets the laboratory add results through the consent grid', async () => {
  await page.click('nav button[data-view=consents]');
  await waitFor(() => page.isVisible(`#consents-table tr[data-consent="${clinicConsent}"]`), 'the approved consent in the table');
  await page.selectOption('#grant-org', String(LAB));
  await page.check('#grant-actions input[value=Write]');
  await page.uncheck('#grant-actions input[value=Read]');
  await page.check('#grant-categories input[value=LabResults]');
  assert.equal(await page.isChecked('#grant-categories input[value=MentalHealth]'), false, 'sensitive categories start unticked');
  assert.match(await textOf('#grant-categories'), /mental health \(sensitive\)/, 'sensitive categories are marked');
  await page.click('#grant-form button[type=submit]');
  await until('#status', /^Saved as consent \d+/, 'the laboratory\'s consent to be included');
  const labConsent = /consent (\d+)/.exec(await textOf('#status'))[1];
  assert.match(await textOf(`#consents-table tr[data-consent="${labConsent}"]`), /Central Laboratory.*write.*lab results.*treatment/,
    'the table shows the new consent once the page says it is saved');
  const write = await medchain.checkAccess(chain.api, patient.patientId, labTechnician.address, 'Write', 'LabResults', 'Treatment');
  assert.equal(write.decision, 'Permit', write.message);
  await checkScreen('consents');
});

test('the clinic\'s logged read shows in the access log and downloads as a FHIR AuditEvent', async () => {
  const anchored = await send(chain.api.tx.Records.anchor_record({
    patient: patient.patientId, category: { type: 'LabResults', value: undefined },
    content_hash: medchain.suspectReasonHash('a sealed glucose result'), pointer: medchain.Binary.fromText('blob:lab/1'), supersedes: undefined,
  }), labTechnician, 'the laboratory anchors a result');
  record = medchain.findEvent(anchored, 'Records', 'RecordAnchored').record;
  await send(chain.api.tx.Records.log_access({ record: { patient: patient.patientId, id: record }, purpose: { type: 'Treatment', value: undefined } }),
    clinicPhysician, 'the clinic logs its read');
  await page.click('nav button[data-view=records]');
  await waitFor(() => page.isVisible(`#records-table tr[data-record="${record}"]`), 'the record in the records list');
  assert.match(await textOf(`#records-table tr[data-record="${record}"]`), /lab results.*Central Laboratory/);
  await checkScreen('records');
  await page.click('nav button[data-view=log]');
  await waitFor(() => page.isVisible('#log-table tbody tr'), 'the logged read in the access log');
  assert.match(await textOf('#log-table tbody tr'), new RegExp(`physician at Riverside Clinic.*record ${record}.*treatment.*consent ${clinicConsent}`));
  await checkScreen('access-log');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-audit')]);
  const bundle = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(bundle.resourceType, 'Bundle');
  assert.equal(bundle.total, 1);
  const event = bundle.entry[0].resource;
  assert.equal(event.resourceType, 'AuditEvent');
  assert.equal(event.agent[0].who.identifier.value, clinicPhysician.address);
  assert.deepEqual(event.entity[1].detail[0], { type: 'basis', valueString: `consent ${clinicConsent}` });
});

test('an emergency access shows for the patient to review, and the review is recorded', async () => {
  const invoked = await send(chain.api.tx.Consent.emergency_access({ patient: patient.patientId, justification_hash: medchain.suspectReasonHash('unconscious on arrival') }),
    hospitalPhysician, 'the hospital physician breaks the glass');
  const id = medchain.findEvent(invoked, 'Consent', 'EmergencyAccessInvoked').id;
  await send(chain.api.tx.Records.log_access({ record: { patient: patient.patientId, id: record }, purpose: { type: 'EmergencyTreatment', value: undefined } }),
    hospitalPhysician, 'the physician logs an emergency read');
  await page.click('nav button[data-view=home]');
  const item = `#emergencies li[data-emergency="${id}"]`;
  await waitFor(() => page.isVisible(item), 'the emergency access in the review list');
  assert.match(await textOf(item), /physician at Medchain General Hospital .* opened your records in an emergency/);
  await checkScreen('emergency');
  await page.click(`${item} button:has-text("It was not justified")`);
  await until('#status', /not justified/, 'the review to be included');
  await waitFor(async () => (await page.getAttribute(item, 'data-review')) === 'unjustified', 'the list to show the review');
  const stored = await chain.api.query.Consent.EmergencyAccesses.getValue(id, { at: 'best' });
  assert.equal(stored.review.justified, false, 'the chain keeps the patient\'s review');
  assert.equal(stored.review.by, patient.address);
});

test('the patient shares a record\'s key with the clinic\'s physician and takes it back', async () => {
  // The laboratory seals a result, keeps the blob, and anchors it with an envelope for the patient.
  const blobs = new Map();
  const store = { async put(blob) { const uri = `mem:${blobs.size}`; blobs.set(uri, blob); return uri; }, async get(uri) { return blobs.get(uri); } };
  const observation = { resourceType: 'Observation', status: 'final', code: { text: 'HbA1c' }, valueQuantity: { value: 41, unit: 'mmol/mol' } };
  const anchored = await medchain.anchorWithKey(chain.api, labTechnician.signer, {
    patient: patient.patientId, category: 'LabResults', content: observation,
    patientKey: { key: medchain.fromHex(patient.encryptionKey), version: 0 }, store,
  });
  const id = anchored.record.id;
  // The clinic's physician publishes the key its records app reads with.
  const readerPhrase = medchain.newRecoveryPhrase();
  await medchain.publishReaderKey(chain.api, clinicPhysician.signer, readerPhrase, 1);
  await page.click('nav button[data-view=records]');
  const row = `#records-table tr[data-record="${id}"]`;
  await waitFor(() => page.isVisible(row), 'the new record in the records list');
  await page.click(`${row} button:has-text("Share")`);
  await page.fill('#share-reader', clinicPhysician.address);
  await page.selectOption('#share-purpose', 'Treatment');
  await checkScreen('share');
  await page.click('#share-form button[type=submit]');
  await until('#status', new RegExp(`The key of record ${id} is shared`), 'the key to be shared');
  assert.match(await textOf(row), /physician at Riverside Clinic/, 'the row says who holds the key');
  const envelope = await medchain.readRecordKey(chain.api, anchored.record, clinicPhysician.address, 'Treatment');
  assert.ok(envelope, 'the physician can fetch the envelope');
  const opened = await medchain.openRecord(chain.api, anchored.record, envelope, { grantee: clinicPhysician.address, phrase: readerPhrase, store });
  assert.equal(opened.verification, 'Match');
  assert.deepEqual(opened.resource, observation, 'the physician opens what the laboratory sealed');
  await page.click(`${row} [data-grantee="${clinicPhysician.address}"] button:has-text("Revoke")`);
  await until('#status', new RegExp(`The key of record ${id} is taken back`), 'the key to be revoked');
  assert.equal(await medchain.readRecordKey(chain.api, anchored.record, clinicPhysician.address, 'Treatment'), undefined, 'no envelope any more');
  assert.equal(await page.isVisible(`${row} [data-grantee]`), false, 'the row no longer lists the physician');
  const account = await chain.api.query.System.Account.getValue(patient.address, { at: 'best' });
  assert.equal(account.data.free, 0n, 'sharing and revoking cost the patient nothing');
});

test('the patient adds a controller and removes it again', async () => {
  const other = medchain.accountFromPhrase(medchain.newRecoveryPhrase()).address;
  await page.click('nav button[data-view=home]');
  await page.fill('#controller-address', other);
  await page.click('#controller-form button[type=submit]');
  await until('#status', /The controller is added/, 'the new controller to be included');
  const row = `#people-table tr[data-account="${other}"]`;
  assert.equal(await page.isVisible(row), true, 'the table lists the new controller');
  assert.deepEqual((await chain.api.query.PatientIdentity.Patients.getValue(patient.patientId, { at: 'best' })).controllers.sort(), [patient.address, other].sort());
  assert.equal(await page.isVisible(`#people-table tr[data-account="${patient.address}"] button`), false, 'the patient cannot remove itself here');
  await page.click(`${row} button:has-text("Remove")`);
  await until('#status', /The controller is removed/, 'the removal to be included');
  assert.equal(await page.isVisible(row), false, 'the table no longer lists it');
  assert.deepEqual((await chain.api.query.PatientIdentity.Patients.getValue(patient.patientId, { at: 'best' })).controllers, [patient.address]);
});

test('revoking the clinic\'s consent turns its check to Deny', async () => {
  await page.click('nav button[data-view=consents]');
  await page.click(`#consents-table tr[data-consent="${clinicConsent}"] button:has-text("Revoke")`);
  await until('#status', new RegExp(`Consent ${clinicConsent} is revoked`), 'the revocation to be included');
  const answer = await access();
  assert.equal(answer.decision, 'Deny');
  assert.equal(answer.reason, 'NoConsent');
  await waitFor(async () => (await page.getAttribute(`#consents-table tr[data-consent="${clinicConsent}"]`, 'data-state')) === 'Revoked', 'the table to show the consent revoked');
});

test('the patient erases a record from the records list', async () => {
  page.once('dialog', (dialog) => dialog.accept());
  await page.click('nav button[data-view=records]');
  await page.click(`#records-table tr[data-record="${record}"] button:has-text("Erase")`);
  await until('#status', new RegExp(`Record ${record} is erased`), 'the erasure to be included');
  const [view] = await chain.api.apis.RecordsApi.records_of(patient.patientId, record, 1, { at: 'best' });
  assert.equal(view.status.type, 'Erased', 'the chain marks the record erased');
  assert.match(await textOf(`#records-table tr[data-record="${record}"]`), /erased/);
});

test('after a reload the keys are still in the browser, locked: a wrong passphrase is refused', async () => {
  await page.reload();
  await waitFor(() => page.isVisible('#unlock'), 'the unlock screen after the reload');
  assert.equal(await textOf('#unlock-address'), patient.address);
  await checkScreen('unlock');
  await page.fill('#unlock-passphrase', 'not the passphrase');
  await page.click('#unlock-form button[type=submit]');
  await until('#problem-what', /does not unlock/, 'the refusal of a wrong passphrase');
  await page.fill('#unlock-passphrase', PASSPHRASE);
  await page.click('#unlock-form button[type=submit]');
  await waitFor(() => page.isVisible('#app'), 'the portal to open with the right passphrase');
  assert.equal(await textOf('#patient-id'), patient.patientId, 'the same patient after the reload');
  await until('#registration', /^Registered/, 'the overview after unlocking');
  await checkScreen('overview');
});

test('on another device the recovery phrase restores the same patient', async () => {
  const other = await browser.browser.newContext();
  const second = await other.newPage();
  second.on('pageerror', (e) => browser.problems.push(`page error (second device): ${e.message}`));
  try {
    await second.goto(server.url);
    await waitFor(() => second.isVisible('#onboard'), 'onboarding on a browser without keys');
    await second.click('#restore-keys');
    await second.fill('#restore-phrase', `  ${patient.phrase.toUpperCase().replaceAll(' ', '   ')} `);
    await second.fill('#passphrase', 'another device passphrase');
    await second.fill('#passphrase-again', 'another device passphrase');
    await second.click('#keys-form button[type=submit]');
    await waitFor(() => second.isVisible('#app'), 'the portal to open with the restored keys');
    assert.equal(await second.textContent('#patient-id'), patient.patientId, 'the same patient id from the phrase');
    await waitFor(async () => /^Registered/.test((await second.textContent('#registration')) ?? ''), 'the restored patient to show as registered');
  } finally {
    await other.close();
  }
});

test('no page error and no Content-Security-Policy violation on any screen', () => {
  assert.deepEqual(browser.problems, []);
});
