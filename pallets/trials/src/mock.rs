//! A test runtime with the trials pallet, balances (for deposits) and a clock. The consortium
//! directory is the test kit's (`medchain_primitives::mock`).

use crate as pallet_trials;
use crate::{ProtocolDocuments, Registry, RegistryId, RegistryIdsOf};
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU32, ConstU64},
};
use medchain_primitives::{
	mock::{self, consortium, TestConsortium},
	Moment, OrgId, OrgKind, OutcomeLevel, PractitionerRole,
};
use sp_core::{sr25519, Pair, H256};
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
	pub type Trials = pallet_trials;
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
pub const MAX_IDS: u32 = 3;
pub const MAX_ID_LEN: u32 = 24;
pub const MAX_OUTCOMES: u32 = 8;
pub const MAX_VERSIONS: u32 = 3;
pub const MAX_SITES: u32 = 2;
pub const MAX_PARTICIPANTS: u32 = 3;
pub const MAX_COMMITMENTS: u32 = 3;
/// What the history keeps for everything but status changes, and four status changes.
pub const MAX_HISTORY: u32 = 2 * MAX_VERSIONS + MAX_SITES + MAX_COMMITMENTS + 3 + 4;

/// The deposit per item and per byte of the test runtime.
pub const DEPOSIT_PER_ITEM: u64 = 1_000;
pub const DEPOSIT_PER_BYTE: u64 = 10;
/// The existential deposit (pallet-balances' test default).
pub const ED: u64 = 1;
/// What every test account except [`POOR`] starts with.
pub const ENDOWMENT: u64 = 1_000_000_000;

parameter_types! {
	pub const DepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Trials(pallet_trials::HoldReason::StorageDeposit);
}

/// The deposit of `items` items of `bytes` bytes in total.
#[allow(clippy::arithmetic_side_effects)] // a test's overflow should fail it
pub fn deposit_of(items: u64, bytes: u64) -> u64 {
	items * DEPOSIT_PER_ITEM + bytes * DEPOSIT_PER_BYTE
}

impl pallet_trials::Config for Test {
	type Directory = TestConsortium<Timestamp>;
	type Time = Timestamp;
	type MaxRegistryIds = ConstU32<MAX_IDS>;
	type MaxRegistryIdLen = ConstU32<MAX_ID_LEN>;
	type MaxOutcomes = ConstU32<MAX_OUTCOMES>;
	type MaxVersions = ConstU32<MAX_VERSIONS>;
	type MaxSites = ConstU32<MAX_SITES>;
	type MaxParticipants = ConstU32<MAX_PARTICIPANTS>;
	type MaxCommitments = ConstU32<MAX_COMMITMENTS>;
	type MaxHistory = ConstU32<MAX_HISTORY>;
	type RegistrarOrigin = frame_system::EnsureRoot<u64>;
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

/// The organisations: the sponsor (a manufacturer), two sites, an ethics committee, and
/// organisations of kinds that may neither sponsor nor host a trial.
pub const SPONSOR: OrgId = 0;
pub const HOSPITAL: OrgId = 1;
pub const CLINIC: OrgId = 2;
pub const ETHICS: OrgId = 3;
pub const PHARMACY: OrgId = 4;
pub const RESEARCH: OrgId = 5;
pub const SPONSOR_ADMIN: u64 = 40;
pub const HOSPITAL_ADMIN: u64 = 41;
pub const CLINIC_ADMIN: u64 = 42;
pub const ETHICS_ADMIN: u64 = 43;
pub const PHARMACY_ADMIN: u64 = 44;
pub const RESEARCH_ADMIN: u64 = 45;
/// Practitioners: the sponsor's researcher, a site physician of each site, an ethics
/// committee member, a pharmacist, another sponsor's researcher.
pub const RESEARCHER: u64 = 10;
pub const SITE_PHYSICIAN: u64 = 11;
pub const CLINIC_PHYSICIAN: u64 = 12;
pub const COMMITTEE_MEMBER: u64 = 13;
pub const PHARMACIST: u64 = 14;
pub const OTHER_RESEARCHER: u64 = 15;
/// A sponsor researcher with nothing but the existential deposit: it cannot hold a deposit.
pub const POOR: u64 = 30;
/// An account nobody registered.
pub const STRANGER: u64 = 99;

/// The clock at genesis, in ms.
pub const GENESIS_TIME: u64 = 100 * crate::DAY_MS;

/// Every account the tests sign with, endowed with [`ENDOWMENT`] ([`POOR`] with [`ED`] only).
pub const ENDOWED: [u64; 13] = [
	SPONSOR_ADMIN,
	HOSPITAL_ADMIN,
	CLINIC_ADMIN,
	ETHICS_ADMIN,
	PHARMACY_ADMIN,
	RESEARCH_ADMIN,
	RESEARCHER,
	SITE_PHYSICIAN,
	CLINIC_PHYSICIAN,
	COMMITTEE_MEMBER,
	PHARMACIST,
	OTHER_RESEARCHER,
	STRANGER,
];

/// Moves the clock to `now` (ms).
pub fn set_now(now: Moment) {
	pallet_timestamp::Now::<Test>::put(now);
}

/// Moves the clock on by `ms`.
#[allow(clippy::arithmetic_side_effects)]
pub fn advance(ms: Moment) {
	set_now(pallet_timestamp::Now::<Test>::get() + ms);
}

/// Builds a test externality: block 1, the clock at [`GENESIS_TIME`], the accounts endowed, and
/// through the kit the active organisations with their admins and practitioners:
/// [`SPONSOR`] (a manufacturer: [`RESEARCHER`], [`POOR`]), [`HOSPITAL`] ([`SITE_PHYSICIAN`]),
/// [`CLINIC`] ([`CLINIC_PHYSICIAN`]), [`ETHICS`] ([`COMMITTEE_MEMBER`]), [`PHARMACY`]
/// ([`PHARMACIST`]) and [`RESEARCH`] ([`OTHER_RESEARCHER`]).
#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build(self) -> sp_io::TestExternalities {
		mock::reset();
		for (org, kind, admin) in [
			(SPONSOR, OrgKind::Manufacturer, SPONSOR_ADMIN),
			(HOSPITAL, OrgKind::Hospital, HOSPITAL_ADMIN),
			(CLINIC, OrgKind::Clinic, CLINIC_ADMIN),
			(ETHICS, OrgKind::EthicsCommittee, ETHICS_ADMIN),
			(PHARMACY, OrgKind::Pharmacy, PHARMACY_ADMIN),
			(RESEARCH, OrgKind::Research, RESEARCH_ADMIN),
		] {
			consortium::add_organization(org, kind, admin);
		}
		for (who, org, role) in [
			(RESEARCHER, SPONSOR, PractitionerRole::Researcher),
			(POOR, SPONSOR, PractitionerRole::Researcher),
			(SITE_PHYSICIAN, HOSPITAL, PractitionerRole::Physician),
			(CLINIC_PHYSICIAN, CLINIC, PractitionerRole::Physician),
			(COMMITTEE_MEMBER, ETHICS, PractitionerRole::Researcher),
			(PHARMACIST, PHARMACY, PractitionerRole::Pharmacist),
			(OTHER_RESEARCHER, RESEARCH, PractitionerRole::Researcher),
		] {
			consortium::add_practitioner(who, org, role);
		}
		let balances: BTreeMap<u64, u64> =
			ENDOWED.iter().map(|who| (*who, ENDOWMENT)).chain([(POOR, ED)]).collect();
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: balances.into_iter().collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		// Benchmarks generate and sign with participants' withdrawal keys.
		ext.register_extension(sp_keystore::KeystoreExt::new(
			sp_keystore::testing::MemoryKeystore::new(),
		));
		ext.execute_with(|| {
			System::set_block_number(1);
			set_now(GENESIS_TIME);
		});
		ext
	}

	/// Runs `test`, then checks the pallet's invariants (deposit ledgers included).
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			crate::Pallet::<Test>::do_try_state().expect("invariants hold after the test");
		})
	}
}

/// The last event of the trials pallet.
pub fn last_event() -> pallet_trials::Event<Test> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Trials(e) = r.event { Some(e) } else { None })
		.next_back()
		.expect("an event of the trials pallet")
}

/// A registry id.
pub fn registry_id(registry: Registry, id: &str) -> RegistryId<ConstU32<MAX_ID_LEN>> {
	RegistryId { registry, id: id.as_bytes().to_vec().try_into().expect("short enough") }
}

/// A trial's registry ids.
pub fn ids(list: &[(Registry, &str)]) -> RegistryIdsOf<Test> {
	list.iter()
		.map(|(r, id)| registry_id(*r, id))
		.collect::<Vec<_>>()
		.try_into()
		.expect("few enough")
}

/// The outcomes of a test protocol: (level, salt, description hash) → leaf.
pub fn leaves(outcomes: &[(OutcomeLevel, u8)]) -> Vec<H256> {
	outcomes
		.iter()
		.map(|(level, n)| {
			medchain_primitives::outcome_leaf(*level, &[*n; 32], &H256::repeat_byte(*n))
		})
		.collect()
}

/// The Merkle root of `leaves` and the proof of each, built by the batch tool's library.
pub fn root_and_proofs(leaves: &[H256]) -> (H256, Vec<Vec<H256>>) {
	let tree = medchain_merkle::Tree::new(leaves).expect("a test's leaves make a tree");
	let proofs = (0..tree.leaf_count()).map(|i| tree.proof(i).expect("a leaf")).collect();
	(tree.root(), proofs)
}

/// Protocol documents numbered `n`, committing `outcomes`.
pub fn documents(n: u8, outcomes: &[H256]) -> ProtocolDocuments {
	let (root, _) = root_and_proofs(outcomes);
	ProtocolDocuments {
		protocol_hash: H256::repeat_byte(n),
		analysis_plan_hash: H256::repeat_byte(n.wrapping_add(100)),
		consent_form_hash: H256::repeat_byte(n.wrapping_add(200)),
		outcomes_root: root,
		outcome_count: outcomes.len() as u32,
	}
}

/// The three outcomes of the test trial: two primary, one secondary.
pub fn three_outcomes() -> Vec<H256> {
	leaves(&[(OutcomeLevel::Primary, 1), (OutcomeLevel::Primary, 2), (OutcomeLevel::Secondary, 3)])
}

/// A participant's withdrawal key pair, from a seed.
pub fn withdrawal_pair(seed: u8) -> sr25519::Pair {
	sr25519::Pair::from_seed(&[seed; 32])
}

/// A participant id.
pub fn participant(n: u8) -> H256 {
	medchain_primitives::participant_id(&H256::repeat_byte(n), &[n; 32])
}
