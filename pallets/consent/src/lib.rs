//! # Consent
//!
//! Patient-controlled access rules with FHIR Consent semantics: who may do what with which of a
//! patient's data, for which purpose and when; requests from practitioners; emergency
//! (break-glass) access with review; and the one access check the whole chain uses.
//!
//! ## Overview
//!
//! A *consent* lets — or, as a *Deny*, forbids — a *grantee* (an organisation, meaning its
//! active practitioners, or one practitioner) to do a set of [`Action`]s on a set of
//! [`DataCategory`]s for a set of [`Purpose`]s, within an optional window
//! `[valid_from, valid_until)` (timestamp, ms). A patient's controllers and guardians whose scope
//! allows consent give and revoke consents; patients without tokens can (the runtime lists these
//! calls as free patient calls).
//!
//! [`Pallet::check_access`] decides, for the runtime API `ConsentApi` and, through
//! [`ConsentCheck`], for the Records pallet:
//!
//! 1. an unknown or deactivated patient grants nothing;
//! 2. the accessor must be an active practitioner of an active organisation (suspension of the
//!    organisation, or the end of the practitioner's validity, bites at once);
//! 3. of the consents given to the practitioner or to their organisation that cover the action,
//!    category and purpose and are within their window, a **Deny wins** over any Permit. A
//!    consent counts only while its basis lasts: a Permit to a practitioner while they are at
//!    the organisation it was given under, a consent a guardian gave while the guardianship it
//!    was given under (that appointment, not a later one of the same account) is in force and
//!    may consent for the patient;
//! 4. a category is covered only by a consent that names it — so the sensitive categories
//!    (mental health, substance use, genomics, sexual and reproductive health) only ever by an
//!    explicit mention, and emergency access only those the patient opted in to;
//! 5. failing a consent, an active emergency access of the accessor covers reading the
//!    non-sensitive categories (and the opted-in sensitive ones) for emergency treatment,
//!    unless the patient refuses emergency access.
//!
//! The check reads a bounded number of storage items whatever the number of consents: the
//! patient's rules are indexed by (patient, grantee), in compact form, so it reads one list for
//! the practitioner and one for the organisation, each bounded by `MaxRulesPerGrantee`, plus,
//! when a rule a guardian gave would decide, the patient's guardian appointments that may
//! consent, in one item whatever the number of guardians (see [`Pallet::check_access`]).
//! Revocation removes the rule in the same block; expiry needs no call, and a new grant to the
//! same grantee drops the grantee's ended rules, so expired consents never fill the list.
//!
//! No bound is shared between patients: a grantee may receive any number of consents (the
//! per-grantee index only lists them, in pages), and a patient's open requests are bounded per
//! requesting organisation as well as in total, so one organisation cannot crowd out the others;
//! the patient may also block an organisation's requests altogether.
//!
//! ## Interface
//!
//! ### Dispatchable functions
//!
//! - [`Pallet::grant_consent`], [`Pallet::revoke_consent`]: a controller or consenting guardian.
//! - [`Pallet::request_consent`]: an active practitioner, for their organisation.
//! - [`Pallet::approve_request`], [`Pallet::reject_request`]: a controller or consenting guardian.
//! - [`Pallet::block_requester`], [`Pallet::unblock_requester`]: a controller or consenting
//!   guardian, to refuse (or accept again) an organisation's requests.
//! - [`Pallet::emergency_access`]: an active physician or nurse of an active hospital or clinic.
//! - [`Pallet::review_emergency_access`]: the organisation's privacy officer, or a controller,
//!   never the practitioner who invoked it; an unjustified access bars its practitioner from
//!   the patient for `EmergencyBarPeriod`.
//! - [`Pallet::set_emergency_preference`]: a controller, to refuse emergency access to
//!   everyone or to opt sensitive categories in to it.
//! - [`Pallet::purge_consent`]: anyone, for a consent that decides nothing any more.
//! - [`Pallet::purge_emergency_access`]: anyone, for an ended, reviewed emergency access.
//!
//! The runtime lets a patient's controllers send the calls of [`Call::free_for_patient`]
//! without fees: granting, revoking, approving and rejecting, blocking and unblocking a
//! requester, reviewing an emergency access, purging the patient's own ended consents and
//! setting the patient's emergency preference.
//!
//! ### Storage deposits
//!
//! A practitioner holds a deposit ([`Config::Deposit`], recorded per account in [`Deposits`])
//! for each request they file, released to them when the request is removed, whoever removes
//! it; and for each emergency access they invoke: its record (released when
//! `purge_emergency_access` removes it, once ended and reviewed), its entry awaiting review
//! (released at the review) and their `ActiveEmergency` entry for the patient (released when
//! an unjustified review or the purge of the access it points at removes it). The patient's
//! side holds none: its consents are bounded by `MaxConsentsPerPatient` and
//! `MaxRulesPerGrantee`, its blocked requesters by the number of organisations, its emergency
//! preference to one entry. A bar after an unjustified review holds none either: it goes with
//! the access record behind it.
//!
//! ### Lists, in pages
//!
//! Every list is read in pages, in order of id: `from` is the first id wanted (0 for the
//! start, the last id seen plus one for the next page) and `limit` the most entries wanted,
//! capped at `MaxPageSize`. A page reads the entries it returns and a constant more.
//!
//! - [`Pallet::consents_of`], [`Pallet::grants_to`]: a patient's consents, the consents given
//!   to a grantee (runtime API `ConsentApi`).
//! - [`Pallet::requests_for`]: a patient's pending requests (view function).
//! - [`Pallet::unreviewed_emergency_accesses`]: an organisation's unreviewed emergency accesses
//!   (view function).

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

use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	storage::IterableStorageDoubleMap,
	traits::{Consideration, Footprint, Time},
};
use frame_system::pallet_prelude::*;
use medchain_primitives::deposit::{self, StorageDeposit};
pub use medchain_primitives::{
	AccessDecision, AccessQuery, Action, ConsentCheck, ConsentId, ConsentState, ConsentView,
	ConsortiumDirectory, DataCategory, Decision, DenyReason, EmergencyAccessId, Grantee,
	GuardianScope, Moment, OnConsentRevoked, OrgId, OrgKind, PatientDirectory, PatientId,
	PractitionerInfo, PractitionerRole, PractitionerStanding, Purpose, Representation, RequestId,
	MAX_ACCESS_QUERIES,
};
use sp_core::H256;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// A grantee of runtime `T`.
pub type GranteeOf<T> = Grantee<<T as frame_system::Config>::AccountId>;
/// A consent of runtime `T`.
pub type ConsentOf<T> = Consent<<T as frame_system::Config>::AccountId>;
/// A consent request of runtime `T`.
pub type RequestOf<T> = ConsentRequest<<T as frame_system::Config>::AccountId>;
/// An emergency access of runtime `T`.
pub type EmergencyAccessOf<T> = EmergencyAccess<<T as frame_system::Config>::AccountId>;
/// The rules of one (patient, grantee) pair.
pub type RulesOf<T> =
	BoundedVec<Rule<<T as frame_system::Config>::AccountId>, <T as Config>::MaxRulesPerGrantee>;

/// Organisations whose physicians and nurses may invoke emergency access.
pub const EMERGENCY_KINDS: [OrgKind; 2] = [OrgKind::Hospital, OrgKind::Clinic];
/// Roles that may invoke emergency access.
pub const EMERGENCY_ROLES: [PractitionerRole; 2] =
	[PractitionerRole::Physician, PractitionerRole::Nurse];

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

		/// The consortium directory: who is an active practitioner, of which organisation.
		type Directory: ConsortiumDirectory<Self::AccountId>;

		/// The chain's clock (milliseconds), against which windows are checked.
		type Time: Time<Moment = Moment>;

		/// Most consents stored for one patient (revoked and expired ones count until purged;
		/// a controller purges them without fees).
		#[pallet::constant]
		type MaxConsentsPerPatient: Get<u32>;

		/// Most consents not revoked and not ended one patient may have for one grantee; the
		/// access check reads them in one storage item.
		#[pallet::constant]
		type MaxRulesPerGrantee: Get<u32>;

		/// Most unanswered requests one patient may have, from all organisations together.
		#[pallet::constant]
		type MaxPendingRequests: Get<u32>;

		/// Most unanswered requests one organisation may have open with one patient.
		#[pallet::constant]
		type MaxPendingRequestsPerOrg: Get<u32>;

		/// Most entries one page of a list returns (`consents_of`, `grants_to`, `requests_for`,
		/// `unreviewed_emergency_accesses`).
		#[pallet::constant]
		type MaxPageSize: Get<u32>;

		/// How long a request stays open (ms).
		#[pallet::constant]
		type RequestLifetime: Get<Moment>;

		/// How long an emergency access lasts (ms).
		#[pallet::constant]
		type EmergencyWindow: Get<Moment>;

		/// How long an access reviewed as unjustified bars its practitioner from breaking the
		/// glass on that patient again, from the review (ms).
		#[pallet::constant]
		type EmergencyBarPeriod: Get<Moment>;

		/// The deposit held from an account for what it keeps in this pallet's storage
		/// (a `Consideration` over the item count and bytes; see docs/economics.md).
		///
		/// Held from the requesting practitioner for each open request, and from the invoking
		/// practitioner for each emergency access (its record, its entry awaiting review and its
		/// entry in `ActiveEmergency`). The patient's side pays nothing: its consents and blocked
		/// requesters are bounded per patient instead.
		type Deposit: Consideration<Self::AccountId, Footprint>;

		/// What follows a revocation elsewhere: the Records pallet removes the key envelopes
		/// the revoked consent justified, in the revoking call when they are few (its weight
		/// includes the most it removes, and the unused part is refunded).
		type OnRevoked: OnConsentRevoked;

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

	/// The id the next consent receives.
	#[pallet::storage]
	pub type NextConsentId<T: Config> = StorageValue<_, ConsentId, ValueQuery>;

	/// The id the next request receives.
	#[pallet::storage]
	pub type NextRequestId<T: Config> = StorageValue<_, RequestId, ValueQuery>;

	/// The id the next emergency access receives.
	#[pallet::storage]
	pub type NextEmergencyAccessId<T: Config> = StorageValue<_, EmergencyAccessId, ValueQuery>;

	/// Consents by id, until purged.
	#[pallet::storage]
	pub type Consents<T: Config> =
		StorageMap<_, Twox64Concat, ConsentId, ConsentOf<T>, OptionQuery>;

	/// The access check's index: for each (patient, grantee), the non-revoked consents in compact
	/// form.
	#[pallet::storage]
	pub type Rules<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		PatientId,
		Blake2_128Concat,
		GranteeOf<T>,
		RulesOf<T>,
		ValueQuery,
	>;

	/// The consents of each patient, keyed by [`ordered`] id so that they are listed in order.
	#[pallet::storage]
	pub type PatientConsents<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, PatientId, Identity, [u8; 8], (), OptionQuery>;

	/// How many consents each patient has stored.
	#[pallet::storage]
	pub type PatientConsentCount<T: Config> =
		StorageMap<_, Blake2_128Concat, PatientId, u32, ValueQuery>;

	/// The consents given to each grantee, keyed by [`ordered`] id so that they are listed in
	/// order. Only a list: nothing bounds how many consents a grantee receives.
	#[pallet::storage]
	pub type GranteeConsents<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, GranteeOf<T>, Identity, [u8; 8], (), OptionQuery>;

	/// Open consent requests by id.
	#[pallet::storage]
	pub type Requests<T: Config> =
		StorageMap<_, Twox64Concat, RequestId, RequestOf<T>, OptionQuery>;

	/// The open requests of each patient, keyed by [`ordered`] id so that they are listed in
	/// order.
	#[pallet::storage]
	pub type PatientRequests<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, PatientId, Identity, [u8; 8], (), OptionQuery>;

	/// How many open requests each patient has.
	#[pallet::storage]
	pub type PendingRequestCount<T: Config> =
		StorageMap<_, Blake2_128Concat, PatientId, u32, ValueQuery>;

	/// The open requests of each (patient, requesting organisation), in order of id.
	#[pallet::storage]
	pub type OrgRequests<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		PatientId,
		Twox64Concat,
		OrgId,
		BoundedVec<RequestId, T::MaxPendingRequestsPerOrg>,
		ValueQuery,
	>;

	/// The organisations each patient refuses requests from.
	#[pallet::storage]
	pub type BlockedRequesters<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, PatientId, Twox64Concat, OrgId, (), OptionQuery>;

	/// Emergency accesses by id (kept as the audit trail).
	#[pallet::storage]
	pub type EmergencyAccesses<T: Config> =
		StorageMap<_, Twox64Concat, EmergencyAccessId, EmergencyAccessOf<T>, OptionQuery>;

	/// The latest emergency access of each (patient, practitioner): its id, its end, and the
	/// organisation the practitioner invoked it for (it covers them only while they still act
	/// for that organisation in an emergency role).
	#[pallet::storage]
	pub type ActiveEmergency<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		PatientId,
		Blake2_128Concat,
		T::AccountId,
		(EmergencyAccessId, Moment, OrgId),
		OptionQuery,
	>;

	/// Emergency accesses awaiting review, by organisation, keyed by [`ordered`] id so that
	/// they are listed in order.
	#[pallet::storage]
	pub type Unreviewed<T: Config> =
		StorageDoubleMap<_, Twox64Concat, OrgId, Identity, [u8; 8], (), OptionQuery>;

	/// What each patient lets emergency access reach, when it is not the default (the
	/// non-sensitive categories only). A patient-side entry, at most one per patient, holding no
	/// deposit.
	#[pallet::storage]
	pub type EmergencyPreferences<T: Config> =
		StorageMap<_, Blake2_128Concat, PatientId, EmergencyPreference, OptionQuery>;

	/// Until when (timestamp, ms) a practitioner may not break the glass on a patient, after an
	/// access of theirs to the patient was reviewed as unjustified. Removed when the access
	/// record behind it is purged (`purge_emergency_access`, once the bar is over); each entry
	/// stands for stored records the practitioner holds a deposit for.
	#[pallet::storage]
	pub type EmergencyBarred<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		PatientId,
		Blake2_128Concat,
		T::AccountId,
		Moment,
		OptionQuery,
	>;

	/// Per account: what it keeps in this pallet's storage and the deposit held for it.
	#[pallet::storage]
	pub type Deposits<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, StorageDeposit<T::Deposit>, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A consent was given by `by`, a controller or guardian of the patient (directly, or by
		/// approving a request).
		ConsentGranted {
			consent: ConsentId,
			patient: PatientId,
			grantee: GranteeOf<T>,
			decision: Decision,
			by: T::AccountId,
		},
		/// A consent was revoked by `by`, a controller or guardian of the patient; it decides
		/// nothing from this block on.
		ConsentRevoked { consent: ConsentId, by: T::AccountId },
		/// A revoked or expired consent was removed from storage by `by`.
		ConsentPurged { consent: ConsentId, by: T::AccountId },
		/// The practitioner `requester` asked the patient for a consent for their organisation
		/// `org`.
		ConsentRequested {
			request: RequestId,
			patient: PatientId,
			org: OrgId,
			requester: T::AccountId,
		},
		/// A request was approved by `by`, a controller or guardian of the patient; `consent` is
		/// the consent it became.
		RequestApproved { request: RequestId, consent: ConsentId, by: T::AccountId },
		/// A request was rejected by the patient's side, or removed by `by` after it lapsed.
		RequestRejected { request: RequestId, by: T::AccountId, lapsed: bool },
		/// The physician or nurse `accessor` invoked emergency access for their organisation
		/// `org`; it must be reviewed.
		EmergencyAccessInvoked {
			id: EmergencyAccessId,
			patient: PatientId,
			accessor: T::AccountId,
			org: OrgId,
			expires_at: Moment,
		},
		/// An emergency access was reviewed by `by`, a privacy officer of its organisation or a
		/// controller of the patient; an unjustified one ends at once.
		EmergencyAccessReviewed { id: EmergencyAccessId, by: T::AccountId, justified: bool },
		/// The patient's side (`by`, a controller or guardian) refuses requests from `org` from
		/// now on; its open requests to the patient were removed (each with its
		/// `RequestRejected`).
		RequesterBlocked { patient: PatientId, org: OrgId, by: T::AccountId },
		/// The patient's side (`by`, a controller or guardian) accepts requests from `org` again.
		RequesterUnblocked { patient: PatientId, org: OrgId, by: T::AccountId },
		/// The patient's `controller` set what emergency access to the patient may reach (or
		/// refused it).
		EmergencyPreferenceSet {
			patient: PatientId,
			preference: EmergencyPreference,
			controller: T::AccountId,
		},
		/// An ended, reviewed emergency access was removed from storage by `by`; its
		/// practitioner's deposit for it was released.
		EmergencyAccessPurged { id: EmergencyAccessId, by: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The patient is unknown or deactivated.
		PatientInactive,
		/// Only the patient's side may do this: a controller of the patient, or a guardian whose
		/// appointment is in force and whose scope allows consent.
		NotPatientsSide,
		/// The set of actions is empty.
		EmptyActions,
		/// The set of categories is empty.
		EmptyCategories,
		/// The set of purposes is empty.
		EmptyPurposes,
		/// An action is listed twice.
		DuplicateAction,
		/// A category is listed twice.
		DuplicateCategory,
		/// A purpose is listed twice.
		DuplicatePurpose,
		/// `valid_until` is not after `valid_from`.
		InvalidWindow,
		/// `valid_until` is not in the future.
		ValidityAlreadyEnded,
		/// A Permit's grantee is not an active organisation or an active practitioner, or a
		/// Deny's grantee is no registered organisation or practitioner at all.
		GranteeInactive,
		/// The patient has `MaxConsentsPerPatient` consents stored: purge revoked or expired ones.
		TooManyConsentsForPatient,
		/// The patient has `MaxRulesPerGrantee` consents in force or yet to start for this
		/// grantee: revoke one.
		TooManyRulesForGrantee,
		/// No consent has this id.
		ConsentNotFound,
		/// The consent is already revoked.
		AlreadyRevoked,
		/// The consent is still in force (or yet to start) and its patient active: it cannot be
		/// purged.
		ConsentStillInForce,
		/// Only an active practitioner of an active organisation may request consent.
		NotAPractitioner,
		/// The patient has `MaxPendingRequests` open requests, from all organisations together.
		TooManyPendingRequests,
		/// No open request has this id.
		RequestNotFound,
		/// The request has lapsed; it can only be removed.
		RequestExpired,
		/// Only an active physician or nurse of an active hospital or clinic may invoke
		/// emergency access.
		NotEmergencyPractitioner,
		/// The patient recorded a Deny for emergency treatment that covers this practitioner.
		EmergencyDeniedByPatient,
		/// No emergency access has this id.
		EmergencyAccessNotFound,
		/// The emergency access has been reviewed already.
		AlreadyReviewed,
		/// Only a privacy officer of the practitioner's organisation, or a controller of the
		/// patient, may review an emergency access.
		NotReviewer,
		/// Every id has been used.
		IdsExhausted,
		/// The practitioner's organisation has `MaxPendingRequestsPerOrg` open requests to this
		/// patient: wait for an answer, or remove lapsed ones with `reject_request`.
		TooManyRequestsFromOrganization,
		/// The patient refuses requests from the practitioner's organisation.
		RequestsBlocked,
		/// No organisation has this id.
		OrganizationNotFound,
		/// The patient already refuses requests from this organisation.
		AlreadyBlocked,
		/// The patient does not refuse requests from this organisation: there is nothing to
		/// unblock.
		RequesterNotBlocked,
		/// The signer cannot hold the storage deposit for what the call would store.
		DepositUnavailable,
		/// A guardian may not give a consent to itself.
		GrantToSelf,
		/// Only a controller of the patient may do this.
		NotController,
		/// A category opted in to emergency access is not a sensitive one: only sensitive
		/// categories are opted in.
		CategoryNotSensitive,
		/// The patient refuses emergency access to everyone.
		EmergencyRefusedByPatient,
		/// An access of this practitioner to this patient was reviewed as unjustified: they may
		/// not break the glass on the patient until the bar ends.
		EmergencyAccessBarred,
		/// Nobody may review their own emergency access.
		SelfReview,
		/// The emergency access has not been reviewed yet: it cannot be purged.
		EmergencyAccessUnreviewed,
		/// The emergency access has not ended yet: it cannot be purged.
		EmergencyAccessInForce,
		/// The emergency access was unjustified and its bar on the practitioner has not ended
		/// yet: it cannot be purged.
		PractitionerStillBarred,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxRulesPerGrantee::get() > 0, "a grantee needs room for a rule");
			assert!(
				T::MaxConsentsPerPatient::get() >= T::MaxRulesPerGrantee::get(),
				"a patient must be able to fill one grantee's rules"
			);
			assert!(T::EmergencyWindow::get() > 0, "an emergency access must last");
			assert!(T::EmergencyBarPeriod::get() > 0, "an unjustified access must bar");
			assert!(T::MaxPendingRequestsPerOrg::get() > 0, "an organisation needs room to ask");
			assert!(
				T::MaxPendingRequests::get() >= T::MaxPendingRequestsPerOrg::get(),
				"a patient must be able to hold one organisation's requests"
			);
			assert!(T::MaxPageSize::get() > 0, "a page must hold an entry");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	/// Read-only questions for dApps, through the `RuntimeViewFunction` API.
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// The patient's open requests (lapsed ones included until removed), in order of id from
		/// `from`, at most `limit` of them (capped at `MaxPageSize`).
		pub fn requests_for(
			patient: PatientId,
			from: RequestId,
			limit: u32,
		) -> Vec<RequestView<T::AccountId>> {
			Self::page::<PatientRequests<T>, _>(&patient, from, limit)
				.into_iter()
				.filter_map(|id| Requests::<T>::get(id).map(|r| (id, r)))
				.collect()
		}

		/// The organisation's emergency accesses awaiting review, in order of id from `from`, at
		/// most `limit` of them (capped at `MaxPageSize`).
		pub fn unreviewed_emergency_accesses(
			org: OrgId,
			from: EmergencyAccessId,
			limit: u32,
		) -> Vec<EmergencyAccessView<T::AccountId>> {
			Self::page::<Unreviewed<T>, _>(&org, from, limit)
				.into_iter()
				.filter_map(|id| EmergencyAccesses::<T>::get(id).map(|e| (id, e)))
				.collect()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Give a consent (Permit) or forbid (Deny).
		///
		/// - Origin: signed by a controller of the patient, or a guardian in force whose scope
		///   allows consent (`Full` or `ConsentOnly`). A consent a guardian gives is stored with
		///   the number of its appointment and decides only while that appointment is in force
		///   and may consent for the patient: it ends with the guardianship, and does not come
		///   back if the account is appointed again (AUDIT M-8).
		/// - `patient`: an active patient.
		/// - `grantee`: an active organisation (each of its active practitioners) or an active
		///   practitioner, never the guardian giving it. A Permit to a practitioner covers them
		///   only while they are a practitioner of the organisation they are at now. A Deny may
		///   also name a suspended organisation or a practitioner whose standing lapsed: it then
		///   already holds if they are reinstated; a Deny to a practitioner follows them to any
		///   organisation.
		/// - `actions`, `categories`, `purposes`: non-empty sets without duplicates (stored
		///   sorted). A sensitive category is covered only if listed.
		/// - `valid_from`, `valid_until`: the window `[valid_from, valid_until)` (timestamp, ms);
		///   `valid_until` must be in the future and after `valid_from`.
		/// - `policy_hash`: hash of the signed consent document, kept off chain.
		///
		/// The grantee's ended rules are dropped from the access check's index, so that expired
		/// consents never use up `MaxRulesPerGrantee`. No bound is shared with other patients.
		/// Emits `ConsentGranted`. Complexity: O(`MaxRulesPerGrantee`).
		#[pallet::call_index(0)]
		pub fn grant_consent(
			origin: OriginFor<T>,
			patient: PatientId,
			grantee: GranteeOf<T>,
			decision: Decision,
			actions: ActionSet,
			categories: CategorySet,
			purposes: PurposeSet,
			valid_from: Option<Moment>,
			valid_until: Option<Moment>,
			policy_hash: Option<H256>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let guardian_appointment = Self::ensure_may_consent(&patient, &who)?;
			ensure!(
				!(guardian_appointment.is_some() && grantee == Grantee::Practitioner(who.clone())),
				Error::<T>::GrantToSelf
			);
			let (actions, categories, purposes) =
				Self::checked_sets(actions, categories, purposes)?;
			if let (Some(from), Some(until)) = (valid_from, valid_until) {
				ensure!(until > from, Error::<T>::InvalidWindow);
			}
			if let Some(until) = valid_until {
				ensure!(until > T::Time::now(), Error::<T>::ValidityAlreadyEnded);
			}
			let org = Self::ensure_grantee_may_receive(&grantee, decision)?;
			let consent = Consent {
				patient,
				grantee: grantee.clone(),
				decision,
				actions,
				categories,
				purposes,
				valid_from,
				valid_until,
				policy_hash,
				granted_by: who.clone(),
				guardian_appointment,
				org,
				status: ConsentStatus::Active,
			};
			let id = Self::insert_consent(consent)?;
			Self::deposit_event(Event::ConsentGranted {
				consent: id,
				patient,
				grantee,
				decision,
				by: who,
			});
			Ok(())
		}

		/// Revoke a consent. It decides nothing from this block on; its record stays (for audit)
		/// until purged.
		///
		/// - Origin: signed by a controller of the patient, or a guardian in force whose scope
		///   allows consent.
		/// - `consent`: a stored consent not yet revoked.
		/// - What the consent justified elsewhere goes with it (`Config::OnRevoked`): the key
		///   envelopes shared under it are removed from state in this call, up to the most one
		///   revocation removes; any beyond are never handed out again and are removed in pages
		///   by the Records pallet's `purge_consent_envelopes`.
		///
		/// Emits `ConsentRevoked`. Complexity: O(`MaxRulesPerGrantee`), and the removals of
		/// `OnRevoked` (refunded for those not made).
		#[pallet::call_index(1)]
		#[pallet::weight(
			T::WeightInfo::revoke_consent()
				.saturating_add(T::OnRevoked::weight(T::OnRevoked::max_removed()))
		)]
		pub fn revoke_consent(
			origin: OriginFor<T>,
			consent: ConsentId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let mut record = Consents::<T>::get(consent).ok_or(Error::<T>::ConsentNotFound)?;
			ensure!(record.status == ConsentStatus::Active, Error::<T>::AlreadyRevoked);
			Self::ensure_may_consent(&record.patient, &who)?;
			Self::remove_rule(&record.patient, &record.grantee, consent);
			let patient = record.patient;
			record.status = ConsentStatus::Revoked { by: who.clone() };
			Consents::<T>::insert(consent, record);
			Self::deposit_event(Event::ConsentRevoked { consent, by: who });
			let removed = T::OnRevoked::on_consent_revoked(&patient, consent);
			Ok(Some(T::WeightInfo::revoke_consent().saturating_add(T::OnRevoked::weight(removed)))
				.into())
		}

		/// Ask the patient for a consent for the caller's organisation.
		///
		/// - Origin: signed by an active practitioner of an active organisation that the patient
		///   has not blocked (`block_requester`).
		/// - `patient`: an active patient.
		/// - `actions`, `categories`, `purposes`: non-empty sets without duplicates.
		/// - `valid_until`: the requested end of validity, in the future if given.
		/// - `note_hash`: hash of the explanation given to the patient, kept off chain.
		///
		/// The organisation may have `MaxPendingRequestsPerOrg` requests open with the patient,
		/// and the patient `MaxPendingRequests` from all organisations. The request lapses after
		/// `RequestLifetime`. The requester holds a deposit for one item of
		/// [`Pallet::request_size`] bytes until the request is removed (approved, rejected,
		/// removed once lapsed, or cleared by `block_requester`), whoever removes it; fails with
		/// `DepositUnavailable` if they cannot. Emits `ConsentRequested`.
		/// Complexity: O(`MaxPendingRequestsPerOrg`).
		#[pallet::call_index(2)]
		pub fn request_consent(
			origin: OriginFor<T>,
			patient: PatientId,
			actions: ActionSet,
			categories: CategorySet,
			purposes: PurposeSet,
			valid_until: Option<Moment>,
			note_hash: H256,
		) -> DispatchResult {
			let requester = ensure_signed(origin)?;
			let info = T::Directory::active_practitioner(&requester)
				.ok_or(Error::<T>::NotAPractitioner)?;
			ensure!(T::Patients::is_active(&patient), Error::<T>::PatientInactive);
			let (actions, categories, purposes) =
				Self::checked_sets(actions, categories, purposes)?;
			let now = T::Time::now();
			if let Some(until) = valid_until {
				ensure!(until > now, Error::<T>::ValidityAlreadyEnded);
			}
			ensure!(
				!BlockedRequesters::<T>::contains_key(patient, info.org),
				Error::<T>::RequestsBlocked
			);
			let id = NextRequestId::<T>::get();
			let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
			let mut from_org = OrgRequests::<T>::get(patient, info.org);
			from_org.try_push(id).map_err(|_| Error::<T>::TooManyRequestsFromOrganization)?;
			let pending = PendingRequestCount::<T>::get(patient);
			ensure!(pending < T::MaxPendingRequests::get(), Error::<T>::TooManyPendingRequests);
			Self::hold_deposit(&requester, 1, Self::request_size())?;
			NextRequestId::<T>::put(next);
			Requests::<T>::insert(
				id,
				ConsentRequest {
					patient,
					org: info.org,
					requester: requester.clone(),
					actions,
					categories,
					purposes,
					valid_until,
					note_hash,
					expires_at: now.saturating_add(T::RequestLifetime::get()),
				},
			);
			PatientRequests::<T>::insert(patient, ordered(id), ());
			OrgRequests::<T>::insert(patient, info.org, from_org);
			PendingRequestCount::<T>::insert(patient, pending.saturating_add(1));
			Self::deposit_event(Event::ConsentRequested {
				request: id,
				patient,
				org: info.org,
				requester,
			});
			Ok(())
		}

		/// Approve a request: it becomes a Permit for the requesting organisation, exactly as
		/// requested (no start, the requested end, no document hash).
		///
		/// - Origin: signed by a controller of the patient, or a guardian in force whose scope
		///   allows consent.
		/// - `request`: an open request that has not lapsed, from an organisation still active.
		///
		/// The consent is a patient-side write and holds no deposit (it is bounded by
		/// `MaxConsentsPerPatient` and `MaxRulesPerGrantee`); the requester's deposit for the
		/// request is released. Emits `ConsentGranted` and `RequestApproved`.
		/// Complexity: O(`MaxRulesPerGrantee` + `MaxPendingRequestsPerOrg`).
		#[pallet::call_index(3)]
		pub fn approve_request(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let r = Requests::<T>::get(request).ok_or(Error::<T>::RequestNotFound)?;
			let guardian_appointment = Self::ensure_may_consent(&r.patient, &who)?;
			let now = T::Time::now();
			ensure!(now < r.expires_at, Error::<T>::RequestExpired);
			if let Some(until) = r.valid_until {
				ensure!(until > now, Error::<T>::ValidityAlreadyEnded);
			}
			let grantee = Grantee::Organization(r.org);
			Self::ensure_grantee_may_receive(&grantee, Decision::Permit)?;
			let (patient, org, requester) = (r.patient, r.org, r.requester);
			let consent = Self::insert_consent(Consent {
				patient,
				grantee: grantee.clone(),
				decision: Decision::Permit,
				actions: r.actions,
				categories: r.categories,
				purposes: r.purposes,
				valid_from: None,
				valid_until: r.valid_until,
				policy_hash: None,
				granted_by: who.clone(),
				guardian_appointment,
				org: None,
				status: ConsentStatus::Active,
			})?;
			Self::remove_request(request, &patient, org, &requester)?;
			Self::deposit_event(Event::ConsentGranted {
				consent,
				patient,
				grantee,
				decision: Decision::Permit,
				by: who.clone(),
			});
			Self::deposit_event(Event::RequestApproved { request, consent, by: who });
			Ok(())
		}

		/// Reject a request, or remove one that has lapsed.
		///
		/// - Origin: signed by a controller of the patient or a guardian in force whose scope
		///   allows consent; once the request has lapsed, anyone.
		/// - `request`: an open request.
		///
		/// The requester's deposit for the request is released, whoever removes it.
		/// Emits `RequestRejected`. Complexity: O(`MaxPendingRequestsPerOrg`).
		#[pallet::call_index(4)]
		pub fn reject_request(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let r = Requests::<T>::get(request).ok_or(Error::<T>::RequestNotFound)?;
			let lapsed = T::Time::now() >= r.expires_at;
			if !lapsed {
				Self::ensure_may_consent(&r.patient, &who)?;
			}
			Self::remove_request(request, &r.patient, r.org, &r.requester)?;
			Self::deposit_event(Event::RequestRejected { request, by: who, lapsed });
			Ok(())
		}

		/// Break the glass: read access to the patient's non-sensitive categories (and the
		/// sensitive ones the patient opted in to, see `set_emergency_preference`) for emergency
		/// treatment, for `EmergencyWindow`, without a consent. It stays unreviewed until the
		/// organisation's privacy officer or the patient reviews it.
		///
		/// - Origin: signed by an active physician or nurse of an active hospital or clinic, not
		///   barred from the patient by an unjustified review (`EmergencyAccessBarred`).
		/// - `patient`: an active patient who does not refuse emergency access
		///   (`EmergencyRefusedByPatient`).
		/// - `justification_hash`: hash of the written justification, kept off chain.
		///
		/// Refused if the patient recorded a Deny for emergency treatment (read) of a category
		/// emergency access could reach, covering the practitioner or their organisation
		/// (`EmergencyDeniedByPatient`).
		///
		/// The practitioner holds a deposit for what the access keeps: its record
		/// ([`Pallet::emergency_record_size`], kept as the audit trail), its entry awaiting review
		/// ([`Pallet::unreviewed_entry_size`], released at the review) and, unless they already
		/// have one for this patient (it is replaced), their entry in `ActiveEmergency`
		/// ([`Pallet::active_emergency_size`], released when an unjustified review, or the purge
		/// of the access it points at, removes it); the record's deposit is released when
		/// `purge_emergency_access` removes it. Fails with `DepositUnavailable` if they cannot.
		/// Emits `EmergencyAccessInvoked`. Complexity: O(`MaxRulesPerGrantee`), with one
		/// guardianship look-up per distinct guardian behind an in-window Deny that would refuse.
		#[pallet::call_index(5)]
		pub fn emergency_access(
			origin: OriginFor<T>,
			patient: PatientId,
			justification_hash: H256,
		) -> DispatchResult {
			let accessor = ensure_signed(origin)?;
			let info = T::Directory::active_practitioner(&accessor)
				.filter(Self::may_break_glass)
				.ok_or(Error::<T>::NotEmergencyPractitioner)?;
			ensure!(T::Patients::is_active(&patient), Error::<T>::PatientInactive);
			let now = T::Time::now();
			let reach =
				Self::emergency_reach(&patient).ok_or(Error::<T>::EmergencyRefusedByPatient)?;
			ensure!(
				EmergencyBarred::<T>::get(patient, &accessor).is_none_or(|until| now >= until),
				Error::<T>::EmergencyAccessBarred
			);
			ensure!(
				!Self::denies_emergency(&patient, &accessor, info.org, reach, now),
				Error::<T>::EmergencyDeniedByPatient
			);
			let id = NextEmergencyAccessId::<T>::get();
			let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
			let (items, bytes) = if ActiveEmergency::<T>::contains_key(patient, &accessor) {
				(2, Self::emergency_record_size().saturating_add(Self::unreviewed_entry_size()))
			} else {
				(
					3,
					Self::emergency_record_size()
						.saturating_add(Self::unreviewed_entry_size())
						.saturating_add(Self::active_emergency_size()),
				)
			};
			Self::hold_deposit(&accessor, items, bytes)?;
			NextEmergencyAccessId::<T>::put(next);
			let expires_at = now.saturating_add(T::EmergencyWindow::get());
			EmergencyAccesses::<T>::insert(
				id,
				EmergencyAccess {
					patient,
					accessor: accessor.clone(),
					org: info.org,
					justification_hash,
					invoked_at: now,
					expires_at,
					review: None,
				},
			);
			ActiveEmergency::<T>::insert(patient, &accessor, (id, expires_at, info.org));
			Unreviewed::<T>::insert(info.org, ordered(id), ());
			Self::deposit_event(Event::EmergencyAccessInvoked {
				id,
				patient,
				accessor,
				org: info.org,
				expires_at,
			});
			Ok(())
		}

		/// Review an emergency access. An unjustified one ends at once, and bars its
		/// practitioner from breaking the glass on the patient for `EmergencyBarPeriod`.
		///
		/// - Origin: signed by an active privacy officer of the practitioner's organisation, or
		///   a controller of the patient; never the practitioner who invoked it (`SelfReview`).
		/// - `id`: an emergency access not yet reviewed.
		/// - `justified`: whether the access was justified; if not, it ends now.
		///
		/// The practitioner who invoked the access gets back the deposit for its entry awaiting
		/// review and, if an unjustified review removes their `ActiveEmergency` entry, for that
		/// entry too. The bar (`EmergencyBarred`) holds no deposit: it goes with the access's
		/// record, which the practitioner pays for. Emits `EmergencyAccessReviewed`.
		/// Complexity: O(1).
		#[pallet::call_index(6)]
		pub fn review_emergency_access(
			origin: OriginFor<T>,
			id: EmergencyAccessId,
			justified: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut access =
				EmergencyAccesses::<T>::get(id).ok_or(Error::<T>::EmergencyAccessNotFound)?;
			ensure!(access.review.is_none(), Error::<T>::AlreadyReviewed);
			let privacy_officer = T::Directory::active_practitioner(&who)
				.is_some_and(|p| p.org == access.org && p.role == PractitionerRole::PrivacyOfficer);
			ensure!(
				privacy_officer || T::Patients::is_controller(&access.patient, &who),
				Error::<T>::NotReviewer
			);
			ensure!(who != access.accessor, Error::<T>::SelfReview);
			let now = T::Time::now();
			let (mut items, mut bytes) = (1, Self::unreviewed_entry_size());
			if !justified {
				access.expires_at = access.expires_at.min(now);
				let until = now.saturating_add(T::EmergencyBarPeriod::get());
				EmergencyBarred::<T>::mutate(access.patient, &access.accessor, |bar| {
					*bar = Some(bar.map_or(until, |b| b.max(until)))
				});
				if ActiveEmergency::<T>::get(access.patient, &access.accessor)
					.is_some_and(|(active, _, _)| active == id)
				{
					ActiveEmergency::<T>::remove(access.patient, &access.accessor);
					items = 2;
					bytes = bytes.saturating_add(Self::active_emergency_size());
				}
			}
			Self::release_deposit(&access.accessor, items, bytes)?;
			access.review = Some(Review { by: who.clone(), justified, at: now });
			Unreviewed::<T>::remove(access.org, ordered(id));
			EmergencyAccesses::<T>::insert(id, access);
			Self::deposit_event(Event::EmergencyAccessReviewed { id, by: who, justified });
			Ok(())
		}

		/// Remove a consent that decides nothing any more — revoked, expired, of a deactivated
		/// patient, or given by a guardian under an appointment no longer in force (or no longer
		/// allowed to consent) — and free its storage (and the patient's slot).
		///
		/// - Origin: signed, anyone; the runtime lets the patient's controllers send it without
		///   fees, so a patient without tokens can always make room for new consents.
		/// - `consent`: a stored consent that is revoked or has ended, whose patient is
		///   deactivated, or whose guardianship has ended.
		///
		/// Emits `ConsentPurged`. Complexity: O(`MaxRulesPerGrantee`).
		#[pallet::call_index(7)]
		pub fn purge_consent(origin: OriginFor<T>, consent: ConsentId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let record = Consents::<T>::get(consent).ok_or(Error::<T>::ConsentNotFound)?;
			let ended =
				window(record.valid_from, record.valid_until, T::Time::now()) == Window::Ended;
			ensure!(
				record.status != ConsentStatus::Active
					|| ended || !T::Patients::is_active(&record.patient)
					|| !Self::grantor_stands(&record),
				Error::<T>::ConsentStillInForce
			);
			Self::remove_rule(&record.patient, &record.grantee, consent);
			Consents::<T>::remove(consent);
			PatientConsents::<T>::remove(record.patient, ordered(consent));
			PatientConsentCount::<T>::mutate_exists(record.patient, |n| lower(n, 1));
			GranteeConsents::<T>::remove(&record.grantee, ordered(consent));
			Self::deposit_event(Event::ConsentPurged { consent, by: who });
			Ok(())
		}

		/// Refuse requests from an organisation: its open requests to the patient are removed,
		/// and its practitioners' `request_consent` fails with `RequestsBlocked` until
		/// `unblock_requester`. Consents already given to it stay as they are (revoke them, or
		/// give a Deny, to end its access).
		///
		/// - Origin: signed by a controller of the patient, or a guardian in force whose scope
		///   allows consent. Free for controllers (a patient call).
		/// - `patient`: an active patient.
		/// - `org`: a registered organisation, whatever its status.
		///
		/// The entry is a patient-side write and holds no deposit: a patient has at most one per
		/// registered organisation (organisations are registered by `ConsortiumOrigin` only).
		/// The requesters' deposits for the requests removed are released.
		/// Emits `RequestRejected { lapsed: false }` for each request removed, then
		/// `RequesterBlocked`. Complexity: O(`MaxPendingRequestsPerOrg`).
		#[pallet::call_index(8)]
		pub fn block_requester(
			origin: OriginFor<T>,
			patient: PatientId,
			org: OrgId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_may_consent(&patient, &who)?;
			ensure!(T::Directory::organization_exists(org), Error::<T>::OrganizationNotFound);
			ensure!(
				!BlockedRequesters::<T>::contains_key(patient, org),
				Error::<T>::AlreadyBlocked
			);
			BlockedRequesters::<T>::insert(patient, org, ());
			let open = OrgRequests::<T>::take(patient, org);
			for request in open.iter().copied() {
				if let Some(r) = Requests::<T>::take(request) {
					Self::release_deposit(&r.requester, 1, Self::request_size())?;
				}
				PatientRequests::<T>::remove(patient, ordered(request));
				Self::deposit_event(Event::RequestRejected {
					request,
					by: who.clone(),
					lapsed: false,
				});
			}
			let removed = u32::try_from(open.len()).unwrap_or(u32::MAX);
			PendingRequestCount::<T>::mutate_exists(patient, |n| lower(n, removed));
			Self::deposit_event(Event::RequesterBlocked { patient, org, by: who });
			Ok(())
		}

		/// Accept requests from an organisation again, after `block_requester`.
		///
		/// - Origin: signed by a controller of the patient, or a guardian in force whose scope
		///   allows consent. Free for controllers (a patient call).
		/// - `patient`: an active patient.
		/// - `org`: an organisation the patient blocked.
		///
		/// Emits `RequesterUnblocked`. Complexity: O(1).
		#[pallet::call_index(9)]
		pub fn unblock_requester(
			origin: OriginFor<T>,
			patient: PatientId,
			org: OrgId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_may_consent(&patient, &who)?;
			ensure!(
				BlockedRequesters::<T>::contains_key(patient, org),
				Error::<T>::RequesterNotBlocked
			);
			BlockedRequesters::<T>::remove(patient, org);
			Self::deposit_event(Event::RequesterUnblocked { patient, org, by: who });
			Ok(())
		}

		/// Set what emergency (break-glass) access to the patient may reach: refuse it to
		/// everyone, or allow it with the sensitive categories the patient opts in to (none by
		/// default). It bites at once: an access already invoked allows only what the new
		/// preference allows.
		///
		/// - Origin: signed by a controller of the patient (the patient's own wish; it does not
		///   lapse with a guardianship). Free for controllers (a patient call).
		/// - `patient`: an active patient.
		/// - `preference`: `Refused`, or `Allowed { sensitive }` with a set of sensitive
		///   categories without duplicates (stored sorted).
		///
		/// A patient-side entry, at most one per patient, holding no deposit; `Allowed` with no
		/// sensitive category is the default and removes it. Emits `EmergencyPreferenceSet`.
		/// Complexity: O(1).
		#[pallet::call_index(10)]
		pub fn set_emergency_preference(
			origin: OriginFor<T>,
			patient: PatientId,
			preference: EmergencyPreference,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(T::Patients::is_active(&patient), Error::<T>::PatientInactive);
			ensure!(T::Patients::is_controller(&patient, &who), Error::<T>::NotController);
			let preference = match preference {
				EmergencyPreference::Allowed { mut sensitive } => {
					ensure!(
						sensitive.iter().all(|c| c.is_sensitive()),
						Error::<T>::CategoryNotSensitive
					);
					sensitive.sort();
					ensure!(!has_duplicates(&sensitive), Error::<T>::DuplicateCategory);
					EmergencyPreference::Allowed { sensitive }
				}
				EmergencyPreference::Refused => EmergencyPreference::Refused,
			};
			if preference == (EmergencyPreference::Allowed { sensitive: Default::default() }) {
				EmergencyPreferences::<T>::remove(patient);
			} else {
				EmergencyPreferences::<T>::insert(patient, &preference);
			}
			Self::deposit_event(Event::EmergencyPreferenceSet {
				patient,
				preference,
				controller: who,
			});
			Ok(())
		}

		/// Remove an emergency access that has ended and been reviewed (and, if unjustified,
		/// whose bar on the practitioner is over), with its practitioner's `ActiveEmergency`
		/// entry for the patient if that still points at it, and the practitioner's bar on the
		/// patient if it is over. Its invocation and review stay in the chain's events (and in
		/// the Records access log, by id).
		///
		/// - Origin: signed, anyone.
		/// - `id`: a stored emergency access, reviewed (`EmergencyAccessUnreviewed`), ended
		///   (`EmergencyAccessInForce`), and, if unjustified, reviewed at least
		///   `EmergencyBarPeriod` ago (`PractitionerStillBarred`).
		///
		/// The practitioner who invoked it, not the caller, gets back the deposit for its record
		/// and for the `ActiveEmergency` entry removed. Emits `EmergencyAccessPurged`.
		/// Complexity: O(1).
		#[pallet::call_index(11)]
		pub fn purge_emergency_access(
			origin: OriginFor<T>,
			id: EmergencyAccessId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let access =
				EmergencyAccesses::<T>::get(id).ok_or(Error::<T>::EmergencyAccessNotFound)?;
			let review = access.review.as_ref().ok_or(Error::<T>::EmergencyAccessUnreviewed)?;
			let now = T::Time::now();
			ensure!(now >= access.expires_at, Error::<T>::EmergencyAccessInForce);
			ensure!(
				review.justified || now >= review.at.saturating_add(T::EmergencyBarPeriod::get()),
				Error::<T>::PractitionerStillBarred
			);
			let entry = ActiveEmergency::<T>::get(access.patient, &access.accessor)
				.is_some_and(|(active, _, _)| active == id);
			let (items, bytes) = if entry {
				(2, Self::emergency_record_size().saturating_add(Self::active_emergency_size()))
			} else {
				(1, Self::emergency_record_size())
			};
			Self::release_deposit(&access.accessor, items, bytes)?;
			if entry {
				ActiveEmergency::<T>::remove(access.patient, &access.accessor);
			}
			EmergencyBarred::<T>::mutate_exists(access.patient, &access.accessor, |bar| {
				if bar.is_some_and(|until| until <= now) {
					*bar = None;
				}
			});
			EmergencyAccesses::<T>::remove(id);
			Self::deposit_event(Event::EmergencyAccessPurged { id, by: who });
			Ok(())
		}
	}
}

impl<T: Config> Call<T> {
	/// Whether this is one of the calls a patient's controller may send for free (those of
	/// [`Self::free_for_patient`]), decided without reading storage.
	pub fn may_be_free(&self) -> bool {
		matches!(
			self,
			Call::grant_consent { .. }
				| Call::revoke_consent { .. }
				| Call::approve_request { .. }
				| Call::reject_request { .. }
				| Call::review_emergency_access { .. }
				| Call::purge_consent { .. }
				| Call::block_requester { .. }
				| Call::unblock_requester { .. }
				| Call::set_emergency_preference { .. }
		)
	}

	/// The patient this call acts for, if a patient's controller may send it for free: giving,
	/// revoking, approving and rejecting consents, reviewing emergency accesses, purging the
	/// patient's ended consents, blocking or unblocking a requester, and setting the patient's
	/// emergency preference. Looks the patient up in
	/// storage (one read) where the call names a consent, request or access.
	pub fn free_for_patient(&self) -> Option<PatientId> {
		match self {
			Call::grant_consent { patient, .. }
			| Call::block_requester { patient, .. }
			| Call::unblock_requester { patient, .. }
			| Call::set_emergency_preference { patient, .. } => Some(*patient),
			Call::revoke_consent { consent } | Call::purge_consent { consent } => {
				Consents::<T>::get(consent).map(|c| c.patient)
			}
			Call::approve_request { request } | Call::reject_request { request } => {
				Requests::<T>::get(request).map(|r| r.patient)
			}
			Call::review_emergency_access { id, .. } => {
				EmergencyAccesses::<T>::get(id).map(|e| e.patient)
			}
			_ => None,
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The access check: see the crate documentation for the rules. Reads at most 9 storage
	/// items, whatever the number of consents, rules or guardians: the patient's record, the
	/// accessor's practitioner record and their organisation, the clock, the practitioner's and
	/// the organisation's rules for the patient (one item each, at most `MaxRulesPerGrantee`
	/// rules, always read whole unless an in-window Deny decides); if a rule a guardian gave
	/// covers the access, the patient's guardian appointments that may consent
	/// (`PatientDirectory::consenting_appointments`: one item, read once per check, the
	/// patient's record again being a repeat read); and, only for an emergency-treatment read
	/// that no consent permits, the accessor's `ActiveEmergency` entry and, if it is in force,
	/// the patient's `EmergencyPreferences`. The longest path is both lists full of covering
	/// in-window rules each given by a guardian whose appointment is no longer in force, no
	/// Permit left, and those last two reads allowing the access (what
	/// `ConsentCheck::benchmark_permit` sets up).
	pub fn check_access(
		patient: &PatientId,
		accessor: &T::AccountId,
		action: Action,
		category: DataCategory,
		purpose: Purpose,
	) -> AccessDecision {
		Self::check_access_with_org(patient, accessor, action, category, purpose).0
	}

	/// [`Self::check_access`]'s answer to each of `queries`, in order: at most the first
	/// [`MAX_ACCESS_QUERIES`] (`ConsentApi::check_access_many`).
	pub fn check_access_many(queries: Vec<AccessQuery<T::AccountId>>) -> Vec<AccessDecision> {
		queries
			.into_iter()
			.take(MAX_ACCESS_QUERIES as usize)
			.map(|q| Self::check_access(&q.patient, &q.accessor, q.action, q.category, q.purpose))
			.collect()
	}

	/// [`Self::check_access`] and the accessor's organisation, if it is an active practitioner.
	pub fn check_access_with_org(
		patient: &PatientId,
		accessor: &T::AccountId,
		action: Action,
		category: DataCategory,
		purpose: Purpose,
	) -> (AccessDecision, Option<OrgId>) {
		let deny = |reason| (AccessDecision::Deny { reason }, None);
		if !T::Patients::is_active(patient) {
			return deny(DenyReason::PatientInactive);
		}
		let info = match T::Directory::practitioner_standing(accessor) {
			PractitionerStanding::Active(info) => info,
			PractitionerStanding::ValidityEnded => return deny(DenyReason::PractitionerExpired),
			PractitionerStanding::OrganizationInactive => {
				return deny(DenyReason::OrganizationInactive)
			}
			PractitionerStanding::Unknown => return deny(DenyReason::NotAPractitioner),
		};
		(
			Self::decide(patient, info.org, Some((accessor, info)), action, category, purpose),
			Some(info.org),
		)
	}

	/// May the organisation `org` itself (a service of it) do `action` on the patient's
	/// `category` data for `purpose`, now: only consents to the organisation count, emergency
	/// access never does. `PatientInactive`, `OrganizationInactive`, or the rules' answer.
	/// Complexity: at most the patient, the organisation and one rule list (with its
	/// guardians), fewer than [`Self::check_access`].
	pub fn check_org_access(
		patient: &PatientId,
		org: OrgId,
		action: Action,
		category: DataCategory,
		purpose: Purpose,
	) -> AccessDecision {
		if !T::Patients::is_active(patient) {
			return AccessDecision::Deny { reason: DenyReason::PatientInactive };
		}
		if T::Directory::active_organization(org).is_none() {
			return AccessDecision::Deny { reason: DenyReason::OrganizationInactive };
		}
		Self::decide(patient, org, None, action, category, purpose)
	}

	/// Steps 3 to 6 of the rules, for an active practitioner standing as `info` says (its
	/// rules and its organisation's, and emergency access), or for the active organisation
	/// `org` itself when `practitioner` is `None` (its rules only).
	fn decide(
		patient: &PatientId,
		org: OrgId,
		practitioner: Option<(&T::AccountId, PractitionerInfo)>,
		action: Action,
		category: DataCategory,
		purpose: Purpose,
	) -> AccessDecision {
		let deny = |reason| AccessDecision::Deny { reason };
		let now = T::Time::now();
		let mut granters = Granters::<T>::default();
		// The earliest in-window Permit whose guardian (if any) still stands, so far.
		let mut permit: Option<ConsentId> = None;
		let (mut early, mut ended) = (false, false);
		let grantees = practitioner
			.map(|(accessor, _)| Grantee::Practitioner(accessor.clone()))
			.into_iter()
			.chain(core::iter::once(Grantee::Organization(org)));
		for grantee in grantees {
			for rule in Rules::<T>::get(patient, grantee) {
				if !rule.covers(action, category, purpose) || !rule.applies_at(org) {
					continue;
				}
				match (rule.window(now), rule.decision) {
					(Window::Within, Decision::Deny) => {
						if granters.stand(patient, &rule.guardian) {
							return deny(DenyReason::DeniedByPatient);
						}
					}
					(Window::Within, Decision::Permit) => {
						if permit.is_none_or(|earliest| rule.consent < earliest)
							&& granters.stand(patient, &rule.guardian)
						{
							permit = Some(rule.consent);
						}
					}
					// Only a Permit outside its window explains a refusal: the patient need not
					// be asked to renew a Deny that has lapsed.
					(Window::Early, Decision::Permit) => early = true,
					(Window::Ended, Decision::Permit) => ended = true,
					(_, Decision::Deny) => {}
				}
			}
		}
		// No Deny stands: the earliest Permit whose guardian (if any) still stands decides.
		if let Some(consent) = permit {
			return AccessDecision::Permit { consent };
		}
		if let Some((accessor, info)) =
			practitioner.filter(|_| emergency_may_reach(action, purpose))
		{
			// Break-glass covers the practitioner only while they still hold an emergency role
			// at an emergency-care organisation, and the one they invoked it for; and only what
			// the patient lets it reach, now.
			if let Some((id, expires_at, for_org)) = ActiveEmergency::<T>::get(patient, accessor) {
				if now < expires_at && for_org == org && Self::may_break_glass(&info) {
					match Self::emergency_reach(patient) {
						None => return deny(DenyReason::DeniedByPatient),
						Some(reach) if reach & category.bit() != 0 => {
							return AccessDecision::Emergency { id }
						}
						Some(_) => {}
					}
				}
			}
		}
		// A Permit still to come is the answer even when another has ended: access comes back
		// by itself, so the patient need not be asked for a new consent.
		deny(if early {
			DenyReason::NotYetValid
		} else if ended {
			DenyReason::Expired
		} else if category.is_sensitive() {
			DenyReason::SensitiveCategory
		} else {
			DenyReason::NoConsent
		})
	}

	/// The categories (bit mask) emergency access to the patient may read, or `None` if the
	/// patient refuses it (one read).
	fn emergency_reach(patient: &PatientId) -> Option<u32> {
		match EmergencyPreferences::<T>::get(patient) {
			Some(preference) => preference.reach(),
			None => Some(!DataCategory::SENSITIVE_MASK),
		}
	}

	/// Whether the one who gave `consent` still stands behind it: a controller always, a
	/// guardian while the appointment it gave the consent under is in force and may consent
	/// for the patient (see [`Granters::stand`]).
	fn grantor_stands(consent: &ConsentOf<T>) -> bool {
		consent.guardian_appointment.is_none_or(|number| {
			appointment_stands::<T>(&consent.patient, &consent.granted_by, number)
		})
	}

	/// The patient's stored consents (in force or not, until purged) in order of id from
	/// `from`, at most `limit` of them (capped at `MaxPageSize`).
	pub fn consents_of(
		patient: PatientId,
		from: ConsentId,
		limit: u32,
	) -> Vec<ConsentView<T::AccountId>> {
		Self::page::<PatientConsents<T>, _>(&patient, from, limit)
			.into_iter()
			.filter_map(Self::view)
			.collect()
	}

	/// The stored consents given to `grantee` (in force or not, until purged) in order of id
	/// from `from`, at most `limit` of them (capped at `MaxPageSize`).
	pub fn grants_to(
		grantee: GranteeOf<T>,
		from: ConsentId,
		limit: u32,
	) -> Vec<ConsentView<T::AccountId>> {
		Self::page::<GranteeConsents<T>, _>(&grantee, from, limit)
			.into_iter()
			.filter_map(Self::view)
			.collect()
	}

	/// The ids listed under `key` in index `M`, in order from `from`, at most `limit` of them
	/// (capped at `MaxPageSize`): it reads one key per id and one more to stop.
	fn page<M, K>(key: &K, from: u64, limit: u32) -> Vec<u64>
	where
		K: codec::FullCodec,
		M: IterableStorageDoubleMap<K, [u8; 8], ()>
			+ frame_support::storage::StorageDoubleMap<K, [u8; 8], ()>,
	{
		let limit = limit.min(T::MaxPageSize::get());
		if limit == 0 {
			return Vec::new();
		}
		// Iteration resumes *after* a raw key: start after `from - 1`, or at the beginning.
		let ids = match from.checked_sub(1) {
			Some(before) => M::iter_key_prefix_from(key, M::hashed_key_for(key, ordered(before))),
			None => M::iter_key_prefix(key),
		};
		ids.take(limit as usize).map(u64::from_be_bytes).collect()
	}

	/// Consent `id` as dApps see it.
	pub fn view(id: ConsentId) -> Option<ConsentView<T::AccountId>> {
		let c = Consents::<T>::get(id)?;
		let state = Self::state(&c);
		Some(ConsentView {
			id,
			patient: c.patient,
			grantee: c.grantee,
			decision: c.decision,
			actions: c.actions.into_inner(),
			categories: c.categories.into_inner(),
			purposes: c.purposes.into_inner(),
			valid_from: c.valid_from,
			valid_until: c.valid_until,
			policy_hash: c.policy_hash,
			granted_by: c.granted_by,
			state,
		})
	}

	/// Where a stored consent stands now, in this order: revoked; its patient deactivated; its
	/// window ended; its guardian no longer standing (`GuardianshipEnded`: the appointment it was
	/// given under is no longer in force, even if the account is a guardian again, or may no
	/// longer consent); its window not started; its practitioner at another organisation than
	/// the one it was given under; its grantee without rights; otherwise in force.
	fn state(c: &ConsentOf<T>) -> ConsentState {
		if matches!(c.status, ConsentStatus::Revoked { .. }) {
			return ConsentState::Revoked;
		}
		if !T::Patients::is_active(&c.patient) {
			return ConsentState::PatientInactive;
		}
		let window = window(c.valid_from, c.valid_until, T::Time::now());
		if window == Window::Ended {
			return ConsentState::Expired;
		}
		if !Self::grantor_stands(c) {
			return ConsentState::GuardianshipEnded;
		}
		if window == Window::Early {
			return ConsentState::NotYetValid;
		}
		match &c.grantee {
			Grantee::Organization(org) => match T::Directory::active_organization(*org) {
				Some(_) => ConsentState::InForce,
				None => ConsentState::GranteeInactive,
			},
			Grantee::Practitioner(who) => match (T::Directory::practitioner_standing(who), c.org) {
				(PractitionerStanding::Active(info), Some(org)) if info.org != org => {
					ConsentState::GranteeLeftOrganization
				}
				(PractitionerStanding::Active(_), _) => ConsentState::InForce,
				(PractitionerStanding::Unknown, Some(_)) => ConsentState::GranteeLeftOrganization,
				_ => ConsentState::GranteeInactive,
			},
		}
	}

	/// Whether `who` may consent for the active `patient`: as a controller (`None`), or as a
	/// guardian whose scope allows consent, under the appointment returned.
	fn ensure_may_consent(
		patient: &PatientId,
		who: &T::AccountId,
	) -> Result<Option<u32>, Error<T>> {
		ensure!(T::Patients::is_active(patient), Error::<T>::PatientInactive);
		match T::Patients::representation(patient, who) {
			Some(Representation::Controller) => Ok(None),
			Some(Representation::Guardian(scope)) if scope.covers(GuardianScope::ConsentOnly) => {
				T::Patients::guardian_appointment(patient, who)
					.map(Some)
					.ok_or(Error::<T>::NotPatientsSide)
			}
			_ => Err(Error::<T>::NotPatientsSide),
		}
	}

	/// A Permit goes to an active grantee only. A Deny may also name a suspended organisation or
	/// a practitioner whose standing has lapsed, so that it already holds when they come back.
	/// Returns the organisation a Permit to a practitioner is bound to: theirs now.
	fn ensure_grantee_may_receive(
		grantee: &GranteeOf<T>,
		decision: Decision,
	) -> Result<Option<OrgId>, Error<T>> {
		let (ok, org) = match (grantee, decision) {
			(Grantee::Organization(org), Decision::Permit) => {
				(T::Directory::active_organization(*org).is_some(), None)
			}
			(Grantee::Organization(org), Decision::Deny) => {
				(T::Directory::organization_exists(*org), None)
			}
			(Grantee::Practitioner(who), Decision::Permit) => {
				let org = T::Directory::active_practitioner(who).map(|info| info.org);
				(org.is_some(), org)
			}
			(Grantee::Practitioner(who), Decision::Deny) => {
				(T::Directory::practitioner_standing(who) != PractitionerStanding::Unknown, None)
			}
		};
		ensure!(ok, Error::<T>::GranteeInactive);
		Ok(org)
	}

	/// The three sets sorted, or why they are not valid sets.
	fn checked_sets(
		mut actions: ActionSet,
		mut categories: CategorySet,
		mut purposes: PurposeSet,
	) -> Result<(ActionSet, CategorySet, PurposeSet), Error<T>> {
		ensure!(!actions.is_empty(), Error::<T>::EmptyActions);
		ensure!(!categories.is_empty(), Error::<T>::EmptyCategories);
		ensure!(!purposes.is_empty(), Error::<T>::EmptyPurposes);
		actions.sort();
		categories.sort();
		purposes.sort();
		ensure!(!has_duplicates(&actions), Error::<T>::DuplicateAction);
		ensure!(!has_duplicates(&categories), Error::<T>::DuplicateCategory);
		ensure!(!has_duplicates(&purposes), Error::<T>::DuplicatePurpose);
		Ok((actions, categories, purposes))
	}

	/// Stores a checked consent under the next id and indexes it; the id is returned. The
	/// grantee's rules that have ended are dropped from the access check's index on the way
	/// (they decide nothing; their consents stay stored until purged).
	fn insert_consent(consent: ConsentOf<T>) -> Result<ConsentId, Error<T>> {
		let patient_count = PatientConsentCount::<T>::get(consent.patient);
		ensure!(
			patient_count < T::MaxConsentsPerPatient::get(),
			Error::<T>::TooManyConsentsForPatient
		);
		let id = NextConsentId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		let mut rules = Rules::<T>::get(consent.patient, &consent.grantee);
		let now = T::Time::now();
		rules.retain(|rule| rule.window(now) != Window::Ended);
		rules
			.try_push(Rule {
				consent: id,
				decision: consent.decision,
				actions: mask(&consent.actions, |a| a.bit()) as u8,
				categories: mask(&consent.categories, |c| c.bit()) as u16,
				purposes: mask(&consent.purposes, |p| p.bit()) as u8,
				valid_from: consent.valid_from,
				valid_until: consent.valid_until,
				org: consent.org,
				guardian: consent
					.guardian_appointment
					.map(|number| Appointment { guardian: consent.granted_by.clone(), number }),
			})
			.map_err(|_| Error::<T>::TooManyRulesForGrantee)?;
		NextConsentId::<T>::put(next);
		Rules::<T>::insert(consent.patient, &consent.grantee, rules);
		PatientConsents::<T>::insert(consent.patient, ordered(id), ());
		PatientConsentCount::<T>::insert(consent.patient, patient_count.saturating_add(1));
		GranteeConsents::<T>::insert(&consent.grantee, ordered(id), ());
		Consents::<T>::insert(id, consent);
		Ok(id)
	}

	/// Takes `consent` out of the access check's index.
	fn remove_rule(patient: &PatientId, grantee: &GranteeOf<T>, consent: ConsentId) {
		Rules::<T>::mutate_exists(patient, grantee, |rules| {
			if let Some(list) = rules {
				list.retain(|r| r.consent != consent);
				if list.is_empty() {
					*rules = None;
				}
			}
		});
	}

	/// Removes an open request of `patient` from `org`, and its index entries, and releases
	/// the deposit `requester` holds for it.
	fn remove_request(
		request: RequestId,
		patient: &PatientId,
		org: OrgId,
		requester: &T::AccountId,
	) -> DispatchResult {
		Self::release_deposit(requester, 1, Self::request_size())?;
		Requests::<T>::remove(request);
		PatientRequests::<T>::remove(patient, ordered(request));
		OrgRequests::<T>::mutate_exists(patient, org, |open| {
			if let Some(list) = open {
				list.retain(|r| *r != request);
				if list.is_empty() {
					*open = None;
				}
			}
		});
		PendingRequestCount::<T>::mutate_exists(patient, |n| lower(n, 1));
		Ok(())
	}

	/// Whether an active practitioner's role and organisation allow emergency access.
	fn may_break_glass(info: &PractitionerInfo) -> bool {
		EMERGENCY_KINDS.contains(&info.org_kind) && EMERGENCY_ROLES.contains(&info.role)
	}

	/// Whether an in-window Deny covering emergency-treatment reads of a category that emergency
	/// access could reach (`reach`: the non-sensitive ones and those the patient opted in to) is
	/// given to the practitioner (at their organisation) or to their organisation, by someone
	/// who still stands behind it. A Deny of categories emergency access cannot reach changes
	/// nothing.
	fn denies_emergency(
		patient: &PatientId,
		accessor: &T::AccountId,
		org: OrgId,
		reach: u32,
		now: Moment,
	) -> bool {
		let mut granters = Granters::<T>::default();
		[Grantee::Practitioner(accessor.clone()), Grantee::Organization(org)].into_iter().any(
			|grantee| {
				Rules::<T>::get(patient, grantee).iter().any(|r| {
					r.decision == Decision::Deny
						&& u32::from(r.actions) & Action::Read.bit() != 0
						&& u32::from(r.purposes) & Purpose::EmergencyTreatment.bit() != 0
						&& u32::from(r.categories) & reach != 0
						&& r.applies_at(org)
						&& r.window(now) == Window::Within
						&& granters.stand(patient, &r.guardian)
				})
			},
		)
	}
}

/// Storage deposits: what each item kind that holds one weighs, and the ledger's two moves.
///
/// The size of an item is the largest encoding of the keys and values it writes, index entries
/// included (storage hashes and trie overhead are left to the per-item price).
impl<T: Config> Pallet<T> {
	/// The bytes an open request keeps: its `Requests` entry (id, request), its
	/// `PatientRequests` entry (patient, ordered id) and its id in the `OrgRequests` list of its
	/// (patient, organisation).
	pub fn request_size() -> u64 {
		mel::<RequestId>()
			.saturating_add(mel::<RequestOf<T>>())
			.saturating_add(mel::<PatientId>())
			.saturating_add(mel::<[u8; 8]>())
			.saturating_add(mel::<RequestId>())
	}

	/// The bytes an emergency access's record keeps in `EmergencyAccesses` (id, access), until
	/// `purge_emergency_access` removes it (ended and reviewed; its events stay in the chain).
	pub fn emergency_record_size() -> u64 {
		mel::<EmergencyAccessId>().saturating_add(mel::<EmergencyAccessOf<T>>())
	}

	/// The bytes an emergency access keeps in `Unreviewed` (organisation, ordered id) until it
	/// is reviewed.
	pub fn unreviewed_entry_size() -> u64 {
		mel::<OrgId>().saturating_add(mel::<[u8; 8]>())
	}

	/// The bytes of a practitioner's `ActiveEmergency` entry for a patient (patient,
	/// practitioner, the latest access's id, end and organisation).
	pub fn active_emergency_size() -> u64 {
		mel::<PatientId>().saturating_add(mel::<T::AccountId>()).saturating_add(mel::<(
			EmergencyAccessId,
			Moment,
			OrgId,
		)>())
	}

	/// Holds the deposit for `items` more items of `bytes` bytes in total from `who`.
	fn hold_deposit(who: &T::AccountId, items: u64, bytes: u64) -> DispatchResult {
		deposit::hold::<_, T::Deposit, Deposits<T>>(who, items, bytes)
			.map_err(|_| Error::<T>::DepositUnavailable.into())
	}

	/// Releases the deposit `who` holds for `items` items of `bytes` bytes in total (stopping at
	/// nothing for items stored before deposits existed).
	fn release_deposit(who: &T::AccountId, items: u64, bytes: u64) -> DispatchResult {
		deposit::release::<_, T::Deposit, Deposits<T>>(who, items, bytes)
	}
}

/// The largest encoding of a `V`, in bytes.
fn mel<V: MaxEncodedLen>() -> u64 {
	u64::try_from(V::max_encoded_len()).unwrap_or(u64::MAX)
}

/// Consent indices are keyed in order of their ids.
pub use medchain_primitives::ordered;

/// Whether an emergency access can allow this access at all: a read for emergency treatment
/// (of a category the patient lets emergency access reach).
fn emergency_may_reach(action: Action, purpose: Purpose) -> bool {
	purpose == Purpose::EmergencyTreatment && action == Action::Read
}

/// Whether appointment `number` of `guardian` as a guardian of `patient` is in force and may
/// consent for the patient (AUDIT M-8): the appointment in force must be that one, not a later
/// appointment of the same account, and its scope must still allow consent. The look-up of
/// the appointment comes first, and the scope is asked only of the appointment that matches:
/// both read the one guardianship of `guardian` (and the patient's record, which the check has
/// read already).
fn appointment_stands<T: Config>(
	patient: &PatientId,
	guardian: &T::AccountId,
	number: u32,
) -> bool {
	T::Patients::guardian_appointment(patient, guardian) == Some(number)
		&& T::Patients::may_act(patient, guardian, GuardianScope::ConsentOnly)
}

/// The guardian appointments of the patient that may consent now, looked up once per check
/// (one read, whatever the number of rules or guardians) when a rule given by a guardian is
/// first met.
struct Granters<T: Config>(Option<Vec<(T::AccountId, u32)>>);

impl<T: Config> Default for Granters<T> {
	fn default() -> Self {
		Self(None)
	}
}

impl<T: Config> Granters<T> {
	/// Whether the one who gave a rule still stands behind it: a controller (`None`) always, a
	/// guardian while the appointment it gave the rule under is in force and may consent for
	/// the patient ([`PatientDirectory::consenting_appointments`]).
	fn stand(&mut self, patient: &PatientId, guardian: &Option<Appointment<T::AccountId>>) -> bool {
		let Some(appointment) = guardian else { return true };
		self.0
			.get_or_insert_with(|| T::Patients::consenting_appointments(patient))
			.iter()
			.any(|(g, n)| *n == appointment.number && *g == appointment.guardian)
	}
}

/// Lowers a stored count by `by`, removing it at zero.
fn lower(count: &mut Option<u32>, by: u32) {
	*count = count.map(|n| n.saturating_sub(by)).filter(|n| *n > 0);
}

/// Whether a sorted slice repeats a value.
fn has_duplicates<V: PartialEq>(sorted: &[V]) -> bool {
	sorted.windows(2).any(|w| matches!(w, [a, b] if a == b))
}

/// The bit mask of a set.
fn mask<V: Copy>(set: &[V], bit: impl Fn(V) -> u32) -> u32 {
	set.iter().fold(0, |m, v| m | bit(*v))
}

impl<T: Config> Pallet<T> {
	/// Benchmarks: the patient's emergency preference opting every sensitive category in, and
	/// an emergency access of `accessor` (funded for its deposit) invoked for the patient.
	#[cfg(feature = "runtime-benchmarks")]
	pub fn benchmark_emergency(patient: &PatientId, accessor: &T::AccountId) -> DispatchResult {
		let every_sensitive =
			DataCategory::ALL.iter().copied().filter(|c| c.is_sensitive()).collect();
		EmergencyPreferences::<T>::insert(
			patient,
			EmergencyPreference::Allowed { sensitive: BoundedVec::truncate_from(every_sensitive) },
		);
		let size = Self::emergency_record_size()
			.saturating_add(Self::unreviewed_entry_size())
			.saturating_add(Self::active_emergency_size());
		T::Deposit::ensure_successful(accessor, Footprint { count: 3, size });
		let origin = frame_system::RawOrigin::Signed(accessor.clone());
		Self::emergency_access(origin.into(), *patient, H256::zero())
	}
}

impl<T: Config> ConsentCheck<T::AccountId> for Pallet<T> {
	fn check_access(
		patient: &PatientId,
		accessor: &T::AccountId,
		action: Action,
		category: DataCategory,
		purpose: Purpose,
	) -> AccessDecision {
		Pallet::<T>::check_access(patient, accessor, action, category, purpose)
	}

	fn check_access_with_org(
		patient: &PatientId,
		accessor: &T::AccountId,
		action: Action,
		category: DataCategory,
		purpose: Purpose,
	) -> (AccessDecision, Option<OrgId>) {
		Pallet::<T>::check_access_with_org(patient, accessor, action, category, purpose)
	}

	fn check_org_access(
		patient: &PatientId,
		org: OrgId,
		action: Action,
		category: DataCategory,
		purpose: Purpose,
	) -> AccessDecision {
		Pallet::<T>::check_org_access(patient, org, action, category, purpose)
	}

	fn consent_current(consent: ConsentId) -> bool {
		Consents::<T>::get(consent).is_some_and(|c| {
			c.status == ConsentStatus::Active
				&& window(c.valid_from, c.valid_until, T::Time::now()) == Window::Within
		})
	}

	/// Sets up, for the registered `patient` and the active practitioner `accessor`, the longest
	/// path of the access check that ends by allowing this access:
	///
	/// - both lists the check reads, the practitioner's and their organisation's rules for the
	///   patient, are full (`MaxRulesPerGrantee` each) of rules that cover the access and are
	///   within their window but allow nothing: Permits each given by a different guardian under
	///   an appointment that is no longer in force (never made here: the look-up of the
	///   appointment in force reads the guardian's one guardianship either way), so that the
	///   check reads every rule at its full size (both ends of its window, an organisation, a
	///   guardian and its appointment) and looks up every guardian (one read each); the
	///   practitioner's rules are bound to their organisation, so that the check compares it too;
	/// - where emergency access can allow the access (a read for emergency treatment, by a
	///   physician or nurse of a hospital or clinic), no consent permits it, the patient opted
	///   every sensitive category in (so that the preference the check reads is a stored one,
	///   and a sensitive category is reached) and the accessor invokes emergency access (its
	///   deposit is provided), so the check goes on to read `ActiveEmergency` and
	///   `EmergencyPreferences` and answers `Emergency`;
	/// - otherwise emergency access cannot allow it and the check never reads `ActiveEmergency`:
	///   the longest allowing path is then the two full lists with a Permit given by a guardian
	///   under the appointment in force (whose scope is then asked too) in the last place of the
	///   organisation's list, and the check answers `Permit` after every guardian look-up (a
	///   Permit does not end the scan, only a standing Deny does, and Permits are tried in order
	///   of id).
	///
	/// Fillers beyond the patient's `MaxConsentsPerPatient` are not stored (the deciding Permit
	/// keeps its slot), and nothing is set up for an accessor who is not an active practitioner
	/// (nothing can allow them).
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_permit(
		patient: &PatientId,
		accessor: &T::AccountId,
		action: Action,
		category: DataCategory,
		purpose: Purpose,
	) {
		let Some(info) = T::Directory::active_practitioner(accessor) else { return };
		let by_emergency = emergency_may_reach(action, purpose) && Self::may_break_glass(&info);
		let consent = |grantee: GranteeOf<T>,
		               org: Option<OrgId>,
		               guardian: T::AccountId,
		               appointment: u32,
		               actions: &[Action],
		               categories: &[DataCategory],
		               purposes: &[Purpose]| Consent {
			patient: *patient,
			grantee,
			decision: Decision::Permit,
			actions: BoundedVec::truncate_from(actions.to_vec()),
			categories: BoundedVec::truncate_from(categories.to_vec()),
			purposes: BoundedVec::truncate_from(purposes.to_vec()),
			valid_from: Some(0),
			valid_until: Some(Moment::MAX),
			policy_hash: Some(H256::zero()),
			granted_by: guardian,
			guardian_appointment: Some(appointment),
			org,
			status: ConsentStatus::Active,
		};
		let mut former = 0u32;
		let mut filler = |grantee: &GranteeOf<T>, org: Option<OrgId>| {
			former = former.saturating_add(1);
			consent(
				grantee.clone(),
				org,
				frame_benchmarking::account("former guardian", former, 0),
				former,
				Action::ALL,
				DataCategory::ALL,
				Purpose::ALL,
			)
		};
		let practitioner = Grantee::Practitioner(accessor.clone());
		let organization = Grantee::Organization(info.org);
		let full = T::MaxRulesPerGrantee::get();
		// The deciding Permit, if one is needed, keeps a slot of the patient's.
		let reserved = u32::from(!by_emergency);
		let room = || {
			PatientConsentCount::<T>::get(patient).saturating_add(reserved)
				< T::MaxConsentsPerPatient::get()
		};
		for _ in 0..full {
			if room() {
				let _ = Self::insert_consent(filler(&practitioner, Some(info.org)));
			}
		}
		for _ in 0..full.saturating_sub(reserved) {
			if room() {
				let _ = Self::insert_consent(filler(&organization, None));
			}
		}
		if by_emergency {
			let _ = Self::benchmark_emergency(patient, accessor);
		} else {
			let guardian: T::AccountId = frame_benchmarking::account("guardian in force", 0, 0);
			T::Patients::appoint_for_benchmarks(patient, &guardian, GuardianScope::ConsentOnly);
			let appointment = T::Patients::guardian_appointment(patient, &guardian);
			let _ = Self::insert_consent(consent(
				organization,
				None,
				guardian,
				appointment.unwrap_or_default(),
				&[action],
				&[category],
				&[purpose],
			));
		}
	}
}
