//! Unit tests: every call and every error, the runtime-API answers, deposits and events.
#![allow(clippy::arithmetic_side_effects)]

use crate::{mock::*, Error, Event, Trials, *};
use frame_support::{assert_noop, assert_ok, dispatch::Pays, traits::fungible::InspectHold};
use medchain_primitives::mock::consortium;
use sp_core::Pair;

type Pallet = crate::Pallet<Test>;

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn hash(n: u8) -> H256 {
	H256::repeat_byte(n)
}

const NCT: &str = "NCT01234567";

/// Registers trial 0 (then 1, …) as the sponsor's researcher, with three outcomes.
fn register_with(ids_: &[(Registry, &str)], declared_start: Option<Moment>) -> TrialId {
	let trial = NextTrialId::<Test>::get();
	assert_ok!(Pallet::register_trial(
		signed(RESEARCHER),
		ids(ids_),
		hash(7),
		documents(1, &three_outcomes()),
		declared_start,
	));
	trial
}

fn register() -> TrialId {
	register_with(&[(Registry::ClinicalTrialsGov, NCT)], None)
}

fn approve(trial: TrialId) {
	let version = Trials::<Test>::get(trial).unwrap().versions - 1;
	assert_ok!(Pallet::approve_version(signed(COMMITTEE_MEMBER), trial, version));
}

/// A registered, approved trial with the hospital as its site.
fn recruiting() -> TrialId {
	let trial = register();
	approve(trial);
	assert_ok!(Pallet::activate_site(signed(RESEARCHER), trial, HOSPITAL));
	trial
}

fn consent(trial: TrialId, n: u8) -> ParticipantId {
	let version = Trials::<Test>::get(trial).unwrap().versions - 1;
	let p = participant(n);
	assert_ok!(Pallet::record_consent(
		signed(SITE_PHYSICIAN),
		trial,
		p,
		version,
		Some(withdrawal_pair(n).public().0)
	));
	p
}

fn enrolled(trial: TrialId, n: u8) -> ParticipantId {
	let p = consent(trial, n);
	assert_ok!(Pallet::enrol(signed(SITE_PHYSICIAN), trial, p));
	p
}

fn lock(trial: TrialId) {
	assert_ok!(Pallet::commit_data(
		signed(RESEARCHER),
		trial,
		DataKind::DatabaseLock,
		hash(50),
		10
	));
}

fn amend(trial: TrialId, n: u8, outcomes: &[H256], needs_reconsent: bool) {
	assert_ok!(Pallet::amend_protocol(
		signed(RESEARCHER),
		trial,
		documents(n, outcomes),
		AmendmentReason::Design,
		needs_reconsent
	));
}

fn sign_withdrawal(trial: TrialId, n: u8, scope: WithdrawalScope) -> sr25519::Signature {
	withdrawal_pair(n).sign(&withdrawal_message(trial, &participant(n), scope))
}

fn steps(trial: TrialId) -> Vec<TrialStep> {
	Pallet::history(trial, 0, 100).into_iter().map(|e| e.step).collect()
}

mod registration {
	use super::*;

	#[test]
	fn governance_releases_a_registry_id_taken_by_the_wrong_trial() {
		ExtBuilder.build_and_execute(|| {
			// Another sponsor's researcher registers under the sponsor's NCT number.
			assert_ok!(Pallet::register_trial(
				signed(OTHER_RESEARCHER),
				ids(&[(Registry::ClinicalTrialsGov, NCT), (Registry::Other, "DRKS00012345")]),
				hash(7),
				documents(1, &three_outcomes()),
				None,
			));
			let squatted = 0;
			let held = Balances::balance_on_hold(&DepositReason::get(), &OTHER_RESEARCHER);
			let nct = ids(&[(Registry::ClinicalTrialsGov, NCT)]);
			assert_noop!(
				Pallet::register_trial(
					signed(RESEARCHER),
					nct.clone(),
					hash(7),
					documents(1, &three_outcomes()),
					None
				),
				Error::<Test>::RegistryIdTaken
			);
			let id = registry_id(Registry::ClinicalTrialsGov, NCT);
			assert_ok!(Pallet::release_registry_id(
				RuntimeOrigin::root(),
				squatted,
				id.clone(),
				hash(66)
			));
			assert_eq!(
				last_event(),
				Event::RegistryIdReleased {
					trial: squatted,
					registry_id: id.clone(),
					why: hash(66)
				}
			);
			let t = Trials::<Test>::get(squatted).unwrap();
			assert_eq!(
				t.registry_ids.into_inner(),
				vec![registry_id(Registry::Other, "DRKS00012345")]
			);
			assert_eq!(
				Balances::balance_on_hold(&DepositReason::get(), &OTHER_RESEARCHER),
				held - deposit_of(1, Pallet::registry_index_bytes()),
				"the released id's deposit goes back"
			);
			// The rightful sponsor registers under its id.
			let trial = register();
			assert_eq!(RegistryIndex::<Test>::get(id.index_key()), Some(trial));
			// An id given in another case is the same id; the last one may go too.
			assert_ok!(Pallet::release_registry_id(
				RuntimeOrigin::root(),
				squatted,
				registry_id(Registry::Other, "drks00012345"),
				hash(67)
			));
			assert!(Trials::<Test>::get(squatted).unwrap().registry_ids.is_empty());
			assert_eq!(
				last_event(),
				Event::RegistryIdReleased {
					trial: squatted,
					registry_id: registry_id(Registry::Other, "DRKS00012345"),
					why: hash(67)
				},
				"the event names the id as the trial held it"
			);
			assert_eq!(
				Pallet::registration_timing(squatted),
				Some(RegistrationTiming::NotYetEnrolled)
			);
		});
	}

	#[test]
	fn release_errors() {
		ExtBuilder.build_and_execute(|| {
			let id = registry_id(Registry::ClinicalTrialsGov, NCT);
			assert_noop!(
				Pallet::release_registry_id(signed(RESEARCHER), 0, id.clone(), hash(66)),
				sp_runtime::DispatchError::BadOrigin
			);
			assert_noop!(
				Pallet::release_registry_id(RuntimeOrigin::root(), 0, id.clone(), hash(66)),
				Error::<Test>::TrialNotFound
			);
			let first = register();
			let second = register_with(&[(Registry::Isrctn, "ISRCTN12345678")], None);
			for (trial, other) in
				[(second, id.clone()), (first, registry_id(Registry::Other, "DRKS00012345"))]
			{
				assert_noop!(
					Pallet::release_registry_id(RuntimeOrigin::root(), trial, other, hash(66)),
					Error::<Test>::RegistryIdNotOfTrial
				);
			}
		});
	}

	#[test]
	fn registers_version_zero_at_the_chains_time() {
		ExtBuilder.build_and_execute(|| {
			let trial = register();
			assert_eq!(trial, 0);
			let t = Trials::<Test>::get(trial).unwrap();
			assert_eq!(t.sponsor_org, SPONSOR);
			assert_eq!(t.registered_at, GENESIS_TIME);
			assert_eq!(t.status, RecruitmentStatus::NotYetRecruiting);
			assert_eq!(t.versions, 1);
			let v = Versions::<Test>::get(trial, 0).unwrap();
			assert_eq!(v.documents, documents(1, &three_outcomes()));
			assert_eq!(v.phase, TrialPhase::BeforeEnrolment);
			assert_eq!(v.committed_by, RESEARCHER);
			assert_eq!(
				RegistryIndex::<Test>::get(registry_id(Registry::ClinicalTrialsGov, NCT)),
				Some(0)
			);
			assert_eq!(
				last_event(),
				Event::TrialRegistered {
					trial,
					sponsor_org: SPONSOR,
					declared_start: None,
					by: RESEARCHER
				}
			);
			assert_eq!(
				Pallet::registration_timing(trial),
				Some(RegistrationTiming::NotYetEnrolled)
			);
			assert_eq!(Pallet::registration_timing(9), None);
			assert_eq!(steps(trial), vec![TrialStep::Registered]);
		});
	}

	#[test]
	fn the_admin_of_a_research_organisation_may_sponsor_and_ids_are_kept_sorted() {
		ExtBuilder.build_and_execute(|| {
			assert_ok!(Pallet::register_trial(
				signed(RESEARCH_ADMIN),
				ids(&[
					(Registry::Other, "DRKS00012345"),
					(Registry::EuCt, "2024-512345-12-00"),
					(Registry::Isrctn, "ISRCTN12345678"),
				]),
				hash(7),
				documents(1, &three_outcomes()),
				None,
			));
			let t = Trials::<Test>::get(0).unwrap();
			assert_eq!(t.sponsor_org, RESEARCH);
			let registries: Vec<Registry> = t.registry_ids.iter().map(|r| r.registry).collect();
			assert_eq!(registries, vec![Registry::Isrctn, Registry::EuCt, Registry::Other]);
		});
	}

	#[test]
	fn a_declared_start_makes_the_trial_retrospective_for_good() {
		ExtBuilder.build_and_execute(|| {
			let start = GENESIS_TIME - 30 * DAY_MS;
			let trial = register_with(&[(Registry::ClinicalTrialsGov, NCT)], Some(start));
			let retro = Some(RegistrationTiming::Retrospective { days: 30 });
			assert_eq!(Pallet::registration_timing(trial), retro);
			let t = Trials::<Test>::get(trial).unwrap();
			assert_eq!(t.first_enrolment, Some(start));
			assert_eq!(t.status, RecruitmentStatus::Recruiting);
			// Version 0 itself was committed after enrolment began.
			assert_eq!(Versions::<Test>::get(trial, 0).unwrap().phase, TrialPhase::AfterEnrolment);
			approve(trial);
			assert_ok!(Pallet::activate_site(signed(RESEARCHER), trial, HOSPITAL));
			enrolled(trial, 1);
			advance(10 * DAY_MS);
			amend(trial, 2, &three_outcomes(), false);
			assert_eq!(Pallet::registration_timing(trial), retro);
			assert_eq!(Trials::<Test>::get(trial).unwrap().first_enrolment, Some(start));
		});
	}

	#[test]
	fn a_few_hours_late_is_retrospective_by_zero_days() {
		ExtBuilder.build_and_execute(|| {
			let trial =
				register_with(&[(Registry::ClinicalTrialsGov, NCT)], Some(GENESIS_TIME - 1));
			assert_eq!(
				Pallet::registration_timing(trial),
				Some(RegistrationTiming::Retrospective { days: 0 })
			);
		});
	}

	#[test]
	fn the_signer_holds_the_deposit_for_what_it_adds() {
		ExtBuilder.build_and_execute(|| {
			register_with(
				&[(Registry::ClinicalTrialsGov, NCT), (Registry::Isrctn, "ISRCTN12345678")],
				None,
			);
			let bytes = Pallet::trial_bytes()
				+ Pallet::version_bytes()
				+ 2 * Pallet::registry_index_bytes()
				+ Pallet::history_bytes();
			let reason = RuntimeHoldReason::Trials(HoldReason::StorageDeposit);
			assert_eq!(Balances::balance_on_hold(&reason, &RESEARCHER), deposit_of(5, bytes));
		});
	}

	#[test]
	fn refused_to_strangers_expired_and_suspended_practitioners() {
		ExtBuilder.build_and_execute(|| {
			let args = || {
				(
					ids(&[(Registry::ClinicalTrialsGov, NCT)]),
					hash(7),
					documents(1, &three_outcomes()),
				)
			};
			let (i, t, d) = args();
			assert_noop!(
				Pallet::register_trial(signed(STRANGER), i, t, d, None),
				Error::<Test>::NotAPractitioner
			);
			consortium::set_valid_until(RESEARCHER, Some(GENESIS_TIME - 1));
			let (i, t, d) = args();
			assert_noop!(
				Pallet::register_trial(signed(RESEARCHER), i, t, d, None),
				Error::<Test>::PractitionerExpired
			);
			consortium::set_active(SPONSOR, false);
			let (i, t, d) = args();
			assert_noop!(
				Pallet::register_trial(signed(POOR), i, t, d, None),
				Error::<Test>::OrganizationInactive
			);
			let (i, t, d) = args();
			assert_noop!(
				Pallet::register_trial(signed(SPONSOR_ADMIN), i, t, d, None),
				Error::<Test>::NotAPractitioner
			);
		});
	}

	#[test]
	fn only_manufacturers_research_and_hospitals_sponsor() {
		ExtBuilder.build_and_execute(|| {
			for who in [PHARMACIST, CLINIC_PHYSICIAN, COMMITTEE_MEMBER] {
				assert_noop!(
					Pallet::register_trial(
						signed(who),
						ids(&[(Registry::ClinicalTrialsGov, NCT)]),
						hash(7),
						documents(1, &three_outcomes()),
						None
					),
					Error::<Test>::NotASponsorKind
				);
			}
		});
	}

	#[test]
	fn registry_ids_are_checked() {
		ExtBuilder.build_and_execute(|| {
			let try_ids = |list: &[(Registry, &str)]| {
				Pallet::register_trial(
					signed(RESEARCHER),
					ids(list),
					hash(7),
					documents(1, &three_outcomes()),
					None,
				)
			};
			assert_noop!(try_ids(&[]), Error::<Test>::NoRegistryId);
			for bad in [
				(Registry::ClinicalTrialsGov, "NCT0123456"),
				(Registry::ClinicalTrialsGov, "NCT0123456a"),
				(Registry::ClinicalTrialsGov, "nct01234567"),
				(Registry::Isrctn, "ISRCTN1234567"),
				(Registry::EuCt, "2024-51234-12-00"),
				(Registry::EuCt, "2024-512345-12-0a"),
				(Registry::EuCt, "2024-512345-12-00-1"),
				(Registry::Other, "AB"),
				(Registry::Other, "DRKS 0001"),
				// A ClinicalTrials.gov, ISRCTN or EU CT id goes under its own registry only.
				(Registry::Other, NCT),
				(Registry::Other, "nct01234567"),
				(Registry::Other, "isrctn12345678"),
				(Registry::Other, "2024-512345-12-00"),
				(Registry::Other, "NCT-01234567"),
				(Registry::Other, "ISRCTN/12345678"),
				(Registry::Other, "2024.512345.12.00"),
			] {
				assert_noop!(try_ids(&[bad]), Error::<Test>::InvalidRegistryId);
			}
			assert_noop!(
				try_ids(&[(Registry::ClinicalTrialsGov, NCT), (Registry::ClinicalTrialsGov, NCT)]),
				Error::<Test>::DuplicateRegistryId
			);
			assert_noop!(
				try_ids(&[
					(Registry::Other, "ChiCTR2000029308"),
					(Registry::Other, "CHICTR2000029308")
				]),
				Error::<Test>::DuplicateRegistryId
			);
			register_with(
				&[(Registry::ClinicalTrialsGov, NCT), (Registry::Other, "jRCT2031200001")],
				None,
			);
			// Ids differing only in case are one id: nobody takes another trial's by its case.
			for taken in ["jRCT2031200001", "JRCT2031200001", "jrct2031200001"] {
				assert_noop!(try_ids(&[(Registry::Other, taken)]), Error::<Test>::RegistryIdTaken);
			}
			assert_noop!(
				try_ids(&[
					(Registry::Isrctn, "ISRCTN12345678"),
					(Registry::ClinicalTrialsGov, NCT)
				]),
				Error::<Test>::RegistryIdTaken
			);
		});
	}

	#[test]
	fn a_protocol_commits_one_to_max_outcomes() {
		ExtBuilder.build_and_execute(|| {
			let mut d = documents(1, &three_outcomes());
			for count in [0, MAX_OUTCOMES + 1] {
				d.outcome_count = count;
				assert_noop!(
					Pallet::register_trial(
						signed(RESEARCHER),
						ids(&[(Registry::ClinicalTrialsGov, NCT)]),
						hash(7),
						d,
						None
					),
					Error::<Test>::InvalidOutcomeCount
				);
			}
		});
	}

	#[test]
	fn a_declared_start_is_in_the_past() {
		ExtBuilder.build_and_execute(|| {
			for start in [GENESIS_TIME, GENESIS_TIME + 1] {
				assert_noop!(
					Pallet::register_trial(
						signed(RESEARCHER),
						ids(&[(Registry::ClinicalTrialsGov, NCT)]),
						hash(7),
						documents(1, &three_outcomes()),
						Some(start)
					),
					Error::<Test>::DeclaredStartNotPast
				);
			}
		});
	}

	#[test]
	fn a_signer_without_funds_for_the_deposit_registers_nothing() {
		ExtBuilder.build_and_execute(|| {
			assert_noop!(
				Pallet::register_trial(
					signed(POOR),
					ids(&[(Registry::ClinicalTrialsGov, NCT)]),
					hash(7),
					documents(1, &three_outcomes()),
					None
				),
				Error::<Test>::DepositUnavailable
			);
		});
	}
}

mod approval_and_amendments {
	use super::*;

	#[test]
	fn an_ethics_committee_approves_the_current_version() {
		ExtBuilder.build_and_execute(|| {
			let trial = register();
			advance(1_000);
			assert_ok!(Pallet::approve_version(signed(ETHICS_ADMIN), trial, 0));
			assert_eq!(
				Versions::<Test>::get(trial, 0).unwrap().approval,
				Some((ETHICS, GENESIS_TIME + 1_000))
			);
			assert_eq!(
				last_event(),
				Event::VersionApproved { trial, version: 0, committee: ETHICS, by: ETHICS_ADMIN }
			);
			let entry = Pallet::history(trial, 1, 1).pop().unwrap();
			assert_eq!(entry.step, TrialStep::VersionApproved { version: 0, committee: ETHICS });
			assert_eq!(
				(entry.by, entry.org, entry.at),
				(ETHICS_ADMIN, ETHICS, GENESIS_TIME + 1_000)
			);
		});
	}

	#[test]
	fn approval_errors() {
		ExtBuilder.build_and_execute(|| {
			assert_noop!(
				Pallet::approve_version(signed(COMMITTEE_MEMBER), 0, 0),
				Error::<Test>::TrialNotFound
			);
			let trial = register();
			assert_noop!(
				Pallet::approve_version(signed(RESEARCHER), trial, 0),
				Error::<Test>::NotAnEthicsCommittee
			);
			assert_noop!(
				Pallet::approve_version(signed(COMMITTEE_MEMBER), trial, 1),
				Error::<Test>::NotCurrentVersion
			);
			approve(trial);
			assert_noop!(
				Pallet::approve_version(signed(COMMITTEE_MEMBER), trial, 0),
				Error::<Test>::AlreadyApproved
			);
			amend(trial, 2, &three_outcomes(), false);
			assert_noop!(
				Pallet::approve_version(signed(COMMITTEE_MEMBER), trial, 0),
				Error::<Test>::NotCurrentVersion
			);
		});
	}

	#[test]
	fn the_chain_computes_the_phase_and_whether_outcomes_changed() {
		ExtBuilder.build_and_execute(|| {
			let trial = recruiting();
			amend(trial, 2, &three_outcomes(), false);
			let v1 = Versions::<Test>::get(trial, 1).unwrap();
			assert_eq!((v1.phase, v1.changes_outcomes), (TrialPhase::BeforeEnrolment, false));
			approve(trial);
			enrolled(trial, 1);
			let two = three_outcomes()[1..].to_vec();
			amend(trial, 3, &two, false);
			assert_eq!(
				last_event(),
				Event::ProtocolAmended {
					trial,
					version: 2,
					reason: AmendmentReason::Design,
					changes_outcomes: true,
					needs_reconsent: false,
					phase: TrialPhase::AfterEnrolment,
					by: RESEARCHER,
				}
			);
			assert_eq!(Versions::<Test>::get(trial, 2).unwrap().approval, None);
		});
	}

	#[test]
	fn amendments_after_the_lock_and_after_unblinding_say_so() {
		ExtBuilder.build_and_execute(|| {
			let trial = recruiting();
			enrolled(trial, 1);
			lock(trial);
			amend(trial, 2, &three_outcomes(), false);
			assert_eq!(Versions::<Test>::get(trial, 1).unwrap().phase, TrialPhase::AfterDataLock);
			assert_ok!(Pallet::record_unblinding(signed(RESEARCHER), trial));
			amend(trial, 3, &three_outcomes(), false);
			assert_eq!(Versions::<Test>::get(trial, 2).unwrap().phase, TrialPhase::AfterUnblinding);
		});
	}

	#[test]
	fn amendment_errors() {
		ExtBuilder.build_and_execute(|| {
			let d = documents(2, &three_outcomes());
			assert_noop!(
				Pallet::amend_protocol(signed(RESEARCHER), 0, d, AmendmentReason::Safety, false),
				Error::<Test>::TrialNotFound
			);
			let trial = register();
			assert_noop!(
				Pallet::amend_protocol(
					signed(OTHER_RESEARCHER),
					trial,
					d,
					AmendmentReason::Safety,
					false
				),
				Error::<Test>::NotTheSponsor
			);
			assert_noop!(
				Pallet::amend_protocol(
					signed(RESEARCHER),
					trial,
					documents(1, &three_outcomes()),
					AmendmentReason::Safety,
					false
				),
				Error::<Test>::UnchangedProtocol
			);
			let mut no_outcomes = d;
			no_outcomes.outcome_count = 0;
			assert_noop!(
				Pallet::amend_protocol(
					signed(RESEARCHER),
					trial,
					no_outcomes,
					AmendmentReason::Safety,
					false
				),
				Error::<Test>::InvalidOutcomeCount
			);
			amend(trial, 2, &three_outcomes(), false);
			amend(trial, 3, &three_outcomes(), false);
			assert_noop!(
				Pallet::amend_protocol(
					signed(RESEARCHER),
					trial,
					documents(4, &three_outcomes()),
					AmendmentReason::Safety,
					false
				),
				Error::<Test>::TooManyVersions
			);
		});
	}

	#[test]
	fn a_completed_or_terminated_trial_still_locks_its_data_and_posts_results() {
		for (status, why) in
			[(RecruitmentStatus::Completed, None), (RecruitmentStatus::Terminated, Some(hash(9)))]
		{
			ExtBuilder.build_and_execute(|| {
				let trial = recruiting();
				let p = enrolled(trial, 1);
				consent(trial, 2);
				assert_ok!(Pallet::set_status(signed(RESEARCHER), trial, status, why));
				// Nothing new is recruited or analysed in between…
				assert_noop!(
					Pallet::activate_site(signed(RESEARCHER), trial, CLINIC),
					Error::<Test>::TrialClosed
				);
				assert_noop!(
					Pallet::record_consent(signed(SITE_PHYSICIAN), trial, participant(3), 0, None),
					Error::<Test>::TrialClosed
				);
				assert_noop!(
					Pallet::enrol(signed(SITE_PHYSICIAN), trial, participant(2)),
					Error::<Test>::TrialClosed
				);
				assert_noop!(
					Pallet::set_status(
						signed(RESEARCHER),
						trial,
						RecruitmentStatus::Recruiting,
						None
					),
					Error::<Test>::TrialClosed
				);
				for kind in [DataKind::RandomisationList, DataKind::InterimAnalysis] {
					assert_noop!(
						Pallet::commit_data(signed(RESEARCHER), trial, kind, hash(40), 4),
						Error::<Test>::TrialClosed
					);
				}
				// …and no one can be asked to consent again.
				assert_noop!(
					Pallet::amend_protocol(
						signed(RESEARCHER),
						trial,
						documents(2, &three_outcomes()),
						AmendmentReason::Safety,
						true
					),
					Error::<Test>::ReconsentImpossible
				);
				// The analysis plan finished after the last visit is amended and approved, the
				// database locked, the allocation unblinded and the results posted.
				amend(trial, 2, &three_outcomes(), false);
				approve(trial);
				lock(trial);
				assert_ok!(Pallet::record_unblinding(signed(RESEARCHER), trial));
				assert_ok!(Pallet::post_results(signed(RESEARCHER), trial, hash(60), hash(61), 1));
				let provenance = Pallet::results_provenance(trial).unwrap();
				assert_eq!(provenance.analysis_plan_version, Some(1));
				assert_eq!(provenance.database_lock.map(|(root, _)| root), Some(hash(50)));
				// A participant still withdraws from a closed trial.
				let signature = sign_withdrawal(trial, 1, WithdrawalScope::NoFurtherData);
				assert_ok!(Pallet::withdraw(
					signed(STRANGER),
					trial,
					p,
					WithdrawalScope::NoFurtherData,
					Some(signature)
				));
			});
		}
	}

	#[test]
	fn a_withdrawn_trial_takes_nothing_more() {
		ExtBuilder.build_and_execute(|| {
			let trial = recruiting();
			assert_ok!(Pallet::set_status(
				signed(RESEARCHER),
				trial,
				RecruitmentStatus::Withdrawn,
				Some(hash(9))
			));
			assert_noop!(
				Pallet::amend_protocol(
					signed(RESEARCHER),
					trial,
					documents(2, &three_outcomes()),
					AmendmentReason::Safety,
					false
				),
				Error::<Test>::TrialClosed
			);
			assert_noop!(
				Pallet::approve_version(signed(COMMITTEE_MEMBER), trial, 0),
				Error::<Test>::TrialClosed
			);
			assert_noop!(
				Pallet::commit_data(signed(RESEARCHER), trial, DataKind::DatabaseLock, hash(5), 1),
				Error::<Test>::TrialClosed
			);
			assert_noop!(
				Pallet::set_status(signed(RESEARCHER), trial, RecruitmentStatus::Recruiting, None),
				Error::<Test>::TrialClosed
			);
			assert_noop!(
				Pallet::activate_site(signed(RESEARCHER), trial, CLINIC),
				Error::<Test>::TrialClosed
			);
		});
	}

	#[test]
	fn no_version_needing_reconsent_follows_the_database_lock() {
		ExtBuilder.build_and_execute(|| {
			let trial = recruiting();
			enrolled(trial, 1);
			lock(trial);
			assert_noop!(
				Pallet::amend_protocol(
					signed(RESEARCHER),
					trial,
					documents(2, &three_outcomes()),
					AmendmentReason::Safety,
					true
				),
				Error::<Test>::ReconsentImpossible
			);
			amend(trial, 2, &three_outcomes(), false);
			assert!(!Pallet::participant_status(trial, participant(1)).unwrap().needs_reconsent);
		});
	}
}

mod sites_and_participants {
	use super::*;

	#[test]
	fn a_site_records_consent_and_enrols_and_the_chain_times_the_first_enrolment() {
		ExtBuilder.build_and_execute(|| {
			let trial = recruiting();
			assert_eq!(
				Sites::<Test>::get(trial, HOSPITAL),
				Some(GENESIS_TIME),
				"the site is active from now"
			);
			let p = consent(trial, 1);
			assert_eq!(
				last_event(),
				Event::ConsentRecorded {
					trial,
					participant: p,
					version: 0,
					site: HOSPITAL,
					by: SITE_PHYSICIAN
				}
			);
			advance(5_000);
			assert_ok!(Pallet::enrol(signed(SITE_PHYSICIAN), trial, p));
			assert_eq!(
				last_event(),
				Event::Enrolled {
					trial,
					participant: p,
					site: HOSPITAL,
					first: true,
					by: SITE_PHYSICIAN
				}
			);
			let first = GENESIS_TIME + 5_000;
			assert_eq!(Trials::<Test>::get(trial).unwrap().first_enrolment, Some(first));
			assert_eq!(Pallet::registration_timing(trial), Some(RegistrationTiming::Prospective));
			advance(5_000);
			let q = enrolled(trial, 2);
			assert_eq!(
				last_event(),
				Event::Enrolled {
					trial,
					participant: q,
					site: HOSPITAL,
					first: false,
					by: SITE_PHYSICIAN
				}
			);
			assert_eq!(Trials::<Test>::get(trial).unwrap().first_enrolment, Some(first));
			consent(trial, 3);
			let t = Trials::<Test>::get(trial).unwrap();
			assert_eq!((t.participants, t.enrolled), (3, 2), "three consented, two enrolled");
			assert_eq!(
				Pallet::participant_status(trial, p),
				Some(ParticipantStatus {
					site: HOSPITAL,
					consented_version: 0,
					enrolled_at: Some(first),
					needs_reconsent: false,
					withdrawn: None,
					withdrawal_key: Some(withdrawal_pair(1).public().0),
				})
			);
			assert_eq!(Pallet::participant_status(trial, participant(9)), None);
			let entry = Pallet::history(trial, 3, 1).pop().unwrap();
			assert_eq!(entry.step, TrialStep::FirstEnrolment { site: HOSPITAL });
			assert_eq!((entry.by, entry.org, entry.at), (SITE_PHYSICIAN, HOSPITAL, first));
		});
	}

	#[test]
	fn site_errors() {
		ExtBuilder.build_and_execute(|| {
			assert_noop!(
				Pallet::activate_site(signed(RESEARCHER), 0, HOSPITAL),
				Error::<Test>::TrialNotFound
			);
			let trial = register();
			assert_noop!(
				Pallet::activate_site(signed(SITE_PHYSICIAN), trial, HOSPITAL),
				Error::<Test>::NotTheSponsor
			);
			for site in [PHARMACY, ETHICS, 77] {
				assert_noop!(
					Pallet::activate_site(signed(RESEARCHER), trial, site),
					Error::<Test>::NotASiteKind
				);
			}
			assert_ok!(Pallet::activate_site(signed(SPONSOR_ADMIN), trial, HOSPITAL));
			assert_noop!(
				Pallet::activate_site(signed(RESEARCHER), trial, HOSPITAL),
				Error::<Test>::SiteAlreadyActive
			);
			assert_ok!(Pallet::activate_site(signed(RESEARCHER), trial, CLINIC));
			assert_noop!(
				Pallet::activate_site(signed(RESEARCHER), trial, RESEARCH),
				Error::<Test>::TooManySites
			);
		});
	}

	#[test]
	fn consent_errors() {
		ExtBuilder.build_and_execute(|| {
			let key = Some(withdrawal_pair(1).public().0);
			let p = participant(1);
			assert_noop!(
				Pallet::record_consent(signed(SITE_PHYSICIAN), 0, p, 0, key),
				Error::<Test>::TrialNotFound
			);
			let trial = register();
			assert_ok!(Pallet::activate_site(signed(RESEARCHER), trial, HOSPITAL));
			assert_noop!(
				Pallet::record_consent(signed(SITE_PHYSICIAN), trial, p, 0, key),
				Error::<Test>::VersionNotApproved
			);
			approve(trial);
			assert_noop!(
				Pallet::record_consent(signed(CLINIC_PHYSICIAN), trial, p, 0, key),
				Error::<Test>::NotTheSite
			);
			assert_noop!(
				Pallet::record_consent(signed(SITE_PHYSICIAN), trial, p, 1, key),
				Error::<Test>::NotCurrentVersion
			);
			consent(trial, 1);
			assert_noop!(
				Pallet::record_consent(signed(SITE_PHYSICIAN), trial, p, 0, key),
				Error::<Test>::AlreadyConsented
			);
			assert_ok!(Pallet::activate_site(signed(RESEARCHER), trial, CLINIC));
			assert_noop!(
				Pallet::record_consent(signed(CLINIC_PHYSICIAN), trial, p, 0, key),
				Error::<Test>::ParticipantAtOtherSite
			);
			consent(trial, 2);
			consent(trial, 3);
			assert_noop!(
				Pallet::record_consent(signed(SITE_PHYSICIAN), trial, participant(4), 0, key),
				Error::<Test>::TooManyParticipants
			);
			// A site cannot replace the key a participant withdraws themselves with.
			amend(trial, 3, &three_outcomes(), false);
			approve(trial);
			let other = Some(withdrawal_pair(9).public().0);
			assert_noop!(
				Pallet::record_consent(signed(SITE_PHYSICIAN), trial, participant(2), 1, other),
				Error::<Test>::WithdrawalKeyFixed
			);
			assert_ok!(Pallet::withdraw(
				signed(SITE_PHYSICIAN),
				trial,
				p,
				WithdrawalScope::FollowUpOnly,
				None
			));
			amend(trial, 2, &three_outcomes(), true);
			approve(trial);
			assert_noop!(
				Pallet::record_consent(signed(SITE_PHYSICIAN), trial, p, 2, key),
				Error::<Test>::ParticipantWithdrawn
			);
		});
	}

	#[test]
	fn a_version_needing_reconsent_holds_back_older_consents_until_given_again() {
		ExtBuilder.build_and_execute(|| {
			let trial = recruiting();
			let early = enrolled(trial, 1);
			let waiting = consent(trial, 2);
			let stays = enrolled(trial, 3);
			amend(trial, 2, &three_outcomes(), true);
			approve(trial);
			assert!(Pallet::participant_status(trial, early).unwrap().needs_reconsent);
			assert!(Pallet::participant_status(trial, waiting).unwrap().needs_reconsent);
			assert_noop!(
				Pallet::enrol(signed(SITE_PHYSICIAN), trial, waiting),
				Error::<Test>::ReconsentNeeded
			);
			// Consenting again keeps the withdrawal key recorded first: none given, or the same.
			assert_ok!(Pallet::record_consent(signed(SITE_PHYSICIAN), trial, waiting, 1, None));
			assert_ok!(Pallet::enrol(signed(SITE_PHYSICIAN), trial, waiting));
			let status = Pallet::participant_status(trial, waiting).unwrap();
			assert_eq!((status.consented_version, status.needs_reconsent), (1, false));
			assert_eq!(status.withdrawal_key, Some(withdrawal_pair(2).public().0));
			let key = Some(withdrawal_pair(1).public().0);
			assert_ok!(Pallet::record_consent(signed(SITE_PHYSICIAN), trial, early, 1, key));
			assert!(!Pallet::participant_status(trial, early).unwrap().needs_reconsent);
			// An amendment that needs no new consent keeps earlier consents good.
			amend(trial, 3, &three_outcomes(), false);
			approve(trial);
			assert!(!Pallet::participant_status(trial, waiting).unwrap().needs_reconsent);
			assert!(!Pallet::participant_status(trial, early).unwrap().needs_reconsent);
			// …but does not lift a re-consent still owed to an earlier one.
			assert!(Pallet::participant_status(trial, stays).unwrap().needs_reconsent);
		});
	}

	#[test]
	fn enrolment_errors() {
		ExtBuilder.build_and_execute(|| {
			let p = participant(1);
			assert_noop!(Pallet::enrol(signed(SITE_PHYSICIAN), 0, p), Error::<Test>::TrialNotFound);
			let trial = recruiting();
			assert_noop!(
				Pallet::enrol(signed(SITE_PHYSICIAN), trial, p),
				Error::<Test>::ParticipantNotFound
			);
			consent(trial, 1);
			assert_noop!(
				Pallet::enrol(signed(CLINIC_PHYSICIAN), trial, p),
				Error::<Test>::NotTheSite
			);
			// An amendment nobody approved yet: enrolment waits for the ethics committee.
			amend(trial, 2, &three_outcomes(), false);
			assert_noop!(
				Pallet::enrol(signed(SITE_PHYSICIAN), trial, p),
				Error::<Test>::VersionNotApproved
			);
			approve(trial);
			assert_ok!(Pallet::set_status(
				signed(RESEARCHER),
				trial,
				RecruitmentStatus::Suspended,
				Some(hash(9))
			));
			assert_noop!(
				Pallet::enrol(signed(SITE_PHYSICIAN), trial, p),
				Error::<Test>::NotRecruiting
			);
			assert_ok!(Pallet::set_status(
				signed(RESEARCHER),
				trial,
				RecruitmentStatus::Recruiting,
				None
			));
			assert_ok!(Pallet::enrol(signed(SITE_PHYSICIAN), trial, p));
			assert_noop!(
				Pallet::enrol(signed(SITE_PHYSICIAN), trial, p),
				Error::<Test>::AlreadyEnrolled
			);
			let q = consent(trial, 2);
			lock(trial);
			assert_noop!(
				Pallet::enrol(signed(SITE_PHYSICIAN), trial, q),
				Error::<Test>::DatabaseLocked
			);
			assert_noop!(
				Pallet::record_consent(
					signed(SITE_PHYSICIAN),
					trial,
					participant(3),
					0,
					Some([3; 32])
				),
				Error::<Test>::DatabaseLocked
			);
			let r = q;
			assert_ok!(Pallet::withdraw(
				signed(SITE_PHYSICIAN),
				trial,
				r,
				WithdrawalScope::FollowUpOnly,
				None
			));
			assert_noop!(
				Pallet::enrol(signed(SITE_PHYSICIAN), trial, r),
				Error::<Test>::ParticipantWithdrawn
			);
		});
	}
}

mod withdrawal {
	use super::*;

	#[test]
	fn a_site_withdraws_a_participant_and_the_scope_only_widens() {
		ExtBuilder.build_and_execute(|| {
			let trial = recruiting();
			let p = enrolled(trial, 1);
			advance(1_000);
			let at = GENESIS_TIME + 1_000;
			assert_ok!(Pallet::withdraw(
				signed(SITE_PHYSICIAN),
				trial,
				p,
				WithdrawalScope::FollowUpOnly,
				None
			));
			assert_eq!(
				last_event(),
				Event::Withdrawn {
					trial,
					participant: p,
					scope: WithdrawalScope::FollowUpOnly,
					self_withdrawal: false,
					by: SITE_PHYSICIAN
				}
			);
			assert_noop!(
				Pallet::withdraw(
					signed(SITE_PHYSICIAN),
					trial,
					p,
					WithdrawalScope::FollowUpOnly,
					None
				),
				Error::<Test>::ScopeNotWider
			);
			advance(1_000);
			assert_ok!(Pallet::withdraw(
				signed(HOSPITAL_ADMIN),
				trial,
				p,
				WithdrawalScope::DestroyData,
				None
			));
			assert_noop!(
				Pallet::withdraw(
					signed(SITE_PHYSICIAN),
					trial,
					p,
					WithdrawalScope::NoFurtherData,
					None
				),
				Error::<Test>::ScopeNotWider
			);
			let status = Pallet::participant_status(trial, p).unwrap();
			assert_eq!(status.withdrawn, Some((WithdrawalScope::DestroyData, at)));
			assert!(!status.needs_reconsent);
		});
	}

	#[test]
	fn a_participant_withdraws_themselves_with_their_key_for_free() {
		ExtBuilder.build_and_execute(|| {
			let trial = recruiting();
			let p = enrolled(trial, 1);
			lock(trial);
			let scope = WithdrawalScope::NoFurtherData;
			let info = Pallet::withdraw(
				signed(STRANGER),
				trial,
				p,
				scope,
				Some(sign_withdrawal(trial, 1, scope)),
			)
			.unwrap();
			assert_eq!(info.pays_fee, Pays::No);
			assert_eq!(
				last_event(),
				Event::Withdrawn {
					trial,
					participant: p,
					scope,
					self_withdrawal: true,
					by: STRANGER
				}
			);
			assert_eq!(
				Pallet::participant_status(trial, p).unwrap().withdrawn,
				Some((scope, GENESIS_TIME))
			);
			// The same signature again does not widen anything, and pays.
			let err = Pallet::withdraw(
				signed(STRANGER),
				trial,
				p,
				scope,
				Some(sign_withdrawal(trial, 1, scope)),
			)
			.unwrap_err();
			assert_eq!(err.error, Error::<Test>::ScopeNotWider.into());
			assert_eq!(err.post_info.pays_fee, Pays::Yes);
		});
	}

	#[test]
	fn a_signature_binds_its_key_trial_and_scope() {
		ExtBuilder.build_and_execute(|| {
			let trial = recruiting();
			let p = enrolled(trial, 1);
			let scope = WithdrawalScope::FollowUpOnly;
			// Another participant's key.
			assert_noop!(
				Pallet::withdraw(
					signed(STRANGER),
					trial,
					p,
					scope,
					Some(sign_withdrawal(trial, 2, scope))
				),
				Error::<Test>::BadWithdrawalSignature
			);
			// Signed for a narrower scope than the one asked.
			assert_noop!(
				Pallet::withdraw(
					signed(STRANGER),
					trial,
					p,
					WithdrawalScope::DestroyData,
					Some(sign_withdrawal(trial, 1, scope))
				),
				Error::<Test>::BadWithdrawalSignature
			);
			// Signed for another trial.
			assert_noop!(
				Pallet::withdraw(
					signed(STRANGER),
					trial,
					p,
					scope,
					Some(sign_withdrawal(trial + 1, 1, scope))
				),
				Error::<Test>::BadWithdrawalSignature
			);
		});
	}

	#[test]
	fn withdrawal_errors() {
		ExtBuilder.build_and_execute(|| {
			let scope = WithdrawalScope::FollowUpOnly;
			let p = participant(1);
			assert_noop!(
				Pallet::withdraw(signed(SITE_PHYSICIAN), 0, p, scope, None),
				Error::<Test>::TrialNotFound
			);
			let trial = recruiting();
			assert_noop!(
				Pallet::withdraw(signed(SITE_PHYSICIAN), trial, p, scope, None),
				Error::<Test>::ParticipantNotFound
			);
			consent(trial, 1);
			assert_noop!(
				Pallet::withdraw(signed(CLINIC_PHYSICIAN), trial, p, scope, None),
				Error::<Test>::NotTheSite
			);
			assert_noop!(
				Pallet::withdraw(signed(STRANGER), trial, p, scope, None),
				Error::<Test>::NotAPractitioner
			);
			// A participant whose site recorded no key withdraws through the site only.
			let keyless = participant(2);
			assert_ok!(Pallet::record_consent(signed(SITE_PHYSICIAN), trial, keyless, 0, None));
			assert_eq!(Pallet::participant_status(trial, keyless).unwrap().withdrawal_key, None);
			let signature = withdrawal_pair(2).sign(&withdrawal_message(trial, &keyless, scope));
			assert_noop!(
				Pallet::withdraw(signed(STRANGER), trial, keyless, scope, Some(signature)),
				Error::<Test>::NoWithdrawalKey
			);
			assert_ok!(Pallet::withdraw(signed(SITE_PHYSICIAN), trial, keyless, scope, None));
		});
	}

	#[test]
	fn a_consent_adds_a_withdrawal_key_where_none_was_recorded() {
		ExtBuilder.build_and_execute(|| {
			let trial = recruiting();
			let p = participant(2);
			assert_ok!(Pallet::record_consent(signed(SITE_PHYSICIAN), trial, p, 0, None));
			amend(trial, 2, &three_outcomes(), true);
			approve(trial);
			let key = withdrawal_pair(2).public().0;
			assert_ok!(Pallet::record_consent(signed(SITE_PHYSICIAN), trial, p, 1, Some(key)));
			assert_eq!(Pallet::participant_status(trial, p).unwrap().withdrawal_key, Some(key));
			let scope = WithdrawalScope::DestroyData;
			let signature = sign_withdrawal(trial, 2, scope);
			assert_ok!(Pallet::withdraw(signed(STRANGER), trial, p, scope, Some(signature)));
			assert_eq!(
				Pallet::participant_status(trial, p).unwrap().withdrawn.map(|(s, _)| s),
				Some(scope)
			);
		});
	}
}

mod data_and_results {
	use super::*;

	#[test]
	fn commitments_lock_unblinding_and_results() {
		ExtBuilder.build_and_execute(|| {
			let trial = recruiting();
			assert_ok!(Pallet::commit_data(
				signed(RESEARCHER),
				trial,
				DataKind::RandomisationList,
				hash(40),
				200
			));
			assert_eq!(
				last_event(),
				Event::DataCommitted {
					trial,
					kind: DataKind::RandomisationList,
					root: hash(40),
					leaf_count: 200,
					by: RESEARCHER
				}
			);
			enrolled(trial, 1);
			advance(1_000);
			lock(trial);
			assert_eq!(
				Trials::<Test>::get(trial).unwrap().database_lock,
				Some((hash(50), GENESIS_TIME + 1_000))
			);
			advance(1_000);
			assert_ok!(Pallet::record_unblinding(signed(RESEARCHER), trial));
			assert_eq!(last_event(), Event::Unblinded { trial, by: RESEARCHER });
			advance(1_000);
			assert_ok!(Pallet::post_results(signed(RESEARCHER), trial, hash(60), hash(61), 0));
			assert_eq!(
				last_event(),
				Event::ResultsPosted {
					trial,
					results_hash: hash(60),
					results_root: hash(61),
					analysis_plan_version: 0,
					by: RESEARCHER
				}
			);
			let provenance = Pallet::results_provenance(trial).unwrap();
			assert_eq!(provenance.database_lock, Some((hash(50), GENESIS_TIME + 1_000)));
			assert_eq!(provenance.unblinded_at, Some(GENESIS_TIME + 2_000));
			assert_eq!(provenance.results, Some((hash(60), hash(61), GENESIS_TIME + 3_000)));
			assert_eq!(provenance.analysis_plan_version, Some(0));
			assert_eq!(provenance.first_enrolment, Some(GENESIS_TIME));
			assert_eq!(provenance.amendments_after_enrolment, vec![]);
			assert_eq!(Pallet::results_provenance(9), None);
		});
	}

	#[test]
	fn data_errors() {
		ExtBuilder.build_and_execute(|| {
			assert_noop!(
				Pallet::commit_data(signed(RESEARCHER), 0, DataKind::InterimAnalysis, hash(1), 1),
				Error::<Test>::TrialNotFound
			);
			let trial = recruiting();
			assert_noop!(
				Pallet::commit_data(
					signed(SITE_PHYSICIAN),
					trial,
					DataKind::InterimAnalysis,
					hash(1),
					1
				),
				Error::<Test>::NotTheSponsor
			);
			for count in [0, merkle::MAX_LEAVES + 1] {
				assert_noop!(
					Pallet::commit_data(
						signed(RESEARCHER),
						trial,
						DataKind::InterimAnalysis,
						hash(1),
						count
					),
					Error::<Test>::InvalidLeafCount
				);
			}
			assert_noop!(
				Pallet::commit_data(signed(RESEARCHER), trial, DataKind::DatabaseLock, hash(1), 1),
				Error::<Test>::NotYetEnrolled
			);
			enrolled(trial, 1);
			for n in 0..MAX_COMMITMENTS {
				assert_ok!(Pallet::commit_data(
					signed(RESEARCHER),
					trial,
					DataKind::InterimAnalysis,
					hash(n as u8),
					1
				));
			}
			assert_noop!(
				Pallet::commit_data(signed(RESEARCHER), trial, DataKind::DatabaseLock, hash(1), 1),
				Error::<Test>::TooManyCommitments
			);
		});
	}

	#[test]
	fn nothing_is_committed_after_the_lock() {
		ExtBuilder.build_and_execute(|| {
			let trial = recruiting();
			enrolled(trial, 1);
			lock(trial);
			for kind in
				[DataKind::DatabaseLock, DataKind::InterimAnalysis, DataKind::RandomisationList]
			{
				assert_noop!(
					Pallet::commit_data(signed(RESEARCHER), trial, kind, hash(2), 1),
					Error::<Test>::DatabaseLocked
				);
			}
		});
	}

	#[test]
	fn unblinding_and_results_need_a_lock() {
		ExtBuilder.build_and_execute(|| {
			assert_noop!(
				Pallet::record_unblinding(signed(RESEARCHER), 0),
				Error::<Test>::TrialNotFound
			);
			assert_noop!(
				Pallet::post_results(signed(RESEARCHER), 0, hash(60), hash(61), 0),
				Error::<Test>::TrialNotFound
			);
			let trial = recruiting();
			enrolled(trial, 1);
			assert_noop!(
				Pallet::record_unblinding(signed(RESEARCHER), trial),
				Error::<Test>::NoDatabaseLock
			);
			assert_noop!(
				Pallet::post_results(signed(RESEARCHER), trial, hash(60), hash(61), 0),
				Error::<Test>::NoDatabaseLock
			);
			lock(trial);
			assert_noop!(
				Pallet::record_unblinding(signed(SITE_PHYSICIAN), trial),
				Error::<Test>::NotTheSponsor
			);
			assert_ok!(Pallet::record_unblinding(signed(RESEARCHER), trial));
			assert_noop!(
				Pallet::record_unblinding(signed(RESEARCHER), trial),
				Error::<Test>::AlreadyUnblinded
			);
		});
	}

	#[test]
	fn results_follow_an_approved_plan_committed_before_unblinding() {
		ExtBuilder.build_and_execute(|| {
			let trial = recruiting();
			enrolled(trial, 1);
			// Version 1, never approved; version 2 comes after unblinding.
			amend(trial, 2, &three_outcomes(), false);
			lock(trial);
			assert_ok!(Pallet::record_unblinding(signed(RESEARCHER), trial));
			amend(trial, 3, &three_outcomes(), false);
			approve(trial);
			let post = |v| Pallet::post_results(signed(RESEARCHER), trial, hash(60), hash(61), v);
			assert_noop!(post(9), Error::<Test>::UnknownVersion);
			assert_noop!(post(1), Error::<Test>::AnalysisPlanNotApproved);
			assert_noop!(post(2), Error::<Test>::AnalysisPlanAfterUnblinding);
			assert_noop!(
				Pallet::post_results(signed(OTHER_RESEARCHER), trial, hash(60), hash(61), 0),
				Error::<Test>::NotTheSponsor
			);
			assert_ok!(post(0));
			assert_noop!(post(0), Error::<Test>::ResultsAlreadyPosted);
			let provenance = Pallet::results_provenance(trial).unwrap();
			assert_eq!(
				provenance.amendments_after_enrolment,
				vec![
					(1, TrialPhase::AfterEnrolment, false),
					(2, TrialPhase::AfterUnblinding, false)
				]
			);
		});
	}
}

mod status {
	use super::*;

	#[test]
	fn status_changes_are_recorded_with_why_a_trial_stopped() {
		ExtBuilder.build_and_execute(|| {
			let trial = recruiting();
			assert_ok!(Pallet::set_status(
				signed(RESEARCHER),
				trial,
				RecruitmentStatus::Recruiting,
				None
			));
			advance(1_000);
			assert_ok!(Pallet::set_status(
				signed(RESEARCHER),
				trial,
				RecruitmentStatus::Suspended,
				Some(hash(90))
			));
			assert_eq!(
				last_event(),
				Event::StatusChanged {
					trial,
					status: RecruitmentStatus::Suspended,
					why_stopped: Some(hash(90)),
					by: RESEARCHER
				}
			);
			let suspension = DocumentCommitment {
				version: None,
				phase: TrialPhase::BeforeEnrolment,
				committed_at: GENESIS_TIME + 1_000,
			};
			assert_eq!(
				Trials::<Test>::get(trial).unwrap().why_stopped,
				Some((hash(90), GENESIS_TIME + 1_000, TrialPhase::BeforeEnrolment))
			);
			// Resuming clears the current reason; the history keeps it.
			advance(1_000);
			assert_ok!(Pallet::set_status(
				signed(RESEARCHER),
				trial,
				RecruitmentStatus::Recruiting,
				None
			));
			assert_eq!(Trials::<Test>::get(trial).unwrap().why_stopped, None);
			enrolled(trial, 1);
			advance(1_000);
			assert_ok!(Pallet::set_status(
				signed(RESEARCHER),
				trial,
				RecruitmentStatus::Terminated,
				Some(hash(91))
			));
			assert_eq!(
				Pallet::verify_document(trial, DocumentKind::WhyStopped, hash(90)),
				Some(suspension)
			);
			assert_eq!(
				Pallet::verify_document(trial, DocumentKind::WhyStopped, hash(91)),
				Some(DocumentCommitment {
					version: None,
					phase: TrialPhase::AfterEnrolment,
					committed_at: GENESIS_TIME + 3_000
				})
			);
			assert_eq!(Pallet::verify_document(trial, DocumentKind::WhyStopped, hash(92)), None);
			assert_eq!(
				steps(trial).last(),
				Some(&TrialStep::StatusChanged {
					status: RecruitmentStatus::Terminated,
					why_stopped: Some(hash(91)),
					phase: TrialPhase::AfterEnrolment
				})
			);
		});
	}

	#[test]
	fn a_withdrawn_trial_says_why() {
		ExtBuilder.build_and_execute(|| {
			let trial = recruiting();
			assert_ok!(Pallet::set_status(
				signed(RESEARCHER),
				trial,
				RecruitmentStatus::Withdrawn,
				Some(hash(90))
			));
			assert_eq!(
				Pallet::verify_document(trial, DocumentKind::WhyStopped, hash(90)),
				Some(DocumentCommitment {
					version: None,
					phase: TrialPhase::BeforeEnrolment,
					committed_at: GENESIS_TIME
				})
			);
		});
	}

	#[test]
	fn status_errors() {
		ExtBuilder.build_and_execute(|| {
			assert_noop!(
				Pallet::set_status(signed(RESEARCHER), 0, RecruitmentStatus::Recruiting, None),
				Error::<Test>::TrialNotFound
			);
			let trial = recruiting();
			assert_noop!(
				Pallet::set_status(
					signed(SITE_PHYSICIAN),
					trial,
					RecruitmentStatus::Recruiting,
					None
				),
				Error::<Test>::NotTheSponsor
			);
			assert_noop!(
				Pallet::set_status(
					signed(RESEARCHER),
					trial,
					RecruitmentStatus::NotYetRecruiting,
					None
				),
				Error::<Test>::StatusUnchanged
			);
			for stopped in [
				RecruitmentStatus::Suspended,
				RecruitmentStatus::Terminated,
				RecruitmentStatus::Withdrawn,
			] {
				assert_noop!(
					Pallet::set_status(signed(RESEARCHER), trial, stopped, None),
					Error::<Test>::ReasonRequired
				);
			}
			assert_noop!(
				Pallet::set_status(
					signed(RESEARCHER),
					trial,
					RecruitmentStatus::Recruiting,
					Some(hash(1))
				),
				Error::<Test>::UnexpectedReason
			);
			enrolled(trial, 1);
			assert_noop!(
				Pallet::set_status(
					signed(RESEARCHER),
					trial,
					RecruitmentStatus::Withdrawn,
					Some(hash(1))
				),
				Error::<Test>::TrialHasEnrolled
			);
		});
	}

	#[test]
	fn status_changes_cannot_crowd_out_the_rest_of_the_history() {
		ExtBuilder.build_and_execute(|| {
			let trial = recruiting();
			assert_eq!(Pallet::max_status_changes(), 4);
			for (status, why) in [
				(RecruitmentStatus::Recruiting, None),
				(RecruitmentStatus::Suspended, Some(hash(1))),
				(RecruitmentStatus::Recruiting, None),
			] {
				assert_ok!(Pallet::set_status(signed(RESEARCHER), trial, status, why));
			}
			assert_noop!(
				Pallet::set_status(
					signed(RESEARCHER),
					trial,
					RecruitmentStatus::Suspended,
					Some(hash(1))
				),
				Error::<Test>::HistoryFull
			);
			// Everything else a trial records still fits, to the last entry.
			assert_ok!(Pallet::activate_site(signed(RESEARCHER), trial, CLINIC));
			amend(trial, 2, &three_outcomes(), false);
			approve(trial);
			amend(trial, 3, &three_outcomes(), false);
			approve(trial);
			enrolled(trial, 1);
			for kind in [DataKind::RandomisationList, DataKind::InterimAnalysis] {
				assert_ok!(Pallet::commit_data(signed(RESEARCHER), trial, kind, hash(40), 4));
			}
			lock(trial);
			assert_ok!(Pallet::record_unblinding(signed(RESEARCHER), trial));
			assert_ok!(Pallet::post_results(signed(RESEARCHER), trial, hash(60), hash(61), 2));
			// The last status change is the trial's end's.
			assert_ok!(Pallet::set_status(
				signed(RESEARCHER),
				trial,
				RecruitmentStatus::Completed,
				None
			));
			assert_eq!(Trials::<Test>::get(trial).unwrap().history, MAX_HISTORY);
			assert_eq!(Pallet::history(trial, 0, 1_000).len(), MAX_HISTORY as usize);
		});
	}
}

mod runtime_api {
	use super::*;

	#[test]
	fn was_prespecified_proves_an_outcome_against_the_first_version_holding_it() {
		ExtBuilder.build_and_execute(|| {
			let trial = recruiting();
			enrolled(trial, 1);
			let outcomes = three_outcomes();
			let (_, proofs) = root_and_proofs(&outcomes);
			advance(7 * DAY_MS);
			// Version 1 drops the first primary outcome and adds another.
			let mut switched = outcomes[1..].to_vec();
			switched.extend(leaves(&[(OutcomeLevel::Primary, 4)]));
			amend(trial, 2, &switched, false);
			let (_, switched_proofs) = root_and_proofs(&switched);
			assert_eq!(
				Pallet::was_prespecified(trial, outcomes[0], proofs[0].clone(), 0),
				Some(Prespecification {
					version: 0,
					phase: TrialPhase::BeforeEnrolment,
					committed_at: GENESIS_TIME
				})
			);
			// The new outcome was specified only after enrolment began.
			assert_eq!(
				Pallet::was_prespecified(trial, switched[2], switched_proofs[2].clone(), 2),
				Some(Prespecification {
					version: 1,
					phase: TrialPhase::AfterEnrolment,
					committed_at: GENESIS_TIME + 7 * DAY_MS
				})
			);
			// A wrong index, a wrong proof, an unknown leaf or trial: no answer, no panic.
			assert_eq!(Pallet::was_prespecified(trial, outcomes[0], proofs[0].clone(), 1), None);
			assert_eq!(Pallet::was_prespecified(trial, outcomes[0], proofs[1].clone(), 0), None);
			assert_eq!(Pallet::was_prespecified(trial, hash(3), proofs[0].clone(), 0), None);
			assert_eq!(Pallet::was_prespecified(trial, outcomes[0], vec![hash(1); 100], 0), None);
			assert_eq!(Pallet::was_prespecified(9, outcomes[0], proofs[0].clone(), 0), None);
			assert_eq!(
				Pallet::was_prespecified(trial, outcomes[0], proofs[0].clone(), u32::MAX),
				None
			);
		});
	}

	#[test]
	fn verify_document_answers_where_a_hash_was_first_committed() {
		ExtBuilder.build_and_execute(|| {
			let trial = recruiting();
			enrolled(trial, 1);
			advance(1_000);
			let mut d = documents(1, &three_outcomes());
			d.protocol_hash = hash(2);
			assert_ok!(Pallet::amend_protocol(
				signed(RESEARCHER),
				trial,
				d,
				AmendmentReason::Safety,
				false
			));
			let v0 = DocumentCommitment {
				version: Some(0),
				phase: TrialPhase::BeforeEnrolment,
				committed_at: GENESIS_TIME,
			};
			let v1 = DocumentCommitment {
				version: Some(1),
				phase: TrialPhase::AfterEnrolment,
				committed_at: GENESIS_TIME + 1_000,
			};
			assert_eq!(Pallet::verify_document(trial, DocumentKind::Protocol, hash(1)), Some(v0));
			assert_eq!(Pallet::verify_document(trial, DocumentKind::Protocol, hash(2)), Some(v1));
			// Unchanged in version 1: first committed in version 0.
			assert_eq!(
				Pallet::verify_document(trial, DocumentKind::AnalysisPlan, hash(101)),
				Some(v0)
			);
			assert_eq!(
				Pallet::verify_document(trial, DocumentKind::ConsentForm, hash(201)),
				Some(v0)
			);
			assert_eq!(
				Pallet::verify_document(trial, DocumentKind::OutcomesRoot, d.outcomes_root),
				Some(v0)
			);
			assert_eq!(
				Pallet::verify_document(trial, DocumentKind::Title, hash(7)),
				Some(DocumentCommitment {
					version: None,
					phase: TrialPhase::BeforeEnrolment,
					committed_at: GENESIS_TIME
				})
			);
			assert_eq!(Pallet::verify_document(trial, DocumentKind::Protocol, hash(3)), None);
			assert_eq!(Pallet::verify_document(trial, DocumentKind::Results, hash(60)), None);
			lock(trial);
			assert_eq!(
				Pallet::verify_document(trial, DocumentKind::DataRoot, hash(50)),
				Some(DocumentCommitment {
					version: None,
					phase: TrialPhase::AfterEnrolment,
					committed_at: GENESIS_TIME + 1_000
				})
			);
			assert_ok!(Pallet::post_results(signed(RESEARCHER), trial, hash(60), hash(61), 0));
			let after_lock = DocumentCommitment {
				version: None,
				phase: TrialPhase::AfterDataLock,
				committed_at: GENESIS_TIME + 1_000,
			};
			assert_eq!(
				Pallet::verify_document(trial, DocumentKind::Results, hash(60)),
				Some(after_lock)
			);
			assert_eq!(
				Pallet::verify_document(trial, DocumentKind::ResultsRoot, hash(61)),
				Some(after_lock)
			);
			assert_eq!(Pallet::verify_document(9, DocumentKind::Title, hash(7)), None);
		});
	}

	#[test]
	fn history_pages() {
		ExtBuilder.build_and_execute(|| {
			let trial = recruiting();
			enrolled(trial, 1);
			assert_eq!(
				steps(trial),
				vec![
					TrialStep::Registered,
					TrialStep::VersionApproved { version: 0, committee: ETHICS },
					TrialStep::SiteActivated { site: HOSPITAL },
					TrialStep::FirstEnrolment { site: HOSPITAL },
				]
			);
			let page: Vec<TrialStep> =
				Pallet::history(trial, 1, 2).into_iter().map(|e| e.step).collect();
			assert_eq!(page, steps(trial)[1..3].to_vec());
			assert!(Pallet::history(trial, 4, 10).is_empty());
			assert!(Pallet::history(trial, u32::MAX, u32::MAX).is_empty());
			assert!(Pallet::history(9, 0, 10).is_empty());
		});
	}
}
