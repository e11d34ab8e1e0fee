/**
 * Byte helpers shared by the client's modules: hex, concatenation, little-endian `u32`, strict
 * UTF-8 and argument checks. Nothing here is cryptographic.
 *
 * @module
 */

/**
 * A caller passed a value of the wrong type or shape (a 31-byte hash, a key version that is not a
 * `u32`, text that is not hex). It signals a programming error, not refused protocol data.
 */
export class InvalidArgumentError extends TypeError {
  /** Always `"InvalidArgument"`, so that callers can test `error.code` as for the other errors. */
  readonly code = "InvalidArgument" as const;
  /** The name of the argument that was refused. */
  readonly argument: string;

  /**
   * @param argument - the name of the refused argument.
   * @param reason - what is wrong with it.
   */
  constructor(argument: string, reason: string) {
    super(`${argument}: ${reason}`);
    this.name = "InvalidArgumentError";
    this.argument = argument;
  }
}

const HEX = /^[0-9a-fA-F]*$/;

/**
 * Lower-case hex of some bytes, without a `0x` prefix.
 *
 * @param bytes - the bytes to encode.
 * @returns the hex text (two characters a byte).
 */
export function toHex(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) {
    text += byte.toString(16).padStart(2, "0");
  }
  return text;
}

/**
 * The bytes of hex text, with or without a `0x` prefix, in either case.
 *
 * @param text - the hex text.
 * @param argument - the argument's name, for the error message.
 * @returns the decoded bytes.
 * @throws {@link InvalidArgumentError} if `text` is not a string of an even number of hex digits.
 */
export function fromHex(text: string, argument = "hex"): Uint8Array {
  if (typeof text !== "string") {
    throw new InvalidArgumentError(argument, "hex text expected");
  }
  const digits = text.startsWith("0x") || text.startsWith("0X") ? text.slice(2) : text;
  if (digits.length % 2 !== 0 || !HEX.test(digits)) {
    throw new InvalidArgumentError(argument, "not an even number of hex digits");
  }
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = Number.parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  }
  return bytes;
}

/**
 * The concatenation of byte strings (`a || b || …`), as a new array.
 *
 * @param parts - the byte strings, in order.
 * @returns a fresh array holding all of them.
 */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) {
    length += part.length;
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Whether a value is an unsigned 32-bit integer (0 ..= 2^32 − 1).
 *
 * @param value - any value.
 * @returns `true` for an integer number in range.
 */
export function isU32(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff;
}

/**
 * A `u32` as 4 little-endian bytes (as SCALE encodes it).
 *
 * @param value - an integer 0 ..= 2^32 − 1.
 * @param argument - the argument's name, for the error message.
 * @returns the 4 bytes.
 * @throws {@link InvalidArgumentError} if `value` is not a `u32`.
 */
export function u32le(value: number, argument = "value"): Uint8Array {
  if (!isU32(value)) {
    throw new InvalidArgumentError(argument, `not a u32: ${String(value)}`);
  }
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, true);
  return out;
}

/**
 * Reads a little-endian `u32` at an offset.
 *
 * @param bytes - the bytes to read from.
 * @param offset - where the 4 bytes start.
 * @returns the integer.
 * @throws {@link InvalidArgumentError} if fewer than 4 bytes follow `offset`.
 */
export function readU32le(bytes: Uint8Array, offset = 0): number {
  if (!Number.isInteger(offset) || offset < 0 || offset + 4 > bytes.length) {
    throw new InvalidArgumentError("offset", `no 4 bytes at ${offset} of ${bytes.length}`);
  }
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getUint32(offset, true);
}

/**
 * Whether two byte strings are equal. Not constant-time: for public values only.
 *
 * @param a - one byte string.
 * @param b - the other.
 * @returns `true` if they have the same length and bytes.
 */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

/**
 * Checks that a value is a `Uint8Array` of an exact length, and returns it.
 *
 * @param value - the value to check.
 * @param length - the required number of bytes.
 * @param argument - the argument's name, for the error message.
 * @returns `value`, typed.
 * @throws {@link InvalidArgumentError} if it is not a `Uint8Array` of `length` bytes.
 */
export function expectBytes(value: unknown, length: number, argument: string): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new InvalidArgumentError(argument, `a Uint8Array of ${length} bytes expected`);
  }
  if (value.length !== length) {
    throw new InvalidArgumentError(argument, `${length} bytes expected, not ${value.length}`);
  }
  return value;
}

/**
 * Checks that a value is a `Uint8Array` (of any length), and returns it.
 *
 * @param value - the value to check.
 * @param argument - the argument's name, for the error message.
 * @returns `value`, typed.
 * @throws {@link InvalidArgumentError} if it is not a `Uint8Array`.
 */
export function expectByteArray(value: unknown, argument: string): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new InvalidArgumentError(argument, "a Uint8Array expected");
  }
  return value;
}

/**
 * Whether a string is well-formed UTF-16 (no lone surrogate), so that its UTF-8 encoding is exact.
 *
 * @param text - the string.
 * @returns `false` if it holds a surrogate code unit without its pair.
 */
export function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) {
        return false;
      }
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return false;
    }
  }
  return true;
}

const encoder = new TextEncoder();
// `fatal` refuses malformed input; `ignoreBOM` keeps a leading U+FEFF as text, as Rust's
// `String::from_utf8` does, instead of silently dropping it.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The UTF-8 bytes of a string.
 *
 * @param text - a well-formed string.
 * @param argument - the argument's name, for the error message.
 * @returns its UTF-8 encoding.
 * @throws {@link InvalidArgumentError} if `text` holds a lone surrogate (which UTF-8 cannot carry).
 */
export function utf8(text: string, argument = "text"): Uint8Array {
  if (typeof text !== "string" || !isWellFormed(text)) {
    throw new InvalidArgumentError(argument, "a well-formed string expected");
  }
  return encoder.encode(text);
}

/**
 * Decodes strict UTF-8: malformed sequences, overlong forms and surrogates are refused, and a
 * leading byte-order mark is kept as U+FEFF.
 *
 * @param bytes - the bytes to decode.
 * @returns the text, or `undefined` if the bytes are not UTF-8.
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
