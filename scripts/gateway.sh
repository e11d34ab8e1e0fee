#!/usr/bin/env bash
# Medchain's FHIR gateway (services/fhir-gateway): starts the dev chain or reuses one that
# answers, and runs a gateway for each named demo organisation of the dev consortium
# (services/fhir-gateway/config/<name>.json). Prints the URLs and the demo bearer tokens;
# Ctrl-C stops the gateways (a dev chain this script started keeps running:
# ./scripts/dev-chain.sh --stop stops it).
#
#   ./scripts/gateway.sh                  the hospital's and the clinic's gateways
#   ./scripts/gateway.sh lab clinic ...   those organisations' gateways (hospital, clinic, lab, pharmacy)
#   ./scripts/gateway.sh test             the gateway's tests against a fresh dev node
#   ./scripts/gateway.sh load [SECONDS] [READERS] [PATIENTS]
#                                         the read load run (default 60 s, 200 readers, 20 patients)
#
# Environment: MEDCHAIN_SKIP_SETUP=1, MEDCHAIN_SKIP_BUILD=1 (the node), MEDCHAIN_TEST_LOGS.
# Gateways keep their data in services/fhir-gateway/data/<name> (delete it with the dev chain).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$MEDCHAIN_ROOT"

[ -n "${MEDCHAIN_SKIP_SETUP:-}" ] || "$MEDCHAIN_ROOT/scripts/setup.sh"
# The gateway imports the compiled client (clients/ts/dist).
(cd clients/ts && npx tsc -p .)
GATEWAY="$MEDCHAIN_ROOT/services/fhir-gateway"

case "${1:-}" in
test)
	[ -n "${MEDCHAIN_SKIP_BUILD:-}" ] || build_node
	export MEDCHAIN_NODE_BIN
	export MEDCHAIN_TEST_LOGS="${MEDCHAIN_TEST_LOGS:-$CARGO_TARGET_DIR/test-logs}"
	log "FHIR gateway tests (logs: $MEDCHAIN_TEST_LOGS/fhir-gateway)"
	cd "$GATEWAY"
	exec node --test --test-concurrency=1 --test-reporter=tap test/*.test.mjs
	;;
load)
	[ -n "${MEDCHAIN_SKIP_BUILD:-}" ] || build_node
	export MEDCHAIN_NODE_BIN
	export MEDCHAIN_TEST_LOGS="${MEDCHAIN_TEST_LOGS:-$CARGO_TARGET_DIR/test-logs}"
	exec node "$GATEWAY/test/load.mjs" "${2:-60}" "${3:-200}" "${4:-20}"
	;;
esac

names=("$@")
[ ${#names[@]} -gt 0 ] || names=(hospital clinic)
for name in "${names[@]}"; do
	[ -f "$GATEWAY/config/$name.json" ] || { echo "no demo configuration $GATEWAY/config/$name.json" >&2; exit 2; }
done

RPC=ws://127.0.0.1:9944
answers() {
	curl -s -m 2 -H 'content-type: application/json' \
		-d '{"jsonrpc":"2.0","id":1,"method":"chain_getHeader","params":[]}' http://127.0.0.1:9944 2>/dev/null | grep -q '"number"'
}
if answers; then
	log "a node answers at $RPC: the gateways use it"
else
	log "no node at $RPC: starting the dev chain (./scripts/dev-chain.sh --detach)"
	MEDCHAIN_SKIP_SETUP=1 "$MEDCHAIN_ROOT/scripts/dev-chain.sh" --detach
fi

pids=()
trap 'kill "${pids[@]}" 2>/dev/null; exit 0' INT TERM
trap 'kill "${pids[@]}" 2>/dev/null' EXIT
echo
echo "  Medchain FHIR gateways (node: $RPC; logs: JSON lines on this terminal)"
for name in "${names[@]}"; do
	config="$GATEWAY/config/$name.json"
	node "$GATEWAY/bin/gateway.mjs" serve --config "$config" &
	pids+=($!)
	node -e '
		const c = require(process.argv[1]);
		console.log(`  ${c.name.padEnd(28)} ${c.publicUrl}/metadata   Authorization: Bearer ${c.practitioners[0].token}`);
	' "$config"
done
echo
wait
