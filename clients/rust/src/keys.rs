//! Secret keys: the record data key, and the X25519 key that an account's recovery phrase yields.

use crate::{Error, KDF_INFO, KDF_SALT};
use bip39::{Language, Mnemonic};
use hkdf::Hkdf;
use rand_core::CryptoRngCore;
use sha2::Sha256;
use std::fmt;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// A record's 32-byte data key `K`: it encrypts the blob and the pointer, and envelopes carry it.
/// Wiped from memory when dropped.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct DataKey([u8; 32]);

impl DataKey {
	/// A fresh random key.
	pub fn generate<R: CryptoRngCore>(rng: &mut R) -> Self {
		let mut key = [0u8; 32];
		rng.fill_bytes(&mut key);
		DataKey(key)
	}

	/// A key from its bytes (as an envelope or a command line hands it over).
	pub const fn from_bytes(bytes: [u8; 32]) -> Self {
		DataKey(bytes)
	}

	/// The key's bytes.
	pub const fn as_bytes(&self) -> &[u8; 32] {
		&self.0
	}
}

impl fmt::Debug for DataKey {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str("DataKey(..)")
	}
}

/// An X25519 private key, as 32 bytes (RFC 7748 clamping is applied when it is used, not
/// stored). Wiped from memory when dropped.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct X25519Secret([u8; 32]);

impl X25519Secret {
	/// A secret key from its bytes.
	pub const fn from_bytes(bytes: [u8; 32]) -> Self {
		X25519Secret(bytes)
	}

	/// A fresh random secret key (for a service key that no phrase backs).
	pub fn generate<R: CryptoRngCore>(rng: &mut R) -> Self {
		let mut key = [0u8; 32];
		rng.fill_bytes(&mut key);
		X25519Secret(key)
	}

	/// The key's bytes.
	pub const fn as_bytes(&self) -> &[u8; 32] {
		&self.0
	}
}

impl fmt::Debug for X25519Secret {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str("X25519Secret(..)")
	}
}

/// The Substrate mini-secret seed of an English BIP39 phrase without password: the first 32
/// bytes of PBKDF2-HMAC-SHA512(password = the phrase's entropy, salt = "mnemonic", 2048 rounds).
///
/// This is the seed `sp_core::sr25519::Pair::from_phrase(phrase, None)` returns, and
/// `mnemonicToMiniSecret(phrase)` of `@polkadot/util-crypto`. Note that Substrate hashes the
/// entropy, not the phrase's text as BIP39's own seed does.
pub fn mini_secret_seed(phrase: &str) -> Result<Zeroizing<[u8; 32]>, Error> {
	let mnemonic =
		Mnemonic::parse_in(Language::English, phrase).map_err(|_| Error::InvalidPhrase)?;
	let (entropy, entropy_len) = mnemonic.to_entropy_array();
	let entropy = Zeroizing::new(entropy);
	let entropy = entropy.get(..entropy_len).ok_or(Error::InvalidPhrase)?;
	let seed = Zeroizing::new(
		substrate_bip39::seed_from_entropy(entropy, "").map_err(|_| Error::InvalidPhrase)?,
	);
	let mini = seed.first_chunk::<32>().ok_or(Error::Crypto("bip39 seed length"))?;
	Ok(Zeroizing::new(*mini))
}

/// The X25519 secret key of version `key_version` for a mini-secret seed:
/// HKDF-SHA256(ikm = seed, salt = "medchain/record/v1/kdf",
/// info = "x25519 key-agreement" || key_version (u32 LE), L = 32).
pub fn derive_x25519_from_seed(seed: &[u8; 32], key_version: u32) -> Result<X25519Secret, Error> {
	let hkdf = Hkdf::<Sha256>::new(Some(KDF_SALT), seed);
	let mut okm = [0u8; 32];
	hkdf.expand_multi_info(&[KDF_INFO, &key_version.to_le_bytes()], &mut okm)
		.map_err(|_| Error::Crypto("hkdf expand"))?;
	let secret = X25519Secret(okm);
	okm.zeroize();
	Ok(secret)
}

/// The X25519 secret key of version `key_version` that a recovery phrase yields: the same
/// phrase as the sr25519 account, so recovering the phrase recovers every envelope made to any
/// version of the key.
pub fn derive_x25519(phrase: &str, key_version: u32) -> Result<X25519Secret, Error> {
	let seed = mini_secret_seed(phrase)?;
	derive_x25519_from_seed(&seed, key_version)
}

/// The X25519 public key of a secret key (what a key directory or `encryption_key` publishes).
pub fn public_key(secret: &X25519Secret) -> [u8; 32] {
	let secret = x25519_dalek::StaticSecret::from(secret.0);
	x25519_dalek::PublicKey::from(&secret).to_bytes()
}
