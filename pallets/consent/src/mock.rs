//! A test runtime with the consent pallet, a clock, balances for the storage deposits, and the
//! test kit's patient registry and consortium directory (`medchain_primitives::mock`).

use crate as pallet_consent;
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU32, ConstU64},
};
pub use medchain_primitives::mock::{self, consortium, patients};
use medchain_primitives::{
	mock::{TestConsortium, TestPatients},
	GuardianScope, Moment, OrgId, OrgKind, PatientId, PractitionerRole,
};
use sp_runtime::BuildStorage;

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
	type Patients = Registry;
	type Directory = Directory;
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
	type OnRevoked = RevocationHook;
	type WeightInfo = ();
}

thread_local! {
	static REVOKED: core::cell::RefCell<Vec<(PatientId, medchain_primitives::ConsentId)>> =
		const { core::cell::RefCell::new(Vec::new()) };
	static TO_REMOVE: core::cell::Cell<u32> = const { core::cell::Cell::new(0) };
}

/// The revocation hook's stand-in: it records every call and says it removed
/// [`set_items_to_remove`] items (at most [`RevocationHook::max_removed`], 3), each weighing
/// [`REMOVAL_WEIGHT`].
pub struct RevocationHook;

/// The stand-in's weight of one removal.
pub const REMOVAL_WEIGHT: u64 = 1_000_000;

impl medchain_primitives::OnConsentRevoked for RevocationHook {
	fn on_consent_revoked(patient: &PatientId, consent: medchain_primitives::ConsentId) -> u32 {
		REVOKED.with(|r| r.borrow_mut().push((*patient, consent)));
		TO_REMOVE.with(|n| n.get()).min(Self::max_removed())
	}

	fn max_removed() -> u32 {
		3
	}

	fn weight(removed: u32) -> frame_support::weights::Weight {
		frame_support::weights::Weight::from_parts(REMOVAL_WEIGHT * u64::from(removed), 0)
	}
}

/// The revocations the hook was told of, in order.
pub fn revocations_seen() -> Vec<(PatientId, medchain_primitives::ConsentId)> {
	REVOKED.with(|r| r.borrow().clone())
}

/// How many items the hook says it removes at the next revocations.
pub fn set_items_to_remove(n: u32) {
	TO_REMOVE.with(|c| c.set(n));
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

/// Organisations of the test consortium.
pub const HOSPITAL: OrgId = 0;
pub const CLINIC: OrgId = 1;
pub const LAB: OrgId = 2;

/// The clock at genesis, in ms.
pub const GENESIS_TIME: Moment = 1_000_000;

/// The test patient.
pub const PATIENT: PatientId = PatientId::repeat_byte(1);
/// A second patient, with the same controller.
pub const OTHER_PATIENT: PatientId = PatientId::repeat_byte(2);

/// The admins of the three organisations (the kit gives every organisation one; this pallet
/// never asks for them).
pub const HOSPITAL_ADMIN: u64 = 50;
pub const CLINIC_ADMIN: u64 = 51;
pub const LAB_ADMIN: u64 = 52;

/// The patient registry and consortium directory of the tests: the kit's, on the test
/// runtime's clock.
pub type Registry = TestPatients<Timestamp>;
pub type Directory = TestConsortium<Timestamp>;

/// A guardianship of [`PATIENT`]: the guardian, its scope and its end (ms), if any.
type Guardianship = (u64, GuardianScope, Option<Moment>);

/// Builds a test externality: block 1, the clock at [`GENESIS_TIME`], the kit's consortium laid
/// out as the hospital (physician, nurse, privacy officer, clerk, [`POOR`]), the clinic
/// (physician, privacy officer) and the laboratory (technician), and [`PATIENT`] and
/// [`OTHER_PATIENT`] controlled by [`CONTROLLER`], [`PATIENT`] with a consent-only, a read-only
/// and a full guardian (see [`Self::with_guardian`]); every account of [`ENDOWED`] holds
/// [`ENDOWMENT`], [`POOR`] only the existential deposit.
pub struct ExtBuilder {
	guardians: Vec<Guardianship>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self {
			guardians: vec![
				(CONSENT_GUARDIAN, GuardianScope::ConsentOnly, None),
				(READ_GUARDIAN, GuardianScope::ReadOnly, None),
				(FULL_GUARDIAN, GuardianScope::Full, None),
			],
		}
	}
}

impl ExtBuilder {
	/// Appoints `who` guardian of [`PATIENT`] with `scope` until `valid_until` (ms), in place of
	/// the guardianship the builder gives `who` by default, if any.
	#[must_use]
	pub fn with_guardian(
		mut self,
		who: u64,
		scope: GuardianScope,
		valid_until: Option<Moment>,
	) -> Self {
		self.guardians.retain(|(guardian, _, _)| *guardian != who);
		self.guardians.push((who, scope, valid_until));
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		mock::reset();
		REVOKED.with(|r| r.borrow_mut().clear());
		TO_REMOVE.with(|n| n.set(0));
		consortium::add_organization(HOSPITAL, OrgKind::Hospital, HOSPITAL_ADMIN);
		consortium::add_organization(CLINIC, OrgKind::Clinic, CLINIC_ADMIN);
		consortium::add_organization(LAB, OrgKind::Laboratory, LAB_ADMIN);
		for (who, org, role) in [
			(PHYSICIAN, HOSPITAL, PractitionerRole::Physician),
			(NURSE, HOSPITAL, PractitionerRole::Nurse),
			(PRIVACY_OFFICER, HOSPITAL, PractitionerRole::PrivacyOfficer),
			(HOSPITAL_CLERK, HOSPITAL, PractitionerRole::Administrator),
			(CLINIC_PHYSICIAN, CLINIC, PractitionerRole::Physician),
			(CLINIC_PRIVACY_OFFICER, CLINIC, PractitionerRole::PrivacyOfficer),
			(LAB_TECHNICIAN, LAB, PractitionerRole::LabTechnician),
			(POOR, HOSPITAL, PractitionerRole::Physician),
		] {
			consortium::add_practitioner(who, org, role);
		}
		patients::register(PATIENT, CONTROLLER);
		patients::register(OTHER_PATIENT, CONTROLLER);
		for (who, scope, valid_until) in self.guardians {
			patients::appoint_guardian(&PATIENT, who, scope, valid_until);
		}
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

	/// Runs `test`, then checks the pallet's invariants (the deposit ledger included).
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

/// The events of the consent pallet so far, in order.
pub fn consent_events() -> Vec<pallet_consent::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Consent(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// The last event of the consent pallet.
pub fn last_event() -> pallet_consent::Event<Test> {
	consent_events().pop().expect("an event was emitted")
}
