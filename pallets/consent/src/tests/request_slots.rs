//! M-1: one organisation cannot use up a patient's pending-request slots for the others, and
//! the patient may refuse an organisation's requests altogether.

use super::*;

fn request_from(who: u64) -> DispatchResult {
	Pallet::request_consent(
		signed(who),
		PATIENT,
		actions(&[Read]),
		categories(&[LabResults]),
		purposes(&[Treatment]),
		None,
		H256::repeat_byte(5),
	)
}

fn block(by: u64, org: OrgId) -> DispatchResult {
	Pallet::block_requester(signed(by), PATIENT, org)
}

fn unblock(by: u64, org: OrgId) -> DispatchResult {
	Pallet::unblock_requester(signed(by), PATIENT, org)
}

#[test]
fn one_organisation_cannot_take_every_pending_request_slot_of_a_patient() {
	ExtBuilder::default().build_and_execute(|| {
		// The laboratory files as many requests as the chain takes.
		let mut filed = 0;
		while filed < 100 && request_from(LAB_TECHNICIAN).is_ok() {
			filed += 1;
		}
		assert_eq!(filed, MAX_REQUESTS_PER_ORG);
		assert_noop!(request_from(LAB_TECHNICIAN), Error::<Test>::TooManyRequestsFromOrganization);
		// The clinic can still ask the patient.
		assert_ok!(request_from(CLINIC_PHYSICIAN));
	});
}

#[test]
fn answering_a_request_frees_the_organisations_slot() {
	ExtBuilder::default().build_and_execute(|| {
		for _ in 0..MAX_REQUESTS_PER_ORG {
			assert_ok!(request_from(LAB_TECHNICIAN));
		}
		assert_ok!(Pallet::reject_request(signed(CONTROLLER), 0));
		assert_ok!(request_from(LAB_TECHNICIAN));
		assert_ok!(Pallet::approve_request(signed(CONTROLLER), 1));
		assert_ok!(request_from(LAB_TECHNICIAN));
		assert_eq!(OrgRequests::<Test>::get(PATIENT, LAB).into_inner(), vec![2, 3]);
	});
}

#[test]
fn blocking_an_organisation_removes_its_requests_and_refuses_new_ones() {
	ExtBuilder::default().build_and_execute(|| {
		for _ in 0..MAX_REQUESTS_PER_ORG {
			assert_ok!(request_from(LAB_TECHNICIAN));
		}
		assert_ok!(request_from(CLINIC_PHYSICIAN));
		System::reset_events();
		assert_ok!(block(CONTROLLER, LAB));
		assert_eq!(
			consent_events(),
			vec![
				Event::RequestRejected { request: 0, by: CONTROLLER, lapsed: false },
				Event::RequestRejected { request: 1, by: CONTROLLER, lapsed: false },
				Event::RequesterBlocked { patient: PATIENT, org: LAB, by: CONTROLLER },
			]
		);
		assert_eq!(
			Pallet::requests_for(PATIENT, 0, MAX_PAGE)
				.into_iter()
				.map(|(id, _)| id)
				.collect::<Vec<_>>(),
			vec![2]
		);
		assert_eq!(PendingRequestCount::<Test>::get(PATIENT), 1);
		assert_noop!(request_from(LAB_TECHNICIAN), Error::<Test>::RequestsBlocked);
		// Only that organisation, and only for that patient.
		assert_ok!(request_from(CLINIC_PHYSICIAN));
		assert_ok!(Pallet::request_consent(
			signed(LAB_TECHNICIAN),
			OTHER_PATIENT,
			actions(&[Read]),
			categories(&[LabResults]),
			purposes(&[Treatment]),
			None,
			H256::zero()
		));
		// A consent-only guardian may unblock, and the laboratory may ask again.
		assert_ok!(unblock(CONSENT_GUARDIAN, LAB));
		assert_eq!(
			last_event(),
			Event::RequesterUnblocked { patient: PATIENT, org: LAB, by: CONSENT_GUARDIAN }
		);
		assert_ok!(request_from(LAB_TECHNICIAN));
	});
}

#[test]
fn blocking_leaves_the_organisations_consents_as_they_are() {
	ExtBuilder::default().build_and_execute(|| {
		let consent = hospital().granted();
		assert_ok!(block(CONTROLLER, HOSPITAL));
		assert_eq!(read_labs(PHYSICIAN), AccessDecision::Permit { consent });
	});
}

#[test]
fn a_suspended_organisation_can_be_blocked() {
	ExtBuilder::default().build_and_execute(|| {
		consortium::set_active(LAB, false);
		assert_ok!(block(CONTROLLER, LAB));
		consortium::set_active(LAB, true);
		assert_noop!(request_from(LAB_TECHNICIAN), Error::<Test>::RequestsBlocked);
	});
}

#[test]
fn block_requester_errors() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(block(CONTROLLER, 7), Error::<Test>::OrganizationNotFound);
		for who in [READ_GUARDIAN, LAB_TECHNICIAN, STRANGER] {
			assert_noop!(block(who, LAB), Error::<Test>::NotPatientsSide);
		}
		assert_noop!(
			Pallet::block_requester(RuntimeOrigin::none(), PATIENT, LAB),
			DispatchError::BadOrigin
		);
		assert_ok!(block(FULL_GUARDIAN, LAB));
		assert_noop!(block(CONTROLLER, LAB), Error::<Test>::AlreadyBlocked);
		patients::deactivate(&PATIENT);
		assert_noop!(block(CONTROLLER, CLINIC), Error::<Test>::PatientInactive);
	});
}

#[test]
fn unblock_requester_errors() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(unblock(CONTROLLER, LAB), Error::<Test>::RequesterNotBlocked);
		assert_ok!(block(CONTROLLER, LAB));
		for who in [READ_GUARDIAN, LAB_TECHNICIAN, STRANGER] {
			assert_noop!(unblock(who, LAB), Error::<Test>::NotPatientsSide);
		}
		patients::deactivate(&PATIENT);
		assert_noop!(unblock(CONTROLLER, LAB), Error::<Test>::PatientInactive);
	});
}
