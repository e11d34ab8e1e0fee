/**
 * Records on chain with the record protocol v1: anchoring a sealed record with the patient's
 * envelope, the key directory, sharing a record's key with a reader, reading and verifying a
 * record, and the access log as FHIR `AuditEvent`s.
 */
import { ss58Decode } from "@polkadot-labs/hdkd-helpers";
import type { PolkadotSigner } from "polkadot-api";
import { ChainCallError, findEvent, moduleError, pages, submit, type Inclusion, type MedchainApi } from "./chain.js";
import { fromHex, toHex } from "./bytes.js";

/** 0x hex, as polkadot-api takes fixed-size byte arguments. */
const hex0x = (bytes: Uint8Array) => `0x${toHex(bytes)}` as `0x${string}`;
import { PURPOSE_OF_USE, type Category, type Purpose } from "./consent.js";
import {
  createRecord,
  deriveX25519,
  Kind,
  open,
  openPointer,
  seal,
  sealPointer,
  unwrap,
  unwrapWithPhrase,
  wrap,
  x25519PublicKey,
} from "./protocol.js";

/** A record on chain: its patient (0x hex) and id. */
export interface RecordRef {
  patient: string;
  id: bigint;
}

/** Where sealed blobs are kept (a blob directory, an object store). */
export interface BlobStore {
  /** Stores a blob and returns its URI (at most 215 UTF-8 bytes, to fit the pointer). */
  put(blob: Uint8Array): Promise<string>;
  /** The blob at a URI. */
  get(uri: string): Promise<Uint8Array>;
}

/** The 32-byte account id of an SS58 address. */
export function accountIdOf(address: string): Uint8Array {
  return ss58Decode(address)[0];
}

/** The chain's genesis hash (what every envelope is bound to), read from `System.BlockHash(0)`. */
export async function genesisHashOf(api: MedchainApi): Promise<Uint8Array> {
  return fromHex(await api.query.System.BlockHash.getValue(0));
}

const e = <T extends string>(type: T) => ({ type, value: undefined }) as never;

/** An envelope as polkadot-api decodes `Option<KeyEnvelope>`: the one-field struct unwrapped to its bytes. */
const envelopeOf = (answer: unknown): Uint8Array | undefined =>
  answer instanceof Uint8Array ? answer : (answer as { envelope?: Uint8Array } | undefined)?.envelope;

/** What {@link anchorWithKey} anchored. */
export interface Anchored {
  /** The new record. */
  record: RecordRef;
  /** Its content hash. */
  contentHash: Uint8Array;
  /** Its data key `K` (the author should forget it unless it must keep it). */
  key: Uint8Array;
  /** The blob's URI. */
  uri: string;
  /** The transaction. */
  inclusion: Inclusion;
}

/**
 * The author's path (SPEC §7.2): seals `content` for the patient, stores the blob, encrypts its
 * URI into the pointer, wraps the data key for the patient's X25519 key and anchors it all with
 * `Records.anchor_record_with_key`.
 *
 * @param options.patient - the patient id (0x hex).
 * @param options.patientKey - the patient's X25519 `encryption_key` and its version (0 unless rotated).
 * @param options.content - a FHIR resource (object or JSON text; canonicalised) or raw bytes.
 * @param options.txOptions - polkadot-api's transaction options (`nonce`, `tip`, …).
 * @throws {ChainCallError} when the chain refuses (e.g. `Records.NoWriteConsent`); any
 *   `RecordProtocolError` of sealing (e.g. a FHIR resource with a duplicate member).
 */
export async function anchorWithKey(
  api: MedchainApi,
  signer: PolkadotSigner,
  options: {
    patient: string;
    category: Category;
    content: Record<string, unknown> | string | Uint8Array;
    patientKey: { key: Uint8Array; version: number };
    store: BlobStore;
    supersedes?: bigint;
    txOptions?: Record<string, unknown>;
    /**
     * Called once the blob is stored and before the transaction is signed, with what a
     * custodian must keep to find the record again after a crash (its content hash, data key
     * and URI); a rejection stops the anchoring.
     */
    onSealed?: (sealed: { contentHash: Uint8Array; key: Uint8Array; uri: string }) => Promise<void>;
  },
): Promise<Anchored> {
  const patient = fromHex(options.patient);
  const record =
    options.content instanceof Uint8Array
      ? createRecord(Kind.Raw, options.content)
      : createRecord(Kind.Fhir, typeof options.content === "string" ? options.content : JSON.stringify(options.content));
  const sealed = seal(patient, options.category, record);
  const uri = await options.store.put(sealed.blob);
  await options.onSealed?.({ contentHash: sealed.contentHash, key: sealed.key, uri });
  const pointer = sealPointer(sealed.key, patient, sealed.contentHash, uri);
  const envelope = await wrap(
    options.patientKey.key,
    {
      genesisHash: await genesisHashOf(api),
      patient,
      contentHash: sealed.contentHash,
      grantee: patient,
      keyVersion: options.patientKey.version,
    },
    sealed.key,
  );
  const inclusion = await submit(
    api.tx.Records.anchor_record_with_key({
      patient: options.patient as `0x${string}`,
      category: e(options.category),
      content_hash: hex0x(sealed.contentHash),
      pointer,
      supersedes: options.supersedes,
      patient_envelope: envelope,
    }),
    signer,
    { txOptions: options.txOptions },
  );
  const anchored = findEvent<{ record: bigint }>(inclusion, "Records", "RecordAnchored");
  if (!inclusion.ok || !anchored) throw new ChainCallError(inclusion, "anchor_record_with_key");
  return { record: { patient: options.patient, id: anchored.record }, contentHash: sealed.contentHash, key: sealed.key, uri, inclusion };
}

/**
 * The envelope the record's author left for the patient, as the patient's controller `reader`
 * may read it (`RecordsApi.patient_key`, at the best block); `undefined` if none is handed out.
 */
export async function readPatientKey(api: MedchainApi, record: RecordRef, reader: string): Promise<Uint8Array | undefined> {
  return envelopeOf(await api.apis.RecordsApi.patient_key(record as never, reader, { at: "best" }));
}

/**
 * `grantee`'s envelope for the record, while its consent for `purpose` allows
 * (`RecordsApi.record_key`, at the best block); `undefined` otherwise.
 */
export async function readRecordKey(
  api: MedchainApi,
  record: RecordRef,
  grantee: string,
  purpose: Purpose,
): Promise<Uint8Array | undefined> {
  return envelopeOf(await api.apis.RecordsApi.record_key(record as never, grantee, e(purpose), { at: "best" }));
}

/** A key in the key directory. */
export interface ReaderKey {
  key: Uint8Array;
  version: number;
  org: number;
  service: boolean;
}

/** `owner`'s current key-agreement key (`RecordsApi.reader_key`), or `undefined`. */
export async function readerKey(api: MedchainApi, owner: string): Promise<ReaderKey | undefined> {
  const k = (await api.apis.RecordsApi.reader_key(owner, { at: "best" })) as
    | { key: string; version: number; org: number; service: boolean }
    | undefined;
  return k && { key: fromHex(k.key), version: k.version, org: k.org, service: k.service };
}

/**
 * Publishes (or rotates to) the X25519 key of version `version` derived from the practitioner's
 * recovery phrase (`Records.publish_reader_key`).
 *
 * @param txOptions - polkadot-api's transaction options (`nonce`, `tip`, …).
 * @throws {ChainCallError} when the chain refuses (e.g. `Records.KeyVersionNotNewer`).
 */
export async function publishReaderKey(
  api: MedchainApi,
  signer: PolkadotSigner,
  phrase: string,
  version: number,
  txOptions?: Record<string, unknown>,
): Promise<Inclusion> {
  const secret = deriveX25519(phrase, version);
  const key = x25519PublicKey(secret);
  secret.fill(0);
  const inclusion = await submit(api.tx.Records.publish_reader_key({ key: hex0x(key), version }), signer, { txOptions });
  if (!inclusion.ok) throw new ChainCallError(inclusion, "publish_reader_key");
  return inclusion;
}

/** One read for {@link logReads}: the record read and why. */
export interface LoggedRead {
  record: RecordRef;
  purpose: Purpose;
}

/** A read {@link logReads} could not log, with the chain's reason. */
export interface RefusedRead {
  /** Its index in the reads given. */
  index: number;
  read: LoggedRead;
  /** The `Records` error, as `log_access` would give it (e.g. `NoConsent`, `TooManyLogEntries`). */
  error: string;
}

/** What {@link logReads} did: the reads logged (as their index) and those refused. */
export interface ReadsLogged {
  logged: number[];
  refused: RefusedRead[];
  /** The inclusions of the transactions, in order. */
  inclusions: Inclusion[];
}

/**
 * Logs the signer's reads in the patients' access logs, many per transaction
 * (`Records.log_access_batch`, at most the runtime's `MaxReadsPerBatch` each): the way a
 * gateway logs every read of a block at once. Each read is checked by the chain as
 * `log_access` checks it; one that is refused is reported in `refused` and the others are
 * logged. A read should be served only once it is logged.
 *
 * @param txOptions - polkadot-api's transaction options for every transaction (no `nonce`: the
 *   transactions go one after the other).
 * @throws {ChainCallError} when a whole transaction fails (e.g. the signer cannot pay its fee).
 */
export async function logReads(
  api: MedchainApi,
  signer: PolkadotSigner,
  reads: LoggedRead[],
  txOptions?: Record<string, unknown>,
): Promise<ReadsLogged> {
  const most = Number(await api.constants.Records.MaxReadsPerBatch());
  const result: ReadsLogged = { logged: [], refused: [], inclusions: [] };
  for (let start = 0; start < reads.length; start += most) {
    const chunk = reads.slice(start, start + most);
    const inclusion = await submit(
      api.tx.Records.log_access_batch({
        reads: chunk.map((r) => ({ record: r.record as never, purpose: e(r.purpose) })) as never,
      }),
      signer,
      { txOptions },
    );
    if (!inclusion.ok) throw new ChainCallError(inclusion, "log_access_batch");
    result.inclusions.push(inclusion);
    const refused = new Map<number, string>();
    for (const ev of inclusion.events) {
      if (ev.type !== "Records" || ev.value.type !== "ReadNotLogged") continue;
      const v = ev.value.value as { index: number; error: { type: string; value: unknown } };
      refused.set(v.index, moduleError(v.error)?.name ?? v.error.type);
    }
    chunk.forEach((read, i) => {
      const error = refused.get(i);
      if (error === undefined) result.logged.push(start + i);
      else result.refused.push({ index: start + i, read, error });
    });
  }
  return result;
}

/**
 * Shares a record's data key with a reader: wraps `key` to the reader's current key in the key
 * directory and stores the envelope (`Records.share_record_key`, a controller's free call).
 *
 * @throws {Error} when the reader has no key in the directory.
 * @throws {ChainCallError} when the chain refuses (e.g. `Records.GranteeNotPermitted` without a
 *   consent).
 */
export async function shareRecordKey(
  api: MedchainApi,
  signer: PolkadotSigner,
  options: {
    record: RecordRef;
    contentHash: Uint8Array;
    key: Uint8Array;
    reader: string;
    purpose: Purpose;
    /** polkadot-api's transaction options (`nonce`, `tip`, …). */
    txOptions?: Record<string, unknown>;
  },
): Promise<Inclusion> {
  const directory = await readerKey(api, options.reader);
  if (!directory) throw new Error(`${options.reader} has published no key in the key directory`);
  const envelope = await wrap(
    directory.key,
    {
      genesisHash: await genesisHashOf(api),
      patient: fromHex(options.record.patient),
      contentHash: options.contentHash,
      grantee: accountIdOf(options.reader),
      keyVersion: directory.version,
    },
    options.key,
  );
  const inclusion = await submit(
    api.tx.Records.share_record_key({
      record: options.record as never,
      grantee: options.reader,
      envelope,
      purpose: e(options.purpose),
    }),
    signer,
    { txOptions: options.txOptions },
  );
  if (!inclusion.ok) throw new ChainCallError(inclusion, "share_record_key");
  return inclusion;
}

/** A record read back and checked. */
export interface OpenedRecord {
  /** The committed body (canonical JSON for a FHIR resource). */
  body: Uint8Array;
  /** The FHIR resource, for a FHIR record. */
  resource?: unknown;
  /** The record's data key. */
  key: Uint8Array;
  /** The content hash, checked against the blob. */
  contentHash: Uint8Array;
  /** What the chain says (`Match`, `Superseded`, `EnteredInError`, …). */
  verification: string;
}

/**
 * Reads a record with an envelope: unwraps the data key (with the reader's phrase, or an X25519
 * secret and key version), decrypts the pointer, fetches and opens the blob (checking it against
 * the anchored content hash), and asks `RecordsApi.verify_record`.
 *
 * @param grantee - the envelope's grantee: the patient id (0x hex) for the patient's envelope, or
 *   the reader's SS58 address.
 * @throws any `RecordProtocolError` of unwrapping or opening (e.g. `EnvelopeAuthentication` for an
 *   envelope made for another record or reader); `Error` when the record is not on chain.
 */
export async function openRecord(
  api: MedchainApi,
  record: RecordRef,
  envelope: Uint8Array,
  options: { grantee: string; store: BlobStore; phrase?: string; secret?: { key: Uint8Array; version: number } },
): Promise<OpenedRecord> {
  const [view] = (await api.apis.RecordsApi.records_of(record.patient as `0x${string}`, record.id, 1, { at: "best" })) as unknown as {
    id: bigint;
    category: { type: Category };
    content_hash: string;
    pointer: Uint8Array;
  }[];
  if (!view || view.id !== record.id) throw new Error(`record ${record.id} of ${record.patient} is not on chain`);
  const patient = fromHex(record.patient);
  const contentHash = fromHex(view.content_hash);
  const context = {
    genesisHash: await genesisHashOf(api),
    patient,
    contentHash,
    grantee: options.grantee.startsWith("0x") ? fromHex(options.grantee) : accountIdOf(options.grantee),
  };
  const key = options.phrase
    ? (await unwrapWithPhrase(envelope, context, options.phrase)).key
    : options.secret
      ? await unwrap(envelope, { ...context, keyVersion: options.secret.version }, options.secret.key)
      : (() => {
          throw new Error("openRecord needs the reader's phrase or secret");
        })();
  const uri = openPointer(key, patient, contentHash, view.pointer);
  const opened = open(key, patient, contentHash, view.category.type, await options.store.get(uri));
  const verification = (await api.apis.RecordsApi.verify_record(record as never, view.content_hash as `0x${string}`, {
    at: "best",
  })) as { type: string };
  return {
    body: opened.body,
    ...(opened.kind === Kind.Fhir ? { resource: JSON.parse(new TextDecoder().decode(opened.body)) } : {}),
    key,
    contentHash,
    verification: verification.type,
  };
}

/** An entry of a patient's access log (`RecordsApi.access_log`). */
export interface AccessLogEntry {
  seq: bigint;
  record: bigint;
  accessor: string;
  purpose: { type: string };
  basis: { type: string; value?: unknown };
  at: bigint;
}

/** The patient's access log, page by page (at the best block), oldest first. */
export async function* accessLog(api: MedchainApi, patient: string, pageSize = 100): AsyncGenerator<AccessLogEntry> {
  yield* pages(
    (from) =>
      api.apis.RecordsApi.access_log(patient as `0x${string}`, from, pageSize, { at: "best" }) as unknown as Promise<
        AccessLogEntry[]
      >,
    (entry) => entry.seq,
  );
}


/**
 * An access-log entry as a FHIR R4 `AuditEvent` in the style of IHE Basic Audit Log Patterns
 * (a RESTful read: type `rest`, subtype `read`): the accessor as the requesting agent with its
 * purpose of use, the patient and the record as entities, and the basis (consent, emergency
 * access or guardianship) as an entity detail.
 */
export function toAuditEvent(patient: string, entry: AccessLogEntry): Record<string, unknown> {
  const basis =
    entry.basis.type === "Consent"
      ? `consent ${String(entry.basis.value)}`
      : entry.basis.type === "Emergency"
        ? `emergency access ${String(entry.basis.value)}`
        : entry.basis.type.toLowerCase();
  return {
    resourceType: "AuditEvent",
    id: `medchain-access-${patient.slice(2, 18)}-${entry.seq}`,
    type: { system: "http://terminology.hl7.org/CodeSystem/audit-event-type", code: "rest", display: "RESTful Operation" },
    subtype: [{ system: "http://hl7.org/fhir/restful-interaction", code: "read", display: "read" }],
    action: "R",
    recorded: new Date(Number(entry.at)).toISOString(),
    outcome: "0",
    agent: [
      {
        type: { coding: [{ system: "http://dicom.nema.org/resources/ontology/DCM", code: "110153", display: "Source Role ID" }] },
        who: { identifier: { system: "urn:medchain:account", value: entry.accessor } },
        requestor: true,
        purposeOfUse: [
          { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ActReason", code: PURPOSE_OF_USE[entry.purpose.type as Purpose] ?? entry.purpose.type }] },
        ],
      },
    ],
    source: { observer: { display: "Medchain Records pallet (on-chain access log)" } },
    entity: [
      {
        what: { identifier: { system: "urn:medchain:patient", value: patient } },
        type: { system: "http://terminology.hl7.org/CodeSystem/audit-entity-type", code: "1", display: "Person" },
        role: { system: "http://terminology.hl7.org/CodeSystem/object-role", code: "1", display: "Patient" },
      },
      {
        what: { identifier: { system: "urn:medchain:record", value: `${patient}/${entry.record}` } },
        type: { system: "http://terminology.hl7.org/CodeSystem/audit-entity-type", code: "2", display: "System Object" },
        role: { system: "http://terminology.hl7.org/CodeSystem/object-role", code: "4", display: "Domain Resource" },
        detail: [{ type: "basis", valueString: basis }, { type: "sequence", valueString: String(entry.seq) }],
      },
    ],
  };
}

/**
 * Log entries as a FHIR R4 `searchset` Bundle of {@link toAuditEvent}s: what a patient
 * downloads as their access log, or an audit repository imports.
 *
 * @param patient - the patient id (0x hex).
 * @param entries - the entries, oldest first (from {@link accessLog}).
 * @param now - the bundle's timestamp (defaults to now).
 */
export function toAuditEventBundle(patient: string, entries: readonly AccessLogEntry[], now = new Date()): Record<string, unknown> {
  return {
    resourceType: "Bundle",
    type: "searchset",
    timestamp: now.toISOString(),
    total: entries.length,
    entry: entries.map((e) => {
      const resource = toAuditEvent(patient, e);
      return { fullUrl: `urn:medchain:audit:${String(resource.id)}`, resource, search: { mode: "match" } };
    }),
  };
}

/** A record as `RecordsApi.records_of` lists it (polkadot-api's decoding). */
export interface RecordView {
  id: bigint;
  category: { type: string };
  content_hash: string;
  pointer: Uint8Array;
  author: string;
  author_org?: number;
  supersedes?: bigint;
  status: { type: string; value?: unknown };
  anchored_at: bigint;
}

/** Every record of the patient, page by page (`RecordsApi.records_of`, at the best block), in order of id. */
export async function* recordsOf(api: MedchainApi, patient: string, pageSize = 100): AsyncGenerator<RecordView> {
  yield* pages(
    (from) =>
      api.apis.RecordsApi.records_of(patient as `0x${string}`, from, pageSize, { at: "best" }) as unknown as Promise<RecordView[]>,
    (r) => r.id,
  );
}

/**
 * The record's data key as the patient holds it: its controller reads the envelope the author
 * left for the patient and unwraps it with the patient's phrase. What a patient app needs to
 * share the key with a reader ({@link shareRecordKey}) without fetching the record itself.
 *
 * @param controller - the patient's controller asking (SS58).
 * @param phrase - the patient's recovery phrase (its X25519 key opens the envelope).
 * @returns the key and the record's content hash, or `undefined` when no patient envelope is
 *   handed out (the record was anchored without one, or erased).
 * @throws any `RecordProtocolError` of unwrapping (e.g. `EnvelopeAuthentication` for a phrase
 *   that is not the patient's).
 */
export async function patientRecordKey(
  api: MedchainApi,
  record: RecordRef,
  controller: string,
  phrase: string,
): Promise<{ key: Uint8Array; contentHash: Uint8Array } | undefined> {
  const envelope = await readPatientKey(api, record, controller);
  if (!envelope) return undefined;
  const [view] = (await api.apis.RecordsApi.records_of(record.patient as `0x${string}`, record.id, 1, { at: "best" })) as unknown as {
    id: bigint;
    content_hash: string;
  }[];
  if (!view || view.id !== record.id) return undefined;
  const patient = fromHex(record.patient);
  const contentHash = fromHex(view.content_hash);
  const { key } = await unwrapWithPhrase(envelope, { genesisHash: await genesisHashOf(api), patient, contentHash, grantee: patient }, phrase);
  return { key, contentHash };
}
