#!/usr/bin/env bash
# Runs every Medchain test: set-up if needed, formatting, the node build, the TypeScript client's
# build and unit tests, the e2e suite against the built node, the reference apps' browser tests,
# the FHIR gateway's tests and a short slice of its read load run,
# the fault drills on a four-validator network, the cargo tests of all crates, clippy, and the
# tests under the runtime-benchmarks and try-runtime features. Exits non-zero if anything failed;
# the last line is always `N passed, N failed` over every test and check it ran.
#
#   ./scripts/test.sh            everything
#   MEDCHAIN_SKIP_SETUP=1 ...    skip scripts/setup.sh (it is quick anyway)
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$MEDCHAIN_ROOT"

LOG_DIR="${MEDCHAIN_TEST_LOGS:-$CARGO_TARGET_DIR/test-logs}"
mkdir -p "$LOG_DIR"
passed=0
failed=0
failures=()
timings=()

finish() {
	echo
	for t in "${timings[@]}"; do echo "  $t"; done
	for f in "${failures[@]}"; do echo "FAILED: $f"; done
	echo "$passed passed, $failed failed"
}
trap 'failed=$((failed + 1)); failures+=("interrupted"); finish; exit 130' INT TERM

# run_step NAME KIND COMMAND...: runs COMMAND with its output shown and logged; KIND says how
# to count it: `check` counts one pass or fail, `cargo` counts every test from cargo's
# `test result:` lines, `e2e` counts the runner's `e2e: N passed, M failed` line (or the fault
# drills' `drills: N passed, M failed`).
run_step() {
	local name="$1" kind="$2"
	shift 2
	local logfile="$LOG_DIR/$name.log" start status
	start=$(date +%s)
	log "▶ $name: $*"
	"$@" 2>&1 | tee "$logfile"
	status=${PIPESTATUS[0]}
	local secs=$(($(date +%s) - start))
	timings+=("$(printf '%-22s %5ss  exit %s' "$name" "$secs" "$status")")

	local p=0 f=0
	case "$kind" in
	cargo)
		p=$(awk '/^test result:/ { for (i = 1; i < NF; i++) if ($(i + 1) ~ /^passed/) s += $i } END { print s + 0 }' "$logfile")
		f=$(awk '/^test result:/ { for (i = 1; i < NF; i++) if ($(i + 1) ~ /^failed/) s += $i } END { print s + 0 }' "$logfile")
		# A build failure runs no tests: count it as one failure.
		if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
		;;
	e2e)
		local line
		line=$(grep -E '^(e2e|drills): [0-9]+ passed, [0-9]+ failed' "$logfile" | tail -1)
		p=$(sed -E 's/^[a-z0-9]+: ([0-9]+) passed.*/\1/' <<<"$line")
		f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
		p=${p:-0}
		f=${f:-0}
		if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
		;;
	node)
		# node --test's summary: `# pass N`, `# fail N`.
		p=$(awk '/^# pass / { print $3 }' "$logfile" | tail -1)
		f=$(awk '/^# fail / { print $3 }' "$logfile" | tail -1)
		p=${p:-0}
		f=${f:-0}
		if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
		;;
	*)
		if [ "$status" -eq 0 ]; then p=1; else f=1; fi
		;;
	esac
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$status" -ne 0 ]; then failures+=("$name (log: $logfile)"); fi
	return "$status"
}

total_start=$(date +%s)

if [ -z "${MEDCHAIN_SKIP_SETUP:-}" ]; then
	run_step setup check "$MEDCHAIN_ROOT/scripts/setup.sh" || { finish; exit 1; }
fi

run_step fmt check cargo fmt --all -- --check

# The node is ParityDB-only: RocksDB (and the libclang it needs) must never creep back in.
no_rocksdb() {
	if cargo tree --locked -i librocksdb-sys >/dev/null 2>&1; then
		echo "librocksdb-sys is in the dependency tree:"
		cargo tree --locked -i librocksdb-sys
		return 1
	fi
	echo "librocksdb-sys is not in the dependency tree"
}
run_step no-rocksdb check no_rocksdb

# The node is built once, in the shared profile; cargo test and the e2e suite reuse it.
if run_step build-node check build_node; then
	# The TypeScript client: compiled, then its unit tests (vectors, and its metadata checked
	# against the runtime just built); the e2e suite uses the compiled client too.
	run_step client-build check env -C "$MEDCHAIN_ROOT/clients/ts" npx tsc -p .
	run_step client-unit node env -C "$MEDCHAIN_ROOT/clients/ts" node --test test/
	run_step e2e e2e env MEDCHAIN_TEST_LOGS="$LOG_DIR" node "$MEDCHAIN_ROOT/e2e/run.mjs" "$MEDCHAIN_NODE_BIN"
	# The reference apps, built and driven in Debian's Chromium against a fresh dev node.
	run_step apps node env MEDCHAIN_SKIP_SETUP=1 MEDCHAIN_SKIP_BUILD=1 MEDCHAIN_TEST_LOGS="$LOG_DIR" \
		"$MEDCHAIN_ROOT/scripts/apps.sh" test
	# The FHIR gateway: its unit tests and the exchange between three organisations' gateways
	# through a FHIR client (fhir-kit-client), against a fresh dev node.
	run_step fhir-gateway node env MEDCHAIN_SKIP_SETUP=1 MEDCHAIN_SKIP_BUILD=1 MEDCHAIN_TEST_LOGS="$LOG_DIR" \
		"$MEDCHAIN_ROOT/scripts/gateway.sh" test
	# A short slice of the read load run (the full one: ./scripts/gateway.sh load): 50 readers
	# for 15 s over 8 patients; every read served and logged on chain.
	run_step fhir-gateway-load check env MEDCHAIN_SKIP_SETUP=1 MEDCHAIN_SKIP_BUILD=1 MEDCHAIN_TEST_LOGS="$LOG_DIR" \
		"$MEDCHAIN_ROOT/scripts/gateway.sh" load 15 50 8
	# Four validators on loopback: a validator down, two down and back, SIGKILL, bad specs.
	run_step fault-drills e2e "$MEDCHAIN_ROOT/scripts/fault-drills.sh"
fi

run_step cargo-test cargo cargo test --workspace --locked --no-fail-fast

# Clippy and the feature builds need no wasm runtime: skipping it saves a wasm build per feature set.
run_step clippy check env SKIP_WASM_BUILD=1 \
	cargo clippy --workspace --all-targets --locked -- -D warnings

run_step feature-tests cargo env SKIP_WASM_BUILD=1 \
	cargo test --workspace --exclude medchain-node --locked --no-fail-fast --features runtime-benchmarks,try-runtime

timings+=("$(printf '%-22s %5ss' total $(($(date +%s) - total_start)))")
finish
[ "$failed" -eq 0 ]
