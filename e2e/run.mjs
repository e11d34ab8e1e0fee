// The e2e runner: one dev node for the whole suite, every test file under tests/ run in order.
// Prints one line per test and a final `e2e: N passed, M failed`; exits non-zero on any failure.
import { copyFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startDevNode } from './lib/node.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// Usage: node run.mjs <medchain-node> [filter]   or   MEDCHAIN_NODE_BIN=<medchain-node> node run.mjs [filter]
const positional = process.argv.slice(2);
const binary = process.env.MEDCHAIN_NODE_BIN || positional[0];
if (positional[0] === binary) positional.shift();
if (!binary) {
  console.error('usage: node run.mjs path/to/medchain-node [filter]');
  process.exit(2);
}
const filter = positional[0] || process.env.MEDCHAIN_E2E_FILTER || '';
// The batch tool and the record protocol's CLI are built next to the node.
process.env.MEDCHAIN_MERKLE_BIN ??= join(dirname(binary), 'medchain-merkle');
process.env.MEDCHAIN_RECORD_PROTOCOL_BIN ??= join(dirname(binary), 'medchain-record-protocol');

let passed = 0;
let failed = 0;
let node = null;

async function shutdown(code) {
  // A failed run keeps the node's log next to the test logs, to read what the chain saw.
  if (node && failed > 0) {
    const kept = join(process.env.MEDCHAIN_TEST_LOGS ?? tmpdir(), 'e2e-node.log');
    try {
      copyFileSync(node.logFile, kept);
      console.log(`the node's log is kept in ${kept}`);
    } catch (e) {
      console.log(`the node's log could not be kept: ${e.message}`);
    }
  }
  if (node) await node.stop();
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => { failed += 1; shutdown(1); });
}

try {
  const started = Date.now();
  node = await startDevNode(binary);
  console.log(`node up on ws://127.0.0.1:${node.rpcPort} after ${((Date.now() - started) / 1000).toFixed(1)} s (log: ${node.logFile})`);

  // Test files run side by side (each signs with its own accounts), tests within a file in
  // order; files named `99-*` need the node to themselves and run last, one after another.
  const files = readdirSync(join(here, 'tests')).filter((f) => f.endsWith('.mjs')).sort();
  const runFile = async (file) => {
    const mod = await import(pathToFileURL(join(here, 'tests', file)).href);
    for (const [name, test] of Object.entries(mod.tests ?? {})) {
      const full = `${file.replace(/\.mjs$/, '')} › ${name}`;
      if (filter && !full.includes(filter)) continue;
      const t0 = Date.now();
      try {
        await test(node.api, node);
        passed += 1;
        console.log(`ok   ${full} (${Date.now() - t0} ms)`);
      } catch (e) {
        failed += 1;
        console.log(`FAIL ${full} (${Date.now() - t0} ms)\n     ${String(e?.stack ?? e).split('\n').join('\n     ')}`);
      }
    }
  };
  await Promise.all(files.filter((f) => !f.startsWith('99-')).map(runFile));
  for (const file of files.filter((f) => f.startsWith('99-'))) await runFile(file);
  if (passed + failed === 0) {
    failed += 1;
    console.log(`FAIL no test matched the filter "${filter}"`);
  }
} catch (e) {
  failed += 1;
  console.log(`FAIL suite setup\n     ${String(e?.stack ?? e).split('\n').join('\n     ')}`);
}
await shutdown(failed === 0 ? 0 : 1);
