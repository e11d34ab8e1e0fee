// The gateway's parts that need no chain: record ids, references, purposes, outcomes, the blob
// directory and the index's states.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fhirId, parseFhirId, parsePatient, patientOf, purposeOfCode, outcome, capabilityStatement } from '../src/fhir.mjs';
import { BlobDirectory, Index } from '../src/store.mjs';
import { reconcile } from '../src/reconcile.mjs';
import { ReadLog } from '../src/chain.mjs';
import { loadConfig } from '../src/gateway.mjs';

const P = `0x${'0123456789abcdef'.repeat(4)}`;

test('a record id is 64 base32 characters that give back the patient and the record', () => {
  for (const id of [0n, 1n, 255n, 2n ** 32n, 2n ** 64n - 1n]) {
    const text = fhirId(P, id);
    assert.match(text, /^[a-z2-7]{64}$/, 'a valid FHIR id');
    assert.deepEqual(parseFhirId(text), { patient: P, id });
  }
  assert.notEqual(fhirId(P, 1n), fhirId(P, 2n));
  assert.equal(parseFhirId('8'.repeat(64)), undefined, 'not base32 (no 0, 1, 8, 9)');
  assert.equal(parseFhirId(fhirId(P, 1n).slice(1)), undefined, 'too short');
  assert.equal(parseFhirId('../etc/passwd'), undefined);
});

test('a patient comes from a reference or a Medchain identifier, nothing else', () => {
  assert.equal(parsePatient(`Patient/${P}`), P);
  assert.equal(parsePatient(P.slice(2).toUpperCase()), P);
  assert.equal(parsePatient('Patient/123'), undefined);
  assert.equal(patientOf({ subject: { reference: `Patient/${P}` } }), P);
  assert.equal(patientOf({ patient: { identifier: { system: 'urn:medchain:patient', value: P } } }), P);
  assert.equal(patientOf({ patient: { identifier: { system: 'urn:other', value: P } } }), undefined);
  assert.equal(patientOf({ subject: { reference: 'Group/1' } }), undefined);
});

test('purposes of use are HL7 ActReason codes (or the chain\'s names)', () => {
  assert.equal(purposeOfCode('TREAT'), 'Treatment');
  assert.equal(purposeOfCode('ETREAT'), 'EmergencyTreatment');
  assert.equal(purposeOfCode('HRESCH'), 'Research');
  assert.equal(purposeOfCode('EmergencyTreatment'), 'EmergencyTreatment');
  assert.equal(purposeOfCode('treat'), undefined);
  assert.equal(purposeOfCode(''), undefined);
});

test('an OperationOutcome names the gateway\'s code; the CapabilityStatement the eight types', () => {
  const o = outcome('error', 'forbidden', 'NoConsent', 'ask');
  assert.deepEqual(o.issue[0].details.coding[0], { system: 'urn:medchain:outcome', code: 'NoConsent' });
  const types = capabilityStatement({ name: 'x', organization: 1, publicUrl: 'http://h' }).rest[0].resource.map((r) => r.type);
  assert.equal(types.filter((t) => !['Consent', 'AuditEvent', 'Provenance', 'Patient'].includes(t)).length, 8);
});

test('the blob directory keeps blobs under random names and refuses URIs outside it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-blobs-'));
  const blobs = new BlobDirectory(dir, 'http://gw.example');
  const uri = await blobs.put(new Uint8Array([1, 2, 3]));
  assert.match(uri, /^http:\/\/gw\.example\/_medchain\/blobs\/[0-9a-f]{32}$/);
  assert.deepEqual(await blobs.get(uri), new Uint8Array([1, 2, 3]));
  assert.equal(await blobs.has(uri), true);
  assert.equal(blobs.fileOf('http://gw.example/_medchain/blobs/../../etc/passwd'), undefined);
  assert.equal(await blobs.read('..%2fx'), undefined);
  await assert.rejects(blobs.get('file:///etc/passwd'), /cannot fetch/);
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file is left');
  await blobs.remove(uri);
  assert.equal(await blobs.has(uri), false);
});

test('reconciliation settles sealed rows by the chain, and deletes only old stray blobs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-index-'));
  const index = new Index(join(dir, 'index.sqlite'));
  const blobs = new BlobDirectory(join(dir, 'blobs'), 'http://gw');
  const row = (hash, uri, validUntilBlock) => ({
    contentHash: hash, patient: P, resourceType: 'Observation', category: 'LabResults', author: 'author', uri,
    authorEnvelope: Buffer.from([1]), authorKeyVersion: 0, sealedAtBlock: 1, validUntilBlock,
  });
  const onChain = `0x${'aa'.repeat(32)}`;
  const lost = `0x${'bb'.repeat(32)}`;
  const pending = `0x${'cc'.repeat(32)}`;
  const uris = await Promise.all([1, 2, 3].map((n) => blobs.put(new Uint8Array([n]))));
  index.addSealed(row(onChain, uris[0], 10));
  index.addSealed(row(lost, uris[1], 10));
  index.addSealed(row(pending, uris[2], 100));
  assert.throws(() => index.addSealed(row(onChain, uris[0], 10)), /UNIQUE/, 'one row per content hash');
  const stray = await blobs.put(new Uint8Array([9]));
  const recent = await blobs.put(new Uint8Array([8]));
  const old = (Date.now() - 3_600_000) / 1000;
  utimesSync(blobs.fileOf(stray), old, old);
  // A chain with one record (content hash `onChain`, id 7) and best block 50.
  const api = {
    apis: {
      RecordsApi: {
        records_of: async (_p, from) => (from === 0n ? [{ id: 7n, content_hash: onChain, author: 'author' }] : []),
      },
    },
  };
  const client = { getBestBlocks: async () => [{ number: 50, hash: '0x' }] };
  const report = await reconcile({ api, client, index, blobs });
  assert.deepEqual(report.summary, { anchored: 1, failed: 1, inFlight: 1, orphans: 0, repaired: 0, unrepaired: 0, strays: 1 });
  assert.equal(index.byRecord(P, 7n).state, 'anchored');
  assert.equal(await blobs.has(uris[1]), false, 'the failed write\'s blob is deleted');
  assert.equal(await blobs.has(uris[2]), true, 'the write in flight keeps its blob');
  assert.equal(await blobs.has(stray), false, 'an old blob no row names is deleted');
  assert.equal(await blobs.has(recent), true, 'a recent one may belong to a write under way');
  await blobs.remove(uris[0]);
  const again = await reconcile({ api, client, index, blobs });
  assert.deepEqual(again.orphans.map((o) => o.contentHash), [onChain], 'an anchored record without its blob is an orphan');
  assert.equal(index.byRecord(P, 7n).state, 'orphan');
  index.close();
});

test('the S3 store keeps blobs as objects behind the gateway\'s own URIs', async () => {
  const { default: S3rver } = await import('s3rver');
  const { freePort } = await import('./kit.mjs');
  const port = await freePort();
  const server = new S3rver({ port, address: '127.0.0.1', silent: true, directory: mkdtempSync(join(tmpdir(), 'gw-s3-')), configureBuckets: [{ name: 'medchain-blobs' }] });
  await server.run();
  try {
    const { S3Blobs, blobStoreOf } = await import('../src/store.mjs');
    const blobs = blobStoreOf({
      publicUrl: 'http://gw.example',
      dataDir: '/nonexistent',
      blobStore: { type: 's3', endpoint: `http://127.0.0.1:${port}`, bucket: 'medchain-blobs', prefix: 'lab/', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    assert.ok(blobs instanceof S3Blobs);
    const uri = await blobs.put(new Uint8Array([7, 7, 7]));
    assert.match(uri, /^http:\/\/gw\.example\/_medchain\/blobs\/[0-9a-f]{32}$/, 'readers fetch it from the gateway');
    assert.deepEqual(await blobs.get(uri), new Uint8Array([7, 7, 7]));
    assert.equal(await blobs.has(uri), true);
    assert.deepEqual((await blobs.list()).map((b) => b.uri), [uri]);
    assert.equal(await blobs.read('0'.repeat(32)), undefined, 'a missing object is no blob');
    await blobs.remove(uri);
    assert.equal(await blobs.has(uri), false);
    assert.throws(() => blobStoreOf({ publicUrl: 'http://x', dataDir: '/tmp', blobStore: { type: 'ftp' } }), /directory" or "s3/);
  } finally {
    await server.close();
  }
});

test('the configuration names a wrong field, and the read log lingers 500 ms by default', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medchain-gateway-config-'));
  const write = (config) => {
    const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify({ name: 'Test', organization: 1, chain: 'ws://127.0.0.1:9944', practitioners: [{ token: 'a-test-token-0001', phrase: 'dev', path: '//ClinicPhysician' }], ...config }));
    return file;
  };
  assert.equal(loadConfig(write({})).readLogLingerMs, 500);
  assert.equal(loadConfig(write({ readLogLingerMs: 0 })).readLogLingerMs, 0);
  for (const bad of [-1, 5001, 2.5, '100']) {
    assert.throws(() => loadConfig(write({ readLogLingerMs: bad })), /"readLogLingerMs" must be a whole number/);
  }
  assert.throws(() => loadConfig(write({ chain: 'http://x' })), /"chain" must be a ws/);
});

test('the read log sends the reads of one linger together, and no more than a batch holds', async () => {
  const sent = [];
  class Recording extends ReadLog {
    async send(chunk) {
      sent.push(chunk.map((r) => r.record));
      for (const r of chunk) r.resolve({ number: sent.length });
    }
  }
  const log = new Recording({ maxPerTx: 4, lingerMs: 50 });
  const first = await Promise.all([1, 2, 3].map((n) => log.log(n, 'Treatment')));
  assert.deepEqual(sent, [[1, 2, 3]], 'three reads inside one linger share one transaction');
  assert.deepEqual(first.map((b) => b.number), [1, 1, 1]);
  await Promise.all([4, 5, 6, 7, 8, 9].map((n) => log.log(n, 'Treatment')));
  assert.deepEqual(sent.slice(1), [[4, 5, 6, 7], [8, 9]], 'a full batch goes at once, the rest after the linger');
});
