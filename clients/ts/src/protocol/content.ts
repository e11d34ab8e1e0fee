/**
 * The content commitment and the sealed record blob (docs/record-protocol.md §3 and §4).
 *
 * @module
 */
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { blake2b } from "@noble/hashes/blake2.js";
import { randomBytes } from "@noble/hashes/utils.js";
import { bytesEqual, concatBytes, expectByteArray, expectBytes, InvalidArgumentError, utf8 } from "../bytes.js";
import { canonicalJson } from "./canonical.js";
import { type CategoryInput, categoryIndex } from "./category.js";
import {
  COMMIT_TAG,
  CONTENT_TAG,
  DATA_KEY_LEN,
  ID_LEN,
  MIN_BLOB_LEN,
  NONCE_LEN,
  PROTOCOL_VERSION,
  SALT_LEN,
} from "./constants.js";
import { RecordProtocolError } from "./errors.js";

/** What the body of a record is: its byte in the commitment and the sealed plaintext. */
export const Kind = {
  /** Raw bytes (a PDF, an image, anything): the body is the bytes. */
  Raw: 0x00,
  /** A FHIR JSON resource: the body is its RFC 8785 canonical JSON. */
  Fhir: 0x01,
} as const;
/** A content kind: `Kind.Raw` (0) or `Kind.Fhir` (1). */
export type Kind = (typeof Kind)[keyof typeof Kind];

/** A record as committed and sealed. */
export interface RecordContent {
  /** 32 random bytes that never go on chain: without them the content hash confirms nothing. */
  salt: Uint8Array;
  /** What the body is. */
  kind: Kind;
  /** The bytes committed to: canonical JSON for {@link Kind.Fhir}, the input for raw bytes. */
  body: Uint8Array;
}

/** A sealed record: what to anchor, the data key, and the blob to store off chain. */
export interface Sealed {
  /** The content hash to anchor. */
  contentHash: Uint8Array;
  /** The record's data key `K` (for the pointer and the envelopes). */
  key: Uint8Array;
  /** `0x01 || nonce || XChaCha20-Poly1305(K, nonce, salt || kind || body, ad)`. */
  blob: Uint8Array;
}

const COMMIT_TAG_BYTES = utf8(COMMIT_TAG);
const CONTENT_TAG_BYTES = utf8(CONTENT_TAG);

function expectKind(kind: unknown): Kind {
  if (kind !== Kind.Raw && kind !== Kind.Fhir) {
    throw new InvalidArgumentError("kind", `Kind.Raw (0) or Kind.Fhir (1) expected, not ${String(kind)}`);
  }
  return kind;
}

/**
 * A fresh random data key `K` (32 bytes from the platform's CSPRNG).
 *
 * @returns the key.
 */
export function generateDataKey(): Uint8Array {
  return randomBytes(DATA_KEY_LEN);
}

/**
 * The content commitment: `blake2b_256("medchain/record/v1/commit" || salt || kind || body)`.
 *
 * @param salt - the record's 32-byte salt.
 * @param kind - the content kind.
 * @param body - the body in its committed form (canonical JSON for FHIR: see {@link createRecord}).
 * @returns the 32-byte content hash, as `anchor_record` takes it.
 * @throws {@link InvalidArgumentError} if the salt is not 32 bytes or the kind is unknown.
 */
export function commit(salt: Uint8Array, kind: Kind, body: Uint8Array): Uint8Array {
  expectBytes(salt, SALT_LEN, "salt");
  expectByteArray(body, "body");
  return commitBytes(salt, expectKind(kind), body);
}

/** The commitment over any kind byte (an opened blob may carry one this version does not know). */
function commitBytes(salt: Uint8Array, kind: number, body: Uint8Array): Uint8Array {
  return blake2b
    .create({ dkLen: ID_LEN })
    .update(COMMIT_TAG_BYTES)
    .update(salt)
    .update(Uint8Array.of(kind))
    .update(body)
    .digest();
}

/** Options of {@link createRecord}. */
export interface CreateRecordOptions {
  /**
   * The 32-byte salt. Leave it out in production: a fresh random one is drawn. Give it only to
   * reproduce a known commitment (test vectors).
   */
  salt?: Uint8Array;
}

/**
 * A record of a kind, with its body in committed form: FHIR input is canonicalised (RFC 8785),
 * raw input is copied.
 *
 * @param kind - the content kind.
 * @param input - the resource's JSON (bytes or string) for FHIR; the bytes for raw.
 * @param options - an explicit salt (deterministic use only).
 * @returns the record.
 * @throws {@link RecordProtocolError} `InvalidJson`, `DuplicateMember` or `NotAFhirResource` for
 *   FHIR input that {@link canonicalJson} refuses.
 * @throws {@link InvalidArgumentError} for a salt that is not 32 bytes, an unknown kind, or raw
 *   input that is not a `Uint8Array`.
 */
export function createRecord(kind: Kind, input: Uint8Array | string, options: CreateRecordOptions = {}): RecordContent {
  expectKind(kind);
  const salt = options.salt === undefined ? randomBytes(SALT_LEN) : expectBytes(options.salt, SALT_LEN, "salt").slice();
  if (kind === Kind.Fhir) {
    return { salt, kind, body: canonicalJson(input) };
  }
  return { salt, kind, body: expectByteArray(input, "input").slice() };
}

/**
 * The content hash of a record, as anchored on chain.
 *
 * @param record - the record.
 * @returns its 32-byte content hash ({@link commit} of its salt, kind and body).
 * @throws {@link InvalidArgumentError} if the record's salt is not 32 bytes or its kind unknown.
 */
export function recordContentHash(record: RecordContent): Uint8Array {
  return commit(record.salt, record.kind, record.body);
}

/**
 * The sealed blob's associated data (91 bytes):
 * `"medchain/record/v1/content" || patient_id || content_hash || category`.
 *
 * @param patient - the 32-byte patient id.
 * @param contentHash - the record's 32-byte content hash.
 * @param category - the record's category, as anchored.
 * @returns the associated data.
 * @throws {@link InvalidArgumentError} for an id or hash that is not 32 bytes, or an unknown
 *   category name.
 * @throws {@link RecordProtocolError} `UnknownCategory` for an unknown category index.
 */
export function contentAssociatedData(
  patient: Uint8Array,
  contentHash: Uint8Array,
  category: CategoryInput,
): Uint8Array {
  return concatBytes(
    CONTENT_TAG_BYTES,
    expectBytes(patient, ID_LEN, "patient"),
    expectBytes(contentHash, ID_LEN, "contentHash"),
    Uint8Array.of(categoryIndex(category)),
  );
}

/** Options of {@link seal}. */
export interface SealOptions {
  /** The data key `K`. Leave it out in production: a fresh random one is drawn. */
  key?: Uint8Array;
  /**
   * The 24-byte nonce. Leave it out in production: a fresh random one is drawn. A nonce MUST NOT
   * be used twice with one key; give it only to reproduce known bytes (test vectors).
   */
  nonce?: Uint8Array;
}

/**
 * Seals a record for a patient under a data key (fresh unless given), with a fresh nonce.
 *
 * @param patient - the 32-byte patient id.
 * @param category - the record's category, as it will be anchored.
 * @param record - the record (see {@link createRecord}).
 * @param options - an explicit data key and nonce (deterministic use only).
 * @returns the content hash to anchor, the data key and the blob.
 * @throws {@link InvalidArgumentError} for arguments of the wrong size or an unknown category name.
 * @throws {@link RecordProtocolError} `UnknownCategory` for an unknown category index.
 */
export function seal(
  patient: Uint8Array,
  category: CategoryInput,
  record: RecordContent,
  options: SealOptions = {},
): Sealed {
  const key = options.key === undefined ? generateDataKey() : expectBytes(options.key, DATA_KEY_LEN, "key").slice();
  const blob = sealWithKey(key, patient, category, record, { nonce: options.nonce });
  return { contentHash: recordContentHash(record), key, blob };
}

/**
 * Seals a record under a given data key, with a fresh nonce unless one is given.
 *
 * @param key - the record's 32-byte data key `K`.
 * @param patient - the 32-byte patient id.
 * @param category - the record's category, as it will be anchored.
 * @param record - the record.
 * @param options - an explicit 24-byte nonce (deterministic use only; never reuse one).
 * @returns the blob: `0x01 || nonce || ciphertext`, 74 + len(body) bytes.
 * @throws {@link InvalidArgumentError} for arguments of the wrong size or an unknown category name.
 * @throws {@link RecordProtocolError} `UnknownCategory` for an unknown category index.
 */
export function sealWithKey(
  key: Uint8Array,
  patient: Uint8Array,
  category: CategoryInput,
  record: RecordContent,
  options: { nonce?: Uint8Array | undefined } = {},
): Uint8Array {
  expectBytes(key, DATA_KEY_LEN, "key");
  const nonce = options.nonce === undefined ? randomBytes(NONCE_LEN) : expectBytes(options.nonce, NONCE_LEN, "nonce");
  const contentHash = recordContentHash(record);
  const ad = contentAssociatedData(patient, contentHash, category);
  const plaintext = concatBytes(record.salt, Uint8Array.of(record.kind), record.body);
  const ciphertext = xchacha20poly1305(key, nonce, ad).encrypt(plaintext);
  plaintext.fill(0);
  return concatBytes(Uint8Array.of(PROTOCOL_VERSION), nonce, ciphertext);
}

/**
 * Opens a sealed blob and checks it against the record's content hash (§4, "Opening").
 *
 * @param key - the record's 32-byte data key `K`.
 * @param patient - the 32-byte patient id, from the chain.
 * @param contentHash - the anchored 32-byte content hash, from the chain.
 * @param category - the record's category, from the chain.
 * @param blob - the sealed blob.
 * @returns the record: salt, kind and body.
 * @throws {@link RecordProtocolError} in the order of the checks: `Truncated` (empty),
 *   `UnsupportedVersion`, `Truncated` (under 74 bytes), `ContentAuthentication`,
 *   `CommitmentMismatch`, `UnknownKind`, then for FHIR any error of {@link canonicalJson} and
 *   `NotCanonical`; `UnknownCategory` for an unknown category index.
 * @throws {@link InvalidArgumentError} for arguments of the wrong size or an unknown category name.
 */
export function open(
  key: Uint8Array,
  patient: Uint8Array,
  contentHash: Uint8Array,
  category: CategoryInput,
  blob: Uint8Array,
): RecordContent {
  expectBytes(key, DATA_KEY_LEN, "key");
  const ad = contentAssociatedData(patient, contentHash, category);
  expectByteArray(blob, "blob");
  const truncated = () => new RecordProtocolError({ code: "Truncated", format: "blob", len: blob.length });
  if (blob.length === 0) {
    throw truncated();
  }
  if (blob[0] !== PROTOCOL_VERSION) {
    throw new RecordProtocolError({ code: "UnsupportedVersion", format: "blob", found: blob[0] ?? 0 });
  }
  if (blob.length < MIN_BLOB_LEN) {
    throw truncated();
  }
  let plaintext: Uint8Array;
  try {
    plaintext = xchacha20poly1305(key, blob.subarray(1, 1 + NONCE_LEN), ad).decrypt(blob.subarray(1 + NONCE_LEN));
  } catch (error) {
    throw new RecordProtocolError({ code: "ContentAuthentication" }, { cause: error });
  }
  const salt = plaintext.slice(0, SALT_LEN);
  const kind = plaintext[SALT_LEN] ?? 0;
  const body = plaintext.slice(SALT_LEN + 1);
  plaintext.fill(0);
  if (!bytesEqual(commitBytes(salt, kind, body), contentHash)) {
    throw new RecordProtocolError({ code: "CommitmentMismatch" });
  }
  if (kind !== Kind.Raw && kind !== Kind.Fhir) {
    throw new RecordProtocolError({ code: "UnknownKind", kind });
  }
  if (kind === Kind.Fhir && !bytesEqual(canonicalJson(body), body)) {
    throw new RecordProtocolError({ code: "NotCanonical" });
  }
  return { salt, kind, body };
}
