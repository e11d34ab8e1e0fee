/**
 * `@medchain/client`: a TypeScript client of the Medchain chain on polkadot-api.
 *
 * @packageDocumentation
 */
export * from "./chain.js";
export * from "./identity.js";
export * from "./consent.js";
export * from "./provenance.js";
export * from "./records.js";
export * from "./protocol.js";
export * from "./bytes.js";
export * from "./merkle.js";
export * from "./gs1.js";
export * from "./errors.js";
export * from "./keystore.js";
export { ERROR_DOCS } from "./error-docs.js";
