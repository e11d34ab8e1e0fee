//! A test runtime with the consent pallet, a clock, balances for the storage deposits, and
//! in-memory stand-ins for the patient and consortium directories.

use crate as pallet_consent;
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU32, ConstU64},
};
use medchain_primitives::{
	ConsortiumDirectory, GuardianScope, Moment, OrgId, OrgKind, PatientDirectory, PatientId,
	PractitionerInfo, PractitionerRole, PractitionerStanding, Representation,
};
use sp_runtime::BuildStorage;
use std::collections::BTreeMap;

type Block = frame_system::mocking::MockBlock<Test>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Consent = pallet_consent;
	#[runtime::pallet_index(3)]
	pub type Balances = pallet_balances;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ExistentialDeposit = ConstU64<EXISTENTIAL_DEPOSIT>;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

/// Request lifetime and emergency window of the test runtime (ms).
pub const REQUEST_LIFETIME: Moment = 1_000;
pub const EMERGENCY_WINDOW: Moment = 10_000;
/// How long an unjustified review bars the practitioner from the patient (ms).
pub const EMERGENCY_BAR: Moment = 50_000;
/// Bounds of the test runtime.
pub const MAX_PER_PATIENT: u32 = 6;
pub const MAX_RULES: u32 = 3;
pub const MAX_REQUESTS: u32 = 4;
pub const MAX_REQUESTS_PER_ORG: u32 = 2;
pub const MAX_PAGE: u32 = 3;

/// The storage deposit of the test runtime: per item, and per byte.
pub const DEPOSIT_PER_ITEM: u64 = 1_000;
pub const DEPOSIT_PER_BYTE: u64 = 10;
/// The existential deposit of the test runtime's balances.
pub const EXISTENTIAL_DEPOSIT: u64 = 1;
/// What every account of the tests starts with (POOR excepted).
pub const ENDOWMENT: u64 = 1_000_000_000;

parameter_types! {
	pub const RequestLifetime: Moment = REQUEST_LIFETIME;
	pub const EmergencyWindow: Moment = EMERGENCY_WINDOW;
	pub const EmergencyBarPeriod: Moment = EMERGENCY_BAR;
	pub const DepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Consent(pallet_consent::HoldReason::StorageDeposit);
}

/// The deposit `items` items of `bytes` bytes in total hold.
pub fn deposit_for(items: u64, bytes: u64) -> u64 {
	items.saturating_mul(DEPOSIT_PER_ITEM).saturating_add(bytes.saturating_mul(DEPOSIT_PER_BYTE))
}

/// What `who` holds as this pallet's storage deposit.
pub fn held(who: u64) -> u64 {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&DepositReason::get(), &who)
}

impl pallet_consent::Config for Test {
	type Patients = MockPatients;
	type Directory = MockDirectory;
	type Time = Timestamp;
	type MaxConsentsPerPatient = ConstU32<MAX_PER_PATIENT>;
	type MaxRulesPerGrantee = ConstU32<MAX_RULES>;
	type MaxPendingRequests = ConstU32<MAX_REQUESTS>;
	type MaxPendingRequestsPerOrg = ConstU32<MAX_REQUESTS_PER_ORG>;
	type MaxPageSize = ConstU32<MAX_PAGE>;
	type RequestLifetime = RequestLifetime;
	type EmergencyWindow = EmergencyWindow;
	type EmergencyBarPeriod = EmergencyBarPeriod;
	type Deposit = HoldConsideration<
		u64,
		Balances,
		DepositReason,
		medchain_primitives::deposit::PerItemAndByte<
			ConstU64<DEPOSIT_PER_ITEM>,
			ConstU64<DEPOSIT_PER_BYTE>,
			u64,
		>,
	>;
	type WeightInfo = ();
}

/// The patient's controller, guardians and a stranger.
pub const CONTROLLER: u64 = 1;
pub const CONSENT_GUARDIAN: u64 = 2;
pub const READ_GUARDIAN: u64 = 3;
pub const FULL_GUARDIAN: u64 = 4;
pub const STRANGER: u64 = 99;
/// Staff of the hospital.
pub const PHYSICIAN: u64 = 10;
pub const NURSE: u64 = 11;
pub const PRIVACY_OFFICER: u64 = 12;
pub const HOSPITAL_CLERK: u64 = 13;
/// Staff of the clinic and the laboratory.
pub const CLINIC_PHYSICIAN: u64 = 20;
pub const CLINIC_PRIVACY_OFFICER: u64 = 21;
pub const LAB_TECHNICIAN: u64 = 30;
/// A physician of the hospital with only the existential deposit: no storage deposit possible.
pub const POOR: u64 = 40;

/// Every account of the tests that is endowed with [`ENDOWMENT`].
pub const ENDOWED: [u64; 12] = [
	CONTROLLER,
	CONSENT_GUARDIAN,
	READ_GUARDIAN,
	FULL_GUARDIAN,
	STRANGER,
	PHYSICIAN,
	NURSE,
	PRIVACY_OFFICER,
	HOSPITAL_CLERK,
	CLINIC_PHYSICIAN,
	CLINIC_PRIVACY_OFFICER,
	LAB_TECHNICIAN,
];

/// Organisations of the stand-in consortium.
pub const HOSPITAL: OrgId = 0;
pub const CLINIC: OrgId = 1;
pub const LAB: OrgId = 2;

/// The clock at genesis, in ms.
pub const GENESIS_TIME: Moment = 1_000_000;

/// The test patient.
pub const PATIENT: PatientId = PatientId::repeat_byte(1);
/// A second patient, with the same controller.
pub const OTHER_PATIENT: PatientId = PatientId::repeat_byte(2);

#[derive(Clone, Default)]
struct PatientEntry {
	active: bool,
	controllers: Vec<u64>,
	guardians: BTreeMap<u64, (GuardianScope, Option<Moment>)>,
}

thread_local! {
	static PATIENTS: RefCell<BTreeMap<PatientId, PatientEntry>> = const { RefCell::new(BTreeMap::new()) };
	static ORGANIZATIONS: RefCell<BTreeMap<OrgId, (OrgKind, bool)>> =
		const { RefCell::new(BTreeMap::new()) };
	static PRACTITIONERS: RefCell<BTreeMap<u64, (OrgId, PractitionerRole, Option<Moment>)>> =
		const { RefCell::new(BTreeMap::new()) };
}

fn now() -> Moment {
	pallet_timestamp::Now::<Test>::get()
}

/// A patient directory held in memory.
pub struct MockPatients;

impl PatientDirectory<u64> for MockPatients {
	fn is_active(patient: &PatientId) -> bool {
		PATIENTS.with(|p| p.borrow().get(patient).is_some_and(|e| e.active))
	}

	fn representation(patient: &PatientId, who: &u64) -> Option<Representation> {
		let entry = PATIENTS.with(|p| p.borrow().get(patient).cloned()).filter(|e| e.active)?;
		if entry.controllers.contains(who) {
			return Some(Representation::Controller);
		}
		let (scope, until) = *entry.guardians.get(who)?;
		until.is_none_or(|u| now() < u).then_some(Representation::Guardian(scope))
	}

	fn encryption_key(patient: &PatientId) -> Option<[u8; 32]> {
		Self::is_active(patient).then_some([1; 32])
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmarks(patient: &PatientId, controller: &u64) {
		register_patient(*patient, *controller);
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn appoint_for_benchmarks(patient: &PatientId, guardian: &u64, scope: GuardianScope) {
		appoint_guardian(*patient, *guardian, scope, None);
	}
}

/// A consortium directory held in memory.
pub struct MockDirectory;

impl ConsortiumDirectory<u64> for MockDirectory {
	fn active_organization(org: OrgId) -> Option<OrgKind> {
		ORGANIZATIONS.with(|o| o.borrow().get(&org).filter(|(_, active)| *active).map(|(k, _)| *k))
	}

	fn organization_exists(org: OrgId) -> bool {
		ORGANIZATIONS.with(|o| o.borrow().contains_key(&org))
	}

	fn practitioner_standing(who: &u64) -> PractitionerStanding {
		let Some((org, role, until)) = PRACTITIONERS.with(|p| p.borrow().get(who).copied()) else {
			return PractitionerStanding::Unknown;
		};
		if until.is_some_and(|u| now() >= u) {
			return PractitionerStanding::ValidityEnded;
		}
		match Self::active_organization(org) {
			Some(org_kind) => {
				PractitionerStanding::Active(PractitionerInfo { org, org_kind, role })
			}
			None => PractitionerStanding::OrganizationInactive,
		}
	}

	fn is_active_admin(_: OrgId, _: &u64) -> bool {
		false
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmarks(
		kind: OrgKind,
		_admin: &u64,
		practitioner: &u64,
		role: PractitionerRole,
	) -> OrgId {
		let org = ORGANIZATIONS.with(|o| {
			let mut o = o.borrow_mut();
			let org = o.len() as OrgId;
			o.insert(org, (kind, true));
			org
		});
		PRACTITIONERS.with(|p| p.borrow_mut().insert(*practitioner, (org, role, None)));
		org
	}
}

/// Registers an active patient with one controller.
pub fn register_patient(patient: PatientId, controller: u64) {
	PATIENTS.with(|p| {
		p.borrow_mut().insert(
			patient,
			PatientEntry { active: true, controllers: vec![controller], ..Default::default() },
		)
	});
}

/// Appoints a guardian.
pub fn appoint_guardian(patient: PatientId, who: u64, scope: GuardianScope, until: Option<Moment>) {
	PATIENTS.with(|p| {
		if let Some(e) = p.borrow_mut().get_mut(&patient) {
			e.guardians.insert(who, (scope, until));
		}
	});
}

/// Ends a guardianship.
pub fn remove_guardian(patient: PatientId, who: u64) {
	PATIENTS.with(|p| {
		if let Some(e) = p.borrow_mut().get_mut(&patient) {
			e.guardians.remove(&who);
		}
	});
}

/// Deactivates a patient.
pub fn deactivate(patient: PatientId) {
	PATIENTS.with(|p| {
		if let Some(e) = p.borrow_mut().get_mut(&patient) {
			e.active = false;
		}
	});
}

/// Suspends (`false`) or reinstates (`true`) an organisation.
pub fn set_organization_active(org: OrgId, active: bool) {
	ORGANIZATIONS.with(|o| {
		if let Some(entry) = o.borrow_mut().get_mut(&org) {
			entry.1 = active;
		}
	});
}

/// Makes `who` a practitioner of `org` with `role` (moving them if they were elsewhere).
pub fn set_practitioner(who: u64, org: OrgId, role: PractitionerRole) {
	PRACTITIONERS.with(|p| p.borrow_mut().insert(who, (org, role, None)));
}

/// Ends a practitioner's validity at `until`.
pub fn set_practitioner_until(who: u64, until: Moment) {
	PRACTITIONERS.with(|p| {
		if let Some(entry) = p.borrow_mut().get_mut(&who) {
			entry.2 = Some(until);
		}
	});
}

/// Builds a test externality: block 1, the clock at [`GENESIS_TIME`], the stand-in consortium
/// (hospital, clinic, laboratory with their staff) and [`PATIENT`] controlled by
/// [`CONTROLLER`], with a consent-only, a read-only and a full guardian; every account of
/// [`ENDOWED`] holds [`ENDOWMENT`], [`POOR`] only the existential deposit.
#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build(self) -> sp_io::TestExternalities {
		ORGANIZATIONS.with(|o| {
			*o.borrow_mut() = BTreeMap::from([
				(HOSPITAL, (OrgKind::Hospital, true)),
				(CLINIC, (OrgKind::Clinic, true)),
				(LAB, (OrgKind::Laboratory, true)),
			])
		});
		PRACTITIONERS.with(|p| {
			*p.borrow_mut() = BTreeMap::from([
				(PHYSICIAN, (HOSPITAL, PractitionerRole::Physician, None)),
				(NURSE, (HOSPITAL, PractitionerRole::Nurse, None)),
				(PRIVACY_OFFICER, (HOSPITAL, PractitionerRole::PrivacyOfficer, None)),
				(HOSPITAL_CLERK, (HOSPITAL, PractitionerRole::Administrator, None)),
				(CLINIC_PHYSICIAN, (CLINIC, PractitionerRole::Physician, None)),
				(CLINIC_PRIVACY_OFFICER, (CLINIC, PractitionerRole::PrivacyOfficer, None)),
				(LAB_TECHNICIAN, (LAB, PractitionerRole::LabTechnician, None)),
				(POOR, (HOSPITAL, PractitionerRole::Physician, None)),
			])
		});
		PATIENTS.with(|p| p.borrow_mut().clear());
		register_patient(PATIENT, CONTROLLER);
		register_patient(OTHER_PATIENT, CONTROLLER);
		appoint_guardian(PATIENT, CONSENT_GUARDIAN, GuardianScope::ConsentOnly, None);
		appoint_guardian(PATIENT, READ_GUARDIAN, GuardianScope::ReadOnly, None);
		appoint_guardian(PATIENT, FULL_GUARDIAN, GuardianScope::Full, None);
		let balances = ENDOWED
			.iter()
			.map(|who| (*who, ENDOWMENT))
			.chain([(POOR, EXISTENTIAL_DEPOSIT)])
			.collect();
		let storage = RuntimeGenesisConfig {
			balances: pallet_balances::GenesisConfig { balances, ..Default::default() },
			..Default::default()
		}
		.build_storage()
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			pallet_timestamp::Now::<Test>::put(GENESIS_TIME);
		});
		ext
	}

	/// Runs `test`, then checks the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			crate::Pallet::<Test>::do_try_state().expect("invariants hold after the test");
		})
	}
}

/// Moves the clock to `now` (ms).
pub fn set_time(now: Moment) {
	pallet_timestamp::Now::<Test>::put(now);
}

/// The last event of the consent pallet.
pub fn last_event() -> pallet_consent::Event<Test> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Consent(e) => Some(e),
			_ => None,
		})
		.next_back()
		.expect("an event was emitted")
}
