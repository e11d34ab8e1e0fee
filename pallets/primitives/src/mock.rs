//! The test kit of the Medchain pallets (feature `mock`, for dev-dependencies only): one
//! in-memory consortium directory and one in-memory patient registry that answer exactly as the
//! Consortium and PatientIdentity pallets do, so that every pallet tests against the same
//! consortium.
//!
//! [`TestConsortium`] implements [`ConsortiumDirectory`] and [`TestPatients`] implements
//! [`PatientDirectory`], both for `u64` accounts and over a clock `Clock` (the test runtime's
//! `pallet_timestamp`). Their state lives in thread-local storage: each test thread sees its own
//! consortium, emptied by [`reset`], which a pallet's `ExtBuilder` calls before it builds.
//!
//! The set-up functions ([`consortium`], [`patients`]) refuse what the real pallets refuse, with
//! the real pallet's error name in the panic message (a second admin role for one account, a
//! company prefix that overlaps another, a practitioner registered twice, the last controller
//! removed, …): a test cannot build a consortium the chain could never be in.
//!
//! Answers follow the real pallets:
//! - an organisation that is suspended or revoked is no organisation for
//!   [`ConsortiumDirectory::active_organization`], its admin is no admin and its staff stand
//!   [`PractitionerStanding::OrganizationInactive`]; a revoked organisation is never reinstated;
//! - a practitioner whose `valid_until` has passed stands
//!   [`PractitionerStanding::ValidityEnded`] (checked before the organisation, as Consortium
//!   does);
//! - [`ConsortiumDirectory::company_prefix_owner`] answers the owner of the one assigned prefix
//!   that starts the digits, whatever the owner's status;
//! - a guardianship is in force while `now < valid_until`; a deactivated patient has no
//!   representation and no encryption key, but its last controllers may still erase its
//!   records, and a patient on recovery probation may not be erased by anyone.

// Test code only (feature `mock`, dev-dependencies): the set-up functions panic on purpose, with
// the real pallet's error name, and ids count up in plain arithmetic. The workspace denies both
// in runtime code, which this is not.
#![allow(clippy::panic, clippy::arithmetic_side_effects)]

use crate::{
	ConsortiumDirectory, GuardianScope, Moment, OrgId, OrgKind, OrgStatus, PatientDirectory,
	PatientId, PatientStatus, PractitionerInfo, PractitionerRole, PractitionerStanding,
	Representation,
};
use core::{cell::RefCell, marker::PhantomData};
use frame_support::traits::Time;
use std::collections::BTreeMap;

/// The shortest and longest GS1 company prefix the consortium assigns, in digits.
pub const COMPANY_PREFIX_LENGTHS: core::ops::RangeInclusive<usize> = 6..=12;

/// The encryption key [`patients::register`] gives a patient.
pub const DEFAULT_ENCRYPTION_KEY: [u8; 32] = [1; 32];

#[derive(Clone, Debug)]
struct Organization {
	kind: OrgKind,
	status: OrgStatus,
	admin: u64,
}

#[derive(Clone, Copy, Debug)]
struct Practitioner {
	org: OrgId,
	role: PractitionerRole,
	valid_until: Option<Moment>,
}

#[derive(Default)]
struct Consortium {
	organizations: BTreeMap<OrgId, Organization>,
	practitioners: BTreeMap<u64, Practitioner>,
	administered: BTreeMap<u64, OrgId>,
	prefixes: BTreeMap<Vec<u8>, OrgId>,
}

#[derive(Clone, Debug)]
struct Patient {
	status: PatientStatus,
	controllers: Vec<u64>,
	guardians: BTreeMap<u64, Guardianship>,
	appointments: u32,
	encryption_key: [u8; 32],
	in_probation: bool,
}

#[derive(Clone, Copy, Debug)]
struct Guardianship {
	scope: GuardianScope,
	valid_until: Option<Moment>,
	appointment: u32,
}

impl Patient {
	fn appoint(&mut self, who: u64, scope: GuardianScope, valid_until: Option<Moment>) {
		self.appointments = self.appointments.saturating_add(1);
		self.guardians
			.insert(who, Guardianship { scope, valid_until, appointment: self.appointments });
	}

	fn guardian_in_force(&self, who: &u64, now: Moment) -> Option<Guardianship> {
		if self.status != PatientStatus::Active {
			return None;
		}
		self.guardians.get(who).copied().filter(|g| g.valid_until.is_none_or(|until| now < until))
	}
}

thread_local! {
	static CONSORTIUM: RefCell<Consortium> = RefCell::new(Consortium::default());
	static PATIENTS: RefCell<BTreeMap<PatientId, Patient>> = const { RefCell::new(BTreeMap::new()) };
}

/// Empties the consortium and the patient registry of this thread.
pub fn reset() {
	CONSORTIUM.with(|c| *c.borrow_mut() = Consortium::default());
	PATIENTS.with(|p| p.borrow_mut().clear());
}

fn with_consortium<R>(f: impl FnOnce(&Consortium) -> R) -> R {
	CONSORTIUM.with(|c| f(&c.borrow()))
}

fn with_consortium_mut<R>(f: impl FnOnce(&mut Consortium) -> R) -> R {
	CONSORTIUM.with(|c| f(&mut c.borrow_mut()))
}

fn with_patient_mut<R>(patient: &PatientId, f: impl FnOnce(&mut Patient) -> R) -> R {
	PATIENTS.with(|p| {
		let mut patients = p.borrow_mut();
		let entry = patients
			.get_mut(patient)
			.unwrap_or_else(|| panic!("PatientNotFound: {patient:?} is not registered"));
		f(entry)
	})
}

/// Setting up the consortium, as its governance and its admins would on chain.
pub mod consortium {
	use super::*;

	/// Registers organisation `org` of `kind`, active, administered by `admin` (the id is the
	/// test's choice; on chain ids count up from 0). Panics where Consortium refuses: an id in
	/// use, or an `admin` who already administers an organisation (`AlreadyAdmin`).
	pub fn add_organization(org: OrgId, kind: OrgKind, admin: u64) {
		with_consortium_mut(|c| {
			assert!(!c.organizations.contains_key(&org), "organisation {org} already exists");
			assert!(
				!c.administered.contains_key(&admin),
				"AlreadyAdmin: {admin} already administers an organisation"
			);
			c.organizations.insert(org, Organization { kind, status: OrgStatus::Active, admin });
			c.administered.insert(admin, org);
		})
	}

	/// Registers an active organisation of `kind` under the next free id and returns it.
	pub fn register_organization(kind: OrgKind, admin: u64) -> OrgId {
		let org = with_consortium(|c| c.organizations.keys().next_back().map_or(0, |o| o + 1));
		add_organization(org, kind, admin);
		org
	}

	/// Sets the status of `org` (`set_organization_status`). Panics where Consortium refuses:
	/// an unknown organisation, or a revoked one (`OrganizationRevoked`).
	pub fn set_status(org: OrgId, status: OrgStatus) {
		with_consortium_mut(|c| {
			let entry = c
				.organizations
				.get_mut(&org)
				.unwrap_or_else(|| panic!("OrganizationNotFound: {org}"));
			assert!(entry.status != OrgStatus::Revoked, "OrganizationRevoked: {org}");
			entry.status = status;
		})
	}

	/// Suspends (`false`) or reinstates (`true`) `org`.
	pub fn set_active(org: OrgId, active: bool) {
		set_status(org, if active { OrgStatus::Active } else { OrgStatus::Suspended });
	}

	/// Makes `admin` the admin of `org` (an accepted transfer, or governance's
	/// `force_set_admin`). Panics if `admin` administers another organisation (`AlreadyAdmin`).
	pub fn set_admin(org: OrgId, admin: u64) {
		with_consortium_mut(|c| {
			assert!(
				c.administered.get(&admin).is_none_or(|o| *o == org),
				"AlreadyAdmin: {admin} administers another organisation"
			);
			let entry = c
				.organizations
				.get_mut(&org)
				.unwrap_or_else(|| panic!("OrganizationNotFound: {org}"));
			let previous = core::mem::replace(&mut entry.admin, admin);
			c.administered.remove(&previous);
			c.administered.insert(admin, org);
		})
	}

	/// Makes `who` a practitioner of `org` with `role` and no end of validity (an accepted
	/// invitation). Panics where Consortium refuses: an unknown organisation, or an account
	/// that already is a practitioner somewhere (`AlreadyPractitioner`).
	pub fn add_practitioner(who: u64, org: OrgId, role: PractitionerRole) {
		add_practitioner_until(who, org, role, None)
	}

	/// [`add_practitioner`] with a licence validity ending at `valid_until` (ms).
	pub fn add_practitioner_until(
		who: u64,
		org: OrgId,
		role: PractitionerRole,
		valid_until: Option<Moment>,
	) {
		with_consortium_mut(|c| {
			assert!(c.organizations.contains_key(&org), "OrganizationNotFound: {org}");
			assert!(
				!c.practitioners.contains_key(&who),
				"AlreadyPractitioner: {who} is a practitioner already"
			);
			c.practitioners.insert(who, Practitioner { org, role, valid_until });
		})
	}

	/// Removes `who` from its organisation (`remove_practitioner`). Panics if it is none's
	/// (`PractitionerNotFound`).
	pub fn remove_practitioner(who: u64) {
		with_consortium_mut(|c| {
			c.practitioners.remove(&who).unwrap_or_else(|| panic!("PractitionerNotFound: {who}"));
		})
	}

	/// Moves `who` to `org` with `role`: removed by its organisation, then invited by the other
	/// and accepted, the two steps the chain needs.
	pub fn move_practitioner(who: u64, org: OrgId, role: PractitionerRole) {
		remove_practitioner(who);
		add_practitioner(who, org, role);
	}

	/// Changes the role of the practitioner `who` (on chain the admin removes it and invites it
	/// again in the new role, which it accepts; only governance invites a `PrivacyOfficer`).
	pub fn set_role(who: u64, role: PractitionerRole) {
		with_consortium_mut(|c| {
			c.practitioners
				.get_mut(&who)
				.unwrap_or_else(|| panic!("PractitionerNotFound: {who}"))
				.role = role;
		})
	}

	/// Ends (or lifts, with `None`) the licence validity of `who` at `valid_until` (ms).
	pub fn set_valid_until(who: u64, valid_until: Option<Moment>) {
		with_consortium_mut(|c| {
			c.practitioners
				.get_mut(&who)
				.unwrap_or_else(|| panic!("PractitionerNotFound: {who}"))
				.valid_until = valid_until;
		})
	}

	/// Assigns the GS1 company prefix `prefix` to `org` (governance's
	/// `assign_company_prefix`). Panics where Consortium refuses: not 6 to 12 ASCII digits
	/// (`InvalidCompanyPrefix`), already assigned (`CompanyPrefixAlreadyAssigned`), or a prefix
	/// of an assigned one or the other way round (`CompanyPrefixOverlaps`).
	pub fn assign_company_prefix(org: OrgId, prefix: &[u8]) {
		assert!(
			COMPANY_PREFIX_LENGTHS.contains(&prefix.len()) && prefix.iter().all(u8::is_ascii_digit),
			"InvalidCompanyPrefix: {prefix:?}"
		);
		with_consortium_mut(|c| {
			assert!(c.organizations.contains_key(&org), "OrganizationNotFound: {org}");
			assert!(!c.prefixes.contains_key(prefix), "CompanyPrefixAlreadyAssigned: {prefix:?}");
			assert!(
				!c.prefixes.keys().any(|p| p.starts_with(prefix) || prefix.starts_with(p)),
				"CompanyPrefixOverlaps: {prefix:?}"
			);
			c.prefixes.insert(prefix.to_vec(), org);
		})
	}

	/// Withdraws the company prefix `prefix` (governance's `revoke_company_prefix`).
	pub fn revoke_company_prefix(prefix: &[u8]) {
		with_consortium_mut(|c| {
			c.prefixes
				.remove(prefix)
				.unwrap_or_else(|| panic!("CompanyPrefixNotFound: {prefix:?}"));
		})
	}
}

/// Setting up patients, as their controllers, guardians and authorities would on chain.
pub mod patients {
	use super::*;

	/// Registers the active `patient` with one controller and [`DEFAULT_ENCRYPTION_KEY`]. The id
	/// is the test's choice (PatientIdentity derives it on chain; no other pallet depends on
	/// how). Panics if the id is in use (`AlreadyRegistered`).
	pub fn register(patient: PatientId, controller: u64) {
		register_with_key(patient, controller, DEFAULT_ENCRYPTION_KEY)
	}

	/// [`register`] with the encryption key `encryption_key`.
	pub fn register_with_key(patient: PatientId, controller: u64, encryption_key: [u8; 32]) {
		PATIENTS.with(|p| {
			let mut patients = p.borrow_mut();
			assert!(!patients.contains_key(&patient), "AlreadyRegistered: {patient:?}");
			patients.insert(
				patient,
				Patient {
					status: PatientStatus::Active,
					controllers: vec![controller],
					guardians: BTreeMap::new(),
					appointments: 0,
					encryption_key,
					in_probation: false,
				},
			);
		})
	}

	/// Adds the controller `who`. Panics if it already is one (`AlreadyController`) or a
	/// guardian (`AlreadyGuardian`).
	pub fn add_controller(patient: &PatientId, who: u64) {
		with_patient_mut(patient, |p| {
			assert!(!p.controllers.contains(&who), "AlreadyController: {who}");
			assert!(!p.guardians.contains_key(&who), "AlreadyGuardian: {who}");
			p.controllers.push(who);
		})
	}

	/// Removes the controller `who`. Panics if it is none (`ControllerNotFound`) or the last
	/// one (`LastController`).
	pub fn remove_controller(patient: &PatientId, who: u64) {
		with_patient_mut(patient, |p| {
			assert!(p.controllers.contains(&who), "ControllerNotFound: {who}");
			assert!(p.controllers.len() > 1, "LastController: {who}");
			p.controllers.retain(|c| *c != who);
		})
	}

	/// Appoints the guardian `who` with `scope` until `valid_until` (ms; `None` for no end).
	/// Panics if it is a controller (`AlreadyController`) or a guardian already
	/// (`AlreadyGuardian`).
	pub fn appoint_guardian(
		patient: &PatientId,
		who: u64,
		scope: GuardianScope,
		valid_until: Option<Moment>,
	) {
		with_patient_mut(patient, |p| {
			assert!(!p.controllers.contains(&who), "AlreadyController: {who}");
			assert!(!p.guardians.contains_key(&who), "AlreadyGuardian: {who}");
			p.appoint(who, scope, valid_until);
		})
	}

	/// Ends the guardianship of `who` (`remove_guardian`). Panics if there is none
	/// (`GuardianNotFound`).
	pub fn remove_guardian(patient: &PatientId, who: u64) {
		with_patient_mut(patient, |p| {
			p.guardians.remove(&who).unwrap_or_else(|| panic!("GuardianNotFound: {who}"));
		})
	}

	/// Rotates the patient's encryption key.
	pub fn rotate_key(patient: &PatientId, encryption_key: [u8; 32]) {
		with_patient_mut(patient, |p| p.encryption_key = encryption_key)
	}

	/// Deactivates the patient for good (a tombstone that keeps its last controllers). Panics
	/// if it is deactivated already (`PatientDeactivated`).
	pub fn deactivate(patient: &PatientId) {
		with_patient_mut(patient, |p| {
			assert!(p.status == PatientStatus::Active, "PatientDeactivated: {patient:?}");
			p.status = PatientStatus::Deactivated;
		})
	}

	/// Puts the patient on (or takes it off) the probation that follows an institutional
	/// recovery, during which nobody may erase its records.
	pub fn set_probation(patient: &PatientId, in_probation: bool) {
		with_patient_mut(patient, |p| p.in_probation = in_probation)
	}
}

/// The consortium directory of the test kit; see the [module docs](self).
pub struct TestConsortium<Clock>(PhantomData<Clock>);

impl<Clock: Time<Moment = Moment>> ConsortiumDirectory<u64> for TestConsortium<Clock> {
	fn active_organization(org: OrgId) -> Option<OrgKind> {
		with_consortium(|c| {
			c.organizations.get(&org).filter(|o| o.status == OrgStatus::Active).map(|o| o.kind)
		})
	}

	fn organization_exists(org: OrgId) -> bool {
		with_consortium(|c| c.organizations.contains_key(&org))
	}

	fn practitioner_standing(who: &u64) -> PractitionerStanding {
		let Some(practitioner) = with_consortium(|c| c.practitioners.get(who).copied()) else {
			return PractitionerStanding::Unknown;
		};
		if practitioner.valid_until.is_some_and(|until| Clock::now() >= until) {
			return PractitionerStanding::ValidityEnded;
		}
		match Self::active_organization(practitioner.org) {
			Some(org_kind) => PractitionerStanding::Active(PractitionerInfo {
				org: practitioner.org,
				org_kind,
				role: practitioner.role,
			}),
			None => PractitionerStanding::OrganizationInactive,
		}
	}

	fn is_active_admin(org: OrgId, who: &u64) -> bool {
		with_consortium(|c| {
			c.organizations
				.get(&org)
				.is_some_and(|o| o.status == OrgStatus::Active && o.admin == *who)
		})
	}

	fn administered_organization(who: &u64) -> Option<(OrgId, OrgKind)> {
		with_consortium(|c| {
			let org = *c.administered.get(who)?;
			c.organizations
				.get(&org)
				.filter(|o| o.status == OrgStatus::Active && o.admin == *who)
				.map(|o| (org, o.kind))
		})
	}

	fn company_prefix_owner(digits: &[u8]) -> Option<OrgId> {
		with_consortium(|c| {
			COMPANY_PREFIX_LENGTHS
				.filter_map(|length| digits.get(..length))
				.find_map(|stem| c.prefixes.get(stem).copied())
		})
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmarks(
		kind: OrgKind,
		admin: &u64,
		practitioner: &u64,
		role: PractitionerRole,
	) -> OrgId {
		let org = with_consortium(|c| c.administered.get(admin).copied())
			.unwrap_or_else(|| consortium::register_organization(kind, *admin));
		if with_consortium(|c| !c.practitioners.contains_key(practitioner)) {
			consortium::add_practitioner(*practitioner, org, role);
		}
		org
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn assign_company_prefix_for_benchmarks(org: OrgId, prefix: &[u8]) {
		if with_consortium(|c| c.prefixes.get(prefix).is_some_and(|owner| *owner != org)) {
			consortium::revoke_company_prefix(prefix);
		}
		// As Consortium: nothing when the prefix cannot be assigned (malformed, overlapping an
		// assigned one, or an unknown or revoked organisation).
		let assignable = COMPANY_PREFIX_LENGTHS.contains(&prefix.len())
			&& prefix.iter().all(u8::is_ascii_digit)
			&& with_consortium(|c| {
				c.organizations.get(&org).is_some_and(|o| o.status != OrgStatus::Revoked)
					&& !c.prefixes.keys().any(|p| p.starts_with(prefix) || prefix.starts_with(p))
			});
		if assignable {
			consortium::assign_company_prefix(org, prefix);
		}
	}
}

/// The patient registry of the test kit; see the [module docs](self).
pub struct TestPatients<Clock>(PhantomData<Clock>);

impl<Clock: Time<Moment = Moment>> PatientDirectory<u64> for TestPatients<Clock> {
	fn is_active(patient: &PatientId) -> bool {
		PATIENTS
			.with(|p| p.borrow().get(patient).is_some_and(|e| e.status == PatientStatus::Active))
	}

	fn representation(patient: &PatientId, who: &u64) -> Option<Representation> {
		let entry = PATIENTS.with(|p| p.borrow().get(patient).cloned())?;
		if entry.status != PatientStatus::Active {
			return None;
		}
		if entry.controllers.contains(who) {
			return Some(Representation::Controller);
		}
		entry.guardian_in_force(who, Clock::now()).map(|g| Representation::Guardian(g.scope))
	}

	fn guardian_appointment(patient: &PatientId, who: &u64) -> Option<u32> {
		PATIENTS.with(|p| {
			p.borrow().get(patient)?.guardian_in_force(who, Clock::now()).map(|g| g.appointment)
		})
	}

	fn consenting_appointments(patient: &PatientId) -> Vec<(u64, u32)> {
		PATIENTS.with(|p| {
			let Some(entry) = p.borrow().get(patient).cloned() else { return Vec::new() };
			let now = Clock::now();
			entry
				.guardians
				.keys()
				.filter_map(|who| entry.guardian_in_force(who, now).map(|g| (*who, g)))
				.filter(|(_, g)| g.scope.covers(GuardianScope::ConsentOnly))
				.map(|(who, g)| (who, g.appointment))
				.collect()
		})
	}

	fn may_erase(patient: &PatientId, who: &u64) -> bool {
		PATIENTS.with(|p| {
			p.borrow().get(patient).is_some_and(|e| {
				e.controllers.contains(who)
					&& match e.status {
						PatientStatus::Active => !e.in_probation,
						PatientStatus::Deactivated => true,
					}
			})
		})
	}

	fn encryption_key(patient: &PatientId) -> Option<[u8; 32]> {
		PATIENTS.with(|p| {
			p.borrow()
				.get(patient)
				.filter(|e| e.status == PatientStatus::Active)
				.map(|e| e.encryption_key)
		})
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmarks(patient: &PatientId, controller: &u64) {
		if !PATIENTS.with(|p| p.borrow().contains_key(patient)) {
			patients::register(*patient, *controller);
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn appoint_for_benchmarks(patient: &PatientId, guardian: &u64, scope: GuardianScope) {
		PATIENTS.with(|p| {
			if let Some(entry) = p.borrow_mut().get_mut(patient) {
				entry.appoint(*guardian, scope, None);
			}
		})
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	struct Clock;
	thread_local! { static NOW: RefCell<Moment> = const { RefCell::new(0) }; }
	impl Time for Clock {
		type Moment = Moment;
		fn now() -> Moment {
			NOW.with(|n| *n.borrow())
		}
	}
	fn set_now(now: Moment) {
		NOW.with(|n| *n.borrow_mut() = now);
	}
	type Directory = TestConsortium<Clock>;
	type Registry = TestPatients<Clock>;

	#[test]
	fn a_suspended_organisation_takes_its_admin_and_staff_with_it() {
		reset();
		consortium::add_organization(0, OrgKind::Hospital, 100);
		consortium::add_practitioner(10, 0, PractitionerRole::Physician);
		assert!(Directory::is_active_admin(0, &100));
		assert_eq!(Directory::administered_organization(&100), Some((0, OrgKind::Hospital)));
		consortium::set_active(0, false);
		assert_eq!(Directory::active_organization(0), None);
		assert!(Directory::organization_exists(0));
		assert!(!Directory::is_active_admin(0, &100));
		assert_eq!(Directory::administered_organization(&100), None);
		assert_eq!(
			Directory::practitioner_standing(&10),
			PractitionerStanding::OrganizationInactive
		);
		consortium::set_active(0, true);
		assert!(Directory::active_practitioner(&10).is_some());
	}

	#[test]
	fn validity_ends_at_its_moment_and_is_checked_before_the_organisation() {
		reset();
		consortium::add_organization(0, OrgKind::Clinic, 100);
		consortium::add_practitioner_until(10, 0, PractitionerRole::Nurse, Some(50));
		set_now(49);
		assert!(Directory::active_practitioner(&10).is_some());
		set_now(50);
		consortium::set_active(0, false);
		assert_eq!(Directory::practitioner_standing(&10), PractitionerStanding::ValidityEnded);
	}

	#[test]
	#[should_panic(expected = "CompanyPrefixOverlaps")]
	fn overlapping_company_prefixes_are_refused_as_on_chain() {
		reset();
		consortium::add_organization(0, OrgKind::Manufacturer, 100);
		consortium::add_organization(1, OrgKind::Manufacturer, 101);
		consortium::assign_company_prefix(0, b"0614141");
		assert_eq!(Directory::company_prefix_owner(b"06141410000"), Some(0));
		consortium::assign_company_prefix(1, b"06141419");
	}

	#[test]
	#[should_panic(expected = "AlreadyPractitioner")]
	fn one_account_is_a_practitioner_of_one_organisation_only() {
		reset();
		consortium::add_organization(0, OrgKind::Hospital, 100);
		consortium::add_organization(1, OrgKind::Clinic, 101);
		consortium::add_practitioner(10, 0, PractitionerRole::Physician);
		consortium::add_practitioner(10, 1, PractitionerRole::Physician);
	}

	#[test]
	fn a_tombstone_keeps_its_erasers_and_probation_bars_erasure() {
		reset();
		let patient = PatientId::repeat_byte(1);
		patients::register(patient, 1);
		patients::appoint_guardian(&patient, 2, GuardianScope::ReadOnly, Some(10));
		set_now(9);
		assert_eq!(
			Registry::representation(&patient, &2),
			Some(Representation::Guardian(GuardianScope::ReadOnly))
		);
		set_now(10);
		assert_eq!(Registry::representation(&patient, &2), None);
		patients::set_probation(&patient, true);
		assert!(!Registry::may_erase(&patient, &1));
		patients::set_probation(&patient, false);
		patients::deactivate(&patient);
		assert!(!Registry::is_active(&patient));
		assert_eq!(Registry::representation(&patient, &1), None);
		assert_eq!(Registry::encryption_key(&patient), None);
		assert!(Registry::may_erase(&patient, &1));
	}

	#[test]
	fn a_reappointed_guardian_holds_a_new_appointment() {
		reset();
		let patient = PatientId::repeat_byte(1);
		patients::register(patient, 1);
		patients::appoint_guardian(&patient, 2, GuardianScope::ConsentOnly, None);
		let first = Registry::guardian_appointment(&patient, &2);
		assert!(first.is_some());
		patients::remove_guardian(&patient, 2);
		assert_eq!(Registry::guardian_appointment(&patient, &2), None);
		patients::appoint_guardian(&patient, 2, GuardianScope::ConsentOnly, None);
		let second = Registry::guardian_appointment(&patient, &2);
		assert!(second.is_some() && second != first);
	}

	#[test]
	#[should_panic(expected = "LastController")]
	fn the_last_controller_stays() {
		reset();
		let patient = PatientId::repeat_byte(1);
		patients::register(patient, 1);
		patients::remove_controller(&patient, 1);
	}
}
