//! # Patient identity
//!
//! Pseudonymous patient ids, the accounts that control them, guardians, recovery and
//! deactivation — and the means for patients who hold no tokens to manage all of it.
//!
//! ## Overview
//!
//! A patient is an opaque [`PatientId`] (32 bytes chosen by the registering client: random, or a
//! salted hash of the controller) with an X25519 public key for record-key envelopes and one or
//! more *controller* accounts (the patient's devices). Nothing that identifies the person — no
//! name, birth date or national number — is ever stored.
//!
//! *Guardians* act for a patient within a scope (`Full`, `ConsentOnly`, `ReadOnly`) until an
//! optional end (`valid_until`, e.g. the minor's majority); rights end by themselves at that time,
//! with no call and no iteration. A hospital or regulator practitioner can appoint and remove
//! guardians (court-appointed guardianship) and *recover* a patient who lost every device, after
//! in-person identity proofing; the event names the practitioner.
//!
//! *Deactivation* is a tombstone: the id can never be registered again and every right derived
//! from it ends at once, because the other pallets ask [`PatientDirectory::is_active`] on every
//! decision instead of being told.
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
//! - every controllership holds a *sufficient* reference on the controller's account
//!   (`frame_system::inc_sufficients`), so the account exists, keeps its nonce and passes
//!   `CheckNonce` without a balance; the reference is dropped when the controllership ends;
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
//! - [`Pallet::recover_patient`]: a hospital or regulator practitioner replaces every controller.
//! - [`Pallet::deactivate_patient`]: tombstone the id.
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

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod extension;
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
	ConsortiumDirectory, GuardianScope, Moment, OrgKind, PatientCall, PatientDirectory, PatientId,
	PatientStatus, Representation,
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

/// A patient as stored for runtime `T`.
pub type PatientRecordOf<T> =
	PatientRecord<<T as frame_system::Config>::AccountId, <T as Config>::MaxControllers>;

/// Organisations whose practitioners may register patients for someone else.
pub const REGISTRAR_KINDS: [OrgKind; 2] = [OrgKind::Hospital, OrgKind::Clinic];

/// Organisations whose practitioners may appoint and remove guardians and recover patients.
pub const AUTHORITY_KINDS: [OrgKind; 2] = [OrgKind::Hospital, OrgKind::Regulator];

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

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

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
		/// A guardian was appointed by `by` (a controller, or a hospital or regulator
		/// practitioner).
		GuardianAdded {
			patient: PatientId,
			guardian: T::AccountId,
			scope: GuardianScope,
			valid_until: Option<Moment>,
			by: T::AccountId,
		},
		/// A guardianship was removed by `by`.
		GuardianRemoved { patient: PatientId, guardian: T::AccountId, by: T::AccountId },
		/// The patient's public encryption key was replaced by a controller.
		EncryptionKeyRotated { patient: PatientId, by: T::AccountId },
		/// A practitioner replaced every controller of the patient with `new_controller`, after
		/// proofing the patient's identity in person.
		PatientRecovered { patient: PatientId, by: T::AccountId, new_controller: T::AccountId },
		/// The patient id became a tombstone; nothing derived from it grants anything any more.
		PatientDeactivated { patient: PatientId, by: T::AccountId },
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
		/// Only a controller of the patient, or an active practitioner of an active hospital or
		/// regulator, may appoint or remove guardians.
		NotGuardianAuthority,
		/// Only an active practitioner of an active hospital or regulator may recover a patient.
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
		/// - `patient_id`: opaque 32 bytes chosen by the client (random, or a salted hash);
		///   never derived from anything that identifies the person.
		/// - `encryption_key`: the patient's X25519 public key, for record-key envelopes.
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
			record.controllers.try_push(who.clone()).map_err(|_| Error::<T>::TooManyControllers)?;
			frame_system::Pallet::<T>::inc_sufficients(&who);
			Patients::<T>::insert(patient, record);
			Self::deposit_event(Event::ControllerAdded { patient, controller: who, by });
			Ok(())
		}

		/// Stop an account from controlling the patient (a lost or retired device); a controller
		/// may remove itself. At least one controller always remains.
		///
		/// - Origin: signed by a controller of the patient.
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
			Patients::<T>::insert(patient, record);
			frame_system::Pallet::<T>::dec_sufficients(&who);
			Self::deposit_event(Event::ControllerRemoved { patient, controller: who, by });
			Ok(())
		}

		/// Appoint a guardian who may act for the patient within `scope` until `valid_until`.
		///
		/// - Origin: signed by a controller of the patient, or by an active practitioner of an
		///   active hospital or regulator (court-appointed guardianship).
		/// - `guardian`: must not control the patient or be its guardian already; a practitioner
		///   cannot appoint themselves.
		/// - `scope`: `Full`, `ConsentOnly` or `ReadOnly`.
		/// - `valid_until`: when the guardianship ends by itself (timestamp, ms), e.g. the
		///   patient's majority; in the future if given.
		///
		/// Deposit: none from a controller (guardianships are bounded by [`Config::MaxGuardians`]
		/// per patient). A practitioner who is not a controller holds one item of
		/// [`Pallet::guardianship_bytes`] until the guardianship is removed, by anyone, or the
		/// patient is deactivated; fails with `DepositUnavailable` if it cannot.
		///
		/// Emits `GuardianAdded`. Complexity: O(`MaxControllers`).
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
			ensure!(!record.controllers.contains(&guardian), Error::<T>::AlreadyController);
			ensure!(!Guardians::<T>::contains_key(patient, &guardian), Error::<T>::AlreadyGuardian);
			ensure!(guardian != by, Error::<T>::SelfAppointment);
			if let Some(until) = valid_until {
				ensure!(until > T::Time::now(), Error::<T>::ValidityAlreadyEnded);
			}
			ensure!(record.guardians < T::MaxGuardians::get(), Error::<T>::TooManyGuardians);
			let by_authority = !record.controllers.contains(&by);
			if by_authority {
				Self::hold_deposit(&by, Self::guardianship_bytes())?;
				GuardianDepositors::<T>::insert(patient, &guardian, &by);
			}
			record.guardians = record.guardians.saturating_add(1);
			Guardians::<T>::insert(patient, &guardian, Guardianship { scope, valid_until });
			Patients::<T>::insert(patient, record);
			Self::deposit_event(Event::GuardianAdded { patient, guardian, scope, valid_until, by });
			Ok(())
		}

		/// End a guardianship, in force or already ended.
		///
		/// - Origin: signed by a controller of the patient, or by an active practitioner of an
		///   active hospital or regulator.
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
			Guardians::<T>::remove(patient, &guardian);
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

		/// Give a patient who lost every device a new controller, replacing all others.
		///
		/// - Origin: signed by an active practitioner of an active hospital or regulator, after
		///   proofing the patient's identity in person; the event names the practitioner.
		/// - `new_controller`: must not be a guardian of the patient, nor the recovering
		///   practitioner. Guardianships are kept.
		///
		/// Emits `PatientRecovered`. Complexity: O(`MaxControllers`).
		#[pallet::call_index(7)]
		pub fn recover_patient(
			origin: OriginFor<T>,
			patient: PatientId,
			new_controller: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let by = ensure_signed(origin)?;
			let new_controller = T::Lookup::lookup(new_controller)?;
			ensure!(
				T::Directory::is_practitioner_of_kind(&by, &AUTHORITY_KINDS),
				Error::<T>::NotRecoveryAuthority
			);
			let mut record = Self::active_record(&patient)?;
			ensure!(new_controller != by, Error::<T>::SelfAppointment);
			ensure!(
				!Guardians::<T>::contains_key(patient, &new_controller),
				Error::<T>::AlreadyGuardian
			);
			let mut controllers = BoundedVec::new();
			controllers
				.try_push(new_controller.clone())
				.map_err(|_| Error::<T>::TooManyControllers)?;
			// The new reference first, so that an old controller kept on is never reaped between.
			frame_system::Pallet::<T>::inc_sufficients(&new_controller);
			for old in core::mem::replace(&mut record.controllers, controllers) {
				frame_system::Pallet::<T>::dec_sufficients(&old);
			}
			Patients::<T>::insert(patient, record);
			Self::deposit_event(Event::PatientRecovered { patient, by, new_controller });
			Ok(())
		}

		/// Deactivate the patient for good: the id becomes a tombstone that can never be
		/// registered again; controllers and guardians lose every right, and every consent the
		/// patient gave stops granting in this block (the other pallets ask whether the patient
		/// is active on every decision). The free-call count and the registrar's vouching go too.
		///
		/// - Origin: signed by a controller of the patient.
		///
		/// Releases the deposits of the practitioners who appointed guardians, and the vouching's
		/// part of the registrar's deposit; the deposit for the tombstone stays held.
		///
		/// Emits `PatientDeactivated`. Complexity: O(`MaxControllers` + `MaxGuardians`).
		#[pallet::call_index(8)]
		pub fn deactivate_patient(origin: OriginFor<T>, patient: PatientId) -> DispatchResult {
			let by = ensure_signed(origin)?;
			let mut record = Self::active_record(&patient)?;
			ensure!(record.controllers.contains(&by), Error::<T>::NotController);
			for (_, depositor) in
				GuardianDepositors::<T>::drain_prefix(patient).take(T::MaxGuardians::get() as usize)
			{
				Self::release_deposit(&depositor, 1, Self::guardianship_bytes())?;
			}
			let _ = Guardians::<T>::clear_prefix(patient, T::MaxGuardians::get(), None);
			FreeCalls::<T>::remove(patient);
			if VouchedPatients::<T>::take(patient).is_some() {
				if let Some(registrar) = PatientDepositors::<T>::get(patient) {
					Self::release_deposit(&registrar, 0, Self::vouching_bytes())?;
				}
			}
			for controller in core::mem::take(&mut record.controllers) {
				frame_system::Pallet::<T>::dec_sufficients(&controller);
			}
			record.status = PatientStatus::Deactivated;
			record.encryption_key = [0u8; 32];
			record.guardians = 0;
			Patients::<T>::insert(patient, record);
			Self::deposit_event(Event::PatientDeactivated { patient, by });
			Ok(())
		}
	}
}

impl<T: Config> Call<T> {
	/// The patient this call acts for, if it is one a patient's controller may send for free:
	/// controller, guardian and key management, and deactivation. Registration and recovery are
	/// never free.
	pub fn free_for_patient(&self) -> Option<PatientId> {
		match self {
			Call::add_controller { patient, .. }
			| Call::remove_controller { patient, .. }
			| Call::add_guardian { patient, .. }
			| Call::remove_guardian { patient, .. }
			| Call::rotate_encryption_key { patient, .. }
			| Call::deactivate_patient { patient } => Some(*patient),
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

	/// Stores a new patient's `record`, its controllers holding a sufficient reference each.
	fn store_patient(patient: PatientId, record: PatientRecordOf<T>) {
		for controller in &record.controllers {
			frame_system::Pallet::<T>::inc_sufficients(controller);
		}
		Patients::<T>::insert(patient, record);
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
			record.controllers.contains(who)
				|| T::Directory::is_practitioner_of_kind(who, &AUTHORITY_KINDS),
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
			if let Some(record) = record {
				record.guardians = record.guardians.saturating_add(1);
				Guardians::<T>::insert(
					patient,
					guardian,
					Guardianship { scope, valid_until: None },
				);
			}
		});
	}
}
