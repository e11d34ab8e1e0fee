#!/usr/bin/env bash
# Regenerates the weights of Medchain's pallets from their benchmarks, with the node's
# `benchmark pallet` command and the committed template (scripts/weight-template.hbs).
#
#   MEDCHAIN_PROFILE=release ./scripts/bench.sh    every Medchain pallet, then the block and
#                                                   extrinsic base weights (production weights)
#   ./scripts/bench.sh pallet_consortium           one pallet
#   ./scripts/bench.sh overhead                    only the block and extrinsic base weights
#   ./scripts/bench.sh storage [<chain dir>]       the database weights, from a populated chain
#
# `storage` measures ParityDB's read and write with the node's `benchmark storage` on a chain
# the read-path harness filled (`./scripts/load.sh read` keeps it in
# $CARGO_TARGET_DIR/load/read-chain: its base path and the raw spec of its genesis) into
# runtime/src/weights/paritydb_weights.rs, the runtime's `DbWeight`. The command needs a node
# built with `--features runtime-benchmarks`; it is built next to the others (without
# its wasm runtime: the chain's own runtime is in its state) and kept as
# medchain-node-storage-bench, so that medchain-node stays the node without benchmarks.
# Every key of the chain up to MEDCHAIN_STORAGE_KEYS (default 500,000, a fixed random sample) is
# read, then written in batches of MEDCHAIN_STORAGE_BATCH (default 10,000, about what a full
# block writes; a batch shares one storage root, so a smaller batch costs more per write); the
# weight is the mean (`--metric average`), trie cache off.
#
# The pallet benchmarks run in a wasm runtime built with `--features runtime-benchmarks`; the
# node that runs them is the one built by the other scripts, in MEDCHAIN_PROFILE (its native
# host functions, hashing and storage, are part of what is measured: the committed weights come
# from a release node). The base weights come from the node's `benchmark overhead` on the dev
# chain (empty blocks, and blocks full of `system.remark`) into runtime/src/weights/.
# MEDCHAIN_BENCH_STEPS / MEDCHAIN_BENCH_REPEAT override the pallet sampling (defaults 50 / 20,
# or the pallet's entry in SAMPLING).
#
# Statistics, chosen for a shared machine whose neighbours steal time now and then: a weight is
# the *median-slopes* fit of the samples (the median over repeats of each component's slope,
# and of the intercepts), so a few samples slowed by noise do not move it, where the default
# least-squares fit follows them; every benchmark runs for at least 10 s (the command's
# `--min-duration`) whatever the repeat count. The base weights take the *median* block and
# transaction times of `benchmark overhead` for the same reason. After any run, the execution
# of the transaction extensions is summed from their weight files into
# runtime/src/weights/extension_execution.rs (scripts/extension-execution.mjs): the runtime
# takes it out of the measured base extrinsic weight, which contains it, so that a transaction
# pays for its extensions once (their own weights charge them).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$MEDCHAIN_ROOT"

# pallet name => weights file
declare -A PALLETS=(
	[pallet_consortium]=pallets/consortium/src/weights.rs
	[pallet_patient_identity]=pallets/patient-identity/src/weights.rs
	[pallet_consent]=pallets/consent/src/weights.rs
	[pallet_records]=pallets/records/src/weights.rs
	[pallet_drug_provenance]=pallets/drug-provenance/src/weights.rs
	[pallet_trials]=pallets/trials/src/weights.rs
	# The transaction extensions every transaction runs, measured on this runtime (the SDK's own
	# figures assume RocksDB); written with the command's default template.
	[frame_system_extensions]=runtime/src/weights/frame_system_extensions.rs
	[pallet_transaction_payment]=runtime/src/weights/pallet_transaction_payment.rs
	# pallet-node-authorization ships no weights; its benchmarks live in runtime/src/benchmarks/.
	[pallet_node_authorization]=runtime/src/weights/pallet_node_authorization.rs
	# GRANDPA's benchmarks are not named after its weight functions: written with Medchain's
	# template (a trait of its own), which the runtime adapts (configs.rs, `GrandpaWeights`).
	[pallet_grandpa]=runtime/src/weights/pallet_grandpa.rs
	# The SDK's baseline: what one sr25519 signature verification costs, the floor of the base
	# extrinsic weight once the extensions are taken out of it (extension_execution.rs).
	[frame_benchmarking]=runtime/src/weights/frame_benchmarking.rs
)
# Runtime weight files written with Medchain's template rather than the command's default one.
MEDCHAIN_TEMPLATE_IN_RUNTIME=(pallet_grandpa frame_benchmarking)

# Sampling per pallet, "steps repeat" (default 50 20). Drug provenance's cost-pair benchmarks set
# up a container and a lot of up to 10,000 units for every sample, so it samples less.
declare -A SAMPLING=(
	[pallet_drug_provenance]="20 5"
)

# The machine the weights are measured on, for the generated files' headers.
machine="$(nproc) cores of $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"

if [ "${1:-}" = storage ]; then
	chain="${2:-$CARGO_TARGET_DIR/load/read-chain}"
	[ -d "$chain/chain" ] && [ -f "$chain/spec.json" ] || {
		echo "no populated chain in $chain (run ./scripts/load.sh read first, or give one)" >&2
		exit 2
	}
	bench_node="$MEDCHAIN_NODE_BIN-storage-bench"
	log "building medchain-node with its benchmarks ($MEDCHAIN_PROFILE) -> $bench_node"
	args=(build --locked -p medchain-node --features runtime-benchmarks)
	[ "$MEDCHAIN_PROFILE" = release ] && args+=(--release)
	SKIP_WASM_BUILD=1 cargo "${args[@]}"
	cp "$MEDCHAIN_NODE_BIN" "$bench_node"
	# Back to the node without benchmarks (its build is fresh: cargo only puts it back).
	build_node
	if cmp -s "$MEDCHAIN_NODE_BIN" "$bench_node"; then
		echo "$MEDCHAIN_NODE_BIN is still the benchmark build" >&2
		exit 1
	fi
	mkdir -p "$CARGO_TARGET_DIR/tmp"
	header="$CARGO_TARGET_DIR/tmp/storage-header.txt"
	cat >"$header" <<HEADER
// Medchain database weights, generated by scripts/bench.sh with a $MEDCHAIN_PROFILE
// medchain-node on $machine,
// on the chain in $(basename "$chain") ($(du -sh "$chain/chain" | cut -f1) on disk).
HEADER
	log "benchmarking ParityDB reads and writes on $chain -> runtime/src/weights/paritydb_weights.rs"
	"$bench_node" benchmark storage \
		--chain "$chain/spec.json" \
		--base-path "$chain/chain" \
		--database paritydb \
		--state-version 1 \
		--keys-limit "${MEDCHAIN_STORAGE_KEYS:-500000}" \
		--batch-size "${MEDCHAIN_STORAGE_BATCH:-10000}" \
		--random-seed 1 \
		--warmups 1 \
		--metric average \
		--template-path scripts/storage-template.hbs \
		--header "$header" \
		--weight-path runtime/src/weights
	log "database weights written; review with git diff"
	exit 0
fi

selected=("$@")
overhead=0
if [ ${#selected[@]} -eq 0 ]; then
	selected=("${!PALLETS[@]}")
	overhead=1
elif [ "${selected[*]}" = overhead ]; then
	selected=()
	overhead=1
fi

build_node

header="$(mktemp)"
scratch="$(mktemp -d)"
trap 'rm -rf "$header" "$scratch"' EXIT
cat >"$header" <<HEADER
// Medchain weights, generated by scripts/bench.sh with a $MEDCHAIN_PROFILE medchain-node on
// $machine.
// Host functions (hashing, storage access) run native code of the node's profile: a debug node
// gives upper bounds, a release node (MEDCHAIN_PROFILE=release) production weights.
HEADER

if [ ${#selected[@]} -gt 0 ]; then
	# The benchmark runtime gets its own target directory: wasm builds of one crate share a
	# folder per target directory, and the node must keep embedding the runtime without
	# benchmarks. The wasm is optimised whatever the cargo profile, so it is built in the
	# debug profile, which shares its native dependencies with the other builds.
	bench_target="$CARGO_TARGET_DIR/bench-runtime"
	log "building the runtime with its benchmarks into $bench_target"
	# The benchmarks run this wasm: never skip building it.
	env -u SKIP_WASM_BUILD CARGO_TARGET_DIR="$bench_target" \
		cargo build --locked -p medchain-runtime --features runtime-benchmarks
	wasm_dir="$bench_target/debug/wbuild/medchain-runtime"
	wasm=""
	for candidate in medchain_runtime.compact.compressed.wasm medchain_runtime.compact.wasm medchain_runtime.wasm; do
		if [ -f "$wasm_dir/$candidate" ]; then wasm="$wasm_dir/$candidate"; break; fi
	done
	[ -n "$wasm" ] || { echo "no benchmark runtime in $wasm_dir" >&2; exit 1; }
fi

for pallet in "${selected[@]}"; do
	output="${PALLETS[$pallet]:-}"
	[ -n "$output" ] || { echo "unknown pallet $pallet (known: ${!PALLETS[*]})" >&2; exit 2; }
	read -r steps repeat <<<"${SAMPLING[$pallet]:-50 20}"
	template=(--template scripts/weight-template.hbs)
	case "$output" in runtime/*) template=() ;; esac
	for own in "${MEDCHAIN_TEMPLATE_IN_RUNTIME[@]}"; do
		[ "$own" = "$pallet" ] && template=(--template scripts/weight-template.hbs)
	done
	log "benchmarking $pallet ($steps steps, $repeat repeats) -> $output"
	"$MEDCHAIN_NODE_BIN" benchmark pallet \
		--runtime "$wasm" \
		--genesis-builder=runtime \
		--genesis-builder-preset=development \
		--pallet "$pallet" \
		--extrinsic '*' \
		--wasm-execution compiled \
		--steps "${MEDCHAIN_BENCH_STEPS:-$steps}" \
		--repeat "${MEDCHAIN_BENCH_REPEAT:-$repeat}" \
		--heap-pages 4096 \
		--output-analysis median-slopes \
		"${template[@]}" \
		--header "$header" \
		--output "$output"
done
if [ "$overhead" = 1 ]; then
	# Base weights: executing an empty block, and one `system.remark` beyond it.
	log "benchmarking the block and extrinsic overhead -> runtime/src/weights/"
	"$MEDCHAIN_NODE_BIN" benchmark overhead \
		--chain dev \
		--base-path "$scratch" \
		--warmup "${MEDCHAIN_BENCH_WARMUP:-10}" \
		--repeat "${MEDCHAIN_BENCH_REPEAT:-100}" \
		--metric median \
		--header "$header" \
		--weight-path runtime/src/weights
fi
node "$MEDCHAIN_ROOT/scripts/extension-execution.mjs" runtime/src/weights
log "weights written; review with git diff"
