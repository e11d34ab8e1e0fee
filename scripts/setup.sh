#!/usr/bin/env bash
# Installs what Medchain needs and is missing, and nothing else: Debian packages (protoc, a C/C++
# toolchain for the wasm optimiser and vendored OpenSSL, Node.js for the e2e suite, curl and jq
# for the network scripts, Chromium for the apps' browser tests), the Rust components and
# targets, and the npm packages of the e2e suite, the TypeScript client, the reference apps and
# their browser tests (after checking that Node is 20 or later).
# Safe to run again: on a machine that has everything it only checks, in seconds.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# --- Debian packages -------------------------------------------------------------------------
declare -A want=(
	[protoc]=protobuf-compiler
	[gcc]=gcc
	[g++]=g++
	[make]=make
	[perl]=perl
	[pkg-config]=pkg-config
	[node]=nodejs
	[npm]=npm
	[curl]=curl
	[jq]=jq
	# The reference apps' browser tests drive Debian's Chromium (never a downloaded browser).
	[chromium]=chromium
)
missing=()
for cmd in "${!want[@]}"; do
	command -v "$cmd" >/dev/null 2>&1 || missing+=("${want[$cmd]}")
done
if [ ${#missing[@]} -gt 0 ]; then
	log "installing Debian packages: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq
	$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
	log "Debian packages: all present"
fi

# --- Rust ------------------------------------------------------------------------------------
if ! command -v rustup >/dev/null 2>&1; then
	echo "rustup is required (https://rustup.rs): the build uses the machine's stable toolchain" >&2
	exit 1
fi
installed_targets="$(rustup target list --installed)"
if ! grep -qx wasm32v1-none <<<"$installed_targets"; then
	log "adding rust target wasm32v1-none"
	rustup target add wasm32v1-none
fi
if ! rustup component list --installed | grep -q '^rust-src'; then
	log "adding rust component rust-src"
	rustup component add rust-src
fi
for component in rustfmt clippy; do
	if ! rustup component list --installed | grep -q "^$component"; then
		log "adding rust component $component"
		rustup component add "$component"
	fi
done
log "rust: $(rustc --version), targets and components present"

# --- Node.js version -------------------------------------------------------------------------
# Every JavaScript package declares its minimum Node in `engines` (">=X.Y"); the running Node
# must meet the highest of them.
node_packages=(e2e clients/ts apps/verifier apps/portal apps/tests services/fhir-gateway)
if ! too_old="$(cd "$MEDCHAIN_ROOT" && node -e '
	const [major, minor] = process.versions.node.split(".").map(Number);
	const short = [];
	for (const dir of process.argv.slice(1)) {
		const wanted = require(`./${dir}/package.json`).engines?.node ?? "";
		const m = /^>=\s*(\d+)(?:\.(\d+))?/.exec(wanted);
		if (m && (major < +m[1] || (major === +m[1] && minor < +(m[2] ?? 0)))) short.push(`${dir} needs Node ${wanted}`);
	}
	if (short.length) { console.log(short.join("; ")); process.exit(1); }
' "${node_packages[@]}")"; then
	echo "Node.js $(node --version) is too old: $too_old." >&2
	echo "Debian 12's own nodejs is 18; install Node 20.19 or later (e.g. the NodeSource or the" >&2
	echo "official nodejs.org build) so that 'node --version' prints it, then run this again." >&2
	exit 1
fi
log "node: $(node --version)"

# --- npm packages (e2e suite, TypeScript client, apps, FHIR gateway) ------------------------------
# npm ci only when the lock file changed since the last install; the client's install also
# generates its typed descriptors from the committed metadata (postinstall: papi generate).
# The apps depend on the client as a local package: the client goes first. No package may
# download a browser (playwright-core does not; the variable says so to any that would).
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
for dir in "$MEDCHAIN_ROOT/e2e" "$MEDCHAIN_ROOT/clients/ts" "$MEDCHAIN_ROOT/apps/verifier" "$MEDCHAIN_ROOT/apps/portal" "$MEDCHAIN_ROOT/apps/tests" "$MEDCHAIN_ROOT/services/fhir-gateway"; do
	name="${dir#"$MEDCHAIN_ROOT"/}"
	stamp="$dir/node_modules/.medchain-lock"
	if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp" ||
		{ [ -d "$dir/.papi" ] && [ ! -d "$dir/.papi/descriptors/dist" ]; }; then
		log "installing $name npm packages (npm ci)"
		(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
		cp "$dir/package-lock.json" "$stamp"
	else
		log "$name npm packages: up to date"
	fi
done
mkdir -p "$CARGO_TARGET_DIR"
log "setup complete"
