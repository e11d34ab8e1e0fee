/**
 * The category byte of a sealed blob's associated data: the SCALE index of the chain's
 * `DataCategory` (the list and its order are {@link CATEGORIES} of the consent module).
 *
 * @module
 */
import { InvalidArgumentError } from "../bytes.js";
import { CATEGORIES, type Category } from "../consent.js";
import { RecordProtocolError } from "./errors.js";

/** A category as the protocol functions take it: its name (`"LabResults"`) or its index (`5`). */
export type CategoryInput = Category | number;

/**
 * The SCALE index of a category: the byte that the sealed blob's associated data carries.
 *
 * @param category - a category name, or an index (returned as it is once checked).
 * @returns the index, 0 ..= 15.
 * @throws {@link RecordProtocolError} `UnknownCategory` for a number that is no category's index.
 * @throws {@link InvalidArgumentError} for a string that is no category's name.
 */
export function categoryIndex(category: CategoryInput): number {
  if (typeof category === "number") {
    categoryFromIndex(category);
    return category;
  }
  const index = (CATEGORIES as readonly string[]).indexOf(category);
  if (index < 0) {
    throw new InvalidArgumentError("category", `no DataCategory is named ${JSON.stringify(category)}`);
  }
  return index;
}

/**
 * The category of a SCALE index.
 *
 * @param index - the index, 0 ..= 15.
 * @returns the category's name.
 * @throws {@link RecordProtocolError} `UnknownCategory` if no category has this index.
 */
export function categoryFromIndex(index: number): Category {
  const category = Number.isInteger(index) ? CATEGORIES[index] : undefined;
  if (category === undefined) {
    throw new RecordProtocolError({ code: "UnknownCategory", index });
  }
  return category;
}

/**
 * The category of a name in any case (`labresults`) or of a decimal index (`5`), as the reference
 * command line reads `--category`.
 *
 * @param text - the name or the index.
 * @returns the category, or `undefined` if the text names none.
 */
export function parseCategory(text: string): Category | undefined {
  if (/^\+?[0-9]+$/.test(text)) {
    const index = Number(text.replace(/^\+/, ""));
    return index <= 255 ? CATEGORIES[index] : undefined;
  }
  // ASCII case only, as Rust's `eq_ignore_ascii_case`.
  const lower = asciiLower(text);
  return CATEGORIES.find((name) => asciiLower(name) === lower);
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}
