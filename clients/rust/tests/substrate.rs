//! The protocol agrees with what the chain and Substrate's key tooling compute.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use medchain_record_protocol::{
	commit, derive_x25519, derive_x25519_from_seed, mini_secret_seed, vectors, DataCategory, Kind,
	COMMIT_TAG,
};
use sp_core::{crypto::Pair as _, sr25519, Blake2Hasher, Hasher as _};

#[test]
fn mini_secret_seed_is_sp_cores_sr25519_seed() {
	let (pair, seed) = sr25519::Pair::from_phrase(vectors::DEV_PHRASE, None).unwrap();
	assert_eq!(*mini_secret_seed(vectors::DEV_PHRASE).unwrap(), seed);
	// The dev phrase's root account, as every Substrate tool shows it.
	assert_eq!(
		hex::encode(pair.public().0),
		"46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a"
	);
}

#[test]
fn derive_x25519_of_the_dev_phrase_uses_sp_cores_seed() {
	let (_, seed) = sr25519::Pair::from_phrase(vectors::DEV_PHRASE, None).unwrap();
	for version in [0, 1, 7, u32::MAX] {
		assert_eq!(
			derive_x25519(vectors::DEV_PHRASE, version).unwrap(),
			derive_x25519_from_seed(&seed, version).unwrap()
		);
	}
}

#[test]
fn commitment_is_the_chains_blake2_256() {
	// `Blake2Hasher` is the state hasher of `BlakeTwo256`, i.e. `sp_crypto_hashing::blake2_256`.
	let salt = [9u8; 32];
	let body = b"{\"resourceType\":\"Basic\"}";
	let preimage = [COMMIT_TAG, &salt, &[Kind::Fhir.byte()], body].concat();
	assert_eq!(commit(&salt, Kind::Fhir, body), Blake2Hasher::hash(&preimage).0);
}

/// The on-chain enum is read from its source, so that this crate needs no runtime types: its
/// variants in declaration order are the SCALE indices.
#[test]
fn category_bytes_are_the_chains_scale_indices() {
	let source = include_str!("../../../pallets/primitives/src/consent.rs");
	let start = source.find("pub enum DataCategory {").unwrap();
	let body = &source[start..];
	let body = &body[..body.find('}').unwrap()];
	let chain: Vec<&str> = body
		.lines()
		.skip(1)
		.map(str::trim)
		.filter(|line| !line.is_empty() && !line.starts_with("//"))
		.map(|line| line.trim_end_matches(','))
		.collect();
	let ours: Vec<&str> = DataCategory::ALL.iter().map(|c| c.name()).collect();
	assert_eq!(chain, ours);
	for (index, category) in DataCategory::ALL.iter().enumerate() {
		assert_eq!(usize::from(category.index()), index);
	}
}
