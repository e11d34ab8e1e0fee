#!/usr/bin/env bash
# Starts a Medchain development chain: one validator (Alice), the `development` genesis preset,
# RPC on ws://127.0.0.1:9944. The chain lives in a persistent base path, so stopping and
# starting again continues from the same height.
#
#   ./scripts/dev-chain.sh             set up if needed, build, run in the foreground (Ctrl-C stops)
#   ./scripts/dev-chain.sh --detach    run in the background (log and pid file in the base path)
#   ./scripts/dev-chain.sh --stop      stop a detached chain
#   ./scripts/dev-chain.sh --purge     wipe the chain first and start from genesis
#
# Environment: MEDCHAIN_DEV_BASE (default ~/.local/share/medchain/dev), MEDCHAIN_RPC_PORT (9944),
# MEDCHAIN_P2P_PORT (30333), MEDCHAIN_SKIP_SETUP=1, MEDCHAIN_SKIP_BUILD=1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BASE="${MEDCHAIN_DEV_BASE:-$HOME/.local/share/medchain/dev}"
RPC_PORT="${MEDCHAIN_RPC_PORT:-9944}"
P2P_PORT="${MEDCHAIN_P2P_PORT:-30333}"
PID_FILE="$BASE/node.pid"
LOG_FILE="$BASE/node.log"

detach=0
purge=0
for arg in "$@"; do
	case "$arg" in
	--detach) detach=1 ;;
	--purge) purge=1 ;;
	--stop)
		if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
			pid=$(cat "$PID_FILE")
			kill "$pid"
			for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
			kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
			rm -f "$PID_FILE"
			log "dev chain stopped (pid $pid); its state stays in $BASE"
		else
			log "no detached dev chain is running"
		fi
		exit 0
		;;
	-h | --help)
		sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*)
		echo "unknown option: $arg (see --help)" >&2
		exit 2
		;;
	esac
done

if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
	echo "a detached dev chain is already running (pid $(cat "$PID_FILE")); stop it with --stop" >&2
	exit 1
fi

[ -n "${MEDCHAIN_SKIP_SETUP:-}" ] || "$MEDCHAIN_ROOT/scripts/setup.sh"
[ -n "${MEDCHAIN_SKIP_BUILD:-}" ] || build_node

if [ "$purge" -eq 1 ]; then
	log "wiping the dev chain in $BASE"
	rm -rf "$BASE/chains"
fi
mkdir -p "$BASE"

ws="ws://127.0.0.1:$RPC_PORT"
cat <<INFO

  Medchain dev chain
  ws endpoint:        $ws
  polkadot.js Apps:   https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A$RPC_PORT#/explorer
  chain state:        $BASE  (kept across restarts; --purge wipes it)

INFO

args=(--dev --base-path "$BASE" --rpc-port "$RPC_PORT" --port "$P2P_PORT" --rpc-cors all --no-telemetry)
if [ "$detach" -eq 1 ]; then
	nohup "$MEDCHAIN_NODE_BIN" "${args[@]}" >>"$LOG_FILE" 2>&1 &
	echo $! >"$PID_FILE"
	log "started in the background (pid $!, log $LOG_FILE); waiting for RPC"
	for _ in $(seq 1 240); do
		if curl -s -H 'content-type: application/json' \
			-d '{"jsonrpc":"2.0","id":1,"method":"chain_getHeader","params":[]}' \
			"http://127.0.0.1:$RPC_PORT" 2>/dev/null | grep -q '"number"'; then
			log "RPC is up at $ws"
			exit 0
		fi
		kill -0 "$(cat "$PID_FILE")" 2>/dev/null || { tail -20 "$LOG_FILE" >&2; exit 1; }
		sleep 1
	done
	echo "RPC did not answer within 240 s; see $LOG_FILE" >&2
	exit 1
else
	exec "$MEDCHAIN_NODE_BIN" "${args[@]}"
fi
