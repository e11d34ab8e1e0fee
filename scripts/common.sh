# Shared settings for Medchain's scripts; sourced, not run.
# shellcheck shell=bash

MEDCHAIN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export MEDCHAIN_ROOT

# One cargo target directory for every build on this machine: clean clones, CI runs and the
# working copy all reuse each other's artifacts instead of compiling the node from scratch.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/medchain/target}"

# The single cargo profile shared by dev-chain.sh, test.sh and the e2e suite: building the node
# in two profiles would double the cold build.
export MEDCHAIN_PROFILE="${MEDCHAIN_PROFILE:-debug}"
MEDCHAIN_NODE_BIN="$CARGO_TARGET_DIR/$MEDCHAIN_PROFILE/medchain-node"
export MEDCHAIN_NODE_BIN

# Plain output: logs are read in files and CI consoles, not terminals.
export WASM_BUILD_NO_COLOR=1
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

MEDCHAIN_MERKLE_BIN="$CARGO_TARGET_DIR/$MEDCHAIN_PROFILE/medchain-merkle"
export MEDCHAIN_MERKLE_BIN
MEDCHAIN_RECORD_PROTOCOL_BIN="$CARGO_TARGET_DIR/$MEDCHAIN_PROFILE/medchain-record-protocol"
export MEDCHAIN_RECORD_PROTOCOL_BIN
# The runtime wasm the node build embeds (uncompressed): the TypeScript client's metadata check.
MEDCHAIN_RUNTIME_WASM="$CARGO_TARGET_DIR/$MEDCHAIN_PROFILE/wbuild/medchain-runtime/medchain_runtime.wasm"
export MEDCHAIN_RUNTIME_WASM

# Builds medchain-node (and its wasm runtime), the medchain-merkle batch tool and the
# medchain-record-protocol CLI in the shared profile.
build_node() {
	local args=(build --locked -p medchain-node -p medchain-merkle -p medchain-record-protocol)
	[ "$MEDCHAIN_PROFILE" = release ] && args+=(--release)
	log "building medchain-node ($MEDCHAIN_PROFILE) into $CARGO_TARGET_DIR"
	# The node embeds its wasm runtime: a SKIP_WASM_BUILD left in the environment (clippy and
	# the pallet tests use it) must not give a node without one.
	(cd "$MEDCHAIN_ROOT" && env -u SKIP_WASM_BUILD cargo "${args[@]}")
}
