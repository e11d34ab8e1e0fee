//! Unit tests: every call's success, every error path, and the directory's answers.

use crate::{
	mock::*, AdministeredOrganization, CompanyPrefixOwners, CompanyPrefixStems, Error, Event,
	Invitations, NextOrganizationId, OrganizationCompanyPrefixes, Organizations, PendingAdmin,
	PendingInvitations, Practitioners,
};
use frame_support::{assert_noop, assert_ok};
use medchain_primitives::{
	ConsortiumDirectory, OrgKind, OrgStatus, PractitionerInfo, PractitionerRole,
};
use sp_runtime::{BuildStorage, DispatchError};

type Directory = crate::Pallet<Test>;

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

/// `admin` invites `who` to `org` as a lab technician, and `who` accepts.
fn enrol(admin: u64, org: u32, who: u64, valid_until: Option<u64>) -> sp_runtime::DispatchResult {
	Consortium::add_practitioner(
		signed(admin),
		org,
		who,
		PractitionerRole::LabTechnician,
		licence(4),
		valid_until,
	)?;
	Consortium::accept_practitioner_invitation(signed(who), org)
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
				Error::<Test>::EmptyName
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
				Error::<Test>::IdsExhausted
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
	fn the_admin_offers_the_role_and_the_successor_takes_it() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::transfer_organization_admin(signed(LAB_ADMIN), LAB, 5));
			assert_eq!(
				last_event(),
				Event::OrganizationAdminProposed { org: LAB, admin: LAB_ADMIN, proposed: 5 }
			);
			assert_eq!(PendingAdmin::<Test>::get(LAB), Some(5));
			assert_ok!(Consortium::accept_organization_admin(signed(5), LAB));
			assert_eq!(
				last_event(),
				Event::OrganizationAdminTransferred { org: LAB, from: LAB_ADMIN, to: 5 }
			);
			assert_eq!(PendingAdmin::<Test>::get(LAB), None);
			assert!(Directory::is_active_admin(LAB, &5));
			assert!(!Directory::is_active_admin(LAB, &LAB_ADMIN));
			assert_eq!(Directory::administered_organization(&5), Some((LAB, OrgKind::Laboratory)));
			assert_eq!(Directory::administered_organization(&LAB_ADMIN), None);
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
			// The former admin is free to administer another organisation.
			assert_ok!(Consortium::register_organization(
				root(),
				LAB_ADMIN,
				OrgKind::Clinic,
				b"New Clinic".to_vec(),
				licence(9)
			));
		});
	}

	#[test]
	fn a_new_offer_replaces_the_pending_one() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::transfer_organization_admin(signed(LAB_ADMIN), LAB, 5));
			assert_ok!(Consortium::transfer_organization_admin(signed(LAB_ADMIN), LAB, 6));
			assert_noop!(
				Consortium::accept_organization_admin(signed(5), LAB),
				Error::<Test>::NotProposedAdmin
			);
			assert_ok!(Consortium::accept_organization_admin(signed(6), LAB));
		});
	}

	#[test]
	fn the_role_cannot_be_offered_to_another_organizations_admin() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::transfer_organization_admin(signed(LAB_ADMIN), LAB, HOSPITAL_ADMIN),
				Error::<Test>::AlreadyAdmin
			);
		});
	}

	#[test]
	fn the_successor_cannot_accept_once_it_administers_another_organization() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::transfer_organization_admin(signed(LAB_ADMIN), LAB, 5));
			assert_ok!(Consortium::register_organization(
				root(),
				5,
				OrgKind::Clinic,
				b"Other".to_vec(),
				licence(9)
			));
			assert_noop!(
				Consortium::accept_organization_admin(signed(5), LAB),
				Error::<Test>::AlreadyAdmin
			);
		});
	}

	#[test]
	fn only_the_proposed_account_may_accept() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::accept_organization_admin(signed(5), LAB),
				Error::<Test>::AdminTransferNotFound
			);
			assert_ok!(Consortium::transfer_organization_admin(signed(LAB_ADMIN), LAB, 5));
			assert_noop!(
				Consortium::accept_organization_admin(signed(STRANGER), LAB),
				Error::<Test>::NotProposedAdmin
			);
			assert_noop!(
				Consortium::accept_organization_admin(signed(5), 42),
				Error::<Test>::OrganizationNotFound
			);
		});
	}

	#[test]
	fn a_suspended_organizations_role_cannot_be_accepted() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::transfer_organization_admin(signed(LAB_ADMIN), LAB, 5));
			assert_ok!(Consortium::set_organization_status(root(), LAB, OrgStatus::Suspended));
			assert_noop!(
				Consortium::accept_organization_admin(signed(5), LAB),
				Error::<Test>::OrganizationInactive
			);
		});
	}

	#[test]
	fn the_admin_withdraws_its_offer() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::cancel_organization_admin_transfer(signed(LAB_ADMIN), LAB),
				Error::<Test>::AdminTransferNotFound
			);
			assert_ok!(Consortium::transfer_organization_admin(signed(LAB_ADMIN), LAB, 5));
			assert_noop!(
				Consortium::cancel_organization_admin_transfer(signed(5), LAB),
				Error::<Test>::NotOrganizationAdmin
			);
			assert_noop!(
				Consortium::cancel_organization_admin_transfer(signed(LAB_ADMIN), 42),
				Error::<Test>::OrganizationNotFound
			);
			assert_ok!(Consortium::cancel_organization_admin_transfer(signed(LAB_ADMIN), LAB));
			assert_eq!(
				last_event(),
				Event::OrganizationAdminTransferCancelled {
					org: LAB,
					admin: LAB_ADMIN,
					proposed: 5
				}
			);
			assert_noop!(
				Consortium::accept_organization_admin(signed(5), LAB),
				Error::<Test>::AdminTransferNotFound
			);
			assert!(Directory::is_active_admin(LAB, &LAB_ADMIN));
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
				Error::<Test>::OrganizationInactive
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
	fn the_admin_invites_and_the_account_joins_by_accepting() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(add(LAB_ADMIN, LAB, LAB_TECH, Some(GENESIS_TIME + 1)));
			assert_eq!(
				last_event(),
				Event::PractitionerInvited {
					org: LAB,
					practitioner: LAB_TECH,
					role: PractitionerRole::LabTechnician,
					valid_until: Some(GENESIS_TIME + 1),
					expires_at: GENESIS_TIME + InvitationLifetime::get(),
					admin: LAB_ADMIN
				}
			);
			assert_eq!(Directory::active_practitioner(&LAB_TECH), None);
			assert_eq!(PendingInvitations::<Test>::get(LAB), 1);
			assert_ok!(Consortium::accept_practitioner_invitation(signed(LAB_TECH), LAB));
			assert_eq!(
				last_event(),
				Event::PractitionerAdded {
					org: LAB,
					practitioner: LAB_TECH,
					role: PractitionerRole::LabTechnician,
					valid_until: Some(GENESIS_TIME + 1)
				}
			);
			assert_eq!(PendingInvitations::<Test>::get(LAB), 0);
			assert!(!Invitations::<Test>::contains_key(LAB_TECH, LAB));
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
			assert_ok!(enrol(LAB_ADMIN, LAB, LAB_TECH, Some(until)));
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
				assert_ok!(enrol(LAB_ADMIN, LAB, who, None));
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
			assert_noop!(add(LAB_ADMIN, LAB, LAB_TECH, None), Error::<Test>::OrganizationInactive);
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
					admin: Some(HOSPITAL_ADMIN)
				}
			);
			assert_eq!(Directory::active_practitioner(&PHYSICIAN), None);
			assert_eq!(Organizations::<Test>::get(HOSPITAL).unwrap().practitioners, 0);
			// The account is free to join another organisation.
			assert_ok!(enrol(LAB_ADMIN, LAB, PHYSICIAN, None));
		});
	}

	#[test]
	fn governance_removes_even_from_a_suspended_organization() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::set_organization_status(root(), HOSPITAL, OrgStatus::Suspended));
			assert_noop!(
				Consortium::remove_practitioner(signed(HOSPITAL_ADMIN), HOSPITAL, PHYSICIAN),
				Error::<Test>::OrganizationInactive
			);
			assert_ok!(Consortium::remove_practitioner(root(), HOSPITAL, PHYSICIAN));
			assert_eq!(
				last_event(),
				Event::PractitionerRemoved { org: HOSPITAL, practitioner: PHYSICIAN, admin: None }
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

mod audit {
	use super::*;

	/// AUDIT M-15: a one-step transfer hands the admin role to an account that never agreed and
	/// may not even exist; the role must stay with the admin until the successor accepts.
	#[test]
	fn m15_transfer_waits_for_the_successors_acceptance() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::transfer_organization_admin(signed(LAB_ADMIN), LAB, 5));
			assert!(Directory::is_active_admin(LAB, &LAB_ADMIN));
			assert!(!Directory::is_active_admin(LAB, &5));
		});
	}

	/// AUDIT M-15: an admin key is lost or compromised; governance replaces the admin, and the
	/// organisation keeps its id and its practitioners (so every consent given to it holds).
	#[test]
	fn m15_governance_replaces_a_lost_or_compromised_admin() {
		ExtBuilder::default().build_and_execute(|| {
			// The compromised admin offers the role to an accomplice; governance suspends, then
			// replaces the admin: the pending offer lapses.
			assert_ok!(Consortium::transfer_organization_admin(
				signed(HOSPITAL_ADMIN),
				HOSPITAL,
				66
			));
			assert_ok!(Consortium::set_organization_status(root(), HOSPITAL, OrgStatus::Suspended));
			assert_ok!(Consortium::force_set_admin(root(), HOSPITAL, 7));
			assert_eq!(
				last_event(),
				Event::OrganizationAdminReplaced { org: HOSPITAL, from: HOSPITAL_ADMIN, to: 7 }
			);
			assert_eq!(PendingAdmin::<Test>::get(HOSPITAL), None);
			assert_noop!(
				Consortium::accept_organization_admin(signed(66), HOSPITAL),
				Error::<Test>::AdminTransferNotFound
			);
			assert_ok!(Consortium::set_organization_status(root(), HOSPITAL, OrgStatus::Active));
			assert!(Directory::is_active_admin(HOSPITAL, &7));
			assert!(!Directory::is_active_admin(HOSPITAL, &HOSPITAL_ADMIN));
			assert_eq!(Directory::active_practitioner(&PHYSICIAN).map(|p| p.org), Some(HOSPITAL));
			assert_eq!(AdministeredOrganization::<Test>::get(HOSPITAL_ADMIN), None);
		});
	}

	/// AUDIT L-7: another organisation's admin enrols a physician's account without its consent
	/// and so blocks it from joining its real hospital.
	#[test]
	fn l7_no_organisation_captures_another_account() {
		ExtBuilder::default().build_and_execute(|| {
			let physician = 50;
			assert_ok!(Consortium::add_practitioner(
				signed(LAB_ADMIN),
				LAB,
				physician,
				PractitionerRole::LabTechnician,
				licence(4),
				None
			));
			assert_eq!(Directory::active_practitioner(&physician), None);
			assert_ok!(Consortium::add_practitioner(
				signed(HOSPITAL_ADMIN),
				HOSPITAL,
				physician,
				PractitionerRole::Physician,
				licence(5),
				None
			));
			assert_ok!(Consortium::accept_practitioner_invitation(signed(physician), HOSPITAL));
			assert_eq!(Directory::active_practitioner(&physician).map(|p| p.org), Some(HOSPITAL));
			// The rogue invitation cannot be taken up any more, and the account can drop it.
			assert_noop!(
				Consortium::accept_practitioner_invitation(signed(physician), LAB),
				Error::<Test>::AlreadyPractitioner
			);
			assert_ok!(Consortium::decline_practitioner_invitation(signed(physician), LAB));
		});
	}
}

mod audit_l14 {
	use super::*;

	/// AUDIT L-14: a privacy officer can be created, or re-roled, by the same admin. The
	/// privacy officer reviews the emergency accesses of the organisation's staff; an admin who
	/// makes an account of its choice (or one of its staff) the privacy officer makes that
	/// review meaningless. The admin may invite no privacy officer, neither a newcomer nor a
	/// practitioner it removed to invite again in the new role.
	#[test]
	fn l14_an_admin_cannot_make_its_own_privacy_officer() {
		ExtBuilder::default().build_and_execute(|| {
			let accomplice = 50;
			assert_noop!(
				Consortium::add_practitioner(
					signed(HOSPITAL_ADMIN),
					HOSPITAL,
					accomplice,
					PractitionerRole::PrivacyOfficer,
					licence(5),
					None
				),
				Error::<Test>::PrivacyOfficerReserved
			);
			// Re-roling its own physician: removing it works, inviting it back as the privacy
			// officer does not.
			assert_ok!(Consortium::remove_practitioner(
				signed(HOSPITAL_ADMIN),
				HOSPITAL,
				PHYSICIAN
			));
			assert_noop!(
				Consortium::add_practitioner(
					signed(HOSPITAL_ADMIN),
					HOSPITAL,
					PHYSICIAN,
					PractitionerRole::PrivacyOfficer,
					licence(3),
					None
				),
				Error::<Test>::PrivacyOfficerReserved
			);
			assert_eq!(Invitations::<Test>::iter().count(), 0);
			assert_eq!(Directory::active_practitioner(&accomplice), None);
			assert_eq!(Directory::active_practitioner(&PHYSICIAN), None);
		});
	}

	/// AUDIT L-14: the reviewer and the reviewed stay apart. A privacy officer cannot be offered
	/// the admin role, take an offer made before it became one, or be made admin by governance;
	/// an admin cannot take a privacy officer's invitation.
	#[test]
	fn l14_a_privacy_officer_never_holds_an_admin_role() {
		ExtBuilder::default().build_and_execute(|| {
			let officer = 50;
			// An offer made before the account became the officer.
			assert_ok!(Consortium::transfer_organization_admin(signed(LAB_ADMIN), LAB, officer));
			assert_ok!(Consortium::invite_privacy_officer(
				root(),
				HOSPITAL,
				officer,
				licence(5),
				None
			));
			assert_ok!(Consortium::accept_practitioner_invitation(signed(officer), HOSPITAL));
			assert_noop!(
				Consortium::accept_organization_admin(signed(officer), LAB),
				Error::<Test>::PrivacyOfficerAsAdmin
			);
			assert_noop!(
				Consortium::transfer_organization_admin(signed(HOSPITAL_ADMIN), HOSPITAL, officer),
				Error::<Test>::PrivacyOfficerAsAdmin
			);
			assert_noop!(
				Consortium::force_set_admin(root(), LAB, officer),
				Error::<Test>::PrivacyOfficerAsAdmin
			);
			// An admin invited as the privacy officer cannot join as one.
			assert_ok!(Consortium::invite_privacy_officer(
				root(),
				HOSPITAL,
				LAB_ADMIN,
				licence(6),
				None
			));
			assert_noop!(
				Consortium::accept_practitioner_invitation(signed(LAB_ADMIN), HOSPITAL),
				Error::<Test>::PrivacyOfficerAsAdmin
			);
			assert!(Directory::is_active_admin(LAB, &LAB_ADMIN));
			assert_eq!(Directory::administered_organization(&officer), None);
		});
	}

	/// AUDIT L-14: governance invites the privacy officer, who joins by accepting, as any
	/// practitioner does.
	#[test]
	fn l14_governance_invites_the_privacy_officer_who_joins_by_accepting() {
		ExtBuilder::default().build_and_execute(|| {
			let officer = 50;
			assert_ok!(Consortium::invite_privacy_officer(
				root(),
				HOSPITAL,
				officer,
				licence(5),
				Some(GENESIS_TIME + 5_000)
			));
			assert_eq!(
				last_event(),
				Event::PrivacyOfficerInvited {
					org: HOSPITAL,
					practitioner: officer,
					valid_until: Some(GENESIS_TIME + 5_000),
					expires_at: GENESIS_TIME + InvitationLifetime::get()
				}
			);
			assert_eq!(PendingInvitations::<Test>::get(HOSPITAL), 1);
			assert_eq!(Directory::active_practitioner(&officer), None);
			assert_ok!(Consortium::accept_practitioner_invitation(signed(officer), HOSPITAL));
			assert_eq!(
				last_event(),
				Event::PractitionerAdded {
					org: HOSPITAL,
					practitioner: officer,
					role: PractitionerRole::PrivacyOfficer,
					valid_until: Some(GENESIS_TIME + 5_000)
				}
			);
			assert_eq!(
				Directory::active_practitioner(&officer),
				Some(PractitionerInfo {
					org: HOSPITAL,
					org_kind: OrgKind::Hospital,
					role: PractitionerRole::PrivacyOfficer
				})
			);
			assert_eq!(Organizations::<Test>::get(HOSPITAL).unwrap().practitioners, 2);
			assert_eq!(Practitioners::<Test>::get(officer).unwrap().license_hash, licence(5));
		});
	}

	#[test]
	fn the_admin_may_still_remove_a_privacy_officer_or_re_role_it_away() {
		ExtBuilder::default().build_and_execute(|| {
			for officer in [50, 51] {
				assert_ok!(Consortium::invite_privacy_officer(
					root(),
					HOSPITAL,
					officer,
					licence(5),
					None
				));
				assert_ok!(Consortium::accept_practitioner_invitation(signed(officer), HOSPITAL));
			}
			assert_ok!(Consortium::remove_practitioner(signed(HOSPITAL_ADMIN), HOSPITAL, 50));
			assert_eq!(
				last_event(),
				Event::PractitionerRemoved {
					org: HOSPITAL,
					practitioner: 50,
					admin: Some(HOSPITAL_ADMIN)
				}
			);
			assert_eq!(Directory::active_practitioner(&50), None);
			// Re-roled away from PrivacyOfficer: removed, then invited back as a nurse.
			assert_ok!(Consortium::remove_practitioner(signed(HOSPITAL_ADMIN), HOSPITAL, 51));
			assert_ok!(Consortium::add_practitioner(
				signed(HOSPITAL_ADMIN),
				HOSPITAL,
				51,
				PractitionerRole::Nurse,
				licence(6),
				None
			));
			assert_ok!(Consortium::accept_practitioner_invitation(signed(51), HOSPITAL));
			assert_eq!(
				Directory::active_practitioner(&51).map(|p| p.role),
				Some(PractitionerRole::Nurse)
			);
		});
	}

	#[test]
	fn the_admin_may_cancel_or_downgrade_a_privacy_officer_invitation() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::invite_privacy_officer(root(), HOSPITAL, 50, licence(5), None));
			assert_ok!(Consortium::cancel_practitioner_invitation(
				signed(HOSPITAL_ADMIN),
				HOSPITAL,
				50
			));
			assert_eq!(PendingInvitations::<Test>::get(HOSPITAL), 0);
			assert_ok!(Consortium::invite_privacy_officer(root(), HOSPITAL, 51, licence(5), None));
			// The admin's invitation replaces governance's terms, never the other way round.
			assert_ok!(Consortium::add_practitioner(
				signed(HOSPITAL_ADMIN),
				HOSPITAL,
				51,
				PractitionerRole::Nurse,
				licence(6),
				None
			));
			assert_eq!(PendingInvitations::<Test>::get(HOSPITAL), 1);
			assert_ok!(Consortium::accept_practitioner_invitation(signed(51), HOSPITAL));
			assert_eq!(
				Directory::active_practitioner(&51).map(|p| p.role),
				Some(PractitionerRole::Nurse)
			);
		});
	}

	#[test]
	fn genesis_may_still_place_a_privacy_officer() {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		crate::GenesisConfig::<Test> {
			organizations: vec![(1, OrgKind::Hospital, b"Founding".to_vec(), licence(1))],
			practitioners: vec![(0, 50, PractitionerRole::PrivacyOfficer, licence(5))],
			company_prefixes: vec![],
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		sp_io::TestExternalities::new(storage).execute_with(|| {
			assert_eq!(
				Directory::active_practitioner(&50).map(|p| (p.org, p.role)),
				Some((0, PractitionerRole::PrivacyOfficer))
			);
			crate::Pallet::<Test>::do_try_state().unwrap();
		});
	}
}

mod invite_privacy_officer {
	use super::*;

	fn invite(origin: RuntimeOrigin, org: u32, who: u64) -> sp_runtime::DispatchResult {
		Consortium::invite_privacy_officer(origin, org, who, licence(5), None)
	}

	#[test]
	fn only_governance_invites_a_privacy_officer() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(invite(signed(HOSPITAL_ADMIN), HOSPITAL, 50), DispatchError::BadOrigin);
			assert_noop!(invite(RuntimeOrigin::none(), HOSPITAL, 50), DispatchError::BadOrigin);
		});
	}

	#[test]
	fn the_organization_must_exist_and_be_active() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(invite(root(), 42, 50), Error::<Test>::OrganizationNotFound);
			assert_ok!(Consortium::set_organization_status(root(), LAB, OrgStatus::Suspended));
			assert_noop!(invite(root(), LAB, 50), Error::<Test>::OrganizationInactive);
		});
	}

	#[test]
	fn the_account_must_not_act_for_an_organization_yet() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(invite(root(), HOSPITAL, PHYSICIAN), Error::<Test>::AlreadyPractitioner);
			assert_noop!(invite(root(), LAB, PHYSICIAN), Error::<Test>::AlreadyPractitioner);
		});
	}

	#[test]
	fn validity_must_end_in_the_future() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::invite_privacy_officer(
					root(),
					HOSPITAL,
					50,
					licence(5),
					Some(GENESIS_TIME)
				),
				Error::<Test>::ValidityAlreadyEnded
			);
		});
	}

	#[test]
	fn the_invitation_counts_among_the_pending_ones_and_the_staff_bound_holds() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(invite(root(), LAB, 40));
			assert_ok!(invite(root(), LAB, 41));
			assert_noop!(invite(root(), LAB, 42), Error::<Test>::TooManyInvitations);
			// Renewing takes no new place.
			assert_ok!(invite(root(), LAB, 41));
			assert_eq!(PendingInvitations::<Test>::get(LAB), 2);
			assert_ok!(Consortium::decline_practitioner_invitation(signed(40), LAB));
			assert_ok!(Consortium::decline_practitioner_invitation(signed(41), LAB));
			for who in 30..33 {
				assert_ok!(enrol(LAB_ADMIN, LAB, who, None));
			}
			assert_noop!(invite(root(), LAB, 42), Error::<Test>::TooManyPractitioners);
		});
	}
}

mod force_set_admin {
	use super::*;

	#[test]
	fn only_governance_may_replace_an_admin() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::force_set_admin(signed(HOSPITAL_ADMIN), LAB, 7),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn the_new_admin_must_be_another_account_administering_nothing() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::force_set_admin(root(), LAB, LAB_ADMIN),
				Error::<Test>::AdminUnchanged
			);
			assert_noop!(
				Consortium::force_set_admin(root(), LAB, HOSPITAL_ADMIN),
				Error::<Test>::AlreadyAdmin
			);
			assert_noop!(
				Consortium::force_set_admin(root(), 42, 7),
				Error::<Test>::OrganizationNotFound
			);
		});
	}

	#[test]
	fn even_a_revoked_organizations_admin_can_be_replaced() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::set_organization_status(root(), LAB, OrgStatus::Revoked));
			assert_ok!(Consortium::force_set_admin(root(), LAB, 7));
			// The former admin may now be given another organisation.
			assert_ok!(Consortium::register_organization(
				root(),
				LAB_ADMIN,
				OrgKind::Laboratory,
				b"New Lab".to_vec(),
				licence(9)
			));
		});
	}
}

mod one_organization_per_admin {
	use super::*;

	#[test]
	fn an_admin_cannot_be_given_a_second_organization() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::register_organization(
					root(),
					HOSPITAL_ADMIN,
					OrgKind::Clinic,
					b"Second".to_vec(),
					licence(9)
				),
				Error::<Test>::AlreadyAdmin
			);
		});
	}

	#[test]
	fn the_directory_names_an_admins_active_organization() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(
				Directory::administered_organization(&HOSPITAL_ADMIN),
				Some((HOSPITAL, OrgKind::Hospital))
			);
			assert_eq!(
				Consortium::organization_administered_by(LAB_ADMIN),
				Some((LAB, OrgKind::Laboratory))
			);
			assert_eq!(Directory::administered_organization(&STRANGER), None);
			assert_eq!(Directory::administered_organization(&PHYSICIAN), None);
			assert_ok!(Consortium::set_organization_status(root(), LAB, OrgStatus::Suspended));
			assert_eq!(Directory::administered_organization(&LAB_ADMIN), None);
		});
	}

	#[test]
	#[should_panic(expected = "AlreadyAdmin")]
	fn a_genesis_admin_of_two_organizations_is_refused() {
		let config = crate::GenesisConfig::<Test> {
			organizations: vec![
				(1, OrgKind::Hospital, b"A".to_vec(), licence(1)),
				(1, OrgKind::Clinic, b"B".to_vec(), licence(2)),
			],
			..Default::default()
		};
		let _ = config.build_storage();
	}
}

mod invitations {
	use super::*;

	fn invite(admin: u64, org: u32, who: u64) -> sp_runtime::DispatchResult {
		Consortium::add_practitioner(
			signed(admin),
			org,
			who,
			PractitionerRole::LabTechnician,
			licence(4),
			None,
		)
	}

	#[test]
	fn an_invitation_lapses_after_its_lifetime() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(invite(LAB_ADMIN, LAB, LAB_TECH));
			set_time(GENESIS_TIME + InvitationLifetime::get());
			assert_noop!(
				Consortium::accept_practitioner_invitation(signed(LAB_TECH), LAB),
				Error::<Test>::InvitationExpired
			);
			// A renewed invitation can be accepted again.
			assert_ok!(invite(LAB_ADMIN, LAB, LAB_TECH));
			assert_eq!(PendingInvitations::<Test>::get(LAB), 1);
			assert_ok!(Consortium::accept_practitioner_invitation(signed(LAB_TECH), LAB));
		});
	}

	#[test]
	fn a_validity_that_ended_while_pending_is_refused_at_acceptance() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::add_practitioner(
				signed(LAB_ADMIN),
				LAB,
				LAB_TECH,
				PractitionerRole::LabTechnician,
				licence(4),
				Some(GENESIS_TIME + 10)
			));
			set_time(GENESIS_TIME + 10);
			assert_noop!(
				Consortium::accept_practitioner_invitation(signed(LAB_TECH), LAB),
				Error::<Test>::ValidityAlreadyEnded
			);
		});
	}

	#[test]
	fn only_the_invited_account_can_accept_or_decline() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(invite(LAB_ADMIN, LAB, LAB_TECH));
			assert_noop!(
				Consortium::accept_practitioner_invitation(signed(STRANGER), LAB),
				Error::<Test>::InvitationNotFound
			);
			assert_noop!(
				Consortium::decline_practitioner_invitation(signed(STRANGER), LAB),
				Error::<Test>::InvitationNotFound
			);
			assert_noop!(
				Consortium::accept_practitioner_invitation(signed(LAB_TECH), HOSPITAL),
				Error::<Test>::InvitationNotFound
			);
		});
	}

	#[test]
	fn a_suspended_organization_cannot_be_joined() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(invite(LAB_ADMIN, LAB, LAB_TECH));
			assert_ok!(Consortium::set_organization_status(root(), LAB, OrgStatus::Suspended));
			assert_noop!(
				Consortium::accept_practitioner_invitation(signed(LAB_TECH), LAB),
				Error::<Test>::OrganizationInactive
			);
		});
	}

	#[test]
	fn a_full_organization_cannot_be_joined() {
		ExtBuilder::default().build_and_execute(|| {
			for who in 30..32 {
				assert_ok!(enrol(LAB_ADMIN, LAB, who, None));
			}
			assert_ok!(invite(LAB_ADMIN, LAB, 40));
			assert_ok!(invite(LAB_ADMIN, LAB, 41));
			assert_ok!(Consortium::accept_practitioner_invitation(signed(40), LAB));
			assert_noop!(
				Consortium::accept_practitioner_invitation(signed(41), LAB),
				Error::<Test>::TooManyPractitioners
			);
		});
	}

	#[test]
	fn pending_invitations_are_bounded_per_organization() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(invite(LAB_ADMIN, LAB, 40));
			assert_ok!(invite(LAB_ADMIN, LAB, 41));
			assert_noop!(invite(LAB_ADMIN, LAB, 42), Error::<Test>::TooManyInvitations);
			// Re-inviting takes no new place; another organisation has its own places.
			assert_ok!(invite(LAB_ADMIN, LAB, 41));
			assert_ok!(invite(HOSPITAL_ADMIN, HOSPITAL, 42));
			assert_ok!(Consortium::decline_practitioner_invitation(signed(40), LAB));
			assert_eq!(
				last_event(),
				Event::PractitionerInvitationDeclined { org: LAB, practitioner: 40 }
			);
			assert_ok!(invite(LAB_ADMIN, LAB, 42));
		});
	}

	#[test]
	fn the_admin_or_governance_withdraws_an_invitation() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(invite(LAB_ADMIN, LAB, 40));
			assert_ok!(invite(LAB_ADMIN, LAB, 41));
			assert_noop!(
				Consortium::cancel_practitioner_invitation(signed(HOSPITAL_ADMIN), LAB, 40),
				Error::<Test>::NotOrganizationAdmin
			);
			assert_noop!(
				Consortium::cancel_practitioner_invitation(signed(LAB_ADMIN), LAB, 42),
				Error::<Test>::InvitationNotFound
			);
			assert_noop!(
				Consortium::cancel_practitioner_invitation(signed(LAB_ADMIN), 42, 40),
				Error::<Test>::OrganizationNotFound
			);
			assert_noop!(
				Consortium::cancel_practitioner_invitation(RuntimeOrigin::none(), LAB, 40),
				DispatchError::BadOrigin
			);
			assert_ok!(Consortium::cancel_practitioner_invitation(signed(LAB_ADMIN), LAB, 40));
			assert_eq!(
				last_event(),
				Event::PractitionerInvitationCancelled {
					org: LAB,
					practitioner: 40,
					admin: Some(LAB_ADMIN)
				}
			);
			assert_noop!(
				Consortium::accept_practitioner_invitation(signed(40), LAB),
				Error::<Test>::InvitationNotFound
			);
			assert_ok!(Consortium::set_organization_status(root(), LAB, OrgStatus::Suspended));
			assert_noop!(
				Consortium::cancel_practitioner_invitation(signed(LAB_ADMIN), LAB, 41),
				Error::<Test>::OrganizationInactive
			);
			assert_ok!(Consortium::cancel_practitioner_invitation(root(), LAB, 41));
			assert_eq!(
				last_event(),
				Event::PractitionerInvitationCancelled { org: LAB, practitioner: 41, admin: None }
			);
			assert_eq!(PendingInvitations::<Test>::get(LAB), 0);
		});
	}

	#[test]
	fn genesis_practitioners_need_no_invitation() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(Directory::active_practitioner(&PHYSICIAN).map(|p| p.org), Some(HOSPITAL));
			assert_eq!(Invitations::<Test>::iter().count(), 0);
		});
	}
}

mod company_prefixes {
	use super::*;
	use crate::CompanyPrefix;

	fn prefix(digits: &[u8]) -> CompanyPrefix {
		CompanyPrefix::truncate_from(digits.to_vec())
	}

	fn assign(org: u32, digits: &[u8]) -> sp_runtime::DispatchResult {
		Consortium::assign_company_prefix(root(), org, prefix(digits))
	}

	#[test]
	fn governance_assigns_a_prefix_and_codes_starting_with_it_belong_to_the_organization() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(assign(LAB, b"0614141"));
			assert_eq!(
				last_event(),
				Event::CompanyPrefixAssigned { org: LAB, prefix: prefix(b"0614141") }
			);
			// GTIN 00614141123452: the digits after the indicator digit.
			assert_eq!(Directory::company_prefix_owner(b"0614141123452"), Some(LAB));
			assert_eq!(Consortium::owner_of_code(b"0614141123452".to_vec()), Some(LAB));
			assert_eq!(Directory::company_prefix_owner(b"0614142123452"), None);
			assert_eq!(Directory::company_prefix_owner(b"06141"), None);
			assert_eq!(Directory::company_prefix_owner(b""), None);
			assert_eq!(
				OrganizationCompanyPrefixes::<Test>::get(LAB).to_vec(),
				vec![prefix(b"0614141")]
			);
		});
	}

	#[test]
	fn the_shortest_and_longest_prefixes_are_found() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(assign(LAB, b"123456"));
			assert_ok!(assign(HOSPITAL, b"987654321098"));
			assert_eq!(Directory::company_prefix_owner(b"1234567890123"), Some(LAB));
			assert_eq!(Directory::company_prefix_owner(b"9876543210987"), Some(HOSPITAL));
			assert_eq!(Directory::company_prefix_owner(b"987654321098"), Some(HOSPITAL));
			assert_eq!(Directory::company_prefix_owner(b"98765432109"), None);
		});
	}

	#[test]
	fn only_governance_assigns_or_revokes() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::assign_company_prefix(signed(LAB_ADMIN), LAB, prefix(b"0614141")),
				DispatchError::BadOrigin
			);
			assert_ok!(assign(LAB, b"0614141"));
			assert_noop!(
				Consortium::revoke_company_prefix(signed(LAB_ADMIN), prefix(b"0614141")),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn a_prefix_is_six_to_twelve_ascii_digits() {
		ExtBuilder::default().build_and_execute(|| {
			for bad in [&b"12345"[..], b"", b"12345a", b"1234 56", b"\x00\x01\x02\x03\x04\x05"] {
				assert_noop!(assign(LAB, bad), Error::<Test>::InvalidCompanyPrefix);
			}
			assert_ok!(assign(LAB, b"000000"));
		});
	}

	#[test]
	fn a_prefix_has_one_owner_and_none_starts_another() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(assign(LAB, b"0614141"));
			assert_noop!(assign(HOSPITAL, b"0614141"), Error::<Test>::CompanyPrefixAlreadyAssigned);
			assert_noop!(assign(LAB, b"0614141"), Error::<Test>::CompanyPrefixAlreadyAssigned);
			// Longer, starting with an assigned one.
			assert_noop!(assign(HOSPITAL, b"06141412"), Error::<Test>::CompanyPrefixOverlaps);
			// Shorter, the start of an assigned one.
			assert_noop!(assign(HOSPITAL, b"061414"), Error::<Test>::CompanyPrefixOverlaps);
			// A sibling is fine.
			assert_ok!(assign(HOSPITAL, b"0614142"));
			assert_eq!(CompanyPrefixStems::<Test>::get(prefix(b"061414")), 2);
		});
	}

	#[test]
	fn prefixes_are_bounded_per_organization() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(assign(LAB, b"111111"));
			assert_ok!(assign(LAB, b"222222"));
			assert_noop!(assign(LAB, b"333333"), Error::<Test>::TooManyCompanyPrefixes);
		});
	}

	#[test]
	fn only_existing_unrevoked_organizations_get_prefixes() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(assign(42, b"111111"), Error::<Test>::OrganizationNotFound);
			assert_ok!(Consortium::set_organization_status(root(), LAB, OrgStatus::Revoked));
			assert_noop!(assign(LAB, b"111111"), Error::<Test>::OrganizationRevoked);
		});
	}

	#[test]
	fn a_revoked_prefix_frees_it_and_its_stems() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::revoke_company_prefix(root(), prefix(b"0614141")),
				Error::<Test>::CompanyPrefixNotFound
			);
			assert_ok!(assign(LAB, b"0614141"));
			assert_ok!(assign(LAB, b"0614142"));
			assert_ok!(Consortium::revoke_company_prefix(root(), prefix(b"0614141")));
			assert_eq!(
				last_event(),
				Event::CompanyPrefixRevoked { org: LAB, prefix: prefix(b"0614141") }
			);
			assert_eq!(Directory::company_prefix_owner(b"0614141123452"), None);
			assert_eq!(CompanyPrefixOwners::<Test>::get(prefix(b"0614141")), None);
			assert_eq!(CompanyPrefixStems::<Test>::get(prefix(b"061414")), 1);
			assert_ok!(Consortium::revoke_company_prefix(root(), prefix(b"0614142")));
			assert_eq!(CompanyPrefixStems::<Test>::iter().count(), 0);
			assert!(!OrganizationCompanyPrefixes::<Test>::contains_key(LAB));
			// A shorter prefix may now be given to another organisation.
			assert_ok!(assign(HOSPITAL, b"061414"));
		});
	}

	#[test]
	fn genesis_assigns_prefixes() {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		crate::GenesisConfig::<Test> {
			organizations: vec![(1, OrgKind::Manufacturer, b"Acme".to_vec(), licence(1))],
			practitioners: vec![],
			company_prefixes: vec![(0, b"0614141".to_vec())],
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		sp_io::TestExternalities::new(storage).execute_with(|| {
			assert_eq!(Directory::company_prefix_owner(b"0614141123452"), Some(0));
			crate::Pallet::<Test>::do_try_state().unwrap();
		});
	}

	#[test]
	#[should_panic(expected = "CompanyPrefixOverlaps")]
	fn genesis_refuses_overlapping_prefixes() {
		let config = crate::GenesisConfig::<Test> {
			organizations: vec![(1, OrgKind::Manufacturer, b"Acme".to_vec(), licence(1))],
			practitioners: vec![],
			company_prefixes: vec![(0, b"0614141".to_vec()), (0, b"061414".to_vec())],
		};
		let _ = config.build_storage();
	}
}

mod try_state_checks {
	use super::*;

	#[test]
	fn detects_a_missing_admin_index_entry() {
		ExtBuilder::default().build().execute_with(|| {
			AdministeredOrganization::<Test>::remove(LAB_ADMIN);
			assert!(crate::Pallet::<Test>::do_try_state().is_err());
		});
	}

	#[test]
	fn detects_a_wrong_invitation_count() {
		ExtBuilder::default().build().execute_with(|| {
			PendingInvitations::<Test>::insert(LAB, 1);
			assert!(crate::Pallet::<Test>::do_try_state().is_err());
		});
	}

	#[test]
	fn detects_overlapping_prefixes() {
		ExtBuilder::default().build().execute_with(|| {
			let short = crate::CompanyPrefix::truncate_from(b"061414".to_vec());
			let long = crate::CompanyPrefix::truncate_from(b"0614141".to_vec());
			assert_ok!(Consortium::assign_company_prefix(root(), LAB, long));
			CompanyPrefixOwners::<Test>::insert(&short, HOSPITAL);
			OrganizationCompanyPrefixes::<Test>::mutate(HOSPITAL, |l| l.try_push(short).unwrap());
			assert!(crate::Pallet::<Test>::do_try_state().is_err());
		});
	}
}

mod migration_to_v1 {
	use super::*;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

	#[test]
	fn indexes_the_admins_of_a_chain_from_before_the_index() {
		ExtBuilder::default().build_and_execute(|| {
			// A version-0 chain: no index, and one account administering two organisations.
			let _ = AdministeredOrganization::<Test>::clear(u32::MAX, None);
			let mut second = Organizations::<Test>::get(LAB).unwrap();
			second.admin = HOSPITAL_ADMIN;
			Organizations::<Test>::insert(2, second);
			NextOrganizationId::<Test>::put(3);
			StorageVersion::new(0).put::<Consortium>();

			crate::migrations::v1::MigrateToV1::<Test>::on_runtime_upgrade();

			assert_eq!(Consortium::on_chain_storage_version(), StorageVersion::new(1));
			assert_eq!(AdministeredOrganization::<Test>::get(HOSPITAL_ADMIN), Some(HOSPITAL));
			assert_eq!(AdministeredOrganization::<Test>::get(LAB_ADMIN), Some(LAB));
			// Governance gives the second organisation its own admin; the first keeps its index.
			assert_ok!(Consortium::force_set_admin(root(), 2, 7));
			assert_eq!(AdministeredOrganization::<Test>::get(HOSPITAL_ADMIN), Some(HOSPITAL));
			assert_eq!(AdministeredOrganization::<Test>::get(7), Some(2));
			// A second run changes nothing.
			crate::migrations::v1::MigrateToV1::<Test>::on_runtime_upgrade();
			assert_eq!(AdministeredOrganization::<Test>::iter().count(), 3);
		});
	}
}

mod conformance;
