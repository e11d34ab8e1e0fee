/**
 * RFC 8785 canonical JSON of a FHIR resource, with the input held to I-JSON (RFC 7493) first
 * (docs/record-protocol.md §3).
 *
 * `JSON.parse` keeps the last of two members with one name; two viewers could still show such a
 * resource differently, so a second pass over the text refuses a repeated name (after unescaping)
 * instead of resolving it. The same pass refuses what `JSON.parse` lets through but the reference
 * crate's parser does not: lone surrogates and nesting deeper than {@link MAX_JSON_DEPTH}. A
 * number outside the double range is refused last, when the canonical text is written (by the
 * `canonicalize` package), as the reference crate does when built in the Medchain workspace (where
 * `serde_json`'s `arbitrary_precision` feature is on).
 *
 * @module
 */
import canonicalize from "canonicalize";
import { decodeUtf8, isWellFormed, utf8 } from "../bytes.js";
import { RecordProtocolError } from "./errors.js";

/**
 * The deepest nesting of arrays and objects read: `serde_json`, the reference crate's parser,
 * refuses the 128th nested container.
 */
export const MAX_JSON_DEPTH = 127;

/**
 * The RFC 8785 canonical form of a FHIR JSON resource, as UTF-8 bytes.
 *
 * @param json - the resource as UTF-8 bytes, or as a string.
 * @returns the canonical JSON: members sorted by UTF-16 code units, no whitespace, strings and
 *   numbers written as ECMAScript's `JSON.stringify` writes them.
 * @throws {@link RecordProtocolError}, checked in this order: `InvalidJson` if the input is not
 *   UTF-8, not JSON, holds a lone surrogate or nests deeper than {@link MAX_JSON_DEPTH};
 *   `DuplicateMember` if an object names a member twice (the first repeated name in document
 *   order); `NotAFhirResource` if the top level is not an object with a non-empty string
 *   `resourceType`; `InvalidJson` if a number is outside the double range (`1e400`).
 */
export function canonicalJson(json: Uint8Array | string): Uint8Array {
  const text = typeof json === "string" ? json : decodeUtf8(json);
  if (text === undefined) {
    throw invalid("invalid UTF-8");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : String(error), error);
  }
  const scan = scanJson(text);
  if (scan.invalid !== undefined) {
    throw invalid(scan.invalid);
  }
  if (scan.duplicate !== undefined) {
    throw new RecordProtocolError({ code: "DuplicateMember", name: scan.duplicate });
  }
  if (!isFhirResource(value)) {
    throw new RecordProtocolError({ code: "NotAFhirResource" });
  }
  let canonical: string | undefined;
  try {
    canonical = canonicalize(value);
  } catch (error) {
    // `canonicalize` refuses non-finite numbers (`1e400` parses to Infinity).
    throw invalid(error instanceof Error ? error.message : String(error), error);
  }
  if (canonical === undefined) {
    throw invalid("no JSON value");
  }
  return utf8(canonical, "json");
}

function invalid(reason: string, cause?: unknown): RecordProtocolError {
  return new RecordProtocolError({ code: "InvalidJson", reason }, { cause });
}

function isFhirResource(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return false;
  }
  if (!Object.hasOwn(value, "resourceType")) {
    return false;
  }
  const kind = (value as { resourceType: unknown }).resourceType;
  return typeof kind === "string" && kind.length > 0;
}

/** What the second pass found: the first I-JSON violation, and the first repeated member name. */
interface Scan {
  invalid?: string;
  duplicate?: string;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

/**
 * Walks JSON text that `JSON.parse` accepted, token by token. Every object keeps the set of its
 * member names (unescaped); the first name met twice in one object is the duplicate.
 */
function scanJson(text: string): Scan {
  // One entry per open container: the names of an object so far, or `null` for an array.
  const open: (Set<string> | null)[] = [];
  let expectName = false;
  let duplicate: string | undefined;
  let at = 0;
  while (at < text.length) {
    const char = text[at];
    switch (char) {
      case "{":
      case "[":
        open.push(char === "{" ? new Set() : null);
        if (open.length > MAX_JSON_DEPTH) {
          return { invalid: `nesting deeper than ${MAX_JSON_DEPTH}` };
        }
        expectName = char === "{";
        at++;
        break;
      case "}":
      case "]":
        open.pop();
        expectName = false;
        at++;
        break;
      case ",":
        expectName = open.length > 0 && open[open.length - 1] !== null;
        at++;
        break;
      case ":":
        expectName = false;
        at++;
        break;
      case " ":
      case "\t":
      case "\n":
      case "\r":
        at++;
        break;
      case '"': {
        let end = at + 1;
        while (end < text.length && text[end] !== '"') {
          end += text[end] === "\\" ? 2 : 1;
        }
        const value = JSON.parse(text.slice(at, end + 1)) as string;
        if (!isWellFormed(value)) {
          return { invalid: "lone surrogate in a string" };
        }
        const names = open[open.length - 1];
        if (expectName && names && duplicate === undefined) {
          if (names.has(value)) {
            duplicate = value;
          } else {
            names.add(value);
          }
        }
        at = end + 1;
        break;
      }
      default: {
        NUMBER.lastIndex = at;
        const number = NUMBER.exec(text);
        if (number) {
          // Its range is checked when the canonical text is written.
          at += number[0].length;
          break;
        }
        LITERAL.lastIndex = at;
        const literal = LITERAL.exec(text);
        if (!literal) {
          // Unreachable for text that JSON.parse accepted.
          return { invalid: `unexpected character at ${at}` };
        }
        at += literal[0].length;
      }
    }
  }
  return duplicate === undefined ? {} : { duplicate };
}
