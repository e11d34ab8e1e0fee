//! The protocol's test vectors (`docs/record-protocol-vectors.json`), generated from fixed seeds
//! by `medchain-record-protocol vectors`. A test regenerates them and fails on any drift.
//!
//! Everything random comes from one `ChaCha20Rng::from_seed(SEED)`, drawn in the order that
//! [`Vectors::rng`] states. A second implementation can check every deterministic step byte for
//! byte (commitments, associated data, `info`, derived keys, and the AEAD outputs given the
//! listed keys and nonces; HPKE given `ikm_e`), and open every blob, pointer and envelope.

use crate::{
	content_associated_data, derive_x25519, mini_secret_seed, pointer_associated_data, public_key,
	seal, seal_pointer, wrap, DataCategory, EnvelopeContext, Error, Hash, Id, Kind, Record,
	X25519Secret, NONCE_LEN,
};
use rand_chacha::ChaCha20Rng;
use rand_core::{CryptoRng, RngCore, SeedableRng};
use serde::{Deserialize, Serialize};

/// The seed of the vectors' RNG (32 ASCII bytes).
pub const SEED: [u8; 32] = *b"medchain-record-protocol-v1-test";

/// Substrate's well-known development phrase (never a real patient's): the patient's phrase.
pub const DEV_PHRASE: &str =
	"bottom drive obey lake curtain smoke basket hold race lonely fit walk";

/// A FHIR Observation with members out of canonical order, non-ASCII text, escapes and numbers
/// that RFC 8785 rewrites (`6.30` → `6.3`, `3.9e0` → `3.9`, `1.0E2` → `100`).
pub const FHIR_OBSERVATION: &str = r#"{
  "status": "final",
  "resourceType": "Observation",
  "id": "glucose-2026-12-01",
  "code": {
    "text": "Glukose (nüchtern) – Blut",
    "coding": [{ "system": "http:\/\/loinc.org", "display": "Glucose [Moles\/volume] in Blood", "code": "15074-8" }]
  },
  "subject": { "display": "Zoë Ångström 張" },
  "effectiveDateTime": "2026-12-01T07:30:00+01:00",
  "valueQuantity": { "value": 6.30, "unit": "mmol/L", "system": "http://unitsofmeasure.org", "code": "mmol/L" },
  "referenceRange": [{ "low": { "value": 3.9e0, "unit": "mmol/L" }, "high": { "value": 5.50, "unit": "mmol/L" } }],
  "note": [{ "text": "Sample \u00e9chantillon \"fasting\" 😀", "authorString": "Lab \t Tech" }],
  "extension": [{ "url": "urn:medchain:vectors:ranking", "valueInteger": 1.0E2 }]
}"#;

/// The raw-bytes record: a few bytes that are not UTF-8, as a scanned document's would be.
pub const RAW_BYTES: &[u8] = b"%PDF-1.7\n\x00\x01\x02\xff\xfe medchain raw record\n%%EOF\n";

/// The whole vector file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vectors {
	/// `medchain/record/v1`.
	pub protocol: String,
	/// What the file is.
	pub description: String,
	/// The RNG and the order of its draws.
	pub rng: String,
	/// The chain's genesis hash used in every envelope (hex).
	pub genesis_hash: String,
	/// The patient id (hex).
	pub patient_id: String,
	/// The X25519 keys of the patient (from the phrase) and of the practitioner.
	pub keys: Vec<KeyVector>,
	/// The records.
	pub records: Vec<RecordVector>,
}

/// One X25519 key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyVector {
	/// `patient` or `practitioner`.
	pub holder: String,
	/// The 32-byte account id of the holder (the patient id for the patient), hex.
	pub grantee: String,
	/// The recovery phrase the key is derived from, if any.
	pub phrase: Option<String>,
	/// The phrase's Substrate mini-secret seed (hex), if any.
	pub mini_secret_seed: Option<String>,
	/// The key version.
	pub key_version: u32,
	/// The X25519 secret key (hex, unclamped as derived).
	pub secret: String,
	/// The X25519 public key (hex).
	pub public: String,
}

/// One record, sealed, pointed to and enveloped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordVector {
	/// A name for the case.
	pub name: String,
	/// The kind byte (0 raw, 1 FHIR).
	pub kind: u8,
	/// The category's name.
	pub category: String,
	/// The category's SCALE index (the byte in the blob's associated data).
	pub category_index: u8,
	/// The input as given (hex).
	pub input_hex: String,
	/// The input as text, when it is UTF-8.
	pub input_text: Option<String>,
	/// The committed body (hex): canonical JSON for FHIR, the input for raw bytes.
	pub body_hex: String,
	/// The committed body as text, when it is UTF-8.
	pub body_text: Option<String>,
	/// The salt (hex).
	pub salt: String,
	/// blake2b-256 of the commitment preimage (hex).
	pub content_hash: String,
	/// The record's data key K (hex).
	pub data_key: String,
	/// The blob's nonce (hex).
	pub blob_nonce: String,
	/// The blob's associated data (hex).
	pub blob_associated_data: String,
	/// The sealed blob (hex).
	pub blob: String,
	/// The blob's URI.
	pub pointer_uri: String,
	/// The pointer's nonce (hex).
	pub pointer_nonce: String,
	/// The pointer's associated data (hex).
	pub pointer_associated_data: String,
	/// The pointer (hex).
	pub pointer: String,
	/// The envelopes of K.
	pub envelopes: Vec<EnvelopeVector>,
}

/// One envelope of a record's data key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnvelopeVector {
	/// Whose key it is made for (`patient` or `practitioner`).
	pub holder: String,
	/// The grantee bound in `info` (hex).
	pub grantee: String,
	/// The key version bound in `info` and named in the envelope.
	pub key_version: u32,
	/// The recipient's X25519 public key (hex).
	pub recipient_public: String,
	/// HPKE's `info` (hex).
	pub info: String,
	/// The 32 bytes of ephemeral key material HPKE drew (`ikmE` of RFC 9180 DeriveKeyPair, hex).
	pub ikm_e: String,
	/// The envelope (hex).
	pub envelope: String,
}

/// An RNG that remembers what it handed out (to report HPKE's `ikmE`); as strong as its source.
struct Recording<'a, R> {
	inner: &'a mut R,
	taken: Vec<u8>,
}

impl<R: RngCore> RngCore for Recording<'_, R> {
	fn next_u32(&mut self) -> u32 {
		let mut bytes = [0u8; 4];
		self.fill_bytes(&mut bytes);
		u32::from_le_bytes(bytes)
	}

	fn next_u64(&mut self) -> u64 {
		let mut bytes = [0u8; 8];
		self.fill_bytes(&mut bytes);
		u64::from_le_bytes(bytes)
	}

	fn fill_bytes(&mut self, dest: &mut [u8]) {
		self.inner.fill_bytes(dest);
		self.taken.extend_from_slice(dest);
	}

	fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
		self.fill_bytes(dest);
		Ok(())
	}
}

impl<R: CryptoRng> CryptoRng for Recording<'_, R> {}

fn draw<const N: usize>(rng: &mut ChaCha20Rng) -> [u8; N] {
	let mut bytes = [0u8; N];
	rng.fill_bytes(&mut bytes);
	bytes
}

fn text(bytes: &[u8]) -> Option<String> {
	std::str::from_utf8(bytes).ok().map(str::to_owned)
}

struct Party {
	holder: &'static str,
	grantee: Id,
	key_version: u32,
	secret: X25519Secret,
}

struct Case {
	name: &'static str,
	kind: Kind,
	category: DataCategory,
	input: &'static [u8],
	uri: &'static str,
}

/// Generates the vectors.
pub fn generate() -> Result<Vectors, Error> {
	let mut rng = ChaCha20Rng::from_seed(SEED);
	let genesis_hash: Hash = draw(&mut rng);
	let patient: Id = draw(&mut rng);
	let practitioner: Id = draw(&mut rng);
	let practitioner_secret = X25519Secret::from_bytes(draw(&mut rng));
	let seed = mini_secret_seed(DEV_PHRASE)?;

	let mut keys = Vec::new();
	for version in [0u32, 1] {
		let secret = derive_x25519(DEV_PHRASE, version)?;
		keys.push(KeyVector {
			holder: "patient".into(),
			grantee: hex::encode(patient),
			phrase: Some(DEV_PHRASE.into()),
			mini_secret_seed: Some(hex::encode(*seed)),
			key_version: version,
			secret: hex::encode(secret.as_bytes()),
			public: hex::encode(public_key(&secret)),
		});
	}
	let patient_current = derive_x25519(DEV_PHRASE, 1)?;
	keys.push(KeyVector {
		holder: "practitioner".into(),
		grantee: hex::encode(practitioner),
		phrase: None,
		mini_secret_seed: None,
		key_version: 2,
		secret: hex::encode(practitioner_secret.as_bytes()),
		public: hex::encode(public_key(&practitioner_secret)),
	});
	let parties = [
		Party { holder: "patient", grantee: patient, key_version: 1, secret: patient_current },
		Party {
			holder: "practitioner",
			grantee: practitioner,
			key_version: 2,
			secret: practitioner_secret,
		},
	];

	let cases = [
		Case {
			name: "fhir-observation",
			kind: Kind::Fhir,
			category: DataCategory::LabResults,
			input: FHIR_OBSERVATION.as_bytes(),
			uri: "file:///var/lib/medchain/blobs/glucose-2026-12-01.bin",
		},
		Case {
			name: "raw-bytes",
			kind: Kind::Raw,
			category: DataCategory::Imaging,
			input: RAW_BYTES,
			uri: "https://blobs.example-hospital.org/records/7f3a9c.bin",
		},
	];
	let mut records = Vec::new();
	for case in &cases {
		let record = Record::new(&mut rng, case.kind, case.input)?;
		let sealed = seal(&mut rng, &patient, case.category, &record)?;
		let pointer =
			seal_pointer(&mut rng, &sealed.key, &patient, &sealed.content_hash, case.uri)?;
		let mut envelopes = Vec::new();
		for party in &parties {
			let context = EnvelopeContext {
				genesis_hash,
				patient,
				content_hash: sealed.content_hash,
				grantee: party.grantee,
				key_version: party.key_version,
			};
			let recipient = public_key(&party.secret);
			let mut recording = Recording { inner: &mut rng, taken: Vec::new() };
			let envelope = wrap(&mut recording, &recipient, &context, &sealed.key)?;
			envelopes.push(EnvelopeVector {
				holder: party.holder.into(),
				grantee: hex::encode(party.grantee),
				key_version: party.key_version,
				recipient_public: hex::encode(recipient),
				info: hex::encode(context.info()),
				ikm_e: hex::encode(&recording.taken),
				envelope: hex::encode(envelope),
			});
		}
		let nonce_of = |bytes: &[u8]| hex::encode(bytes.get(1..1 + NONCE_LEN).unwrap_or_default());
		records.push(RecordVector {
			name: case.name.into(),
			kind: case.kind.byte(),
			category: case.category.name().into(),
			category_index: case.category.index(),
			input_hex: hex::encode(case.input),
			input_text: text(case.input),
			body_hex: hex::encode(&record.body),
			body_text: text(&record.body),
			salt: hex::encode(record.salt),
			content_hash: hex::encode(sealed.content_hash),
			data_key: hex::encode(sealed.key.as_bytes()),
			blob_nonce: nonce_of(&sealed.blob),
			blob_associated_data: hex::encode(content_associated_data(
				&patient,
				&sealed.content_hash,
				case.category,
			)),
			blob: hex::encode(&sealed.blob),
			pointer_uri: case.uri.into(),
			pointer_nonce: nonce_of(&pointer),
			pointer_associated_data: hex::encode(pointer_associated_data(
				&patient,
				&sealed.content_hash,
			)),
			pointer: hex::encode(&pointer),
			envelopes,
		});
	}

	Ok(Vectors {
		protocol: "medchain/record/v1".into(),
		description: "Test vectors of the Medchain record protocol v1 (docs/record-protocol.md), generated by `medchain-record-protocol vectors`. All hex is lowercase without 0x. The patient's keys derive from Substrate's public development phrase: never use it for real data.".into(),
		rng: "ChaCha20Rng::from_seed(b\"medchain-record-protocol-v1-test\") (rand_chacha 0.3), drawn in this order: genesis_hash[32], patient_id[32], practitioner account[32], practitioner X25519 secret[32]; then for each record in order: salt[32], data_key[32], blob_nonce[24], pointer_nonce[24], then ikm_e[32] for each envelope in order".into(),
		genesis_hash: hex::encode(genesis_hash),
		patient_id: hex::encode(patient),
		keys,
		records,
	})
}

/// The vectors as the committed file holds them: pretty JSON and a final newline.
pub fn to_json(vectors: &Vectors) -> Result<String, Error> {
	let mut json = serde_json::to_string_pretty(vectors)
		.map_err(|_| Error::Crypto("vectors serialisation"))?;
	json.push('\n');
	Ok(json)
}
