#!/usr/bin/env bash
# Regenerates the weights of Medchain's pallets from their benchmarks, with the node's
# `benchmark pallet` command and the committed template (scripts/weight-template.hbs).
#
#   ./scripts/bench.sh                    every Medchain pallet
#   ./scripts/bench.sh pallet_consortium  one pallet
#
# The benchmarks run in a wasm runtime built with `--features runtime-benchmarks`; the node that
# runs them is the one built by the other scripts. MEDCHAIN_BENCH_STEPS / MEDCHAIN_BENCH_REPEAT
# override the sampling (defaults 50 / 20, or the pallet's entry in SAMPLING).
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
)

# Sampling per pallet, "steps repeat" (default 50 20). Drug provenance's cost-pair benchmarks set
# up a container and a lot of up to 10,000 units for every sample, so it samples less.
declare -A SAMPLING=(
	[pallet_drug_provenance]="20 5"
)

selected=("$@")
[ ${#selected[@]} -gt 0 ] || selected=("${!PALLETS[@]}")

build_node
# The benchmark runtime gets its own target directory: wasm builds of one crate share a folder
# per target directory, and the node must keep embedding the runtime without benchmarks.
bench_target="$CARGO_TARGET_DIR/bench-runtime"
log "building the runtime with its benchmarks into $bench_target"
profile_dir=debug
[ "$MEDCHAIN_PROFILE" = release ] && profile_dir=release
CARGO_TARGET_DIR="$bench_target" cargo build --locked -p medchain-runtime \
	--features runtime-benchmarks $([ "$MEDCHAIN_PROFILE" = release ] && echo --release)
wasm_dir="$bench_target/$profile_dir/wbuild/medchain-runtime"
wasm=""
for candidate in medchain_runtime.compact.compressed.wasm medchain_runtime.compact.wasm medchain_runtime.wasm; do
	if [ -f "$wasm_dir/$candidate" ]; then wasm="$wasm_dir/$candidate"; break; fi
done
[ -n "$wasm" ] || { echo "no benchmark runtime in $wasm_dir" >&2; exit 1; }

header="$(mktemp)"
trap 'rm -f "$header"' EXIT
cat >"$header" <<HEADER
// Medchain weights. Node profile: $MEDCHAIN_PROFILE. Host functions (hashing, storage access) run
// native code of that profile, so a debug node gives upper bounds; MEDCHAIN_PROFILE=release
// ./scripts/bench.sh gives production weights.
HEADER

for pallet in "${selected[@]}"; do
	output="${PALLETS[$pallet]:-}"
	[ -n "$output" ] || { echo "unknown pallet $pallet (known: ${!PALLETS[*]})" >&2; exit 2; }
	read -r steps repeat <<<"${SAMPLING[$pallet]:-50 20}"
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
		--template scripts/weight-template.hbs \
		--header "$header" \
		--output "$output"
done
log "weights written; review with git diff"
