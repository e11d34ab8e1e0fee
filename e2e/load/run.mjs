// The load harness: saturation throughput of a Medchain dev node, per kind of transaction, each
// also as a ratio to `system.remark` measured in the same run on the same node.
//
//   node e2e/load/run.mjs <medchain-node>      (scripts/load.sh builds a release node and runs this)
//
// For each workload it pre-signs enough transactions from many accounts (MEDCHAIN_LOAD_SENDERS,
// default 1,024) to keep blocks full for the measured window, submits them as fast as the node
// accepts them, and then reads the chain: a block counts as saturated when the pool still held
// more of the workload's transactions than the block took (so the block, not the supply, was the
// limit). Throughput is the transactions of the first MEDCHAIN_LOAD_WINDOW (default 5) saturated
// blocks in a row over the time those blocks span (their timestamps). It also times the
// medchain-merkle batch tool on 2^20 leaves. Results: a Markdown table on stdout and, with
// MEDCHAIN_LOAD_OUT=<file>, the same figures as JSON.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex, numberToU8a, u8aConcat, stringToU8a } from '@polkadot/util';
import { blake2AsHex, blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { startDevNode, submit } from '../lib/node.mjs';
import { patientIdFor } from '../lib/patient.mjs';

const env = process.env;
const int = (v, d) => (v === undefined || v === '' ? d : Number.parseInt(v, 10));
const binary = env.MEDCHAIN_NODE_BIN || process.argv[2];
if (!binary) {
  console.error('usage: node e2e/load/run.mjs path/to/medchain-node');
  process.exit(2);
}
const SENDERS = int(env.MEDCHAIN_LOAD_SENDERS, 1024);
const WINDOW = int(env.MEDCHAIN_LOAD_WINDOW, 5);
const ONLY = env.MEDCHAIN_LOAD_ONLY ? env.MEDCHAIN_LOAD_ONLY.split(',') : null;
const IN_FLIGHT = int(env.MEDCHAIN_LOAD_IN_FLIGHT, 512);
const MERKLE_BIN = env.MEDCHAIN_MERKLE_BIN || join(dirname(binary), 'medchain-merkle');

// Demo consortium of the development preset.
const HOSPITAL = 0;
const MANUFACTURER = 3;
const WHOLESALER = 4;
const GTIN = '00614141999996';
const EXPIRY = '301231';
const LEAVES = 1 << 20;

const say = (msg) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function expectOk(what, { error }) {
  if (error) throw new Error(`${what}: ${JSON.stringify(error)}`);
}

/** Runs `calls` as utility.batchAll chunks signed by `signer`, all chunks in flight at once. */
async function batched(api, signer, calls, chunk, what) {
  let nonce = (await api.rpc.system.accountNextIndex(signer.address)).toNumber();
  const pending = [];
  for (let i = 0; i < calls.length; i += chunk) {
    pending.push(submit(api, api.tx.utility.batchAll(calls.slice(i, i + chunk)), signer, { nonce: nonce++ })
      .then((r) => expectOk(what, r)));
  }
  await Promise.all(pending);
}

/** A raw JSON-RPC submitter: `author_submitExtrinsic` for every hex, at most IN_FLIGHT at once. */
async function submitAll(provider, hexes, onAccepted) {
  let next = 0;
  let accepted = 0;
  const refusals = new Map();
  const worker = async () => {
    while (next < hexes.length) {
      const hex = hexes[next++];
      try {
        await provider.send('author_submitExtrinsic', [hex]);
        accepted += 1;
        onAccepted(accepted);
      } catch (e) {
        const key = String(e?.message ?? e).slice(0, 120);
        refusals.set(key, (refusals.get(key) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return { accepted, refusals };
}

async function blockAt(api, number) {
  const hash = await api.rpc.chain.getBlockHash(number);
  const [signed, weight] = await Promise.all([
    api.rpc.chain.getBlock(hash),
    api.query.system.blockWeight.at(hash),
  ]);
  const exts = signed.block.extrinsics;
  const set = exts.find((x) => x.method.section === 'timestamp' && x.method.method === 'set');
  return { number, hash, extrinsics: exts, timestamp: set.method.args[0].toNumber(), normalWeight: weight.normal.refTime.toBigInt() };
}

export async function main() {
  await cryptoWaitReady();
  const started = Date.now();
  // A deep pool, so the supply never limits a block; a long RPC queue for the submitter.
  const node = await startDevNode(binary, {
    // Archive state, so that `benchmark block` can re-execute the measured blocks afterwards.
    extraArgs: ['--state-pruning', 'archive', '--pool-limit', '300000', '--pool-kbytes', '1000000', '--rpc-max-request-size', '64',
      '--rpc-max-subscriptions-per-connection', '4096', '--rpc-message-buffer-capacity-per-connection', '16384'],
  });
  const { api } = node;
  say(`node up on ws://127.0.0.1:${node.rpcPort} (log: ${node.logFile})`);
  const results = {};
  try {
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const alice = keyring.addFromUri('//Alice'); // sudo, admin of the hospital
    const dave = keyring.addFromUri('//Dave');   // admin of the manufacturer
    const derive = (set) => Array.from({ length: SENDERS }, (_, i) => keyring.addFromUri(`//load//${set}//${i}`));
    say(`deriving ${3 * SENDERS} sender accounts`);
    const staff = derive('hospital');       // practitioners of the hospital
    const makers = derive('manufacturer');  // practitioners of the manufacturer
    const patients = derive('patient');     // each controls a patient id

    const maxNormal = api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
    const baseExtrinsic = api.consts.system.blockWeights.perClass.normal.baseExtrinsic.refTime.toBigInt();
    const maxLength = api.consts.system.blockLength.max.normal.toNumber();
    const slotMs = api.consts.timestamp.minimumPeriod.toNumber() * 2;

    // --- set-up: funds, practitioners, patients, consents, products -------------------------
    const { data: { free } } = await api.query.system.account(alice.address);
    const each = free.toBigInt() / BigInt(4 * 3 * SENDERS);
    say(`funding ${3 * SENDERS} senders with ${each} each`);
    const all = [...staff, ...makers, ...patients];
    await batched(api, alice, all.map((p) => api.tx.balances.transferKeepAlive(p.address, each)), 256, 'funding');
    say('registering practitioners');
    const licence = (p) => blake2AsHex(`licence/${p.address}`);
    await Promise.all([
      batched(api, alice, staff.map((p) => api.tx.consortium.addPractitioner(HOSPITAL, p.address, 'Physician', licence(p), null)), 256, 'hospital staff'),
      batched(api, dave, makers.map((p) => api.tx.consortium.addPractitioner(MANUFACTURER, p.address, 'Administrator', licence(p), null)), 256, 'manufacturer staff'),
    ]);
    // An account becomes a practitioner only when it accepts the invitation.
    say('practitioners accept their invitations');
    const accept = (ps, org, what) => Promise.all(ps.map((p) =>
      submit(api, api.tx.consortium.acceptPractitionerInvitation(org), p).then((r) => expectOk(what, r))));
    await Promise.all([
      accept(staff, HOSPITAL, 'hospital staff accept'),
      accept(makers, MANUFACTURER, 'manufacturer staff accept'),
    ]);
    say('registering patients and the records consent');
    // Derived ids (AUDIT L-2): blake2-256 of the controller and its first key.
    const patientKeys = patients.map((p) => blake2AsHex(p.publicKey));
    const patientIds = patients.map((p, i) => patientIdFor(p.address, patientKeys[i]));
    await batched(api, staff[0], patients.map((p, i) => api.tx.patientIdentity.registerPatientFor(patientIds[i], p.address, patientKeys[i])), 256, 'patients');
    const recordsPatient = patientIds[0];
    expectOk('records consent', await submit(api, api.tx.consent.grantConsent(
      recordsPatient, { Organization: HOSPITAL }, 'Permit', ['Write'], ['LabResults'], ['Treatment'], null, null, null), patients[0]));
    expectOk('product', await submit(api, api.tx.drugProvenance.registerProduct(GTIN, 'Load test product'), makers[0]));

    // --- workloads -------------------------------------------------------------------------
    let readable = []; // the record of each patient, for the access-logging workload
    const remarkBytes = (i, k) => blake2AsU8a(u8aConcat(numberToU8a(i, 32), numberToU8a(k, 32)));
    const serial = (i, k) => `LD${String(i).padStart(5, '0')}N${String(k).padStart(6, '0')}`;
    const workloads = [
      { name: 'system.remark (32 B)', key: 'remark', section: 'system', method: 'remark', senders: staff,
        tx: (i, k) => api.tx.system.remark(u8aToHex(remarkBytes(i, k))) },
      { name: 'balances.transfer_keep_alive', key: 'transfer', section: 'balances', method: 'transferKeepAlive', senders: staff,
        tx: (i) => api.tx.balances.transferKeepAlive(staff[(i + 1) % SENDERS].address, 1_000_000) },
      { name: 'records.anchor_record', key: 'anchor_record', section: 'records', method: 'anchorRecord', senders: staff,
        tx: (i, k) => api.tx.records.anchorRecord(recordsPatient, 'LabResults', u8aToHex(remarkBytes(i, k)), u8aToHex(blake2AsU8a(remarkBytes(k, i), 368)), null) },
      { name: 'records.anchor_batch (2^20 leaves)', key: 'anchor_batch', section: 'records', method: 'anchorBatch', senders: staff,
        tx: (i, k) => api.tx.records.anchorBatch(u8aToHex(remarkBytes(i, k)), LEAVES, u8aToHex(remarkBytes(k, i))) },
      { name: 'consent.grant_consent', key: 'grant_consent', section: 'consent', method: 'grantConsent', senders: patients,
        perSenderMax: 250,
        tx: (i, k) => api.tx.consent.grantConsent(patientIds[i], { Practitioner: staff[(i + k) % SENDERS].address }, 'Permit',
          ['Read'], ['LabResults'], ['Treatment'], null, null, null) },
      { name: 'records.log_access_batch', key: 'log_access_batch', section: 'records', method: 'logAccessBatch', senders: staff,
        // Each transaction logs `readsPerTx` reads, each of another patient's record under the
        // patient's consent to the hospital.
        readsPerTx: api.consts.records.maxReadsPerBatch.toNumber(),
        prepareFirst: true,
        prepare: async () => {
          say('each patient consents to the hospital; the hospital anchors one record for each');
          await Promise.all(patients.map((p, i) => submit(api, api.tx.consent.grantConsent(
            patientIds[i], { Organization: HOSPITAL }, 'Permit', ['Read', 'Write'], ['LabResults'], ['Treatment'], null, null, null), p)
            .then((r) => expectOk('read consent', r))));
          await Promise.all(staff.map((p, i) => submit(api, api.tx.records.anchorRecord(
            patientIds[i], 'LabResults', u8aToHex(remarkBytes(i, 1 << 30)), u8aToHex(blake2AsU8a(remarkBytes(1 << 30, i), 368)), null), p)
            .then((r) => expectOk('record to read', r))));
          readable = await Promise.all(patientIds.map(async (patient) => {
            const [record] = await api.call.recordsApi.recordsOf(patient, 0, 1);
            return { patient, id: record.id.toNumber() };
          }));
        },
        tx: (i, k) => {
          const n = api.consts.records.maxReadsPerBatch.toNumber();
          const reads = Array.from({ length: n }, (_, j) => ({
            record: readable[(i + (k * n + j) * 7 + 1) % SENDERS], purpose: 'Treatment' }));
          return api.tx.records.logAccessBatch(reads);
        } },
      { name: 'drugProvenance.ship (1 unit)', key: 'ship', section: 'drugProvenance', method: 'ship', senders: makers,
        prepare: async (perSender) => {
          // Every shipment moves its own commissioned unit; commission them in calls of 1,000.
          const serials = [];
          for (let k = 0; k < perSender; k++) for (let i = 0; i < SENDERS; i++) serials.push(serial(i, k));
          const max = api.consts.drugProvenance.maxSerialsPerCall.toNumber();
          say(`commissioning ${serials.length} units`);
          const pending = [];
          for (let c = 0, n = 0; c < serials.length; c += max, n++) {
            const by = makers[n % SENDERS];
            pending.push(submit(api, api.tx.drugProvenance.commissionUnits(GTIN, `LOT${n}`, EXPIRY, serials.slice(c, c + max)), by)
              .then((r) => expectOk('commission', r)));
          }
          await Promise.all(pending);
        },
        tx: (i, k) => api.tx.drugProvenance.ship(WHOLESALER, [{ Unit: { gtin: GTIN, serial: serial(i, k) } }], u8aToHex(remarkBytes(i, k))) },
    ].filter((w) => !ONLY || ONLY.includes(w.key) || w.key === 'remark');

    const signOptions = (nonce) => ({
      blockHash: api.genesisHash, genesisHash: api.genesisHash, era: api.registry.createType('ExtrinsicEra'),
      nonce, runtimeVersion: api.runtimeVersion, signedExtensions: api.registry.signedExtensions, version: api.extrinsicType,
    });
    const provider = new WsProvider(`ws://127.0.0.1:${node.rpcPort}`, false, {}, 120_000);
    await provider.connect();
    await provider.isReady;

    for (const w of workloads) {
      if (w.prepareFirst) await w.prepare();
      // Per-block capacity by weight and by length, from the transaction's own weight.
      const sample = w.tx(0, 0);
      const info = await sample.paymentInfo(w.senders[0]);
      const perTx = info.weight.refTime.toBigInt() + baseExtrinsic;
      const length = sample.sign(w.senders[0], signOptions(0)).encodedLength;
      const capacity = Math.min(Number(maxNormal / perTx), Math.floor(maxLength / length));
      let perSender = Math.ceil((capacity * (WINDOW + 4) * 1.2) / SENDERS);
      if (w.perSenderMax) perSender = Math.min(perSender, w.perSenderMax);
      // A cap for trying the harness out (the blocks are then not saturated).
      if (env.MEDCHAIN_LOAD_MAX_TOTAL) perSender = Math.min(perSender, Math.max(1, Math.floor(int(env.MEDCHAIN_LOAD_MAX_TOTAL) / SENDERS)));
      const total = perSender * SENDERS;
      say(`${w.name}: ${perTx} ps and ${length} B each, about ${capacity} per block; ${total} from ${SENDERS} senders`);
      if (w.prepare && !w.prepareFirst) await w.prepare(perSender);

      const nonces = await Promise.all(w.senders.map((p) => api.rpc.system.accountNextIndex(p.address).then((n) => n.toNumber())));
      const t0 = Date.now();
      const hexes = [];
      for (let k = 0; k < perSender; k++) {
        for (let i = 0; i < SENDERS; i++) hexes.push(w.tx(i, k).sign(w.senders[i], signOptions(nonces[i] + k)).toHex());
        // Signing holds the event loop: let the connection answer the node's pings meanwhile,
        // or the node closes it after a long signing run.
        await new Promise((r) => setImmediate(r));
      }
      const signSecs = (Date.now() - t0) / 1000;
      say(`  signed ${total} in ${signSecs.toFixed(1)} s`);

      const startBlock = (await api.rpc.chain.getHeader()).number.toNumber();
      const progress = []; // [wall ms, accepted so far]
      const s0 = Date.now();
      const { accepted, refusals } = await submitAll(provider, hexes, (n) => { if (n % 500 === 0) progress.push([Date.now(), n]); });
      const s1 = Date.now();
      progress.push([s1, accepted]);
      say(`  submitted: ${accepted} accepted in ${((s1 - s0) / 1000).toFixed(1)} s${refusals.size ? `; refused: ${JSON.stringify([...refusals])}` : ''}`);

      // Follow the chain until every accepted transaction is in a block (or blocks stop taking any).
      const blocks = [];
      let included = 0;
      let idle = 0;
      let number = startBlock + 1;
      const deadline = Date.now() + 30 * slotMs * (WINDOW + 10);
      while (included < accepted && idle < 3 && Date.now() < deadline) {
        const head = (await api.rpc.chain.getHeader()).number.toNumber();
        if (head < number) { await sleep(500); continue; }
        const b = await blockAt(api, number++);
        b.count = b.extrinsics.filter((x) => x.isSigned && x.method.section === w.section && x.method.method === w.method).length;
        b.other = b.extrinsics.filter((x) => x.isSigned).length - b.count;
        b.before = included;
        included += b.count;
        idle = b.count === 0 && Date.now() > s1 ? idle + 1 : 0;
        blocks.push(b);
      }
      // Saturated: the pool held more of the workload than the block took when it was authored
      // (accepted by the block's slot start, minus what earlier blocks took).
      const acceptedBy = (ms) => progress.reduce((a, [t, n]) => (t <= ms ? n : a), 0);
      for (const b of blocks) b.saturated = b.count > 0 && acceptedBy(b.timestamp) - b.before > b.count;
      let window = null;
      for (let j = 1; j + WINDOW <= blocks.length && !window; j++) {
        const run = blocks.slice(j, j + WINDOW);
        if (run.every((b) => b.saturated)) window = { prev: blocks[j - 1], run };
      }
      const r = {
        name: w.name, readsPerTx: w.readsPerTx, perTxWeightPs: Number(perTx), lengthBytes: length, capacityPerBlock: capacity,
        submitted: total, accepted, signSeconds: signSecs, submitPerSecond: accepted / ((s1 - s0) / 1000),
        refused: Object.fromEntries(refusals), included,
        blocks: blocks.map((b) => ({ number: b.number, count: b.count, other: b.other, saturated: b.saturated, fill: Number((b.normalWeight * 1000n) / maxNormal) / 10 })),
      };
      if (window) {
        const txs = window.run.reduce((a, b) => a + b.count, 0);
        const ms = window.run[window.run.length - 1].timestamp - window.prev.timestamp;
        r.window = { from: window.run[0].number, to: window.run[window.run.length - 1].number, txs, seconds: ms / 1000 };
        r.perSecond = txs / (ms / 1000);
        r.perBlock = txs / window.run.length;
        if (w.readsPerTx) r.readsPerSecond = r.perSecond * w.readsPerTx;
        r.fill = window.run.reduce((a, b) => a + Number((b.normalWeight * 1000n) / maxNormal) / 10, 0) / window.run.length;
        say(`  ${r.perSecond.toFixed(1)} per second over blocks #${r.window.from}–#${r.window.to} (${r.perBlock.toFixed(0)} per block, weight ${r.fill.toFixed(1)}% of the normal class)`);
      } else {
        say(`  no ${WINDOW} saturated blocks in a row: ${JSON.stringify(r.blocks)}`);
      }
      results[w.key] = r;
    }
    await provider.disconnect();
  } catch (e) {
    console.error(`load run failed: ${e?.stack ?? e}`);
    await node.stop();
    return 1;
  }
  await node.stop({ keep: true });
  try {
    // Weight against time: each workload's measured blocks executed again from the database
    // (`benchmark block`): the share of its weight each block's execution took.
    for (const r of Object.values(results)) {
      if (!r.window) continue;
      say(`benchmark block: ${r.name}, blocks #${r.window.from}–#${r.window.to}`);
      // It logs its figures (to stderr).
      const run = spawnSync(binary, ['benchmark', 'block', '--dev', '--base-path', join(node.basePath, 'chain'),
        '--from', String(r.window.from), '--to', String(r.window.to), '--repeat', String(int(env.MEDCHAIN_LOAD_BLOCK_REPEAT, 3)),
        '--wasm-execution', 'compiled'], { encoding: 'utf8', maxBuffer: 64 << 20 });
      if (run.status !== 0) throw new Error(`benchmark block exited with ${run.status}: ${run.stderr.slice(-2000)}`);
      r.blockBenchmark = parseBlockBenchmark(`${run.stdout}\n${run.stderr}`);
    }
  } catch (e) {
    console.error(`benchmark block failed: ${e?.stack ?? e}`);
  } finally {
    rmSync(node.basePath, { recursive: true, force: true });
  }

  // The batch tool: a tree of 2^20 leaves, three times.
  const dir = mkdtempSync(join(tmpdir(), 'medchain-load-'));
  try {
    const file = join(dir, 'leaves.txt');
    const lines = [];
    for (let i = 0; i < LEAVES; i++) lines.push(u8aToHex(blake2AsU8a(numberToU8a(i, 32))).slice(2));
    writeFileSync(file, `${lines.join('\n')}\n`);
    const runs = [0, 1, 2].map(() => JSON.parse(execFileSync(MERKLE_BIN, ['root', file]).toString()).buildMs);
    const ms = runs.sort((a, b) => a - b)[1];
    results.merkle = { leaves: LEAVES, buildMsRuns: runs, leavesPerSecond: LEAVES / (ms / 1000) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  report(results, (Date.now() - started) / 1000);
  if (env.MEDCHAIN_LOAD_OUT) writeFileSync(env.MEDCHAIN_LOAD_OUT, `${JSON.stringify(results, null, 2)}\n`);
  const missing = Object.entries(results).filter(([k, r]) => k !== 'merkle' && r.perSecond === undefined);
  return missing.length === 0 ? 0 : 1;
}

/** The lines `Block N with K tx used P% of its weight ( T of W ns)` of `benchmark block`. */
export function parseBlockBenchmark(text) {
  const blocks = [];
  for (const m of text.matchAll(/Block (\d+) with\s+(\d+) tx used\s+([\d.]+)% of its weight \(\s*([\d,]+) of\s+([\d,]+) ns/g)) {
    blocks.push({ number: Number(m[1]), txs: Number(m[2]), percent: Number(m[3]),
      ns: Number(m[4].replaceAll(',', '')), weightNs: Number(m[5].replaceAll(',', '')) });
  }
  const percents = blocks.map((b) => b.percent).sort((a, b) => a - b);
  return { blocks, min: percents[0], median: percents[Math.floor(percents.length / 2)], max: percents[percents.length - 1] };
}

function report(results, seconds) {
  const remark = results.remark?.perSecond;
  const rows = Object.entries(results).filter(([k]) => k !== 'merkle').map(([, r]) => {
    const ratio = r.perSecond !== undefined && remark ? (r.perSecond / remark).toFixed(3) : 'n/a';
    const tps = r.perSecond !== undefined ? r.perSecond.toFixed(1) : 'not saturated';
    return `| ${r.name} | ${tps} | ${ratio} | ${r.perBlock?.toFixed(0) ?? '–'} | ${r.capacityPerBlock} | ${r.fill?.toFixed(1) ?? '–'} % | ${(r.perTxWeightPs / 1e6).toFixed(1)} µs | ${r.lengthBytes} B |`;
  });
  console.log(`\nMedchain load run: ${SENDERS} senders per workload, window of ${WINDOW} saturated blocks, ${cpus().length} cores, ${seconds.toFixed(0)} s in all.\n`);
  console.log('| transaction | included / s | × remark | per block | weight cap / block | block weight used | weight each | length |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
  const benched = Object.values(results).filter((r) => r.blockBenchmark?.blocks?.length);
  if (benched.length) {
    console.log('\n`benchmark block` of the measured blocks: the share of its weight each block\'s execution took (min / median / max).\n');
    console.log('| transaction | blocks | execution / weight |');
    console.log('|---|---:|---:|');
    for (const r of benched) {
      const b = r.blockBenchmark;
      console.log(`| ${r.name} | ${b.blocks.length} | ${b.min.toFixed(1)} / ${b.median.toFixed(1)} / ${b.max.toFixed(1)} % |`);
    }
  }
  if (results.anchor_batch?.perSecond !== undefined) {
    console.log(`\nanchor_batch commits ${(results.anchor_batch.perSecond * LEAVES / 1e6).toFixed(1)} million record hashes per second (${LEAVES} per batch).`);
  }
  if (results.log_access_batch?.readsPerSecond !== undefined) {
    console.log(`\nlog_access_batch logs ${results.log_access_batch.readsPerSecond.toFixed(1)} reads per second (${results.log_access_batch.readsPerTx} per transaction, each of another patient's record).`);
  }
  if (results.merkle) {
    console.log(`medchain-merkle builds ${(results.merkle.leavesPerSecond / 1e6).toFixed(2)} million leaves per second on one core (median of 3 builds of ${LEAVES} leaves: ${results.merkle.buildMsRuns.map((m) => m.toFixed(0)).join(', ')} ms).`);
  }
}

process.exitCode = await main();
process.exit();
