//! Storage migrations of the patient registry.

use super::*;

/// Version 1: every guardianship carries its appointment number ([`Guardianship::appointment`],
/// counted per patient in [`GuardianAppointments`]).
pub mod v1 {
	use super::*;
	use frame_support::{migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade};

	/// A guardianship as stored before version 1.
	#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
	pub struct OldGuardianship {
		/// What the guardian may do.
		pub scope: GuardianScope,
		/// When the guardianship ends by itself (timestamp, ms).
		pub valid_until: Option<Moment>,
	}

	/// The bytes a guardianship grew by in version 1: its appointment number.
	pub fn added_bytes() -> u64 {
		Guardianship::max_encoded_len()
			.saturating_sub(OldGuardianship::max_encoded_len())
			.unique_saturated_into()
	}

	/// Numbers every stored guardianship, from 1 per patient in storage order, and records each
	/// patient's latest number. A guardianship is larger by [`added_bytes`], so the deposit of
	/// each practitioner who holds one for a guardianship ([`GuardianDepositors`]) or a pending
	/// guardianship ([`PendingGuardianships`]) grows by as much; a practitioner who cannot hold
	/// the few more planck keeps its deposit as it was (its ledger then shows that many bytes
	/// less, which releases stop at zero). One read and one write per guardianship, and two
	/// reads and writes per deposit: guardianships are bounded by `MaxGuardians` per patient.
	pub struct NumberGuardianships<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for NumberGuardianships<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads: u64 = 0;
			let mut writes: u64 = 0;
			Guardians::<T>::translate::<OldGuardianship, _>(|patient, _, old| {
				let appointment = GuardianAppointments::<T>::get(patient).saturating_add(1);
				GuardianAppointments::<T>::insert(patient, appointment);
				reads = reads.saturating_add(2);
				writes = writes.saturating_add(2);
				Some(Guardianship { scope: old.scope, valid_until: old.valid_until, appointment })
			});
			let depositors = GuardianDepositors::<T>::iter_values()
				.chain(PendingGuardianships::<T>::iter_values().map(|pending| pending.by))
				.collect::<Vec<_>>();
			for depositor in depositors {
				reads = reads.saturating_add(3);
				if Deposits::<T>::contains_key(&depositor) {
					writes = writes.saturating_add(2);
					let _ =
						deposit::hold::<_, T::Deposit, Deposits<T>>(&depositor, 0, added_bytes());
				}
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((Guardians::<T>::iter_keys().count() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u64::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
			let mut after: u64 = 0;
			for (patient, _, guardianship) in Guardians::<T>::iter() {
				after = after.saturating_add(1);
				ensure!(
					(1..=GuardianAppointments::<T>::get(patient))
						.contains(&guardianship.appointment),
					"a guardianship was numbered beyond its patient's count"
				);
			}
			ensure!(after == before, "a guardianship was lost in the migration");
			Ok(())
		}
	}

	/// [`NumberGuardianships`] run once, from storage version 0 to 1.
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		NumberGuardianships<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 2: each patient's guardian appointments that may consent are also listed in one item
/// ([`ConsentingAppointments`]), so that the access check reads them at once.
pub mod v2 {
	use super::*;
	use alloc::collections::btree_map::BTreeMap;
	use frame_support::{migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade};

	/// Lists every stored guardianship whose scope may consent under its patient, in appointment
	/// order. One read per guardianship, one read and write per patient listed: guardianships
	/// are bounded by `MaxGuardians` per patient.
	pub struct ListConsentingAppointments<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for ListConsentingAppointments<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads: u64 = 0;
			let mut writes: u64 = 0;
			let mut lists: BTreeMap<PatientId, Vec<ConsentingAppointment<T::AccountId>>> =
				BTreeMap::new();
			for (patient, guardian, g) in Guardians::<T>::iter() {
				reads = reads.saturating_add(1);
				if let Some(entry) = ConsentingAppointment::of(guardian, &g) {
					lists.entry(patient).or_default().push(entry);
				}
			}
			for (patient, mut list) in lists {
				list.sort_by_key(|a| a.appointment);
				reads = reads.saturating_add(1);
				writes = writes.saturating_add(1);
				// At most `MaxGuardians` guardianships per patient, so nothing is cut.
				ConsentingAppointments::<T>::insert(patient, BoundedVec::truncate_from(list));
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			let consenting = Guardians::<T>::iter_values()
				.filter(|g| g.scope.covers(GuardianScope::ConsentOnly))
				.count() as u64;
			Ok(consenting.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u64::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
			let listed: u64 =
				ConsentingAppointments::<T>::iter_values().map(|l| l.len() as u64).sum();
			ensure!(listed == before, "a consenting appointment was not listed");
			Ok(())
		}
	}

	/// [`ListConsentingAppointments`] run once, from storage version 1 to 2.
	pub type MigrateToV2<T> = VersionedMigration<
		1,
		2,
		ListConsentingAppointments<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
