//! Break-glass semantics (M-9, L-14, L-6): a patient-wide refusal, the sensitive opt-in, a bar
//! after an unjustified review, no review of one's own access, and purging ended accesses.

use super::*;

fn invoke(who: u64) -> DispatchResult {
	Pallet::emergency_access(signed(who), PATIENT, H256::repeat_byte(3))
}

fn review(who: u64, id: EmergencyAccessId, justified: bool) -> DispatchResult {
	Pallet::review_emergency_access(signed(who), id, justified)
}

/// AUDIT L-14: a controller who is also the invoking practitioner cannot review (approve) their
/// own access.
#[test]
fn nobody_reviews_their_own_emergency_access() {
	ExtBuilder::default().build_and_execute(|| {
		// The physician's own patient id, which they alone control.
		let own = PatientId::repeat_byte(3);
		patients::register(own, PHYSICIAN);
		assert_ok!(Pallet::emergency_access(signed(PHYSICIAN), own, H256::zero()));
		assert_noop!(review(PHYSICIAN, 0, true), Error::<Test>::SelfReview);
		assert_noop!(review(PHYSICIAN, 0, false), Error::<Test>::SelfReview);
	});
}

/// AUDIT M-9: an access reviewed as unjustified bars the practitioner from breaking the glass on
/// that patient again for `EmergencyBarPeriod`.
#[test]
fn an_unjustified_review_bars_the_practitioner_from_breaking_the_glass_again() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(invoke(PHYSICIAN));
		assert_ok!(review(CONTROLLER, 0, false));
		assert_eq!(
			EmergencyBarred::<Test>::get(PATIENT, PHYSICIAN),
			Some(GENESIS_TIME + EMERGENCY_BAR)
		);
		assert_noop!(invoke(PHYSICIAN), Error::<Test>::EmergencyAccessBarred);
		// Only that practitioner, and only on that patient.
		assert_ok!(invoke(NURSE));
		assert_ok!(Pallet::emergency_access(signed(PHYSICIAN), OTHER_PATIENT, H256::zero()));
		set_time(GENESIS_TIME + EMERGENCY_BAR - 1);
		assert_noop!(invoke(PHYSICIAN), Error::<Test>::EmergencyAccessBarred);
		set_time(GENESIS_TIME + EMERGENCY_BAR);
		assert_ok!(invoke(PHYSICIAN));
	});
}

fn prefer(who: u64, preference: EmergencyPreference) -> DispatchResult {
	Pallet::set_emergency_preference(signed(who), PATIENT, preference)
}

fn opt_in(v: &[DataCategory]) -> EmergencyPreference {
	EmergencyPreference::Allowed { sensitive: BoundedVec::truncate_from(v.to_vec()) }
}

/// AUDIT M-9: a patient can refuse emergency access for everyone, organisations admitted later
/// included; the refusal ends accesses already invoked at once.
#[test]
fn a_patient_refuses_emergency_access_to_everyone() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(invoke(PHYSICIAN));
		assert_ok!(prefer(CONTROLLER, EmergencyPreference::Refused));
		assert_eq!(
			last_event(),
			Event::EmergencyPreferenceSet {
				patient: PATIENT,
				preference: EmergencyPreference::Refused,
				controller: CONTROLLER
			}
		);
		for who in [NURSE, CLINIC_PHYSICIAN] {
			assert_noop!(invoke(who), Error::<Test>::EmergencyRefusedByPatient);
		}
		assert_eq!(
			check(PHYSICIAN, Read, Vitals, EmergencyTreatment),
			denied(DenyReason::DeniedByPatient)
		);
		// Lifted, the access invoked before covers again (within its window).
		assert_ok!(prefer(CONTROLLER, opt_in(&[])));
		assert!(!EmergencyPreferences::<Test>::contains_key(PATIENT));
		assert_eq!(
			check(PHYSICIAN, Read, Vitals, EmergencyTreatment),
			AccessDecision::Emergency { id: 0 }
		);
		assert_ok!(invoke(NURSE));
	});
}

/// AUDIT M-9 (SPEC §3): emergency access covers a sensitive category only when the patient
/// opted in to it.
#[test]
fn emergency_access_reaches_a_sensitive_category_only_when_the_patient_opted_in() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(invoke(PHYSICIAN));
		assert_eq!(
			check(PHYSICIAN, Read, MentalHealth, EmergencyTreatment),
			denied(DenyReason::SensitiveCategory)
		);
		assert_ok!(prefer(CONTROLLER, opt_in(&[SubstanceUse, MentalHealth])));
		assert_eq!(
			EmergencyPreferences::<Test>::get(PATIENT),
			Some(opt_in(&[MentalHealth, SubstanceUse]))
		);
		assert_eq!(
			check(PHYSICIAN, Read, MentalHealth, EmergencyTreatment),
			AccessDecision::Emergency { id: 0 }
		);
		assert_eq!(
			check(PHYSICIAN, Read, Genomics, EmergencyTreatment),
			denied(DenyReason::SensitiveCategory)
		);
		assert_eq!(
			check(PHYSICIAN, Read, MentalHealth, Treatment),
			denied(DenyReason::SensitiveCategory)
		);
	});
}

/// With a sensitive category opted in, a Deny of it for emergency treatment refuses the glass.
#[test]
fn a_deny_of_an_opted_in_sensitive_category_refuses_emergency_access() {
	ExtBuilder::default().build_and_execute(|| {
		hospital().deny().categories(&[MentalHealth]).purposes(&[EmergencyTreatment]).granted();
		assert_ok!(invoke(PHYSICIAN));
		assert_ok!(prefer(CONTROLLER, opt_in(&[MentalHealth])));
		assert_noop!(invoke(NURSE), Error::<Test>::EmergencyDeniedByPatient);
		assert_eq!(
			check(PHYSICIAN, Read, MentalHealth, EmergencyTreatment),
			denied(DenyReason::DeniedByPatient)
		);
	});
}

#[test]
fn set_emergency_preference_errors() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [CONSENT_GUARDIAN, FULL_GUARDIAN, PHYSICIAN, STRANGER] {
			assert_noop!(prefer(who, EmergencyPreference::Refused), Error::<Test>::NotController);
		}
		assert_noop!(prefer(CONTROLLER, opt_in(&[Vitals])), Error::<Test>::CategoryNotSensitive);
		assert_noop!(
			prefer(CONTROLLER, opt_in(&[Genomics, Genomics])),
			Error::<Test>::DuplicateCategory
		);
		patients::deactivate(&PATIENT);
		assert_noop!(
			prefer(CONTROLLER, EmergencyPreference::Refused),
			Error::<Test>::PatientInactive
		);
	});
}

#[test]
fn setting_the_emergency_preference_is_a_free_patient_call() {
	ExtBuilder::default().build_and_execute(|| {
		let call = crate::Call::<Test>::set_emergency_preference {
			patient: PATIENT,
			preference: EmergencyPreference::Refused,
		};
		assert!(call.may_be_free());
		assert_eq!(call.free_for_patient(), Some(PATIENT));
	});
}

fn purge(id: EmergencyAccessId) -> DispatchResult {
	Pallet::purge_emergency_access(signed(STRANGER), id)
}

/// AUDIT L-6: an ended, reviewed emergency access is purged, with its practitioner's
/// `ActiveEmergency` entry; the practitioner, not the caller, gets the deposit back.
#[test]
fn an_ended_reviewed_emergency_access_is_purged_and_its_deposit_released() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(invoke(NURSE));
		assert_ok!(review(PRIVACY_OFFICER, 0, true));
		assert!(held(NURSE) > 0);
		set_time(GENESIS_TIME + EMERGENCY_WINDOW);
		assert_ok!(purge(0));
		assert_eq!(last_event(), Event::EmergencyAccessPurged { id: 0, by: STRANGER });
		assert!(!EmergencyAccesses::<Test>::contains_key(0));
		assert!(!ActiveEmergency::<Test>::contains_key(PATIENT, NURSE));
		assert_eq!(held(NURSE), 0);
		assert_eq!(Deposits::<Test>::get(NURSE), None);
		assert_eq!(held(STRANGER), 0);
	});
}

/// A replaced access is purged alone: the entry that points at the newer one stays.
#[test]
fn purging_a_replaced_access_leaves_the_newer_entry() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(invoke(NURSE));
		assert_ok!(review(PRIVACY_OFFICER, 0, true));
		set_time(GENESIS_TIME + EMERGENCY_WINDOW);
		assert_ok!(invoke(NURSE));
		assert_ok!(purge(0));
		assert_eq!(ActiveEmergency::<Test>::get(PATIENT, NURSE).map(|(id, _, _)| id), Some(1));
		assert_eq!(
			check(NURSE, Read, Vitals, EmergencyTreatment),
			AccessDecision::Emergency { id: 1 }
		);
	});
}

/// An unjustified access is kept while it bars its practitioner; purged after, the bar goes too.
#[test]
fn an_unjustified_access_is_purged_with_its_bar_once_the_bar_is_over() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(invoke(NURSE));
		assert_ok!(review(CONTROLLER, 0, false));
		assert_noop!(purge(0), Error::<Test>::PractitionerStillBarred);
		set_time(GENESIS_TIME + EMERGENCY_BAR);
		assert_ok!(purge(0));
		assert!(!EmergencyBarred::<Test>::contains_key(PATIENT, NURSE));
		assert_eq!(held(NURSE), 0);
	});
}

#[test]
fn purge_emergency_access_errors() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(purge(0), Error::<Test>::EmergencyAccessNotFound);
		assert_ok!(invoke(NURSE));
		set_time(GENESIS_TIME + EMERGENCY_WINDOW);
		// Ended, but its review is still owed.
		assert_noop!(purge(0), Error::<Test>::EmergencyAccessUnreviewed);
		assert_ok!(invoke(PHYSICIAN));
		assert_ok!(review(PRIVACY_OFFICER, 1, true));
		assert_noop!(purge(1), Error::<Test>::EmergencyAccessInForce);
	});
}
