//! Unit tests: every call's success, every error path, and the directory's answers.

use crate::{mock::*, Error, Event, NextOrganizationId, Organizations, Practitioners};
use frame_support::{assert_noop, assert_ok};
use medchain_primitives::{
	ConsortiumDirectory, OrgKind, OrgStatus, PractitionerInfo, PractitionerRole,
};
use sp_runtime::DispatchError;

type Directory = crate::Pallet<Test>;

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

mod register_organization {
	use super::*;

	#[test]
	fn governance_admits_an_active_organization_under_the_next_id() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::register_organization(
				root(),
				7,
				OrgKind::Pharmacy,
				b"Corner Pharmacy".to_vec(),
				licence(9)
			));
			assert_eq!(
				last_event(),
				Event::OrganizationRegistered { org: 2, admin: 7, kind: OrgKind::Pharmacy }
			);
			let org = Organizations::<Test>::get(2).unwrap();
			assert_eq!(
				(org.admin, org.kind, org.status),
				(7, OrgKind::Pharmacy, OrgStatus::Active)
			);
			assert_eq!(org.name.to_vec(), b"Corner Pharmacy".to_vec());
			assert_eq!(org.license_hash, licence(9));
			assert_eq!(NextOrganizationId::<Test>::get(), 3);
			assert_eq!(Directory::active_organization(2), Some(OrgKind::Pharmacy));
			assert!(Directory::is_active_admin(2, &7));
		});
	}

	#[test]
	fn a_signed_account_cannot_admit() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::register_organization(
					signed(HOSPITAL_ADMIN),
					7,
					OrgKind::Pharmacy,
					b"Rogue".to_vec(),
					licence(9)
				),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn empty_name_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::register_organization(root(), 7, OrgKind::Clinic, vec![], licence(9)),
				Error::<Test>::NameEmpty
			);
		});
	}

	#[test]
	fn overlong_name_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			let name = vec![b'x'; MaxNameLength::get() as usize + 1];
			assert_noop!(
				Consortium::register_organization(root(), 7, OrgKind::Clinic, name, licence(9)),
				Error::<Test>::NameTooLong
			);
			let longest = vec![b'x'; MaxNameLength::get() as usize];
			assert_ok!(Consortium::register_organization(
				root(),
				7,
				OrgKind::Clinic,
				longest,
				licence(9)
			));
		});
	}

	#[test]
	fn ids_never_wrap_around() {
		ExtBuilder::default().build_and_execute(|| {
			NextOrganizationId::<Test>::put(u32::MAX);
			assert_noop!(
				Consortium::register_organization(
					root(),
					7,
					OrgKind::Clinic,
					b"Last".to_vec(),
					licence(9)
				),
				Error::<Test>::TooManyOrganizations
			);
		});
	}
}

mod set_organization_status {
	use super::*;

	#[test]
	fn suspension_removes_every_right_at_once_and_reinstatement_restores_them() {
		ExtBuilder::default().build_and_execute(|| {
			assert!(Directory::active_practitioner(&PHYSICIAN).is_some());
			assert_ok!(Consortium::set_organization_status(root(), HOSPITAL, OrgStatus::Suspended));
			assert_eq!(
				last_event(),
				Event::OrganizationStatusChanged {
					org: HOSPITAL,
					from: OrgStatus::Active,
					to: OrgStatus::Suspended
				}
			);
			assert_eq!(Directory::active_organization(HOSPITAL), None);
			assert_eq!(Directory::active_practitioner(&PHYSICIAN), None);
			assert!(!Directory::is_active_admin(HOSPITAL, &HOSPITAL_ADMIN));
			// The practitioner record itself is untouched: nothing was iterated or removed.
			assert!(Practitioners::<Test>::contains_key(PHYSICIAN));

			assert_ok!(Consortium::set_organization_status(root(), HOSPITAL, OrgStatus::Active));
			assert_eq!(
				Directory::active_practitioner(&PHYSICIAN),
				Some(PractitionerInfo {
					org: HOSPITAL,
					org_kind: OrgKind::Hospital,
					role: PractitionerRole::Physician
				})
			);
			assert!(Directory::is_active_admin(HOSPITAL, &HOSPITAL_ADMIN));
		});
	}

	#[test]
	fn revocation_is_final() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::set_organization_status(root(), LAB, OrgStatus::Revoked));
			assert_noop!(
				Consortium::set_organization_status(root(), LAB, OrgStatus::Active),
				Error::<Test>::OrganizationRevoked
			);
		});
	}

	#[test]
	fn same_status_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::set_organization_status(root(), LAB, OrgStatus::Active),
				Error::<Test>::StatusUnchanged
			);
		});
	}

	#[test]
	fn unknown_organization_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::set_organization_status(root(), 42, OrgStatus::Suspended),
				Error::<Test>::OrganizationNotFound
			);
		});
	}

	#[test]
	fn an_admin_cannot_change_standing() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::set_organization_status(
					signed(HOSPITAL_ADMIN),
					LAB,
					OrgStatus::Suspended
				),
				DispatchError::BadOrigin
			);
		});
	}
}

mod transfer_organization_admin {
	use super::*;

	#[test]
	fn the_admin_hands_over_the_role() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::transfer_organization_admin(signed(LAB_ADMIN), LAB, 5));
			assert_eq!(
				last_event(),
				Event::OrganizationAdminTransferred { org: LAB, from: LAB_ADMIN, to: 5 }
			);
			assert!(Directory::is_active_admin(LAB, &5));
			assert!(!Directory::is_active_admin(LAB, &LAB_ADMIN));
			assert_noop!(
				Consortium::add_practitioner(
					signed(LAB_ADMIN),
					LAB,
					LAB_TECH,
					PractitionerRole::LabTechnician,
					licence(4),
					None
				),
				Error::<Test>::NotOrganizationAdmin
			);
		});
	}

	#[test]
	fn only_the_admin_may_hand_over() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::transfer_organization_admin(signed(STRANGER), LAB, STRANGER),
				Error::<Test>::NotOrganizationAdmin
			);
		});
	}

	#[test]
	fn a_suspended_organizations_admin_cannot_hand_over() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::set_organization_status(root(), LAB, OrgStatus::Suspended));
			assert_noop!(
				Consortium::transfer_organization_admin(signed(LAB_ADMIN), LAB, 5),
				Error::<Test>::OrganizationNotActive
			);
		});
	}

	#[test]
	fn handing_over_to_oneself_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::transfer_organization_admin(signed(LAB_ADMIN), LAB, LAB_ADMIN),
				Error::<Test>::AdminUnchanged
			);
		});
	}

	#[test]
	fn unknown_organization_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::transfer_organization_admin(signed(LAB_ADMIN), 42, 5),
				Error::<Test>::OrganizationNotFound
			);
		});
	}
}

mod add_practitioner {
	use super::*;

	fn add(admin: u64, org: u32, who: u64, valid_until: Option<u64>) -> sp_runtime::DispatchResult {
		Consortium::add_practitioner(
			signed(admin),
			org,
			who,
			PractitionerRole::LabTechnician,
			licence(4),
			valid_until,
		)
	}

	#[test]
	fn the_admin_registers_a_practitioner() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(add(LAB_ADMIN, LAB, LAB_TECH, Some(GENESIS_TIME + 1)));
			assert_eq!(
				last_event(),
				Event::PractitionerAdded {
					org: LAB,
					practitioner: LAB_TECH,
					role: PractitionerRole::LabTechnician,
					valid_until: Some(GENESIS_TIME + 1)
				}
			);
			assert_eq!(Organizations::<Test>::get(LAB).unwrap().practitioners, 1);
			assert_eq!(
				Directory::active_practitioner(&LAB_TECH).map(|p| (p.org, p.org_kind)),
				Some((LAB, OrgKind::Laboratory))
			);
			assert!(Directory::is_practitioner_of_kind(&LAB_TECH, &[OrgKind::Laboratory]));
			assert!(!Directory::is_practitioner_of_kind(&LAB_TECH, &[OrgKind::Hospital]));
		});
	}

	#[test]
	fn rights_end_by_themselves_at_valid_until() {
		ExtBuilder::default().build_and_execute(|| {
			let until = GENESIS_TIME + 6_000;
			assert_ok!(add(LAB_ADMIN, LAB, LAB_TECH, Some(until)));
			set_time(until - 1);
			assert!(Directory::active_practitioner(&LAB_TECH).is_some());
			set_time(until);
			assert_eq!(Directory::active_practitioner(&LAB_TECH), None);
			// Still registered (the admin may remove it), but nobody for the other pallets.
			assert!(Practitioners::<Test>::contains_key(LAB_TECH));
		});
	}

	#[test]
	fn validity_must_end_in_the_future() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				add(LAB_ADMIN, LAB, LAB_TECH, Some(GENESIS_TIME)),
				Error::<Test>::ValidityAlreadyEnded
			);
		});
	}

	#[test]
	fn an_account_acts_for_one_organization_only() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(add(LAB_ADMIN, LAB, PHYSICIAN, None), Error::<Test>::AlreadyPractitioner);
			assert_noop!(
				add(HOSPITAL_ADMIN, HOSPITAL, PHYSICIAN, None),
				Error::<Test>::AlreadyPractitioner
			);
		});
	}

	#[test]
	fn staff_is_bounded() {
		ExtBuilder::default().build_and_execute(|| {
			for who in 30..33 {
				assert_ok!(add(LAB_ADMIN, LAB, who, None));
			}
			assert_noop!(add(LAB_ADMIN, LAB, 33, None), Error::<Test>::TooManyPractitioners);
		});
	}

	#[test]
	fn a_stranger_cannot_register_staff() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(add(STRANGER, LAB, LAB_TECH, None), Error::<Test>::NotOrganizationAdmin);
			assert_noop!(
				add(HOSPITAL_ADMIN, LAB, LAB_TECH, None),
				Error::<Test>::NotOrganizationAdmin
			);
		});
	}

	#[test]
	fn a_suspended_organizations_admin_cannot_register_staff() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::set_organization_status(root(), LAB, OrgStatus::Suspended));
			assert_noop!(add(LAB_ADMIN, LAB, LAB_TECH, None), Error::<Test>::OrganizationNotActive);
		});
	}

	#[test]
	fn unknown_organization_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(add(LAB_ADMIN, 42, LAB_TECH, None), Error::<Test>::OrganizationNotFound);
		});
	}
}

mod remove_practitioner {
	use super::*;

	#[test]
	fn the_admin_removes_a_practitioner() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::remove_practitioner(
				signed(HOSPITAL_ADMIN),
				HOSPITAL,
				PHYSICIAN
			));
			assert_eq!(
				last_event(),
				Event::PractitionerRemoved {
					org: HOSPITAL,
					practitioner: PHYSICIAN,
					by: Some(HOSPITAL_ADMIN)
				}
			);
			assert_eq!(Directory::active_practitioner(&PHYSICIAN), None);
			assert_eq!(Organizations::<Test>::get(HOSPITAL).unwrap().practitioners, 0);
			// The account is free to join another organisation.
			assert_ok!(Consortium::add_practitioner(
				signed(LAB_ADMIN),
				LAB,
				PHYSICIAN,
				PractitionerRole::Researcher,
				licence(5),
				None
			));
		});
	}

	#[test]
	fn governance_removes_even_from_a_suspended_organization() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::set_organization_status(root(), HOSPITAL, OrgStatus::Suspended));
			assert_noop!(
				Consortium::remove_practitioner(signed(HOSPITAL_ADMIN), HOSPITAL, PHYSICIAN),
				Error::<Test>::OrganizationNotActive
			);
			assert_ok!(Consortium::remove_practitioner(root(), HOSPITAL, PHYSICIAN));
			assert_eq!(
				last_event(),
				Event::PractitionerRemoved { org: HOSPITAL, practitioner: PHYSICIAN, by: None }
			);
		});
	}

	#[test]
	fn only_practitioners_of_that_organization_can_be_removed() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::remove_practitioner(signed(HOSPITAL_ADMIN), HOSPITAL, STRANGER),
				Error::<Test>::PractitionerNotFound
			);
			assert_noop!(
				Consortium::remove_practitioner(signed(LAB_ADMIN), LAB, PHYSICIAN),
				Error::<Test>::PractitionerNotFound
			);
		});
	}

	#[test]
	fn a_stranger_cannot_remove() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::remove_practitioner(signed(STRANGER), HOSPITAL, PHYSICIAN),
				Error::<Test>::NotOrganizationAdmin
			);
			assert_noop!(
				Consortium::remove_practitioner(RuntimeOrigin::none(), HOSPITAL, PHYSICIAN),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn unknown_organization_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::remove_practitioner(root(), 42, PHYSICIAN),
				Error::<Test>::OrganizationNotFound
			);
		});
	}
}

mod directory {
	use super::*;

	#[test]
	fn genesis_founds_the_consortium_in_order() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(NextOrganizationId::<Test>::get(), 2);
			assert_eq!(Directory::active_organization(HOSPITAL), Some(OrgKind::Hospital));
			assert_eq!(Directory::active_organization(LAB), Some(OrgKind::Laboratory));
			assert_eq!(Directory::active_organization(2), None);
			assert!(Directory::is_active_admin(HOSPITAL, &HOSPITAL_ADMIN));
			assert_eq!(Organizations::<Test>::get(HOSPITAL).unwrap().practitioners, 1);
		});
	}

	#[test]
	fn strangers_and_admins_are_not_practitioners() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(Directory::active_practitioner(&STRANGER), None);
			assert_eq!(Directory::active_practitioner(&HOSPITAL_ADMIN), None);
			assert!(!Directory::is_active_admin(LAB, &HOSPITAL_ADMIN));
		});
	}

	#[test]
	fn a_revoked_organizations_staff_are_nobody() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::set_organization_status(root(), HOSPITAL, OrgStatus::Revoked));
			assert_eq!(Directory::active_practitioner(&PHYSICIAN), None);
			assert!(!Directory::is_practitioner_of_kind(&PHYSICIAN, &[OrgKind::Hospital]));
		});
	}

	#[test]
	fn an_empty_consortium_knows_nobody() {
		ExtBuilder::default().empty().build_and_execute(|| {
			assert_eq!(NextOrganizationId::<Test>::get(), 0);
			assert_eq!(Directory::active_organization(0), None);
			assert_eq!(Directory::active_practitioner(&PHYSICIAN), None);
		});
	}
}

#[test]
fn try_state_detects_a_wrong_practitioner_count() {
	ExtBuilder::default().build().execute_with(|| {
		Organizations::<Test>::mutate(HOSPITAL, |o| o.as_mut().unwrap().practitioners = 5);
		assert!(crate::Pallet::<Test>::do_try_state().is_err());
	});
}

mod view_functions {
	use super::*;

	#[test]
	fn answer_as_the_directory_does() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(
				Consortium::practitioner_info(PHYSICIAN),
				Some(PractitionerInfo {
					org: HOSPITAL,
					org_kind: OrgKind::Hospital,
					role: PractitionerRole::Physician
				})
			);
			assert_eq!(Consortium::organization_kind(LAB), Some(OrgKind::Laboratory));
			assert!(Consortium::is_organization_admin(LAB, LAB_ADMIN));
			assert_eq!(Consortium::practitioner_info(STRANGER), None);

			assert_ok!(Consortium::set_organization_status(root(), HOSPITAL, OrgStatus::Suspended));
			assert_eq!(Consortium::practitioner_info(PHYSICIAN), None);
			assert_eq!(Consortium::organization_kind(HOSPITAL), None);
			assert!(!Consortium::is_organization_admin(HOSPITAL, HOSPITAL_ADMIN));
		});
	}
}
