/**
 * The on-chain pointer: the blob's URI, encrypted under the record's data key
 * (docs/record-protocol.md §5).
 *
 * @module
 */
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { randomBytes } from "@noble/hashes/utils.js";
import { concatBytes, decodeUtf8, expectByteArray, expectBytes, utf8 } from "../bytes.js";
import {
  DATA_KEY_LEN,
  ID_LEN,
  MAX_POINTER_LEN,
  MAX_URI_LEN,
  MIN_POINTER_LEN,
  NONCE_LEN,
  POINTER_TAG,
  PROTOCOL_VERSION,
} from "./constants.js";
import { RecordProtocolError } from "./errors.js";

const POINTER_TAG_BYTES = utf8(POINTER_TAG);

/**
 * The pointer's associated data (90 bytes):
 * `"medchain/record/v1/pointer" || patient_id || content_hash`.
 *
 * @param patient - the 32-byte patient id.
 * @param contentHash - the record's 32-byte content hash.
 * @returns the associated data.
 * @throws {@link InvalidArgumentError} if either is not 32 bytes.
 */
export function pointerAssociatedData(patient: Uint8Array, contentHash: Uint8Array): Uint8Array {
  return concatBytes(
    POINTER_TAG_BYTES,
    expectBytes(patient, ID_LEN, "patient"),
    expectBytes(contentHash, ID_LEN, "contentHash"),
  );
}

/** Options of {@link sealPointer}. */
export interface SealPointerOptions {
  /**
   * The 24-byte nonce. Leave it out in production: a fresh random one is drawn. A nonce MUST NOT
   * be used twice with one key; give it only to reproduce known bytes (test vectors).
   */
  nonce?: Uint8Array;
}

/**
 * Encrypts a blob's URI into the pointer to anchor: `0x01 || nonce || XChaCha20-Poly1305(uri)`,
 * at most 256 bytes.
 *
 * @param key - the record's 32-byte data key `K`.
 * @param patient - the 32-byte patient id.
 * @param contentHash - the record's 32-byte content hash.
 * @param uri - the blob's URI (its UTF-8 bytes are encrypted).
 * @param options - an explicit nonce (deterministic use only).
 * @returns the pointer, 41 + len(uri) bytes.
 * @throws {@link RecordProtocolError} `UriTooLong` if the URI has more than 215 UTF-8 bytes.
 * @throws {@link InvalidArgumentError} for arguments of the wrong size, or a URI with a lone
 *   surrogate.
 */
export function sealPointer(
  key: Uint8Array,
  patient: Uint8Array,
  contentHash: Uint8Array,
  uri: string,
  options: SealPointerOptions = {},
): Uint8Array {
  expectBytes(key, DATA_KEY_LEN, "key");
  const ad = pointerAssociatedData(patient, contentHash);
  const bytes = utf8(uri, "uri");
  if (bytes.length > MAX_URI_LEN) {
    throw new RecordProtocolError({ code: "UriTooLong", len: bytes.length, max: MAX_URI_LEN });
  }
  const nonce = options.nonce === undefined ? randomBytes(NONCE_LEN) : expectBytes(options.nonce, NONCE_LEN, "nonce");
  const ciphertext = xchacha20poly1305(key, nonce, ad).encrypt(bytes);
  return concatBytes(Uint8Array.of(PROTOCOL_VERSION), nonce, ciphertext);
}

/**
 * Decrypts a pointer back to its URI.
 *
 * @param key - the record's 32-byte data key `K`.
 * @param patient - the 32-byte patient id, from the chain.
 * @param contentHash - the record's 32-byte content hash, from the chain.
 * @param pointer - the pointer, from the chain.
 * @returns the URI.
 * @throws {@link RecordProtocolError} in the order of the checks: `PointerTooLong` (over 256
 *   bytes), `Truncated` (empty), `UnsupportedVersion`, `Truncated` (under 41 bytes),
 *   `PointerAuthentication`, `PointerNotUtf8`.
 * @throws {@link InvalidArgumentError} for a key, id or hash that is not 32 bytes.
 */
export function openPointer(
  key: Uint8Array,
  patient: Uint8Array,
  contentHash: Uint8Array,
  pointer: Uint8Array,
): string {
  expectBytes(key, DATA_KEY_LEN, "key");
  const ad = pointerAssociatedData(patient, contentHash);
  expectByteArray(pointer, "pointer");
  if (pointer.length > MAX_POINTER_LEN) {
    throw new RecordProtocolError({ code: "PointerTooLong", len: pointer.length });
  }
  const truncated = () => new RecordProtocolError({ code: "Truncated", format: "pointer", len: pointer.length });
  if (pointer.length === 0) {
    throw truncated();
  }
  if (pointer[0] !== PROTOCOL_VERSION) {
    throw new RecordProtocolError({ code: "UnsupportedVersion", format: "pointer", found: pointer[0] ?? 0 });
  }
  if (pointer.length < MIN_POINTER_LEN) {
    throw truncated();
  }
  let bytes: Uint8Array;
  try {
    bytes = xchacha20poly1305(key, pointer.subarray(1, 1 + NONCE_LEN), ad).decrypt(pointer.subarray(1 + NONCE_LEN));
  } catch (error) {
    throw new RecordProtocolError({ code: "PointerAuthentication" }, { cause: error });
  }
  const uri = decodeUtf8(bytes);
  if (uri === undefined) {
    throw new RecordProtocolError({ code: "PointerNotUtf8" });
  }
  return uri;
}
