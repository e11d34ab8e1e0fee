//! # Trials
//!
//! A clinical-trial registry whose records cannot be changed after the fact: the chain's clock
//! is the registration date, the sites (not the sponsor) record the first enrolment, every
//! trial has one strictly sequential protocol version history, outcomes are committed one by
//! one as salted Merkle leaves, and results are bound to a database lock made before
//! unblinding. The chain keeps hashes, roots and codes only: no protocol, outcome, participant
//! or result ever reaches it (docs/trials.md says how each hash is made).
//!
//! ## Overview
//!
//! - **Registration** (`register_trial`): a practitioner (or the admin) of an active
//!   Manufacturer, Research or Hospital organisation, the sponsor, registers the trial's
//!   registry ids (NCT, ISRCTN, EU CT number or another WHO primary registry's), its title hash
//!   and protocol version 0. `registered_at` is the chain's time. A sponsor registering after
//!   enrolment began declares the actual start then, and only then: it is never moved.
//! - **Ethics approval** (`approve_version`): a practitioner (or the admin) of an active
//!   organisation of kind `EthicsCommittee` approves the current protocol version. Consent and
//!   enrolment need the current version approved.
//! - **Amendments** (`amend_protocol`): a new version with a reason code and a re-consent flag;
//!   whether it changes the outcomes, and the trial's phase then, are computed by the chain.
//! - **Sites and participants**: the sponsor activates site organisations (`activate_site`); a
//!   site's practitioner records a participant's consent to the current version
//!   (`record_consent`; the participant id is a salted hash of the patient id) and enrols them
//!   (`enrol`); the first enrolment is the trial's, timed by the chain. A version that needs
//!   re-consent makes participants consented to older versions unable to be enrolled until
//!   they consent again. Participants withdraw (`withdraw`) through their site, or themselves:
//!   with a signature of their withdrawal key, free, and without the chain learning who they
//!   are.
//! - **Data commitments** (`commit_data`): randomisation list, interim analyses and the
//!   database lock, as Merkle roots built with the batch tool; `record_unblinding` needs the
//!   lock; `post_results` needs the lock and an approved analysis-plan version committed before
//!   unblinding.
//! - **Status** (`set_status`): the recruitment status as registries state it; a suspended,
//!   terminated or withdrawn trial says why (a hash).
//! - **Registry ids** are each one trial's (in any case); governance releases one a trial took
//!   that was not its own (`release_registry_id`).
//! - Every state change is a [`TrialStep`] in the trial's history, with when, who and for
//!   which organisation.
//!
//! ## Deposits
//!
//! The registry is permanent: whoever adds an item holds a deposit for it
//! (`Config::Deposit`, under [`HoldReason::StorageDeposit`]), for good: the sponsor's
//! practitioner for the trial, its registry ids, its versions, sites and data commitments; the
//! ethics committee's practitioner for an approval's history entry; the site's practitioner
//! for a participant and the first enrolment's history entry. A self-withdrawal adds nothing.
//! The one release: a registry id governance frees (`release_registry_id`) gives its deposit
//! back to the trial's registrant.
//!
//! ## Interface
//!
//! [`Pallet::register_trial`], [`Pallet::approve_version`], [`Pallet::amend_protocol`],
//! [`Pallet::activate_site`], [`Pallet::record_consent`], [`Pallet::enrol`],
//! [`Pallet::withdraw`], [`Pallet::commit_data`], [`Pallet::record_unblinding`],
//! [`Pallet::post_results`], [`Pallet::set_status`], [`Pallet::release_registry_id`]; the `TrialsApi` runtime API answers from
//! [`Pallet::registration_timing`], [`Pallet::was_prespecified`], [`Pallet::verify_document`],
//! [`Pallet::history`], [`Pallet::participant_status`] and [`Pallet::results_provenance`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
#[cfg(any(test, feature = "try-runtime"))]
mod try_state;
mod types;
pub mod weights;

use alloc::vec::Vec;
use core::fmt::Debug;
use frame_support::{
	pallet_prelude::*,
	traits::{Consideration, Footprint, Time},
	CloneNoBound, DebugNoBound, EqNoBound, OrdNoBound, PartialEqNoBound, PartialOrdNoBound,
};
use frame_system::pallet_prelude::*;
use medchain_primitives::deposit::{self, StorageDeposit};
pub use medchain_primitives::{
	merkle, withdrawal_message, AmendmentReason, ConsortiumDirectory, DataKind, DocumentCommitment,
	DocumentKind, HistoryEntry, Moment, OrgId, OrgKind, OutcomeLevel, ParticipantId,
	ParticipantStatus, PractitionerStanding, Prespecification, ProtocolVersion, RecruitmentStatus,
	RegistrationTiming, ResultsProvenance, TrialId, TrialPhase, TrialStep, WithdrawalScope,
};
use sp_core::{sr25519, H256};

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// A trial of runtime `T`.
pub type TrialOf<T> = Trial<
	<T as frame_system::Config>::AccountId,
	<T as Config>::MaxRegistryIds,
	<T as Config>::MaxRegistryIdLen,
>;
/// A registry id of runtime `T`.
pub type RegistryIdOf<T> = RegistryId<<T as Config>::MaxRegistryIdLen>;
/// A trial's registry ids, as `register_trial` takes them.
pub type RegistryIdsOf<T> = BoundedVec<RegistryIdOf<T>, <T as Config>::MaxRegistryIds>;
/// A history entry of runtime `T`.
pub type HistoryEntryOf<T> = HistoryEntry<<T as frame_system::Config>::AccountId>;

/// Most history entries `history` returns at once.
pub const MAX_PAGE: u32 = 100;
/// Milliseconds in a day.
pub const DAY_MS: Moment = 86_400_000;

/// The organisation kinds that may sponsor a trial.
pub const SPONSOR_KINDS: [OrgKind; 3] =
	[OrgKind::Manufacturer, OrgKind::Research, OrgKind::Hospital];
/// The organisation kinds that may be a trial's site.
pub const SITE_KINDS: [OrgKind; 3] = [OrgKind::Hospital, OrgKind::Clinic, OrgKind::Research];

// FRAME's generated storage and error metadata code calls `expect` on values it built itself;
// the allowance covers only that lint (the other panic lints stay denied).
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The consortium directory: who is an active practitioner or admin, of what kind of
		/// organisation.
		type Directory: ConsortiumDirectory<Self::AccountId>;

		/// The chain's clock (milliseconds).
		type Time: Time<Moment = Moment>;

		/// Most registry ids per trial.
		#[pallet::constant]
		type MaxRegistryIds: Get<u32>;

		/// Longest registry id, in bytes.
		#[pallet::constant]
		type MaxRegistryIdLen: Get<u32>;

		/// Most outcome leaves one protocol version commits.
		#[pallet::constant]
		type MaxOutcomes: Get<u32>;

		/// Most protocol versions per trial (version 0 and its amendments).
		#[pallet::constant]
		type MaxVersions: Get<u32>;

		/// Most sites per trial.
		#[pallet::constant]
		type MaxSites: Get<u32>;

		/// Most participants per trial.
		#[pallet::constant]
		type MaxParticipants: Get<u32>;

		/// Most data commitments per trial.
		#[pallet::constant]
		type MaxCommitments: Get<u32>;

		/// Most history entries per trial. Room is kept for the registration, every amendment,
		/// every version's approval, every site and data commitment, the first enrolment, the
		/// unblinding and the results ([`Pallet::reserved_history`]); the rest, at least two
		/// (checked by `integrity_test`), is for status changes, the last of them for a final
		/// status.
		#[pallet::constant]
		type MaxHistory: Get<u32>;

		/// Who may release a registry id from a trial registered under an id that was not its
		/// own (consortium governance).
		type RegistrarOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The deposit held from an account for what it adds to the registry (a
		/// `Consideration` over the item count and bytes; see docs/economics.md).
		type Deposit: Consideration<Self::AccountId, Footprint>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// A reason for this pallet placing a hold on funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The storage deposit for items an account added to the registry.
		#[codec(index = 0)]
		StorageDeposit,
	}

	/// Per account: what it added to this pallet's storage and the deposit held for it.
	#[pallet::storage]
	pub type Deposits<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, StorageDeposit<T::Deposit>, OptionQuery>;

	/// The id the next trial receives.
	#[pallet::storage]
	pub type NextTrialId<T: Config> = StorageValue<_, TrialId, ValueQuery>;

	/// Registered trials by id.
	#[pallet::storage]
	pub type Trials<T: Config> = StorageMap<_, Twox64Concat, TrialId, TrialOf<T>, OptionQuery>;

	/// Registry id ([`RegistryId::index_key`]: ASCII upper case) → the trial registered under
	/// it (one trial per registry id).
	#[pallet::storage]
	pub type RegistryIndex<T: Config> =
		StorageMap<_, Blake2_128Concat, RegistryIdOf<T>, TrialId, OptionQuery>;

	/// Protocol versions: trial, version → what it commits and where it stood.
	#[pallet::storage]
	pub type Versions<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		TrialId,
		Twox64Concat,
		ProtocolVersion,
		VersionRecord<T::AccountId>,
		OptionQuery,
	>;

	/// Activated sites: trial, site organisation → when it was activated.
	#[pallet::storage]
	pub type Sites<T: Config> =
		StorageDoubleMap<_, Twox64Concat, TrialId, Twox64Concat, OrgId, Moment, OptionQuery>;

	/// Participants: trial, participant id → consent, enrolment and withdrawal.
	#[pallet::storage]
	pub type Participants<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		TrialId,
		Blake2_128Concat,
		ParticipantId,
		Participant<T::AccountId>,
		OptionQuery,
	>;

	/// Data commitments: trial, sequence number → the commitment.
	#[pallet::storage]
	pub type Commitments<T: Config> =
		StorageDoubleMap<_, Twox64Concat, TrialId, Twox64Concat, u32, DataCommitment, OptionQuery>;

	/// Each trial's history: trial, sequence number → the entry.
	#[pallet::storage]
	pub type History<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		TrialId,
		Twox64Concat,
		u32,
		HistoryEntryOf<T>,
		OptionQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `by`, acting for the sponsor `sponsor_org`, registered `trial` with protocol
		/// version 0. `declared_start`: when enrolment began off chain, if it had.
		TrialRegistered {
			trial: TrialId,
			sponsor_org: OrgId,
			declared_start: Option<Moment>,
			by: T::AccountId,
		},
		/// `by`, acting for the ethics committee `committee`, approved `version` of `trial`.
		VersionApproved {
			trial: TrialId,
			version: ProtocolVersion,
			committee: OrgId,
			by: T::AccountId,
		},
		/// `by`, for the sponsor, committed `version` of `trial`'s protocol; `changes_outcomes`
		/// and `phase` were computed by the chain.
		ProtocolAmended {
			trial: TrialId,
			version: ProtocolVersion,
			reason: AmendmentReason,
			changes_outcomes: bool,
			needs_reconsent: bool,
			phase: TrialPhase,
			by: T::AccountId,
		},
		/// `by`, for the sponsor, activated `site` for `trial`.
		SiteActivated { trial: TrialId, site: OrgId, by: T::AccountId },
		/// `by`, for `site`, recorded `participant`'s consent to `version` of `trial`.
		ConsentRecorded {
			trial: TrialId,
			participant: ParticipantId,
			version: ProtocolVersion,
			site: OrgId,
			by: T::AccountId,
		},
		/// `by`, for `site`, enrolled `participant` in `trial`; `first`: the trial's first
		/// enrolment.
		Enrolled {
			trial: TrialId,
			participant: ParticipantId,
			site: OrgId,
			first: bool,
			by: T::AccountId,
		},
		/// `participant` withdrew from `trial` at `scope`, sent by `by`: the site's
		/// practitioner, or (`self_withdrawal`) any account carrying the participant's
		/// signature.
		Withdrawn {
			trial: TrialId,
			participant: ParticipantId,
			scope: WithdrawalScope,
			self_withdrawal: bool,
			by: T::AccountId,
		},
		/// `by`, for the sponsor, committed a dataset of `trial` by its Merkle root.
		DataCommitted {
			trial: TrialId,
			kind: DataKind,
			root: H256,
			leaf_count: u32,
			by: T::AccountId,
		},
		/// `by`, for the sponsor, recorded that `trial`'s allocation was unblinded.
		Unblinded { trial: TrialId, by: T::AccountId },
		/// `by`, for the sponsor, posted `trial`'s results, following the analysis plan of
		/// `analysis_plan_version`.
		ResultsPosted {
			trial: TrialId,
			results_hash: H256,
			results_root: H256,
			analysis_plan_version: ProtocolVersion,
			by: T::AccountId,
		},
		/// Governance released `registry_id` (as the trial held it) from `trial`, registered
		/// under an id that was not its own, for the decision whose hash is `why`; the id may be
		/// registered again. The one change of a trial that is an event and not a history
		/// entry: governance has no account to sign or hold a deposit for one.
		RegistryIdReleased { trial: TrialId, registry_id: RegistryIdOf<T>, why: H256 },
		/// `by`, for the sponsor, set `trial`'s recruitment status.
		StatusChanged {
			trial: TrialId,
			status: RecruitmentStatus,
			why_stopped: Option<H256>,
			by: T::AccountId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The signer is not an active practitioner or admin of an active organisation.
		NotAPractitioner,
		/// The signer's practitioner validity has ended.
		PractitionerExpired,
		/// The signer's organisation is suspended or revoked.
		OrganizationInactive,
		/// Only a Manufacturer, Research or Hospital organisation may sponsor a trial.
		NotASponsorKind,
		/// The signer does not act for the trial's sponsor.
		NotTheSponsor,
		/// The signer does not act for an ethics committee.
		NotAnEthicsCommittee,
		/// The signer does not act for the participant's site (or for an activated site of
		/// the trial, when recording a new participant).
		NotTheSite,
		/// No trial has this id.
		TrialNotFound,
		/// A trial needs at least one registry id.
		NoRegistryId,
		/// A registry id does not have its registry's form (NCT and 8 digits, ISRCTN and 8
		/// digits, an EU CT number `YYYY-NNNNNN-NN-NN`, or for another registry 3 or more of
		/// `A–Z a–z 0–9 - / .` that are none of those three in any case or with other
		/// separators).
		InvalidRegistryId,
		/// The same registry id is given twice (ids differing only in case are the same).
		DuplicateRegistryId,
		/// Another trial is registered under this registry id (in any case).
		RegistryIdTaken,
		/// A protocol version commits 1 to `MaxOutcomes` outcome leaves.
		InvalidOutcomeCount,
		/// A declared start of enrolment must be before the registration.
		DeclaredStartNotPast,
		/// The trial is withdrawn, or it is terminated or completed and takes no new site,
		/// consent, enrolment, status, randomisation list or interim analysis (its amendments,
		/// their approval, the database lock, unblinding and results still follow).
		TrialClosed,
		/// Only the trial's current protocol version may be approved, or consented to.
		NotCurrentVersion,
		/// The version is already approved.
		AlreadyApproved,
		/// The trial has `MaxVersions` protocol versions.
		TooManyVersions,
		/// The amendment commits exactly what the current version does.
		UnchangedProtocol,
		/// A site must be an active Hospital, Clinic or Research organisation.
		NotASiteKind,
		/// The site is already active for the trial.
		SiteAlreadyActive,
		/// The trial has `MaxSites` sites.
		TooManySites,
		/// The current protocol version is not approved by an ethics committee.
		VersionNotApproved,
		/// The participant was recorded by another site.
		ParticipantAtOtherSite,
		/// The participant has withdrawn.
		ParticipantWithdrawn,
		/// The participant already consented to this version.
		AlreadyConsented,
		/// The trial has `MaxParticipants` participants.
		TooManyParticipants,
		/// No site recorded this participant in the trial.
		ParticipantNotFound,
		/// The participant is already enrolled.
		AlreadyEnrolled,
		/// A later protocol version needs consent again, and the participant has not given it.
		ReconsentNeeded,
		/// The trial's status does not enrol (only not yet recruiting, recruiting, or enrolling
		/// by invitation do).
		NotRecruiting,
		/// The database is locked: no more enrolments or data commitments.
		DatabaseLocked,
		/// The withdrawal signature is not the participant's withdrawal key's, over this
		/// trial, participant and scope.
		BadWithdrawalSignature,
		/// A withdrawal only widens: the participant already withdrew at this scope or wider.
		ScopeNotWider,
		/// A dataset commits 1 to 2^20 leaves.
		InvalidLeafCount,
		/// The trial has `MaxCommitments` data commitments.
		TooManyCommitments,
		/// A database lock needs an enrolled participant.
		NotYetEnrolled,
		/// Unblinding and results need a database lock first.
		NoDatabaseLock,
		/// The allocation is already unblinded.
		AlreadyUnblinded,
		/// The trial's results are already posted.
		ResultsAlreadyPosted,
		/// The trial has no such protocol version.
		UnknownVersion,
		/// The analysis plan's version is not approved by an ethics committee.
		AnalysisPlanNotApproved,
		/// The analysis plan's version was committed after unblinding.
		AnalysisPlanAfterUnblinding,
		/// The trial already has this status.
		StatusUnchanged,
		/// A suspended, terminated or withdrawn trial must say why (the reason's hash).
		ReasonRequired,
		/// Only a suspended, terminated or withdrawn trial says why it stopped.
		UnexpectedReason,
		/// Only a trial nobody was enrolled in may be withdrawn; terminate it instead.
		TrialHasEnrolled,
		/// The trial's history has no room for another status change: the rest of
		/// `MaxHistory` is kept for its versions, approvals, sites, data commitments and
		/// milestones, and the last status change for a final status (completed, terminated,
		/// withdrawn).
		HistoryFull,
		/// A participant's withdrawal key, once recorded, is kept: a consent may not give
		/// another (a participant who lost theirs withdraws through their site).
		WithdrawalKeyFixed,
		/// The participant has no withdrawal key: they withdraw through their site.
		NoWithdrawalKey,
		/// A version needing consent again cannot follow the database lock or the trial's end:
		/// nobody could give that consent.
		ReconsentImpossible,
		/// The signer cannot hold the storage deposit for what it adds.
		DepositUnavailable,
		/// The trial is not registered under this registry id.
		RegistryIdNotOfTrial,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxRegistryIds::get() > 0, "a trial needs a registry id");
			assert!(T::MaxRegistryIdLen::get() >= 17, "an EU CT number is 17 bytes");
			assert!(T::MaxOutcomes::get() > 0, "a protocol commits at least one outcome");
			assert!(T::MaxOutcomes::get() <= merkle::MAX_LEAVES, "outcomes are Merkle leaves");
			assert!(T::MaxVersions::get() > 0, "a trial has version 0");
			assert!(
				T::MaxHistory::get() > Pallet::<T>::reserved_history().saturating_add(1),
				"the history must hold every version, approval, site and commitment, and two \
				 status changes"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a trial with protocol version 0, sponsored by the signer's organisation (it
		/// must be an active Manufacturer, Research or Hospital organisation, and the signer
		/// its practitioner or admin). `registry_ids` (WHO TRDS items 1 and 3) must each have
		/// their registry's form and be registered nowhere else; `declared_start`, when
		/// enrolment began before registration, is that moment (ms, before now) and makes the
		/// trial retrospectively registered for good. The trial starts `NotYetRecruiting`, or
		/// `Recruiting` with a declared start. Emits `TrialRegistered`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_trial(registry_ids.len() as u32))]
		pub fn register_trial(
			origin: OriginFor<T>,
			registry_ids: RegistryIdsOf<T>,
			title_hash: H256,
			documents: ProtocolDocuments,
			declared_start: Option<Moment>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (org, kind) = Self::acting_org(&who)?;
			ensure!(SPONSOR_KINDS.contains(&kind), Error::<T>::NotASponsorKind);
			ensure!(!registry_ids.is_empty(), Error::<T>::NoRegistryId);
			let mut ids = registry_ids;
			ensure!(ids.iter().all(RegistryId::is_valid), Error::<T>::InvalidRegistryId);
			ids.sort();
			let count = ids.len();
			let mut keys: Vec<RegistryIdOf<T>> = ids.iter().map(RegistryId::index_key).collect();
			keys.sort();
			ensure!(
				keys.windows(2).all(|pair| matches!(pair, [a, b] if a != b)),
				Error::<T>::DuplicateRegistryId
			);
			ensure!(
				keys.iter().all(|key| !RegistryIndex::<T>::contains_key(key)),
				Error::<T>::RegistryIdTaken
			);
			Self::ensure_outcomes(&documents)?;
			let now = T::Time::now();
			if let Some(start) = declared_start {
				ensure!(start < now, Error::<T>::DeclaredStartNotPast);
			}

			let trial = NextTrialId::<T>::get();
			let id_count = u64::try_from(count).unwrap_or(u64::MAX);
			let bytes = Self::trial_bytes()
				.saturating_add(Self::version_bytes())
				.saturating_add(Self::registry_index_bytes().saturating_mul(id_count));
			Self::hold(&who, id_count.saturating_add(2), bytes)?;
			for key in keys {
				RegistryIndex::<T>::insert(key, trial);
			}
			let phase = if declared_start.is_some() {
				TrialPhase::AfterEnrolment
			} else {
				TrialPhase::BeforeEnrolment
			};
			Versions::<T>::insert(
				trial,
				0,
				VersionRecord {
					documents,
					reason: None,
					changes_outcomes: false,
					needs_reconsent: false,
					phase,
					committed_at: now,
					committed_by: who.clone(),
					approval: None,
				},
			);
			let mut record = Trial {
				sponsor_org: org,
				registered_by: who.clone(),
				registry_ids: ids,
				title_hash,
				registered_at: now,
				declared_start,
				first_enrolment: declared_start,
				versions: 1,
				reconsent_from: 0,
				sites: 0,
				participants: 0,
				enrolled: 0,
				commitments: 0,
				history: 0,
				status_changes: 0,
				database_lock: None,
				unblinded_at: None,
				results: None,
				status: if declared_start.is_some() {
					RecruitmentStatus::Recruiting
				} else {
					RecruitmentStatus::NotYetRecruiting
				},
				why_stopped: None,
			};
			Self::push_history(trial, &mut record, TrialStep::Registered, &who, org, now)?;
			Trials::<T>::insert(trial, record);
			NextTrialId::<T>::put(trial.saturating_add(1));
			Self::deposit_event(Event::TrialRegistered {
				trial,
				sponsor_org: org,
				declared_start,
				by: who,
			});
			Ok(())
		}

		/// Approves `trial`'s current protocol `version`, for the signer's ethics committee
		/// (the signer is its practitioner or admin). Emits `VersionApproved`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::approve_version())]
		pub fn approve_version(
			origin: OriginFor<T>,
			trial: TrialId,
			version: ProtocolVersion,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (committee, kind) = Self::acting_org(&who)?;
			ensure!(kind == OrgKind::EthicsCommittee, Error::<T>::NotAnEthicsCommittee);
			let mut record = Self::live_trial(trial)?;
			ensure!(version == Self::current_version(&record), Error::<T>::NotCurrentVersion);
			let mut v = Versions::<T>::get(trial, version).ok_or(Error::<T>::UnknownVersion)?;
			ensure!(v.approval.is_none(), Error::<T>::AlreadyApproved);
			let now = T::Time::now();
			v.approval = Some((committee, now));
			let step = TrialStep::VersionApproved { version, committee };
			Self::push_history(trial, &mut record, step, &who, committee, now)?;
			Versions::<T>::insert(trial, version, v);
			Trials::<T>::insert(trial, record);
			Self::deposit_event(Event::VersionApproved { trial, version, committee, by: who });
			Ok(())
		}

		/// Commits a new protocol version of `trial`, for its sponsor: its `documents`, why
		/// (`reason`), and whether participants consented to earlier versions must consent
		/// again (`needs_reconsent`). The chain computes whether its outcomes differ from the
		/// current version's and where the trial stands (its phase). The new version needs an
		/// ethics committee's approval before anyone consents to it or is enrolled. A terminated
		/// or completed trial may still be amended (an analysis plan finished after the last
		/// visit), but a version needing re-consent cannot follow the database lock or the
		/// trial's end. Emits `ProtocolAmended`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::amend_protocol())]
		pub fn amend_protocol(
			origin: OriginFor<T>,
			trial: TrialId,
			documents: ProtocolDocuments,
			reason: AmendmentReason,
			needs_reconsent: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Self::live_trial(trial)?;
			let org = Self::ensure_sponsor(&who, &record)?;
			ensure!(record.versions < T::MaxVersions::get(), Error::<T>::TooManyVersions);
			ensure!(
				!needs_reconsent || (record.database_lock.is_none() && !record.status.is_final()),
				Error::<T>::ReconsentImpossible
			);
			Self::ensure_outcomes(&documents)?;
			let current = Versions::<T>::get(trial, Self::current_version(&record))
				.ok_or(Error::<T>::UnknownVersion)?;
			ensure!(current.documents != documents, Error::<T>::UnchangedProtocol);
			let changes_outcomes = current.documents.outcomes_root != documents.outcomes_root
				|| current.documents.outcome_count != documents.outcome_count;
			let version = record.versions;
			let phase = Self::phase(&record);
			let now = T::Time::now();
			Self::hold(&who, 1, Self::version_bytes())?;
			Versions::<T>::insert(
				trial,
				version,
				VersionRecord {
					documents,
					reason: Some(reason),
					changes_outcomes,
					needs_reconsent,
					phase,
					committed_at: now,
					committed_by: who.clone(),
					approval: None,
				},
			);
			record.versions = version.saturating_add(1);
			if needs_reconsent {
				record.reconsent_from = version;
			}
			let step =
				TrialStep::Amended { version, reason, changes_outcomes, needs_reconsent, phase };
			Self::push_history(trial, &mut record, step, &who, org, now)?;
			Trials::<T>::insert(trial, record);
			Self::deposit_event(Event::ProtocolAmended {
				trial,
				version,
				reason,
				changes_outcomes,
				needs_reconsent,
				phase,
				by: who,
			});
			Ok(())
		}

		/// Activates `site` (an active Hospital, Clinic or Research organisation) for `trial`,
		/// for its sponsor: the site's practitioners may then record consents and enrol.
		/// Emits `SiteActivated`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::activate_site())]
		pub fn activate_site(origin: OriginFor<T>, trial: TrialId, site: OrgId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Self::open_trial(trial)?;
			let org = Self::ensure_sponsor(&who, &record)?;
			ensure!(
				T::Directory::active_organization(site).is_some_and(|k| SITE_KINDS.contains(&k)),
				Error::<T>::NotASiteKind
			);
			ensure!(!Sites::<T>::contains_key(trial, site), Error::<T>::SiteAlreadyActive);
			ensure!(record.sites < T::MaxSites::get(), Error::<T>::TooManySites);
			let now = T::Time::now();
			Self::hold(&who, 1, Self::site_bytes())?;
			Sites::<T>::insert(trial, site, now);
			record.sites = record.sites.saturating_add(1);
			Self::push_history(
				trial,
				&mut record,
				TrialStep::SiteActivated { site },
				&who,
				org,
				now,
			)?;
			Trials::<T>::insert(trial, record);
			Self::deposit_event(Event::SiteActivated { trial, site, by: who });
			Ok(())
		}

		/// Records, for the signer's site, `participant`'s consent to `trial`'s current
		/// protocol `version` (approved by an ethics committee), before the database lock.
		/// `participant` is `medchain_primitives::participant_id` of the patient and a salt the
		/// site and the patient keep; `withdrawal_key` the sr25519 public key the patient's app
		/// derived for the participant's own withdrawal (`None`: they withdraw through their
		/// site). A new participant is recorded at the signer's site (an activated site of the
		/// trial); a participant consenting again (to a newer version) stays at their site and
		/// keeps their withdrawal key: a consent may add one where none was recorded, never
		/// replace it. Emits `ConsentRecorded`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::record_consent())]
		pub fn record_consent(
			origin: OriginFor<T>,
			trial: TrialId,
			participant: ParticipantId,
			version: ProtocolVersion,
			withdrawal_key: Option<[u8; 32]>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Self::open_trial(trial)?;
			let site = Self::ensure_site_staff(&who, trial)?;
			ensure!(record.database_lock.is_none(), Error::<T>::DatabaseLocked);
			ensure!(version == Self::current_version(&record), Error::<T>::NotCurrentVersion);
			Self::ensure_current_approved(trial, &record)?;
			let now = T::Time::now();
			match Participants::<T>::get(trial, participant) {
				Some(mut p) => {
					ensure!(p.site == site, Error::<T>::ParticipantAtOtherSite);
					ensure!(p.withdrawn.is_none(), Error::<T>::ParticipantWithdrawn);
					ensure!(p.consented_version < version, Error::<T>::AlreadyConsented);
					if let Some(key) = withdrawal_key {
						ensure!(
							p.withdrawal_key.is_none_or(|old| old == key),
							Error::<T>::WithdrawalKeyFixed
						);
						p.withdrawal_key = Some(key);
					}
					p.consented_version = version;
					Participants::<T>::insert(trial, participant, p);
				}
				None => {
					ensure!(
						record.participants < T::MaxParticipants::get(),
						Error::<T>::TooManyParticipants
					);
					Self::hold(&who, 1, Self::participant_bytes())?;
					Participants::<T>::insert(
						trial,
						participant,
						Participant {
							site,
							recorded_by: who.clone(),
							consented_version: version,
							withdrawal_key,
							consented_at: now,
							enrolled_at: None,
							withdrawn: None,
						},
					);
					record.participants = record.participants.saturating_add(1);
					Trials::<T>::insert(trial, record);
				}
			}
			Self::deposit_event(Event::ConsentRecorded {
				trial,
				participant,
				version,
				site,
				by: who,
			});
			Ok(())
		}

		/// Enrols `participant` in `trial`, for their site. Needs the current protocol version
		/// approved, the participant's consent not made stale by a version needing re-consent,
		/// an enrolling status and no database lock. The trial's first enrolment is timed here,
		/// by the chain. Emits `Enrolled`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::enrol())]
		pub fn enrol(
			origin: OriginFor<T>,
			trial: TrialId,
			participant: ParticipantId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Self::open_trial(trial)?;
			let mut p = Participants::<T>::get(trial, participant)
				.ok_or(Error::<T>::ParticipantNotFound)?;
			Self::ensure_staff_of(&who, p.site)?;
			ensure!(p.withdrawn.is_none(), Error::<T>::ParticipantWithdrawn);
			ensure!(p.enrolled_at.is_none(), Error::<T>::AlreadyEnrolled);
			ensure!(record.status.enrols(), Error::<T>::NotRecruiting);
			ensure!(record.database_lock.is_none(), Error::<T>::DatabaseLocked);
			Self::ensure_current_approved(trial, &record)?;
			ensure!(p.consented_version >= record.reconsent_from, Error::<T>::ReconsentNeeded);
			let now = T::Time::now();
			p.enrolled_at = Some(now);
			let first = record.first_enrolment.is_none();
			if first {
				record.first_enrolment = Some(now);
				let step = TrialStep::FirstEnrolment { site: p.site };
				Self::push_history(trial, &mut record, step, &who, p.site, now)?;
			}
			record.enrolled = record.enrolled.saturating_add(1);
			Trials::<T>::insert(trial, record);
			let site = p.site;
			Participants::<T>::insert(trial, participant, p);
			Self::deposit_event(Event::Enrolled { trial, participant, site, first, by: who });
			Ok(())
		}

		/// Withdraws `participant` from `trial` at `scope` (a withdrawal only widens; its time
		/// stays the first withdrawal's). Without `signature`, the signer acts for the
		/// participant's site. With it, the participant withdraws themselves: `signature` is
		/// their withdrawal key's sr25519 signature of
		/// `medchain_primitives::withdrawal_message(trial, participant, scope)`, any account
		/// may send it, and a successful self-withdrawal pays no fee. It is accepted in any
		/// status and after a database lock. Emits `Withdrawn`.
		#[pallet::call_index(6)]
		#[pallet::weight(if signature.is_some() {
			T::WeightInfo::withdraw_by_participant()
		} else {
			T::WeightInfo::withdraw()
		})]
		pub fn withdraw(
			origin: OriginFor<T>,
			trial: TrialId,
			participant: ParticipantId,
			scope: WithdrawalScope,
			signature: Option<sr25519::Signature>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			ensure!(Trials::<T>::contains_key(trial), Error::<T>::TrialNotFound);
			let mut p = Participants::<T>::get(trial, participant)
				.ok_or(Error::<T>::ParticipantNotFound)?;
			let self_withdrawal = signature.is_some();
			match &signature {
				Some(signature) => {
					let message = withdrawal_message(trial, &participant, scope);
					let key = p.withdrawal_key.ok_or(Error::<T>::NoWithdrawalKey)?;
					let key = sr25519::Public::from_raw(key);
					ensure!(
						sp_io::crypto::sr25519_verify(signature, &message, &key),
						Error::<T>::BadWithdrawalSignature
					);
				}
				None => Self::ensure_staff_of(&who, p.site)?,
			}
			let at = match p.withdrawn {
				Some((old, at)) => {
					ensure!(scope > old, Error::<T>::ScopeNotWider);
					at
				}
				None => T::Time::now(),
			};
			p.withdrawn = Some((scope, at));
			Participants::<T>::insert(trial, participant, p);
			Self::deposit_event(Event::Withdrawn {
				trial,
				participant,
				scope,
				self_withdrawal,
				by: who,
			});
			Ok(if self_withdrawal { Pays::No } else { Pays::Yes }.into())
		}

		/// Commits a dataset of `trial` by its Merkle root (built with the batch tool over
		/// `leaf_count` leaves, 1 to 2^20), for its sponsor. A `DatabaseLock` needs an enrolled
		/// participant and ends enrolment and data commitments: results are bound to it. A
		/// terminated or completed trial still takes its database lock, nothing else.
		/// Emits `DataCommitted`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::commit_data())]
		pub fn commit_data(
			origin: OriginFor<T>,
			trial: TrialId,
			kind: DataKind,
			root: H256,
			leaf_count: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Self::live_trial(trial)?;
			let org = Self::ensure_sponsor(&who, &record)?;
			ensure!(
				kind == DataKind::DatabaseLock || !record.status.is_final(),
				Error::<T>::TrialClosed
			);
			ensure!(
				leaf_count > 0 && leaf_count <= merkle::MAX_LEAVES,
				Error::<T>::InvalidLeafCount
			);
			ensure!(record.database_lock.is_none(), Error::<T>::DatabaseLocked);
			ensure!(record.commitments < T::MaxCommitments::get(), Error::<T>::TooManyCommitments);
			if kind == DataKind::DatabaseLock {
				ensure!(record.first_enrolment.is_some(), Error::<T>::NotYetEnrolled);
			}
			let now = T::Time::now();
			let phase = Self::phase(&record);
			Self::hold(&who, 1, Self::commitment_bytes())?;
			Commitments::<T>::insert(
				trial,
				record.commitments,
				DataCommitment { kind, root, leaf_count, at: now, phase },
			);
			record.commitments = record.commitments.saturating_add(1);
			if kind == DataKind::DatabaseLock {
				record.database_lock = Some((root, now));
			}
			let step = TrialStep::DataCommitted { kind, root };
			Self::push_history(trial, &mut record, step, &who, org, now)?;
			Trials::<T>::insert(trial, record);
			Self::deposit_event(Event::DataCommitted { trial, kind, root, leaf_count, by: who });
			Ok(())
		}

		/// Records that `trial`'s allocation was unblinded, for its sponsor; refused before a
		/// database lock. Emits `Unblinded`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::record_unblinding())]
		pub fn record_unblinding(origin: OriginFor<T>, trial: TrialId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Self::existing_trial(trial)?;
			let org = Self::ensure_sponsor(&who, &record)?;
			ensure!(record.database_lock.is_some(), Error::<T>::NoDatabaseLock);
			ensure!(record.unblinded_at.is_none(), Error::<T>::AlreadyUnblinded);
			let now = T::Time::now();
			record.unblinded_at = Some(now);
			Self::push_history(trial, &mut record, TrialStep::Unblinded, &who, org, now)?;
			Trials::<T>::insert(trial, record);
			Self::deposit_event(Event::Unblinded { trial, by: who });
			Ok(())
		}

		/// Posts `trial`'s results, for its sponsor, once: the results document's hash, the
		/// Merkle root over the per-outcome results, and the protocol version whose statistical
		/// analysis plan they follow. Refused without a database lock, and unless that version
		/// is approved and was committed before unblinding. Emits `ResultsPosted`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::post_results())]
		pub fn post_results(
			origin: OriginFor<T>,
			trial: TrialId,
			results_hash: H256,
			results_root: H256,
			analysis_plan_version: ProtocolVersion,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Self::existing_trial(trial)?;
			let org = Self::ensure_sponsor(&who, &record)?;
			ensure!(record.database_lock.is_some(), Error::<T>::NoDatabaseLock);
			ensure!(record.results.is_none(), Error::<T>::ResultsAlreadyPosted);
			let plan = Versions::<T>::get(trial, analysis_plan_version)
				.ok_or(Error::<T>::UnknownVersion)?;
			ensure!(plan.approval.is_some(), Error::<T>::AnalysisPlanNotApproved);
			ensure!(
				plan.phase != TrialPhase::AfterUnblinding,
				Error::<T>::AnalysisPlanAfterUnblinding
			);
			let now = T::Time::now();
			record.results = Some(PostedResults {
				results_hash,
				results_root,
				analysis_plan_version,
				posted_at: now,
				phase: Self::phase(&record),
			});
			let step = TrialStep::ResultsPosted { results_hash };
			Self::push_history(trial, &mut record, step, &who, org, now)?;
			Trials::<T>::insert(trial, record);
			Self::deposit_event(Event::ResultsPosted {
				trial,
				results_hash,
				results_root,
				analysis_plan_version,
				by: who,
			});
			Ok(())
		}

		/// Sets `trial`'s recruitment status, for its sponsor. A suspended, terminated or
		/// withdrawn trial gives `why_stopped` (the reason's hash), the others none; only a
		/// trial nobody was enrolled in may be withdrawn. A terminated, completed or withdrawn
		/// trial takes no further status. The reason stays in the history when a suspended
		/// trial resumes. Emits `StatusChanged`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::set_status())]
		pub fn set_status(
			origin: OriginFor<T>,
			trial: TrialId,
			status: RecruitmentStatus,
			why_stopped: Option<H256>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Self::open_trial(trial)?;
			let org = Self::ensure_sponsor(&who, &record)?;
			ensure!(record.status != status, Error::<T>::StatusUnchanged);
			// The last status change is kept for the trial's end: a sponsor that used the others
			// can still complete, terminate or withdraw it.
			let room = if status.is_final() {
				Self::max_status_changes()
			} else {
				Self::max_status_changes().saturating_sub(1)
			};
			ensure!(record.status_changes < room, Error::<T>::HistoryFull);
			match (status.is_stopped(), why_stopped) {
				(true, None) => return Err(Error::<T>::ReasonRequired.into()),
				(false, Some(_)) => return Err(Error::<T>::UnexpectedReason.into()),
				_ => {}
			}
			if status == RecruitmentStatus::Withdrawn {
				ensure!(record.first_enrolment.is_none(), Error::<T>::TrialHasEnrolled);
			}
			let now = T::Time::now();
			let phase = Self::phase(&record);
			record.status = status;
			record.why_stopped = why_stopped.map(|reason| (reason, now, phase));
			record.status_changes = record.status_changes.saturating_add(1);
			let step = TrialStep::StatusChanged { status, why_stopped, phase };
			Self::push_history(trial, &mut record, step, &who, org, now)?;
			Trials::<T>::insert(trial, record);
			Self::deposit_event(Event::StatusChanged { trial, status, why_stopped, by: who });
			Ok(())
		}

		/// Releases `registry_id` from `trial`, for consortium governance (`RegistrarOrigin`),
		/// when the trial was registered under an id of another trial (the registry says whose
		/// it is): the id leaves the trial and the index, its deposit goes back to the trial's
		/// registrant, and the rightful sponsor may register it. `why` is the hash of the
		/// decision. A trial left without a registry id stays on chain as it was, ids aside.
		/// Emits `RegistryIdReleased`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::release_registry_id())]
		pub fn release_registry_id(
			origin: OriginFor<T>,
			trial: TrialId,
			registry_id: RegistryIdOf<T>,
			why: H256,
		) -> DispatchResult {
			T::RegistrarOrigin::ensure_origin(origin)?;
			let mut record = Self::existing_trial(trial)?;
			let key = registry_id.index_key();
			ensure!(RegistryIndex::<T>::get(&key) == Some(trial), Error::<T>::RegistryIdNotOfTrial);
			let position = record
				.registry_ids
				.iter()
				.position(|id| id.index_key() == key)
				.ok_or(Error::<T>::RegistryIdNotOfTrial)?;
			let released = record.registry_ids.remove(position);
			deposit::release::<_, T::Deposit, Deposits<T>>(
				&record.registered_by,
				1,
				Self::registry_index_bytes(),
			)?;
			RegistryIndex::<T>::remove(&key);
			Trials::<T>::insert(trial, record);
			Self::deposit_event(Event::RegistryIdReleased { trial, registry_id: released, why });
			Ok(())
		}
	}
}

/// The largest encoding of `E`, in bytes.
fn max_bytes<E: MaxEncodedLen>() -> u64 {
	u64::try_from(E::max_encoded_len()).unwrap_or(u64::MAX)
}

impl<T: Config> Pallet<T> {
	/// The organisation `who` acts for: as its active practitioner, or as its admin.
	fn acting_org(who: &T::AccountId) -> Result<(OrgId, OrgKind), Error<T>> {
		match T::Directory::practitioner_standing(who) {
			PractitionerStanding::Active(info) => Ok((info.org, info.org_kind)),
			standing => match T::Directory::administered_organization(who) {
				Some(found) => Ok(found),
				None => Err(match standing {
					PractitionerStanding::ValidityEnded => Error::<T>::PractitionerExpired,
					PractitionerStanding::OrganizationInactive => Error::<T>::OrganizationInactive,
					_ => Error::<T>::NotAPractitioner,
				}),
			},
		}
	}

	/// `who` acts for `trial`'s sponsor: the sponsor organisation.
	fn ensure_sponsor(who: &T::AccountId, trial: &TrialOf<T>) -> Result<OrgId, Error<T>> {
		let (org, _) = Self::acting_org(who)?;
		ensure!(org == trial.sponsor_org, Error::<T>::NotTheSponsor);
		Ok(org)
	}

	/// `who` acts for `site`.
	fn ensure_staff_of(who: &T::AccountId, site: OrgId) -> Result<(), Error<T>> {
		let (org, _) = Self::acting_org(who)?;
		ensure!(org == site, Error::<T>::NotTheSite);
		Ok(())
	}

	/// `who` acts for an activated site of `trial`: that site.
	fn ensure_site_staff(who: &T::AccountId, trial: TrialId) -> Result<OrgId, Error<T>> {
		let (org, _) = Self::acting_org(who)?;
		ensure!(Sites::<T>::contains_key(trial, org), Error::<T>::NotTheSite);
		Ok(org)
	}

	/// The trial, which exists.
	fn existing_trial(trial: TrialId) -> Result<TrialOf<T>, Error<T>> {
		Trials::<T>::get(trial).ok_or(Error::<T>::TrialNotFound)
	}

	/// The trial, which exists and is not closed (terminated, completed or withdrawn).
	fn open_trial(trial: TrialId) -> Result<TrialOf<T>, Error<T>> {
		let record = Self::existing_trial(trial)?;
		ensure!(!record.status.is_final(), Error::<T>::TrialClosed);
		Ok(record)
	}

	/// The trial, which exists and is not withdrawn: a terminated or completed trial still
	/// takes amendments, approvals and its database lock.
	fn live_trial(trial: TrialId) -> Result<TrialOf<T>, Error<T>> {
		let record = Self::existing_trial(trial)?;
		ensure!(record.status != RecruitmentStatus::Withdrawn, Error::<T>::TrialClosed);
		Ok(record)
	}

	/// History entries kept for everything but status changes: the registration, every
	/// amendment, every version's approval, every site and data commitment, the first
	/// enrolment, the unblinding and the results.
	pub fn reserved_history() -> u32 {
		T::MaxVersions::get()
			.saturating_mul(2)
			.saturating_add(T::MaxSites::get())
			.saturating_add(T::MaxCommitments::get())
			.saturating_add(3)
	}

	/// Most status changes per trial: what `MaxHistory` holds beyond
	/// [`Self::reserved_history`].
	pub fn max_status_changes() -> u32 {
		T::MaxHistory::get().saturating_sub(Self::reserved_history())
	}

	/// The trial's current protocol version.
	fn current_version(trial: &TrialOf<T>) -> ProtocolVersion {
		trial.versions.saturating_sub(1)
	}

	/// The trial's current version is approved.
	fn ensure_current_approved(id: TrialId, trial: &TrialOf<T>) -> Result<(), Error<T>> {
		let approved = Versions::<T>::get(id, Self::current_version(trial))
			.is_some_and(|v| v.approval.is_some());
		ensure!(approved, Error::<T>::VersionNotApproved);
		Ok(())
	}

	/// A protocol version commits 1 to `MaxOutcomes` outcomes.
	fn ensure_outcomes(documents: &ProtocolDocuments) -> Result<(), Error<T>> {
		ensure!(
			documents.outcome_count > 0 && documents.outcome_count <= T::MaxOutcomes::get(),
			Error::<T>::InvalidOutcomeCount
		);
		Ok(())
	}

	/// Where the trial stands now.
	pub fn phase(trial: &TrialOf<T>) -> TrialPhase {
		if trial.unblinded_at.is_some() {
			TrialPhase::AfterUnblinding
		} else if trial.database_lock.is_some() {
			TrialPhase::AfterDataLock
		} else if trial.first_enrolment.is_some() {
			TrialPhase::AfterEnrolment
		} else {
			TrialPhase::BeforeEnrolment
		}
	}

	/// Appends `step` to the trial's history (`record` is written by the caller), holding its
	/// deposit from `who`.
	fn push_history(
		id: TrialId,
		record: &mut TrialOf<T>,
		step: TrialStep,
		who: &T::AccountId,
		org: OrgId,
		at: Moment,
	) -> Result<(), Error<T>> {
		ensure!(record.history < T::MaxHistory::get(), Error::<T>::HistoryFull);
		Self::hold(who, 1, Self::history_bytes())?;
		History::<T>::insert(id, record.history, HistoryEntry { step, at, by: who.clone(), org });
		record.history = record.history.saturating_add(1);
		Ok(())
	}

	/// Holds the deposit for `items` more items of `bytes` bytes from `who`.
	fn hold(who: &T::AccountId, items: u64, bytes: u64) -> Result<(), Error<T>> {
		deposit::hold::<_, T::Deposit, Deposits<T>>(who, items, bytes)
			.map_err(|_| Error::<T>::DepositUnavailable)
	}

	/// Bytes of a stored trial, with its key.
	pub fn trial_bytes() -> u64 {
		max_bytes::<(TrialId, TrialOf<T>)>()
	}

	/// Bytes of a registry index entry, with its key.
	pub fn registry_index_bytes() -> u64 {
		max_bytes::<(RegistryIdOf<T>, TrialId)>()
	}

	/// Bytes of a stored protocol version, with its key.
	pub fn version_bytes() -> u64 {
		max_bytes::<(TrialId, ProtocolVersion, VersionRecord<T::AccountId>)>()
	}

	/// Bytes of an activated site, with its key.
	pub fn site_bytes() -> u64 {
		max_bytes::<(TrialId, OrgId, Moment)>()
	}

	/// Bytes of a stored participant, with its key.
	pub fn participant_bytes() -> u64 {
		max_bytes::<(TrialId, ParticipantId, Participant<T::AccountId>)>()
	}

	/// Bytes of a data commitment, with its key.
	pub fn commitment_bytes() -> u64 {
		max_bytes::<(TrialId, u32, DataCommitment)>()
	}

	/// Bytes of a history entry, with its key.
	pub fn history_bytes() -> u64 {
		max_bytes::<(TrialId, u32, HistoryEntryOf<T>)>()
	}

	/// Whether `trial` was registered before its first enrolment: `Retrospective` with the
	/// whole days between the declared start and the registration when the sponsor declared
	/// one, `Prospective` once a site enrolled the first participant, `NotYetEnrolled`
	/// before. `None` for an unknown trial.
	pub fn registration_timing(trial: TrialId) -> Option<RegistrationTiming> {
		let t = Trials::<T>::get(trial)?;
		Some(match (t.declared_start, t.first_enrolment) {
			(Some(start), _) => {
				let days = t.registered_at.saturating_sub(start) / DAY_MS;
				RegistrationTiming::Retrospective { days: u32::try_from(days).unwrap_or(u32::MAX) }
			}
			(None, Some(_)) => RegistrationTiming::Prospective,
			(None, None) => RegistrationTiming::NotYetEnrolled,
		})
	}

	/// The first protocol version of `trial` whose outcome root holds `outcome_leaf` as leaf
	/// `index` by `proof`, with the phase and time it was committed in. `None` when no version
	/// does, or for malformed input.
	pub fn was_prespecified(
		trial: TrialId,
		outcome_leaf: H256,
		proof: Vec<H256>,
		index: u32,
	) -> Option<Prespecification> {
		if proof.len() > merkle::MAX_PROOF_LEN {
			return None;
		}
		let t = Trials::<T>::get(trial)?;
		(0..t.versions).find_map(|version| {
			let v = Versions::<T>::get(trial, version)?;
			let d = &v.documents;
			merkle::verify(&d.outcomes_root, &outcome_leaf, index, d.outcome_count, &proof)
				.then_some(Prespecification {
					version,
					phase: v.phase,
					committed_at: v.committed_at,
				})
		})
	}

	/// Where `trial` first committed `hash` as a document of `kind`. `None` if it never did.
	pub fn verify_document(
		trial: TrialId,
		kind: DocumentKind,
		hash: H256,
	) -> Option<DocumentCommitment> {
		let t = Trials::<T>::get(trial)?;
		let versioned = |pick: fn(&ProtocolDocuments) -> H256| {
			(0..t.versions).find_map(|version| {
				let v = Versions::<T>::get(trial, version)?;
				(pick(&v.documents) == hash).then_some(DocumentCommitment {
					version: Some(version),
					phase: v.phase,
					committed_at: v.committed_at,
				})
			})
		};
		let unversioned =
			|phase, committed_at| DocumentCommitment { version: None, phase, committed_at };
		match kind {
			DocumentKind::Title => (t.title_hash == hash).then(|| {
				let phase =
					Versions::<T>::get(trial, 0).map_or(TrialPhase::BeforeEnrolment, |v| v.phase);
				unversioned(phase, t.registered_at)
			}),
			DocumentKind::Protocol => versioned(|d| d.protocol_hash),
			DocumentKind::AnalysisPlan => versioned(|d| d.analysis_plan_hash),
			DocumentKind::ConsentForm => versioned(|d| d.consent_form_hash),
			DocumentKind::OutcomesRoot => versioned(|d| d.outcomes_root),
			DocumentKind::DataRoot => (0..t.commitments).find_map(|seq| {
				let c = Commitments::<T>::get(trial, seq)?;
				(c.root == hash).then(|| unversioned(c.phase, c.at))
			}),
			DocumentKind::Results => t
				.results
				.filter(|r| r.results_hash == hash)
				.map(|r| unversioned(r.phase, r.posted_at)),
			DocumentKind::ResultsRoot => t
				.results
				.filter(|r| r.results_root == hash)
				.map(|r| unversioned(r.phase, r.posted_at)),
			DocumentKind::WhyStopped => (0..t.history).find_map(|seq| {
				let entry = History::<T>::get(trial, seq)?;
				match entry.step {
					TrialStep::StatusChanged { why_stopped: Some(reason), phase, .. }
						if reason == hash =>
					{
						Some(unversioned(phase, entry.at))
					}
					_ => None,
				}
			}),
		}
	}

	/// `trial`'s history in order from entry `from`, at most `limit` entries (capped at
	/// [`MAX_PAGE`]).
	pub fn history(trial: TrialId, from: u32, limit: u32) -> Vec<HistoryEntryOf<T>> {
		let Some(t) = Trials::<T>::get(trial) else { return Vec::new() };
		let end = from.saturating_add(limit.min(MAX_PAGE)).min(t.history);
		(from..end).filter_map(|seq| History::<T>::get(trial, seq)).collect()
	}

	/// `participant` of `trial`, or `None` if no site recorded them.
	pub fn participant_status(
		trial: TrialId,
		participant: ParticipantId,
	) -> Option<ParticipantStatus> {
		let t = Trials::<T>::get(trial)?;
		let p = Participants::<T>::get(trial, participant)?;
		Some(ParticipantStatus {
			site: p.site,
			consented_version: p.consented_version,
			enrolled_at: p.enrolled_at,
			needs_reconsent: p.withdrawn.is_none() && p.consented_version < t.reconsent_from,
			withdrawn: p.withdrawn,
			withdrawal_key: p.withdrawal_key,
		})
	}

	/// What `trial`'s results rest on: the database lock, the unblinding, the results and
	/// their analysis plan's version, the first enrolment, and every amendment committed
	/// after it. `None` for an unknown trial.
	pub fn results_provenance(trial: TrialId) -> Option<ResultsProvenance> {
		let t = Trials::<T>::get(trial)?;
		let amendments_after_enrolment = (1..t.versions)
			.filter_map(|version| {
				let v = Versions::<T>::get(trial, version)?;
				(v.phase != TrialPhase::BeforeEnrolment).then_some((
					version,
					v.phase,
					v.changes_outcomes,
				))
			})
			.collect();
		Some(ResultsProvenance {
			database_lock: t.database_lock,
			unblinded_at: t.unblinded_at,
			results: t.results.map(|r| (r.results_hash, r.results_root, r.posted_at)),
			analysis_plan_version: t.results.map(|r| r.analysis_plan_version),
			first_enrolment: t.first_enrolment,
			amendments_after_enrolment,
		})
	}
}
