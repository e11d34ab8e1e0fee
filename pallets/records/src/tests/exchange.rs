//! SPEC §7.2, record exchange: the key directory, the author's envelope for the patient, and
//! envelopes that last no longer than the consent they were shared under.

use super::*;
use frame_support::dispatch::GetDispatchInfo;

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|r| match r.event {
			RuntimeEvent::Records(e) => Some(e),
			_ => None,
		})
		.expect("a records event")
}

fn held(who: u64) -> Footprint {
	Deposits::<Test>::get(who).map(|d| d.footprint).unwrap_or_default()
}

const KEY: [u8; 32] = [7; 32];

mod key_directory {
	use super::*;

	/// A practitioner publishes its key, then rotates it to a higher version; the directory
	/// answers the current one with the organisation it reads for. The deposit is held once.
	#[test]
	fn a_practitioner_publishes_and_rotates_its_key() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(Pallet::reader_key(PHYSICIAN), None);
			assert_ok!(Pallet::publish_reader_key(signed(PHYSICIAN), KEY, 1));
			let k = Pallet::reader_key(PHYSICIAN).expect("published");
			assert_eq!((k.key, k.version, k.org, k.service), (KEY, 1, HOSPITAL, false));
			assert_eq!(
				last_event(),
				Event::ReaderKeyPublished {
					owner: PHYSICIAN,
					org: HOSPITAL,
					version: 1,
					key: KEY,
					service: false,
					by: PHYSICIAN,
				}
			);
			assert_eq!(held(PHYSICIAN), Footprint { count: 1, size: Pallet::reader_key_bytes() });
			assert_ok!(Pallet::publish_reader_key(signed(PHYSICIAN), [8; 32], 5));
			assert_eq!(
				Pallet::reader_key(PHYSICIAN).map(|k| (k.key, k.version)),
				Some(([8; 32], 5))
			);
			assert_eq!(held(PHYSICIAN).count, 1, "a rotation holds nothing more");
			Pallet::deposits_match_kept_items().unwrap();
		});
	}

	#[test]
	fn publish_reader_key_errors() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Pallet::publish_reader_key(signed(PHYSICIAN), [0; 32], 1),
				Error::<Test>::InvalidReaderKey
			);
			assert_noop!(
				Pallet::publish_reader_key(signed(CONTROLLER), KEY, 1),
				Error::<Test>::NotKeyPublisher
			);
			assert_noop!(
				Pallet::publish_reader_key(signed(HOSPITAL_ADMIN), KEY, 1),
				Error::<Test>::NotKeyPublisher
			);
			assert_noop!(
				Pallet::publish_reader_key(signed(POOR), KEY, 1),
				Error::<Test>::DepositUnavailable
			);
			assert_ok!(Pallet::publish_reader_key(signed(PHYSICIAN), KEY, 3));
			assert_noop!(
				Pallet::publish_reader_key(signed(PHYSICIAN), [9; 32], 3),
				Error::<Test>::KeyVersionNotNewer
			);
			assert_noop!(
				Pallet::publish_reader_key(signed(PHYSICIAN), [9; 32], 2),
				Error::<Test>::KeyVersionNotNewer
			);
		});
	}

	/// A key serves only while its owner reads for an organisation: the directory stops
	/// answering it when the practitioner leaves, and anyone may then remove it (the deposit
	/// goes back to its publisher); before that only the owner may.
	#[test]
	fn a_departed_practitioners_key_is_not_answered_and_anyone_removes_it() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Pallet::publish_reader_key(signed(PHYSICIAN), KEY, 1));
			assert_ok!(Pallet::publish_reader_key(signed(NURSE), KEY, 1));
			assert_noop!(
				Pallet::remove_reader_key(signed(STRANGER), PHYSICIAN),
				Error::<Test>::KeyStillInUse
			);
			assert_noop!(
				Pallet::remove_reader_key(signed(STRANGER), CLINIC_PHYSICIAN),
				Error::<Test>::ReaderKeyNotFound
			);
			assert_ok!(Pallet::remove_reader_key(signed(NURSE), NURSE));
			assert_eq!(held(NURSE).count, 0);
			consortium::remove_practitioner(PHYSICIAN);
			assert_eq!(Pallet::reader_key(PHYSICIAN), None);
			assert_ok!(Pallet::remove_reader_key(signed(STRANGER), PHYSICIAN));
			assert_eq!(last_event(), Event::ReaderKeyRemoved { owner: PHYSICIAN, by: STRANGER });
			assert_eq!(held(PHYSICIAN).count, 0);
			assert!(!ReaderKeys::<Test>::contains_key(PHYSICIAN));
		});
	}

	/// An organisation's admin publishes a service key for its gateway account; the account
	/// must be no practitioner and no other organisation's service.
	#[test]
	fn an_admin_publishes_its_organisations_service_key() {
		ExtBuilder::default().build_and_execute(|| {
			const GATEWAY: u64 = 77;
			assert_noop!(
				Pallet::publish_service_key(signed(PHYSICIAN), GATEWAY, KEY, 1),
				Error::<Test>::NotKeyPublisher
			);
			assert_noop!(
				Pallet::publish_service_key(signed(HOSPITAL_ADMIN), NURSE, KEY, 1),
				Error::<Test>::ServiceAccountTaken
			);
			assert_ok!(Pallet::publish_service_key(signed(HOSPITAL_ADMIN), GATEWAY, KEY, 1));
			let k = Pallet::reader_key(GATEWAY).expect("published");
			assert_eq!((k.org, k.service, k.version), (HOSPITAL, true, 1));
			assert_eq!(held(HOSPITAL_ADMIN).count, 1);
			assert_noop!(
				Pallet::publish_service_key(signed(CLINIC_ADMIN), GATEWAY, KEY, 2),
				Error::<Test>::ServiceAccountTaken
			);
			assert_ok!(Pallet::publish_service_key(signed(HOSPITAL_ADMIN), GATEWAY, [3; 32], 2));
			assert_noop!(
				Pallet::remove_reader_key(signed(GATEWAY), GATEWAY),
				Error::<Test>::KeyStillInUse
			);
			assert_noop!(
				Pallet::remove_reader_key(signed(CLINIC_ADMIN), GATEWAY),
				Error::<Test>::KeyStillInUse
			);
			// A suspended organisation's service key is not answered, and anyone may remove it.
			consortium::set_active(HOSPITAL, false);
			assert_eq!(Pallet::reader_key(GATEWAY), None);
			assert_ok!(Pallet::remove_reader_key(signed(STRANGER), GATEWAY));
			assert_eq!(held(HOSPITAL_ADMIN).count, 0);
		});
	}

	/// A service account cannot later publish as a practitioner, nor a practitioner's own key
	/// be taken over as a service key.
	#[test]
	fn practitioner_and_service_keys_do_not_cross() {
		ExtBuilder::default().build_and_execute(|| {
			const GATEWAY: u64 = 77;
			assert_ok!(Pallet::publish_service_key(signed(HOSPITAL_ADMIN), GATEWAY, KEY, 1));
			consortium::add_practitioner(
				GATEWAY,
				HOSPITAL,
				medchain_primitives::PractitionerRole::Administrator,
			);
			assert_noop!(
				Pallet::publish_reader_key(signed(GATEWAY), KEY, 2),
				Error::<Test>::ServiceAccountTaken
			);
			assert_ok!(Pallet::publish_reader_key(signed(PHYSICIAN), KEY, 1));
			consortium::remove_practitioner(PHYSICIAN);
			assert_noop!(
				Pallet::publish_service_key(signed(HOSPITAL_ADMIN), PHYSICIAN, KEY, 2),
				Error::<Test>::ServiceAccountTaken
			);
		});
	}
}

mod authors_key_path {
	use super::*;

	fn anchor_with_key(who: u64, content: u8, envelope: EnvelopeOf<Test>) -> DispatchResult {
		Pallet::anchor_record_with_key(
			signed(who),
			PATIENT,
			LabResults,
			hash(content),
			pointer(b"enc:cid"),
			None,
			envelope,
		)
	}

	/// A consented practitioner anchors with an envelope for the patient: the patient's
	/// controllers read it, nobody else does; the author holds its deposit until erasure.
	#[test]
	fn the_author_leaves_the_patient_an_envelope_its_controllers_read() {
		ExtBuilder::default().build_and_execute(|| {
			permit_write(PHYSICIAN, LabResults);
			assert_ok!(anchor_with_key(PHYSICIAN, 1, envelope(4)));
			let id = NextRecordId::<Test>::get() - 1;
			assert_eq!(
				last_event(),
				Event::PatientKeyLeft { record: id, patient: PATIENT, author: PHYSICIAN }
			);
			assert_eq!(Pallet::patient_key(rec(id), CONTROLLER), Some(envelope(4).into_inner()));
			for other in [PHYSICIAN, FULL_GUARDIAN, READ_GUARDIAN, STRANGER] {
				assert_eq!(Pallet::patient_key(rec(id), other), None, "{other} is no controller");
			}
			assert_eq!(Pallet::patient_key(rec(id + 1), CONTROLLER), None);
			assert_eq!(
				held(PHYSICIAN),
				Footprint {
					count: 2,
					size: Pallet::record_bytes() + Pallet::patient_envelope_bytes()
				}
			);
			Pallet::deposits_match_kept_items().unwrap();
			assert_ok!(Pallet::erase_record(signed(CONTROLLER), rec(id)));
			assert_eq!(Pallet::patient_key(rec(id), CONTROLLER), None);
			assert!(!PatientEnvelopes::<Test>::contains_key(id));
			assert_eq!(held(PHYSICIAN), Footprint { count: 1, size: Pallet::tombstone_bytes() });
			Pallet::deposits_match_kept_items().unwrap();
		});
	}

	#[test]
	fn anchor_record_with_key_errors() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				anchor_with_key(CONTROLLER, 1, BoundedVec::new()),
				Error::<Test>::EmptyEnvelope
			);
			assert_noop!(anchor_with_key(PHYSICIAN, 1, envelope(4)), Error::<Test>::NoWriteConsent);
			permit_write(POOR, LabResults);
			assert_noop!(anchor_with_key(POOR, 1, envelope(4)), Error::<Test>::DepositUnavailable);
			assert_noop!(
				Pallet::anchor_record_with_key(
					signed(CONTROLLER),
					PATIENT,
					LabResults,
					hash(1),
					pointer(b""),
					None,
					envelope(4)
				),
				Error::<Test>::EmptyPointer
			);
		});
	}

	/// The patient's side anchors its own records with a key for the patient too.
	#[test]
	fn the_patients_side_anchors_with_a_key() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(anchor_with_key(CONTROLLER, 1, envelope(2)));
			let id = NextRecordId::<Test>::get() - 1;
			assert_eq!(Pallet::patient_key(rec(id), CONTROLLER), Some(envelope(2).into_inner()));
			assert_eq!(
				Pallet::verify_record(rec(id), hash(1)),
				RecordVerification::Match,
				"anchored as anchor_record does"
			);
		});
	}
}

mod envelopes_follow_consent {
	use super::*;

	const C: ConsentId = 6;

	/// Anchors `n` lab results by the controller and shares each with the physician under
	/// consent `C` for Treatment.
	fn shared_records(n: u8) -> Vec<RecordId> {
		permit_read(PHYSICIAN, LabResults, Treatment);
		(0..n)
			.map(|i| {
				assert_ok!(anchor(CONTROLLER, LabResults, 10 + i, None));
				let id = NextRecordId::<Test>::get() - 1;
				assert_ok!(Pallet::share_record_key(
					signed(CONTROLLER),
					rec(id),
					PHYSICIAN,
					envelope(i),
					Treatment
				));
				id
			})
			.collect()
	}

	fn stored(id: RecordId, grantee: u64) -> bool {
		KeyEnvelopes::<Test>::contains_key(id, grantee)
	}

	/// A share records the consent it was made under; revoking that consent removes the
	/// envelope in the revoking call, and the reader's fetch returns nothing.
	#[test]
	fn revoking_the_consent_removes_its_envelopes_in_the_same_call() {
		ExtBuilder::default().build_and_execute(|| {
			let ids = shared_records(1);
			assert_eq!(KeyEnvelopes::<Test>::get(ids[0], PHYSICIAN).unwrap().consent, Some(C));
			assert!(ConsentEnvelopes::<Test>::contains_key((PATIENT, C), (ids[0], PHYSICIAN)));
			assert!(Pallet::record_key(rec(ids[0]), PHYSICIAN, Treatment).is_some());
			assert_eq!(revoke(&PATIENT, C), 1);
			assert!(!stored(ids[0], PHYSICIAN), "gone from state");
			assert_eq!(Pallet::record_key(rec(ids[0]), PHYSICIAN, Treatment), None);
			assert_eq!(crate::Records::<Test>::get(PATIENT, ordered(ids[0])).unwrap().envelopes, 0);
			assert_eq!(
				last_event(),
				Event::ConsentEnvelopesRemoved {
					patient: PATIENT,
					consent: C,
					removed: 1,
					remaining: false,
					by: None
				}
			);
		});
	}

	/// More envelopes than one revocation removes: the rest are never handed out, and the
	/// patient's controller (free of fees) or anyone purges them in pages.
	#[test]
	fn many_envelopes_go_in_pages_and_are_never_handed_out_meanwhile() {
		ExtBuilder::default().build_and_execute(|| {
			let ids = shared_records(6);
			assert_eq!(revoke(&PATIENT, C), MAX_REMOVED_ON_REVOKE);
			assert!(matches!(
				last_event(),
				Event::ConsentEnvelopesRemoved { removed: 2, remaining: true, .. }
			));
			let left: Vec<_> = ids.iter().filter(|id| stored(**id, PHYSICIAN)).collect();
			assert_eq!(left.len(), 4);
			// The physician gains another consent for the same access: still nothing handed out.
			decide(PHYSICIAN, Read, LabResults, Treatment, AccessDecision::Permit { consent: 8 });
			for id in &ids {
				assert_eq!(Pallet::record_key(rec(*id), PHYSICIAN, Treatment), None);
			}
			let call = Call::<Test>::purge_consent_envelopes { patient: PATIENT, consent: C };
			assert_eq!(call.free_for_patient(), Some(PATIENT));
			let info = Pallet::purge_consent_envelopes(signed(CONTROLLER), PATIENT, C).unwrap();
			assert_eq!(info.actual_weight, Some(<() as WeightInfo>::purge_consent_envelopes(3)));
			assert!(call.get_dispatch_info().call_weight.all_gte(info.actual_weight.unwrap()));
			assert_eq!(
				last_event(),
				Event::ConsentEnvelopesRemoved {
					patient: PATIENT,
					consent: C,
					removed: MAX_PURGED,
					remaining: true,
					by: Some(CONTROLLER)
				}
			);
			assert_ok!(Pallet::purge_consent_envelopes(signed(STRANGER), PATIENT, C));
			assert!(matches!(
				last_event(),
				Event::ConsentEnvelopesRemoved { removed: 1, remaining: false, .. }
			));
			assert!(ids.iter().all(|id| !stored(*id, PHYSICIAN)));
			assert_noop!(
				Pallet::purge_consent_envelopes(signed(STRANGER), PATIENT, C),
				Error::<Test>::NoEnvelopesToPurge
			);
		});
	}

	#[test]
	fn purge_consent_envelopes_errors() {
		ExtBuilder::default().build_and_execute(|| {
			let ids = shared_records(1);
			assert_noop!(
				Pallet::purge_consent_envelopes(signed(STRANGER), PATIENT, C),
				Error::<Test>::ConsentStillCurrent
			);
			expire(C);
			let other = PatientId::repeat_byte(9);
			assert_noop!(
				Pallet::purge_consent_envelopes(signed(STRANGER), other, C),
				Error::<Test>::NoEnvelopesToPurge
			);
			assert!(stored(ids[0], PHYSICIAN));
		});
	}

	/// An ended consent's envelopes are never handed out, whatever the reader holds now, and
	/// anyone purges them (by the consent, or one by one as stale).
	#[test]
	fn an_expired_consents_envelopes_are_never_returned_and_anyone_purges_them() {
		ExtBuilder::default().build_and_execute(|| {
			let ids = shared_records(2);
			expire(C);
			decide(PHYSICIAN, Read, LabResults, Treatment, AccessDecision::Permit { consent: 8 });
			assert_eq!(Pallet::record_key(rec(ids[0]), PHYSICIAN, Treatment), None);
			assert_ok!(Pallet::purge_stale_envelope(signed(STRANGER), rec(ids[0]), PHYSICIAN));
			assert!(!ConsentEnvelopes::<Test>::contains_key((PATIENT, C), (ids[0], PHYSICIAN)));
			assert_ok!(Pallet::purge_consent_envelopes(signed(STRANGER), PATIENT, C));
			assert!(!stored(ids[1], PHYSICIAN));
			// Shared again under the new consent, it is handed out again.
			assert_ok!(Pallet::share_record_key(
				signed(CONTROLLER),
				rec(ids[1]),
				PHYSICIAN,
				envelope(1),
				Treatment
			));
			assert!(Pallet::record_key(rec(ids[1]), PHYSICIAN, Treatment).is_some());
		});
	}

	/// A new share under another consent moves the envelope to that consent: revoking the
	/// old one no longer removes it. Revoking a record key drops its entry too.
	#[test]
	fn a_new_share_moves_the_envelope_to_its_consent() {
		ExtBuilder::default().build_and_execute(|| {
			let ids = shared_records(2);
			decide(PHYSICIAN, Read, LabResults, Treatment, AccessDecision::Permit { consent: 8 });
			assert_ok!(Pallet::share_record_key(
				signed(CONTROLLER),
				rec(ids[0]),
				PHYSICIAN,
				envelope(9),
				Treatment
			));
			assert!(!ConsentEnvelopes::<Test>::contains_key((PATIENT, C), (ids[0], PHYSICIAN)));
			assert!(ConsentEnvelopes::<Test>::contains_key((PATIENT, 8), (ids[0], PHYSICIAN)));
			assert_ok!(Pallet::revoke_record_key(signed(CONTROLLER), rec(ids[1]), PHYSICIAN));
			assert_eq!(ConsentEnvelopes::<Test>::iter_prefix((PATIENT, C)).count(), 0);
			assert_eq!(revoke(&PATIENT, C), 0);
			assert!(stored(ids[0], PHYSICIAN));
		});
	}

	/// An envelope for the patient's side is bound to no consent; a revocation leaves it.
	#[test]
	fn the_patients_side_envelopes_follow_no_consent() {
		ExtBuilder::default().build_and_execute(|| {
			let ids = shared_records(1);
			assert_ok!(Pallet::share_record_key(
				signed(CONTROLLER),
				rec(ids[0]),
				READ_GUARDIAN,
				envelope(3),
				Treatment
			));
			assert_eq!(KeyEnvelopes::<Test>::get(ids[0], READ_GUARDIAN).unwrap().consent, None);
			assert_eq!(revoke(&PATIENT, C), 1);
			assert!(stored(ids[0], READ_GUARDIAN));
			assert!(Pallet::record_key(rec(ids[0]), READ_GUARDIAN, Research).is_some());
		});
	}

	/// Erasure drops every envelope with its entry under its consent.
	#[test]
	fn erasure_drops_the_consents_entries() {
		ExtBuilder::default().build_and_execute(|| {
			let ids = shared_records(1);
			assert_ok!(Pallet::erase_record(signed(CONTROLLER), rec(ids[0])));
			assert_eq!(ConsentEnvelopes::<Test>::iter().count(), 0);
			assert_eq!(revoke(&PATIENT, C), 0);
		});
	}
}

mod service_keys {
	use super::*;

	const GATEWAY: u64 = 77;
	const C: ConsentId = 12;

	/// An organisation's gateway reads under the consents to its organisation: the patient
	/// shares a record with it only while one permits, and its envelope follows that consent.
	#[test]
	fn a_service_reads_under_its_organisations_consent() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			assert_ok!(Pallet::publish_service_key(signed(CLINIC_ADMIN), GATEWAY, KEY, 1));
			let share = || {
				Pallet::share_record_key(
					signed(CONTROLLER),
					rec(id),
					GATEWAY,
					envelope(5),
					Treatment,
				)
			};
			assert_noop!(share(), Error::<Test>::GranteeNotPermitted);
			// A consent to one of the clinic's practitioners does not reach its gateway.
			decide(
				CLINIC_PHYSICIAN,
				Read,
				LabResults,
				Treatment,
				AccessDecision::Permit { consent: 3 },
			);
			assert_noop!(share(), Error::<Test>::GranteeNotPermitted);
			decide_for_org(
				CLINIC,
				Read,
				LabResults,
				Treatment,
				AccessDecision::Permit { consent: C },
			);
			assert_ok!(share());
			assert_eq!(KeyEnvelopes::<Test>::get(id, GATEWAY).unwrap().consent, Some(C));
			assert_eq!(
				Pallet::record_key(rec(id), GATEWAY, Treatment),
				Some(envelope(5).into_inner())
			);
			assert_eq!(Pallet::record_key(rec(id), GATEWAY, Research), None);
			// Its organisation suspended, it reads nothing (the envelope stays: that passes).
			consortium::set_active(CLINIC, false);
			assert_eq!(Pallet::record_key(rec(id), GATEWAY, Treatment), None);
			consortium::set_active(CLINIC, true);
			assert_eq!(revoke(&PATIENT, C), 1);
			assert!(!KeyEnvelopes::<Test>::contains_key(id, GATEWAY));
		});
	}
}
