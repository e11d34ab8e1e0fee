//! RFC 8785 canonical JSON of a FHIR resource, with the input held to I-JSON (RFC 7493) first.
//!
//! `serde_json` keeps the last of two members with one name, as JavaScript's `JSON.parse` does;
//! two viewers could still show such a resource differently, so a duplicate is refused here
//! instead of being resolved. The canonical bytes come from `serde_json_canonicalizer`.

use crate::Error;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::BTreeSet;
use std::fmt;

/// The RFC 8785 canonical form of a FHIR JSON resource.
///
/// Refuses input that is not JSON or not I-JSON ([`Error::InvalidJson`]), that repeats a member
/// name within an object ([`Error::DuplicateMember`]), or whose top level is not an object with
/// a non-empty string `resourceType` ([`Error::NotAFhirResource`]).
pub fn canonical_json(json: &[u8]) -> Result<Vec<u8>, Error> {
	let value: serde_json::Value =
		serde_json::from_slice(json).map_err(|e| Error::InvalidJson(e.to_string()))?;
	let duplicate: FirstDuplicate =
		serde_json::from_slice(json).map_err(|e| Error::InvalidJson(e.to_string()))?;
	if let Some(name) = duplicate.0 {
		return Err(Error::DuplicateMember(name));
	}
	match value.get("resourceType") {
		Some(serde_json::Value::String(kind)) if !kind.is_empty() => {}
		_ => return Err(Error::NotAFhirResource),
	}
	serde_json_canonicalizer::to_vec(&value).map_err(|e| Error::InvalidJson(e.to_string()))
}

/// The first member name that an object of the document repeats, if any (document order).
struct FirstDuplicate(Option<String>);

impl<'de> Deserialize<'de> for FirstDuplicate {
	fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		deserializer.deserialize_any(DuplicateFinder).map(FirstDuplicate)
	}
}

struct DuplicateFinder;

impl<'de> Visitor<'de> for DuplicateFinder {
	type Value = Option<String>;

	fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str("a JSON value")
	}

	fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
		Ok(None)
	}

	fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
		Ok(None)
	}

	fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
		Ok(None)
	}

	fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
		Ok(None)
	}

	fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
		Ok(None)
	}

	fn visit_unit<E>(self) -> Result<Self::Value, E> {
		Ok(None)
	}

	fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
		let mut first = None;
		while let Some(FirstDuplicate(inner)) = seq.next_element()? {
			first = first.or(inner);
		}
		Ok(first)
	}

	// With serde_json's `arbitrary_precision` feature (which other workspace crates may switch on)
	// a number arrives as a one-member map; it has no duplicate, so it needs no special case.
	fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
		let mut seen = BTreeSet::new();
		let mut first = None;
		while let Some(name) = map.next_key::<String>()? {
			let FirstDuplicate(inner) = map.next_value()?;
			if first.is_none() {
				first = if seen.insert(name.clone()) { inner } else { Some(name) };
			}
		}
		Ok(first)
	}
}
