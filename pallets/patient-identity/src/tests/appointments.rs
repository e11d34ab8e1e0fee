//! Guardian appointment numbers: `PatientDirectory::guardian_appointment`, the count behind it,
//! and the migration that numbered the guardianships stored before.

use super::*;
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

fn appointment(who: u64) -> Option<u32> {
	<Identity as PatientDirectory<u64>>::guardian_appointment(&patient(1), &who)
}

fn appoint(guardian: u64, scope: GuardianScope, valid_until: Option<u64>) {
	assert_ok!(Identity::add_guardian(signed(ALICE), patient(1), guardian, scope, valid_until));
}

/// Asks for a court-appointed guardianship of `guardian` by `by` and applies it after the delay.
fn appoint_by_authority(by: u64, guardian: u64) {
	assert_ok!(Identity::add_guardian(signed(by), patient(1), guardian, GuardianScope::Full, None));
	run_to(System::block_number() + AUTHORITY_DELAY);
	assert_ok!(Identity::finalize_guardianship(signed(STRANGER), patient(1)));
}

#[test]
fn a_reappointed_guardian_holds_a_new_appointment() {
	ExtBuilder::default().build_and_execute(|| {
		register_alice();
		assert_eq!(appointment(CAROL), None);
		appoint(CAROL, GuardianScope::ConsentOnly, None);
		let first = appointment(CAROL);
		assert!(first.is_some());
		assert_ok!(Identity::remove_guardian(signed(ALICE), patient(1), CAROL));
		assert_eq!(appointment(CAROL), None);
		appoint(CAROL, GuardianScope::ConsentOnly, None);
		let second = appointment(CAROL);
		assert!(second.is_some());
		assert_ne!(second, first);
		// Controllers and strangers hold no appointment.
		assert_eq!((appointment(ALICE), appointment(STRANGER)), (None, None));
	});
}

#[test]
fn every_appointment_of_a_patient_gets_a_number_of_its_own() {
	ExtBuilder::default().build_and_execute(|| {
		register_alice();
		appoint(CAROL, GuardianScope::Full, None);
		appoint_by_authority(HOSPITAL_PRIVACY_OFFICER, DAVE);
		assert_eq!((appointment(CAROL), appointment(DAVE)), (Some(1), Some(2)));
		assert_eq!(Guardians::<Test>::get(patient(1), DAVE).map(|g| g.appointment), Some(2));
		// A removed guardianship's number is not given again, to the same account or another.
		assert_ok!(Identity::remove_guardian(signed(ALICE), patient(1), CAROL));
		assert_ok!(Identity::remove_guardian(signed(ALICE), patient(1), DAVE));
		appoint(DAVE, GuardianScope::ReadOnly, None);
		appoint(CAROL, GuardianScope::ReadOnly, None);
		assert_eq!((appointment(DAVE), appointment(CAROL)), (Some(3), Some(4)));
		assert_eq!(GuardianAppointments::<Test>::get(patient(1)), 4);
		// Numbers are per patient.
		register_alice_for(2);
		assert_ok!(Identity::add_guardian(
			signed(ALICE),
			patient(2),
			CAROL,
			GuardianScope::Full,
			None
		));
		assert_eq!(
			<Identity as PatientDirectory<u64>>::guardian_appointment(&patient(2), &CAROL),
			Some(1)
		);
	});
}

#[test]
fn an_ended_guardianship_or_a_deactivated_patient_answers_no_appointment() {
	ExtBuilder::default().build_and_execute(|| {
		register_alice();
		let majority = GENESIS_TIME + 1_000;
		appoint(CAROL, GuardianScope::Full, Some(majority));
		appoint(DAVE, GuardianScope::ReadOnly, None);
		set_time(majority - 1);
		assert_eq!(appointment(CAROL), Some(1));
		set_time(majority);
		assert_eq!(appointment(CAROL), None, "the guardianship ended");
		assert!(Guardians::<Test>::contains_key(patient(1), CAROL), "though still stored");
		assert_eq!(appointment(DAVE), Some(2));
		assert_ok!(Identity::deactivate_patient(signed(ALICE), patient(1)));
		assert_eq!(appointment(DAVE), None);
		// The tombstone keeps no count: nobody can be appointed for it any more.
		assert!(!GuardianAppointments::<Test>::contains_key(patient(1)));
		assert_eq!(
			<Identity as PatientDirectory<u64>>::guardian_appointment(&patient(9), &CAROL),
			None
		);
	});
}

#[test]
fn no_guardian_is_appointed_once_the_numbers_are_used_up() {
	ExtBuilder::default().build_and_execute(|| {
		register_alice();
		assert_ok!(Identity::add_guardian(
			signed(HOSPITAL_PRIVACY_OFFICER),
			patient(1),
			DAVE,
			GuardianScope::Full,
			None
		));
		run_to(1 + AUTHORITY_DELAY);
		GuardianAppointments::<Test>::insert(patient(1), u32::MAX);
		assert_noop!(
			Identity::add_guardian(signed(ALICE), patient(1), CAROL, GuardianScope::Full, None),
			Error::<Test>::IdsExhausted
		);
		assert_noop!(
			Identity::finalize_guardianship(signed(STRANGER), patient(1)),
			Error::<Test>::IdsExhausted
		);
		assert_eq!((appointment(CAROL), appointment(DAVE)), (None, None));
		assert_ok!(Identity::veto_guardianship(signed(ALICE), patient(1)));
	});
}

#[test]
fn the_invariants_catch_a_repeated_or_never_given_appointment_number() {
	ExtBuilder::default().build().execute_with(|| {
		register_alice();
		appoint(CAROL, GuardianScope::Full, None);
		appoint(DAVE, GuardianScope::Full, None);
		assert_ok!(Identity::do_try_state());
		Guardians::<Test>::mutate(patient(1), DAVE, |g| {
			if let Some(g) = g {
				g.appointment = 1;
			}
		});
		assert!(Identity::do_try_state().is_err(), "two guardianships share number 1");
		Guardians::<Test>::mutate(patient(1), DAVE, |g| {
			if let Some(g) = g {
				g.appointment = 3;
			}
		});
		assert!(Identity::do_try_state().is_err(), "number 3 was never given");
		GuardianAppointments::<Test>::insert(patient(1), 3);
		// Dave's appointment is listed among those that may consent under its own number.
		assert!(Identity::do_try_state().is_err(), "the consenting list still says 2");
		ConsentingAppointments::<Test>::mutate(patient(1), |list| {
			for a in list.iter_mut().filter(|a| a.appointment == 2) {
				a.appointment = 3;
			}
		});
		assert_ok!(Identity::do_try_state());
		assert_ok!(Identity::deactivate_patient(signed(ALICE), patient(1)));
		GuardianAppointments::<Test>::insert(patient(1), 3);
		assert!(Identity::do_try_state().is_err(), "a tombstone kept its count");
	});
}

/// Writes `patient(1)`'s guardianship of `guardian` as it was stored before version 1.
fn store_as_before_v1(guardian: u64) {
	let g = Guardians::<Test>::get(patient(1), guardian).expect("a guardianship");
	let old = crate::migrations::v1::OldGuardianship { scope: g.scope, valid_until: g.valid_until };
	frame_support::storage::unhashed::put(
		&Guardians::<Test>::hashed_key_for(patient(1), guardian),
		&old,
	);
}

#[test]
fn the_migration_numbers_stored_guardianships_and_grows_their_deposits() {
	ExtBuilder::default().build_and_execute(|| {
		use crate::migrations::v1;
		register_alice();
		appoint(CAROL, GuardianScope::ConsentOnly, Some(GENESIS_TIME + 1_000));
		appoint_by_authority(HOSPITAL_PRIVACY_OFFICER, DAVE);
		// A court-appointed guardianship pending for another patient (the first has no room).
		register_alice_for(2);
		assert_ok!(Identity::add_guardian(
			signed(REGULATOR_INSPECTOR),
			patient(2),
			BOB,
			GuardianScope::ReadOnly,
			None
		));
		let held_after = (held(HOSPITAL_PRIVACY_OFFICER), held(REGULATOR_INSPECTOR));
		// The chain as it was before version 1: guardianships without numbers, no count, and
		// deposits for guardianships of the old size.
		for guardian in [CAROL, DAVE] {
			store_as_before_v1(guardian);
		}
		GuardianAppointments::<Test>::remove(patient(1));
		for depositor in [HOSPITAL_PRIVACY_OFFICER, REGULATOR_INSPECTOR] {
			assert_ok!(medchain_primitives::deposit::release::<_, Deposit, Deposits<Test>>(
				&depositor,
				0,
				v1::added_bytes()
			));
		}
		assert_eq!(v1::added_bytes(), 4);
		assert_eq!(held(HOSPITAL_PRIVACY_OFFICER), held_after.0 - 4 * BYTE_DEPOSIT);
		StorageVersion::new(0).put::<Identity>();

		// With try-runtime, its pre- and post-upgrade checks run too.
		#[cfg(feature = "try-runtime")]
		assert_ok!(v1::MigrateToV1::<Test>::try_on_runtime_upgrade(true));
		#[cfg(not(feature = "try-runtime"))]
		v1::MigrateToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Identity::on_chain_storage_version(), StorageVersion::new(1));
		let mut numbers: Vec<u32> = [CAROL, DAVE]
			.iter()
			.map(|g| Guardians::<Test>::get(patient(1), g).expect("decodes").appointment)
			.collect();
		numbers.sort();
		assert_eq!(numbers, vec![1, 2]);
		assert_eq!(GuardianAppointments::<Test>::get(patient(1)), 2);
		assert_eq!(
			Guardians::<Test>::get(patient(1), CAROL).map(|g| (g.scope, g.valid_until)),
			Some((GuardianScope::ConsentOnly, Some(GENESIS_TIME + 1_000)))
		);
		assert_eq!((held(HOSPITAL_PRIVACY_OFFICER), held(REGULATOR_INSPECTOR)), held_after);
		// Run twice, it does nothing.
		v1::MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(GuardianAppointments::<Test>::get(patient(1)), 2);
		assert_eq!((held(HOSPITAL_PRIVACY_OFFICER), held(REGULATOR_INSPECTOR)), held_after);
		// The next appointment gets a number never given.
		run_to(System::block_number() + AUTHORITY_DELAY);
		assert_ok!(Identity::finalize_guardianship(signed(STRANGER), patient(2)));
		assert_eq!(
			<Identity as PatientDirectory<u64>>::guardian_appointment(&patient(2), &BOB),
			Some(1)
		);
		assert_ok!(Identity::remove_guardian(signed(ALICE), patient(1), CAROL));
		appoint(CAROL, GuardianScope::Full, None);
		assert_eq!(appointment(CAROL), Some(3));
	});
}

fn consenting() -> Vec<u32> {
	let listed = <Identity as PatientDirectory<u64>>::consenting_appointments(&patient(1));
	// Each listed appointment is the one its guardian holds now.
	for (guardian, number) in &listed {
		assert_eq!(appointment(*guardian), Some(*number));
	}
	let mut numbers: Vec<u32> = listed.into_iter().map(|(_, n)| n).collect();
	numbers.sort();
	numbers
}

/// The one-read list of appointments that may consent follows every way a guardianship starts
/// and ends: a controller's appointment, a court's after its delay, removal, the end of its
/// validity and the patient's deactivation; read-only guardians are never in it.
#[test]
fn the_consenting_appointments_follow_the_guardianships() {
	ExtBuilder::default().build_and_execute(|| {
		register_alice();
		assert_eq!(consenting(), Vec::<u32>::new());
		appoint(CAROL, GuardianScope::ConsentOnly, Some(GENESIS_TIME + 1_000));
		appoint(BOB, GuardianScope::ReadOnly, None);
		let carol = appointment(CAROL).expect("in force");
		assert_eq!(consenting(), vec![carol]);
		// Room for a second guardian.
		assert_ok!(Identity::remove_guardian(signed(ALICE), patient(1), BOB));
		assert_eq!(consenting(), vec![carol]);
		appoint_by_authority(HOSPITAL_PRIVACY_OFFICER, DAVE);
		let dave = appointment(DAVE).expect("in force");
		assert_eq!(consenting(), vec![carol, dave]);
		// Each listed appointment is exactly one `guardian_appointment` answers and that may
		// consent.
		for g in [CAROL, DAVE] {
			assert!(<Identity as PatientDirectory<u64>>::may_act(
				&patient(1),
				&g,
				GuardianScope::ConsentOnly
			));
		}
		assert_ok!(Identity::remove_guardian(signed(ALICE), patient(1), DAVE));
		assert_eq!(consenting(), vec![carol]);
		// Carol's guardianship ends by itself: it stays stored, and is no longer listed.
		Timestamp::set_timestamp(GENESIS_TIME + 1_000);
		assert_eq!(appointment(CAROL), None);
		assert_eq!(consenting(), Vec::<u32>::new());
		assert!(ConsentingAppointments::<Test>::contains_key(patient(1)));
		assert_ok!(Identity::remove_guardian(signed(ALICE), patient(1), CAROL));
		assert!(
			!ConsentingAppointments::<Test>::contains_key(patient(1)),
			"an empty list is removed"
		);
		appoint(CAROL, GuardianScope::Full, None);
		assert_eq!(consenting(), vec![appointment(CAROL).expect("in force")]);
		assert_ok!(Identity::deactivate_patient(signed(ALICE), patient(1)));
		assert_eq!(consenting(), Vec::<u32>::new());
		assert!(!ConsentingAppointments::<Test>::contains_key(patient(1)));
	});
}

/// Version 2 lists the guardianships stored before it that may consent; the others, and a
/// second run, change nothing.
#[test]
fn the_migration_lists_the_consenting_appointments_stored_before() {
	ExtBuilder::default().build_and_execute(|| {
		use crate::migrations::v2;
		register_alice();
		appoint(CAROL, GuardianScope::ConsentOnly, Some(GENESIS_TIME + 1_000));
		appoint(BOB, GuardianScope::ReadOnly, None);
		register_alice_for(2);
		assert_ok!(Identity::add_guardian(
			signed(ALICE),
			patient(2),
			DAVE,
			GuardianScope::Full,
			None
		));
		assert_ok!(Identity::add_guardian(
			signed(ALICE),
			patient(2),
			CAROL,
			GuardianScope::Full,
			None
		));
		let expected = ConsentingAppointments::<Test>::get(patient(1));
		assert_eq!(expected.len(), 1, "a read-only guardian is not listed");
		let expected_2 = ConsentingAppointments::<Test>::get(patient(2));
		assert_eq!(expected_2.len(), 2);
		// The chain as it was before version 2: no lists.
		ConsentingAppointments::<Test>::remove(patient(1));
		ConsentingAppointments::<Test>::remove(patient(2));
		StorageVersion::new(1).put::<Identity>();

		#[cfg(feature = "try-runtime")]
		assert_ok!(v2::MigrateToV2::<Test>::try_on_runtime_upgrade(true));
		#[cfg(not(feature = "try-runtime"))]
		v2::MigrateToV2::<Test>::on_runtime_upgrade();

		assert_eq!(Identity::on_chain_storage_version(), StorageVersion::new(2));
		let mut listed = ConsentingAppointments::<Test>::get(patient(1)).into_inner();
		listed.sort_by_key(|a| a.appointment);
		let mut expected = expected.into_inner();
		expected.sort_by_key(|a| a.appointment);
		assert_eq!(listed, expected, "the same appointments, with their ends");
		let mut listed = ConsentingAppointments::<Test>::get(patient(2)).into_inner();
		listed.sort_by_key(|a| a.appointment);
		let mut expected_2 = expected_2.into_inner();
		expected_2.sort_by_key(|a| a.appointment);
		assert_eq!(listed, expected_2);
		v2::MigrateToV2::<Test>::on_runtime_upgrade();
		assert_eq!(ConsentingAppointments::<Test>::get(patient(2)).len(), 2);
	});
}
