// GS1 scans: the shared vectors (docs/gs1-vectors.json, which the pallet's Rust tests check
// against the chain's own rules) give every verdict; the parser and the validators must agree.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import {
  GS,
  Gs1Error,
  checkDigit,
  expiryEndsAt,
  formatElementString,
  formatHri,
  isCset82,
  parseElementString,
  parsePackScan,
  validateGtin,
  validateLot,
  validateSerial,
  validateSscc,
} from "../dist/gs1.js";

const vectors = JSON.parse(
  readFileSync(new URL("../../../docs/gs1-vectors.json", import.meta.url), "utf8"),
);

const validators = {
  gtin: validateGtin,
  sscc: validateSscc,
  serial: validateSerial,
  lot: validateLot,
  expiry: expiryEndsAt,
};

/** Runs `f`, expecting a Gs1Error with `code`; returns it. */
function refused(f, code, what) {
  let error;
  assert.throws(f, (e) => {
    error = e;
    return e instanceof Gs1Error;
  }, what);
  assert.equal(error.code, code, `${what}: ${error.message}`);
  return error;
}

/** A scan as the bytes a reader sends (one byte per character, as Latin-1). */
function asBytes(text) {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

test("the vectors cover every error code and both forms", () => {
  const codes = new Set([
    ...vectors.fields.filter((c) => c.error).map((c) => c.error),
    ...vectors.scans.filter((c) => c.error).map((c) => c.error),
  ]);
  for (const code of [
    "GTIN_FORMAT", "GTIN_CHECK_DIGIT", "SSCC_FORMAT", "SSCC_CHECK_DIGIT", "SERIAL_FORMAT",
    "LOT_FORMAT", "EXPIRY_FORMAT", "EXPIRY_DATE", "EMPTY", "SYMBOLOGY", "SYNTAX", "UNKNOWN_AI",
    "DUPLICATE_AI", "VALUE_FORMAT", "MISSING_AI",
  ]) {
    assert.ok(codes.has(code), `no vector for ${code}`);
  }
  assert.ok(vectors.scans.some((c) => c.pack && c.scan.startsWith("(")));
  assert.ok(vectors.scans.some((c) => c.pack && c.scan.includes(GS)));
});

test("field vectors: the chain's verdict on every GTIN, SSCC, serial, lot and expiry", () => {
  for (const c of vectors.fields) {
    const validate = validators[c.kind];
    const what = `${c.kind} ${JSON.stringify(c.input)}`;
    if (c.ok) {
      const result = validate(c.input);
      if (c.kind === "expiry") assert.equal(result, c.endsAt, what);
      else assert.equal(result, c.input, what);
    } else {
      refused(() => validate(c.input), c.error, what);
    }
  }
});

test("scan vectors: elements, pack fields and errors, from text and from bytes", () => {
  for (const c of vectors.scans) {
    for (const input of [c.scan, asBytes(c.scan)]) {
      const what = `${c.name} (${typeof input === "string" ? "text" : "bytes"})`;
      if (c.elements) {
        assert.deepEqual(parseElementString(input).elements, c.elements, what);
      }
      if (c.pack) {
        const pack = parsePackScan(input);
        const { elements, symbology, ...fields } = pack;
        assert.deepEqual(fields, c.pack, what);
        assert.deepEqual(elements, c.elements, what);
        assert.equal(symbology, c.scan.startsWith("]") ? c.scan.slice(0, 3) : null, what);
      } else {
        const error = refused(() => parsePackScan(input), c.error, what);
        if (c.ai !== undefined) assert.equal(error.ai, c.ai, what);
        if (c.error !== "MISSING_AI") {
          refused(() => parseElementString(input), c.error, what);
        }
        // The element at fault, checked alone, breaks the same rule.
        if (c.value !== undefined) {
          const kind = { "00": "sscc", "01": "gtin", 10: "lot", 17: "expiry", 21: "serial" }[c.ai];
          refused(() => validators[kind](c.value), c.error, `${what}: the value alone`);
        }
      }
    }
  }
});

test("raw values are kept: day 00 stays 00", () => {
  const scan = `]d20100614141123452172802001012${GS}21S1`;
  const pack = parsePackScan(scan);
  assert.equal(pack.expiry, "280200");
  assert.equal(pack.lot, "12");
  assert.equal(pack.expiresAt, expiryEndsAt("280229"));
  assert.equal(parseElementString(scan).form, "fnc1");
  assert.equal(parseElementString("(01)00614141123452").form, "hri");
});

test("errors say where: the AI and the offset of the element at fault", () => {
  const scan = `]d20100614141123452172802301012${GS}21S1`;
  const error = refused(() => parsePackScan(scan), "EXPIRY_DATE", "day 30 of February");
  assert.equal(error.ai, "17");
  assert.equal(error.position, 19);
  assert.equal(scan.slice(error.position, error.position + 2), "17");
});

test("every element string in the vectors writes back and reads the same", () => {
  for (const c of vectors.scans.filter((v) => v.elements)) {
    for (const symbology of ["]d2", "]Q3", ""]) {
      const written = formatElementString(c.elements, symbology);
      assert.deepEqual(parseElementString(written).elements, c.elements, c.name);
      assert.equal(parseElementString(written).symbology, symbology || null, c.name);
    }
    assert.deepEqual(parseElementString(formatHri(c.elements)).elements, c.elements, c.name);
  }
  // A GS follows each variable-length element but the last, never a predefined-length one.
  const elements = [
    { ai: "01", value: "00614141123452" },
    { ai: "10", value: "L1" },
    { ai: "17", value: "280200" },
    { ai: "21", value: "S1" },
  ];
  assert.equal(formatElementString(elements), `]d20100614141123452${"10L1" + GS}1728020021S1`);
  assert.equal(formatHri(elements), "(01)00614141123452(10)L1(17)280200(21)S1");
  refused(() => formatHri([{ ai: "89", value: "X" }]), "UNKNOWN_AI", "unknown AI");
});

test("check digits and set 82 follow the GS1 rules", () => {
  assert.equal(checkDigit("0061414112345"), 2);
  assert.equal(checkDigit("10614141123456789"), 7);
  refused(() => checkDigit("12a"), "VALUE_FORMAT", "a letter");
  // Set 82 is exactly these characters (GS1 General Specifications §7.11).
  const set82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
  assert.equal(set82.length, 82);
  for (let code = 0; code < 256; code++) {
    const ch = String.fromCharCode(code);
    assert.equal(isCset82(ch), set82.includes(ch), `character ${code}`);
  }
});
