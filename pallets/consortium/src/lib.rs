//! # Consortium
//!
//! The registry of the consortium's member organisations and of the practitioners who act for
//! them: the root of trust of every other Medchain pallet.
//!
//! ## Overview
//!
//! Governance (root, or at least two thirds of the council: the runtime's `ConsortiumOrigin`)
//! admits organisations — hospitals, clinics, laboratories, pharmacies, manufacturers,
//! wholesalers, regulators, insurers, research institutions — each with an admin account. The
//! admin registers the organisation's practitioners (physicians, nurses, pharmacists, …). Every
//! other pallet asks this one, through [`ConsortiumDirectory`], whether an account is an active
//! practitioner, of which organisation and role, or an organisation's admin.
//!
//! Rights follow standing at once and at constant cost: suspending an organisation takes every
//! right from it and from all its practitioners in the same block, without touching them one
//! by one (the directory reads the organisation's status on every answer); reinstating it gives
//! them back. A practitioner whose `valid_until` has passed is nobody, with no call needed.
//!
//! Only organisation data is stored: public names, kinds, and *hashes* of licence references;
//! the references themselves stay with the organisations.
//!
//! ## Terms
//!
//! - *Organisation*: a member of the consortium, numbered in order of registration ([`OrgId`]).
//! - *Admin*: the account that manages an organisation's practitioners.
//! - *Practitioner*: an account acting for exactly one organisation, with a role.
//! - *Active*: an organisation whose status is `Active`; a practitioner whose validity has not
//!   ended and whose organisation is active.
//!
//! ## Interface
//!
//! ### Dispatchable functions
//!
//! - [`Pallet::register_organization`]: admit an organisation (ConsortiumOrigin).
//! - [`Pallet::set_organization_status`]: suspend, reinstate or revoke it (ConsortiumOrigin).
//! - [`Pallet::transfer_organization_admin`]: hand the admin role to another account (the admin).
//! - [`Pallet::add_practitioner`]: register a practitioner (the admin).
//! - [`Pallet::remove_practitioner`]: remove one (the admin, or ConsortiumOrigin).
//!
//! ### View functions
//!
//! - [`Pallet::practitioner_info`], [`Pallet::organization_kind`],
//!   [`Pallet::is_organization_admin`]: the directory's answers, for dApps.

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
use frame_support::{
	pallet_prelude::*,
	traits::{EnsureOrigin, Time},
};
use frame_system::pallet_prelude::*;
pub use medchain_primitives::{
	ConsortiumDirectory, Moment, OrgId, OrgKind, OrgStatus, PractitionerInfo, PractitionerRole,
	PractitionerStanding,
};
use sp_core::H256;
use sp_runtime::traits::StaticLookup;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

/// An organisation as stored for runtime `T`.
pub type OrganizationOf<T> =
	Organization<<T as frame_system::Config>::AccountId, <T as Config>::MaxNameLength>;

// FRAME's generated storage and error metadata code calls `expect` on values it built itself;
// the allowance covers only that lint, hand-written code here uses none (the other panic lints
// stay denied).
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
		/// Who may admit organisations, change their standing and remove any practitioner: in
		/// the Medchain runtime, root or at least two thirds of the council.
		type ConsortiumOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The chain's clock (milliseconds), against which practitioners' validity is checked.
		type Time: Time<Moment = Moment>;

		/// Longest organisation name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// Most practitioners one organisation may have.
		#[pallet::constant]
		type MaxPractitionersPerOrganization: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The id the next admitted organisation receives.
	#[pallet::storage]
	pub type NextOrganizationId<T: Config> = StorageValue<_, OrgId, ValueQuery>;

	/// Member organisations by id.
	#[pallet::storage]
	pub type Organizations<T: Config> =
		StorageMap<_, Twox64Concat, OrgId, OrganizationOf<T>, OptionQuery>;

	/// Practitioners by account. An account acts for at most one organisation.
	#[pallet::storage]
	pub type Practitioners<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Practitioner, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An organisation was admitted to the consortium.
		OrganizationRegistered { org: OrgId, admin: T::AccountId, kind: OrgKind },
		/// An organisation's standing changed; its practitioners' rights follow at once.
		OrganizationStatusChanged { org: OrgId, from: OrgStatus, to: OrgStatus },
		/// An organisation's admin role passed to another account.
		OrganizationAdminTransferred { org: OrgId, from: T::AccountId, to: T::AccountId },
		/// A practitioner was registered by the organisation's admin.
		PractitionerAdded {
			org: OrgId,
			practitioner: T::AccountId,
			role: PractitionerRole,
			valid_until: Option<Moment>,
		},
		/// A practitioner was removed, by the admin named, or by governance when `by` is `None`.
		PractitionerRemoved { org: OrgId, practitioner: T::AccountId, by: Option<T::AccountId> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No organisation has this id.
		OrganizationNotFound,
		/// The organisation name is empty.
		NameEmpty,
		/// The organisation name is longer than `MaxNameLength` bytes.
		NameTooLong,
		/// Every organisation id has been used.
		TooManyOrganizations,
		/// Only the organisation's admin may do this.
		NotOrganizationAdmin,
		/// The organisation is suspended or revoked: its admin has no powers.
		OrganizationNotActive,
		/// The organisation is revoked, which is final.
		OrganizationRevoked,
		/// The organisation already has this status.
		StatusUnchanged,
		/// The account is already the organisation's admin.
		AdminUnchanged,
		/// The account already acts for an organisation (at most one per account).
		AlreadyPractitioner,
		/// The organisation has `MaxPractitionersPerOrganization` practitioners already.
		TooManyPractitioners,
		/// `valid_until` is not in the future.
		ValidityAlreadyEnded,
		/// The account is not a practitioner of this organisation.
		PractitionerNotFound,
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Founding organisations, numbered from 0 in this order: admin, kind, name, licence hash.
		pub organizations: Vec<(T::AccountId, OrgKind, Vec<u8>, H256)>,
		/// Founding practitioners: organisation, account, role, licence hash (no end of validity).
		pub practitioners: Vec<(OrgId, T::AccountId, PractitionerRole, H256)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// A chain must not start from an inconsistent consortium: a bad genesis aborts the build.
		#[allow(clippy::panic)]
		fn build(&self) {
			if let Err(e) = self.try_build() {
				panic!("invalid consortium genesis: {e}");
			}
		}
	}

	impl<T: Config> GenesisConfig<T> {
		/// Founds the consortium, or says which entry is invalid.
		fn try_build(&self) -> Result<(), alloc::string::String> {
			for (admin, kind, name, license_hash) in &self.organizations {
				Pallet::<T>::checked_name(name.clone())
					.and_then(|name| {
						Pallet::<T>::insert_organization(admin.clone(), *kind, name, *license_hash)
					})
					.map_err(|e| alloc::format!("organisation {admin:?}: {e:?}"))?;
			}
			for (org, who, role, license_hash) in &self.practitioners {
				Pallet::<T>::insert_practitioner(*org, who, *role, *license_hash, None)
					.map_err(|e| alloc::format!("practitioner {who:?}: {e:?}"))?;
			}
			Ok(())
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxNameLength::get() > 0, "organisations need a name");
			assert!(T::MaxPractitionersPerOrganization::get() > 0, "organisations need staff");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	/// Read-only questions for dApps, answered by the runtime as the other pallets see it
	/// (validity and organisation status included), through the `RuntimeViewFunction` API.
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// `who` as an active practitioner (organisation, its kind, role), or `None` if it is not
		/// one now: unknown, validity ended, or organisation suspended or revoked.
		pub fn practitioner_info(who: T::AccountId) -> Option<PractitionerInfo> {
			<Self as ConsortiumDirectory<T::AccountId>>::active_practitioner(&who)
		}

		/// The kind of `org` if it is an active member, `None` otherwise.
		pub fn organization_kind(org: OrgId) -> Option<OrgKind> {
			<Self as ConsortiumDirectory<T::AccountId>>::active_organization(org)
		}

		/// Whether `who` is the admin of `org` and `org` is active.
		pub fn is_organization_admin(org: OrgId, who: T::AccountId) -> bool {
			<Self as ConsortiumDirectory<T::AccountId>>::is_active_admin(org, &who)
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Admit an organisation to the consortium.
		///
		/// - Origin: `ConsortiumOrigin` (root, or at least two thirds of the council).
		/// - `admin`: the account that will manage its practitioners.
		/// - `kind`: what it is; decides what it may do in the other pallets.
		/// - `name`: its public name, 1 to `MaxNameLength` bytes of UTF-8.
		/// - `license_hash`: hash of its operating licence reference (never the reference).
		///
		/// The organisation gets the next [`OrgId`] and starts `Active`.
		/// Emits `OrganizationRegistered`. Complexity: O(1).
		#[pallet::call_index(0)]
		pub fn register_organization(
			origin: OriginFor<T>,
			admin: AccountIdLookupOf<T>,
			kind: OrgKind,
			name: Vec<u8>,
			license_hash: H256,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			let admin = T::Lookup::lookup(admin)?;
			let name = Self::checked_name(name)?;
			let org = Self::insert_organization(admin.clone(), kind, name, license_hash)?;
			Self::deposit_event(Event::OrganizationRegistered { org, admin, kind });
			Ok(())
		}

		/// Change an organisation's standing.
		///
		/// - Origin: `ConsortiumOrigin`.
		/// - `Suspended` takes every right from the organisation, its admin and all its
		///   practitioners in every pallet, in this block; `Active` gives them back. Nothing
		///   they granted or were granted is touched. `Revoked` is final.
		///
		/// Emits `OrganizationStatusChanged`. Complexity: O(1), whatever the organisation's size.
		#[pallet::call_index(1)]
		pub fn set_organization_status(
			origin: OriginFor<T>,
			org: OrgId,
			status: OrgStatus,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			Organizations::<T>::try_mutate(org, |entry| {
				let organization = entry.as_mut().ok_or(Error::<T>::OrganizationNotFound)?;
				let from = organization.status;
				ensure!(from != OrgStatus::Revoked, Error::<T>::OrganizationRevoked);
				ensure!(from != status, Error::<T>::StatusUnchanged);
				organization.status = status;
				Self::deposit_event(Event::OrganizationStatusChanged { org, from, to: status });
				Ok(())
			})
		}

		/// Hand the admin role of an organisation to another account.
		///
		/// - Origin: signed by the organisation's current admin; the organisation must be active.
		///
		/// Emits `OrganizationAdminTransferred`. Complexity: O(1).
		#[pallet::call_index(2)]
		pub fn transfer_organization_admin(
			origin: OriginFor<T>,
			org: OrgId,
			new_admin: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let new_admin = T::Lookup::lookup(new_admin)?;
			Organizations::<T>::try_mutate(org, |entry| {
				let organization = entry.as_mut().ok_or(Error::<T>::OrganizationNotFound)?;
				Self::ensure_active_admin(organization, &who)?;
				ensure!(organization.admin != new_admin, Error::<T>::AdminUnchanged);
				organization.admin = new_admin.clone();
				Self::deposit_event(Event::OrganizationAdminTransferred {
					org,
					from: who,
					to: new_admin,
				});
				Ok(())
			})
		}

		/// Register a practitioner of an organisation.
		///
		/// - Origin: signed by the organisation's admin; the organisation must be active.
		/// - `who`: the practitioner's account; it must not act for any organisation yet.
		/// - `role`: what the practitioner does.
		/// - `license_hash`: hash of the professional licence number (never the number).
		/// - `valid_until`: when the practitioner's rights end by themselves (timestamp, ms),
		///   typically the licence's expiry; must be in the future.
		///
		/// Emits `PractitionerAdded`. Complexity: O(1).
		#[pallet::call_index(3)]
		pub fn add_practitioner(
			origin: OriginFor<T>,
			org: OrgId,
			who: AccountIdLookupOf<T>,
			role: PractitionerRole,
			license_hash: H256,
			valid_until: Option<Moment>,
		) -> DispatchResult {
			let admin = ensure_signed(origin)?;
			let who = T::Lookup::lookup(who)?;
			Organizations::<T>::try_mutate(org, |entry| {
				let organization = entry.as_mut().ok_or(Error::<T>::OrganizationNotFound)?;
				Self::ensure_active_admin(organization, &admin)?;
				if let Some(until) = valid_until {
					ensure!(until > T::Time::now(), Error::<T>::ValidityAlreadyEnded);
				}
				Self::enrol(org, organization, &who, role, license_hash, valid_until)
			})?;
			Self::deposit_event(Event::PractitionerAdded {
				org,
				practitioner: who,
				role,
				valid_until,
			});
			Ok(())
		}

		/// Remove a practitioner from an organisation; every right it had through the
		/// organisation ends at once.
		///
		/// - Origin: signed by the organisation's admin (organisation active), or
		///   `ConsortiumOrigin` (also for suspended or revoked organisations).
		///
		/// Emits `PractitionerRemoved`. Complexity: O(1).
		#[pallet::call_index(4)]
		pub fn remove_practitioner(
			origin: OriginFor<T>,
			org: OrgId,
			who: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let by = match T::ConsortiumOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(ensure_signed(origin)?),
			};
			let who = T::Lookup::lookup(who)?;
			Organizations::<T>::try_mutate(org, |entry| {
				let organization = entry.as_mut().ok_or(Error::<T>::OrganizationNotFound)?;
				if let Some(admin) = &by {
					Self::ensure_active_admin(organization, admin)?;
				}
				let practitioner =
					Practitioners::<T>::get(&who).ok_or(Error::<T>::PractitionerNotFound)?;
				ensure!(practitioner.org == org, Error::<T>::PractitionerNotFound);
				organization.practitioners = organization.practitioners.saturating_sub(1);
				Practitioners::<T>::remove(&who);
				Self::deposit_event(Event::PractitionerRemoved { org, practitioner: who, by });
				Ok(())
			})
		}
	}
}

impl<T: Config> Pallet<T> {
	/// `name` as a stored organisation name, or why it cannot be one.
	fn checked_name(name: Vec<u8>) -> Result<OrganizationName<T>, Error<T>> {
		ensure!(!name.is_empty(), Error::<T>::NameEmpty);
		OrganizationName::<T>::try_from(name).map_err(|_| Error::<T>::NameTooLong)
	}

	/// Stores a new active organisation under the next id, which it returns.
	fn insert_organization(
		admin: T::AccountId,
		kind: OrgKind,
		name: OrganizationName<T>,
		license_hash: H256,
	) -> Result<OrgId, Error<T>> {
		let org = NextOrganizationId::<T>::get();
		let next = org.checked_add(1).ok_or(Error::<T>::TooManyOrganizations)?;
		Organizations::<T>::insert(
			org,
			Organization {
				admin,
				kind,
				status: OrgStatus::Active,
				name,
				license_hash,
				practitioners: 0,
			},
		);
		NextOrganizationId::<T>::put(next);
		Ok(org)
	}

	/// Stores `who` as a practitioner of the existing organisation `org`.
	fn insert_practitioner(
		org: OrgId,
		who: &T::AccountId,
		role: PractitionerRole,
		license_hash: H256,
		valid_until: Option<Moment>,
	) -> Result<(), Error<T>> {
		Organizations::<T>::try_mutate(org, |entry| {
			let organization = entry.as_mut().ok_or(Error::<T>::OrganizationNotFound)?;
			Self::enrol(org, organization, who, role, license_hash, valid_until)
		})
	}

	/// Adds `who` to `organization` (whose id is `org`) and counts it; the caller writes the
	/// organisation back.
	fn enrol(
		org: OrgId,
		organization: &mut OrganizationOf<T>,
		who: &T::AccountId,
		role: PractitionerRole,
		license_hash: H256,
		valid_until: Option<Moment>,
	) -> Result<(), Error<T>> {
		ensure!(!Practitioners::<T>::contains_key(who), Error::<T>::AlreadyPractitioner);
		ensure!(
			organization.practitioners < T::MaxPractitionersPerOrganization::get(),
			Error::<T>::TooManyPractitioners
		);
		organization.practitioners = organization.practitioners.saturating_add(1);
		Practitioners::<T>::insert(who, Practitioner { org, role, license_hash, valid_until });
		Ok(())
	}

	fn ensure_active_admin(
		organization: &OrganizationOf<T>,
		who: &T::AccountId,
	) -> Result<(), Error<T>> {
		ensure!(&organization.admin == who, Error::<T>::NotOrganizationAdmin);
		ensure!(organization.status == OrgStatus::Active, Error::<T>::OrganizationNotActive);
		Ok(())
	}

	/// Whether a practitioner's validity still holds at the chain's current time.
	fn is_valid_now(practitioner: &Practitioner) -> bool {
		practitioner.valid_until.is_none_or(|until| T::Time::now() < until)
	}
}

impl<T: Config> ConsortiumDirectory<T::AccountId> for Pallet<T> {
	fn active_organization(org: OrgId) -> Option<OrgKind> {
		Organizations::<T>::get(org).filter(|o| o.status == OrgStatus::Active).map(|o| o.kind)
	}

	fn organization_exists(org: OrgId) -> bool {
		Organizations::<T>::contains_key(org)
	}

	fn practitioner_standing(who: &T::AccountId) -> PractitionerStanding {
		let Some(practitioner) = Practitioners::<T>::get(who) else {
			return PractitionerStanding::Unknown;
		};
		if !Self::is_valid_now(&practitioner) {
			return PractitionerStanding::ValidityEnded;
		}
		match Self::active_organization(practitioner.org) {
			Some(org_kind) => PractitionerStanding::Active(PractitionerInfo {
				org: practitioner.org,
				org_kind,
				role: practitioner.role,
			}),
			None => PractitionerStanding::OrganizationInactive,
		}
	}

	fn is_active_admin(org: OrgId, who: &T::AccountId) -> bool {
		Organizations::<T>::get(org)
			.is_some_and(|o| o.status == OrgStatus::Active && &o.admin == who)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmarks(
		kind: OrgKind,
		admin: &T::AccountId,
		practitioner: &T::AccountId,
		role: PractitionerRole,
	) -> OrgId {
		let name = OrganizationName::<T>::truncate_from(b"Benchmark organisation".to_vec());
		let org =
			Self::insert_organization(admin.clone(), kind, name, H256::zero()).unwrap_or_default();
		let _ = Self::insert_practitioner(org, practitioner, role, H256::zero(), None);
		org
	}
}
