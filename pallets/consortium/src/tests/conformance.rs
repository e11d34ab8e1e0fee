//! Conformance of the test kit: the other pallets test against
//! `medchain_primitives::mock::TestConsortium`, so it must answer every question of
//! [`ConsortiumDirectory`] as this pallet does. Each test drives the real pallet through its
//! calls and the kit through its set-up functions, step by step, and compares every answer for
//! a set of accounts, organisations and GS1 codes after each step.

use super::*;
use medchain_primitives::{mock as kit, OrgId};

/// The real directory.
type Chain = crate::Pallet<Test>;
/// The kit's directory, on the same clock.
type Kit = kit::TestConsortium<Timestamp>;

/// Organisations asked about: the genesis ones, those the tests admit, and one never admitted.
const ORGS: core::ops::RangeInclusive<OrgId> = 0..=6;

/// Accounts asked about: admins (current, former, proposed), practitioners, invited accounts
/// and strangers.
const ACCOUNTS: [u64; 16] = [
	HOSPITAL_ADMIN,
	LAB_ADMIN,
	3,
	4,
	5,
	6,
	7,
	8,
	PHYSICIAN,
	LAB_TECH,
	30,
	31,
	40,
	41,
	50,
	STRANGER,
];

/// GS1 code digits (after the first digit) asked about: matching the prefixes the tests
/// assign, their neighbours, and too short to match any.
const CODES: [&[u8]; 10] = [
	b"0614141123452",
	b"0614142123452",
	b"061414",
	b"0614141",
	b"1234567890123",
	b"123456",
	b"9876543210987",
	b"98765432109",
	b"06141",
	b"",
];

/// Kind sets asked about with `is_practitioner_of_kind`.
const KINDS: [&[OrgKind]; 6] = [
	&[],
	&[OrgKind::Hospital],
	&[OrgKind::Laboratory],
	&[OrgKind::Pharmacy, OrgKind::Manufacturer],
	&[OrgKind::Hospital, OrgKind::Clinic, OrgKind::Laboratory],
	&[OrgKind::Regulator],
];

/// Every method of [`ConsortiumDirectory`] answers the same on the chain and in the kit.
#[track_caller]
fn assert_conforms(step: &str) {
	for org in ORGS {
		assert_eq!(
			Chain::active_organization(org),
			Kit::active_organization(org),
			"{step}: active_organization({org})"
		);
		assert_eq!(
			Chain::organization_exists(org),
			Kit::organization_exists(org),
			"{step}: organization_exists({org})"
		);
		for who in ACCOUNTS {
			assert_eq!(
				Chain::is_active_admin(org, &who),
				Kit::is_active_admin(org, &who),
				"{step}: is_active_admin({org}, {who})"
			);
		}
	}
	for who in ACCOUNTS {
		assert_eq!(
			Chain::practitioner_standing(&who),
			Kit::practitioner_standing(&who),
			"{step}: practitioner_standing({who})"
		);
		assert_eq!(
			Chain::active_practitioner(&who),
			Kit::active_practitioner(&who),
			"{step}: active_practitioner({who})"
		);
		assert_eq!(
			Chain::administered_organization(&who),
			Kit::administered_organization(&who),
			"{step}: administered_organization({who})"
		);
		for kinds in KINDS {
			assert_eq!(
				Chain::is_practitioner_of_kind(&who, kinds),
				Kit::is_practitioner_of_kind(&who, kinds),
				"{step}: is_practitioner_of_kind({who}, {kinds:?})"
			);
		}
	}
	for code in CODES {
		assert_eq!(
			Chain::company_prefix_owner(code),
			Kit::company_prefix_owner(code),
			"{step}: company_prefix_owner({code:?})"
		);
	}
}

/// `admin` invites `who` to `org` with `role`; `who` accepts.
fn invite_and_accept(admin: u64, org: OrgId, who: u64, role: PractitionerRole, until: Option<u64>) {
	assert_ok!(Consortium::add_practitioner(signed(admin), org, who, role, licence(4), until));
	assert_conforms("invited, not yet accepted");
	assert_ok!(Consortium::accept_practitioner_invitation(signed(who), org));
}

fn prefix(digits: &[u8]) -> crate::CompanyPrefix {
	crate::CompanyPrefix::truncate_from(digits.to_vec())
}

/// The lifetime of a consortium, from its genesis on, step by step on the chain and in the kit.
#[test]
fn the_kit_answers_as_the_pallet_at_every_step() {
	ExtBuilder::default().build_and_execute(|| {
		assert_conforms("genesis");

		// Organisations of several kinds, under the next ids.
		let kinds = [(3, OrgKind::Pharmacy), (4, OrgKind::Manufacturer), (5, OrgKind::Regulator)];
		for (admin, kind) in kinds {
			let org = NextOrganizationId::<Test>::get();
			assert_ok!(Consortium::register_organization(
				root(),
				admin,
				kind,
				b"Member".to_vec(),
				licence(9)
			));
			assert_eq!(kit::consortium::register_organization(kind, admin), org);
		}
		let (pharmacy, manufacturer, regulator) = (2, 3, 4);
		assert_conforms("organisations admitted");

		// Practitioners invited and accepted, one with an end of validity.
		let until = GENESIS_TIME + 5_000;
		invite_and_accept(LAB_ADMIN, LAB, LAB_TECH, PractitionerRole::LabTechnician, Some(until));
		kit::consortium::add_practitioner_until(
			LAB_TECH,
			LAB,
			PractitionerRole::LabTechnician,
			Some(until),
		);
		invite_and_accept(HOSPITAL_ADMIN, HOSPITAL, 30, PractitionerRole::Nurse, None);
		kit::consortium::add_practitioner(30, HOSPITAL, PractitionerRole::Nurse);
		invite_and_accept(3, pharmacy, 40, PractitionerRole::Pharmacist, None);
		kit::consortium::add_practitioner(40, pharmacy, PractitionerRole::Pharmacist);
		invite_and_accept(5, regulator, 41, PractitionerRole::Administrator, None);
		kit::consortium::add_practitioner(41, regulator, PractitionerRole::Administrator);
		assert_conforms("practitioners joined");

		// The privacy officer, invited by governance (AUDIT L-14).
		assert_ok!(Consortium::invite_privacy_officer(root(), HOSPITAL, 31, licence(5), None));
		assert_conforms("privacy officer invited");
		assert_ok!(Consortium::accept_practitioner_invitation(signed(31), HOSPITAL));
		kit::consortium::add_practitioner(31, HOSPITAL, PractitionerRole::PrivacyOfficer);
		assert_conforms("privacy officer joined");

		// Time passes the end of a validity.
		set_time(until - 1);
		assert_conforms("just before the end of validity");
		set_time(until);
		assert_conforms("at the end of validity");
		set_time(until + 1);
		assert_conforms("after the end of validity");

		// A role changes: the pallet has no call for it, the admin removes the practitioner and
		// invites it back in the new role, which it accepts.
		// The kit's `set_role` reaches the same state in one step.
		assert_ok!(Consortium::remove_practitioner(signed(HOSPITAL_ADMIN), HOSPITAL, 30));
		assert_ok!(Consortium::add_practitioner(
			signed(HOSPITAL_ADMIN),
			HOSPITAL,
			30,
			PractitionerRole::Physician,
			licence(4),
			None
		));
		assert_ok!(Consortium::accept_practitioner_invitation(signed(30), HOSPITAL));
		kit::consortium::set_role(30, PractitionerRole::Physician);
		assert_conforms("role changed");
		// Step by step, removal then a new place in another role.
		assert_ok!(Consortium::remove_practitioner(signed(5), regulator, 41));
		kit::consortium::remove_practitioner(41);
		assert_conforms("removed before taking another role");
		invite_and_accept(5, regulator, 41, PractitionerRole::Researcher, None);
		kit::consortium::add_practitioner(41, regulator, PractitionerRole::Researcher);
		assert_conforms("back in another role");

		// Suspension, reinstatement, revocation.
		assert_ok!(Consortium::set_organization_status(root(), HOSPITAL, OrgStatus::Suspended));
		kit::consortium::set_status(HOSPITAL, OrgStatus::Suspended);
		assert_conforms("hospital suspended");
		assert_ok!(Consortium::set_organization_status(root(), LAB, OrgStatus::Suspended));
		kit::consortium::set_active(LAB, false);
		assert_conforms("lab suspended, its technician's validity ended");
		assert_ok!(Consortium::set_organization_status(root(), HOSPITAL, OrgStatus::Active));
		kit::consortium::set_status(HOSPITAL, OrgStatus::Active);
		assert_conforms("hospital reinstated");
		assert_ok!(Consortium::set_organization_status(root(), LAB, OrgStatus::Revoked));
		kit::consortium::set_status(LAB, OrgStatus::Revoked);
		assert_ok!(Consortium::set_organization_status(root(), regulator, OrgStatus::Revoked));
		kit::consortium::set_status(regulator, OrgStatus::Revoked);
		assert_conforms("lab and regulator revoked");

		// The admin role passes in two steps: nothing changes until the successor accepts.
		assert_ok!(Consortium::transfer_organization_admin(signed(3), pharmacy, 6));
		assert_conforms("admin role offered");
		assert_ok!(Consortium::accept_organization_admin(signed(6), pharmacy));
		kit::consortium::set_admin(pharmacy, 6);
		assert_conforms("admin role accepted");

		// Governance replaces admins, of an active and of a revoked organisation.
		assert_ok!(Consortium::force_set_admin(root(), HOSPITAL, 7));
		kit::consortium::set_admin(HOSPITAL, 7);
		assert_ok!(Consortium::force_set_admin(root(), LAB, 8));
		kit::consortium::set_admin(LAB, 8);
		assert_conforms("admins replaced by governance");
		// The former admins are free to administer again.
		assert_ok!(Consortium::register_organization(
			root(),
			HOSPITAL_ADMIN,
			OrgKind::Clinic,
			b"Clinic".to_vec(),
			licence(9)
		));
		assert_eq!(kit::consortium::register_organization(OrgKind::Clinic, HOSPITAL_ADMIN), 5);
		assert_conforms("a former admin admitted again");

		// Company prefixes, and codes under them.
		for (org, digits) in [
			(manufacturer, &b"0614141"[..]),
			(pharmacy, b"123456"),
			(HOSPITAL, b"987654321098"),
			(manufacturer, b"0614142"),
		] {
			assert_ok!(Consortium::assign_company_prefix(root(), org, prefix(digits)));
			kit::consortium::assign_company_prefix(org, digits);
		}
		assert_conforms("prefixes assigned");

		// A revoked prefix frees its codes, and a shorter one may then go to another owner.
		assert_ok!(Consortium::revoke_company_prefix(root(), prefix(b"0614141")));
		kit::consortium::revoke_company_prefix(b"0614141");
		assert_conforms("prefix revoked");
		assert_ok!(Consortium::revoke_company_prefix(root(), prefix(b"0614142")));
		kit::consortium::revoke_company_prefix(b"0614142");
		assert_ok!(Consortium::assign_company_prefix(root(), pharmacy, prefix(b"061414")));
		kit::consortium::assign_company_prefix(pharmacy, b"061414");
		assert_conforms("shorter prefix assigned to another owner");
		// A suspended owner is still answered as the owner.
		assert_ok!(Consortium::set_organization_status(root(), pharmacy, OrgStatus::Suspended));
		kit::consortium::set_active(pharmacy, false);
		assert_conforms("prefix owner suspended");
		assert_ok!(Consortium::set_organization_status(root(), pharmacy, OrgStatus::Active));
		kit::consortium::set_active(pharmacy, true);

		// Practitioners removed, by their admin and by governance (even from a revoked
		// organisation).
		assert_ok!(Consortium::remove_practitioner(signed(6), pharmacy, 40));
		kit::consortium::remove_practitioner(40);
		assert_ok!(Consortium::remove_practitioner(root(), LAB, LAB_TECH));
		kit::consortium::remove_practitioner(LAB_TECH);
		assert_ok!(Consortium::remove_practitioner(signed(7), HOSPITAL, 31));
		kit::consortium::remove_practitioner(31);
		assert_conforms("practitioners removed");

		// A removed practitioner joins another organisation.
		invite_and_accept(HOSPITAL_ADMIN, 5, 40, PractitionerRole::Pharmacist, None);
		kit::consortium::add_practitioner(40, 5, PractitionerRole::Pharmacist);
		assert_conforms("a removed practitioner joined another organisation");
	});
}

/// An empty consortium knows nobody, on the chain as in the kit.
#[test]
fn the_kit_answers_as_the_pallet_for_an_empty_consortium() {
	ExtBuilder::default().empty().build_and_execute(|| {
		assert_conforms("empty");
	});
}

/// The benchmark helpers of the directory leave the chain and the kit answering the same,
/// including where they must do nothing (a prefix that cannot be assigned).
#[cfg(feature = "runtime-benchmarks")]
#[test]
fn the_kits_benchmark_helpers_act_as_the_pallets() {
	ExtBuilder::default().build_and_execute(|| {
		fn both<R: PartialEq + core::fmt::Debug>(f: impl Fn() -> R, g: impl Fn() -> R) -> R {
			let (chain, kit) = (f(), g());
			assert_eq!(chain, kit);
			chain
		}
		let org = both(
			|| {
				Chain::register_for_benchmarks(
					OrgKind::Manufacturer,
					&3,
					&40,
					PractitionerRole::Pharmacist,
				)
			},
			|| {
				Kit::register_for_benchmarks(
					OrgKind::Manufacturer,
					&3,
					&40,
					PractitionerRole::Pharmacist,
				)
			},
		);
		assert_conforms("organisation registered for benchmarks");
		// A second request for the same admin returns its organisation; a practitioner already
		// placed stays where it is.
		both(
			|| {
				Chain::register_for_benchmarks(
					OrgKind::Hospital,
					&3,
					&PHYSICIAN,
					PractitionerRole::Nurse,
				)
			},
			|| {
				Kit::register_for_benchmarks(
					OrgKind::Hospital,
					&3,
					&PHYSICIAN,
					PractitionerRole::Nurse,
				)
			},
		);
		assert_conforms("same admin registered again");
		for digits in [&b"0614141"[..], b"0614141", b"06141412", b"061414", b"12345", b"12345a"] {
			Chain::assign_company_prefix_for_benchmarks(org, digits);
			Kit::assign_company_prefix_for_benchmarks(org, digits);
			assert_conforms("prefix assigned for benchmarks");
		}
		// A prefix another organisation holds moves to `org`.
		Chain::assign_company_prefix_for_benchmarks(LAB, b"0614141");
		Kit::assign_company_prefix_for_benchmarks(LAB, b"0614141");
		assert_conforms("prefix moved for benchmarks");
		// A revoked organisation gets no prefix.
		assert_ok!(Consortium::set_organization_status(root(), LAB, OrgStatus::Revoked));
		kit::consortium::set_status(LAB, OrgStatus::Revoked);
		Chain::assign_company_prefix_for_benchmarks(LAB, b"123456");
		Kit::assign_company_prefix_for_benchmarks(LAB, b"123456");
		assert_conforms("no prefix for a revoked organisation");
	});
}
