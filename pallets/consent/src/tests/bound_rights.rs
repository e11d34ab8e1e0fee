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
	ExtBuilder::default().build_and_execute(|| {
		let consent = to_physician().granted();
		assert_eq!(read_mental_health(PHYSICIAN), AccessDecision::Permit { consent });
		// X leaves the hospital and is enrolled at the laboratory (another kind).
		consortium::move_practitioner(PHYSICIAN, LAB, PractitionerRole::LabTechnician);
		assert_eq!(read_mental_health(PHYSICIAN), denied(DenyReason::SensitiveCategory));
		consortium::move_practitioner(PHYSICIAN, CLINIC, PractitionerRole::Physician);
		assert_eq!(read_mental_health(PHYSICIAN), denied(DenyReason::SensitiveCategory));
	});
}

/// A practitioner consent holds again if the practitioner is back at the organisation it was
/// granted under (it was given for them there).
#[test]
fn a_practitioner_consent_holds_again_back_at_its_organisation() {
	ExtBuilder::default().build_and_execute(|| {
		let consent = to_physician().granted();
		consortium::move_practitioner(PHYSICIAN, CLINIC, PractitionerRole::Physician);
		consortium::move_practitioner(PHYSICIAN, HOSPITAL, PractitionerRole::Physician);
		assert_eq!(read_mental_health(PHYSICIAN), AccessDecision::Permit { consent });
	});
}

/// A Deny to a practitioner follows them everywhere: it protects the patient.
#[test]
fn a_practitioner_deny_follows_the_practitioner() {
	ExtBuilder::default().build_and_execute(|| {
		to(Grantee::Organization(CLINIC)).categories(&[MentalHealth]).granted();
		to_physician().deny().granted();
		consortium::move_practitioner(PHYSICIAN, CLINIC, PractitionerRole::Physician);
		assert_eq!(read_mental_health(PHYSICIAN), denied(DenyReason::DeniedByPatient));
	});
}

/// AUDIT M-8: a guardian who is a practitioner cannot grant themselves access.
#[test]
fn a_guardian_cannot_grant_to_itself() {
	let builder = ExtBuilder::default().with_guardian(PHYSICIAN, GuardianScope::ConsentOnly, None);
	builder.build_and_execute(|| {
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
	let builder = ExtBuilder::default().with_guardian(
		CONSENT_GUARDIAN,
		GuardianScope::ConsentOnly,
		Some(GENESIS_TIME + 100),
	);
	builder.build_and_execute(|| {
		let by_guardian = hospital().by(CONSENT_GUARDIAN).granted();
		hospital().by(FULL_GUARDIAN).deny().categories(&[Vitals]).granted();
		assert_eq!(read_labs(PHYSICIAN), AccessDecision::Permit { consent: by_guardian });
		assert_eq!(check(PHYSICIAN, Read, Vitals, Treatment), denied(DenyReason::DeniedByPatient));
		// Majority: the guardianship ends by itself, and its Permit with it.
		set_time(GENESIS_TIME + 100);
		assert_eq!(read_labs(PHYSICIAN), denied(DenyReason::NoConsent));
		// The full guardian is removed: their Deny ends too.
		patients::remove_guardian(&PATIENT, FULL_GUARDIAN);
		to(Grantee::Organization(HOSPITAL)).categories(&[Vitals]).granted();
		assert!(check(PHYSICIAN, Read, Vitals, Treatment).is_allowed());
	});
}

/// A guardian whose scope no longer allows consent no longer stands behind its grants; given
/// consent scope again, it does not stand behind them again either (AUDIT M-8): each scope is
/// a new appointment.
#[test]
fn a_guardians_consents_end_when_its_scope_no_longer_allows_consent() {
	ExtBuilder::default().build_and_execute(|| {
		let consent = hospital().by(CONSENT_GUARDIAN).granted();
		// A guardianship's scope changes as the chain changes it: removed, appointed again.
		patients::remove_guardian(&PATIENT, CONSENT_GUARDIAN);
		patients::appoint_guardian(&PATIENT, CONSENT_GUARDIAN, GuardianScope::ReadOnly, None);
		assert_eq!(read_labs(PHYSICIAN), denied(DenyReason::NoConsent));
		assert_eq!(Pallet::view(consent).unwrap().state, ConsentState::GuardianshipEnded);
		patients::remove_guardian(&PATIENT, CONSENT_GUARDIAN);
		patients::appoint_guardian(&PATIENT, CONSENT_GUARDIAN, GuardianScope::ConsentOnly, None);
		assert_eq!(read_labs(PHYSICIAN), denied(DenyReason::NoConsent));
		assert_eq!(Pallet::view(consent).unwrap().state, ConsentState::GuardianshipEnded);
	});
}

/// A consent a controller granted does not depend on any guardianship.
#[test]
fn a_controllers_consent_outlives_the_guardians() {
	ExtBuilder::default().build_and_execute(|| {
		let consent = hospital().granted();
		patients::remove_guardian(&PATIENT, CONSENT_GUARDIAN);
		patients::remove_guardian(&PATIENT, FULL_GUARDIAN);
		assert_eq!(read_labs(PHYSICIAN), AccessDecision::Permit { consent });
	});
}

/// A guardian's grant through an approved request ends with the guardianship too.
#[test]
fn a_request_a_guardian_approved_ends_with_the_guardianship() {
	ExtBuilder::default().build_and_execute(|| {
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
		patients::remove_guardian(&PATIENT, CONSENT_GUARDIAN);
		assert_eq!(read_labs(NURSE), denied(DenyReason::NoConsent));
	});
}

/// A consent whose guardian no longer stands decides nothing: anyone may purge it.
#[test]
fn a_consent_whose_guardianship_ended_may_be_purged() {
	ExtBuilder::default().build_and_execute(|| {
		let consent = hospital().by(CONSENT_GUARDIAN).granted();
		assert_noop!(
			Pallet::purge_consent(signed(STRANGER), consent),
			Error::<Test>::ConsentStillInForce
		);
		patients::remove_guardian(&PATIENT, CONSENT_GUARDIAN);
		assert_ok!(Pallet::purge_consent(signed(STRANGER), consent));
		assert!(Consents::<Test>::get(consent).is_none());
	});
}

/// A Deny a former guardian gave no longer blocks emergency access either.
#[test]
fn a_former_guardians_deny_no_longer_blocks_emergency_access() {
	ExtBuilder::default().build_and_execute(|| {
		hospital().by(CONSENT_GUARDIAN).deny().purposes(&[EmergencyTreatment]).granted();
		assert_noop!(
			Pallet::emergency_access(signed(PHYSICIAN), PATIENT, H256::zero()),
			Error::<Test>::EmergencyDeniedByPatient
		);
		patients::remove_guardian(&PATIENT, CONSENT_GUARDIAN);
		assert_ok!(Pallet::emergency_access(signed(PHYSICIAN), PATIENT, H256::zero()));
	});
}

/// AUDIT M-8: a guardian removed and later appointed again is a new guardianship: the consents
/// it granted under the first one (Permits and Denies alike) stay ended, and say so.
#[test]
fn a_reappointed_guardian_does_not_revive_its_old_consents() {
	ExtBuilder::default().build_and_execute(|| {
		let permit = hospital().by(CONSENT_GUARDIAN).granted();
		let deny = hospital().by(FULL_GUARDIAN).deny().categories(&[Vitals]).granted();
		to(Grantee::Organization(HOSPITAL)).categories(&[Vitals]).granted();
		assert_eq!(read_labs(PHYSICIAN), AccessDecision::Permit { consent: permit });
		assert_eq!(check(PHYSICIAN, Read, Vitals, Treatment), denied(DenyReason::DeniedByPatient));
		for guardian in [CONSENT_GUARDIAN, FULL_GUARDIAN] {
			patients::remove_guardian(&PATIENT, guardian);
		}
		patients::appoint_guardian(&PATIENT, CONSENT_GUARDIAN, GuardianScope::ConsentOnly, None);
		patients::appoint_guardian(&PATIENT, FULL_GUARDIAN, GuardianScope::Full, None);
		assert_eq!(read_labs(PHYSICIAN), denied(DenyReason::NoConsent));
		assert!(check(PHYSICIAN, Read, Vitals, Treatment).is_allowed());
		let state = |id| Pallet::view(id).map(|c| c.state);
		assert_eq!(state(permit), Some(ConsentState::GuardianshipEnded));
		assert_eq!(state(deny), Some(ConsentState::GuardianshipEnded));
		// The old consents decide nothing: anyone may purge them.
		assert_ok!(Pallet::purge_consent(signed(STRANGER), permit));
		// What the guardian grants under its new appointment decides.
		let renewed = hospital().by(CONSENT_GUARDIAN).granted();
		assert_eq!(read_labs(PHYSICIAN), AccessDecision::Permit { consent: renewed });
		assert_eq!(state(renewed), Some(ConsentState::InForce));
	});
}

/// AUDIT M-8: a request a guardian approved does not come back with a new appointment of the
/// guardian either.
#[test]
fn a_reappointed_guardian_does_not_revive_the_requests_it_approved() {
	ExtBuilder::default().build_and_execute(|| {
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
		let consent = NextConsentId::<Test>::get() - 1;
		assert_eq!(read_labs(NURSE), AccessDecision::Permit { consent });
		patients::remove_guardian(&PATIENT, CONSENT_GUARDIAN);
		patients::appoint_guardian(&PATIENT, CONSENT_GUARDIAN, GuardianScope::ConsentOnly, None);
		assert_eq!(read_labs(NURSE), denied(DenyReason::NoConsent));
		assert_eq!(Pallet::view(consent).unwrap().state, ConsentState::GuardianshipEnded);
	});
}

/// AUDIT M-8: a Deny a guardian gave under an ended appointment does not refuse emergency
/// access once the guardian is appointed again.
#[test]
fn a_reappointed_guardians_old_deny_does_not_refuse_emergency_access() {
	ExtBuilder::default().build_and_execute(|| {
		hospital().by(CONSENT_GUARDIAN).deny().purposes(&[EmergencyTreatment]).granted();
		patients::remove_guardian(&PATIENT, CONSENT_GUARDIAN);
		patients::appoint_guardian(&PATIENT, CONSENT_GUARDIAN, GuardianScope::ConsentOnly, None);
		assert_ok!(Pallet::emergency_access(signed(PHYSICIAN), PATIENT, H256::zero()));
	});
}

/// A former guardian who becomes a controller does not stand behind what it granted as a
/// guardian: as a controller it grants anew.
#[test]
fn a_former_guardian_made_controller_does_not_revive_its_guardian_consents() {
	ExtBuilder::default().build_and_execute(|| {
		let consent = hospital().by(CONSENT_GUARDIAN).granted();
		patients::remove_guardian(&PATIENT, CONSENT_GUARDIAN);
		patients::add_controller(&PATIENT, CONSENT_GUARDIAN);
		assert_eq!(read_labs(PHYSICIAN), denied(DenyReason::NoConsent));
		assert_eq!(Pallet::view(consent).unwrap().state, ConsentState::GuardianshipEnded);
	});
}
