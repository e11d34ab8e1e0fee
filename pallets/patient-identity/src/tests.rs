//! Unit tests: every call, every error, the directory's answers, and the free-call extension.
#![allow(clippy::arithmetic_side_effects)]

use crate::{mock::*, Error, Event, *};
use codec::Encode;
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo};
use frame_system::CheckNonce;
use sp_runtime::{
	traits::{DispatchTransaction, TransactionExtension},
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
	DispatchError, DispatchResult,
};

type Identity = crate::Pallet<Test>;

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// Registers `patient(1)` controlled by ALICE.
fn register_alice() {
	assert_ok!(Identity::register_patient(signed(ALICE), patient(1), key(1)));
}

/// Registers `patient(n)` controlled by ALICE, who registers it herself.
fn register_alice_for(n: u8) {
	assert_ok!(Identity::register_patient(signed(ALICE), patient(n), key(n)));
}

fn record(n: u8) -> PatientRecordOf<Test> {
	Patients::<Test>::get(patient(n)).expect("registered")
}

fn sufficients(who: u64) -> u32 {
	frame_system::Pallet::<Test>::sufficients(&who)
}

/// What `who` holds on deposit in this pallet.
fn held(who: u64) -> u64 {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&DepositReason::get(), &who)
}

fn may(who: u64, scope: GuardianScope) -> bool {
	<Identity as PatientDirectory<u64>>::may_act(&patient(1), &who, scope)
}

mod registration {
	use super::*;

	#[test]
	fn register_patient_makes_the_caller_its_only_controller() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			let r = record(1);
			assert_eq!(r.status, PatientStatus::Active);
			assert_eq!(r.controllers.to_vec(), vec![ALICE]);
			assert_eq!(r.encryption_key, key(1));
			assert_eq!(sufficients(ALICE), 1);
			assert!(!VouchedPatients::<Test>::contains_key(patient(1)), "it vouched for itself");
			assert_eq!(
				last_event(),
				Event::PatientRegistered {
					patient: patient(1),
					controller: ALICE,
					registrar: None
				}
			);
			assert!(<Identity as PatientDirectory<u64>>::is_active(&patient(1)));
			assert_eq!(
				<Identity as PatientDirectory<u64>>::encryption_key(&patient(1)),
				Some(key(1))
			);
		});
	}

	#[test]
	fn a_hospital_or_clinic_practitioner_registers_for_an_account_without_balance() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(frame_system::Pallet::<Test>::account(NEWBORN).providers, 0);
			let newborn = patient_of(NEWBORN, 1);
			assert_ok!(Identity::register_patient_for(
				signed(HOSPITAL_PHYSICIAN),
				newborn,
				NEWBORN,
				key(1)
			));
			assert_eq!(
				last_event(),
				Event::PatientRegistered {
					patient: newborn,
					controller: NEWBORN,
					registrar: Some(HOSPITAL_PHYSICIAN),
				}
			);
			let bob = patient_of(BOB, 2);
			assert_ok!(Identity::register_patient_for(signed(CLINIC_NURSE), bob, BOB, key(2)));
			assert_eq!(Patients::<Test>::get(bob).map(|r| r.controllers.to_vec()), Some(vec![BOB]));
			assert!(VouchedPatients::<Test>::contains_key(newborn));
			assert!(VouchedPatients::<Test>::contains_key(bob));
			// The new account exists through its controllership and passes the nonce check.
			assert_eq!(sufficients(NEWBORN), 1);
			let call: RuntimeCall =
				Call::rotate_encryption_key { patient: newborn, new_key: key(9) }.into();
			assert_ok!(CheckNonce::<Test>::from(0).validate_only(
				signed(NEWBORN),
				&call,
				&call.get_dispatch_info(),
				0,
				TransactionSource::External,
				0
			));
		});
	}

	#[test]
	fn only_an_active_hospital_or_clinic_practitioner_registers_for_someone_else() {
		ExtBuilder::default().build_and_execute(|| {
			for who in [STRANGER, LAB_TECHNICIAN, REGULATOR_INSPECTOR] {
				assert_noop!(
					Identity::register_patient_for(signed(who), patient(1), ALICE, key(1)),
					Error::<Test>::NotRegistrar
				);
			}
			set_organization_active(HOSPITAL, false);
			assert_noop!(
				Identity::register_patient_for(
					signed(HOSPITAL_PHYSICIAN),
					patient(1),
					ALICE,
					key(1)
				),
				Error::<Test>::NotRegistrar
			);
		});
	}

	#[test]
	fn a_registered_id_cannot_be_registered_again() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_noop!(
				Identity::register_patient(signed(ALICE), patient(1), key(1)),
				Error::<Test>::AlreadyRegistered
			);
			assert_noop!(
				Identity::register_patient_for(
					signed(HOSPITAL_PHYSICIAN),
					patient(1),
					ALICE,
					key(1)
				),
				Error::<Test>::AlreadyRegistered
			);
		});
	}

	/// AUDIT L-2: ids were chosen freely, so a watcher of the pool who copied a registration
	/// could register the id first for an account of its own (or burn it). An id is now bound to
	/// its controller and key: a copy sent by anyone else fails or registers the same thing.
	#[test]
	fn a_front_runner_with_a_copy_of_the_registration_cannot_take_the_id() {
		ExtBuilder::default().build_and_execute(|| {
			// ALICE's `register_patient(patient(1), key(1))` waits in the pool; STRANGER sends a
			// copy signed by itself, and a registrar a copy naming an account of its own.
			assert_noop!(
				Identity::register_patient(signed(STRANGER), patient(1), key(1)),
				Error::<Test>::InvalidPatientId
			);
			assert_noop!(
				Identity::register_patient_for(
					signed(HOSPITAL_PHYSICIAN),
					patient(1),
					STRANGER,
					key(1)
				),
				Error::<Test>::InvalidPatientId
			);
			assert_eq!(Identity::derive_patient_id(ALICE, key(1)), patient(1));
			register_alice();
			assert_eq!(record(1).controllers.to_vec(), vec![ALICE]);
			// A copy of a registrar's `register_patient_for` sent by another practitioner gives
			// the id to the same controller with the same key.
			let newborn = patient_of(NEWBORN, 2);
			assert_ok!(Identity::register_patient_for(
				signed(CLINIC_NURSE),
				newborn,
				NEWBORN,
				key(2)
			));
			assert_eq!(
				Patients::<Test>::get(newborn).map(|r| (r.controllers.to_vec(), r.encryption_key)),
				Some((vec![NEWBORN], key(2)))
			);
		});
	}

	#[test]
	fn a_deactivated_id_is_retired_for_good() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_ok!(Identity::deactivate_patient(signed(ALICE), patient(1)));
			assert_noop!(
				Identity::register_patient(signed(ALICE), patient(1), key(1)),
				Error::<Test>::IdRetired
			);
			assert_noop!(
				Identity::register_patient_for(
					signed(HOSPITAL_PHYSICIAN),
					patient(1),
					ALICE,
					key(1)
				),
				Error::<Test>::IdRetired
			);
		});
	}

	#[test]
	fn a_zero_key_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			let zero = derive_patient_id(&ALICE, &[0u8; 32]);
			assert_noop!(
				Identity::register_patient(signed(ALICE), zero, [0u8; 32]),
				Error::<Test>::InvalidEncryptionKey
			);
			assert_noop!(
				Identity::register_patient_for(signed(HOSPITAL_PHYSICIAN), zero, ALICE, [0u8; 32]),
				Error::<Test>::InvalidEncryptionKey
			);
		});
	}

	#[test]
	fn unsigned_calls_are_refused() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Identity::register_patient(RuntimeOrigin::none(), patient(1), key(1)),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Identity::deactivate_patient(RuntimeOrigin::root(), patient(1)),
				DispatchError::BadOrigin
			);
		});
	}
}

mod controllers {
	use super::*;

	#[test]
	fn a_controller_adds_and_removes_devices() {
		ExtBuilder::default().build_and_execute(|| {
			// A controller without a balance, whose account exists only through its controllership.
			let p = patient_of(NEWBORN, 1);
			assert_ok!(Identity::register_patient_for(
				signed(HOSPITAL_PHYSICIAN),
				p,
				NEWBORN,
				key(1)
			));
			assert_ok!(Identity::add_controller(signed(NEWBORN), p, BOB));
			assert_eq!(
				last_event(),
				Event::ControllerAdded { patient: p, controller: BOB, by: NEWBORN }
			);
			assert_eq!(
				Patients::<Test>::get(p).map(|r| r.controllers.to_vec()),
				Some(vec![NEWBORN, BOB])
			);
			assert_eq!(sufficients(BOB), 1);
			assert_ok!(Identity::remove_controller(signed(BOB), p, NEWBORN));
			assert_eq!(
				last_event(),
				Event::ControllerRemoved { patient: p, controller: NEWBORN, by: BOB }
			);
			assert_eq!(Patients::<Test>::get(p).map(|r| r.controllers.to_vec()), Some(vec![BOB]));
			assert!(!<Identity as PatientDirectory<u64>>::may_act(
				&p,
				&NEWBORN,
				GuardianScope::ReadOnly
			));
		});
	}

	/// AUDIT L-3: removing a controller dropped its sufficient reference, reaping a zero-balance
	/// account; re-added later, its nonce restarted at 0 and its old immortal transactions could
	/// be replayed. An account that has controlled a patient is now kept for good.
	#[test]
	fn a_removed_controller_is_never_reaped_and_keeps_its_nonce() {
		ExtBuilder::default().build_and_execute(|| {
			let p = patient_of(NEWBORN, 1);
			assert_ok!(Identity::register_patient_for(
				signed(HOSPITAL_PHYSICIAN),
				p,
				NEWBORN,
				key(1)
			));
			assert_ok!(Identity::add_controller(signed(NEWBORN), p, BOB));
			// NEWBORN, with no balance, has sent three transactions.
			for _ in 0..3 {
				frame_system::Pallet::<Test>::inc_account_nonce(NEWBORN);
			}
			assert_ok!(Identity::remove_controller(signed(BOB), p, NEWBORN));
			assert!(frame_system::Account::<Test>::contains_key(NEWBORN));
			assert_eq!(frame_system::Pallet::<Test>::account_nonce(NEWBORN), 3);
			assert_eq!(sufficients(NEWBORN), 1);
			// Added and removed again, it still holds one reference, not one per controllership.
			assert_ok!(Identity::add_controller(signed(BOB), p, NEWBORN));
			assert_ok!(Identity::remove_controller(signed(NEWBORN), p, NEWBORN));
			assert_eq!(sufficients(NEWBORN), 1);
			assert_eq!(frame_system::Pallet::<Test>::account_nonce(NEWBORN), 3);
			assert!(KeptAccounts::<Test>::contains_key(NEWBORN));
		});
	}

	#[test]
	fn one_account_may_control_several_patients() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_ok!(Identity::register_patient(signed(ALICE), patient(2), key(2)));
			assert_eq!(sufficients(ALICE), 1);
			assert!(<Identity as PatientDirectory<u64>>::is_controller(&patient(2), &ALICE));
			assert_ok!(Identity::deactivate_patient(signed(ALICE), patient(1)));
			assert_eq!(sufficients(ALICE), 1);
		});
	}

	#[test]
	fn only_a_controller_manages_controllers() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_ok!(Identity::add_guardian(
				signed(ALICE),
				patient(1),
				CAROL,
				GuardianScope::Full,
				None
			));
			for who in [STRANGER, CAROL, HOSPITAL_PHYSICIAN] {
				assert_noop!(
					Identity::add_controller(signed(who), patient(1), who),
					Error::<Test>::NotController
				);
				assert_noop!(
					Identity::remove_controller(signed(who), patient(1), ALICE),
					Error::<Test>::NotController
				);
			}
		});
	}

	#[test]
	fn add_controller_errors() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Identity::add_controller(signed(ALICE), patient(1), BOB),
				Error::<Test>::PatientNotFound
			);
			register_alice();
			assert_noop!(
				Identity::add_controller(signed(ALICE), patient(1), ALICE),
				Error::<Test>::AlreadyController
			);
			assert_ok!(Identity::add_guardian(
				signed(ALICE),
				patient(1),
				CAROL,
				GuardianScope::ReadOnly,
				None
			));
			assert_noop!(
				Identity::add_controller(signed(ALICE), patient(1), CAROL),
				Error::<Test>::AlreadyGuardian
			);
			assert_ok!(Identity::add_controller(signed(ALICE), patient(1), BOB));
			assert_ok!(Identity::add_controller(signed(ALICE), patient(1), DAVE));
			assert_noop!(
				Identity::add_controller(signed(ALICE), patient(1), STRANGER),
				Error::<Test>::TooManyControllers
			);
		});
	}

	#[test]
	fn the_last_controller_cannot_be_removed() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Identity::remove_controller(signed(ALICE), patient(1), ALICE),
				Error::<Test>::PatientNotFound
			);
			register_alice();
			assert_noop!(
				Identity::remove_controller(signed(ALICE), patient(1), ALICE),
				Error::<Test>::LastController
			);
			assert_noop!(
				Identity::remove_controller(signed(ALICE), patient(1), BOB),
				Error::<Test>::ControllerNotFound
			);
		});
	}

	#[test]
	fn a_deactivated_patient_has_no_controllers_to_manage() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_ok!(Identity::add_controller(signed(ALICE), patient(1), BOB));
			assert_ok!(Identity::deactivate_patient(signed(ALICE), patient(1)));
			assert_ok!(Identity::deactivate_patient(signed(BOB), patient(1)));
			assert_noop!(
				Identity::add_controller(signed(BOB), patient(1), CAROL),
				Error::<Test>::PatientDeactivated
			);
			assert_noop!(
				Identity::remove_controller(signed(BOB), patient(1), BOB),
				Error::<Test>::PatientDeactivated
			);
		});
	}
}

mod guardians {
	use super::*;

	#[test]
	fn a_controller_appoints_a_guardian_whose_rights_follow_the_scope() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_ok!(Identity::add_guardian(
				signed(ALICE),
				patient(1),
				CAROL,
				GuardianScope::ConsentOnly,
				None
			));
			assert_eq!(
				last_event(),
				Event::GuardianAdded {
					patient: patient(1),
					guardian: CAROL,
					scope: GuardianScope::ConsentOnly,
					valid_until: None,
					by: ALICE,
					finalized_by: None,
				}
			);
			assert_eq!(record(1).guardians, 1);
			assert!(may(CAROL, GuardianScope::ConsentOnly));
			assert!(!may(CAROL, GuardianScope::ReadOnly));
			assert!(!may(CAROL, GuardianScope::Full));
			assert!(may(ALICE, GuardianScope::Full));
			assert!(!may(STRANGER, GuardianScope::ReadOnly));
			assert_eq!(
				<Identity as PatientDirectory<u64>>::representation(&patient(1), &CAROL),
				Some(Representation::Guardian(GuardianScope::ConsentOnly))
			);
			assert!(!<Identity as PatientDirectory<u64>>::is_controller(&patient(1), &CAROL));
		});
	}

	#[test]
	fn a_guardianship_ends_by_itself_at_valid_until() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			let majority = GENESIS_TIME + 1_000;
			assert_ok!(Identity::add_guardian(
				signed(ALICE),
				patient(1),
				CAROL,
				GuardianScope::Full,
				Some(majority)
			));
			set_time(majority - 1);
			assert!(may(CAROL, GuardianScope::Full));
			set_time(majority);
			assert!(!may(CAROL, GuardianScope::ReadOnly));
			let view = Identity::patient(patient(1)).unwrap();
			assert_eq!(view.guardians.len(), 1);
			assert!(!view.guardians[0].in_force);
			// An ended guardianship still occupies its slot until removed.
			assert_ok!(Identity::remove_guardian(signed(ALICE), patient(1), CAROL));
			assert_eq!(record(1).guardians, 0);
		});
	}

	/// Asks for a guardianship of `patient(1)` by authority `by` and applies it after the delay.
	fn appoint_by_authority(by: u64, guardian: u64, scope: GuardianScope) {
		assert_ok!(Identity::add_guardian(signed(by), patient(1), guardian, scope, None));
		run_to(System::block_number() + AUTHORITY_DELAY);
		assert_ok!(Identity::finalize_guardianship(signed(STRANGER), patient(1)));
	}

	#[test]
	fn authorities_appoint_guardians_after_the_delay_and_remove_them_at_once() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_ok!(Identity::add_guardian(
				signed(REGULATOR_INSPECTOR),
				patient(1),
				CAROL,
				GuardianScope::Full,
				None
			));
			assert_eq!(
				last_event(),
				Event::GuardianshipRequested {
					patient: patient(1),
					guardian: CAROL,
					scope: GuardianScope::Full,
					valid_until: None,
					by: REGULATOR_INSPECTOR,
					effective_at: 1 + AUTHORITY_DELAY,
				}
			);
			assert!(!may(CAROL, GuardianScope::ReadOnly));
			assert_eq!(record(1).guardians, 0);
			assert_noop!(
				Identity::finalize_guardianship(signed(CAROL), patient(1)),
				Error::<Test>::NotYetEffective
			);
			run_to(1 + AUTHORITY_DELAY);
			assert_ok!(Identity::finalize_guardianship(signed(CAROL), patient(1)));
			assert_eq!(
				last_event(),
				Event::GuardianAdded {
					patient: patient(1),
					guardian: CAROL,
					scope: GuardianScope::Full,
					valid_until: None,
					by: REGULATOR_INSPECTOR,
					finalized_by: Some(CAROL),
				}
			);
			assert!(may(CAROL, GuardianScope::Full));
			appoint_by_authority(HOSPITAL_PRIVACY_OFFICER, DAVE, GuardianScope::ReadOnly);
			assert_ok!(Identity::remove_guardian(
				signed(HOSPITAL_PRIVACY_OFFICER),
				patient(1),
				CAROL
			));
			assert_eq!(
				last_event(),
				Event::GuardianRemoved {
					patient: patient(1),
					guardian: CAROL,
					by: HOSPITAL_PRIVACY_OFFICER
				}
			);
			assert_ok!(Identity::remove_guardian(signed(REGULATOR_INSPECTOR), patient(1), DAVE));
			assert_eq!(record(1).guardians, 0);
		});
	}

	/// AUDIT H-2: `add_guardian(P, X, Full, None)` by any hospital practitioner made X a Full
	/// guardian at once. Now only authorities may ask, and any controller vetoes in the delay.
	#[test]
	fn a_controller_vetoes_a_court_appointed_guardianship_in_the_delay() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_noop!(
				Identity::add_guardian(
					signed(HOSPITAL_PHYSICIAN),
					patient(1),
					STRANGER,
					GuardianScope::Full,
					None
				),
				Error::<Test>::NotGuardianAuthority
			);
			assert_ok!(Identity::add_guardian(
				signed(HOSPITAL_PRIVACY_OFFICER),
				patient(1),
				STRANGER,
				GuardianScope::Full,
				None
			));
			assert_noop!(
				Identity::add_guardian(
					signed(REGULATOR_INSPECTOR),
					patient(1),
					DAVE,
					GuardianScope::Full,
					None
				),
				Error::<Test>::GuardianshipPending
			);
			assert_noop!(
				Identity::veto_guardianship(signed(STRANGER), patient(1)),
				Error::<Test>::NotVetoer
			);
			assert_ok!(Identity::veto_guardianship(signed(ALICE), patient(1)));
			assert_eq!(
				last_event(),
				Event::GuardianshipVetoed { patient: patient(1), guardian: STRANGER, by: ALICE }
			);
			assert_eq!(held(HOSPITAL_PRIVACY_OFFICER), 0);
			run_to(1 + AUTHORITY_DELAY);
			assert_noop!(
				Identity::finalize_guardianship(signed(STRANGER), patient(1)),
				Error::<Test>::PendingGuardianshipNotFound
			);
			assert_noop!(
				Identity::veto_guardianship(signed(ALICE), patient(1)),
				Error::<Test>::PendingGuardianshipNotFound
			);
			assert!(!may(STRANGER, GuardianScope::ReadOnly));
			// The practitioner may withdraw; the checks are made again when it takes effect.
			assert_ok!(Identity::add_guardian(
				signed(HOSPITAL_PRIVACY_OFFICER),
				patient(1),
				DAVE,
				GuardianScope::ReadOnly,
				Some(GENESIS_TIME + 10)
			));
			set_time(GENESIS_TIME + 10);
			run_to(System::block_number() + AUTHORITY_DELAY);
			assert_noop!(
				Identity::finalize_guardianship(signed(STRANGER), patient(1)),
				Error::<Test>::ValidityAlreadyEnded
			);
			assert_ok!(Identity::veto_guardianship(signed(HOSPITAL_PRIVACY_OFFICER), patient(1)));
			assert_eq!(held(HOSPITAL_PRIVACY_OFFICER), 0);
			// Deactivation drops a pending guardianship and releases its deposit.
			assert_ok!(Identity::add_guardian(
				signed(HOSPITAL_PRIVACY_OFFICER),
				patient(1),
				DAVE,
				GuardianScope::ReadOnly,
				None
			));
			assert_ok!(Identity::deactivate_patient(signed(ALICE), patient(1)));
			assert_eq!(held(HOSPITAL_PRIVACY_OFFICER), 0);
			for call in [
				Identity::finalize_guardianship(signed(STRANGER), patient(1)),
				Identity::veto_guardianship(signed(ALICE), patient(1)),
			] {
				assert_eq!(call, Err(Error::<Test>::PatientDeactivated.into()));
			}
		});
	}

	#[test]
	fn nobody_else_appoints_or_removes_guardians() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_ok!(Identity::add_guardian(
				signed(ALICE),
				patient(1),
				CAROL,
				GuardianScope::Full,
				None
			));
			// A Full guardian is not a controller; clinics and labs are not guardian authorities,
			// nor a hospital's physicians (AUDIT H-2).
			for who in [STRANGER, CAROL, CLINIC_NURSE, LAB_TECHNICIAN, HOSPITAL_PHYSICIAN] {
				assert_noop!(
					Identity::add_guardian(
						signed(who),
						patient(1),
						DAVE,
						GuardianScope::Full,
						None
					),
					Error::<Test>::NotGuardianAuthority
				);
				assert_noop!(
					Identity::remove_guardian(signed(who), patient(1), CAROL),
					Error::<Test>::NotGuardianAuthority
				);
			}
			set_organization_active(REGULATOR, false);
			assert_noop!(
				Identity::remove_guardian(signed(REGULATOR_INSPECTOR), patient(1), CAROL),
				Error::<Test>::NotGuardianAuthority
			);
		});
	}

	#[test]
	fn a_practitioner_cannot_appoint_themselves_guardian_or_controller() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			for who in [HOSPITAL_PRIVACY_OFFICER, REGULATOR_INSPECTOR] {
				assert_noop!(
					Identity::add_guardian(signed(who), patient(1), who, GuardianScope::Full, None),
					Error::<Test>::SelfAppointment
				);
				assert_noop!(
					Identity::recover_patient(signed(who), patient(1), who),
					Error::<Test>::SelfAppointment
				);
			}
			// Another authority may appoint them.
			appoint_by_authority(
				REGULATOR_INSPECTOR,
				HOSPITAL_PRIVACY_OFFICER,
				GuardianScope::ConsentOnly,
			);
			assert!(may(HOSPITAL_PRIVACY_OFFICER, GuardianScope::ConsentOnly));
		});
	}

	#[test]
	fn add_guardian_errors() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Identity::add_guardian(signed(ALICE), patient(1), CAROL, GuardianScope::Full, None),
				Error::<Test>::PatientNotFound
			);
			register_alice();
			assert_noop!(
				Identity::add_guardian(signed(ALICE), patient(1), ALICE, GuardianScope::Full, None),
				Error::<Test>::AlreadyController
			);
			assert_noop!(
				Identity::add_guardian(
					signed(ALICE),
					patient(1),
					CAROL,
					GuardianScope::Full,
					Some(GENESIS_TIME)
				),
				Error::<Test>::ValidityAlreadyEnded
			);
			assert_ok!(Identity::add_guardian(
				signed(ALICE),
				patient(1),
				CAROL,
				GuardianScope::Full,
				None
			));
			assert_noop!(
				Identity::add_guardian(
					signed(ALICE),
					patient(1),
					CAROL,
					GuardianScope::ReadOnly,
					None
				),
				Error::<Test>::AlreadyGuardian
			);
			assert_ok!(Identity::add_guardian(
				signed(ALICE),
				patient(1),
				DAVE,
				GuardianScope::ReadOnly,
				None
			));
			assert_noop!(
				Identity::add_guardian(signed(ALICE), patient(1), BOB, GuardianScope::Full, None),
				Error::<Test>::TooManyGuardians
			);
		});
	}

	#[test]
	fn remove_guardian_errors() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Identity::remove_guardian(signed(ALICE), patient(1), CAROL),
				Error::<Test>::PatientNotFound
			);
			register_alice();
			assert_noop!(
				Identity::remove_guardian(signed(ALICE), patient(1), CAROL),
				Error::<Test>::GuardianNotFound
			);
			assert_ok!(Identity::deactivate_patient(signed(ALICE), patient(1)));
			assert_noop!(
				Identity::remove_guardian(signed(HOSPITAL_PHYSICIAN), patient(1), CAROL),
				Error::<Test>::PatientDeactivated
			);
			assert_noop!(
				Identity::add_guardian(
					signed(HOSPITAL_PHYSICIAN),
					patient(1),
					CAROL,
					GuardianScope::Full,
					None
				),
				Error::<Test>::PatientDeactivated
			);
		});
	}
}

mod keys {
	use super::*;

	#[test]
	fn a_controller_rotates_the_key() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_ok!(Identity::rotate_encryption_key(signed(ALICE), patient(1), key(2)));
			assert_eq!(record(1).encryption_key, key(2));
			assert_eq!(
				last_event(),
				Event::EncryptionKeyRotated { patient: patient(1), by: ALICE }
			);
		});
	}

	#[test]
	fn rotate_encryption_key_errors() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Identity::rotate_encryption_key(signed(ALICE), patient(1), key(2)),
				Error::<Test>::PatientNotFound
			);
			register_alice();
			assert_ok!(Identity::add_guardian(
				signed(ALICE),
				patient(1),
				CAROL,
				GuardianScope::Full,
				None
			));
			assert_noop!(
				Identity::rotate_encryption_key(signed(CAROL), patient(1), key(2)),
				Error::<Test>::NotController
			);
			assert_noop!(
				Identity::rotate_encryption_key(signed(ALICE), patient(1), [0u8; 32]),
				Error::<Test>::InvalidEncryptionKey
			);
			assert_noop!(
				Identity::rotate_encryption_key(signed(ALICE), patient(1), key(1)),
				Error::<Test>::KeyUnchanged
			);
			assert_ok!(Identity::deactivate_patient(signed(ALICE), patient(1)));
			assert_noop!(
				Identity::rotate_encryption_key(signed(ALICE), patient(1), key(2)),
				Error::<Test>::PatientDeactivated
			);
		});
	}
}

mod recovery {
	use super::*;

	/// Asks for a recovery of `patient(1)` by HOSPITAL_PRIVACY_OFFICER and applies it after the
	/// delay.
	fn recover(new_controller: u64) {
		assert_ok!(Identity::recover_patient(
			signed(HOSPITAL_PRIVACY_OFFICER),
			patient(1),
			new_controller
		));
		run_to(System::block_number() + AUTHORITY_DELAY);
		assert_ok!(Identity::finalize_recovery(signed(STRANGER), patient(1)));
	}

	#[test]
	fn a_privacy_officer_replaces_every_controller_after_the_delay_and_keeps_guardians() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_ok!(Identity::add_controller(signed(ALICE), patient(1), BOB));
			assert_ok!(Identity::add_guardian(
				signed(ALICE),
				patient(1),
				CAROL,
				GuardianScope::ConsentOnly,
				None
			));
			assert_ok!(Identity::recover_patient(
				signed(HOSPITAL_PRIVACY_OFFICER),
				patient(1),
				DAVE
			));
			assert_eq!(
				last_event(),
				Event::RecoveryRequested {
					patient: patient(1),
					by: HOSPITAL_PRIVACY_OFFICER,
					new_controller: DAVE,
					effective_at: 1 + AUTHORITY_DELAY,
				}
			);
			// Nothing changes during the delay.
			assert_eq!(record(1).controllers.to_vec(), vec![ALICE, BOB]);
			run_to(AUTHORITY_DELAY);
			assert_noop!(
				Identity::finalize_recovery(signed(DAVE), patient(1)),
				Error::<Test>::NotYetEffective
			);
			run_to(1 + AUTHORITY_DELAY);
			assert_ok!(Identity::finalize_recovery(signed(DAVE), patient(1)));
			assert_eq!(
				last_event(),
				Event::PatientRecovered {
					patient: patient(1),
					by: HOSPITAL_PRIVACY_OFFICER,
					new_controller: DAVE,
					finalized_by: DAVE,
				}
			);
			assert_eq!(record(1).controllers.to_vec(), vec![DAVE]);
			assert!(!may(ALICE, GuardianScope::ReadOnly) && !may(BOB, GuardianScope::ReadOnly));
			assert!(may(DAVE, GuardianScope::Full));
			assert!(may(CAROL, GuardianScope::ConsentOnly));
			// Replaced controllers are never reaped (AUDIT L-3).
			assert_eq!((sufficients(ALICE), sufficients(BOB), sufficients(DAVE)), (1, 1, 1));
		});
	}

	#[test]
	fn a_regulator_administrator_may_recover_and_keep_a_controller_on() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_ok!(Identity::add_controller(signed(ALICE), patient(1), BOB));
			assert_ok!(Identity::recover_patient(signed(REGULATOR_INSPECTOR), patient(1), ALICE));
			run_to(1 + AUTHORITY_DELAY);
			assert_ok!(Identity::finalize_recovery(signed(STRANGER), patient(1)));
			assert_eq!(record(1).controllers.to_vec(), vec![ALICE]);
		});
	}

	/// AUDIT H-2: a hospital practitioner of any role (here a physician, or a lab technician at
	/// a laboratory) could take over any patient at once. Only designated roles may ask.
	#[test]
	fn recovery_by_a_non_authority_role_or_kind_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			for who in [ALICE, STRANGER, HOSPITAL_PHYSICIAN, CLINIC_NURSE, LAB_TECHNICIAN] {
				assert_noop!(
					Identity::recover_patient(signed(who), patient(1), DAVE),
					Error::<Test>::NotRecoveryAuthority
				);
			}
			set_organization_active(HOSPITAL, false);
			assert_noop!(
				Identity::recover_patient(signed(HOSPITAL_PRIVACY_OFFICER), patient(1), DAVE),
				Error::<Test>::NotRecoveryAuthority
			);
		});
	}

	/// AUDIT H-2: a practitioner who names a second account of theirs as the new controller
	/// is vetoed by the patient's controller before anything changes.
	#[test]
	fn any_controller_vetoes_a_hijack_before_it_takes_effect() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_ok!(Identity::add_controller(signed(ALICE), patient(1), BOB));
			assert_ok!(Identity::recover_patient(
				signed(HOSPITAL_PRIVACY_OFFICER),
				patient(1),
				STRANGER
			));
			assert!(!may(STRANGER, GuardianScope::ReadOnly));
			assert_ok!(Identity::veto_recovery(signed(BOB), patient(1)));
			assert_eq!(last_event(), Event::RecoveryVetoed { patient: patient(1), by: BOB });
			run_to(1 + AUTHORITY_DELAY);
			assert_noop!(
				Identity::finalize_recovery(signed(STRANGER), patient(1)),
				Error::<Test>::PendingRecoveryNotFound
			);
			assert_eq!(record(1).controllers.to_vec(), vec![ALICE, BOB]);
			// The practitioner may withdraw their own request too.
			assert_ok!(Identity::recover_patient(
				signed(HOSPITAL_PRIVACY_OFFICER),
				patient(1),
				DAVE
			));
			assert_ok!(Identity::veto_recovery(signed(HOSPITAL_PRIVACY_OFFICER), patient(1)));
			assert_eq!(held(HOSPITAL_PRIVACY_OFFICER), 0);
		});
	}

	/// AUDIT H-2: after a recovery takes effect the new controller can do nothing
	/// irreversible for `RecoveryProbation` blocks: no deactivation, no erasure.
	#[test]
	fn a_recovered_patient_cannot_be_deactivated_or_erased_during_probation() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			recover(DAVE);
			let applied = System::block_number();
			assert!(!<Identity as PatientDirectory<u64>>::may_erase(&patient(1), &DAVE));
			assert!(!Identity::may_erase(patient(1), DAVE));
			assert_noop!(
				Identity::deactivate_patient(signed(DAVE), patient(1)),
				Error::<Test>::InProbation
			);
			run_to(applied + PROBATION - 1);
			assert_noop!(
				Identity::deactivate_patient(signed(DAVE), patient(1)),
				Error::<Test>::InProbation
			);
			run_to(applied + PROBATION);
			assert!(<Identity as PatientDirectory<u64>>::may_erase(&patient(1), &DAVE));
			assert_ok!(Identity::deactivate_patient(signed(DAVE), patient(1)));
		});
	}

	#[test]
	fn recover_patient_errors() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Identity::recover_patient(signed(HOSPITAL_PRIVACY_OFFICER), patient(1), DAVE),
				Error::<Test>::PatientNotFound
			);
			register_alice();
			assert_noop!(
				Identity::recover_patient(
					signed(HOSPITAL_PRIVACY_OFFICER),
					patient(1),
					HOSPITAL_PRIVACY_OFFICER
				),
				Error::<Test>::SelfAppointment
			);
			assert_ok!(Identity::add_guardian(
				signed(ALICE),
				patient(1),
				CAROL,
				GuardianScope::Full,
				None
			));
			assert_noop!(
				Identity::recover_patient(signed(HOSPITAL_PRIVACY_OFFICER), patient(1), CAROL),
				Error::<Test>::AlreadyGuardian
			);
			assert_noop!(
				Identity::recover_patient(signed(POOR), patient(1), DAVE),
				Error::<Test>::DepositUnavailable
			);
			assert_ok!(Identity::recover_patient(
				signed(HOSPITAL_PRIVACY_OFFICER),
				patient(1),
				DAVE
			));
			assert_noop!(
				Identity::recover_patient(signed(REGULATOR_INSPECTOR), patient(1), BOB),
				Error::<Test>::RecoveryPending
			);
			assert_noop!(
				Identity::veto_recovery(signed(STRANGER), patient(1)),
				Error::<Test>::NotVetoer
			);
			assert_noop!(
				Identity::veto_recovery(signed(REGULATOR_INSPECTOR), patient(1)),
				Error::<Test>::NotVetoer
			);
			// The new controller became a guardian meanwhile: it cannot be applied.
			assert_ok!(Identity::add_guardian(
				signed(ALICE),
				patient(1),
				DAVE,
				GuardianScope::ReadOnly,
				None
			));
			run_to(1 + AUTHORITY_DELAY);
			assert_noop!(
				Identity::finalize_recovery(signed(STRANGER), patient(1)),
				Error::<Test>::AlreadyGuardian
			);
			assert_ok!(Identity::veto_recovery(signed(ALICE), patient(1)));
			assert_noop!(
				Identity::veto_recovery(signed(ALICE), patient(1)),
				Error::<Test>::PendingRecoveryNotFound
			);
			// Deactivation drops a pending recovery and releases its deposit.
			assert_ok!(Identity::remove_guardian(signed(ALICE), patient(1), DAVE));
			assert_ok!(Identity::recover_patient(
				signed(HOSPITAL_PRIVACY_OFFICER),
				patient(1),
				DAVE
			));
			assert_ok!(Identity::deactivate_patient(signed(ALICE), patient(1)));
			assert_eq!(held(HOSPITAL_PRIVACY_OFFICER), 0);
			for call in [
				Identity::recover_patient(signed(HOSPITAL_PRIVACY_OFFICER), patient(1), DAVE),
				Identity::finalize_recovery(signed(STRANGER), patient(1)),
				Identity::veto_recovery(signed(ALICE), patient(1)),
			] {
				assert_eq!(call, Err(Error::<Test>::PatientDeactivated.into()));
			}
		});
	}
}

mod deactivation {
	use super::*;

	#[test]
	fn deactivation_leaves_a_tombstone_and_ends_every_right_at_once() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_ok!(Identity::add_controller(signed(ALICE), patient(1), BOB));
			assert_ok!(Identity::add_guardian(
				signed(ALICE),
				patient(1),
				CAROL,
				GuardianScope::Full,
				None
			));
			assert_ok!(Identity::deactivate_patient(signed(ALICE), patient(1)));
			assert_ok!(Identity::deactivate_patient(signed(BOB), patient(1)));
			assert_eq!(
				last_event(),
				Event::PatientDeactivated {
					patient: patient(1),
					by: ALICE,
					finalized_by: Some(BOB)
				}
			);
			let r = record(1);
			assert_eq!(r.status, PatientStatus::Deactivated);
			// The last controllers stay on record, for erasure only.
			assert_eq!(r.controllers.to_vec(), vec![ALICE, BOB]);
			assert_eq!(r.encryption_key, [0u8; 32]);
			assert!(!<Identity as PatientDirectory<u64>>::is_active(&patient(1)));
			assert_eq!(<Identity as PatientDirectory<u64>>::encryption_key(&patient(1)), None);
			for who in [ALICE, BOB, CAROL] {
				assert!(!may(who, GuardianScope::ReadOnly));
			}
			assert_eq!(Guardians::<Test>::iter_prefix(patient(1)).count(), 0);
			assert_eq!((sufficients(ALICE), sufficients(BOB)), (1, 1));
		});
	}

	/// AUDIT M-4: one controller of several (a stolen device) tombstoned the patient at once.
	/// Now the first call only asks; the other controllers see it and may cancel it.
	#[test]
	fn one_controller_of_several_only_asks_and_another_may_cancel() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_ok!(Identity::add_controller(signed(ALICE), patient(1), BOB));
			assert_ok!(Identity::deactivate_patient(signed(BOB), patient(1)));
			assert_eq!(
				last_event(),
				Event::DeactivationRequested {
					patient: patient(1),
					by: BOB,
					effective_at: 1 + DEACTIVATION_DELAY,
				}
			);
			assert!(<Identity as PatientDirectory<u64>>::is_active(&patient(1)));
			assert_noop!(
				Identity::deactivate_patient(signed(BOB), patient(1)),
				Error::<Test>::NotYetEffective
			);
			// The thief cannot confirm with a device of its own.
			assert_noop!(
				Identity::add_controller(signed(BOB), patient(1), STRANGER),
				Error::<Test>::DeactivationPending
			);
			assert_noop!(
				Identity::cancel_deactivation(signed(STRANGER), patient(1)),
				Error::<Test>::NotController
			);
			assert_ok!(Identity::cancel_deactivation(signed(ALICE), patient(1)));
			assert_eq!(
				last_event(),
				Event::DeactivationCancelled { patient: patient(1), by: ALICE }
			);
			assert_noop!(
				Identity::cancel_deactivation(signed(ALICE), patient(1)),
				Error::<Test>::PendingDeactivationNotFound
			);
			// Removing the controller who asked drops its request.
			assert_ok!(Identity::deactivate_patient(signed(BOB), patient(1)));
			assert_ok!(Identity::remove_controller(signed(ALICE), patient(1), BOB));
			assert!(!PendingDeactivations::<Test>::contains_key(patient(1)));
			assert!(<Identity as PatientDirectory<u64>>::is_active(&patient(1)));
		});
	}

	#[test]
	fn the_controller_who_asked_completes_the_deactivation_alone_after_the_delay() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_ok!(Identity::add_controller(signed(ALICE), patient(1), BOB));
			assert_ok!(Identity::deactivate_patient(signed(BOB), patient(1)));
			run_to(1 + DEACTIVATION_DELAY);
			assert_ok!(Identity::deactivate_patient(signed(BOB), patient(1)));
			assert_eq!(
				last_event(),
				Event::PatientDeactivated { patient: patient(1), by: BOB, finalized_by: Some(BOB) }
			);
			assert!(!<Identity as PatientDirectory<u64>>::is_active(&patient(1)));
			assert!(!PendingDeactivations::<Test>::contains_key(patient(1)));
		});
	}

	/// AUDIT M-4: once deactivated, nobody could ever erase the patient's records: the right to
	/// erasure ended with the tombstone. The last controllers keep it, and only they.
	#[test]
	fn the_last_controllers_of_a_tombstone_may_still_erase() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_ok!(Identity::add_controller(signed(ALICE), patient(1), BOB));
			assert_ok!(Identity::add_guardian(
				signed(ALICE),
				patient(1),
				CAROL,
				GuardianScope::Full,
				None
			));
			assert!(<Identity as PatientDirectory<u64>>::may_erase(&patient(1), &ALICE));
			assert!(!<Identity as PatientDirectory<u64>>::may_erase(&patient(1), &CAROL));
			assert_ok!(Identity::deactivate_patient(signed(ALICE), patient(1)));
			assert_ok!(Identity::deactivate_patient(signed(BOB), patient(1)));
			for who in [ALICE, BOB] {
				assert!(<Identity as PatientDirectory<u64>>::may_erase(&patient(1), &who));
				assert!(Identity::may_erase(patient(1), who));
				assert!(!<Identity as PatientDirectory<u64>>::is_controller(&patient(1), &who));
			}
			for who in [CAROL, STRANGER] {
				assert!(!<Identity as PatientDirectory<u64>>::may_erase(&patient(1), &who));
			}
			assert!(!<Identity as PatientDirectory<u64>>::may_erase(&patient(2), &ALICE));
		});
	}

	#[test]
	fn a_sole_controller_deactivates_at_once_and_the_event_names_it_alone() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_ok!(Identity::deactivate_patient(signed(ALICE), patient(1)));
			assert_eq!(
				last_event(),
				Event::PatientDeactivated { patient: patient(1), by: ALICE, finalized_by: None }
			);
			assert!(!<Identity as PatientDirectory<u64>>::is_active(&patient(1)));
		});
	}

	#[test]
	fn deactivate_patient_errors() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Identity::deactivate_patient(signed(ALICE), patient(1)),
				Error::<Test>::PatientNotFound
			);
			register_alice();
			assert_ok!(Identity::add_guardian(
				signed(ALICE),
				patient(1),
				CAROL,
				GuardianScope::Full,
				None
			));
			for who in [CAROL, HOSPITAL_PHYSICIAN, STRANGER] {
				assert_noop!(
					Identity::deactivate_patient(signed(who), patient(1)),
					Error::<Test>::NotController
				);
			}
			assert_ok!(Identity::deactivate_patient(signed(ALICE), patient(1)));
			assert_noop!(
				Identity::deactivate_patient(signed(ALICE), patient(1)),
				Error::<Test>::PatientDeactivated
			);
		});
	}
}

mod views {
	use super::*;

	#[test]
	fn the_public_record_shows_status_key_controllers_and_guardians() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(Identity::patient(patient(1)), None);
			register_alice();
			assert_ok!(Identity::add_controller(signed(ALICE), patient(1), BOB));
			assert_ok!(Identity::add_guardian(
				signed(ALICE),
				patient(1),
				CAROL,
				GuardianScope::ReadOnly,
				Some(GENESIS_TIME + 5)
			));
			assert_eq!(
				Identity::patient(patient(1)),
				Some(PatientView {
					status: PatientStatus::Active,
					encryption_key: Some(key(1)),
					controller_count: 2,
					guardians: vec![GuardianView {
						guardian: CAROL,
						scope: GuardianScope::ReadOnly,
						valid_until: Some(GENESIS_TIME + 5),
						in_force: true,
					}],
				})
			);
			assert!(Identity::may_act(patient(1), CAROL, GuardianScope::ReadOnly));
			assert!(!Identity::may_act(patient(1), CAROL, GuardianScope::ConsentOnly));
			assert_ok!(Identity::deactivate_patient(signed(ALICE), patient(1)));
			assert_ok!(Identity::deactivate_patient(signed(BOB), patient(1)));
			assert_eq!(
				Identity::patient(patient(1)),
				Some(PatientView {
					status: PatientStatus::Deactivated,
					encryption_key: None,
					controller_count: 2,
					guardians: vec![],
				})
			);
			assert_eq!(Identity::free_calls(patient(1)), None);
		});
	}
}

mod free_calls {
	use super::*;
	use codec::Decode;
	use frame_system::CheckWeight;
	use sp_runtime::transaction_validity::ValidTransaction;

	type Stages = FeeStages<Test, MockCharge>;
	type Waiver = PatientFeeWaiver<Test, Stages>;

	/// The waiver of a transaction with `nonce`.
	fn waiver_at(nonce: u32) -> Waiver {
		Waiver::new((CheckNonce::from(nonce), CheckWeight::new(), MockCharge))
	}

	/// The waiver of `who`'s next transaction.
	fn waiver(who: u64) -> Waiver {
		waiver_at(System::account_nonce(who))
	}

	fn rotate(n: u8) -> RuntimeCall {
		Call::rotate_encryption_key { patient: patient(1), new_key: key(n) }.into()
	}

	/// `patient(1)`, controlled by ALICE, registered — and so vouched for — by a hospital
	/// practitioner.
	fn register_vouched() {
		assert_ok!(Identity::register_patient_for(
			signed(HOSPITAL_PHYSICIAN),
			patient(1),
			ALICE,
			key(1)
		));
	}

	/// Validates, prepares and dispatches `call` as `who`'s next transaction, through the waiver.
	fn submit(
		who: u64,
		call: RuntimeCall,
	) -> Result<
		sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo>,
		TransactionValidityError,
	> {
		let info = call.get_dispatch_info();
		waiver(who).dispatch_transaction(signed(who), call, &info, 0, 0)
	}

	/// What the pool answers for `call` sent by `who` with `nonce`.
	fn pool(
		who: u64,
		nonce: u32,
		call: &RuntimeCall,
	) -> Result<ValidTransaction, TransactionValidityError> {
		waiver_at(nonce)
			.validate_only(
				signed(who),
				call,
				&call.get_dispatch_info(),
				0,
				TransactionSource::External,
				0,
			)
			.map(|(valid, _, _)| valid)
	}

	/// The priority the pool gives `call` as `who`'s next transaction.
	fn validate(who: u64, call: &RuntimeCall) -> Result<u64, TransactionValidityError> {
		pool(who, System::account_nonce(who), call).map(|valid| valid.priority)
	}

	fn slot_tag(slot: u32) -> Vec<u8> {
		FreeCallSlot { patient: patient(1), period: 0u64, slot }.tag()
	}

	fn exhausted() -> TransactionValidityError {
		TransactionValidityError::Invalid(InvalidTransaction::Custom(FREE_CALLS_EXHAUSTED))
	}

	#[test]
	fn a_controller_acts_free_until_the_allowance_is_used_then_is_refused_clearly() {
		ExtBuilder::default().build_and_execute(|| {
			register_vouched();
			for n in 0..FREE_CALLS {
				assert_ok!(submit(ALICE, rotate(10 + n as u8)).unwrap());
				assert_eq!(
					last_event(),
					Event::EncryptionKeyRotated { patient: patient(1), by: ALICE }
				);
			}
			assert!(charged().is_empty());
			assert_eq!(FreeCalls::<Test>::get(patient(1)).unwrap().used, FREE_CALLS);
			assert_eq!(Identity::free_calls(patient(1)).unwrap().remaining, 0);
			assert_eq!(validate(ALICE, &rotate(20)), Err(exhausted()));
			assert_eq!(submit(ALICE, rotate(20)), Err(exhausted()));
			assert_eq!(record(1).encryption_key, key(10 + FREE_CALLS as u8 - 1));
		});
	}

	/// AUDIT H-1 (scarcity): any funded account could register patients for itself, each with an
	/// allowance of its own, so registering patients multiplied fee-free transactions.
	#[test]
	fn a_self_registered_patient_pays_like_anyone() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_eq!(validate(ALICE, &rotate(5)), Err(InvalidTransaction::Payment.into()));
			can_pay(ALICE);
			assert_ok!(submit(ALICE, rotate(5)).unwrap());
			assert_eq!(charged(), vec![ALICE]);
			assert_eq!(FreeCalls::<Test>::get(patient(1)), None);
			assert_eq!(
				Identity::free_calls(patient(1)),
				Some(FreeCallAllowance { vouched: false, remaining: 0, renews_at: PERIOD })
			);
		});
	}

	/// AUDIT H-1: a device a self-registered patient adds (for a fee) exists through its
	/// controllership, but transacts for no fee.
	#[test]
	fn a_device_of_a_self_registered_patient_gets_no_free_calls() {
		ExtBuilder::default().with_payer(ALICE).build_and_execute(|| {
			register_alice();
			assert_ok!(submit(
				ALICE,
				Call::add_controller { patient: patient(1), who: BOB }.into()
			)
			.unwrap());
			assert_eq!(sufficients(BOB), 1);
			assert_eq!(validate(BOB, &rotate(5)), Err(InvalidTransaction::Payment.into()));
			assert_eq!(
				Pallet::<Test>::free_call_slot(&patient(1), &BOB, 0),
				Err(FreeCallRefusal::NotVouched)
			);
		});
	}

	#[test]
	fn only_a_registrar_vouches_and_the_vouching_ends_with_the_patient() {
		ExtBuilder::default().build_and_execute(|| {
			register_vouched();
			register_alice_for(2);
			assert!(VouchedPatients::<Test>::contains_key(patient(1)));
			assert!(!VouchedPatients::<Test>::contains_key(patient(2)));
			assert_eq!(Identity::free_calls(patient(1)).map(|a| a.vouched), Some(true));
			assert_eq!(Identity::free_calls(patient(2)).map(|a| a.vouched), Some(false));
			assert_ok!(
				submit(ALICE, Call::deactivate_patient { patient: patient(1) }.into()).unwrap()
			);
			assert!(!VouchedPatients::<Test>::contains_key(patient(1)));
			assert_eq!(FreeCalls::<Test>::get(patient(1)), None);
		});
	}

	/// AUDIT H-1 (pool flooding): the pool checked the allowance without reserving it, so a
	/// zero-balance controller could queue any number of nonce-consecutive free transactions,
	/// all valid, each executed and refused by the block author at no charge.
	#[test]
	fn the_pool_admits_no_more_free_transactions_than_the_allowance_has_left() {
		ExtBuilder::default().build_and_execute(|| {
			register_vouched();
			let verdicts: Vec<_> = (0..20u32).map(|nonce| pool(ALICE, nonce, &rotate(5))).collect();
			for (nonce, verdict) in verdicts.iter().enumerate() {
				let nonce = nonce as u32;
				if nonce < FREE_CALLS {
					let valid = verdict.as_ref().expect("within the allowance");
					assert_eq!(valid.priority, 0);
					assert_eq!(valid.longevity, LONGEVITY);
					assert!(valid.provides.contains(&slot_tag(nonce)), "nonce {nonce}");
					assert!(valid.provides.contains(&(ALICE, nonce).encode()), "the nonce tag");
				} else {
					assert_eq!(verdict, &Err(exhausted()), "nonce {nonce}");
				}
			}
			// One free call included: the slots move on, the last one is still refused.
			assert_ok!(submit(ALICE, rotate(5)).unwrap());
			assert!(pool(ALICE, 1, &rotate(6)).unwrap().provides.contains(&slot_tag(1)));
			assert!(pool(ALICE, FREE_CALLS - 1, &rotate(6))
				.unwrap()
				.provides
				.contains(&slot_tag(FREE_CALLS - 1)));
			assert_eq!(pool(ALICE, FREE_CALLS, &rotate(6)), Err(exhausted()));
		});
	}

	#[test]
	fn past_the_free_slots_a_funded_controller_pays_at_once() {
		ExtBuilder::default().with_payer(ALICE).build_and_execute(|| {
			register_vouched();
			let valid = pool(ALICE, FREE_CALLS, &rotate(5)).expect("paid");
			assert_eq!(valid.priority, 7);
			assert!(!valid.provides.iter().any(|tag| tag.starts_with(FREE_CALL_TAG)));
			// Its transactions queued before a free one count, paid or not: the pool's count is an
			// upper bound, never below what the block will find.
			let remark: RuntimeCall = frame_system::Call::remark { remark: vec![] }.into();
			assert_eq!(pool(ALICE, 0, &remark).map(|v| v.priority), Ok(7));
			assert!(pool(ALICE, 1, &rotate(5)).unwrap().provides.contains(&slot_tag(1)));
		});
	}

	#[test]
	fn two_controllers_of_one_patient_cannot_hold_the_same_slot() {
		ExtBuilder::default().build_and_execute(|| {
			register_vouched();
			assert_ok!(Identity::add_controller(signed(ALICE), patient(1), BOB));
			let alice = pool(ALICE, 0, &rotate(5)).unwrap();
			let bob = pool(BOB, 0, &rotate(6)).unwrap();
			assert!(alice.provides.contains(&slot_tag(0)) && bob.provides.contains(&slot_tag(0)));
			// Bob's next transaction would take the next slot.
			assert!(pool(BOB, 1, &rotate(6)).unwrap().provides.contains(&slot_tag(1)));
		});
	}

	#[test]
	fn the_slots_of_a_new_period_carry_its_number() {
		ExtBuilder::default().build_and_execute(|| {
			register_vouched();
			for n in 0..FREE_CALLS {
				assert_ok!(submit(ALICE, rotate(10 + n as u8)).unwrap());
			}
			System::set_block_number(PERIOD);
			let valid = pool(ALICE, System::account_nonce(ALICE), &rotate(5)).unwrap();
			assert!(valid
				.provides
				.contains(&FreeCallSlot { patient: patient(1), period: 1u64, slot: 0 }.tag()));
		});
	}

	#[test]
	fn a_free_call_still_passes_the_nonce_and_weight_checks() {
		ExtBuilder::default().build_and_execute(|| {
			register_vouched();
			assert_eq!(pool(ALICE, 1, &rotate(5)).unwrap().requires, vec![(ALICE, 0u32).encode()]);
			assert_ok!(submit(ALICE, rotate(5)).unwrap());
			assert_eq!(System::account_nonce(ALICE), 1);
			assert_eq!(
				pool(ALICE, 0, &rotate(6)),
				Err(TransactionValidityError::Invalid(InvalidTransaction::Stale))
			);
			assert!(!System::block_weight().total().is_zero(), "the weight check counted it");
			let mut too_heavy = rotate(6).get_dispatch_info();
			too_heavy.call_weight = Weight::MAX;
			assert_eq!(
				waiver(ALICE)
					.validate_only(
						signed(ALICE),
						&rotate(6),
						&too_heavy,
						0,
						TransactionSource::External,
						0
					)
					.map(|_| ()),
				Err(TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources))
			);
			assert_eq!(Identity::free_calls(patient(1)).unwrap().remaining, FREE_CALLS - 1);
		});
	}

	#[test]
	fn bare_extrinsics_pass_the_weight_check_as_without_the_waiver() {
		ExtBuilder::default().build_and_execute(|| {
			let call: RuntimeCall = frame_system::Call::remark { remark: vec![] }.into();
			let info = call.get_dispatch_info();
			let before = System::block_weight().total();
			assert_ok!(<Waiver as TransactionExtension<RuntimeCall>>::bare_validate_and_prepare(
				&call, &info, 10
			));
			let with_waiver = System::block_weight().total() - before;
			assert_ok!(<Stages as TransactionExtension<RuntimeCall>>::bare_validate_and_prepare(
				&call, &info, 10
			));
			let without = System::block_weight().total() - before - with_waiver;
			assert_eq!(with_waiver, without);
			assert!(!with_waiver.is_zero());
		});
	}

	#[test]
	fn each_free_call_is_counted_and_announced() {
		ExtBuilder::default().build_and_execute(|| {
			register_vouched();
			assert_ok!(submit(ALICE, rotate(5)).unwrap());
			assert!(System::events().iter().any(|r| r.event
				== RuntimeEvent::PatientIdentity(Event::FreeCallUsed {
					patient: patient(1),
					by: ALICE,
					remaining: FREE_CALLS - 1,
				})));
		});
	}

	#[test]
	fn a_failing_free_call_still_uses_the_allowance() {
		ExtBuilder::default().build_and_execute(|| {
			register_vouched();
			let result = submit(ALICE, rotate(1)).unwrap();
			assert_eq!(result.map_err(|e| e.error), Err(Error::<Test>::KeyUnchanged.into()));
			assert_eq!(Identity::free_calls(patient(1)).unwrap().remaining, FREE_CALLS - 1);
		});
	}

	/// AUDIT L-11: a rogue co-controller could use the shared allowance up at the start of each
	/// period (free calls count even when they fail), and a patient without tokens could then
	/// not remove it that day. A removal that succeeds is free and uses none of the allowance.
	#[test]
	fn a_patient_without_tokens_removes_a_rogue_controller_who_used_the_allowance_up() {
		ExtBuilder::default().build_and_execute(|| {
			register_vouched();
			let add: RuntimeCall = Call::add_controller { patient: patient(1), who: BOB }.into();
			assert_ok!(submit(ALICE, add).unwrap());
			// BOB burns the rest of the allowance with calls that fail.
			for _ in 1..FREE_CALLS {
				assert!(submit(BOB, rotate(1)).unwrap().is_err());
			}
			assert_eq!(Identity::free_calls(patient(1)).unwrap().remaining, 0);
			assert_eq!(validate(ALICE, &rotate(2)), Err(exhausted()));
			let remove: RuntimeCall =
				Call::remove_controller { patient: patient(1), who: BOB }.into();
			let valid = pool(ALICE, System::account_nonce(ALICE), &remove).unwrap();
			assert_eq!(valid.priority, 0);
			assert!(valid.provides.contains(&free_removal_tag(&patient(1), &BOB)));
			assert_ok!(submit(ALICE, remove).unwrap());
			assert_eq!(record(1).controllers.to_vec(), vec![ALICE]);
			assert_eq!(Identity::free_calls(patient(1)).unwrap().remaining, 0);
			assert!(charged().is_empty(), "nothing was charged");
			// A removal that would fail is an ordinary free call: refused past the allowance.
			let last: RuntimeCall =
				Call::remove_controller { patient: patient(1), who: ALICE }.into();
			assert_eq!(validate(ALICE, &last), Err(exhausted()));
		});
	}

	#[test]
	fn a_removal_that_would_no_longer_succeed_is_not_free() {
		ExtBuilder::default().build_and_execute(|| {
			register_vouched();
			assert_ok!(Identity::add_controller(signed(ALICE), patient(1), BOB));
			let remove_bob: RuntimeCall =
				Call::remove_controller { patient: patient(1), who: BOB }.into();
			let remove_alice: RuntimeCall =
				Call::remove_controller { patient: patient(1), who: ALICE }.into();
			// Both are admitted to the pool in the same state, one tag per removed controller.
			assert!(pool(ALICE, 0, &remove_bob).is_ok());
			assert!(pool(BOB, 0, &remove_alice).is_ok());
			assert_ok!(submit(BOB, remove_alice).unwrap());
			assert_eq!(submit(ALICE, remove_bob), Err(InvalidTransaction::Payment.into()));
			assert_eq!(record(1).controllers.to_vec(), vec![BOB]);
		});
	}

	#[test]
	fn past_the_allowance_a_controller_who_can_pay_pays() {
		ExtBuilder::default().with_payer(ALICE).build_and_execute(|| {
			register_vouched();
			for n in 0..FREE_CALLS {
				assert_ok!(submit(ALICE, rotate(10 + n as u8)).unwrap());
			}
			assert!(charged().is_empty());
			assert_eq!(validate(ALICE, &rotate(20)), Ok(7));
			assert_ok!(submit(ALICE, rotate(20)).unwrap());
			assert_eq!(charged(), vec![ALICE]);
		});
	}

	#[test]
	fn the_allowance_is_per_patient_and_renews_each_period() {
		ExtBuilder::default().build_and_execute(|| {
			register_vouched();
			assert_ok!(Identity::add_controller(signed(ALICE), patient(1), BOB));
			for n in 0..FREE_CALLS {
				let who = if n % 2 == 0 { ALICE } else { BOB };
				assert_ok!(submit(who, rotate(10 + n as u8)).unwrap());
			}
			assert!(submit(BOB, rotate(30)).is_err());
			// Another vouched patient of the same controller has its own allowance.
			assert_ok!(Identity::register_patient_for(
				signed(CLINIC_NURSE),
				patient(2),
				ALICE,
				key(2)
			));
			let other: RuntimeCall =
				Call::rotate_encryption_key { patient: patient(2), new_key: key(3) }.into();
			assert_ok!(submit(ALICE, other).unwrap());
			let allowance = Identity::free_calls(patient(1)).unwrap();
			assert_eq!(allowance.renews_at, PERIOD);
			System::set_block_number(PERIOD);
			assert_eq!(Identity::free_calls(patient(1)).unwrap().remaining, FREE_CALLS);
			assert_ok!(submit(BOB, rotate(30)).unwrap());
		});
	}

	#[test]
	fn guardians_and_strangers_pay() {
		ExtBuilder::default().build_and_execute(|| {
			register_vouched();
			assert_ok!(Identity::add_guardian(
				signed(ALICE),
				patient(1),
				CAROL,
				GuardianScope::Full,
				None
			));
			// A guardian could otherwise use up the allowance a patient without tokens needs to
			// remove that guardian.
			let remove: RuntimeCall =
				Call::remove_guardian { patient: patient(1), guardian: CAROL }.into();
			assert_eq!(validate(CAROL, &remove), Err(InvalidTransaction::Payment.into()));
			assert_eq!(validate(STRANGER, &rotate(3)), Err(InvalidTransaction::Payment.into()));
			can_pay(STRANGER);
			let result = submit(STRANGER, rotate(3)).unwrap();
			assert_eq!(result.map_err(|e| e.error), Err(Error::<Test>::NotController.into()));
			assert_eq!(charged(), vec![STRANGER]);
			assert_eq!(Identity::free_calls(patient(1)).unwrap().remaining, FREE_CALLS);
		});
	}

	#[test]
	fn a_controller_removed_in_the_meantime_gets_no_free_call() {
		ExtBuilder::default().build_and_execute(|| {
			register_vouched();
			assert_ok!(Identity::add_controller(signed(ALICE), patient(1), BOB));
			let call = rotate(40);
			let info = call.get_dispatch_info();
			let (_, val, origin) = waiver(BOB)
				.validate_only(signed(BOB), &call, &info, 0, TransactionSource::External, 0)
				.unwrap();
			assert_ok!(Identity::remove_controller(signed(ALICE), patient(1), BOB));
			assert_eq!(
				waiver(BOB).prepare(val, &origin, &call, &info, 0).err(),
				Some(InvalidTransaction::Payment.into())
			);
		});
	}

	#[test]
	fn registration_recovery_and_other_calls_are_never_free() {
		ExtBuilder::default().build_and_execute(|| {
			register_vouched();
			let register: RuntimeCall =
				Call::register_patient { patient_id: patient(2), encryption_key: key(2) }.into();
			assert_eq!(validate(ALICE, &register), Err(InvalidTransaction::Payment.into()));
			let recover: RuntimeCall =
				Call::recover_patient { patient: patient(1), new_controller: BOB }.into();
			assert_eq!(validate(ALICE, &recover), Err(InvalidTransaction::Payment.into()));
			let remark: RuntimeCall = frame_system::Call::remark { remark: vec![] }.into();
			assert_eq!(validate(ALICE, &remark), Err(InvalidTransaction::Payment.into()));
		});
	}

	#[test]
	fn calls_for_a_deactivated_patient_are_not_free() {
		ExtBuilder::default().build_and_execute(|| {
			register_vouched();
			assert_ok!(Identity::add_controller(signed(ALICE), patient(1), BOB));
			assert_ok!(
				submit(ALICE, Call::deactivate_patient { patient: patient(1) }.into()).unwrap()
			);
			assert_ok!(
				submit(BOB, Call::deactivate_patient { patient: patient(1) }.into()).unwrap()
			);
			assert!(!<Identity as PatientDirectory<u64>>::is_active(&patient(1)));
			// A last controller of a tombstone gets nothing free.
			assert_eq!(validate(BOB, &rotate(3)), Err(InvalidTransaction::Payment.into()));
		});
	}

	#[test]
	fn a_transaction_validated_before_the_allowance_ran_out_is_dropped_not_run_free() {
		ExtBuilder::default().build_and_execute(|| {
			register_vouched();
			assert_ok!(Identity::add_controller(signed(ALICE), patient(1), BOB));
			// BOB's transaction was validated elsewhere (another node's pool) while ALICE used
			// the rest of the allowance.
			let call = rotate(40);
			let info = call.get_dispatch_info();
			let (_, val, origin) = waiver(BOB)
				.validate_only(signed(BOB), &call, &info, 0, TransactionSource::External, 0)
				.unwrap();
			for n in 0..FREE_CALLS {
				assert_ok!(submit(ALICE, rotate(10 + n as u8)).unwrap());
			}
			assert_eq!(waiver(BOB).prepare(val, &origin, &call, &info, 0).err(), Some(exhausted()));
		});
	}

	#[test]
	fn the_waiver_declares_its_check_and_refunds_the_skipped_charge() {
		ExtBuilder::default().build_and_execute(|| {
			register_vouched();
			let call = rotate(2);
			let stages = waiver(ALICE).0.weight(&call);
			let declared = waiver(ALICE).weight(&call);
			assert_eq!(declared, <() as WeightInfo>::use_free_call() + stages);
			// A call that is never free declares the wrapped extensions alone.
			let register = RuntimeCall::PatientIdentity(crate::Call::register_patient {
				patient_id: patient(2),
				encryption_key: key(2),
			});
			assert_eq!(waiver(ALICE).weight(&register), waiver(ALICE).0.weight(&register));
			let mut info = call.get_dispatch_info();
			info.extension_weight = declared;
			let post = waiver(ALICE)
				.dispatch_transaction(signed(ALICE), call, &info, 0, 0)
				.unwrap()
				.unwrap();
			assert_eq!(post.calc_actual_weight(&info), info.total_weight() - MOCK_CHARGE_WEIGHT);
		});
	}

	#[test]
	fn the_waiver_is_invisible_to_wallets() {
		use scale_info::TypeInfo;
		let identifiers = |m: Vec<sp_runtime::traits::TransactionExtensionMetadata>| {
			m.into_iter()
				.map(|m| (m.identifier, m.ty.type_id(), m.implicit.type_id()))
				.collect::<Vec<_>>()
		};
		assert_eq!(
			identifiers(<Waiver as TransactionExtension<RuntimeCall>>::metadata()),
			identifiers(<Stages as TransactionExtension<RuntimeCall>>::metadata())
		);
		assert_eq!(
			<Waiver as TransactionExtension<RuntimeCall>>::metadata()
				.into_iter()
				.map(|m| m.identifier)
				.collect::<Vec<_>>(),
			["CheckNonce", "CheckWeight", "MockCharge"]
		);
		assert_eq!(Waiver::type_info(), Stages::type_info());
		let stages: Stages = (CheckNonce::from(7), CheckWeight::new(), MockCharge);
		assert_eq!(waiver_at(7).encode(), stages.encode());
		assert_eq!(Waiver::decode(&mut &stages.encode()[..]).ok(), Some(waiver_at(7)));
		assert_eq!(
			waiver_at(7).implicit().map(|i| i.encode()),
			stages.implicit().map(|i| i.encode())
		);
	}
}

mod deposits {
	//! AUDIT M-14: whoever leaves lasting state holds a deposit for it while it exists.
	use super::*;
	use frame_support::traits::Footprint;

	/// The deposit for `count` items of `size` bytes in all.
	fn price(count: u64, size: u64) -> u64 {
		count * ITEM_DEPOSIT + size * BYTE_DEPOSIT
	}

	fn footprint(who: u64) -> Option<Footprint> {
		Deposits::<Test>::get(who).map(|d| d.footprint)
	}

	fn patient_bytes() -> u64 {
		Identity::patient_bytes()
	}

	fn vouched_bytes() -> u64 {
		Identity::patient_bytes() + Identity::vouching_bytes()
	}

	fn guardianship_bytes() -> u64 {
		Identity::guardianship_bytes()
	}

	/// Appoints `guardian` for `p` by `by`: at once for a controller, after the delay (applied
	/// here) for an authority.
	fn appoint(by: u64, p: PatientId, guardian: u64) -> DispatchResult {
		Identity::add_guardian(signed(by), p, guardian, GuardianScope::Full, None)?;
		if PendingGuardianships::<Test>::contains_key(p) {
			run_to(System::block_number() + AUTHORITY_DELAY);
			Identity::finalize_guardianship(signed(STRANGER), p)?;
		}
		Ok(())
	}

	#[test]
	fn item_sizes_are_the_largest_encodings_of_keys_and_values() {
		// PatientId 32, record 1 + 32 + (1 + 3 × 8) + 4, depositor 8; vouching 32 + 0;
		// guardianship (32 + 8) + (1 + 9 + 4) and its depositor (32 + 8) + 8.
		assert_eq!(patient_bytes(), 32 + 62 + 32 + 8);
		assert_eq!(Identity::vouching_bytes(), 32);
		assert_eq!(guardianship_bytes(), 40 + 14 + 40 + 8);
	}

	#[test]
	fn registering_patients_holds_a_deposit_per_patient_from_the_signer() {
		ExtBuilder::default().build_and_execute(|| {
			for n in 1..=3 {
				register_alice_for(n);
			}
			assert_eq!(held(ALICE), 3 * price(1, patient_bytes()));
			assert_eq!(footprint(ALICE), Some(Footprint { count: 3, size: 3 * patient_bytes() }));
			assert_eq!(Balances::free_balance(ALICE), ENDOWMENT - held(ALICE));
			assert_eq!(PatientDepositors::<Test>::get(patient(2)), Some(ALICE));
		});
	}

	#[test]
	fn a_registrar_holds_the_deposit_for_the_patients_it_vouches_for() {
		ExtBuilder::default().build_and_execute(|| {
			let nb = patient_of(NEWBORN, 1);
			assert_ok!(Identity::register_patient_for(
				signed(HOSPITAL_PHYSICIAN),
				nb,
				NEWBORN,
				key(1)
			));
			assert_ok!(Identity::register_patient_for(
				signed(HOSPITAL_PHYSICIAN),
				patient_of(BOB, 2),
				BOB,
				key(2)
			));
			assert_eq!(held(HOSPITAL_PHYSICIAN), 2 * price(1, vouched_bytes()));
			assert_eq!(
				footprint(HOSPITAL_PHYSICIAN),
				Some(Footprint { count: 2, size: 2 * vouched_bytes() })
			);
			assert_eq!((held(NEWBORN), held(BOB)), (0, 0), "the controllers hold nothing");
			assert_eq!(PatientDepositors::<Test>::get(nb), Some(HOSPITAL_PHYSICIAN));
		});
	}

	#[test]
	fn deactivation_releases_the_vouching_and_the_tombstone_keeps_its_deposit() {
		ExtBuilder::default().build_and_execute(|| {
			let nb = patient_of(NEWBORN, 1);
			assert_ok!(Identity::register_patient_for(
				signed(HOSPITAL_PHYSICIAN),
				nb,
				NEWBORN,
				key(1)
			));
			register_alice_for(2);
			// Deactivated by the controllers, not by the depositors.
			assert_ok!(Identity::deactivate_patient(signed(NEWBORN), nb));
			assert_ok!(Identity::add_controller(signed(ALICE), patient(2), BOB));
			assert_ok!(Identity::deactivate_patient(signed(BOB), patient(2)));
			assert_ok!(Identity::deactivate_patient(signed(ALICE), patient(2)));
			assert_eq!(held(HOSPITAL_PHYSICIAN), price(1, patient_bytes()));
			assert_eq!(
				footprint(HOSPITAL_PHYSICIAN),
				Some(Footprint { count: 1, size: patient_bytes() })
			);
			assert_eq!(held(ALICE), price(1, patient_bytes()));
			assert_eq!((held(NEWBORN), held(BOB)), (0, 0));
		});
	}

	#[test]
	fn the_deposit_stays_with_the_registering_account_through_controller_changes() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_ok!(Identity::add_controller(signed(ALICE), patient(1), BOB));
			assert_ok!(Identity::remove_controller(signed(BOB), patient(1), ALICE));
			assert_ok!(Identity::recover_patient(
				signed(HOSPITAL_PRIVACY_OFFICER),
				patient(1),
				CAROL
			));
			assert_eq!(
				held(HOSPITAL_PRIVACY_OFFICER),
				price(1, Identity::pending_recovery_bytes())
			);
			run_to(1 + AUTHORITY_DELAY);
			assert_ok!(Identity::finalize_recovery(signed(CAROL), patient(1)));
			assert_eq!(held(ALICE), price(1, patient_bytes()));
			assert_eq!((held(BOB), held(CAROL), held(HOSPITAL_PRIVACY_OFFICER)), (0, 0, 0));
			assert_eq!(PatientDepositors::<Test>::get(patient(1)), Some(ALICE));
		});
	}

	#[test]
	fn a_practitioner_appointing_guardians_holds_a_deposit_until_each_is_removed() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			let registration = held(ALICE);
			assert_ok!(appoint(REGULATOR_INSPECTOR, patient(1), CAROL));
			assert_ok!(appoint(REGULATOR_INSPECTOR, patient(1), DAVE));
			assert_eq!(held(REGULATOR_INSPECTOR), 2 * price(1, guardianship_bytes()));
			assert_eq!(
				footprint(REGULATOR_INSPECTOR),
				Some(Footprint { count: 2, size: 2 * guardianship_bytes() })
			);
			assert_eq!(
				GuardianDepositors::<Test>::get(patient(1), CAROL),
				Some(REGULATOR_INSPECTOR)
			);
			assert_eq!(held(ALICE), registration, "the patient side pays nothing for them");
			// Removed by the patient: the practitioner still gets the release.
			assert_ok!(Identity::remove_guardian(signed(ALICE), patient(1), CAROL));
			assert_eq!(held(REGULATOR_INSPECTOR), price(1, guardianship_bytes()));
			assert_eq!(GuardianDepositors::<Test>::get(patient(1), CAROL), None);
			// Removed by another practitioner: nothing is left, and the ledger entry goes.
			assert_ok!(Identity::remove_guardian(
				signed(HOSPITAL_PRIVACY_OFFICER),
				patient(1),
				DAVE
			));
			assert_eq!(held(REGULATOR_INSPECTOR), 0);
			assert_eq!(footprint(REGULATOR_INSPECTOR), None);
			assert_eq!(held(HOSPITAL_PRIVACY_OFFICER), 0);
		});
	}

	#[test]
	fn deactivation_releases_every_appointed_guardianship() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_ok!(appoint(REGULATOR_INSPECTOR, patient(1), CAROL));
			assert_ok!(appoint(HOSPITAL_PRIVACY_OFFICER, patient(1), DAVE));
			assert_ok!(Identity::deactivate_patient(signed(ALICE), patient(1)));
			for practitioner in [REGULATOR_INSPECTOR, HOSPITAL_PRIVACY_OFFICER] {
				assert_eq!(held(practitioner), 0);
				assert_eq!(footprint(practitioner), None);
			}
			assert_eq!(GuardianDepositors::<Test>::iter_prefix(patient(1)).count(), 0);
			assert_eq!(held(ALICE), price(1, patient_bytes()), "the tombstone stays paid for");
		});
	}

	#[test]
	fn a_signer_who_cannot_hold_the_deposit_is_refused() {
		ExtBuilder::default().with_balance(CLINIC_NURSE, 1).build_and_execute(|| {
			assert_noop!(
				Identity::register_patient_for(signed(CLINIC_NURSE), patient(2), ALICE, key(2)),
				Error::<Test>::DepositUnavailable
			);
			assert_noop!(
				Identity::register_patient(signed(POOR), patient_of(POOR, 1), key(1)),
				Error::<Test>::DepositUnavailable
			);
			assert_noop!(
				Identity::register_patient_for(signed(POOR), patient(1), ALICE, key(1)),
				Error::<Test>::DepositUnavailable
			);
			register_alice();
			assert_noop!(appoint(POOR, patient(1), CAROL), Error::<Test>::DepositUnavailable);
			assert_eq!(held(POOR), 0);
		});
	}

	#[test]
	fn patient_side_calls_hold_nothing_even_from_an_account_without_balance() {
		ExtBuilder::default().build_and_execute(|| {
			let nb = patient_of(NEWBORN, 1);
			assert_ok!(Identity::register_patient_for(
				signed(HOSPITAL_PHYSICIAN),
				nb,
				NEWBORN,
				key(1)
			));
			let registration = held(HOSPITAL_PHYSICIAN);
			assert_ok!(Identity::add_controller(signed(NEWBORN), nb, BOB));
			assert_ok!(appoint(NEWBORN, nb, CAROL));
			assert_ok!(appoint(BOB, nb, DAVE));
			assert_ok!(Identity::remove_guardian(signed(BOB), nb, CAROL));
			assert_ok!(Identity::rotate_encryption_key(signed(NEWBORN), nb, key(2)));
			assert_ok!(Identity::remove_controller(signed(NEWBORN), nb, BOB));
			assert_eq!(Identity::use_free_call(&nb, &NEWBORN), Ok(()));
			assert_eq!((held(NEWBORN), held(BOB), held(CAROL), held(DAVE)), (0, 0, 0, 0));
			assert_eq!((footprint(NEWBORN), footprint(BOB)), (None, None));
			assert_eq!(GuardianDepositors::<Test>::iter().count(), 0);
			assert_eq!(held(HOSPITAL_PHYSICIAN), registration);
			// A practitioner who is also a controller acts for the patient: no deposit either.
			assert_ok!(Identity::add_controller(signed(NEWBORN), nb, REGULATOR_INSPECTOR));
			assert_ok!(appoint(REGULATOR_INSPECTOR, nb, ALICE));
			assert_eq!(held(REGULATOR_INSPECTOR), 0);
		});
	}

	#[test]
	fn patients_and_guardians_stored_before_deposits_release_nothing() {
		ExtBuilder::default().build_and_execute(|| {
			register_alice();
			assert_ok!(appoint(HOSPITAL_PRIVACY_OFFICER, patient(1), CAROL));
			// As if stored before deposits existed: no depositor recorded, no ledger.
			PatientDepositors::<Test>::remove(patient(1));
			GuardianDepositors::<Test>::remove(patient(1), CAROL);
			for who in [ALICE, HOSPITAL_PRIVACY_OFFICER] {
				let ticket = Deposits::<Test>::take(who).expect("a ledger entry").ticket;
				assert_ok!(frame_support::traits::Consideration::drop(ticket, &who));
			}
			assert_ok!(Identity::remove_guardian(signed(ALICE), patient(1), CAROL));
			assert_ok!(Identity::deactivate_patient(signed(ALICE), patient(1)));
			assert_eq!((held(ALICE), held(HOSPITAL_PRIVACY_OFFICER)), (0, 0));
			assert_eq!(Deposits::<Test>::iter().count(), 0);
		});
	}

	#[test]
	fn the_invariants_catch_a_ledger_that_does_not_match_what_is_kept() {
		ExtBuilder::default().build().execute_with(|| {
			register_alice();
			assert_ok!(Identity::do_try_state());
			PatientDepositors::<Test>::insert(patient(1), BOB);
			assert!(Identity::do_try_state().is_err(), "a depositor without a ledger entry");
			PatientDepositors::<Test>::insert(patient(1), ALICE);
			assert_ok!(Identity::do_try_state());
			GuardianDepositors::<Test>::insert(patient(1), CAROL, ALICE);
			assert!(Identity::do_try_state().is_err(), "a depositor of no guardianship");
			GuardianDepositors::<Test>::remove(patient(1), CAROL);
			PatientDepositors::<Test>::remove(patient(1));
			assert!(Identity::do_try_state().is_err(), "a ledger entry backing nothing");
		});
	}
}

#[test]
fn integrity_test_passes() {
	ExtBuilder::default().build_and_execute(|| {
		use frame_support::traits::Hooks;
		<Identity as Hooks<u64>>::integrity_test();
	});
}

#[test]
fn the_invariants_catch_a_vouching_or_a_free_call_count_without_its_patient() {
	ExtBuilder::default().build().execute_with(|| {
		VouchedPatients::<Test>::insert(patient(9), ());
		assert!(Identity::do_try_state().is_err(), "a vouching for an unknown patient");
		VouchedPatients::<Test>::remove(patient(9));
		register_alice();
		assert_ok!(Identity::do_try_state());
		FreeCalls::<Test>::insert(patient(1), FreeCallUsage { period: 0, used: 1 });
		assert!(Identity::do_try_state().is_err(), "free calls of a patient not vouched for");
	});
}

mod appointments;
mod conformance;
