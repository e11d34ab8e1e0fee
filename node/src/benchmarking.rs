//! Signed extrinsics for the `benchmark overhead` and `benchmark extrinsic` commands.

use std::{sync::Arc, time::Duration};

use medchain_runtime::{self as runtime, AccountId, Balance};
use sc_cli::Result;
use sp_core::{Encode, Pair};
use sp_inherents::{InherentData, InherentDataProvider};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{OpaqueExtrinsic, SaturatedConversion};

use crate::service::FullClient;

/// Builds `system.remark` extrinsics: the baseline every other cost is compared against.
pub struct RemarkBuilder {
	client: Arc<FullClient>,
}

impl RemarkBuilder {
	/// A builder signing with the client's best block.
	pub fn new(client: Arc<FullClient>) -> Self {
		Self { client }
	}
}

impl frame_benchmarking_cli::ExtrinsicBuilder for RemarkBuilder {
	fn pallet(&self) -> &str {
		"system"
	}

	fn extrinsic(&self) -> &str {
		"remark"
	}

	fn build(&self, nonce: u32) -> std::result::Result<OpaqueExtrinsic, &'static str> {
		let call: runtime::RuntimeCall = frame_system::Call::remark { remark: vec![] }.into();
		Ok(signed_extrinsic(&self.client, Sr25519Keyring::Bob.pair(), call, nonce).into())
	}
}

/// Builds `balances.transfer_keep_alive` extrinsics.
pub struct TransferKeepAliveBuilder {
	client: Arc<FullClient>,
	dest: AccountId,
	value: Balance,
}

impl TransferKeepAliveBuilder {
	/// A builder sending `value` to `dest` with every extrinsic.
	pub fn new(client: Arc<FullClient>, dest: AccountId, value: Balance) -> Self {
		Self { client, dest, value }
	}
}

impl frame_benchmarking_cli::ExtrinsicBuilder for TransferKeepAliveBuilder {
	fn pallet(&self) -> &str {
		"balances"
	}

	fn extrinsic(&self) -> &str {
		"transfer_keep_alive"
	}

	fn build(&self, nonce: u32) -> std::result::Result<OpaqueExtrinsic, &'static str> {
		let call: runtime::RuntimeCall = pallet_balances_call(self.dest.clone(), self.value);
		Ok(signed_extrinsic(&self.client, Sr25519Keyring::Bob.pair(), call, nonce).into())
	}
}

fn pallet_balances_call(dest: AccountId, value: Balance) -> runtime::RuntimeCall {
	runtime::RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: dest.into(),
		value,
	})
}

/// A transaction signed by `sender` against the client's best block, mortal for a short period.
pub fn signed_extrinsic(
	client: &FullClient,
	sender: sp_core::sr25519::Pair,
	call: runtime::RuntimeCall,
	nonce: u32,
) -> runtime::UncheckedExtrinsic {
	use sp_blockchain::HeaderBackend;

	let genesis_hash = client.hash(0).ok().flatten().unwrap_or_default();
	let best_hash = client.chain_info().best_hash;
	let best_block = client.chain_info().best_number;

	let period = runtime::configs::BlockHashCount::get()
		.checked_next_power_of_two()
		.map(|c| c / 2)
		.unwrap_or(2) as u64;
	let era = sp_runtime::generic::Era::mortal(period, best_block.saturated_into());
	let tx_ext = runtime::tx_extension(nonce, era);

	let raw_payload = runtime::SignedPayload::from_raw(
		call.clone(),
		tx_ext.clone(),
		(
			(),
			runtime::VERSION.spec_version,
			runtime::VERSION.transaction_version,
			genesis_hash,
			best_hash,
			// The nonce and weight checks and the fee, wrapped by the patients' fee waiver.
			((), (), ()),
			(),
		),
	);
	let signature = raw_payload.using_encoded(|payload| sender.sign(payload));

	runtime::UncheckedExtrinsic::new_signed(
		call,
		sp_runtime::AccountId32::from(sender.public()).into(),
		runtime::Signature::Sr25519(signature),
		tx_ext,
	)
}

/// The inherent data of a benchmark block: a timestamp, nothing else.
pub fn inherent_benchmark_data() -> Result<InherentData> {
	let mut inherent_data = InherentData::new();
	let d = Duration::from_millis(0);
	let timestamp = sp_timestamp::InherentDataProvider::new(d.into());

	futures::executor::block_on(timestamp.provide_inherent_data(&mut inherent_data))
		.map_err(|e| format!("creating inherent data: {e:?}"))?;
	Ok(inherent_data)
}
