#!/usr/bin/env bash
# A Medchain network of four validators (Alice, Bob, Charlie, Dave, the `local_testnet` preset) on
# this machine's loopback, each with its own persistent base path, log and pid file. Node
# authorization admits exactly the four validators' nodes (their public test keys are in
# scripts/local-net-keys/).
#
#   ./scripts/local-net.sh start           set up and build if needed, start all four (detached)
#   ./scripts/local-net.sh stop            stop all four (their chains stay)
#   ./scripts/local-net.sh status          each node's best and finalized block and peer count
#   ./scripts/local-net.sh purge           stop, then wipe the network's chains and spec
#   ./scripts/local-net.sh start NAME      start one node (alice, bob, charlie or dave)
#   ./scripts/local-net.sh stop NAME       stop one node gracefully (SIGTERM)
#   ./scripts/local-net.sh kill NAME       kill one node with SIGKILL, as a crash would
#
# Node n (0 = alice … 3 = dave) listens for RPC (ws and http) on MEDCHAIN_NET_RPC_PORT + n and for
# peers on MEDCHAIN_NET_P2P_PORT + n. Environment: MEDCHAIN_NET_BASE (default
# ~/.local/share/medchain/local-net), MEDCHAIN_NET_RPC_PORT (9944), MEDCHAIN_NET_P2P_PORT
# (30333), MEDCHAIN_NET_SPEC (a raw chain spec to use instead of the `local` preset's),
# MEDCHAIN_SKIP_SETUP=1, MEDCHAIN_SKIP_BUILD=1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BASE="${MEDCHAIN_NET_BASE:-$HOME/.local/share/medchain/local-net}"
RPC_PORT="${MEDCHAIN_NET_RPC_PORT:-9944}"
P2P_PORT="${MEDCHAIN_NET_P2P_PORT:-30333}"
SPEC="${MEDCHAIN_NET_SPEC:-$BASE/local-spec.json}"
KEYS="$MEDCHAIN_ROOT/scripts/local-net-keys"
NODES=(alice bob charlie dave)
# Peer ids of the node keys in scripts/local-net-keys, in the order of NODES.
PEERS=(
	12D3KooWDaC42AVxjSQyZmuvJ9zmUtUB5QpNEAvZCp56MPFEjBnF
	12D3KooWG7NXi3q9B2Rz969PdViTsBGb8zzTZLA93TTGpRkjx9hi
	12D3KooWAB6SAz8aSt5qi4K1arhXPDk7qmVZcmLh5n2XmKzhCMnM
	12D3KooWABhYrUEeS3eKJR39TExb3PyamZ79Guavz7sQAAxkSu55
)

usage() {
	sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
}

index_of() {
	local i
	for i in "${!NODES[@]}"; do
		if [ "${NODES[$i]}" = "$1" ]; then
			echo "$i"
			return 0
		fi
	done
	echo "unknown node '$1' (one of: ${NODES[*]})" >&2
	return 2
}

pid_of() { cat "$BASE/$1.pid" 2>/dev/null || true; }

running() {
	local pid
	pid=$(pid_of "$1")
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# rpc PORT METHOD [PARAMS_JSON]: the JSON-RPC answer's `result`, or nothing if the node is down.
rpc() {
	curl -s --max-time 5 -H 'content-type: application/json' \
		-d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$2\",\"params\":${3:-[]}}" \
		"http://127.0.0.1:$1" 2>/dev/null | jq -c '.result // empty' 2>/dev/null || true
}

ensure_spec() {
	[ -f "$SPEC" ] && return 0
	mkdir -p "$(dirname "$SPEC")"
	log "writing the raw local_testnet chain spec to $SPEC"
	"$MEDCHAIN_NODE_BIN" build-spec --chain local --raw --disable-default-bootnode 2>/dev/null \
		>"$SPEC.tmp"
	mv "$SPEC.tmp" "$SPEC"
}

start_node() {
	local name="$1" i
	i=$(index_of "$name")
	if running "$name"; then
		log "$name is already running (pid $(pid_of "$name"))"
		return 0
	fi
	local rpc_port=$((RPC_PORT + i)) p2p_port=$((P2P_PORT + i))
	local boot=() j
	for j in "${!NODES[@]}"; do
		[ "$j" -eq "$i" ] && continue
		boot+=(--bootnodes "/ip4/127.0.0.1/tcp/$((P2P_PORT + j))/p2p/${PEERS[$j]}")
	done
	mkdir -p "$BASE/$name"
	# `--offchain-worker always`: the worker applies node authorization to this node's peers.
	nohup "$MEDCHAIN_NODE_BIN" \
		--chain "$SPEC" \
		--base-path "$BASE/$name" \
		"--$name" \
		--node-key-file "$KEYS/$name" \
		--rpc-port "$rpc_port" \
		--listen-addr "/ip4/127.0.0.1/tcp/$p2p_port" \
		"${boot[@]}" \
		--offchain-worker always \
		--no-mdns \
		--no-prometheus \
		--no-telemetry \
		--rpc-cors all \
		>>"$BASE/$name.log" 2>&1 &
	echo $! >"$BASE/$name.pid"
	log "$name started (pid $!): ws://127.0.0.1:$rpc_port, p2p $p2p_port, log $BASE/$name.log"
}

wait_rpc() {
	local name="$1" i
	i=$(index_of "$name")
	for _ in $(seq 1 240); do
		[ -n "$(rpc $((RPC_PORT + i)) chain_getHeader)" ] && return 0
		if ! running "$name"; then
			echo "$name exited; the end of its log:" >&2
			tail -20 "$BASE/$name.log" >&2
			return 1
		fi
		sleep 0.5
	done
	echo "$name's RPC did not answer within 120 s; see $BASE/$name.log" >&2
	return 1
}

stop_node() {
	local name="$1" signal="${2:-TERM}" pid
	index_of "$name" >/dev/null
	pid=$(pid_of "$name")
	if ! running "$name"; then
		rm -f "$BASE/$name.pid"
		return 0
	fi
	kill "-$signal" "$pid"
	for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	if kill -0 "$pid" 2>/dev/null; then
		log "$name did not stop within 15 s: killing it"
		kill -KILL "$pid"
		sleep 0.5
	fi
	rm -f "$BASE/$name.pid"
	log "$name stopped (SIG$signal)"
}

# height PORT [BLOCK_HASH_JSON]: the number of the best block (or of the given one), or "-".
height() {
	local params='[]' n
	[ -n "${2:-}" ] && params="[$2]"
	n=$(rpc "$1" chain_getHeader "$params" | jq -r '.number // empty' 2>/dev/null)
	if [ -n "$n" ]; then printf '%d' "$n"; else echo -; fi
}

status() {
	local i name port peers
	printf '%-8s %-5s %-24s %6s %10s %6s\n' node state endpoint best finalized peers
	for i in "${!NODES[@]}"; do
		name=${NODES[$i]}
		port=$((RPC_PORT + i))
		if ! running "$name"; then
			printf '%-8s %-5s %-24s\n' "$name" down "ws://127.0.0.1:$port"
			continue
		fi
		peers=$(rpc "$port" system_health | jq -r '.peers // "-"' 2>/dev/null)
		printf '%-8s %-5s %-24s %6s %10s %6s\n' "$name" up "ws://127.0.0.1:$port" \
			"$(height "$port")" "$(height "$port" "$(rpc "$port" chain_getFinalizedHead)")" \
			"${peers:--}"
	done
}

command="${1:-}"
target="${2:-}"
case "$command" in
start)
	[ -n "${MEDCHAIN_SKIP_SETUP:-}" ] || "$MEDCHAIN_ROOT/scripts/setup.sh"
	[ -n "${MEDCHAIN_SKIP_BUILD:-}" ] || build_node
	mkdir -p "$BASE"
	ensure_spec
	if [ -n "$target" ]; then
		start_node "$target"
		wait_rpc "$target"
	else
		for name in "${NODES[@]}"; do start_node "$name"; done
		for name in "${NODES[@]}"; do wait_rpc "$name"; done
		cat <<INFO

  Medchain local network: four validators on 127.0.0.1
    alice    ws://127.0.0.1:$RPC_PORT      polkadot.js Apps: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A$RPC_PORT#/explorer
    bob      ws://127.0.0.1:$((RPC_PORT + 1))
    charlie  ws://127.0.0.1:$((RPC_PORT + 2))
    dave     ws://127.0.0.1:$((RPC_PORT + 3))
  chain spec: $SPEC
  state and logs: $BASE/<node>/ and $BASE/<node>.log  (kept across restarts; 'purge' wipes them)
  stop with: $0 stop

INFO
	fi
	;;
stop | kill)
	signal=TERM
	[ "$command" = kill ] && signal=KILL
	if [ -n "$target" ]; then
		stop_node "$target" "$signal"
	else
		for name in "${NODES[@]}"; do stop_node "$name" "$signal"; done
	fi
	;;
status)
	status
	;;
purge)
	for name in "${NODES[@]}"; do stop_node "$name"; done
	for name in "${NODES[@]}"; do rm -rf "${BASE:?}/$name" "$BASE/$name.log"; done
	[ -n "${MEDCHAIN_NET_SPEC:-}" ] || rm -f "$SPEC"
	log "local network wiped ($BASE)"
	;;
-h | --help | help)
	usage
	;;
*)
	usage >&2
	exit 2
	;;
esac
