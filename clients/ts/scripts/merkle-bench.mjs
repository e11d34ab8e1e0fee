// Times building the batch tree of 2^20 leaves (leaf i = blake2_256(i as u32 LE), as the vectors)
// with the WebAssembly hasher, on one thread (`build`) and two (`buildParallel`), and prints
// leaves per second. Run after `npx tsc -p .`:
//   node scripts/merkle-bench.mjs [runs]
import { blake2b } from '@noble/hashes/blake2.js';
import { build, buildParallel, initMerkle, MAX_LEAVES } from '../dist/merkle.js';

const runs = Number(process.argv[2] ?? 1);
const leaves = new Uint8Array(MAX_LEAVES * 32);
const index = new Uint8Array(4);
for (let i = 0; i < MAX_LEAVES; i++) {
  new DataView(index.buffer).setUint32(0, i, true);
  leaves.set(blake2b(index, { dkLen: 32 }), i * 32);
}
await initMerkle();
for (const [name, run] of [['build', async () => build(leaves)], ['buildParallel', () => buildParallel(leaves)]]) {
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    await run();
    const seconds = (performance.now() - started) / 1000;
    console.log(`${name}: ${MAX_LEAVES} leaves in ${seconds.toFixed(2)} s = ${Math.round(MAX_LEAVES / seconds)} leaves/s`);
  }
}
