//! L-10: `ConsentView.state` tells whether a consent decides anything now.

use super::*;

fn state(id: ConsentId) -> ConsentState {
	Pallet::view(id).unwrap().state
}

/// AUDIT L-10: a consent of a deactivated patient is not `InForce`.
#[test]
fn a_consent_of_a_deactivated_patient_is_not_in_force() {
	ExtBuilder::default().build_and_execute(|| {
		let consent = hospital().granted();
		assert_eq!(state(consent), ConsentState::InForce);
		patients::deactivate(&PATIENT);
		assert_eq!(state(consent), ConsentState::PatientInactive);
	});
}

/// AUDIT L-10: a consent to a suspended organisation is not `InForce`.
#[test]
fn a_consent_to_an_inactive_grantee_is_not_in_force() {
	ExtBuilder::default().build_and_execute(|| {
		let consent = hospital().granted();
		let to_physician = to(Grantee::Practitioner(PHYSICIAN)).granted();
		consortium::set_active(HOSPITAL, false);
		assert_eq!(state(consent), ConsentState::GranteeInactive);
		assert_eq!(state(to_physician), ConsentState::GranteeInactive);
		consortium::set_active(HOSPITAL, true);
		assert_eq!(state(consent), ConsentState::InForce);
		consortium::set_valid_until(PHYSICIAN, Some(GENESIS_TIME));
		assert_eq!(state(to_physician), ConsentState::GranteeInactive);
	});
}

#[test]
fn a_practitioner_consent_says_when_the_practitioner_left_its_organisation() {
	ExtBuilder::default().build_and_execute(|| {
		let permit = to(Grantee::Practitioner(PHYSICIAN)).granted();
		let deny = to(Grantee::Practitioner(PHYSICIAN)).deny().categories(&[Vitals]).granted();
		consortium::move_practitioner(PHYSICIAN, CLINIC, PractitionerRole::Physician);
		assert_eq!(state(permit), ConsentState::GranteeLeftOrganization);
		// A Deny follows the practitioner: still in force.
		assert_eq!(state(deny), ConsentState::InForce);
	});
}

#[test]
fn a_guardians_consent_says_when_the_guardianship_ended() {
	ExtBuilder::default().build_and_execute(|| {
		let consent = hospital().by(CONSENT_GUARDIAN).granted();
		assert_eq!(state(consent), ConsentState::InForce);
		patients::remove_guardian(&PATIENT, CONSENT_GUARDIAN);
		assert_eq!(state(consent), ConsentState::GuardianshipEnded);
		assert_eq!(Pallet::consents_of(PATIENT, 0, 10)[0].state, ConsentState::GuardianshipEnded);
	});
}

#[test]
fn the_window_and_revocation_states_are_unchanged() {
	ExtBuilder::default().build_and_execute(|| {
		let early = hospital().window(Some(GENESIS_TIME + 10), None).granted();
		let ending =
			hospital().categories(&[Vitals]).window(None, Some(GENESIS_TIME + 10)).granted();
		let revoked = hospital().categories(&[Imaging]).granted();
		assert_ok!(Pallet::revoke_consent(signed(CONTROLLER), revoked));
		assert_eq!(state(early), ConsentState::NotYetValid);
		assert_eq!(state(revoked), ConsentState::Revoked);
		set_time(GENESIS_TIME + 10);
		assert_eq!(state(ending), ConsentState::Expired);
		assert_eq!(state(early), ConsentState::InForce);
	});
}
