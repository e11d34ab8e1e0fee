//! # medchain-merkle
//!
//! Builds the Merkle trees that `records.anchorBatch` commits to and the inclusion proofs that
//! `RecordsApi::verify_batch_inclusion` checks, with the chain's own hashing
//! ([`medchain_primitives::merkle`]): leaves are `blake2_256(b"medchain/leaf" ++ leaf)`, inner
//! nodes `blake2_256(b"medchain/node" ++ left ++ right)`, and a last node without a partner
//! moves up a level unchanged.
//!
//! ```
//! use medchain_merkle::Tree;
//! use sp_core::H256;
//!
//! let leaves: Vec<H256> = (0u8..5).map(H256::repeat_byte).collect();
//! let tree = Tree::new(&leaves).expect("1 to 2^20 leaves");
//! let proof = tree.proof(3).expect("leaf 3 exists");
//! assert!(medchain_merkle::verify(&tree.root(), &leaves[3], 3, 5, &proof));
//! ```

pub use medchain_primitives::merkle::{leaf_hash, node_hash, verify, MAX_LEAVES, MAX_PROOF_LEN};
use sp_core::H256;

/// A batch tree: every level from the hashed leaves up to the root.
#[derive(Clone, Debug)]
pub struct Tree {
	levels: Vec<Vec<H256>>,
}

/// Why a tree cannot be built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreeError {
	/// No leaves.
	Empty,
	/// More than [`MAX_LEAVES`] leaves.
	TooManyLeaves,
}

impl core::fmt::Display for TreeError {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		match self {
			TreeError::Empty => write!(f, "a batch needs at least one leaf"),
			TreeError::TooManyLeaves => write!(f, "a batch holds at most {MAX_LEAVES} leaves"),
		}
	}
}

impl std::error::Error for TreeError {}

impl Tree {
	/// Builds the tree of `leaves` (record hashes, in order).
	pub fn new(leaves: &[H256]) -> Result<Tree, TreeError> {
		if leaves.is_empty() {
			return Err(TreeError::Empty);
		}
		if leaves.len() > MAX_LEAVES as usize {
			return Err(TreeError::TooManyLeaves);
		}
		let mut levels = vec![leaves.iter().map(leaf_hash).collect::<Vec<_>>()];
		while let Some(level) = levels.last().filter(|l| l.len() > 1) {
			let next = level
				.chunks(2)
				.map(|pair| match pair {
					[left, right] => node_hash(left, right),
					[single] => *single,
					_ => unreachable!("chunks(2) yields one or two nodes"),
				})
				.collect();
			levels.push(next);
		}
		Ok(Tree { levels })
	}

	/// The number of leaves.
	pub fn leaf_count(&self) -> u32 {
		self.levels.first().map_or(0, |l| l.len() as u32)
	}

	/// The root to anchor.
	pub fn root(&self) -> H256 {
		self.levels.last().and_then(|l| l.first()).copied().unwrap_or_default()
	}

	/// The proof of leaf number `index`: its partners from the bottom up (a level where it has
	/// no partner adds nothing). `None` if there is no such leaf.
	pub fn proof(&self, index: u32) -> Option<Vec<H256>> {
		if index >= self.leaf_count() {
			return None;
		}
		let mut index = index as usize;
		let mut proof = Vec::new();
		for level in self.levels.iter().take(self.levels.len().saturating_sub(1)) {
			if let Some(partner) = level.get(index ^ 1) {
				proof.push(*partner);
			}
			index /= 2;
		}
		Some(proof)
	}
}

/// Parses a file of record hashes: one per line, 64 hex digits with or without `0x`; blank lines
/// and lines starting with `#` are skipped. Errors name the line.
pub fn parse_leaves(text: &str) -> Result<Vec<H256>, String> {
	text.lines()
		.enumerate()
		.map(|(n, line)| (n.saturating_add(1), line.trim()))
		.filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
		.map(|(n, line)| {
			array_bytes::hex2array::<_, 32>(line)
				.map(H256)
				.map_err(|e| format!("line {n}: not a 32-byte hex hash ({e:?})"))
		})
		.collect()
}

/// `0x`-prefixed hex of a hash.
pub fn hex(hash: &H256) -> String {
	array_bytes::bytes2hex("0x", hash.as_bytes())
}

#[cfg(test)]
mod tests {
	#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)]
	use super::*;
	use proptest::prelude::*;

	fn leaves(n: usize, seed: u64) -> Vec<H256> {
		(0..n as u64)
			.map(|i| H256::from_low_u64_be(i.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ seed))
			.collect()
	}

	#[test]
	fn empty_and_oversized_batches_are_refused() {
		assert_eq!(Tree::new(&[]).unwrap_err(), TreeError::Empty);
		let too_many = vec![H256::zero(); MAX_LEAVES as usize + 1];
		assert_eq!(Tree::new(&too_many).unwrap_err(), TreeError::TooManyLeaves);
	}

	#[test]
	fn a_full_batch_of_2_pow_20_leaves_builds_and_proves() {
		// Correctness at the largest size only: how long it takes depends on the machine's load
		// (a wall-clock bound here failed a test run while other builds shared the cores).
		let all = leaves(MAX_LEAVES as usize, 7);
		let tree = Tree::new(&all).unwrap();
		assert_eq!(tree.leaf_count(), MAX_LEAVES);
		for index in [0, 1, 524_287, MAX_LEAVES - 1] {
			let proof = tree.proof(index).unwrap();
			assert_eq!(proof.len(), MAX_PROOF_LEN);
			assert!(verify(&tree.root(), &all[index as usize], index, MAX_LEAVES, &proof));
		}
	}

	#[test]
	fn parse_accepts_hex_with_or_without_prefix_and_names_a_bad_line() {
		let text = "# record hashes\n0x0101010101010101010101010101010101010101010101010101010101010101\n\n0202020202020202020202020202020202020202020202020202020202020202\n";
		assert_eq!(parse_leaves(text).unwrap(), vec![H256::repeat_byte(1), H256::repeat_byte(2)]);
		let err = parse_leaves("0x01\n").unwrap_err();
		assert!(err.starts_with("line 1:"), "{err}");
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(32))]

		/// Every leaf's proof verifies; for sampled leaves, a changed byte in the leaf, the index
		/// or any proof element is rejected, and so is a proof one element too long or short.
		#[test]
		fn every_proof_verifies_and_any_change_is_rejected(
			n in 1usize..5000,
			seed in any::<u64>(),
			samples in proptest::collection::vec((any::<proptest::sample::Index>(), 0usize..32, 0u8..8), 8),
		) {
			let all = leaves(n, seed);
			let tree = Tree::new(&all).unwrap();
			let root = tree.root();
			let count = n as u32;
			for (i, leaf) in all.iter().enumerate() {
				let index = i as u32;
				prop_assert!(verify(&root, leaf, index, count, &tree.proof(index).unwrap()));
			}
			for (pick, byte, bit) in samples {
				let i = pick.index(n);
				let index = i as u32;
				let leaf = &all[i];
				let proof = tree.proof(index).unwrap();
				let flip = |h: &H256| {
					let mut b = h.to_fixed_bytes();
					b[byte] ^= 1 << bit;
					H256(b)
				};
				prop_assert!(!verify(&root, &flip(leaf), index, count, &proof));
				// A changed index: one bit of it flipped, or the next leaf's.
				let other = index ^ (1u32 << (byte % 13));
				if other < count {
					prop_assert!(!verify(&root, leaf, other, count, &proof));
				}
				if n > 1 {
					prop_assert!(!verify(&root, leaf, (index + 1) % count, count, &proof));
				}
				prop_assert!(!verify(&root, leaf, index.wrapping_add(count), count, &proof));
				for k in 0..proof.len() {
					let mut bad = proof.clone();
					bad[k] = flip(&bad[k]);
					prop_assert!(!verify(&root, leaf, index, count, &bad));
				}
				let mut longer = proof.clone();
				longer.push(root);
				prop_assert!(!verify(&root, leaf, index, count, &longer));
				if !proof.is_empty() {
					prop_assert!(!verify(&root, leaf, index, count, &proof[..proof.len() - 1]));
				}
			}
		}
	}
}
