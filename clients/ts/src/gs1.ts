/**
 * GS1 scans: parses the element string a GS1 DataMatrix (or another GS1 carrier) holds, or its
 * human-readable form with parentheses, and checks the identifiers with the chain's own rules
 * (the `gs1` module of the primitives crate), so that what the client accepts is what
 * `commission_units` and `verify_unit` accept.
 *
 * Rules followed (GS1 General Specifications):
 * - a symbology identifier may lead: `]d2` (GS1 DataMatrix), `]Q3` (GS1 QR Code), `]C1`
 *   (GS1-128), `]e0` (GS1 DataBar), `]J1` (GS1 DotCode); any other is refused;
 * - FNC1 is the GS character (0x1D); a leading FNC1 (as some readers send it) is skipped;
 * - element strings whose AI starts with a prefix of predefined length (00, 01, 02, 03, 04,
 *   11–20, 31–36, 41) are read at that length and need no separator; every other element ends
 *   at the next FNC1 or at the end;
 * - values are kept exactly as scanned: an expiry `280200` stays `280200` (day 00 is the last
 *   day of the month, and the chain compares the bytes).
 *
 * Chain rules: a GTIN-14 or SSCC-18 is all digits with a right mod-10 check digit; a lot (AI 10)
 * and a serial (AI 21) are 1 to 20 characters of the GS1 AI encodable character set 82; an
 * expiry (AI 17) is `YYMMDD` of the years 2000–2099, with a real month and a day that exists in
 * it (or 00).
 */

/** Why a scan or an identifier was refused. */
export type Gs1ErrorCode =
  /** Nothing to parse (after the symbology identifier and any leading FNC1). */
  | "EMPTY"
  /** A symbology identifier that is not a GS1 one (e.g. `]d1`, plain DataMatrix). */
  | "SYMBOLOGY"
  /** The string is malformed: a separator where an AI should start, an unclosed or empty
   * parenthesis in the human-readable form, text before the first AI. */
  | "SYNTAX"
  /** No known Application Identifier starts here. */
  | "UNKNOWN_AI"
  /** An AI other than 00, 01, 10, 17 and 21 has a value of the wrong length, characters or
   * check digit. */
  | "VALUE_FORMAT"
  /** The same AI appears twice with different values. */
  | "DUPLICATE_AI"
  /** A pack scan lacks one of the AIs 01, 21, 10 and 17. */
  | "MISSING_AI"
  /** A GTIN is not 14 digits (the chain's `InvalidGtin`). */
  | "GTIN_FORMAT"
  /** A GTIN's check digit is wrong (`InvalidGtinCheckDigit`). */
  | "GTIN_CHECK_DIGIT"
  /** An SSCC is not 18 digits (`InvalidSscc`). */
  | "SSCC_FORMAT"
  /** An SSCC's check digit is wrong (`InvalidSsccCheckDigit`). */
  | "SSCC_CHECK_DIGIT"
  /** A serial is empty, longer than 20, or has a character outside set 82 (`InvalidSerial`). */
  | "SERIAL_FORMAT"
  /** A lot is empty, longer than 20, or has a character outside set 82 (`InvalidLot`). */
  | "LOT_FORMAT"
  /** An expiry is not six digits (`InvalidExpiry`). */
  | "EXPIRY_FORMAT"
  /** An expiry's month is not 01–12, or its day does not exist in it (`InvalidExpiryDate`). */
  | "EXPIRY_DATE";

/** A refused scan or identifier: `code` says why; `ai` and `position` say where, if known. */
export class Gs1Error extends Error {
  /** The reason, one of {@link Gs1ErrorCode}. */
  readonly code: Gs1ErrorCode;
  /** The Application Identifier of the element at fault, if there is one. */
  readonly ai: string | undefined;
  /** The offset in the scanned string where the fault was found, if known. */
  readonly position: number | undefined;

  constructor(code: Gs1ErrorCode, message: string, ai?: string, position?: number) {
    super(message);
    this.name = "Gs1Error";
    this.code = code;
    this.ai = ai;
    this.position = position;
  }
}

/** The GS character, FNC1 in a GS1 DataMatrix or QR Code data stream. */
export const GS = "\u001d";

/**
 * What a keyboard-wedge scanner types for a scan, as the element string it stands for. A wedge
 * "types" the symbol's data into whatever field has the focus, and cannot type the GS
 * character: scanners send it as a control key (Ctrl+], which an app should turn into
 * {@link GS}) or, configured so, as a printable stand-in. This accepts the stand-ins scanners
 * are commonly set to: `<GS>`, `{GS}`, `^]`, and the control picture `␝` (U+241D); it drops the
 * Enter (CR, LF) that ends a scan, and keeps everything else as typed. (`<GS>` is also four
 * characters of set 82: a scanner set to it cannot carry a serial that holds them.)
 *
 * @param typed - what the scanner typed.
 * @returns the element string, for {@link parsePackScan}.
 */
export function fromKeyboardWedge(typed: string): string {
  return typed.replace(/[\r\n]+$/u, "").replace(/<GS>|\{GS\}|\^\]|\u241d/giu, GS);
}

/** The symbology identifiers of GS1 data carriers, each with its name. */
export const GS1_SYMBOLOGIES: Readonly<Record<string, string>> = {
  "]d2": "GS1 DataMatrix",
  "]Q3": "GS1 QR Code",
  "]C1": "GS1-128",
  "]e0": "GS1 DataBar",
  "]J1": "GS1 DotCode",
};

/** One element of a scan: an Application Identifier and its value, as scanned. */
export interface Gs1Element {
  /** The AI, 2 to 4 digits. */
  ai: string;
  /** The value, exactly as scanned. */
  value: string;
}

/** A parsed and checked element string. */
export interface Gs1Data {
  /** The symbology identifier that led the scan, or `null` if there was none. */
  symbology: string | null;
  /** `"fnc1"` for an element string with FNC1 separators, `"hri"` for the form in parentheses. */
  form: "fnc1" | "hri";
  /** The elements in scan order (a repeat of an AI with the same value is kept once). */
  elements: Gs1Element[];
}

/** What the chain needs from a medicine pack's DataMatrix (`verify_unit`'s arguments). */
export interface PackScan {
  /** The GTIN-14 (AI 01). */
  gtin: string;
  /** The serial number (AI 21). */
  serial: string;
  /** The batch or lot (AI 10). */
  lot: string;
  /** The expiry `YYMMDD` (AI 17), as scanned. */
  expiry: string;
  /** When the expiry passes, as the chain computes it: ms since the Unix epoch at the start
   * (UTC) of the day after the expiry date. */
  expiresAt: number;
  /** Every element of the scan, the four above included. */
  elements: Gs1Element[];
  /** The symbology identifier that led the scan, or `null`. */
  symbology: string | null;
}

// ---------------------------------------------------------------------------------------------
// The chain's identifier rules.

const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;
const DIGITS = /^[0-9]*$/;

/**
 * Whether every character of `text` belongs to the GS1 AI encodable character set 82.
 *
 * @param text - the characters to check (the empty string passes).
 * @returns `true` if all are in set 82.
 */
export function isCset82(text: string): boolean {
  return CSET82.test(text);
}

/**
 * The GS1 mod-10 check digit of `digits` (all digits but the check digit): weights 3 and 1
 * alternating from the right.
 *
 * @param digits - ASCII digits.
 * @returns the check digit, 0 to 9.
 * @throws {@link Gs1Error} `VALUE_FORMAT` if `digits` has a character that is not a digit.
 */
export function checkDigit(digits: string): number {
  if (!DIGITS.test(digits)) throw new Gs1Error("VALUE_FORMAT", "a check digit is of digits");
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether `code` is `length` digits, and then whether its last digit checks. */
function digitsWithCheck(code: string, length: number): "format" | "check" | "ok" {
  if (code.length !== length || !DIGITS.test(code)) return "format";
  return checkDigit(code.slice(0, -1)) === code.charCodeAt(length - 1) - 48 ? "ok" : "check";
}

/**
 * Checks a GTIN-14 as the chain does.
 *
 * @param gtin - the 14 digits.
 * @returns `gtin`, unchanged.
 * @throws {@link Gs1Error} `GTIN_FORMAT` if it is not 14 ASCII digits, `GTIN_CHECK_DIGIT` if its
 *   check digit is wrong.
 */
export function validateGtin(gtin: string): string {
  const verdict = digitsWithCheck(gtin, 14);
  if (verdict === "format") throw new Gs1Error("GTIN_FORMAT", "a GTIN is 14 digits", "01");
  if (verdict === "check") throw new Gs1Error("GTIN_CHECK_DIGIT", "wrong GTIN check digit", "01");
  return gtin;
}

/**
 * Checks an SSCC-18 as the chain does.
 *
 * @param sscc - the 18 digits.
 * @returns `sscc`, unchanged.
 * @throws {@link Gs1Error} `SSCC_FORMAT` if it is not 18 ASCII digits, `SSCC_CHECK_DIGIT` if its
 *   check digit is wrong.
 */
export function validateSscc(sscc: string): string {
  const verdict = digitsWithCheck(sscc, 18);
  if (verdict === "format") throw new Gs1Error("SSCC_FORMAT", "an SSCC is 18 digits", "00");
  if (verdict === "check") throw new Gs1Error("SSCC_CHECK_DIGIT", "wrong SSCC check digit", "00");
  return sscc;
}

function isCset82Text(text: string): boolean {
  return text.length >= 1 && text.length <= 20 && CSET82.test(text);
}

/**
 * Checks a serial number (AI 21) as the chain does.
 *
 * @param serial - the serial.
 * @returns `serial`, unchanged.
 * @throws {@link Gs1Error} `SERIAL_FORMAT` if it is empty, longer than 20 characters, or has a
 *   character outside set 82.
 */
export function validateSerial(serial: string): string {
  if (!isCset82Text(serial)) {
    throw new Gs1Error("SERIAL_FORMAT", "a serial is 1 to 20 characters of GS1 set 82", "21");
  }
  return serial;
}

/**
 * Checks a batch or lot number (AI 10) as the chain does.
 *
 * @param lot - the lot.
 * @returns `lot`, unchanged.
 * @throws {@link Gs1Error} `LOT_FORMAT` if it is empty, longer than 20 characters, or has a
 *   character outside set 82.
 */
export function validateLot(lot: string): string {
  if (!isCset82Text(lot)) {
    throw new Gs1Error("LOT_FORMAT", "a lot is 1 to 20 characters of GS1 set 82", "10");
  }
  return lot;
}

/** The end (ms, start of the next day UTC) of a `YYMMDD` date, or why not. */
function dateEnd(code: string): number | "format" | "date" {
  if (code.length !== 6 || !DIGITS.test(code)) return "format";
  const year = 2000 + Number(code.slice(0, 2));
  const month = Number(code.slice(2, 4));
  const day = Number(code.slice(4, 6));
  if (month < 1 || month > 12) return "date";
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return "date";
  return Date.UTC(year, month - 1, (day === 0 ? last : day) + 1);
}

/**
 * Checks an expiry (AI 17) as the chain does, and says when it passes. Years are 2000 + YY;
 * day `00` stands for the month's last day.
 *
 * @param expiry - the six characters `YYMMDD`.
 * @returns the moment the expiry passes: ms since the Unix epoch at the start (UTC) of the day
 *   after the expiry date, the chain's `expires_at`.
 * @throws {@link Gs1Error} `EXPIRY_FORMAT` if it is not six ASCII digits, `EXPIRY_DATE` if the
 *   month is not 01–12 or the day does not exist in that month.
 */
export function expiryEndsAt(expiry: string): number {
  const end = dateEnd(expiry);
  if (end === "format") throw new Gs1Error("EXPIRY_FORMAT", "an expiry is six digits", "17");
  if (end === "date") throw new Gs1Error("EXPIRY_DATE", "no such expiry date", "17");
  return end;
}

// ---------------------------------------------------------------------------------------------
// Application Identifiers.

/** The format of an AI's value: digits (`N`) or set 82 (`X`), of a fixed or a maximum length. */
interface AiSpec {
  readonly chars: "N" | "X";
  readonly fixed: boolean;
  readonly length: number;
  /** An extra check of the value: `false` if it fails. */
  readonly check?: (value: string) => boolean;
}

/** AI prefixes whose element strings have a predefined length, AI included (GS1 General
 * Specifications, figure 7.8.5-2): these need no FNC1 after them. */
const PREDEFINED: Readonly<Record<string, number>> = {
  "00": 20, "01": 16, "02": 16, "03": 16, "04": 18,
  "11": 8, "12": 8, "13": 8, "14": 8, "15": 8, "16": 8, "17": 8, "18": 8, "19": 8, "20": 4,
  "31": 10, "32": 10, "33": 10, "34": 10, "35": 10, "36": 10, "41": 16,
};

const withCheckDigit = (value: string) =>
  checkDigit(value.slice(0, -1)) === Number(value.slice(-1));
const isDate = (value: string) => typeof dateEnd(value) === "number";
const isDateTime = (value: string) =>
  isDate(value.slice(0, 6)) && Number(value.slice(6, 8)) <= 23 && Number(value.slice(8, 10)) <= 59;

function spec(format: string, check?: (value: string) => boolean): AiSpec {
  const match = /^([NX])(\.\.)?(\d+)$/.exec(format);
  if (match === null) throw new Error(`bad AI format ${format}`);
  const chars = match[1] === "N" ? "N" : "X";
  const base = { chars, fixed: match[2] === undefined, length: Number(match[3]) } as const;
  return check === undefined ? base : { ...base, check };
}

/** The AIs this parser knows: those of healthcare packs and logistic labels. */
const AIS: ReadonlyMap<string, AiSpec> = (() => {
  const table = new Map<string, AiSpec>();
  const add = (ai: string, format: string, check?: (value: string) => boolean) =>
    table.set(ai, spec(format, check));
  add("00", "N18");
  add("01", "N14");
  add("02", "N14", withCheckDigit);
  add("10", "X..20");
  for (const ai of ["11", "12", "13", "15", "16", "17"]) add(ai, "N6", isDate);
  add("20", "N2");
  add("21", "X..20");
  add("22", "X..20");
  add("235", "X..28");
  add("240", "X..30");
  add("241", "X..30");
  add("242", "N..6");
  add("243", "X..20");
  add("250", "X..30");
  add("251", "X..30");
  add("254", "X..20");
  add("30", "N..8");
  // Trade and logistic measures: 310n–316n, 320n–329n, 330n–337n, 340n–349n, 350n–357n,
  // 360n–369n, with n (the decimal point's position) 0 to 5.
  const measures: [number, number][] = [
    [310, 316], [320, 329], [330, 337], [340, 349], [350, 357], [360, 369],
  ];
  for (const [from, to] of measures) {
    for (let base = from; base <= to; base++) for (let n = 0; n <= 5; n++) add(`${base}${n}`, "N6");
  }
  add("37", "N..8");
  add("400", "X..30");
  add("401", "X..30");
  add("402", "N17", withCheckDigit);
  add("403", "X..30");
  for (let ai = 410; ai <= 417; ai++) add(`${ai}`, "N13", withCheckDigit);
  add("420", "X..20");
  add("422", "N3");
  add("424", "N3");
  add("426", "N3");
  add("7001", "N13");
  add("7003", "N10", isDateTime);
  add("7004", "N..4");
  // National Healthcare Reimbursement Numbers: PZN (DE), CIP (FR), CN (ES), DRN (BR), AIM (PT),
  // NDC (US), AIC (IT).
  for (let ai = 710; ai <= 716; ai++) add(`${ai}`, "X..20");
  add("8004", "X..30");
  add("8012", "X..20");
  add("90", "X..30");
  for (let ai = 91; ai <= 99; ai++) add(`${ai}`, "X..90");
  return table;
})();

/** The known AI that starts `text` at `pos` (AIs are prefix-free), or `undefined`. */
function aiAt(text: string, pos: number): string | undefined {
  for (const width of [2, 3, 4]) {
    const ai = text.slice(pos, pos + width);
    if (ai.length === width && AIS.has(ai)) return ai;
  }
  return undefined;
}

/** The AIs the chain itself checks, with its rules. */
const CHAIN_RULES: Readonly<Record<string, (value: string) => unknown>> = {
  "00": validateSscc,
  "01": validateGtin,
  "10": validateLot,
  "17": expiryEndsAt,
  "21": validateSerial,
};

/** Checks one element's value: the chain's rules for 00, 01, 10, 17 and 21, the AI's GS1 format
 * otherwise. */
function checkElement(ai: string, value: string, position: number): void {
  const at = (e: Gs1Error) => new Gs1Error(e.code, `AI (${ai}): ${e.message}`, ai, position);
  const rule = CHAIN_RULES[ai];
  if (rule !== undefined) {
    try {
      rule(value);
    } catch (e) {
      throw e instanceof Gs1Error ? at(e) : e;
    }
    return;
  }
  const format = AIS.get(ai);
  if (format === undefined) throw new Gs1Error("UNKNOWN_AI", `unknown AI (${ai})`, ai, position);
  const lengthOk = format.fixed
    ? value.length === format.length
    : value.length >= 1 && value.length <= format.length;
  const charsOk = (format.chars === "N" ? DIGITS : CSET82).test(value);
  if (!lengthOk || !charsOk || (format.check !== undefined && !format.check(value))) {
    const shape = `${format.chars}${format.fixed ? "" : ".."}${format.length}`;
    throw new Gs1Error("VALUE_FORMAT", `AI (${ai}): the value is not ${shape}`, ai, position);
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing.

/** An element as read, before its checks, with the offset of its AI. */
interface RawElement {
  ai: string;
  value: string;
  position: number;
}

/** Reads the elements of an FNC1-separated element string from `pos`. */
function readFnc1(text: string, pos: number): RawElement[] {
  const out: RawElement[] = [];
  while (pos < text.length) {
    if (text[pos] === GS) {
      throw new Gs1Error("SYNTAX", "an FNC1 where an AI should start", undefined, pos);
    }
    const ai = aiAt(text, pos);
    if (ai === undefined) {
      throw new Gs1Error("UNKNOWN_AI", `no known AI at offset ${pos}`, undefined, pos);
    }
    const position = pos;
    pos += ai.length;
    const total = PREDEFINED[ai.slice(0, 2)];
    let end = text.indexOf(GS, pos);
    if (end === -1) end = text.length;
    if (total !== undefined) end = Math.min(end, pos + total - ai.length);
    out.push({ ai, value: text.slice(pos, end), position });
    pos = end;
    // A separator ends a variable-length element; after a predefined one it is superfluous
    // but harmless.
    if (text[pos] === GS) pos++;
  }
  return out;
}

/** Reads the elements of the human-readable form `(01)…(17)…` from `pos`. A literal `(` in a
 * value is written `\(`; spaces around a value are dropped (set 82 and digits have none). */
function readHri(text: string, pos: number): RawElement[] {
  const out: RawElement[] = [];
  while (pos < text.length) {
    if (text[pos] !== "(") {
      throw new Gs1Error("SYNTAX", `expected "(" at offset ${pos}`, undefined, pos);
    }
    const close = text.indexOf(")", pos);
    const ai = close === -1 ? "" : text.slice(pos + 1, close);
    if (!/^\d{2,4}$/.test(ai)) {
      throw new Gs1Error("SYNTAX", `no AI in parentheses at offset ${pos}`, undefined, pos);
    }
    if (!AIS.has(ai)) throw new Gs1Error("UNKNOWN_AI", `unknown AI (${ai})`, ai, pos);
    const position = pos;
    let value = "";
    pos = close + 1;
    while (pos < text.length && text[pos] !== "(") {
      const escaped = text[pos] === "\\" && text[pos + 1] === "(";
      value += escaped ? "(" : text[pos];
      pos += escaped ? 2 : 1;
    }
    out.push({ ai, value: value.replace(/^ +| +$/g, ""), position });
  }
  return out;
}

function asText(input: string | Uint8Array): string {
  if (typeof input === "string") return input;
  // Bytes as Latin-1: every byte one character, so the GS byte stays GS and any byte over 0x7F
  // fails set 82.
  let text = "";
  for (const byte of input) text += String.fromCharCode(byte);
  return text;
}

/**
 * Parses a GS1 element string, as a scanner or a camera decoder reads it from a GS1 DataMatrix
 * (`]d2` and FNC1 as GS), or as printed in parentheses (`(01)…(17)…(10)…(21)…`), and checks
 * every element: the chain's rules for AIs 00, 01, 10, 17 and 21, the GS1 format of the others.
 * A trailing CR or LF (a scanner's suffix) is dropped; values are kept exactly.
 *
 * @param input - the scan, as text or as the bytes the reader sent.
 * @returns the symbology identifier, the form and the elements in order.
 * @throws {@link Gs1Error} with code `EMPTY`, `SYMBOLOGY`, `SYNTAX`, `UNKNOWN_AI`,
 *   `DUPLICATE_AI`, `VALUE_FORMAT`, or a chain code (`GTIN_FORMAT`, `GTIN_CHECK_DIGIT`,
 *   `SSCC_FORMAT`, `SSCC_CHECK_DIGIT`, `LOT_FORMAT`, `SERIAL_FORMAT`, `EXPIRY_FORMAT`,
 *   `EXPIRY_DATE`); `ai` and `position` name the element at fault.
 */
export function parseElementString(input: string | Uint8Array): Gs1Data {
  const text = asText(input).replace(/[\r\n]+$/, "");
  let pos = 0;
  let symbology: string | null = null;
  if (text.startsWith("]")) {
    symbology = text.slice(0, 3);
    if (GS1_SYMBOLOGIES[symbology] === undefined) {
      const shown = JSON.stringify(symbology);
      throw new Gs1Error("SYMBOLOGY", `not a GS1 symbology identifier: ${shown}`, undefined, 0);
    }
    pos = 3;
  }
  if (text[pos] === GS) pos++;
  if (pos >= text.length) throw new Gs1Error("EMPTY", "no element string", undefined, pos);
  const form = text[pos] === "(" ? "hri" : "fnc1";
  const read = form === "hri" ? readHri(text, pos) : readFnc1(text, pos);
  const seen = new Map<string, string>();
  const elements: Gs1Element[] = [];
  for (const { ai, value, position } of read) {
    checkElement(ai, value, position);
    const before = seen.get(ai);
    if (before === undefined) {
      seen.set(ai, value);
      elements.push({ ai, value });
    } else if (before !== value) {
      throw new Gs1Error("DUPLICATE_AI", `AI (${ai}) twice with different values`, ai, position);
    }
  }
  return { symbology, form, elements };
}

/**
 * Parses a medicine pack's scan (see {@link parseElementString}) into what `verify_unit` takes:
 * GTIN (01), serial (21), lot (10) and expiry (17), all checked with the chain's rules, and
 * the moment the expiry passes. Other AIs (such as a national reimbursement number) may be
 * present and are kept in `elements`.
 *
 * @param input - the scan, as text or as the bytes the reader sent.
 * @returns the pack's identifiers, its elements and its symbology identifier.
 * @throws {@link Gs1Error} any code of {@link parseElementString}, or `MISSING_AI` (with `ai`
 *   the first of 01, 21, 10, 17 that is absent).
 */
export function parsePackScan(input: string | Uint8Array): PackScan {
  const data = parseElementString(input);
  const get = (ai: string): string => {
    const element = data.elements.find((e) => e.ai === ai);
    if (element === undefined) {
      throw new Gs1Error("MISSING_AI", `a pack scan needs AI (${ai})`, ai);
    }
    return element.value;
  };
  const gtin = get("01");
  const serial = get("21");
  const lot = get("10");
  const expiry = get("17");
  return {
    gtin,
    serial,
    lot,
    expiry,
    expiresAt: expiryEndsAt(expiry),
    elements: data.elements,
    symbology: data.symbology,
  };
}

/**
 * Writes elements as an element string for a GS1 DataMatrix: the symbology identifier, then
 * each AI and value, with an FNC1 (GS) after every element whose length is not predefined
 * unless it is the last. Values are not checked; {@link parseElementString} reads the result
 * back.
 *
 * @param elements - the elements, in order.
 * @param symbology - the leading symbology identifier (`"]d2"` by default, `""` for none).
 * @returns the element string.
 * @throws {@link Gs1Error} `UNKNOWN_AI` for an AI this module does not know.
 */
export function formatElementString(elements: readonly Gs1Element[], symbology = "]d2"): string {
  let out = symbology;
  elements.forEach(({ ai, value }, i) => {
    if (!AIS.has(ai)) throw new Gs1Error("UNKNOWN_AI", `unknown AI (${ai})`, ai);
    out += ai + value;
    if (PREDEFINED[ai.slice(0, 2)] === undefined && i < elements.length - 1) out += GS;
  });
  return out;
}

/**
 * Writes elements in the human-readable form, `(01)…(17)…`, a `(` in a value escaped as `\(`.
 *
 * @param elements - the elements, in order.
 * @returns the text.
 * @throws {@link Gs1Error} `UNKNOWN_AI` for an AI this module does not know.
 */
export function formatHri(elements: readonly Gs1Element[]): string {
  return elements
    .map(({ ai, value }) => {
      if (!AIS.has(ai)) throw new Gs1Error("UNKNOWN_AI", `unknown AI (${ai})`, ai);
      return `(${ai})${value.replaceAll("(", "\\(")}`;
    })
    .join("");
}
