/**
 * Identity: an account from a recovery phrase, patient ids, and the patient's free-call allowance.
 */
import { sr25519CreateDerive } from "@polkadot-labs/hdkd";
import { blake2b256, generateMnemonic, mnemonicToMiniSecret, ss58Address, validateMnemonic } from "@polkadot-labs/hdkd-helpers";
import type { PolkadotSigner } from "polkadot-api";
import { getPolkadotSigner } from "polkadot-api/signer";
import type { MedchainApi } from "./chain.js";
import { deriveX25519, x25519PublicKey } from "./protocol/keys.js";

/** Substrate's public development phrase (`//Alice`, `//ClinicPhysician`… derive from it). */
export { DEV_PHRASE } from "@polkadot-labs/hdkd-helpers";

/** An sr25519 account: its public key (the 32-byte account id), SS58 address and signer. */
export interface Account {
  /** The account id (the sr25519 public key). */
  publicKey: Uint8Array;
  /** Its SS58 address (generic Substrate prefix 42, as the dev chain uses). */
  address: string;
  /** A polkadot-api signer for it. */
  signer: PolkadotSigner;
}

/** The phrase is not an English BIP39 mnemonic with a valid checksum. */
export class InvalidPhraseError extends Error {
  constructor() {
    super("not a valid BIP39 recovery phrase (English words, checksum)");
    this.name = "InvalidPhraseError";
  }
}

/**
 * The sr25519 account of a recovery phrase, as Substrate derives it (`//hard/soft` paths
 * supported: `accountFromPhrase(DEV_PHRASE, "//Alice")` is Alice).
 *
 * @param phrase - an English BIP39 mnemonic.
 * @param path - a derivation path; empty for the phrase's own key (what the record protocol uses).
 * @throws {InvalidPhraseError} for a phrase that is not a valid mnemonic.
 */
export function accountFromPhrase(phrase: string, path = ""): Account {
  if (!validateMnemonic(phrase)) throw new InvalidPhraseError();
  const keyPair = sr25519CreateDerive(mnemonicToMiniSecret(phrase))(path);
  return {
    publicKey: keyPair.publicKey,
    address: ss58Address(keyPair.publicKey),
    signer: getPolkadotSigner(keyPair.publicKey, "Sr25519", keyPair.sign),
  };
}

/**
 * A new recovery phrase: 12 English BIP39 words (128 bits from the platform's secure random
 * source), for a patient or a practitioner setting up keys.
 */
export function newRecoveryPhrase(): string {
  return generateMnemonic(128);
}

/** What one recovery phrase gives: the account and the record protocol's X25519 key. */
export interface PhraseKeys {
  /** The sr25519 account of the phrase. */
  account: Account;
  /** The X25519 public key of `keyVersion` (the patient's `encryption_key`, or a reader's key). */
  encryptionKey: Uint8Array;
  /** Its version. */
  keyVersion: number;
}

/**
 * The account and the X25519 key of a recovery phrase (docs/record-protocol.md §7): recovering
 * the phrase recovers both, so every envelope made to any version of the key.
 *
 * @param keyVersion - the key's version (0 for a first key).
 * @throws {InvalidPhraseError} for a phrase that is not a valid mnemonic.
 */
export function keysFromPhrase(phrase: string, keyVersion = 0): PhraseKeys {
  const account = accountFromPhrase(phrase);
  const secret = deriveX25519(phrase, keyVersion);
  const encryptionKey = x25519PublicKey(secret);
  secret.fill(0);
  return { account, encryptionKey, keyVersion };
}

/**
 * The id under which `controller` registers a patient with its first X25519 key: what the
 * PatientIdentity pallet checks (`blake2_256(account id ++ encryption key)`, AUDIT L-2), so that a
 * watcher of the pool cannot take another's id.
 *
 * @param controller - the controller's 32-byte account id.
 * @param encryptionKey - the patient's 32-byte X25519 public key.
 * @returns the 32-byte patient id.
 * @throws {RangeError} when either input is not 32 bytes.
 */
export function patientIdFor(controller: Uint8Array, encryptionKey: Uint8Array): Uint8Array {
  if (controller.length !== 32 || encryptionKey.length !== 32) {
    throw new RangeError("a controller account id and an encryption key are 32 bytes each");
  }
  const input = new Uint8Array(64);
  input.set(controller, 0);
  input.set(encryptionKey, 32);
  return blake2b256(input);
}

/** A patient's fee-free allowance, as the PatientIdentity pallet answers it. */
export interface FreeCalls {
  /** Whether the patient has free calls at all (a registrar vouched for it). */
  vouched: boolean;
  /** Free calls left in this period (transactions waiting in the pool not counted). */
  remaining: number;
  /** The block at which the allowance renews. */
  renewsAt: number;
}

/**
 * The patient's free-call allowance now (view function `PatientIdentity.free_calls`).
 *
 * @param patientId - the patient id as 0x hex.
 * @param options.at - the block to ask at: `"best"` (default, so that a transaction `submit`
 *   just saw included counts), `"finalized"`, or a block hash.
 * @returns the allowance, or `undefined` for an unknown or deactivated patient.
 */
export async function freeCalls(
  api: MedchainApi,
  patientId: string,
  options: { at?: string } = {},
): Promise<FreeCalls | undefined> {
  const answer = await api.view.PatientIdentity.free_calls(patientId as `0x${string}`, { at: options.at ?? "best" });
  return answer && { vouched: answer.vouched, remaining: answer.remaining, renewsAt: answer.renews_at };
}

/** The transaction-validity code the node answers when a patient's allowance is used up. */
export const FREE_CALLS_EXHAUSTED = 21;

/**
 * A plain sentence for why a submission was refused, for the errors a patient's app meets;
 * `undefined` when the error is not one of them.
 *
 * @param error - what `submit` rejected with (polkadot-api's invalid-transaction error carries
 *   `{ type: "Invalid", value: { type: "Custom", value: code } }`).
 */
export function explainRefusal(error: unknown): string | undefined {
  const text = JSON.stringify(error, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) ?? "";
  const custom = /"type":"Custom","value":(\d+)/.exec(text);
  if (custom && Number(custom[1]) === FREE_CALLS_EXHAUSTED) {
    return "The patient's free calls for today are used up. Try again after the allowance renews, or send the call from an account that can pay the fee.";
  }
  if (/"type":"Payment"/.test(text)) {
    return "This account cannot pay the fee, and the call is not one of the patient's free calls.";
  }
  return undefined;
}
