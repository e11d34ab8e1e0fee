//! Key envelopes: the record's data key sealed with HPKE (RFC 9180) for one grantee's key.
//!
//! Suite: base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305, single shot,
//! empty AAD. `info` binds the chain, the patient, the record, the grantee and the key version,
//! so that an envelope copied anywhere else does not open.

use crate::{
	DataKey, Error, Format, Hash, Id, X25519Secret, ENVELOPE_LEN, ENVELOPE_TAG, PROTOCOL_VERSION,
};
use hpke::{Deserializable, OpModeR, OpModeS, Serializable};
use rand_core::CryptoRngCore;
use zeroize::Zeroizing;

type Kem = hpke::kem::X25519HkdfSha256;
type Kdf = hpke::kdf::HkdfSha256;
type Aead = hpke::aead::ChaCha20Poly1305;

/// Everything an envelope is bound to (through HPKE's `info`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EnvelopeContext {
	/// The chain's genesis hash.
	pub genesis_hash: Hash,
	/// The patient the record is about.
	pub patient: Id,
	/// The record, by its content hash (its on-chain id is unknown when the author seals).
	pub content_hash: Hash,
	/// The reader's account id, or the patient id for the envelope to the patient.
	pub grantee: Id,
	/// The version of the grantee's key that the envelope is made for.
	pub key_version: u32,
}

impl EnvelopeContext {
	/// `"medchain/record/v1/envelope" || genesis_hash || patient_id || content_hash || grantee ||
	/// key_version (u32 LE)`: 159 bytes.
	pub fn info(&self) -> Vec<u8> {
		[
			ENVELOPE_TAG,
			&self.genesis_hash,
			&self.patient,
			&self.content_hash,
			&self.grantee,
			&self.key_version.to_le_bytes(),
		]
		.concat()
	}
}

/// Seals `key` for the holder of `recipient` (an X25519 public key):
/// `0x01 || key_version (u32 LE) || enc[32] || ct[48]`, [`ENVELOPE_LEN`] bytes.
///
/// The RNG gives the 32 bytes of HPKE's ephemeral key material (`ikmE`, RFC 9180 §4).
pub fn wrap<R: CryptoRngCore>(
	rng: &mut R,
	recipient: &[u8; 32],
	context: &EnvelopeContext,
	key: &DataKey,
) -> Result<[u8; ENVELOPE_LEN], Error> {
	let recipient = <Kem as hpke::Kem>::PublicKey::from_bytes(recipient)
		.map_err(|_| Error::InvalidRecipientKey)?;
	let (enc, ciphertext) = hpke::single_shot_seal::<Aead, Kdf, Kem, R>(
		&OpModeS::Base,
		&recipient,
		&context.info(),
		key.as_bytes(),
		&[],
		rng,
	)
	.map_err(|e| match e {
		hpke::HpkeError::EncapError => Error::InvalidRecipientKey,
		_ => Error::Crypto("hpke seal"),
	})?;
	let envelope =
		[&[PROTOCOL_VERSION][..], &context.key_version.to_le_bytes(), &enc.to_bytes(), &ciphertext]
			.concat();
	envelope.try_into().map_err(|_| Error::Crypto("hpke output length"))
}

/// The key version an envelope names, so that its reader can pick (or derive) the right secret.
pub fn envelope_key_version(envelope: &[u8]) -> Result<u32, Error> {
	let (version, rest) = envelope
		.split_first()
		.ok_or(Error::Truncated { format: Format::Envelope, len: envelope.len() })?;
	if *version != PROTOCOL_VERSION {
		return Err(Error::UnsupportedVersion { format: Format::Envelope, found: *version });
	}
	let (key_version, _) = rest
		.split_first_chunk::<4>()
		.ok_or(Error::Truncated { format: Format::Envelope, len: envelope.len() })?;
	Ok(u32::from_le_bytes(*key_version))
}

/// Opens an envelope with the grantee's secret key and returns the record's data key.
///
/// The checks, in order: the version byte ([`Error::UnsupportedVersion`]), the length
/// ([`Error::EnvelopeLength`]), the key version against `context.key_version`
/// ([`Error::KeyVersionMismatch`]), then HPKE ([`Error::EnvelopeAuthentication`]), which fails
/// for the wrong secret and for an envelope made for any other context.
pub fn unwrap(
	envelope: &[u8],
	context: &EnvelopeContext,
	secret: &X25519Secret,
) -> Result<DataKey, Error> {
	let key_version = envelope_key_version(envelope)?;
	if envelope.len() != ENVELOPE_LEN {
		return Err(Error::EnvelopeLength { len: envelope.len() });
	}
	if key_version != context.key_version {
		return Err(Error::KeyVersionMismatch {
			envelope: key_version,
			expected: context.key_version,
		});
	}
	let (enc, ciphertext) = envelope
		.get(5..)
		.and_then(|rest| rest.split_first_chunk::<32>())
		.ok_or(Error::EnvelopeLength { len: envelope.len() })?;
	let enc = <Kem as hpke::Kem>::EncappedKey::from_bytes(enc)
		.map_err(|_| Error::EnvelopeAuthentication)?;
	let secret = <Kem as hpke::Kem>::PrivateKey::from_bytes(secret.as_bytes())
		.map_err(|_| Error::Crypto("x25519 secret length"))?;
	let key = Zeroizing::new(
		hpke::single_shot_open::<Aead, Kdf, Kem>(
			&OpModeR::Base,
			&secret,
			&enc,
			&context.info(),
			ciphertext,
			&[],
		)
		.map_err(|_| Error::EnvelopeAuthentication)?,
	);
	let key: [u8; 32] = key.as_slice().try_into().map_err(|_| Error::EnvelopeAuthentication)?;
	Ok(DataKey::from_bytes(key))
}
