//! The protocol's errors: one variant per check, so that a caller (and a test) can tell which
//! check refused an input.

use std::fmt;

/// Which byte format an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
	/// A sealed record blob.
	Blob,
	/// An encrypted pointer.
	Pointer,
	/// A key envelope.
	Envelope,
}

impl fmt::Display for Format {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(match self {
			Format::Blob => "sealed blob",
			Format::Pointer => "pointer",
			Format::Envelope => "envelope",
		})
	}
}

/// Why an operation of the record protocol failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
	/// A FHIR body is not I-JSON (RFC 7493): not JSON, a lone surrogate, a number out of range.
	InvalidJson(String),
	/// A FHIR body names the same member twice in one object (refused, not resolved).
	DuplicateMember(String),
	/// A FHIR body is not a JSON object with a non-empty string `resourceType`.
	NotAFhirResource,
	/// An opened FHIR body is not in RFC 8785 canonical form (the author committed other bytes).
	NotCanonical,
	/// An opened record names a content kind this version does not define.
	UnknownKind(u8),
	/// The leading version byte is not one this implementation reads.
	UnsupportedVersion {
		/// The format whose version byte was read.
		format: Format,
		/// The version byte found.
		found: u8,
	},
	/// The bytes are shorter than the format's fixed part.
	Truncated {
		/// The format that was being read.
		format: Format,
		/// How many bytes there were.
		len: usize,
	},
	/// The blob failed XChaCha20-Poly1305 authentication: it was altered, the key is not the
	/// record's, or it was sealed for another patient, content hash or category.
	ContentAuthentication,
	/// The blob opened, but its salt, kind and body do not hash to the record's content hash.
	CommitmentMismatch,
	/// A URI longer than [`crate::MAX_URI_LEN`] bytes: its pointer would not fit `MaxPointerLen`.
	UriTooLong {
		/// The URI's length in bytes.
		len: usize,
		/// The longest URI a pointer carries.
		max: usize,
	},
	/// A pointer longer than [`crate::MAX_POINTER_LEN`] bytes.
	PointerTooLong {
		/// The pointer's length in bytes.
		len: usize,
	},
	/// The pointer failed authentication: altered, another key, another patient or record.
	PointerAuthentication,
	/// The pointer opened, but its URI is not UTF-8.
	PointerNotUtf8,
	/// An envelope is not exactly [`crate::ENVELOPE_LEN`] bytes.
	EnvelopeLength {
		/// The envelope's length in bytes.
		len: usize,
	},
	/// The envelope was made for another version of the grantee's key than the one expected.
	KeyVersionMismatch {
		/// The key version the envelope names.
		envelope: u32,
		/// The key version the caller expected.
		expected: u32,
	},
	/// HPKE could not open the envelope: the wrong secret key, or an envelope made for another
	/// chain, patient, record, grantee or key version, or altered.
	EnvelopeAuthentication,
	/// The recipient's public key is not usable for X25519 (a low-order point).
	InvalidRecipientKey,
	/// The recovery phrase is not a valid English BIP39 mnemonic.
	InvalidPhrase,
	/// The category index is not a `DataCategory`.
	UnknownCategory(u8),
	/// A primitive failed where it cannot for valid inputs (kept typed rather than panicking).
	Crypto(&'static str),
}

impl fmt::Display for Error {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Error::InvalidJson(reason) => write!(f, "not I-JSON: {reason}"),
			Error::DuplicateMember(name) => write!(f, "duplicate JSON member {name:?}"),
			Error::NotAFhirResource => f.write_str("not a FHIR resource (no string resourceType)"),
			Error::NotCanonical => f.write_str("the FHIR body is not RFC 8785 canonical JSON"),
			Error::UnknownKind(kind) => write!(f, "unknown content kind 0x{kind:02x}"),
			Error::UnsupportedVersion { format, found } => {
				write!(f, "unsupported {format} version 0x{found:02x}")
			},
			Error::Truncated { format, len } => write!(f, "{format} truncated ({len} bytes)"),
			Error::ContentAuthentication => f.write_str(
				"the blob does not authenticate (altered, wrong key, or another patient, record or category)",
			),
			Error::CommitmentMismatch => {
				f.write_str("the opened record does not match its content hash")
			},
			Error::UriTooLong { len, max } => {
				write!(f, "URI of {len} bytes is longer than {max}")
			},
			Error::PointerTooLong { len } => write!(f, "pointer of {len} bytes is too long"),
			Error::PointerAuthentication => f.write_str(
				"the pointer does not authenticate (altered, wrong key, or another patient or record)",
			),
			Error::PointerNotUtf8 => f.write_str("the pointer's URI is not UTF-8"),
			Error::EnvelopeLength { len } => write!(f, "an envelope has 85 bytes, not {len}"),
			Error::KeyVersionMismatch { envelope, expected } => {
				write!(f, "envelope made for key version {envelope}, expected {expected}")
			},
			Error::EnvelopeAuthentication => f.write_str(
				"the envelope does not open (wrong key, or another chain, patient, record, grantee or key version)",
			),
			Error::InvalidRecipientKey => f.write_str("the recipient's X25519 key is unusable"),
			Error::InvalidPhrase => f.write_str("not an English BIP39 recovery phrase"),
			Error::UnknownCategory(index) => write!(f, "no DataCategory has index {index}"),
			Error::Crypto(what) => write!(f, "cryptographic failure: {what}"),
		}
	}
}

impl std::error::Error for Error {}
