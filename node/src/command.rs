//! Dispatch of the command line to the node or to a subcommand.

use frame_benchmarking_cli::{BenchmarkCmd, ExtrinsicFactory, SUBSTRATE_REFERENCE_HARDWARE};
use medchain_runtime::{opaque::Block as OpaqueBlock, Block, EXISTENTIAL_DEPOSIT};
use sc_cli::SubstrateCli;
use sc_service::PartialComponents;
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::Block as BlockT;

use crate::{
	benchmarking::{inherent_benchmark_data, RemarkBuilder, TransferKeepAliveBuilder},
	chain_spec,
	cli::{Cli, Subcommand},
	service,
};

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"Medchain Node".into()
	}

	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}

	fn description() -> String {
		env!("CARGO_PKG_DESCRIPTION").into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://github.com/medchain/medchain/issues".into()
	}

	fn copyright_start_year() -> i32 {
		2026
	}

	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		Ok(match id {
			"dev" => Box::new(chain_spec::development_chain_spec()?),
			"" | "local" => Box::new(chain_spec::local_chain_spec()?),
			path => Box::new(load_spec_file(path)?),
		})
	}
}

/// A chain spec from a JSON file, with a message that names the file when it cannot be used:
/// a node must refuse to start on a missing or damaged spec rather than start another chain.
fn load_spec_file(path: &str) -> Result<chain_spec::ChainSpec, String> {
	let path = std::path::PathBuf::from(path);
	if !path.exists() {
		return Err(format!(
			"chain spec file {} does not exist (expected `dev`, `local` or a path to a JSON chain spec)",
			path.display()
		));
	}
	chain_spec::ChainSpec::from_json_file(path.clone())
		.map_err(|e| format!("chain spec file {} is not a valid chain spec: {e}", path.display()))
}

/// Parses the command line and runs what it asks for.
pub fn run() -> sc_cli::Result<()> {
	let cli = Cli::from_args();

	match &cli.subcommand {
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		#[allow(deprecated)]
		Some(Subcommand::BuildSpec(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.chain_spec, config.network))
		}
		Some(Subcommand::ExportChainSpec(cmd)) => {
			let chain_spec = cli.load_spec(&cmd.chain)?;
			cmd.run(chain_spec)
		}
		Some(Subcommand::ConsortiumSpec(cmd)) => cmd.run().map_err(Into::into),
		Some(Subcommand::CheckBlock(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		}
		Some(Subcommand::ExportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.database), task_manager))
			})
		}
		Some(Subcommand::ExportState(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.chain_spec), task_manager))
			})
		}
		Some(Subcommand::ImportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		}
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		}
		Some(Subcommand::Revert(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, backend, .. } =
					service::new_partial(&config)?;
				let aux_revert = Box::new(|client, _, blocks| {
					sc_consensus_grandpa::revert(client, blocks)?;
					Ok(())
				});
				Ok((cmd.run(client, backend, Some(aux_revert)), task_manager))
			})
		}
		Some(Subcommand::Benchmark(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| match cmd {
				BenchmarkCmd::Pallet(cmd) => {
					// The benchmarks live in the runtime: either this node's own runtime (built
					// with `runtime-benchmarks`) or a runtime blob given with `--runtime`, which
					// is how scripts/bench.sh runs them.
					if cmd.runtime.is_none() && !cfg!(feature = "runtime-benchmarks") {
						return Err("This node's runtime has no benchmarks: pass a runtime built \
							with `--features runtime-benchmarks` with `--runtime <wasm>` \
							(see scripts/bench.sh)."
							.into());
					}
					cmd.run_with_spec::<sp_runtime::traits::HashingFor<Block>, ()>(Some(
						config.chain_spec,
					))
				}
				BenchmarkCmd::Block(cmd) => {
					let PartialComponents { client, .. } = service::new_partial(&config)?;
					cmd.run(client)
				}
				#[cfg(not(feature = "runtime-benchmarks"))]
				BenchmarkCmd::Storage(_) => Err("Storage benchmarks need a node built with \
					`--features runtime-benchmarks`."
					.into()),
				#[cfg(feature = "runtime-benchmarks")]
				BenchmarkCmd::Storage(cmd) => {
					let PartialComponents { client, backend, .. } = service::new_partial(&config)?;
					let db = backend.expose_db();
					let storage = backend.expose_storage();
					let shared_cache = backend.expose_shared_trie_cache();
					cmd.run(config, client, db, storage, shared_cache)
				}
				BenchmarkCmd::Overhead(cmd) => {
					let PartialComponents { client, .. } = service::new_partial(&config)?;
					let ext_builder = RemarkBuilder::new(client.clone());
					cmd.run(
						config.chain_spec.name().into(),
						client,
						inherent_benchmark_data()?,
						Vec::new(),
						&ext_builder,
						false,
					)
				}
				BenchmarkCmd::Extrinsic(cmd) => {
					let PartialComponents { client, .. } = service::new_partial(&config)?;
					let ext_factory = ExtrinsicFactory(vec![
						Box::new(RemarkBuilder::new(client.clone())),
						Box::new(TransferKeepAliveBuilder::new(
							client.clone(),
							Sr25519Keyring::Alice.to_account_id(),
							EXISTENTIAL_DEPOSIT,
						)),
					]);
					cmd.run(client, inherent_benchmark_data()?, Vec::new(), &ext_factory)
				}
				BenchmarkCmd::Machine(cmd) => {
					cmd.run(&config, SUBSTRATE_REFERENCE_HARDWARE.clone())
				}
			})
		}
		Some(Subcommand::ChainInfo(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run::<Block>(&config))
		}
		None => {
			let runner = cli.create_runner(&cli.run)?;
			runner.run_node_until_exit(|config| async move {
				match config.network.network_backend {
					sc_network::config::NetworkBackendType::Libp2p => service::new_full::<
						sc_network::NetworkWorker<OpaqueBlock, <OpaqueBlock as BlockT>::Hash>,
					>(config)
					.map_err(sc_cli::Error::Service),
					sc_network::config::NetworkBackendType::Litep2p => {
						service::new_full::<sc_network::Litep2pNetworkBackend>(config)
							.map_err(sc_cli::Error::Service)
					}
				}
			})
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn presets_load_by_name() {
		let cli = Cli::from_iter(["medchain-node"]);
		for id in ["dev", "local", ""] {
			let spec = cli.load_spec(id).expect("built-in chain spec");
			assert!(spec.name().starts_with("Medchain"), "{id}: {}", spec.name());
		}
	}

	#[test]
	fn a_missing_chain_spec_file_is_refused_with_its_path() {
		let cli = Cli::from_iter(["medchain-node"]);
		let Err(error) = cli.load_spec("/nonexistent/medchain-spec.json") else {
			panic!("a missing file must be refused");
		};
		assert!(error.contains("/nonexistent/medchain-spec.json"), "{error}");
		assert!(error.contains("does not exist"), "{error}");
	}

	#[test]
	fn a_corrupted_chain_spec_file_is_refused() {
		let path =
			std::env::temp_dir().join(format!("medchain-corrupt-{}.json", std::process::id()));
		std::fs::write(&path, b"{\"name\": \"Medchain\", \"id\": ").expect("temp file");
		let cli = Cli::from_iter(["medchain-node"]);
		let Err(error) = cli.load_spec(path.to_str().expect("utf-8 path")) else {
			panic!("a corrupted file must be refused");
		};
		let _ = std::fs::remove_file(&path);
		assert!(error.contains("is not a valid chain spec"), "{error}");
	}

	#[test]
	fn a_written_chain_spec_loads_back() {
		let spec = chain_spec::local_chain_spec().expect("local spec");
		let json = sc_service::ChainSpec::as_json(&spec, false).expect("serializes");
		let path = std::env::temp_dir().join(format!("medchain-spec-{}.json", std::process::id()));
		std::fs::write(&path, json).expect("temp file");
		let cli = Cli::from_iter(["medchain-node"]);
		let loaded = cli.load_spec(path.to_str().expect("utf-8 path"));
		let _ = std::fs::remove_file(&path);
		assert_eq!(loaded.expect("loads").id(), "medchain_local");
	}
}
