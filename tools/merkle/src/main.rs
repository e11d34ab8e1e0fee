//! `medchain-merkle`: builds a batch tree from a file of record hashes.
//!
//! ```text
//! medchain-merkle root  <hashes.txt>           root and leaf count, as JSON
//! medchain-merkle proof <hashes.txt> <index>   root, leaf count, the leaf and its proof, as JSON
//! ```
//!
//! The file holds one 32-byte hex hash per line (the salted record hashes, in batch order). The
//! JSON carries what `records.anchorBatch(root, leafCount, descriptionHash)` and
//! `RecordsApi::verify_batch_inclusion(batch, leaf, leafIndex, proof)` take.

use medchain_merkle::{hex, parse_leaves, Tree};
use std::process::ExitCode;

const USAGE: &str =
	"usage: medchain-merkle root <hashes.txt>\n       medchain-merkle proof <hashes.txt> <index>";

fn run(args: &[String]) -> Result<String, String> {
	let (command, file) = match args {
		[command, file, ..] => (command.as_str(), file),
		_ => return Err(USAGE.into()),
	};
	let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
	let leaves = parse_leaves(&text).map_err(|e| format!("{file}: {e}"))?;
	let started = std::time::Instant::now();
	let tree = Tree::new(&leaves).map_err(|e| format!("{file}: {e}"))?;
	let build_ms = started.elapsed().as_secs_f64() * 1000.0;
	let root = hex(&tree.root());
	let count = tree.leaf_count();
	match (command, args.get(2)) {
		("root", None) => {
			Ok(format!("{{\"root\":\"{root}\",\"leafCount\":{count},\"buildMs\":{build_ms:.1}}}"))
		}
		("proof", Some(index)) => {
			let index: u32 = index.parse().map_err(|_| format!("not a leaf index: {index}"))?;
			let proof = tree
				.proof(index)
				.ok_or_else(|| format!("no leaf {index}: the batch has {count} leaves"))?;
			let leaf = leaves.get(index as usize).map(hex).unwrap_or_default();
			let proof: Vec<String> = proof.iter().map(|h| format!("\"{}\"", hex(h))).collect();
			Ok(format!(
				"{{\"root\":\"{root}\",\"leafCount\":{count},\"leafIndex\":{index},\"leaf\":\"{leaf}\",\"proof\":[{}]}}",
				proof.join(",")
			))
		}
		_ => Err(USAGE.into()),
	}
}

fn main() -> ExitCode {
	let args: Vec<String> = std::env::args().skip(1).collect();
	match run(&args) {
		Ok(json) => {
			println!("{json}");
			ExitCode::SUCCESS
		}
		Err(e) => {
			eprintln!("{e}");
			ExitCode::FAILURE
		}
	}
}
