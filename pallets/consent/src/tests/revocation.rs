//! SPEC §7.2: what a consent justified elsewhere (key envelopes) goes when it is revoked, and
//! `ConsentCheck::consent_current` tells Records whether a consent still stands.

use super::*;
use frame_support::dispatch::GetDispatchInfo;

/// Revoking tells the hook which consent of which patient went, once, and charges only the
/// removals the hook made (the call's declared weight covers the most it may make).
#[test]
fn revocation_tells_the_hook_and_refunds_unused_removals() {
	ExtBuilder::default().build_and_execute(|| {
		let consent = hospital().granted();
		let other = to(Grantee::Practitioner(PHYSICIAN)).granted();
		set_items_to_remove(2);
		let declared = Call::<Test>::revoke_consent { consent }.get_dispatch_info().call_weight;
		let info = Pallet::revoke_consent(signed(CONTROLLER), consent).unwrap();
		assert_eq!(revocations_seen(), vec![(PATIENT, consent)]);
		let base = <() as WeightInfo>::revoke_consent();
		assert_eq!(declared.ref_time(), base.ref_time() + 3 * REMOVAL_WEIGHT);
		assert_eq!(info.actual_weight.unwrap().ref_time(), base.ref_time() + 2 * REMOVAL_WEIGHT);
		// A refused revocation tells the hook nothing.
		assert_noop!(
			Pallet::revoke_consent(signed(CONTROLLER), consent),
			Error::<Test>::AlreadyRevoked
		);
		assert_noop!(
			Pallet::revoke_consent(signed(STRANGER), other),
			Error::<Test>::NotPatientsSide
		);
		assert_eq!(revocations_seen(), vec![(PATIENT, consent)]);
	});
}

/// A consent is current while stored, not revoked and within its window; not before it
/// starts, not once it ends, revoked or purged.
#[test]
fn consent_current_follows_revocation_window_and_purge() {
	ExtBuilder::default().build_and_execute(|| {
		let current = <Pallet as ConsentCheck<u64>>::consent_current;
		let now = pallet_timestamp::Now::<Test>::get();
		let open = hospital().granted();
		let later = hospital().window(Some(now + 10), Some(now + 20)).granted();
		assert!(current(open));
		assert!(!current(later), "not yet started");
		assert!(!current(99), "unknown");
		set_time(now + 10);
		assert!(current(later));
		set_time(now + 20);
		assert!(!current(later), "ended");
		assert_ok!(Pallet::revoke_consent(signed(CONTROLLER), open));
		assert!(!current(open), "revoked");
		assert_ok!(Pallet::purge_consent(signed(STRANGER), open));
		assert!(!current(open), "purged");
	});
}

/// An organisation's own access (its service) counts only consents to the organisation,
/// a Deny to it wins, it needs the organisation active, and emergency access never applies.
#[test]
fn check_org_access_counts_only_the_organisations_consents() {
	ExtBuilder::default().build_and_execute(|| {
		let org = |org, purpose| Pallet::check_org_access(&PATIENT, org, Read, LabResults, purpose);
		assert_eq!(org(HOSPITAL, Treatment), denied(DenyReason::NoConsent));
		to(Grantee::Practitioner(PHYSICIAN)).granted();
		assert_eq!(org(HOSPITAL, Treatment), denied(DenyReason::NoConsent), "a practitioner's");
		let consent = hospital().granted();
		assert_eq!(org(HOSPITAL, Treatment), AccessDecision::Permit { consent });
		assert_eq!(org(CLINIC, Treatment), denied(DenyReason::NoConsent));
		assert_ok!(Pallet::emergency_access(signed(PHYSICIAN), PATIENT, H256::repeat_byte(1)));
		assert_eq!(org(HOSPITAL, EmergencyTreatment), denied(DenyReason::NoConsent));
		consortium::set_active(HOSPITAL, false);
		assert_eq!(org(HOSPITAL, Treatment), denied(DenyReason::OrganizationInactive));
		consortium::set_active(HOSPITAL, true);
		hospital().deny().granted();
		assert_eq!(org(HOSPITAL, Treatment), denied(DenyReason::DeniedByPatient));
		patients::deactivate(&PATIENT);
		assert_eq!(org(HOSPITAL, Treatment), denied(DenyReason::PatientInactive));
	});
}
