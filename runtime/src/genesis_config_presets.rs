//! Genesis presets: ready-made initial states, selected with `--chain dev`, `--chain local` or
//! `build-spec --chain ...`. A consortium writes its own chain spec from these (see the README).

use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::{
	AccountId, AuraConfig, Balance, BalancesConfig, GrandpaConfig, RuntimeGenesisConfig,
	SudoConfig, UNIT,
};

/// What every endowed development account starts with.
pub const DEV_ENDOWMENT: Balance = 1_000_000 * UNIT;

/// A validator's consensus keys: Aura (sr25519) and GRANDPA (ed25519).
type Authority = (AuraId, GrandpaId);

/// The well-known development validators, in order: their Aura (sr25519) and GRANDPA (ed25519)
/// keys both come from the `//Name` seed.
const DEV_VALIDATORS: [(Sr25519Keyring, Ed25519Keyring); 4] = [
	(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
	(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
	(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
	(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
];

/// The first `count` development validators.
fn dev_authorities(count: usize) -> Vec<Authority> {
	DEV_VALIDATORS
		.iter()
		.take(count)
		.map(|(aura, grandpa)| (aura.public().into(), grandpa.public().into()))
		.collect()
}

/// The genesis state of a chain with these validators, sudo key and endowed accounts.
fn genesis(authorities: Vec<Authority>, root: AccountId, endowed: Vec<AccountId>) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed
				.into_iter()
				.map(|account| (account, DEV_ENDOWMENT))
				.collect::<Vec<_>>(),
		},
		aura: AuraConfig {
			authorities: authorities.iter().map(|(aura, _)| aura.clone()).collect::<Vec<_>>(),
		},
		grandpa: GrandpaConfig {
			authorities: authorities
				.into_iter()
				.map(|(_, grandpa)| (grandpa, 1))
				.collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: Some(root) },
	})
}

/// `development`: one validator (Alice), Alice as sudo, the well-known dev accounts endowed.
pub fn development_config_genesis() -> Value {
	genesis(
		dev_authorities(1),
		Sr25519Keyring::Alice.to_account_id(),
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
	)
}

/// `local_testnet`: four validators (Alice, Bob, Charlie, Dave), Alice as sudo.
pub fn local_testnet_genesis() -> Value {
	genesis(
		dev_authorities(4),
		Sr25519Keyring::Alice.to_account_id(),
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
	)
}

/// The preset called `id`, as JSON, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_testnet_genesis(),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
