//! # Medchain runtime
//!
//! The state transition function of a Medchain consortium chain: block production by Aura,
//! finality by GRANDPA, balances and fees, sudo for bootstrapping, and the Medchain pallets.
//! Every pallet has an explicit, stable index (`#[runtime::pallet_index]`): clients and stored
//! data depend on these numbers, so they never change once released.

#![cfg_attr(not(feature = "std"), no_std)]
// `#[frame_support::runtime]` needs a deep recursion limit for the generated code.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
#[cfg(test)]
mod tests;
pub mod weights;

use sp_runtime::{generic, impl_opaque_keys, traits::BlakeTwo256};
use sp_version::{runtime_version, RuntimeVersion};

pub use medchain_primitives::{AccountId, Balance, BlockNumber, Hash, Moment, Nonce, Signature};

/// Opaque types for the node: it handles blocks and extrinsics without knowing the runtime's
/// call or event types, so that it keeps syncing across runtime upgrades.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
}

impl_opaque_keys! {
	/// The keys a validator registers: Aura for block authoring, GRANDPA for finality votes.
	pub struct SessionKeys {
		/// Block authoring key (sr25519).
		pub aura: Aura,
		/// Finality voting key (ed25519).
		pub grandpa: Grandpa,
	}
}

/// The runtime's identity. `spec_version` goes up with every runtime upgrade; a change of
/// `transaction_version` tells wallets that call indices or argument encodings changed.
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("medchain"),
	impl_name: alloc::borrow::Cow::Borrowed("medchain"),
	authoring_version: 1,
	spec_version: 108,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 3,
	system_version: 1,
};

/// Target block time. Aura slots are this long; changing it on a live chain halts block production.
pub const MILLI_SECS_PER_BLOCK: u64 = 6_000;
/// Aura slot duration, equal to the block time.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// Block-number durations.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// One hour in blocks.
pub const HOURS: BlockNumber = MINUTES * 60;
/// One day in blocks.
pub const DAYS: BlockNumber = HOURS * 24;

/// The smallest unit of the consortium's fee token.
pub const UNIT: Balance = 1_000_000_000_000;
/// One thousandth of a unit.
pub const MILLI_UNIT: Balance = UNIT / 1_000;
/// One millionth of a unit.
pub const MICRO_UNIT: Balance = UNIT / 1_000_000;
/// The least balance an account must keep to exist.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// The address format for describing accounts.
pub type Address = sp_runtime::MultiAddress<AccountId, ()>;
/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block identifier.
pub type BlockId = generic::BlockId<Block>;

/// The checks every signed transaction passes, in order.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	// The nonce check, the weight check and the fee, in this order as usual, except that a
	// patient's own calls within the patient's free-call allowance pay no fee. The waiver wraps the
	// nonce check because a free transaction's place in the allowance, and so whether the pool may
	// hold it, depends on its nonce. Encoding, signed payload and metadata are those of the three
	// extensions unwrapped.
	pallet_patient_identity::PatientFeeWaiver<
		Runtime,
		(
			frame_system::CheckNonce<Runtime>,
			frame_system::CheckWeight<Runtime>,
			pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
		),
	>,
	frame_system::WeightReclaim<Runtime>,
);

/// The extensions of a signed transaction with `nonce`, valid during `era`, with no tip.
pub fn tx_extension(nonce: Nonce, era: generic::Era) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(era),
		pallet_patient_identity::PatientFeeWaiver::new((
			frame_system::CheckNonce::<Runtime>::from(nonce),
			frame_system::CheckWeight::<Runtime>::new(),
			pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		)),
		frame_system::WeightReclaim::<Runtime>::new(),
	)
}

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations to run at the next runtime upgrade, besides those of the pallets, in
/// order: the consortium's admin index (storage version 1); patient identity's guardianship
/// appointment numbers (storage version 1); then consent binds each guardian's consent to the
/// appointment in force (storage version 1), which needs those numbers.
type Migrations = (
	pallet_consortium::migrations::v1::MigrateToV1<Runtime>,
	pallet_patient_identity::migrations::v1::MigrateToV1<Runtime>,
	pallet_patient_identity::migrations::v2::MigrateToV2<Runtime>,
	pallet_consent::migrations::v1::MigrateToV1<Runtime>,
	pallet_records::migrations::v1::MigrateToV1<Runtime>,
);

/// Executive: dispatches blocks and extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

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
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(7)]
	pub type Utility = pallet_utility;

	#[runtime::pallet_index(8)]
	pub type Council = pallet_collective<Instance1>;

	#[runtime::pallet_index(9)]
	pub type CouncilMembership = pallet_membership<Instance1>;

	#[runtime::pallet_index(10)]
	pub type NodeAuthorization = pallet_node_authorization;

	// Medchain pallets, from index 20.
	#[runtime::pallet_index(20)]
	pub type Consortium = pallet_consortium;

	#[runtime::pallet_index(21)]
	pub type PatientIdentity = pallet_patient_identity;

	#[runtime::pallet_index(22)]
	pub type Consent = pallet_consent;

	#[runtime::pallet_index(23)]
	pub type Records = pallet_records;

	#[runtime::pallet_index(24)]
	pub type DrugProvenance = pallet_drug_provenance;

	#[runtime::pallet_index(25)]
	pub type Trials = pallet_trials;
}
