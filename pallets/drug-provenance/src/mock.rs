//! A test runtime with the drug-provenance pallet, balances for its deposits, a clock and a
//! stand-in consortium directory.

use crate as pallet_drug_provenance;
use core::cell::RefCell;
use frame_support::{
	derive_impl,
	traits::{fungible::HoldConsideration, ConstU32, ConstU64},
};
use medchain_primitives::{
	ConsortiumDirectory, OrgId, OrgKind, PractitionerInfo, PractitionerRole, PractitionerStanding,
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
	type Directory = MockDirectory;
	type Time = Timestamp;
	type MaxNameLength = ConstU32<32>;
	type MaxSerialsPerCall = ConstU32<1_000>;
	type MaxItemsPerCall = ConstU32<10>;
	type MaxDepth = MaxDepth;
	type MaxHistory = ConstU32<16>;
	type Deposit = HoldConsideration<
		u64,
		Balances,
		DepositReason,
		medchain_primitives::deposit::PerItemAndByte<ConstU64<ITEM>, ConstU64<BYTE>, u64>,
	>;
	type WeightInfo = ();
	type GovernanceOrigin = frame_system::EnsureRoot<u64>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockDirectory;
}

#[cfg(feature = "runtime-benchmarks")]
impl medchain_primitives::ProvenanceBenchmarkHelper for MockDirectory {
	fn assign_company_prefix(org: OrgId, prefix: &[u8]) {
		assign_prefix(org, prefix);
	}
}

/// Organisations of the stand-in consortium.
pub const MAKER: OrgId = 0;
pub const WHOLESALER: OrgId = 1;
pub const PHARMACY: OrgId = 2;
pub const REGULATOR: OrgId = 3;
pub const LAB: OrgId = 4;
pub const OTHER_MAKER: OrgId = 5;

/// Their staff.
pub const MAKER_STAFF: u64 = 10;
pub const WHOLESALER_STAFF: u64 = 11;
pub const PHARMACIST: u64 = 12;
pub const INSPECTOR: u64 = 13;
pub const LAB_STAFF: u64 = 14;
pub const OTHER_MAKER_STAFF: u64 = 15;
pub const STRANGER: u64 = 99;
/// The admins of the maker and of the wholesaler (not practitioners).
pub const MAKER_ADMIN: u64 = 30;
pub const WHOLESALER_ADMIN: u64 = 31;

/// GS1 company prefixes assigned to the organisations (the other maker's is a longer prefix
/// inside the maker's range, as GS1 allocates them).
pub const MAKER_PREFIX: &[u8] = b"0614141";
pub const OTHER_MAKER_PREFIX: &[u8] = b"06141419";
pub const WHOLESALER_PREFIX: &[u8] = b"0700001";
pub const PHARMACY_PREFIX: &[u8] = b"0800002";
/// Staff of the maker and of the pharmacy with nothing but the existential deposit.
pub const POOR: u64 = 20;
pub const POOR_PHARMACIST: u64 = 21;

/// 2026-11-21 in ms: the clock at genesis.
pub const GENESIS_TIME: u64 = 1_795_219_200_000;

thread_local! {
	static ORGANIZATIONS: RefCell<BTreeMap<OrgId, (OrgKind, bool)>> = const { RefCell::new(BTreeMap::new()) };
	static STAFF: RefCell<BTreeMap<u64, OrgId>> = const { RefCell::new(BTreeMap::new()) };
	static ADMINS: RefCell<BTreeMap<u64, OrgId>> = const { RefCell::new(BTreeMap::new()) };
	static PREFIXES: RefCell<BTreeMap<Vec<u8>, OrgId>> = const { RefCell::new(BTreeMap::new()) };
}

/// Assigns a GS1 company prefix to an organisation.
pub fn assign_prefix(org: OrgId, prefix: &[u8]) {
	PREFIXES.with(|p| p.borrow_mut().insert(prefix.to_vec(), org));
}

/// A consortium directory held in memory.
pub struct MockDirectory;

impl ConsortiumDirectory<u64> for MockDirectory {
	fn active_organization(org: OrgId) -> Option<OrgKind> {
		ORGANIZATIONS.with(|o| o.borrow().get(&org).filter(|(_, a)| *a).map(|(k, _)| *k))
	}

	fn practitioner_standing(who: &u64) -> PractitionerStanding {
		let Some(org) = STAFF.with(|s| s.borrow().get(who).copied()) else {
			return PractitionerStanding::Unknown;
		};
		match Self::active_organization(org) {
			Some(org_kind) => PractitionerStanding::Active(PractitionerInfo {
				org,
				org_kind,
				role: PractitionerRole::Administrator,
			}),
			None => PractitionerStanding::OrganizationInactive,
		}
	}

	fn is_active_admin(org: OrgId, who: &u64) -> bool {
		Self::administered_organization(who).is_some_and(|(o, _)| o == org)
	}

	fn administered_organization(who: &u64) -> Option<(OrgId, OrgKind)> {
		let org = ADMINS.with(|a| a.borrow().get(who).copied())?;
		Self::active_organization(org).map(|kind| (org, kind))
	}

	/// The longest assigned prefix (6 to 12 digits) that starts `digits`.
	fn company_prefix_owner(digits: &[u8]) -> Option<OrgId> {
		PREFIXES.with(|p| {
			let p = p.borrow();
			(6..=12usize)
				.rev()
				.filter_map(|n| digits.get(..n))
				.find_map(|prefix| p.get(prefix).copied())
		})
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmarks(
		kind: OrgKind,
		admin: &u64,
		practitioner: &u64,
		_: PractitionerRole,
	) -> OrgId {
		let org = ORGANIZATIONS.with(|o| {
			let mut o = o.borrow_mut();
			let org = o.len() as OrgId;
			o.insert(org, (kind, true));
			org
		});
		STAFF.with(|s| s.borrow_mut().insert(*practitioner, org));
		ADMINS.with(|a| a.borrow_mut().insert(*admin, org));
		org
	}
}

/// Suspends (`false`) or reinstates (`true`) an organisation.
pub fn set_organization_active(org: OrgId, active: bool) {
	ORGANIZATIONS.with(|o| {
		if let Some(e) = o.borrow_mut().get_mut(&org) {
			e.1 = active;
		}
	});
}

/// Builds a test externality: the clock at [`GENESIS_TIME`] and the stand-in consortium.
#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build(self) -> sp_io::TestExternalities {
		ORGANIZATIONS.with(|o| {
			*o.borrow_mut() = BTreeMap::from([
				(MAKER, (OrgKind::Manufacturer, true)),
				(WHOLESALER, (OrgKind::Wholesaler, true)),
				(PHARMACY, (OrgKind::Pharmacy, true)),
				(REGULATOR, (OrgKind::Regulator, true)),
				(LAB, (OrgKind::Laboratory, true)),
				(OTHER_MAKER, (OrgKind::Manufacturer, true)),
			])
		});
		STAFF.with(|s| {
			*s.borrow_mut() = BTreeMap::from([
				(MAKER_STAFF, MAKER),
				(WHOLESALER_STAFF, WHOLESALER),
				(PHARMACIST, PHARMACY),
				(INSPECTOR, REGULATOR),
				(LAB_STAFF, LAB),
				(OTHER_MAKER_STAFF, OTHER_MAKER),
				(POOR, MAKER),
				(POOR_PHARMACIST, PHARMACY),
			])
		});
		ADMINS.with(|a| {
			*a.borrow_mut() = BTreeMap::from([(MAKER_ADMIN, MAKER), (WHOLESALER_ADMIN, WHOLESALER)])
		});
		PREFIXES.with(|p| {
			*p.borrow_mut() = BTreeMap::from([
				(MAKER_PREFIX.to_vec(), MAKER),
				(OTHER_MAKER_PREFIX.to_vec(), OTHER_MAKER),
				(WHOLESALER_PREFIX.to_vec(), WHOLESALER),
				(PHARMACY_PREFIX.to_vec(), PHARMACY),
			])
		});
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
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
		];
		pallet_balances::GenesisConfig::<Test> {
			balances: rich
				.into_iter()
				.map(|who| (who, ENDOWMENT))
				.chain([(POOR, EXISTENTIAL_DEPOSIT), (POOR_PHARMACIST, EXISTENTIAL_DEPOSIT)])
				.collect(),
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

	/// Runs `test`, then checks the pallet's invariants.
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
