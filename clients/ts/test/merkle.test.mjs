// Batch Merkle trees: the port must give the roots and proofs that the chain's own tool
// (medchain-merkle) gives; test/vectors/merkle.json holds the tool's answers
// (scripts/merkle-vectors.mjs writes it).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { blake2b } from "@noble/hashes/blake2.js";
import {
  HASH_LEN,
  LEAF_TAG,
  MAX_LEAVES,
  initMerkle,
  buildParallel,
  PARALLEL_FROM,
  MAX_PROOF_LEN,
  MerkleError,
  NODE_TAG,
  build,
  leafHash,
  nodeHash,
  parseLeaves,
  proof,
  proofReport,
  rootReport,
  verify,
} from "../dist/merkle.js";

const vectors = JSON.parse(
  readFileSync(new URL("./vectors/merkle.json", import.meta.url), "utf8"),
);

const hex = (bytes) => `0x${Buffer.from(bytes).toString("hex")}`;
const unhex = (text) => Uint8Array.from(Buffer.from(text.slice(2), "hex"));

/** The leaves of a batch of `count`, flat: leaf i = blake2_256(u32 LE of i). */
function derivedLeaves(count) {
  const flat = new Uint8Array(count * HASH_LEN);
  const le = new Uint8Array(4);
  const view = new DataView(le.buffer);
  for (let i = 0; i < count; i++) {
    view.setUint32(0, i, true);
    flat.set(blake2b(le, { dkLen: 32 }), i * HASH_LEN);
  }
  return flat;
}

const leafAt = (flat, i) => flat.slice(i * HASH_LEN, (i + 1) * HASH_LEN);

/** Runs `f`, expecting a MerkleError with `code`. */
function refused(f, code) {
  assert.throws(f, (e) => e instanceof MerkleError && e.code === code);
}

test("the vectors hold the sizes 1, 2, 3, 5, 1000 and 2^20", () => {
  const sizes = vectors.cases.map((c) => c.leafCount);
  for (const size of [1, 2, 3, 5, 1000, MAX_LEAVES]) assert.ok(sizes.includes(size), `${size}`);
});

test("hashing is the chain's: tagged blake2b-256 of leaves and nodes", () => {
  assert.equal(LEAF_TAG, "medchain/leaf");
  assert.equal(NODE_TAG, "medchain/node");
  const tag = (text) => [...new TextEncoder().encode(text)];
  const a = new Uint8Array(32).fill(1);
  const b = new Uint8Array(32).fill(2);
  assert.deepEqual(leafHash(a), blake2b(Uint8Array.from([...tag(LEAF_TAG), ...a]), { dkLen: 32 }));
  assert.deepEqual(
    nodeHash(a, b),
    blake2b(Uint8Array.from([...tag(NODE_TAG), ...a, ...b]), { dkLen: 32 }),
  );
  // A batch of one: the root is the leaf's hash, the proof empty.
  const one = vectors.cases.find((c) => c.leafCount === 1);
  assert.equal(hex(leafHash(unhex(one.leaves[0]))), one.root);
  assert.deepEqual(one.proofs[0].proof, []);
});

test("roots and proofs of the small batches are the tool's, every leaf", () => {
  for (const c of vectors.cases.filter((v) => v.leafCount <= 1000)) {
    const flat = derivedLeaves(c.leafCount);
    const listed = Array.from({ length: c.leafCount }, (_, i) => hex(leafAt(flat, i)));
    if (c.leaves) assert.deepEqual(c.leaves, listed);
    const tree = build(flat);
    assert.deepEqual(rootReport(tree), { root: c.root, leafCount: c.leafCount });
    // The same tree from an array of leaves.
    assert.equal(hex(build(listed.map(unhex)).root), c.root);
    for (const p of c.proofs) {
      const report = { root: c.root, leafCount: c.leafCount, ...p };
      assert.deepEqual(proofReport(tree, p.leafIndex), report);
      const hashes = p.proof.map(unhex);
      assert.ok(verify(unhex(c.root), unhex(p.leaf), p.leafIndex, c.leafCount, hashes));
    }
    // Every leaf's own proof verifies (the vectors sample the batch of 1000).
    for (let i = 0; i < c.leafCount; i++) {
      const own = proof(tree, i);
      assert.ok(verify(tree.root, leafAt(flat, i), i, c.leafCount, own), `${c.leafCount}/${i}`);
    }
  }
});

test("a change to the leaf, the index, the count or the proof is refused", () => {
  for (const c of vectors.cases.filter((v) => v.leafCount <= 1000)) {
    const root = unhex(c.root);
    for (const p of c.proofs) {
      const leaf = unhex(p.leaf);
      const hashes = p.proof.map(unhex);
      const flip = (h, byte = 0) => {
        const copy = h.slice();
        copy[byte] ^= 1;
        return copy;
      };
      const n = c.leafCount;
      assert.equal(verify(root, flip(leaf, 31), p.leafIndex, n, hashes), false);
      assert.equal(verify(flip(root), leaf, p.leafIndex, n, hashes), false);
      if (n > 1) assert.equal(verify(root, leaf, (p.leafIndex + 1) % n, n, hashes), false);
      assert.equal(verify(root, leaf, p.leafIndex + n, n, hashes), false);
      assert.equal(verify(root, leaf, p.leafIndex, 0, hashes), false);
      assert.equal(verify(root, leaf, p.leafIndex, MAX_LEAVES + 1, hashes), false);
      hashes.forEach((_, k) => {
        const bad = hashes.slice();
        bad[k] = flip(bad[k], k % 32);
        assert.equal(verify(root, leaf, p.leafIndex, n, bad), false);
      });
      assert.equal(verify(root, leaf, p.leafIndex, n, [...hashes, root]), false);
      if (hashes.length > 0) {
        assert.equal(verify(root, leaf, p.leafIndex, n, hashes.slice(0, -1)), false);
      }
      // Malformed input is answered false, never thrown.
      assert.equal(verify(root.subarray(1), leaf, p.leafIndex, n, hashes), false);
      assert.equal(verify(root, leaf, -1, n, hashes), false);
      assert.equal(verify(root, leaf, 0.5, n, hashes), false);
      const short = [new Uint8Array(31), ...hashes.slice(1)];
      assert.equal(verify(root, leaf, p.leafIndex, n, short), false);
    }
  }
});

test("the tool's leaf-file syntax: comments, blanks, 0x or not, CRLF; bad lines named", () => {
  const { text, root, leafCount } = vectors.leafFile;
  const leaves = parseLeaves(text);
  assert.deepEqual(rootReport(build(leaves)), { root, leafCount });
  for (const bad of vectors.badFiles) {
    assert.throws(
      () => parseLeaves(bad.text),
      (e) =>
        e instanceof MerkleError &&
        e.code === "BAD_LINE" &&
        e.message.startsWith(`line ${bad.line}:`),
    );
  }
});

test("empty, oversized and malformed batches and proofs are refused", () => {
  refused(() => build([]), "EMPTY");
  refused(() => build(new Uint8Array(0)), "EMPTY");
  refused(() => build(new Uint8Array((MAX_LEAVES + 1) * HASH_LEN)), "TOO_MANY_LEAVES");
  refused(() => build([new Uint8Array(31)]), "LEAF_LENGTH");
  refused(() => build(new Uint8Array(33)), "LEAF_LENGTH");
  refused(() => leafHash(new Uint8Array(31)), "LEAF_LENGTH");
  const tree = build(derivedLeaves(3));
  refused(() => proof(tree, 3), "INDEX_OUT_OF_RANGE");
  refused(() => proof(tree, -1), "INDEX_OUT_OF_RANGE");
  // The tree copies its leaves: changing the input afterwards changes nothing.
  const flat = derivedLeaves(2);
  const copied = build(flat);
  const before = hex(copied.root);
  flat.fill(0);
  assert.equal(hex(copied.root), before);
  assert.equal(proofReport(copied, 0).leaf, hex(leafAt(derivedLeaves(2), 0)));
});

test("a full batch of 2^20 leaves with the WebAssembly hasher: the tool's root and proofs, and the build's throughput", async () => {
  // The tests above ran on the pure-JavaScript hasher; from here on the fast one hashes.
  await initMerkle();
  for (const small of vectors.cases.filter((v) => v.leafCount <= 1000)) {
    assert.equal(hex(build(derivedLeaves(small.leafCount)).root), small.root, `${small.leafCount} leaves, fast hasher`);
  }
  const c = vectors.cases.find((v) => v.leafCount === MAX_LEAVES);
  const flat = derivedLeaves(MAX_LEAVES);
  const started = performance.now();
  const tree = build(flat);
  const seconds = (performance.now() - started) / 1000;
  // How fast depends on the machine and its load, so the figure is printed, not asserted.
  const rate = Math.round(MAX_LEAVES / seconds);
  console.log(`merkle build: ${MAX_LEAVES} leaves in ${seconds.toFixed(2)} s = ${rate} leaves/s`);
  assert.equal(hex(tree.root), c.root);
  assert.equal(tree.levels.length, MAX_PROOF_LEN + 1);
  const twoThreads = performance.now();
  const parallel = await buildParallel(flat);
  const parallelSeconds = (performance.now() - twoThreads) / 1000;
  console.log(`merkle buildParallel: ${MAX_LEAVES} leaves in ${parallelSeconds.toFixed(2)} s = ${Math.round(MAX_LEAVES / parallelSeconds)} leaves/s`);
  assert.equal(hex(parallel.root), c.root, 'the two-thread build gives the tool\'s root');
  assert.ok(parallel.levels.every((level, h) => Buffer.from(level).equals(Buffer.from(tree.levels[h]))), 'and the same levels');
  const uneven = derivedLeaves(PARALLEL_FROM + 12345);
  assert.equal(hex((await buildParallel(uneven)).root), hex(build(uneven).root), 'a batch that does not split evenly');
  for (const p of c.proofs) {
    assert.equal(hex(leafAt(flat, p.leafIndex)), p.leaf);
    assert.deepEqual(proof(tree, p.leafIndex).map(hex), p.proof);
    assert.equal(p.proof.length, MAX_PROOF_LEN);
    assert.ok(verify(tree.root, unhex(p.leaf), p.leafIndex, MAX_LEAVES, p.proof.map(unhex)));
  }
});
