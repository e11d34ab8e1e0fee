//! Storage migrations of the consortium registry.

use super::*;

/// Version 1: the admin index [`AdministeredOrganization`] (one organisation per admin).
pub mod v1 {
	use super::*;
	use frame_support::{migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade};

	/// Fills the admin index from the organisations. Where one account administered several
	/// organisations (allowed before version 1) the index names the lowest id; governance then
	/// gives the others new admins with `force_set_admin`. One read per organisation and one
	/// write per admin: organisations are few, admitted by governance only.
	pub struct IndexAdmins<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for IndexAdmins<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads: u64 = 0;
			let mut writes: u64 = 0;
			for (org, organization) in Organizations::<T>::iter() {
				reads = reads.saturating_add(2);
				let indexed = AdministeredOrganization::<T>::get(&organization.admin);
				if indexed.is_none_or(|first| org < first) {
					AdministeredOrganization::<T>::insert(&organization.admin, org);
					writes = writes.saturating_add(1);
				}
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			for (_, organization) in Organizations::<T>::iter() {
				ensure!(
					AdministeredOrganization::<T>::contains_key(&organization.admin),
					"an admin is missing from the admin index"
				);
			}
			Ok(())
		}
	}

	/// [`IndexAdmins`] run once, from storage version 0 to 1.
	pub type MigrateToV1<T> =
		VersionedMigration<0, 1, IndexAdmins<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;
}
