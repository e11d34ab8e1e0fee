//! L-1: `benchmark_permit` sets up the longest path of the access check that allows the
//! access, so that the weights of the calls that go through the check (Records) cover it.

use super::*;
use crate::ConsentCheck;

fn setup(who: u64, action: Action, category: DataCategory, purpose: Purpose) {
	<Pallet as ConsentCheck<u64>>::benchmark_permit(&PATIENT, &who, action, category, purpose);
}

fn rules_of(grantee: Grantee<u64>) -> Vec<Rule<u64>> {
	Rules::<Test>::get(PATIENT, grantee).into_inner()
}

/// Both lists the check reads are full, every rule in them covers the access and is within its
/// window, has both ends of its window (its largest encoding) and was given by a guardian, a
/// different one for each rule (so that the check looks each up).
fn assert_both_lists_full_and_covering(
	who: u64,
	action: Action,
	category: DataCategory,
	purpose: Purpose,
) {
	let mut guardians = Vec::new();
	for grantee in [Grantee::Practitioner(who), Grantee::Organization(HOSPITAL)] {
		let rules = rules_of(grantee);
		assert_eq!(rules.len() as u32, MAX_RULES);
		assert!(rules.iter().all(|r| r.covers(action, category, purpose)));
		assert!(rules.iter().all(|r| r.valid_from.is_some() && r.valid_until.is_some()));
		assert!(rules.iter().all(|r| r.window(GENESIS_TIME) == Window::Within));
		guardians.extend(rules.iter().map(|r| r.guardian.clone().unwrap().guardian));
	}
	let distinct: std::collections::BTreeSet<_> = guardians.iter().collect();
	assert_eq!(distinct.len(), guardians.len());
	// The practitioner's rules are bound to their organisation.
	assert!(rules_of(Grantee::Practitioner(who)).iter().all(|r| r.org == Some(HOSPITAL)));
}

#[test]
fn an_emergency_read_is_allowed_by_the_emergency_access_after_both_full_lists() {
	// A sensitive category too: the set-up opts every sensitive category in.
	for category in [Vitals, MentalHealth] {
		ExtBuilder::default().build_and_execute(|| {
			setup(PHYSICIAN, Read, category, EmergencyTreatment);
			assert_both_lists_full_and_covering(PHYSICIAN, Read, category, EmergencyTreatment);
			// No rule permits: the appointment behind each is no longer in force, and only the
			// fillers from former guardians are Permits (all of them).
			for grantee in [Grantee::Practitioner(PHYSICIAN), Grantee::Organization(HOSPITAL)] {
				assert!(rules_of(grantee).iter().all(|r| r.decision == Decision::Permit
					&& r.guardian
						.as_ref()
						.is_some_and(|a| Registry::guardian_appointment(&PATIENT, &a.guardian)
							!= Some(a.number))));
			}
			assert!(EmergencyPreferences::<Test>::contains_key(PATIENT));
			assert_eq!(
				check(PHYSICIAN, Read, category, EmergencyTreatment),
				AccessDecision::Emergency { id: 0 }
			);
			// The emergency access is what allows it: once it ends, the check refuses.
			assert_ok!(Pallet::review_emergency_access(signed(CONTROLLER), 0, false));
			assert!(!ActiveEmergency::<Test>::contains_key(PATIENT, PHYSICIAN));
			assert!(!check(PHYSICIAN, Read, category, EmergencyTreatment).is_allowed());
		});
	}
}

#[test]
fn an_access_emergency_access_cannot_allow_is_permitted_last_of_both_full_lists() {
	// A write, a read for treatment, and an emergency read by a practitioner who may not break
	// the glass: no emergency access can allow them, so the check never reads
	// `ActiveEmergency` for them.
	for (who, action, category, purpose) in [
		(PHYSICIAN, Write, Vitals, Treatment),
		(NURSE, Read, LabResults, Treatment),
		(NURSE, Read, MentalHealth, Treatment),
		(HOSPITAL_CLERK, Read, Vitals, EmergencyTreatment),
	] {
		ExtBuilder::default().build_and_execute(|| {
			setup(who, action, category, purpose);
			let mut rules = rules_of(Grantee::Organization(HOSPITAL));
			let deciding = rules.pop().unwrap();
			// The deciding Permit, last, is given by a guardian under the appointment in force.
			let appointment = deciding.guardian.clone().unwrap();
			assert_eq!(
				Registry::guardian_appointment(&PATIENT, &appointment.guardian),
				Some(appointment.number)
			);
			assert!(Registry::may_act(&PATIENT, &appointment.guardian, GuardianScope::ConsentOnly));
			assert_both_lists_full_and_covering(who, action, category, purpose);
			assert_eq!(
				check(who, action, category, purpose),
				AccessDecision::Permit { consent: deciding.consent }
			);
			assert!(!ActiveEmergency::<Test>::contains_key(PATIENT, who));
			assert_eq!(NextEmergencyAccessId::<Test>::get(), 0);
			// Only the deciding rule permits.
			assert_ok!(Pallet::revoke_consent(signed(CONTROLLER), deciding.consent));
			assert!(!check(who, action, category, purpose).is_allowed());
		});
	}
}

#[test]
fn nothing_is_set_up_for_an_accessor_who_is_not_a_practitioner() {
	ExtBuilder::default().build_and_execute(|| {
		setup(STRANGER, Read, Vitals, EmergencyTreatment);
		assert_eq!(PatientConsentCount::<Test>::get(PATIENT), 0);
		assert_eq!(
			check(STRANGER, Read, Vitals, EmergencyTreatment),
			denied(DenyReason::NotAPractitioner)
		);
	});
}
