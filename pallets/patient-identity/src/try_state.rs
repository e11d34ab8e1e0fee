//! The pallet's invariants, checked after every unit test and by `try-runtime`.

use super::*;
use alloc::{collections::btree_map::BTreeMap, vec::Vec};

impl<T: Config> Pallet<T> {
	/// - an active patient has 1 to `MaxControllers` distinct controllers, a non-zero key, and a
	///   guardian count equal to its stored guardianships, within `MaxGuardians`; no controller
	///   is also a guardian; each guardianship's appointment number is distinct among the
	///   patient's, from 1 to the patient's latest ([`GuardianAppointments`]);
	/// - a deactivated patient keeps nothing but its last controllers (distinct, for erasure):
	///   a zero key, no guardians, no appointment count, no free-call count, no vouching,
	///   nothing pending, no probation;
	/// - every pending recovery, guardianship or deactivation and every probation belongs to an
	///   active patient; a pending deactivation was asked for by a current controller;
	/// - every guardianship and vouching belongs to an active patient; every free-call count
	///   belongs to an active patient a registrar vouched for, and no count exceeds the allowance;
	/// - every controller account, current or last of a tombstone, and every kept account holds
	///   a sufficient reference (so that it can transact without a balance, and is never
	///   reaped);
	/// - the deposit ledger matches what each account keeps: every recorded depositor belongs
	///   to a stored patient or guardianship, and each account's footprint in [`Deposits`] is
	///   exactly its patients (with their vouchings while they last), the guardianships it
	///   appointed, and the recoveries and guardianships it asked for that are pending; no ledger entry is empty, and no depositor lacks a ledger entry.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		Self::try_state_deposits()?;
		let mut controllers_seen: Vec<T::AccountId> = Vec::new();
		for (patient, record) in Patients::<T>::iter() {
			for (i, controller) in record.controllers.iter().enumerate() {
				ensure!(
					!record.controllers.iter().skip(i.saturating_add(1)).any(|c| c == controller),
					"a controller is listed twice"
				);
				controllers_seen.push(controller.clone());
			}
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
					for controller in record.controllers.iter() {
						ensure!(
							!Guardians::<T>::contains_key(patient, controller),
							"a controller is also a guardian"
						);
					}
					let latest = GuardianAppointments::<T>::get(patient);
					let mut appointments: Vec<u32> = Guardians::<T>::iter_prefix_values(patient)
						.map(|g| g.appointment)
						.collect();
					ensure!(
						appointments.iter().all(|n| (1..=latest).contains(n)),
						"a guardianship's appointment number was never given"
					);
					appointments.sort_unstable();
					ensure!(
						appointments.windows(2).all(|pair| pair.first() != pair.get(1)),
						"two guardianships of a patient share an appointment number"
					);
					let mut consenting: Vec<ConsentingAppointment<T::AccountId>> =
						Guardians::<T>::iter_prefix(patient)
							.filter_map(|(guardian, g)| ConsentingAppointment::of(guardian, &g))
							.collect();
					consenting.sort_by_key(|a| a.appointment);
					let mut listed = ConsentingAppointments::<T>::get(patient).into_inner();
					listed.sort_by_key(|a| a.appointment);
					ensure!(
						listed == consenting,
						"the consenting appointments differ from the guardianships that may consent"
					);
					if let Some(pending) = PendingDeactivations::<T>::get(patient) {
						ensure!(
							record.controllers.contains(&pending.by),
							"a pending deactivation asked for by a non-controller"
						);
					}
				}
				PatientStatus::Deactivated => {
					ensure!(
						!PendingRecoveries::<T>::contains_key(patient)
							&& !PendingGuardianships::<T>::contains_key(patient)
							&& !PendingDeactivations::<T>::contains_key(patient)
							&& !Probations::<T>::contains_key(patient),
						"a deactivated patient kept something pending"
					);
					ensure!(
						!ConsentingAppointments::<T>::contains_key(patient),
						"a deactivated patient kept consenting appointments"
					);
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
						!GuardianAppointments::<T>::contains_key(patient),
						"a deactivated patient kept its appointment count"
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
		for patient in GuardianAppointments::<T>::iter_keys() {
			ensure!(
				<Self as PatientDirectory<T::AccountId>>::is_active(&patient),
				"an appointment count of an unknown or deactivated patient"
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
		for patient in PendingRecoveries::<T>::iter_keys()
			.chain(PendingGuardianships::<T>::iter_keys())
			.chain(PendingDeactivations::<T>::iter_keys())
			.chain(Probations::<T>::iter_keys())
		{
			ensure!(
				<Self as PatientDirectory<T::AccountId>>::is_active(&patient),
				"something pending for an unknown or deactivated patient"
			);
		}
		for account in controllers_seen.into_iter().chain(KeptAccounts::<T>::iter_keys()) {
			ensure!(
				frame_system::Pallet::<T>::sufficients(&account) > 0,
				"a controller or kept account lacks its sufficient reference"
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
		for (_, pending) in PendingRecoveries::<T>::iter() {
			add(pending.by, Self::pending_recovery_bytes());
		}
		for (_, pending) in PendingGuardianships::<T>::iter() {
			add(
				pending.by,
				Self::guardianship_bytes().saturating_add(Self::pending_guardianship_bytes()),
			);
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
