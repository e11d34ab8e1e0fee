//! Storage migrations of the records pallet.

use super::*;

/// Version 1: a key envelope is stored with the consent it was shared under (SPEC §7.2), so
/// that it lasts no longer than that consent.
pub mod v1 {
	use super::*;
	use frame_support::{migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade};

	/// Rewrites every key envelope as a [`StoredEnvelope`] bound to no consent. The consent an
	/// envelope stored before version 1 was shared under was never recorded; such an envelope
	/// is handed out as before (while its grantee may read the record), it is purged when its
	/// grantee loses the right for good (`purge_stale_envelope`), and a consent's revocation does
	/// not find it. One read and one write per envelope; envelopes hold no deposit.
	pub struct BindEnvelopes<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for BindEnvelopes<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut n: u64 = 0;
			KeyEnvelopes::<T>::translate::<EnvelopeOf<T>, _>(|_, _, envelope| {
				n = n.saturating_add(1);
				Some(StoredEnvelope { envelope, consent: None })
			});
			T::DbWeight::get().reads_writes(n, n)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((KeyEnvelopes::<T>::iter_keys().count() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = <u64>::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
			ensure!(
				KeyEnvelopes::<T>::iter_values().count() as u64 == before,
				"a key envelope was lost in the migration"
			);
			Ok(())
		}
	}

	/// [`BindEnvelopes`] run once, from storage version 0 to 1.
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		BindEnvelopes<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
