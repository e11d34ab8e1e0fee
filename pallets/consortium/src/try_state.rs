//! The registry's invariants, checked after every unit test and by `try-runtime`.

use super::*;
use alloc::collections::btree_map::BTreeMap;

impl<T: Config> Pallet<T> {
	/// - every organisation id is below `NextOrganizationId`, and its name is non-empty;
	/// - every organisation's practitioner count equals its practitioners, within the bound;
	/// - every practitioner's organisation exists.
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
		for (org, organization) in Organizations::<T>::iter() {
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
		}
		Ok(())
	}
}
