//! A test runtime with the consortium registry and a clock.

use crate as pallet_consortium;
use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use frame_system::EnsureRoot;
use medchain_primitives::{mock as kit, OrgKind, PractitionerRole};
use sp_core::H256;
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
	pub type Consortium = pallet_consortium;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

parameter_types! {
	pub const MaxNameLength: u32 = 32;
	/// An invitation can be accepted for 10 s.
	pub const InvitationLifetime: u64 = 10_000;
}

impl pallet_consortium::Config for Test {
	type ConsortiumOrigin = EnsureRoot<u64>;
	type Time = Timestamp;
	type MaxNameLength = MaxNameLength;
	type MaxPractitionersPerOrganization = ConstU32<3>;
	type MaxPendingInvitations = ConstU32<2>;
	type InvitationLifetime = InvitationLifetime;
	type MaxCompanyPrefixesPerOrganization = ConstU32<2>;
	type WeightInfo = ();
}

/// Accounts of the test consortium.
pub const HOSPITAL_ADMIN: u64 = 1;
pub const LAB_ADMIN: u64 = 2;
pub const PHYSICIAN: u64 = 10;
pub const LAB_TECH: u64 = 20;
pub const STRANGER: u64 = 99;

/// Organisations of the test consortium.
pub const HOSPITAL: u32 = 0;
pub const LAB: u32 = 1;

/// The clock at genesis, in ms.
pub const GENESIS_TIME: u64 = 1_000_000;

pub fn licence(n: u8) -> H256 {
	H256::repeat_byte(n)
}

/// Builds a test externality; by default with a hospital (admin 1, a physician) and a
/// laboratory (admin 2, no staff). The test kit's directory
/// (`medchain_primitives::mock::TestConsortium`) is emptied and given the same consortium, for
/// the conformance tests.
#[derive(Default)]
pub struct ExtBuilder {
	empty: bool,
}

impl ExtBuilder {
	/// No organisations at all.
	#[must_use]
	pub fn empty(mut self) -> Self {
		self.empty = true;
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		kit::reset();
		if !self.empty {
			kit::consortium::add_organization(HOSPITAL, OrgKind::Hospital, HOSPITAL_ADMIN);
			kit::consortium::add_organization(LAB, OrgKind::Laboratory, LAB_ADMIN);
			kit::consortium::add_practitioner(PHYSICIAN, HOSPITAL, PractitionerRole::Physician);
		}
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let config = if self.empty {
			pallet_consortium::GenesisConfig::<Test>::default()
		} else {
			pallet_consortium::GenesisConfig::<Test> {
				organizations: vec![
					(HOSPITAL_ADMIN, OrgKind::Hospital, b"General Hospital".to_vec(), licence(1)),
					(LAB_ADMIN, OrgKind::Laboratory, b"Central Lab".to_vec(), licence(2)),
				],
				practitioners: vec![(HOSPITAL, PHYSICIAN, PractitionerRole::Physician, licence(3))],
				company_prefixes: vec![],
			}
		};
		config.assimilate_storage(&mut storage).unwrap();
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

/// The last event of the consortium pallet.
pub fn last_event() -> pallet_consortium::Event<Test> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Consortium(e) => Some(e),
			_ => None,
		})
		.next_back()
		.expect("an event was emitted")
}
