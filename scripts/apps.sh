#!/usr/bin/env bash
# Builds Medchain's reference web apps (apps/portal: the patient portal; apps/verifier: the pack
# verifier) with Vite on @medchain/client, starts the dev chain or reuses one that answers, and
# serves each app on localhost with a strict Content-Security-Policy (apps/serve.mjs: every asset from the app's
# own origin, RPC to the node only). Prints the URLs; Ctrl-C stops the servers (a dev chain this
# script started keeps running: ./scripts/dev-chain.sh --stop stops it).
#
#   ./scripts/apps.sh          set up, build, serve (foreground)
#   ./scripts/apps.sh build    build the apps only (into apps/<app>/dist)
#   ./scripts/apps.sh test     build, then the browser tests (apps/tests) against a fresh dev node
#
# Environment: MEDCHAIN_RPC (ws://127.0.0.1:9944; the node the apps talk to), MEDCHAIN_APPS_HOST
# (127.0.0.1), MEDCHAIN_PORTAL_PORT (8082), MEDCHAIN_VERIFIER_PORT (8081), MEDCHAIN_SKIP_SETUP=1,
# MEDCHAIN_SKIP_BUILD=1 (the node). An organisation serving the built apps itself: apps/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$MEDCHAIN_ROOT"

APPS=(portal verifier)
mode="${1:-serve}"
case "$mode" in serve | build | test) ;; *) echo "usage: $0 [build|test]" >&2; exit 2 ;; esac

[ -n "${MEDCHAIN_SKIP_SETUP:-}" ] || "$MEDCHAIN_ROOT/scripts/setup.sh"

build_apps() {
	# The apps import the compiled client (clients/ts/dist).
	log "building @medchain/client"
	(cd clients/ts && npx tsc -p .)
	for app in "${APPS[@]}"; do
		log "building apps/$app"
		(cd "apps/$app" && npm run --silent build)
	done
}

build_apps
[ "$mode" = build ] && exit 0

if [ "$mode" = test ]; then
	[ -n "${MEDCHAIN_SKIP_BUILD:-}" ] || build_node
	export MEDCHAIN_NODE_BIN
	export MEDCHAIN_TEST_LOGS="${MEDCHAIN_TEST_LOGS:-$CARGO_TARGET_DIR/test-logs}"
	log "browser tests (screenshots and figures: $MEDCHAIN_TEST_LOGS/apps)"
	cd apps/tests
	exec node --test --test-concurrency=1 --test-reporter=tap ./*.test.mjs
fi

RPC="${MEDCHAIN_RPC:-ws://127.0.0.1:9944}"
HOST="${MEDCHAIN_APPS_HOST:-127.0.0.1}"
http_rpc="${RPC/#ws/http}"
answers() {
	curl -s -m 2 -H 'content-type: application/json' \
		-d '{"jsonrpc":"2.0","id":1,"method":"chain_getHeader","params":[]}' "$http_rpc" 2>/dev/null | grep -q '"number"'
}
if answers; then
	log "a node answers at $RPC: the apps use it"
elif [ "$RPC" = ws://127.0.0.1:9944 ]; then
	log "no node at $RPC: starting the dev chain (./scripts/dev-chain.sh --detach)"
	MEDCHAIN_SKIP_SETUP=1 "$MEDCHAIN_ROOT/scripts/dev-chain.sh" --detach
else
	echo "no node answers at $RPC" >&2
	exit 1
fi

pids=()
trap 'kill "${pids[@]}" 2>/dev/null; exit 0' INT TERM
trap 'kill "${pids[@]}" 2>/dev/null' EXIT
port_of() { case "$1" in portal) echo "${MEDCHAIN_PORTAL_PORT:-8082}" ;; verifier) echo "${MEDCHAIN_VERIFIER_PORT:-8081}" ;; esac; }
echo
echo "  Medchain reference apps (node: $RPC)"
for app in "${APPS[@]}"; do
	port="$(port_of "$app")"
	node apps/serve.mjs --dir "apps/$app/dist" --host "$HOST" --port "$port" --rpc "$RPC" &
	pids+=($!)
	printf '  %-10s http://%s:%s/\n' "$app" "$HOST" "$port"
done
echo
wait
