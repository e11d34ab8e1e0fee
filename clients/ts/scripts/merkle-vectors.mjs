#!/usr/bin/env node
// Writes test/vectors/merkle.json: batch roots and inclusion proofs computed by the chain's own
// tool, `medchain-merkle` (tools/merkle), for the TypeScript port to match.
//
//   cargo build -p medchain-merkle        (once, from the repository root)
//   node scripts/merkle-vectors.mjs       (from clients/ts)
//
// The tool is looked up at $MEDCHAIN_MERKLE_BIN, else at
// ${CARGO_TARGET_DIR:-~/.cache/medchain/target}/debug/medchain-merkle.
//
// Leaf i of every batch is blake2_256 of i as a little-endian u32, so a batch of 2^20 leaves
// needs no leaf list: only its root and some proofs are kept. The small batches also keep their
// leaves, so that the derivation itself is checked.
import { blake2b } from "@noble/hashes/blake2.js";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

const targetDir = process.env.CARGO_TARGET_DIR ?? join(homedir(), ".cache/medchain/target");
const tool = process.env.MEDCHAIN_MERKLE_BIN ?? join(targetDir, "debug/medchain-merkle");
const out = new URL("../test/vectors/merkle.json", import.meta.url);

/** Leaf i: blake2_256(u32 LE of i), as 0x hex. */
function leaf(i) {
  const le = new Uint8Array(4);
  new DataView(le.buffer).setUint32(0, i, true);
  return `0x${Buffer.from(blake2b(le, { dkLen: 32 })).toString("hex")}`;
}

const work = mkdtempSync(join(tmpdir(), "merkle-vectors-"));

/** Runs the tool; returns its parsed JSON output. */
function run(...args) {
  return JSON.parse(execFileSync(tool, args, { encoding: "utf8", maxBuffer: 1 << 26 }));
}

/** The sizes, and which leaves' proofs to keep for each (all of them for the small ones). */
const MAX = 1 << 20;
const batches = [
  [1, "all"],
  [2, "all"],
  [3, "all"],
  [4, "all"],
  [5, "all"],
  [6, "all"],
  [7, "all"],
  [1000, [0, 1, 2, 3, 499, 500, 511, 512, 513, 767, 768, 991, 992, 998, 999]],
  [MAX, [0, 1, 2, 3, 4095, 4096, 65535, 524287, 524288, 699050, 786431, 999999, MAX - 2, MAX - 1]],
];

const cases = [];
for (const [count, picks] of batches) {
  const leaves = Array.from({ length: count }, (_, i) => leaf(i));
  const file = join(work, `leaves-${count}.txt`);
  writeFileSync(file, `${leaves.join("\n")}\n`);
  const { root, leafCount } = run("root", file);
  const indices = picks === "all" ? leaves.map((_, i) => i) : picks;
  const proofs = indices.map((index) => {
    const answer = run("proof", file, String(index));
    if (answer.root !== root || answer.leafCount !== leafCount) {
      throw new Error(`the tool's proof of leaf ${index} names another root or count`);
    }
    return { leafIndex: answer.leafIndex, leaf: answer.leaf, proof: answer.proof };
  });
  cases.push({ leafCount, root, ...(count <= 7 ? { leaves } : {}), proofs });
  process.stderr.write(`${count} leaves: root ${root}, ${proofs.length} proofs\n`);
}

// The tool's leaf-file syntax: comments, blank lines, with and without 0x, upper case, CRLF and
// surrounding spaces; and the line it names in a bad file.
const five = Array.from({ length: 5 }, (_, i) => leaf(i));
const messy =
  `# five record hashes\r\n${five[0]}\r\n\r\n  ${five[1].slice(2)}  \r\n` +
  `${five[2].toUpperCase().replace("0X", "0x")}\r\n# the last two\r\n${five[3]}\r\n${five[4]}`;
writeFileSync(join(work, "messy.txt"), messy);
const leafFile = { text: messy, ...run("root", join(work, "messy.txt")) };
delete leafFile.buildMs;

const badFiles = [];
const bad = [`${five[0]}\n\n0x1234\n`, `# one\n${five[0].slice(0, 65)}\n`, `${five[0]}g\n`];
for (const text of bad) {
  const file = join(work, "bad.txt");
  writeFileSync(file, text);
  const result = spawnSync(tool, ["root", file], { encoding: "utf8" });
  const line = /: line (\d+):/.exec(result.stderr);
  if (result.status === 0 || line === null) throw new Error(`the tool took a bad file: ${text}`);
  badFiles.push({ text, line: Number(line[1]) });
}

rmSync(work, { recursive: true, force: true });

const doc = {
  description:
    "Batch Merkle roots and inclusion proofs computed by medchain-merkle (tools/merkle), " +
    "the chain's own tree: clients/ts/test/merkle.test.mjs checks the TypeScript port " +
    "against them. Regenerate with `node scripts/merkle-vectors.mjs` in clients/ts.",
  leafRule:
    "leaf i = blake2_256(i as u32 little-endian); `leaves` is listed for batches of up to 7",
  cases,
  leafFile,
  badFiles,
};
writeFileSync(out, `${JSON.stringify(doc, null, 1)}\n`);
process.stderr.write(`wrote ${out.pathname}\n`);
