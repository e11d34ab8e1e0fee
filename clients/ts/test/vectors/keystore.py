# Computes the keystore vector of docs/keystore.md independently of the TypeScript client:
# scrypt from Python's hashlib, XChaCha20-Poly1305 from libsodium (PyNaCl).
#   pip install pynacl==1.5.0 && python3 clients/ts/test/vectors/keystore.py > clients/ts/test/vectors/keystore-v1.json
import hashlib
import json
import unicodedata

from nacl.bindings import crypto_aead_xchacha20poly1305_ietf_encrypt

phrase = "bottom drive obey lake curtain smoke basket hold race lonely fit walk"
passphrase = "correct horse battery staple"
# The SS58 address (prefix 42) of the phrase's sr25519 account with no derivation path, as
# Substrate derives it (subkey inspect "<phrase>").
address = "5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV"
salt = bytes(range(16))
nonce = bytes(range(16, 40))
n, r, p = 1024, 8, 1

key = hashlib.scrypt(unicodedata.normalize("NFKC", passphrase).encode(), salt=salt, n=n, r=r, p=p, dklen=32)
sealed = crypto_aead_xchacha20poly1305_ietf_encrypt(phrase.encode(), f"medchain-keystore/1/{address}".encode(), nonce, key)
print(json.dumps({
    "phrase": phrase,
    "passphrase": passphrase,
    "keystore": {
        "format": "medchain-keystore",
        "version": 1,
        "address": address,
        "kdf": {"name": "scrypt", "N": n, "r": r, "p": p, "salt": salt.hex()},
        "cipher": {"name": "xchacha20-poly1305", "nonce": nonce.hex()},
        "ciphertext": sealed.hex(),
    },
}, indent=2))
