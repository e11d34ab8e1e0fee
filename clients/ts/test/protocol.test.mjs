// The record protocol v1 (docs/record-protocol.md): every vector of
// docs/record-protocol-vectors.json (made by the reference crate, clients/rust), round trips of
// every format, and the check that refuses each tampered or misplaced input (§8), after the
// reference crate's own tests (clients/rust/tests/protocol.rs).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { blake2b } from "@noble/hashes/blake2.js";
import { randomBytes } from "@noble/hashes/utils.js";
import { concatBytes, decodeUtf8, fromHex, InvalidArgumentError, toHex, u32le, utf8 } from "../dist/bytes.js";
import * as p from "../dist/protocol.js";

const root = new URL("../../../", import.meta.url);
const VECTORS = JSON.parse(readFileSync(new URL("docs/record-protocol-vectors.json", root), "utf8"));
const SPEC = readFileSync(new URL("docs/record-protocol.md", root), "utf8");
const RUST_ERRORS = readFileSync(new URL("clients/rust/src/error.rs", root), "utf8");

const DEV_PHRASE = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
const fill = (byte, len = 32) => new Uint8Array(len).fill(byte);
const PATIENT = fill(0x11);
const OTHER_PATIENT = fill(0x12);
const GENESIS = fill(0x22);
const READER = fill(0x33);
const OBSERVATION = '{"status":"final","resourceType":"Observation","valueQuantity":{"value":6.30,"unit":"mmol/L"}}';

/** Asserts that `run` throws (or rejects with) a RecordProtocolError with exactly this detail. */
async function refuses(run, detail) {
  await assert.rejects(
    async () => run(),
    (error) => {
      assert.ok(error instanceof p.RecordProtocolError, `not a RecordProtocolError: ${error}`);
      assert.equal(error.code, detail.code);
      assert.deepEqual(error.detail, detail);
      return true;
    },
  );
}

/** Asserts that `run` throws a RecordProtocolError of a code (whatever its detail). */
function refusesWith(run, code) {
  assert.throws(run, (error) => {
    assert.ok(p.isRecordProtocolError(error, code), `expected ${code}, got ${error}`);
    return true;
  });
}

function sealedObservation() {
  const record = p.createRecord(p.Kind.Fhir, OBSERVATION);
  return { record, sealed: p.seal(PATIENT, "LabResults", record) };
}

function context(contentHash, keyVersion) {
  return { genesisHash: GENESIS, patient: PATIENT, contentHash, grantee: READER, keyVersion };
}

/** A blob made directly with the AEAD, as someone holding K could make one. */
function forgeBlob(key, adPatient, contentHash, category, plaintext) {
  const nonce = randomBytes(p.NONCE_LEN);
  const ad = p.contentAssociatedData(adPatient, contentHash, category);
  return concatBytes(Uint8Array.of(p.PROTOCOL_VERSION), nonce, xchacha20poly1305(key, nonce, ad).encrypt(plaintext));
}

const commitPreimage = (plaintext) => blake2b(concatBytes(utf8(p.COMMIT_TAG), plaintext), { dkLen: 32 });

describe("the reference vectors", () => {
  const patient = fromHex(VECTORS.patient_id);
  const genesisHash = fromHex(VECTORS.genesis_hash);
  const secretOf = (holder, keyVersion) => {
    const key = VECTORS.keys.find((k) => k.holder === holder && k.key_version === keyVersion);
    assert.ok(key, `no ${holder} key of version ${keyVersion}`);
    return fromHex(key.secret);
  };

  it("is version 1 of the protocol, with two records and three keys", () => {
    assert.equal(VECTORS.protocol, "medchain/record/v1");
    assert.equal(VECTORS.records.length, 2);
    assert.equal(VECTORS.keys.length, 3);
  });

  for (const key of VECTORS.keys) {
    it(`derives the ${key.holder}'s key of version ${key.key_version}`, () => {
      if (key.phrase !== null) {
        assert.equal(toHex(p.miniSecretSeed(key.phrase)), key.mini_secret_seed);
        assert.equal(toHex(p.deriveX25519FromSeed(fromHex(key.mini_secret_seed), key.key_version)), key.secret);
        assert.equal(toHex(p.deriveX25519(key.phrase, key.key_version)), key.secret);
        const pair = p.deriveX25519KeyPair(key.phrase, key.key_version);
        assert.equal(toHex(pair.publicKey), key.public);
        assert.equal(pair.keyVersion, key.key_version);
      } else {
        assert.equal(key.mini_secret_seed, null);
      }
      assert.equal(toHex(p.x25519PublicKey(fromHex(key.secret))), key.public);
      if (key.holder === "patient") {
        assert.equal(key.grantee, VECTORS.patient_id);
      }
    });
  }

  for (const record of VECTORS.records) {
    describe(record.name, () => {
      const salt = fromHex(record.salt);
      const input = fromHex(record.input_hex);
      const contentHash = fromHex(record.content_hash);
      const key = fromHex(record.data_key);
      const blob = fromHex(record.blob);
      const pointer = fromHex(record.pointer);

      it("has the category the index names", () => {
        assert.equal(p.categoryFromIndex(record.category_index), record.category);
        assert.equal(p.categoryIndex(record.category), record.category_index);
      });

      it("commits to the body and the salt", () => {
        assert.equal(decodeUtf8(input) ?? null, record.input_text);
        const content = p.createRecord(record.kind, input, { salt });
        assert.equal(content.kind, record.kind);
        assert.equal(toHex(content.body), record.body_hex);
        assert.equal(decodeUtf8(content.body) ?? null, record.body_text);
        if (record.kind === p.Kind.Fhir) {
          assert.equal(toHex(p.canonicalJson(input)), record.body_hex);
          assert.equal(toHex(p.canonicalJson(record.input_text)), record.body_hex);
        }
        assert.equal(toHex(p.commit(salt, record.kind, content.body)), record.content_hash);
        assert.equal(toHex(p.recordContentHash(content)), record.content_hash);
      });

      it("reproduces the blob from K and its nonce", () => {
        assert.equal(toHex(p.contentAssociatedData(patient, contentHash, record.category)), record.blob_associated_data);
        assert.equal(toHex(p.contentAssociatedData(patient, contentHash, record.category_index)), record.blob_associated_data);
        const content = p.createRecord(record.kind, input, { salt });
        const nonce = fromHex(record.blob_nonce);
        const sealed = p.seal(patient, record.category, content, { key, nonce });
        assert.equal(toHex(sealed.blob), record.blob);
        assert.equal(toHex(sealed.contentHash), record.content_hash);
        assert.equal(toHex(sealed.key), record.data_key);
        assert.equal(toHex(p.sealWithKey(key, patient, record.category_index, content, { nonce })), record.blob);
        assert.equal(toHex(blob.subarray(1, 1 + p.NONCE_LEN)), record.blob_nonce);
      });

      it("opens the blob", () => {
        const opened = p.open(key, patient, contentHash, record.category, blob);
        assert.equal(opened.kind, record.kind);
        assert.equal(toHex(opened.salt), record.salt);
        assert.equal(toHex(opened.body), record.body_hex);
      });

      it("reproduces and opens the pointer", () => {
        assert.equal(toHex(p.pointerAssociatedData(patient, contentHash)), record.pointer_associated_data);
        const nonce = fromHex(record.pointer_nonce);
        assert.equal(toHex(p.sealPointer(key, patient, contentHash, record.pointer_uri, { nonce })), record.pointer);
        assert.equal(toHex(pointer.subarray(1, 1 + p.NONCE_LEN)), record.pointer_nonce);
        assert.equal(p.openPointer(key, patient, contentHash, pointer), record.pointer_uri);
      });

      for (const envelope of record.envelopes) {
        it(`reproduces and opens the envelope to the ${envelope.holder}`, async () => {
          const ctx = {
            genesisHash,
            patient,
            contentHash,
            grantee: fromHex(envelope.grantee),
            keyVersion: envelope.key_version,
          };
          const secret = secretOf(envelope.holder, envelope.key_version);
          assert.equal(toHex(p.x25519PublicKey(secret)), envelope.recipient_public);
          assert.equal(toHex(p.envelopeInfo(ctx)), envelope.info);
          const made = await p.wrap(fromHex(envelope.recipient_public), ctx, key, { ikmE: fromHex(envelope.ikm_e) });
          assert.equal(toHex(made), envelope.envelope);
          const bytes = fromHex(envelope.envelope);
          assert.equal(p.envelopeKeyVersion(bytes), envelope.key_version);
          assert.equal(toHex(await p.unwrap(bytes, ctx, secret)), record.data_key);
          if (envelope.holder === "patient") {
            const { keyVersion: _, ...unversioned } = ctx;
            const opened = await p.unwrapWithPhrase(bytes, unversioned, DEV_PHRASE);
            assert.equal(toHex(opened.key), record.data_key);
            assert.equal(opened.keyVersion, envelope.key_version);
          }
        });
      }
    });
  }
});

describe("the constants and error codes", () => {
  it("are the specification's", () => {
    const tags = { COMMIT_TAG: 25, CONTENT_TAG: 26, POINTER_TAG: 26, ENVELOPE_TAG: 27, KDF_SALT: 22, KDF_INFO: 20 };
    for (const [name, length] of Object.entries(tags)) {
      const row = SPEC.match(new RegExp("\\| `" + name + '` \\| `"([^"]+)"` \\((\\d+)\\) \\|'));
      assert.ok(row, `no row for ${name} in the specification`);
      assert.equal(p[name], row[1]);
      assert.equal(utf8(p[name]).length, Number(row[2]));
      assert.equal(Number(row[2]), length);
    }
    assert.equal(p.PROTOCOL_VERSION, 0x01);
    assert.equal(p.MIN_BLOB_LEN, 74);
    assert.equal(p.MIN_POINTER_LEN, 41);
    assert.equal(p.MAX_URI_LEN, 215);
    assert.equal(p.ENVELOPE_LEN, 85);
    assert.ok(p.ENVELOPE_LEN <= p.MAX_ENVELOPE_LEN);
    assert.equal(p.ENVELOPE_INFO_LEN, 159);
  });

  it("name the variants of the reference crate's Error", () => {
    const body = RUST_ERRORS.match(/pub enum Error \{([\s\S]*?)\n\}/);
    assert.ok(body);
    const variants = [...body[1].matchAll(/^\t([A-Z][A-Za-z0-9]*)/gm)].map((m) => m[1]);
    assert.deepEqual([...p.RECORD_PROTOCOL_ERROR_CODES], variants);
  });

  it("are distinct, and each names its check in the message", () => {
    const error = new p.RecordProtocolError({ code: "Truncated", format: "blob", len: 3 });
    assert.equal(error.message, "sealed blob truncated (3 bytes)");
    assert.equal(error.name, "RecordProtocolError");
    assert.ok(error instanceof Error);
    assert.equal(new Set(p.RECORD_PROTOCOL_ERROR_CODES).size, p.RECORD_PROTOCOL_ERROR_CODES.length);
  });
});

describe("the content commitment", () => {
  it("hashes the canonical JSON of a FHIR resource", () => {
    const record = p.createRecord(p.Kind.Fhir, utf8(OBSERVATION), { salt: fill(1) });
    assert.equal(
      decodeUtf8(record.body),
      '{"resourceType":"Observation","status":"final","valueQuantity":{"unit":"mmol/L","value":6.3}}',
    );
    const reordered = '{ "valueQuantity": {"unit": "mmol/L", "value": 6.3}, "resourceType": "Observation", "status": "final" }';
    assert.deepEqual(p.recordContentHash(p.createRecord(p.Kind.Fhir, reordered, { salt: fill(1) })), p.recordContentHash(record));
  });

  it("depends on the salt, the kind and the body", () => {
    const hash = toHex(p.commit(fill(1), p.Kind.Raw, utf8("body")));
    assert.notEqual(hash, toHex(p.commit(fill(2), p.Kind.Raw, utf8("body"))));
    assert.notEqual(hash, toHex(p.commit(fill(1), p.Kind.Fhir, utf8("body"))));
    assert.notEqual(hash, toHex(p.commit(fill(1), p.Kind.Raw, utf8("bodY"))));
    assert.equal(hash, toHex(commitPreimage(concatBytes(fill(1), Uint8Array.of(0), utf8("body")))));
  });

  it("draws a fresh salt for each record", () => {
    const a = p.createRecord(p.Kind.Raw, utf8("same"));
    const b = p.createRecord(p.Kind.Raw, utf8("same"));
    assert.notDeepEqual(a.salt, b.salt);
    assert.equal(a.salt.length, p.SALT_LEN);
  });

  it("sorts members by UTF-16 code units (RFC 8785 §3.2.3)", () => {
    const input =
      '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis","resourceType":"Basic"}';
    assert.equal(
      decodeUtf8(p.canonicalJson(utf8(input))),
      '{"\\r":"Carriage Return","1":"One","resourceType":"Basic","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it("writes numbers as ECMAScript does", () => {
    const input = '{"resourceType":"Basic","n":[333333333.33333329,1E30,4.50,2e-3,0.000001,1e-7,-0,100]}';
    assert.equal(
      decodeUtf8(p.canonicalJson(input)),
      '{"n":[333333333.3333333,1e+30,4.5,0.002,0.000001,1e-7,0,100],"resourceType":"Basic"}',
    );
  });

  it("escapes only quote, backslash and control characters", () => {
    const input = '{"resourceType":"Basic","s":"\\/\\u0000\\u001f\\u007f\\b\\t\\n\\f\\r\\"\\\\\\u00e9"}';
    assert.equal(
      decodeUtf8(p.canonicalJson(input)),
      '{"resourceType":"Basic","s":"/\\u0000\\u001f\u007f\\b\\t\\n\\f\\r\\"\\\\é"}',
    );
  });

  it("refuses a repeated member name, even spelt with escapes", async () => {
    await refuses(() => p.canonicalJson('{"resourceType":"Observation","status":"final","status":"amended"}'), {
      code: "DuplicateMember",
      name: "status",
    });
    await refuses(() => p.canonicalJson('{"resourceType":"Observation","code":{"text":"a","te\\u0078t":"b"}}'), {
      code: "DuplicateMember",
      name: "text",
    });
    // The first repeated name in document order; the same name in two objects is no repeat.
    await refuses(() => p.canonicalJson('{"resourceType":"B","a":{"x":1,"x":2},"a":3}'), { code: "DuplicateMember", name: "x" });
    await refuses(() => p.canonicalJson('{"resourceType":"B","a":1,"a":{"x":1,"x":2}}'), { code: "DuplicateMember", name: "a" });
    assert.ok(p.canonicalJson('{"resourceType":"B","a":[{"x":1},{"x":1}],"b":{"x":1}}'));
    await refuses(() => p.canonicalJson('{"resourceType":"B","__proto__":1,"__proto__":2}'), {
      code: "DuplicateMember",
      name: "__proto__",
    });
  });

  it("refuses what is not a FHIR resource", async () => {
    await refuses(() => p.canonicalJson('{"status":"final"}'), { code: "NotAFhirResource" });
    await refuses(() => p.canonicalJson('["Observation"]'), { code: "NotAFhirResource" });
    await refuses(() => p.canonicalJson('{"resourceType":""}'), { code: "NotAFhirResource" });
    await refuses(() => p.canonicalJson('{"resourceType":5}'), { code: "NotAFhirResource" });
    await refuses(() => p.canonicalJson("null"), { code: "NotAFhirResource" });
  });

  it("refuses what is not I-JSON", () => {
    refusesWith(() => p.canonicalJson('{"resourceType":'), "InvalidJson");
    refusesWith(() => p.canonicalJson('{"resourceType":"Basic","n":1e400}'), "InvalidJson");
    refusesWith(() => p.canonicalJson('{"resourceType":"Basic","s":"\\ud800"}'), "InvalidJson");
    refusesWith(() => p.canonicalJson('{"resourceType":"Basic","\\udc00":1}'), "InvalidJson");
    refusesWith(() => p.canonicalJson('{"resourceType":"Basic","s":"\uD800"}'), "InvalidJson");
    refusesWith(() => p.canonicalJson(concatBytes(utf8('{"resourceType":"Basic","s":"'), Uint8Array.of(0xff), utf8('"}'))), "InvalidJson");
    refusesWith(() => p.canonicalJson(concatBytes(Uint8Array.of(0xef, 0xbb, 0xbf), utf8('{"resourceType":"Basic"}'))), "InvalidJson");
    refusesWith(() => p.canonicalJson('{"resourceType":"Basic",}'), "InvalidJson");
    refusesWith(() => p.canonicalJson('{"resourceType":"Basic"} {}'), "InvalidJson");
    refusesWith(() => p.canonicalJson('{"resourceType":"Basic","n":01}'), "InvalidJson");
    // A lone surrogate is refused before a repeated name, as the reference parser reads it first.
    refusesWith(() => p.canonicalJson('{"resourceType":"Basic","s":"\\ud800","s":1}'), "InvalidJson");
  });

  it("reads nesting as deep as the reference parser, and no deeper", () => {
    const nested = (depth) => `{"resourceType":"Basic","d":${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}}`;
    assert.ok(p.canonicalJson(nested(p.MAX_JSON_DEPTH)));
    refusesWith(() => p.canonicalJson(nested(p.MAX_JSON_DEPTH + 1)), "InvalidJson");
    refusesWith(() => p.canonicalJson(nested(100_000)), "InvalidJson");
  });

  it("checks a number's range after the resource's shape, as the workspace build of the reference crate", async () => {
    await refuses(() => p.canonicalJson('{"n":1e400}'), { code: "NotAFhirResource" });
    await refuses(() => p.canonicalJson('{"resourceType":"Basic","n":1e400,"n":1}'), { code: "DuplicateMember", name: "n" });
  });
});

describe("the sealed blob", () => {
  it("opens a FHIR record to its canonical body", () => {
    const { record, sealed } = sealedObservation();
    assert.deepEqual(sealed.contentHash, p.recordContentHash(record));
    assert.equal(sealed.blob[0], p.PROTOCOL_VERSION);
    assert.equal(sealed.blob.length, 1 + p.NONCE_LEN + p.SALT_LEN + 1 + record.body.length + p.TAG_LEN);
    assert.equal(sealed.key.length, 32);
    assert.deepEqual(p.open(sealed.key, PATIENT, sealed.contentHash, "LabResults", sealed.blob), record);
  });

  it("round-trips raw bytes, and an empty body in the shortest blob", () => {
    const record = p.createRecord(p.Kind.Raw, Uint8Array.of(0, 1, 2, 255));
    const sealed = p.seal(PATIENT, "Imaging", record);
    const opened = p.open(sealed.key, PATIENT, sealed.contentHash, "Imaging", sealed.blob);
    assert.equal(opened.kind, p.Kind.Raw);
    assert.deepEqual(opened.body, Uint8Array.of(0, 1, 2, 255));
    const empty = p.seal(PATIENT, 0, p.createRecord(p.Kind.Raw, new Uint8Array(0)));
    assert.equal(empty.blob.length, p.MIN_BLOB_LEN);
    assert.equal(p.open(empty.key, PATIENT, empty.contentHash, "Demographics", empty.blob).body.length, 0);
  });

  it("draws a fresh key and nonce for each blob", () => {
    const record = p.createRecord(p.Kind.Raw, utf8("x"));
    const a = p.seal(PATIENT, "Vitals", record);
    const b = p.seal(PATIENT, "Vitals", record);
    assert.notDeepEqual(a.key, b.key);
    assert.notDeepEqual(a.blob.subarray(1, 25), b.blob.subarray(1, 25));
    const c = p.seal(PATIENT, "Vitals", record, { key: a.key });
    assert.deepEqual(c.key, a.key);
    assert.notDeepEqual(c.blob, a.blob);
  });

  it("fails authentication for every altered byte", async () => {
    const { sealed } = sealedObservation();
    for (let at = 1; at < sealed.blob.length; at++) {
      const blob = sealed.blob.slice();
      blob[at] ^= 0x01;
      await refuses(() => p.open(sealed.key, PATIENT, sealed.contentHash, "LabResults", blob), { code: "ContentAuthentication" });
    }
  });

  it("refuses another version byte", async () => {
    const { sealed } = sealedObservation();
    const blob = sealed.blob.slice();
    blob[0] = 0x02;
    await refuses(() => p.open(sealed.key, PATIENT, sealed.contentHash, "LabResults", blob), {
      code: "UnsupportedVersion",
      format: "blob",
      found: 2,
    });
  });

  it("refuses a truncated blob", async () => {
    const { sealed } = sealedObservation();
    for (const len of [0, 1, 25, 1 + p.NONCE_LEN + p.SALT_LEN + p.TAG_LEN]) {
      await refuses(() => p.open(sealed.key, PATIENT, sealed.contentHash, "LabResults", sealed.blob.subarray(0, len)), {
        code: "Truncated",
        format: "blob",
        len,
      });
    }
  });

  it("fails authentication with another record's key", async () => {
    const { sealed } = sealedObservation();
    await refuses(() => p.open(p.generateDataKey(), PATIENT, sealed.contentHash, "LabResults", sealed.blob), {
      code: "ContentAuthentication",
    });
  });

  it("fails authentication for another patient, record or category", async () => {
    const { sealed } = sealedObservation();
    const { sealed: other } = sealedObservation();
    const cases = [
      [OTHER_PATIENT, sealed.contentHash, "LabResults"],
      [PATIENT, other.contentHash, "LabResults"],
      [PATIENT, sealed.contentHash, "MentalHealth"],
    ];
    for (const [patient, contentHash, category] of cases) {
      await refuses(() => p.open(sealed.key, patient, contentHash, category, sealed.blob), { code: "ContentAuthentication" });
    }
  });

  it("fails the commitment for other content sealed under K by whoever holds it", async () => {
    const { record, sealed } = sealedObservation();
    const forged = forgeBlob(
      sealed.key,
      PATIENT,
      sealed.contentHash,
      "LabResults",
      concatBytes(record.salt, Uint8Array.of(p.Kind.Raw), utf8("forged")),
    );
    await refuses(() => p.open(sealed.key, PATIENT, sealed.contentHash, "LabResults", forged), { code: "CommitmentMismatch" });
  });

  it("refuses a FHIR body committed in non-canonical form", async () => {
    const forged = { salt: fill(3), kind: p.Kind.Fhir, body: utf8('{"status":"final","resourceType":"Observation"}') };
    const sealed = p.seal(PATIENT, "LabResults", forged);
    await refuses(() => p.open(sealed.key, PATIENT, sealed.contentHash, "LabResults", sealed.blob), { code: "NotCanonical" });
    // A committed FHIR body that is no JSON at all is refused by the canonicaliser's own check.
    const garbage = p.seal(PATIENT, "LabResults", { salt: fill(3), kind: p.Kind.Fhir, body: utf8("not json") });
    refusesWith(() => p.open(garbage.key, PATIENT, garbage.contentHash, "LabResults", garbage.blob), "InvalidJson");
  });

  it("refuses an unknown kind after the commitment", async () => {
    const key = p.generateDataKey();
    const plaintext = concatBytes(fill(4), Uint8Array.of(0x07), utf8("body"));
    const contentHash = commitPreimage(plaintext);
    const blob = forgeBlob(key, PATIENT, contentHash, "Vitals", plaintext);
    await refuses(() => p.open(key, PATIENT, contentHash, "Vitals", blob), { code: "UnknownKind", kind: 7 });
  });
});

describe("the pointer", () => {
  it("round-trips up to the longest URI", () => {
    const { sealed } = sealedObservation();
    for (const uri of ["file:///blobs/1.bin", "u".repeat(p.MAX_URI_LEN), "é".repeat(107), ""]) {
      const pointer = p.sealPointer(sealed.key, PATIENT, sealed.contentHash, uri);
      assert.ok(pointer.length <= p.MAX_POINTER_LEN);
      assert.equal(pointer.length, 1 + p.NONCE_LEN + utf8(uri).length + p.TAG_LEN);
      assert.equal(p.openPointer(sealed.key, PATIENT, sealed.contentHash, pointer), uri);
    }
  });

  it("refuses a URI over 215 bytes, counted in UTF-8", async () => {
    const { sealed } = sealedObservation();
    await refuses(() => p.sealPointer(sealed.key, PATIENT, sealed.contentHash, "u".repeat(216)), {
      code: "UriTooLong",
      len: 216,
      max: 215,
    });
    await refuses(() => p.sealPointer(sealed.key, PATIENT, sealed.contentHash, "é".repeat(108)), {
      code: "UriTooLong",
      len: 216,
      max: 215,
    });
  });

  it("refuses a tampered, moved, re-versioned, short or long pointer", async () => {
    const { sealed } = sealedObservation();
    const { sealed: other } = sealedObservation();
    const pointer = p.sealPointer(sealed.key, PATIENT, sealed.contentHash, "file:///b");
    for (let at = 1; at < pointer.length; at++) {
      const altered = pointer.slice();
      altered[at] ^= 0x80;
      await refuses(() => p.openPointer(sealed.key, PATIENT, sealed.contentHash, altered), { code: "PointerAuthentication" });
    }
    await refuses(() => p.openPointer(sealed.key, OTHER_PATIENT, sealed.contentHash, pointer), { code: "PointerAuthentication" });
    await refuses(() => p.openPointer(sealed.key, PATIENT, other.contentHash, pointer), { code: "PointerAuthentication" });
    await refuses(() => p.openPointer(other.key, PATIENT, sealed.contentHash, pointer), { code: "PointerAuthentication" });
    const versioned = pointer.slice();
    versioned[0] = 0;
    await refuses(() => p.openPointer(sealed.key, PATIENT, sealed.contentHash, versioned), {
      code: "UnsupportedVersion",
      format: "pointer",
      found: 0,
    });
    for (const len of [0, 20, p.MIN_POINTER_LEN - 1]) {
      await refuses(() => p.openPointer(sealed.key, PATIENT, sealed.contentHash, pointer.subarray(0, len)), {
        code: "Truncated",
        format: "pointer",
        len,
      });
    }
    await refuses(() => p.openPointer(sealed.key, PATIENT, sealed.contentHash, fill(1, 257)), { code: "PointerTooLong", len: 257 });
  });

  it("refuses a URI that is not UTF-8", async () => {
    const { sealed } = sealedObservation();
    const nonce = randomBytes(p.NONCE_LEN);
    const ad = p.pointerAssociatedData(PATIENT, sealed.contentHash);
    const pointer = concatBytes(
      Uint8Array.of(p.PROTOCOL_VERSION),
      nonce,
      xchacha20poly1305(sealed.key, nonce, ad).encrypt(Uint8Array.of(0x66, 0xff, 0x66)),
    );
    await refuses(() => p.openPointer(sealed.key, PATIENT, sealed.contentHash, pointer), { code: "PointerNotUtf8" });
  });
});

describe("the key envelope", () => {
  it("round-trips in 85 bytes with its key version in the header", async () => {
    const { sealed } = sealedObservation();
    const reader = p.generateX25519Secret();
    const ctx = context(sealed.contentHash, 3);
    const envelope = await p.wrap(p.x25519PublicKey(reader), ctx, sealed.key);
    assert.equal(envelope.length, p.ENVELOPE_LEN);
    assert.equal(envelope[0], p.PROTOCOL_VERSION);
    assert.deepEqual(envelope.subarray(1, 5), u32le(3));
    assert.equal(p.envelopeKeyVersion(envelope), 3);
    assert.deepEqual(await p.unwrap(envelope, ctx, reader), sealed.key);
    assert.equal(p.envelopeInfo(ctx).length, 159);
    // A fresh ephemeral key each time.
    assert.notDeepEqual(await p.wrap(p.x25519PublicKey(reader), ctx, sealed.key), envelope);
  });

  it("opens for the patient with the key its phrase yields", async () => {
    const { sealed } = sealedObservation();
    const patientKey = p.deriveX25519(DEV_PHRASE, 0);
    const ctx = { genesisHash: GENESIS, patient: PATIENT, contentHash: sealed.contentHash, grantee: PATIENT, keyVersion: 0 };
    const envelope = await p.wrap(p.x25519PublicKey(patientKey), ctx, sealed.key);
    const recovered = p.deriveX25519(DEV_PHRASE, p.envelopeKeyVersion(envelope));
    assert.deepEqual(await p.unwrap(envelope, ctx, recovered), sealed.key);
    const { keyVersion: _, ...unversioned } = ctx;
    assert.deepEqual((await p.unwrapWithPhrase(envelope, unversioned, DEV_PHRASE)).key, sealed.key);
    await refuses(() => p.unwrapWithPhrase(envelope, { ...unversioned, keyVersion: 1 }, DEV_PHRASE), {
      code: "KeyVersionMismatch",
      envelope: 0,
      expected: 1,
    });
  });

  it("does not open on another record", async () => {
    const { sealed } = sealedObservation();
    const { sealed: other } = sealedObservation();
    const reader = p.generateX25519Secret();
    const envelope = await p.wrap(p.x25519PublicKey(reader), context(sealed.contentHash, 1), sealed.key);
    await refuses(() => p.unwrap(envelope, context(other.contentHash, 1), reader), { code: "EnvelopeAuthentication" });
  });

  it("does not open for another grantee, even one holding the same key", async () => {
    const { sealed } = sealedObservation();
    const reader = p.generateX25519Secret();
    const ctx = context(sealed.contentHash, 1);
    const envelope = await p.wrap(p.x25519PublicKey(reader), ctx, sealed.key);
    await refuses(() => p.unwrap(envelope, { ...ctx, grantee: fill(0x44) }, reader), { code: "EnvelopeAuthentication" });
    await refuses(() => p.unwrap(envelope, { ...ctx, grantee: PATIENT }, reader), { code: "EnvelopeAuthentication" });
  });

  it("does not open on another chain or for another patient", async () => {
    const { sealed } = sealedObservation();
    const reader = p.generateX25519Secret();
    const ctx = context(sealed.contentHash, 1);
    const envelope = await p.wrap(p.x25519PublicKey(reader), ctx, sealed.key);
    await refuses(() => p.unwrap(envelope, { ...ctx, genesisHash: fill(0x23) }, reader), { code: "EnvelopeAuthentication" });
    await refuses(() => p.unwrap(envelope, { ...ctx, patient: OTHER_PATIENT }, reader), { code: "EnvelopeAuthentication" });
  });

  it("does not open for another key version, asked for or relabelled", async () => {
    const { sealed } = sealedObservation();
    const v1 = p.deriveX25519(DEV_PHRASE, 1);
    const v2 = p.deriveX25519(DEV_PHRASE, 2);
    assert.notDeepEqual(p.x25519PublicKey(v1), p.x25519PublicKey(v2));
    const ctx = context(sealed.contentHash, 1);
    const envelope = await p.wrap(p.x25519PublicKey(v1), ctx, sealed.key);
    await refuses(() => p.unwrap(envelope, context(sealed.contentHash, 2), v2), {
      code: "KeyVersionMismatch",
      envelope: 1,
      expected: 2,
    });
    const relabelled = envelope.slice();
    relabelled.set(u32le(2), 1);
    for (const secret of [v1, v2]) {
      await refuses(() => p.unwrap(relabelled, context(sealed.contentHash, 2), secret), { code: "EnvelopeAuthentication" });
    }
    await refuses(() => p.unwrap(envelope, ctx, v2), { code: "EnvelopeAuthentication" });
  });

  it("refuses a tampered, re-versioned or mis-sized envelope", async () => {
    const { sealed } = sealedObservation();
    const reader = p.generateX25519Secret();
    const ctx = context(sealed.contentHash, 1);
    const envelope = await p.wrap(p.x25519PublicKey(reader), ctx, sealed.key);
    for (let at = 5; at < p.ENVELOPE_LEN; at++) {
      const altered = envelope.slice();
      altered[at] ^= 0x01;
      await refuses(() => p.unwrap(altered, ctx, reader), { code: "EnvelopeAuthentication" });
    }
    const versioned = envelope.slice();
    versioned[0] = 2;
    await refuses(() => p.unwrap(versioned, ctx, reader), { code: "UnsupportedVersion", format: "envelope", found: 2 });
    await refuses(() => p.unwrap(envelope.subarray(0, 84), ctx, reader), { code: "EnvelopeLength", len: 84 });
    await refuses(() => p.unwrap(concatBytes(envelope, Uint8Array.of(0)), ctx, reader), { code: "EnvelopeLength", len: 86 });
    // Shorter than the 5-byte header, the reference crate reports the header as truncated.
    for (const len of [0, 3]) {
      await refuses(() => p.unwrap(envelope.subarray(0, len), ctx, reader), { code: "Truncated", format: "envelope", len });
    }
  });

  it("does not open with another secret", async () => {
    const { sealed } = sealedObservation();
    const reader = p.generateX25519Secret();
    const ctx = context(sealed.contentHash, 1);
    const envelope = await p.wrap(p.x25519PublicKey(reader), ctx, sealed.key);
    await refuses(() => p.unwrap(envelope, ctx, p.generateX25519Secret()), { code: "EnvelopeAuthentication" });
  });

  it("refuses a low-order recipient key (RFC 9180 §7.1.4)", async () => {
    const { sealed } = sealedObservation();
    const ctx = context(sealed.contentHash, 1);
    // RFC 7748 §6.1's small-order u-coordinates: 0, 1, and a point of order 8.
    const lowOrder = [
      new Uint8Array(32),
      concatBytes(Uint8Array.of(1), new Uint8Array(31)),
      fromHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
    ];
    for (const recipient of lowOrder) {
      await refuses(() => p.wrap(recipient, ctx, sealed.key), { code: "InvalidRecipientKey" });
    }
  });
});

describe("the keys", () => {
  it("differ by key version and by phrase", () => {
    const v0 = p.deriveX25519(DEV_PHRASE, 0);
    assert.deepEqual(v0, p.deriveX25519(DEV_PHRASE, 0));
    assert.notDeepEqual(v0, p.deriveX25519(DEV_PHRASE, 1));
    const other = "legal winner thank year wave sausage worth useful legal winner thank yellow";
    assert.notDeepEqual(v0, p.deriveX25519(other, 0));
    assert.deepEqual(p.deriveX25519(DEV_PHRASE, 0xffff_ffff).length, 32);
  });

  it("read the phrase's words across any white space, as the reference crate", () => {
    const spaced = `  ${DEV_PHRASE.replaceAll(" ", " \n\t ")}\n`;
    assert.deepEqual(p.miniSecretSeed(spaced), p.miniSecretSeed(DEV_PHRASE));
  });

  it("refuse a phrase that is not an English BIP39 mnemonic", async () => {
    const phrases = [
      "bottom drive obey lake",
      "bottom drive obey lake curtain smoke basket hold race lonely fit fit",
      "bottom drive obey lake curtain smoke basket hold race lonely fit walks",
      "Bottom drive obey lake curtain smoke basket hold race lonely fit walk",
      "",
    ];
    for (const phrase of phrases) {
      await refuses(() => p.deriveX25519(phrase, 0), { code: "InvalidPhrase" });
    }
  });

  it("refuse a key version that is not a u32", () => {
    for (const version of [-1, 2 ** 32, 1.5, Number.NaN]) {
      assert.throws(() => p.deriveX25519(DEV_PHRASE, version), InvalidArgumentError);
    }
  });
});

describe("the categories and arguments", () => {
  it("index and parse the categories", async () => {
    assert.equal(p.categoryIndex("LabResults"), 5);
    assert.equal(p.parseCategory("labresults"), "LabResults");
    assert.equal(p.parseCategory("15"), "SexualReproductive");
    assert.equal(p.parseCategory("16"), undefined);
    assert.equal(p.parseCategory("nope"), undefined);
    await refuses(() => p.categoryFromIndex(16), { code: "UnknownCategory", index: 16 });
    await refuses(() => p.contentAssociatedData(PATIENT, fill(0), 16), { code: "UnknownCategory", index: 16 });
    assert.throws(() => p.categoryIndex("Astrology"), InvalidArgumentError);
  });

  it("refuse ids, hashes and keys of the wrong size", async () => {
    const { sealed } = sealedObservation();
    assert.throws(() => p.open(sealed.key, fill(1, 31), sealed.contentHash, "LabResults", sealed.blob), InvalidArgumentError);
    assert.throws(() => p.seal(PATIENT, "LabResults", p.createRecord(p.Kind.Raw, utf8("x")), { nonce: fill(0, 12) }), InvalidArgumentError);
    assert.throws(() => p.createRecord(p.Kind.Raw, utf8("x"), { salt: fill(0, 16) }), InvalidArgumentError);
    assert.throws(() => p.commit(fill(0), 2, utf8("x")), InvalidArgumentError);
    await assert.rejects(() => p.wrap(fill(9, 33), context(sealed.contentHash, 1), sealed.key), InvalidArgumentError);
    await assert.rejects(() => p.unwrap(new Uint8Array(85), context(sealed.contentHash, -1), fill(1)), InvalidArgumentError);
    assert.throws(() => p.sealPointer(sealed.key, PATIENT, sealed.contentHash, "\ud800"), InvalidArgumentError);
  });
});
