// What apps show people: every pallet error explained by its documentation from metadata with a
// next step, the client's own errors in plain words, keyboard-wedge scans read as scanned, and
// the suspect-report commitment.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  ChainCallError,
  ERROR_DOCS,
  GS,
  Gs1Error,
  InvalidPhraseError,
  NEXT_STEPS,
  SubmissionError,
  accountFromPhrase,
  explainError,
  fromKeyboardWedge,
  parsePackScan,
  suspectReasonHash,
} from "../dist/index.js";

const failed = (pallet, name) =>
  new ChainCallError({ ok: false, block: { hash: "0x", number: 1, index: 0 }, events: [], error: { pallet, name } }, "a call");

test("every next step is for an error the runtime has", () => {
  for (const key of Object.keys(NEXT_STEPS)) assert.ok(key in ERROR_DOCS, `${key} is a pallet error in metadata`);
  assert.ok(Object.keys(ERROR_DOCS).length > 100, "the runtime's errors are all there");
  for (const [key, doc] of Object.entries(ERROR_DOCS)) {
    if (/^(DrugProvenance|Consent|Records|PatientIdentity|Consortium)\./.test(key)) {
      assert.match(doc, /\S/, `${key} has documentation (Medchain documents every error)`);
    }
  }
});

test("a failed transaction is explained by its error's documentation and a next step", () => {
  const notHolder = explainError(failed("DrugProvenance", "NotHolder"));
  assert.equal(notHolder.what, ERROR_DOCS["DrugProvenance.NotHolder"]);
  assert.equal(notHolder.next, NEXT_STEPS["DrugProvenance.NotHolder"]);
  assert.equal(notHolder.code, "DrugProvenance.NotHolder");
  const other = explainError(failed("DrugProvenance", "ShipToSelf"));
  assert.equal(other.what, "A shipment to one's own organisation.");
  assert.match(other.next, /Nothing was changed/);
  const unknown = explainError(failed("Nowhere", "Nothing"));
  assert.match(unknown.what, /Nowhere\.Nothing/);
});

test("the client's own errors come out as sentences", () => {
  let gs1;
  try {
    parsePackScan("(01)09506000134352(21)ABC");
  } catch (e) {
    gs1 = e;
  }
  assert.ok(gs1 instanceof Gs1Error);
  const scan = explainError(gs1);
  assert.equal(scan.code, "MISSING_AI");
  assert.match(scan.what, /could not be read/);
  let phrase;
  try {
    accountFromPhrase("not a phrase at all");
  } catch (e) {
    phrase = e;
  }
  assert.ok(phrase instanceof InvalidPhraseError);
  assert.match(explainError(phrase).what, /not a valid recovery phrase/);
  assert.match(explainError(new SubmissionError("late")).next, /nothing was changed/);
  const refused = { type: "Invalid", value: { type: "Custom", value: 21 } };
  assert.match(explainError(refused).what, /free calls/);
});

test("a keyboard wedge's stand-ins for GS read as the scan itself", () => {
  const scanned = `]d2010950600013435221ABC123${GS}10LOT7${GS}17281231`;
  const expected = parsePackScan(scanned);
  for (const typed of [
    `${scanned}\r\n`,
    "]d2010950600013435221ABC123<GS>10LOT7<gs>17281231",
    "]d2010950600013435221ABC123{GS}10LOT7{GS}17281231\n",
    "]d2010950600013435221ABC123^]10LOT7^]17281231",
    "]d2010950600013435221ABC123\u241d10LOT7\u241d17281231",
  ]) {
    const got = parsePackScan(fromKeyboardWedge(typed));
    assert.deepEqual([got.gtin, got.serial, got.lot, got.expiry], [expected.gtin, expected.serial, expected.lot, expected.expiry], JSON.stringify(typed));
  }
  assert.equal(fromKeyboardWedge("(01)09506000134352(21)A-1"), "(01)09506000134352(21)A-1", "the human-readable form is kept");
});

test("a suspect report's reason is committed to as BLAKE2b-256 of its UTF-8", () => {
  // hashlib.blake2b(b"Seal broken on arrival", digest_size=32), computed independently.
  assert.equal(suspectReasonHash("Seal broken on arrival"), "0x7f8764a4bde2be0f1425688c73c2cd4c512bb176fad4186562cf47a2829a17d1");
});
