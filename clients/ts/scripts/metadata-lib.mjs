// The committed metadata of the Medchain runtime (.papi/metadata/medchain.scale), from which the
// typed descriptors are generated, checked against a built runtime: the bytes must match, and an
// existing call whose encoding changed needs a higher `transaction_version`.
import { readFileSync } from 'node:fs';
import { getMetadataFromRuntime } from '@polkadot-api/wasm-executor/node';
import { decAnyMetadata, unifyMetadata } from '@polkadot-api/substrate-bindings';
import { getChecksumBuilder, getLookupFn } from '@polkadot-api/metadata-builders';

export const METADATA_FILE = new URL('../.papi/metadata/medchain.scale', import.meta.url);
export const VERSION_FILE = new URL('../.papi/metadata/medchain.version.json', import.meta.url);
export const ERROR_DOCS_FILE = new URL('../src/error-docs.ts', import.meta.url);

const hex = (bytes) => `0x${Buffer.from(bytes).toString('hex')}`;

/** The metadata (v16 bytes, as papi stores them: without the SCALE length prefix) of a runtime wasm file. */
export function metadataOfWasm(path) {
  const opaque = Buffer.from(getMetadataFromRuntime(hex(readFileSync(path))).slice(2), 'hex');
  const prefix = [1, 2, 4][opaque[0] & 3];
  if (prefix === undefined) throw new Error('metadata longer than a 4-byte length prefix allows');
  return opaque.subarray(prefix);
}

/** The spec and transaction versions in the wasm's `runtime_version` custom section. */
export function versionOfWasm(path) {
  const module = new WebAssembly.Module(readFileSync(path));
  const [section] = WebAssembly.Module.customSections(module, 'runtime_version');
  if (!section) throw new Error(`${path} has no runtime_version section`);
  const b = new Uint8Array(section);
  let at = 0;
  const compact = () => {
    const mode = b[at] & 3;
    if (mode === 0) { const v = b[at] >> 2; at += 1; return v; }
    if (mode === 1) { const v = (b[at] | (b[at + 1] << 8)) >> 2; at += 2; return v; }
    if (mode === 2) { const v = (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 2; at += 4; return v; }
    throw new Error('runtime_version: compact integer too large');
  };
  const u32 = () => { const v = b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24); at += 4; return v >>> 0; };
  const text = () => { const n = compact(); const s = Buffer.from(b.subarray(at, at + n)).toString('utf8'); at += n; return s; };
  const specName = text();
  text(); // impl_name
  u32(); // authoring_version
  const specVersion = u32();
  u32(); // impl_version
  const apis = compact(); // ([u8; 8], u32) each; empty in the custom section
  at += apis * 12;
  const transactionVersion = u32();
  return { specName, specVersion, transactionVersion };
}

/** Per call, `pallet.call` → [call index, checksum of its arguments' encoding]. */
export function callChecksums(metadataBytes) {
  const unified = unifyMetadata(decAnyMetadata(metadataBytes));
  const lookup = getLookupFn(unified);
  const checksums = getChecksumBuilder(lookup);
  const calls = new Map();
  for (const pallet of unified.pallets) {
    if (pallet.calls === undefined) continue;
    const entry = lookup(pallet.calls.type);
    if (entry.type !== 'enum') continue;
    for (const [name, variant] of Object.entries(entry.value)) {
      calls.set(`${pallet.name}.${name}`, [`${pallet.index}/${variant.idx}`, checksums.buildCall(pallet.name, name)]);
    }
  }
  return calls;
}

/** Per pallet error, `Pallet.Error` → its doc comment (one paragraph), in metadata order. */
export function errorDocs(metadataBytes) {
  const unified = unifyMetadata(decAnyMetadata(metadataBytes));
  const docs = new Map();
  for (const pallet of unified.pallets) {
    if (pallet.errors === undefined) continue;
    const def = unified.lookup[pallet.errors.type]?.def;
    if (def?.tag !== 'variant') continue;
    for (const variant of def.value) {
      docs.set(`${pallet.name}.${variant.name}`, variant.docs.map((line) => line.trim()).join(' ').trim());
    }
  }
  return docs;
}

/** The TypeScript module holding {@link errorDocs} of `metadataBytes` (src/error-docs.ts). */
export function errorDocsModule(metadataBytes) {
  const lines = [...errorDocs(metadataBytes)].map(([key, doc]) => `  ${JSON.stringify(key)}: ${JSON.stringify(doc)},`);
  return [
    '// Generated from the runtime metadata by `npm run metadata` (scripts/metadata.mjs); do not edit.',
    '',
    '/** Every pallet error of the runtime, `Pallet.Error`, with its documentation from metadata. */',
    'export const ERROR_DOCS: Readonly<Record<string, string>> = {',
    ...lines,
    '};',
    '',
  ].join('\n');
}

/**
 * The calls of `before` that `after` changed (index or encoding) or dropped, when
 * `transaction_version` did not go up: sentences, empty when none. Added calls are fine.
 */
export function unversionedCallChanges(before, after, txBefore, txAfter) {
  if (txAfter > txBefore) return [];
  const found = [];
  for (const [call, [index, checksum]] of before) {
    const now = after.get(call);
    if (!now) found.push(`${call} is gone but transaction_version is still ${txAfter}`);
    else if (now[0] !== index || now[1] !== checksum) {
      found.push(`${call} changed its index or encoding but transaction_version is still ${txAfter}`);
    }
  }
  return found;
}

/**
 * What is wrong with `committed` (metadata bytes and its recorded versions) against a runtime
 * built now (`built`, same shape): a list of sentences, empty when all is well.
 */
export function problems(committed, built) {
  const found = [];
  if (!Buffer.from(committed.metadata).equals(Buffer.from(built.metadata))) {
    found.push('the committed metadata differs from the built runtime\'s: run `npm run metadata` in clients/ts and commit .papi/metadata');
  }
  let docs = '';
  try {
    docs = readFileSync(ERROR_DOCS_FILE, 'utf8');
  } catch {
    // missing: reported below
  }
  if (docs !== errorDocsModule(built.metadata)) {
    found.push('src/error-docs.ts does not match the built runtime\'s errors: run `npm run metadata` in clients/ts and commit it');
  }
  found.push(
    ...unversionedCallChanges(
      callChecksums(committed.metadata),
      callChecksums(built.metadata),
      committed.version.transactionVersion,
      built.version.transactionVersion,
    ),
  );
  return found;
}

/** The committed metadata and versions. */
export function committed() {
  return { metadata: readFileSync(METADATA_FILE), version: JSON.parse(readFileSync(VERSION_FILE, 'utf8')) };
}

/** The metadata and versions of a runtime wasm file. */
export function built(wasmPath) {
  return { metadata: metadataOfWasm(wasmPath), version: versionOfWasm(wasmPath) };
}
