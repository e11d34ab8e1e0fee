/**
 * The constants of the record protocol, version 1 (docs/record-protocol.md §1).
 *
 * @module
 */

/** The version byte that leads every sealed blob, pointer and envelope of this protocol. */
export const PROTOCOL_VERSION = 0x01;

/** Domain tag of the content commitment (25 ASCII bytes). */
export const COMMIT_TAG = "medchain/record/v1/commit";
/** Domain tag of the sealed blob's associated data (26 ASCII bytes). */
export const CONTENT_TAG = "medchain/record/v1/content";
/** Domain tag of the pointer's associated data (26 ASCII bytes). */
export const POINTER_TAG = "medchain/record/v1/pointer";
/** Domain tag of the HPKE `info` of a key envelope (27 ASCII bytes). */
export const ENVELOPE_TAG = "medchain/record/v1/envelope";
/** HKDF salt of the X25519 key derivation (22 ASCII bytes). */
export const KDF_SALT = "medchain/record/v1/kdf";
/** HKDF info prefix of the X25519 key derivation; the key version follows as a u32 LE. */
export const KDF_INFO = "x25519 key-agreement";

/** Bytes of a content hash, a patient id, an account id and a genesis hash. */
export const ID_LEN = 32;
/** Bytes of a content salt. */
export const SALT_LEN = 32;
/** Bytes of a record's data key `K`. */
export const DATA_KEY_LEN = 32;
/** Bytes of an X25519 secret or public key. */
export const X25519_KEY_LEN = 32;
/** Bytes of an XChaCha20-Poly1305 nonce. */
export const NONCE_LEN = 24;
/** Bytes of a Poly1305 tag. */
export const TAG_LEN = 16;
/** The shortest sealed blob: version, nonce, salt, kind and tag (an empty body). */
export const MIN_BLOB_LEN = 1 + NONCE_LEN + SALT_LEN + 1 + TAG_LEN;
/** The runtime's `MaxPointerLen`: the longest pointer the chain stores. */
export const MAX_POINTER_LEN = 256;
/** The shortest pointer: version, nonce and tag (an empty URI). */
export const MIN_POINTER_LEN = 1 + NONCE_LEN + TAG_LEN;
/** The longest URI a pointer can carry: `MAX_POINTER_LEN − 1 − NONCE_LEN − TAG_LEN` = 215 bytes. */
export const MAX_URI_LEN = MAX_POINTER_LEN - 1 - NONCE_LEN - TAG_LEN;
/** The runtime's `MaxEnvelopeLen`: the longest envelope the chain stores. */
export const MAX_ENVELOPE_LEN = 256;
/** Bytes of a version 1 envelope: version, key version, `enc` and the sealed 32-byte key. */
export const ENVELOPE_LEN = 1 + 4 + X25519_KEY_LEN + DATA_KEY_LEN + TAG_LEN;
/** Bytes of an envelope's HPKE `info`. */
export const ENVELOPE_INFO_LEN = ENVELOPE_TAG.length + 4 * ID_LEN + 4;
