//! The runtime APIs: what the node, wallets and dApps may ask the runtime.

use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	view_functions::{ViewFunctionDispatchError, ViewFunctionId},
	weights::Weight,
};
use pallet_grandpa::AuthorityId as GrandpaId;
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult, ExtrinsicInclusionMode,
};
use sp_version::RuntimeVersion;

use super::{
	genesis_config_presets, AccountId, Aura, Balance, Block, Consent, DrugProvenance, Executive,
	Grandpa, InherentDataExt, Nonce, Records, Runtime, RuntimeCall, RuntimeGenesisConfig,
	SessionKeys, System, TransactionPayment, Trials, VERSION,
};

#[cfg(feature = "try-runtime")]
mod try_runtime {
	use super::*;

	// try-runtime runs offline against a copy of the chain; a failed check must stop it loudly,
	// and the API has no error channel, so these two are the runtime's only deliberate panics.
	#[allow(clippy::expect_used)]
	pub fn upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
		let weight = Executive::try_runtime_upgrade(checks).expect("runtime upgrade checks failed");
		(weight, crate::configs::RuntimeBlockWeights::get().max_block)
	}

	#[allow(clippy::expect_used)]
	pub fn execute(
		block: <Block as BlockT>::LazyBlock,
		state_root_check: bool,
		signature_check: bool,
		select: frame_try_runtime::TryStateSelect,
	) -> Weight {
		Executive::try_execute_block(block, state_root_check, signature_check, select)
			.expect("try_execute_block failed")
	}
}

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl medchain_primitives::ConsentApi<Block, AccountId> for Runtime {
		fn check_access(
			patient: medchain_primitives::PatientId,
			accessor: AccountId,
			action: medchain_primitives::Action,
			category: medchain_primitives::DataCategory,
			purpose: medchain_primitives::Purpose,
		) -> medchain_primitives::AccessDecision {
			Consent::check_access(&patient, &accessor, action, category, purpose)
		}

		fn check_access_many(
			queries: Vec<medchain_primitives::AccessQuery<AccountId>>,
		) -> Vec<medchain_primitives::AccessDecision> {
			Consent::check_access_many(queries)
		}

		fn consents_of(
			patient: medchain_primitives::PatientId,
			from: medchain_primitives::ConsentId,
			limit: u32,
		) -> Vec<medchain_primitives::ConsentView<AccountId>> {
			Consent::consents_of(patient, from, limit)
		}

		fn grants_to(
			grantee: medchain_primitives::Grantee<AccountId>,
			from: medchain_primitives::ConsentId,
			limit: u32,
		) -> Vec<medchain_primitives::ConsentView<AccountId>> {
			Consent::grants_to(grantee, from, limit)
		}
	}

	impl medchain_primitives::RecordsApi<Block, AccountId> for Runtime {
		fn verify_record(
			record: medchain_primitives::RecordRef,
			content_hash: crate::Hash,
		) -> medchain_primitives::RecordVerification {
			Records::verify_record(record, content_hash)
		}

		fn verify_batch_inclusion(
			batch: medchain_primitives::BatchId,
			leaf: crate::Hash,
			leaf_index: u32,
			proof: Vec<crate::Hash>,
		) -> bool {
			Records::verify_batch_inclusion(batch, leaf, leaf_index, proof)
		}

		fn records_of(
			patient: medchain_primitives::PatientId,
			from: medchain_primitives::RecordId,
			limit: u32,
		) -> Vec<medchain_primitives::RecordView<AccountId>> {
			Records::records_of(patient, from, limit)
		}

		fn access_log(
			patient: medchain_primitives::PatientId,
			from: u64,
			limit: u32,
		) -> Vec<medchain_primitives::AccessLogEntry<AccountId>> {
			Records::access_log(patient, from, limit)
		}

		fn record_key(
			record: medchain_primitives::RecordRef,
			grantee: AccountId,
			purpose: medchain_primitives::Purpose,
		) -> Option<medchain_primitives::KeyEnvelope> {
			Records::record_key(record, grantee, purpose)
				.map(|envelope| medchain_primitives::KeyEnvelope { envelope })
		}

		fn patient_key(
			record: medchain_primitives::RecordRef,
			reader: AccountId,
		) -> Option<medchain_primitives::KeyEnvelope> {
			Records::patient_key(record, reader)
				.map(|envelope| medchain_primitives::KeyEnvelope { envelope })
		}

		fn reader_key(owner: AccountId) -> Option<medchain_primitives::ReaderKey> {
			Records::reader_key(owner)
		}
	}

	impl medchain_primitives::ProvenanceApi<Block> for Runtime {
		fn verify_unit(
			gtin: Vec<u8>,
			serial: Vec<u8>,
			lot: Vec<u8>,
			expiry: Vec<u8>,
		) -> medchain_primitives::UnitVerification {
			DrugProvenance::verify_unit(&gtin, &serial, &lot, &expiry)
		}

		fn trace(
			gtin: Vec<u8>,
			serial: Vec<u8>,
			cursor: Option<medchain_primitives::TraceCursor>,
			limit: u32,
		) -> medchain_primitives::TracePage {
			DrugProvenance::trace(&gtin, &serial, cursor, limit)
		}
	}

	impl medchain_primitives::TrialsApi<Block, AccountId> for Runtime {
		fn registration_timing(
			trial: medchain_primitives::TrialId,
		) -> Option<medchain_primitives::RegistrationTiming> {
			Trials::registration_timing(trial)
		}

		fn was_prespecified(
			trial: medchain_primitives::TrialId,
			outcome_leaf: sp_core::H256,
			proof: Vec<sp_core::H256>,
			index: u32,
		) -> Option<medchain_primitives::Prespecification> {
			Trials::was_prespecified(trial, outcome_leaf, proof, index)
		}

		fn verify_document(
			trial: medchain_primitives::TrialId,
			kind: medchain_primitives::DocumentKind,
			hash: sp_core::H256,
		) -> Option<medchain_primitives::DocumentCommitment> {
			Trials::verify_document(trial, kind, hash)
		}

		fn history(
			trial: medchain_primitives::TrialId,
			from: u32,
			limit: u32,
		) -> Vec<medchain_primitives::HistoryEntry<AccountId>> {
			Trials::history(trial, from, limit)
		}

		fn participant_status(
			trial: medchain_primitives::TrialId,
			participant: medchain_primitives::ParticipantId,
		) -> Option<medchain_primitives::ParticipantStatus> {
			Trials::participant_status(trial, participant)
		}

		fn results_provenance(
			trial: medchain_primitives::TrialId,
		) -> Option<medchain_primitives::ResultsProvenance> {
			Trials::results_provenance(trial)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			// Without staking there is nothing to slash; equivocations are handled by governance.
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			// `KeyOwnerProof` is the empty type `Void`: no proof can exist.
			None
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			genesis_config_presets::preset_names()
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			crate::benchmarks::metadata(extra)
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			crate::benchmarks::dispatch(config)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			try_runtime::upgrade(checks)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			try_runtime::execute(block, state_root_check, signature_check, select)
		}
	}
}
