/**
 * Key envelopes: the record's data key sealed with HPKE (RFC 9180) for one grantee's X25519 key
 * (docs/record-protocol.md §6).
 *
 * Suite: base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305, single shot,
 * empty AAD. `info` binds the chain, the patient, the record, the grantee and the key version, so
 * that an envelope copied anywhere else does not open.
 *
 * @module
 */
import { Chacha20Poly1305 } from "@hpke/chacha20poly1305";
import { CipherSuite, EncapError, HkdfSha256 } from "@hpke/core";
import { DhkemX25519HkdfSha256 } from "@hpke/dhkem-x25519";
import { concatBytes, expectByteArray, expectBytes, readU32le, u32le, utf8 } from "../bytes.js";
import { DATA_KEY_LEN, ENVELOPE_LEN, ENVELOPE_TAG, ID_LEN, PROTOCOL_VERSION, X25519_KEY_LEN } from "./constants.js";
import { RecordProtocolError } from "./errors.js";
import { deriveX25519 } from "./keys.js";

/** Everything an envelope is bound to, through HPKE's `info`. */
export interface EnvelopeContext {
  /** The chain's 32-byte genesis hash (`api.genesisHash`). */
  genesisHash: Uint8Array;
  /** The 32-byte id of the patient the record is about. */
  patient: Uint8Array;
  /** The record, by its 32-byte content hash (its on-chain id is unknown when the author seals). */
  contentHash: Uint8Array;
  /** The reader's 32-byte account id, or the patient id for the envelope to the patient. */
  grantee: Uint8Array;
  /** The version of the grantee's key that the envelope is made for (a u32). */
  keyVersion: number;
}

const ENVELOPE_TAG_BYTES = utf8(ENVELOPE_TAG);
const ENC_AT = 5;
const CT_AT = ENC_AT + X25519_KEY_LEN;

let suite: CipherSuite | undefined;

/** The HPKE suite of version 1, made once. */
function hpke(): CipherSuite {
  suite ??= new CipherSuite({
    kem: new DhkemX25519HkdfSha256(),
    kdf: new HkdfSha256(),
    aead: new Chacha20Poly1305(),
  });
  return suite;
}

/**
 * HPKE's `info` of an envelope (159 bytes): `"medchain/record/v1/envelope" || genesis_hash ||
 * patient_id || content_hash || grantee || key_version (u32 LE)`.
 *
 * @param context - what the envelope is bound to.
 * @returns the `info` bytes.
 * @throws {@link InvalidArgumentError} if a hash or id is not 32 bytes or the version not a u32.
 */
export function envelopeInfo(context: EnvelopeContext): Uint8Array {
  return concatBytes(
    ENVELOPE_TAG_BYTES,
    expectBytes(context.genesisHash, ID_LEN, "genesisHash"),
    expectBytes(context.patient, ID_LEN, "patient"),
    expectBytes(context.contentHash, ID_LEN, "contentHash"),
    expectBytes(context.grantee, ID_LEN, "grantee"),
    u32le(context.keyVersion, "keyVersion"),
  );
}

/** Options of {@link wrap}. */
export interface WrapOptions {
  /**
   * HPKE's 32 bytes of ephemeral key material (`ikmE`, turned into the ephemeral key pair by RFC
   * 9180 `DeriveKeyPair`), as the reference crate draws them. Leave it out in production: the HPKE
   * library then generates a fresh ephemeral key. Give it only to reproduce known envelopes (test
   * vectors): an envelope's secrecy rests on this key never being known or reused.
   */
  ikmE?: Uint8Array;
}

/**
 * Seals a data key for the holder of an X25519 public key:
 * `0x01 || key_version (u32 LE) || enc[32] || ct[48]`, 85 bytes.
 *
 * @param recipient - the grantee's 32-byte X25519 public key (from the key directory, or the
 *   patient's `encryption_key`).
 * @param context - what the envelope is bound to; `context.keyVersion` is the version of
 *   `recipient`.
 * @param key - the record's 32-byte data key `K`.
 * @param options - explicit ephemeral key material (deterministic use only).
 * @returns the envelope.
 * @throws {@link RecordProtocolError} `InvalidRecipientKey` if the key is a low-order point (the
 *   X25519 shared secret would be all zeros); `Crypto` if HPKE fails otherwise.
 * @throws {@link InvalidArgumentError} for arguments of the wrong size or a version that is not a
 *   u32.
 */
export async function wrap(
  recipient: Uint8Array,
  context: EnvelopeContext,
  key: Uint8Array,
  options: WrapOptions = {},
): Promise<Uint8Array> {
  expectBytes(recipient, X25519_KEY_LEN, "recipient");
  expectBytes(key, DATA_KEY_LEN, "key");
  const info = envelopeInfo(context);
  const ikmE = options.ikmE === undefined ? undefined : expectBytes(options.ikmE, 32, "ikmE").slice();
  const suite = hpke();
  let recipientPublicKey: CryptoKey;
  try {
    recipientPublicKey = await suite.kem.deserializePublicKey(recipient.slice());
  } catch (error) {
    throw new RecordProtocolError({ code: "InvalidRecipientKey" }, { cause: error });
  }
  let sealed: { ct: ArrayBuffer; enc: ArrayBuffer };
  try {
    sealed = await suite.seal(
      ikmE === undefined ? { recipientPublicKey, info } : { recipientPublicKey, info, ekm: ikmE },
      key.slice(),
    );
  } catch (error) {
    if (error instanceof EncapError) {
      throw new RecordProtocolError({ code: "InvalidRecipientKey" }, { cause: error });
    }
    throw new RecordProtocolError({ code: "Crypto", what: "hpke seal" }, { cause: error });
  }
  const enc = new Uint8Array(sealed.enc);
  const ct = new Uint8Array(sealed.ct);
  if (enc.length !== X25519_KEY_LEN || ct.length !== ENVELOPE_LEN - CT_AT) {
    throw new RecordProtocolError({ code: "Crypto", what: "hpke output length" });
  }
  return concatBytes(Uint8Array.of(PROTOCOL_VERSION), u32le(context.keyVersion), enc, ct);
}

/**
 * The key version an envelope names, so that its reader can pick (or derive) the right secret.
 *
 * @param envelope - the envelope.
 * @returns the key version from its header.
 * @throws {@link RecordProtocolError} `Truncated` if it is empty or shorter than its 5-byte
 *   header; `UnsupportedVersion` if its first byte is not `0x01`.
 */
export function envelopeKeyVersion(envelope: Uint8Array): number {
  expectByteArray(envelope, "envelope");
  const truncated = () => new RecordProtocolError({ code: "Truncated", format: "envelope", len: envelope.length });
  if (envelope.length === 0) {
    throw truncated();
  }
  if (envelope[0] !== PROTOCOL_VERSION) {
    throw new RecordProtocolError({ code: "UnsupportedVersion", format: "envelope", found: envelope[0] ?? 0 });
  }
  if (envelope.length < ENC_AT) {
    throw truncated();
  }
  return readU32le(envelope, 1);
}

/**
 * Opens an envelope with the grantee's secret key and returns the record's data key.
 *
 * @param envelope - the envelope, from the chain.
 * @param context - the chain's genesis hash, the record's patient id and content hash, the
 *   reader's own grantee bytes and the key version it expects.
 * @param secret - the grantee's 32-byte X25519 secret key of that version.
 * @returns the 32-byte data key `K`.
 * @throws {@link RecordProtocolError} in the order of the checks: `Truncated` or
 *   `UnsupportedVersion` (the header, see {@link envelopeKeyVersion}), `EnvelopeLength` (not 85
 *   bytes), `KeyVersionMismatch` (the header names another version than `context.keyVersion`),
 *   `EnvelopeAuthentication` (the wrong secret, or an envelope made for any other context, or
 *   altered).
 * @throws {@link InvalidArgumentError} for arguments of the wrong size or a version that is not a
 *   u32.
 */
export async function unwrap(envelope: Uint8Array, context: EnvelopeContext, secret: Uint8Array): Promise<Uint8Array> {
  const info = envelopeInfo(context);
  expectBytes(secret, X25519_KEY_LEN, "secret");
  const keyVersion = envelopeKeyVersion(envelope);
  if (envelope.length !== ENVELOPE_LEN) {
    throw new RecordProtocolError({ code: "EnvelopeLength", len: envelope.length });
  }
  if (keyVersion !== context.keyVersion) {
    throw new RecordProtocolError({ code: "KeyVersionMismatch", envelope: keyVersion, expected: context.keyVersion });
  }
  const suite = hpke();
  let recipientKey: CryptoKey;
  try {
    recipientKey = await suite.kem.deserializePrivateKey(secret.slice());
  } catch (error) {
    throw new RecordProtocolError({ code: "Crypto", what: "x25519 secret length" }, { cause: error });
  }
  let opened: Uint8Array;
  try {
    opened = new Uint8Array(
      await suite.open({ recipientKey, enc: envelope.slice(ENC_AT, CT_AT), info }, envelope.slice(CT_AT)),
    );
  } catch (error) {
    throw new RecordProtocolError({ code: "EnvelopeAuthentication" }, { cause: error });
  }
  if (opened.length !== DATA_KEY_LEN) {
    opened.fill(0);
    throw new RecordProtocolError({ code: "EnvelopeAuthentication" });
  }
  return opened;
}

/**
 * Opens an envelope with a recovery phrase: reads the key version from the envelope's header,
 * derives that version's X25519 secret from the phrase (§7) and unwraps. This is how a patient
 * reads the envelope addressed to it.
 *
 * @param envelope - the envelope, from the chain.
 * @param context - as for {@link unwrap}; `keyVersion`, if given, is the version the reader
 *   expects (else whatever the header names is used).
 * @param phrase - the grantee's recovery phrase.
 * @returns the data key `K` and the key version that opened it.
 * @throws {@link RecordProtocolError} `InvalidPhrase`, and every error of {@link unwrap}.
 * @throws {@link InvalidArgumentError} for arguments of the wrong size.
 */
export async function unwrapWithPhrase(
  envelope: Uint8Array,
  context: Omit<EnvelopeContext, "keyVersion"> & { keyVersion?: number | undefined },
  phrase: string,
): Promise<{ key: Uint8Array; keyVersion: number }> {
  const keyVersion = context.keyVersion ?? envelopeKeyVersion(envelope);
  const secret = deriveX25519(phrase, keyVersion);
  try {
    const key = await unwrap(envelope, { ...context, keyVersion }, secret);
    return { key, keyVersion };
  } finally {
    secret.fill(0);
  }
}
