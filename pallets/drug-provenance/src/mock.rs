//! A test runtime with the drug-provenance pallet, balances for its deposits, a clock and the
//! consortium directory of the test kit (`medchain_primitives::mock`), laid out by [`ExtBuilder`].

use crate as pallet_drug_provenance;
use frame_support::{
	derive_impl,
	traits::{fungible::HoldConsideration, ConstU32, ConstU64},
};
pub use medchain_primitives::mock::consortium;
use medchain_primitives::{mock::TestConsortium, OrgId, OrgKind, PractitionerRole};
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
	pub type DrugProvenance = pallet_drug_provenance;
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

/// The deposit per item and per byte.
pub const ITEM: u64 = 1_000;
pub const BYTE: u64 = 10;
/// What every test account but [`POOR`] and [`POOR_PHARMACIST`] starts with.
pub const ENDOWMENT: u64 = 1_000_000_000_000;
/// The existential deposit (pallet-balances' test default).
pub const EXISTENTIAL_DEPOSIT: u64 = 1;

frame_support::parameter_types! {
	pub const MaxDepth: u8 = 2;
	pub const DepositReason: RuntimeHoldReason =
		RuntimeHoldReason::DrugProvenance(pallet_drug_provenance::HoldReason::StorageDeposit);
}

/// The deposit held for `items` items of `bytes` bytes in all.
pub fn deposit_for(items: u64, bytes: u64) -> u64 {
	items.saturating_mul(ITEM).saturating_add(bytes.saturating_mul(BYTE))
}

impl pallet_drug_provenance::Config for Test {
	type Directory = TestConsortium<Timestamp>;
	type Time = Timestamp;
	type MaxNameLength = ConstU32<32>;
	type MaxSerialsPerCall = ConstU32<1_000>;
	type MaxItemsPerCall = ConstU32<10>;
	type MaxDepth = MaxDepth;
	type MaxHistory = ConstU32<16>;
	type MaxLotsPerContainer = ConstU32<4>;
	type Deposit = HoldConsideration<
		u64,
		Balances,
		DepositReason,
		medchain_primitives::deposit::PerItemAndByte<ConstU64<ITEM>, ConstU64<BYTE>, u64>,
	>;
	type WeightInfo = ();
	type GovernanceOrigin = frame_system::EnsureRoot<u64>;
}

/// Organisations of the test consortium.
pub const MAKER: OrgId = 0;
pub const WHOLESALER: OrgId = 1;
pub const PHARMACY: OrgId = 2;
pub const REGULATOR: OrgId = 3;
pub const LAB: OrgId = 4;
pub const OTHER_MAKER: OrgId = 5;
/// A second wholesaler, laid out only by tests that ask for it
/// ([`ExtBuilder::with_second_wholesaler`]).
pub const SECOND_WHOLESALER: OrgId = 6;

/// Their staff. The pallet's rules look at the organisation's kind, never at the role; the roles
/// are the ones these people would have.
pub const MAKER_STAFF: u64 = 10;
pub const WHOLESALER_STAFF: u64 = 11;
pub const PHARMACIST: u64 = 12;
pub const INSPECTOR: u64 = 13;
pub const LAB_STAFF: u64 = 14;
pub const OTHER_MAKER_STAFF: u64 = 15;
pub const SECOND_WHOLESALER_STAFF: u64 = 16;
pub const STRANGER: u64 = 99;
/// The admins (one per organisation; not practitioners).
pub const MAKER_ADMIN: u64 = 30;
pub const WHOLESALER_ADMIN: u64 = 31;
pub const PHARMACY_ADMIN: u64 = 32;
pub const REGULATOR_ADMIN: u64 = 33;
pub const LAB_ADMIN: u64 = 34;
pub const OTHER_MAKER_ADMIN: u64 = 35;
pub const SECOND_WHOLESALER_ADMIN: u64 = 36;

/// GS1 company prefixes assigned to the organisations (none is a prefix of another, as the
/// consortium requires).
pub const MAKER_PREFIX: &[u8] = b"0614141";
pub const OTHER_MAKER_PREFIX: &[u8] = b"0512345";
pub const WHOLESALER_PREFIX: &[u8] = b"0700001";
pub const PHARMACY_PREFIX: &[u8] = b"0800002";
pub const SECOND_WHOLESALER_PREFIX: &[u8] = b"0900003";
/// Staff of the maker and of the pharmacy, unfunded unless a test funds them
/// ([`ExtBuilder::with_balance`]).
pub const POOR: u64 = 20;
pub const POOR_PHARMACIST: u64 = 21;

/// 2026-11-21 in ms: the clock at genesis.
pub const GENESIS_TIME: u64 = 1_795_219_200_000;

/// Assigns a GS1 company prefix to an organisation (governance's `assign_company_prefix`).
pub fn assign_prefix(org: OrgId, prefix: &[u8]) {
	consortium::assign_company_prefix(org, prefix);
}

/// Suspends (`false`) or reinstates (`true`) an organisation.
pub fn set_organization_active(org: OrgId, active: bool) {
	consortium::set_active(org, active);
}

/// Builds a test externality: the clock at [`GENESIS_TIME`], the funded accounts, and the test
/// consortium (organisations with their admins, staff and company prefixes).
pub struct ExtBuilder {
	organizations: Vec<(OrgId, OrgKind, u64)>,
	practitioners: Vec<(u64, OrgId, PractitionerRole)>,
	prefixes: Vec<(OrgId, &'static [u8])>,
	balances: Vec<(u64, u64)>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		use OrgKind::*;
		use PractitionerRole::*;
		let organizations = vec![
			(MAKER, Manufacturer, MAKER_ADMIN),
			(WHOLESALER, Wholesaler, WHOLESALER_ADMIN),
			(PHARMACY, Pharmacy, PHARMACY_ADMIN),
			(REGULATOR, Regulator, REGULATOR_ADMIN),
			(LAB, Laboratory, LAB_ADMIN),
			(OTHER_MAKER, Manufacturer, OTHER_MAKER_ADMIN),
		];
		let practitioners = vec![
			(MAKER_STAFF, MAKER, Administrator),
			(WHOLESALER_STAFF, WHOLESALER, Administrator),
			(PHARMACIST, PHARMACY, Pharmacist),
			(INSPECTOR, REGULATOR, Administrator),
			(LAB_STAFF, LAB, LabTechnician),
			(OTHER_MAKER_STAFF, OTHER_MAKER, LabTechnician),
			(POOR, MAKER, LabTechnician),
			(POOR_PHARMACIST, PHARMACY, Pharmacist),
		];
		let prefixes = vec![
			(MAKER, MAKER_PREFIX),
			(OTHER_MAKER, OTHER_MAKER_PREFIX),
			(WHOLESALER, WHOLESALER_PREFIX),
			(PHARMACY, PHARMACY_PREFIX),
		];
		let rich = [
			MAKER_STAFF,
			WHOLESALER_STAFF,
			PHARMACIST,
			INSPECTOR,
			LAB_STAFF,
			OTHER_MAKER_STAFF,
			STRANGER,
			MAKER_ADMIN,
			WHOLESALER_ADMIN,
			PHARMACY_ADMIN,
			REGULATOR_ADMIN,
			LAB_ADMIN,
			OTHER_MAKER_ADMIN,
		];
		let balances = rich.into_iter().map(|who| (who, ENDOWMENT)).collect();
		Self { organizations, practitioners, prefixes, balances }
	}
}

impl ExtBuilder {
	/// `who` starts with `amount` (instead of what the default layout gives it).
	#[must_use]
	pub fn with_balance(mut self, who: u64, amount: u64) -> Self {
		self.balances.retain(|(w, _)| *w != who);
		self.balances.push((who, amount));
		self
	}

	/// One more active organisation `org` of `kind`, administered by `admin` (funded).
	#[must_use]
	pub fn with_organization(mut self, org: OrgId, kind: OrgKind, admin: u64) -> Self {
		self.organizations.push((org, kind, admin));
		self.with_balance(admin, ENDOWMENT)
	}

	/// One more practitioner `who` (funded) of `org` with `role`.
	#[must_use]
	pub fn with_practitioner(mut self, who: u64, org: OrgId, role: PractitionerRole) -> Self {
		self.practitioners.push((who, org, role));
		self.with_balance(who, ENDOWMENT)
	}

	/// One more GS1 company prefix, assigned to `org`.
	#[must_use]
	pub fn with_company_prefix(mut self, org: OrgId, prefix: &'static [u8]) -> Self {
		self.prefixes.push((org, prefix));
		self
	}

	/// [`SECOND_WHOLESALER`] with its admin, its staff [`SECOND_WHOLESALER_STAFF`] and its
	/// company prefix.
	#[must_use]
	pub fn with_second_wholesaler(self) -> Self {
		self.with_organization(SECOND_WHOLESALER, OrgKind::Wholesaler, SECOND_WHOLESALER_ADMIN)
			.with_practitioner(
				SECOND_WHOLESALER_STAFF,
				SECOND_WHOLESALER,
				PractitionerRole::Administrator,
			)
			.with_company_prefix(SECOND_WHOLESALER, SECOND_WHOLESALER_PREFIX)
	}

	pub fn build(self) -> sp_io::TestExternalities {
		medchain_primitives::mock::reset();
		for (org, kind, admin) in self.organizations {
			consortium::add_organization(org, kind, admin);
		}
		for (who, org, role) in self.practitioners {
			consortium::add_practitioner(who, org, role);
		}
		for (org, prefix) in self.prefixes {
			consortium::assign_company_prefix(org, prefix);
		}
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> { balances: self.balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			pallet_timestamp::Now::<Test>::put(GENESIS_TIME);
		});
		ext
	}

	/// Runs `test`, then checks the pallet's invariants (the deposit ledger among them).
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

/// The last event of the pallet.
pub fn last_event() -> pallet_drug_provenance::Event<Test> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::DrugProvenance(e) => Some(e),
			_ => None,
		})
		.next_back()
		.expect("an event was emitted")
}
