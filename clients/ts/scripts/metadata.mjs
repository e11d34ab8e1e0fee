// Usage: node scripts/metadata.mjs update|check [runtime.wasm]
//   update: writes .papi/metadata/medchain.scale and medchain.version.json from the runtime,
//           src/error-docs.ts (every pallet error's doc) and regenerates the descriptors
//           (npx papi generate).
//   check:  fails when the committed metadata drifted from the runtime, or an existing call
//           changed without a transaction_version bump.
// The runtime defaults to $MEDCHAIN_RUNTIME_WASM.
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ERROR_DOCS_FILE, METADATA_FILE, VERSION_FILE, built, committed, errorDocsModule, problems } from './metadata-lib.mjs';

const [command, wasmArg] = process.argv.slice(2);
const wasm = wasmArg ?? process.env.MEDCHAIN_RUNTIME_WASM;
if (!['update', 'check'].includes(command) || !wasm) {
  console.error('usage: node scripts/metadata.mjs update|check [runtime.wasm]   (or set MEDCHAIN_RUNTIME_WASM)');
  process.exit(2);
}
const now = built(wasm);
if (command === 'update') {
  const before = committed();
  const found = problems(before, now).filter((p) => !p.startsWith('the committed metadata differs') && !p.startsWith('src/error-docs.ts'));
  for (const p of found) console.error(`warning: ${p}`);
  writeFileSync(METADATA_FILE, now.metadata);
  writeFileSync(ERROR_DOCS_FILE, errorDocsModule(now.metadata));
  writeFileSync(VERSION_FILE, `${JSON.stringify({ specVersion: now.version.specVersion, transactionVersion: now.version.transactionVersion }, null, 2)}\n`);
  execFileSync('npx', ['papi', 'generate'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' });
  console.log(`metadata of spec ${now.version.specVersion} (transaction_version ${now.version.transactionVersion}) written`);
} else {
  const found = problems(committed(), now);
  for (const p of found) console.error(p);
  if (found.length) process.exit(1);
  console.log(`metadata matches the runtime (spec ${now.version.specVersion}, transaction_version ${now.version.transactionVersion})`);
}
