//! `medchain-record-protocol`: the record protocol v1 on the command line.
//!
//! ```text
//! medchain-record-protocol commit  --kind fhir|raw --body FILE [--salt HEX]
//! medchain-record-protocol seal    --kind fhir|raw --body FILE --patient HEX --category NAME
//!                                  --out FILE [--uri URI] [--salt HEX]
//! medchain-record-protocol open    --key HEX --patient HEX --content-hash HEX --category NAME
//!                                  --blob FILE [--out FILE]
//! medchain-record-protocol open-pointer --key HEX --patient HEX --content-hash HEX --pointer HEX
//! medchain-record-protocol wrap    --to HEX --key HEX --genesis HEX --patient HEX
//!                                  --content-hash HEX --grantee HEX --key-version N
//! medchain-record-protocol unwrap  --envelope HEX (--secret HEX | --phrase-file FILE)
//!                                  --genesis HEX --patient HEX --content-hash HEX --grantee HEX
//!                                  [--key-version N]
//! medchain-record-protocol keygen  --phrase-file FILE [--key-version N]
//! medchain-record-protocol vectors
//! ```
//!
//! Hex may carry a `0x` prefix. Answers are one line of JSON (camelCase, hex without `0x`), except
//! `open` without `--out`, which writes the body itself, and `vectors`, which prints the vector
//! file. `--phrase-file -` reads the phrase from standard input, so that it stays out of `ps`.

use medchain_record_protocol::{
	commit, derive_x25519, envelope_key_version, open, open_pointer, public_key, seal_pointer,
	seal_with_key, unwrap, vectors, wrap, DataCategory, DataKey, EnvelopeContext, Kind, Record,
	X25519Secret,
};
use rand_core::OsRng;
use serde_json::json;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: medchain-record-protocol <commit|seal|open|open-pointer|wrap|unwrap|keygen|vectors> [--flag value]...
  commit  --kind fhir|raw --body FILE [--salt HEX]
  seal    --kind fhir|raw --body FILE --patient HEX --category NAME --out FILE [--uri URI] [--salt HEX]
  open    --key HEX --patient HEX --content-hash HEX --category NAME --blob FILE [--out FILE]
  open-pointer --key HEX --patient HEX --content-hash HEX --pointer HEX
  wrap    --to HEX --key HEX --genesis HEX --patient HEX --content-hash HEX --grantee HEX --key-version N
  unwrap  --envelope HEX (--secret HEX | --phrase-file FILE) --genesis HEX --patient HEX --content-hash HEX --grantee HEX [--key-version N]
  keygen  --phrase-file FILE [--key-version N]
  vectors";

/// What a command writes on success.
enum Output {
	Text(String),
	Bytes(Vec<u8>),
}

struct Flags(BTreeMap<String, String>);

impl Flags {
	fn parse(args: &[String]) -> Result<Self, String> {
		let mut flags = BTreeMap::new();
		let mut rest = args.iter();
		while let Some(flag) = rest.next() {
			let name = flag.strip_prefix("--").ok_or_else(|| format!("unexpected {flag:?}"))?;
			let value = rest.next().ok_or_else(|| format!("--{name} needs a value"))?;
			if flags.insert(name.to_owned(), value.clone()).is_some() {
				return Err(format!("--{name} given twice"));
			}
		}
		Ok(Flags(flags))
	}

	fn get(&self, name: &str) -> Option<&str> {
		self.0.get(name).map(String::as_str)
	}

	fn required(&self, name: &str) -> Result<&str, String> {
		self.get(name).ok_or_else(|| format!("--{name} is required\n{USAGE}"))
	}

	fn hex32(&self, name: &str) -> Result<[u8; 32], String> {
		let bytes = self.hex(name)?;
		bytes
			.try_into()
			.map_err(|b: Vec<u8>| format!("--{name}: 32 bytes expected, not {}", b.len()))
	}

	fn hex(&self, name: &str) -> Result<Vec<u8>, String> {
		let text = self.required(name)?;
		hex::decode(text.strip_prefix("0x").unwrap_or(text)).map_err(|e| format!("--{name}: {e}"))
	}

	fn file(&self, name: &str) -> Result<Vec<u8>, String> {
		let path = self.required(name)?;
		if path == "-" {
			let mut bytes = Vec::new();
			std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("stdin: {e}"))?;
			return Ok(bytes);
		}
		std::fs::read(path).map_err(|e| format!("{path}: {e}"))
	}

	fn kind(&self) -> Result<Kind, String> {
		match self.required("kind")? {
			"fhir" => Ok(Kind::Fhir),
			"raw" => Ok(Kind::Raw),
			other => Err(format!("--kind: fhir or raw, not {other:?}")),
		}
	}

	fn category(&self) -> Result<DataCategory, String> {
		let text = self.required("category")?;
		DataCategory::parse(text).ok_or_else(|| format!("--category: no category {text:?}"))
	}

	fn key_version(&self) -> Result<Option<u32>, String> {
		self.get("key-version")
			.map(|v| v.parse().map_err(|_| format!("--key-version: not a u32: {v:?}")))
			.transpose()
	}

	fn phrase(&self) -> Result<String, String> {
		let bytes = self.file("phrase-file")?;
		let text = String::from_utf8(bytes).map_err(|_| "the phrase is not UTF-8".to_owned())?;
		Ok(text.split_whitespace().collect::<Vec<_>>().join(" "))
	}

	fn record(&self) -> Result<Record, String> {
		let kind = self.kind()?;
		let body = self.file("body")?;
		let record = match self.get("salt") {
			Some(_) => {
				let salt = self.hex32("salt")?;
				match kind {
					Kind::Fhir => Record::fhir(salt, &body),
					Kind::Raw => Ok(Record::raw(salt, &body)),
				}
			}
			None => Record::new(&mut OsRng, kind, &body),
		};
		record.map_err(|e| e.to_string())
	}
}

fn run(args: &[String]) -> Result<Output, String> {
	let (command, rest) = args.split_first().ok_or(USAGE)?;
	let flags = Flags::parse(rest)?;
	let fail = |e: medchain_record_protocol::Error| e.to_string();
	match command.as_str() {
		"commit" => {
			let record = flags.record()?;
			Ok(Output::Text(
				json!({
					"contentHash": hex::encode(commit(&record.salt, record.kind, &record.body)),
					"salt": hex::encode(record.salt),
					"kind": record.kind.byte(),
					"body": hex::encode(&record.body),
				})
				.to_string(),
			))
		}
		"seal" => {
			let record = flags.record()?;
			let patient = flags.hex32("patient")?;
			let category = flags.category()?;
			let out = flags.required("out")?;
			let key = DataKey::generate(&mut OsRng);
			let blob =
				seal_with_key(&mut OsRng, &key, &patient, category, &record).map_err(fail)?;
			std::fs::write(out, &blob).map_err(|e| format!("{out}: {e}"))?;
			let content_hash = record.content_hash();
			let pointer = flags
				.get("uri")
				.map(|uri| seal_pointer(&mut OsRng, &key, &patient, &content_hash, uri))
				.transpose()
				.map_err(fail)?;
			Ok(Output::Text(
				json!({
					"contentHash": hex::encode(content_hash),
					"salt": hex::encode(record.salt),
					"kind": record.kind.byte(),
					"category": category.name(),
					"categoryIndex": category.index(),
					"dataKey": hex::encode(key.as_bytes()),
					"blob": out,
					"blobLen": blob.len(),
					"pointer": pointer.map(hex::encode),
				})
				.to_string(),
			))
		}
		"open" => {
			let key = DataKey::from_bytes(flags.hex32("key")?);
			let blob = flags.file("blob")?;
			let record = open(
				&key,
				&flags.hex32("patient")?,
				&flags.hex32("content-hash")?,
				flags.category()?,
				&blob,
			)
			.map_err(fail)?;
			match flags.get("out") {
				Some(out) => {
					std::fs::write(out, &record.body).map_err(|e| format!("{out}: {e}"))?;
					Ok(Output::Text(
						json!({
							"verified": true,
							"kind": record.kind.byte(),
							"salt": hex::encode(record.salt),
							"out": out,
							"bodyLen": record.body.len(),
						})
						.to_string(),
					))
				}
				None => Ok(Output::Bytes(record.body.clone())),
			}
		}
		"open-pointer" => {
			let key = DataKey::from_bytes(flags.hex32("key")?);
			let uri = open_pointer(
				&key,
				&flags.hex32("patient")?,
				&flags.hex32("content-hash")?,
				&flags.hex("pointer")?,
			)
			.map_err(fail)?;
			Ok(Output::Text(json!({ "uri": uri }).to_string()))
		}
		"wrap" => {
			let key_version = flags.key_version()?.ok_or("--key-version is required")?;
			let context = context(&flags, key_version)?;
			let key = DataKey::from_bytes(flags.hex32("key")?);
			let envelope = wrap(&mut OsRng, &flags.hex32("to")?, &context, &key).map_err(fail)?;
			Ok(Output::Text(json!({ "envelope": hex::encode(envelope) }).to_string()))
		}
		"unwrap" => {
			let envelope = flags.hex("envelope")?;
			let key_version = envelope_key_version(&envelope).map_err(fail)?;
			let expected = flags.key_version()?.unwrap_or(key_version);
			let secret = match flags.get("secret") {
				Some(_) => X25519Secret::from_bytes(flags.hex32("secret")?),
				None => derive_x25519(&flags.phrase()?, key_version).map_err(fail)?,
			};
			let key = unwrap(&envelope, &context(&flags, expected)?, &secret).map_err(fail)?;
			Ok(Output::Text(
				json!({ "dataKey": hex::encode(key.as_bytes()), "keyVersion": key_version })
					.to_string(),
			))
		}
		"keygen" => {
			let key_version = flags.key_version()?.unwrap_or(0);
			let secret = derive_x25519(&flags.phrase()?, key_version).map_err(fail)?;
			Ok(Output::Text(
				json!({
					"keyVersion": key_version,
					"secret": hex::encode(secret.as_bytes()),
					"public": hex::encode(public_key(&secret)),
				})
				.to_string(),
			))
		}
		"vectors" => {
			let vectors = vectors::generate().map_err(fail)?;
			let mut json = vectors::to_json(&vectors).map_err(fail)?;
			json.pop();
			Ok(Output::Text(json))
		}
		_ => Err(USAGE.into()),
	}
}

fn context(flags: &Flags, key_version: u32) -> Result<EnvelopeContext, String> {
	Ok(EnvelopeContext {
		genesis_hash: flags.hex32("genesis")?,
		patient: flags.hex32("patient")?,
		content_hash: flags.hex32("content-hash")?,
		grantee: flags.hex32("grantee")?,
		key_version,
	})
}

fn main() -> ExitCode {
	let args: Vec<String> = std::env::args().skip(1).collect();
	match run(&args) {
		Ok(Output::Text(text)) => {
			println!("{text}");
			ExitCode::SUCCESS
		}
		Ok(Output::Bytes(bytes)) => match std::io::stdout().write_all(&bytes) {
			Ok(()) => ExitCode::SUCCESS,
			Err(e) => {
				eprintln!("stdout: {e}");
				ExitCode::FAILURE
			}
		},
		Err(e) => {
			eprintln!("{e}");
			ExitCode::FAILURE
		}
	}
}
