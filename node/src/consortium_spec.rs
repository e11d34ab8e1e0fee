//! `medchain-node consortium-spec`: a consortium's own chain spec, written from a JSON file that
//! names its validators, council, founding organisations and peer nodes, with no recompiling.
//! docs/operators.md walks through it; scripts/consortium-example.json is a complete example.

use crate::chain_spec::{self, ChainSpec};
use medchain_primitives::{OrgKind, PractitionerRole};
use medchain_runtime::{
	genesis_config_presets::{ChainGenesis, FoundingOrganization},
	AccountId, Balance, UNIT,
};
use sc_service::ChainType;
use serde::Deserialize;
use sp_core::{crypto::Ss58Codec, ed25519, sr25519, OpaquePeerId, H256};
use std::{collections::BTreeSet, path::PathBuf, str::FromStr};

/// Write a consortium's own chain spec from a JSON description of it.
#[derive(Debug, clap::Parser)]
pub struct ConsortiumSpecCmd {
	/// The consortium's description (see docs/operators.md for its fields).
	#[arg(long, value_name = "FILE")]
	pub config: PathBuf,

	/// Write the raw spec (storage as key/value pairs), the form validators are started with.
	#[arg(long)]
	pub raw: bool,

	/// Where to write the spec; standard output if not given.
	#[arg(long, value_name = "FILE")]
	pub output: Option<PathBuf>,
}

/// The consortium's description, as operators write it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ConsortiumConfig {
	/// The chain's human name.
	pub name: String,
	/// The chain's id (also the name of its folder under each node's base path).
	pub id: String,
	/// The network protocol id, so that other chains' nodes are told apart; the id if absent.
	pub protocol_id: Option<String>,
	/// Multiaddresses of nodes to connect to first (`/dns/host/tcp/30333/p2p/<peer id>`).
	#[serde(default)]
	pub boot_nodes: Vec<String>,
	/// The validators, in block-authoring order.
	pub validators: Vec<ValidatorConfig>,
	/// Further authorized peer nodes (full nodes, archives) that are not validators.
	#[serde(default)]
	pub nodes: Vec<NodeConfig>,
	/// The sudo account, if the chain is to have one; without it the council governs alone.
	pub sudo: Option<String>,
	/// The council members (SS58 accounts).
	pub council: Vec<String>,
	/// The founding organisations, numbered from 0 in this order.
	pub organizations: Vec<OrganizationConfig>,
	/// Whole MED given to every account this file names (validators, sudo, council, admins,
	/// practitioners, node owners, `endowed`), to pay fees.
	pub endowment: u64,
	/// Further accounts to endow.
	#[serde(default)]
	pub endowed: Vec<String>,
}

/// A validator: its account, its session keys and its node.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ValidatorConfig {
	/// A name for messages.
	pub name: String,
	/// The account that owns the validator's node (SS58).
	pub account: String,
	/// The Aura key: sr25519 public key (SS58 or 0x hex).
	pub aura: String,
	/// The GRANDPA key: ed25519 public key (SS58 or 0x hex).
	pub grandpa: String,
	/// The peer id of the validator's node key (`medchain-node key generate-node-key` prints it).
	pub peer_id: String,
}

/// A non-validator node allowed to connect.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NodeConfig {
	/// The account that owns the node (SS58).
	pub owner: String,
	/// Its peer id.
	pub peer_id: String,
}

/// A founding organisation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct OrganizationConfig {
	/// Its name.
	pub name: String,
	/// Hospital, Clinic, Laboratory, Pharmacy, Manufacturer, Wholesaler, Regulator, Insurer or
	/// Research.
	pub kind: OrgKind,
	/// Its admin account (SS58).
	pub admin: String,
	/// Hash of its licence reference (0x + 64 hex digits); the reference stays off chain.
	pub license_hash: H256,
	/// Its practitioners.
	#[serde(default)]
	pub practitioners: Vec<PractitionerConfig>,
	/// The GS1 company prefixes it owns (6 to 12 digits each, e.g. `"0614141"`): only its
	/// staff may register products and pack containers under them.
	#[serde(default)]
	pub company_prefixes: Vec<String>,
}

/// A founding practitioner.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PractitionerConfig {
	/// The practitioner's account (SS58).
	pub account: String,
	/// Physician, Nurse, Pharmacist, LabTechnician, Researcher, Administrator or PrivacyOfficer.
	pub role: PractitionerRole,
	/// Hash of the practitioner's licence reference.
	pub license_hash: H256,
}

fn account(what: &str, text: &str) -> Result<AccountId, String> {
	AccountId::from_ss58check(text)
		.map_err(|e| format!("{what}: '{text}' is not an SS58 account ({e:?})"))
}

fn public<P: Ss58Codec + sp_core::ByteArray>(what: &str, text: &str) -> Result<P, String> {
	if let Some(hex) = text.strip_prefix("0x") {
		let bytes = sp_core::bytes::from_hex(hex)
			.map_err(|e| format!("{what}: '{text}' is not hex ({e:?})"))?;
		return P::from_slice(&bytes).map_err(|_| format!("{what}: '{text}' has the wrong length"));
	}
	P::from_ss58check(text).map_err(|e| format!("{what}: '{text}' is not a public key ({e:?})"))
}

fn peer(what: &str, text: &str) -> Result<OpaquePeerId, String> {
	sc_network::PeerId::from_str(text)
		.map(|p| OpaquePeerId(p.to_bytes()))
		.map_err(|e| format!("{what}: '{text}' is not a peer id ({e})"))
}

impl ConsortiumConfig {
	/// The genesis this description asks for, or the first thing wrong with it.
	pub fn genesis(&self) -> Result<ChainGenesis, String> {
		if self.validators.is_empty() {
			return Err("at least one validator is needed".into());
		}
		let mut named: Vec<AccountId> = Vec::new();
		let mut authorities = Vec::new();
		let mut nodes = Vec::new();
		let mut peers = BTreeSet::new();
		for v in &self.validators {
			let what = |field: &str| format!("validator {}: {field}", v.name);
			let owner = account(&what("account"), &v.account)?;
			let aura: sr25519::Public = public(&what("aura"), &v.aura)?;
			let grandpa: ed25519::Public = public(&what("grandpa"), &v.grandpa)?;
			let peer_id = peer(&what("peerId"), &v.peer_id)?;
			if !peers.insert(peer_id.clone()) {
				return Err(format!("peer id {} is listed twice", v.peer_id));
			}
			authorities.push((aura.into(), grandpa.into()));
			nodes.push((peer_id, owner.clone()));
			named.push(owner);
		}
		for n in &self.nodes {
			let owner = account("node owner", &n.owner)?;
			let peer_id = peer("node peerId", &n.peer_id)?;
			if !peers.insert(peer_id.clone()) {
				return Err(format!("peer id {} is listed twice", n.peer_id));
			}
			nodes.push((peer_id, owner.clone()));
			named.push(owner);
		}
		let sudo = self.sudo.as_deref().map(|s| account("sudo", s)).transpose()?;
		named.extend(sudo.clone());
		let council =
			self.council.iter().map(|c| account("council", c)).collect::<Result<Vec<_>, _>>()?;
		named.extend(council.iter().cloned());
		let mut organizations = Vec::new();
		for o in &self.organizations {
			let admin = account(&format!("organisation {}: admin", o.name), &o.admin)?;
			named.push(admin.clone());
			let mut practitioners = Vec::new();
			for p in &o.practitioners {
				let who = account(&format!("organisation {}: practitioner", o.name), &p.account)?;
				named.push(who.clone());
				practitioners.push((who, p.role, p.license_hash));
			}
			organizations.push(FoundingOrganization {
				admin,
				kind: o.kind,
				name: o.name.as_bytes().to_vec(),
				license_hash: o.license_hash,
				practitioners,
				company_prefixes: o
					.company_prefixes
					.iter()
					.map(|p| p.as_bytes().to_vec())
					.collect(),
			});
		}
		for e in &self.endowed {
			named.push(account("endowed", e)?);
		}
		named.sort();
		named.dedup();
		let each: Balance =
			Balance::from(self.endowment).checked_mul(UNIT).ok_or("the endowment is too large")?;
		Ok(ChainGenesis {
			authorities,
			sudo,
			balances: named.into_iter().map(|a| (a, each)).collect(),
			council,
			organizations,
			nodes,
		})
	}

	/// The chain spec of this consortium (a live chain).
	pub fn chain_spec(&self) -> Result<ChainSpec, String> {
		let patch = self.genesis()?.to_json()?;
		let mut builder = ChainSpec::builder(chain_spec::wasm()?, None)
			.with_name(&self.name)
			.with_id(&self.id)
			.with_chain_type(ChainType::Live)
			.with_protocol_id(self.protocol_id.as_deref().unwrap_or(&self.id))
			.with_properties(chain_spec::properties())
			.with_genesis_config_patch(patch);
		if !self.boot_nodes.is_empty() {
			let boot_nodes = self
				.boot_nodes
				.iter()
				.map(|a| a.parse().map_err(|e| format!("boot node '{a}': {e}")))
				.collect::<Result<Vec<_>, String>>()?;
			builder = builder.with_boot_nodes(boot_nodes);
		}
		Ok(builder.build())
	}
}

impl ConsortiumSpecCmd {
	/// Reads the description, builds the spec (running the runtime's genesis build, so a bad
	/// consortium is refused here rather than at a validator's first start) and writes it.
	pub fn run(&self) -> Result<(), String> {
		let text = std::fs::read_to_string(&self.config)
			.map_err(|e| format!("cannot read {}: {e}", self.config.display()))?;
		let config: ConsortiumConfig = serde_json::from_str(&text).map_err(|e| {
			format!("{} is not a valid consortium description: {e}", self.config.display())
		})?;
		let spec = config.chain_spec()?;
		// Builds the genesis state once: the runtime checks the consortium as it would at start.
		sc_service::ChainSpec::as_storage_builder(&spec)
			.build_storage()
			.map_err(|e| format!("the genesis of {} is invalid: {e}", self.config.display()))?;
		let json = sc_service::ChainSpec::as_json(&spec, self.raw)?;
		match &self.output {
			Some(path) => std::fs::write(path, json)
				.map_err(|e| format!("cannot write {}: {e}", path.display()))?,
			None => println!("{json}"),
		}
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Decode;
	use sp_io::hashing::twox_128;

	fn example() -> ConsortiumConfig {
		let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/consortium-example.json");
		serde_json::from_str(&std::fs::read_to_string(path).expect("the example exists"))
			.expect("the example parses")
	}

	fn storage_value<V: Decode>(
		storage: &sp_core::storage::Storage,
		pallet: &str,
		item: &str,
	) -> V {
		let key = [twox_128(pallet.as_bytes()), twox_128(item.as_bytes())].concat();
		let bytes = storage.top.get(&key).unwrap_or_else(|| panic!("{pallet}::{item} is set"));
		V::decode(&mut &bytes[..]).expect("decodes")
	}

	#[test]
	fn the_example_consortium_builds_its_genesis() {
		let config = example();
		let spec = config.chain_spec().expect("a valid description");
		assert_eq!(sc_service::ChainSpec::id(&spec), config.id);
		let storage = sc_service::ChainSpec::as_storage_builder(&spec)
			.build_storage()
			.expect("the genesis builds");
		let orgs: u32 = storage_value(&storage, "Consortium", "NextOrganizationId");
		assert_eq!(orgs as usize, config.organizations.len());
		let members: Vec<AccountId> = storage_value(&storage, "CouncilMembership", "Members");
		assert_eq!(members.len(), config.council.len());
		let authorities: Vec<sr25519::Public> = storage_value(&storage, "Aura", "Authorities");
		assert_eq!(authorities.len(), config.validators.len());
	}

	#[test]
	fn a_wrong_description_is_refused_saying_what_is_wrong() {
		let mut config = example();
		config.validators[0].grandpa = "not-a-key".into();
		let error = config.chain_spec().map(|_| ()).expect_err("a bad key");
		assert!(error.contains("grandpa") && error.contains("not-a-key"), "{error}");

		let mut config = example();
		let twin = config.validators[0].peer_id.clone();
		config.validators[1].peer_id = twin;
		let error = config.chain_spec().map(|_| ()).expect_err("a duplicate peer");
		assert!(error.contains("listed twice"), "{error}");

		let mut config = example();
		config.validators.clear();
		assert!(config.chain_spec().is_err());

		let unknown_field = r#"{"name": "x", "id": "x", "validators": [], "council": [],
			"organizations": [], "endowment": 1, "colour": "blue"}"#;
		let error = serde_json::from_str::<ConsortiumConfig>(unknown_field).expect_err("unknown");
		assert!(error.to_string().contains("colour"), "{error}");
	}

	#[test]
	fn an_inconsistent_consortium_fails_the_genesis_build() {
		// One account cannot be a practitioner of two organisations.
		let mut config = example();
		let someone = config.organizations[0].practitioners[0].account.clone();
		config.organizations[1].practitioners.push(PractitionerConfig {
			account: someone,
			role: PractitionerRole::Nurse,
			license_hash: H256::repeat_byte(1),
		});
		let spec = config.chain_spec().expect("the description itself is well formed");
		assert!(sc_service::ChainSpec::as_storage_builder(&spec).build_storage().is_err());
	}
}
