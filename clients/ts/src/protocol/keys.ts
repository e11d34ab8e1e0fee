/**
 * The X25519 key that an account's recovery phrase yields, per key version
 * (docs/record-protocol.md §7).
 *
 * @module
 */
import { x25519 } from "@noble/curves/ed25519.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { randomBytes } from "@noble/hashes/utils.js";
import { entropyToMiniSecret, mnemonicToEntropy } from "@polkadot-labs/hdkd-helpers";
import { concatBytes, expectBytes, u32le, utf8 } from "../bytes.js";
import { KDF_INFO, KDF_SALT, X25519_KEY_LEN } from "./constants.js";
import { RecordProtocolError } from "./errors.js";

const KDF_SALT_BYTES = utf8(KDF_SALT);
const KDF_INFO_BYTES = utf8(KDF_INFO);

/** An X25519 key pair of one key version. */
export interface X25519KeyPair {
  /** The 32-byte secret key, unclamped as derived (X25519 clamps when it uses it). */
  secret: Uint8Array;
  /** The 32-byte public key: what the key directory or `encryption_key` publishes. */
  publicKey: Uint8Array;
  /** The key version it was derived for. */
  keyVersion: number;
}

/**
 * The Substrate mini-secret seed of an English BIP39 phrase without password: the first 32 bytes
 * of PBKDF2-HMAC-SHA512(password = the phrase's entropy, salt = "mnemonic", 2048 rounds), the seed
 * `sp_core::sr25519::Pair::from_phrase(phrase, None)` returns.
 *
 * The phrase is read as the reference crate reads it: NFKD-normalised, words separated by any
 * run of Unicode white space, checksum checked.
 *
 * @param phrase - the recovery phrase.
 * @returns the 32-byte seed.
 * @throws {@link RecordProtocolError} `InvalidPhrase` if the phrase is not 12, 15, 18, 21 or 24
 *   English BIP39 words with a valid checksum.
 */
export function miniSecretSeed(phrase: string): Uint8Array {
  if (typeof phrase !== "string") {
    throw new RecordProtocolError({ code: "InvalidPhrase" });
  }
  const words = phrase
    .normalize("NFKD")
    .split(/\p{White_Space}+/u)
    .filter((word) => word.length > 0);
  let entropy: Uint8Array;
  try {
    entropy = mnemonicToEntropy(words.join(" "));
  } catch (error) {
    throw new RecordProtocolError({ code: "InvalidPhrase" }, { cause: error });
  }
  const seed = entropyToMiniSecret(entropy);
  entropy.fill(0);
  return seed;
}

/**
 * The X25519 secret key of a key version for a mini-secret seed:
 * HKDF-SHA256(ikm = seed, salt = "medchain/record/v1/kdf",
 * info = "x25519 key-agreement" || key_version (u32 LE), L = 32).
 *
 * @param seed - the 32-byte mini-secret seed ({@link miniSecretSeed}).
 * @param keyVersion - the key version, a u32.
 * @returns the 32-byte secret key.
 * @throws {@link InvalidArgumentError} if the seed is not 32 bytes or the version not a u32.
 */
export function deriveX25519FromSeed(seed: Uint8Array, keyVersion: number): Uint8Array {
  expectBytes(seed, 32, "seed");
  const info = concatBytes(KDF_INFO_BYTES, u32le(keyVersion, "keyVersion"));
  return hkdf(sha256, seed, KDF_SALT_BYTES, info, X25519_KEY_LEN);
}

/**
 * The X25519 secret key of a key version that a recovery phrase yields: the same phrase as the
 * sr25519 account, so recovering the phrase recovers every envelope made to any version.
 *
 * @param phrase - the recovery phrase.
 * @param keyVersion - the key version, a u32.
 * @returns the 32-byte secret key.
 * @throws {@link RecordProtocolError} `InvalidPhrase` if the phrase is not a valid English BIP39
 *   mnemonic.
 * @throws {@link InvalidArgumentError} if the version is not a u32.
 */
export function deriveX25519(phrase: string, keyVersion: number): Uint8Array {
  u32le(keyVersion, "keyVersion");
  const seed = miniSecretSeed(phrase);
  const secret = deriveX25519FromSeed(seed, keyVersion);
  seed.fill(0);
  return secret;
}

/**
 * The X25519 key pair of a key version that a recovery phrase yields.
 *
 * @param phrase - the recovery phrase.
 * @param keyVersion - the key version, a u32.
 * @returns the secret key, the public key to publish, and the version.
 * @throws {@link RecordProtocolError} `InvalidPhrase` if the phrase is not a valid English BIP39
 *   mnemonic.
 * @throws {@link InvalidArgumentError} if the version is not a u32.
 */
export function deriveX25519KeyPair(phrase: string, keyVersion: number): X25519KeyPair {
  const secret = deriveX25519(phrase, keyVersion);
  return { secret, publicKey: x25519PublicKey(secret), keyVersion };
}

/**
 * The X25519 public key of a secret key: `X25519(secret, 9)` (RFC 7748, the secret clamped).
 *
 * @param secret - the 32-byte secret key.
 * @returns the 32-byte public key.
 * @throws {@link InvalidArgumentError} if the secret is not 32 bytes.
 */
export function x25519PublicKey(secret: Uint8Array): Uint8Array {
  return x25519.getPublicKey(expectBytes(secret, X25519_KEY_LEN, "secret"));
}

/**
 * A fresh random X25519 secret key, for a service key that no phrase backs.
 *
 * @returns the 32-byte secret key.
 */
export function generateX25519Secret(): Uint8Array {
  return randomBytes(X25519_KEY_LEN);
}
