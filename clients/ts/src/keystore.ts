/**
 * A recovery phrase kept encrypted under a passphrase, for apps that keep a patient's keys on
 * their device (the patient portal keeps it in the browser's storage): scrypt derives a key
 * from the passphrase, XChaCha20-Poly1305 seals the phrase. The format is `medchain-keystore`
 * version 1 (docs/keystore.md); nothing in it is sent anywhere.
 */
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { randomBytes } from "@noble/ciphers/utils.js";
import { scryptAsync } from "@noble/hashes/scrypt.js";
import { fromHex, toHex, utf8 } from "./bytes.js";
import { accountFromPhrase } from "./identity.js";

/** Why a keystore could not be made or opened. */
export type KeystoreErrorCode =
  /** The passphrase is shorter than {@link MIN_PASSPHRASE_LENGTH} characters. */
  | "WEAK_PASSPHRASE"
  /** The passphrase does not open this keystore (or the keystore was altered). */
  | "WRONG_PASSPHRASE"
  /** Not a version-1 Medchain keystore. */
  | "MALFORMED";

/** A keystore could not be made or opened: `code` says why. */
export class KeystoreError extends Error {
  readonly code: KeystoreErrorCode;
  constructor(code: KeystoreErrorCode, message: string) {
    super(message);
    this.name = "KeystoreError";
    this.code = code;
  }
}

/** The shortest passphrase a keystore accepts. */
export const MIN_PASSPHRASE_LENGTH = 10;

/** scrypt's cost: N = 2^15, r = 8, p = 1 (32 MiB, a fraction of a second on a phone). */
export const KEYSTORE_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;

/** A sealed recovery phrase, as stored (JSON). */
export interface Keystore {
  format: "medchain-keystore";
  version: 1;
  /** The account the phrase gives (SS58), readable without the passphrase. */
  address: string;
  kdf: { name: "scrypt"; N: number; r: number; p: number; salt: string };
  cipher: { name: "xchacha20-poly1305"; nonce: string };
  /** The sealed phrase and its tag (hex). */
  ciphertext: string;
}

/** What the seal is bound to, besides the key: the format, version and account. */
const associated = (address: string) => utf8(`medchain-keystore/1/${address}`);

async function keyOf(passphrase: string, salt: Uint8Array, params: { N: number; r: number; p: number }) {
  return scryptAsync(utf8(passphrase.normalize("NFKC"), "passphrase"), salt, { ...params, dkLen: 32 });
}

/**
 * Seals a recovery phrase under a passphrase.
 *
 * @param phrase - the recovery phrase (checked: an English BIP39 mnemonic).
 * @param passphrase - at least {@link MIN_PASSPHRASE_LENGTH} characters (NFKC-normalised).
 * @throws {KeystoreError} `WEAK_PASSPHRASE`; {@link import("./identity.js").InvalidPhraseError}.
 */
export async function sealPhrase(phrase: string, passphrase: string): Promise<Keystore> {
  return sealPhraseWith(phrase, passphrase, randomBytes(16), randomBytes(24), KEYSTORE_SCRYPT);
}

/**
 * {@link sealPhrase} with a given salt, nonce and scrypt cost: for test vectors only (a salt or
 * nonce used twice weakens the seal).
 */
export async function sealPhraseWith(
  phrase: string,
  passphrase: string,
  salt: Uint8Array,
  nonce: Uint8Array,
  cost: { N: number; r: number; p: number },
): Promise<Keystore> {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new KeystoreError("WEAK_PASSPHRASE", `a passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`);
  }
  const { address } = accountFromPhrase(phrase);
  const key = await keyOf(passphrase, salt, cost);
  const ciphertext = xchacha20poly1305(key, nonce, associated(address)).encrypt(utf8(phrase));
  return {
    format: "medchain-keystore",
    version: 1,
    address,
    kdf: { name: "scrypt", N: cost.N, r: cost.r, p: cost.p, salt: toHex(salt) },
    cipher: { name: "xchacha20-poly1305", nonce: toHex(nonce) },
    ciphertext: toHex(ciphertext),
  };
}

function parse(value: unknown): Keystore {
  const k = value as Keystore;
  const hexOf = (v: unknown, bytes?: number) =>
    typeof v === "string" && /^([0-9a-f]{2})+$/.test(v) && (bytes === undefined || v.length === bytes * 2);
  const ok =
    k !== null &&
    typeof k === "object" &&
    k.format === "medchain-keystore" &&
    k.version === 1 &&
    typeof k.address === "string" &&
    k.kdf?.name === "scrypt" &&
    [k.kdf.N, k.kdf.r, k.kdf.p].every((n) => Number.isSafeInteger(n) && n > 0) &&
    k.kdf.N <= 2 ** 20 &&
    hexOf(k.kdf.salt, 16) &&
    k.cipher?.name === "xchacha20-poly1305" &&
    hexOf(k.cipher.nonce, 24) &&
    hexOf(k.ciphertext);
  if (!ok) throw new KeystoreError("MALFORMED", "not a version-1 Medchain keystore");
  return k;
}

/**
 * Opens a keystore: the recovery phrase it holds.
 *
 * @param keystore - a {@link Keystore}, or its JSON text.
 * @throws {KeystoreError} `MALFORMED`, or `WRONG_PASSPHRASE` (also when it was altered).
 */
export async function openKeystore(keystore: Keystore | string, passphrase: string): Promise<string> {
  let value: unknown = keystore;
  if (typeof keystore === "string") {
    try {
      value = JSON.parse(keystore);
    } catch {
      throw new KeystoreError("MALFORMED", "not a version-1 Medchain keystore");
    }
  }
  const k = parse(value);
  const key = await keyOf(passphrase, fromHex(k.kdf.salt), k.kdf);
  let phrase: string;
  try {
    phrase = new TextDecoder("utf-8", { fatal: true }).decode(
      xchacha20poly1305(key, fromHex(k.cipher.nonce), associated(k.address)).decrypt(fromHex(k.ciphertext)),
    );
  } catch {
    throw new KeystoreError("WRONG_PASSPHRASE", "the passphrase does not open this keystore");
  }
  if (accountFromPhrase(phrase).address !== k.address) {
    throw new KeystoreError("MALFORMED", "the keystore's phrase is not its account's");
  }
  return phrase;
}
