#!/usr/bin/env bash
# Fault drills on a four-validator Medchain network (scripts/local-net.sh, the local_testnet
# preset: Alice, Bob, Charlie and Dave; GRANDPA needs three of the four to finalize):
#
#   1. one validator killed: blocks are still produced and finalized;
#   2. a second one killed: production continues, finality stalls; both restarted: finality
#      resumes by itself;
#   3. a validator killed with SIGKILL restarts from its database with every block it had, and
#      catches up;
#   4. a validator restarted with a corrupted, a missing or another chain's spec refuses to start
#      with a message naming the problem, and starts again on the right one without forking.
#
# Each drill asserts its outcome from RPC within a bounded time. The network runs in a temporary
# directory on free loopback ports and is always killed at the end. Prints one line per drill,
# the measured timings, and `drills: N passed, M failed`; exits non-zero if any failed.
#
#   ./scripts/fault-drills.sh        (the node must be built: ./scripts/test.sh builds it)
#   MEDCHAIN_DRILLS_KEEP=1 ...       keep the network's directory (logs) afterwards
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$MEDCHAIN_ROOT"

[ -x "$MEDCHAIN_NODE_BIN" ] || { echo "no node at $MEDCHAIN_NODE_BIN: build it first" >&2; exit 2; }
for tool in curl jq; do
	command -v "$tool" >/dev/null || { echo "$tool is missing: run ./scripts/setup.sh" >&2; exit 2; }
done

DIR="$(mktemp -d "${TMPDIR:-/tmp}/medchain-drills.XXXXXX")"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A base port such that base .. base+3 are all free.
free_block() {
	local base p ok
	for _ in $(seq 1 50); do
		base=$((20000 + RANDOM % 30000))
		ok=1
		for p in $(seq "$base" $((base + 3))); do port_free "$p" || { ok=0; break; }; done
		[ "$ok" -eq 1 ] && { echo "$base"; return 0; }
	done
	return 1
}

RPC_BASE=$(free_block) || { echo "no free ports" >&2; exit 1; }
P2P_BASE=$(free_block) || { echo "no free ports" >&2; exit 1; }
while [ "$P2P_BASE" -le $((RPC_BASE + 3)) ] && [ $((P2P_BASE + 3)) -ge "$RPC_BASE" ]; do
	P2P_BASE=$(free_block)
done
export MEDCHAIN_NET_BASE="$DIR" MEDCHAIN_NET_RPC_PORT="$RPC_BASE" MEDCHAIN_NET_P2P_PORT="$P2P_BASE"
export MEDCHAIN_SKIP_SETUP=1 MEDCHAIN_SKIP_BUILD=1
SPEC="$DIR/local-spec.json"
net() { "$MEDCHAIN_ROOT/scripts/local-net.sh" "$@"; }

cleanup() {
	net kill >/dev/null 2>&1
	if [ -n "${MEDCHAIN_DRILLS_KEEP:-}" ]; then
		echo "network directory kept: $DIR"
	else
		rm -rf "$DIR"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

declare -A PORT=([alice]=$RPC_BASE [bob]=$((RPC_BASE + 1)) [charlie]=$((RPC_BASE + 2)) [dave]=$((RPC_BASE + 3)))

rpc() {
	curl -s --max-time 5 -H 'content-type: application/json' \
		-d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$2\",\"params\":${3:-[]}}" \
		"http://127.0.0.1:${PORT[$1]}" 2>/dev/null | jq -c '.result // empty' 2>/dev/null
}
# best NODE / finalized NODE: block numbers (-1 if the node does not answer).
number_of() { local n; n=$(jq -r '.number // empty' <<<"$1" 2>/dev/null); if [ -n "$n" ]; then printf '%d' "$n"; else echo -1; fi; }
best() { number_of "$(rpc "$1" chain_getHeader)"; }
finalized() {
	local head
	head=$(rpc "$1" chain_getFinalizedHead)
	[ -n "$head" ] || { echo -1; return; }
	number_of "$(rpc "$1" chain_getHeader "[$head]")"
}
hash_at() { rpc "$1" chain_getBlockHash "[$2]" | tr -d '"'; }

now() { date +%s; }

# wait_for SECONDS WHAT COMMAND...: polls COMMAND every second; fails after SECONDS.
wait_for() {
	local limit="$1" what="$2" deadline
	shift 2
	deadline=$(($(now) + limit))
	while [ "$(now)" -lt "$deadline" ]; do
		"$@" && return 0
		sleep 1
	done
	echo "     timed out after ${limit} s waiting for $what" >&2
	return 1
}
at_least() { [ "$("$1" "$2")" -ge "$3" ]; }

passed=0
failed=0
timings=()
drill() {
	local name="$1" start
	shift
	start=$(now)
	echo "▶ drill: $name"
	if "$@"; then
		passed=$((passed + 1))
		echo "ok   $name ($(($(now) - start)) s)"
	else
		failed=$((failed + 1))
		echo "FAIL $name ($(($(now) - start)) s)"
		return 1
	fi
}

finish() {
	echo
	for t in "${timings[@]}"; do echo "  $t"; done
	echo "drills: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

# --- the network --------------------------------------------------------------------------------
start_network() {
	net start >"$DIR/start.log" 2>&1 || { cat "$DIR/start.log" >&2; return 1; }
	local t0
	t0=$(now)
	wait_for 180 "the network to finalize block 2" at_least finalized alice 2 || return 1
	timings+=("network start to block 2 finalized: $(($(now) - t0)) s after RPC")
}

# --- 1. one validator down ----------------------------------------------------------------------
one_down() {
	net kill dave >/dev/null 2>&1
	local b0 t0
	b0=$(best alice)
	t0=$(now)
	# Blocks produced after the kill are finalized by the other three.
	wait_for 120 "block $((b0 + 3)) to be finalized without Dave" at_least finalized alice $((b0 + 3)) || return 1
	timings+=("one validator down: 3 new blocks finalized in $(($(now) - t0)) s")
}

# --- 2. two validators down, then back ----------------------------------------------------------
two_down_then_back() {
	net kill charlie >/dev/null 2>&1
	local b f t0 resumed
	b=$(best alice)
	# Votes already cast may still finalize what was built before; then finality must stop.
	wait_for 120 "two more blocks on Alice" at_least best alice $((b + 2)) || return 1
	f=$(finalized alice)
	b=$(best alice)
	wait_for 180 "four more blocks with two validators" at_least best alice $((b + 4)) || return 1
	local f_alice f_bob
	f_alice=$(finalized alice)
	f_bob=$(finalized bob)
	if [ "$f_alice" -ne "$f" ] || [ "$f_bob" -gt "$f" ]; then
		echo "     finality moved with two validators down: $f -> alice $f_alice, bob $f_bob" >&2
		return 1
	fi
	echo "     production went on (best $(best alice)), finality stalled at $f"
	local stalled_best
	stalled_best=$(best alice)
	t0=$(now)
	net start charlie >/dev/null 2>&1 || return 1
	net start dave >/dev/null 2>&1 || return 1
	wait_for 300 "finality to resume" at_least finalized alice $((f + 1)) || return 1
	resumed=$(($(now) - t0))
	wait_for 300 "the stalled blocks to be finalized" at_least finalized alice "$stalled_best" || return 1
	timings+=("two validators back: finality resumed ${resumed} s after restart, caught up to #$stalled_best after $(($(now) - t0)) s")
	for n in charlie dave; do
		wait_for 120 "$n to catch up" at_least best "$n" "$stalled_best" || return 1
	done
}

# --- 3. SIGKILL and restart from the database ----------------------------------------------------
sigkill_restart() {
	local b h f
	b=$(best bob)
	h=$(hash_at bob "$b")
	f=$(finalized bob)
	net kill bob >/dev/null 2>&1
	local mark
	mark=$(wc -l <"$DIR/bob.log")
	wait_for 60 "two blocks while Bob is down" at_least best alice $(($(best alice) + 2)) || return 1
	local t0 target
	t0=$(now)
	target=$(best alice)
	net start bob >/dev/null 2>&1 || return 1
	# What the database held when the node opened it, before any sync: the node logs it before
	# its RPC server starts, but through a buffer that a background thread flushes, so on a busy
	# machine the line can reach the file after the RPC already answers. Wait for the line.
	local known
	opened_line() {
		known=$(tail -n +"$((mark + 1))" "$DIR/bob.log" | grep -o 'Highest known block at #[0-9]*' | head -1 | grep -o '[0-9]*$')
		[ -n "$known" ]
	}
	wait_for 30 "Bob's log to say which block its database opened at" opened_line || return 1
	if [ "$known" -lt "$b" ]; then
		echo "     Bob had #$b before SIGKILL but opened its database at #${known:-?}" >&2
		return 1
	fi
	if [ "$(hash_at bob "$b")" != "$h" ]; then
		echo "     Bob's block #$b changed after the restart" >&2
		return 1
	fi
	[ "$(finalized bob)" -ge "$f" ] || { echo "     Bob's finalized block went back" >&2; return 1; }
	wait_for 120 "Bob to catch up to #$target" at_least best bob "$target" || return 1
	timings+=("SIGKILL: Bob reopened at #$known (had #$b), caught up to #$target in $(($(now) - t0)) s")
}

# --- 4. a bad chain spec ------------------------------------------------------------------------
# start_refused LABEL SPEC_FILE EXPECTED_MESSAGE: the node exits non-zero quickly, saying why.
start_refused() {
	local label="$1" spec="$2" expect="$3" out status
	out="$DIR/refused-$label.log"
	timeout 60 "$MEDCHAIN_NODE_BIN" --chain "$spec" --base-path "$DIR/charlie" --charlie \
		--node-key-file "$MEDCHAIN_ROOT/scripts/local-net-keys/charlie" \
		--rpc-port "${PORT[charlie]}" --listen-addr "/ip4/127.0.0.1/tcp/$((P2P_BASE + 2))" \
		--no-mdns --no-prometheus --no-telemetry >"$out" 2>&1
	status=$?
	if [ "$status" -eq 0 ] || [ "$status" -eq 124 ]; then
		echo "     with a $label spec the node did not refuse to start (exit $status)" >&2
		return 1
	fi
	if ! grep -q -- "$expect" "$out"; then
		echo "     with a $label spec the node exited ($status) without saying '$expect':" >&2
		tail -5 "$out" >&2
		return 1
	fi
	echo "     $label spec refused: $(grep -m1 -- "$expect" "$out" | cut -c1-160)"
}

bad_spec() {
	net stop charlie >/dev/null 2>&1
	local corrupt="$DIR/corrupt-spec.json" other="$DIR/other-spec.json"
	head -c 4096 "$SPEC" >"$corrupt"
	start_refused corrupted "$corrupt" "corrupt-spec.json" || return 1
	start_refused missing "$DIR/no-such-spec.json" "no-such-spec.json" || return 1
	# Another chain's genesis under the same chain id: the database must refuse it.
	jq '.genesis.raw.top["0x6d6564636861696e2f6472696c6c"] = "0x01"' "$SPEC" >"$other"
	start_refused "different-genesis" "$other" "enesis" || return 1
	local target
	target=$(best alice)
	net start charlie >/dev/null 2>&1 || return 1
	wait_for 120 "Charlie to catch up to #$target" at_least best charlie "$target" || return 1
	if [ "$(hash_at charlie "$target")" != "$(hash_at alice "$target")" ]; then
		echo "     Charlie is on another chain than Alice at #$target" >&2
		return 1
	fi
}

if drill "four validators start and finalize" start_network; then
	drill "1. one validator down: blocks are produced and finalized" one_down
	drill "2. two validators down: finality stalls, and resumes by itself when they return" two_down_then_back
	drill "3. a validator killed with SIGKILL keeps its blocks and catches up" sigkill_restart
	drill "4. a corrupted, missing or foreign chain spec is refused; the right one rejoins" bad_spec
fi
finish
