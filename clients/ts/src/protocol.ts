/**
 * The Medchain record protocol, version 1 (docs/record-protocol.md), byte for byte as the
 * reference crate `medchain-record-protocol` (clients/rust) implements it:
 *
 * - {@link commit} / {@link createRecord}: the salted content hash that `anchor_record` stores,
 *   over raw bytes or a FHIR resource's RFC 8785 canonical JSON;
 * - {@link seal} / {@link open}: the record encrypted under a fresh data key, bound to the
 *   patient, the record and its category, and checked against its commitment when opened;
 * - {@link sealPointer} / {@link openPointer}: the blob's URI, encrypted under the same key;
 * - {@link wrap} / {@link unwrap}: HPKE (RFC 9180) envelopes of the data key for one grantee's
 *   X25519 key, bound to the chain, the record, the grantee and the key version;
 * - {@link deriveX25519} / {@link x25519PublicKey}: the X25519 key a recovery phrase yields.
 *
 * Every refusal is a {@link RecordProtocolError} whose `code` names the check, as the variants of
 * the reference crate's `Error`. Random values come from the platform's CSPRNG; the explicit
 * `salt`, `key`, `nonce` and `ikmE` options exist to reproduce the test vectors and MUST NOT be
 * used to reuse a value across records.
 *
 * @module
 */
export * from "./protocol/constants.js";
export * from "./protocol/errors.js";
export * from "./protocol/category.js";
export * from "./protocol/canonical.js";
export * from "./protocol/content.js";
export * from "./protocol/pointer.js";
export * from "./protocol/envelope.js";
export * from "./protocol/keys.js";
