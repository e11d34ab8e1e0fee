//! The benchmarks the node's `benchmark pallet` command can run against this runtime.

use alloc::{string::String, vec::Vec};
use frame_benchmarking::{baseline, BenchmarkBatch, BenchmarkConfig, BenchmarkList};
use frame_support::traits::{StorageInfo, StorageInfoTrait, WhitelistedStorageKeys};

use super::*;

type BaselineBench = baseline::Pallet<Runtime>;
type SystemBench = frame_system_benchmarking::Pallet<Runtime>;
type SystemExtensionsBench = frame_system_benchmarking::extensions::Pallet<Runtime>;
type NodeAuthorizationBench = node_authorization::Pallet<Runtime>;

mod node_authorization;
impl node_authorization::Config for Runtime {}

impl frame_system_benchmarking::Config for Runtime {}
impl pallet_transaction_payment::BenchmarkConfig for Runtime {}
impl baseline::Config for Runtime {}

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench]
	[frame_system, SystemBench]
	[frame_system_extensions, SystemExtensionsBench]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_utility, Utility]
	[pallet_collective, Council]
	[pallet_node_authorization, NodeAuthorizationBench]
	[pallet_grandpa, Grandpa]
	[pallet_membership, CouncilMembership]
	[pallet_consortium, Consortium]
	[pallet_patient_identity, PatientIdentity]
	[pallet_consent, Consent]
	[pallet_records, Records]
	[pallet_drug_provenance, DrugProvenance]
	[pallet_trials, Trials]
);

/// The benchmarks this runtime has, and the storage they touch.
pub fn metadata(extra: bool) -> (Vec<BenchmarkList>, Vec<StorageInfo>) {
	let mut list = Vec::<BenchmarkList>::new();
	list_benchmarks!(list, extra);
	(list, AllPalletsWithSystem::storage_info())
}

/// Runs the benchmarks `config` asks for.
pub fn dispatch(config: BenchmarkConfig) -> Result<Vec<BenchmarkBatch>, String> {
	let whitelist = AllPalletsWithSystem::whitelisted_storage_keys();
	let mut batches = Vec::<BenchmarkBatch>::new();
	let params = (&config, &whitelist);
	add_benchmarks!(params, batches);
	Ok(batches)
}
