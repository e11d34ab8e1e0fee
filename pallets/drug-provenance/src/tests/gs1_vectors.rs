//! The shared GS1 vectors (docs/gs1-vectors.json) against the chain's own rules: every field
//! case through `medchain_primitives::gs1` and through the pallet's calls, every complete pack
//! scan commissioned and then verified with its scanned bytes, and every chain error of a scan
//! through the pallet. The TypeScript client checks its parser against the same file, so the
//! two sets of rules cannot drift apart.

use super::*;
use serde_json::Value;

const VECTORS: &str =
	include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/gs1-vectors.json"));

fn vectors() -> Value {
	serde_json::from_str(VECTORS).expect("docs/gs1-vectors.json is JSON")
}

fn cases<'a>(doc: &'a Value, key: &str) -> &'a Vec<Value> {
	doc[key].as_array().unwrap_or_else(|| panic!("docs/gs1-vectors.json has no {key} list"))
}

fn text<'a>(case: &'a Value, key: &str) -> &'a str {
	case[key].as_str().unwrap_or_else(|| panic!("{key} missing in {case}"))
}

/// The vectors' name of a chain error.
fn code_of(error: Gs1Error) -> &'static str {
	match error {
		Gs1Error::GtinFormat => "GTIN_FORMAT",
		Gs1Error::GtinCheckDigit => "GTIN_CHECK_DIGIT",
		Gs1Error::SsccFormat => "SSCC_FORMAT",
		Gs1Error::SsccCheckDigit => "SSCC_CHECK_DIGIT",
		Gs1Error::SerialFormat => "SERIAL_FORMAT",
		Gs1Error::LotFormat => "LOT_FORMAT",
		Gs1Error::ExpiryFormat => "EXPIRY_FORMAT",
		Gs1Error::ExpiryDate => "EXPIRY_DATE",
	}
}

/// The pallet error a chain error code stands for.
fn pallet_error(code: &str) -> Error<Test> {
	match code {
		"GTIN_FORMAT" => Error::<Test>::InvalidGtin,
		"GTIN_CHECK_DIGIT" => Error::<Test>::InvalidGtinCheckDigit,
		"SSCC_FORMAT" => Error::<Test>::InvalidSscc,
		"SSCC_CHECK_DIGIT" => Error::<Test>::InvalidSsccCheckDigit,
		"SERIAL_FORMAT" => Error::<Test>::InvalidSerial,
		"LOT_FORMAT" => Error::<Test>::InvalidLot,
		"EXPIRY_FORMAT" => Error::<Test>::InvalidExpiry,
		"EXPIRY_DATE" => Error::<Test>::InvalidExpiryDate,
		other => panic!("not a chain error code: {other}"),
	}
}

/// The primitives' verdict on one identifier of `kind`, with the moment an expiry passes.
fn primitive_verdict(kind: &str, input: &[u8]) -> Result<Option<Moment>, &'static str> {
	let verdict = match kind {
		"gtin" => gs1::gtin(input).map(|_| None),
		"sscc" => gs1::sscc(input).map(|_| None),
		"serial" => gs1::serial(input).map(|_| None),
		"lot" => gs1::lot(input).map(|_| None),
		"expiry" => gs1::expiry(input).map(|(_, ends)| Some(ends)),
		other => panic!("unknown field kind {other}"),
	};
	verdict.map_err(code_of)
}

/// The pallet's answer to a call carrying the identifier of `kind` (every other argument
/// valid), in a fresh chain with the maker's product `GTIN` registered.
fn pallet_verdict(kind: &str, input: &[u8]) -> DispatchResult {
	assert!(input.len() <= 32, "a raw code is at most 32 bytes: {input:?}");
	let mut result = Ok(());
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Pallet::register_product(signed(MAKER_STAFF), code(GTIN), name()));
		let commission = |lot: &[u8], expiry: &[u8], serial: &[u8]| {
			Pallet::commission_units(
				signed(MAKER_STAFF),
				code(GTIN),
				code(lot),
				code(expiry),
				BoundedVec::truncate_from(vec![code(serial)]),
			)
		};
		result = match kind {
			"gtin" => Pallet::register_product(signed(MAKER_STAFF), code(input), name()),
			"sscc" => Pallet::pack(signed(MAKER_STAFF), code(input), items(vec![unit("S1")])),
			"serial" => commission(LOT, EXPIRY, input),
			"lot" => commission(input, EXPIRY, b"S1"),
			"expiry" => commission(LOT, input, b"S1"),
			other => panic!("unknown field kind {other}"),
		};
	});
	result
}

#[test]
fn field_vectors_get_the_chains_verdict() {
	let doc = vectors();
	let fields = cases(&doc, "fields");
	assert!(fields.len() >= 40, "the field vectors are all there");
	for case in fields {
		let (kind, input) = (text(case, "kind"), text(case, "input").as_bytes());
		let verdict = primitive_verdict(kind, input);
		if case["ok"] == Value::Bool(true) {
			let ends = verdict.unwrap_or_else(|e| panic!("{case}: refused with {e}"));
			assert_eq!(ends, case["endsAt"].as_u64(), "{case}: the moment the expiry passes");
		} else {
			let expected = text(case, "error");
			assert_eq!(verdict, Err(expected), "{case}");
			assert_eq!(
				pallet_verdict(kind, input),
				Err(pallet_error(expected).into()),
				"{case}: the pallet's call"
			);
		}
	}
}

#[test]
fn pack_scans_commission_and_verify_with_their_scanned_bytes() {
	let doc = vectors();
	let packs: Vec<&Value> =
		cases(&doc, "scans").iter().filter(|c| c["pack"].is_object()).collect();
	assert!(packs.len() >= 10, "the pack vectors are all there");
	for case in packs {
		let pack = &case["pack"];
		let [gtin, serial, lot, expiry] =
			["gtin", "serial", "lot", "expiry"].map(|key| text(pack, key).as_bytes());
		let (_, ends) = gs1::expiry(expiry).unwrap_or_else(|e| panic!("{case}: {e:?}"));
		assert_eq!(Some(ends), pack["expiresAt"].as_u64(), "{case}: expiresAt");
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Pallet::register_product(signed(MAKER_STAFF), code(gtin), name()));
			assert_ok!(Pallet::commission_units(
				signed(MAKER_STAFF),
				code(gtin),
				code(lot),
				code(expiry),
				BoundedVec::truncate_from(vec![code(serial)]),
			));
			let verdict = Pallet::verify_unit(gtin, serial, lot, expiry);
			assert!(
				matches!(verdict, UnitVerification::Genuine { .. }),
				"{case}: verified as {verdict:?}"
			);
		});
	}
}

#[test]
fn chain_errors_of_scans_are_the_pallets_errors() {
	let doc = vectors();
	let kinds = [("00", "sscc"), ("01", "gtin"), ("10", "lot"), ("17", "expiry"), ("21", "serial")];
	let mut checked = 0;
	for case in cases(&doc, "scans") {
		let Some(value) = case["value"].as_str() else { continue };
		let ai = text(case, "ai");
		let (_, kind) = kinds
			.iter()
			.find(|(known, _)| *known == ai)
			.unwrap_or_else(|| panic!("{case}: a value is given for the chain's AIs only"));
		let expected = text(case, "error");
		assert_eq!(primitive_verdict(kind, value.as_bytes()).map(|_| ()), Err(expected), "{case}");
		assert_eq!(
			pallet_verdict(kind, value.as_bytes()),
			Err(pallet_error(expected).into()),
			"{case}: the pallet's call"
		);
		checked += 1;
	}
	assert!(checked >= 10, "the scans with a chain error are all there");
}
