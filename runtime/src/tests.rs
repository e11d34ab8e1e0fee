//! Runtime-level tests: the presets build a working genesis, pallet indices stay put, and a signed
//! transaction goes through the same extension pipeline the node uses.

#![allow(clippy::arithmetic_side_effects)]

use codec::Encode;
use frame_support::traits::PalletInfoAccess;
use serde_json::Value;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::Era,
	traits::{Header as HeaderT, Zero},
	BuildStorage,
};

use crate::{
	configs::RuntimeBlockWeights, genesis_config_presets, Aura, Balances, Executive, Grandpa,
	Header, Runtime, RuntimeCall, RuntimeGenesisConfig, SignedPayload, Sudo, System, Timestamp,
	TransactionPayment, TxExtension, UncheckedExtrinsic, Utility, EXISTENTIAL_DEPOSIT, UNIT,
};

/// Overlays `patch` on `base` the way chain-spec presets are applied: objects merge key by key,
/// anything else is replaced.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		}
		(base, patch) => *base = patch,
	}
}

fn genesis_of(preset: &str) -> RuntimeGenesisConfig {
	let patch: Value = serde_json::from_slice(
		&genesis_config_presets::get_preset(&preset.into()).expect("preset exists"),
	)
	.expect("preset is JSON");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serializes");
	merge(&mut config, patch);
	serde_json::from_value(config).expect("the preset patches only known fields")
}

fn ext_of(preset: &str) -> sp_io::TestExternalities {
	let storage = genesis_of(preset).build_storage().expect("genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

#[test]
fn presets_are_listed_and_unknown_ones_refused() {
	let names = genesis_config_presets::preset_names();
	assert_eq!(names.len(), 2);
	for name in &names {
		assert!(genesis_config_presets::get_preset(name).is_some());
	}
	assert!(genesis_config_presets::get_preset(&"no-such-preset".into()).is_none());
}

#[test]
fn development_preset_has_alice_as_validator_and_sudo() {
	ext_of(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		let alice = Sr25519Keyring::Alice;
		assert_eq!(
			pallet_aura::Authorities::<Runtime>::get().into_inner(),
			vec![alice.public().into()]
		);
		assert_eq!(Grandpa::grandpa_authorities().len(), 1);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(alice.to_account_id()));
		assert_eq!(
			Balances::free_balance(alice.to_account_id()),
			genesis_config_presets::DEV_ENDOWMENT
		);
	});
}

#[test]
fn local_testnet_preset_has_four_validators() {
	ext_of(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let expected: Vec<sp_consensus_aura::sr25519::AuthorityId> = [
			Sr25519Keyring::Alice,
			Sr25519Keyring::Bob,
			Sr25519Keyring::Charlie,
			Sr25519Keyring::Dave,
		]
		.into_iter()
		.map(|k| k.public().into())
		.collect();
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().into_inner(), expected);
		let grandpa = Grandpa::grandpa_authorities();
		assert_eq!(grandpa.len(), 4);
		assert!(grandpa.iter().all(|(_, weight)| *weight == 1));
	});
}

#[test]
fn pallet_indices_are_stable() {
	// Clients encode calls with these numbers: changing one breaks every wallet and stored call.
	assert_eq!(<System as PalletInfoAccess>::index(), 0);
	assert_eq!(<Timestamp as PalletInfoAccess>::index(), 1);
	assert_eq!(<Aura as PalletInfoAccess>::index(), 2);
	assert_eq!(<Grandpa as PalletInfoAccess>::index(), 3);
	assert_eq!(<Balances as PalletInfoAccess>::index(), 4);
	assert_eq!(<TransactionPayment as PalletInfoAccess>::index(), 5);
	assert_eq!(<Sudo as PalletInfoAccess>::index(), 6);
	assert_eq!(<Utility as PalletInfoAccess>::index(), 7);
}

#[test]
fn runtime_version_names_medchain() {
	assert_eq!(crate::VERSION.spec_name, "medchain");
	assert_eq!(crate::VERSION.impl_name, "medchain");
}

#[test]
fn metadata_v15_and_later_are_served_with_docs() {
	let versions = Runtime::metadata_versions();
	assert!(versions.contains(&15), "metadata versions: {versions:?}");
	let v15 = Runtime::metadata_at_version(15).expect("v15 is served");
	// dApps read error documentation from metadata: it must not be stripped from the build.
	let doc = "Balance too low to send value.";
	let bytes: &[u8] = &v15;
	assert!(bytes.windows(doc.len()).any(|w| w == doc.as_bytes()));
}

fn signed(call: RuntimeCall, who: Sr25519Keyring, nonce: u32) -> UncheckedExtrinsic {
	let tx_ext: TxExtension = (
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		frame_system::WeightReclaim::<Runtime>::new(),
	);
	let payload =
		SignedPayload::new(call.clone(), tx_ext.clone()).expect("implicit data available");
	let signature = payload.using_encoded(|bytes| who.sign(bytes));
	UncheckedExtrinsic::new_signed(call, who.to_account_id().into(), signature.into(), tx_ext)
}

fn start_block() {
	let header = Header::new(
		System::block_number() + 1,
		Default::default(),
		Default::default(),
		System::parent_hash(),
		Default::default(),
	);
	Executive::initialize_block(&header);
}

#[test]
fn signed_transfer_pays_fee_and_moves_funds() {
	ext_of(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		start_block();
		let (alice, bob) = (Sr25519Keyring::Alice, Sr25519Keyring::Bob);
		let before = (
			Balances::free_balance(alice.to_account_id()),
			Balances::free_balance(bob.to_account_id()),
		);
		let value = 10 * UNIT;
		let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: bob.to_account_id().into(),
			value,
		});
		let outcome = Executive::apply_extrinsic(signed(call, alice, 0));
		assert_eq!(outcome, Ok(Ok(())));

		let alice_after = Balances::free_balance(alice.to_account_id());
		assert_eq!(Balances::free_balance(bob.to_account_id()), before.1 + value);
		let fee = before.0 - value - alice_after;
		assert!(!fee.is_zero(), "a signed transaction pays a fee");
		assert_eq!(System::account_nonce(alice.to_account_id()), 1);
	});
}

#[test]
fn replayed_transaction_is_refused() {
	ext_of(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		start_block();
		let call = RuntimeCall::System(frame_system::Call::remark { remark: vec![1; 32] });
		let xt = signed(call, Sr25519Keyring::Alice, 0);
		assert_eq!(Executive::apply_extrinsic(xt.clone()), Ok(Ok(())));
		assert!(Executive::apply_extrinsic(xt).is_err(), "the same nonce cannot be used twice");
	});
}

#[test]
fn account_without_funds_cannot_transact() {
	ext_of(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		start_block();
		let nobody = Sr25519Keyring::One;
		let call = RuntimeCall::System(frame_system::Call::remark { remark: vec![0; 32] });
		assert!(Executive::apply_extrinsic(signed(call, nobody, 0)).is_err());
	});
}

#[test]
fn a_transfer_fits_many_times_in_a_block() {
	let weights = RuntimeBlockWeights::get();
	let normal = weights
		.get(frame_support::dispatch::DispatchClass::Normal)
		.max_extrinsic
		.expect("normal extrinsics are limited");
	let transfer = <pallet_balances::weights::SubstrateWeight<Runtime> as pallet_balances::WeightInfo>::transfer_keep_alive();
	assert!(transfer.ref_time() * 1_000 < normal.ref_time());
	assert_eq!(EXISTENTIAL_DEPOSIT, crate::MILLI_UNIT);
}
