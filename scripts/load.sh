#!/usr/bin/env bash
# Measures Medchain's saturation throughput: builds a release medchain-node (and the
# medchain-merkle batch tool), starts it as a dev chain with a deep transaction pool, and runs
# the load harness (e2e/load/run.mjs): per workload, transactions pre-signed by 1,024 senders,
# submitted as fast as the node takes them, and the included transactions per second over five
# saturated blocks, each also as a ratio to system.remark measured in the same run. Prints the
# table of docs/performance.md; the figures also go to $CARGO_TARGET_DIR/load/latest.json.
#
#   ./scripts/load.sh                                   every workload
#   MEDCHAIN_LOAD_ONLY=anchor_record ./scripts/load.sh  remark and one workload
#   ./scripts/load.sh read                              the read path instead (e2e/load/read.mjs):
#       ConsentApi.check_access and ProvenanceApi.verify_unit over WebSocket RPC against a
#       population of 100,000 patients and 1,000,000 units, idle and under the write load; its
#       settings are MEDCHAIN_READ_* (see the script's header); the populated chain is kept in
#       $CARGO_TARGET_DIR/load/read-chain (MEDCHAIN_READ_KEEP) for `./scripts/bench.sh storage`
#
# Other settings (environment): MEDCHAIN_LOAD_SENDERS (1024), MEDCHAIN_LOAD_WINDOW (5 blocks),
# MEDCHAIN_PROFILE (release; debug works too, for trying the harness out).
set -euo pipefail
export MEDCHAIN_PROFILE="${MEDCHAIN_PROFILE:-release}"
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$MEDCHAIN_ROOT"

harness=run
out=latest.json
case "${1:-}" in
	"") ;;
	read) harness=read; out=read.json ;;
	*) echo "usage: $0 [read]" >&2; exit 2 ;;
esac

[ -n "${MEDCHAIN_SKIP_SETUP:-}" ] || "$MEDCHAIN_ROOT/scripts/setup.sh"
build_node
mkdir -p "$CARGO_TARGET_DIR/load"
[ "$harness" = read ] && export MEDCHAIN_READ_KEEP="${MEDCHAIN_READ_KEEP:-$CARGO_TARGET_DIR/load/read-chain}"
export MEDCHAIN_LOAD_OUT="${MEDCHAIN_LOAD_OUT:-$CARGO_TARGET_DIR/load/$out}"
log "load run ($harness) with $MEDCHAIN_NODE_BIN (figures: $MEDCHAIN_LOAD_OUT)"
exec node "$MEDCHAIN_ROOT/e2e/load/$harness.mjs" "$MEDCHAIN_NODE_BIN"
