//! A test runtime with the records pallet, balances (for deposits), a clock, and in-memory
//! stand-ins for the patient directory, the consortium directory and the consent check.

use crate as pallet_records;
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU32, ConstU64},
};
use medchain_primitives::{
	AccessDecision, Action, ConsentCheck, ConsortiumDirectory, DataCategory, DenyReason,
	GuardianScope, OrgId, OrgKind, PatientDirectory, PatientId, PractitionerInfo, PractitionerRole,
	PractitionerStanding, Purpose, Representation,
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
	pub type Records = pallet_records;
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
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

/// Bounds of the test runtime.
pub const MAX_POINTER: u32 = 64;
pub const MAX_ENVELOPE: u32 = 32;
pub const MAX_ENVELOPES: u32 = 2;
pub const MAX_LOG_PER_ACCESSOR: u32 = 3;
pub const MAX_PRUNE: u32 = 2;

/// The deposit per item and per byte of the test runtime.
pub const DEPOSIT_PER_ITEM: u64 = 1_000;
pub const DEPOSIT_PER_BYTE: u64 = 10;
/// The existential deposit (pallet-balances' test default).
pub const ED: u64 = 1;
/// What every test account except [`POOR`] starts with.
pub const ENDOWMENT: u64 = 1_000_000_000;

parameter_types! {
	pub const DepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Records(pallet_records::HoldReason::StorageDeposit);
}

/// The deposit of `items` items of `bytes` bytes in total.
#[allow(clippy::arithmetic_side_effects)] // a test's overflow should fail it
pub fn deposit_of(items: u64, bytes: u64) -> u64 {
	items * DEPOSIT_PER_ITEM + bytes * DEPOSIT_PER_BYTE
}

impl pallet_records::Config for Test {
	type Patients = MockPatients;
	type Directory = MockDirectory;
	type Consent = MockConsent;
	type Time = Timestamp;
	type MaxPointerLen = ConstU32<MAX_POINTER>;
	type MaxEnvelopeLen = ConstU32<MAX_ENVELOPE>;
	type MaxEnvelopesPerRecord = ConstU32<MAX_ENVELOPES>;
	type MaxLogEntriesPerAccessor = ConstU32<MAX_LOG_PER_ACCESSOR>;
	type MaxPrunePerCall = ConstU32<MAX_PRUNE>;
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

/// The patient's side.
pub const CONTROLLER: u64 = 1;
pub const FULL_GUARDIAN: u64 = 2;
pub const READ_GUARDIAN: u64 = 3;
pub const CONSENT_GUARDIAN: u64 = 4;
pub const STRANGER: u64 = 99;
/// Practitioners: two of the hospital, one of the clinic.
pub const PHYSICIAN: u64 = 10;
pub const NURSE: u64 = 11;
pub const CLINIC_PHYSICIAN: u64 = 20;
/// A hospital physician with nothing but the existential deposit: it cannot hold a deposit.
pub const POOR: u64 = 30;
pub const HOSPITAL: OrgId = 0;
pub const CLINIC: OrgId = 1;

/// The clock at genesis, in ms.
pub const GENESIS_TIME: u64 = 1_000_000;
/// The test patient.
pub const PATIENT: PatientId = PatientId::repeat_byte(1);

thread_local! {
	static ACTIVE: RefCell<bool> = const { RefCell::new(true) };
	static OTHER_PATIENTS: RefCell<BTreeMap<PatientId, u64>> = const { RefCell::new(BTreeMap::new()) };
	static OTHER_PRACTITIONERS: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
	static DECISIONS: RefCell<BTreeMap<(u64, Action, DataCategory, Purpose), AccessDecision>> =
		const { RefCell::new(BTreeMap::new()) };
	static STANDINGS: RefCell<BTreeMap<u64, PractitionerStanding>> =
		const { RefCell::new(BTreeMap::new()) };
	static ENDED: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
	static OTHER_GUARDIANS: RefCell<BTreeMap<(PatientId, u64), GuardianScope>> =
		const { RefCell::new(BTreeMap::new()) };
}

/// One patient, [`PATIENT`], controlled by [`CONTROLLER`] with a full, a read-only and a
/// consent-only guardian.
pub struct MockPatients;

impl PatientDirectory<u64> for MockPatients {
	fn is_active(patient: &PatientId) -> bool {
		(*patient == PATIENT && ACTIVE.with(|a| *a.borrow()))
			|| OTHER_PATIENTS.with(|p| p.borrow().contains_key(patient))
	}

	fn representation(patient: &PatientId, who: &u64) -> Option<Representation> {
		if !Self::is_active(patient) || ENDED.with(|e| e.borrow().contains(who)) {
			return None;
		}
		if let Some(controller) = OTHER_PATIENTS.with(|p| p.borrow().get(patient).copied()) {
			if controller == *who {
				return Some(Representation::Controller);
			}
			return OTHER_GUARDIANS
				.with(|g| g.borrow().get(&(*patient, *who)).copied())
				.map(Representation::Guardian);
		}
		match *who {
			CONTROLLER => Some(Representation::Controller),
			FULL_GUARDIAN => Some(Representation::Guardian(GuardianScope::Full)),
			READ_GUARDIAN => Some(Representation::Guardian(GuardianScope::ReadOnly)),
			CONSENT_GUARDIAN => Some(Representation::Guardian(GuardianScope::ConsentOnly)),
			_ => None,
		}
	}

	/// As patient identity answers it: a controller, and once the patient is deactivated the
	/// controller it had then.
	fn may_erase(patient: &PatientId, who: &u64) -> bool {
		if *patient == PATIENT && !ACTIVE.with(|a| *a.borrow()) {
			return *who == CONTROLLER && !ENDED.with(|e| e.borrow().contains(who));
		}
		Self::is_controller(patient, who)
	}

	fn encryption_key(patient: &PatientId) -> Option<[u8; 32]> {
		Self::is_active(patient).then_some([1; 32])
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmarks(patient: &PatientId, controller: &u64) {
		OTHER_PATIENTS.with(|p| p.borrow_mut().insert(*patient, *controller));
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn appoint_for_benchmarks(patient: &PatientId, guardian: &u64, scope: GuardianScope) {
		OTHER_GUARDIANS.with(|g| g.borrow_mut().insert((*patient, *guardian), scope));
	}
}

/// Registers another active patient, controlled by `controller` alone.
pub fn register_patient(patient: PatientId, controller: u64) {
	OTHER_PATIENTS.with(|p| p.borrow_mut().insert(patient, controller));
}

/// Deactivates the test patient.
pub fn deactivate_patient() {
	ACTIVE.with(|a| *a.borrow_mut() = false);
}

/// Ends how `who` stands towards the test patient: a guardianship that ended, or a controller
/// removed.
pub fn end_representation(who: u64) {
	ENDED.with(|e| e.borrow_mut().push(who));
}

/// Makes the directory answer `standing` for `who` from now on (suspended organisation,
/// expired licence, removed, or moved to another organisation).
pub fn set_standing(who: u64, standing: PractitionerStanding) {
	STANDINGS.with(|s| s.borrow_mut().insert(who, standing));
}

/// The hospital's physician and nurse and the clinic's physician, all active.
pub struct MockDirectory;

impl ConsortiumDirectory<u64> for MockDirectory {
	fn active_organization(org: OrgId) -> Option<OrgKind> {
		match org {
			HOSPITAL => Some(OrgKind::Hospital),
			CLINIC => Some(OrgKind::Clinic),
			_ => None,
		}
	}

	fn practitioner_standing(who: &u64) -> PractitionerStanding {
		if let Some(standing) = STANDINGS.with(|s| s.borrow().get(who).copied()) {
			return standing;
		}
		let (org, role) = match *who {
			PHYSICIAN => (HOSPITAL, PractitionerRole::Physician),
			NURSE => (HOSPITAL, PractitionerRole::Nurse),
			CLINIC_PHYSICIAN => (CLINIC, PractitionerRole::Physician),
			POOR => (HOSPITAL, PractitionerRole::Physician),
			other if OTHER_PRACTITIONERS.with(|p| p.borrow().contains(&other)) => {
				(HOSPITAL, PractitionerRole::Physician)
			}
			_ => return PractitionerStanding::Unknown,
		};
		let org_kind = Self::active_organization(org).unwrap_or(OrgKind::Hospital);
		PractitionerStanding::Active(PractitionerInfo { org, org_kind, role })
	}

	fn is_active_admin(_: OrgId, _: &u64) -> bool {
		false
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmarks(
		_: OrgKind,
		_: &u64,
		practitioner: &u64,
		_: PractitionerRole,
	) -> OrgId {
		OTHER_PRACTITIONERS.with(|p| p.borrow_mut().push(*practitioner));
		HOSPITAL
	}
}

/// A consent check that answers what the test set with [`decide`], and `NoConsent` otherwise.
pub struct MockConsent;

impl ConsentCheck<u64> for MockConsent {
	fn check_access(
		patient: &PatientId,
		accessor: &u64,
		action: Action,
		category: DataCategory,
		purpose: Purpose,
	) -> AccessDecision {
		Self::check_access_with_org(patient, accessor, action, category, purpose).0
	}

	fn check_access_with_org(
		patient: &PatientId,
		accessor: &u64,
		action: Action,
		category: DataCategory,
		purpose: Purpose,
	) -> (AccessDecision, Option<OrgId>) {
		if !MockPatients::is_active(patient) {
			return (AccessDecision::Deny { reason: DenyReason::PatientInactive }, None);
		}
		let Some(info) = MockDirectory::active_practitioner(accessor) else {
			return (AccessDecision::Deny { reason: DenyReason::NotAPractitioner }, None);
		};
		let decision = DECISIONS
			.with(|d| d.borrow().get(&(*accessor, action, category, purpose)).copied())
			.unwrap_or(AccessDecision::Deny { reason: DenyReason::NoConsent });
		(decision, Some(info.org))
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_permit(
		_patient: &PatientId,
		accessor: &u64,
		action: Action,
		category: DataCategory,
		purpose: Purpose,
	) {
		decide(*accessor, action, category, purpose, AccessDecision::Permit { consent: 0 });
	}
}

/// Makes the consent check answer `decision` for this access.
pub fn decide(
	who: u64,
	action: Action,
	category: DataCategory,
	purpose: Purpose,
	decision: AccessDecision,
) {
	DECISIONS.with(|d| d.borrow_mut().insert((who, action, category, purpose), decision));
}

/// Every account the tests sign with, endowed with [`ENDOWMENT`] ([`POOR`] with [`ED`] only).
pub const ENDOWED: [u64; 8] = [
	CONTROLLER,
	FULL_GUARDIAN,
	READ_GUARDIAN,
	CONSENT_GUARDIAN,
	STRANGER,
	PHYSICIAN,
	NURSE,
	CLINIC_PHYSICIAN,
];

/// Builds a test externality: block 1, the clock at [`GENESIS_TIME`], the test accounts
/// endowed, the stand-ins reset.
#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build(self) -> sp_io::TestExternalities {
		ACTIVE.with(|a| *a.borrow_mut() = true);
		DECISIONS.with(|d| d.borrow_mut().clear());
		STANDINGS.with(|s| s.borrow_mut().clear());
		ENDED.with(|e| e.borrow_mut().clear());
		OTHER_GUARDIANS.with(|g| g.borrow_mut().clear());
		OTHER_PATIENTS.with(|p| p.borrow_mut().clear());
		OTHER_PRACTITIONERS.with(|p| p.borrow_mut().clear());
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: ENDOWED.iter().map(|who| (*who, ENDOWMENT)).chain([(POOR, ED)]).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			pallet_timestamp::Now::<Test>::put(GENESIS_TIME);
		});
		ext
	}

	/// Runs `test`, then checks the pallet's invariants, and that every deposit ledger counts
	/// exactly what its account keeps (every item of a test is stored with deposits in place).
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			crate::Pallet::<Test>::do_try_state().expect("invariants hold after the test");
			crate::Pallet::<Test>::deposits_match_kept_items()
				.expect("deposits match the items kept after the test");
		})
	}
}

/// The last event of the records pallet.
pub fn last_event() -> pallet_records::Event<Test> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Records(e) => Some(e),
			_ => None,
		})
		.next_back()
		.expect("an event was emitted")
}
