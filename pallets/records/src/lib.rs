//! # Records
//!
//! Anchoring health records without storing them: the record itself (a FHIR resource, a PDF,
//! an image) stays off chain, encrypted; the chain keeps its salted content hash, its category,
//! its author, an opaque pointer the client encrypted, its version chain, who was given the key,
//! and who read it under which consent.
//!
//! ## Overview
//!
//! - A patient's controller (or a `Full` guardian) anchors for the patient; a practitioner
//!   anchors only with a current `Write` consent for the category and purpose `Treatment`.
//! - A new version `supersedes` an old one; the old one then verifies as `Superseded { by }`.
//!   A practitioner-authored record is superseded only by its author's organisation (through a
//!   practitioner with a current Write consent), a patient-authored one only by the patient's
//!   side (AUDIT M-6). The patient's side `contest_record`s a practitioner's record instead:
//!   the record stays, and verifies as `Contested { statement }` while current.
//! - The author may mark a record entered in error while it keeps the standing it anchored
//!   with (AUDIT M-5): an active practitioner of the record's organisation, or still on the
//!   patient's side.
//! - `erase_record` drops the pointer, every key envelope and any contest and keeps the hash
//!   as a tombstone (crypto-shredding: the content stays encrypted off chain with a key nobody
//!   holds). The right outlives the patient's deactivation (AUDIT M-4).
//! - Key envelopes: a controller stores, for a grantee with a current `Read` consent or on the
//!   patient's side with a right to read (a controller, a `ReadOnly` or `Full` guardian), the
//!   record's data key encrypted to the grantee. Clients fetch it through the `record_key` view
//!   function, which hands it out only while the consent (or the guardianship) allows.
//! - Record exchange (SPEC §7.2, docs/record-protocol.md): practitioners publish and rotate
//!   versioned X25519 keys in the key directory (`publish_reader_key`), an organisation's admin
//!   publishes service keys for its gateway accounts (`publish_service_key`; a service reads
//!   under the consents to its organisation), and `reader_key` answers the current one. An
//!   author leaves the patient an envelope at anchoring (`anchor_record_with_key`), which the
//!   patient's controllers read with `patient_key`.
//! - An envelope lasts as long as the consent it was shared under: it is handed out only while
//!   that consent is current, and revoking the consent removes it from state in the revoking
//!   call (through `OnConsentRevoked`), up to `MaxEnvelopesRemovedOnRevoke`; the rest go in
//!   pages by `purge_consent_envelopes`, free for the patient, which anyone may also send for a
//!   consent that simply ended.
//! - An envelope whose grantee may no longer read the record (for any purpose) is stale; anyone
//!   may remove it with `purge_stale_envelope` (AUDIT M-3), which frees its slot under
//!   `MaxEnvelopesPerRecord` for new shares.
//! - `ReadOnly` guardians (AUDIT L-9) read: they fetch the envelopes left for them and log
//!   their reads (basis `Guardianship`). They never anchor, supersede, contest, mark, erase,
//!   share, revoke or prune.
//! - `log_access` records each read in the patient's access log (who, which record, when, why,
//!   under which consent or emergency access), and is refused unless the consent check allows.
//!   Entries leave the log only when the patient's controller prunes it: a reader never evicts
//!   an entry, its own or another reader's. Each reader may hold at most
//!   `MaxLogEntriesPerAccessor` entries in one patient's log; beyond that its reads are refused
//!   (`TooManyLogEntries`) until the patient prunes.
//! - `anchor_batch` commits up to 2^20 record hashes by their Merkle root at constant cost; the
//!   `medchain-merkle` tool builds the tree and the proofs that `verify_batch_inclusion` checks.
//!
//! ## Deposits
//!
//! Whoever leaves lasting state here holds a deposit (`Config::Deposit`, under
//! [`HoldReason::StorageDeposit`]) while it exists, kept per account in [`Deposits`]:
//!
//! - a record: its author (the signer of `anchor_record`, whoever that is), for
//!   [`Pallet::record_bytes`]. Records stay as tombstones when erased, so erasure gives back
//!   only the pointer's [`Pallet::erased_pointer_bytes`], to the author, whoever erases;
//! - a Merkle batch: the practitioner who anchored it, for [`Pallet::batch_bytes`]; batches are
//!   never removed, so the deposit stays held;
//! - an access-log entry: its reader, for [`Pallet::log_entry_bytes`] (plus
//!   [`Pallet::log_counter_bytes`] with its first entry in a patient's log, for its entry
//!   count); released to the reader when the patient's controller prunes the entry;
//! - a contest: its contester, for [`Pallet::contest_bytes`]; released when the record is
//!   erased;
//! - the author's envelope for the patient: the author, for [`Pallet::patient_envelope_bytes`];
//!   released when the record is erased;
//! - a key in the key directory: its publisher (the practitioner, or the admin for a service
//!   key), for [`Pallet::reader_key_bytes`]; released by `remove_reader_key`.
//!
//! Key envelopes hold no deposit: `share_record_key` is a patient's free call, and a record
//! keeps at most `MaxEnvelopesPerRecord` of them.
//!
//! Authorization goes through the `PatientDirectory` and `ConsentCheck` traits; this pallet
//! imports neither the identity nor the consent pallet.
//!
//! ## Interface
//!
//! ### Dispatchable functions
//!
//! [`Pallet::anchor_record`], [`Pallet::mark_entered_in_error`], [`Pallet::erase_record`],
//! [`Pallet::share_record_key`], [`Pallet::revoke_record_key`], [`Pallet::log_access`],
//! [`Pallet::anchor_batch`], [`Pallet::prune_access_log`], [`Pallet::contest_record`],
//! [`Pallet::purge_stale_envelope`], [`Pallet::anchor_record_with_key`],
//! [`Pallet::publish_reader_key`], [`Pallet::publish_service_key`],
//! [`Pallet::remove_reader_key`], [`Pallet::purge_consent_envelopes`].
//!
//! ### View functions (also in the `RecordsApi` runtime API)
//!
//! [`Pallet::record_key`]: a grantee's key envelope, while its consent allows;
//! [`Pallet::patient_key`]: the author's envelope for the patient, to a controller;
//! [`Pallet::reader_key`]: the key directory.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
#[cfg(any(test, feature = "try-runtime"))]
mod try_state;
mod types;
pub mod weights;

use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use core::fmt::Debug;
use frame_support::{
	pallet_prelude::*,
	traits::{Consideration, Footprint, Time},
	CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::*;
use medchain_primitives::deposit::{self, StorageDeposit};
pub use medchain_primitives::{
	merkle, AccessBasis, AccessDecision, AccessLogEntry, Action, BatchId, ConsentCheck, ConsentId,
	ConsortiumDirectory, DataCategory, DenyReason, GuardianScope, Moment, OnConsentRevoked, OrgId,
	PatientDirectory, PatientId, PractitionerStanding, Purpose, ReaderKey, RecordId, RecordRef,
	RecordStatus, RecordVerification, RecordView, Representation,
};
use sp_core::H256;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// A record of runtime `T`.
pub type RecordOf<T> = Record<<T as frame_system::Config>::AccountId, <T as Config>::MaxPointerLen>;
/// A key envelope of runtime `T`.
pub type EnvelopeOf<T> = BoundedVec<u8, <T as Config>::MaxEnvelopeLen>;
/// A key envelope of runtime `T` as stored, with the consent it was shared under.
pub type StoredEnvelopeOf<T> = StoredEnvelope<<T as Config>::MaxEnvelopeLen>;
/// A pointer of runtime `T`.
pub type PointerOf<T> = BoundedVec<u8, <T as Config>::MaxPointerLen>;

/// Most entries `records_of` and `access_log` return at once.
pub const MAX_PAGE: u32 = 100;

// FRAME's generated storage and error metadata code calls `expect` on values it built itself;
// the allowance covers only that lint (the other panic lints stay denied).
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The patient directory: is a patient active, who may act for them.
		type Patients: PatientDirectory<Self::AccountId>;

		/// The consortium directory: who is an active practitioner.
		type Directory: ConsortiumDirectory<Self::AccountId>;

		/// The access check (the Consent pallet's, through its trait).
		type Consent: ConsentCheck<Self::AccountId>;

		/// The chain's clock (milliseconds).
		type Time: Time<Moment = Moment>;

		/// Longest pointer, in bytes.
		#[pallet::constant]
		type MaxPointerLen: Get<u32>;

		/// Longest key envelope, in bytes.
		#[pallet::constant]
		type MaxEnvelopeLen: Get<u32>;

		/// Most key envelopes per record.
		#[pallet::constant]
		type MaxEnvelopesPerRecord: Get<u32>;

		/// Most entries one accessor may have in one patient's access log. A read beyond it is
		/// refused with `TooManyLogEntries` until the patient's controller prunes: no entry is
		/// ever evicted by a read, so no reader can erase the trail of another (or its own).
		#[pallet::constant]
		type MaxLogEntriesPerAccessor: Get<u32>;

		/// Most reads one `log_access_batch` logs.
		#[pallet::constant]
		type MaxReadsPerBatch: Get<u32>;

		/// Most log entries one `prune_access_log` removes.
		#[pallet::constant]
		type MaxPrunePerCall: Get<u32>;

		/// Most key envelopes a consent's revocation removes in the revoking call; any beyond
		/// are never handed out and go in pages (`purge_consent_envelopes`).
		#[pallet::constant]
		type MaxEnvelopesRemovedOnRevoke: Get<u32>;

		/// Most key envelopes one `purge_consent_envelopes` removes.
		#[pallet::constant]
		type MaxEnvelopesPurgedPerCall: Get<u32>;

		/// The deposit held from an account for what it keeps in this pallet's storage
		/// (a `Consideration` over the item count and bytes; see docs/economics.md).
		type Deposit: Consideration<Self::AccountId, Footprint>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// A reason for this pallet placing a hold on funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The storage deposit for items an account keeps in this pallet.
		#[codec(index = 0)]
		StorageDeposit,
	}

	/// Per account: what it keeps in this pallet's storage and the deposit held for it.
	#[pallet::storage]
	pub type Deposits<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, StorageDeposit<T::Deposit>, OptionQuery>;

	/// The id the next record receives.
	#[pallet::storage]
	pub type NextRecordId<T: Config> = StorageValue<_, RecordId, ValueQuery>;

	/// Records under their patient, in order of id (the key is the id's big-endian bytes).
	#[pallet::storage]
	pub type Records<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		PatientId,
		Identity,
		[u8; 8],
		RecordOf<T>,
		OptionQuery,
	>;

	/// Key envelopes: record, grantee → the record's data key encrypted to the grantee, with
	/// the consent it was shared under.
	#[pallet::storage]
	pub type KeyEnvelopes<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		RecordId,
		Blake2_128Concat,
		T::AccountId,
		StoredEnvelopeOf<T>,
		OptionQuery,
	>;

	/// Which key envelopes each consent justified: (patient, consent), (record, grantee) → ().
	/// One entry per envelope shared under a consent, removed with the envelope.
	#[pallet::storage]
	pub type ConsentEnvelopes<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		(PatientId, ConsentId),
		Blake2_128Concat,
		(RecordId, T::AccountId),
		(),
		OptionQuery,
	>;

	/// The envelope a record's author left for the patient at anchoring (to the patient's
	/// `encryption_key`, grantee the patient id): record → envelope. Removed on erasure.
	#[pallet::storage]
	pub type PatientEnvelopes<T: Config> =
		StorageMap<_, Twox64Concat, RecordId, EnvelopeOf<T>, OptionQuery>;

	/// The key directory: reader account → its current X25519 key-agreement key (a
	/// practitioner's own, or an organisation's service key).
	#[pallet::storage]
	pub type ReaderKeys<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, PublishedKey<T::AccountId>, OptionQuery>;

	/// Each patient's access log, in order (the key is the sequence number's big-endian bytes).
	#[pallet::storage]
	pub type AccessLog<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		PatientId,
		Identity,
		[u8; 8],
		AccessEntry<T::AccountId>,
		OptionQuery,
	>;

	/// Which part of each patient's access log is kept.
	#[pallet::storage]
	pub type AccessLogWindow<T: Config> =
		StorageMap<_, Blake2_128Concat, PatientId, LogWindow, ValueQuery>;

	/// Patient, accessor → how many of the accessor's entries the patient's access log holds
	/// (absent when none; at most `MaxLogEntriesPerAccessor`).
	#[pallet::storage]
	pub type AccessorLogEntries<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		PatientId,
		Blake2_128Concat,
		T::AccountId,
		u32,
		ValueQuery,
	>;

	/// The id the next batch receives.
	#[pallet::storage]
	pub type NextBatchId<T: Config> = StorageValue<_, BatchId, ValueQuery>;

	/// Batches of record hashes by id.
	#[pallet::storage]
	pub type Batches<T: Config> =
		StorageMap<_, Twox64Concat, BatchId, Batch<T::AccountId>, OptionQuery>;

	/// Practitioner-authored records the patient's side contests: record → the contest (at most
	/// one per record; removed when the record is erased).
	#[pallet::storage]
	pub type Contests<T: Config> =
		StorageMap<_, Twox64Concat, RecordId, Contest<T::AccountId>, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A record was anchored by `author` (the patient's side, or a consented practitioner).
		RecordAnchored {
			record: RecordId,
			patient: PatientId,
			category: DataCategory,
			author: T::AccountId,
			content_hash: H256,
		},
		/// An older version was replaced by the record `by`, which `author` anchored.
		RecordSuperseded {
			record: RecordId,
			patient: PatientId,
			by: RecordId,
			author: T::AccountId,
		},
		/// The record's `author` marked it entered in error.
		RecordEnteredInError { record: RecordId, patient: PatientId, author: T::AccountId },
		/// The record was erased: pointer and key envelopes dropped, hash kept.
		RecordErased { record: RecordId, patient: PatientId, by: T::AccountId },
		/// The patient's `controller` shared the record's key with `grantee`.
		RecordKeyShared {
			record: RecordId,
			patient: PatientId,
			grantee: T::AccountId,
			controller: T::AccountId,
		},
		/// The patient's `controller` removed `grantee`'s key envelope.
		RecordKeyRevoked {
			record: RecordId,
			patient: PatientId,
			grantee: T::AccountId,
			controller: T::AccountId,
		},
		/// `by` (any account) removed `grantee`'s stale key envelope: `grantee` may no longer
		/// read the record (AUDIT M-3).
		RecordKeyPurged {
			record: RecordId,
			patient: PatientId,
			grantee: T::AccountId,
			by: T::AccountId,
		},
		/// A read of the record was logged (a FHIR AuditEvent).
		RecordAccessed {
			record: RecordId,
			patient: PatientId,
			accessor: T::AccountId,
			purpose: Purpose,
			basis: AccessBasis,
		},
		/// Read `index` (from 0) of a `log_access_batch` by `accessor` was refused, with the
		/// error `log_access` would have given for it; nothing was logged or held for it.
		ReadNotLogged {
			index: u32,
			record: RecordId,
			patient: PatientId,
			accessor: T::AccountId,
			error: DispatchError,
		},
		/// The patient's `controller` pruned its access log, which now starts at entry `first`.
		AccessLogPruned { patient: PatientId, first: u64, controller: T::AccountId },
		/// A batch of record hashes was committed by its Merkle root, by the practitioner
		/// `author`.
		BatchAnchored { batch: BatchId, root: H256, leaf_count: u32, author: T::AccountId },
		/// The record's `author` left an envelope of the record's key for the patient.
		PatientKeyLeft { record: RecordId, patient: PatientId, author: T::AccountId },
		/// `removed` key envelopes shared under `consent` went from state; if `remaining`,
		/// more are left to purge (`purge_consent_envelopes`), never handed out meanwhile.
		/// `by`: who purged them, or `None` when the consent's revocation removed them (the
		/// Consent pallet's `ConsentRevoked`, just before in the same call, names the revoker).
		ConsentEnvelopesRemoved {
			patient: PatientId,
			consent: ConsentId,
			removed: u32,
			remaining: bool,
			by: Option<T::AccountId>,
		},
		/// `owner` published version `version` of its key-agreement key `key`, reading for
		/// `org` (`service`: an organisation's service key, published by its admin `by`).
		ReaderKeyPublished {
			owner: T::AccountId,
			org: OrgId,
			version: u32,
			key: [u8; 32],
			service: bool,
			by: T::AccountId,
		},
		/// `owner`'s key left the key directory, removed by `by`.
		ReaderKeyRemoved { owner: T::AccountId, by: T::AccountId },
		/// The patient's side (`by`, a controller or `Full` guardian) contested a
		/// practitioner-authored record with a statement, kept off chain by its salted hash.
		RecordContested { record: RecordId, patient: PatientId, by: T::AccountId, statement: H256 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The patient is unknown or deactivated.
		PatientInactive,
		/// Neither the patient's side (a controller or `Full` guardian) nor a practitioner with
		/// a current Write consent for this category and purpose Treatment.
		NoWriteConsent,
		/// The pointer is empty.
		EmptyPointer,
		/// No record with this id is stored for this patient.
		RecordNotFound,
		/// The record is not the current version (superseded, entered in error or erased): only
		/// the current version is superseded or contested.
		RecordNotCurrent,
		/// A new version must have the category of the one it replaces.
		CategoryMismatch,
		/// Only the record's author organisation may do this: a practitioner of another
		/// organisation supersedes nothing of it, a patient-authored record is superseded only
		/// by the patient's side, and an author who moved to another organisation no longer
		/// marks the record.
		NotAuthorOrganization,
		/// Only the record's author may do this.
		NotAuthor,
		/// The record is already marked entered in error.
		AlreadyEnteredInError,
		/// The record is erased.
		RecordErased,
		/// Only a controller of the patient may do this.
		NotController,
		/// The envelope is empty.
		EmptyEnvelope,
		/// The grantee has no current consent to read this record's category for this purpose
		/// (emergency access does not count for sharing a key).
		GranteeNotPermitted,
		/// The record has `MaxEnvelopesPerRecord` key envelopes.
		TooManyEnvelopes,
		/// No key envelope is stored for this grantee.
		EnvelopeNotFound,
		/// The envelope is not stale: its grantee may still read the record (on the patient's
		/// side, or allowed by the access check for some purpose), so it is not purged.
		EnvelopeNotStale,
		/// Refused: the caller (an accessor, or a record's author) is not an active
		/// practitioner, e.g. removed from its organisation.
		NotAPractitioner,
		/// Refused: the practitioner's (accessor's or author's) validity has ended.
		PractitionerExpired,
		/// Refused: the practitioner's (accessor's or author's) organisation is suspended or
		/// revoked.
		OrganizationInactive,
		/// Access refused: the patient recorded a Deny that covers it.
		DeniedByPatient,
		/// Access refused: the consent that would cover it has ended.
		ConsentExpired,
		/// Access refused: the consent that would cover it has not started.
		ConsentNotYetValid,
		/// Access refused: the category is sensitive and no consent names it.
		SensitiveCategory,
		/// Access refused: no consent covers it.
		NoConsent,
		/// A batch holds 1 to 2^20 record hashes.
		InvalidLeafCount,
		/// No access-log entry before this sequence number remains to prune.
		LogEntryNotFound,
		/// Every id has been used.
		IdsExhausted,
		/// The patient's access log already holds `MaxLogEntriesPerAccessor` entries of this
		/// accessor; the patient's controller must prune it before more reads are logged.
		TooManyLogEntries,
		/// The signer cannot hold the storage deposit for what the call would store.
		DepositUnavailable,
		/// Only the patient's side may do this: a controller or a `Full` guardian of the
		/// patient, now (not after its guardianship ended or its control was removed, nor once
		/// the patient is deactivated).
		NotPatientsSide,
		/// The record was authored by a practitioner: only its author's organisation supersedes
		/// it. The patient's side may contest it instead (`contest_record`).
		PractitionerAuthored,
		/// The record was authored by the patient's side, which supersedes it or marks it
		/// entered in error rather than contesting it.
		PatientAuthored,
		/// The record is already contested.
		AlreadyContested,
		/// The key is not a usable X25519 public key (all zeros).
		InvalidReaderKey,
		/// A rotated key needs a version above the one published (versions only increase, so
		/// an envelope's version names one key).
		KeyVersionNotNewer,
		/// Only an active practitioner publishes its own key, and only the active admin of an
		/// active organisation publishes its service keys.
		NotKeyPublisher,
		/// A service account must not be a practitioner (its own key is its own), nor hold
		/// another organisation's service key.
		ServiceAccountTaken,
		/// No key is published for this account.
		ReaderKeyNotFound,
		/// Only the key's owner (a practitioner's own), the admin of its organisation (a
		/// service key), or anyone once the owner no longer reads for an organisation, removes
		/// a key.
		KeyStillInUse,
		/// The consent is still current (not revoked, within its window): its envelopes stand.
		ConsentStillCurrent,
		/// No key envelope shared under this consent of this patient is left.
		NoEnvelopesToPurge,
		/// A `log_access_batch` needs at least one read.
		NoReadsToLog,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxPointerLen::get() > 0, "a record needs a pointer");
			assert!(
				T::MaxLogEntriesPerAccessor::get() > 0,
				"every accessor must be able to log a read"
			);
			assert!(T::MaxPrunePerCall::get() > 0, "pruning must remove something");
			assert!(
				T::MaxEnvelopesPurgedPerCall::get() > 0,
				"purging a consent's envelopes must remove something"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	/// Read-only questions for dApps, through the `RuntimeViewFunction` API.
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// `grantee`'s key envelope for `record`, handed out only while the consent check allows
		/// `grantee` to read the record's category for `purpose` (and the record is not erased),
		/// or while `grantee` is on the patient's side with a right to read (a controller, or a
		/// `ReadOnly` or `Full` guardian whose guardianship has not ended), whatever `purpose`.
		/// An envelope shared under a consent is handed out only while that consent is current
		/// (not revoked, within its window), whatever other consent the grantee holds. After the
		/// consent is revoked or expires, or the guardianship ends, `None`. It never hands out a
		/// stale envelope (one `purge_stale_envelope` would remove): an envelope it hands out
		/// for some purpose is by definition not stale.
		pub fn record_key(
			record: RecordRef,
			grantee: T::AccountId,
			purpose: Purpose,
		) -> Option<Vec<u8>> {
			let r = Records::<T>::get(record.patient, ordered(record.id))?;
			let stored = KeyEnvelopes::<T>::get(record.id, &grantee)?;
			Self::may_fetch_key(&record.patient, &grantee, r.category, purpose, stored.consent)
				.then(|| stored.envelope.into_inner())
		}

		/// The envelope the record's author left for the patient at anchoring, handed to
		/// `reader` while it is a controller of the patient; `None` otherwise (no such
		/// envelope, the record unknown or erased, `reader` no controller).
		pub fn patient_key(record: RecordRef, reader: T::AccountId) -> Option<Vec<u8>> {
			if !T::Patients::is_controller(&record.patient, &reader) {
				return None;
			}
			Records::<T>::get(record.patient, ordered(record.id))?;
			PatientEnvelopes::<T>::get(record.id).map(|e| e.into_inner())
		}

		/// `owner`'s current key-agreement key: a practitioner's own while it is an active
		/// practitioner (with its organisation), an organisation's service key while the
		/// organisation is active; `None` otherwise.
		pub fn reader_key(owner: T::AccountId) -> Option<ReaderKey> {
			let k = ReaderKeys::<T>::get(&owner)?;
			let org = match k.service_of {
				None => T::Directory::active_practitioner(&owner)?.org,
				Some(org) => {
					T::Directory::active_organization(org)?;
					org
				}
			};
			Some(ReaderKey {
				key: k.key,
				version: k.version,
				org,
				service: k.service_of.is_some(),
				published_at: k.published_at,
			})
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Anchor a record: its salted content hash and an opaque pointer, never its content.
		///
		/// - Origin: signed by a controller or `Full` guardian of the patient, or by a
		///   practitioner with a current Write consent for `category` and purpose Treatment
		///   (never a `ReadOnly` or `ConsentOnly` guardian as such).
		/// - `content_hash`: the hash of the content with a secret salt (kept off chain).
		/// - `pointer`: where the encrypted content is (a CID or URL), encrypted by the client;
		///   1 to `MaxPointerLen` bytes.
		/// - `supersedes`: the current version this one replaces (same patient and category). A
		///   practitioner-authored version only by a practitioner of its author's organisation
		///   (`NotAuthorOrganization`; the patient's side gets `PractitionerAuthored` and
		///   contests it instead), a patient-authored one only by the patient's side
		///   (`NotAuthorOrganization`).
		/// - Deposit: the signer holds one for the record ([`Pallet::record_bytes`]), the
		///   patient's side as well as a practitioner; the record is never removed, so it stays
		///   held (erasure releases the pointer's part). `DepositUnavailable` if it cannot.
		///
		/// Emits `RecordAnchored` (and `RecordSuperseded`). Complexity: O(1): beyond the consent
		/// check, 3 reads and 3 writes (the deposit ledger and the hold included; one more of
		/// each when superseding).
		#[pallet::call_index(0)]
		#[pallet::weight(match supersedes {
			Some(_) => T::WeightInfo::anchor_record_superseding(),
			None => T::WeightInfo::anchor_record(),
		})]
		pub fn anchor_record(
			origin: OriginFor<T>,
			patient: PatientId,
			category: DataCategory,
			content_hash: H256,
			pointer: PointerOf<T>,
			supersedes: Option<RecordId>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_anchor(who, patient, category, content_hash, pointer, supersedes, None)
				.map(|_| ())
		}

		/// Mark a record entered in error (FHIR `entered-in-error`); it then verifies as
		/// `EnteredInError`.
		///
		/// - Origin: signed by the record's author, while still in the standing it anchored
		///   with (AUDIT M-5): a practitioner author must still be an active practitioner of the
		///   record's organisation (`OrganizationInactive`, `PractitionerExpired`,
		///   `NotAPractitioner`, or `NotAuthorOrganization` once it moved elsewhere); an author
		///   of the patient's side must still be a controller or `Full` guardian of the patient
		///   (`NotPatientsSide`).
		///
		/// Emits `RecordEnteredInError`. Complexity: O(1): the record, and the author's
		/// standing (the practitioner and its organisation, or the patient and the
		/// guardianship).
		#[pallet::call_index(1)]
		pub fn mark_entered_in_error(origin: OriginFor<T>, record: RecordRef) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Records::<T>::try_mutate(record.patient, ordered(record.id), |entry| {
				let r = entry.as_mut().ok_or(Error::<T>::RecordNotFound)?;
				ensure!(r.author == who, Error::<T>::NotAuthor);
				match r.author_org {
					Some(org) => Self::ensure_practitioner_of(&who, org)?,
					None => ensure!(
						T::Patients::may_act(&record.patient, &who, GuardianScope::Full),
						Error::<T>::NotPatientsSide
					),
				}
				ensure!(r.status != RecordStatus::Erased, Error::<T>::RecordErased);
				ensure!(
					r.status != RecordStatus::EnteredInError,
					Error::<T>::AlreadyEnteredInError
				);
				r.status = RecordStatus::EnteredInError;
				Ok::<_, Error<T>>(())
			})?;
			Self::deposit_event(Event::RecordEnteredInError {
				record: record.id,
				patient: record.patient,
				author: who,
			});
			Ok(())
		}

		/// Erase a record (right to erasure): its pointer, every key envelope and any contest
		/// are dropped; its hash stays as a tombstone, and it verifies as `Erased`.
		///
		/// - Origin: signed by a controller of the patient (free within the allowance). The
		///   right outlives the patient's deactivation (AUDIT M-4): whoever the patient
		///   directory says may erase for the patient (`PatientDirectory::may_erase`: the
		///   controllers, and a deactivated patient's controllers at deactivation), with no need
		///   for the patient to be active.
		/// - Deposit: the record's author gets back the part held for the pointer
		///   ([`Pallet::erased_pointer_bytes`]) and for its envelope for the patient, if it left
		///   one; the rest stays held for the tombstone. Readers' key envelopes held none; a
		///   contest's deposit goes back to its contester.
		///
		/// Emits `RecordErased`. Complexity: O(`MaxEnvelopesPerRecord`): each envelope and its
		/// entry under its consent removed.
		#[pallet::call_index(2)]
		pub fn erase_record(origin: OriginFor<T>, record: RecordRef) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(T::Patients::may_erase(&record.patient, &who), Error::<T>::NotController);
			Records::<T>::try_mutate(record.patient, ordered(record.id), |entry| {
				let r = entry.as_mut().ok_or(Error::<T>::RecordNotFound)?;
				ensure!(r.status != RecordStatus::Erased, Error::<T>::RecordErased);
				deposit::release::<_, T::Deposit, Deposits<T>>(
					&r.author,
					0,
					Self::erased_pointer_bytes(),
				)?;
				if let Some(contest) = Contests::<T>::take(record.id) {
					deposit::release::<_, T::Deposit, Deposits<T>>(
						&contest.by,
						1,
						Self::contest_bytes(),
					)?;
				}
				for (grantee, stored) in KeyEnvelopes::<T>::drain_prefix(record.id) {
					if let Some(consent) = stored.consent {
						ConsentEnvelopes::<T>::remove(
							(record.patient, consent),
							(record.id, grantee),
						);
					}
				}
				if PatientEnvelopes::<T>::take(record.id).is_some() {
					deposit::release::<_, T::Deposit, Deposits<T>>(
						&r.author,
						1,
						Self::patient_envelope_bytes(),
					)?;
				}
				r.pointer = BoundedVec::new();
				r.envelopes = 0;
				r.status = RecordStatus::Erased;
				Ok::<_, DispatchError>(())
			})?;
			Self::deposit_event(Event::RecordErased {
				record: record.id,
				patient: record.patient,
				by: who,
			});
			Ok(())
		}

		/// Give `grantee` the record's data key, encrypted to the grantee (an envelope); a new
		/// envelope for the same grantee replaces the old one.
		///
		/// - Origin: signed by a controller of the patient.
		/// - `grantee` must currently hold a consent (a Permit) to read the record's category for
		///   `purpose`, or be on the patient's side with a right to read (a controller, or a
		///   guardian whose scope covers `ReadOnly`: `ReadOnly` or `Full`; AUDIT L-9), whatever
		///   `purpose`. Emergency access does not qualify: it is temporary and reviewed, while a
		///   key once shared cannot be taken back from whoever fetched it.
		/// - The envelope lasts as long as the consent that permitted the share: it is handed out
		///   only while that consent is current, and revoking the consent removes it from state
		///   (SPEC §7.2; `purge_consent_envelopes` for any the revocation left). An envelope for
		///   the patient's side is bound to no consent.
		/// - `envelope`: 1 to `MaxEnvelopeLen` bytes, encrypted by the client.
		/// - Deposit: none. This is a patient's free call; a record keeps at most
		///   `MaxEnvelopesPerRecord` envelopes (`TooManyEnvelopes` beyond). A stale envelope
		///   (its grantee has lost the right to read the record for good) keeps its slot until it
		///   is revoked or purged (`purge_stale_envelope`, by anyone; AUDIT M-3).
		///
		/// Emits `RecordKeyShared`. Complexity: O(1).
		#[pallet::call_index(3)]
		pub fn share_record_key(
			origin: OriginFor<T>,
			record: RecordRef,
			grantee: T::AccountId,
			envelope: EnvelopeOf<T>,
			purpose: Purpose,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(T::Patients::is_controller(&record.patient, &who), Error::<T>::NotController);
			ensure!(!envelope.is_empty(), Error::<T>::EmptyEnvelope);
			Records::<T>::try_mutate(record.patient, ordered(record.id), |entry| {
				let r = entry.as_mut().ok_or(Error::<T>::RecordNotFound)?;
				ensure!(r.status != RecordStatus::Erased, Error::<T>::RecordErased);
				let consent =
					if T::Patients::may_act(&record.patient, &grantee, GuardianScope::ReadOnly) {
						None
					} else {
						match Self::reader_access(&record.patient, &grantee, r.category, purpose) {
							AccessDecision::Permit { consent } => Some(consent),
							_ => return Err(Error::<T>::GranteeNotPermitted),
						}
					};
				match KeyEnvelopes::<T>::get(record.id, &grantee) {
					Some(old) => {
						if let Some(old_consent) = old.consent {
							ConsentEnvelopes::<T>::remove(
								(record.patient, old_consent),
								(record.id, &grantee),
							);
						}
					}
					None => {
						ensure!(
							r.envelopes < T::MaxEnvelopesPerRecord::get(),
							Error::<T>::TooManyEnvelopes
						);
						r.envelopes = r.envelopes.saturating_add(1);
					}
				}
				if let Some(consent) = consent {
					ConsentEnvelopes::<T>::insert(
						(record.patient, consent),
						(record.id, &grantee),
						(),
					);
				}
				KeyEnvelopes::<T>::insert(
					record.id,
					&grantee,
					StoredEnvelope { envelope, consent },
				);
				Ok::<_, Error<T>>(())
			})?;
			Self::deposit_event(Event::RecordKeyShared {
				record: record.id,
				patient: record.patient,
				grantee,
				controller: who,
			});
			Ok(())
		}

		/// Remove `grantee`'s key envelope.
		///
		/// - Origin: signed by a controller of the patient.
		///
		/// Emits `RecordKeyRevoked`. Complexity: O(1).
		#[pallet::call_index(4)]
		pub fn revoke_record_key(
			origin: OriginFor<T>,
			record: RecordRef,
			grantee: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(T::Patients::is_controller(&record.patient, &who), Error::<T>::NotController);
			Records::<T>::try_mutate(record.patient, ordered(record.id), |entry| {
				let r = entry.as_mut().ok_or(Error::<T>::RecordNotFound)?;
				ensure!(
					Self::remove_envelope(&record.patient, record.id, &grantee),
					Error::<T>::EnvelopeNotFound
				);
				r.envelopes = r.envelopes.saturating_sub(1);
				Ok::<_, Error<T>>(())
			})?;
			Self::deposit_event(Event::RecordKeyRevoked {
				record: record.id,
				patient: record.patient,
				grantee,
				controller: who,
			});
			Ok(())
		}

		/// Log a read of a record in the patient's access log; refused unless the consent check
		/// allows the caller to read the record's category for `purpose` (by a consent, or an
		/// emergency access), with the reason as the error, or the caller is a guardian of the
		/// patient whose scope covers reading (`ReadOnly` or `Full`, guardianship in force:
		/// basis `Guardianship`, whatever the category and purpose; AUDIT L-9).
		///
		/// - Origin: signed by the accessor.
		/// - The log never evicts: once it holds `MaxLogEntriesPerAccessor` entries of the caller
		///   for this patient, the read is refused with `TooManyLogEntries` until the patient's
		///   controller prunes (`prune_access_log`). Other readers' entries are never touched.
		/// - Deposit: the caller holds one for the entry ([`Pallet::log_entry_bytes`], plus
		///   [`Pallet::log_counter_bytes`] for its entry count when this is its first entry in
		///   the patient's log), released when the patient prunes the entry.
		///   `DepositUnavailable` if it cannot.
		///
		/// Emits `RecordAccessed`. Complexity: O(1): beyond the consent check, 5 reads (the
		/// record, the caller's entry count, the log window, the clock, the caller's deposit
		/// ledger) and 4 writes (the entry, the window, the count, the ledger), and the hold.
		#[pallet::call_index(5)]
		pub fn log_access(
			origin: OriginFor<T>,
			record: RecordRef,
			purpose: Purpose,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::log_read(&who, record, purpose).map_err(Into::into)
		}

		/// Commit a batch of record hashes (a lab run, a device feed) by the root of their
		/// Merkle tree, built off chain with the `medchain-merkle` tool.
		///
		/// - Origin: signed by an active practitioner of an active organisation.
		/// - `leaf_count`: 1 to 2^20.
		/// - `description_hash`: hash of the batch's description, kept off chain.
		/// - Deposit: the caller holds one for the batch ([`Pallet::batch_bytes`]); batches are
		///   never removed, so it stays held. `DepositUnavailable` if it cannot.
		///
		/// Emits `BatchAnchored`. Complexity: O(1), whatever `leaf_count`.
		#[pallet::call_index(6)]
		pub fn anchor_batch(
			origin: OriginFor<T>,
			merkle_root: H256,
			leaf_count: u32,
			description_hash: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let org =
				T::Directory::active_practitioner(&who).ok_or(Error::<T>::NotAPractitioner)?.org;
			ensure!((1..=merkle::MAX_LEAVES).contains(&leaf_count), Error::<T>::InvalidLeafCount);
			let batch = NextBatchId::<T>::get();
			let next = batch.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
			Self::hold_deposit(&who, Self::batch_bytes())?;
			NextBatchId::<T>::put(next);
			Batches::<T>::insert(
				batch,
				Batch {
					root: merkle_root,
					leaf_count,
					author: who.clone(),
					org,
					description_hash,
					anchored_at: T::Time::now(),
				},
			);
			Self::deposit_event(Event::BatchAnchored {
				batch,
				root: merkle_root,
				leaf_count,
				author: who,
			});
			Ok(())
		}

		/// Remove the patient's access-log entries older than sequence number `before`, at most
		/// `MaxPrunePerCall` of them, oldest first. This is the only way entries leave the log;
		/// it gives each reader whose entries go back room under `MaxLogEntriesPerAccessor`.
		///
		/// - Origin: signed by a controller of the patient (never a reader, nor a guardian); free
		///   within the allowance.
		/// - Deposit: each removed entry's reader gets back what it held for it (and for its
		///   entry count, when its last entry in the log goes), one ledger update per distinct
		///   reader.
		///
		/// Emits `AccessLogPruned`. Complexity: O(`MaxPrunePerCall`): each removed entry is
		/// read and removed, and the entry count and deposit of each distinct accessor among
		/// them updated (at most `MaxPrunePerCall` accessors).
		#[pallet::call_index(7)]
		pub fn prune_access_log(
			origin: OriginFor<T>,
			patient: PatientId,
			before: u64,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(T::Patients::is_controller(&patient, &who), Error::<T>::NotController);
			let mut window = AccessLogWindow::<T>::get(patient);
			let until = before
				.min(window.next)
				.min(window.first.saturating_add(u64::from(T::MaxPrunePerCall::get())));
			ensure!(until > window.first, Error::<T>::LogEntryNotFound);
			let mut removed: BTreeMap<T::AccountId, u32> = BTreeMap::new();
			for seq in window.first..until {
				if let Some(entry) = AccessLog::<T>::take(patient, ordered(seq)) {
					let n = removed.entry(entry.accessor).or_default();
					*n = n.saturating_add(1);
				}
			}
			for (accessor, n) in removed {
				let counted = AccessorLogEntries::<T>::get(patient, &accessor);
				let left = counted.saturating_sub(n);
				let mut bytes = Self::log_entry_bytes().saturating_mul(u64::from(n));
				if left == 0 {
					AccessorLogEntries::<T>::remove(patient, &accessor);
					if counted > 0 {
						bytes = bytes.saturating_add(Self::log_counter_bytes());
					}
				} else {
					AccessorLogEntries::<T>::insert(patient, &accessor, left);
				}
				deposit::release::<_, T::Deposit, Deposits<T>>(&accessor, u64::from(n), bytes)?;
			}
			window.first = until;
			AccessLogWindow::<T>::insert(patient, window);
			Self::deposit_event(Event::AccessLogPruned { patient, first: until, controller: who });
			Ok(())
		}

		/// Contest a practitioner-authored record (AUDIT M-6): the patient's side disputes it
		/// without replacing it. The record stays as its organisation anchored it; while it is
		/// the current version and its hash matches, `verify_record` answers
		/// `Contested { statement }` instead of `Match` (a newer version, entered in error or
		/// erased answer as before).
		///
		/// - Origin: signed by a controller or `Full` guardian of the (active) patient
		///   (`NotPatientsSide`).
		/// - `record`: a current, practitioner-authored record (`RecordErased`,
		///   `RecordNotCurrent`, `PatientAuthored`), not contested yet (`AlreadyContested`).
		/// - `statement_hash`: the salted hash of the patient's statement, kept off chain.
		/// - Deposit: the caller holds one for the contest ([`Pallet::contest_bytes`]), released
		///   to it when the record is erased. `DepositUnavailable` if it cannot.
		///
		/// Emits `RecordContested`. Complexity: O(1): the patient's side, the record, the
		/// contest, the clock and the caller's deposit ledger read; the contest and the ledger
		/// written, and the hold.
		#[pallet::call_index(8)]
		pub fn contest_record(
			origin: OriginFor<T>,
			record: RecordRef,
			statement_hash: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(
				T::Patients::may_act(&record.patient, &who, GuardianScope::Full),
				Error::<T>::NotPatientsSide
			);
			let r = Records::<T>::get(record.patient, ordered(record.id))
				.ok_or(Error::<T>::RecordNotFound)?;
			ensure!(r.status != RecordStatus::Erased, Error::<T>::RecordErased);
			ensure!(r.status == RecordStatus::Current, Error::<T>::RecordNotCurrent);
			ensure!(r.author_org.is_some(), Error::<T>::PatientAuthored);
			ensure!(!Contests::<T>::contains_key(record.id), Error::<T>::AlreadyContested);
			Self::hold_deposit(&who, Self::contest_bytes())?;
			Contests::<T>::insert(
				record.id,
				Contest { statement: statement_hash, by: who.clone(), at: T::Time::now() },
			);
			Self::deposit_event(Event::RecordContested {
				record: record.id,
				patient: record.patient,
				by: who,
				statement: statement_hash,
			});
			Ok(())
		}

		/// Remove a stale key envelope (AUDIT M-3): one whose grantee may no longer read the
		/// record, so that it stops taking a slot under `MaxEnvelopesPerRecord` and new shares
		/// are not refused with `TooManyEnvelopes`.
		///
		/// An envelope is stale when `record_key` hands it out for no purpose and will not again
		/// unless the patient's side acts: its grantee is not on the patient's side with a right
		/// to read (a controller, or a `ReadOnly` or `Full` guardian in force), and the consent
		/// it was shared under is no longer current (revoked, ended, purged), or for every
		/// purpose the access check refuses it for a reason that lasts (no consent or a consent
		/// revoked, a Deny, a consent ended with none to come, the grantee removed from its
		/// organisation or no practitioner, the patient deactivated). A refusal that passes by
		/// itself or through governance keeps the envelope: a consent still to start, the
		/// grantee's organisation suspended, its licence validity lapsed (the patient may still
		/// revoke such an envelope). An emergency access in force keeps it too.
		///
		/// - Origin: any signed account (free within the allowance for the patient's
		///   controllers).
		/// - `record`: a stored record (`RecordNotFound`) with an envelope for `grantee`
		///   (`EnvelopeNotFound`; an erased record has none) that is stale (`EnvelopeNotStale`).
		/// - Deposit: key envelopes hold none (`share_record_key` is a patient's free call), so
		///   there is none to release; no deposit ledger changes.
		///
		/// Emits `RecordKeyPurged`, naming the caller as `by`. Complexity: O(1): the record and
		/// the envelope read, the grantee's standing on the patient's side read, and one access
		/// check for each of the `Purpose::ALL.len()` (8) purposes, each as long as
		/// `share_record_key`'s one; the envelope removed and the record written.
		#[pallet::call_index(9)]
		pub fn purge_stale_envelope(
			origin: OriginFor<T>,
			record: RecordRef,
			grantee: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Records::<T>::try_mutate(record.patient, ordered(record.id), |entry| {
				let r = entry.as_mut().ok_or(Error::<T>::RecordNotFound)?;
				let stored = KeyEnvelopes::<T>::get(record.id, &grantee)
					.ok_or(Error::<T>::EnvelopeNotFound)?;
				ensure!(
					Self::envelope_stale(&record.patient, &grantee, r.category, stored.consent),
					Error::<T>::EnvelopeNotStale
				);
				Self::remove_envelope(&record.patient, record.id, &grantee);
				r.envelopes = r.envelopes.saturating_sub(1);
				Ok::<_, Error<T>>(())
			})?;
			Self::deposit_event(Event::RecordKeyPurged {
				record: record.id,
				patient: record.patient,
				grantee,
				by: who,
			});
			Ok(())
		}

		/// Anchor a record as `anchor_record` does, and leave the patient an envelope of the
		/// record's data key (the author's key path, SPEC §7.2): made to the patient's
		/// `encryption_key` with the patient id as grantee (docs/record-protocol.md §6). The
		/// patient's controllers read it with `patient_key` (runtime API `RecordsApi`).
		///
		/// - Origin, `content_hash`, `pointer`, `supersedes`: as `anchor_record`.
		/// - `patient_envelope`: 1 to `MaxEnvelopeLen` bytes (`EmptyEnvelope`).
		/// - Deposit: the signer holds one for the record and one for the envelope
		///   ([`Pallet::patient_envelope_bytes`]), released when the record is erased.
		///   `DepositUnavailable` if it cannot.
		///
		/// Emits `RecordAnchored` (and `RecordSuperseded`), then `PatientKeyLeft`. Complexity:
		/// O(1): `anchor_record`'s, and the envelope written.
		#[pallet::call_index(10)]
		pub fn anchor_record_with_key(
			origin: OriginFor<T>,
			patient: PatientId,
			category: DataCategory,
			content_hash: H256,
			pointer: PointerOf<T>,
			supersedes: Option<RecordId>,
			patient_envelope: EnvelopeOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_anchor(
				who,
				patient,
				category,
				content_hash,
				pointer,
				supersedes,
				Some(patient_envelope),
			)
			.map(|_| ())
		}

		/// Publish or rotate the caller's own X25519 key-agreement key in the key directory:
		/// the key a patient's app wraps a record's data key to when it shares the record with
		/// the caller (docs/record-protocol.md §6 and §7).
		///
		/// - Origin: signed by an active practitioner (`NotKeyPublisher`), not an organisation's
		///   service account (`ServiceAccountTaken`).
		/// - `key`: the X25519 public key, not all zeros (`InvalidReaderKey`).
		/// - `version`: the key's version, above the one published (`KeyVersionNotNewer`); an
		///   envelope names it, so that the reader knows which secret opens it.
		/// - Deposit: the caller holds one for the entry ([`Pallet::reader_key_bytes`]) when it
		///   first publishes; a rotation replaces the entry in place. Released by
		///   `remove_reader_key`. `DepositUnavailable` if it cannot.
		///
		/// Emits `ReaderKeyPublished`. Complexity: O(1).
		#[pallet::call_index(11)]
		pub fn publish_reader_key(
			origin: OriginFor<T>,
			key: [u8; 32],
			version: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let info =
				T::Directory::active_practitioner(&who).ok_or(Error::<T>::NotKeyPublisher)?;
			Self::publish_key(who.clone(), who, key, version, None, info.org)
		}

		/// Publish or rotate a service key of the caller's organisation: the key of a service
		/// account (a records gateway that reads on the organisation's staff's behalf).
		///
		/// - Origin: signed by the admin of an active organisation (`NotKeyPublisher`).
		/// - `service`: the service's account; no practitioner, and no other organisation's
		///   service (`ServiceAccountTaken`).
		/// - `key`, `version`: as `publish_reader_key`.
		/// - Deposit: the admin holds one for a new entry ([`Pallet::reader_key_bytes`]);
		///   released by `remove_reader_key`. `DepositUnavailable` if it cannot.
		///
		/// Emits `ReaderKeyPublished` with `service: true`. Complexity: O(1).
		#[pallet::call_index(12)]
		pub fn publish_service_key(
			origin: OriginFor<T>,
			service: T::AccountId,
			key: [u8; 32],
			version: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (org, _) =
				T::Directory::administered_organization(&who).ok_or(Error::<T>::NotKeyPublisher)?;
			ensure!(
				matches!(
					T::Directory::practitioner_standing(&service),
					PractitionerStanding::Unknown
				),
				Error::<T>::ServiceAccountTaken
			);
			Self::publish_key(service, who, key, version, Some(org), org)
		}

		/// Remove a key from the key directory; its publisher gets its deposit back. Envelopes
		/// already made to it stay (their grantee still holds the secret).
		///
		/// - Origin: signed by the key's owner (a practitioner's own key), the admin of the
		///   organisation whose service key it is, or anyone once the key serves no one: its
		///   practitioner left every organisation, or its organisation is no longer active
		///   (`KeyStillInUse` otherwise).
		/// - `owner`: an account with a published key (`ReaderKeyNotFound`).
		///
		/// Emits `ReaderKeyRemoved`. Complexity: O(1).
		#[pallet::call_index(13)]
		pub fn remove_reader_key(origin: OriginFor<T>, owner: T::AccountId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let k = ReaderKeys::<T>::get(&owner).ok_or(Error::<T>::ReaderKeyNotFound)?;
			let may = match k.service_of {
				None => {
					who == owner
						|| matches!(
							T::Directory::practitioner_standing(&owner),
							PractitionerStanding::Unknown
						)
				}
				Some(org) => {
					T::Directory::is_active_admin(org, &who)
						|| T::Directory::active_organization(org).is_none()
				}
			};
			ensure!(may, Error::<T>::KeyStillInUse);
			ReaderKeys::<T>::remove(&owner);
			deposit::release::<_, T::Deposit, Deposits<T>>(
				&k.depositor,
				1,
				Self::reader_key_bytes(),
			)?;
			Self::deposit_event(Event::ReaderKeyRemoved { owner, by: who });
			Ok(())
		}

		/// Remove, in a page, the key envelopes shared under a consent of the patient that is
		/// no longer current (revoked, ended or purged): what its revocation did not remove in
		/// the revoking call, or the envelopes of a consent that simply ended. None of them is
		/// handed out in the meantime (`record_key`).
		///
		/// - Origin: any signed account; free within the allowance for the patient's
		///   controllers, so a zero-token patient drives the pages.
		/// - `consent`: not current (`ConsentStillCurrent`), with envelopes of this patient
		///   left (`NoEnvelopesToPurge`).
		/// - At most `MaxEnvelopesPurgedPerCall` go per call; call again while
		///   `ConsentEnvelopesRemoved` says `remaining`.
		/// - Deposit: envelopes hold none, so none is released.
		///
		/// Emits `ConsentEnvelopesRemoved`. Complexity: O(`MaxEnvelopesPurgedPerCall`), charged
		/// for those removed: each envelope, its entry under the consent and its record's count.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::purge_consent_envelopes(
			T::MaxEnvelopesPurgedPerCall::get()
		))]
		pub fn purge_consent_envelopes(
			origin: OriginFor<T>,
			patient: PatientId,
			consent: ConsentId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			ensure!(!T::Consent::consent_current(consent), Error::<T>::ConsentStillCurrent);
			let (removed, remaining) = Self::remove_consent_envelopes(
				&patient,
				consent,
				T::MaxEnvelopesPurgedPerCall::get(),
			);
			ensure!(removed > 0, Error::<T>::NoEnvelopesToPurge);
			Self::deposit_event(Event::ConsentEnvelopesRemoved {
				patient,
				consent,
				removed,
				remaining,
				by: Some(who),
			});
			Ok(Some(T::WeightInfo::purge_consent_envelopes(removed)).into())
		}

		/// Log many reads by the caller at once, each as `log_access` would (a gateway logs
		/// the reads of a block in one transaction). Each read is checked on its own, in order:
		/// a read `log_access` would refuse is not logged, changes nothing, and is reported by
		/// `ReadNotLogged` with that error; the others are logged.
		///
		/// - Origin: signed by the accessor of every read.
		/// - `reads`: 1 to `MaxReadsPerBatch` reads (`NoReadsToLog` if none), of any patients'
		///   records.
		/// - Deposit: as `log_access`, for each read logged.
		///
		/// Emits `RecordAccessed` for each read logged and `ReadNotLogged` for each refused.
		/// Complexity: O(`reads`), each read as `log_access`; the caller's standing and deposit
		/// ledger, and a patient's log window and the caller's count in it, are read and written
		/// once however many reads share them.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::log_access_batch(reads.len() as u32))]
		pub fn log_access_batch(
			origin: OriginFor<T>,
			reads: BoundedVec<LoggedRead, T::MaxReadsPerBatch>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!reads.is_empty(), Error::<T>::NoReadsToLog);
			for (index, read) in (0u32..).zip(reads) {
				// Each read is all or nothing on its own: a refusal leaves no trace of it.
				let logged = frame_support::storage::with_storage_layer(|| {
					Self::log_read(&who, read.record, read.purpose).map_err(DispatchError::from)
				});
				if let Err(error) = logged {
					Self::deposit_event(Event::ReadNotLogged {
						index,
						record: read.record.id,
						patient: read.record.patient,
						accessor: who.clone(),
						error,
					});
				}
			}
			Ok(())
		}
	}
}

impl<T: Config> Call<T> {
	/// The patient this call acts for, if a patient's controller may send it for free: erasing
	/// a record, sharing, revoking or purging a stale record key, purging the envelopes of a
	/// consent that ended, pruning the access log. (Whoever else sends `purge_stale_envelope`
	/// or `purge_consent_envelopes` pays.)
	///
	/// None of these holds a deposit. Five only remove state; the one that stores,
	/// `share_record_key`, is bounded by `MaxEnvelopesPerRecord` envelopes per record of the
	/// patient, and every record is itself backed by its author's deposit.
	pub fn free_for_patient(&self) -> Option<PatientId> {
		match self {
			Call::erase_record { record }
			| Call::share_record_key { record, .. }
			| Call::revoke_record_key { record, .. }
			| Call::purge_stale_envelope { record, .. } => Some(record.patient),
			Call::prune_access_log { patient, .. }
			| Call::purge_consent_envelopes { patient, .. } => Some(*patient),
			_ => None,
		}
	}
}

/// The largest encoding of `E`, in bytes: what a deposit counts for an item of that shape.
fn max_bytes<E: MaxEncodedLen>() -> u64 {
	u64::try_from(E::max_encoded_len()).unwrap_or(u64::MAX)
}

impl<T: Config> Pallet<T> {
	/// `anchor_record` and `anchor_record_with_key`: anchors for `who` and, given one, stores
	/// the author's envelope for the patient. Returns the new record's id.
	fn do_anchor(
		who: T::AccountId,
		patient: PatientId,
		category: DataCategory,
		content_hash: H256,
		pointer: PointerOf<T>,
		supersedes: Option<RecordId>,
		patient_envelope: Option<EnvelopeOf<T>>,
	) -> Result<RecordId, DispatchError> {
		if let Some(envelope) = &patient_envelope {
			ensure!(!envelope.is_empty(), Error::<T>::EmptyEnvelope);
		}
		ensure!(!pointer.is_empty(), Error::<T>::EmptyPointer);
		ensure!(T::Patients::is_active(&patient), Error::<T>::PatientInactive);
		let author_org = if T::Patients::may_act(&patient, &who, GuardianScope::Full) {
			None
		} else {
			match T::Consent::check_access_with_org(
				&patient,
				&who,
				Action::Write,
				category,
				Purpose::Treatment,
			) {
				(AccessDecision::Permit { .. }, Some(org)) => Some(org),
				_ => return Err(Error::<T>::NoWriteConsent.into()),
			}
		};
		let id = NextRecordId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		let superseded = match supersedes {
			Some(old_id) => {
				let mut old = Records::<T>::get(patient, ordered(old_id))
					.ok_or(Error::<T>::RecordNotFound)?;
				ensure!(old.status == RecordStatus::Current, Error::<T>::RecordNotCurrent);
				ensure!(old.category == category, Error::<T>::CategoryMismatch);
				// AUDIT M-6: the patient's side supersedes only its own records; a
				// practitioner-authored one only its organisation, and the patient's side
				// contests it instead (`contest_record`).
				ensure!(
					author_org.is_some() || old.author_org.is_none(),
					Error::<T>::PractitionerAuthored
				);
				ensure!(old.author_org == author_org, Error::<T>::NotAuthorOrganization);
				old.status = RecordStatus::Superseded { by: id };
				Some((old_id, old))
			}
			None => None,
		};
		match &patient_envelope {
			Some(_) => deposit::hold::<_, T::Deposit, Deposits<T>>(
				&who,
				2,
				Self::record_bytes().saturating_add(Self::patient_envelope_bytes()),
			)
			.map_err(|_| Error::<T>::DepositUnavailable)?,
			None => Self::hold_deposit(&who, Self::record_bytes())?,
		}
		if let Some((old_id, old)) = superseded {
			Records::<T>::insert(patient, ordered(old_id), old);
			Self::deposit_event(Event::RecordSuperseded {
				record: old_id,
				patient,
				by: id,
				author: who.clone(),
			});
		}
		NextRecordId::<T>::put(next);
		Records::<T>::insert(
			patient,
			ordered(id),
			Record {
				category,
				content_hash,
				pointer,
				author: who.clone(),
				author_org,
				supersedes,
				status: RecordStatus::Current,
				anchored_at: T::Time::now(),
				envelopes: 0,
			},
		);
		Self::deposit_event(Event::RecordAnchored {
			record: id,
			patient,
			category,
			author: who.clone(),
			content_hash,
		});
		if let Some(envelope) = patient_envelope {
			PatientEnvelopes::<T>::insert(id, envelope);
			Self::deposit_event(Event::PatientKeyLeft { record: id, patient, author: who });
		}
		Ok(id)
	}

	/// The bytes a record's author holds a deposit for: its key (patient, id) and the record
	/// at its longest pointer.
	pub fn record_bytes() -> u64 {
		max_bytes::<(PatientId, [u8; 8], RecordOf<T>)>()
	}

	/// The bytes erasure frees of a record: its pointer, emptied (the empty pointer's length
	/// prefix stays in the tombstone).
	pub fn erased_pointer_bytes() -> u64 {
		let empty = u64::try_from(PointerOf::<T>::new().encoded_size()).unwrap_or(u64::MAX);
		max_bytes::<PointerOf<T>>().saturating_sub(empty)
	}

	/// The bytes an erased record (a tombstone) still holds a deposit for.
	pub fn tombstone_bytes() -> u64 {
		Self::record_bytes().saturating_sub(Self::erased_pointer_bytes())
	}

	/// The bytes a batch's author holds a deposit for: its key (id) and the batch.
	pub fn batch_bytes() -> u64 {
		max_bytes::<(BatchId, Batch<T::AccountId>)>()
	}

	/// The bytes a reader holds a deposit for per access-log entry: its key (patient, sequence
	/// number) and the entry.
	pub fn log_entry_bytes() -> u64 {
		max_bytes::<(PatientId, [u8; 8], AccessEntry<T::AccountId>)>()
	}

	/// The bytes of a reader's entry count in a patient's log (key: patient, reader; value:
	/// the count), held with the reader's first entry there and released with its last.
	pub fn log_counter_bytes() -> u64 {
		max_bytes::<(PatientId, T::AccountId, u32)>()
	}

	/// The bytes a record's author holds a deposit for when it leaves the patient an envelope:
	/// its key (record id) and the envelope at its longest.
	pub fn patient_envelope_bytes() -> u64 {
		max_bytes::<(RecordId, EnvelopeOf<T>)>()
	}

	/// The bytes a key's publisher holds a deposit for: its key (the owner) and the entry.
	pub fn reader_key_bytes() -> u64 {
		max_bytes::<(T::AccountId, PublishedKey<T::AccountId>)>()
	}

	/// The bytes a contester holds a deposit for: its key (record id) and the contest.
	pub fn contest_bytes() -> u64 {
		max_bytes::<(RecordId, Contest<T::AccountId>)>()
	}

	/// Whether `record_key` hands `grantee` its envelope of a record of the patient in
	/// `category` for `purpose`: on the patient's side with a right to read (a controller, or a
	/// `ReadOnly` or `Full` guardian in force), whatever the purpose, or allowed by the access
	/// check (a consent or an emergency access).
	///
	/// An envelope shared under a consent (`consent`) needs that consent current as well.
	fn may_fetch_key(
		patient: &PatientId,
		grantee: &T::AccountId,
		category: DataCategory,
		purpose: Purpose,
		consent: Option<ConsentId>,
	) -> bool {
		T::Patients::may_act(patient, grantee, GuardianScope::ReadOnly)
			|| (consent.is_none_or(T::Consent::consent_current)
				&& Self::reader_access(patient, grantee, category, purpose).is_allowed())
	}

	/// The access check for `grantee` reading the patient's `category` for `purpose`: an
	/// organisation's service (a key in the directory published as its service key) reads
	/// under the consents to its organisation (`ConsentCheck::check_org_access`), anyone else
	/// as itself (`ConsentCheck::check_access`). One directory read more than the check.
	fn reader_access(
		patient: &PatientId,
		grantee: &T::AccountId,
		category: DataCategory,
		purpose: Purpose,
	) -> AccessDecision {
		match ReaderKeys::<T>::get(grantee).and_then(|k| k.service_of) {
			Some(org) => {
				T::Consent::check_org_access(patient, org, Action::Read, category, purpose)
			}
			None => T::Consent::check_access(patient, grantee, Action::Read, category, purpose),
		}
	}

	/// Whether `grantee`'s envelope of a record of the patient in `category` is stale (AUDIT
	/// M-3): `record_key` hands it out for no purpose, and for none will it again unless the
	/// patient's side acts. Each purpose's refusal must be one that lasts: no consent (revoked,
	/// or never given), a Deny, a consent ended with none to come, the grantee no practitioner
	/// (removed, or a guardianship ended), the patient deactivated. A refusal that passes by
	/// itself or by governance (a consent still to start, a suspended organisation, a lapsed
	/// licence validity) keeps the envelope. At most one standing check and
	/// `Purpose::ALL.len()` access checks.
	///
	/// An envelope shared under a consent that is no longer current is stale whatever the
	/// check says (it is never handed out again).
	fn envelope_stale(
		patient: &PatientId,
		grantee: &T::AccountId,
		category: DataCategory,
		consent: Option<ConsentId>,
	) -> bool {
		!T::Patients::may_act(patient, grantee, GuardianScope::ReadOnly)
			&& (consent.is_some_and(|c| !T::Consent::consent_current(c))
				|| Purpose::ALL.iter().all(|purpose| {
					match Self::reader_access(patient, grantee, category, *purpose) {
						AccessDecision::Deny { reason } => Self::refusal_lasts(reason),
						AccessDecision::Permit { .. } | AccessDecision::Emergency { .. } => false,
					}
				}))
	}

	/// Removes `grantee`'s envelope of record `id` of the patient and its entry under its
	/// consent; whether there was one. (The record's envelope count is the caller's.)
	fn remove_envelope(patient: &PatientId, id: RecordId, grantee: &T::AccountId) -> bool {
		match KeyEnvelopes::<T>::take(id, grantee) {
			Some(stored) => {
				if let Some(consent) = stored.consent {
					ConsentEnvelopes::<T>::remove((*patient, consent), (id, grantee));
				}
				true
			}
			None => false,
		}
	}

	/// Removes at most `limit` of the envelopes shared under `consent` of the patient (each
	/// with its entry under the consent, and its record's count updated). Returns how many
	/// went and whether any are left. Reads at most one entry beyond those it removes.
	fn remove_consent_envelopes(
		patient: &PatientId,
		consent: ConsentId,
		limit: u32,
	) -> (u32, bool) {
		let limit = limit as usize;
		let keys: Vec<(RecordId, T::AccountId)> =
			ConsentEnvelopes::<T>::iter_key_prefix((*patient, consent))
				.take(limit.saturating_add(1))
				.collect();
		let remaining = keys.len() > limit;
		let mut removed: u32 = 0;
		for (id, grantee) in keys.into_iter().take(limit) {
			ConsentEnvelopes::<T>::remove((*patient, consent), (id, &grantee));
			let was_its = KeyEnvelopes::<T>::mutate_exists(id, &grantee, |stored| {
				let its = stored.as_ref().is_some_and(|e| e.consent == Some(consent));
				if its {
					*stored = None;
				}
				its
			});
			if was_its {
				Records::<T>::mutate(patient, ordered(id), |r| {
					if let Some(r) = r {
						r.envelopes = r.envelopes.saturating_sub(1);
					}
				});
			}
			removed = removed.saturating_add(1);
		}
		(removed, remaining)
	}

	/// Publishes `key` version `version` for `owner` (by `by`, who holds the deposit of a new
	/// entry), reading for `org`; `service_of` says whose service key it is.
	fn publish_key(
		owner: T::AccountId,
		by: T::AccountId,
		key: [u8; 32],
		version: u32,
		service_of: Option<OrgId>,
		org: OrgId,
	) -> DispatchResult {
		ensure!(key != [0u8; 32], Error::<T>::InvalidReaderKey);
		let depositor = match ReaderKeys::<T>::get(&owner) {
			Some(old) => {
				ensure!(old.service_of == service_of, Error::<T>::ServiceAccountTaken);
				ensure!(version > old.version, Error::<T>::KeyVersionNotNewer);
				old.depositor
			}
			None => {
				Self::hold_deposit(&by, Self::reader_key_bytes())?;
				by.clone()
			}
		};
		ReaderKeys::<T>::insert(
			&owner,
			PublishedKey { key, version, service_of, depositor, published_at: T::Time::now() },
		);
		Self::deposit_event(Event::ReaderKeyPublished {
			owner,
			org,
			version,
			key,
			service: service_of.is_some(),
			by,
		});
		Ok(())
	}

	/// Whether a refused access stays refused until the patient's side acts (see
	/// [`Self::envelope_stale`]).
	fn refusal_lasts(reason: DenyReason) -> bool {
		match reason {
			DenyReason::PatientInactive
			| DenyReason::NotAPractitioner
			| DenyReason::DeniedByPatient
			| DenyReason::Expired
			| DenyReason::SensitiveCategory
			| DenyReason::NoConsent => true,
			DenyReason::PractitionerExpired
			| DenyReason::OrganizationInactive
			| DenyReason::NotYetValid => false,
		}
	}

	/// Logs `who`'s read of `record` for `purpose` in the patient's access log, if the rules of
	/// `log_access` allow it (see there), holding the deposit for the entry.
	fn log_read(who: &T::AccountId, record: RecordRef, purpose: Purpose) -> Result<(), Error<T>> {
		let r = Records::<T>::get(record.patient, ordered(record.id))
			.ok_or(Error::<T>::RecordNotFound)?;
		ensure!(r.status != RecordStatus::Erased, Error::<T>::RecordErased);
		let basis = match T::Patients::representation(&record.patient, who) {
			Some(Representation::Guardian(scope)) if scope.covers(GuardianScope::ReadOnly) => {
				AccessBasis::Guardianship
			}
			_ => match T::Consent::check_access(
				&record.patient,
				who,
				Action::Read,
				r.category,
				purpose,
			) {
				AccessDecision::Permit { consent } => AccessBasis::Consent(consent),
				AccessDecision::Emergency { id } => AccessBasis::Emergency(id),
				AccessDecision::Deny { reason } => return Err(Self::refusal(reason)),
			},
		};
		let logged = AccessorLogEntries::<T>::get(record.patient, who);
		ensure!(logged < T::MaxLogEntriesPerAccessor::get(), Error::<T>::TooManyLogEntries);
		let bytes = match logged {
			0 => Self::log_entry_bytes().saturating_add(Self::log_counter_bytes()),
			_ => Self::log_entry_bytes(),
		};
		let logged = logged.checked_add(1).ok_or(Error::<T>::TooManyLogEntries)?;
		let mut window = AccessLogWindow::<T>::get(record.patient);
		let seq = window.next;
		window.next = seq.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		Self::hold_deposit(who, bytes)?;
		AccessLog::<T>::insert(
			record.patient,
			ordered(seq),
			AccessEntry {
				record: record.id,
				accessor: who.clone(),
				purpose,
				basis,
				at: T::Time::now(),
			},
		);
		AccessLogWindow::<T>::insert(record.patient, window);
		AccessorLogEntries::<T>::insert(record.patient, who, logged);
		Self::deposit_event(Event::RecordAccessed {
			record: record.id,
			patient: record.patient,
			accessor: who.clone(),
			purpose,
			basis,
		});
		Ok(())
	}

	/// `Ok` if `who` is now an active practitioner of `org` (AUDIT M-5), or why not.
	fn ensure_practitioner_of(who: &T::AccountId, org: OrgId) -> Result<(), Error<T>> {
		match T::Directory::practitioner_standing(who) {
			PractitionerStanding::Active(info) if info.org == org => Ok(()),
			PractitionerStanding::Active(_) => Err(Error::<T>::NotAuthorOrganization),
			PractitionerStanding::ValidityEnded => Err(Error::<T>::PractitionerExpired),
			PractitionerStanding::OrganizationInactive => Err(Error::<T>::OrganizationInactive),
			PractitionerStanding::Unknown => Err(Error::<T>::NotAPractitioner),
		}
	}

	/// Holds the deposit for one more item of `bytes` bytes from `who`.
	fn hold_deposit(who: &T::AccountId, bytes: u64) -> Result<(), Error<T>> {
		deposit::hold::<_, T::Deposit, Deposits<T>>(who, 1, bytes)
			.map_err(|_| Error::<T>::DepositUnavailable)
	}

	/// The error for a refused access.
	fn refusal(reason: DenyReason) -> Error<T> {
		match reason {
			DenyReason::PatientInactive => Error::<T>::PatientInactive,
			DenyReason::NotAPractitioner => Error::<T>::NotAPractitioner,
			DenyReason::PractitionerExpired => Error::<T>::PractitionerExpired,
			DenyReason::OrganizationInactive => Error::<T>::OrganizationInactive,
			DenyReason::DeniedByPatient => Error::<T>::DeniedByPatient,
			DenyReason::Expired => Error::<T>::ConsentExpired,
			DenyReason::NotYetValid => Error::<T>::ConsentNotYetValid,
			DenyReason::SensitiveCategory => Error::<T>::SensitiveCategory,
			DenyReason::NoConsent => Error::<T>::NoConsent,
		}
	}

	/// What the chain says about `record` and `content_hash`.
	pub fn verify_record(record: RecordRef, content_hash: H256) -> RecordVerification {
		let Some(r) = Records::<T>::get(record.patient, ordered(record.id)) else {
			return RecordVerification::NotFound;
		};
		match r.status {
			RecordStatus::Erased => RecordVerification::Erased,
			RecordStatus::EnteredInError => RecordVerification::EnteredInError,
			_ if r.content_hash != content_hash => RecordVerification::Mismatch,
			RecordStatus::Superseded { by } => RecordVerification::Superseded { by },
			RecordStatus::Current => match Contests::<T>::get(record.id) {
				Some(contest) => RecordVerification::Contested { statement: contest.statement },
				None => RecordVerification::Match,
			},
		}
	}

	/// Whether `proof` shows `leaf` is leaf `leaf_index` of `batch`; `false` for any malformed
	/// input.
	pub fn verify_batch_inclusion(
		batch: BatchId,
		leaf: H256,
		leaf_index: u32,
		proof: Vec<H256>,
	) -> bool {
		Batches::<T>::get(batch)
			.is_some_and(|b| merkle::verify(&b.root, &leaf, leaf_index, b.leaf_count, &proof))
	}

	/// The patient's records in order of id from `from`, at most `limit` (capped at [`MAX_PAGE`]).
	pub fn records_of(
		patient: PatientId,
		from: RecordId,
		limit: u32,
	) -> Vec<RecordView<T::AccountId>> {
		// Iteration resumes *after* a key: start after `from - 1`, or at the beginning.
		let entries: alloc::boxed::Box<dyn Iterator<Item = ([u8; 8], RecordOf<T>)>> =
			match from.checked_sub(1) {
				Some(before) => alloc::boxed::Box::new(Records::<T>::iter_prefix_from(
					patient,
					Records::<T>::hashed_key_for(patient, ordered(before)),
				)),
				None => alloc::boxed::Box::new(Records::<T>::iter_prefix(patient)),
			};
		entries
			.take(limit.min(MAX_PAGE) as usize)
			.map(|(key, r)| RecordView {
				id: u64::from_be_bytes(key),
				category: r.category,
				content_hash: r.content_hash,
				pointer: r.pointer.into_inner(),
				author: r.author,
				author_org: r.author_org,
				supersedes: r.supersedes,
				status: r.status,
				anchored_at: r.anchored_at,
			})
			.collect()
	}

	/// The patient's access log in order from sequence number `from`, at most `limit` (capped
	/// at [`MAX_PAGE`]); it reads the entries it returns and at most one key beyond them.
	pub fn access_log(
		patient: PatientId,
		from: u64,
		limit: u32,
	) -> Vec<AccessLogEntry<T::AccountId>> {
		let entries: alloc::boxed::Box<dyn Iterator<Item = ([u8; 8], AccessEntry<T::AccountId>)>> =
			match from.checked_sub(1) {
				Some(before) => alloc::boxed::Box::new(AccessLog::<T>::iter_prefix_from(
					patient,
					AccessLog::<T>::hashed_key_for(patient, ordered(before)),
				)),
				None => alloc::boxed::Box::new(AccessLog::<T>::iter_prefix(patient)),
			};
		entries
			.take(limit.min(MAX_PAGE) as usize)
			.map(|(key, e)| AccessLogEntry {
				seq: u64::from_be_bytes(key),
				record: e.record,
				accessor: e.accessor,
				purpose: e.purpose,
				basis: e.basis,
				at: e.at,
			})
			.collect()
	}
}

/// Revoking a consent removes the key envelopes shared under it (SPEC §7.2): up to
/// `MaxEnvelopesRemovedOnRevoke` in the revoking call, the rest in pages
/// (`purge_consent_envelopes`), never handed out meanwhile.
impl<T: Config> OnConsentRevoked for Pallet<T> {
	fn on_consent_revoked(patient: &PatientId, consent: ConsentId) -> u32 {
		let (removed, remaining) =
			Self::remove_consent_envelopes(patient, consent, T::MaxEnvelopesRemovedOnRevoke::get());
		if removed > 0 || remaining {
			Self::deposit_event(Event::ConsentEnvelopesRemoved {
				patient: *patient,
				consent,
				removed,
				remaining,
				by: None,
			});
		}
		removed
	}

	fn max_removed() -> u32 {
		T::MaxEnvelopesRemovedOnRevoke::get()
	}

	fn weight(removed: u32) -> Weight {
		T::WeightInfo::purge_consent_envelopes(removed)
	}
}
