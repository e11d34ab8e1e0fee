//! Chain specifications built from the runtime's genesis presets.

use medchain_runtime::WASM_BINARY;
use sc_service::ChainType;

/// A chain specification for Medchain: the runtime and its genesis, no extensions.
pub type ChainSpec = sc_service::GenericChainSpec;

pub(crate) fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY
		.ok_or_else(|| "the node was built without its wasm runtime (SKIP_WASM_BUILD)".into())
}

/// A chain spec for the runtime's genesis preset `preset`.
fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name(name)
		.with_id(id)
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

/// `--dev`: a single-validator development chain with the `development` preset.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"Medchain Development",
		"medchain_dev",
		ChainType::Development,
		sp_genesis_builder::DEV_RUNTIME_PRESET,
	)
}

/// `--chain local`: four validators (Alice, Bob, Charlie, Dave) with the `local_testnet` preset.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"Medchain Local Testnet",
		"medchain_local",
		ChainType::Local,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

/// Token properties wallets show.
pub(crate) fn properties() -> sc_service::Properties {
	let mut properties = sc_service::Properties::new();
	properties.insert("tokenSymbol".into(), "MED".into());
	properties.insert("tokenDecimals".into(), 12.into());
	properties.insert("ss58Format".into(), 42.into());
	properties
}
