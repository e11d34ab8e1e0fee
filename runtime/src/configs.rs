//! Configuration of every pallet in the runtime.

use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{
		fungible::HoldConsideration, ConstBool, ConstU128, ConstU32, ConstU64, ConstU8, Contains,
		EitherOfDiverse, VariantCountOf,
	},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, IdentityFee, Weight},
};
use frame_system::{
	limits::{BlockLength, BlockWeights},
	EnsureRoot,
};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{traits::One, FixedU128, Perbill};
use sp_version::RuntimeVersion;

use crate::weights::{
	extension_execution::{EXTENSIONS_EXECUTION, SIGNATURE_VERIFICATION},
	BlockExecutionWeight, ExtrinsicBaseWeight,
};

use super::{
	AccountId, Aura, Balance, Balances, Block, BlockNumber, Consent, Consortium, Council, Hash,
	Moment, Nonce, OriginCaller, PalletInfo, PatientIdentity, Records, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, RuntimeTask, System,
	Timestamp, DAYS, EXISTENTIAL_DEPOSIT, MICRO_UNIT, MILLI_UNIT, SLOT_DURATION, UNIT, VERSION,
};

/// Share of a block's weight and length that ordinary transactions may fill; the rest is kept
/// for operational transactions (governance, equivocation reports) so they always fit.
pub const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Execution time a block may take: two seconds of the six-second slot.
pub const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(2 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);

/// What ordinary transactions may fill of a block: `NORMAL_DISPATCH_RATIO` of each dimension.
fn normal_share() -> Weight {
	Weight::from_parts(
		NORMAL_DISPATCH_RATIO.mul_floor(MAXIMUM_BLOCK_WEIGHT.ref_time()),
		NORMAL_DISPATCH_RATIO.mul_floor(MAXIMUM_BLOCK_WEIGHT.proof_size()),
	)
}

/// Largest block, in bytes.
pub const MAX_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

/// The weight every extrinsic pays beyond its call and its transaction extensions:
/// `ExtrinsicBaseWeight` (what `benchmark overhead` measured for a whole signed
/// `system.remark`) less the extensions' execution, which each extension's own weight charges
/// (`weights::extension_execution`, summed from their benchmarks), so that a transaction pays
/// for its extensions once. Never less than one signature verification, which the base covers
/// and no extension does, however the two measurements' noise falls.
pub fn base_extrinsic_weight() -> Weight {
	ExtrinsicBaseWeight::get().saturating_sub(EXTENSIONS_EXECUTION).max(SIGNATURE_VERIFICATION)
}

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;
	/// Two seconds of execution per six-second block, of which ordinary transactions may fill
	/// `NORMAL_DISPATCH_RATIO`; the base weights of a block and of a transaction are this
	/// runtime's own, measured (see [`crate::weights`]).
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |weights| {
			weights.base_extrinsic = base_extrinsic_weight();
		})
		.for_class(DispatchClass::Normal, |weights| {
			weights.max_total = Some(normal_share());
		})
		.for_class(DispatchClass::Operational, |weights| {
			weights.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			weights.reserved =
				Some(MAXIMUM_BLOCK_WEIGHT.saturating_sub(normal_share()));
		})
		.avg_block_initialization(Perbill::from_percent(10))
		.build_or_panic();
	/// Five MiB per block, of which ordinary transactions may fill `NORMAL_DISPATCH_RATIO`.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(MAX_BLOCK_LENGTH)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO.mul_floor(*max)
		})
		.build();
	/// The generic Substrate SS58 prefix, so that every wallet shows the usual addresses.
	pub const SS58Prefix: u8 = 42;
}

/// The calls no origin may dispatch in this runtime: the self-service part of
/// `pallet-node-authorization` (`claim_node`, `remove_claim`, `transfer_node`,
/// `add_connections`, `remove_connections`). They take any signed origin and write unbounded
/// state (a connection set is one storage value that grows with every call, and is re-encoded on
/// every later call) for a constant weight, so one funded account could bloat the state or stall
/// block execution. Peers are admitted and removed by the consortium's governance only
/// (`add_well_known_node`, `remove_well_known_node`, `swap_well_known_node`,
/// `reset_well_known_nodes`, all `ConsortiumOrigin`); see docs/operators.md §3.
///
/// The filter applies to every signed origin, including calls wrapped in `utility` batches and
/// council motions; a filtered call fails with `frame_system::Error::CallFiltered` and changes
/// nothing. Root passes filters (the filtered calls all require a signed origin, so only
/// `sudo.sudoAs`, which dispatches as the sudo key pleases, still reaches them: a production
/// chain spec has no sudo key).
pub struct MedchainCallFilter;

impl Contains<RuntimeCall> for MedchainCallFilter {
	fn contains(call: &RuntimeCall) -> bool {
		use pallet_node_authorization::Call as Peers;
		!matches!(
			call,
			RuntimeCall::NodeAuthorization(
				Peers::claim_node { .. }
					| Peers::remove_claim { .. }
					| Peers::transfer_node { .. }
					| Peers::add_connections { .. }
					| Peers::remove_connections { .. }
			)
		)
	}
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	/// Self-service peer management is closed: see [`MedchainCallFilter`].
	type BaseCallFilter = MedchainCallFilter;
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// The node stores its state in ParityDB; one read and one write as measured on a populated
	/// chain (`runtime/src/weights/paritydb_weights.rs`).
	type DbWeight = crate::weights::ParityDbWeight;
	/// The transaction extensions' weights, measured on this runtime.
	type ExtensionsWeightInfo = crate::weights::frame_system_extensions::WeightInfo<Runtime>;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<32>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

/// GRANDPA's weights from its own benchmarks on this runtime
/// (`crate::weights::pallet_grandpa`, whose functions are named after the benchmarks).
pub struct GrandpaWeights;

type GrandpaMeasured = crate::weights::pallet_grandpa::MedchainWeight<Runtime>;

impl pallet_grandpa::WeightInfo for GrandpaWeights {
	/// Unreachable in this runtime: `KeyOwnerProof` is `Void`, so no `report_equivocation` call
	/// can even be decoded. The trait still needs a figure: the measured proof check alone.
	fn report_equivocation(_validator_count: u32, _max_nominators_per_validator: u32) -> Weight {
		use crate::weights::pallet_grandpa::WeightInfo as _;
		GrandpaMeasured::check_equivocation_proof(1)
	}

	/// Root only (sudo): tells GRANDPA that finality stalled, to force a new authority set.
	fn note_stalled() -> Weight {
		use crate::weights::pallet_grandpa::WeightInfo as _;
		GrandpaMeasured::note_stalled()
	}
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = GrandpaWeights;
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	// No staking, hence no key-ownership proofs nor equivocation slashing.
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the Unix epoch.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = pallet_timestamp::weights::SubstrateWeight<Runtime>;
}

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<0>;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

parameter_types! {
	/// Fees do not float with congestion: a consortium chain wants predictable costs.
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = IdentityFee<Balance>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = TransactionPaymentWeights;
}

/// Fee payment's benchmarked weight, less the one read and write of the payer's
/// `System::Account` it counts: the payer is the signer, whose `System::Account` entry
/// `CheckNonce` has already read and written in the same transaction (and is charged for), so
/// fee payment finds it in the overlay, and the block commits the entry once.
pub struct TransactionPaymentWeights;
impl pallet_transaction_payment::WeightInfo for TransactionPaymentWeights {
	fn charge_transaction_payment() -> Weight {
		<crate::weights::pallet_transaction_payment::WeightInfo<Runtime> as
			pallet_transaction_payment::WeightInfo>::charge_transaction_payment()
		.saturating_sub(<Runtime as frame_system::Config>::DbWeight::get().reads_writes(1, 1))
	}
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}

/// The consortium council: the admins of founding member organisations.
pub type CouncilCollective = pallet_collective::Instance1;

/// Governance of the consortium: root, or at least two thirds of the council. It admits and
/// suspends organisations, manages the council's membership and the authorized peer nodes.
pub type ConsortiumOrigin = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>,
>;

parameter_types! {
	/// How long a council motion stays open; it closes early once the threshold is reached.
	pub const CouncilMotionDuration: BlockNumber = 3 * DAYS;
	/// Most motions open at once.
	pub const CouncilMaxProposals: u32 = 100;
	/// Largest council.
	pub const CouncilMaxMembers: u32 = 100;
	/// A motion may dispatch at most half a block's weight.
	pub MaxCouncilProposalWeight: Weight =
		RuntimeBlockWeights::get().max_block.saturating_div(2);
	/// Deposit for the first open motion (AUDIT L-8).
	pub const CouncilProposalDepositBase: Balance = 10 * UNIT;
	/// Each open motion makes the next one's deposit 20 % dearer, so that one member cannot
	/// hold every slot: the 10th costs ≈ 52 UNIT, the 50th ≈ 91,000 UNIT, and a development
	/// endowment (1,000,000 UNIT) opens at most 54 of the `CouncilMaxProposals` (100).
	pub CouncilProposalDepositRatio: FixedU128 = FixedU128::from_rational(120, 100);
	pub const CouncilProposalHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Council(pallet_collective::HoldReason::ProposalSubmission);
}

/// The deposit a council member holds while its motion is open: geometric in the number of
/// motions already open, released by `release_proposal_deposit` once the motion is closed.
pub type CouncilProposalDeposit = HoldConsideration<
	AccountId,
	Balances,
	CouncilProposalHoldReason,
	pallet_collective::deposit::Geometric<CouncilProposalDepositRatio, CouncilProposalDepositBase>,
	u32,
>;

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = CouncilMaxProposals;
	type MaxMembers = CouncilMaxMembers;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	// Membership is managed through CouncilMembership; root keeps a way to reset it.
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxCouncilProposalWeight;
	type DisapproveOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	type Consideration = CouncilProposalDeposit;
}

impl pallet_membership::Config<pallet_membership::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = ConsortiumOrigin;
	type RemoveOrigin = ConsortiumOrigin;
	type SwapOrigin = ConsortiumOrigin;
	type ResetOrigin = ConsortiumOrigin;
	type PrimeOrigin = ConsortiumOrigin;
	type MembershipInitialized = Council;
	type MembershipChanged = Council;
	type MaxMembers = CouncilMaxMembers;
	type WeightInfo = pallet_membership::weights::SubstrateWeight<Runtime>;
}

impl pallet_node_authorization::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type MaxWellKnownNodes = ConstU32<64>;
	type MaxPeerIdLength = ConstU32<128>;
	type AddOrigin = ConsortiumOrigin;
	type RemoveOrigin = ConsortiumOrigin;
	type SwapOrigin = ConsortiumOrigin;
	type ResetOrigin = ConsortiumOrigin;
	/// Benchmarked on this runtime (`crate::benchmarks::node_authorization`). Only the four
	/// `ConsortiumOrigin` calls are reachable; the self-service calls are filtered out by
	/// [`MedchainCallFilter`] and keep their measured weight only because the trait asks for it.
	type WeightInfo = crate::weights::pallet_node_authorization::WeightInfo<Runtime>;
}

impl pallet_consortium::Config for Runtime {
	type ConsortiumOrigin = ConsortiumOrigin;
	type Time = Timestamp;
	type MaxNameLength = ConstU32<128>;
	type MaxPractitionersPerOrganization = ConstU32<10_000>;
	// An organisation may have this many invitations open at once (the load test invites
	// 1,024 staff in one go); an invitation can be accepted for a week.
	type MaxPendingInvitations = ConstU32<1_024>;
	type InvitationLifetime = ConstU64<{ 7 * medchain_primitives::time::DAY }>;
	type MaxCompanyPrefixesPerOrganization = ConstU32<16>;
	type WeightInfo = pallet_consortium::weights::MedchainWeight<Runtime>;
}

parameter_types! {
	/// Free calls a patient's controllers may send together each day (guardians pay fees; a
	/// patient who registered itself has none).
	pub const PatientFreeCallsPerDay: u32 = 20;
	/// The free-call period: a day of blocks.
	pub const PatientFreeCallPeriod: BlockNumber = DAYS;
	/// Most blocks (about 3 minutes) a free transaction stays valid in the pool, holding a slot
	/// of its patient's allowance.
	pub const PatientFreeCallLongevity: u64 = 32;
	/// A recovery or court-appointed guardianship waits two days, during which any
	/// controller of the patient can veto it (AUDIT H-2).
	pub const PatientAuthorityDelay: BlockNumber = 2 * DAYS;
	/// For a week after a recovery, the patient cannot be deactivated nor its records erased.
	pub const PatientRecoveryProbation: BlockNumber = 7 * DAYS;
	/// One controller of several completes a deactivation alone only two days after asking,
	/// unless another controller confirms or cancels it first (AUDIT M-4).
	pub const PatientDeactivationDelay: BlockNumber = 2 * DAYS;
}

/// The calls a patient's controllers may send without fees, within the patient's allowance:
/// those that manage the patient's own identity (controllers, guardians, key, deactivation and
/// its cancellation, vetoes of a recovery or a court-appointed guardianship; removing a
/// controller is free even past the allowance) and consents (grant, revoke, purge an ended one,
/// approve or reject a request, block or unblock a requester, review an emergency access, set
/// the emergency preference), and their records' privacy (erase a record, share or revoke a
/// record key, purge a stale record key, prune the access log). Batches and every other call
/// pay.
pub struct PatientCalls;

impl medchain_primitives::PatientCall<RuntimeCall> for PatientCalls {
	fn patient_of(call: &RuntimeCall) -> Option<medchain_primitives::PatientId> {
		match call {
			RuntimeCall::PatientIdentity(call) => call.free_for_patient(),
			RuntimeCall::Consent(call) => call.free_for_patient(),
			RuntimeCall::Records(call) => call.free_for_patient(),
			_ => None,
		}
	}

	fn lookup_weight(call: &RuntimeCall) -> Option<Weight> {
		match call {
			// The patient is an argument of the call: nothing to look up.
			RuntimeCall::PatientIdentity(call) => call.free_for_patient().map(|_| Weight::zero()),
			RuntimeCall::Records(call) => call.free_for_patient().map(|_| Weight::zero()),
			RuntimeCall::Consent(call) => call.may_be_free().then(<pallet_consent::weights::MedchainWeight<Runtime> as pallet_consent::WeightInfo>::free_call_lookup),
			_ => None,
		}
	}
}

parameter_types! {
	/// Storage deposit per item a Medchain pallet keeps for an account (AUDIT M-14).
	pub const StorageDepositPerItem: Balance = 10 * MILLI_UNIT;
	/// Storage deposit per byte of those items: 0.1 UNIT per kilobyte.
	pub const StorageDepositPerByte: Balance = 100 * MICRO_UNIT;
	pub const PatientIdentityHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::PatientIdentity(pallet_patient_identity::HoldReason::StorageDeposit);
	pub const ConsentHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Consent(pallet_consent::HoldReason::StorageDeposit);
	pub const RecordsHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Records(pallet_records::HoldReason::StorageDeposit);
	pub const DrugProvenanceHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::DrugProvenance(pallet_drug_provenance::HoldReason::StorageDeposit);
	pub const TrialsHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Trials(pallet_trials::HoldReason::StorageDeposit);
}

/// The storage deposit of the Medchain pallets: held from whoever leaves lasting state, for as
/// long as it exists, at [`StorageDepositPerItem`] per item plus [`StorageDepositPerByte`] per
/// byte of the items' largest encoding (see docs/economics.md).
pub type StorageDeposit<Reason> = HoldConsideration<
	AccountId,
	Balances,
	Reason,
	medchain_primitives::deposit::PerItemAndByte<
		StorageDepositPerItem,
		StorageDepositPerByte,
		Balance,
	>,
>;

impl pallet_patient_identity::Config for Runtime {
	type Deposit = StorageDeposit<PatientIdentityHoldReason>;
	type Directory = Consortium;
	type Time = Timestamp;
	type MaxControllers = ConstU32<8>;
	type MaxGuardians = ConstU32<8>;
	type FreeCallsPerPeriod = PatientFreeCallsPerDay;
	type FreeCallPeriod = PatientFreeCallPeriod;
	type FreeCallLongevity = PatientFreeCallLongevity;
	type AuthorityDelay = PatientAuthorityDelay;
	type RecoveryProbation = PatientRecoveryProbation;
	type DeactivationDelay = PatientDeactivationDelay;
	type PatientCalls = PatientCalls;
	type WeightInfo = pallet_patient_identity::weights::MedchainWeight<Runtime>;
}

parameter_types! {
	/// How long a consent request stays open.
	pub const ConsentRequestLifetime: Moment = 7 * medchain_primitives::time::DAY;
	/// How long an emergency (break-glass) access lasts.
	pub const EmergencyAccessWindow: Moment = 24 * medchain_primitives::time::HOUR;
	/// How long a practitioner whose emergency access was reviewed as unjustified may not break
	/// the glass on that patient again (AUDIT M-9).
	pub const EmergencyAccessBar: Moment = 30 * medchain_primitives::time::DAY;
}

impl pallet_consent::Config for Runtime {
	type Deposit = StorageDeposit<ConsentHoldReason>;
	type Patients = PatientIdentity;
	type Directory = Consortium;
	type Time = Timestamp;
	type MaxConsentsPerPatient = ConstU32<256>;
	type MaxRulesPerGrantee = ConstU32<16>;
	type MaxPendingRequests = ConstU32<256>;
	type MaxPendingRequestsPerOrg = ConstU32<4>;
	type MaxPageSize = ConstU32<100>;
	type RequestLifetime = ConsentRequestLifetime;
	type EmergencyWindow = EmergencyAccessWindow;
	type EmergencyBarPeriod = EmergencyAccessBar;
	type OnRevoked = Records;
	type WeightInfo = pallet_consent::weights::MedchainWeight<Runtime>;
}

impl pallet_records::Config for Runtime {
	type Deposit = StorageDeposit<RecordsHoldReason>;
	type Patients = PatientIdentity;
	type Directory = Consortium;
	type Consent = Consent;
	type Time = Timestamp;
	type MaxPointerLen = ConstU32<256>;
	type MaxEnvelopeLen = ConstU32<256>;
	type MaxEnvelopesPerRecord = ConstU32<32>;
	// Reads are refused, never evicted, past it (H-5): years of a GP's reads of one patient,
	// about 114 KB of log per reader and patient.
	type MaxLogEntriesPerAccessor = ConstU32<1_000>;
	// Each pruned entry may belong to another reader, whose count and deposit are updated: 200
	// keeps the worst case under half of a normal transaction's weight even by debug-node
	// weights (a reader's 1,000 entries go in five calls).
	type MaxPrunePerCall = ConstU32<200>;
	// A gateway logs the reads of a block in one transaction; each read is charged at the
	// access check's longest path, and the bound keeps a full batch under half of a normal
	// transaction's weight (`every_medchain_call_at_its_bounds_fits_well_inside_a_block`).
	type MaxReadsPerBatch = ConstU32<32>;
	// A revocation removes the envelopes of a consent to one reader over a few records in the
	// revoking call; a consent to an organisation whose staff hold envelopes of many records
	// leaves the rest to `purge_consent_envelopes`, never handed out meanwhile.
	type MaxEnvelopesRemovedOnRevoke = ConstU32<16>;
	type MaxEnvelopesPurgedPerCall = ConstU32<64>;
	type WeightInfo = pallet_records::weights::MedchainWeight<Runtime>;
}

impl pallet_trials::Config for Runtime {
	type Deposit = StorageDeposit<TrialsHoldReason>;
	type Directory = Consortium;
	type Time = Timestamp;
	// A trial's ids in ClinicalTrials.gov, an EU CT number, ISRCTN and a national registry.
	type MaxRegistryIds = ConstU32<4>;
	type MaxRegistryIdLen = ConstU32<32>;
	// The outcome leaves of one protocol version: primary, secondary and exploratory.
	type MaxOutcomes = ConstU32<256>;
	type MaxVersions = ConstU32<64>;
	type MaxSites = ConstU32<512>;
	type MaxParticipants = ConstU32<1_000_000>;
	type MaxCommitments = ConstU32<128>;
	// Room for the registration, every amendment and approval, site and data commitment, the first
	// enrolment, unblinding and results (771 entries), and 253 status changes.
	type MaxHistory = ConstU32<1_024>;
	// Releasing a registry id taken by the wrong trial is a governance decision.
	type RegistrarOrigin = ConsortiumOrigin;
	type WeightInfo = pallet_trials::weights::MedchainWeight<Runtime>;
}

parameter_types! {
	/// Deepest nesting of containers: pallets of cases of inner packs of units.
	pub const ProvenanceMaxDepth: u8 = 3;
}

impl pallet_drug_provenance::Config for Runtime {
	type GovernanceOrigin = ConsortiumOrigin;
	type Deposit = StorageDeposit<DrugProvenanceHoldReason>;
	type Directory = Consortium;
	type Time = Timestamp;
	type MaxNameLength = ConstU32<128>;
	type MaxSerialsPerCall = ConstU32<1_000>;
	type MaxItemsPerCall = ConstU32<100>;
	/// Distinct (GTIN, lot) pairs one container may hold, at any depth: a mixed wholesaler tote.
	/// Moving a sealed container checks each for a recall (AUDIT M-12). A shipment of
	/// `MaxItemsPerCall` containers at this bound must stay within half a transaction's weight
	/// (runtime test `every_medchain_call_at_its_bounds_fits_well_inside_a_block`), which by the
	/// debug-node weights allows 12.
	type MaxLotsPerContainer = ConstU32<12>;
	type MaxDepth = ProvenanceMaxDepth;
	type MaxHistory = ConstU32<64>;
	type WeightInfo = pallet_drug_provenance::weights::MedchainWeight<Runtime>;
}
