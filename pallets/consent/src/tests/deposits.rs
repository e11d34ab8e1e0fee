//! M-14: whoever leaves lasting state holds a deposit for it while it exists. Practitioners
//! pay for their requests and emergency accesses; the patient's side pays nothing.

use super::*;
use frame_support::traits::Footprint;

fn request_from(who: u64) -> DispatchResult {
	request_from_for(who, PATIENT)
}

fn request_from_for(who: u64, patient: PatientId) -> DispatchResult {
	Pallet::request_consent(
		signed(who),
		patient,
		actions(&[Read]),
		categories(&[LabResults]),
		purposes(&[Treatment]),
		None,
		H256::repeat_byte(5),
	)
}

fn invoke(who: u64, patient: PatientId) -> DispatchResult {
	Pallet::emergency_access(signed(who), patient, H256::repeat_byte(3))
}

/// What `n` open requests hold.
fn requests(n: u64) -> u64 {
	deposit_for(n, n * Pallet::request_size())
}

fn record() -> u64 {
	Pallet::emergency_record_size()
}
fn unreviewed() -> u64 {
	Pallet::unreviewed_entry_size()
}
fn active() -> u64 {
	Pallet::active_emergency_size()
}

fn footprint(who: u64) -> Option<Footprint> {
	Deposits::<Test>::get(who).map(|d| d.footprint)
}

#[test]
fn item_sizes_are_the_largest_encodings_of_what_they_store() {
	ExtBuilder::default().build_and_execute(|| {
		// Requests (id, request) + PatientRequests (patient, ordered id) + the id in OrgRequests.
		assert_eq!(
			Pallet::request_size() as usize,
			8 + ConsentRequest::<u64>::max_encoded_len() + 32 + 8 + 8
		);
		assert_eq!(
			Pallet::emergency_record_size() as usize,
			8 + EmergencyAccess::<u64>::max_encoded_len()
		);
		assert_eq!(Pallet::unreviewed_entry_size(), 4 + 8);
		// Patient, practitioner (a u64 here), (id, end, organisation).
		assert_eq!(Pallet::active_emergency_size(), 32 + 8 + 8 + 8 + 4);
	});
}

#[test]
fn each_request_holds_a_deposit_from_its_requester() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(request_from(PHYSICIAN));
		assert_eq!(held(PHYSICIAN), requests(1));
		assert_ok!(request_from(PHYSICIAN));
		assert_ok!(request_from_for(PHYSICIAN, OTHER_PATIENT));
		assert_eq!(held(PHYSICIAN), requests(3));
		assert_eq!(
			footprint(PHYSICIAN),
			Some(Footprint { count: 3, size: 3 * Pallet::request_size() })
		);
		// Each practitioner pays for their own, not their organisation's colleague.
		assert_ok!(request_from_for(NURSE, OTHER_PATIENT));
		assert_eq!(held(NURSE), requests(1));
		assert_eq!(held(PHYSICIAN), requests(3));
		// The patient's side pays nothing for being asked.
		assert_eq!(held(CONTROLLER), 0);
	});
}

#[test]
fn approving_a_request_releases_the_requesters_deposit_and_the_consent_is_free() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(request_from(PHYSICIAN));
		assert_ok!(request_from(PHYSICIAN));
		assert_ok!(Pallet::approve_request(signed(CONTROLLER), 0));
		assert_eq!(held(PHYSICIAN), requests(1));
		assert_ok!(Pallet::approve_request(signed(CONSENT_GUARDIAN), 1));
		assert_eq!(held(PHYSICIAN), 0);
		assert_eq!(footprint(PHYSICIAN), None);
		assert_eq!(held(CONTROLLER), 0);
		assert_eq!(held(CONSENT_GUARDIAN), 0);
		assert_eq!(PatientConsentCount::<Test>::get(PATIENT), 2);
	});
}

#[test]
fn rejecting_a_request_releases_the_requesters_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(request_from(CLINIC_PHYSICIAN));
		assert_ok!(Pallet::reject_request(signed(CONTROLLER), 0));
		assert_eq!(held(CLINIC_PHYSICIAN), 0);
		assert_eq!(footprint(CLINIC_PHYSICIAN), None);
	});
}

#[test]
fn removing_a_lapsed_request_releases_the_deposit_to_the_requester_not_the_remover() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(request_from(PHYSICIAN));
		assert_ok!(request_from(PHYSICIAN));
		set_time(GENESIS_TIME + REQUEST_LIFETIME);
		assert_ok!(Pallet::reject_request(signed(STRANGER), 1));
		assert_eq!(held(PHYSICIAN), requests(1));
		assert_eq!(held(STRANGER), 0);
		assert_eq!(Balances::free_balance(STRANGER), ENDOWMENT);
		assert_ok!(Pallet::reject_request(signed(STRANGER), 0));
		assert_eq!(held(PHYSICIAN), 0);
		assert_eq!(Balances::free_balance(PHYSICIAN), ENDOWMENT);
	});
}

#[test]
fn blocking_a_requester_releases_the_deposits_of_its_removed_requests() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(request_from(PHYSICIAN));
		assert_ok!(request_from(NURSE));
		assert_ok!(request_from(CLINIC_PHYSICIAN));
		assert_ok!(Pallet::block_requester(signed(CONTROLLER), PATIENT, HOSPITAL));
		assert_eq!((held(PHYSICIAN), held(NURSE)), (0, 0));
		assert_eq!((footprint(PHYSICIAN), footprint(NURSE)), (None, None));
		// Another organisation's request is untouched, and the block itself is free.
		assert_eq!(held(CLINIC_PHYSICIAN), requests(1));
		assert_eq!(held(CONTROLLER), 0);
	});
}

#[test]
fn a_requester_who_cannot_hold_the_deposit_cannot_request() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(request_from(POOR), Error::<Test>::DepositUnavailable);
		assert_eq!(NextRequestId::<Test>::get(), 0);
		assert_eq!(footprint(POOR), None);
	});
}

#[test]
fn an_emergency_access_holds_a_deposit_for_its_record_review_entry_and_active_entry() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(invoke(PHYSICIAN, PATIENT));
		assert_eq!(held(PHYSICIAN), deposit_for(3, record() + unreviewed() + active()));
		// A second access to the same patient replaces the practitioner's active entry: it
		// holds for the record and the review entry only.
		assert_ok!(invoke(PHYSICIAN, PATIENT));
		assert_eq!(held(PHYSICIAN), deposit_for(5, 2 * record() + 2 * unreviewed() + active()));
		// An access to another patient is a new active entry.
		assert_ok!(invoke(PHYSICIAN, OTHER_PATIENT));
		assert_eq!(
			footprint(PHYSICIAN),
			Some(Footprint { count: 8, size: 3 * record() + 3 * unreviewed() + 2 * active() })
		);
		assert_eq!(held(PHYSICIAN), deposit_for(8, 3 * record() + 3 * unreviewed() + 2 * active()));
	});
}

#[test]
fn a_justified_review_releases_the_review_entrys_deposit_to_the_practitioner() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(invoke(NURSE, PATIENT));
		assert_ok!(Pallet::review_emergency_access(signed(PRIVACY_OFFICER), 0, true));
		// The record (audit trail) and the active entry stay, and so does their deposit.
		assert_eq!(held(NURSE), deposit_for(2, record() + active()));
		assert_eq!(held(PRIVACY_OFFICER), 0);
	});
}

#[test]
fn an_unjustified_review_releases_the_active_entrys_deposit_too() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(invoke(NURSE, PATIENT));
		assert_ok!(Pallet::review_emergency_access(signed(CONTROLLER), 0, false));
		assert!(!ActiveEmergency::<Test>::contains_key(PATIENT, NURSE));
		assert_eq!(held(NURSE), deposit_for(1, record()));
		assert_eq!(held(CONTROLLER), 0);
	});
}

#[test]
fn reviewing_a_replaced_access_keeps_the_deposit_of_the_active_entry_that_replaced_it() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(invoke(PHYSICIAN, PATIENT));
		assert_ok!(invoke(PHYSICIAN, PATIENT));
		// The first access no longer owns the active entry: its review leaves it in place.
		assert_ok!(Pallet::review_emergency_access(signed(CONTROLLER), 0, false));
		assert!(ActiveEmergency::<Test>::contains_key(PATIENT, PHYSICIAN));
		assert_eq!(held(PHYSICIAN), deposit_for(4, 2 * record() + unreviewed() + active()));
		assert_ok!(Pallet::review_emergency_access(signed(CONTROLLER), 1, false));
		assert_eq!(held(PHYSICIAN), deposit_for(2, 2 * record()));
	});
}

#[test]
fn a_practitioner_who_cannot_hold_the_deposit_cannot_break_the_glass() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(invoke(POOR, PATIENT), Error::<Test>::DepositUnavailable);
		assert_eq!(NextEmergencyAccessId::<Test>::get(), 0);
		assert_eq!(footprint(POOR), None);
	});
}

#[test]
fn patient_side_calls_hold_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let consent = hospital().granted();
		let _ = hospital().by(CONSENT_GUARDIAN).deny().categories(&[Vitals]).granted();
		assert_ok!(Pallet::revoke_consent(signed(CONTROLLER), consent));
		assert_ok!(Pallet::purge_consent(signed(CONTROLLER), consent));
		assert_ok!(Pallet::block_requester(signed(CONTROLLER), PATIENT, LAB));
		assert_ok!(Pallet::unblock_requester(signed(CONSENT_GUARDIAN), PATIENT, LAB));
		assert_ok!(Pallet::block_requester(signed(CONSENT_GUARDIAN), PATIENT, CLINIC));
		assert_ok!(request_from(PHYSICIAN));
		assert_ok!(Pallet::approve_request(signed(CONTROLLER), 0));
		assert_ok!(invoke(PHYSICIAN, PATIENT));
		assert_ok!(Pallet::review_emergency_access(signed(CONTROLLER), 0, true));
		for who in [CONTROLLER, CONSENT_GUARDIAN] {
			assert_eq!(held(who), 0);
			assert_eq!(footprint(who), None);
			assert_eq!(Balances::free_balance(who), ENDOWMENT);
		}
	});
}
