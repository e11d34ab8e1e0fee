//! The registry's invariants, checked after every unit test and by `try-runtime`.

use super::*;
use alloc::collections::btree_map::BTreeMap;

impl<T: Config> Pallet<T> {
	/// - every organisation id is below `NextOrganizationId`, and its name is non-empty;
	/// - every organisation's practitioner count equals its practitioners, within the bound;
	/// - every practitioner's organisation exists;
	/// - the admin index names each organisation's admin and nothing else (so an account
	///   administers at most one organisation); a pending admin is another account;
	/// - every organisation's pending-invitation count equals its invitations, within the bound;
	/// - every assigned company prefix is valid, listed with its organisation (and the lists
	///   name nothing else, within the bound), starts with no other assigned prefix, and the
	///   stem counts are exactly those of the assigned prefixes.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextOrganizationId::<T>::get();
		let mut counted: BTreeMap<OrgId, u32> = BTreeMap::new();
		for (_, practitioner) in Practitioners::<T>::iter() {
			ensure!(
				Organizations::<T>::contains_key(practitioner.org),
				"a practitioner belongs to an unknown organisation"
			);
			let count = counted.entry(practitioner.org).or_default();
			*count = count.saturating_add(1);
		}
		let mut organizations: u32 = 0;
		for (org, organization) in Organizations::<T>::iter() {
			organizations = organizations.saturating_add(1);
			ensure!(org < next, "an organisation id is not below NextOrganizationId");
			ensure!(!organization.name.is_empty(), "an organisation has an empty name");
			ensure!(
				organization.practitioners == counted.get(&org).copied().unwrap_or_default(),
				"an organisation's practitioner count is wrong"
			);
			ensure!(
				organization.practitioners <= T::MaxPractitionersPerOrganization::get(),
				"an organisation has more practitioners than allowed"
			);
			ensure!(
				AdministeredOrganization::<T>::get(&organization.admin) == Some(org),
				"an organisation's admin is missing from the admin index"
			);
		}
		ensure!(
			AdministeredOrganization::<T>::iter().count() == organizations as usize,
			"the admin index names an account that administers nothing"
		);
		for (org, proposed) in PendingAdmin::<T>::iter() {
			let organization = Organizations::<T>::get(org)
				.ok_or("an admin transfer of an unknown organisation")?;
			ensure!(organization.admin != proposed, "an admin transfer to the admin itself");
		}
		Self::check_invitations()?;
		Self::check_company_prefixes()
	}

	fn check_invitations() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut invited: BTreeMap<OrgId, u32> = BTreeMap::new();
		for (_, org, _) in Invitations::<T>::iter() {
			ensure!(
				Organizations::<T>::contains_key(org),
				"an invitation of an unknown organisation"
			);
			let count = invited.entry(org).or_default();
			*count = count.saturating_add(1);
		}
		let counters: BTreeMap<OrgId, u32> = PendingInvitations::<T>::iter().collect();
		ensure!(counters == invited, "a pending-invitation count is wrong");
		ensure!(
			counters.values().all(|c| *c > 0 && *c <= T::MaxPendingInvitations::get()),
			"an organisation has more invitations pending than allowed"
		);
		Ok(())
	}

	fn check_company_prefixes() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut stems: BTreeMap<CompanyPrefix, u32> = BTreeMap::new();
		let mut assigned: u32 = 0;
		for (prefix, org) in CompanyPrefixOwners::<T>::iter() {
			assigned = assigned.saturating_add(1);
			ensure!(
				Self::checked_company_prefix(&prefix).is_ok(),
				"an assigned company prefix is invalid"
			);
			ensure!(
				OrganizationCompanyPrefixes::<T>::get(org).contains(&prefix),
				"an assigned company prefix is not listed with its organisation"
			);
			for stem in Self::proper_stems(&prefix) {
				ensure!(
					!CompanyPrefixOwners::<T>::contains_key(&stem),
					"an assigned company prefix starts with another"
				);
				let count = stems.entry(stem).or_default();
				*count = count.saturating_add(1);
			}
		}
		let mut listed: u32 = 0;
		for (org, prefixes) in OrganizationCompanyPrefixes::<T>::iter() {
			ensure!(!prefixes.is_empty(), "an empty company-prefix list is stored");
			for prefix in prefixes {
				listed = listed.saturating_add(1);
				ensure!(
					CompanyPrefixOwners::<T>::get(&prefix) == Some(org),
					"an organisation lists a company prefix it does not own"
				);
			}
		}
		ensure!(listed == assigned, "a company prefix is listed twice");
		let stored: BTreeMap<CompanyPrefix, u32> = CompanyPrefixStems::<T>::iter().collect();
		ensure!(stored == stems, "the company-prefix stem counts are wrong");
		Ok(())
	}
}
