// The read-path harness: how fast a Medchain node answers the reads an EHR and a pharmacy make
// all day, `ConsentApi.check_access` and `ProvenanceApi.verify_unit`, over WebSocket JSON-RPC.
//
//   node e2e/load/read.mjs <medchain-node>       (`./scripts/load.sh read` builds a release node)
//
// 1. Starts a dev node with the RPC limits docs/operators.md gives a dedicated read node.
// 2. Fills it with a population built by ordinary signed transactions: MEDCHAIN_READ_PATIENTS
//    patients (default 100,000; each controller account controls MEDCHAIN_READ_PER_CONTROLLER of
//    them), MEDCHAIN_READ_CONSENTS consents each (default 3: the hospital, one of its
//    physicians, the laboratory), MEDCHAIN_READ_UNITS commissioned units (default 1,000,000, in
//    lots of 10,000), of which MEDCHAIN_READ_PACKED (default 10,000) are packed ten to a case.
// 3. For each concurrency in MEDCHAIN_READ_CONCURRENCY (default 1,16,64) and each read, runs
//    that many WebSocket connections, each with one request in flight, for MEDCHAIN_READ_SECONDS
//    (default 20): requests per second, latency p50/p95/p99, and the node's CPU time per request
//    (from /proc). First on an idle chain, then while a write load keeps every block full.
// 4. Checks the generator: `system_version` at the same concurrency shows what the generator and
//    the RPC layer alone can do, and the generator's own CPU use is reported with each row.
//
// Results: a Markdown table on stdout; with MEDCHAIN_LOAD_OUT=<file>, the figures as JSON. With
// MEDCHAIN_READ_KEEP=<dir> (load.sh sets it), the populated chain is kept there after a run that
// built it: the node's base path in <dir>/chain and the raw spec of its genesis in
// <dir>/spec.json (what `./scripts/bench.sh storage` measures the database on).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, renameSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Keyring } from '@polkadot/keyring';
import { compactAddLength, u8aToHex, u8aConcat, numberToU8a, stringToU8a } from '@polkadot/util';
import { blake2AsHex, blake2AsU8a, cryptoWaitReady, decodeAddress } from '@polkadot/util-crypto';
import WebSocket from 'ws';
import { startDevNode, submit } from '../lib/node.mjs';
import { patientIdFor } from '../lib/patient.mjs';

const env = process.env;
const int = (v, d) => (v === undefined || v === '' ? d : Number.parseInt(v, 10));
const binary = env.MEDCHAIN_NODE_BIN || process.argv[2];
if (!binary) {
  console.error('usage: node e2e/load/read.mjs path/to/medchain-node');
  process.exit(2);
}
const PATIENTS = int(env.MEDCHAIN_READ_PATIENTS, 100_000);
const PER_CONTROLLER = int(env.MEDCHAIN_READ_PER_CONTROLLER, 1_000);
const CONSENTS = Math.min(3, int(env.MEDCHAIN_READ_CONSENTS, 3));
const UNITS = int(env.MEDCHAIN_READ_UNITS, 1_000_000);
const PACKED = Math.min(int(env.MEDCHAIN_READ_PACKED, 10_000), UNITS);
const SECONDS = int(env.MEDCHAIN_READ_SECONDS, 20);
const CONCURRENCY = (env.MEDCHAIN_READ_CONCURRENCY ?? '1,16,64').split(',').map(Number);
const IN_FLIGHT = int(env.MEDCHAIN_LOAD_IN_FLIGHT, 256);

// The development preset's consortium.
const HOSPITAL = 0;
const LAB = 2;
const MANUFACTURER = 3;
const GTIN = '00614141999996';
const EXPIRY = '301231';
const LOT_SIZE = 10_000;
const PER_CALL = 1_000; // the runtime's MaxSerialsPerCall
const CASE_SIZE = 10;
const STAFF = 16;

const say = (msg) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function expectOk(what, { error }) {
  if (error) throw new Error(`${what}: ${JSON.stringify(error)}`);
}

/** Sends every transaction in `txs` (built lazily) signed by `signer`, `window` in flight. */
async function sendAll(api, signer, count, build, what, window = 64) {
  let nonce = (await api.rpc.system.accountNextIndex(signer.address)).toNumber();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const r = await submit(api, build(i), signer, { nonce: nonce++ });
      expectOk(`${what} ${i}`, r);
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, count) }, worker));
}

/**
 * How many calls like `tx` fit in one utility batch: a third of the most weight one transaction
 * may have, by the call's own weight (so the batch sizes follow the runtime's weights).
 */
async function fitting(api, tx, signer, most) {
  const info = await tx.paymentInfo(signer);
  const max = api.consts.system.blockWeights.perClass.normal.maxExtrinsic.unwrap().refTime.toBigInt();
  return Math.max(1, Math.min(most, Number(max / 3n / info.weight.refTime.toBigInt())));
}

/** The GS1 check digit of `digits` (weights 3 and 1 from the right). */
function checkDigit(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48;
    sum += d * (i % 2 === 0 ? 3 : 1);
  }
  return String((10 - (sum % 10)) % 10);
}

const serialOf = (n) => `R${String(n).padStart(9, '0')}`;
const lotOf = (n) => `RL${Math.floor(n / LOT_SIZE)}`;
const ssccOf = (n) => { const body = `00614141${String(n).padStart(9, '0')}`; return body + checkDigit(body); };

/** Percentile `p` (0–100) of sorted numbers. */
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Node CPU time (ms) of process `pid`, user + system. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in ticks of 10 ms
}

/**
 * Runs `concurrency` WebSocket connections, each with one request in flight, for `seconds`:
 * `next()` gives each request's [method, params]. Returns throughput, latencies and CPU.
 */
async function closedLoop(url, pid, concurrency, seconds, next) {
  const sockets = await Promise.all(Array.from({ length: concurrency }, () => new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  })));
  const latencies = [];
  let errors = 0;
  const firstError = [];
  const node0 = cpuMs(pid);
  const gen0 = process.cpuUsage();
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(sockets.map((ws, c) => new Promise((resolve) => {
    let id = 0;
    let sentAt = 0;
    const send = () => {
      if (performance.now() >= end) { resolve(); return; }
      const [method, params] = next();
      sentAt = performance.now();
      ws.send(JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }));
    };
    ws.on('message', (data) => {
      latencies.push(performance.now() - sentAt);
      const reply = JSON.parse(data.toString());
      if (reply.error) { errors += 1; if (firstError.length < 3) firstError.push(reply.error.message); }
      send();
    });
    send();
  })));
  const wall = (performance.now() - t0) / 1000;
  const nodeCpu = cpuMs(pid) - node0;
  const gen = process.cpuUsage(gen0);
  for (const ws of sockets) ws.close();
  latencies.sort((a, b) => a - b);
  return {
    concurrency, requests: latencies.length, errors, firstError, seconds: wall,
    perSecond: latencies.length / wall,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99),
    nodeCpuMsPerRequest: nodeCpu / latencies.length, nodeCores: nodeCpu / 1000 / wall,
    generatorCores: (gen.user + gen.system) / 1e6 / wall,
  };
}

export async function main() {
  await cryptoWaitReady();
  const started = Date.now();
  // A dedicated read node's settings (docs/operators.md), and a deep pool for the write load.
  const node = await startDevNode(binary, {
    extraArgs: ['--pool-limit', '300000', '--pool-kbytes', '1000000', '--rpc-max-request-size', '64',
      '--rpc-max-subscriptions-per-connection', '4096', '--rpc-message-buffer-capacity-per-connection', '16384',
      '--max-runtime-instances', '32', '--trie-cache-size', String(1 << 30)],
  });
  const { api } = node;
  const url = `ws://127.0.0.1:${node.rpcPort}`;
  say(`node up on ${url} (log: ${node.logFile})`);
  const results = { population: {}, reads: [] };
  try {
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const alice = keyring.addFromUri('//Alice'); // sudo, admin of the hospital
    const dave = keyring.addFromUri('//Dave');   // admin of the manufacturer
    const staff = Array.from({ length: STAFF }, (_, i) => keyring.addFromUri(`//read//hospital//${i}`));
    const makers = Array.from({ length: 4 }, (_, i) => keyring.addFromUri(`//read//manufacturer//${i}`));
    const controllers = Array.from({ length: Math.ceil(PATIENTS / PER_CONTROLLER) }, (_, i) => keyring.addFromUri(`//read//controller//${i}`));
    const writers = Array.from({ length: 256 }, (_, i) => keyring.addFromUri(`//read//writer//${i}`));
    const t = Date.now();

    // --- the population ------------------------------------------------------------------
    const { data: { free } } = await api.query.system.account(alice.address);
    const all = [...staff, ...makers, ...controllers, ...writers];
    // The manufacturers hold the deposits of every commissioned unit (a quarter of the sudo
    // account's funds between them); the others share another quarter.
    const each = free.toBigInt() / BigInt(4 * all.length);
    const share = (p) => (makers.includes(p) ? free.toBigInt() / BigInt(4 * makers.length) : each);
    say(`funding ${all.length} accounts`);
    await sendAll(api, alice, Math.ceil(all.length / 256), (i) => api.tx.utility.batchAll(
      all.slice(i * 256, (i + 1) * 256).map((p) => api.tx.balances.transferKeepAlive(p.address, share(p)))), 'funding');
    say('practitioners');
    const licence = (p) => blake2AsHex(`licence/${p.address}`);
    await sendAll(api, alice, 1, () => api.tx.utility.batchAll(staff.map((p) =>
      api.tx.consortium.addPractitioner(HOSPITAL, p.address, 'Physician', licence(p), null))), 'staff');
    await sendAll(api, dave, 1, () => api.tx.utility.batchAll(makers.map((p) =>
      api.tx.consortium.addPractitioner(MANUFACTURER, p.address, 'Administrator', licence(p), null))), 'makers');
    await Promise.all([...staff.map((p) => [p, HOSPITAL]), ...makers.map((p) => [p, MANUFACTURER])].map(([p, org]) =>
      submit(api, api.tx.consortium.acceptPractitionerInvitation(org), p).then((r) => expectOk('accept', r))));

    // Patients: ids derived from their controller and a key of their own.
    const patients = Array.from({ length: PATIENTS }, (_, n) => {
      const controller = controllers[Math.floor(n / PER_CONTROLLER)];
      const key = u8aToHex(blake2AsU8a(u8aConcat(decodeAddress(controller.address), numberToU8a(n, 32))));
      return { id: patientIdFor(controller.address, key), key, controller };
    });
    const REG = await fitting(api, api.tx.patientIdentity.registerPatientFor(patients[0].id, patients[0].controller.address, patients[0].key), staff[0], 500);
    say(`registering ${PATIENTS} patients, ${REG} per transaction`);
    await Promise.all(staff.map((registrar, s) => {
      const chunks = [];
      for (let c = s * REG; c < PATIENTS; c += STAFF * REG) chunks.push(c);
      return sendAll(api, registrar, chunks.length, (i) => api.tx.utility.batchAll(patients.slice(chunks[i], chunks[i] + REG)
        .map((p) => api.tx.patientIdentity.registerPatientFor(p.id, p.controller.address, p.key))), 'patients', 8);
    }));
    results.population.patientsSeconds = (Date.now() - t) / 1000;

    say(`granting ${CONSENTS} consents to each patient`);
    const t1 = Date.now();
    // The `which`-th consent of patient `n` (of the three).
    const grant = (n, which) => {
      const { id } = patients[n];
      switch (which) {
        case 0: return api.tx.consent.grantConsent(id, { Organization: HOSPITAL }, 'Permit', ['Read'], ['LabResults', 'Vitals'], ['Treatment'], null, null, null);
        case 1: return api.tx.consent.grantConsent(id, { Practitioner: staff[n % STAFF].address }, 'Permit', ['Read'], ['Imaging'], ['Treatment'], null, null, null);
        default: return api.tx.consent.grantConsent(id, { Organization: LAB }, 'Permit', ['Write'], ['LabResults'], ['Treatment'], null, null, null);
      }
    };
    const GRANT_BATCH = await fitting(api, grant(0, 0), controllers[0], 100);
    // Each batch's calls are made when it is sent: making all 300,000 up front would hold the
    // event loop longer than the RPC client's timeout.
    await Promise.all(controllers.map((controller, c) => {
      const first = c * PER_CONTROLLER;
      const count = Math.max(0, Math.min(PER_CONTROLLER, PATIENTS - first)) * CONSENTS;
      return sendAll(api, controller, Math.ceil(count / GRANT_BATCH), (i) => {
        const calls = [];
        for (let j = i * GRANT_BATCH; j < Math.min(count, (i + 1) * GRANT_BATCH); j++) {
          calls.push(grant(first + Math.floor(j / CONSENTS), j % CONSENTS));
        }
        return api.tx.utility.batchAll(calls);
      }, 'consents', 8);
    }));
    results.population.consentsSeconds = (Date.now() - t1) / 1000;

    say(`commissioning ${UNITS} units, packing ${PACKED} into cases of ${CASE_SIZE}`);
    const t2 = Date.now();
    expectOk('product', await submit(api, api.tx.drugProvenance.registerProduct(GTIN, 'Read-path test product'), makers[0]));
    const perCall = await fitting(api, api.tx.drugProvenance.commissionUnits(GTIN, lotOf(0), EXPIRY, [serialOf(0)]), makers[0], PER_CALL);
    say(`  ${perCall} units per commissioning call`);
    const calls = [];
    // A lot never straddles two calls' serials: calls start at multiples of perCall within it.
    for (let lot = 0; lot < UNITS; lot += LOT_SIZE) {
      for (let n = lot; n < Math.min(lot + LOT_SIZE, UNITS); n += perCall) calls.push([n, Math.min(perCall, lot + LOT_SIZE - n, UNITS - n)]);
    }
    await Promise.all(makers.map((maker, m) => {
      const mine = calls.filter((_, i) => i % makers.length === m);
      return sendAll(api, maker, mine.length, (i) => {
        const [from, count] = mine[i];
        const serials = Array.from({ length: count }, (_, k) => serialOf(from + k));
        return api.tx.drugProvenance.commissionUnits(GTIN, lotOf(from), EXPIRY, serials);
      }, 'commission', 16);
    }));
    const cases = Math.floor(PACKED / CASE_SIZE);
    await Promise.all(makers.map((maker, m) => {
      const mine = Array.from({ length: cases }, (_, c) => c).filter((c) => c % makers.length === m);
      // Ten consecutive serials: one lot. The manufacturer holds them all, whoever packs.
      return sendAll(api, maker, mine.length, (i) => {
        const first = mine[i] * CASE_SIZE;
        return api.tx.drugProvenance.pack(ssccOf(mine[i]), Array.from({ length: CASE_SIZE }, (_, k) =>
          ({ Unit: { gtin: GTIN, serial: serialOf(first + k) } })));
      }, 'pack', 16);
    }));
    results.population = {
      ...results.population, patients: PATIENTS, consents: PATIENTS * CONSENTS, units: UNITS, packedUnits: cases * CASE_SIZE,
      unitsSeconds: (Date.now() - t2) / 1000, seconds: (Date.now() - t) / 1000,
      block: (await api.rpc.chain.getHeader()).number.toNumber(),
    };
    say(`population ready in ${results.population.seconds.toFixed(0)} s at block #${results.population.block}`);

    // --- the reads -------------------------------------------------------------------------
    const enumIndex = (type, value) => api.createType(type, value).toU8a();
    const [, , actionT, categoryT, purposeT] = api.call.consentApi.checkAccess.meta.params.map((p) => p.type.toString());
    const categories = ['LabResults', 'Vitals', 'Imaging', 'MentalHealth'].map((c) => enumIndex(categoryT, c));
    const read = enumIndex(actionT, 'Read');
    const treatment = enumIndex(purposeT, 'Treatment');
    // xorshift32, fixed seed: the same requests every run.
    let seed = 0x9e3779b9;
    const rand = (n) => {
      seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
      return seed % n;
    };
    const checkAccess = () => {
      const p = patients[rand(PATIENTS)];
      const accessor = decodeAddress(staff[rand(STAFF)].address);
      const args = u8aConcat(p.id, accessor, read, categories[rand(categories.length)], treatment);
      return ['state_call', ['ConsentApi_check_access', u8aToHex(args)]];
    };
    const bytes = (s) => compactAddLength(stringToU8a(s));
    const verifyUnit = () => {
      // Nine in ten scans are of commissioned packs (one in ten of them packed in a case), one
      // in ten of a serial nobody commissioned.
      const n = rand(10) === 0 ? UNITS + rand(UNITS) : (rand(10) === 0 ? rand(cases * CASE_SIZE) : rand(UNITS));
      const args = u8aConcat(bytes(GTIN), bytes(serialOf(n)), bytes(lotOf(Math.min(n, UNITS - 1))), bytes(EXPIRY));
      return ['state_call', ['ProvenanceApi_verify_unit', u8aToHex(args)]];
    };
    const version = () => ['system_version', []];
    // A sample of the answers, decoded, to see the mix is what it should be.
    const sample = async (make, type, n = 200) => {
      const seen = {};
      for (let i = 0; i < n; i++) {
        const [, params] = make();
        const raw = await api.rpc.state.call(params[0], params[1]);
        const answer = api.createType(type, raw);
        const kind = answer.isDeny ? `Deny ${answer.asDeny.reason.type}` : answer.type;
        seen[kind] = (seen[kind] ?? 0) + 1;
      }
      return seen;
    };
    const returnOf = (call) => call.meta.type.toString();
    results.answers = {
      check_access: await sample(checkAccess, returnOf(api.call.consentApi.checkAccess)),
      verify_unit: await sample(verifyUnit, returnOf(api.call.provenanceApi.verifyUnit)),
    };
    say(`answer mix: ${JSON.stringify(results.answers)}`);

    const reads = [['system_version (RPC ceiling)', version], ['ConsentApi.check_access', checkAccess], ['ProvenanceApi.verify_unit', verifyUnit]];
    const measure = async (chain) => {
      for (const c of CONCURRENCY) {
        for (const [name, make] of reads) {
          const r = await closedLoop(url, node.pid, c, SECONDS, make);
          results.reads.push({ chain, read: name, ...r });
          say(`${chain}, ${name}, concurrency ${c}: ${r.perSecond.toFixed(0)}/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, ` +
            `node ${r.nodeCpuMsPerRequest.toFixed(3)} ms CPU each (${r.nodeCores.toFixed(2)} cores), generator ${r.generatorCores.toFixed(2)} cores` +
            (r.errors ? `, ${r.errors} errors: ${r.firstError.join('; ')}` : ''));
        }
      }
    };
    await measure('idle');

    // The write load: remarks from 256 senders, submitted as fast as the pool takes them, so
    // that every block is full while the reads run.
    const perRun = CONCURRENCY.length * reads.length * (SECONDS + 2);
    const blocksNeeded = Math.ceil(perRun / 6) + 4;
    const perBlock = 4_000;
    const perSender = Math.ceil((blocksNeeded * perBlock) / writers.length);
    say(`signing ${perSender * writers.length} remarks for the saturated runs`);
    const signOptions = (nonce) => ({
      blockHash: api.genesisHash, genesisHash: api.genesisHash, era: api.registry.createType('ExtrinsicEra'),
      nonce, runtimeVersion: api.runtimeVersion, signedExtensions: api.registry.signedExtensions, version: api.extrinsicType,
    });
    const nonces = await Promise.all(writers.map((w) => api.rpc.system.accountNextIndex(w.address).then((n) => n.toNumber())));
    const hexes = [];
    for (let k = 0; k < perSender; k++) {
      for (let i = 0; i < writers.length; i++) {
        hexes.push(api.tx.system.remark(u8aToHex(blake2AsU8a(u8aConcat(numberToU8a(i, 32), numberToU8a(k, 32))))).sign(writers[i], signOptions(nonces[i] + k)).toHex());
      }
      // Signing holds the event loop: let the connections answer the node's pings meanwhile,
      // or the node closes them during a long signing run.
      await new Promise((r) => setImmediate(r));
    }
    const submitter = new WebSocket(url, { perMessageDeflate: false });
    await new Promise((r) => submitter.once('open', r));
    let sent = 0;
    let answered = 0;
    submitter.on('message', () => { answered += 1; if (sent < hexes.length) push(); });
    const push = () => { submitter.send(JSON.stringify({ jsonrpc: '2.0', id: sent, method: 'author_submitExtrinsic', params: [hexes[sent]] })); sent += 1; };
    for (let i = 0; i < IN_FLIGHT && sent < hexes.length; i++) push();
    // Saturated once the pool holds two blocks' worth and a block has been built since; the
    // fill of every block during the runs is reported.
    const deepAt = Date.now() + 120_000;
    while (answered < Math.min(hexes.length, 2 * perBlock)) {
      if (Date.now() > deepAt) throw new Error(`the pool took only ${answered} remarks in 120 s`);
      await sleep(500);
    }
    const deep = (await api.rpc.chain.getHeader()).number.toNumber();
    while ((await api.rpc.chain.getHeader()).number.toNumber() <= deep) await sleep(500);
    const fill0 = (await api.rpc.chain.getHeader()).number.toNumber();
    await measure('saturated');
    const fill1 = (await api.rpc.chain.getHeader()).number.toNumber();
    const fills = [];
    for (let b = fill0 + 1; b <= fill1; b++) {
      const hash = await api.rpc.chain.getBlockHash(b);
      const w = await api.query.system.blockWeight.at(hash);
      fills.push(Number((w.normal.refTime.toBigInt() * 1000n) / api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime.toBigInt()) / 10);
    }
    results.saturation = { blocks: [fill0 + 1, fill1], fillPercent: fills, submitted: answered };
    say(`saturated runs spanned blocks #${fill0 + 1}–#${fill1}, normal-class fill ${Math.min(...fills)}–${Math.max(...fills)} %`);
    submitter.close();
    results.wasmInstancesRanOut = readFileSync(node.logFile, 'utf8').includes('ran out of wasm instances');
  } catch (e) {
    console.error(`read run failed: ${e?.stack ?? e}`);
    // A population that took half an hour is kept even when a measurement fails.
    await stopKeeping(node, results.population.block !== undefined);
    return 1;
  }
  await stopKeeping(node, true);
  report(results, (Date.now() - started) / 1000);
  if (env.MEDCHAIN_LOAD_OUT) writeFileSync(env.MEDCHAIN_LOAD_OUT, `${JSON.stringify(results, null, 2)}\n`);
  const failed = results.reads.some((r) => r.errors > 0) || results.wasmInstancesRanOut;
  return failed ? 1 : 0;
}

/** Stops the node; with MEDCHAIN_READ_KEEP and a `built` population, keeps its chain there. */
async function stopKeeping(node, built) {
  const dir = built ? env.MEDCHAIN_READ_KEEP : undefined;
  await node.stop({ keep: Boolean(dir) });
  if (dir) keepChain(node, dir);
}

/** Moves the stopped node's chain to `dir` (replacing what was there), with its raw spec. */
function keepChain(node, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  renameSync(join(node.basePath, 'chain'), join(dir, 'chain'));
  writeFileSync(join(dir, 'spec.json'), execFileSync(binary, ['build-spec', '--chain', 'dev', '--raw'], { maxBuffer: 1 << 28 }));
  if (!env.MEDCHAIN_E2E_KEEP) rmSync(node.basePath, { recursive: true, force: true });
  say(`the populated chain is kept in ${dir}`);
}

function report(results, seconds) {
  const p = results.population;
  console.log(`\nMedchain read run: ${p.patients} patients with ${p.consents} consents, ${p.units} units (${p.packedUnits} in cases), ` +
    `built in ${p.seconds.toFixed(0)} s; ${cpus().length} cores, ${seconds.toFixed(0)} s in all.`);
  console.log(`Answer mix of 200 sampled requests each: ${JSON.stringify(results.answers)}.\n`);
  console.log('| chain | read | concurrency | requests / s | p50 | p95 | p99 | node CPU / request | node cores | generator cores | errors |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results.reads) {
    console.log(`| ${r.chain} | ${r.read} | ${r.concurrency} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(2)} ms | ${r.p95.toFixed(2)} ms | ` +
      `${r.p99.toFixed(2)} ms | ${r.nodeCpuMsPerRequest.toFixed(3)} ms | ${r.nodeCores.toFixed(2)} | ${r.generatorCores.toFixed(2)} | ${r.errors} |`);
  }
  if (results.saturation) {
    const f = results.saturation.fillPercent;
    console.log(`\nSaturated runs: blocks #${results.saturation.blocks[0]}–#${results.saturation.blocks[1]}, normal-class weight ${Math.min(...f)}–${Math.max(...f)} % full.`);
  }
  console.log(`"ran out of wasm instances" in the node log: ${results.wasmInstancesRanOut ? 'yes' : 'no'}.`);
}

process.exitCode = await main();
process.exit();
