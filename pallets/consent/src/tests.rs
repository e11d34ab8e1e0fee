//! Unit tests: every decision rule as its own test, every call, every error; and a property test
//! of the access check against a reference model.
#![allow(clippy::arithmetic_side_effects)]

use crate::{mock::*, Error, Event, *};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use sp_runtime::DispatchError;

type Pallet = crate::Pallet<Test>;

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn actions(v: &[Action]) -> ActionSet {
	BoundedVec::truncate_from(v.to_vec())
}
fn categories(v: &[DataCategory]) -> CategorySet {
	BoundedVec::truncate_from(v.to_vec())
}
fn purposes(v: &[Purpose]) -> PurposeSet {
	BoundedVec::truncate_from(v.to_vec())
}

use Action::*;
use DataCategory::*;
use Purpose::*;

/// A consent's terms, defaulting to: read lab results for treatment, no window.
#[derive(Clone)]
struct Terms {
	by: u64,
	patient: PatientId,
	grantee: Grantee<u64>,
	decision: Decision,
	actions: Vec<Action>,
	categories: Vec<DataCategory>,
	purposes: Vec<Purpose>,
	from: Option<Moment>,
	until: Option<Moment>,
}

fn to(grantee: Grantee<u64>) -> Terms {
	Terms {
		by: CONTROLLER,
		patient: PATIENT,
		grantee,
		decision: Decision::Permit,
		actions: vec![Read],
		categories: vec![LabResults],
		purposes: vec![Treatment],
		from: None,
		until: None,
	}
}

fn hospital() -> Terms {
	to(Grantee::Organization(HOSPITAL))
}

impl Terms {
	fn deny(mut self) -> Self {
		self.decision = Decision::Deny;
		self
	}
	fn by(mut self, who: u64) -> Self {
		self.by = who;
		self
	}
	fn actions(mut self, v: &[Action]) -> Self {
		self.actions = v.to_vec();
		self
	}
	fn categories(mut self, v: &[DataCategory]) -> Self {
		self.categories = v.to_vec();
		self
	}
	fn purposes(mut self, v: &[Purpose]) -> Self {
		self.purposes = v.to_vec();
		self
	}
	fn window(mut self, from: Option<Moment>, until: Option<Moment>) -> Self {
		self.from = from;
		self.until = until;
		self
	}
	fn patient(mut self, patient: PatientId) -> Self {
		self.patient = patient;
		self
	}
	fn grant(self) -> DispatchResult {
		Pallet::grant_consent(
			signed(self.by),
			self.patient,
			self.grantee,
			self.decision,
			actions(&self.actions),
			categories(&self.categories),
			purposes(&self.purposes),
			self.from,
			self.until,
			None,
		)
	}
	/// Grants and returns the new consent's id.
	fn granted(self) -> ConsentId {
		assert_ok!(self.grant());
		NextConsentId::<Test>::get() - 1
	}
}

fn check(who: u64, action: Action, category: DataCategory, purpose: Purpose) -> AccessDecision {
	Pallet::check_access(&PATIENT, &who, action, category, purpose)
}

fn read_labs(who: u64) -> AccessDecision {
	check(who, Read, LabResults, Treatment)
}

fn denied(reason: DenyReason) -> AccessDecision {
	AccessDecision::Deny { reason }
}

mod bound_rights;
mod break_glass;
mod cleanup;
mod consent_state;
mod deposits;
mod intake;
mod migration;
mod paging;
mod request_slots;
mod revocation;
#[cfg(feature = "runtime-benchmarks")]
mod worst_case;

mod rules {
	use super::*;

	#[test]
	fn an_organisation_grant_covers_each_of_its_active_practitioners() {
		ExtBuilder::default().build_and_execute(|| {
			let consent = hospital().granted();
			assert_eq!(
				last_event(),
				Event::ConsentGranted {
					consent,
					patient: PATIENT,
					grantee: Grantee::Organization(HOSPITAL),
					decision: Decision::Permit,
					by: CONTROLLER,
				}
			);
			for who in [PHYSICIAN, NURSE, HOSPITAL_CLERK] {
				assert_eq!(read_labs(who), AccessDecision::Permit { consent });
			}
			assert_eq!(read_labs(CLINIC_PHYSICIAN), denied(DenyReason::NoConsent));
			assert_eq!(read_labs(STRANGER), denied(DenyReason::NotAPractitioner));
		});
	}

	#[test]
	fn a_practitioner_grant_covers_only_that_practitioner() {
		ExtBuilder::default().build_and_execute(|| {
			let consent = to(Grantee::Practitioner(PHYSICIAN)).granted();
			assert_eq!(read_labs(PHYSICIAN), AccessDecision::Permit { consent });
			assert_eq!(read_labs(NURSE), denied(DenyReason::NoConsent));
		});
	}

	#[test]
	fn a_consent_covers_only_its_actions_categories_and_purposes() {
		ExtBuilder::default().build_and_execute(|| {
			hospital().granted();
			assert_eq!(
				check(PHYSICIAN, Write, LabResults, Treatment),
				denied(DenyReason::NoConsent)
			);
			assert_eq!(check(PHYSICIAN, Read, Imaging, Treatment), denied(DenyReason::NoConsent));
			assert_eq!(check(PHYSICIAN, Read, LabResults, Research), denied(DenyReason::NoConsent));
		});
	}

	#[test]
	fn deny_beats_permit() {
		ExtBuilder::default().build_and_execute(|| {
			hospital().categories(&[LabResults, Imaging]).granted();
			to(Grantee::Practitioner(PHYSICIAN)).deny().granted();
			assert_eq!(read_labs(PHYSICIAN), denied(DenyReason::DeniedByPatient));
			// Only what the Deny covers is denied, and only to whom it is given.
			assert!(check(PHYSICIAN, Read, Imaging, Treatment).is_allowed());
			assert!(read_labs(NURSE).is_allowed());
			// A Deny to the organisation wins over a Permit to the practitioner.
			let hospital_permit = 0;
			to(Grantee::Practitioner(NURSE)).granted();
			assert_eq!(read_labs(NURSE), AccessDecision::Permit { consent: hospital_permit });
			hospital().deny().granted();
			assert_eq!(read_labs(NURSE), denied(DenyReason::DeniedByPatient));
		});
	}

	#[test]
	fn a_deny_outside_its_window_does_not_win() {
		ExtBuilder::default().build_and_execute(|| {
			let permit = hospital().granted();
			hospital().deny().window(Some(GENESIS_TIME + 100), None).granted();
			assert_eq!(read_labs(PHYSICIAN), AccessDecision::Permit { consent: permit });
			set_time(GENESIS_TIME + 100);
			assert_eq!(read_labs(PHYSICIAN), denied(DenyReason::DeniedByPatient));
		});
	}

	#[test]
	fn sensitive_needs_explicit() {
		ExtBuilder::default().build_and_execute(|| {
			let every_ordinary: Vec<_> =
				DataCategory::ALL.iter().copied().filter(|c| !c.is_sensitive()).collect();
			hospital().categories(&every_ordinary).granted();
			for sensitive in [MentalHealth, SubstanceUse, Genomics, SexualReproductive] {
				assert_eq!(
					check(PHYSICIAN, Read, sensitive, Treatment),
					denied(DenyReason::SensitiveCategory)
				);
			}
			let explicit = hospital().categories(&[MentalHealth]).granted();
			assert_eq!(
				check(PHYSICIAN, Read, MentalHealth, Treatment),
				AccessDecision::Permit { consent: explicit }
			);
			assert_eq!(
				check(PHYSICIAN, Read, Genomics, Treatment),
				denied(DenyReason::SensitiveCategory)
			);
		});
	}

	#[test]
	fn suspended_org_denies_and_reinstatement_restores() {
		ExtBuilder::default().build_and_execute(|| {
			let consent = hospital().granted();
			consortium::set_active(HOSPITAL, false);
			assert_eq!(read_labs(PHYSICIAN), denied(DenyReason::OrganizationInactive));
			consortium::set_active(HOSPITAL, true);
			assert_eq!(read_labs(PHYSICIAN), AccessDecision::Permit { consent });
		});
	}

	#[test]
	fn a_deny_recorded_during_suspension_holds_on_reinstatement() {
		ExtBuilder::default().build_and_execute(|| {
			hospital().granted();
			consortium::set_active(HOSPITAL, false);
			assert_noop!(hospital().grant(), Error::<Test>::GranteeInactive);
			hospital().deny().granted();
			consortium::set_valid_until(NURSE, Some(GENESIS_TIME));
			to(Grantee::Practitioner(NURSE)).deny().categories(&[Vitals]).granted();
			consortium::set_active(HOSPITAL, true);
			assert_eq!(read_labs(PHYSICIAN), denied(DenyReason::DeniedByPatient));
		});
	}

	#[test]
	fn a_lapsed_deny_is_not_reported_as_an_expired_consent() {
		ExtBuilder::default().build_and_execute(|| {
			hospital().deny().window(None, Some(GENESIS_TIME + 10)).granted();
			assert_eq!(read_labs(PHYSICIAN), denied(DenyReason::DeniedByPatient));
			set_time(GENESIS_TIME + 10);
			assert_eq!(read_labs(PHYSICIAN), denied(DenyReason::NoConsent));
		});
	}

	#[test]
	fn expired_licence_denies() {
		ExtBuilder::default().build_and_execute(|| {
			hospital().granted();
			consortium::set_valid_until(PHYSICIAN, Some(GENESIS_TIME + 10));
			assert!(read_labs(PHYSICIAN).is_allowed());
			set_time(GENESIS_TIME + 10);
			assert_eq!(read_labs(PHYSICIAN), denied(DenyReason::PractitionerExpired));
		});
	}

	#[test]
	fn expired_consent_denies_with_no_call() {
		ExtBuilder::default().build_and_execute(|| {
			let consent = hospital().window(None, Some(GENESIS_TIME + 50)).granted();
			set_time(GENESIS_TIME + 49);
			assert_eq!(read_labs(PHYSICIAN), AccessDecision::Permit { consent });
			set_time(GENESIS_TIME + 50);
			assert_eq!(read_labs(PHYSICIAN), denied(DenyReason::Expired));
			assert_eq!(Pallet::view(consent).unwrap().state, ConsentState::Expired);
		});
	}

	#[test]
	fn a_consent_not_yet_valid_says_so() {
		ExtBuilder::default().build_and_execute(|| {
			let consent =
				hospital().window(Some(GENESIS_TIME + 5), Some(GENESIS_TIME + 9)).granted();
			assert_eq!(read_labs(PHYSICIAN), denied(DenyReason::NotYetValid));
			assert_eq!(Pallet::view(consent).unwrap().state, ConsentState::NotYetValid);
			set_time(GENESIS_TIME + 5);
			assert_eq!(read_labs(PHYSICIAN), AccessDecision::Permit { consent });
		});
	}

	#[test]
	fn revocation_denies_in_same_block() {
		ExtBuilder::default().build_and_execute(|| {
			let consent = hospital().granted();
			assert!(read_labs(PHYSICIAN).is_allowed());
			assert_ok!(Pallet::revoke_consent(signed(CONTROLLER), consent));
			assert_eq!(last_event(), Event::ConsentRevoked { consent, by: CONTROLLER });
			assert_eq!(read_labs(PHYSICIAN), denied(DenyReason::NoConsent));
			assert_eq!(Pallet::view(consent).unwrap().state, ConsentState::Revoked);
		});
	}

	#[test]
	fn a_deactivated_patient_grants_nothing() {
		ExtBuilder::default().build_and_execute(|| {
			hospital().granted();
			patients::deactivate(&PATIENT);
			assert_eq!(read_labs(PHYSICIAN), denied(DenyReason::PatientInactive));
			assert_eq!(
				Pallet::check_access(
					&PatientId::repeat_byte(9),
					&PHYSICIAN,
					Read,
					LabResults,
					Treatment
				),
				denied(DenyReason::PatientInactive)
			);
		});
	}

	#[test]
	fn the_earliest_permit_is_named() {
		ExtBuilder::default().build_and_execute(|| {
			let first = to(Grantee::Practitioner(PHYSICIAN)).granted();
			hospital().granted();
			assert_eq!(read_labs(PHYSICIAN), AccessDecision::Permit { consent: first });
		});
	}
}

mod granting {
	use super::*;

	#[test]
	fn a_consent_only_or_full_guardian_may_grant_and_revoke() {
		ExtBuilder::default().build_and_execute(|| {
			let consent = hospital().by(CONSENT_GUARDIAN).granted();
			assert_eq!(Consents::<Test>::get(consent).unwrap().granted_by, CONSENT_GUARDIAN);
			assert_eq!(
				last_event(),
				Event::ConsentGranted {
					consent,
					patient: PATIENT,
					grantee: Grantee::Organization(HOSPITAL),
					decision: Decision::Permit,
					by: CONSENT_GUARDIAN,
				}
			);
			assert_ok!(Pallet::revoke_consent(signed(FULL_GUARDIAN), consent));
			assert_eq!(last_event(), Event::ConsentRevoked { consent, by: FULL_GUARDIAN });
		});
	}

	#[test]
	fn guardian_out_of_scope_cannot_grant() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(hospital().by(READ_GUARDIAN).grant(), Error::<Test>::NotPatientsSide);
			let consent = hospital().granted();
			assert_noop!(
				Pallet::revoke_consent(signed(READ_GUARDIAN), consent),
				Error::<Test>::NotPatientsSide
			);
		});
	}

	#[test]
	fn guardian_after_valid_until_cannot_grant() {
		let builder =
			ExtBuilder::default().with_guardian(7, GuardianScope::Full, Some(GENESIS_TIME + 10));
		builder.build_and_execute(|| {
			assert_ok!(hospital().by(7).grant());
			set_time(GENESIS_TIME + 10);
			assert_noop!(hospital().by(7).grant(), Error::<Test>::NotPatientsSide);
		});
	}

	#[test]
	fn strangers_and_practitioners_cannot_grant_or_revoke() {
		ExtBuilder::default().build_and_execute(|| {
			for who in [STRANGER, PHYSICIAN] {
				assert_noop!(hospital().by(who).grant(), Error::<Test>::NotPatientsSide);
			}
			let consent = hospital().granted();
			assert_noop!(
				Pallet::revoke_consent(signed(PHYSICIAN), consent),
				Error::<Test>::NotPatientsSide
			);
			assert_noop!(
				Pallet::grant_consent(
					RuntimeOrigin::none(),
					PATIENT,
					Grantee::Organization(HOSPITAL),
					Decision::Permit,
					actions(&[Read]),
					categories(&[LabResults]),
					purposes(&[Treatment]),
					None,
					None,
					None
				),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn sets_are_stored_sorted() {
		ExtBuilder::default().build_and_execute(|| {
			let consent = hospital()
				.actions(&[Share, Read])
				.categories(&[Vitals, Allergies])
				.purposes(&[Research, Treatment])
				.granted();
			let view = Pallet::view(consent).unwrap();
			assert_eq!(view.actions, vec![Read, Share]);
			assert_eq!(view.categories, vec![Allergies, Vitals]);
			assert_eq!(view.purposes, vec![Treatment, Research]);
			assert_eq!(view.state, ConsentState::InForce);
		});
	}

	#[test]
	fn grant_consent_errors() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				hospital().patient(PatientId::repeat_byte(9)).grant(),
				Error::<Test>::PatientInactive
			);
			assert_noop!(hospital().actions(&[]).grant(), Error::<Test>::EmptyActions);
			assert_noop!(hospital().categories(&[]).grant(), Error::<Test>::EmptyCategories);
			assert_noop!(hospital().purposes(&[]).grant(), Error::<Test>::EmptyPurposes);
			assert_noop!(hospital().actions(&[Read, Read]).grant(), Error::<Test>::DuplicateAction);
			assert_noop!(
				hospital().categories(&[Vitals, LabResults, Vitals]).grant(),
				Error::<Test>::DuplicateCategory
			);
			assert_noop!(
				hospital().purposes(&[Treatment, Treatment]).grant(),
				Error::<Test>::DuplicatePurpose
			);
			assert_noop!(
				hospital().window(Some(GENESIS_TIME + 10), Some(GENESIS_TIME + 10)).grant(),
				Error::<Test>::InvalidWindow
			);
			assert_noop!(
				hospital().window(None, Some(GENESIS_TIME)).grant(),
				Error::<Test>::ValidityAlreadyEnded
			);
			assert_noop!(to(Grantee::Organization(7)).grant(), Error::<Test>::GranteeInactive);
			assert_noop!(
				to(Grantee::Practitioner(STRANGER)).grant(),
				Error::<Test>::GranteeInactive
			);
			consortium::set_active(LAB, false);
			assert_noop!(to(Grantee::Organization(LAB)).grant(), Error::<Test>::GranteeInactive);
			assert_noop!(
				to(Grantee::Organization(7)).deny().grant(),
				Error::<Test>::GranteeInactive
			);
			assert_noop!(
				to(Grantee::Practitioner(STRANGER)).deny().grant(),
				Error::<Test>::GranteeInactive
			);
			patients::deactivate(&PATIENT);
			assert_noop!(hospital().grant(), Error::<Test>::PatientInactive);
		});
	}

	#[test]
	fn per_grantee_rules_are_bounded() {
		ExtBuilder::default().build_and_execute(|| {
			for _ in 0..MAX_RULES {
				hospital().granted();
			}
			assert_noop!(hospital().grant(), Error::<Test>::TooManyRulesForGrantee);
			// Revoking frees the slot in the access index.
			assert_ok!(Pallet::revoke_consent(signed(CONTROLLER), 0));
			assert_ok!(hospital().grant());
		});
	}

	#[test]
	fn per_patient_consents_are_bounded() {
		ExtBuilder::default().build_and_execute(|| {
			let grantees = [
				Grantee::Organization(HOSPITAL),
				Grantee::Organization(CLINIC),
				Grantee::Practitioner(PHYSICIAN),
			];
			for i in 0..MAX_PER_PATIENT {
				to(grantees[i as usize % 3].clone()).granted();
			}
			assert_noop!(
				to(Grantee::Organization(LAB)).grant(),
				Error::<Test>::TooManyConsentsForPatient
			);
			// Revoked consents still count until purged.
			assert_ok!(Pallet::revoke_consent(signed(CONTROLLER), 0));
			assert_noop!(
				to(Grantee::Organization(LAB)).grant(),
				Error::<Test>::TooManyConsentsForPatient
			);
			assert_ok!(Pallet::purge_consent(signed(STRANGER), 0));
			assert_ok!(to(Grantee::Organization(LAB)).grant());
		});
	}

	#[test]
	fn revoke_consent_errors() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Pallet::revoke_consent(signed(CONTROLLER), 0),
				Error::<Test>::ConsentNotFound
			);
			let consent = hospital().granted();
			assert_ok!(Pallet::revoke_consent(signed(CONTROLLER), consent));
			assert_noop!(
				Pallet::revoke_consent(signed(CONTROLLER), consent),
				Error::<Test>::AlreadyRevoked
			);
			let other = hospital().granted();
			patients::deactivate(&PATIENT);
			assert_noop!(
				Pallet::revoke_consent(signed(CONTROLLER), other),
				Error::<Test>::PatientInactive
			);
		});
	}

	#[test]
	fn consents_of_and_grants_to_list_stored_consents() {
		ExtBuilder::default().build_and_execute(|| {
			let a = hospital().granted();
			let b = to(Grantee::Practitioner(PHYSICIAN)).granted();
			let c = hospital().patient(OTHER_PATIENT).granted();
			let ids = |v: Vec<ConsentView<u64>>| v.into_iter().map(|c| c.id).collect::<Vec<_>>();
			assert_eq!(ids(Pallet::consents_of(PATIENT, 0, MAX_PAGE)), vec![a, b]);
			assert_eq!(
				ids(Pallet::grants_to(Grantee::Organization(HOSPITAL), 0, MAX_PAGE)),
				vec![a, c]
			);
			assert_eq!(
				ids(Pallet::grants_to(Grantee::Practitioner(PHYSICIAN), 0, MAX_PAGE)),
				vec![b]
			);
		});
	}
}

mod purging {
	use super::*;

	#[test]
	fn anyone_purges_a_revoked_or_expired_consent_and_the_counts_follow() {
		ExtBuilder::default().build_and_execute(|| {
			let revoked = hospital().granted();
			let expiring =
				to(Grantee::Practitioner(PHYSICIAN)).window(None, Some(GENESIS_TIME + 5)).granted();
			assert_ok!(Pallet::revoke_consent(signed(CONTROLLER), revoked));
			assert_ok!(Pallet::purge_consent(signed(STRANGER), revoked));
			assert_eq!(last_event(), Event::ConsentPurged { consent: revoked, by: STRANGER });
			assert!(Consents::<Test>::get(revoked).is_none());
			assert_eq!(PatientConsentCount::<Test>::get(PATIENT), 1);
			assert!(Pallet::grants_to(Grantee::Organization(HOSPITAL), 0, MAX_PAGE).is_empty());
			set_time(GENESIS_TIME + 5);
			assert_ok!(Pallet::purge_consent(signed(STRANGER), expiring));
			assert!(!PatientConsentCount::<Test>::contains_key(PATIENT));
			assert_eq!(Rules::<Test>::iter().count(), 0);
		});
	}

	#[test]
	fn consents_of_a_deactivated_patient_can_be_purged() {
		ExtBuilder::default().build_and_execute(|| {
			let consent = hospital().granted();
			patients::deactivate(&PATIENT);
			assert_ok!(Pallet::purge_consent(signed(STRANGER), consent));
		});
	}

	#[test]
	fn purge_consent_errors() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Pallet::purge_consent(signed(STRANGER), 0),
				Error::<Test>::ConsentNotFound
			);
			let consent = hospital().window(Some(GENESIS_TIME + 5), None).granted();
			assert_noop!(
				Pallet::purge_consent(signed(CONTROLLER), consent),
				Error::<Test>::ConsentStillInForce
			);
		});
	}
}

mod requests {
	use super::*;

	fn request(by: u64) -> DispatchResult {
		Pallet::request_consent(
			signed(by),
			PATIENT,
			actions(&[Read, Write]),
			categories(&[Medications, Allergies]),
			purposes(&[Treatment]),
			Some(GENESIS_TIME + 5_000),
			H256::repeat_byte(7),
		)
	}

	#[test]
	fn an_approved_request_becomes_the_consent_requested() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(request(CLINIC_PHYSICIAN));
			assert_eq!(
				last_event(),
				Event::ConsentRequested {
					request: 0,
					patient: PATIENT,
					org: CLINIC,
					requester: CLINIC_PHYSICIAN,
				}
			);
			assert_eq!(Pallet::requests_for(PATIENT, 0, MAX_PAGE).len(), 1);
			assert_ok!(Pallet::approve_request(signed(CONSENT_GUARDIAN), 0));
			assert_eq!(
				consent_events()[1..],
				[
					Event::ConsentGranted {
						consent: 0,
						patient: PATIENT,
						grantee: Grantee::Organization(CLINIC),
						decision: Decision::Permit,
						by: CONSENT_GUARDIAN,
					},
					Event::RequestApproved { request: 0, consent: 0, by: CONSENT_GUARDIAN },
				]
			);
			let view = Pallet::view(0).unwrap();
			assert_eq!(view.grantee, Grantee::Organization(CLINIC));
			assert_eq!(view.decision, Decision::Permit);
			assert_eq!(view.actions, vec![Read, Write]);
			assert_eq!(view.categories, vec![Medications, Allergies]);
			assert_eq!(view.purposes, vec![Treatment]);
			assert_eq!((view.valid_from, view.valid_until), (None, Some(GENESIS_TIME + 5_000)));
			assert_eq!(
				check(CLINIC_PHYSICIAN, Write, Medications, Treatment),
				AccessDecision::Permit { consent: 0 }
			);
			assert!(Pallet::requests_for(PATIENT, 0, MAX_PAGE).is_empty());
		});
	}

	#[test]
	fn a_rejected_request_grants_nothing() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(request(PHYSICIAN));
			assert_ok!(Pallet::reject_request(signed(CONTROLLER), 0));
			assert_eq!(
				last_event(),
				Event::RequestRejected { request: 0, by: CONTROLLER, lapsed: false }
			);
			assert!(Requests::<Test>::get(0).is_none());
			assert_eq!(Consents::<Test>::iter().count(), 0);
		});
	}

	#[test]
	fn a_request_lapses_and_anyone_may_then_remove_it() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(request(PHYSICIAN));
			assert_noop!(
				Pallet::reject_request(signed(STRANGER), 0),
				Error::<Test>::NotPatientsSide
			);
			set_time(GENESIS_TIME + REQUEST_LIFETIME);
			assert_noop!(
				Pallet::approve_request(signed(CONTROLLER), 0),
				Error::<Test>::RequestExpired
			);
			assert_ok!(Pallet::reject_request(signed(STRANGER), 0));
			assert_eq!(
				last_event(),
				Event::RequestRejected { request: 0, by: STRANGER, lapsed: true }
			);
		});
	}

	#[test]
	fn request_consent_errors() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(request(STRANGER), Error::<Test>::NotAPractitioner);
			assert_noop!(request(CONTROLLER), Error::<Test>::NotAPractitioner);
			assert_noop!(
				Pallet::request_consent(
					signed(PHYSICIAN),
					PatientId::repeat_byte(9),
					actions(&[Read]),
					categories(&[Vitals]),
					purposes(&[Treatment]),
					None,
					H256::zero()
				),
				Error::<Test>::PatientInactive
			);
			assert_noop!(
				Pallet::request_consent(
					signed(PHYSICIAN),
					PATIENT,
					actions(&[]),
					categories(&[Vitals]),
					purposes(&[Treatment]),
					None,
					H256::zero()
				),
				Error::<Test>::EmptyActions
			);
			assert_noop!(
				Pallet::request_consent(
					signed(PHYSICIAN),
					PATIENT,
					actions(&[Read]),
					categories(&[Vitals]),
					purposes(&[Treatment]),
					Some(GENESIS_TIME),
					H256::zero()
				),
				Error::<Test>::ValidityAlreadyEnded
			);
			// Each organisation fills its share; then the patient's total is reached.
			for _ in 0..MAX_REQUESTS_PER_ORG {
				assert_ok!(request(PHYSICIAN));
			}
			assert_noop!(request(NURSE), Error::<Test>::TooManyRequestsFromOrganization);
			for _ in MAX_REQUESTS_PER_ORG..MAX_REQUESTS {
				assert_ok!(request(CLINIC_PHYSICIAN));
			}
			assert_noop!(request(LAB_TECHNICIAN), Error::<Test>::TooManyPendingRequests);
			assert_ok!(Pallet::block_requester(signed(CONTROLLER), PATIENT, LAB));
			assert_noop!(request(LAB_TECHNICIAN), Error::<Test>::RequestsBlocked);
		});
	}

	#[test]
	fn approve_request_errors() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Pallet::approve_request(signed(CONTROLLER), 0),
				Error::<Test>::RequestNotFound
			);
			assert_ok!(request(CLINIC_PHYSICIAN));
			for who in [READ_GUARDIAN, CLINIC_PHYSICIAN, STRANGER] {
				assert_noop!(
					Pallet::approve_request(signed(who), 0),
					Error::<Test>::NotPatientsSide
				);
			}
			consortium::set_active(CLINIC, false);
			assert_noop!(
				Pallet::approve_request(signed(CONTROLLER), 0),
				Error::<Test>::GranteeInactive
			);
			consortium::set_active(CLINIC, true);
			for _ in 0..MAX_RULES {
				to(Grantee::Organization(CLINIC)).granted();
			}
			assert_noop!(
				Pallet::approve_request(signed(CONTROLLER), 0),
				Error::<Test>::TooManyRulesForGrantee
			);
		});
	}

	#[test]
	fn approving_after_the_requested_end_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Pallet::request_consent(
				signed(PHYSICIAN),
				PATIENT,
				actions(&[Read]),
				categories(&[Vitals]),
				purposes(&[Treatment]),
				Some(GENESIS_TIME + 10),
				H256::zero()
			));
			set_time(GENESIS_TIME + 10);
			assert_noop!(
				Pallet::approve_request(signed(CONTROLLER), 0),
				Error::<Test>::ValidityAlreadyEnded
			);
			patients::deactivate(&PATIENT);
			assert_noop!(
				Pallet::approve_request(signed(CONTROLLER), 0),
				Error::<Test>::PatientInactive
			);
		});
	}

	#[test]
	fn reject_request_errors() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Pallet::reject_request(signed(CONTROLLER), 0),
				Error::<Test>::RequestNotFound
			);
			assert_ok!(request(PHYSICIAN));
			assert_noop!(
				Pallet::reject_request(signed(READ_GUARDIAN), 0),
				Error::<Test>::NotPatientsSide
			);
		});
	}
}

mod emergency {
	use super::*;

	fn invoke(who: u64) -> DispatchResult {
		Pallet::emergency_access(signed(who), PATIENT, H256::repeat_byte(3))
	}

	#[test]
	fn emergency_access_covers_non_sensitive_reads_for_emergency_treatment_for_the_window() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(invoke(PHYSICIAN));
			assert_eq!(
				last_event(),
				Event::EmergencyAccessInvoked {
					id: 0,
					patient: PATIENT,
					accessor: PHYSICIAN,
					org: HOSPITAL,
					expires_at: GENESIS_TIME + EMERGENCY_WINDOW,
				}
			);
			assert_eq!(
				check(PHYSICIAN, Read, Allergies, EmergencyTreatment),
				AccessDecision::Emergency { id: 0 }
			);
			assert_eq!(
				check(PHYSICIAN, Read, MentalHealth, EmergencyTreatment),
				denied(DenyReason::SensitiveCategory)
			);
			assert_eq!(
				check(PHYSICIAN, Write, Allergies, EmergencyTreatment),
				denied(DenyReason::NoConsent)
			);
			assert_eq!(check(PHYSICIAN, Read, Allergies, Treatment), denied(DenyReason::NoConsent));
			assert_eq!(
				check(NURSE, Read, Allergies, EmergencyTreatment),
				denied(DenyReason::NoConsent)
			);
			set_time(GENESIS_TIME + EMERGENCY_WINDOW);
			assert_eq!(
				check(PHYSICIAN, Read, Allergies, EmergencyTreatment),
				denied(DenyReason::NoConsent)
			);
		});
	}

	#[test]
	fn a_consent_is_preferred_to_emergency_access() {
		ExtBuilder::default().build_and_execute(|| {
			let consent = hospital().purposes(&[EmergencyTreatment]).granted();
			assert_ok!(invoke(NURSE));
			assert_eq!(
				check(NURSE, Read, LabResults, EmergencyTreatment),
				AccessDecision::Permit { consent }
			);
		});
	}

	#[test]
	fn emergency_without_review_is_listed() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(invoke(PHYSICIAN));
			assert_ok!(invoke(NURSE));
			assert_ok!(Pallet::emergency_access(signed(CLINIC_PHYSICIAN), PATIENT, H256::zero()));
			let listed = |org, from, limit| {
				Pallet::unreviewed_emergency_accesses(org, from, limit)
					.into_iter()
					.map(|(id, _)| id)
					.collect::<Vec<_>>()
			};
			assert_eq!(listed(HOSPITAL, 0, 10), vec![0, 1]);
			assert_eq!(listed(HOSPITAL, 1, 10), vec![1]);
			assert_eq!(listed(HOSPITAL, 0, 1), vec![0]);
			assert_eq!(listed(CLINIC, 0, 10), vec![2]);
			assert_ok!(Pallet::review_emergency_access(signed(PRIVACY_OFFICER), 0, true));
			assert_eq!(
				last_event(),
				Event::EmergencyAccessReviewed { id: 0, by: PRIVACY_OFFICER, justified: true }
			);
			assert_eq!(listed(HOSPITAL, 0, 10), vec![1]);
			// A justified access carries on.
			assert!(check(PHYSICIAN, Read, Vitals, EmergencyTreatment).is_allowed());
		});
	}

	#[test]
	fn an_unjustified_access_ends_at_review() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(invoke(PHYSICIAN));
			assert_ok!(Pallet::review_emergency_access(signed(CONTROLLER), 0, false));
			assert_eq!(
				check(PHYSICIAN, Read, Vitals, EmergencyTreatment),
				denied(DenyReason::NoConsent)
			);
			assert_eq!(EmergencyAccesses::<Test>::get(0).unwrap().expires_at, GENESIS_TIME);
		});
	}

	#[test]
	fn patient_deny_blocks_emergency() {
		ExtBuilder::default().build_and_execute(|| {
			hospital().deny().purposes(&[EmergencyTreatment]).granted();
			assert_noop!(invoke(PHYSICIAN), Error::<Test>::EmergencyDeniedByPatient);
			// A clinic physician is not covered by the hospital's Deny.
			assert_ok!(Pallet::emergency_access(signed(CLINIC_PHYSICIAN), PATIENT, H256::zero()));
		});
	}

	#[test]
	fn a_deny_of_sensitive_categories_only_leaves_emergency_access_open() {
		ExtBuilder::default().build_and_execute(|| {
			hospital()
				.deny()
				.categories(&[MentalHealth, Genomics])
				.purposes(&[EmergencyTreatment])
				.granted();
			assert_ok!(invoke(PHYSICIAN));
			assert!(check(PHYSICIAN, Read, Allergies, EmergencyTreatment).is_allowed());
			assert_eq!(
				check(PHYSICIAN, Read, MentalHealth, EmergencyTreatment),
				denied(DenyReason::DeniedByPatient)
			);
		});
	}

	#[test]
	fn emergency_access_ends_when_the_practitioner_leaves_the_role_or_organisation() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(invoke(PHYSICIAN));
			assert_ok!(invoke(NURSE));
			// The physician moves to the clinic: the hospital's break-glass does not follow.
			consortium::move_practitioner(PHYSICIAN, CLINIC, PractitionerRole::Physician);
			assert_eq!(
				check(PHYSICIAN, Read, Vitals, EmergencyTreatment),
				denied(DenyReason::NoConsent)
			);
			// The nurse becomes an administrator: no emergency role, no emergency access.
			consortium::set_role(NURSE, PractitionerRole::Administrator);
			assert_eq!(
				check(NURSE, Read, Vitals, EmergencyTreatment),
				denied(DenyReason::NoConsent)
			);
			// Back in the role, within the window, the access covers them again.
			consortium::set_role(NURSE, PractitionerRole::Nurse);
			assert_eq!(
				check(NURSE, Read, Vitals, EmergencyTreatment),
				AccessDecision::Emergency { id: 1 }
			);
		});
	}

	#[test]
	fn a_category_deny_wins_over_emergency_access() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(invoke(PHYSICIAN));
			to(Grantee::Practitioner(PHYSICIAN))
				.deny()
				.categories(&[Imaging])
				.purposes(&[EmergencyTreatment])
				.granted();
			assert_eq!(
				check(PHYSICIAN, Read, Imaging, EmergencyTreatment),
				denied(DenyReason::DeniedByPatient)
			);
			assert!(check(PHYSICIAN, Read, Vitals, EmergencyTreatment).is_allowed());
		});
	}

	#[test]
	fn suspension_ends_emergency_access_too() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(invoke(PHYSICIAN));
			consortium::set_active(HOSPITAL, false);
			assert_eq!(
				check(PHYSICIAN, Read, Vitals, EmergencyTreatment),
				denied(DenyReason::OrganizationInactive)
			);
		});
	}

	#[test]
	fn emergency_access_errors() {
		ExtBuilder::default().build_and_execute(|| {
			for who in [STRANGER, HOSPITAL_CLERK, PRIVACY_OFFICER, LAB_TECHNICIAN, CONTROLLER] {
				assert_noop!(invoke(who), Error::<Test>::NotEmergencyPractitioner);
			}
			consortium::set_active(HOSPITAL, false);
			assert_noop!(invoke(PHYSICIAN), Error::<Test>::NotEmergencyPractitioner);
			consortium::set_active(HOSPITAL, true);
			patients::deactivate(&PATIENT);
			assert_noop!(invoke(PHYSICIAN), Error::<Test>::PatientInactive);
		});
	}

	#[test]
	fn review_emergency_access_errors() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Pallet::review_emergency_access(signed(PRIVACY_OFFICER), 0, true),
				Error::<Test>::EmergencyAccessNotFound
			);
			assert_ok!(invoke(PHYSICIAN));
			// Another organisation's privacy officer, a guardian, the accessor: not reviewers.
			for who in [CLINIC_PRIVACY_OFFICER, FULL_GUARDIAN, PHYSICIAN, STRANGER] {
				assert_noop!(
					Pallet::review_emergency_access(signed(who), 0, true),
					Error::<Test>::NotReviewer
				);
			}
			assert_ok!(Pallet::review_emergency_access(signed(PRIVACY_OFFICER), 0, true));
			assert_noop!(
				Pallet::review_emergency_access(signed(CONTROLLER), 0, false),
				Error::<Test>::AlreadyReviewed
			);
		});
	}
}

mod free_calls {
	use super::*;

	#[test]
	fn consent_calls_name_their_patient_for_the_fee_waiver() {
		ExtBuilder::default().build_and_execute(|| {
			let consent = hospital().patient(OTHER_PATIENT).granted();
			assert_ok!(Pallet::request_consent(
				signed(PHYSICIAN),
				PATIENT,
				actions(&[Read]),
				categories(&[Vitals]),
				purposes(&[Treatment]),
				None,
				H256::zero()
			));
			assert_ok!(Pallet::emergency_access(signed(NURSE), OTHER_PATIENT, H256::zero()));
			let grant = crate::Call::<Test>::grant_consent {
				patient: PATIENT,
				grantee: Grantee::Organization(HOSPITAL),
				decision: Decision::Permit,
				actions: actions(&[Read]),
				categories: categories(&[Vitals]),
				purposes: purposes(&[Treatment]),
				valid_from: None,
				valid_until: None,
				policy_hash: None,
			};
			assert_eq!(grant.free_for_patient(), Some(PATIENT));
			assert_eq!(
				crate::Call::<Test>::revoke_consent { consent }.free_for_patient(),
				Some(OTHER_PATIENT)
			);
			assert_eq!(
				crate::Call::<Test>::revoke_consent { consent: 99 }.free_for_patient(),
				None
			);
			assert_eq!(
				crate::Call::<Test>::approve_request { request: 0 }.free_for_patient(),
				Some(PATIENT)
			);
			assert_eq!(
				crate::Call::<Test>::reject_request { request: 0 }.free_for_patient(),
				Some(PATIENT)
			);
			assert_eq!(
				crate::Call::<Test>::review_emergency_access { id: 0, justified: true }
					.free_for_patient(),
				Some(OTHER_PATIENT)
			);
			assert_eq!(
				crate::Call::<Test>::purge_consent { consent }.free_for_patient(),
				Some(OTHER_PATIENT)
			);
			assert_eq!(crate::Call::<Test>::purge_consent { consent: 99 }.free_for_patient(), None);
			assert_eq!(
				crate::Call::<Test>::block_requester { patient: PATIENT, org: LAB }
					.free_for_patient(),
				Some(PATIENT)
			);
			assert_eq!(
				crate::Call::<Test>::unblock_requester { patient: PATIENT, org: LAB }
					.free_for_patient(),
				Some(PATIENT)
			);
			// The calls that may be free are known without storage, and are exactly these.
			let free = [
				grant,
				crate::Call::<Test>::revoke_consent { consent: 99 },
				crate::Call::<Test>::approve_request { request: 7 },
				crate::Call::<Test>::reject_request { request: 7 },
				crate::Call::<Test>::review_emergency_access { id: 7, justified: false },
				crate::Call::<Test>::purge_consent { consent: 99 },
				crate::Call::<Test>::block_requester { patient: PATIENT, org: 7 },
				crate::Call::<Test>::unblock_requester { patient: PATIENT, org: 7 },
			];
			assert!(free.iter().all(|call| call.may_be_free()));
			assert!(!crate::Call::<Test>::request_consent {
				patient: PATIENT,
				actions: actions(&[Read]),
				categories: categories(&[Vitals]),
				purposes: purposes(&[Treatment]),
				valid_until: None,
				note_hash: H256::zero(),
			}
			.may_be_free());
			assert!(!crate::Call::<Test>::emergency_access {
				patient: PATIENT,
				justification_hash: Default::default()
			}
			.may_be_free());
		});
	}
}

#[test]
fn exhausted_ids_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		NextConsentId::<Test>::put(ConsentId::MAX);
		assert_noop!(hospital().grant(), Error::<Test>::IdsExhausted);
		NextRequestId::<Test>::put(RequestId::MAX);
		assert_noop!(
			Pallet::request_consent(
				signed(PHYSICIAN),
				PATIENT,
				actions(&[Read]),
				categories(&[Vitals]),
				purposes(&[Treatment]),
				None,
				H256::zero()
			),
			Error::<Test>::IdsExhausted
		);
		NextEmergencyAccessId::<Test>::put(EmergencyAccessId::MAX);
		assert_noop!(
			Pallet::emergency_access(signed(PHYSICIAN), PATIENT, H256::zero()),
			Error::<Test>::IdsExhausted
		);
	});
}

#[test]
fn integrity_test_passes() {
	ExtBuilder::default().build_and_execute(|| {
		use frame_support::traits::Hooks;
		<Pallet as Hooks<u64>>::integrity_test();
	});
}

/// The access rules written as plainly as possible, to check the indexed implementation against.
mod model {
	use super::*;
	use proptest::prelude::*;

	#[derive(Clone, Debug)]
	struct ModelConsent {
		id: ConsentId,
		grantee: Grantee<u64>,
		decision: Decision,
		actions: Vec<Action>,
		categories: Vec<DataCategory>,
		purposes: Vec<Purpose>,
		from: Option<Moment>,
		until: Option<Moment>,
		revoked: bool,
		/// Ended, and dropped from the access index by a later grant to the same grantee.
		dropped: bool,
	}

	fn reference(
		consents: &[ModelConsent],
		accessor: u64,
		org: OrgId,
		action: Action,
		category: DataCategory,
		purpose: Purpose,
		now: Moment,
	) -> AccessDecision {
		let relevant = consents.iter().filter(|c| {
			!c.revoked
				&& !c.dropped
				&& (c.grantee == Grantee::Practitioner(accessor)
					|| c.grantee == Grantee::Organization(org))
				&& c.actions.contains(&action)
				&& c.categories.contains(&category)
				&& c.purposes.contains(&purpose)
		});
		let in_window =
			|c: &ModelConsent| c.from.is_none_or(|f| now >= f) && c.until.is_none_or(|u| now < u);
		let relevant: Vec<&ModelConsent> = relevant.collect();
		if relevant.iter().any(|c| in_window(c) && c.decision == Decision::Deny) {
			return denied(DenyReason::DeniedByPatient);
		}
		if let Some(c) = relevant
			.iter()
			.filter(|c| in_window(c) && c.decision == Decision::Permit)
			.min_by_key(|c| c.id)
		{
			return AccessDecision::Permit { consent: c.id };
		}
		let permits = relevant.iter().filter(|c| c.decision == Decision::Permit);
		if permits.clone().any(|c| c.from.is_some_and(|f| now < f)) {
			return denied(DenyReason::NotYetValid);
		}
		if permits.clone().any(|c| c.until.is_some_and(|u| now >= u)) {
			return denied(DenyReason::Expired);
		}
		if category.is_sensitive() {
			return denied(DenyReason::SensitiveCategory);
		}
		denied(DenyReason::NoConsent)
	}

	#[derive(Clone, Debug)]
	enum Op {
		Grant {
			grantee: u8,
			deny: bool,
			actions: u8,
			categories: u16,
			purposes: u8,
			from: Option<u8>,
			until: Option<u8>,
		},
		Revoke(u8),
		Wait(u8),
	}

	fn op() -> impl Strategy<Value = Op> {
		prop_oneof![
			4 => (0u8..3, any::<bool>(), 1u8..8, 1u16..=u16::MAX, 1u8..=u8::MAX, proptest::option::of(0u8..40), proptest::option::of(0u8..40))
				.prop_map(|(grantee, deny, actions, categories, purposes, from, until)| Op::Grant {
					grantee, deny, actions, categories, purposes, from, until
				}),
			1 => any::<u8>().prop_map(Op::Revoke),
			1 => (0u8..20).prop_map(Op::Wait),
		]
	}

	fn pick<V: Copy>(all: &[V], mask: u32) -> Vec<V> {
		all.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, v)| *v).collect()
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(32))]
		#[test]
		fn check_access_agrees_with_the_reference_model(ops in proptest::collection::vec(op(), 1..40)) {
			ExtBuilder::default().build_and_execute(|| {
				let grantees = [
					Grantee::Practitioner(PHYSICIAN),
					Grantee::Organization(HOSPITAL),
					Grantee::Practitioner(NURSE),
				];
				let mut model: Vec<ModelConsent> = Vec::new();
				for op in &ops {
					let now = pallet_timestamp::Now::<Test>::get();
					match op {
						Op::Grant { grantee, deny, actions: a, categories: c, purposes: p, from, until } => {
							let terms = Terms {
								by: CONTROLLER,
								patient: PATIENT,
								grantee: grantees[*grantee as usize].clone(),
								decision: if *deny { Decision::Deny } else { Decision::Permit },
								actions: pick(Action::ALL, u32::from(*a)),
								categories: pick(DataCategory::ALL, u32::from(*c)),
								purposes: pick(Purpose::ALL, u32::from(*p)),
								from: from.map(|f| now + u64::from(f)),
								until: until.map(|u| now + u64::from(u)),
							};
							let id = NextConsentId::<Test>::get();
							if terms.clone().grant().is_ok() {
								// A grant drops its grantee's ended rules from the index.
								for c in model.iter_mut().filter(|c| c.grantee == terms.grantee) {
									c.dropped |= c.until.is_some_and(|u| now >= u);
								}
								model.push(ModelConsent {
									id,
									grantee: terms.grantee,
									decision: terms.decision,
									actions: terms.actions,
									categories: terms.categories,
									purposes: terms.purposes,
									from: terms.from,
									until: terms.until,
									revoked: false,
									dropped: false,
								});
							}
						},
						Op::Revoke(k) => {
							if !model.is_empty() {
								let i = *k as usize % model.len();
								if Pallet::revoke_consent(signed(CONTROLLER), model[i].id).is_ok() {
									model[i].revoked = true;
								}
							}
						},
						Op::Wait(ms) => set_time(now + u64::from(*ms)),
					}
					let now = pallet_timestamp::Now::<Test>::get();
					for &action in Action::ALL {
						for &category in DataCategory::ALL {
							for &purpose in Purpose::ALL {
								assert_eq!(
									Pallet::check_access(&PATIENT, &PHYSICIAN, action, category, purpose),
									reference(&model, PHYSICIAN, HOSPITAL, action, category, purpose, now),
									"{action:?} {category:?} {purpose:?} at {now} after {op:?}"
								);
							}
						}
					}
				}
			});
		}
	}
}
