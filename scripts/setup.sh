#!/usr/bin/env bash
# Installs what Medchain needs and is missing, and nothing else: Debian packages (protoc, a C/C++
# toolchain for the wasm optimiser and vendored OpenSSL, Node.js for the e2e suite, curl and jq
# for the network scripts), the Rust components and targets, and the e2e suite's npm packages.
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

# --- e2e npm packages ------------------------------------------------------------------------
e2e="$MEDCHAIN_ROOT/e2e"
stamp="$e2e/node_modules/.medchain-lock"
if [ ! -f "$stamp" ] || ! cmp -s "$e2e/package-lock.json" "$stamp"; then
	log "installing e2e npm packages (npm ci)"
	(cd "$e2e" && npm ci --no-audit --no-fund --loglevel=error)
	cp "$e2e/package-lock.json" "$stamp"
else
	log "e2e npm packages: up to date"
fi
mkdir -p "$CARGO_TARGET_DIR"
log "setup complete"
