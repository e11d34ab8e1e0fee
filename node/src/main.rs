//! `medchain-node`: the Medchain consortium chain's node.

// `sc_cli::Error` and `sc_service::Error` are the client crates' own error types; boxing them at
// every call site would only hide them.
#![allow(clippy::result_large_err)]

mod benchmarking;
mod chain_spec;
mod cli;
mod command;
mod consortium_spec;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
