//! The data the pallet stores.

use super::*;

/// An anchored record: never its content, only the salted hash, the category, the author, an
/// opaque pointer (encrypted by the client) and the version link.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxPointer))]
#[codec(mel_bound(AccountId: MaxEncodedLen))]
// The derives need the bounds on the declaration; the codec attribute repeats one for its own
// generated impl.
#[allow(clippy::multiple_bound_locations)]
pub struct Record<AccountId: Clone + PartialEq + Debug, MaxPointer: Get<u32>> {
	/// Its data category.
	pub category: DataCategory,
	/// The salted hash of its content.
	pub content_hash: H256,
	/// Opaque pointer to the encrypted content (a CID or URL, encrypted by the client); emptied
	/// on erasure.
	pub pointer: BoundedVec<u8, MaxPointer>,
	/// Who anchored it.
	pub author: AccountId,
	/// The author's organisation, if a practitioner anchored it.
	pub author_org: Option<OrgId>,
	/// The version it replaces, if any.
	pub supersedes: Option<RecordId>,
	/// Current, superseded, entered in error, or erased.
	pub status: RecordStatus,
	/// When it was anchored (timestamp, ms).
	pub anchored_at: Moment,
	/// How many key envelopes are stored for it.
	pub envelopes: u32,
}

/// A batch of record hashes committed by its Merkle root.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Batch<AccountId> {
	/// The root of the batch tree (see `medchain_primitives::merkle`).
	pub root: H256,
	/// How many record hashes it commits.
	pub leaf_count: u32,
	/// The practitioner who anchored it.
	pub author: AccountId,
	/// Their organisation.
	pub org: OrgId,
	/// Hash of the batch's description, kept off chain.
	pub description_hash: H256,
	/// When it was anchored (timestamp, ms).
	pub anchored_at: Moment,
}

/// One read to log in a `log_access_batch`: the record read and why.
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
)]
pub struct LoggedRead {
	/// The record read.
	pub record: RecordRef,
	/// Why it was read.
	pub purpose: Purpose,
}

/// One read of a record, as the patient's access log keeps it.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct AccessEntry<AccountId> {
	/// The record read.
	pub record: RecordId,
	/// Who read it.
	pub accessor: AccountId,
	/// Why.
	pub purpose: Purpose,
	/// Under which consent or emergency access.
	pub basis: AccessBasis,
	/// When (timestamp, ms).
	pub at: Moment,
}

/// The patient's side's contest of a practitioner-authored record: it does not replace the
/// record, it stands beside it (and `verify_record` answers `Contested` for it while current).
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Contest<AccountId> {
	/// The salted hash of the patient's statement, kept off chain.
	pub statement: H256,
	/// Who contested it (a controller or `Full` guardian then), who holds its deposit.
	pub by: AccountId,
	/// When (timestamp, ms).
	pub at: Moment,
}

/// A key envelope as stored: the bytes of the record protocol (opaque here) and the consent it
/// was shared under, which it lasts no longer than.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxEnvelope))]
pub struct StoredEnvelope<MaxEnvelope: Get<u32>> {
	/// The envelope's bytes.
	pub envelope: BoundedVec<u8, MaxEnvelope>,
	/// The consent the grantee held when it was shared; `None` for a grantee on the patient's
	/// side (a controller or reading guardian), and for envelopes shared before consents were
	/// recorded (storage version 0).
	pub consent: Option<ConsentId>,
}

/// A key in the key directory, as stored.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct PublishedKey<AccountId> {
	/// The X25519 public key.
	pub key: [u8; 32],
	/// Its version (strictly increasing with each rotation).
	pub version: u32,
	/// `Some(org)` for a service key of `org`, published by its admin; `None` for a
	/// practitioner's own key.
	pub service_of: Option<OrgId>,
	/// Who published it and holds its deposit.
	pub depositor: AccountId,
	/// When this version was published (timestamp, ms).
	pub published_at: Moment,
}

/// Which part of a patient's access log is kept: sequence numbers `first..next`.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Debug,
)]
pub struct LogWindow {
	/// The oldest entry kept.
	pub first: u64,
	/// The sequence number the next entry gets.
	pub next: u64,
}

/// Records and log entries are keyed in order of their ids.
pub use medchain_primitives::ordered;
