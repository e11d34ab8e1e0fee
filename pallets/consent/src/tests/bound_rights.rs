//! A right lasts only as long as its basis (SPEC §7.1): a consent to a practitioner while they
//! are at the organisation it was granted under (M-7), a guardian's grants while the
//! guardianship lasts (M-8).

use super::*;

fn to_physician() -> Terms {
	to(Grantee::Practitioner(PHYSICIAN)).categories(&[MentalHealth])
}

fn read_mental_health(who: u64) -> AccessDecision {
	check(who, Read, MentalHealth, Treatment)
}

/// AUDIT M-7: a consent to Dr X of the hospital does not follow X to another organisation.
#[test]
fn a_practitioner_consent_ends_when_the_practitioner_changes_organisation() {
	ExtBuilder.build_and_execute(|| {
		let consent = to_physician().granted();
		assert_eq!(read_mental_health(PHYSICIAN), AccessDecision::Permit { consent });
		// X leaves the hospital and is enrolled at the laboratory (another kind).
		set_practitioner(PHYSICIAN, LAB, PractitionerRole::LabTechnician);
		assert_eq!(read_mental_health(PHYSICIAN), denied(DenyReason::SensitiveCategory));
		set_practitioner(PHYSICIAN, CLINIC, PractitionerRole::Physician);
		assert_eq!(read_mental_health(PHYSICIAN), denied(DenyReason::SensitiveCategory));
	});
}

/// A practitioner consent holds again if the practitioner is back at the organisation it was
/// granted under (it was given for them there).
#[test]
fn a_practitioner_consent_holds_again_back_at_its_organisation() {
	ExtBuilder.build_and_execute(|| {
		let consent = to_physician().granted();
		set_practitioner(PHYSICIAN, CLINIC, PractitionerRole::Physician);
		set_practitioner(PHYSICIAN, HOSPITAL, PractitionerRole::Physician);
		assert_eq!(read_mental_health(PHYSICIAN), AccessDecision::Permit { consent });
	});
}

/// A Deny to a practitioner follows them everywhere: it protects the patient.
#[test]
fn a_practitioner_deny_follows_the_practitioner() {
	ExtBuilder.build_and_execute(|| {
		to(Grantee::Organization(CLINIC)).categories(&[MentalHealth]).granted();
		to_physician().deny().granted();
		set_practitioner(PHYSICIAN, CLINIC, PractitionerRole::Physician);
		assert_eq!(read_mental_health(PHYSICIAN), denied(DenyReason::DeniedByPatient));
	});
}

/// AUDIT M-8: a guardian who is a practitioner cannot grant themselves access.
#[test]
fn a_guardian_cannot_grant_to_itself() {
	ExtBuilder.build_and_execute(|| {
		appoint_guardian(PATIENT, PHYSICIAN, GuardianScope::ConsentOnly, None);
		assert_noop!(to_physician().by(PHYSICIAN).grant(), Error::<Test>::GrantToSelf);
		assert_noop!(to_physician().by(PHYSICIAN).deny().grant(), Error::<Test>::GrantToSelf);
		// A controller who is a practitioner is the patient: they may.
		assert_ok!(to(Grantee::Practitioner(PHYSICIAN)).grant());
	});
}

/// AUDIT M-8: every consent a guardian granted ends when the guardianship ends, at its
/// `valid_until` or when the guardian is removed.
#[test]
fn a_guardians_consents_end_with_the_guardianship() {
	ExtBuilder.build_and_execute(|| {
		appoint_guardian(
			PATIENT,
			CONSENT_GUARDIAN,
			GuardianScope::ConsentOnly,
			Some(GENESIS_TIME + 100),
		);
		let by_guardian = hospital().by(CONSENT_GUARDIAN).granted();
		hospital().by(FULL_GUARDIAN).deny().categories(&[Vitals]).granted();
		assert_eq!(read_labs(PHYSICIAN), AccessDecision::Permit { consent: by_guardian });
		assert_eq!(check(PHYSICIAN, Read, Vitals, Treatment), denied(DenyReason::DeniedByPatient));
		// Majority: the guardianship ends by itself, and its Permit with it.
		set_time(GENESIS_TIME + 100);
		assert_eq!(read_labs(PHYSICIAN), denied(DenyReason::NoConsent));
		// The full guardian is removed: their Deny ends too.
		remove_guardian(PATIENT, FULL_GUARDIAN);
		to(Grantee::Organization(HOSPITAL)).categories(&[Vitals]).granted();
		assert!(check(PHYSICIAN, Read, Vitals, Treatment).is_allowed());
	});
}

/// A guardian whose scope no longer allows consent no longer stands behind its grants.
#[test]
fn a_guardians_consents_end_when_its_scope_no_longer_allows_consent() {
	ExtBuilder.build_and_execute(|| {
		let consent = hospital().by(CONSENT_GUARDIAN).granted();
		appoint_guardian(PATIENT, CONSENT_GUARDIAN, GuardianScope::ReadOnly, None);
		assert_eq!(read_labs(PHYSICIAN), denied(DenyReason::NoConsent));
		// Given consent scope again, the guardian stands behind it again.
		appoint_guardian(PATIENT, CONSENT_GUARDIAN, GuardianScope::ConsentOnly, None);
		assert_eq!(read_labs(PHYSICIAN), AccessDecision::Permit { consent });
	});
}

/// A consent a controller granted does not depend on any guardianship.
#[test]
fn a_controllers_consent_outlives_the_guardians() {
	ExtBuilder.build_and_execute(|| {
		let consent = hospital().granted();
		remove_guardian(PATIENT, CONSENT_GUARDIAN);
		remove_guardian(PATIENT, FULL_GUARDIAN);
		assert_eq!(read_labs(PHYSICIAN), AccessDecision::Permit { consent });
	});
}

/// A guardian's grant through an approved request ends with the guardianship too.
#[test]
fn a_request_a_guardian_approved_ends_with_the_guardianship() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(Pallet::request_consent(
			signed(PHYSICIAN),
			PATIENT,
			actions(&[Read]),
			categories(&[LabResults]),
			purposes(&[Treatment]),
			None,
			H256::zero()
		));
		assert_ok!(Pallet::approve_request(signed(CONSENT_GUARDIAN), 0));
		assert!(read_labs(NURSE).is_allowed());
		remove_guardian(PATIENT, CONSENT_GUARDIAN);
		assert_eq!(read_labs(NURSE), denied(DenyReason::NoConsent));
	});
}

/// A consent whose guardian no longer stands decides nothing: anyone may purge it.
#[test]
fn a_consent_whose_guardianship_ended_may_be_purged() {
	ExtBuilder.build_and_execute(|| {
		let consent = hospital().by(CONSENT_GUARDIAN).granted();
		assert_noop!(
			Pallet::purge_consent(signed(STRANGER), consent),
			Error::<Test>::ConsentStillInForce
		);
		remove_guardian(PATIENT, CONSENT_GUARDIAN);
		assert_ok!(Pallet::purge_consent(signed(STRANGER), consent));
		assert!(Consents::<Test>::get(consent).is_none());
	});
}

/// A Deny a former guardian gave no longer blocks emergency access either.
#[test]
fn a_former_guardians_deny_no_longer_blocks_emergency_access() {
	ExtBuilder.build_and_execute(|| {
		hospital().by(CONSENT_GUARDIAN).deny().purposes(&[EmergencyTreatment]).granted();
		assert_noop!(
			Pallet::emergency_access(signed(PHYSICIAN), PATIENT, H256::zero()),
			Error::<Test>::EmergencyDeniedByPatient
		);
		remove_guardian(PATIENT, CONSENT_GUARDIAN);
		assert_ok!(Pallet::emergency_access(signed(PHYSICIAN), PATIENT, H256::zero()));
	});
}
