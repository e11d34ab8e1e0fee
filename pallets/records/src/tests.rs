//! Unit tests: every call and every error, the runtime-API answers, and that no plaintext
//! reaches storage or events.
#![allow(clippy::arithmetic_side_effects)]

use crate::{mock::*, Error, Event, *};
use codec::Encode;
use frame_support::{assert_noop, assert_ok, BoundedVec};
use medchain_primitives::{merkle, mock::consortium};
use sp_runtime::{
	traits::{BlakeTwo256, Hash},
	DispatchError,
};

type Pallet = crate::Pallet<Test>;
use Action::*;
use DataCategory::*;
use Purpose::*;

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn pointer(text: &[u8]) -> PointerOf<Test> {
	BoundedVec::truncate_from(text.to_vec())
}

fn hash(n: u8) -> H256 {
	H256::repeat_byte(n)
}

fn rec(id: RecordId) -> RecordRef {
	RecordRef { patient: PATIENT, id }
}

fn anchor(
	who: u64,
	category: DataCategory,
	content: u8,
	supersedes: Option<RecordId>,
) -> DispatchResult {
	Pallet::anchor_record(
		signed(who),
		PATIENT,
		category,
		hash(content),
		pointer(b"enc:cid"),
		supersedes,
	)
}

/// Anchors a lab result by the controller and returns its id.
fn anchored() -> RecordId {
	assert_ok!(anchor(CONTROLLER, LabResults, 1, None));
	NextRecordId::<Test>::get() - 1
}

fn permit_write(who: u64, category: DataCategory) {
	decide(who, Write, category, Treatment, AccessDecision::Permit { consent: 5 });
}

fn permit_read(who: u64, category: DataCategory, purpose: Purpose) {
	decide(who, Read, category, purpose, AccessDecision::Permit { consent: 6 });
}

fn envelope(n: u8) -> EnvelopeOf<Test> {
	BoundedVec::truncate_from(vec![n; 16])
}

mod anchoring {
	use super::*;

	#[test]
	fn the_patients_side_anchors() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			assert_eq!(
				last_event(),
				Event::RecordAnchored {
					record: id,
					patient: PATIENT,
					category: LabResults,
					author: CONTROLLER,
					content_hash: hash(1)
				}
			);
			let r = crate::Records::<Test>::get(PATIENT, ordered(id)).unwrap();
			assert_eq!(
				(r.author, r.author_org, r.status),
				(CONTROLLER, None, RecordStatus::Current)
			);
			assert_ok!(anchor(FULL_GUARDIAN, Vitals, 2, None));
		});
	}

	#[test]
	fn a_practitioner_anchors_with_a_write_consent_for_treatment() {
		ExtBuilder::default().build_and_execute(|| {
			permit_write(PHYSICIAN, Imaging);
			assert_ok!(anchor(PHYSICIAN, Imaging, 3, None));
			let r = crate::Records::<Test>::get(PATIENT, ordered(0)).unwrap();
			assert_eq!((r.author, r.author_org), (PHYSICIAN, Some(HOSPITAL)));
		});
	}

	#[test]
	fn anchoring_without_a_write_consent_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			permit_read(PHYSICIAN, Imaging, Treatment);
			for who in [PHYSICIAN, NURSE, READ_GUARDIAN, STRANGER] {
				assert_noop!(anchor(who, Imaging, 3, None), Error::<Test>::NoWriteConsent);
			}
			// An emergency access allows reading, never writing.
			decide(NURSE, Write, Imaging, Treatment, AccessDecision::Emergency { id: 1 });
			assert_noop!(anchor(NURSE, Imaging, 3, None), Error::<Test>::NoWriteConsent);
		});
	}

	#[test]
	fn anchor_record_errors() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Pallet::anchor_record(
					signed(CONTROLLER),
					PATIENT,
					Vitals,
					hash(1),
					pointer(b""),
					None
				),
				Error::<Test>::EmptyPointer
			);
			assert_noop!(
				Pallet::anchor_record(
					RuntimeOrigin::none(),
					PATIENT,
					Vitals,
					hash(1),
					pointer(b"p"),
					None
				),
				DispatchError::BadOrigin
			);
			assert_noop!(anchor(CONTROLLER, Vitals, 1, Some(7)), Error::<Test>::RecordNotFound);
			NextRecordId::<Test>::put(RecordId::MAX);
			assert_noop!(anchor(CONTROLLER, Vitals, 1, None), Error::<Test>::IdsExhausted);
			deactivate_patient();
			assert_noop!(anchor(CONTROLLER, Vitals, 1, None), Error::<Test>::PatientInactive);
		});
	}
}

mod versions {
	use super::*;

	#[test]
	fn a_new_version_supersedes_the_old_one() {
		ExtBuilder::default().build_and_execute(|| {
			permit_write(PHYSICIAN, LabResults);
			permit_write(NURSE, LabResults);
			assert_ok!(anchor(PHYSICIAN, LabResults, 1, None));
			assert_ok!(anchor(NURSE, LabResults, 2, Some(0)));
			assert!(System::events().iter().any(|e| e.event
				== RuntimeEvent::Records(Event::RecordSuperseded {
					record: 0,
					patient: PATIENT,
					by: 1,
					author: NURSE
				})));
			assert_eq!(
				Pallet::verify_record(rec(0), hash(1)),
				RecordVerification::Superseded { by: 1 }
			);
			assert_eq!(Pallet::verify_record(rec(1), hash(2)), RecordVerification::Match);
			assert_eq!(
				crate::Records::<Test>::get(PATIENT, ordered(1)).unwrap().supersedes,
				Some(0)
			);
			// The patient's side does not supersede a practitioner's record (AUDIT M-6).
			assert_noop!(
				anchor(CONTROLLER, LabResults, 3, Some(1)),
				Error::<Test>::PractitionerAuthored
			);
		});
	}

	#[test]
	fn only_the_authors_organisation_supersedes() {
		ExtBuilder::default().build_and_execute(|| {
			permit_write(PHYSICIAN, LabResults);
			permit_write(CLINIC_PHYSICIAN, LabResults);
			assert_ok!(anchor(PHYSICIAN, LabResults, 1, None));
			assert_noop!(
				anchor(CLINIC_PHYSICIAN, LabResults, 2, Some(0)),
				Error::<Test>::NotAuthorOrganization
			);
			// A patient's own record is the patient's: a practitioner does not supersede it.
			let own = anchored();
			assert_noop!(
				anchor(PHYSICIAN, LabResults, 2, Some(own)),
				Error::<Test>::NotAuthorOrganization
			);
		});
	}

	#[test]
	fn only_a_current_version_of_the_same_category_is_superseded() {
		ExtBuilder::default().build_and_execute(|| {
			let first = anchored();
			assert_noop!(
				anchor(CONTROLLER, Vitals, 2, Some(first)),
				Error::<Test>::CategoryMismatch
			);
			assert_ok!(anchor(CONTROLLER, LabResults, 2, Some(first)));
			assert_noop!(
				anchor(CONTROLLER, LabResults, 3, Some(first)),
				Error::<Test>::RecordNotCurrent
			);
		});
	}

	#[test]
	fn the_author_marks_a_record_entered_in_error() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			assert_noop!(
				Pallet::mark_entered_in_error(signed(FULL_GUARDIAN), rec(id)),
				Error::<Test>::NotAuthor
			);
			assert_ok!(Pallet::mark_entered_in_error(signed(CONTROLLER), rec(id)));
			assert_eq!(
				last_event(),
				Event::RecordEnteredInError { record: id, patient: PATIENT, author: CONTROLLER }
			);
			assert_eq!(Pallet::verify_record(rec(id), hash(1)), RecordVerification::EnteredInError);
			assert_noop!(
				Pallet::mark_entered_in_error(signed(CONTROLLER), rec(id)),
				Error::<Test>::AlreadyEnteredInError
			);
			assert_noop!(
				anchor(CONTROLLER, LabResults, 2, Some(id)),
				Error::<Test>::RecordNotCurrent
			);
			assert_noop!(
				Pallet::mark_entered_in_error(signed(CONTROLLER), rec(9)),
				Error::<Test>::RecordNotFound
			);
			let other = anchored();
			assert_ok!(Pallet::erase_record(signed(CONTROLLER), rec(other)));
			assert_noop!(
				Pallet::mark_entered_in_error(signed(CONTROLLER), rec(other)),
				Error::<Test>::RecordErased
			);
		});
	}
}

mod verification {
	use super::*;

	#[test]
	fn verify_record_gives_one_clear_answer() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			assert_eq!(Pallet::verify_record(rec(id), hash(1)), RecordVerification::Match);
			assert_eq!(Pallet::verify_record(rec(id), hash(2)), RecordVerification::Mismatch);
			assert_eq!(Pallet::verify_record(rec(id + 1), hash(1)), RecordVerification::NotFound);
			let elsewhere = RecordRef { patient: PatientId::repeat_byte(7), id };
			assert_eq!(Pallet::verify_record(elsewhere, hash(1)), RecordVerification::NotFound);
			assert_ok!(Pallet::erase_record(signed(CONTROLLER), rec(id)));
			assert_eq!(Pallet::verify_record(rec(id), hash(1)), RecordVerification::Erased);
		});
	}

	#[test]
	fn records_of_pages_in_order_of_id() {
		ExtBuilder::default().build_and_execute(|| {
			for n in 0..300u32 {
				assert_ok!(anchor(CONTROLLER, Vitals, (n % 200) as u8, None));
			}
			let ids = |from, limit| {
				Pallet::records_of(PATIENT, from, limit)
					.into_iter()
					.map(|r| r.id)
					.collect::<Vec<_>>()
			};
			assert_eq!(ids(0, 3), vec![0, 1, 2]);
			assert_eq!(ids(255, 3), vec![255, 256, 257]);
			assert_eq!(ids(298, 10), vec![298, 299]);
			assert_eq!(ids(0, 1_000).len(), MAX_PAGE as usize);
			assert_eq!(ids(0, 1_000), (0..100).collect::<Vec<_>>());
			assert!(Pallet::records_of(PatientId::repeat_byte(7), 0, 10).is_empty());
			let first = &Pallet::records_of(PATIENT, 0, 1)[0];
			assert_eq!((first.category, first.pointer.as_slice()), (Vitals, &b"enc:cid"[..]));
		});
	}
}

mod erasure {
	use super::*;

	#[test]
	fn erasure_drops_pointer_and_envelopes_and_keeps_the_hash() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			permit_read(PHYSICIAN, LabResults, Treatment);
			assert_ok!(Pallet::share_record_key(
				signed(CONTROLLER),
				rec(id),
				PHYSICIAN,
				envelope(1),
				Treatment
			));
			assert_ok!(Pallet::erase_record(signed(CONTROLLER), rec(id)));
			assert_eq!(
				last_event(),
				Event::RecordErased { record: id, patient: PATIENT, by: CONTROLLER }
			);
			let r = crate::Records::<Test>::get(PATIENT, ordered(id)).unwrap();
			assert!(r.pointer.is_empty());
			assert_eq!(r.content_hash, hash(1));
			assert_eq!(KeyEnvelopes::<Test>::iter_prefix(id).count(), 0);
			assert_eq!(Pallet::record_key(rec(id), PHYSICIAN, Treatment), None);
		});
	}

	#[test]
	fn erase_record_errors() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			for who in [FULL_GUARDIAN, PHYSICIAN, STRANGER] {
				assert_noop!(
					Pallet::erase_record(signed(who), rec(id)),
					Error::<Test>::NotController
				);
			}
			assert_noop!(
				Pallet::erase_record(signed(CONTROLLER), rec(id + 1)),
				Error::<Test>::RecordNotFound
			);
			assert_ok!(Pallet::erase_record(signed(CONTROLLER), rec(id)));
			assert_noop!(
				Pallet::erase_record(signed(CONTROLLER), rec(id)),
				Error::<Test>::RecordErased
			);
		});
	}
}

mod keys {
	use super::*;

	#[test]
	fn a_controller_shares_a_key_with_a_consented_grantee_who_fetches_it_while_consented() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			permit_read(PHYSICIAN, LabResults, Treatment);
			assert_ok!(Pallet::share_record_key(
				signed(CONTROLLER),
				rec(id),
				PHYSICIAN,
				envelope(1),
				Treatment
			));
			assert_eq!(
				last_event(),
				Event::RecordKeyShared {
					record: id,
					patient: PATIENT,
					grantee: PHYSICIAN,
					controller: CONTROLLER
				}
			);
			assert_eq!(Pallet::record_key(rec(id), PHYSICIAN, Treatment), Some(vec![1; 16]));
			// A new envelope replaces the old one without taking another slot.
			assert_ok!(Pallet::share_record_key(
				signed(CONTROLLER),
				rec(id),
				PHYSICIAN,
				envelope(2),
				Treatment
			));
			assert_eq!(crate::Records::<Test>::get(PATIENT, ordered(id)).unwrap().envelopes, 1);
			// Once the consent is gone, the envelope is not handed out any more.
			decide(
				PHYSICIAN,
				Read,
				LabResults,
				Treatment,
				AccessDecision::Deny { reason: DenyReason::NoConsent },
			);
			assert_eq!(Pallet::record_key(rec(id), PHYSICIAN, Treatment), None);
			assert_ok!(Pallet::revoke_record_key(signed(CONTROLLER), rec(id), PHYSICIAN));
			assert_eq!(
				last_event(),
				Event::RecordKeyRevoked {
					record: id,
					patient: PATIENT,
					grantee: PHYSICIAN,
					controller: CONTROLLER
				}
			);
			assert!(KeyEnvelopes::<Test>::get(id, PHYSICIAN).is_none());
		});
	}

	#[test]
	fn share_record_key_errors() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			permit_read(PHYSICIAN, LabResults, Treatment);
			permit_read(NURSE, LabResults, Treatment);
			permit_read(CLINIC_PHYSICIAN, LabResults, Treatment);
			assert_noop!(
				Pallet::share_record_key(
					signed(FULL_GUARDIAN),
					rec(id),
					PHYSICIAN,
					envelope(1),
					Treatment
				),
				Error::<Test>::NotController
			);
			assert_noop!(
				Pallet::share_record_key(
					signed(CONTROLLER),
					rec(id),
					PHYSICIAN,
					BoundedVec::new(),
					Treatment
				),
				Error::<Test>::EmptyEnvelope
			);
			assert_noop!(
				Pallet::share_record_key(
					signed(CONTROLLER),
					rec(id + 1),
					PHYSICIAN,
					envelope(1),
					Treatment
				),
				Error::<Test>::RecordNotFound
			);
			assert_noop!(
				Pallet::share_record_key(
					signed(CONTROLLER),
					rec(id),
					PHYSICIAN,
					envelope(1),
					Research
				),
				Error::<Test>::GranteeNotPermitted
			);
			assert_noop!(
				Pallet::share_record_key(
					signed(CONTROLLER),
					rec(id),
					STRANGER,
					envelope(1),
					Treatment
				),
				Error::<Test>::GranteeNotPermitted
			);
			// Break-glass lets a nurse read, but never be handed the key.
			decide(
				NURSE,
				Read,
				LabResults,
				EmergencyTreatment,
				AccessDecision::Emergency { id: 4 },
			);
			assert_noop!(
				Pallet::share_record_key(
					signed(CONTROLLER),
					rec(id),
					NURSE,
					envelope(1),
					EmergencyTreatment
				),
				Error::<Test>::GranteeNotPermitted
			);
			assert_ok!(Pallet::share_record_key(
				signed(CONTROLLER),
				rec(id),
				PHYSICIAN,
				envelope(1),
				Treatment
			));
			assert_ok!(Pallet::share_record_key(
				signed(CONTROLLER),
				rec(id),
				NURSE,
				envelope(1),
				Treatment
			));
			assert_noop!(
				Pallet::share_record_key(
					signed(CONTROLLER),
					rec(id),
					CLINIC_PHYSICIAN,
					envelope(1),
					Treatment
				),
				Error::<Test>::TooManyEnvelopes
			);
			assert_ok!(Pallet::erase_record(signed(CONTROLLER), rec(id)));
			assert_noop!(
				Pallet::share_record_key(
					signed(CONTROLLER),
					rec(id),
					PHYSICIAN,
					envelope(1),
					Treatment
				),
				Error::<Test>::RecordErased
			);
		});
	}

	#[test]
	fn revoke_record_key_errors() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			assert_noop!(
				Pallet::revoke_record_key(signed(CONTROLLER), rec(id), PHYSICIAN),
				Error::<Test>::EnvelopeNotFound
			);
			assert_noop!(
				Pallet::revoke_record_key(signed(STRANGER), rec(id), PHYSICIAN),
				Error::<Test>::NotController
			);
			assert_noop!(
				Pallet::revoke_record_key(signed(CONTROLLER), rec(id + 1), PHYSICIAN),
				Error::<Test>::RecordNotFound
			);
		});
	}
}

/// AUDIT M-3: stale key envelopes (whose grantee may no longer read the record) and
/// `purge_stale_envelope`.
mod stale_envelopes {
	use super::*;

	fn share(grantee: u64, id: RecordId, purpose: Purpose) -> DispatchResult {
		Pallet::share_record_key(signed(CONTROLLER), rec(id), grantee, envelope(1), purpose)
	}

	fn purge(by: u64, id: RecordId, grantee: u64) -> DispatchResult {
		Pallet::purge_stale_envelope(signed(by), rec(id), grantee)
	}

	/// The patient revokes `who`'s consent to read lab results for treatment.
	fn revoke_read(who: u64) {
		decide(
			who,
			Read,
			LabResults,
			Treatment,
			AccessDecision::Deny { reason: DenyReason::NoConsent },
		);
	}

	fn envelopes_of(id: RecordId) -> u32 {
		crate::Records::<Test>::get(PATIENT, ordered(id)).unwrap().envelopes
	}

	/// `record_key` hands `grantee` nothing for `id`, whatever the purpose.
	fn assert_fetches_nothing(id: RecordId, grantee: u64) {
		for purpose in Purpose::ALL {
			assert_eq!(Pallet::record_key(rec(id), grantee, *purpose), None, "{purpose:?}");
		}
	}

	/// AUDIT M-3: a record holds `MaxEnvelopesPerRecord` envelopes; the patient revokes one
	/// grantee's consent, yet its stale envelope still takes a slot, and a share to a new
	/// grantee is refused with `TooManyEnvelopes`. Anyone may purge the stale envelope, and the
	/// share then succeeds.
	#[test]
	fn a_stale_envelope_blocks_new_shares_until_it_is_purged() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			for who in [PHYSICIAN, NURSE, CLINIC_PHYSICIAN] {
				permit_read(who, LabResults, Treatment);
			}
			assert_ok!(share(PHYSICIAN, id, Treatment));
			assert_ok!(share(NURSE, id, Treatment));
			assert_eq!(envelopes_of(id), MAX_ENVELOPES);
			revoke_read(PHYSICIAN);
			assert_fetches_nothing(id, PHYSICIAN);
			// The stale envelope still counts.
			assert_noop!(share(CLINIC_PHYSICIAN, id, Treatment), Error::<Test>::TooManyEnvelopes);

			// Anyone may remove it; it frees its slot and holds nothing back.
			assert_ok!(purge(STRANGER, id, PHYSICIAN));
			assert_eq!(
				last_event(),
				Event::RecordKeyPurged {
					record: id,
					patient: PATIENT,
					grantee: PHYSICIAN,
					by: STRANGER
				}
			);
			assert!(KeyEnvelopes::<Test>::get(id, PHYSICIAN).is_none());
			assert_eq!(envelopes_of(id), MAX_ENVELOPES - 1);
			assert!(Deposits::<Test>::get(STRANGER).is_none());
			assert_eq!(Balances::free_balance(STRANGER), ENDOWMENT);
			assert_ok!(share(CLINIC_PHYSICIAN, id, Treatment));
			// The live envelopes are untouched.
			assert_eq!(Pallet::record_key(rec(id), NURSE, Treatment), Some(vec![1; 16]));
			assert_eq!(Pallet::record_key(rec(id), CLINIC_PHYSICIAN, Treatment), Some(vec![1; 16]));
		});
	}

	/// AUDIT M-3: whatever ends a grantee's right to read for good makes its envelope stale:
	/// `record_key` hands it out for no purpose, and it is purged.
	#[test]
	fn every_lasting_loss_of_the_right_to_read_makes_an_envelope_stale() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			// A consent revoked.
			permit_read(PHYSICIAN, LabResults, Treatment);
			assert_ok!(share(PHYSICIAN, id, Treatment));
			revoke_read(PHYSICIAN);
			assert_fetches_nothing(id, PHYSICIAN);
			assert_ok!(purge(STRANGER, id, PHYSICIAN));
			// A consent ended, with none to come.
			permit_read(NURSE, LabResults, Treatment);
			assert_ok!(share(NURSE, id, Treatment));
			decide(
				NURSE,
				Read,
				LabResults,
				Treatment,
				AccessDecision::Deny { reason: DenyReason::Expired },
			);
			assert_fetches_nothing(id, NURSE);
			assert_ok!(purge(STRANGER, id, NURSE));
			// A Deny recorded by the patient.
			permit_read(CLINIC_PHYSICIAN, LabResults, Treatment);
			assert_ok!(share(CLINIC_PHYSICIAN, id, Treatment));
			decide(
				CLINIC_PHYSICIAN,
				Read,
				LabResults,
				Treatment,
				AccessDecision::Deny { reason: DenyReason::DeniedByPatient },
			);
			assert_fetches_nothing(id, CLINIC_PHYSICIAN);
			assert_ok!(purge(STRANGER, id, CLINIC_PHYSICIAN));
			// The grantee removed from its organisation.
			permit_read(PHYSICIAN, LabResults, Treatment);
			assert_ok!(share(PHYSICIAN, id, Treatment));
			consortium::remove_practitioner(PHYSICIAN);
			assert_fetches_nothing(id, PHYSICIAN);
			assert_ok!(purge(STRANGER, id, PHYSICIAN));
			// A guardianship ended.
			assert_ok!(share(READ_GUARDIAN, id, FamilyRequest));
			end_guardianship(READ_GUARDIAN);
			assert_fetches_nothing(id, READ_GUARDIAN);
			assert_ok!(purge(STRANGER, id, READ_GUARDIAN));
			// The patient deactivated: even the controller's own envelope is stale.
			assert_ok!(share(CONTROLLER, id, PatientRequest));
			assert_ok!(share(FULL_GUARDIAN, id, PatientRequest));
			deactivate_patient();
			assert_fetches_nothing(id, CONTROLLER);
			assert_ok!(purge(STRANGER, id, CONTROLLER));
			assert_ok!(purge(FULL_GUARDIAN, id, FULL_GUARDIAN));
			assert_eq!(envelopes_of(id), 0);
		});
	}

	/// AUDIT M-3: an envelope is not purged while `record_key` still hands it out for some
	/// purpose, nor while its grantee's refusal is one that passes without the patient: not the
	/// patient's side's, not one whose grantee lost one consent but holds another, not one whose
	/// grantee reads under an emergency access, not one whose grantee's organisation is
	/// suspended, whose licence validity lapsed or whose consent is still to start.
	#[test]
	fn an_envelope_readable_for_any_purpose_is_not_purged() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			assert_ok!(share(READ_GUARDIAN, id, FamilyRequest));
			assert_noop!(purge(STRANGER, id, READ_GUARDIAN), Error::<Test>::EnvelopeNotStale);
			// Treatment revoked, research still consented.
			permit_read(PHYSICIAN, LabResults, Treatment);
			permit_read(PHYSICIAN, LabResults, Research);
			assert_ok!(share(PHYSICIAN, id, Treatment));
			revoke_read(PHYSICIAN);
			assert_eq!(Pallet::record_key(rec(id), PHYSICIAN, Treatment), None);
			assert_eq!(Pallet::record_key(rec(id), PHYSICIAN, Research), Some(vec![1; 16]));
			assert_noop!(purge(STRANGER, id, PHYSICIAN), Error::<Test>::EnvelopeNotStale);
			// Once no purpose is left, it is stale.
			decide(
				PHYSICIAN,
				Read,
				LabResults,
				Research,
				AccessDecision::Deny { reason: DenyReason::Expired },
			);
			assert_fetches_nothing(id, PHYSICIAN);
			assert_ok!(purge(STRANGER, id, PHYSICIAN));
			// An emergency access in force still reads.
			permit_read(NURSE, LabResults, Treatment);
			assert_ok!(share(NURSE, id, Treatment));
			revoke_read(NURSE);
			decide(
				NURSE,
				Read,
				LabResults,
				EmergencyTreatment,
				AccessDecision::Emergency { id: 4 },
			);
			assert_eq!(Pallet::record_key(rec(id), NURSE, EmergencyTreatment), Some(vec![1; 16]));
			assert_noop!(purge(STRANGER, id, NURSE), Error::<Test>::EnvelopeNotStale);
		});
	}

	/// AUDIT M-3: governance suspending a hospital for an hour, a lapsed licence validity, or a
	/// consent whose window is still to come must not let anyone strip the patient's shares:
	/// `record_key` hands the envelope out to nobody meanwhile, but it stays, and is handed out
	/// again once the refusal has passed.
	#[test]
	fn a_refusal_that_passes_without_the_patient_keeps_the_envelope() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			// The grantee's organisation suspended, then reinstated.
			permit_read(NURSE, LabResults, Treatment);
			assert_ok!(share(NURSE, id, Treatment));
			consortium::set_active(HOSPITAL, false);
			assert_fetches_nothing(id, NURSE);
			assert_noop!(purge(STRANGER, id, NURSE), Error::<Test>::EnvelopeNotStale);
			consortium::set_active(HOSPITAL, true);
			assert_eq!(Pallet::record_key(rec(id), NURSE, Treatment), Some(vec![1; 16]));
			// The grantee's licence validity lapsed.
			permit_read(CLINIC_PHYSICIAN, LabResults, Treatment);
			assert_ok!(share(CLINIC_PHYSICIAN, id, Treatment));
			consortium::set_valid_until(CLINIC_PHYSICIAN, Some(GENESIS_TIME + 5));
			set_now(GENESIS_TIME + 5);
			assert_fetches_nothing(id, CLINIC_PHYSICIAN);
			assert_noop!(purge(STRANGER, id, CLINIC_PHYSICIAN), Error::<Test>::EnvelopeNotStale);
			// The patient still decides: a controller's revocation removes it.
			assert_ok!(Pallet::revoke_record_key(signed(CONTROLLER), rec(id), CLINIC_PHYSICIAN));
			// A consent ended while the next one is still to start (the check answers
			// `NotYetValid`): access comes back by itself.
			permit_read(PHYSICIAN, LabResults, Treatment);
			assert_ok!(share(PHYSICIAN, id, Treatment));
			decide(
				PHYSICIAN,
				Read,
				LabResults,
				Treatment,
				AccessDecision::Deny { reason: DenyReason::NotYetValid },
			);
			assert_fetches_nothing(id, PHYSICIAN);
			assert_noop!(purge(STRANGER, id, PHYSICIAN), Error::<Test>::EnvelopeNotStale);
		});
	}

	#[test]
	fn purge_stale_envelope_errors() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			permit_read(PHYSICIAN, LabResults, Treatment);
			assert_ok!(share(PHYSICIAN, id, Treatment));
			assert_noop!(
				Pallet::purge_stale_envelope(RuntimeOrigin::none(), rec(id), PHYSICIAN),
				DispatchError::BadOrigin
			);
			assert_noop!(purge(STRANGER, id + 1, PHYSICIAN), Error::<Test>::RecordNotFound);
			assert_noop!(purge(STRANGER, id, NURSE), Error::<Test>::EnvelopeNotFound);
			assert_noop!(purge(STRANGER, id, PHYSICIAN), Error::<Test>::EnvelopeNotStale);
			assert_noop!(purge(CONTROLLER, id, PHYSICIAN), Error::<Test>::EnvelopeNotStale);
			// An erased record keeps no envelope.
			assert_ok!(Pallet::erase_record(signed(CONTROLLER), rec(id)));
			assert_noop!(purge(STRANGER, id, PHYSICIAN), Error::<Test>::EnvelopeNotFound);
			// Another patient's record of the same id is another record.
			let elsewhere = RecordRef { patient: PatientId::repeat_byte(7), id };
			assert_noop!(
				Pallet::purge_stale_envelope(signed(STRANGER), elsewhere, PHYSICIAN),
				Error::<Test>::RecordNotFound
			);
		});
	}
}

mod access_log {
	use super::*;

	/// H-5: a reader with one Read permit logs more reads than the log's bound; the patient's
	/// earlier entries, by another reader, must still be there.
	#[test]
	fn a_reader_cannot_evict_another_readers_entries() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			permit_read(NURSE, LabResults, Treatment);
			permit_read(PHYSICIAN, LabResults, Treatment);
			assert_ok!(Pallet::log_access(signed(NURSE), rec(id), Treatment));
			for _ in 0..=MAX_LOG_PER_ACCESSOR {
				// Refused or not, none of these may touch the nurse's entry.
				let _ = Pallet::log_access(signed(PHYSICIAN), rec(id), Treatment);
			}
			let log = Pallet::access_log(PATIENT, 0, MAX_PAGE);
			assert!(
				log.iter().any(|e| e.seq == 0 && e.accessor == NURSE),
				"the nurse's read was evicted by the physician's: {log:?}"
			);
		});
	}

	#[test]
	fn a_consented_read_is_logged_with_its_consent() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			permit_read(PHYSICIAN, LabResults, Treatment);
			assert_ok!(Pallet::log_access(signed(PHYSICIAN), rec(id), Treatment));
			assert_eq!(
				last_event(),
				Event::RecordAccessed {
					record: id,
					patient: PATIENT,
					accessor: PHYSICIAN,
					purpose: Treatment,
					basis: AccessBasis::Consent(6)
				}
			);
			let log = Pallet::access_log(PATIENT, 0, 10);
			assert_eq!(log.len(), 1);
			assert_eq!(
				(log[0].seq, log[0].record, log[0].accessor, log[0].at),
				(0, id, PHYSICIAN, GENESIS_TIME)
			);
		});
	}

	#[test]
	fn an_emergency_read_is_logged_with_its_emergency_access() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			decide(
				NURSE,
				Read,
				LabResults,
				EmergencyTreatment,
				AccessDecision::Emergency { id: 4 },
			);
			assert_ok!(Pallet::log_access(signed(NURSE), rec(id), EmergencyTreatment));
			assert_eq!(Pallet::access_log(PATIENT, 0, 10)[0].basis, AccessBasis::Emergency(4));
		});
	}

	#[test]
	fn a_refused_read_says_why() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			let read = || Pallet::log_access(signed(PHYSICIAN), rec(id), Treatment);
			// What the patient's consents say.
			let cases = [
				(DenyReason::DeniedByPatient, Error::<Test>::DeniedByPatient),
				(DenyReason::Expired, Error::<Test>::ConsentExpired),
				(DenyReason::NotYetValid, Error::<Test>::ConsentNotYetValid),
				(DenyReason::SensitiveCategory, Error::<Test>::SensitiveCategory),
				(DenyReason::NoConsent, Error::<Test>::NoConsent),
			];
			for (reason, error) in cases {
				decide(PHYSICIAN, Read, LabResults, Treatment, AccessDecision::Deny { reason });
				assert_noop!(read(), error);
			}
			// How the reader stands, even with a consent.
			permit_read(PHYSICIAN, LabResults, Treatment);
			consortium::set_valid_until(PHYSICIAN, Some(GENESIS_TIME));
			assert_noop!(read(), Error::<Test>::PractitionerExpired);
			consortium::set_valid_until(PHYSICIAN, None);
			consortium::set_active(HOSPITAL, false);
			assert_noop!(read(), Error::<Test>::OrganizationInactive);
			consortium::set_active(HOSPITAL, true);
			consortium::remove_practitioner(PHYSICIAN);
			assert_noop!(read(), Error::<Test>::NotAPractitioner);
			assert_noop!(
				Pallet::log_access(signed(STRANGER), rec(id), Treatment),
				Error::<Test>::NotAPractitioner
			);
			// And the patient's.
			permit_read(NURSE, LabResults, Treatment);
			deactivate_patient();
			assert_noop!(
				Pallet::log_access(signed(NURSE), rec(id), Treatment),
				Error::<Test>::PatientInactive
			);
		});
	}

	#[test]
	fn log_access_errors() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			permit_read(PHYSICIAN, LabResults, Treatment);
			assert_noop!(
				Pallet::log_access(signed(PHYSICIAN), rec(id + 1), Treatment),
				Error::<Test>::RecordNotFound
			);
			AccessLogWindow::<Test>::insert(PATIENT, LogWindow { first: u64::MAX, next: u64::MAX });
			assert_noop!(
				Pallet::log_access(signed(PHYSICIAN), rec(id), Treatment),
				Error::<Test>::IdsExhausted
			);
			AccessLogWindow::<Test>::remove(PATIENT);
			assert_ok!(Pallet::erase_record(signed(CONTROLLER), rec(id)));
			assert_noop!(
				Pallet::log_access(signed(PHYSICIAN), rec(id), Treatment),
				Error::<Test>::RecordErased
			);
		});
	}

	/// Sequence numbers of the patient's log from `from`.
	fn seqs(from: u64) -> Vec<u64> {
		Pallet::access_log(PATIENT, from, MAX_PAGE).into_iter().map(|e| e.seq).collect()
	}

	/// Who logged each entry of the patient's log, in order.
	fn accessors() -> Vec<u64> {
		Pallet::access_log(PATIENT, 0, MAX_PAGE).into_iter().map(|e| e.accessor).collect()
	}

	fn logged(who: u64) -> u32 {
		AccessorLogEntries::<Test>::get(PATIENT, who)
	}

	#[test]
	fn a_reader_at_its_bound_is_refused_and_keeps_its_entries() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			permit_read(PHYSICIAN, LabResults, Treatment);
			for _ in 0..MAX_LOG_PER_ACCESSOR {
				assert_ok!(Pallet::log_access(signed(PHYSICIAN), rec(id), Treatment));
			}
			assert_eq!(logged(PHYSICIAN), MAX_LOG_PER_ACCESSOR);
			assert_noop!(
				Pallet::log_access(signed(PHYSICIAN), rec(id), Treatment),
				Error::<Test>::TooManyLogEntries
			);
			assert_eq!(seqs(0), (0..u64::from(MAX_LOG_PER_ACCESSOR)).collect::<Vec<_>>());
			assert_eq!(logged(PHYSICIAN), MAX_LOG_PER_ACCESSOR);
		});
	}

	#[test]
	fn other_readers_still_log_when_one_reader_is_at_its_bound() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			permit_read(PHYSICIAN, LabResults, Treatment);
			permit_read(CLINIC_PHYSICIAN, LabResults, Treatment);
			decide(
				NURSE,
				Read,
				LabResults,
				EmergencyTreatment,
				AccessDecision::Emergency { id: 4 },
			);
			assert_ok!(Pallet::log_access(signed(CLINIC_PHYSICIAN), rec(id), Treatment));
			// A break-glass reader fills its own bound and goes on trying.
			for _ in 0..MAX_LOG_PER_ACCESSOR {
				assert_ok!(Pallet::log_access(signed(NURSE), rec(id), EmergencyTreatment));
			}
			assert_noop!(
				Pallet::log_access(signed(NURSE), rec(id), EmergencyTreatment),
				Error::<Test>::TooManyLogEntries
			);
			// Other readers are neither evicted nor blocked.
			assert_ok!(Pallet::log_access(signed(PHYSICIAN), rec(id), Treatment));
			assert_ok!(Pallet::log_access(signed(CLINIC_PHYSICIAN), rec(id), Treatment));
			let mut expected = vec![CLINIC_PHYSICIAN];
			expected.extend([NURSE; MAX_LOG_PER_ACCESSOR as usize]);
			expected.extend([PHYSICIAN, CLINIC_PHYSICIAN]);
			assert_eq!(accessors(), expected);
			assert_eq!(
				(logged(CLINIC_PHYSICIAN), logged(NURSE), logged(PHYSICIAN)),
				(2, MAX_LOG_PER_ACCESSOR, 1)
			);
		});
	}

	#[test]
	fn the_bound_is_per_patient() {
		let other = PatientId::repeat_byte(2);
		ExtBuilder::default().with_patient(other, STRANGER).build_and_execute(|| {
			let id = anchored();
			assert_ok!(Pallet::anchor_record(
				signed(STRANGER),
				other,
				LabResults,
				hash(2),
				pointer(b"enc:cid"),
				None
			));
			let theirs = RecordRef { patient: other, id: id + 1 };
			permit_read(PHYSICIAN, LabResults, Treatment);
			for _ in 0..MAX_LOG_PER_ACCESSOR {
				assert_ok!(Pallet::log_access(signed(PHYSICIAN), rec(id), Treatment));
			}
			assert_ok!(Pallet::log_access(signed(PHYSICIAN), theirs, Treatment));
			assert_eq!(AccessorLogEntries::<Test>::get(other, PHYSICIAN), 1);
			assert_eq!(Pallet::access_log(other, 0, MAX_PAGE).len(), 1);
		});
	}

	#[test]
	fn the_log_keeps_every_entry_until_the_patient_prunes_it() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			permit_read(PHYSICIAN, LabResults, Treatment);
			permit_read(NURSE, LabResults, Treatment);
			for who in [PHYSICIAN, PHYSICIAN, NURSE, PHYSICIAN, NURSE] {
				assert_ok!(Pallet::log_access(signed(who), rec(id), Treatment));
			}
			assert_eq!(seqs(0), vec![0, 1, 2, 3, 4], "no read evicts an entry");
			assert_eq!(seqs(3), vec![3, 4]);
			assert_eq!((logged(PHYSICIAN), logged(NURSE)), (3, 2));
			assert_ok!(Pallet::prune_access_log(signed(CONTROLLER), PATIENT, 10));
			// At most MaxPrunePerCall entries per call, oldest first.
			assert_eq!(
				last_event(),
				Event::AccessLogPruned { patient: PATIENT, first: 2, controller: CONTROLLER }
			);
			assert_eq!(seqs(0), vec![2, 3, 4]);
			assert_eq!((logged(PHYSICIAN), logged(NURSE)), (1, 2));
			assert_noop!(
				Pallet::prune_access_log(signed(CONTROLLER), PATIENT, 2),
				Error::<Test>::LogEntryNotFound
			);
			assert_ok!(Pallet::prune_access_log(signed(CONTROLLER), PATIENT, 4));
			assert_eq!(seqs(0), vec![4]);
			// A reader with no entry left has no count stored.
			assert!(!AccessorLogEntries::<Test>::contains_key(PATIENT, PHYSICIAN));
			assert_eq!(logged(NURSE), 1);
			assert_ok!(Pallet::prune_access_log(signed(CONTROLLER), PATIENT, 5));
			assert!(seqs(0).is_empty());
			assert_eq!(AccessorLogEntries::<Test>::iter_prefix(PATIENT).count(), 0);
			assert_noop!(
				Pallet::prune_access_log(signed(CONTROLLER), PATIENT, 5),
				Error::<Test>::LogEntryNotFound
			);
			assert_ok!(Pallet::log_access(signed(PHYSICIAN), rec(id), Treatment));
			assert_eq!(seqs(0), vec![5]);
		});
	}

	#[test]
	fn pruning_gives_a_reader_at_its_bound_room_again() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			permit_read(PHYSICIAN, LabResults, Treatment);
			for _ in 0..MAX_LOG_PER_ACCESSOR {
				assert_ok!(Pallet::log_access(signed(PHYSICIAN), rec(id), Treatment));
			}
			assert_ok!(Pallet::prune_access_log(signed(CONTROLLER), PATIENT, 1));
			assert_eq!(logged(PHYSICIAN), MAX_LOG_PER_ACCESSOR - 1);
			assert_ok!(Pallet::log_access(signed(PHYSICIAN), rec(id), Treatment));
			assert_eq!(seqs(0), (1..=u64::from(MAX_LOG_PER_ACCESSOR)).collect::<Vec<_>>());
			assert_noop!(
				Pallet::log_access(signed(PHYSICIAN), rec(id), Treatment),
				Error::<Test>::TooManyLogEntries
			);
		});
	}

	#[test]
	fn try_state_catches_an_uncounted_or_miscounted_entry() {
		ExtBuilder::default().build().execute_with(|| {
			let id = anchored();
			permit_read(PHYSICIAN, LabResults, Treatment);
			assert_ok!(Pallet::log_access(signed(PHYSICIAN), rec(id), Treatment));
			assert_ok!(Pallet::do_try_state());
			AccessorLogEntries::<Test>::insert(PATIENT, PHYSICIAN, 2);
			assert!(Pallet::do_try_state().is_err());
			AccessorLogEntries::<Test>::remove(PATIENT, PHYSICIAN);
			assert!(Pallet::do_try_state().is_err());
			AccessorLogEntries::<Test>::insert(PATIENT, NURSE, 1);
			assert!(Pallet::do_try_state().is_err());
		});
	}

	#[test]
	fn only_a_controller_prunes_the_log() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			permit_read(PHYSICIAN, LabResults, Treatment);
			assert_ok!(Pallet::log_access(signed(PHYSICIAN), rec(id), Treatment));
			for who in [PHYSICIAN, FULL_GUARDIAN, READ_GUARDIAN, STRANGER] {
				assert_noop!(
					Pallet::prune_access_log(signed(who), PATIENT, 1),
					Error::<Test>::NotController
				);
			}
			assert_noop!(
				Pallet::prune_access_log(RuntimeOrigin::none(), PATIENT, 1),
				DispatchError::BadOrigin
			);
			assert_eq!(seqs(0), vec![0]);
		});
	}
}

mod batches {
	use super::*;

	fn tree(leaves: &[H256]) -> (H256, Vec<Vec<H256>>) {
		let mut levels = vec![leaves.iter().map(merkle::leaf_hash).collect::<Vec<_>>()];
		while levels.last().unwrap().len() > 1 {
			let next = levels
				.last()
				.unwrap()
				.chunks(2)
				.map(|p| if p.len() == 2 { merkle::node_hash(&p[0], &p[1]) } else { p[0] })
				.collect();
			levels.push(next);
		}
		(levels.last().unwrap()[0], levels)
	}

	fn proof(levels: &[Vec<H256>], mut index: usize) -> Vec<H256> {
		let mut out = vec![];
		for level in &levels[..levels.len() - 1] {
			if let Some(p) = level.get(index ^ 1) {
				out.push(*p);
			}
			index /= 2;
		}
		out
	}

	#[test]
	fn a_batch_is_anchored_and_its_leaves_verify() {
		ExtBuilder::default().build_and_execute(|| {
			let leaves: Vec<H256> = (0..7).map(hash).collect();
			let (root, levels) = tree(&leaves);
			assert_ok!(Pallet::anchor_batch(signed(PHYSICIAN), root, 7, hash(9)));
			assert_eq!(
				last_event(),
				Event::BatchAnchored { batch: 0, root, leaf_count: 7, author: PHYSICIAN }
			);
			assert_eq!(Batches::<Test>::get(0).unwrap().org, HOSPITAL);
			for (i, leaf) in leaves.iter().enumerate() {
				assert!(Pallet::verify_batch_inclusion(0, *leaf, i as u32, proof(&levels, i)));
			}
			let good = proof(&levels, 3);
			assert!(!Pallet::verify_batch_inclusion(0, hash(200), 3, good.clone()));
			assert!(!Pallet::verify_batch_inclusion(0, leaves[3], 4, good.clone()));
			assert!(!Pallet::verify_batch_inclusion(0, leaves[3], 7, good.clone()));
			assert!(!Pallet::verify_batch_inclusion(0, leaves[3], u32::MAX, good.clone()));
			assert!(!Pallet::verify_batch_inclusion(0, leaves[3], 3, good[..1].to_vec()));
			assert!(!Pallet::verify_batch_inclusion(0, leaves[3], 3, vec![root; 64]));
			assert!(!Pallet::verify_batch_inclusion(1, leaves[3], 3, good));
		});
	}

	#[test]
	fn anchor_batch_errors() {
		ExtBuilder::default().build_and_execute(|| {
			for who in [CONTROLLER, STRANGER] {
				assert_noop!(
					Pallet::anchor_batch(signed(who), hash(1), 1, hash(2)),
					Error::<Test>::NotAPractitioner
				);
			}
			assert_noop!(
				Pallet::anchor_batch(signed(PHYSICIAN), hash(1), 0, hash(2)),
				Error::<Test>::InvalidLeafCount
			);
			assert_noop!(
				Pallet::anchor_batch(signed(PHYSICIAN), hash(1), merkle::MAX_LEAVES + 1, hash(2)),
				Error::<Test>::InvalidLeafCount
			);
			assert_ok!(Pallet::anchor_batch(
				signed(PHYSICIAN),
				hash(1),
				merkle::MAX_LEAVES,
				hash(2)
			));
			NextBatchId::<Test>::put(BatchId::MAX);
			assert_noop!(
				Pallet::anchor_batch(signed(PHYSICIAN), hash(1), 1, hash(2)),
				Error::<Test>::IdsExhausted
			);
		});
	}
}

mod privacy {
	use super::*;

	fn contains(haystack: &[u8], needle: &[u8]) -> bool {
		haystack.windows(needle.len()).any(|w| w == needle)
	}

	/// Every key and value in storage, by walking the whole trie.
	fn all_storage() -> Vec<(Vec<u8>, Vec<u8>)> {
		let mut out = vec![];
		let mut key = vec![];
		while let Some(next) = sp_io::storage::next_key(&key) {
			let value = sp_io::storage::get(&next).map(|v| v.to_vec()).unwrap_or_default();
			out.push((next.clone(), value));
			key = next;
		}
		out
	}

	#[test]
	fn no_plaintext_reaches_storage_or_events() {
		ExtBuilder::default().build_and_execute(|| {
			let name = b"Jane Example-Doe";
			let birth_date = b"1984-03-07";
			// The client: a FHIR resource holding the plaintext, a random salt kept off chain, the
			// salted hash anchored, the content encrypted elsewhere and only an opaque pointer sent.
			let resource = [
				&b"{\"resourceType\":\"Patient\",\"name\":\""[..],
				name,
				b"\",\"birthDate\":\"",
				birth_date,
				b"\"}",
			]
			.concat();
			let salt = [0x5a; 32];
			let content_hash = BlakeTwo256::hash(&[&salt[..], &resource].concat());
			let opaque = pointer(&BlakeTwo256::hash(b"ciphertext location").0);
			assert_ok!(Pallet::anchor_record(
				signed(CONTROLLER),
				PATIENT,
				Demographics,
				content_hash,
				opaque,
				None
			));
			permit_read(PHYSICIAN, Demographics, Treatment);
			assert_ok!(Pallet::share_record_key(
				signed(CONTROLLER),
				rec(0),
				PHYSICIAN,
				envelope(3),
				Treatment
			));
			assert_ok!(Pallet::log_access(signed(PHYSICIAN), rec(0), Treatment));
			assert_eq!(Pallet::verify_record(rec(0), content_hash), RecordVerification::Match);

			let storage = all_storage();
			assert!(storage.len() > 5, "the walk sees the pallet's storage");
			let events: Vec<Vec<u8>> = System::events().iter().map(|e| e.encode()).collect();
			assert!(events.len() >= 3);
			for plaintext in [&name[..], &birth_date[..], &b"Jane"[..], &b"1984"[..]] {
				for (key, value) in &storage {
					assert!(
						!contains(key, plaintext) && !contains(value, plaintext),
						"{:?} found in storage",
						core::str::from_utf8(plaintext)
					);
				}
				for event in &events {
					assert!(
						!contains(event, plaintext),
						"{:?} found in an event",
						core::str::from_utf8(plaintext)
					);
				}
			}
		});
	}
}

mod free_calls {
	use super::*;

	#[test]
	fn the_patients_own_record_calls_name_their_patient() {
		let r = rec(3);
		assert_eq!(
			crate::Call::<Test>::erase_record { record: r }.free_for_patient(),
			Some(PATIENT)
		);
		assert_eq!(
			crate::Call::<Test>::revoke_record_key { record: r, grantee: PHYSICIAN }
				.free_for_patient(),
			Some(PATIENT)
		);
		assert_eq!(
			crate::Call::<Test>::prune_access_log { patient: PATIENT, before: 1 }
				.free_for_patient(),
			Some(PATIENT)
		);
		// Free for the patient's controllers (whoever else purges pays).
		assert_eq!(
			crate::Call::<Test>::purge_stale_envelope { record: r, grantee: PHYSICIAN }
				.free_for_patient(),
			Some(PATIENT)
		);
		assert_eq!(
			crate::Call::<Test>::log_access { record: r, purpose: Treatment }.free_for_patient(),
			None
		);
		// A contest holds a deposit: never free.
		assert_eq!(
			crate::Call::<Test>::contest_record { record: r, statement_hash: hash(7) }
				.free_for_patient(),
			None
		);
	}
}

/// AUDIT M-14: what each kind of item holds, from whom, and when it is given back.
mod deposits {
	use super::*;
	use frame_support::traits::{fungible::InspectHold, Consideration, Footprint};

	fn on_hold(who: u64) -> u64 {
		Balances::balance_on_hold(&DepositReason::get(), &who)
	}

	fn ledger(who: u64) -> Option<Footprint> {
		Deposits::<Test>::get(who).map(|d| d.footprint)
	}

	/// Holds exactly the deposit of `items` items of `bytes` bytes, as its ledger says.
	fn assert_holds(who: u64, items: u64, bytes: u64) {
		assert_eq!(on_hold(who), deposit_of(items, bytes), "held from {who}");
		assert_eq!(ledger(who), Some(Footprint { count: items, size: bytes }), "ledger of {who}");
	}

	fn assert_holds_nothing(who: u64) {
		assert_eq!(on_hold(who), 0, "held from {who}");
		assert_eq!(ledger(who), None, "ledger of {who}");
	}

	fn record_bytes() -> u64 {
		Pallet::record_bytes()
	}

	fn entry_bytes() -> u64 {
		Pallet::log_entry_bytes()
	}

	fn counter_bytes() -> u64 {
		Pallet::log_counter_bytes()
	}

	#[test]
	fn each_size_is_the_largest_encoding_of_the_item_and_its_key() {
		let longest = pointer(&[0xff; MAX_POINTER as usize]);
		let record = Record {
			category: LabResults,
			content_hash: hash(1),
			pointer: longest.clone(),
			author: u64::MAX,
			author_org: Some(OrgId::MAX),
			supersedes: Some(RecordId::MAX),
			status: RecordStatus::Superseded { by: RecordId::MAX },
			anchored_at: Moment::MAX,
			envelopes: u32::MAX,
		};
		let key = (PATIENT, ordered(RecordId::MAX));
		assert_eq!((key, &record).encoded_size() as u64, record_bytes());
		let tombstone = Record { pointer: BoundedVec::new(), ..record };
		assert_eq!((key, tombstone).encoded_size() as u64, Pallet::tombstone_bytes());
		assert_eq!(Pallet::erased_pointer_bytes(), longest.encoded_size() as u64 - 1);

		let batch = Batch {
			root: hash(1),
			leaf_count: u32::MAX,
			author: u64::MAX,
			org: OrgId::MAX,
			description_hash: hash(2),
			anchored_at: Moment::MAX,
		};
		assert_eq!((BatchId::MAX, batch).encoded_size() as u64, Pallet::batch_bytes());

		let entry = AccessEntry {
			record: RecordId::MAX,
			accessor: u64::MAX,
			purpose: Treatment,
			basis: AccessBasis::Emergency(u64::MAX),
			at: Moment::MAX,
		};
		assert_eq!((PATIENT, ordered(u64::MAX), entry).encoded_size() as u64, entry_bytes());
		assert_eq!((PATIENT, u64::MAX, u32::MAX).encoded_size() as u64, counter_bytes());
	}

	/// M-14 reproduced: N anchors hold N record deposits from whoever signs them.
	#[test]
	fn anchoring_holds_a_deposit_per_record_from_the_signer() {
		ExtBuilder::default().build_and_execute(|| {
			permit_write(PHYSICIAN, LabResults);
			for content in 1..=3 {
				assert_ok!(anchor(PHYSICIAN, LabResults, content, None));
			}
			assert_holds(PHYSICIAN, 3, 3 * record_bytes());
			assert_eq!(
				Balances::free_balance(PHYSICIAN),
				ENDOWMENT - deposit_of(3, 3 * record_bytes())
			);
			// The patient's side pays for what it anchors too, a new version included.
			assert_ok!(anchor(CONTROLLER, LabResults, 4, None));
			assert_ok!(anchor(FULL_GUARDIAN, LabResults, 5, Some(3)));
			assert_holds(CONTROLLER, 1, record_bytes());
			assert_holds(FULL_GUARDIAN, 1, record_bytes());
			assert_holds(PHYSICIAN, 3, 3 * record_bytes());
		});
	}

	/// Erasure keeps the record as a tombstone: the author gets back the pointer's part, even
	/// though the patient erased it, and keeps holding the rest.
	#[test]
	fn erasure_gives_the_author_back_the_pointers_part() {
		ExtBuilder::default().build_and_execute(|| {
			permit_write(PHYSICIAN, LabResults);
			assert_ok!(anchor(PHYSICIAN, LabResults, 1, None));
			assert_ok!(anchor(PHYSICIAN, LabResults, 2, None));
			assert_ok!(Pallet::erase_record(signed(CONTROLLER), rec(0)));
			assert_holds(PHYSICIAN, 2, record_bytes() + Pallet::tombstone_bytes());
			assert_ok!(Pallet::erase_record(signed(CONTROLLER), rec(1)));
			assert_holds(PHYSICIAN, 2, 2 * Pallet::tombstone_bytes());
			assert_holds_nothing(CONTROLLER);
		});
	}

	/// M-14 reproduced: N reads hold N entry deposits from the reader (and one entry count per
	/// patient); pruning, by the patient's controller, gives each reader back its own.
	#[test]
	fn each_logged_read_holds_a_deposit_until_the_patient_prunes_it() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			permit_read(PHYSICIAN, LabResults, Treatment);
			permit_read(NURSE, LabResults, Treatment);
			for who in [PHYSICIAN, NURSE, PHYSICIAN] {
				assert_ok!(Pallet::log_access(signed(who), rec(id), Treatment));
			}
			assert_holds(PHYSICIAN, 2, 2 * entry_bytes() + counter_bytes());
			assert_holds(NURSE, 1, entry_bytes() + counter_bytes());
			assert_holds(CONTROLLER, 1, record_bytes());

			// The oldest two (MaxPrunePerCall) go: one of each reader.
			assert_ok!(Pallet::prune_access_log(signed(CONTROLLER), PATIENT, 3));
			assert_holds(PHYSICIAN, 1, entry_bytes() + counter_bytes());
			assert_holds_nothing(NURSE);
			assert_holds(CONTROLLER, 1, record_bytes());

			assert_ok!(Pallet::prune_access_log(signed(CONTROLLER), PATIENT, 3));
			assert_holds_nothing(PHYSICIAN);
			assert_eq!(Balances::free_balance(PHYSICIAN), ENDOWMENT);
		});
	}

	#[test]
	fn pruning_several_entries_of_one_reader_releases_them_together() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			permit_read(PHYSICIAN, LabResults, Treatment);
			for _ in 0..3 {
				assert_ok!(Pallet::log_access(signed(PHYSICIAN), rec(id), Treatment));
			}
			assert_holds(PHYSICIAN, 3, 3 * entry_bytes() + counter_bytes());
			assert_ok!(Pallet::prune_access_log(signed(CONTROLLER), PATIENT, 2));
			assert_holds(PHYSICIAN, 1, entry_bytes() + counter_bytes());
		});
	}

	/// A reader keeps one entry count per patient whose log holds its entries.
	#[test]
	fn a_reader_holds_an_entry_count_in_each_patients_log() {
		let other = PatientId::repeat_byte(2);
		ExtBuilder::default().with_patient(other, STRANGER).build_and_execute(|| {
			let id = anchored();
			assert_ok!(Pallet::anchor_record(
				signed(STRANGER),
				other,
				LabResults,
				hash(2),
				pointer(b"enc:cid"),
				None
			));
			permit_read(PHYSICIAN, LabResults, Treatment);
			assert_ok!(Pallet::log_access(signed(PHYSICIAN), rec(id), Treatment));
			assert_ok!(Pallet::log_access(
				signed(PHYSICIAN),
				RecordRef { patient: other, id: id + 1 },
				Treatment
			));
			assert_holds(PHYSICIAN, 2, 2 * (entry_bytes() + counter_bytes()));
			assert_ok!(Pallet::prune_access_log(signed(STRANGER), other, 1));
			assert_holds(PHYSICIAN, 1, entry_bytes() + counter_bytes());
		});
	}

	/// Batches are never removed: their deposit stays held.
	#[test]
	fn each_batch_holds_a_deposit_from_its_practitioner() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Pallet::anchor_batch(signed(PHYSICIAN), hash(1), 7, hash(2)));
			assert_ok!(Pallet::anchor_batch(signed(PHYSICIAN), hash(3), 1, hash(4)));
			assert_holds(PHYSICIAN, 2, 2 * Pallet::batch_bytes());
			assert_ok!(Pallet::anchor_batch(signed(NURSE), hash(5), 1, hash(6)));
			assert_holds(NURSE, 1, Pallet::batch_bytes());
		});
	}

	#[test]
	fn a_signer_who_cannot_hold_the_deposit_stores_nothing() {
		let theirs = PatientId::repeat_byte(2);
		ExtBuilder::default().with_patient(theirs, POOR).build_and_execute(|| {
			// As a practitioner with a Write consent.
			permit_write(POOR, LabResults);
			assert_noop!(anchor(POOR, LabResults, 1, None), Error::<Test>::DepositUnavailable);
			// As the patient's side (the controller of another patient).
			assert_noop!(
				Pallet::anchor_record(
					signed(POOR),
					theirs,
					LabResults,
					hash(1),
					pointer(b"enc:cid"),
					None
				),
				Error::<Test>::DepositUnavailable
			);
			// A new version (of a record another practitioner of its organisation anchored;
			// the patient's side supersedes no practitioner's record, AUDIT M-6): the old one
			// stays current.
			permit_write(PHYSICIAN, LabResults);
			permit_write(POOR, LabResults);
			assert_ok!(anchor(PHYSICIAN, LabResults, 1, None));
			let old = NextRecordId::<Test>::get() - 1;
			assert_noop!(anchor(POOR, LabResults, 2, Some(old)), Error::<Test>::DepositUnavailable);
			// A read.
			let id = anchored();
			permit_read(POOR, LabResults, Treatment);
			assert_noop!(
				Pallet::log_access(signed(POOR), rec(id), Treatment),
				Error::<Test>::DepositUnavailable
			);
			// A batch.
			assert_noop!(
				Pallet::anchor_batch(signed(POOR), hash(1), 1, hash(2)),
				Error::<Test>::DepositUnavailable
			);
			assert_holds_nothing(POOR);
			assert_eq!(Balances::free_balance(POOR), ED);
		});
	}

	/// The patient's free calls (sharing and revoking a key, erasing, pruning) hold nothing.
	#[test]
	fn the_patients_free_calls_hold_nothing() {
		ExtBuilder::default().build_and_execute(|| {
			permit_write(PHYSICIAN, LabResults);
			assert_ok!(anchor(PHYSICIAN, LabResults, 1, None));
			permit_read(NURSE, LabResults, Treatment);
			for grantee in [NURSE, PHYSICIAN] {
				permit_read(grantee, LabResults, Treatment);
				assert_ok!(Pallet::share_record_key(
					signed(CONTROLLER),
					rec(0),
					grantee,
					envelope(1),
					Treatment
				));
			}
			assert_holds_nothing(CONTROLLER);
			assert_ok!(Pallet::revoke_record_key(signed(CONTROLLER), rec(0), NURSE));
			assert_ok!(Pallet::log_access(signed(NURSE), rec(0), Treatment));
			assert_ok!(Pallet::prune_access_log(signed(CONTROLLER), PATIENT, 1));
			assert_ok!(Pallet::erase_record(signed(CONTROLLER), rec(0)));
			assert_holds_nothing(CONTROLLER);
			assert_eq!(Balances::free_balance(CONTROLLER), ENDOWMENT);
			assert_holds_nothing(NURSE);
			assert_holds(PHYSICIAN, 1, Pallet::tombstone_bytes());
		});
	}

	/// Items stored before deposits existed hold none; removing them releases at most what
	/// their account holds, and the invariants still hold.
	#[test]
	fn items_stored_before_deposits_release_at_most_what_is_held() {
		ExtBuilder::default().build().execute_with(|| {
			let id = anchored();
			AccessLog::<Test>::insert(
				PATIENT,
				ordered(0),
				AccessEntry {
					record: id,
					accessor: PHYSICIAN,
					purpose: Treatment,
					basis: AccessBasis::Consent(6),
					at: 0,
				},
			);
			AccessLogWindow::<Test>::insert(PATIENT, LogWindow { first: 0, next: 1 });
			AccessorLogEntries::<Test>::insert(PATIENT, PHYSICIAN, 1);
			assert_ok!(Pallet::do_try_state());
			assert!(Pallet::deposits_match_kept_items().is_err());
			assert_ok!(Pallet::prune_access_log(signed(CONTROLLER), PATIENT, 1));
			assert_holds_nothing(PHYSICIAN);
			assert_ok!(Pallet::do_try_state());
		});
	}

	#[test]
	fn try_state_catches_a_ledger_counting_more_than_is_kept() {
		ExtBuilder::default().build().execute_with(|| {
			permit_read(PHYSICIAN, LabResults, Treatment);
			let id = anchored();
			assert_ok!(Pallet::log_access(signed(PHYSICIAN), rec(id), Treatment));
			assert_ok!(Pallet::do_try_state());
			let footprint = Footprint { count: 2, size: entry_bytes() + counter_bytes() };
			let ticket = <Test as Config>::Deposit::new(&PHYSICIAN, footprint).unwrap();
			Deposits::<Test>::insert(PHYSICIAN, StorageDeposit { footprint, ticket });
			assert!(Pallet::do_try_state().is_err());
			let footprint = Footprint { count: 0, size: 0 };
			let ticket = <Test as Config>::Deposit::new(&STRANGER, footprint).unwrap();
			Deposits::<Test>::insert(STRANGER, StorageDeposit { footprint, ticket });
			Deposits::<Test>::remove(PHYSICIAN);
			assert!(Pallet::do_try_state().is_err(), "an empty ledger entry");
		});
	}
}

#[test]
fn integrity_test_passes() {
	ExtBuilder::default().build_and_execute(|| {
		use frame_support::traits::Hooks;
		<Pallet as Hooks<u64>>::integrity_test();
	});
}

/// AUDIT M-5: only an author still in standing marks its record entered in error.
mod standing {
	use super::*;
	use medchain_primitives::{
		mock::{consortium, patients},
		PractitionerRole,
	};

	fn mark(who: u64, id: RecordId) -> DispatchResult {
		Pallet::mark_entered_in_error(signed(who), rec(id))
	}

	/// AUDIT M-5: a suspended, expired, removed or moved author cannot mark its record entered
	/// in error; `verify_record` keeps answering `Match`. Reinstated, it can again.
	#[test]
	fn an_author_out_of_standing_cannot_mark_its_record_entered_in_error() {
		ExtBuilder::default().build_and_execute(|| {
			permit_write(PHYSICIAN, LabResults);
			assert_ok!(anchor(PHYSICIAN, LabResults, 1, None));
			// Its organisation suspended, then reinstated.
			consortium::set_active(HOSPITAL, false);
			assert_noop!(mark(PHYSICIAN, 0), Error::<Test>::OrganizationInactive);
			consortium::set_active(HOSPITAL, true);
			// Its validity ended at a moment, then extended.
			consortium::set_valid_until(PHYSICIAN, Some(GENESIS_TIME + 10));
			set_now(GENESIS_TIME + 10);
			assert_noop!(mark(PHYSICIAN, 0), Error::<Test>::PractitionerExpired);
			consortium::set_valid_until(PHYSICIAN, None);
			// Removed from its organisation.
			consortium::remove_practitioner(PHYSICIAN);
			assert_noop!(mark(PHYSICIAN, 0), Error::<Test>::NotAPractitioner);
			// Now a physician of the clinic.
			consortium::add_practitioner(PHYSICIAN, CLINIC, PractitionerRole::Physician);
			assert_noop!(mark(PHYSICIAN, 0), Error::<Test>::NotAuthorOrganization);
			assert_eq!(Pallet::verify_record(rec(0), hash(1)), RecordVerification::Match);
			// Back at the hospital.
			consortium::move_practitioner(PHYSICIAN, HOSPITAL, PractitionerRole::Physician);
			assert_ok!(mark(PHYSICIAN, 0));
			assert_eq!(
				last_event(),
				Event::RecordEnteredInError { record: 0, patient: PATIENT, author: PHYSICIAN }
			);
		});
	}

	/// AUDIT M-5: an author out of standing cannot supersede its record either (its Write
	/// consent no longer allows it).
	#[test]
	fn an_author_out_of_standing_cannot_supersede_its_record() {
		ExtBuilder::default().build_and_execute(|| {
			permit_write(PHYSICIAN, LabResults);
			assert_ok!(anchor(PHYSICIAN, LabResults, 1, None));
			consortium::set_active(HOSPITAL, false);
			assert_noop!(anchor(PHYSICIAN, LabResults, 2, Some(0)), Error::<Test>::NoWriteConsent);
			assert_eq!(Pallet::verify_record(rec(0), hash(1)), RecordVerification::Match);
		});
	}

	/// AUDIT M-5: a former guardian or a removed controller cannot mark the records it
	/// anchored for the patient entered in error, nor can anyone once the patient is
	/// deactivated.
	#[test]
	fn a_former_guardian_cannot_mark_its_record_entered_in_error() {
		const SECOND_CONTROLLER: u64 = 5;
		ExtBuilder::default().with_balance(SECOND_CONTROLLER, ENDOWMENT).build_and_execute(|| {
			patients::add_controller(&PATIENT, SECOND_CONTROLLER);
			assert_ok!(anchor(FULL_GUARDIAN, Vitals, 2, None));
			assert_ok!(anchor(SECOND_CONTROLLER, Vitals, 3, None));
			let own = anchored();
			end_guardianship(FULL_GUARDIAN);
			assert_noop!(mark(FULL_GUARDIAN, 0), Error::<Test>::NotPatientsSide);
			assert_eq!(Pallet::verify_record(rec(0), hash(2)), RecordVerification::Match);
			patients::remove_controller(&PATIENT, SECOND_CONTROLLER);
			assert_noop!(mark(SECOND_CONTROLLER, 1), Error::<Test>::NotPatientsSide);
			deactivate_patient();
			assert_noop!(mark(CONTROLLER, own), Error::<Test>::NotPatientsSide);
		});
	}
}

/// AUDIT M-6: the patient's side supersedes only its own records.
mod patient_side_versions {
	use super::*;

	/// AUDIT M-6: neither a controller nor a `Full` guardian replaces a practitioner's lab
	/// result: the original keeps verifying as `Match`.
	#[test]
	fn the_patients_side_cannot_supersede_a_practitioners_record() {
		ExtBuilder::default().build_and_execute(|| {
			permit_write(PHYSICIAN, LabResults);
			assert_ok!(anchor(PHYSICIAN, LabResults, 1, None));
			for who in [CONTROLLER, FULL_GUARDIAN] {
				assert_noop!(
					anchor(who, LabResults, 2, Some(0)),
					Error::<Test>::PractitionerAuthored
				);
			}
			assert_eq!(Pallet::verify_record(rec(0), hash(1)), RecordVerification::Match);
		});
	}

	/// AUDIT M-6: the patient's side still supersedes the records it authored, whichever of
	/// its members anchored them.
	#[test]
	fn the_patients_side_supersedes_its_own_records() {
		ExtBuilder::default().build_and_execute(|| {
			let own = anchored();
			assert_ok!(anchor(FULL_GUARDIAN, LabResults, 2, Some(own)));
			assert_eq!(
				Pallet::verify_record(rec(own), hash(1)),
				RecordVerification::Superseded { by: own + 1 }
			);
			assert_ok!(anchor(CONTROLLER, LabResults, 3, Some(own + 1)));
		});
	}
}

/// AUDIT L-9: what a `ReadOnly` guardian may do in Records: read (fetch the key envelope the
/// patient's side left it, log its reads), and nothing else.
mod read_only_guardian {
	use super::*;

	fn share_with(grantee: u64, id: RecordId) -> DispatchResult {
		Pallet::share_record_key(signed(CONTROLLER), rec(id), grantee, envelope(3), FamilyRequest)
	}

	/// AUDIT L-9: a controller leaves a `ReadOnly` guardian an envelope; the guardian fetches
	/// it, whatever the purpose, and logs its read with the basis `Guardianship`, while the
	/// guardianship lasts.
	#[test]
	fn a_read_only_guardian_reads_its_envelope_and_logs_its_reads() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			assert_ok!(share_with(READ_GUARDIAN, id));
			assert_eq!(
				Pallet::record_key(rec(id), READ_GUARDIAN, FamilyRequest),
				Some(envelope(3).into_inner())
			);
			assert_ok!(Pallet::log_access(signed(READ_GUARDIAN), rec(id), FamilyRequest));
			assert_eq!(
				last_event(),
				Event::RecordAccessed {
					record: id,
					patient: PATIENT,
					accessor: READ_GUARDIAN,
					purpose: FamilyRequest,
					basis: AccessBasis::Guardianship,
				}
			);
			assert_eq!(Pallet::access_log(PATIENT, 0, 10)[0].basis, AccessBasis::Guardianship);
			// A Full guardian reads on the same grounds.
			assert_ok!(share_with(FULL_GUARDIAN, id));
			assert_ok!(Pallet::log_access(signed(FULL_GUARDIAN), rec(id), PatientRequest));
			// Once the guardianship ends, nothing is handed out and no read is logged.
			end_guardianship(READ_GUARDIAN);
			assert_eq!(Pallet::record_key(rec(id), READ_GUARDIAN, FamilyRequest), None);
			assert_noop!(
				Pallet::log_access(signed(READ_GUARDIAN), rec(id), FamilyRequest),
				Error::<Test>::NotAPractitioner
			);
		});
	}

	/// AUDIT L-9: a `ConsentOnly` guardian is not given envelopes (its scope does not read).
	#[test]
	fn a_consent_only_guardian_reads_nothing() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			assert_noop!(share_with(CONSENT_GUARDIAN, id), Error::<Test>::GranteeNotPermitted);
			assert_noop!(
				Pallet::log_access(signed(CONSENT_GUARDIAN), rec(id), FamilyRequest),
				Error::<Test>::NotAPractitioner
			);
		});
	}

	/// AUDIT L-9: a `ReadOnly` guardian never anchors, supersedes, marks, erases, shares,
	/// revokes or prunes.
	#[test]
	fn a_read_only_guardian_changes_nothing() {
		ExtBuilder::default().build_and_execute(|| {
			let id = anchored();
			assert_ok!(share_with(READ_GUARDIAN, id));
			let g = signed(READ_GUARDIAN);
			assert_noop!(anchor(READ_GUARDIAN, Vitals, 2, None), Error::<Test>::NoWriteConsent);
			assert_noop!(
				anchor(READ_GUARDIAN, LabResults, 2, Some(id)),
				Error::<Test>::NoWriteConsent
			);
			assert_noop!(
				Pallet::mark_entered_in_error(g.clone(), rec(id)),
				Error::<Test>::NotAuthor
			);
			assert_noop!(Pallet::erase_record(g.clone(), rec(id)), Error::<Test>::NotController);
			assert_noop!(
				Pallet::share_record_key(g.clone(), rec(id), FULL_GUARDIAN, envelope(4), Treatment),
				Error::<Test>::NotController
			);
			assert_noop!(
				Pallet::revoke_record_key(g.clone(), rec(id), READ_GUARDIAN),
				Error::<Test>::NotController
			);
			assert_noop!(
				Pallet::prune_access_log(g.clone(), PATIENT, 10),
				Error::<Test>::NotController
			);
			assert_noop!(
				Pallet::anchor_batch(g, hash(1), 1, hash(2)),
				Error::<Test>::NotAPractitioner
			);
		});
	}
}

/// AUDIT M-4: erasure outlives the patient's deactivation.
mod erasure_after_deactivation {
	use super::*;

	/// AUDIT M-4: a controller of a deactivated patient still erases its records (pointer and
	/// envelopes dropped, the author's pointer deposit returned); nobody else does.
	#[test]
	fn a_former_controller_erases_after_deactivation() {
		ExtBuilder::default().build_and_execute(|| {
			permit_write(PHYSICIAN, LabResults);
			permit_read(NURSE, LabResults, Treatment);
			assert_ok!(anchor(PHYSICIAN, LabResults, 1, None));
			assert_ok!(Pallet::share_record_key(
				signed(CONTROLLER),
				rec(0),
				NURSE,
				envelope(1),
				Treatment
			));
			deactivate_patient();
			for who in [FULL_GUARDIAN, READ_GUARDIAN, PHYSICIAN, STRANGER] {
				assert_noop!(
					Pallet::erase_record(signed(who), rec(0)),
					Error::<Test>::NotController
				);
			}
			assert_ok!(Pallet::erase_record(signed(CONTROLLER), rec(0)));
			assert_eq!(
				last_event(),
				Event::RecordErased { record: 0, patient: PATIENT, by: CONTROLLER }
			);
			assert_eq!(Pallet::verify_record(rec(0), hash(1)), RecordVerification::Erased);
			assert_eq!(KeyEnvelopes::<Test>::iter_prefix(0).count(), 0);
		});
	}
}

/// AUDIT M-6: the patient's side contests a practitioner's record instead of replacing it.
mod batch_log;
mod exchange;
mod migration;

mod contests {
	use super::*;
	use frame_support::traits::fungible::InspectHold;

	fn contest(who: u64, id: RecordId) -> DispatchResult {
		Pallet::contest_record(signed(who), rec(id), hash(7))
	}

	/// A practitioner's lab result, id 0.
	fn lab_result() -> RecordId {
		permit_write(PHYSICIAN, LabResults);
		assert_ok!(anchor(PHYSICIAN, LabResults, 1, None));
		0
	}

	/// AUDIT M-6: a contest leaves the record as it was and makes it verify as `Contested`,
	/// naming the statement; the contester holds a deposit for it.
	#[test]
	fn the_patients_side_contests_a_practitioners_record() {
		ExtBuilder::default().build_and_execute(|| {
			let id = lab_result();
			let before = crate::Records::<Test>::get(PATIENT, ordered(id)).unwrap();
			assert_ok!(contest(FULL_GUARDIAN, id));
			assert_eq!(
				last_event(),
				Event::RecordContested {
					record: id,
					patient: PATIENT,
					by: FULL_GUARDIAN,
					statement: hash(7)
				}
			);
			assert_eq!(crate::Records::<Test>::get(PATIENT, ordered(id)).unwrap(), before);
			assert_eq!(
				Pallet::verify_record(rec(id), hash(1)),
				RecordVerification::Contested { statement: hash(7) }
			);
			assert_eq!(Pallet::verify_record(rec(id), hash(2)), RecordVerification::Mismatch);
			assert_eq!(
				crate::Contests::<Test>::get(id),
				Some(Contest { statement: hash(7), by: FULL_GUARDIAN, at: GENESIS_TIME })
			);
			assert_eq!(
				Balances::balance_on_hold(&DepositReason::get(), &FULL_GUARDIAN),
				deposit_of(1, Pallet::contest_bytes())
			);
			// The deposit counts the largest encoding of the key and the contest.
			let stored = crate::Contests::<Test>::get(id).unwrap();
			assert_eq!((id, stored).encoded_size() as u64, Pallet::contest_bytes());
		});
	}

	/// The author's organisation still corrects or withdraws a contested record, and those
	/// answers take precedence over `Contested`.
	#[test]
	fn a_contested_record_is_still_superseded_or_marked_by_its_organisation() {
		ExtBuilder::default().build_and_execute(|| {
			let id = lab_result();
			assert_ok!(contest(CONTROLLER, id));
			permit_write(NURSE, LabResults);
			assert_ok!(anchor(NURSE, LabResults, 2, Some(id)));
			assert_eq!(
				Pallet::verify_record(rec(id), hash(1)),
				RecordVerification::Superseded { by: id + 1 }
			);
			assert_ok!(contest(CONTROLLER, id + 1));
			assert_ok!(Pallet::mark_entered_in_error(signed(NURSE), rec(id + 1)));
			assert_eq!(
				Pallet::verify_record(rec(id + 1), hash(2)),
				RecordVerification::EnteredInError
			);
		});
	}

	/// Erasure drops the contest and gives its deposit back to the contester.
	#[test]
	fn erasure_drops_the_contest_and_its_deposit() {
		ExtBuilder::default().build_and_execute(|| {
			let id = lab_result();
			assert_ok!(contest(FULL_GUARDIAN, id));
			assert_ok!(Pallet::erase_record(signed(CONTROLLER), rec(id)));
			assert_eq!(crate::Contests::<Test>::get(id), None);
			assert_eq!(Balances::balance_on_hold(&DepositReason::get(), &FULL_GUARDIAN), 0);
			assert_eq!(Pallet::verify_record(rec(id), hash(1)), RecordVerification::Erased);
		});
	}

	#[test]
	fn contest_record_errors() {
		ExtBuilder::default().build_and_execute(|| {
			let id = lab_result();
			for who in [READ_GUARDIAN, CONSENT_GUARDIAN, PHYSICIAN, STRANGER] {
				assert_noop!(contest(who, id), Error::<Test>::NotPatientsSide);
			}
			assert_noop!(contest(CONTROLLER, 9), Error::<Test>::RecordNotFound);
			let own = anchored();
			assert_noop!(contest(CONTROLLER, own), Error::<Test>::PatientAuthored);
			assert_ok!(contest(CONTROLLER, id));
			assert_noop!(contest(FULL_GUARDIAN, id), Error::<Test>::AlreadyContested);
			permit_write(NURSE, LabResults);
			assert_ok!(anchor(NURSE, LabResults, 2, Some(id)));
			assert_noop!(contest(CONTROLLER, id), Error::<Test>::RecordNotCurrent);
			permit_write(PHYSICIAN, Vitals);
			assert_ok!(anchor(PHYSICIAN, Vitals, 3, None));
			let erased = NextRecordId::<Test>::get() - 1;
			assert_ok!(Pallet::erase_record(signed(CONTROLLER), rec(erased)));
			assert_noop!(contest(CONTROLLER, erased), Error::<Test>::RecordErased);
		});
	}

	#[test]
	fn a_contester_who_cannot_hold_the_deposit_stores_nothing() {
		let poor = PatientId::repeat_byte(5);
		ExtBuilder::default().with_patient(poor, POOR).build_and_execute(|| {
			let id = lab_result();
			permit_write(PHYSICIAN, Vitals);
			assert_ok!(Pallet::anchor_record(
				signed(PHYSICIAN),
				poor,
				Vitals,
				hash(3),
				pointer(b"enc:cid"),
				None
			));
			assert_noop!(
				Pallet::contest_record(
					signed(POOR),
					RecordRef { patient: poor, id: id + 1 },
					hash(7)
				),
				Error::<Test>::DepositUnavailable
			);
		});
	}

	#[test]
	fn try_state_catches_a_contest_of_a_patient_authored_record() {
		ExtBuilder::default().build().execute_with(|| {
			let own = anchored();
			crate::Contests::<Test>::insert(
				own,
				Contest { statement: hash(7), by: CONTROLLER, at: 0 },
			);
			assert!(Pallet::do_try_state().is_err());
		});
	}
}
