//! # Patient identity
//!
//! Pseudonymous patient ids, the accounts that control them, guardians, recovery and
//! deactivation — and the means for patients who hold no tokens to manage all of it.
//!
//! ## Overview
//!
//! A patient is an opaque [`PatientId`] (32 bytes bound to its first controller and key:
//! [`derive_patient_id`], so that nobody can take an id seen in the transaction pool) with an X25519 public key for record-key envelopes and one or
//! more *controller* accounts (the patient's devices). Nothing that identifies the person — no
//! name, birth date or national number — is ever stored.
//!
//! *Guardians* act for a patient within a scope (`Full`, `ConsentOnly`, `ReadOnly`) until an
//! optional end (`valid_until`, e.g. the minor's majority); rights end by themselves at that time,
//! with no call and no iteration. An *authority* ([`is_authority_role`]: a privacy officer of a
//! hospital or regulator, or an administrator of a regulator) can ask to appoint a guardian
//! (court-appointed guardianship) and to *recover* a patient who lost every device, after
//! in-person identity proofing. Neither takes effect before [`Config::AuthorityDelay`] blocks,
//! any controller may veto it until then, and a recovered patient can be neither deactivated nor
//! erased for [`Config::RecoveryProbation`] blocks; the events name the practitioner.
//!
//! *Deactivation* is a tombstone: the id can never be registered again and every right derived
//! from it ends at once, because the other pallets ask [`PatientDirectory::is_active`] on every
//! decision instead of being told — except erasure, which the last controllers keep
//! ([`PatientDirectory::may_erase`]). With several controllers, one only asks; a second
//! confirms, or the same one after [`Config::DeactivationDelay`] blocks.
//!
//! ## Patients without tokens
//!
//! A patient whom a registrar practitioner registered ([`Pallet::register_patient_for`]; the
//! patient is then *vouched for*, [`VouchedPatients`]) may have its controllers send the calls
//! that act for it (the runtime lists them through [`Config::PatientCalls`]) without fees, up to
//! [`Config::FreeCallsPerPeriod`] calls per patient every [`Config::FreeCallPeriod`] blocks. A
//! patient who registered itself ([`Pallet::register_patient`], open to any funded account) pays
//! fees like anyone: registering patients must not multiply fee-free transactions. Two mechanisms
//! make a zero-balance account pass the normal transaction pipeline:
//!
//! - an account that becomes a controller takes one *sufficient* reference for good
//!   (`frame_system::inc_sufficients`, [`KeptAccounts`]), so the account exists, keeps its nonce
//!   and passes `CheckNonce` without a balance, and is never reaped (its old transactions can
//!   never be replayed);
//! - the [`PatientFeeWaiver`] transaction extension wraps the nonce check, the weight check and
//!   the fee-charging extension. A patient call from a controller of a vouched patient is free if
//!   its *slot* — the free calls used in this period plus the sender's transactions queued before
//!   it (its nonce minus the account's) — is within the allowance. A free transaction provides a
//!   pool tag for its slot (so the pool never holds more free transactions than the allowance has
//!   left, and no two hold the same slot), has priority 0 and lives at most
//!   [`Config::FreeCallLongevity`] blocks; its fee is skipped and one free call is counted when it
//!   is included. Otherwise the wrapped extensions charge as usual. Past the allowance, an
//!   account that cannot pay is refused at the pool with
//!   `InvalidTransaction::Custom(`[`FREE_CALLS_EXHAUSTED`]`)`.
//!
//! ## Interface
//!
//! ### Dispatchable functions
//!
//! - [`Pallet::register_patient`]: register a patient id, the caller becoming its controller.
//! - [`Pallet::register_patient_for`]: a hospital or clinic practitioner registers a patient for
//!   an account, and vouches for it (only such patients have free calls).
//! - [`Pallet::add_controller`], [`Pallet::remove_controller`]: manage the controlling accounts.
//! - [`Pallet::add_guardian`], [`Pallet::remove_guardian`]: appoint or remove a guardian.
//! - [`Pallet::rotate_encryption_key`]: replace the patient's public key.
//! - [`Pallet::recover_patient`], [`Pallet::finalize_recovery`], [`Pallet::veto_recovery`]: an
//!   authority asks to replace every controller; after the delay anyone applies it, until then a
//!   controller vetoes it.
//! - [`Pallet::finalize_guardianship`], [`Pallet::veto_guardianship`]: the same for a
//!   court-appointed guardianship.
//! - [`Pallet::deactivate_patient`], [`Pallet::cancel_deactivation`]: tombstone the id (asked
//!   for, then confirmed, when the patient has several controllers), or cancel the request.
//!
//! ### Deposits
//!
//! Whoever leaves lasting state holds a storage deposit for it ([`Config::Deposit`], recorded
//! per account in [`Deposits`]):
//!
//! - a patient: the signer of the registration (the patient's first controller for
//!   [`Pallet::register_patient`], the registrar for [`Pallet::register_patient_for`], whose
//!   deposit also covers the vouching). Who paid is kept in [`PatientDepositors`], so controller
//!   changes and recovery move nothing. Deactivation releases the vouching's part; the tombstone
//!   stays for good, and so does the deposit for it.
//! - a guardianship appointed by a hospital or regulator practitioner who is not a controller:
//!   that practitioner ([`GuardianDepositors`]), until the guardianship is removed by anyone or
//!   the patient is deactivated.
//!
//! What a patient's controllers add for it — controllers, guardians, free-call counts — holds
//! nothing: it is bounded per patient by [`Config::MaxControllers`] and
//! [`Config::MaxGuardians`], and the patient is paid for.
//!
//! ### View functions
//!
//! - [`Pallet::patient`]: a patient's public record.
//! - [`Pallet::may_act`]: whether an account may act for a patient with a scope.
//! - [`Pallet::free_calls`]: whether a patient has free calls, and what is left of its allowance.
//! - [`Pallet::derive_patient_id`]: the id a patient with a given controller and key must have.
//! - [`Pallet::may_erase`]: whether an account may erase a patient's records.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod extension;
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
use core::fmt::Debug;
use frame_support::{
	pallet_prelude::*,
	traits::{Consideration, Footprint, Time},
	CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::*;
use medchain_primitives::deposit::{self, StorageDeposit};
pub use medchain_primitives::{
	derive_patient_id, ConsortiumDirectory, GuardianScope, Moment, OrgKind, PatientCall,
	PatientDirectory, PatientId, PatientStatus, PractitionerRole, Representation,
};
use sp_runtime::{
	traits::{CheckedDiv, One, Saturating, StaticLookup, UniqueSaturatedInto, Zero},
	transaction_validity::TransactionLongevity,
};

pub use extension::{FeeDecision, FeeStages, PatientFeeWaiver, FREE_CALLS_EXHAUSTED};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

/// A pending recovery as stored for runtime `T`.
pub type PendingRecoveryOf<T> =
	PendingRecovery<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// A pending court-appointed guardianship as stored for runtime `T`.
pub type PendingGuardianshipOf<T> =
	PendingGuardianship<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// A pending deactivation as stored for runtime `T`.
pub type PendingDeactivationOf<T> =
	PendingDeactivation<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// A patient as stored for runtime `T`.
pub type PatientRecordOf<T> =
	PatientRecord<<T as frame_system::Config>::AccountId, <T as Config>::MaxControllers>;

/// Organisations whose practitioners may register patients for someone else.
pub const REGISTRAR_KINDS: [OrgKind; 2] = [OrgKind::Hospital, OrgKind::Clinic];

/// Organisations whose practitioners may appoint and remove guardians and recover patients, in
/// the roles [`is_authority_role`] names.
pub const AUTHORITY_KINDS: [OrgKind; 2] = [OrgKind::Hospital, OrgKind::Regulator];

/// Whether a practitioner of an organisation of `kind` in `role` may act on its organisation's
/// authority for patients (institutional recovery, court-appointed guardianship): the privacy
/// officer of a hospital or a regulator, or an administrator of a regulator (AUDIT H-2). Other
/// staff — physicians, nurses, laboratory technicians, a hospital's administrators — may not.
pub fn is_authority_role(kind: OrgKind, role: PractitionerRole) -> bool {
	matches!(
		(kind, role),
		(OrgKind::Hospital | OrgKind::Regulator, PractitionerRole::PrivacyOfficer)
			| (OrgKind::Regulator, PractitionerRole::Administrator)
	)
}

/// Why a call cannot be sent for free.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FreeCallRefusal {
	/// The sender is not a controller of an active patient.
	NotController,
	/// No registrar vouched for the patient: it registered itself, and pays fees like anyone.
	NotVouched,
	/// The patient's allowance for this period is used up (or, in the pool, held by the sender's
	/// earlier transactions).
	Exhausted,
}

// FRAME's generated storage and error metadata code calls `expect` on values it built itself;
// the allowance covers only that lint (the other panic lints stay denied).
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// The in-code storage version: 1 since guardianships carry their appointment number
	/// ([`migrations::v1`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The consortium's directory: who is an active practitioner of which kind of organisation.
		type Directory: ConsortiumDirectory<Self::AccountId>;

		/// The chain's clock (milliseconds), against which guardianships end.
		type Time: Time<Moment = Moment>;

		/// Most accounts that may control one patient.
		#[pallet::constant]
		type MaxControllers: Get<u32>;

		/// Most guardians one patient may have (ended guardianships count until removed).
		#[pallet::constant]
		type MaxGuardians: Get<u32>;

		/// Free calls a patient's controllers may send together per period.
		#[pallet::constant]
		type FreeCallsPerPeriod: Get<u32>;

		/// Length of a free-call period, in blocks.
		#[pallet::constant]
		type FreeCallPeriod: Get<BlockNumberFor<Self>>;

		/// Most blocks a free transaction stays valid in the transaction pool: a free transaction
		/// holds a slot of its patient's allowance there, and must not hold it for long.
		#[pallet::constant]
		type FreeCallLongevity: Get<TransactionLongevity>;

		/// Blocks between a recovery or court-appointed guardianship being asked for and the
		/// first block it may take effect in; until it takes effect any controller of the
		/// patient may veto it.
		#[pallet::constant]
		type AuthorityDelay: Get<BlockNumberFor<Self>>;

		/// Blocks after a recovery takes effect during which the patient cannot be deactivated
		/// and its records cannot be erased ([`PatientDirectory::may_erase`]).
		#[pallet::constant]
		type RecoveryProbation: Get<BlockNumberFor<Self>>;

		/// Blocks after which a controller who asked to deactivate a patient with several
		/// controllers may complete the deactivation alone, if no controller cancelled it.
		#[pallet::constant]
		type DeactivationDelay: Get<BlockNumberFor<Self>>;

		/// Which calls act for one patient and may therefore be free (see [`PatientFeeWaiver`]).
		type PatientCalls: PatientCall<<Self as frame_system::Config>::RuntimeCall>;

		/// The deposit held from an account for what it keeps in this pallet's storage
		/// (a `Consideration` over the item count and bytes; see docs/economics.md).
		type Deposit: Consideration<Self::AccountId, Footprint>;

		/// Weights of this pallet's calls and of the free-call check, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// A reason for this pallet placing a hold on funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The storage deposit for items an account keeps in this pallet.
		#[codec(index = 0)]
		StorageDeposit,
	}

	/// Patients by id, tombstones included (an id is never reused).
	#[pallet::storage]
	pub type Patients<T: Config> =
		StorageMap<_, Blake2_128Concat, PatientId, PatientRecordOf<T>, OptionQuery>;

	/// Guardianships: patient, guardian account → scope and end.
	#[pallet::storage]
	pub type Guardians<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		PatientId,
		Blake2_128Concat,
		T::AccountId,
		Guardianship,
		OptionQuery,
	>;

	/// The guardian appointments of each active patient whose scope lets the guardian consent
	/// for the patient (`ConsentOnly` or `Full`), with the end of each: one item per patient,
	/// so that the access check learns whether every guardian behind a patient's consents
	/// still stands in one read ([`PatientDirectory::consenting_appointments`]). Kept in step
	/// with [`Guardians`] (an ended guardianship stays listed, as there, until removed; it is
	/// filtered out by its end). Absent when there are none. No deposit: bounded by
	/// `MaxGuardians`, and each guardianship is paid for.
	#[pallet::storage]
	pub type ConsentingAppointments<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		PatientId,
		BoundedVec<ConsentingAppointment<T::AccountId>, T::MaxGuardians>,
		ValueQuery,
	>;

	/// The number of the latest guardian appointment of each active patient (by a controller,
	/// court-appointed, or for benchmarks): the next appointment gets the next number, so that
	/// no number is given twice for one patient ([`PatientDirectory::guardian_appointment`]).
	/// Absent before the first appointment; dropped at deactivation, after which nobody can be
	/// appointed. No deposit: one per patient, and the patient is paid for.
	#[pallet::storage]
	pub type GuardianAppointments<T: Config> =
		StorageMap<_, Blake2_128Concat, PatientId, u32, ValueQuery>;

	/// Active patients a registrar practitioner registered (`register_patient_for`): only they have
	/// free calls. A patient who registered itself pays fees, so that registering patients cannot
	/// multiply fee-free transactions. Dropped at deactivation.
	#[pallet::storage]
	pub type VouchedPatients<T: Config> =
		StorageMap<_, Blake2_128Concat, PatientId, (), OptionQuery>;

	/// Free calls used by each vouched patient in its latest period.
	#[pallet::storage]
	pub type FreeCalls<T: Config> =
		StorageMap<_, Blake2_128Concat, PatientId, FreeCallUsage<BlockNumberFor<T>>, OptionQuery>;

	/// Per account: what it keeps in this pallet's storage and the deposit held for it.
	#[pallet::storage]
	pub type Deposits<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, StorageDeposit<T::Deposit>, OptionQuery>;

	/// The account holding the deposit for each patient: the signer of its registration, whoever
	/// controls the patient since. Kept with the tombstone. Patients registered before deposits
	/// existed have none.
	#[pallet::storage]
	pub type PatientDepositors<T: Config> =
		StorageMap<_, Blake2_128Concat, PatientId, T::AccountId, OptionQuery>;

	/// The practitioner holding the deposit for a guardianship it appointed on its
	/// organisation's authority: patient, guardian → practitioner. Guardianships a controller
	/// appointed hold no deposit and have no entry.
	#[pallet::storage]
	pub type GuardianDepositors<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		PatientId,
		Blake2_128Concat,
		T::AccountId,
		T::AccountId,
		OptionQuery,
	>;

	/// Recoveries asked for and not yet applied or vetoed: at most one per patient. The
	/// practitioner who asked holds a deposit of [`Pallet::pending_recovery_bytes`].
	#[pallet::storage]
	pub type PendingRecoveries<T: Config> =
		StorageMap<_, Blake2_128Concat, PatientId, PendingRecoveryOf<T>, OptionQuery>;

	/// Court-appointed guardianships asked for and not yet applied or vetoed: at most one per
	/// patient. The practitioner who asked holds a deposit of
	/// [`Pallet::pending_guardianship_bytes`] plus [`Pallet::guardianship_bytes`].
	#[pallet::storage]
	pub type PendingGuardianships<T: Config> =
		StorageMap<_, Blake2_128Concat, PatientId, PendingGuardianshipOf<T>, OptionQuery>;

	/// Recovered patients on probation: the first block in which they may be deactivated and
	/// their records erased again. At most one per patient; dropped at deactivation.
	#[pallet::storage]
	pub type Probations<T: Config> =
		StorageMap<_, Blake2_128Concat, PatientId, BlockNumberFor<T>, OptionQuery>;

	/// Deactivations asked for by one controller of several: at most one per patient, dropped
	/// when it is cancelled, completed, or its controller removed.
	#[pallet::storage]
	pub type PendingDeactivations<T: Config> =
		StorageMap<_, Blake2_128Concat, PatientId, PendingDeactivationOf<T>, OptionQuery>;

	/// Accounts that have ever controlled a patient. Each holds one sufficient reference for
	/// good, so that it is never reaped and its nonce never restarts at zero, which would let
	/// its old immortal transactions be replayed (AUDIT L-3).
	#[pallet::storage]
	pub type KeptAccounts<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, (), OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A patient id was registered with its first controller; `registrar` is the
		/// practitioner who registered it for someone else, `None` when the controller did.
		PatientRegistered {
			patient: PatientId,
			controller: T::AccountId,
			registrar: Option<T::AccountId>,
		},
		/// An account became a controller of the patient, added by `by`.
		ControllerAdded { patient: PatientId, controller: T::AccountId, by: T::AccountId },
		/// An account stopped controlling the patient, removed by `by`.
		ControllerRemoved { patient: PatientId, controller: T::AccountId, by: T::AccountId },
		/// A guardian was appointed by `by`: a controller, at once (`finalized_by` is `None`), or
		/// the practitioner who asked for a court-appointed guardianship, when it took effect
		/// through the `finalize_guardianship` call that `finalized_by` sent.
		GuardianAdded {
			patient: PatientId,
			guardian: T::AccountId,
			scope: GuardianScope,
			valid_until: Option<Moment>,
			by: T::AccountId,
			finalized_by: Option<T::AccountId>,
		},
		/// A guardianship was removed by `by`.
		GuardianRemoved { patient: PatientId, guardian: T::AccountId, by: T::AccountId },
		/// The patient's public encryption key was replaced by a controller.
		EncryptionKeyRotated { patient: PatientId, by: T::AccountId },
		/// A practitioner `by` who proofed the patient's identity in person asked to replace
		/// every controller with `new_controller`; any controller may veto it until it takes
		/// effect, no earlier than block `effective_at`.
		RecoveryRequested {
			patient: PatientId,
			by: T::AccountId,
			new_controller: T::AccountId,
			effective_at: BlockNumberFor<T>,
		},
		/// The recovery asked for by practitioner `by` took effect: `new_controller` replaced
		/// every controller; `finalized_by` sent the call that applied it.
		PatientRecovered {
			patient: PatientId,
			by: T::AccountId,
			new_controller: T::AccountId,
			finalized_by: T::AccountId,
		},
		/// A pending recovery was vetoed by a controller, or withdrawn by its practitioner, `by`.
		RecoveryVetoed { patient: PatientId, by: T::AccountId },
		/// A practitioner `by` asked to appoint a guardian (court-appointed guardianship); any
		/// controller may veto it until it takes effect, no earlier than block `effective_at`.
		GuardianshipRequested {
			patient: PatientId,
			guardian: T::AccountId,
			scope: GuardianScope,
			valid_until: Option<Moment>,
			by: T::AccountId,
			effective_at: BlockNumberFor<T>,
		},
		/// A pending guardianship was vetoed by a controller, or withdrawn by its practitioner,
		/// `by`.
		GuardianshipVetoed { patient: PatientId, guardian: T::AccountId, by: T::AccountId },
		/// A controller `by` of several asked to deactivate the patient: another controller's
		/// `deactivate_patient` completes it, or `by`'s own from block `effective_at`; any
		/// controller may cancel it.
		DeactivationRequested {
			patient: PatientId,
			by: T::AccountId,
			effective_at: BlockNumberFor<T>,
		},
		/// A pending deactivation was cancelled by controller `by`.
		DeactivationCancelled { patient: PatientId, by: T::AccountId },
		/// The patient id became a tombstone; nothing derived from it grants anything any more.
		/// `by` is the controller who deactivated it at once (`finalized_by` is `None`), or who
		/// asked for the deactivation (`DeactivationRequested`) that `finalized_by` completed:
		/// another controller, or `by` itself after the delay.
		PatientDeactivated {
			patient: PatientId,
			by: T::AccountId,
			finalized_by: Option<T::AccountId>,
		},
		/// A call for the patient was sent without a fee, drawing on the patient's allowance.
		FreeCallUsed { patient: PatientId, by: T::AccountId, remaining: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A patient with this id is already registered.
		AlreadyRegistered,
		/// The id belonged to a patient who was deactivated; it can never be registered again.
		IdRetired,
		/// No patient has this id.
		PatientNotFound,
		/// The patient is deactivated: nobody may act for them any more.
		PatientDeactivated,
		/// The encryption key is all zeros, which is not a usable X25519 public key.
		InvalidEncryptionKey,
		/// The new encryption key is the current one.
		KeyUnchanged,
		/// Only a controller of the patient may do this.
		NotController,
		/// Only an active practitioner of an active hospital or clinic may register a patient for
		/// someone else.
		NotRegistrar,
		/// Only a controller of the patient, or an authority — an active privacy officer of an
		/// active hospital or regulator, or an active administrator of an active regulator — may
		/// appoint or remove guardians.
		NotGuardianAuthority,
		/// Only an authority — an active privacy officer of an active hospital or regulator, or an
		/// active administrator of an active regulator — may recover a patient.
		NotRecoveryAuthority,
		/// The account already controls the patient.
		AlreadyController,
		/// The account is not a controller of the patient.
		ControllerNotFound,
		/// The patient has `MaxControllers` controllers already.
		TooManyControllers,
		/// The last controller cannot be removed (deactivate the patient instead).
		LastController,
		/// The account is already a guardian of the patient.
		AlreadyGuardian,
		/// The account is not a guardian of the patient.
		GuardianNotFound,
		/// The patient has `MaxGuardians` guardianships already (ended ones count until removed).
		TooManyGuardians,
		/// `valid_until` is not in the future.
		ValidityAlreadyEnded,
		/// A practitioner acting on their organisation's authority may not make themselves the
		/// patient's guardian or controller: another practitioner must do it.
		SelfAppointment,
		/// The signer cannot hold the storage deposit for what the call would store.
		DepositUnavailable,
		/// `patient_id` is not `blake2_256(SCALE(controller) ++ encryption_key)`
		/// ([`derive_patient_id`], view function `derive_patient_id`): ids are bound to their
		/// controller and key, so that nobody can take an id seen in the transaction pool.
		InvalidPatientId,
		/// A recovery of the patient is pending already: it must be applied or vetoed first.
		RecoveryPending,
		/// No recovery of the patient is pending.
		PendingRecoveryNotFound,
		/// A court-appointed guardianship of the patient is pending already: it must be applied
		/// or vetoed first.
		GuardianshipPending,
		/// No court-appointed guardianship of the patient is pending.
		PendingGuardianshipNotFound,
		/// The delay of the pending recovery, guardianship or deactivation has not passed yet.
		NotYetEffective,
		/// Only a controller of the patient, or the practitioner who asked, may veto (or withdraw)
		/// a pending recovery or guardianship.
		NotVetoer,
		/// The patient was recovered less than `RecoveryProbation` blocks ago: it cannot be
		/// deactivated yet.
		InProbation,
		/// A deactivation of the patient is pending: cancel it before adding a controller.
		DeactivationPending,
		/// No deactivation of the patient is pending.
		PendingDeactivationNotFound,
		/// The patient's guardian appointments have used every number: no guardian can be
		/// appointed any more, since a number is never given twice.
		IdsExhausted,
	}

	#[pallet::extra_constants]
	impl<T: Config> Pallet<T> {
		/// The `InvalidTransaction::Custom` code with which the pool refuses a patient call past
		/// the patient's free-call allowance from an account that cannot pay the fee.
		#[pallet::constant_name(FreeCallsExhaustedCode)]
		fn free_calls_exhausted_code() -> u8 {
			FREE_CALLS_EXHAUSTED
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxControllers::get() > 0, "a patient needs a controller");
			assert!(!T::FreeCallPeriod::get().is_zero(), "the free-call period must be positive");
			assert!(
				T::FreeCallLongevity::get() > 0,
				"a free transaction must be valid for at least one block"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	/// Read-only questions for dApps, answered as the other pallets see them, through the
	/// `RuntimeViewFunction` API.
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// The patient's public record: status, encryption key (while active), number of
		/// controllers, and guardians with scope, end and whether they are still in force.
		/// `None` if the id was never registered.
		pub fn patient(patient: PatientId) -> Option<PatientView<T::AccountId>> {
			let record = Patients::<T>::get(patient)?;
			let now = T::Time::now();
			let guardians = Guardians::<T>::iter_prefix(patient)
				.take(T::MaxGuardians::get() as usize)
				.map(|(guardian, g)| GuardianView {
					guardian,
					scope: g.scope,
					valid_until: g.valid_until,
					in_force: g.is_in_force(now),
				})
				.collect();
			let active = record.status == PatientStatus::Active;
			Some(PatientView {
				status: record.status,
				encryption_key: active.then_some(record.encryption_key),
				controller_count: record.controllers.len() as u32,
				guardians,
			})
		}

		/// Whether `who` may act for `patient` where `scope` is needed: a controller always; a
		/// guardian whose scope covers `scope` (`Full` covers all) until the guardianship ends.
		pub fn may_act(patient: PatientId, who: T::AccountId, scope: GuardianScope) -> bool {
			<Self as PatientDirectory<T::AccountId>>::may_act(&patient, &who, scope)
		}

		/// The id a patient controlled by `controller` with `encryption_key` must be registered
		/// under: `blake2_256(SCALE(controller) ++ encryption_key)`.
		pub fn derive_patient_id(controller: T::AccountId, encryption_key: [u8; 32]) -> PatientId {
			derive_patient_id(&controller, &encryption_key)
		}

		/// Whether `who` may erase `patient`'s records now: a controller of an active patient
		/// not on probation after a recovery, or a last controller of a deactivated one.
		pub fn may_erase(patient: PatientId, who: T::AccountId) -> bool {
			<Self as PatientDirectory<T::AccountId>>::may_erase(&patient, &who)
		}

		/// Whether the patient has free calls at all (a registrar vouched for it), what is left
		/// of its allowance in this period (0 if it has none), and when it renews; `None` for an
		/// unknown or deactivated patient. Transactions waiting in the pool are not counted.
		pub fn free_calls(patient: PatientId) -> Option<FreeCallAllowance<BlockNumberFor<T>>> {
			if !<Self as PatientDirectory<T::AccountId>>::is_active(&patient) {
				return None;
			}
			let vouched = VouchedPatients::<T>::contains_key(patient);
			let period = Self::current_period();
			let renews_at =
				period.saturating_add(One::one()).saturating_mul(T::FreeCallPeriod::get());
			let remaining = if vouched {
				T::FreeCallsPerPeriod::get().saturating_sub(Self::used_in(&patient, period))
			} else {
				0
			};
			Some(FreeCallAllowance { vouched, remaining, renews_at })
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Register a patient id, controlled by the caller.
		///
		/// - Origin: signed; the caller becomes the first controller.
		/// - `patient_id`: must be [`derive_patient_id`]`(caller, encryption_key)`, i.e.
		///   `blake2_256(SCALE(caller) ++ encryption_key)`, so that a copy of the transaction sent
		///   by anyone else fails (AUDIT L-2); never derived from anything that identifies the
		///   person. Fails with `InvalidPatientId` otherwise.
		/// - `encryption_key`: the patient's X25519 public key, for record-key envelopes (a fresh
		///   key per patient id: it is the id's salt).
		///
		/// The patient has **no free calls**: any funded account may register patients, so their
		/// controllers pay fees like anyone (see [`Pallet::register_patient_for`]).
		///
		/// Deposit: the caller holds one item of [`Pallet::patient_bytes`] for as long as the
		/// patient (or its tombstone) exists, whoever controls it later; fails with
		/// `DepositUnavailable` if it cannot.
		///
		/// Emits `PatientRegistered`. Complexity: O(1).
		#[pallet::call_index(0)]
		pub fn register_patient(
			origin: OriginFor<T>,
			patient_id: PatientId,
			encryption_key: [u8; 32],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(
				patient_id == derive_patient_id(&who, &encryption_key),
				Error::<T>::InvalidPatientId
			);
			let record = Self::new_record(&patient_id, who.clone(), encryption_key)?;
			Self::hold_deposit(&who, Self::patient_bytes())?;
			Self::store_patient(patient_id, record);
			PatientDepositors::<T>::insert(patient_id, &who);
			Self::deposit_event(Event::PatientRegistered {
				patient: patient_id,
				controller: who,
				registrar: None,
			});
			Ok(())
		}

		/// Register a patient id for someone else, e.g. a newborn or a patient without a wallet.
		///
		/// - Origin: signed by an active practitioner of an active hospital or clinic.
		/// - `patient_id`: must be [`derive_patient_id`]`(controller, encryption_key)`; whoever
		///   sends a copy of the transaction, the id gets this controller and key (AUDIT L-2).
		///   Fails with `InvalidPatientId` otherwise.
		/// - `controller`: the account that will control the id; it needs no balance.
		///
		/// The registrar vouches for the patient ([`VouchedPatients`]): its controllers may send
		/// its calls without fees, within [`Config::FreeCallsPerPeriod`] per period.
		///
		/// Deposit: the registrar holds one item of [`Pallet::patient_bytes`] plus
		/// [`Pallet::vouching_bytes`], for as long as the patient exists; deactivation releases
		/// the vouching's bytes. Fails with `DepositUnavailable` if it cannot.
		///
		/// Emits `PatientRegistered` naming the registrar. Complexity: O(1).
		#[pallet::call_index(1)]
		pub fn register_patient_for(
			origin: OriginFor<T>,
			patient_id: PatientId,
			controller: AccountIdLookupOf<T>,
			encryption_key: [u8; 32],
		) -> DispatchResult {
			let registrar = ensure_signed(origin)?;
			let controller = T::Lookup::lookup(controller)?;
			ensure!(
				T::Directory::is_practitioner_of_kind(&registrar, &REGISTRAR_KINDS),
				Error::<T>::NotRegistrar
			);
			ensure!(
				patient_id == derive_patient_id(&controller, &encryption_key),
				Error::<T>::InvalidPatientId
			);
			let record = Self::new_record(&patient_id, controller.clone(), encryption_key)?;
			Self::hold_deposit(
				&registrar,
				Self::patient_bytes().saturating_add(Self::vouching_bytes()),
			)?;
			Self::store_patient(patient_id, record);
			PatientDepositors::<T>::insert(patient_id, &registrar);
			VouchedPatients::<T>::insert(patient_id, ());
			Self::deposit_event(Event::PatientRegistered {
				patient: patient_id,
				controller,
				registrar: Some(registrar),
			});
			Ok(())
		}

		/// Let another account (a new device) control the patient.
		///
		/// - Origin: signed by a controller of the patient.
		/// - `who`: must not control the patient or be its guardian already.
		///
		/// Refused with `DeactivationPending` while a deactivation is pending (so that the
		/// controller who asked cannot confirm it with a device of its own). The new controller's
		/// account holds a sufficient reference for good ([`KeptAccounts`]).
		///
		/// No deposit: controllers are bounded by [`Config::MaxControllers`] per patient, and
		/// the patient's record, which holds them, is paid for.
		///
		/// Emits `ControllerAdded`. Complexity: O(`MaxControllers`).
		#[pallet::call_index(2)]
		pub fn add_controller(
			origin: OriginFor<T>,
			patient: PatientId,
			who: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let by = ensure_signed(origin)?;
			let who = T::Lookup::lookup(who)?;
			let mut record = Self::active_record(&patient)?;
			ensure!(record.controllers.contains(&by), Error::<T>::NotController);
			ensure!(!record.controllers.contains(&who), Error::<T>::AlreadyController);
			ensure!(!Guardians::<T>::contains_key(patient, &who), Error::<T>::AlreadyGuardian);
			ensure!(
				!PendingDeactivations::<T>::contains_key(patient),
				Error::<T>::DeactivationPending
			);
			record.controllers.try_push(who.clone()).map_err(|_| Error::<T>::TooManyControllers)?;
			Self::keep_account(&who);
			Patients::<T>::insert(patient, record);
			Self::deposit_event(Event::ControllerAdded { patient, controller: who, by });
			Ok(())
		}

		/// Stop an account from controlling the patient (a lost or retired device); a controller
		/// may remove itself. At least one controller always remains.
		///
		/// - Origin: signed by a controller of the patient.
		///
		/// A deactivation the removed controller asked for is dropped. The removed account keeps
		/// its sufficient reference ([`KeptAccounts`]): it is never reaped, so its nonce never
		/// restarts (AUDIT L-3). For a vouched patient, a removal that succeeds is always free and
		/// uses none of the allowance (AUDIT L-11, see [`PatientFeeWaiver`]).
		///
		/// Emits `ControllerRemoved`. Complexity: O(`MaxControllers`).
		#[pallet::call_index(3)]
		pub fn remove_controller(
			origin: OriginFor<T>,
			patient: PatientId,
			who: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let by = ensure_signed(origin)?;
			let who = T::Lookup::lookup(who)?;
			let mut record = Self::active_record(&patient)?;
			ensure!(record.controllers.contains(&by), Error::<T>::NotController);
			let position = record
				.controllers
				.iter()
				.position(|c| c == &who)
				.ok_or(Error::<T>::ControllerNotFound)?;
			ensure!(record.controllers.len() > 1, Error::<T>::LastController);
			record.controllers.remove(position);
			if PendingDeactivations::<T>::get(patient).is_some_and(|p| p.by == who) {
				PendingDeactivations::<T>::remove(patient);
			}
			Patients::<T>::insert(patient, record);
			Self::deposit_event(Event::ControllerRemoved { patient, controller: who, by });
			Ok(())
		}

		/// Appoint a guardian who may act for the patient within `scope` until `valid_until`.
		///
		/// - Origin: signed by a controller of the patient, at once; or by an authority (an
		///   active privacy officer of an active hospital or regulator, or an active administrator
		///   of an active regulator: [`is_authority_role`]) for a court-appointed guardianship,
		///   which is only *requested* (event `GuardianshipRequested`): it takes effect through
		///   [`Pallet::finalize_guardianship`] once [`Config::AuthorityDelay`] blocks have passed,
		///   unless a controller vetoes it first ([`Pallet::veto_guardianship`]). One pending
		///   guardianship per patient (`GuardianshipPending`).
		/// - `guardian`: must not control the patient or be its guardian already; a practitioner
		///   cannot appoint themselves.
		/// - `scope`: `Full`, `ConsentOnly` or `ReadOnly`.
		/// - `valid_until`: when the guardianship ends by itself (timestamp, ms), e.g. the
		///   patient's majority; in the future if given.
		///
		/// Deposit: none from a controller (guardianships are bounded by [`Config::MaxGuardians`]
		/// per patient). An authority holds one item of [`Pallet::guardianship_bytes`] plus
		/// [`Pallet::pending_guardianship_bytes`]; the pending part is released when the
		/// guardianship takes effect, the rest when it is removed, by anyone, or the patient is
		/// deactivated; all of it if it is vetoed. Fails with `DepositUnavailable` if it cannot.
		///
		/// A guardian a controller appoints gets a new appointment number
		/// ([`PatientDirectory::guardian_appointment`]); fails with `IdsExhausted` if the
		/// patient's numbers are used up.
		///
		/// Emits `GuardianAdded` (a controller) or `GuardianshipRequested` (an authority).
		/// Complexity: O(`MaxControllers`).
		#[pallet::call_index(4)]
		pub fn add_guardian(
			origin: OriginFor<T>,
			patient: PatientId,
			guardian: AccountIdLookupOf<T>,
			scope: GuardianScope,
			valid_until: Option<Moment>,
		) -> DispatchResult {
			let by = ensure_signed(origin)?;
			let guardian = T::Lookup::lookup(guardian)?;
			let mut record = Self::active_record(&patient)?;
			Self::ensure_guardian_authority(&record, &by)?;
			Self::ensure_appointable(&patient, &record, &guardian, valid_until)?;
			ensure!(guardian != by, Error::<T>::SelfAppointment);
			if !record.controllers.contains(&by) {
				ensure!(
					!PendingGuardianships::<T>::contains_key(patient),
					Error::<T>::GuardianshipPending
				);
				let effective_at = Self::blocks_from_now(T::AuthorityDelay::get());
				Self::hold_deposit(
					&by,
					Self::guardianship_bytes().saturating_add(Self::pending_guardianship_bytes()),
				)?;
				PendingGuardianships::<T>::insert(
					patient,
					PendingGuardianship {
						by: by.clone(),
						guardian: guardian.clone(),
						scope,
						valid_until,
						effective_at,
					},
				);
				Self::deposit_event(Event::GuardianshipRequested {
					patient,
					guardian,
					scope,
					valid_until,
					by,
					effective_at,
				});
				return Ok(());
			}
			let appointment = Self::next_appointment(&patient)?;
			record.guardians = record.guardians.saturating_add(1);
			Self::place_guardian(
				&patient,
				&guardian,
				Guardianship { scope, valid_until, appointment },
			)?;
			Patients::<T>::insert(patient, record);
			Self::deposit_event(Event::GuardianAdded {
				patient,
				guardian,
				scope,
				valid_until,
				by,
				finalized_by: None,
			});
			Ok(())
		}

		/// End a guardianship, in force or already ended.
		///
		/// - Origin: signed by a controller of the patient, or by an authority
		///   ([`is_authority_role`]); takes effect at once.
		///
		/// Releases the deposit of the practitioner who appointed the guardian, if one did.
		///
		/// Emits `GuardianRemoved`. Complexity: O(`MaxControllers`).
		#[pallet::call_index(5)]
		pub fn remove_guardian(
			origin: OriginFor<T>,
			patient: PatientId,
			guardian: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let by = ensure_signed(origin)?;
			let guardian = T::Lookup::lookup(guardian)?;
			let mut record = Self::active_record(&patient)?;
			Self::ensure_guardian_authority(&record, &by)?;
			ensure!(Guardians::<T>::contains_key(patient, &guardian), Error::<T>::GuardianNotFound);
			if let Some(depositor) = GuardianDepositors::<T>::take(patient, &guardian) {
				Self::release_deposit(&depositor, 1, Self::guardianship_bytes())?;
			}
			Self::unplace_guardian(&patient, &guardian);
			record.guardians = record.guardians.saturating_sub(1);
			Patients::<T>::insert(patient, record);
			Self::deposit_event(Event::GuardianRemoved { patient, guardian, by });
			Ok(())
		}

		/// Replace the patient's X25519 public key (a new device, or a suspected compromise).
		/// Envelopes already wrapped to the old key stay as they are.
		///
		/// - Origin: signed by a controller of the patient.
		///
		/// Emits `EncryptionKeyRotated`. Complexity: O(`MaxControllers`).
		#[pallet::call_index(6)]
		pub fn rotate_encryption_key(
			origin: OriginFor<T>,
			patient: PatientId,
			new_key: [u8; 32],
		) -> DispatchResult {
			let by = ensure_signed(origin)?;
			let mut record = Self::active_record(&patient)?;
			ensure!(record.controllers.contains(&by), Error::<T>::NotController);
			ensure!(new_key != [0u8; 32], Error::<T>::InvalidEncryptionKey);
			ensure!(new_key != record.encryption_key, Error::<T>::KeyUnchanged);
			record.encryption_key = new_key;
			Patients::<T>::insert(patient, record);
			Self::deposit_event(Event::EncryptionKeyRotated { patient, by });
			Ok(())
		}

		/// Ask to give a patient who lost every device a new controller, replacing all others
		/// (AUDIT H-2: no single insider acquires a patient at once).
		///
		/// - Origin: signed by an authority ([`is_authority_role`]: an active privacy officer of
		///   an active hospital or regulator, or an active administrator of an active regulator),
		///   after proofing the patient's identity in person; the events name the practitioner.
		/// - `new_controller`: must not be a guardian of the patient, nor the recovering
		///   practitioner. Guardianships are kept.
		///
		/// Nothing changes yet: the recovery is pending ([`PendingRecoveries`], one per patient,
		/// `RecoveryPending` otherwise). Any current controller may veto it
		/// ([`Pallet::veto_recovery`]) until it is applied by [`Pallet::finalize_recovery`], no
		/// earlier than [`Config::AuthorityDelay`] blocks from now. After it is applied, the
		/// patient cannot be deactivated, nor its records erased, for
		/// [`Config::RecoveryProbation`] blocks.
		///
		/// Deposit: the practitioner holds one item of [`Pallet::pending_recovery_bytes`] until
		/// the recovery is applied or vetoed; fails with `DepositUnavailable` if it cannot.
		///
		/// Emits `RecoveryRequested`. Complexity: O(1).
		#[pallet::call_index(7)]
		pub fn recover_patient(
			origin: OriginFor<T>,
			patient: PatientId,
			new_controller: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let by = ensure_signed(origin)?;
			let new_controller = T::Lookup::lookup(new_controller)?;
			ensure!(Self::is_authority(&by), Error::<T>::NotRecoveryAuthority);
			Self::active_record(&patient)?;
			ensure!(new_controller != by, Error::<T>::SelfAppointment);
			ensure!(
				!Guardians::<T>::contains_key(patient, &new_controller),
				Error::<T>::AlreadyGuardian
			);
			ensure!(!PendingRecoveries::<T>::contains_key(patient), Error::<T>::RecoveryPending);
			let effective_at = Self::blocks_from_now(T::AuthorityDelay::get());
			Self::hold_deposit(&by, Self::pending_recovery_bytes())?;
			PendingRecoveries::<T>::insert(
				patient,
				PendingRecovery {
					by: by.clone(),
					new_controller: new_controller.clone(),
					effective_at,
				},
			);
			Self::deposit_event(Event::RecoveryRequested {
				patient,
				by,
				new_controller,
				effective_at,
			});
			Ok(())
		}

		/// Deactivate the patient for good: the id becomes a tombstone that can never be
		/// registered again; controllers and guardians lose every right — except that the last
		/// controllers may still erase its records ([`PatientDirectory::may_erase`]) — and every
		/// consent the patient gave stops granting in this block (the other pallets ask whether
		/// the patient is active on every decision). The free-call count, the registrar's
		/// vouching and anything pending go too.
		///
		/// - Origin: signed by a controller of the patient; refused with `InProbation` within
		///   [`Config::RecoveryProbation`] blocks of a recovery.
		/// - A patient with one controller is deactivated at once. With several (AUDIT M-4), the
		///   first call only asks (event `DeactivationRequested`, [`PendingDeactivations`]); the
		///   deactivation happens when another controller calls this too, or when the same
		///   controller calls it again from [`Config::DeactivationDelay`] blocks later
		///   (`NotYetEffective` before). Any controller may cancel it meanwhile
		///   ([`Pallet::cancel_deactivation`]).
		///
		/// Releases the deposits of the practitioners who appointed guardians or asked for a
		/// pending recovery or guardianship, and the vouching's part of the registrar's deposit;
		/// the deposit for the tombstone stays held.
		///
		/// Emits `DeactivationRequested`, or `PatientDeactivated` (naming who asked and, when the
		/// deactivation was pending, who completed it as `finalized_by`).
		/// Complexity: O(`MaxControllers` + `MaxGuardians`).
		#[pallet::call_index(8)]
		pub fn deactivate_patient(origin: OriginFor<T>, patient: PatientId) -> DispatchResult {
			let by = ensure_signed(origin)?;
			let record = Self::active_record(&patient)?;
			ensure!(record.controllers.contains(&by), Error::<T>::NotController);
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(!Self::in_probation(&patient, now), Error::<T>::InProbation);
			let mut asked_by = None;
			if record.controllers.len() > 1 {
				match PendingDeactivations::<T>::get(patient) {
					None => {
						let effective_at = now.saturating_add(T::DeactivationDelay::get());
						PendingDeactivations::<T>::insert(
							patient,
							PendingDeactivation { by: by.clone(), effective_at },
						);
						Self::deposit_event(Event::DeactivationRequested {
							patient,
							by,
							effective_at,
						});
						return Ok(());
					}
					Some(pending) => {
						if pending.by == by {
							ensure!(now >= pending.effective_at, Error::<T>::NotYetEffective);
						}
						// Otherwise another controller confirms.
						asked_by = Some(pending.by);
					}
				}
			}
			Self::deactivate(patient, record)?;
			let event = match asked_by {
				None => Event::PatientDeactivated { patient, by, finalized_by: None },
				Some(asked_by) => {
					Event::PatientDeactivated { patient, by: asked_by, finalized_by: Some(by) }
				}
			};
			Self::deposit_event(event);
			Ok(())
		}

		/// Apply a pending recovery whose delay has passed: its `new_controller` replaces every
		/// controller, and the patient is on probation for [`Config::RecoveryProbation`] blocks
		/// (no deactivation, no erasure). A deactivation pending meanwhile is dropped.
		///
		/// - Origin: signed by anyone (the delay, not the caller, is what makes it safe).
		///
		/// Releases the practitioner's deposit for the pending recovery. The new controller's
		/// account holds a sufficient reference for good ([`KeptAccounts`]); the replaced ones
		/// keep theirs (never reaped, AUDIT L-3).
		///
		/// Emits `PatientRecovered`. Complexity: O(`MaxControllers`).
		#[pallet::call_index(9)]
		pub fn finalize_recovery(origin: OriginFor<T>, patient: PatientId) -> DispatchResult {
			let finalized_by = ensure_signed(origin)?;
			let mut record = Self::active_record(&patient)?;
			let pending =
				PendingRecoveries::<T>::get(patient).ok_or(Error::<T>::PendingRecoveryNotFound)?;
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(now >= pending.effective_at, Error::<T>::NotYetEffective);
			ensure!(
				!Guardians::<T>::contains_key(patient, &pending.new_controller),
				Error::<T>::AlreadyGuardian
			);
			let mut controllers = BoundedVec::new();
			controllers
				.try_push(pending.new_controller.clone())
				.map_err(|_| Error::<T>::TooManyControllers)?;
			Self::release_deposit(&pending.by, 1, Self::pending_recovery_bytes())?;
			PendingRecoveries::<T>::remove(patient);
			PendingDeactivations::<T>::remove(patient);
			Self::keep_account(&pending.new_controller);
			record.controllers = controllers;
			Patients::<T>::insert(patient, record);
			Probations::<T>::insert(patient, now.saturating_add(T::RecoveryProbation::get()));
			Self::deposit_event(Event::PatientRecovered {
				patient,
				by: pending.by,
				new_controller: pending.new_controller,
				finalized_by,
			});
			Ok(())
		}

		/// Veto a pending recovery (a controller who still has a device), or withdraw it (the
		/// practitioner who asked). Possible until it is applied, even after its delay.
		///
		/// - Origin: signed by a controller of the patient, or by the practitioner who asked.
		///
		/// Releases the practitioner's deposit.
		///
		/// Emits `RecoveryVetoed`. Complexity: O(`MaxControllers`).
		#[pallet::call_index(10)]
		pub fn veto_recovery(origin: OriginFor<T>, patient: PatientId) -> DispatchResult {
			let by = ensure_signed(origin)?;
			let record = Self::active_record(&patient)?;
			let pending =
				PendingRecoveries::<T>::get(patient).ok_or(Error::<T>::PendingRecoveryNotFound)?;
			ensure!(record.controllers.contains(&by) || pending.by == by, Error::<T>::NotVetoer);
			Self::release_deposit(&pending.by, 1, Self::pending_recovery_bytes())?;
			PendingRecoveries::<T>::remove(patient);
			Self::deposit_event(Event::RecoveryVetoed { patient, by });
			Ok(())
		}

		/// Apply a pending court-appointed guardianship whose delay has passed. The checks of
		/// [`Pallet::add_guardian`] are made again (the guardian is neither a controller nor a
		/// guardian yet, `valid_until` is still ahead, there is room).
		///
		/// - Origin: signed by anyone (the delay, not the caller, is what makes it safe).
		///
		/// Releases the pending part of the practitioner's deposit; the guardianship's part
		/// stays held until the guardianship is removed ([`GuardianDepositors`]).
		///
		/// The guardianship gets a new appointment number
		/// ([`PatientDirectory::guardian_appointment`]); fails with `IdsExhausted` if the
		/// patient's numbers are used up.
		///
		/// Emits `GuardianAdded` naming the practitioner who asked (`by`) and the caller
		/// (`finalized_by`). Complexity: O(`MaxControllers`).
		#[pallet::call_index(11)]
		pub fn finalize_guardianship(origin: OriginFor<T>, patient: PatientId) -> DispatchResult {
			let finalized_by = ensure_signed(origin)?;
			let mut record = Self::active_record(&patient)?;
			let pending = PendingGuardianships::<T>::get(patient)
				.ok_or(Error::<T>::PendingGuardianshipNotFound)?;
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(now >= pending.effective_at, Error::<T>::NotYetEffective);
			Self::ensure_appointable(&patient, &record, &pending.guardian, pending.valid_until)?;
			Self::release_deposit(&pending.by, 0, Self::pending_guardianship_bytes())?;
			PendingGuardianships::<T>::remove(patient);
			GuardianDepositors::<T>::insert(patient, &pending.guardian, &pending.by);
			let PendingGuardianship { by, guardian, scope, valid_until, .. } = pending;
			let appointment = Self::next_appointment(&patient)?;
			record.guardians = record.guardians.saturating_add(1);
			Self::place_guardian(
				&patient,
				&guardian,
				Guardianship { scope, valid_until, appointment },
			)?;
			Patients::<T>::insert(patient, record);
			Self::deposit_event(Event::GuardianAdded {
				patient,
				guardian,
				scope,
				valid_until,
				by,
				finalized_by: Some(finalized_by),
			});
			Ok(())
		}

		/// Veto a pending court-appointed guardianship (a controller), or withdraw it (the
		/// practitioner who asked). Possible until it is applied, even after its delay.
		///
		/// - Origin: signed by a controller of the patient, or by the practitioner who asked.
		///
		/// Releases the practitioner's whole deposit for it.
		///
		/// Emits `GuardianshipVetoed`. Complexity: O(`MaxControllers`).
		#[pallet::call_index(12)]
		pub fn veto_guardianship(origin: OriginFor<T>, patient: PatientId) -> DispatchResult {
			let by = ensure_signed(origin)?;
			let record = Self::active_record(&patient)?;
			let pending = PendingGuardianships::<T>::get(patient)
				.ok_or(Error::<T>::PendingGuardianshipNotFound)?;
			ensure!(record.controllers.contains(&by) || pending.by == by, Error::<T>::NotVetoer);
			Self::release_deposit(
				&pending.by,
				1,
				Self::guardianship_bytes().saturating_add(Self::pending_guardianship_bytes()),
			)?;
			PendingGuardianships::<T>::remove(patient);
			Self::deposit_event(Event::GuardianshipVetoed {
				patient,
				guardian: pending.guardian,
				by,
			});
			Ok(())
		}

		/// Cancel a pending deactivation (e.g. one asked for from a stolen device).
		///
		/// - Origin: signed by a controller of the patient (the one who asked included).
		///
		/// Emits `DeactivationCancelled`. Complexity: O(`MaxControllers`).
		#[pallet::call_index(13)]
		pub fn cancel_deactivation(origin: OriginFor<T>, patient: PatientId) -> DispatchResult {
			let by = ensure_signed(origin)?;
			let record = Self::active_record(&patient)?;
			ensure!(record.controllers.contains(&by), Error::<T>::NotController);
			ensure!(
				PendingDeactivations::<T>::contains_key(patient),
				Error::<T>::PendingDeactivationNotFound
			);
			PendingDeactivations::<T>::remove(patient);
			Self::deposit_event(Event::DeactivationCancelled { patient, by });
			Ok(())
		}
	}
}

impl<T: Config> Call<T> {
	/// The patient this call acts for, if it is one a patient's controller may send for free:
	/// controller, guardian and key management, deactivation and its cancellation, and vetoes
	/// of a pending recovery or guardianship. Registration, recovery and the finalisations are
	/// never free.
	pub fn free_for_patient(&self) -> Option<PatientId> {
		match self {
			Call::add_controller { patient, .. }
			| Call::remove_controller { patient, .. }
			| Call::add_guardian { patient, .. }
			| Call::remove_guardian { patient, .. }
			| Call::rotate_encryption_key { patient, .. }
			| Call::deactivate_patient { patient }
			| Call::cancel_deactivation { patient }
			| Call::veto_recovery { patient }
			| Call::veto_guardianship { patient } => Some(*patient),
			_ => None,
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The bytes a registered patient keeps for its depositor: its record and who paid for it
	/// (the keys and values of [`Patients`] and [`PatientDepositors`]).
	pub fn patient_bytes() -> u64 {
		Self::bytes(
			PatientId::max_encoded_len()
				.saturating_add(PatientRecordOf::<T>::max_encoded_len())
				.saturating_add(PatientId::max_encoded_len())
				.saturating_add(T::AccountId::max_encoded_len()),
		)
	}

	/// The bytes of a registrar's vouching for a patient (the key and value of
	/// [`VouchedPatients`]).
	pub fn vouching_bytes() -> u64 {
		Self::bytes(PatientId::max_encoded_len().saturating_add(<()>::max_encoded_len()))
	}

	/// The bytes of a guardianship a practitioner appointed: the guardianship and who paid for
	/// it (the keys and values of [`Guardians`] and [`GuardianDepositors`]).
	pub fn guardianship_bytes() -> u64 {
		let key = PatientId::max_encoded_len().saturating_add(T::AccountId::max_encoded_len());
		Self::bytes(
			key.saturating_add(Guardianship::max_encoded_len())
				.saturating_add(key)
				.saturating_add(T::AccountId::max_encoded_len()),
		)
	}

	/// The bytes of a pending recovery (the key and value of [`PendingRecoveries`]).
	pub fn pending_recovery_bytes() -> u64 {
		Self::bytes(
			PatientId::max_encoded_len().saturating_add(PendingRecoveryOf::<T>::max_encoded_len()),
		)
	}

	/// The bytes of a pending guardianship (the key and value of [`PendingGuardianships`]).
	pub fn pending_guardianship_bytes() -> u64 {
		Self::bytes(
			PatientId::max_encoded_len()
				.saturating_add(PendingGuardianshipOf::<T>::max_encoded_len()),
		)
	}

	/// An encoded length as a footprint size (lengths never exceed `u64`).
	fn bytes(len: usize) -> u64 {
		len.unique_saturated_into()
	}

	/// Holds the deposit for one more item of `bytes` bytes from `who`.
	fn hold_deposit(who: &T::AccountId, bytes: u64) -> DispatchResult {
		deposit::hold::<_, T::Deposit, Deposits<T>>(who, 1, bytes)
			.map_err(|_| Error::<T>::DepositUnavailable.into())
	}

	/// Releases the deposit for `items` items of `bytes` bytes that `who` no longer keeps.
	fn release_deposit(who: &T::AccountId, items: u64, bytes: u64) -> DispatchResult {
		deposit::release::<_, T::Deposit, Deposits<T>>(who, items, bytes)
	}

	/// The record of a new active patient controlled by `controller`, if `patient` may be
	/// registered with `encryption_key`. Nothing is stored.
	fn new_record(
		patient: &PatientId,
		controller: T::AccountId,
		encryption_key: [u8; 32],
	) -> Result<PatientRecordOf<T>, DispatchError> {
		match Patients::<T>::get(patient).map(|r| r.status) {
			Some(PatientStatus::Active) => return Err(Error::<T>::AlreadyRegistered.into()),
			Some(PatientStatus::Deactivated) => return Err(Error::<T>::IdRetired.into()),
			None => {}
		}
		ensure!(encryption_key != [0u8; 32], Error::<T>::InvalidEncryptionKey);
		let mut controllers = BoundedVec::new();
		controllers.try_push(controller).map_err(|_| Error::<T>::TooManyControllers)?;
		Ok(PatientRecord {
			status: PatientStatus::Active,
			encryption_key,
			controllers,
			guardians: 0,
		})
	}

	/// Stores a new patient's `record`, its controllers' accounts kept for good.
	fn store_patient(patient: PatientId, record: PatientRecordOf<T>) {
		for controller in &record.controllers {
			Self::keep_account(controller);
		}
		Patients::<T>::insert(patient, record);
	}

	/// Makes `who`, who becomes a controller, hold one sufficient reference for good (once per
	/// account): it can transact without a balance, and is never reaped, so its nonce never
	/// restarts and its old transactions can never be replayed (AUDIT L-3).
	pub(crate) fn keep_account(who: &T::AccountId) {
		if !KeptAccounts::<T>::contains_key(who) {
			frame_system::Pallet::<T>::inc_sufficients(who);
			KeptAccounts::<T>::insert(who, ());
		}
	}

	/// Whether `who` is an authority now: an active practitioner of an active organisation in
	/// one of the roles [`is_authority_role`] names.
	pub fn is_authority(who: &T::AccountId) -> bool {
		T::Directory::active_practitioner(who)
			.is_some_and(|p| is_authority_role(p.org_kind, p.role))
	}

	/// The block `blocks` blocks from now.
	fn blocks_from_now(blocks: BlockNumberFor<T>) -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number().saturating_add(blocks)
	}

	/// Whether `patient` was recovered so recently, as of block `now`, that it may not be
	/// deactivated nor its records erased.
	fn in_probation(patient: &PatientId, now: BlockNumberFor<T>) -> bool {
		Probations::<T>::get(patient).is_some_and(|until| now < until)
	}

	/// The number of a new guardian appointment for `patient`, counted in
	/// [`GuardianAppointments`]: one more than the latest, never given before for the patient.
	pub(crate) fn next_appointment(patient: &PatientId) -> Result<u32, Error<T>> {
		GuardianAppointments::<T>::try_mutate(patient, |latest| {
			*latest = latest.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
			Ok(*latest)
		})
	}

	/// Whether `guardian` may be appointed for the active `patient` (stored as `record`) until
	/// `valid_until`: neither a controller nor a guardian, a future end, and room left.
	fn ensure_appointable(
		patient: &PatientId,
		record: &PatientRecordOf<T>,
		guardian: &T::AccountId,
		valid_until: Option<Moment>,
	) -> Result<(), Error<T>> {
		ensure!(!record.controllers.contains(guardian), Error::<T>::AlreadyController);
		ensure!(!Guardians::<T>::contains_key(patient, guardian), Error::<T>::AlreadyGuardian);
		if let Some(until) = valid_until {
			ensure!(until > T::Time::now(), Error::<T>::ValidityAlreadyEnded);
		}
		ensure!(record.guardians < T::MaxGuardians::get(), Error::<T>::TooManyGuardians);
		Ok(())
	}

	/// Stores `guardianship` of `guardian` for `patient`, and lists it among the patient's
	/// consenting appointments if its scope may consent. `TooManyGuardians` if that list is
	/// full (it cannot be while the patient's guardian count is below `MaxGuardians`).
	fn place_guardian(
		patient: &PatientId,
		guardian: &T::AccountId,
		guardianship: Guardianship,
	) -> Result<(), Error<T>> {
		if let Some(entry) = ConsentingAppointment::of(guardian.clone(), &guardianship) {
			ConsentingAppointments::<T>::try_mutate(patient, |list| list.try_push(entry))
				.map_err(|_| Error::<T>::TooManyGuardians)?;
		}
		Guardians::<T>::insert(patient, guardian, guardianship);
		Ok(())
	}

	/// Removes `guardian`'s guardianship of `patient`, and its appointment from the patient's
	/// consenting appointments.
	fn unplace_guardian(patient: &PatientId, guardian: &T::AccountId) {
		let Some(ended) = Guardians::<T>::take(patient, guardian) else { return };
		ConsentingAppointments::<T>::mutate_exists(patient, |list| {
			if let Some(l) = list.as_mut() {
				l.retain(|a| a.appointment != ended.appointment);
			}
			if list.as_ref().is_some_and(|l| l.is_empty()) {
				*list = None;
			}
		});
	}

	/// Turns the active `patient` (stored as `record`) into a tombstone that keeps its
	/// controllers (for erasure only), releasing every deposit but the tombstone's.
	fn deactivate(patient: PatientId, mut record: PatientRecordOf<T>) -> DispatchResult {
		for (_, depositor) in
			GuardianDepositors::<T>::drain_prefix(patient).take(T::MaxGuardians::get() as usize)
		{
			Self::release_deposit(&depositor, 1, Self::guardianship_bytes())?;
		}
		let _ = Guardians::<T>::clear_prefix(patient, T::MaxGuardians::get(), None);
		ConsentingAppointments::<T>::remove(patient);
		if let Some(pending) = PendingRecoveries::<T>::take(patient) {
			Self::release_deposit(&pending.by, 1, Self::pending_recovery_bytes())?;
		}
		if let Some(pending) = PendingGuardianships::<T>::take(patient) {
			Self::release_deposit(
				&pending.by,
				1,
				Self::guardianship_bytes().saturating_add(Self::pending_guardianship_bytes()),
			)?;
		}
		PendingDeactivations::<T>::remove(patient);
		Probations::<T>::remove(patient);
		FreeCalls::<T>::remove(patient);
		GuardianAppointments::<T>::remove(patient);
		if VouchedPatients::<T>::take(patient).is_some() {
			if let Some(registrar) = PatientDepositors::<T>::get(patient) {
				Self::release_deposit(&registrar, 0, Self::vouching_bytes())?;
			}
		}
		record.status = PatientStatus::Deactivated;
		record.encryption_key = [0u8; 32];
		record.guardians = 0;
		Patients::<T>::insert(patient, record);
		Ok(())
	}

	/// Whether `by` removing `removed` from the controllers of `patient` would succeed and is
	/// one of a vouched patient's calls: such a removal is free and uses none of the allowance
	/// (AUDIT L-11), so that a rogue co-controller who used the allowance up can still be
	/// removed by a patient without tokens. Each success lowers the controller count, so these
	/// free calls are bounded by the controllers a patient has.
	pub fn removal_would_succeed(
		patient: &PatientId,
		by: &T::AccountId,
		removed: &T::AccountId,
	) -> bool {
		VouchedPatients::<T>::contains_key(patient)
			&& Patients::<T>::get(patient).is_some_and(|r| {
				r.status == PatientStatus::Active
					&& r.controllers.len() > 1
					&& r.controllers.contains(by)
					&& r.controllers.contains(removed)
			})
	}

	/// Stores a new active patient controlled by `controller`, with no deposit (for this and
	/// other pallets' benchmarks).
	#[cfg(feature = "runtime-benchmarks")]
	fn insert_patient(
		patient: PatientId,
		controller: T::AccountId,
		encryption_key: [u8; 32],
	) -> DispatchResult {
		let record = Self::new_record(&patient, controller, encryption_key)?;
		Self::store_patient(patient, record);
		Ok(())
	}

	/// The patient's record if it is active, or why it cannot be acted on.
	fn active_record(patient: &PatientId) -> Result<PatientRecordOf<T>, Error<T>> {
		let record = Patients::<T>::get(patient).ok_or(Error::<T>::PatientNotFound)?;
		ensure!(record.status == PatientStatus::Active, Error::<T>::PatientDeactivated);
		Ok(record)
	}

	fn ensure_guardian_authority(
		record: &PatientRecordOf<T>,
		who: &T::AccountId,
	) -> Result<(), Error<T>> {
		ensure!(
			record.controllers.contains(who) || Self::is_authority(who),
			Error::<T>::NotGuardianAuthority
		);
		Ok(())
	}

	/// The free-call period the current block belongs to.
	fn current_period() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
			.checked_div(&T::FreeCallPeriod::get())
			.unwrap_or_default()
	}

	/// Free calls `patient` used in `period`.
	fn used_in(patient: &PatientId, period: BlockNumberFor<T>) -> u32 {
		FreeCalls::<T>::get(patient).filter(|u| u.period == period).map_or(0, |u| u.used)
	}

	/// The current period and the free calls `patient` used in it, if `who` may send calls for
	/// `patient` for free: a controller of an active patient a registrar vouched for.
	///
	/// Only controllers qualify: a guardian (who may be someone the patient would rather be rid
	/// of) could otherwise use the allowance up and leave a patient without tokens unable to
	/// remove them.
	fn free_call_usage(
		patient: &PatientId,
		who: &T::AccountId,
	) -> Result<(BlockNumberFor<T>, u32), FreeCallRefusal> {
		ensure!(
			<Self as PatientDirectory<T::AccountId>>::is_controller(patient, who),
			FreeCallRefusal::NotController
		);
		ensure!(VouchedPatients::<T>::contains_key(patient), FreeCallRefusal::NotVouched);
		let period = Self::current_period();
		Ok((period, Self::used_in(patient, period)))
	}

	/// The slot of `patient`'s allowance that a free call sent by `who` in a transaction with
	/// `nonce` takes, as the transaction pool must see it: the free calls used in this period,
	/// plus one for each transaction of `who` that comes before this one (from the account's
	/// nonce up to `nonce`), whether or not those are free — an upper bound, so the pool never
	/// holds more free transactions than the allowance has left. Nothing is used up.
	pub fn free_call_slot(
		patient: &PatientId,
		who: &T::AccountId,
		nonce: T::Nonce,
	) -> Result<FreeCallSlot<BlockNumberFor<T>>, FreeCallRefusal> {
		let (period, used) = Self::free_call_usage(patient, who)?;
		let ahead: u32 = nonce
			.saturating_sub(frame_system::Pallet::<T>::account_nonce(who))
			.unique_saturated_into();
		let slot = used.saturating_add(ahead);
		ensure!(slot < T::FreeCallsPerPeriod::get(), FreeCallRefusal::Exhausted);
		Ok(FreeCallSlot { patient: *patient, period, slot })
	}

	/// Uses one of `patient`'s free calls for a call sent by `who`, if allowed.
	pub fn use_free_call(patient: &PatientId, who: &T::AccountId) -> Result<(), FreeCallRefusal> {
		let (period, used) = Self::free_call_usage(patient, who)?;
		ensure!(used < T::FreeCallsPerPeriod::get(), FreeCallRefusal::Exhausted);
		let used = used.saturating_add(1);
		FreeCalls::<T>::insert(patient, FreeCallUsage { period, used });
		Self::deposit_event(Event::FreeCallUsed {
			patient: *patient,
			by: who.clone(),
			remaining: T::FreeCallsPerPeriod::get().saturating_sub(used),
		});
		Ok(())
	}
}

impl<T: Config> PatientDirectory<T::AccountId> for Pallet<T> {
	fn is_active(patient: &PatientId) -> bool {
		Patients::<T>::get(patient).is_some_and(|r| r.status == PatientStatus::Active)
	}

	fn representation(patient: &PatientId, who: &T::AccountId) -> Option<Representation> {
		let record = Patients::<T>::get(patient).filter(|r| r.status == PatientStatus::Active)?;
		if record.controllers.contains(who) {
			return Some(Representation::Controller);
		}
		Guardians::<T>::get(patient, who)
			.filter(|g| g.is_in_force(T::Time::now()))
			.map(|g| Representation::Guardian(g.scope))
	}

	fn guardian_appointment(patient: &PatientId, who: &T::AccountId) -> Option<u32> {
		if !Self::is_active(patient) {
			return None;
		}
		Guardians::<T>::get(patient, who)
			.filter(|g| g.is_in_force(T::Time::now()))
			.map(|g| g.appointment)
	}

	fn consenting_appointments(patient: &PatientId) -> Vec<(T::AccountId, u32)> {
		if !Self::is_active(patient) {
			return Vec::new();
		}
		let now = T::Time::now();
		ConsentingAppointments::<T>::get(patient)
			.into_iter()
			.filter(|a| a.valid_until.is_none_or(|until| now < until))
			.map(|a| (a.guardian, a.appointment))
			.collect()
	}

	fn may_erase(patient: &PatientId, who: &T::AccountId) -> bool {
		Patients::<T>::get(patient).is_some_and(|r| {
			r.controllers.contains(who)
				&& match r.status {
					PatientStatus::Active => {
						!Self::in_probation(patient, frame_system::Pallet::<T>::block_number())
					}
					PatientStatus::Deactivated => true,
				}
		})
	}

	fn encryption_key(patient: &PatientId) -> Option<[u8; 32]> {
		Patients::<T>::get(patient)
			.filter(|r| r.status == PatientStatus::Active)
			.map(|r| r.encryption_key)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmarks(patient: &PatientId, controller: &T::AccountId) {
		let _ = Self::insert_patient(*patient, controller.clone(), [1u8; 32]);
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn appoint_for_benchmarks(patient: &PatientId, guardian: &T::AccountId, scope: GuardianScope) {
		Patients::<T>::mutate(patient, |record| {
			let Some(record) = record.as_mut().filter(|r| r.status == PatientStatus::Active) else {
				return;
			};
			let Ok(appointment) = Self::next_appointment(patient) else { return };
			if Guardians::<T>::contains_key(patient, guardian) {
				Self::unplace_guardian(patient, guardian);
			} else {
				record.guardians = record.guardians.saturating_add(1);
			}
			let _ = Self::place_guardian(
				patient,
				guardian,
				Guardianship { scope, valid_until: None, appointment },
			);
		});
	}
}
