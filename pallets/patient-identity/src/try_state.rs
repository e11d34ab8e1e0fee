//! The pallet's invariants, checked after every unit test and by `try-runtime`.

use super::*;
use alloc::collections::btree_map::BTreeMap;

impl<T: Config> Pallet<T> {
	/// - an active patient has 1 to `MaxControllers` distinct controllers, a non-zero key, and a
	///   guardian count equal to its stored guardianships, within `MaxGuardians`; no controller
	///   is also a guardian;
	/// - a deactivated patient keeps nothing: no controllers, a zero key, no guardians, no
	///   free-call count, no vouching;
	/// - every guardianship and vouching belongs to an active patient; every free-call count
	///   belongs to an active patient a registrar vouched for, and no count exceeds the allowance;
	/// - every controller account holds at least one sufficient reference per patient it
	///   controls (so that it can transact without a balance);
	/// - the deposit ledger matches what each account keeps: every recorded depositor belongs
	///   to a stored patient or guardianship, and each account's footprint in [`Deposits`] is
	///   exactly its patients (with their vouchings while they last) and the guardianships it
	///   appointed; no ledger entry is empty, and no depositor lacks a ledger entry.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		Self::try_state_deposits()?;
		let mut controlled: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		for (patient, record) in Patients::<T>::iter() {
			let guardians = Guardians::<T>::iter_prefix(patient).count() as u32;
			match record.status {
				PatientStatus::Active => {
					ensure!(!record.controllers.is_empty(), "an active patient has no controller");
					ensure!(record.encryption_key != [0u8; 32], "an active patient has a zero key");
					ensure!(record.guardians == guardians, "a patient's guardian count is wrong");
					ensure!(
						guardians <= T::MaxGuardians::get(),
						"a patient has more guardians than allowed"
					);
					for (i, controller) in record.controllers.iter().enumerate() {
						ensure!(
							!record
								.controllers
								.iter()
								.skip(i.saturating_add(1))
								.any(|c| c == controller),
							"a controller is listed twice"
						);
						ensure!(
							!Guardians::<T>::contains_key(patient, controller),
							"a controller is also a guardian"
						);
						let count = controlled.entry(controller.clone()).or_default();
						*count = count.saturating_add(1);
					}
				}
				PatientStatus::Deactivated => {
					ensure!(record.controllers.is_empty(), "a deactivated patient has controllers");
					ensure!(
						record.encryption_key == [0u8; 32],
						"a deactivated patient kept its key"
					);
					ensure!(
						record.guardians == 0 && guardians == 0,
						"a deactivated patient kept guardians"
					);
					ensure!(
						!FreeCalls::<T>::contains_key(patient),
						"a deactivated patient kept a free-call count"
					);
					ensure!(
						!VouchedPatients::<T>::contains_key(patient),
						"a deactivated patient kept its vouching"
					);
				}
			}
		}
		for (patient, _, _) in Guardians::<T>::iter() {
			ensure!(
				<Self as PatientDirectory<T::AccountId>>::is_active(&patient),
				"a guardianship of an unknown or deactivated patient"
			);
		}
		for patient in VouchedPatients::<T>::iter_keys() {
			ensure!(
				<Self as PatientDirectory<T::AccountId>>::is_active(&patient),
				"a vouching for an unknown or deactivated patient"
			);
		}
		for (patient, usage) in FreeCalls::<T>::iter() {
			ensure!(
				<Self as PatientDirectory<T::AccountId>>::is_active(&patient),
				"a free-call count of an unknown or deactivated patient"
			);
			ensure!(
				VouchedPatients::<T>::contains_key(patient),
				"a free-call count of a patient no registrar vouched for"
			);
			ensure!(
				usage.used <= T::FreeCallsPerPeriod::get(),
				"a free-call count over the allowance"
			);
		}
		for (account, patients) in controlled {
			ensure!(
				frame_system::Pallet::<T>::sufficients(&account) >= patients,
				"a controller lacks its sufficient references"
			);
		}
		Ok(())
	}

	/// The deposit ledger matches the patients and guardianships that record a depositor.
	fn try_state_deposits() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut expected: BTreeMap<T::AccountId, Footprint> = BTreeMap::new();
		let mut add = |who: T::AccountId, bytes: u64| {
			let footprint = expected.entry(who).or_insert(Footprint { count: 0, size: 0 });
			footprint.count = footprint.count.saturating_add(1);
			footprint.size = footprint.size.saturating_add(bytes);
		};
		for (patient, depositor) in PatientDepositors::<T>::iter() {
			ensure!(Patients::<T>::contains_key(patient), "a depositor of an unknown patient");
			let vouching = if VouchedPatients::<T>::contains_key(patient) {
				Self::vouching_bytes()
			} else {
				0
			};
			add(depositor, Self::patient_bytes().saturating_add(vouching));
		}
		for (patient, guardian, depositor) in GuardianDepositors::<T>::iter() {
			ensure!(
				Guardians::<T>::contains_key(patient, &guardian),
				"a depositor of an unknown guardianship"
			);
			add(depositor, Self::guardianship_bytes());
		}
		for (account, held) in Deposits::<T>::iter() {
			ensure!(held.footprint.count > 0, "an empty deposit ledger entry");
			ensure!(
				expected.remove(&account) == Some(held.footprint),
				"a deposit ledger entry does not match what its account keeps"
			);
		}
		ensure!(expected.is_empty(), "a depositor without a deposit ledger entry");
		Ok(())
	}
}
