// The gateway's storage: sealed blobs in a directory (written durably: temporary file, fsync,
// rename, directory fsync) and an index in SQLite (better-sqlite3, WAL, synchronous FULL) of
// every record this gateway wrote and every read it refused. The blobs are the record
// protocol's ciphertext; the index holds no health data beyond the resource type and category.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The path under a gateway's public URL where it serves its blobs. */
export const BLOB_PATH = '/_medchain/blobs/';

const BLOB_NAME = /^[0-9a-f]{32}$/;

/** Writes `bytes` to `file` so that a crash leaves either the old file or all of the new one. */
export function writeDurably(file, bytes, mode = 0o600) {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const dir = openSync(join(file, '..'), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/** A sealed blob's URI: `${publicUrl}/_medchain/blobs/<32 hex>`, whatever keeps the bytes. */
class BlobUris {
  constructor(publicUrl, fetchTimeoutMs) {
    this.prefix = `${publicUrl.replace(/\/$/, '')}${BLOB_PATH}`;
    this.fetchTimeoutMs = fetchTimeoutMs;
  }

  /** The name of one of this gateway's blobs, or `undefined` for a URI that is not one. */
  nameOf(uri) {
    if (!uri.startsWith(this.prefix)) return undefined;
    const name = uri.slice(this.prefix.length);
    return BLOB_NAME.test(name) ? name : undefined;
  }

  uriOf(name) {
    return `${this.prefix}${name}`;
  }

  newName() {
    return randomBytes(16).toString('hex');
  }

  /** Another gateway's blob, over HTTP. */
  async fetchRemote(uri) {
    if (!/^https?:\/\//.test(uri)) throw new Error(`a blob URI this gateway cannot fetch: ${uri}`);
    const response = await fetch(uri, { signal: AbortSignal.timeout(this.fetchTimeoutMs) });
    if (!response.ok) throw new Error(`fetching the blob ${uri} answered ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }

  async get(uri) {
    const name = this.nameOf(uri);
    if (name === undefined) return this.fetchRemote(uri);
    const bytes = await this.read(name);
    if (!bytes) throw new Error(`this gateway holds no blob ${name}`);
    return bytes;
  }

  async put(blob) {
    const name = this.newName();
    await this.write(name, blob);
    return this.uriOf(name);
  }

  /** Whether one of this gateway's blobs is held. */
  async has(uri) {
    const name = this.nameOf(uri);
    return name !== undefined && (await this.exists(name));
  }

  async remove(uri) {
    const name = this.nameOf(uri);
    if (name !== undefined) await this.delete(name);
  }
}

/**
 * Sealed blobs in a directory, each under a random name (the default store). Blobs of other
 * gateways are fetched over HTTP from the URI in the record's pointer.
 */
export class BlobDirectory extends BlobUris {
  constructor(dir, publicUrl, { fetchTimeoutMs = 10_000 } = {}) {
    super(publicUrl, fetchTimeoutMs);
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
  }

  /** The file of one of this directory's blobs, or `undefined` for a URI that is not one. */
  fileOf(uri) {
    const name = this.nameOf(uri);
    return name === undefined ? undefined : join(this.dir, name);
  }

  /** The bytes of blob `name`, or `undefined`. */
  async read(name) {
    if (!BLOB_NAME.test(name)) return undefined;
    try {
      return new Uint8Array(readFileSync(join(this.dir, name)));
    } catch {
      return undefined;
    }
  }

  async write(name, blob) {
    writeDurably(join(this.dir, name), blob);
  }

  async exists(name) {
    return existsSync(join(this.dir, name));
  }

  async delete(name) {
    rmSync(join(this.dir, name), { force: true });
  }

  /** The URIs of every blob held, with its age in ms. */
  async list() {
    return readdirSync(this.dir)
      .filter((name) => BLOB_NAME.test(name))
      .map((name) => ({ uri: this.uriOf(name), ageMs: Date.now() - statSync(join(this.dir, name)).mtimeMs }));
  }
}

/**
 * Sealed blobs in an S3-compatible object store (`blobStore` of type `s3` in the configuration):
 * objects `<prefix><name>` in `bucket`. The URIs stay the gateway's own, so readers fetch blobs
 * from the gateway whatever keeps them, and the store needs no public access.
 */
export class S3Blobs extends BlobUris {
  constructor(options, publicUrl, { fetchTimeoutMs = 10_000 } = {}) {
    super(publicUrl, fetchTimeoutMs);
    this.bucket = options.bucket;
    this.keyPrefix = options.prefix ?? '';
    this.options = options;
  }

  async client() {
    if (!this.s3) {
      const { S3Client } = await import('@aws-sdk/client-s3');
      this.s3 = new S3Client({
        endpoint: this.options.endpoint,
        region: this.options.region ?? 'us-east-1',
        forcePathStyle: this.options.forcePathStyle ?? true,
        ...(this.options.accessKeyId
          ? { credentials: { accessKeyId: this.options.accessKeyId, secretAccessKey: this.options.secretAccessKey } }
          : {}),
      });
      this.commands = await import('@aws-sdk/client-s3');
    }
    return this.s3;
  }

  async send(command, input) {
    const s3 = await this.client();
    return s3.send(new this.commands[command]({ Bucket: this.bucket, ...input }));
  }

  async read(name) {
    if (!BLOB_NAME.test(name)) return undefined;
    try {
      const out = await this.send('GetObjectCommand', { Key: `${this.keyPrefix}${name}` });
      return new Uint8Array(await out.Body.transformToByteArray());
    } catch (error) {
      if (error?.name === 'NoSuchKey' || error?.$metadata?.httpStatusCode === 404) return undefined;
      throw error;
    }
  }

  async write(name, blob) {
    await this.send('PutObjectCommand', { Key: `${this.keyPrefix}${name}`, Body: blob, ContentType: 'application/octet-stream' });
  }

  async exists(name) {
    try {
      await this.send('HeadObjectCommand', { Key: `${this.keyPrefix}${name}` });
      return true;
    } catch (error) {
      if (error?.name === 'NotFound' || error?.$metadata?.httpStatusCode === 404) return false;
      throw error;
    }
  }

  async delete(name) {
    await this.send('DeleteObjectCommand', { Key: `${this.keyPrefix}${name}` });
  }

  async list() {
    const found = [];
    let token;
    do {
      const out = await this.send('ListObjectsV2Command', { Prefix: this.keyPrefix, ContinuationToken: token });
      for (const o of out.Contents ?? []) {
        const name = o.Key.slice(this.keyPrefix.length);
        if (BLOB_NAME.test(name)) found.push({ uri: this.uriOf(name), ageMs: Date.now() - new Date(o.LastModified).getTime() });
      }
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
    return found;
  }
}

/** The blob store a configuration names: a directory under `dataDir` by default, or S3. */
export function blobStoreOf(config) {
  const kind = config.blobStore?.type ?? 'directory';
  if (kind === 's3') return new S3Blobs(config.blobStore, config.publicUrl);
  if (kind === 'directory') return new BlobDirectory(config.blobStore?.dir ?? join(config.dataDir, 'blobs'), config.publicUrl);
  throw new Error(`blobStore.type must be "directory" or "s3", not ${JSON.stringify(kind)}`);
}

/**
 * The index. A record row goes through `sealed` (blob stored, transaction about to be signed)
 * → `anchored` (on chain, with its record id) or `failed` (never anchored: its transaction's
 * validity window passed; the blob is deleted); an anchored row whose blob is gone is an
 * `orphan` until it is marked entered in error on chain (`entered-in-error`).
 */
export class Index {
  constructor(file) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS records (
        content_hash TEXT PRIMARY KEY,
        patient TEXT NOT NULL,
        record_id INTEGER,
        resource_type TEXT NOT NULL,
        category TEXT NOT NULL,
        author TEXT NOT NULL,
        uri TEXT NOT NULL,
        author_envelope BLOB NOT NULL,
        author_key_version INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('sealed', 'anchored', 'failed', 'orphan', 'entered-in-error')),
        sealed_at_block INTEGER NOT NULL,
        valid_until_block INTEGER NOT NULL,
        anchored_in TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX IF NOT EXISTS records_by_id ON records (patient, record_id) WHERE record_id IS NOT NULL;
      CREATE INDEX IF NOT EXISTS records_by_state ON records (state);
      CREATE TABLE IF NOT EXISTS refusals (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        patient TEXT NOT NULL,
        record_id INTEGER,
        accessor TEXT NOT NULL,
        purpose TEXT NOT NULL,
        reason TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS refusals_by_patient ON refusals (patient, seq);
    `);
    this.db.defaultSafeIntegers(true);
  }

  /** Records a sealed blob before its transaction is signed (what a crash must not lose). */
  addSealed(row) {
    const now = Date.now();
    this.db
      .prepare(
        `INSERT INTO records (content_hash, patient, resource_type, category, author, uri, author_envelope,
           author_key_version, state, sealed_at_block, valid_until_block, created_at, updated_at)
         VALUES (@contentHash, @patient, @resourceType, @category, @author, @uri, @authorEnvelope,
           @authorKeyVersion, 'sealed', @sealedAtBlock, @validUntilBlock, @now, @now)`,
      )
      .run({ ...row, now });
  }

  markAnchored(contentHash, recordId, block) {
    this.db
      .prepare(`UPDATE records SET state = 'anchored', record_id = ?, anchored_in = ?, updated_at = ? WHERE content_hash = ?`)
      .run(BigInt(recordId), block, Date.now(), contentHash);
  }

  setState(contentHash, state) {
    this.db.prepare(`UPDATE records SET state = ?, updated_at = ? WHERE content_hash = ?`).run(state, Date.now(), contentHash);
  }

  byRecord(patient, recordId) {
    return this.db.prepare(`SELECT * FROM records WHERE patient = ? AND record_id = ?`).get(patient, BigInt(recordId));
  }

  byState(state) {
    return this.db.prepare(`SELECT * FROM records WHERE state = ? ORDER BY created_at`).all(state);
  }

  /** Every blob URI the index names, whatever the row's state. */
  uris() {
    return new Set(this.db.prepare(`SELECT uri FROM records`).pluck().all());
  }

  counts() {
    const rows = this.db.prepare(`SELECT state, COUNT(*) AS n FROM records GROUP BY state`).all();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  addRefusal({ patient, recordId, accessor, purpose, reason }) {
    const info = this.db
      .prepare(`INSERT INTO refusals (patient, record_id, accessor, purpose, reason, at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(patient, recordId === undefined ? null : BigInt(recordId), accessor, purpose, reason, Date.now());
    return info.lastInsertRowid;
  }

  refusalsOf(patient) {
    return this.db
      .prepare(`SELECT * FROM refusals WHERE patient = ? ORDER BY seq`)
      .all(patient)
      .map((r) => ({ ...r, seq: Number(r.seq), at: Number(r.at), record_id: r.record_id === null ? null : r.record_id }));
  }

  close() {
    this.db.close();
  }
}
