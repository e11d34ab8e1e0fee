//! The committed vectors match the code, and open with nothing but what the file says.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use hpke::{kem::X25519HkdfSha256, Kem, Serializable};
use medchain_record_protocol::vectors::{self, Vectors};
use medchain_record_protocol::*;

const COMMITTED: &str = include_str!("../../../docs/record-protocol-vectors.json");

fn h32(text: &str) -> [u8; 32] {
	hex::decode(text).unwrap().try_into().unwrap()
}

fn h(text: &str) -> Vec<u8> {
	hex::decode(text).unwrap()
}

#[test]
fn committed_vectors_match_the_code() {
	let generated = vectors::to_json(&vectors::generate().unwrap()).unwrap();
	assert!(
		generated == COMMITTED,
		"docs/record-protocol-vectors.json drifted from the code; if the change is intended, run \
		 `cargo run -p medchain-record-protocol -- vectors > docs/record-protocol-vectors.json` \
		 and bump the protocol version if any byte of an existing format changed"
	);
}

#[test]
fn committed_vectors_open_with_their_listed_keys() {
	let file: Vectors = serde_json::from_str(COMMITTED).unwrap();
	let patient = h32(&file.patient_id);
	let genesis = h32(&file.genesis_hash);
	for key in &file.keys {
		let secret = match &key.phrase {
			Some(phrase) => {
				let seed = mini_secret_seed(phrase).unwrap();
				assert_eq!(hex::encode(*seed), key.mini_secret_seed.clone().unwrap());
				let secret = derive_x25519(phrase, key.key_version).unwrap();
				assert_eq!(hex::encode(secret.as_bytes()), key.secret);
				secret
			}
			None => X25519Secret::from_bytes(h32(&key.secret)),
		};
		assert_eq!(hex::encode(public_key(&secret)), key.public);
	}
	assert_eq!(file.records.len(), 2);
	for record in &file.records {
		let kind = Kind::from_byte(record.kind).unwrap();
		let category = DataCategory::from_index(record.category_index).unwrap();
		assert_eq!(category.name(), record.category);
		let salt = h32(&record.salt);
		let content_hash = h32(&record.content_hash);
		let input = h(&record.input_hex);
		let body = match kind {
			Kind::Fhir => canonical_json(&input).unwrap(),
			Kind::Raw => input.clone(),
		};
		assert_eq!(hex::encode(&body), record.body_hex);
		assert_eq!(commit(&salt, kind, &body), content_hash);

		let key = DataKey::from_bytes(h32(&record.data_key));
		let blob = h(&record.blob);
		assert_eq!(hex::encode(&blob[1..25]), record.blob_nonce);
		assert_eq!(
			hex::encode(content_associated_data(&patient, &content_hash, category)),
			record.blob_associated_data
		);
		let opened = open(&key, &patient, &content_hash, category, &blob).unwrap();
		assert_eq!((opened.salt, opened.kind, opened.body.clone()), (salt, kind, body));
		let pointer = h(&record.pointer);
		assert!(pointer.len() <= MAX_POINTER_LEN);
		assert_eq!(
			open_pointer(&key, &patient, &content_hash, &pointer).unwrap(),
			record.pointer_uri
		);

		assert_eq!(record.envelopes.len(), 2);
		for envelope in &record.envelopes {
			let holder = file
				.keys
				.iter()
				.find(|k| k.holder == envelope.holder && k.key_version == envelope.key_version)
				.unwrap();
			assert_eq!(holder.public, envelope.recipient_public);
			assert_eq!(holder.grantee, envelope.grantee);
			let context = EnvelopeContext {
				genesis_hash: genesis,
				patient,
				content_hash,
				grantee: h32(&envelope.grantee),
				key_version: envelope.key_version,
			};
			assert_eq!(hex::encode(context.info()), envelope.info);
			let bytes = h(&envelope.envelope);
			assert_eq!(bytes.len(), ENVELOPE_LEN);
			// RFC 9180 DeriveKeyPair(ikm_e) gives the ephemeral key whose public half is `enc`.
			let (_, ephemeral) = <X25519HkdfSha256 as Kem>::derive_keypair(&h(&envelope.ikm_e));
			assert_eq!(ephemeral.to_bytes().as_slice(), &bytes[5..37]);
			let secret = X25519Secret::from_bytes(h32(&holder.secret));
			assert_eq!(unwrap(&bytes, &context, &secret).unwrap(), key);
		}
	}
}

#[test]
fn fhir_vector_exercises_rfc_8785() {
	let file: Vectors = serde_json::from_str(COMMITTED).unwrap();
	let fhir = &file.records[0];
	let body = fhir.body_text.as_deref().unwrap();
	assert!(body.starts_with(r#"{"code":{"coding":[{"code":"15074-8""#), "{body}");
	assert!(body.contains(r#""value":6.3}"#) && body.contains(r#""value":3.9}"#));
	assert!(body.contains(r#""valueInteger":100}"#) && body.contains("Zoë Ångström 張"));
	assert!(body.contains("échantillon \\\"fasting\\\" 😀") && body.contains("http://loinc.org"));
	assert!(!body.contains('\n') && body.contains(r#""authorString":"Lab \t Tech""#));
	assert!(fhir.input_text.as_deref().unwrap().contains(r#""status": "final""#));
}
