//! # Consortium
//!
//! The registry of the consortium's member organisations and of the practitioners who act for
//! them: the root of trust of every other Medchain pallet.
//!
//! ## Overview
//!
//! Governance (root, or at least two thirds of the council: the runtime's `ConsortiumOrigin`)
//! admits organisations — hospitals, clinics, laboratories, pharmacies, manufacturers,
//! wholesalers, regulators, insurers, research institutions — each with an admin account, and
//! assigns them their GS1 company prefixes. The admin invites the organisation's practitioners
//! (physicians, nurses, pharmacists, …), who join by accepting. Every other pallet asks this
//! one, through [`ConsortiumDirectory`], whether an account is an active practitioner, of which
//! organisation and role, an organisation's admin, or which organisation owns a GS1 code.
//!
//! Rights follow standing at once and at constant cost: suspending an organisation takes every
//! right from it and from all its practitioners in the same block, without touching them one
//! by one (the directory reads the organisation's status on every answer); reinstating it gives
//! them back. A practitioner whose `valid_until` has passed is nobody, with no call needed.
//!
//! Nobody is bound without their word: an account becomes a practitioner only by accepting an
//! organisation's invitation (AUDIT L-7), and the admin role passes only to an account that
//! accepts it (AUDIT M-15); governance can replace a lost or compromised admin. An account
//! administers at most one organisation.
//!
//! An admin does not choose who reviews its staff: privacy officers, who review the
//! organisation's emergency accesses, are invited by governance (AUDIT L-14). The admin may
//! still remove one.
//!
//! Only organisation data is stored: public names, kinds, company prefixes, and *hashes* of
//! licence references; the references themselves stay with the organisations.
//!
//! ## Terms
//!
//! - *Organisation*: a member of the consortium, numbered in order of registration ([`OrgId`]).
//! - *Admin*: the account that manages an organisation's practitioners.
//! - *Practitioner*: an account acting for exactly one organisation, with a role.
//! - *Invitation*: an organisation's offer of a practitioner's place, until the account accepts
//!   or declines it, the admin cancels it, or it lapses after `InvitationLifetime`.
//! - *Company prefix*: a GS1 company prefix (6 to 12 digits) governance assigned to an
//!   organisation; the GTINs and SSCCs that start with it are that organisation's.
//! - *Active*: an organisation whose status is `Active`; a practitioner whose validity has not
//!   ended and whose organisation is active.
//!
//! ## Interface
//!
//! ### Dispatchable functions
//!
//! - [`Pallet::register_organization`]: admit an organisation (ConsortiumOrigin).
//! - [`Pallet::set_organization_status`]: suspend, reinstate or revoke it (ConsortiumOrigin).
//! - [`Pallet::transfer_organization_admin`]: offer the admin role to another account (the
//!   admin); [`Pallet::accept_organization_admin`]: take it (that account);
//!   [`Pallet::cancel_organization_admin_transfer`]: withdraw the offer (the admin).
//! - [`Pallet::force_set_admin`]: replace an organisation's admin (ConsortiumOrigin).
//! - [`Pallet::add_practitioner`]: invite a practitioner (the admin), in any role but
//!   `PrivacyOfficer`; [`Pallet::invite_privacy_officer`]: invite the organisation's privacy
//!   officer (ConsortiumOrigin, AUDIT L-14);
//!   [`Pallet::accept_practitioner_invitation`] / [`Pallet::decline_practitioner_invitation`]:
//!   the invited account's answer; [`Pallet::cancel_practitioner_invitation`]: withdraw it (the
//!   admin, or ConsortiumOrigin).
//! - [`Pallet::remove_practitioner`]: remove one (the admin, or ConsortiumOrigin).
//! - [`Pallet::assign_company_prefix`] / [`Pallet::revoke_company_prefix`]: GS1 company
//!   prefixes (ConsortiumOrigin).
//!
//! ### View functions
//!
//! - [`Pallet::practitioner_info`], [`Pallet::organization_kind`],
//!   [`Pallet::is_organization_admin`], [`Pallet::organization_administered_by`],
//!   [`Pallet::owner_of_code`]: the directory's answers, for dApps.

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

/// The company prefixes of one organisation, as stored for runtime `T`.
pub type CompanyPrefixesOf<T> =
	BoundedVec<CompanyPrefix, <T as Config>::MaxCompanyPrefixesPerOrganization>;

// FRAME's generated storage and error metadata code calls `expect` on values it built itself;
// the allowance covers only that lint, hand-written code here uses none (the other panic lints
// stay denied).
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// The in-code storage version: 1 since the admin index (see [`crate::migrations::v1`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who may admit organisations, change their standing, replace their admins, assign
		/// company prefixes and remove any practitioner: in the Medchain runtime, root or at
		/// least two thirds of the council.
		type ConsortiumOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The chain's clock (milliseconds), against which practitioners' validity is checked.
		type Time: Time<Moment = Moment>;

		/// Longest organisation name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// Most practitioners one organisation may have.
		#[pallet::constant]
		type MaxPractitionersPerOrganization: Get<u32>;

		/// Most invitations one organisation may have pending (lapsed ones count until they
		/// are cancelled or declined).
		#[pallet::constant]
		type MaxPendingInvitations: Get<u32>;

		/// How long an invitation can be accepted, in ms from its sending.
		#[pallet::constant]
		type InvitationLifetime: Get<Moment>;

		/// Most GS1 company prefixes one organisation may hold.
		#[pallet::constant]
		type MaxCompanyPrefixesPerOrganization: Get<u32>;

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

	/// The organisation each admin administers (an account administers at most one).
	#[pallet::storage]
	pub type AdministeredOrganization<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, OrgId, OptionQuery>;

	/// The account an organisation's admin offered the role to, until it accepts.
	#[pallet::storage]
	pub type PendingAdmin<T: Config> =
		StorageMap<_, Twox64Concat, OrgId, T::AccountId, OptionQuery>;

	/// Practitioners by account. An account acts for at most one organisation.
	#[pallet::storage]
	pub type Practitioners<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Practitioner, OptionQuery>;

	/// Pending invitations, by invited account and inviting organisation.
	#[pallet::storage]
	pub type Invitations<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		OrgId,
		Invitation,
		OptionQuery,
	>;

	/// How many invitations each organisation has pending (at most `MaxPendingInvitations`).
	#[pallet::storage]
	pub type PendingInvitations<T: Config> = StorageMap<_, Twox64Concat, OrgId, u32, ValueQuery>;

	/// The organisation each assigned GS1 company prefix belongs to. No assigned prefix starts
	/// with another, so a code matches at most one.
	#[pallet::storage]
	pub type CompanyPrefixOwners<T: Config> =
		StorageMap<_, Blake2_128Concat, CompanyPrefix, OrgId, OptionQuery>;

	/// For each proper beginning (6 digits or more) of an assigned company prefix, how many
	/// assigned prefixes start with it: a prefix listed here cannot be assigned.
	#[pallet::storage]
	pub type CompanyPrefixStems<T: Config> =
		StorageMap<_, Blake2_128Concat, CompanyPrefix, u32, ValueQuery>;

	/// The company prefixes each organisation holds, in order of assignment.
	#[pallet::storage]
	pub type OrganizationCompanyPrefixes<T: Config> =
		StorageMap<_, Twox64Concat, OrgId, CompanyPrefixesOf<T>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An organisation was admitted to the consortium.
		OrganizationRegistered { org: OrgId, admin: T::AccountId, kind: OrgKind },
		/// An organisation's standing changed; its practitioners' rights follow at once.
		OrganizationStatusChanged { org: OrgId, from: OrgStatus, to: OrgStatus },
		/// The admin `admin` offered its organisation's admin role to `proposed`.
		OrganizationAdminProposed { org: OrgId, admin: T::AccountId, proposed: T::AccountId },
		/// The admin `admin` withdrew its offer of the admin role to `proposed`.
		OrganizationAdminTransferCancelled {
			org: OrgId,
			admin: T::AccountId,
			proposed: T::AccountId,
		},
		/// `to` accepted the admin role `from` offered it, and now holds it.
		OrganizationAdminTransferred { org: OrgId, from: T::AccountId, to: T::AccountId },
		/// Governance replaced the organisation's admin `from` by `to`.
		OrganizationAdminReplaced { org: OrgId, from: T::AccountId, to: T::AccountId },
		/// The organisation's admin `admin` invited `practitioner` to join it; until it accepts,
		/// before `expires_at`, it is not a practitioner.
		PractitionerInvited {
			org: OrgId,
			practitioner: T::AccountId,
			role: PractitionerRole,
			valid_until: Option<Moment>,
			expires_at: Moment,
			admin: T::AccountId,
		},
		/// Governance invited `practitioner` to be the organisation's privacy officer; until it
		/// accepts, before `expires_at`, it is not a practitioner (AUDIT L-14).
		PrivacyOfficerInvited {
			org: OrgId,
			practitioner: T::AccountId,
			valid_until: Option<Moment>,
			expires_at: Moment,
		},
		/// `practitioner` accepted the organisation's invitation and is now its practitioner.
		PractitionerAdded {
			org: OrgId,
			practitioner: T::AccountId,
			role: PractitionerRole,
			valid_until: Option<Moment>,
		},
		/// `practitioner` declined the organisation's invitation.
		PractitionerInvitationDeclined { org: OrgId, practitioner: T::AccountId },
		/// An invitation was withdrawn, by the admin named, or by governance when `admin` is
		/// `None`.
		PractitionerInvitationCancelled {
			org: OrgId,
			practitioner: T::AccountId,
			admin: Option<T::AccountId>,
		},
		/// A practitioner was removed, by the admin named, or by governance when `admin` is
		/// `None`.
		PractitionerRemoved { org: OrgId, practitioner: T::AccountId, admin: Option<T::AccountId> },
		/// Governance assigned a GS1 company prefix to the organisation.
		CompanyPrefixAssigned { org: OrgId, prefix: CompanyPrefix },
		/// Governance took a GS1 company prefix from the organisation.
		CompanyPrefixRevoked { org: OrgId, prefix: CompanyPrefix },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No organisation has this id.
		OrganizationNotFound,
		/// The organisation name is empty.
		EmptyName,
		/// The organisation name is longer than `MaxNameLength` bytes.
		NameTooLong,
		/// Every organisation id has been used.
		IdsExhausted,
		/// Only the organisation's admin may do this.
		NotOrganizationAdmin,
		/// The organisation is suspended or revoked: its admin has no powers, and nobody may
		/// join it or take its admin role.
		OrganizationInactive,
		/// The organisation is revoked, which is final.
		OrganizationRevoked,
		/// The organisation already has this status.
		StatusUnchanged,
		/// The account is already the organisation's admin.
		AdminUnchanged,
		/// The account already administers an organisation (at most one per account).
		AlreadyAdmin,
		/// No transfer of this organisation's admin role is pending.
		AdminTransferNotFound,
		/// Only the account the admin role was offered to may accept it.
		NotProposedAdmin,
		/// The account already acts for an organisation (at most one per account).
		AlreadyPractitioner,
		/// The organisation has `MaxPractitionersPerOrganization` practitioners already.
		TooManyPractitioners,
		/// `valid_until` is not in the future.
		ValidityAlreadyEnded,
		/// The account is not a practitioner of this organisation.
		PractitionerNotFound,
		/// The organisation has `MaxPendingInvitations` invitations pending already.
		TooManyInvitations,
		/// The account has no invitation from this organisation.
		InvitationNotFound,
		/// The invitation has lapsed (`InvitationLifetime` after it was sent); only declining
		/// or cancelling it remains.
		InvitationExpired,
		/// A company prefix is 6 to 12 ASCII digits.
		InvalidCompanyPrefix,
		/// The company prefix is already assigned.
		CompanyPrefixAlreadyAssigned,
		/// The company prefix starts with an assigned prefix, or an assigned prefix starts with
		/// it: a code would match two.
		CompanyPrefixOverlaps,
		/// The organisation holds `MaxCompanyPrefixesPerOrganization` company prefixes already.
		TooManyCompanyPrefixes,
		/// The company prefix is not assigned to any organisation.
		CompanyPrefixNotFound,
		/// An admin may not make anyone its organisation's privacy officer, who reviews the
		/// emergency accesses of the admin's staff: governance invites privacy officers
		/// (`invite_privacy_officer`, AUDIT L-14).
		PrivacyOfficerReserved,
		/// A privacy officer cannot hold an organisation's admin role, nor an admin become a
		/// privacy officer: the officer reviews the emergency accesses of the admin's staff
		/// (AUDIT L-14).
		PrivacyOfficerAsAdmin,
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Founding organisations, numbered from 0 in this order: admin, kind, name, licence hash.
		/// Each admin administers one organisation only.
		pub organizations: Vec<(T::AccountId, OrgKind, Vec<u8>, H256)>,
		/// Founding practitioners: organisation, account, role, licence hash (no end of
		/// validity). Genesis is governance's word: they need no invitation.
		pub practitioners: Vec<(OrgId, T::AccountId, PractitionerRole, H256)>,
		/// Founding GS1 company prefixes: organisation, prefix (6 to 12 ASCII digits).
		#[serde(default)]
		pub company_prefixes: Vec<(OrgId, Vec<u8>)>,
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
				Pallet::<T>::ensure_not_admin(admin)
					.and_then(|()| Pallet::<T>::checked_name(name.clone()))
					.and_then(|name| {
						Pallet::<T>::insert_organization(admin.clone(), *kind, name, *license_hash)
					})
					.map_err(|e| alloc::format!("organisation {admin:?}: {e:?}"))?;
			}
			for (org, who, role, license_hash) in &self.practitioners {
				Pallet::<T>::insert_practitioner(*org, who, *role, *license_hash, None)
					.map_err(|e| alloc::format!("practitioner {who:?}: {e:?}"))?;
			}
			for (org, prefix) in &self.company_prefixes {
				Pallet::<T>::checked_company_prefix(prefix)
					.and_then(|prefix| Pallet::<T>::insert_company_prefix(*org, prefix))
					.map_err(|e| alloc::format!("company prefix {prefix:?}: {e:?}"))?;
			}
			Ok(())
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxNameLength::get() > 0, "organisations need a name");
			assert!(T::MaxPractitionersPerOrganization::get() > 0, "organisations need staff");
			assert!(T::MaxPendingInvitations::get() > 0, "organisations need to invite staff");
			assert!(T::InvitationLifetime::get() > 0, "invitations need time to be accepted");
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

		/// The active organisation `who` administers, with its kind, or `None`.
		pub fn organization_administered_by(who: T::AccountId) -> Option<(OrgId, OrgKind)> {
			<Self as ConsortiumDirectory<T::AccountId>>::administered_organization(&who)
		}

		/// The organisation owning the company prefix that `digits` start with (a GS1 code's
		/// digits after its first), or `None`.
		pub fn owner_of_code(digits: Vec<u8>) -> Option<OrgId> {
			<Self as ConsortiumDirectory<T::AccountId>>::company_prefix_owner(&digits)
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Admit an organisation to the consortium.
		///
		/// - Origin: `ConsortiumOrigin` (root, or at least two thirds of the council).
		/// - `admin`: the account that will manage its practitioners; it must not administer
		///   another organisation.
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
			Self::ensure_not_admin(&admin)?;
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

		/// Offer the admin role of an organisation to another account, which takes it with
		/// [`Pallet::accept_organization_admin`]; until then the current admin keeps it.
		///
		/// - Origin: signed by the organisation's current admin; the organisation must be active.
		/// - `new_admin`: must not administer an organisation. A new offer replaces a pending one.
		///
		/// Emits `OrganizationAdminProposed`. Complexity: O(1).
		#[pallet::call_index(2)]
		pub fn transfer_organization_admin(
			origin: OriginFor<T>,
			org: OrgId,
			new_admin: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let new_admin = T::Lookup::lookup(new_admin)?;
			let organization =
				Organizations::<T>::get(org).ok_or(Error::<T>::OrganizationNotFound)?;
			Self::ensure_active_admin(&organization, &who)?;
			ensure!(organization.admin != new_admin, Error::<T>::AdminUnchanged);
			Self::ensure_not_admin(&new_admin)?;
			Self::ensure_not_privacy_officer(&new_admin)?;
			PendingAdmin::<T>::insert(org, &new_admin);
			Self::deposit_event(Event::OrganizationAdminProposed {
				org,
				admin: who,
				proposed: new_admin,
			});
			Ok(())
		}

		/// Register a practitioner of an organisation: invite `who`, which becomes the
		/// organisation's practitioner only when it accepts with
		/// [`Pallet::accept_practitioner_invitation`], within `InvitationLifetime`.
		///
		/// - Origin: signed by the organisation's admin; the organisation must be active.
		/// - `who`: the practitioner's account; it must not act for any organisation yet.
		/// - `role`: what the practitioner does; not `PrivacyOfficer`, whom governance invites
		///   with [`Pallet::invite_privacy_officer`] (AUDIT L-14).
		/// - `license_hash`: hash of the professional licence number (never the number).
		/// - `valid_until`: when the practitioner's rights end by themselves (timestamp, ms),
		///   typically the licence's expiry; must be in the future.
		///
		/// Inviting an account again replaces the terms of its invitation and restarts its
		/// lifetime. An organisation has at most `MaxPendingInvitations` invitations pending.
		/// Emits `PractitionerInvited`. Complexity: O(1).
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
			let organization =
				Organizations::<T>::get(org).ok_or(Error::<T>::OrganizationNotFound)?;
			Self::ensure_active_admin(&organization, &admin)?;
			ensure!(role != PractitionerRole::PrivacyOfficer, Error::<T>::PrivacyOfficerReserved);
			let expires_at =
				Self::invite(org, &organization, &who, role, license_hash, valid_until)?;
			Self::deposit_event(Event::PractitionerInvited {
				org,
				practitioner: who,
				role,
				valid_until,
				expires_at,
				admin,
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
			let by = Self::admin_or_governance(origin)?;
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
				Self::deposit_event(Event::PractitionerRemoved {
					org,
					practitioner: who,
					admin: by,
				});
				Ok(())
			})
		}

		/// Take the admin role of an organisation that its admin offered to the caller with
		/// [`Pallet::transfer_organization_admin`].
		///
		/// - Origin: signed by the account the role was offered to; the organisation must be
		///   active, and the caller must not administer another organisation by now.
		///
		/// Emits `OrganizationAdminTransferred`. Complexity: O(1).
		#[pallet::call_index(5)]
		pub fn accept_organization_admin(origin: OriginFor<T>, org: OrgId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut organization =
				Organizations::<T>::get(org).ok_or(Error::<T>::OrganizationNotFound)?;
			let proposed = PendingAdmin::<T>::get(org).ok_or(Error::<T>::AdminTransferNotFound)?;
			ensure!(proposed == who, Error::<T>::NotProposedAdmin);
			ensure!(organization.status == OrgStatus::Active, Error::<T>::OrganizationInactive);
			Self::ensure_not_admin(&who)?;
			Self::ensure_not_privacy_officer(&who)?;
			let from = core::mem::replace(&mut organization.admin, who.clone());
			Self::move_admin_index(org, &from, &who);
			Organizations::<T>::insert(org, organization);
			PendingAdmin::<T>::remove(org);
			Self::deposit_event(Event::OrganizationAdminTransferred { org, from, to: who });
			Ok(())
		}

		/// Withdraw the offer of an organisation's admin role.
		///
		/// - Origin: signed by the organisation's admin, whatever the organisation's status.
		///
		/// Emits `OrganizationAdminTransferCancelled`. Complexity: O(1).
		#[pallet::call_index(6)]
		pub fn cancel_organization_admin_transfer(
			origin: OriginFor<T>,
			org: OrgId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let organization =
				Organizations::<T>::get(org).ok_or(Error::<T>::OrganizationNotFound)?;
			ensure!(organization.admin == who, Error::<T>::NotOrganizationAdmin);
			let proposed = PendingAdmin::<T>::take(org).ok_or(Error::<T>::AdminTransferNotFound)?;
			Self::deposit_event(Event::OrganizationAdminTransferCancelled {
				org,
				admin: who,
				proposed,
			});
			Ok(())
		}

		/// Replace an organisation's admin, e.g. when its key is lost or compromised; the
		/// organisation keeps its id, its practitioners and everything granted to it.
		///
		/// - Origin: `ConsortiumOrigin`; any status.
		/// - `new_admin`: must not administer an organisation. A pending offer of the role lapses.
		///
		/// Emits `OrganizationAdminReplaced`. Complexity: O(1).
		#[pallet::call_index(7)]
		pub fn force_set_admin(
			origin: OriginFor<T>,
			org: OrgId,
			new_admin: AccountIdLookupOf<T>,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			let new_admin = T::Lookup::lookup(new_admin)?;
			let mut organization =
				Organizations::<T>::get(org).ok_or(Error::<T>::OrganizationNotFound)?;
			ensure!(organization.admin != new_admin, Error::<T>::AdminUnchanged);
			Self::ensure_not_admin(&new_admin)?;
			Self::ensure_not_privacy_officer(&new_admin)?;
			let from = core::mem::replace(&mut organization.admin, new_admin.clone());
			Self::move_admin_index(org, &from, &new_admin);
			Organizations::<T>::insert(org, organization);
			PendingAdmin::<T>::remove(org);
			Self::deposit_event(Event::OrganizationAdminReplaced { org, from, to: new_admin });
			Ok(())
		}

		/// Join an organisation that invited the caller (through its admin, or governance for a
		/// privacy officer), as its practitioner on the invitation's terms.
		///
		/// - Origin: signed by the invited account; the organisation must be active, the
		///   invitation not lapsed, its `valid_until` still in the future, and the caller must
		///   not act for an organisation. Other organisations' invitations stay pending.
		///
		/// Emits `PractitionerAdded`. Complexity: O(1).
		#[pallet::call_index(8)]
		pub fn accept_practitioner_invitation(origin: OriginFor<T>, org: OrgId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let invitation =
				Invitations::<T>::get(&who, org).ok_or(Error::<T>::InvitationNotFound)?;
			let mut organization =
				Organizations::<T>::get(org).ok_or(Error::<T>::OrganizationNotFound)?;
			ensure!(organization.status == OrgStatus::Active, Error::<T>::OrganizationInactive);
			let now = T::Time::now();
			ensure!(now < invitation.expires_at, Error::<T>::InvitationExpired);
			if let Some(until) = invitation.valid_until {
				ensure!(until > now, Error::<T>::ValidityAlreadyEnded);
			}
			let Invitation { role, license_hash, valid_until, .. } = invitation;
			Self::enrol(org, &mut organization, &who, role, license_hash, valid_until)?;
			Organizations::<T>::insert(org, organization);
			Self::forget_invitation(&who, org);
			Self::deposit_event(Event::PractitionerAdded {
				org,
				practitioner: who,
				role,
				valid_until,
			});
			Ok(())
		}

		/// Decline an organisation's invitation, lapsed or not.
		///
		/// - Origin: signed by the invited account.
		///
		/// Emits `PractitionerInvitationDeclined`. Complexity: O(1).
		#[pallet::call_index(9)]
		pub fn decline_practitioner_invitation(origin: OriginFor<T>, org: OrgId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(Invitations::<T>::contains_key(&who, org), Error::<T>::InvitationNotFound);
			Self::forget_invitation(&who, org);
			Self::deposit_event(Event::PractitionerInvitationDeclined { org, practitioner: who });
			Ok(())
		}

		/// Withdraw an invitation, lapsed or not, freeing its place.
		///
		/// - Origin: signed by the organisation's admin (organisation active), or
		///   `ConsortiumOrigin` (also for suspended or revoked organisations).
		///
		/// Emits `PractitionerInvitationCancelled`. Complexity: O(1).
		#[pallet::call_index(10)]
		pub fn cancel_practitioner_invitation(
			origin: OriginFor<T>,
			org: OrgId,
			who: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let by = Self::admin_or_governance(origin)?;
			let who = T::Lookup::lookup(who)?;
			let organization =
				Organizations::<T>::get(org).ok_or(Error::<T>::OrganizationNotFound)?;
			if let Some(admin) = &by {
				Self::ensure_active_admin(&organization, admin)?;
			}
			ensure!(Invitations::<T>::contains_key(&who, org), Error::<T>::InvitationNotFound);
			Self::forget_invitation(&who, org);
			Self::deposit_event(Event::PractitionerInvitationCancelled {
				org,
				practitioner: who,
				admin: by,
			});
			Ok(())
		}

		/// Assign a GS1 company prefix to an organisation: the GTINs and SSCCs whose digits
		/// (after the first) start with it become the organisation's.
		///
		/// - Origin: `ConsortiumOrigin`.
		/// - `org`: an existing organisation, not revoked, holding fewer than
		///   `MaxCompanyPrefixesPerOrganization` prefixes.
		/// - `prefix`: 6 to 12 ASCII digits; neither assigned, nor starting with an assigned
		///   prefix, nor the start of one (so a code matches at most one prefix).
		///
		/// Emits `CompanyPrefixAssigned`. Complexity: O(1) (at most 7 lookups and 6 updates).
		#[pallet::call_index(11)]
		pub fn assign_company_prefix(
			origin: OriginFor<T>,
			org: OrgId,
			prefix: CompanyPrefix,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			let prefix = Self::checked_company_prefix(&prefix)?;
			Self::insert_company_prefix(org, prefix.clone())?;
			Self::deposit_event(Event::CompanyPrefixAssigned { org, prefix });
			Ok(())
		}

		/// Take a GS1 company prefix from the organisation it was assigned to; it may then be
		/// assigned again.
		///
		/// - Origin: `ConsortiumOrigin`.
		///
		/// Emits `CompanyPrefixRevoked`. Complexity: O(`MaxCompanyPrefixesPerOrganization`).
		#[pallet::call_index(12)]
		pub fn revoke_company_prefix(
			origin: OriginFor<T>,
			prefix: CompanyPrefix,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			let org =
				CompanyPrefixOwners::<T>::get(&prefix).ok_or(Error::<T>::CompanyPrefixNotFound)?;
			CompanyPrefixOwners::<T>::remove(&prefix);
			for stem in Self::proper_stems(&prefix) {
				CompanyPrefixStems::<T>::mutate_exists(stem, |count| {
					*count = count.and_then(|c| c.checked_sub(1)).filter(|c| *c > 0);
				});
			}
			OrganizationCompanyPrefixes::<T>::mutate_exists(org, |held| {
				if let Some(list) = held {
					list.retain(|p| p != &prefix);
					if list.is_empty() {
						*held = None;
					}
				}
			});
			Self::deposit_event(Event::CompanyPrefixRevoked { org, prefix });
			Ok(())
		}

		/// Invite `who` to be an organisation's privacy officer, who reviews the emergency
		/// (break-glass) accesses of the organisation's staff. The organisation's admin may not
		/// choose its own reviewer (AUDIT L-14). `who` becomes the organisation's practitioner,
		/// with the role `PrivacyOfficer`, only when it accepts with
		/// [`Pallet::accept_practitioner_invitation`], within `InvitationLifetime`.
		///
		/// - Origin: `ConsortiumOrigin`; the organisation must be active.
		/// - `who`: the privacy officer's account; it must not act for any organisation yet (a
		///   practitioner of the organisation is first removed by its admin).
		/// - `license_hash`: hash of the professional licence number (never the number).
		/// - `valid_until`: when the privacy officer's rights end by themselves (timestamp,
		///   ms); must be in the future.
		///
		/// As with [`Pallet::add_practitioner`], inviting an account again replaces the terms of
		/// its invitation and restarts its lifetime, and the invitation takes one of the
		/// organisation's `MaxPendingInvitations` places. The admin may still cancel the
		/// invitation, and remove the privacy officer once it has joined.
		/// Emits `PrivacyOfficerInvited`. Complexity: O(1).
		#[pallet::call_index(13)]
		pub fn invite_privacy_officer(
			origin: OriginFor<T>,
			org: OrgId,
			who: AccountIdLookupOf<T>,
			license_hash: H256,
			valid_until: Option<Moment>,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			let who = T::Lookup::lookup(who)?;
			let organization =
				Organizations::<T>::get(org).ok_or(Error::<T>::OrganizationNotFound)?;
			ensure!(organization.status == OrgStatus::Active, Error::<T>::OrganizationInactive);
			let expires_at = Self::invite(
				org,
				&organization,
				&who,
				PractitionerRole::PrivacyOfficer,
				license_hash,
				valid_until,
			)?;
			Self::deposit_event(Event::PrivacyOfficerInvited {
				org,
				practitioner: who,
				valid_until,
				expires_at,
			});
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// `name` as a stored organisation name, or why it cannot be one.
	fn checked_name(name: Vec<u8>) -> Result<OrganizationName<T>, Error<T>> {
		ensure!(!name.is_empty(), Error::<T>::EmptyName);
		OrganizationName::<T>::try_from(name).map_err(|_| Error::<T>::NameTooLong)
	}

	/// Refuses an account that already administers an organisation.
	fn ensure_not_admin(who: &T::AccountId) -> Result<(), Error<T>> {
		ensure!(!AdministeredOrganization::<T>::contains_key(who), Error::<T>::AlreadyAdmin);
		Ok(())
	}

	/// `who` is no privacy officer, who may not hold an admin role (AUDIT L-14).
	fn ensure_not_privacy_officer(who: &T::AccountId) -> Result<(), Error<T>> {
		ensure!(
			Practitioners::<T>::get(who).is_none_or(|p| p.role != PractitionerRole::PrivacyOfficer),
			Error::<T>::PrivacyOfficerAsAdmin
		);
		Ok(())
	}

	/// `None` for `ConsortiumOrigin`, the signer otherwise; any other origin is refused.
	fn admin_or_governance(origin: OriginFor<T>) -> Result<Option<T::AccountId>, DispatchError> {
		match T::ConsortiumOrigin::try_origin(origin) {
			Ok(_) => Ok(None),
			Err(origin) => Ok(Some(ensure_signed(origin)?)),
		}
	}

	/// Stores a new active organisation under the next id, which it returns; the caller has
	/// checked that `admin` administers no organisation.
	fn insert_organization(
		admin: T::AccountId,
		kind: OrgKind,
		name: OrganizationName<T>,
		license_hash: H256,
	) -> Result<OrgId, Error<T>> {
		let org = NextOrganizationId::<T>::get();
		let next = org.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		AdministeredOrganization::<T>::insert(&admin, org);
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

	/// Moves the admin index of `org` from `from` to `to`. `from` keeps an entry naming another
	/// organisation (only possible on a chain migrated from before the index, see
	/// [`crate::migrations::v1`]).
	fn move_admin_index(org: OrgId, from: &T::AccountId, to: &T::AccountId) {
		AdministeredOrganization::<T>::mutate_exists(from, |entry| {
			if *entry == Some(org) {
				*entry = None;
			}
		});
		AdministeredOrganization::<T>::insert(to, org);
	}

	/// Stores `who` as a practitioner of the existing organisation `org`, without invitation
	/// (genesis and other pallets' benchmarks).
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
			role != PractitionerRole::PrivacyOfficer
				|| !AdministeredOrganization::<T>::contains_key(who),
			Error::<T>::PrivacyOfficerAsAdmin
		);
		ensure!(
			organization.practitioners < T::MaxPractitionersPerOrganization::get(),
			Error::<T>::TooManyPractitioners
		);
		organization.practitioners = organization.practitioners.saturating_add(1);
		Practitioners::<T>::insert(who, Practitioner { org, role, license_hash, valid_until });
		Ok(())
	}

	/// Stores (or renews) the invitation of `who` to `organization` (whose id is `org`) with
	/// `role`, after checking that it could be accepted, and returns when it lapses. The caller
	/// has checked the origin and the organisation's status.
	fn invite(
		org: OrgId,
		organization: &OrganizationOf<T>,
		who: &T::AccountId,
		role: PractitionerRole,
		license_hash: H256,
		valid_until: Option<Moment>,
	) -> Result<Moment, Error<T>> {
		let now = T::Time::now();
		if let Some(until) = valid_until {
			ensure!(until > now, Error::<T>::ValidityAlreadyEnded);
		}
		ensure!(!Practitioners::<T>::contains_key(who), Error::<T>::AlreadyPractitioner);
		ensure!(
			organization.practitioners < T::MaxPractitionersPerOrganization::get(),
			Error::<T>::TooManyPractitioners
		);
		let renewed = Invitations::<T>::contains_key(who, org);
		let pending = PendingInvitations::<T>::get(org);
		if !renewed {
			ensure!(pending < T::MaxPendingInvitations::get(), Error::<T>::TooManyInvitations);
		}
		let expires_at = now.saturating_add(T::InvitationLifetime::get());
		Invitations::<T>::insert(
			who,
			org,
			Invitation { role, license_hash, valid_until, expires_at },
		);
		if !renewed {
			PendingInvitations::<T>::insert(org, pending.saturating_add(1));
		}
		Ok(expires_at)
	}

	/// Removes the invitation of `who` by `org`, which exists, and uncounts it.
	fn forget_invitation(who: &T::AccountId, org: OrgId) {
		Invitations::<T>::remove(who, org);
		PendingInvitations::<T>::mutate_exists(org, |pending| {
			*pending = pending.and_then(|p| p.checked_sub(1)).filter(|p| *p > 0);
		});
	}

	fn ensure_active_admin(
		organization: &OrganizationOf<T>,
		who: &T::AccountId,
	) -> Result<(), Error<T>> {
		ensure!(&organization.admin == who, Error::<T>::NotOrganizationAdmin);
		ensure!(organization.status == OrgStatus::Active, Error::<T>::OrganizationInactive);
		Ok(())
	}

	/// Whether a practitioner's validity still holds at the chain's current time.
	fn is_valid_now(practitioner: &Practitioner) -> bool {
		practitioner.valid_until.is_none_or(|until| T::Time::now() < until)
	}

	/// `prefix` if it is 6 to 12 ASCII digits.
	fn checked_company_prefix(prefix: &[u8]) -> Result<CompanyPrefix, Error<T>> {
		let length = u32::try_from(prefix.len()).map_err(|_| Error::<T>::InvalidCompanyPrefix)?;
		ensure!(
			(MIN_COMPANY_PREFIX_LENGTH..=MAX_COMPANY_PREFIX_LENGTH).contains(&length)
				&& prefix.iter().all(u8::is_ascii_digit),
			Error::<T>::InvalidCompanyPrefix
		);
		CompanyPrefix::try_from(prefix.to_vec()).map_err(|_| Error::<T>::InvalidCompanyPrefix)
	}

	/// The beginnings of `digits` that could be company prefixes, shortest first, `digits`
	/// itself included when it is short enough.
	fn stems(digits: &[u8]) -> impl Iterator<Item = CompanyPrefix> + '_ {
		(MIN_COMPANY_PREFIX_LENGTH..=MAX_COMPANY_PREFIX_LENGTH)
			.map_while(move |length| digits.get(..usize::try_from(length).ok()?))
			.filter_map(|stem| CompanyPrefix::try_from(stem.to_vec()).ok())
	}

	/// The beginnings of the valid prefix `prefix` that could be company prefixes, itself
	/// excluded.
	fn proper_stems(prefix: &CompanyPrefix) -> impl Iterator<Item = CompanyPrefix> + '_ {
		Self::stems(prefix).filter(move |stem| stem.len() < prefix.len())
	}

	/// Assigns the valid `prefix` to `org` after checking that it can be.
	fn insert_company_prefix(org: OrgId, prefix: CompanyPrefix) -> Result<(), Error<T>> {
		let organization = Organizations::<T>::get(org).ok_or(Error::<T>::OrganizationNotFound)?;
		ensure!(organization.status != OrgStatus::Revoked, Error::<T>::OrganizationRevoked);
		ensure!(
			!CompanyPrefixOwners::<T>::contains_key(&prefix),
			Error::<T>::CompanyPrefixAlreadyAssigned
		);
		ensure!(
			!CompanyPrefixStems::<T>::contains_key(&prefix)
				&& !Self::proper_stems(&prefix).any(CompanyPrefixOwners::<T>::contains_key),
			Error::<T>::CompanyPrefixOverlaps
		);
		let mut held = OrganizationCompanyPrefixes::<T>::get(org);
		held.try_push(prefix.clone()).map_err(|_| Error::<T>::TooManyCompanyPrefixes)?;
		OrganizationCompanyPrefixes::<T>::insert(org, held);
		for stem in Self::proper_stems(&prefix) {
			CompanyPrefixStems::<T>::mutate(stem, |count| *count = count.saturating_add(1));
		}
		CompanyPrefixOwners::<T>::insert(prefix, org);
		Ok(())
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

	/// Two reads: the admin index, then the organisation.
	fn administered_organization(who: &T::AccountId) -> Option<(OrgId, OrgKind)> {
		let org = AdministeredOrganization::<T>::get(who)?;
		Organizations::<T>::get(org)
			.filter(|o| o.status == OrgStatus::Active && &o.admin == who)
			.map(|o| (org, o.kind))
	}

	/// At most 7 reads, one per prefix length from 6 to 12 digits; the owner whatever its
	/// status (callers ask its standing separately).
	fn company_prefix_owner(digits: &[u8]) -> Option<OrgId> {
		Self::stems(digits).find_map(CompanyPrefixOwners::<T>::get)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmarks(
		kind: OrgKind,
		admin: &T::AccountId,
		practitioner: &T::AccountId,
		role: PractitionerRole,
	) -> OrgId {
		let name = OrganizationName::<T>::truncate_from(b"Benchmark organisation".to_vec());
		// An account administers one organisation: a second request for the same admin gets
		// its organisation back.
		let org = match AdministeredOrganization::<T>::get(admin) {
			Some(org) => org,
			None => Self::insert_organization(admin.clone(), kind, name, H256::zero())
				.unwrap_or_default(),
		};
		let _ = Self::insert_practitioner(org, practitioner, role, H256::zero(), None);
		org
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn assign_company_prefix_for_benchmarks(org: OrgId, prefix: &[u8]) {
		let Ok(prefix) = Self::checked_company_prefix(prefix) else { return };
		// A prefix the genesis gave another organisation (the development preset's demo
		// manufacturer holds the benchmarks' `0614141`) moves to `org`.
		if CompanyPrefixOwners::<T>::get(&prefix).is_some_and(|owner| owner != org) {
			if let Ok(origin) = T::ConsortiumOrigin::try_successful_origin() {
				let _ = Self::revoke_company_prefix(origin, prefix.clone());
			}
		}
		let _ = Self::insert_company_prefix(org, prefix);
	}
}
