//! L-1: `benchmark_permit` sets up the longest path of the access check that allows the
//! access, so that the weights of the calls that go through the check (Records) cover it.

use super::*;
use crate::ConsentCheck;

fn setup(who: u64, action: Action, category: DataCategory, purpose: Purpose) {
	<Pallet as ConsentCheck<u64>>::benchmark_permit(&PATIENT, &who, action, category, purpose);
}

fn rules_of(grantee: Grantee<u64>) -> Vec<Rule> {
	Rules::<Test>::get(PATIENT, grantee).into_inner()
}

/// Both lists the check reads are full, every rule in them covers the access (so that the
/// check looks at each one's window), and each has both ends of its window (its largest
/// encoding).
fn assert_both_lists_full_and_covering(
	who: u64,
	action: Action,
	category: DataCategory,
	purpose: Purpose,
) {
	for grantee in [Grantee::Practitioner(who), Grantee::Organization(HOSPITAL)] {
		let rules = rules_of(grantee);
		assert_eq!(rules.len() as u32, MAX_RULES);
		assert!(rules.iter().all(|r| r.covers(action, category, purpose)));
		assert!(rules.iter().all(|r| r.valid_from.is_some() && r.valid_until.is_some()));
	}
}

#[test]
fn an_emergency_read_is_allowed_by_the_emergency_access_after_both_full_lists() {
	ExtBuilder.build_and_execute(|| {
		setup(PHYSICIAN, Read, Vitals, EmergencyTreatment);
		assert_both_lists_full_and_covering(PHYSICIAN, Read, Vitals, EmergencyTreatment);
		// No rule permits: each covers the read but has not started yet.
		for grantee in [Grantee::Practitioner(PHYSICIAN), Grantee::Organization(HOSPITAL)] {
			assert!(rules_of(grantee)
				.iter()
				.all(|r| r.decision == Decision::Permit && r.window(GENESIS_TIME) == Window::Early));
		}
		assert_eq!(
			check(PHYSICIAN, Read, Vitals, EmergencyTreatment),
			AccessDecision::Emergency { id: 0 }
		);
		// The emergency access is what allows it: once it ends, the check refuses, having found
		// only rules that have not started.
		assert_ok!(Pallet::review_emergency_access(signed(CONTROLLER), 0, false));
		assert!(!ActiveEmergency::<Test>::contains_key(PATIENT, PHYSICIAN));
		assert_eq!(
			check(PHYSICIAN, Read, Vitals, EmergencyTreatment),
			denied(DenyReason::NotYetValid)
		);
	});
}

#[test]
fn an_access_emergency_access_cannot_allow_is_permitted_last_of_both_full_lists() {
	// A write, a read for treatment, a sensitive read for emergency treatment, and an
	// emergency read by a practitioner who may not break the glass: no emergency access can
	// allow them, so the check never reads `ActiveEmergency` for them.
	for (who, action, category, purpose) in [
		(PHYSICIAN, Write, Vitals, Treatment),
		(NURSE, Read, LabResults, Treatment),
		(PHYSICIAN, Read, MentalHealth, EmergencyTreatment),
		(HOSPITAL_CLERK, Read, Vitals, EmergencyTreatment),
	] {
		ExtBuilder.build_and_execute(|| {
			setup(who, action, category, purpose);
			assert_both_lists_full_and_covering(who, action, category, purpose);
			let deciding = *rules_of(Grantee::Organization(HOSPITAL)).last().unwrap();
			assert_eq!(
				check(who, action, category, purpose),
				AccessDecision::Permit { consent: deciding.consent }
			);
			assert!(!ActiveEmergency::<Test>::contains_key(PATIENT, who));
			assert_eq!(NextEmergencyAccessId::<Test>::get(), 0);
			// Only the deciding rule permits.
			assert_ok!(Pallet::revoke_consent(signed(CONTROLLER), deciding.consent));
			assert_eq!(check(who, action, category, purpose), denied(DenyReason::NotYetValid));
		});
	}
}

#[test]
fn nothing_is_set_up_for_an_accessor_who_is_not_a_practitioner() {
	ExtBuilder.build_and_execute(|| {
		setup(STRANGER, Read, Vitals, EmergencyTreatment);
		assert_eq!(PatientConsentCount::<Test>::get(PATIENT), 0);
		assert_eq!(
			check(STRANGER, Read, Vitals, EmergencyTreatment),
			denied(DenyReason::NotAPractitioner)
		);
	});
}
