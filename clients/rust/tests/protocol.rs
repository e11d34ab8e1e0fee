//! Round trips of every format, and the check that refuses each tampered or misplaced input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::arithmetic_side_effects, clippy::panic)]

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use medchain_record_protocol::*;
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

const PATIENT: Id = [0x11; 32];
const OTHER_PATIENT: Id = [0x12; 32];
const GENESIS: Hash = [0x22; 32];
const READER: Id = [0x33; 32];
const OBSERVATION: &str = r#"{"status":"final","resourceType":"Observation","valueQuantity":{"value":6.30,"unit":"mmol/L"}}"#;

fn rng() -> ChaCha20Rng {
	ChaCha20Rng::from_seed([7; 32])
}

fn sealed_observation(rng: &mut ChaCha20Rng) -> (Record, Sealed) {
	let record = Record::new(rng, Kind::Fhir, OBSERVATION.as_bytes()).unwrap();
	let sealed = seal(rng, &PATIENT, DataCategory::LabResults, &record).unwrap();
	(record, sealed)
}

fn context(content_hash: Hash, key_version: u32) -> EnvelopeContext {
	EnvelopeContext {
		genesis_hash: GENESIS,
		patient: PATIENT,
		content_hash,
		grantee: READER,
		key_version,
	}
}

// Commitment

#[test]
fn fhir_commitment_hashes_canonical_json() {
	let record = Record::fhir([1; 32], OBSERVATION.as_bytes()).unwrap();
	assert_eq!(
		record.body,
		br#"{"resourceType":"Observation","status":"final","valueQuantity":{"unit":"mmol/L","value":6.3}}"#
	);
	let reordered = r#"{ "valueQuantity": {"unit": "mmol/L", "value": 6.3}, "resourceType": "Observation", "status": "final" }"#;
	assert_eq!(
		Record::fhir([1; 32], reordered.as_bytes()).unwrap().content_hash(),
		record.content_hash()
	);
}

#[test]
fn commitment_depends_on_salt_kind_and_body() {
	let hash = commit(&[1; 32], Kind::Raw, b"body");
	assert_ne!(hash, commit(&[2; 32], Kind::Raw, b"body"));
	assert_ne!(hash, commit(&[1; 32], Kind::Fhir, b"body"));
	assert_ne!(hash, commit(&[1; 32], Kind::Raw, b"bodY"));
}

#[test]
fn canonical_json_sorts_members_by_utf16_code_units() {
	// RFC 8785 §3.2.3's sorting example.
	let input = r#"{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","resourceType":"Basic"}"#;
	let canonical = String::from_utf8(canonical_json(input.as_bytes()).unwrap()).unwrap();
	assert_eq!(
		canonical,
		"{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"resourceType\":\"Basic\",\"\u{80}\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\",\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}"
	);
}

#[test]
fn canonical_json_formats_numbers_as_ecmascript() {
	let input =
		r#"{"resourceType":"Basic","n":[333333333.33333329,1E30,4.50,2e-3,0.000001,1e-7,-0,100]}"#;
	let canonical = String::from_utf8(canonical_json(input.as_bytes()).unwrap()).unwrap();
	assert_eq!(
		canonical,
		r#"{"n":[333333333.3333333,1e+30,4.5,0.002,0.000001,1e-7,0,100],"resourceType":"Basic"}"#
	);
}

#[test]
fn duplicate_member_is_refused() {
	let input = r#"{"resourceType":"Observation","status":"final","status":"amended"}"#;
	assert_eq!(canonical_json(input.as_bytes()), Err(Error::DuplicateMember("status".into())));
	let nested = r#"{"resourceType":"Observation","code":{"text":"a","te\u0078t":"b"}}"#;
	assert_eq!(canonical_json(nested.as_bytes()), Err(Error::DuplicateMember("text".into())));
}

#[test]
fn non_resources_and_non_json_are_refused() {
	assert_eq!(canonical_json(br#"{"status":"final"}"#), Err(Error::NotAFhirResource));
	assert_eq!(canonical_json(br#"["Observation"]"#), Err(Error::NotAFhirResource));
	assert_eq!(canonical_json(br#"{"resourceType":""}"#), Err(Error::NotAFhirResource));
	assert!(matches!(canonical_json(b"{\"resourceType\":"), Err(Error::InvalidJson(_))));
	assert!(matches!(
		canonical_json(br#"{"resourceType":"Basic","n":1e400}"#),
		Err(Error::InvalidJson(_))
	));
	assert!(matches!(
		canonical_json(br#"{"resourceType":"Basic","s":"\ud800"}"#),
		Err(Error::InvalidJson(_))
	));
}

// Sealed blob

#[test]
fn sealed_fhir_record_opens_to_its_canonical_body() {
	let mut rng = rng();
	let (record, sealed) = sealed_observation(&mut rng);
	assert_eq!(sealed.content_hash, record.content_hash());
	assert_eq!(sealed.blob[0], PROTOCOL_VERSION);
	assert_eq!(sealed.blob.len(), 1 + NONCE_LEN + SALT_LEN + 1 + record.body.len() + TAG_LEN);
	let opened =
		open(&sealed.key, &PATIENT, &sealed.content_hash, DataCategory::LabResults, &sealed.blob)
			.unwrap();
	assert_eq!(opened, record);
}

#[test]
fn sealed_raw_record_round_trips() {
	let mut rng = rng();
	let record = Record::new(&mut rng, Kind::Raw, &[0, 1, 2, 255]).unwrap();
	let sealed = seal(&mut rng, &PATIENT, DataCategory::Imaging, &record).unwrap();
	let opened =
		open(&sealed.key, &PATIENT, &sealed.content_hash, DataCategory::Imaging, &sealed.blob)
			.unwrap();
	assert_eq!(opened.kind, Kind::Raw);
	assert_eq!(opened.body, vec![0, 1, 2, 255]);
}

#[test]
fn every_altered_byte_of_a_blob_fails_authentication() {
	let mut rng = rng();
	let (_, sealed) = sealed_observation(&mut rng);
	for at in 1..sealed.blob.len() {
		let mut blob = sealed.blob.clone();
		blob[at] ^= 0x01;
		assert_eq!(
			open(&sealed.key, &PATIENT, &sealed.content_hash, DataCategory::LabResults, &blob),
			Err(Error::ContentAuthentication),
			"byte {at}"
		);
	}
}

#[test]
fn blob_with_another_version_byte_is_refused() {
	let mut rng = rng();
	let (_, sealed) = sealed_observation(&mut rng);
	let mut blob = sealed.blob.clone();
	blob[0] = 0x02;
	assert_eq!(
		open(&sealed.key, &PATIENT, &sealed.content_hash, DataCategory::LabResults, &blob),
		Err(Error::UnsupportedVersion { format: Format::Blob, found: 2 })
	);
}

#[test]
fn truncated_blob_is_refused() {
	let mut rng = rng();
	let (_, sealed) = sealed_observation(&mut rng);
	for len in [0, 1, 25, 1 + NONCE_LEN + SALT_LEN + TAG_LEN] {
		assert_eq!(
			open(
				&sealed.key,
				&PATIENT,
				&sealed.content_hash,
				DataCategory::LabResults,
				&sealed.blob[..len]
			),
			Err(Error::Truncated { format: Format::Blob, len })
		);
	}
}

#[test]
fn blob_opened_with_another_key_fails_authentication() {
	let mut rng = rng();
	let (_, sealed) = sealed_observation(&mut rng);
	let other = DataKey::generate(&mut rng);
	assert_eq!(
		open(&other, &PATIENT, &sealed.content_hash, DataCategory::LabResults, &sealed.blob),
		Err(Error::ContentAuthentication)
	);
}

#[test]
fn blob_moved_to_another_patient_record_or_category_fails_authentication() {
	let mut rng = rng();
	let (_, sealed) = sealed_observation(&mut rng);
	let (_, other) = sealed_observation(&mut rng);
	let cases = [
		(OTHER_PATIENT, sealed.content_hash, DataCategory::LabResults),
		(PATIENT, other.content_hash, DataCategory::LabResults),
		(PATIENT, sealed.content_hash, DataCategory::MentalHealth),
	];
	for (patient, content_hash, category) in cases {
		assert_eq!(
			open(&sealed.key, &patient, &content_hash, category, &sealed.blob),
			Err(Error::ContentAuthentication)
		);
	}
}

/// Whoever holds K can encrypt other content under the record's associated data; the commitment
/// is what catches it (XChaCha20-Poly1305 alone does not commit to the plaintext's hash).
#[test]
fn blob_resealed_with_other_content_fails_the_commitment() {
	let mut rng = rng();
	let (record, sealed) = sealed_observation(&mut rng);
	let forged_plaintext = [&record.salt[..], &[Kind::Raw.byte()], b"forged"].concat();
	let nonce = [9u8; NONCE_LEN];
	let ciphertext = XChaCha20Poly1305::new(sealed.key.as_bytes().into())
		.encrypt(
			&XNonce::from(nonce),
			Payload {
				msg: &forged_plaintext,
				aad: &content_associated_data(
					&PATIENT,
					&sealed.content_hash,
					DataCategory::LabResults,
				),
			},
		)
		.unwrap();
	let forged = [&[PROTOCOL_VERSION][..], &nonce, &ciphertext].concat();
	assert_eq!(
		open(&sealed.key, &PATIENT, &sealed.content_hash, DataCategory::LabResults, &forged),
		Err(Error::CommitmentMismatch)
	);
}

#[test]
fn fhir_body_committed_in_non_canonical_form_is_refused() {
	let mut rng = rng();
	let body = br#"{"status":"final","resourceType":"Observation"}"#;
	let forged = Record { salt: [3; 32], kind: Kind::Fhir, body: body.to_vec() };
	let sealed = seal(&mut rng, &PATIENT, DataCategory::LabResults, &forged).unwrap();
	assert_eq!(
		open(&sealed.key, &PATIENT, &sealed.content_hash, DataCategory::LabResults, &sealed.blob),
		Err(Error::NotCanonical)
	);
}

#[test]
fn unknown_kind_is_refused_after_the_commitment() {
	let mut rng = rng();
	let key = DataKey::generate(&mut rng);
	let salt = [4u8; 32];
	let plaintext = [&salt[..], &[0x07], b"body"].concat();
	// commit() only takes known kinds: hash the preimage as the spec writes it.
	let content_hash: Hash = {
		use blake2::{digest::consts::U32, Blake2b, Digest};
		Blake2b::<U32>::digest([COMMIT_TAG, &plaintext].concat()).into()
	};
	let nonce = [5u8; NONCE_LEN];
	let ciphertext = XChaCha20Poly1305::new(key.as_bytes().into())
		.encrypt(
			&XNonce::from(nonce),
			Payload {
				msg: &plaintext,
				aad: &content_associated_data(&PATIENT, &content_hash, DataCategory::Vitals),
			},
		)
		.unwrap();
	let blob = [&[PROTOCOL_VERSION][..], &nonce, &ciphertext].concat();
	assert_eq!(
		open(&key, &PATIENT, &content_hash, DataCategory::Vitals, &blob),
		Err(Error::UnknownKind(0x07))
	);
}

// Pointer

#[test]
fn pointer_round_trips_up_to_the_longest_uri() {
	let mut rng = rng();
	let (_, sealed) = sealed_observation(&mut rng);
	for uri in ["file:///blobs/1.bin".to_owned(), "u".repeat(MAX_URI_LEN)] {
		let pointer =
			seal_pointer(&mut rng, &sealed.key, &PATIENT, &sealed.content_hash, &uri).unwrap();
		assert!(pointer.len() <= MAX_POINTER_LEN);
		assert_eq!(pointer.len(), 1 + NONCE_LEN + uri.len() + TAG_LEN);
		assert_eq!(
			open_pointer(&sealed.key, &PATIENT, &sealed.content_hash, &pointer).unwrap(),
			uri
		);
	}
	assert_eq!(MAX_URI_LEN, 215);
}

#[test]
fn uri_over_215_bytes_is_refused() {
	let mut rng = rng();
	let (_, sealed) = sealed_observation(&mut rng);
	let uri = "u".repeat(MAX_URI_LEN + 1);
	assert_eq!(
		seal_pointer(&mut rng, &sealed.key, &PATIENT, &sealed.content_hash, &uri),
		Err(Error::UriTooLong { len: 216, max: 215 })
	);
}

#[test]
fn tampered_or_moved_pointer_fails_authentication() {
	let mut rng = rng();
	let (_, sealed) = sealed_observation(&mut rng);
	let (_, other) = sealed_observation(&mut rng);
	let pointer =
		seal_pointer(&mut rng, &sealed.key, &PATIENT, &sealed.content_hash, "file:///b").unwrap();
	for at in 1..pointer.len() {
		let mut altered = pointer.clone();
		altered[at] ^= 0x80;
		assert_eq!(
			open_pointer(&sealed.key, &PATIENT, &sealed.content_hash, &altered),
			Err(Error::PointerAuthentication)
		);
	}
	assert_eq!(
		open_pointer(&sealed.key, &OTHER_PATIENT, &sealed.content_hash, &pointer),
		Err(Error::PointerAuthentication)
	);
	assert_eq!(
		open_pointer(&sealed.key, &PATIENT, &other.content_hash, &pointer),
		Err(Error::PointerAuthentication)
	);
	assert_eq!(
		open_pointer(&other.key, &PATIENT, &sealed.content_hash, &pointer),
		Err(Error::PointerAuthentication)
	);
	let mut versioned = pointer.clone();
	versioned[0] = 0;
	assert_eq!(
		open_pointer(&sealed.key, &PATIENT, &sealed.content_hash, &versioned),
		Err(Error::UnsupportedVersion { format: Format::Pointer, found: 0 })
	);
	assert_eq!(
		open_pointer(&sealed.key, &PATIENT, &sealed.content_hash, &pointer[..20]),
		Err(Error::Truncated { format: Format::Pointer, len: 20 })
	);
	assert_eq!(
		open_pointer(&sealed.key, &PATIENT, &sealed.content_hash, &[1; 257]),
		Err(Error::PointerTooLong { len: 257 })
	);
}

// Envelopes

#[test]
fn envelope_round_trips_and_has_85_bytes() {
	let mut rng = rng();
	let (_, sealed) = sealed_observation(&mut rng);
	let reader = X25519Secret::generate(&mut rng);
	let ctx = context(sealed.content_hash, 3);
	let envelope = wrap(&mut rng, &public_key(&reader), &ctx, &sealed.key).unwrap();
	assert_eq!(envelope.len(), ENVELOPE_LEN);
	assert_eq!(ENVELOPE_LEN, 85);
	const { assert!(ENVELOPE_LEN <= MAX_ENVELOPE_LEN) };
	assert_eq!(envelope[0], PROTOCOL_VERSION);
	assert_eq!(envelope[1..5], 3u32.to_le_bytes());
	assert_eq!(envelope_key_version(&envelope), Ok(3));
	assert_eq!(unwrap(&envelope, &ctx, &reader).unwrap(), sealed.key);
	assert_eq!(ctx.info().len(), 159);
}

#[test]
fn envelope_for_the_patient_opens_with_the_phrase_key() {
	let mut rng = rng();
	let (_, sealed) = sealed_observation(&mut rng);
	let phrase = vectors::DEV_PHRASE;
	let patient_key = derive_x25519(phrase, 0).unwrap();
	let ctx = EnvelopeContext {
		genesis_hash: GENESIS,
		patient: PATIENT,
		content_hash: sealed.content_hash,
		grantee: PATIENT,
		key_version: 0,
	};
	let envelope = wrap(&mut rng, &public_key(&patient_key), &ctx, &sealed.key).unwrap();
	// Recovering the phrase recovers the key: derive it again from nothing but the phrase.
	let recovered = derive_x25519(phrase, envelope_key_version(&envelope).unwrap()).unwrap();
	assert_eq!(unwrap(&envelope, &ctx, &recovered).unwrap(), sealed.key);
}

#[test]
fn envelope_copied_onto_another_record_fails() {
	let mut rng = rng();
	let (_, sealed) = sealed_observation(&mut rng);
	let (_, other) = sealed_observation(&mut rng);
	let reader = X25519Secret::generate(&mut rng);
	let envelope =
		wrap(&mut rng, &public_key(&reader), &context(sealed.content_hash, 1), &sealed.key)
			.unwrap();
	assert_eq!(
		unwrap(&envelope, &context(other.content_hash, 1), &reader),
		Err(Error::EnvelopeAuthentication)
	);
}

#[test]
fn envelope_copied_onto_another_grantee_fails() {
	let mut rng = rng();
	let (_, sealed) = sealed_observation(&mut rng);
	let reader = X25519Secret::generate(&mut rng);
	let ctx = context(sealed.content_hash, 1);
	let envelope = wrap(&mut rng, &public_key(&reader), &ctx, &sealed.key).unwrap();
	// Even a grantee holding the same key (an organisation's shared service key) cannot reuse it.
	let copied = EnvelopeContext { grantee: [0x44; 32], ..ctx };
	assert_eq!(unwrap(&envelope, &copied, &reader), Err(Error::EnvelopeAuthentication));
	// And the envelope to the patient is no envelope to a reader, nor the other way round.
	let as_patient = EnvelopeContext { grantee: PATIENT, ..ctx };
	assert_eq!(unwrap(&envelope, &as_patient, &reader), Err(Error::EnvelopeAuthentication));
}

#[test]
fn envelope_copied_onto_another_chain_or_patient_fails() {
	let mut rng = rng();
	let (_, sealed) = sealed_observation(&mut rng);
	let reader = X25519Secret::generate(&mut rng);
	let ctx = context(sealed.content_hash, 1);
	let envelope = wrap(&mut rng, &public_key(&reader), &ctx, &sealed.key).unwrap();
	let other_chain = EnvelopeContext { genesis_hash: [0x23; 32], ..ctx };
	assert_eq!(unwrap(&envelope, &other_chain, &reader), Err(Error::EnvelopeAuthentication));
	let other_patient = EnvelopeContext { patient: OTHER_PATIENT, ..ctx };
	assert_eq!(unwrap(&envelope, &other_patient, &reader), Err(Error::EnvelopeAuthentication));
}

#[test]
fn envelope_copied_onto_another_key_version_fails() {
	let mut rng = rng();
	let (_, sealed) = sealed_observation(&mut rng);
	let v1 = derive_x25519(vectors::DEV_PHRASE, 1).unwrap();
	let v2 = derive_x25519(vectors::DEV_PHRASE, 2).unwrap();
	assert_ne!(public_key(&v1), public_key(&v2));
	let ctx = context(sealed.content_hash, 1);
	let envelope = wrap(&mut rng, &public_key(&v1), &ctx, &sealed.key).unwrap();
	// Asked for as version 2, the header disagrees.
	assert_eq!(
		unwrap(&envelope, &context(sealed.content_hash, 2), &v2),
		Err(Error::KeyVersionMismatch { envelope: 1, expected: 2 })
	);
	// With its header rewritten to version 2, HPKE's info no longer matches, whichever key.
	let mut relabelled = envelope;
	relabelled[1..5].copy_from_slice(&2u32.to_le_bytes());
	for secret in [&v1, &v2] {
		assert_eq!(
			unwrap(&relabelled, &context(sealed.content_hash, 2), secret),
			Err(Error::EnvelopeAuthentication)
		);
	}
	// The version-2 key cannot open the version-1 envelope either.
	assert_eq!(unwrap(&envelope, &ctx, &v2), Err(Error::EnvelopeAuthentication));
}

#[test]
fn tampered_envelope_fails() {
	let mut rng = rng();
	let (_, sealed) = sealed_observation(&mut rng);
	let reader = X25519Secret::generate(&mut rng);
	let ctx = context(sealed.content_hash, 1);
	let envelope = wrap(&mut rng, &public_key(&reader), &ctx, &sealed.key).unwrap();
	for at in 5..ENVELOPE_LEN {
		let mut altered = envelope;
		altered[at] ^= 0x01;
		assert_eq!(unwrap(&altered, &ctx, &reader), Err(Error::EnvelopeAuthentication), "{at}");
	}
	let mut versioned = envelope;
	versioned[0] = 2;
	assert_eq!(
		unwrap(&versioned, &ctx, &reader),
		Err(Error::UnsupportedVersion { format: Format::Envelope, found: 2 })
	);
	assert_eq!(unwrap(&envelope[..84], &ctx, &reader), Err(Error::EnvelopeLength { len: 84 }));
	let long = [&envelope[..], &[0]].concat();
	assert_eq!(unwrap(&long, &ctx, &reader), Err(Error::EnvelopeLength { len: 86 }));
}

#[test]
fn envelope_opened_with_another_secret_fails() {
	let mut rng = rng();
	let (_, sealed) = sealed_observation(&mut rng);
	let reader = X25519Secret::generate(&mut rng);
	let stranger = X25519Secret::generate(&mut rng);
	let ctx = context(sealed.content_hash, 1);
	let envelope = wrap(&mut rng, &public_key(&reader), &ctx, &sealed.key).unwrap();
	assert_eq!(unwrap(&envelope, &ctx, &stranger), Err(Error::EnvelopeAuthentication));
}

#[test]
fn low_order_recipient_key_is_refused() {
	let mut rng = rng();
	let (_, sealed) = sealed_observation(&mut rng);
	let ctx = context(sealed.content_hash, 1);
	assert_eq!(wrap(&mut rng, &[0; 32], &ctx, &sealed.key), Err(Error::InvalidRecipientKey));
}

// Keys

#[test]
fn key_versions_and_phrases_give_distinct_keys() {
	let phrase = vectors::DEV_PHRASE;
	let v0 = derive_x25519(phrase, 0).unwrap();
	assert_eq!(v0, derive_x25519(phrase, 0).unwrap());
	assert_ne!(v0, derive_x25519(phrase, 1).unwrap());
	let other = "legal winner thank year wave sausage worth useful legal winner thank yellow";
	assert_ne!(v0, derive_x25519(other, 0).unwrap());
}

#[test]
fn invalid_phrase_is_refused() {
	assert_eq!(derive_x25519("bottom drive obey lake", 0), Err(Error::InvalidPhrase));
	let bad_checksum = "bottom drive obey lake curtain smoke basket hold race lonely fit fit";
	assert_eq!(derive_x25519(bad_checksum, 0), Err(Error::InvalidPhrase));
}

#[test]
fn category_bytes_and_names_parse() {
	assert_eq!(DataCategory::LabResults.index(), 5);
	assert_eq!(DataCategory::parse("labresults"), Some(DataCategory::LabResults));
	assert_eq!(DataCategory::parse("15"), Some(DataCategory::SexualReproductive));
	assert_eq!(DataCategory::parse("16"), None);
	assert_eq!(DataCategory::from_index(16), Err(Error::UnknownCategory(16)));
}
