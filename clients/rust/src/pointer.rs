//! The on-chain pointer: the blob's URI, encrypted under the record's data key.

use crate::{
	DataKey, Error, Format, Hash, Id, MAX_POINTER_LEN, MAX_URI_LEN, NONCE_LEN, POINTER_TAG,
	PROTOCOL_VERSION, TAG_LEN,
};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand_core::CryptoRngCore;

/// The pointer's associated data: `"medchain/record/v1/pointer" || patient_id || content_hash`.
pub fn pointer_associated_data(patient: &Id, content_hash: &Hash) -> Vec<u8> {
	[POINTER_TAG, patient, content_hash].concat()
}

/// Encrypts a blob's URI: `0x01 || nonce || XChaCha20-Poly1305(uri)`, at most
/// [`MAX_POINTER_LEN`] bytes; a URI over [`MAX_URI_LEN`] bytes is refused ([`Error::UriTooLong`]).
pub fn seal_pointer<R: CryptoRngCore>(
	rng: &mut R,
	key: &DataKey,
	patient: &Id,
	content_hash: &Hash,
	uri: &str,
) -> Result<Vec<u8>, Error> {
	if uri.len() > MAX_URI_LEN {
		return Err(Error::UriTooLong { len: uri.len(), max: MAX_URI_LEN });
	}
	let mut nonce = [0u8; NONCE_LEN];
	rng.fill_bytes(&mut nonce);
	let ciphertext = XChaCha20Poly1305::new(key.as_bytes().into())
		.encrypt(
			&XNonce::from(nonce),
			Payload { msg: uri.as_bytes(), aad: &pointer_associated_data(patient, content_hash) },
		)
		.map_err(|_| Error::Crypto("xchacha20poly1305 seal"))?;
	Ok([&[PROTOCOL_VERSION][..], &nonce, &ciphertext].concat())
}

/// Decrypts a pointer back to its URI.
pub fn open_pointer(
	key: &DataKey,
	patient: &Id,
	content_hash: &Hash,
	pointer: &[u8],
) -> Result<String, Error> {
	if pointer.len() > MAX_POINTER_LEN {
		return Err(Error::PointerTooLong { len: pointer.len() });
	}
	let truncated = Error::Truncated { format: Format::Pointer, len: pointer.len() };
	let (version, rest) = pointer.split_first().ok_or(truncated.clone())?;
	if *version != PROTOCOL_VERSION {
		return Err(Error::UnsupportedVersion { format: Format::Pointer, found: *version });
	}
	let (nonce, ciphertext) = rest.split_first_chunk::<NONCE_LEN>().ok_or(truncated.clone())?;
	if ciphertext.len() < TAG_LEN {
		return Err(truncated);
	}
	let uri = XChaCha20Poly1305::new(key.as_bytes().into())
		.decrypt(
			&XNonce::from(*nonce),
			Payload { msg: ciphertext, aad: &pointer_associated_data(patient, content_hash) },
		)
		.map_err(|_| Error::PointerAuthentication)?;
	String::from_utf8(uri).map_err(|_| Error::PointerNotUtf8)
}
