#!/usr/bin/env bash
# A consortium's own chain, without recompiling: validator keys, the chain spec, and the keys in
# each validator's keystore. docs/operators.md walks through the whole launch.
#
#   ./scripts/consortium-spec.sh keys NAME DIR
#       Generates a validator's secrets into DIR/NAME/ (mode 0700): a secret phrase (its account;
#       the Aura key is PHRASE//aura, sr25519, and the GRANDPA key PHRASE//grandpa, ed25519, kept
#       as aura.suri and grandpa.suri) and a libp2p node key. Prints, and writes to DIR/NAME/validator.json, the public entry to put
#       in the consortium description's "validators" list. Refuses to overwrite existing keys.
#
#   ./scripts/consortium-spec.sh spec CONSORTIUM.json SPEC.json
#       Writes the raw chain spec of the consortium described in CONSORTIUM.json (see
#       scripts/consortium-example.json), after checking that its genesis builds.
#
#   ./scripts/consortium-spec.sh insert-keys SPEC.json BASE_PATH DIR/NAME
#       Puts the validator's Aura and GRANDPA keys into the keystore of the node that will run
#       with --chain SPEC.json --base-path BASE_PATH.
#
# The node is built first unless MEDCHAIN_SKIP_BUILD=1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; }

node_bin() {
	[ -n "${MEDCHAIN_SKIP_BUILD:-}" ] || build_node >&2
	[ -x "$MEDCHAIN_NODE_BIN" ] || { echo "no node at $MEDCHAIN_NODE_BIN" >&2; exit 1; }
}

# public SCHEME SURI_FILE: the SS58 public key of the secret URI in SURI_FILE under SCHEME (the
# node reads a secret from a file, so that it never appears in a command line).
public() {
	"$MEDCHAIN_NODE_BIN" key inspect --scheme "$1" --output-type json "$2" | jq -r '.ss58PublicKey'
}

case "${1:-}" in
keys)
	[ $# -eq 3 ] || { usage >&2; exit 2; }
	name="$2"
	dir="$3/$2"
	if [ -e "$dir/secret-phrase" ] || [ -e "$dir/node-key" ]; then
		echo "$dir already holds keys; refusing to overwrite them" >&2
		exit 1
	fi
	node_bin
	mkdir -p "$dir"
	chmod 700 "$dir"
	(
		umask 077
		"$MEDCHAIN_NODE_BIN" key generate --scheme sr25519 --output-type json |
			jq -r '.secretPhrase' >"$dir/secret-phrase"
		printf '%s//aura\n' "$(cat "$dir/secret-phrase")" >"$dir/aura.suri"
		printf '%s//grandpa\n' "$(cat "$dir/secret-phrase")" >"$dir/grandpa.suri"
		"$MEDCHAIN_NODE_BIN" key generate-node-key --file "$dir/node-key" 2>/dev/null
	)
	peer_id="$("$MEDCHAIN_NODE_BIN" key inspect-node-key --file "$dir/node-key")"
	jq -n --arg name "$name" \
		--arg account "$(public sr25519 "$dir/secret-phrase")" \
		--arg aura "$(public sr25519 "$dir/aura.suri")" \
		--arg grandpa "$(public ed25519 "$dir/grandpa.suri")" \
		--arg peerId "$peer_id" \
		'{name: $name, account: $account, aura: $aura, grandpa: $grandpa, peerId: $peerId}' \
		>"$dir/validator.json"
	cat "$dir/validator.json"
	log "secrets of $name are in $dir (keep secret-phrase and node-key there, and nowhere public)"
	;;
spec)
	[ $# -eq 3 ] || { usage >&2; exit 2; }
	node_bin
	"$MEDCHAIN_NODE_BIN" consortium-spec --config "$2" --raw --output "$3"
	log "raw chain spec written to $3 (genesis $(jq -r '.id' "$3"))"
	;;
insert-keys)
	[ $# -eq 4 ] || { usage >&2; exit 2; }
	spec="$2"
	base="$3"
	dir="$4"
	node_bin
	"$MEDCHAIN_NODE_BIN" key insert --chain "$spec" --base-path "$base" \
		--scheme sr25519 --key-type aura --suri "$dir/aura.suri"
	"$MEDCHAIN_NODE_BIN" key insert --chain "$spec" --base-path "$base" \
		--scheme ed25519 --key-type gran --suri "$dir/grandpa.suri"
	log "Aura and GRANDPA keys of $(basename "$dir") inserted into $base"
	;;
-h | --help | help)
	usage
	;;
*)
	usage >&2
	exit 2
	;;
esac
