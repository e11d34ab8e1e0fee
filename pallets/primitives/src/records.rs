//! Record anchoring codes, the domain-separated Merkle scheme of batch anchoring, and the
//! `RecordsApi` runtime API.

use super::*;
use alloc::vec::Vec;
use sp_core::H256;
use sp_runtime::traits::{BlakeTwo256, Hash as _};

/// An anchored record, named by its patient and its id (records are stored under their patient
/// so that a patient's records can be listed in order at constant cost per record).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct RecordRef {
	/// The patient the record is about.
	pub patient: PatientId,
	/// The record's id, unique on the chain.
	pub id: RecordId,
}

/// What the chain says about a record and a content hash.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum RecordVerification {
	/// The hash is the record's, and the record is the current version.
	Match,
	/// The record exists but its hash is another.
	Mismatch,
	/// The hash is the record's, but a newer version replaced it.
	Superseded {
		/// The newer version.
		by: RecordId,
	},
	/// The record was marked as entered in error by its author.
	EnteredInError,
	/// The record was erased; only its hash is kept, as a tombstone.
	Erased,
	/// No such record.
	NotFound,
	/// The hash is the record's and the record is the current version, but the patient's side
	/// contests it (`contest_record`): the record stands as its author's organisation anchored
	/// it, with the patient's statement against it. Added after `NotFound` (encoded index 6),
	/// so earlier answers keep their encoding.
	Contested {
		/// The salted hash of the patient's statement, kept off chain.
		statement: H256,
	},
}

/// On what grounds an access was allowed.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum AccessBasis {
	/// A consent of the patient.
	Consent(ConsentId),
	/// An emergency (break-glass) access.
	Emergency(EmergencyAccessId),
	/// A guardianship of the patient whose scope covers reading (`ReadOnly` or `Full`), in
	/// force at the time of the read. Added after `Emergency` (encoded index 2), so earlier
	/// entries keep their encoding.
	Guardianship,
}

/// Status of a record.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum RecordStatus {
	/// The current version.
	Current,
	/// Replaced by a newer version.
	Superseded {
		/// The newer version.
		by: RecordId,
	},
	/// Marked as entered in error by its author.
	EnteredInError,
	/// Erased: pointer and key envelopes dropped, hash kept.
	Erased,
}

/// A record as dApps see it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct RecordView<AccountId> {
	/// The record's id.
	pub id: RecordId,
	/// Its data category.
	pub category: DataCategory,
	/// The salted hash of its content.
	pub content_hash: H256,
	/// The opaque (client-encrypted) pointer to the content; empty once erased.
	pub pointer: Vec<u8>,
	/// Who anchored it.
	pub author: AccountId,
	/// The author's organisation, if a practitioner anchored it.
	pub author_org: Option<OrgId>,
	/// The version it replaced, if any.
	pub supersedes: Option<RecordId>,
	/// Its status.
	pub status: RecordStatus,
	/// When it was anchored (timestamp, ms).
	pub anchored_at: Moment,
}

/// An access-log entry as dApps see it (a FHIR AuditEvent: who, what, when, why, on what grounds).
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct AccessLogEntry<AccountId> {
	/// The entry's sequence number in the patient's log.
	pub seq: u64,
	/// The record read.
	pub record: RecordId,
	/// Who read it.
	pub accessor: AccountId,
	/// Why.
	pub purpose: Purpose,
	/// On what grounds.
	pub basis: AccessBasis,
	/// When (timestamp, ms).
	pub at: Moment,
}

/// The Merkle scheme of batch anchoring: leaves and inner nodes are hashed under different
/// tags, so a leaf can never be presented as an inner node or the other way round.
///
/// The tree is built bottom-up over the leaf hashes in order; at each level the nodes are paired
/// left to right and a last node without a partner moves up unchanged (it is never paired with
/// itself, so two different leaf lists never share a root by duplication).
pub mod merkle {
	use super::*;

	/// Tag of a leaf hash.
	pub const LEAF_TAG: &[u8; 13] = b"medchain/leaf";
	/// Tag of an inner-node hash.
	pub const NODE_TAG: &[u8; 13] = b"medchain/node";
	/// Most leaves a batch may commit: 2^20.
	pub const MAX_LEAVES: u32 = 1 << 20;
	/// Longest proof of a batch of at most [`MAX_LEAVES`] leaves.
	pub const MAX_PROOF_LEN: usize = 20;

	/// `blake2_256(b"medchain/leaf" ++ leaf)`.
	pub fn leaf_hash(leaf: &H256) -> H256 {
		let mut buf = [0u8; 13 + 32];
		let (tag, rest) = buf.split_at_mut(13);
		tag.copy_from_slice(LEAF_TAG);
		rest.copy_from_slice(leaf.as_bytes());
		BlakeTwo256::hash(&buf)
	}

	/// `blake2_256(b"medchain/node" ++ left ++ right)`.
	pub fn node_hash(left: &H256, right: &H256) -> H256 {
		let mut buf = [0u8; 13 + 64];
		let (tag, rest) = buf.split_at_mut(13);
		tag.copy_from_slice(NODE_TAG);
		let (l, r) = rest.split_at_mut(32);
		l.copy_from_slice(left.as_bytes());
		r.copy_from_slice(right.as_bytes());
		BlakeTwo256::hash(&buf)
	}

	/// Whether `proof` shows that `leaf` is leaf number `index` of a tree of `leaf_count`
	/// leaves with root `root`. Any malformed input (index out of range, a proof too short or
	/// too long) is answered `false`, never a panic.
	pub fn verify(root: &H256, leaf: &H256, index: u32, leaf_count: u32, proof: &[H256]) -> bool {
		if leaf_count == 0 || leaf_count > MAX_LEAVES || index >= leaf_count {
			return false;
		}
		if proof.len() > MAX_PROOF_LEN {
			return false;
		}
		let mut hash = leaf_hash(leaf);
		let (mut index, mut width) = (index, leaf_count);
		let mut siblings = proof.iter();
		while width > 1 {
			let is_right = index % 2 == 1;
			let has_partner = is_right || index.saturating_add(1) < width;
			if has_partner {
				let Some(sibling) = siblings.next() else { return false };
				hash = if is_right { node_hash(sibling, &hash) } else { node_hash(&hash, sibling) };
			}
			index /= 2;
			width = width.div_ceil(2);
		}
		siblings.next().is_none() && &hash == root
	}
}

/// A reader's key envelope as the runtime API hands it out: the bytes the record protocol
/// defines (docs/record-protocol.md), opaque to the chain. A struct rather than bare bytes, so
/// that clients decoding `Option<…>` from metadata cannot mistake the bytes for their encoding.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct KeyEnvelope {
	/// The envelope's bytes.
	pub envelope: Vec<u8>,
}

/// A reader's published X25519 key-agreement key, as the key directory answers it: the key a
/// patient's app wraps a record's data key to (docs/record-protocol.md §6), with the version an
/// envelope made for it names.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct ReaderKey {
	/// The X25519 public key.
	pub key: [u8; 32],
	/// Its version, chosen by its owner; strictly increasing with each rotation.
	pub version: u32,
	/// The organisation the owner reads for now (a practitioner's, or the one whose service
	/// the key is).
	pub org: OrgId,
	/// Whether it is an organisation's service key (a records gateway reading on its staff's
	/// behalf) rather than a practitioner's own.
	pub service: bool,
	/// When it was published (timestamp, ms).
	pub published_at: Moment,
}

sp_api::decl_runtime_apis! {
	/// Record questions for dApps, verifiers and patients.
	///
	/// Version 2 adds `record_key`, so that a reader fetches its key envelope with a runtime
	/// call (`api.call.recordsApi.recordKey` in polkadot.js). Version 3 adds the author's
	/// envelope for the patient (`patient_key`) and the key directory (`reader_key`).
	#[api_version(3)]
	pub trait RecordsApi<AccountId> where AccountId: codec::Codec {
		/// What the chain says about `record` and a content hash: the one clear answer a
		/// verifier needs.
		fn verify_record(record: RecordRef, content_hash: H256) -> RecordVerification;

		/// Whether `proof` shows that `leaf` is leaf number `leaf_index` of batch `batch`.
		/// Malformed input is answered `false`.
		fn verify_batch_inclusion(batch: BatchId, leaf: H256, leaf_index: u32, proof: Vec<H256>) -> bool;

		/// The patient's records in order of id, from id `from`, at most `limit` (capped at 100).
		fn records_of(patient: PatientId, from: RecordId, limit: u32) -> Vec<RecordView<AccountId>>;

		/// The patient's access log in order, from sequence number `from`, at most `limit`
		/// (capped at 100).
		fn access_log(patient: PatientId, from: u64, limit: u32) -> Vec<AccessLogEntry<AccountId>>;

		/// `grantee`'s key envelope for `record`, while `grantee` may read the record for
		/// `purpose` under a consent (or an emergency access), or is on the patient's side with a
		/// right to read, whatever `purpose`. `None` otherwise: no envelope, the record erased or
		/// unknown, or the right to read ended (revoked, expired, guardianship over).
		fn record_key(record: RecordRef, grantee: AccountId, purpose: Purpose) -> Option<KeyEnvelope>;

		/// The envelope the record's author left for the patient (made to the patient's
		/// `encryption_key`, grantee the patient id), handed to `reader` while it is a
		/// controller of the patient. `None` otherwise: no such envelope, the record erased or
		/// unknown, `reader` no controller.
		#[api_version(3)]
		fn patient_key(record: RecordRef, reader: AccountId) -> Option<KeyEnvelope>;

		/// The current key-agreement key of `owner` in the key directory: a practitioner's
		/// own key while it is an active practitioner, or an organisation's service key while
		/// the organisation is active. `None` otherwise.
		#[api_version(3)]
		fn reader_key(owner: AccountId) -> Option<ReaderKey>;
	}
}

#[cfg(test)]
mod tests {
	use super::merkle::*;
	use super::*;

	#[test]
	fn leaf_and_node_hashes_are_domain_separated() {
		let a = H256::repeat_byte(1);
		let b = H256::repeat_byte(2);
		assert_ne!(leaf_hash(&a), BlakeTwo256::hash(a.as_bytes()));
		// A node over (a, b) is not the leaf hash of anything equal to the concatenation.
		assert_ne!(node_hash(&a, &b), leaf_hash(&node_hash(&a, &b)));
		assert_ne!(node_hash(&a, &b), node_hash(&b, &a));
	}

	#[test]
	fn a_single_leaf_is_its_own_tree() {
		let leaf = H256::repeat_byte(9);
		let root = leaf_hash(&leaf);
		assert!(verify(&root, &leaf, 0, 1, &[]));
		assert!(!verify(&root, &leaf, 0, 1, &[H256::zero()]));
		assert!(!verify(&root, &leaf, 1, 1, &[]));
		assert!(!verify(&root, &leaf, 0, 0, &[]));
	}

	#[test]
	fn three_leaves_carry_the_last_one_up() {
		let leaves = [H256::repeat_byte(1), H256::repeat_byte(2), H256::repeat_byte(3)];
		let [a, b, c] = leaves.map(|l| leaf_hash(&l));
		let root = node_hash(&node_hash(&a, &b), &c);
		assert!(verify(&root, &leaves[0], 0, 3, &[b, c]));
		assert!(verify(&root, &leaves[1], 1, 3, &[a, c]));
		assert!(verify(&root, &leaves[2], 2, 3, &[node_hash(&a, &b)]));
		assert!(!verify(&root, &leaves[2], 2, 3, &[node_hash(&a, &b), c]));
		assert!(!verify(&root, &leaves[2], 2, 4, &[node_hash(&a, &b)]));
		// An inner node presented as a leaf does not verify.
		assert!(!verify(&root, &node_hash(&a, &b), 0, 2, &[c]));
	}
}
