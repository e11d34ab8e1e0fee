// The consent-enforcing FHIR R4 gateway: FHIR REST in front of the record protocol v1, with the
// chain deciding every read (ConsentApi.check_access at the best block), logging it
// (Records.log_access_batch) before it is served, and keeping the audit trail.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import {
  DEV_PHRASE,
  PURPOSE_OF_USE,
  UnsupportedResourceError,
  accessLog,
  accountFromPhrase,
  accountIdOf,
  anchorWithKey,
  categoriesForResourceType,
  categoryOfResource,
  checkAccess,
  checkAccessMany,
  connect,
  consentsOf,
  envelopeKeyVersion,
  findEvent,
  fromHex,
  genesisHashOf,
  isRecordProtocolError,
  openRecord,
  readRecordKey,
  readerKey,
  recordsOf,
  submit,
  suspectReasonHash,
  toAuditEvent,
  toFhirConsent,
  toHex,
  unwrap,
  wrap,
  ChainCallError,
} from '@medchain/client';
import {
  EXT,
  RESOURCE_TYPES,
  capabilityStatement,
  fhirId,
  lowerHex as lower,
  outcome,
  parseFhirId,
  parsePatient,
  patientOf,
  provenanceOf,
  purposeOfCode,
  refusalAuditEvent,
  searchset,
} from './fhir.mjs';
import { BLOB_PATH, Index, blobStoreOf } from './store.mjs';
import { ReaderKeys } from './keys.mjs';
import { Metrics, Nonces, ReadLog, ReadNotLoggedError } from './chain.mjs';
import { reconcile } from './reconcile.mjs';

/** How old a logged read may be when a custodian is asked to release a record's key for it. */
export const KEY_RELEASE_WINDOW_BLOCKS = 100;
/** The largest request body the gateway reads (a FHIR resource or a key-release request). */
export const MAX_BODY_BYTES = 1 << 20;

/** An error the gateway answers with `status` and a FHIR OperationOutcome. */
export class HttpError extends Error {
  constructor(status, code, detail, diagnostics) {
    super(diagnostics ?? detail);
    this.status = status;
    this.outcome = outcome('error', code, detail, diagnostics);
  }
}

/**
 * Reads and checks a gateway configuration file (README.md, "Configuration"); paths in it are
 * relative to the file.
 *
 * @throws {Error} naming the first field that is wrong.
 */
export function loadConfig(file) {
  const config = JSON.parse(readFileSync(file, 'utf8'));
  const base = dirname(resolve(file));
  const fail = (what) => {
    throw new Error(`${file}: ${what}`);
  };
  if (typeof config.name !== 'string' || !config.name) fail('"name" (the organisation\'s name) is missing');
  if (!Number.isInteger(config.organization) || config.organization < 0) fail('"organization" must be the consortium organisation id');
  if (typeof config.chain !== 'string' || !/^wss?:\/\//.test(config.chain)) fail('"chain" must be a ws:// or wss:// node endpoint');
  config.port = config.port ?? 8090;
  config.host = config.host ?? '127.0.0.1';
  config.publicUrl = (config.publicUrl ?? `http://${config.host}:${config.port}`).replace(/\/$/, '');
  config.dataDir = config.dataDir ? (isAbsolute(config.dataDir) ? config.dataDir : join(base, config.dataDir)) : join(base, 'data');
  config.peers = config.peers ?? {};
  config.mortalityBlocks = Number(process.env.MEDCHAIN_GATEWAY_MORTALITY ?? config.mortalityBlocks ?? 64);
  if (![4, 8, 16, 32, 64, 128, 256].includes(config.mortalityBlocks)) fail('"mortalityBlocks" must be a power of two from 4 to 256');
  config.readLogLingerMs = config.readLogLingerMs ?? 500;
  if (!Number.isInteger(config.readLogLingerMs) || config.readLogLingerMs < 0 || config.readLogLingerMs > 5000) {
    fail('"readLogLingerMs" must be a whole number of milliseconds from 0 to 5000');
  }
  if (config.blobStore !== undefined) {
    const b = config.blobStore;
    if (!['directory', 's3'].includes(b?.type)) fail('"blobStore.type" must be "directory" or "s3"');
    if (b.type === 's3' && (typeof b.bucket !== 'string' || typeof b.endpoint !== 'string')) fail('an s3 "blobStore" needs "endpoint" and "bucket"');
    if (b.type === 'directory' && b.dir && !isAbsolute(b.dir)) b.dir = join(base, b.dir);
  }
  if (!Array.isArray(config.practitioners) || config.practitioners.length === 0) fail('"practitioners" must list at least one');
  const tokens = new Set();
  config.practitioners = config.practitioners.map((p, i) => {
    if (typeof p.token !== 'string' || p.token.length < 16) fail(`practitioners[${i}].token must be at least 16 characters`);
    if (tokens.has(p.token)) fail(`practitioners[${i}].token is used twice`);
    tokens.add(p.token);
    const phrase =
      p.phrase === 'dev'
        ? DEV_PHRASE
        : p.phraseFile
          ? readFileSync(isAbsolute(p.phraseFile) ? p.phraseFile : join(base, p.phraseFile), 'utf8').trim()
          : p.phrase;
    if (typeof phrase !== 'string') fail(`practitioners[${i}] needs "phrase" or "phraseFile"`);
    return { ...p, account: accountFromPhrase(phrase, p.path ?? '') };
  });
  return config;
}

const sha256 = (text) => createHash('sha256').update(text).digest();
const hex0x = (bytes) => `0x${toHex(bytes)}`;
const json = (value) => JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));

/** Structured logs: one JSON object per line on stdout. */
export function logger(name) {
  return (level, msg, fields = {}) => {
    process.stdout.write(`${json({ ts: new Date().toISOString(), level, gateway: name, msg, ...fields })}\n`);
  };
}

function fault(point) {
  if (process.env.MEDCHAIN_GATEWAY_FAULT === point) {
    process.stdout.write(`${json({ level: 'warn', msg: `fault injection: killed ${point}` })}\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'too-costly', 'BodyTooLarge', `a request body is at most ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid', 'InvalidJson', 'the request body is not JSON');
  }
}

/**
 * Starts a gateway.
 *
 * @returns `{ url, close() }` once it listens and its practitioners' reader keys are in the
 *   chain's key directory.
 */
export async function startGateway(config, { log = logger(config.name) } = {}) {
  mkdirSync(config.dataDir, { recursive: true });
  const index = new Index(join(config.dataDir, 'index.sqlite'));
  const blobs = blobStoreOf(config);
  const keys = new ReaderKeys(join(config.dataDir, 'reader-keys.json'));
  const metrics = new Metrics();
  const chain = connect(config.chain);
  const { api, client } = chain;
  const genesisHash = await genesisHashOf(api);
  const maxPerTx = Number(await api.constants.Records.MaxReadsPerBatch());

  const practitioners = config.practitioners.map((p) => {
    const nonces = new Nonces(api, p.account.address);
    return {
      token: sha256(p.token),
      account: p.account,
      address: p.account.address,
      nonces,
      readLog: new ReadLog({ api, account: p.account, nonces, maxPerTx, lingerMs: config.readLogLingerMs, metrics }),
    };
  });

  // Each practitioner's reader key: the one in the directory if this gateway holds its secret,
  // otherwise a new version, kept here before it is published.
  for (const p of practitioners) {
    const directory = await readerKey(api, p.address);
    const held = directory && keys.publicKey(p.address, directory.version);
    if (held && toHex(held) === toHex(directory.key)) {
      if (directory.org !== config.organization) {
        log('warn', 'practitioner reads for another organisation', { practitioner: p.address, org: directory.org });
      }
      continue;
    }
    const version = directory ? directory.version + 1 : 0;
    const key = keys.create(p.address, version);
    const inclusion = await submit(api.tx.Records.publish_reader_key({ key: hex0x(key), version }), p.account.signer, {
      txOptions: { nonce: await p.nonces.take() },
    });
    if (!inclusion.ok) throw new ChainCallError(inclusion, `publish_reader_key for ${p.address}`);
    log('info', 'published a reader key', { practitioner: p.address, version });
  }

  const practitionerOf = (req) => {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (!m) return undefined;
    const given = sha256(m[1]);
    return practitioners.find((p) => timingSafeEqual(p.token, given));
  };
  const purposeOf = (req) => {
    const code = req.headers['x-purpose-of-use'];
    const purpose = purposeOfCode(typeof code === 'string' ? code.trim() : '');
    if (!purpose) {
      throw new HttpError(
        400,
        'required',
        'PurposeOfUseRequired',
        `state the purpose of use in the X-Purpose-Of-Use header, one of ${Object.values(PURPOSE_OF_USE).join(', ')}`,
      );
    }
    return purpose;
  };
  const best = async () => (await client.getBestBlocks())[0];
  const recordView = async (patient, id) => {
    const [view] = await metrics.time('records_of', api.apis.RecordsApi.records_of(patient, id, 1, { at: 'best' }));
    return view && view.id === id ? view : undefined;
  };
  const refuse = (p, patient, recordId, purpose, reason, next) => {
    index.addRefusal({ patient, recordId, accessor: p.address, purpose, reason });
    metrics.count('reads_total', 1, 'outcome="refused"');
    log('info', 'read refused', { practitioner: p.address, patient, record: recordId, purpose, reason });
    return new HttpError(
      403,
      'forbidden',
      reason,
      `${next} To ask for consent, a practitioner calls Consent.request_consent for this patient ` +
        '(the patient answers in their portal); in an emergency, POST Patient/{id}/$emergency-access.',
    );
  };

  /** The record's data key for `p`: its own envelope, this gateway's custody, or the author's gateway. */
  async function envelopeFor(p, record, view, purpose, loggedIn) {
    const own = await metrics.time('record_key', readRecordKey(api, record, p.address, purpose));
    if (own) {
      const version = envelopeKeyVersion(own);
      return { path: 'envelope', envelope: own, grantee: p.address, secret: { key: keys.secret(p.address, version), version } };
    }
    const row = index.byRecord(record.patient, record.id);
    if (row && row.state === 'anchored' && row.content_hash === lower(view.content_hash)) {
      const version = Number(row.author_key_version);
      return { path: 'custodian', envelope: new Uint8Array(row.author_envelope), grantee: row.author, secret: { key: keys.secret(row.author, version), version } };
    }
    const peer = view.author_org === undefined ? undefined : config.peers[String(view.author_org)];
    if (!peer) {
      throw new HttpError(502, 'exception', 'NoKeyPath', `no envelope for this practitioner and no gateway of organisation ${view.author_org} is configured`);
    }
    const response = await metrics.time(
      'key_release',
      fetch(`${peer.replace(/\/$/, '')}/_medchain/key-release`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: json({ patient: record.patient, record: String(record.id), grantee: p.address, purpose, loggedIn: loggedIn.hash }),
        signal: AbortSignal.timeout(15_000),
      }),
    );
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const detail = body?.issue?.[0]?.details?.text ?? `HTTP ${response.status}`;
      throw new HttpError(502, 'exception', 'KeyReleaseRefused', `the author's gateway did not release the key: ${detail}`);
    }
    const envelope = fromHex(body.envelope);
    const version = envelopeKeyVersion(envelope);
    return { path: 'author-gateway', envelope, grantee: p.address, secret: { key: keys.secret(p.address, version), version } };
  }

  /** Logs `p`'s read, fetches the key, opens and checks the record; the FHIR resource to serve. */
  async function serveRecord(p, record, view, purpose, answer, type) {
    let loggedIn;
    try {
      loggedIn = await p.readLog.log(record, purpose);
    } catch (error) {
      if (error instanceof ReadNotLoggedError) throw refuse(p, record.patient, record.id, purpose, error.reason, 'The chain refused to log this read.');
      throw new HttpError(503, 'transient', 'ReadNotLogged', `the read could not be logged on chain, so it is not served: ${error.message}`);
    }
    const key = await envelopeFor(p, record, view, purpose, loggedIn);
    if (!key.secret.key) throw new HttpError(502, 'exception', 'ReaderKeyMissing', `this gateway holds no secret of key version ${key.secret.version}`);
    let opened;
    try {
      opened = await metrics.time('open_record', openRecord(api, record, key.envelope, { grantee: key.grantee, store: blobs, secret: key.secret }));
    } catch (error) {
      if (isRecordProtocolError(error)) {
        metrics.count('content_check_failures_total');
        log('error', 'a record failed its content check and was not served', { patient: record.patient, record: record.id, code: error.code });
        throw new HttpError(502, 'processing', 'ContentCheckFailed', `the record's content failed the record protocol's check (${error.code}); it is not served`);
      }
      throw new HttpError(502, 'exception', 'BlobUnavailable', `the record's blob could not be fetched: ${error.message}`);
    } finally {
      key.secret.key?.fill?.(0);
    }
    opened.key.fill(0);
    if (!['Match', 'Superseded'].includes(opened.verification)) {
      throw new HttpError(410, 'deleted', opened.verification, `the chain answers ${opened.verification} for this record`);
    }
    const resource = opened.resource;
    if (!resource || (type && resource.resourceType !== type)) {
      throw new HttpError(404, 'not-found', 'NotOfThisType', `record ${record.id} is not a ${type}`);
    }
    metrics.count('reads_total', 1, 'outcome="served"');
    const id = fhirId(record.patient, record.id);
    const basis = answer.decision === 'Emergency' ? `Emergency ${answer.id}` : `Consent ${answer.id}`;
    return {
      ...resource,
      id,
      meta: {
        ...(resource.meta ?? {}),
        versionId: '1',
        lastUpdated: new Date(Number(view.anchored_at)).toISOString(),
        extension: [
          { url: EXT.record, valueString: `${record.patient}/${record.id}` },
          { url: EXT.contentHash, valueString: hex0x(opened.contentHash) },
          { url: EXT.verification, valueCode: opened.verification },
          { url: EXT.accessBasis, valueString: basis },
          { url: EXT.loggedIn, valueString: loggedIn.hash },
          { url: EXT.keyPath, valueCode: key.path },
        ],
      },
    };
  }

  async function read(p, type, id, req) {
    const ref = parseFhirId(id);
    if (!ref) throw new HttpError(404, 'not-found', 'UnknownId', `${id} is not a Medchain record id`);
    const purpose = purposeOf(req);
    const view = await recordView(ref.patient, ref.id);
    if (!view) throw new HttpError(404, 'not-found', 'RecordNotFound', `no record ${ref.id} of patient ${ref.patient} on chain`);
    if (view.status.type === 'Erased') throw new HttpError(410, 'deleted', 'Erased', 'the patient erased this record');
    if (view.status.type === 'EnteredInError') throw new HttpError(410, 'deleted', 'EnteredInError', 'its author marked this record entered in error');
    if (!categoriesForResourceType(type).includes(view.category.type)) {
      throw new HttpError(404, 'not-found', 'NotOfThisType', `record ${ref.id} is ${view.category.type}, which holds no ${type}`);
    }
    const answer = await metrics.time('check_access', checkAccess(api, ref.patient, p.address, 'Read', view.category.type, purpose));
    if (answer.decision === 'Deny') throw refuse(p, ref.patient, ref.id, purpose, answer.reason, answer.message);
    return serveRecord(p, ref, view, purpose, answer, type);
  }

  async function search(p, type, url, req) {
    const patient = parsePatient(url.searchParams.get('patient') ?? '');
    if (!patient) throw new HttpError(400, 'required', 'PatientRequired', 'search by patient: ?patient=0x… (the patient id)');
    const purpose = purposeOf(req);
    const categories = new Set(categoriesForResourceType(type));
    const most = Math.min(Number(url.searchParams.get('_count') ?? 50) || 50, 200);
    const views = [];
    let more = false;
    for await (const view of recordsOf(api, patient)) {
      if (view.status.type !== 'Current' || !categories.has(view.category.type)) continue;
      if (views.length === most) {
        more = true;
        break;
      }
      views.push(view);
    }
    const answers = await metrics.time(
      'check_access_many',
      checkAccessMany(api, views.map((v) => ({ patient, accessor: p.address, action: 'Read', category: v.category.type, purpose }))),
    );
    const outcomes = [];
    const withheld = new Map();
    const served = await Promise.all(
      views.map(async (view, i) => {
        const answer = answers[i];
        const record = { patient, id: view.id };
        if (answer.decision === 'Deny') {
          refuse(p, patient, view.id, purpose, answer.reason, answer.message);
          withheld.set(answer.reason, (withheld.get(answer.reason) ?? 0) + 1);
          return undefined;
        }
        try {
          return await serveRecord(p, record, view, purpose, answer, type);
        } catch (error) {
          if (error instanceof HttpError && error.status === 404) return undefined;
          const detail = error instanceof HttpError ? error.outcome.issue[0].details.text : 'Error';
          withheld.set(detail, (withheld.get(detail) ?? 0) + 1);
          return undefined;
        }
      }),
    );
    for (const [reason, n] of withheld) {
      outcomes.push(outcome('warning', 'suppressed', reason, `${n} record(s) of this patient were not served: ${reason}`));
    }
    if (more) outcomes.push(outcome('information', 'too-costly', 'MoreRecords', `only the first ${most} records are served; use _count`));
    return searchset(served.filter(Boolean), config.publicUrl, outcomes);
  }

  async function create(p, type, req) {
    const resource = await readBody(req);
    if (resource?.resourceType !== type) throw new HttpError(400, 'invalid', 'ResourceTypeMismatch', `the body must be a ${type}`);
    const patient = patientOf(resource);
    if (!patient) throw new HttpError(400, 'required', 'PatientRequired', 'the resource names no patient: subject (or patient) must reference Patient/0x… (the patient id)');
    let category;
    try {
      category = categoryOfResource(resource);
    } catch (error) {
      if (error instanceof UnsupportedResourceError) throw new HttpError(400, 'not-supported', 'UnsupportedResource', error.message);
      throw error;
    }
    const stored = await metrics.time('patient', api.query.PatientIdentity.Patients.getValue(patient, { at: 'best' }));
    if (!stored || stored.status?.type !== 'Active') throw new HttpError(404, 'not-found', 'PatientInactive', `no active patient ${patient} on chain`);
    const answer = await metrics.time('check_access', checkAccess(api, patient, p.address, 'Write', category, 'Treatment'));
    if (answer.decision === 'Deny') {
      throw new HttpError(403, 'forbidden', answer.reason, `${answer.message} Writing a ${category} record needs the patient's Write consent for treatment.`);
    }
    const { id: _ignored, ...content } = resource;
    if (content.meta) {
      const { versionId: _v, lastUpdated: _l, ...meta } = content.meta;
      content.meta = meta;
    }
    const patientKey = { key: typeof stored.encryption_key === 'string' ? fromHex(stored.encryption_key) : new Uint8Array(stored.encryption_key.asBytes?.() ?? stored.encryption_key), version: 0 };
    const own = await readerKey(api, p.address);
    const authorKey = own && keys.publicKey(p.address, own.version);
    if (!authorKey) throw new HttpError(503, 'transient', 'ReaderKeyMissing', 'the author has no reader key held by this gateway');
    const at = await best();
    let sealedHash;
    let anchored;
    try {
      anchored = await anchorWithKey(api, p.account.signer, {
        patient,
        category,
        content,
        patientKey,
        store: blobs,
        txOptions: { nonce: await p.nonces.take(), mortality: { mortal: true, period: config.mortalityBlocks } },
        onSealed: async ({ contentHash, key, uri }) => {
          sealedHash = hex0x(contentHash);
          const authorEnvelope = await wrap(
            authorKey,
            { genesisHash, patient: fromHex(patient), contentHash, grantee: accountIdOf(p.address), keyVersion: own.version },
            key,
          );
          index.addSealed({
            contentHash: sealedHash,
            patient,
            resourceType: type,
            category,
            author: p.address,
            uri,
            authorEnvelope: Buffer.from(authorEnvelope),
            authorKeyVersion: own.version,
            sealedAtBlock: at.number,
            validUntilBlock: at.number + config.mortalityBlocks + 1,
          });
          fault('after-seal');
        },
      });
    } catch (error) {
      if (error instanceof ChainCallError && sealedHash) {
        index.setState(sealedHash, 'failed');
        const row = index.db.prepare('SELECT uri FROM records WHERE content_hash = ?').get(sealedHash);
        if (row) await blobs.remove(row.uri);
        const name = error.inclusion.error?.name ?? 'DispatchError';
        throw new HttpError(403, 'forbidden', name, `the chain refused the record: ${error.message}`);
      }
      if (sealedHash) {
        p.nonces.reset();
        log('warn', 'a write is not in a block yet; the reconciliation settles it', { contentHash: sealedHash, error: error.message });
        throw new HttpError(503, 'transient', 'NotAnchoredYet', `the record's transaction is not in a block yet (${error.message}); the gateway settles it, retry the read later`);
      }
      throw error;
    }
    fault('after-anchor');
    index.markAnchored(sealedHash, anchored.record.id, anchored.inclusion.block.hash);
    anchored.key.fill(0);
    metrics.count('writes_total');
    const id = fhirId(patient, anchored.record.id);
    log('info', 'record anchored', { practitioner: p.address, patient, record: anchored.record.id, type, category, block: anchored.inclusion.block.hash });
    const provenance = provenanceOf({
      type,
      id,
      patient,
      recordId: anchored.record.id,
      contentHash: sealedHash,
      author: p.address,
      organization: config.organization,
      block: anchored.inclusion.block.hash,
      recorded: new Date().toISOString(),
    });
    return {
      resource: {
        ...content,
        id,
        meta: {
          ...(content.meta ?? {}),
          versionId: '1',
          extension: [
            { url: EXT.record, valueString: `${patient}/${anchored.record.id}` },
            { url: EXT.contentHash, valueString: sealedHash },
            { url: EXT.anchoredIn, valueString: anchored.inclusion.block.hash },
          ],
        },
      },
      provenance,
    };
  }

  function provenance(id) {
    const ref = parseFhirId(id);
    const row = ref && index.byRecord(ref.patient, ref.id);
    if (!row || row.state !== 'anchored') throw new HttpError(404, 'not-found', 'NotWrittenHere', 'this gateway wrote no such record');
    return provenanceOf({
      type: row.resource_type,
      id,
      patient: row.patient,
      recordId: row.record_id,
      contentHash: row.content_hash,
      author: row.author,
      organization: config.organization,
      block: row.anchored_in,
      recorded: new Date(Number(row.updated_at)).toISOString(),
    });
  }

  async function emergency(p, patientText, req) {
    const patient = parsePatient(patientText);
    if (!patient) throw new HttpError(400, 'invalid', 'PatientRequired', 'Patient/{id} must be the patient id (0x…)');
    const body = await readBody(req);
    const justification = body?.parameter?.find?.((x) => x?.name === 'justification')?.valueString;
    if (typeof justification !== 'string' || justification.trim().length < 10) {
      throw new HttpError(400, 'required', 'JustificationRequired', 'a Parameters body with a "justification" valueString of at least 10 characters');
    }
    const inclusion = await submit(
      api.tx.Consent.emergency_access({ patient, justification_hash: suspectReasonHash(justification) }),
      p.account.signer,
      { txOptions: { nonce: await p.nonces.take() } },
    ).catch((error) => {
      p.nonces.reset();
      throw new HttpError(503, 'transient', 'NotSubmitted', error.message);
    });
    const invoked = findEvent(inclusion, 'Consent', 'EmergencyAccessInvoked');
    if (!inclusion.ok || !invoked) {
      const name = inclusion.error?.name ?? 'DispatchError';
      throw new HttpError(403, 'forbidden', name, `the chain refused the emergency access: ${name}`);
    }
    log('warn', 'emergency access invoked', { practitioner: p.address, patient, id: invoked.id });
    return {
      resourceType: 'Parameters',
      parameter: [
        { name: 'emergencyAccess', valueString: String(invoked.id) },
        { name: 'expires', valueDateTime: new Date(Number(invoked.expires_at)).toISOString() },
        { name: 'block', valueString: inclusion.block.hash },
      ],
    };
  }

  async function consents(url) {
    const patient = parsePatient(url.searchParams.get('patient') ?? '');
    if (!patient) throw new HttpError(400, 'required', 'PatientRequired', 'search by patient: ?patient=0x…');
    const list = [];
    for await (const c of consentsOf(api, patient)) list.push(toFhirConsent(c));
    return searchset(list, config.publicUrl);
  }

  async function auditEvents(url) {
    const patient = parsePatient(url.searchParams.get('patient') ?? '');
    if (!patient) throw new HttpError(400, 'required', 'PatientRequired', 'search by patient: ?patient=0x…');
    const events = [];
    for await (const entry of accessLog(api, patient)) events.push(toAuditEvent(patient, entry));
    for (const row of index.refusalsOf(patient)) events.push(refusalAuditEvent(row, config.organization));
    events.sort((a, b) => a.recorded.localeCompare(b.recorded));
    return searchset(events, config.publicUrl);
  }

  /** A custodian's release of a record's key to a reader whose read the chain logged. */
  async function keyRelease(req) {
    const body = await readBody(req);
    const patient = parsePatient(body?.patient ?? '');
    let id;
    try {
      id = BigInt(body?.record);
    } catch {
      id = undefined;
    }
    const { grantee, purpose, loggedIn } = body ?? {};
    if (!patient || id === undefined || typeof grantee !== 'string' || !purposeOfCode(purpose) || !/^0x[0-9a-f]{64}$/i.test(loggedIn ?? '')) {
      throw new HttpError(400, 'invalid', 'InvalidRequest', 'patient, record, grantee, purpose and loggedIn (a block hash) are needed');
    }
    const row = index.byRecord(patient, id);
    if (!row || row.state !== 'anchored') throw new HttpError(404, 'not-found', 'NotCustodian', 'this gateway holds no key of that record');
    const view = await recordView(patient, id);
    if (!view || lower(view.content_hash) !== row.content_hash || view.status.type === 'Erased') {
      throw new HttpError(410, 'deleted', 'RecordGone', 'the record is erased or not the one this gateway wrote');
    }
    let header;
    try {
      header = await client.getBlockHeader(loggedIn);
    } catch {
      throw new HttpError(403, 'forbidden', 'UnknownBlock', 'the node does not know the block named as loggedIn');
    }
    if ((await best()).number - header.number > KEY_RELEASE_WINDOW_BLOCKS) {
      throw new HttpError(403, 'forbidden', 'ReadLogTooOld', `the logged read must be at most ${KEY_RELEASE_WINDOW_BLOCKS} blocks old`);
    }
    const events = await api.query.System.Events.getValue({ at: loggedIn });
    const logged = events.some(({ event }) => {
      if (event.type !== 'Records' || event.value.type !== 'RecordAccessed') return false;
      const v = event.value.value;
      return v.record === id && lower(v.patient) === patient && v.accessor === grantee && v.purpose.type === purpose;
    });
    if (!logged) throw new HttpError(403, 'forbidden', 'ReadNotLogged', 'no read of this record by this grantee for this purpose is logged in that block');
    const answer = await checkAccess(api, patient, grantee, 'Read', view.category.type, purpose);
    if (answer.decision === 'Deny') throw new HttpError(403, 'forbidden', answer.reason, answer.message);
    const directory = await readerKey(api, grantee);
    if (!directory) throw new HttpError(409, 'conflict', 'NoReaderKey', 'the grantee has no key in the key directory');
    const version = Number(row.author_key_version);
    const secret = keys.secret(row.author, version);
    if (!secret) throw new HttpError(500, 'exception', 'CustodyKeyMissing', 'this gateway lost the key that holds this record');
    const contentHash = fromHex(row.content_hash);
    const k = await unwrap(
      new Uint8Array(row.author_envelope),
      { genesisHash, patient: fromHex(patient), contentHash, grantee: accountIdOf(row.author), keyVersion: version },
      secret,
    );
    const envelope = await wrap(
      directory.key,
      { genesisHash, patient: fromHex(patient), contentHash, grantee: accountIdOf(grantee), keyVersion: directory.version },
      k,
    );
    k.fill(0);
    secret.fill(0);
    metrics.count('key_releases_total');
    log('info', 'released a record key', { patient, record: id, grantee, purpose, loggedIn });
    return { envelope: toHex(envelope), keyVersion: directory.version };
  }

  let lastBest = { number: 0, at: Date.now() };
  const health = async () => {
    let chainState;
    try {
      const b = await best();
      if (b.number !== lastBest.number) lastBest = { number: b.number, at: Date.now() };
      chainState = { best: b.number, bestHash: b.hash, sinceNewBlockMs: Date.now() - lastBest.at };
    } catch (error) {
      chainState = { error: error.message };
    }
    const depth = practitioners.reduce((a, p) => a + p.readLog.depth.queued, 0);
    const ok = chainState.best !== undefined && chainState.sinceNewBlockMs < 60_000;
    return { status: ok ? 'pass' : 'fail', chain: chainState, readLogQueue: depth, records: index.counts() };
  };

  const send = (res, status, body, headers = {}) => {
    const text = typeof body === 'string' ? body : json(body);
    res.writeHead(status, {
      'content-type': typeof body === 'string' ? 'text/plain; version=0.0.4' : 'application/fhir+json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    });
    res.end(text);
  };

  async function route(req, res) {
    const url = new URL(req.url, config.publicUrl);
    const parts = url.pathname.split('/').filter(Boolean);
    const method = req.method;
    if (method === 'GET' && url.pathname === '/metadata') return send(res, 200, capabilityStatement(config));
    if (method === 'GET' && url.pathname === '/health') {
      const h = await health();
      return send(res, h.status === 'pass' ? 200 : 503, h, { 'content-type': 'application/health+json' });
    }
    if (method === 'GET' && url.pathname === '/metrics') {
      const gauges = {
        read_log_queue_depth: practitioners.reduce((a, p) => a + p.readLog.depth.queued, 0),
        read_log_in_flight_transactions: practitioners.reduce((a, p) => a + p.readLog.depth.inFlightTx, 0),
        ...Object.fromEntries(Object.entries(index.counts()).map(([k, v]) => [`records{state="${k}"}`, v])),
      };
      return send(res, 200, metrics.render(gauges));
    }
    if (method === 'GET' && url.pathname.startsWith(BLOB_PATH)) {
      const bytes = await blobs.read(url.pathname.slice(BLOB_PATH.length));
      if (!bytes) return send(res, 404, outcome('error', 'not-found', 'BlobNotFound', 'no such blob'));
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' });
      return res.end(bytes);
    }
    if (method === 'POST' && url.pathname === '/_medchain/key-release') return send(res, 200, await keyRelease(req), { 'content-type': 'application/json' });

    const p = practitionerOf(req);
    if (!p) {
      return send(res, 401, outcome('error', 'login', 'Unauthenticated', 'send Authorization: Bearer <token> of a practitioner of this gateway'), {
        'www-authenticate': 'Bearer realm="medchain-fhir-gateway"',
      });
    }
    const [type, id, extra] = parts;
    if (method === 'GET' && type === 'Consent' && !id) return send(res, 200, await consents(url));
    if (method === 'GET' && type === 'AuditEvent' && !id) return send(res, 200, await auditEvents(url));
    if (method === 'GET' && type === 'Provenance' && id && !extra) return send(res, 200, provenance(id));
    if (method === 'POST' && type === 'Patient' && id && extra === '$emergency-access') return send(res, 200, await emergency(p, id, req));
    if (!RESOURCE_TYPES.includes(type)) {
      throw new HttpError(404, 'not-supported', 'UnsupportedResource', `this gateway serves ${RESOURCE_TYPES.join(', ')}, Consent, AuditEvent and Provenance`);
    }
    if (method === 'POST' && !id) {
      const created = await create(p, type, req);
      return send(res, 201, created.resource, {
        location: `${config.publicUrl}/${type}/${created.resource.id}/_history/1`,
        etag: 'W/"1"',
        'x-provenance': json(created.provenance),
        'x-medchain-record': created.resource.meta.extension[0].valueString,
      });
    }
    if (method === 'GET' && id && !extra) {
      const resource = await read(p, type, id, req);
      return send(res, 200, resource, { etag: 'W/"1"' });
    }
    if (method === 'GET' && !id) return send(res, 200, await search(p, type, url, req));
    throw new HttpError(405, 'not-supported', 'MethodNotAllowed', `${method} ${url.pathname} is not an interaction of this gateway`);
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    route(req, res)
      .catch((error) => {
        if (error instanceof HttpError) return send(res, error.status, error.outcome);
        log('error', 'request failed', { method: req.method, path: req.url, error: error.stack ?? String(error) });
        return send(res, 500, outcome('error', 'exception', 'InternalError', 'the gateway failed; see its log'));
      })
      .finally(() => {
        metrics.observe('http_request', performance.now() - started);
        log('debug', 'request', { method: req.method, path: req.url.split('?')[0], status: res.statusCode, ms: Math.round(performance.now() - started) });
      });
  });
  server.keepAliveTimeout = 30_000;

  // What a crash left: writes sealed but not known to be anchored are settled now and every 30 s.
  const settle = async () => {
    try {
      const report = await reconcile({ api, client, index, blobs, log });
      if (report.anchored.length || report.failed.length) log('info', 'reconciled sealed writes', report.summary);
    } catch (error) {
      log('warn', 'reconciliation failed; retrying later', { error: error.message });
    }
  };
  await settle();
  const settler = setInterval(settle, 30_000);
  settler.unref();

  await new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolveListen);
  });
  const address = server.address();
  log('info', 'listening', { url: `http://${address.address}:${address.port}`, organization: config.organization, publicUrl: config.publicUrl });
  return {
    url: `http://${address.address}:${address.port}`,
    metrics,
    async close() {
      clearInterval(settler);
      await new Promise((r) => server.close(r));
      server.closeAllConnections?.();
      chain.disconnect();
      index.close();
    },
  };
}
