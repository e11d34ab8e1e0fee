//! A test runtime with the patient-identity pallet, balances for its storage deposits, a clock,
//! the test kit's consortium directory (`medchain_primitives::mock`) and a stand-in fee
//! extension.

use crate as pallet_patient_identity;
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::cell::RefCell;
use frame_support::{
	derive_impl,
	dispatch::DispatchInfo,
	parameter_types,
	traits::{ConstU32, ConstU64},
};
use medchain_primitives::{
	mock::TestConsortium, OrgId, OrgKind, PatientCall, PatientId, PractitionerRole,
};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{
		AsSystemOriginSigner, DispatchInfoOf, DispatchOriginOf, Implication, TransactionExtension,
		ValidateResult,
	},
	transaction_validity::{
		InvalidTransaction, TransactionSource, TransactionValidityError, ValidTransaction,
	},
	BuildStorage, Weight,
};
use std::collections::{BTreeMap, BTreeSet};

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
	pub type PatientIdentity = pallet_patient_identity;
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

/// The storage deposit of the test runtime: [`ITEM_DEPOSIT`] per item plus [`BYTE_DEPOSIT`] per
/// byte.
pub const ITEM_DEPOSIT: u64 = 1_000;
pub const BYTE_DEPOSIT: u64 = 10;

/// The balance of every account the tests use, but [`POOR`] and [`NEWBORN`].
pub const ENDOWMENT: u64 = 1_000_000_000;

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

/// Free calls per period, period length and free-transaction longevity (blocks) of the test
/// runtime.
pub const FREE_CALLS: u32 = 3;
pub const PERIOD: u64 = 10;
pub const LONGEVITY: u64 = 4;
pub const AUTHORITY_DELAY: u64 = 5;
pub const PROBATION: u64 = 8;
pub const DEACTIVATION_DELAY: u64 = 3;

parameter_types! {
	pub const FreeCallPeriod: u64 = PERIOD;
	pub const DepositReason: RuntimeHoldReason =
		RuntimeHoldReason::PatientIdentity(pallet_patient_identity::HoldReason::StorageDeposit);
}

/// The test runtime's storage deposit, held in [`Balances`] for [`DepositReason`].
pub type Deposit = frame_support::traits::fungible::HoldConsideration<
	u64,
	Balances,
	DepositReason,
	medchain_primitives::deposit::PerItemAndByte<
		ConstU64<ITEM_DEPOSIT>,
		ConstU64<BYTE_DEPOSIT>,
		u64,
	>,
>;

/// The test runtime's free calls: this pallet's own.
pub struct OwnCalls;
impl PatientCall<RuntimeCall> for OwnCalls {
	fn patient_of(call: &RuntimeCall) -> Option<PatientId> {
		match call {
			RuntimeCall::PatientIdentity(call) => call.free_for_patient(),
			_ => None,
		}
	}

	fn lookup_weight(call: &RuntimeCall) -> Option<Weight> {
		Self::patient_of(call).map(|_| Weight::zero())
	}
}

impl pallet_patient_identity::Config for Test {
	type Directory = TestConsortium<Timestamp>;
	type Time = Timestamp;
	type MaxControllers = ConstU32<3>;
	type MaxGuardians = ConstU32<2>;
	type FreeCallsPerPeriod = ConstU32<FREE_CALLS>;
	type FreeCallPeriod = FreeCallPeriod;
	type FreeCallLongevity = ConstU64<LONGEVITY>;
	type AuthorityDelay = ConstU64<AUTHORITY_DELAY>;
	type RecoveryProbation = ConstU64<PROBATION>;
	type DeactivationDelay = ConstU64<DEACTIVATION_DELAY>;
	type PatientCalls = OwnCalls;
	type Deposit = Deposit;
	type WeightInfo = ();
}

/// Accounts of the tests.
pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
pub const CAROL: u64 = 3;
pub const DAVE: u64 = 4;
pub const HOSPITAL_PHYSICIAN: u64 = 10;
pub const CLINIC_NURSE: u64 = 11;
pub const REGULATOR_INSPECTOR: u64 = 12;
pub const LAB_TECHNICIAN: u64 = 13;
/// A hospital physician with only the existential deposit: it can hold no storage deposit.
pub const POOR: u64 = 14;
/// The privacy officer of HOSPITAL: an authority for recovery and court-appointed guardianship.
pub const HOSPITAL_PRIVACY_OFFICER: u64 = 15;
/// An account that never had a balance (a newborn's wallet).
pub const NEWBORN: u64 = 20;
pub const STRANGER: u64 = 99;

/// The accounts endowed with [`ENDOWMENT`] at genesis.
pub const ENDOWED: [u64; 10] = [
	HOSPITAL_PRIVACY_OFFICER,
	ALICE,
	BOB,
	CAROL,
	DAVE,
	HOSPITAL_PHYSICIAN,
	CLINIC_NURSE,
	REGULATOR_INSPECTOR,
	LAB_TECHNICIAN,
	STRANGER,
];

/// Organisations of the consortium.
pub const HOSPITAL: OrgId = 0;
pub const CLINIC: OrgId = 1;
pub const REGULATOR: OrgId = 2;
pub const LAB: OrgId = 3;

/// The clock at genesis, in ms.
pub const GENESIS_TIME: u64 = 1_000_000;

thread_local! {
	static PAYERS: RefCell<BTreeSet<u64>> = const { RefCell::new(BTreeSet::new()) };
	static CHARGED: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

/// The admins of the consortium's organisations (the kit needs one per organisation, and one
/// organisation per admin); this pallet never asks for them.
pub const HOSPITAL_ADMIN: u64 = 30;
pub const CLINIC_ADMIN: u64 = 31;
pub const REGULATOR_ADMIN: u64 = 32;
pub const LAB_ADMIN: u64 = 33;

/// Lays out the consortium of the tests through the kit: four active organisations and their
/// practitioners.
fn lay_out_consortium() {
	use medchain_primitives::mock::consortium;
	consortium::add_organization(HOSPITAL, OrgKind::Hospital, HOSPITAL_ADMIN);
	consortium::add_organization(CLINIC, OrgKind::Clinic, CLINIC_ADMIN);
	consortium::add_organization(REGULATOR, OrgKind::Regulator, REGULATOR_ADMIN);
	consortium::add_organization(LAB, OrgKind::Laboratory, LAB_ADMIN);
	for (who, org, role) in [
		(HOSPITAL_PHYSICIAN, HOSPITAL, PractitionerRole::Physician),
		(CLINIC_NURSE, CLINIC, PractitionerRole::Nurse),
		(REGULATOR_INSPECTOR, REGULATOR, PractitionerRole::Administrator),
		(LAB_TECHNICIAN, LAB, PractitionerRole::LabTechnician),
		(POOR, HOSPITAL, PractitionerRole::PrivacyOfficer),
		(HOSPITAL_PRIVACY_OFFICER, HOSPITAL, PractitionerRole::PrivacyOfficer),
	] {
		consortium::add_practitioner(who, org, role);
	}
}

/// Suspends (`false`) or reinstates (`true`) an organisation of the consortium.
pub fn set_organization_active(org: OrgId, active: bool) {
	medchain_primitives::mock::consortium::set_active(org, active);
}

/// A stand-in for the fee-charging extension: accounts marked with [`can_pay`] pay (recorded
/// in [`charged`]), every other account is refused with `InvalidTransaction::Payment`.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, Debug, TypeInfo)]
pub struct MockCharge;

/// The weight [`MockCharge`] declares.
pub const MOCK_CHARGE_WEIGHT: Weight = Weight::from_parts(1_000, 0);

impl TransactionExtension<RuntimeCall> for MockCharge {
	const IDENTIFIER: &'static str = "MockCharge";
	type Implicit = ();
	type Val = u64;
	type Pre = ();

	fn weight(&self, _: &RuntimeCall) -> Weight {
		MOCK_CHARGE_WEIGHT
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<RuntimeCall>,
		_call: &RuntimeCall,
		_info: &DispatchInfoOf<RuntimeCall>,
		_len: usize,
		_self_implicit: (),
		_inherited_implication: &impl Implication,
		_source: TransactionSource,
	) -> ValidateResult<u64, RuntimeCall> {
		let who = *origin.as_system_origin_signer().ok_or(InvalidTransaction::BadSigner)?;
		if !PAYERS.with(|p| p.borrow().contains(&who)) {
			return Err(InvalidTransaction::Payment.into());
		}
		Ok((ValidTransaction { priority: 7, ..Default::default() }, who, origin))
	}

	fn prepare(
		self,
		who: u64,
		_origin: &DispatchOriginOf<RuntimeCall>,
		_call: &RuntimeCall,
		_info: &DispatchInfo,
		_len: usize,
	) -> Result<(), TransactionValidityError> {
		CHARGED.with(|c| c.borrow_mut().push(who));
		Ok(())
	}
}

/// Lets `who` pay fees through [`MockCharge`]; a payer has an account (a provider reference), as
/// a funded account has.
pub fn can_pay(who: u64) {
	PAYERS.with(|p| p.borrow_mut().insert(who));
	frame_system::Pallet::<Test>::inc_providers(&who);
}

/// The accounts [`MockCharge`] charged, in order.
pub fn charged() -> Vec<u64> {
	CHARGED.with(|c| c.borrow().clone())
}

/// A patient id for tests.
/// The id of the patient ALICE controls with `key(n)` (ids are bound to controller and key).
pub fn patient(n: u8) -> PatientId {
	patient_of(ALICE, n)
}

/// The id of the patient `controller` controls with `key(n)`.
pub fn patient_of(controller: u64, n: u8) -> PatientId {
	medchain_primitives::derive_patient_id(&controller, &key(n))
}

/// Moves to block `n`.
pub fn run_to(n: u64) {
	System::set_block_number(n);
}

/// A non-zero X25519 public key for tests.
pub fn key(n: u8) -> [u8; 32] {
	[n; 32]
}

/// Builds a test externality: block 1, the clock at [`GENESIS_TIME`], the consortium laid out
/// through the test kit, the [`ENDOWED`] accounts funded with [`ENDOWMENT`] and [`POOR`] with the
/// existential deposit (unless a setter says otherwise), and no account paying fees through
/// [`MockCharge`] but those [`ExtBuilder::with_payer`] names.
pub struct ExtBuilder {
	balances: BTreeMap<u64, u64>,
	payers: BTreeSet<u64>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		let existential_deposit =
			<<Test as pallet_balances::Config>::ExistentialDeposit as frame_support::traits::Get<
				u64,
			>>::get();
		Self {
			balances: ENDOWED
				.iter()
				.map(|who| (*who, ENDOWMENT))
				.chain([(POOR, existential_deposit)])
				.collect(),
			payers: BTreeSet::new(),
		}
	}
}

impl ExtBuilder {
	/// Gives `who` a balance of `amount` at genesis instead of its default.
	#[must_use]
	pub fn with_balance(mut self, who: u64, amount: u64) -> Self {
		self.balances.insert(who, amount);
		self
	}

	/// Lets `who` pay fees through [`MockCharge`] from the start (see [`can_pay`]).
	#[must_use]
	pub fn with_payer(mut self, who: u64) -> Self {
		self.payers.insert(who);
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		medchain_primitives::mock::reset();
		lay_out_consortium();
		PAYERS.with(|p| p.borrow_mut().clear());
		CHARGED.with(|c| c.borrow_mut().clear());
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: self.balances.into_iter().collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			pallet_timestamp::Now::<Test>::put(GENESIS_TIME);
			for who in self.payers {
				can_pay(who);
			}
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
pub fn set_time(now: u64) {
	pallet_timestamp::Now::<Test>::put(now);
}

/// The last event of the patient-identity pallet.
pub fn last_event() -> pallet_patient_identity::Event<Test> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::PatientIdentity(e) => Some(e),
			_ => None,
		})
		.next_back()
		.expect("an event was emitted")
}
