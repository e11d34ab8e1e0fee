// The read load run: a laboratory's and a clinic's gateway on a fresh dev node; PATIENTS
// patients each with one Observation written through the laboratory's gateway, consent to the
// clinic and the key shared with its physician; then READERS concurrent readers read those
// records through the clinic's gateway for SECONDS. Reports reads/s, p50/p95/p99 latency, the
// refusals and failures, and the reads logged on chain (each served read must be logged).
//
//   node test/load.mjs [SECONDS=60] [READERS=200] [PATIENTS=20]
//
// Exits non-zero if a read failed, or if fewer reads are logged on chain than were served.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as medchain from '@medchain/client';
import { LOG_DIR, gatewayConfig, setPeers, startDevNode, startGateway } from './kit.mjs';

const seconds = Number(process.argv[2] ?? 60);
const readers = Number(process.argv[3] ?? 200);
const patientCount = Number(process.argv[4] ?? 20);
const binary = process.env.MEDCHAIN_NODE_BIN;
assert.ok(binary, 'MEDCHAIN_NODE_BIN names the node to run against');
const { DEV_PHRASE } = medchain;
const registrar = medchain.accountFromPhrase(DEV_PHRASE, '//PrivacyOfficer');
const clinicPhysician = medchain.accountFromPhrase(DEV_PHRASE, '//ClinicPhysician');
const TOKENS = { lab: 'lab-technician-token-0001', clinic: 'clinic-physician-token-0001' };
const say = (msg) => process.stdout.write(`[load] ${msg}\n`);

const node = await startDevNode(binary);
const chain = medchain.connect(node.rpc);
const dir = mkdtempSync(join(tmpdir(), 'medchain-gateway-load-'));
const gw = {
  lab: await gatewayConfig(dir, { name: 'load-lab', organization: 2, rpc: node.rpc, practitioners: [{ token: TOKENS.lab, phrase: 'dev', path: '//LabTechnician' }] }),
  clinic: await gatewayConfig(dir, { name: 'load-clinic', organization: 1, rpc: node.rpc, practitioners: [{ token: TOKENS.clinic, phrase: 'dev', path: '//ClinicPhysician' }] }),
};
setPeers([gw.lab, gw.clinic]);
const procs = [];
try {
  for (const g of Object.values(gw)) procs.push(await startGateway(g));

  say(`setting up ${patientCount} patients`);
  // All registrations in one batch from the registrar: one account, one transaction, no nonce race.
  const identities = Array.from({ length: patientCount }, () => {
    const phrase = medchain.newRecoveryPhrase();
    const keys = medchain.keysFromPhrase(phrase);
    const patientId = `0x${medchain.toHex(medchain.patientIdFor(keys.account.publicKey, keys.encryptionKey))}`;
    return { phrase, keys, patientId };
  });
  const registration = await medchain.submit(
    chain.api.tx.Utility.batch_all({
      calls: identities.map(({ keys, patientId }) => chain.api.tx.PatientIdentity.register_patient_for({
        patient_id: patientId, controller: medchain.MultiAddress.Id(keys.account.address), encryption_key: `0x${medchain.toHex(keys.encryptionKey)}`,
      }).decodedCall),
    }),
    registrar.signer,
  );
  assert.equal(registration.ok, true, `registration batch: ${JSON.stringify(registration.error)}`);
  // The patients' own transactions are built at the finalized block: wait until it has them.
  const finalizedBy = Date.now() + 60_000;
  while ((await chain.client.getFinalizedBlock()).number < registration.block.number) {
    assert.ok(Date.now() < finalizedBy, `the registration block #${registration.block.number} was not finalized within 60 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
  // A few patients at a time: each set-up is four transactions and a write, and twenty fresh
  // accounts at once only slow every validation in a debug node's pool.
  const SETUP_CONCURRENCY = 4;
  const patients = [];
  for (let from = 0; from < patientCount; from += SETUP_CONCURRENCY) {
    patients.push(...await Promise.all(identities.slice(from, from + SETUP_CONCURRENCY).map(async ({ phrase, keys, patientId }, k) => {
      const i = from + k;
      const ok = async (tx, who, nonce, what = 'a set-up transaction') => {
        const inclusion = await medchain.submit(tx, who.signer, { txOptions: nonce === undefined ? {} : { nonce } }).catch((error) => {
          throw new Error(`patient ${i}: ${what}: ${error.message}`);
        });
        assert.equal(inclusion.ok, true, `patient ${i}: ${what}: ${JSON.stringify(inclusion.error)}`);
      };
      await ok(medchain.grant(chain.api, { patient: patientId, grantee: { type: 'Organization', value: 2 }, actions: ['Write'], categories: ['LabResults'], purposes: ['Treatment'] }), keys.account, undefined, 'grant to the laboratory');
      const created = await fetch(`${gw.lab.url}/Observation`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKENS.lab}`, 'content-type': 'application/fhir+json' },
        body: JSON.stringify({
          resourceType: 'Observation', status: 'final',
          category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
          code: { coding: [{ system: 'http://loinc.org', code: '2339-0' }] },
          subject: { reference: `Patient/${patientId}` }, valueQuantity: { value: 80 + i, unit: 'mg/dL' },
        }),
      });
      const text = await created.text();
      assert.equal(created.status, 201, text);
      const resource = JSON.parse(text);
      const record = { patient: patientId, id: BigInt(created.headers.get('x-medchain-record').split('/')[1]) };
      await ok(medchain.grant(chain.api, { patient: patientId, grantee: { type: 'Organization', value: 1 }, actions: ['Read'], categories: ['LabResults'], purposes: ['Treatment'] }), keys.account, undefined, 'grant to the clinic');
      const held = await medchain.patientRecordKey(chain.api, record, keys.account.address, phrase);
      await medchain.shareRecordKey(chain.api, keys.account.signer, { record, contentHash: held.contentHash, key: held.key, reader: clinicPhysician.address, purpose: 'Treatment' });
      return { patientId, id: resource.id, value: 80 + i };
    })));
    say(`  ${patients.length} of ${patientCount} patients ready`);
  }

  say(`${readers} readers for ${seconds} s through the clinic's gateway`);
  const latencies = [];
  const outcomes = new Map();
  const deadline = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: readers }, async (_, r) => {
      for (let n = 0; Date.now() < deadline; n++) {
        const target = patients[(r + n) % patients.length];
        const t0 = performance.now();
        const res = await fetch(`${gw.clinic.url}/Observation/${target.id}`, {
          headers: { authorization: `Bearer ${TOKENS.clinic}`, 'x-purpose-of-use': 'TREAT' },
        }).catch((error) => ({ status: `network: ${error.message}`, json: async () => ({}) }));
        const body = await res.json().catch(() => ({}));
        const ms = performance.now() - t0;
        const status = res.status === 200 && body.valueQuantity?.value !== target.value ? 'wrong-content' : String(res.status);
        outcomes.set(status, (outcomes.get(status) ?? 0) + 1);
        if (res.status === 200) latencies.push(ms);
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  let logged = 0;
  for (const p of patients) {
    for await (const entry of medchain.accessLog(chain.api, p.patientId)) if (entry.accessor === clinicPhysician.address) logged += 1;
  }
  const metrics = await (await fetch(`${gw.clinic.url}/metrics`)).text();
  const metric = (name) => Number(new RegExp(`^medchain_gateway_${name} (\\S+)$`, 'm').exec(metrics)?.[1] ?? NaN);
  const served = outcomes.get('200') ?? 0;
  const result = {
    seconds: elapsed,
    readers,
    patients: patientCount,
    served,
    readsPerSecond: Number((served / elapsed).toFixed(1)),
    latencyMs: { p50: Math.round(q(0.5)), p95: Math.round(q(0.95)), p99: Math.round(q(0.99)), max: Math.round(latencies.at(-1)) },
    outcomes: Object.fromEntries(outcomes),
    loggedOnChain: logged,
    logTransactions: metric('read_log_transactions_total'),
    readsPerLogTransaction: Number((metric('read_log_reads_total') / metric('read_log_transactions_total')).toFixed(1)),
    chainCallsMs: Object.fromEntries(
      ['check_access', 'record_key', 'open_record', 'log_access_batch'].map((c) => [
        c,
        { p50: Number(/([\d.]+)$/.exec(metrics.match(new RegExp(`call="${c}",quantile="0.5"} [\\d.]+`))?.[0] ?? '')?.[1]), p99: Number(/([\d.]+)$/.exec(metrics.match(new RegExp(`call="${c}",quantile="0.99"} [\\d.]+`))?.[0] ?? '')?.[1]) },
      ]),
    ),
  };
  writeFileSync(join(LOG_DIR, 'load.json'), JSON.stringify(result, null, 2));
  say(JSON.stringify(result, null, 2));
  assert.equal(served, [...outcomes.values()].reduce((a, b) => a + b, 0), `every read is served: ${JSON.stringify(result.outcomes)}`);
  assert.ok(logged >= served, `every served read is logged on chain (${logged} logged, ${served} served)`);
  say('load: 1 passed, 0 failed');
} catch (error) {
  process.exitCode = 1;
  say(`load: 0 passed, 1 failed: ${error.stack ?? error}`);
} finally {
  for (const p of procs) await p.stop();
  chain.disconnect();
  await node.stop();
}
