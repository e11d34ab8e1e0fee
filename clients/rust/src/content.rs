//! The content commitment and the sealed record blob.

use crate::{
	canonical_json, DataCategory, DataKey, Error, Format, Hash, Id, COMMIT_TAG, CONTENT_TAG,
	NONCE_LEN, PROTOCOL_VERSION, SALT_LEN, TAG_LEN,
};
use blake2::{digest::consts::U32, Blake2b, Digest};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand_core::CryptoRngCore;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// What the body of a record is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
	/// Raw bytes (a PDF, an image, anything): the body is the bytes.
	Raw = 0x00,
	/// A FHIR JSON resource: the body is its RFC 8785 canonical JSON.
	Fhir = 0x01,
}

impl Kind {
	/// The kind's byte.
	pub const fn byte(self) -> u8 {
		self as u8
	}

	/// The kind of a byte.
	pub fn from_byte(byte: u8) -> Result<Self, Error> {
		match byte {
			0x00 => Ok(Kind::Raw),
			0x01 => Ok(Kind::Fhir),
			other => Err(Error::UnknownKind(other)),
		}
	}
}

/// A record as committed and sealed: its salt, its kind and its body (canonical for FHIR).
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct Record {
	/// 32 random bytes that never go on chain: without them the content hash confirms nothing.
	pub salt: [u8; SALT_LEN],
	/// What the body is.
	#[zeroize(skip)]
	pub kind: Kind,
	/// The bytes committed to.
	pub body: Vec<u8>,
}

impl core::fmt::Debug for Record {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.debug_struct("Record")
			.field("kind", &self.kind)
			.field("body_len", &self.body.len())
			.finish_non_exhaustive()
	}
}

impl Record {
	/// A FHIR record with the given salt; `json` is canonicalised (RFC 8785).
	pub fn fhir(salt: [u8; SALT_LEN], json: &[u8]) -> Result<Self, Error> {
		Ok(Record { salt, kind: Kind::Fhir, body: canonical_json(json)? })
	}

	/// A raw-bytes record with the given salt.
	pub fn raw(salt: [u8; SALT_LEN], bytes: &[u8]) -> Self {
		Record { salt, kind: Kind::Raw, body: bytes.to_vec() }
	}

	/// A record of `kind` with a fresh random salt.
	pub fn new<R: CryptoRngCore>(rng: &mut R, kind: Kind, input: &[u8]) -> Result<Self, Error> {
		let mut salt = [0u8; SALT_LEN];
		rng.fill_bytes(&mut salt);
		match kind {
			Kind::Fhir => Record::fhir(salt, input),
			Kind::Raw => Ok(Record::raw(salt, input)),
		}
	}

	/// The record's content hash, as anchored on chain.
	pub fn content_hash(&self) -> Hash {
		commit(&self.salt, self.kind, &self.body)
	}
}

/// The content commitment: `blake2b_256("medchain/record/v1/commit" || salt || kind || body)`.
///
/// `body` must already be in its committed form (canonical JSON for [`Kind::Fhir`]; see
/// [`Record::fhir`]).
pub fn commit(salt: &[u8; SALT_LEN], kind: Kind, body: &[u8]) -> Hash {
	commit_bytes(salt, kind.byte(), body)
}

fn commit_bytes(salt: &[u8; SALT_LEN], kind: u8, body: &[u8]) -> Hash {
	let mut hasher = Blake2b::<U32>::new();
	hasher.update(COMMIT_TAG);
	hasher.update(salt);
	hasher.update([kind]);
	hasher.update(body);
	hasher.finalize().into()
}

/// The sealed blob's associated data:
/// `"medchain/record/v1/content" || patient_id || content_hash || category`.
pub fn content_associated_data(
	patient: &Id,
	content_hash: &Hash,
	category: DataCategory,
) -> Vec<u8> {
	[CONTENT_TAG, patient, content_hash, &[category.index()]].concat()
}

/// A sealed record: its content hash (for `anchor_record`), its fresh data key (for envelopes and
/// the pointer) and the blob to store off chain.
#[derive(Clone, Debug)]
pub struct Sealed {
	/// The content hash to anchor.
	pub content_hash: Hash,
	/// The record's data key.
	pub key: DataKey,
	/// `0x01 || nonce || XChaCha20-Poly1305(salt || kind || body)`.
	pub blob: Vec<u8>,
}

/// Seals a record for a patient under a fresh random data key (drawn first, then the nonce).
pub fn seal<R: CryptoRngCore>(
	rng: &mut R,
	patient: &Id,
	category: DataCategory,
	record: &Record,
) -> Result<Sealed, Error> {
	let key = DataKey::generate(rng);
	let blob = seal_with_key(rng, &key, patient, category, record)?;
	Ok(Sealed { content_hash: record.content_hash(), key, blob })
}

/// Seals a record under a given data key with a fresh random nonce.
pub fn seal_with_key<R: CryptoRngCore>(
	rng: &mut R,
	key: &DataKey,
	patient: &Id,
	category: DataCategory,
	record: &Record,
) -> Result<Vec<u8>, Error> {
	let mut nonce = [0u8; NONCE_LEN];
	rng.fill_bytes(&mut nonce);
	let content_hash = record.content_hash();
	let plaintext =
		Zeroizing::new([&record.salt[..], &[record.kind.byte()], &record.body].concat());
	let ciphertext = XChaCha20Poly1305::new(key.as_bytes().into())
		.encrypt(
			&XNonce::from(nonce),
			Payload {
				msg: &plaintext,
				aad: &content_associated_data(patient, &content_hash, category),
			},
		)
		.map_err(|_| Error::Crypto("xchacha20poly1305 seal"))?;
	Ok([&[PROTOCOL_VERSION][..], &nonce, &ciphertext].concat())
}

/// Opens a sealed blob and checks it against the record's content hash.
///
/// The checks, in order: the version byte ([`Error::UnsupportedVersion`]), the length
/// ([`Error::Truncated`]), AEAD authentication under the key and the associated data
/// ([`Error::ContentAuthentication`]), the commitment ([`Error::CommitmentMismatch`]), the kind
/// ([`Error::UnknownKind`]) and, for FHIR, that the body is canonical ([`Error::NotCanonical`]).
pub fn open(
	key: &DataKey,
	patient: &Id,
	content_hash: &Hash,
	category: DataCategory,
	blob: &[u8],
) -> Result<Record, Error> {
	let truncated = Error::Truncated { format: Format::Blob, len: blob.len() };
	let (version, rest) = blob.split_first().ok_or(truncated.clone())?;
	if *version != PROTOCOL_VERSION {
		return Err(Error::UnsupportedVersion { format: Format::Blob, found: *version });
	}
	let (nonce, ciphertext) = rest.split_first_chunk::<NONCE_LEN>().ok_or(truncated.clone())?;
	if ciphertext.len() < SALT_LEN + 1 + TAG_LEN {
		return Err(truncated);
	}
	let plaintext = Zeroizing::new(
		XChaCha20Poly1305::new(key.as_bytes().into())
			.decrypt(
				&XNonce::from(*nonce),
				Payload {
					msg: ciphertext,
					aad: &content_associated_data(patient, content_hash, category),
				},
			)
			.map_err(|_| Error::ContentAuthentication)?,
	);
	let (salt, rest) =
		plaintext.split_first_chunk::<SALT_LEN>().ok_or(Error::CommitmentMismatch)?;
	let (kind, body) = rest.split_first().ok_or(Error::CommitmentMismatch)?;
	if commit_bytes(salt, *kind, body) != *content_hash {
		return Err(Error::CommitmentMismatch);
	}
	let kind = Kind::from_byte(*kind)?;
	if kind == Kind::Fhir && canonical_json(body)? != body {
		return Err(Error::NotCanonical);
	}
	Ok(Record { salt: *salt, kind, body: body.to_vec() })
}
