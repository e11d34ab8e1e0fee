//! Genesis presets: ready-made initial states, selected with `--chain dev`, `--chain local` or
//! `build-spec --chain ...`. A consortium writes its own chain spec from these (see the README).

use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use medchain_primitives::{OrgId, OrgKind, PractitionerRole};
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::{crypto::AccountId32, OpaquePeerId, H256};
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::traits::{BlakeTwo256, Hash};

use crate::{
	AccountId, AuraConfig, Balance, BalancesConfig, ConsortiumConfig, CouncilMembershipConfig,
	GrandpaConfig, NodeAuthorizationConfig, RuntimeGenesisConfig, SudoConfig, UNIT,
};

/// What every endowed development account starts with.
pub const DEV_ENDOWMENT: Balance = 1_000_000 * UNIT;

/// A validator's consensus keys: Aura (sr25519) and GRANDPA (ed25519).
pub type Authority = (AuraId, GrandpaId);

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

/// Development accounts derived from the well-known development phrase with `//Name`
/// (in polkadot.js: add the account from the URI `//Name`). Public keys, as `key inspect //Name`
/// prints them.
pub mod dev_accounts {
	use super::AccountId32;

	const fn account(public: [u8; 32]) -> AccountId32 {
		AccountId32::new(public)
	}

	macro_rules! dev_account {
		($(#[$doc:meta])* $name:ident = $hex:literal) => {
			$(#[$doc])*
			pub fn $name() -> AccountId32 {
				account(array_bytes::hex2array_unchecked($hex))
			}
		};
	}

	dev_account!(
		/// `//Physician`: physician at the hospital.
		physician = "c242a8ae6497b589f1d820d5f501b884dfdf1ca12cdd7a58aa754d015a703b65"
	);
	dev_account!(
		/// `//Nurse`: nurse at the hospital.
		nurse = "0e7727426fdcc2c665c2e2a7abd408d428a40adece55c16ca97fd75231d9d918"
	);
	dev_account!(
		/// `//PrivacyOfficer`: the hospital's privacy officer.
		privacy_officer = "0c9a1622ccb1b6a4b0de4b4dfd35d14657c2ce5ce8ae6fbd75dbc80a0b61e732"
	);
	dev_account!(
		/// `//ClinicPhysician`: physician at the clinic.
		clinic_physician = "2acef02860bb4e4920754cefe161d861789149f8b2dc0f028b30c64c7116d522"
	);
	dev_account!(
		/// `//LabTechnician`: technician at the laboratory.
		lab_technician = "aa095c5ed7c2307fb1094d6f0d3ffd67088e90f7cdd17fcfe3cddae1f4724c13"
	);
	dev_account!(
		/// `//QualityManager`: staff of the manufacturer.
		quality_manager = "766d296ff2a73aa29fb4222e430f457ba5bfa54f12299ff25a692ebff993a36d"
	);
	dev_account!(
		/// `//WarehouseClerk`: staff of the wholesaler.
		warehouse_clerk = "42789bcd0414b6eec861c0930c3ddfb29ef897c704f5270b73b2d853c458c307"
	);
	dev_account!(
		/// `//Pharmacist`: pharmacist at the pharmacy.
		pharmacist = "a6399e2d059a382c5e2dab40856625a31e62ca5a4047da68fc0bba89d8d77c2d"
	);
	dev_account!(
		/// `//EthicsCommittee`: admin of the research ethics committee.
		ethics_committee = "1268a8de4b313985279c0a30a8612d0edb80901a90f5e01d46b860cb4934324d"
	);
	dev_account!(
		/// `//EthicsReviewer`: member of the research ethics committee.
		ethics_reviewer = "04fad9d8fe1d6433cec511c97da2c61245504e77288c77064678b016bddabf74"
	);
	dev_account!(
		/// `//Regulator`: admin of the regulator.
		regulator = "c8deda87de3680643d220b32679a646c56e5fd15c14100cb81555de939ea1f3d"
	);
	dev_account!(
		/// `//Inspector`: inspector at the regulator.
		inspector = "e297afcfb826b68e4909bd877cdd09eb57817b77096436044d13fb6ec837cd47"
	);
}

/// A demo organisation: admin, kind, name; then its practitioners.
struct DemoOrganization {
	admin: AccountId,
	kind: OrgKind,
	name: &'static str,
	staff: Vec<(AccountId, PractitionerRole)>,
	company_prefixes: &'static [&'static str],
}

/// The demo consortium of the `development` preset (ids in this order, from 0).
fn demo_consortium() -> Vec<DemoOrganization> {
	use dev_accounts::*;
	use PractitionerRole::*;
	vec![
		DemoOrganization {
			admin: Sr25519Keyring::Alice.to_account_id(),
			kind: OrgKind::Hospital,
			name: "Medchain General Hospital",
			staff: vec![
				(physician(), Physician),
				(nurse(), Nurse),
				(privacy_officer(), PrivacyOfficer),
			],
			company_prefixes: &[],
		},
		DemoOrganization {
			admin: Sr25519Keyring::Bob.to_account_id(),
			kind: OrgKind::Clinic,
			name: "Riverside Clinic",
			staff: vec![(clinic_physician(), Physician)],
			company_prefixes: &[],
		},
		DemoOrganization {
			admin: Sr25519Keyring::Charlie.to_account_id(),
			kind: OrgKind::Laboratory,
			name: "Central Laboratory",
			staff: vec![(lab_technician(), LabTechnician)],
			company_prefixes: &[],
		},
		DemoOrganization {
			admin: Sr25519Keyring::Dave.to_account_id(),
			kind: OrgKind::Manufacturer,
			name: "Acme Pharmaceuticals",
			staff: vec![(quality_manager(), Administrator)],
			company_prefixes: &["0614141"],
		},
		DemoOrganization {
			admin: Sr25519Keyring::Eve.to_account_id(),
			kind: OrgKind::Wholesaler,
			name: "National Drug Distribution",
			staff: vec![(warehouse_clerk(), Administrator)],
			company_prefixes: &["0614142"],
		},
		DemoOrganization {
			admin: Sr25519Keyring::Ferdie.to_account_id(),
			kind: OrgKind::Pharmacy,
			name: "Corner Pharmacy",
			staff: vec![(pharmacist(), Pharmacist)],
			company_prefixes: &[],
		},
		DemoOrganization {
			admin: regulator(),
			kind: OrgKind::Regulator,
			name: "Medicines Agency",
			staff: vec![(inspector(), Administrator)],
			company_prefixes: &[],
		},
		DemoOrganization {
			admin: ethics_committee(),
			kind: OrgKind::EthicsCommittee,
			name: "Regional Research Ethics Committee",
			staff: vec![(ethics_reviewer(), Researcher)],
			company_prefixes: &[],
		},
	]
}

/// A stand-in licence hash for demo data: the hash of a made-up licence reference.
fn demo_licence(kind: &str, n: usize) -> H256 {
	BlakeTwo256::hash(alloc::format!("demo-licence/{kind}/{n}").as_bytes())
}

/// Peer ids of the local test network's four validators (node keys in
/// `scripts/local-net-keys/`), as node authorization stores them.
fn local_testnet_peers() -> Vec<OpaquePeerId> {
	[
		"00240801122037cd2da2e9a359ccd154a616597d2adfa48e28ee494add2a82f93017a374ad48",
		"0024080112205d81676ce43ba3f59bb1aa80c1a8c5200c622c074e1d3ee5372320aa761825f1",
		"002408011220054f68110e28cdf9c20e1317d4fba04542a2ec8ed968662096ffa9bb7d8f766e",
		"00240801122005771c833833254547d53958eecefffc7a7b3f7461d8339cb84d61d5f25482f4",
	]
	.into_iter()
	.map(|hex| OpaquePeerId(array_bytes::hex2bytes_unchecked(hex)))
	.collect()
}

/// A founding organisation of a chain: its admin, kind, name and licence hash, then its
/// practitioners (account, role, licence hash). Organisations are numbered from 0 in the order
/// they are listed.
pub struct FoundingOrganization {
	/// The organisation's admin account.
	pub admin: AccountId,
	/// What kind of organisation it is.
	pub kind: OrgKind,
	/// Its name (at most the consortium pallet's `MaxNameLength` bytes).
	pub name: Vec<u8>,
	/// Hash of its licence reference (the reference itself stays off chain).
	pub license_hash: H256,
	/// Its practitioners: account, role, licence hash.
	pub practitioners: Vec<(AccountId, PractitionerRole, H256)>,
	/// The GS1 company prefixes it owns (ASCII digits).
	pub company_prefixes: Vec<Vec<u8>>,
}

/// Everything a Medchain chain starts from. The presets fill it with the development accounts;
/// `medchain-node consortium-spec` fills it from an operator's file.
pub struct ChainGenesis {
	/// Validators' consensus keys: Aura (sr25519) and GRANDPA (ed25519).
	pub authorities: Vec<Authority>,
	/// The sudo account, if the chain has one (a consortium chain governed by its council
	/// alone has none).
	pub sudo: Option<AccountId>,
	/// Accounts and their initial balances.
	pub balances: Vec<(AccountId, Balance)>,
	/// The council (the founding organisations' representatives).
	pub council: Vec<AccountId>,
	/// The founding consortium.
	pub organizations: Vec<FoundingOrganization>,
	/// Peer nodes allowed to connect, with the account that owns each.
	pub nodes: Vec<(OpaquePeerId, AccountId)>,
}

impl ChainGenesis {
	/// The runtime genesis config (as a JSON patch) of this chain, or what is wrong with it.
	pub fn to_json(self) -> Result<Value, alloc::string::String> {
		let mut founding = Vec::new();
		let mut practitioners = Vec::new();
		let mut company_prefixes = Vec::new();
		for (org, organization) in self.organizations.into_iter().enumerate() {
			for prefix in organization.company_prefixes {
				company_prefixes.push((org as OrgId, prefix));
			}
			founding.push((
				organization.admin,
				organization.kind,
				organization.name,
				organization.license_hash,
			));
			for (who, role, license_hash) in organization.practitioners {
				practitioners.push((org as OrgId, who, role, license_hash));
			}
		}
		let council_size = self.council.len();
		let members = self.council.try_into().map_err(|_| {
			alloc::format!(
				"a council of {council_size} is larger than the runtime allows ({})",
				crate::configs::CouncilMaxMembers::get()
			)
		})?;
		Ok(build_struct_json_patch!(RuntimeGenesisConfig {
			balances: BalancesConfig { balances: self.balances },
			aura: AuraConfig {
				authorities: self
					.authorities
					.iter()
					.map(|(aura, _)| aura.clone())
					.collect::<Vec<_>>(),
			},
			grandpa: GrandpaConfig {
				authorities: self
					.authorities
					.into_iter()
					.map(|(_, grandpa)| (grandpa, 1))
					.collect::<Vec<_>>(),
			},
			sudo: SudoConfig { key: self.sudo },
			council_membership: CouncilMembershipConfig { members },
			node_authorization: NodeAuthorizationConfig { nodes: self.nodes },
			consortium: ConsortiumConfig {
				organizations: founding,
				practitioners,
				company_prefixes
			},
		}))
	}
}

/// The genesis of a development network: the first `validators` development validators (each
/// owning the matching peer of `peers`), Alice as sudo, the well-known development accounts
/// endowed, the council of Alice, Bob and Charlie, and the demo consortium with demo licences.
fn development_genesis(validators: usize, peers: Vec<OpaquePeerId>) -> Value {
	let mut endowed: Vec<AccountId> =
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect();
	let organizations: Vec<FoundingOrganization> = demo_consortium()
		.into_iter()
		.map(|demo| {
			let kind = alloc::format!("{:?}", demo.kind);
			endowed.push(demo.admin.clone());
			FoundingOrganization {
				admin: demo.admin,
				kind: demo.kind,
				name: demo.name.as_bytes().to_vec(),
				license_hash: demo_licence(&kind, 0),
				company_prefixes: demo
					.company_prefixes
					.iter()
					.map(|prefix| prefix.as_bytes().to_vec())
					.collect(),
				practitioners: demo
					.staff
					.into_iter()
					.enumerate()
					.map(|(n, (who, role))| {
						endowed.push(who.clone());
						(who, role, demo_licence(&kind, n.saturating_add(1)))
					})
					.collect(),
			}
		})
		.collect();
	endowed.sort();
	endowed.dedup();
	let genesis = ChainGenesis {
		authorities: dev_authorities(validators),
		sudo: Some(Sr25519Keyring::Alice.to_account_id()),
		balances: endowed.into_iter().map(|account| (account, DEV_ENDOWMENT)).collect(),
		council: [Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
			.map(|k| k.to_account_id())
			.to_vec(),
		organizations,
		nodes: peers
			.into_iter()
			.zip(DEV_VALIDATORS.iter().map(|(aura, _)| aura.to_account_id()))
			.collect(),
	};
	// The presets are fixed data that the runtime tests build: they are always valid.
	genesis.to_json().unwrap_or_default()
}

/// `development`: one validator (Alice), Alice as sudo, the well-known dev accounts endowed, and
/// a ready demo consortium (see the README for who is who) whose council is Alice, Bob and
/// Charlie (the admins of the hospital, the clinic and the laboratory).
pub fn development_config_genesis() -> Value {
	development_genesis(1, Vec::new())
}

/// `local_testnet`: four validators (Alice, Bob, Charlie, Dave), Alice as sudo, the demo
/// consortium, and node authorization admitting exactly the four validators' nodes.
pub fn local_testnet_genesis() -> Value {
	development_genesis(4, local_testnet_peers())
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
