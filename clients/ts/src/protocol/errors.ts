/**
 * The record protocol's errors (docs/record-protocol.md §8): one code per check, named as the
 * variants of the reference crate's `medchain_record_protocol::Error`, so that a caller (and a
 * test) can tell which check refused an input.
 *
 * @module
 */

/** Which byte format an error is about (the reference crate's `Format`). */
export type Format = "blob" | "pointer" | "envelope";

/** What went wrong, with the values the check saw. `code` names the check. */
export type RecordProtocolErrorDetail =
  /** A FHIR body is not I-JSON (RFC 7493): not JSON, a lone surrogate, a number out of range. */
  | { code: "InvalidJson"; reason: string }
  /** A FHIR body names the same member twice in one object (refused, not resolved). */
  | { code: "DuplicateMember"; name: string }
  /** A FHIR body is not a JSON object with a non-empty string `resourceType`. */
  | { code: "NotAFhirResource" }
  /** An opened FHIR body is not in RFC 8785 canonical form. */
  | { code: "NotCanonical" }
  /** An opened record names a content kind this version does not define. */
  | { code: "UnknownKind"; kind: number }
  /** The leading version byte is not one this implementation reads. */
  | { code: "UnsupportedVersion"; format: Format; found: number }
  /** The bytes are shorter than the format's fixed part. */
  | { code: "Truncated"; format: Format; len: number }
  /** The blob failed XChaCha20-Poly1305 authentication. */
  | { code: "ContentAuthentication" }
  /** The blob opened, but its salt, kind and body do not hash to the record's content hash. */
  | { code: "CommitmentMismatch" }
  /** A URI longer than 215 bytes: its pointer would not fit `MaxPointerLen`. */
  | { code: "UriTooLong"; len: number; max: number }
  /** A pointer longer than 256 bytes. */
  | { code: "PointerTooLong"; len: number }
  /** The pointer failed authentication: altered, another key, another patient or record. */
  | { code: "PointerAuthentication" }
  /** The pointer opened, but its URI is not UTF-8. */
  | { code: "PointerNotUtf8" }
  /** An envelope is not exactly 85 bytes. */
  | { code: "EnvelopeLength"; len: number }
  /** The envelope was made for another version of the grantee's key than the one expected. */
  | { code: "KeyVersionMismatch"; envelope: number; expected: number }
  /** HPKE could not open the envelope (wrong secret, another context, or altered). */
  | { code: "EnvelopeAuthentication" }
  /** The recipient's public key is not usable for X25519 (a low-order point). */
  | { code: "InvalidRecipientKey" }
  /** The recovery phrase is not a valid English BIP39 mnemonic. */
  | { code: "InvalidPhrase" }
  /** The category index is not a `DataCategory`. */
  | { code: "UnknownCategory"; index: number }
  /** A primitive failed where it cannot for valid inputs. */
  | { code: "Crypto"; what: string };

/** The name of a check that failed: `"ContentAuthentication"`, `"Truncated"`, … */
export type RecordProtocolErrorCode = RecordProtocolErrorDetail["code"];

/** Every {@link RecordProtocolErrorCode}, in the order of the reference crate's `Error`. */
export const RECORD_PROTOCOL_ERROR_CODES = [
  "InvalidJson",
  "DuplicateMember",
  "NotAFhirResource",
  "NotCanonical",
  "UnknownKind",
  "UnsupportedVersion",
  "Truncated",
  "ContentAuthentication",
  "CommitmentMismatch",
  "UriTooLong",
  "PointerTooLong",
  "PointerAuthentication",
  "PointerNotUtf8",
  "EnvelopeLength",
  "KeyVersionMismatch",
  "EnvelopeAuthentication",
  "InvalidRecipientKey",
  "InvalidPhrase",
  "UnknownCategory",
  "Crypto",
] as const satisfies readonly RecordProtocolErrorCode[];

// The list names every code: this fails to compile if a code is missing from it.
const everyCodeListed: Exclude<RecordProtocolErrorCode, (typeof RECORD_PROTOCOL_ERROR_CODES)[number]> extends never
  ? true
  : never = true;
void everyCodeListed;

const FORMAT_NAMES: Readonly<Record<Format, string>> = {
  blob: "sealed blob",
  pointer: "pointer",
  envelope: "envelope",
};

const hex2 = (byte: number): string => byte.toString(16).padStart(2, "0");

function describe(detail: RecordProtocolErrorDetail): string {
  switch (detail.code) {
    case "InvalidJson":
      return `not I-JSON: ${detail.reason}`;
    case "DuplicateMember":
      return `duplicate JSON member ${JSON.stringify(detail.name)}`;
    case "NotAFhirResource":
      return "not a FHIR resource (no string resourceType)";
    case "NotCanonical":
      return "the FHIR body is not RFC 8785 canonical JSON";
    case "UnknownKind":
      return `unknown content kind 0x${hex2(detail.kind)}`;
    case "UnsupportedVersion":
      return `unsupported ${FORMAT_NAMES[detail.format]} version 0x${hex2(detail.found)}`;
    case "Truncated":
      return `${FORMAT_NAMES[detail.format]} truncated (${detail.len} bytes)`;
    case "ContentAuthentication":
      return "the blob does not authenticate (altered, wrong key, or another patient, record or category)";
    case "CommitmentMismatch":
      return "the opened record does not match its content hash";
    case "UriTooLong":
      return `URI of ${detail.len} bytes is longer than ${detail.max}`;
    case "PointerTooLong":
      return `pointer of ${detail.len} bytes is too long`;
    case "PointerAuthentication":
      return "the pointer does not authenticate (altered, wrong key, or another patient or record)";
    case "PointerNotUtf8":
      return "the pointer's URI is not UTF-8";
    case "EnvelopeLength":
      return `an envelope has 85 bytes, not ${detail.len}`;
    case "KeyVersionMismatch":
      return `envelope made for key version ${detail.envelope}, expected ${detail.expected}`;
    case "EnvelopeAuthentication":
      return "the envelope does not open (wrong key, or another chain, patient, record, grantee or key version)";
    case "InvalidRecipientKey":
      return "the recipient's X25519 key is unusable";
    case "InvalidPhrase":
      return "not an English BIP39 recovery phrase";
    case "UnknownCategory":
      return `no DataCategory has index ${detail.index}`;
    case "Crypto":
      return `cryptographic failure: ${detail.what}`;
  }
}

/**
 * Why an operation of the record protocol refused its input. `code` names the check (the
 * variants of the reference crate's `Error`); `detail` carries the values the check saw.
 */
export class RecordProtocolError extends Error {
  /** The check that failed. */
  readonly code: RecordProtocolErrorCode;
  /** The code and the values the check saw (a length, a version byte, a member name…). */
  readonly detail: RecordProtocolErrorDetail;

  /**
   * @param detail - which check failed, and what it saw.
   * @param options - an underlying error, kept as `cause`.
   */
  constructor(detail: RecordProtocolErrorDetail, options?: { cause?: unknown }) {
    super(describe(detail), options);
    this.name = "RecordProtocolError";
    this.code = detail.code;
    this.detail = detail;
  }
}

/**
 * Whether a value is a {@link RecordProtocolError}, optionally of one code.
 *
 * @param error - any caught value.
 * @param code - if given, the code it must have.
 * @returns `true` if `error` is such an error.
 */
export function isRecordProtocolError(
  error: unknown,
  code?: RecordProtocolErrorCode,
): error is RecordProtocolError {
  return error instanceof RecordProtocolError && (code === undefined || error.code === code);
}
