//! Conformance of the test kit's patient registry (`medchain_primitives::mock::TestPatients`):
//! the real pallet and the kit are driven through the same steps, and after each step every
//! `PatientDirectory` method answers the same for every account of the tests. Appointment
//! numbers may differ in value; whether there is one, and whether it changed since the last
//! step, may not.

use super::*;
use medchain_primitives::mock::{patients as kit, TestPatients};
use std::collections::BTreeMap;

type Real = Identity;
type Kit = TestPatients<Timestamp>;

/// The accounts whose answers are compared: controllers, guardians, practitioners, a stranger.
const ACCOUNTS: [u64; 7] =
	[ALICE, BOB, CAROL, DAVE, HOSPITAL_PRIVACY_OFFICER, REGULATOR_INSPECTOR, STRANGER];

const SCOPES: [GuardianScope; 3] =
	[GuardianScope::Full, GuardianScope::ConsentOnly, GuardianScope::ReadOnly];

/// The patient both registries hold (under the id the pallet derived), and one neither holds.
fn patients() -> [PatientId; 2] {
	[patient(1), patient(9)]
}

/// The appointment numbers each registry answered at the last step, to tell whether they
/// changed.
#[derive(Default)]
struct Appointments {
	real: BTreeMap<(PatientId, u64), Option<u32>>,
	kit: BTreeMap<(PatientId, u64), Option<u32>>,
}

impl Appointments {
	/// Compares every answer of the two registries after `step`.
	fn compare(&mut self, step: &str) {
		for p in patients() {
			assert_eq!(
				<Real as PatientDirectory<u64>>::is_active(&p),
				<Kit as PatientDirectory<u64>>::is_active(&p),
				"{step}: is_active({p:?})"
			);
			assert_eq!(
				<Real as PatientDirectory<u64>>::encryption_key(&p),
				<Kit as PatientDirectory<u64>>::encryption_key(&p),
				"{step}: encryption_key({p:?})"
			);
			for who in ACCOUNTS {
				assert_eq!(
					<Real as PatientDirectory<u64>>::representation(&p, &who),
					<Kit as PatientDirectory<u64>>::representation(&p, &who),
					"{step}: representation of {who}"
				);
				assert_eq!(
					<Real as PatientDirectory<u64>>::is_controller(&p, &who),
					<Kit as PatientDirectory<u64>>::is_controller(&p, &who),
					"{step}: is_controller {who}"
				);
				assert_eq!(
					<Real as PatientDirectory<u64>>::may_erase(&p, &who),
					<Kit as PatientDirectory<u64>>::may_erase(&p, &who),
					"{step}: may_erase {who}"
				);
				for scope in SCOPES {
					assert_eq!(
						<Real as PatientDirectory<u64>>::may_act(&p, &who, scope),
						<Kit as PatientDirectory<u64>>::may_act(&p, &who, scope),
						"{step}: may_act {who} {scope:?}"
					);
				}
				let real = <Real as PatientDirectory<u64>>::guardian_appointment(&p, &who);
				let kit = <Kit as PatientDirectory<u64>>::guardian_appointment(&p, &who);
				assert_eq!(real.is_some(), kit.is_some(), "{step}: guardian_appointment {who}");
				let real_before = self.real.insert((p, who), real).flatten();
				let kit_before = self.kit.insert((p, who), kit).flatten();
				assert_eq!(
					real != real_before,
					kit != kit_before,
					"{step}: whether the appointment of {who} changed"
				);
			}
		}
	}
}

#[test]
fn the_kit_answers_as_the_pallet_through_a_patient_s_life() {
	ExtBuilder::default().build_and_execute(|| {
		let p = patient(1);
		let mut answers = Appointments::default();
		answers.compare("nothing registered");

		assert_ok!(Identity::register_patient(signed(ALICE), p, key(1)));
		kit::register_with_key(p, ALICE, key(1));
		answers.compare("registered");

		assert_ok!(Identity::add_controller(signed(ALICE), p, BOB));
		kit::add_controller(&p, BOB);
		answers.compare("a controller added");

		let end = GENESIS_TIME + 1_000;
		assert_ok!(Identity::add_guardian(signed(ALICE), p, CAROL, GuardianScope::Full, None));
		kit::appoint_guardian(&p, CAROL, GuardianScope::Full, None);
		assert_ok!(Identity::add_guardian(
			signed(BOB),
			p,
			DAVE,
			GuardianScope::ReadOnly,
			Some(end)
		));
		kit::appoint_guardian(&p, DAVE, GuardianScope::ReadOnly, Some(end));
		answers.compare("guardians appointed with and without an end");

		set_time(end - 1);
		answers.compare("just before the end");
		set_time(end);
		answers.compare("the end has passed");

		assert_ok!(Identity::remove_guardian(signed(ALICE), p, CAROL));
		kit::remove_guardian(&p, CAROL);
		answers.compare("a guardian removed");

		assert_ok!(Identity::add_guardian(
			signed(ALICE),
			p,
			CAROL,
			GuardianScope::ConsentOnly,
			None
		));
		kit::appoint_guardian(&p, CAROL, GuardianScope::ConsentOnly, None);
		answers.compare("the guardian re-appointed");

		// The ended guardianship is removed and its account appointed again, by the court.
		assert_ok!(Identity::remove_guardian(signed(ALICE), p, DAVE));
		kit::remove_guardian(&p, DAVE);
		answers.compare("the ended guardianship removed");
		let court_end = end + 1_000;
		assert_ok!(Identity::add_guardian(
			signed(HOSPITAL_PRIVACY_OFFICER),
			p,
			DAVE,
			GuardianScope::Full,
			Some(court_end)
		));
		answers.compare("a court-appointed guardianship pending");
		run_to(System::block_number() + AUTHORITY_DELAY);
		assert_ok!(Identity::finalize_guardianship(signed(STRANGER), p));
		kit::appoint_guardian(&p, DAVE, GuardianScope::Full, Some(court_end));
		answers.compare("the court-appointed guardianship applied");

		assert_ok!(Identity::deactivate_patient(signed(ALICE), p));
		answers.compare("a deactivation asked for");
		assert_ok!(Identity::deactivate_patient(signed(BOB), p));
		kit::deactivate(&p);
		answers.compare("deactivated");
		assert!(<Real as PatientDirectory<u64>>::may_erase(&p, &ALICE));
		assert!(<Real as PatientDirectory<u64>>::may_erase(&p, &BOB));
		assert!(!<Real as PatientDirectory<u64>>::may_erase(&p, &CAROL));
	});
}
