//! M-2: a patient without tokens can always clean up its own consents.

use super::*;

#[test]
fn expired_consents_do_not_block_new_grants_to_the_same_grantee() {
	ExtBuilder::default().build_and_execute(|| {
		let expired: Vec<ConsentId> = (0..MAX_RULES)
			.map(|_| hospital().window(None, Some(GENESIS_TIME + 5)).granted())
			.collect();
		set_time(GENESIS_TIME + 5);
		let consent = hospital().granted();
		assert_eq!(read_labs(PHYSICIAN), AccessDecision::Permit { consent });
		// The ended rules left the access index; their consents stay until purged.
		let indexed: Vec<ConsentId> = Rules::<Test>::get(PATIENT, Grantee::Organization(HOSPITAL))
			.into_iter()
			.map(|r| r.consent)
			.collect();
		assert_eq!(indexed, vec![consent]);
		for id in &expired {
			assert_eq!(Pallet::view(*id).map(|c| c.state), Some(ConsentState::Expired));
		}
		// An ended consent out of the index can still be revoked and purged.
		assert_ok!(Pallet::revoke_consent(signed(CONTROLLER), expired[0]));
		for id in expired {
			assert_ok!(Pallet::purge_consent(signed(CONTROLLER), id));
		}
	});
}

#[test]
fn a_grant_keeps_the_rules_that_have_not_ended() {
	ExtBuilder::default().build_and_execute(|| {
		hospital().window(None, Some(GENESIS_TIME + 5)).granted();
		let later = hospital().window(Some(GENESIS_TIME + 50), None).granted();
		let deny = hospital().deny().categories(&[Imaging]).granted();
		set_time(GENESIS_TIME + 5);
		let consent = hospital().categories(&[Vitals]).granted();
		let indexed: Vec<ConsentId> = Rules::<Test>::get(PATIENT, Grantee::Organization(HOSPITAL))
			.into_iter()
			.map(|r| r.consent)
			.collect();
		assert_eq!(indexed, vec![later, deny, consent]);
		assert_noop!(hospital().grant(), Error::<Test>::TooManyRulesForGrantee);
	});
}

#[test]
fn a_controller_purges_its_patients_ended_consents_for_free() {
	ExtBuilder::default().build_and_execute(|| {
		let consent = hospital().granted();
		assert_ok!(Pallet::revoke_consent(signed(CONTROLLER), consent));
		let purge = crate::Call::<Test>::purge_consent { consent };
		assert!(purge.may_be_free());
		assert_eq!(purge.free_for_patient(), Some(PATIENT));
	});
}

#[test]
fn a_patient_full_of_revoked_consents_makes_room_by_purging_them() {
	ExtBuilder::default().build_and_execute(|| {
		let grantees = [
			Grantee::Organization(HOSPITAL),
			Grantee::Organization(CLINIC),
			Grantee::Practitioner(PHYSICIAN),
		];
		for i in 0..MAX_PER_PATIENT {
			let id = to(grantees[i as usize % 3].clone()).granted();
			assert_ok!(Pallet::revoke_consent(signed(CONTROLLER), id));
		}
		assert_noop!(hospital().grant(), Error::<Test>::TooManyConsentsForPatient);
		// The controller's own purge is a free patient call; one makes room for one grant.
		assert_eq!(
			crate::Call::<Test>::purge_consent { consent: 0 }.free_for_patient(),
			Some(PATIENT)
		);
		assert_ok!(Pallet::purge_consent(signed(CONTROLLER), 0));
		assert_eq!(last_event(), Event::ConsentPurged { consent: 0, by: CONTROLLER });
		assert_ok!(hospital().grant());
	});
}
