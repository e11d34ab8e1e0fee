//! # Medchain record protocol, version 1
//!
//! The off-chain half of a Medchain record, as specified in `docs/record-protocol.md`:
//!
//! - [`commit`]: the salted content hash that `Records::anchor_record` stores;
//! - [`seal`] / [`open`]: the record encrypted under a fresh data key, bound to the patient, the
//!   record and its category, and checked against its commitment when opened;
//! - [`seal_pointer`] / [`open_pointer`]: the blob's URI, encrypted under the same key, sized for
//!   the chain's `MaxPointerLen`;
//! - [`wrap`] / [`unwrap`]: HPKE (RFC 9180) envelopes of the data key for one grantee's X25519 key,
//!   bound to the chain, the record, the grantee and the key version;
//! - [`derive_x25519`] / [`public_key`]: the X25519 key that the account's recovery phrase yields.
//!
//! Every random value comes from the caller's RNG ([`rand_core::CryptoRngCore`]), so that the test
//! vectors ([`vectors`]) are reproducible. All cryptography is done by maintained crates (`hpke`,
//! `chacha20poly1305`, `hkdf`, `blake2`, `substrate-bip39`); RFC 8785 canonical JSON by
//! `serde_json_canonicalizer`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod canonical;
mod category;
mod content;
mod envelope;
mod error;
mod keys;
mod pointer;
pub mod vectors;

pub use canonical::canonical_json;
pub use category::DataCategory;
pub use content::{
	commit, content_associated_data, open, seal, seal_with_key, Kind, Record, Sealed,
};
pub use envelope::{envelope_key_version, unwrap, wrap, EnvelopeContext};
pub use error::{Error, Format};
pub use keys::{
	derive_x25519, derive_x25519_from_seed, mini_secret_seed, public_key, DataKey, X25519Secret,
};
pub use pointer::{open_pointer, pointer_associated_data, seal_pointer};
pub use rand_core;

/// The version byte that leads every sealed blob, pointer and envelope of this protocol.
pub const PROTOCOL_VERSION: u8 = 0x01;

/// Domain tag of the content commitment.
pub const COMMIT_TAG: &[u8] = b"medchain/record/v1/commit";
/// Domain tag of the sealed blob's associated data.
pub const CONTENT_TAG: &[u8] = b"medchain/record/v1/content";
/// Domain tag of the pointer's associated data.
pub const POINTER_TAG: &[u8] = b"medchain/record/v1/pointer";
/// Domain tag of the HPKE `info` of a key envelope.
pub const ENVELOPE_TAG: &[u8] = b"medchain/record/v1/envelope";
/// HKDF salt of the X25519 key derivation.
pub const KDF_SALT: &[u8] = b"medchain/record/v1/kdf";
/// HKDF info prefix of the X25519 key derivation (the key version follows, u32 little-endian).
pub const KDF_INFO: &[u8] = b"x25519 key-agreement";

/// Bytes of a content salt.
pub const SALT_LEN: usize = 32;
/// Bytes of an XChaCha20-Poly1305 nonce.
pub const NONCE_LEN: usize = 24;
/// Bytes of a Poly1305 tag.
pub const TAG_LEN: usize = 16;
/// The runtime's `MaxPointerLen`: the longest pointer the chain stores.
pub const MAX_POINTER_LEN: usize = 256;
/// The longest URI a pointer can carry: `MAX_POINTER_LEN - 1 - NONCE_LEN - TAG_LEN` = 215 bytes.
pub const MAX_URI_LEN: usize = MAX_POINTER_LEN - 1 - NONCE_LEN - TAG_LEN;
/// The runtime's `MaxEnvelopeLen`: the longest envelope the chain stores.
pub const MAX_ENVELOPE_LEN: usize = 256;
/// Bytes of a version 1 envelope: version, key version, `enc` and the sealed 32-byte key.
pub const ENVELOPE_LEN: usize = 1 + 4 + 32 + 32 + TAG_LEN;

/// A blake2b-256 hash (the chain's `H256`).
pub type Hash = [u8; 32];
/// 32 bytes that name a party: a patient id, or an account id (`AccountId32`).
pub type Id = [u8; 32];
