/**
 * Batch Merkle trees: what `records.anchorBatch(root, leafCount, descriptionHash)` commits to
 * and the inclusion proofs `RecordsApi.verify_batch_inclusion` checks, with the chain's own
 * hashing (the `merkle` module of the primitives crate, and the `medchain-merkle` tool):
 *
 * - a leaf hashes as `blake2_256("medchain/leaf" ++ leaf)`,
 * - an inner node as `blake2_256("medchain/node" ++ left ++ right)`,
 * - the last node of a level without a partner moves up a level unchanged,
 * - a proof lists the partners from the bottom up, and a level where the node has no partner
 *   adds nothing.
 *
 * A batch holds 1 to 2^20 leaves, each a 32-byte record hash.
 */
import { blake2b } from "@noble/hashes/blake2.js";
import { createBLAKE2b, type IHasher } from "hash-wasm";
import { bytesEqual, fromHex, toHex } from "./bytes.js";

/** Length of a hash, a leaf and a root, in bytes. */
export const HASH_LEN = 32;
/** Most leaves a batch may commit: 2^20. */
export const MAX_LEAVES = 1 << 20;
/** Longest proof of a batch of at most {@link MAX_LEAVES} leaves. */
export const MAX_PROOF_LEN = 20;
/** Domain tag of a leaf hash (its ASCII bytes lead the hashed input). */
export const LEAF_TAG = "medchain/leaf";
/** Domain tag of an inner-node hash (its ASCII bytes lead the hashed input). */
export const NODE_TAG = "medchain/node";

const LEAF_TAG_BYTES = new TextEncoder().encode(LEAF_TAG);
const NODE_TAG_BYTES = new TextEncoder().encode(NODE_TAG);
const TAG_LEN = 13;

/** Why a tree, a proof or a leaf file was refused. */
export type MerkleErrorCode =
  /** No leaves. */
  | "EMPTY"
  /** More than {@link MAX_LEAVES} leaves. */
  | "TOO_MANY_LEAVES"
  /** A leaf is not 32 bytes (or a flat leaf buffer is not a multiple of 32 bytes). */
  | "LEAF_LENGTH"
  /** A proof was asked for a leaf the tree does not have. */
  | "INDEX_OUT_OF_RANGE"
  /** A line of a leaf file is not a 32-byte hex hash. */
  | "BAD_LINE";

/** A refused Merkle input; `code` says why. */
export class MerkleError extends Error {
  /** The reason, one of {@link MerkleErrorCode}. */
  readonly code: MerkleErrorCode;

  constructor(code: MerkleErrorCode, message: string) {
    super(message);
    this.name = "MerkleError";
    this.code = code;
  }
}

/**
 * A built batch tree. Levels are flat byte arrays of 32-byte nodes: `levels[0]` holds the
 * hashed leaves, the last level the root alone.
 */
export interface MerkleTree {
  /** The root to anchor (32 bytes). */
  readonly root: Uint8Array;
  /** The number of leaves. */
  readonly leafCount: number;
  /** The leaves as given, flat (`leafCount * 32` bytes, a copy). */
  readonly leaves: Uint8Array;
  /** Every level from the hashed leaves up to the root, each flat (`width * 32` bytes). */
  readonly levels: readonly Uint8Array[];
}

/** The WebAssembly blake2b-256 of hash-wasm, once {@link initMerkle} loaded it. */
let fast: IHasher | undefined;

/**
 * Loads a WebAssembly blake2b-256 (hash-wasm) for {@link build}, {@link proof} and
 * {@link verify}: about five times the speed of the pure-JavaScript one they use until then
 * (a 2^20-leaf batch in about 2 s instead of 10 s on one core). Same hashes either way; safe to
 * call more than once.
 *
 * @returns once the fast hasher is in use.
 */
export async function initMerkle(): Promise<void> {
  fast ??= await createBLAKE2b(HASH_LEN * 8);
}

/**
 * A blake2b-256 hasher of tagged leaves and nodes that reuses its state and scratch buffers,
 * so a large tree allocates little per hash.
 */
class TaggedHasher {
  private readonly fresh = blake2b.create({ dkLen: HASH_LEN });
  private readonly state = blake2b.create({ dkLen: HASH_LEN });
  private readonly leafInput = new Uint8Array(TAG_LEN + HASH_LEN);
  private readonly nodeInput = new Uint8Array(TAG_LEN + 2 * HASH_LEN);
  private readonly out = new Uint8Array(HASH_LEN);

  constructor() {
    this.leafInput.set(LEAF_TAG_BYTES);
    this.nodeInput.set(NODE_TAG_BYTES);
  }

  private hashInto(input: Uint8Array, dst: Uint8Array, dstOffset: number): void {
    if (fast !== undefined) {
      fast.init();
      fast.update(input);
      dst.set(fast.digest("binary"), dstOffset);
      return;
    }
    this.fresh._cloneInto(this.state);
    this.state.update(input);
    this.state.digestInto(this.out);
    dst.set(this.out, dstOffset);
  }

  /** Writes the leaf hash of `src[srcOffset..+32]` to `dst[dstOffset..+32]`. */
  leafInto(src: Uint8Array, srcOffset: number, dst: Uint8Array, dstOffset: number): void {
    this.leafInput.set(src.subarray(srcOffset, srcOffset + HASH_LEN), TAG_LEN);
    this.hashInto(this.leafInput, dst, dstOffset);
  }

  /** Writes the node hash of the two adjacent nodes at `src[srcOffset..+64]` to `dst`. */
  nodeInto(src: Uint8Array, srcOffset: number, dst: Uint8Array, dstOffset: number): void {
    this.nodeInput.set(src.subarray(srcOffset, srcOffset + 2 * HASH_LEN), TAG_LEN);
    this.hashInto(this.nodeInput, dst, dstOffset);
  }

  /** Writes the node hash of `left` and `right` (32 bytes each) to `dst`. */
  pairInto(left: Uint8Array, right: Uint8Array, dst: Uint8Array): void {
    this.nodeInput.set(left, TAG_LEN);
    this.nodeInput.set(right, TAG_LEN + HASH_LEN);
    this.hashInto(this.nodeInput, dst, 0);
  }
}

/**
 * The leaf hash of one leaf: `blake2_256("medchain/leaf" ++ leaf)`.
 *
 * @param leaf - a 32-byte record hash.
 * @returns the 32-byte leaf hash.
 * @throws {@link MerkleError} `LEAF_LENGTH` if `leaf` is not 32 bytes.
 */
export function leafHash(leaf: Uint8Array): Uint8Array {
  checkHash(leaf);
  const out = new Uint8Array(HASH_LEN);
  new TaggedHasher().leafInto(leaf, 0, out, 0);
  return out;
}

/**
 * The hash of an inner node: `blake2_256("medchain/node" ++ left ++ right)`.
 *
 * @param left - the left child, 32 bytes.
 * @param right - the right child, 32 bytes.
 * @returns the 32-byte node hash.
 * @throws {@link MerkleError} `LEAF_LENGTH` if a child is not 32 bytes.
 */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  checkHash(left);
  checkHash(right);
  const out = new Uint8Array(HASH_LEN);
  new TaggedHasher().pairInto(left, right, out);
  return out;
}

function checkHash(bytes: Uint8Array): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== HASH_LEN) {
    throw new MerkleError("LEAF_LENGTH", `a leaf or node is ${HASH_LEN} bytes`);
  }
}

/** The leaves as one flat copy, or why not. */
function flatLeaves(leaves: readonly Uint8Array[] | Uint8Array): Uint8Array {
  const flat = leaves instanceof Uint8Array;
  if (flat && leaves.length % HASH_LEN !== 0) {
    throw new MerkleError("LEAF_LENGTH", `a flat leaf buffer is a multiple of ${HASH_LEN} bytes`);
  }
  const count = flat ? leaves.length / HASH_LEN : leaves.length;
  if (count === 0) throw new MerkleError("EMPTY", "a batch needs at least one leaf");
  if (count > MAX_LEAVES) {
    throw new MerkleError("TOO_MANY_LEAVES", `a batch holds at most ${MAX_LEAVES} leaves`);
  }
  if (flat) return leaves.slice();
  const copy = new Uint8Array(count * HASH_LEN);
  leaves.forEach((leaf, i) => {
    if (!(leaf instanceof Uint8Array) || leaf.length !== HASH_LEN) {
      throw new MerkleError("LEAF_LENGTH", `leaf ${i} is not ${HASH_LEN} bytes`);
    }
    copy.set(leaf, i * HASH_LEN);
  });
  return copy;
}

/**
 * Builds the batch tree of `leaves` (the salted record hashes, in batch order).
 *
 * @param leaves - the leaves: an array of 32-byte hashes, or one flat buffer of `n * 32` bytes
 *   (faster for large batches). Copied, so later changes to them do not affect the tree.
 * @returns the tree: its root, leaf count, leaves and every level (see {@link MerkleTree}).
 * @throws {@link MerkleError} `EMPTY` for no leaves, `TOO_MANY_LEAVES` for more than 2^20,
 *   `LEAF_LENGTH` for a leaf that is not 32 bytes.
 */
export function build(leaves: readonly Uint8Array[] | Uint8Array): MerkleTree {
  const flat = flatLeaves(leaves);
  const hasher = new TaggedHasher();
  const count = flat.length / HASH_LEN;
  const bottom = new Uint8Array(flat.length);
  for (let i = 0; i < count; i++) hasher.leafInto(flat, i * HASH_LEN, bottom, i * HASH_LEN);
  const levels = [bottom];
  growLevels(levels, hasher);
  return { root: levels[levels.length - 1]!.slice(0, HASH_LEN), leafCount: count, leaves: flat, levels };
}

/** Adds levels on top of `levels` until one holds a single node (the root). */
function growLevels(levels: Uint8Array[], hasher: TaggedHasher): void {
  let level = levels[levels.length - 1]!;
  let width = level.length / HASH_LEN;
  while (width > 1) {
    const next = Math.ceil(width / 2);
    const up = new Uint8Array(next * HASH_LEN);
    const pairs = Math.floor(width / 2);
    for (let i = 0; i < pairs; i++) hasher.nodeInto(level, 2 * i * HASH_LEN, up, i * HASH_LEN);
    if (width % 2 === 1) {
      // The last node has no partner: it moves up unchanged.
      up.set(level.subarray((width - 1) * HASH_LEN), pairs * HASH_LEN);
    }
    levels.push(up);
    level = up;
    width = next;
  }
}

/** Batches this large or larger are split between two threads by {@link buildParallel}. */
export const PARALLEL_FROM = 1 << 16;

/**
 * {@link build} on two threads (Node's `worker_threads`), with the WebAssembly hasher: the
 * leaves up to the largest power of two below their count form a perfect subtree built here,
 * the rest is built by a worker at the same time, and the levels above are joined. The tree is
 * the same as {@link build}'s. Smaller batches than {@link PARALLEL_FROM} are built here alone.
 *
 * @param leaves - as {@link build}.
 * @returns the tree.
 * @throws {@link MerkleError} as {@link build}.
 */
export async function buildParallel(leaves: readonly Uint8Array[] | Uint8Array): Promise<MerkleTree> {
  await initMerkle();
  const flat = flatLeaves(leaves);
  const count = flat.length / HASH_LEN;
  if (count < PARALLEL_FROM) return build(flat);
  let split = 1;
  while (split * 2 < count) split *= 2;
  const { Worker } = await import("node:worker_threads");
  const worker = new Worker(new URL("./merkle-worker.js", import.meta.url));
  try {
    const rightLevels = new Promise<Uint8Array[]>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    const right = flat.slice(split * HASH_LEN);
    worker.postMessage(right, [right.buffer]);
    const left = build(flat.subarray(0, split * HASH_LEN));
    const rights = await rightLevels;
    // Below the left subtree's root its levels are of even width, so no node pairs across the
    // join; the right part's root moves up unchanged above its own height.
    const levels = left.levels.map((l, h) => {
      const r = rights[Math.min(h, rights.length - 1)]!;
      const joined = new Uint8Array(l.length + r.length);
      joined.set(l);
      joined.set(r, l.length);
      return joined;
    });
    growLevels(levels, new TaggedHasher());
    return { root: levels[levels.length - 1]!.slice(0, HASH_LEN), leafCount: count, leaves: flat, levels };
  } finally {
    await worker.terminate();
  }
}

/**
 * The inclusion proof of leaf number `index`: its partners from the bottom up (a level where
 * it has no partner adds nothing), as `RecordsApi.verify_batch_inclusion` takes it.
 *
 * @param tree - a tree from {@link build}.
 * @param index - the leaf's position in the batch, from 0.
 * @returns the proof, at most {@link MAX_PROOF_LEN} hashes of 32 bytes (empty for a batch of
 *   one leaf).
 * @throws {@link MerkleError} `INDEX_OUT_OF_RANGE` if the tree has no leaf `index`.
 */
export function proof(tree: MerkleTree, index: number): Uint8Array[] {
  if (!Number.isInteger(index) || index < 0 || index >= tree.leafCount) {
    throw new MerkleError(
      "INDEX_OUT_OF_RANGE",
      `no leaf ${index}: the batch has ${tree.leafCount} leaves`,
    );
  }
  const out: Uint8Array[] = [];
  let at = index;
  for (const level of tree.levels.slice(0, -1)) {
    const partner = at ^ 1;
    if (partner < level.length / HASH_LEN) {
      out.push(level.slice(partner * HASH_LEN, (partner + 1) * HASH_LEN));
    }
    at = Math.floor(at / 2);
  }
  return out;
}

/**
 * Whether `proofHashes` shows that `leaf` is leaf number `index` of a batch of `leafCount`
 * leaves with root `root`: the chain's own check (`merkle::verify`). Malformed input (an
 * index out of range, a count of 0 or over 2^20, a proof too short or too long, a hash not of
 * 32 bytes) is answered `false`.
 *
 * @param root - the anchored root, 32 bytes.
 * @param leaf - the record hash, 32 bytes.
 * @param index - the leaf's position, from 0.
 * @param leafCount - the batch's leaf count, as anchored.
 * @param proofHashes - the partners from the bottom up, as {@link proof} gives them.
 * @returns `true` if the proof holds, `false` otherwise. Never throws.
 */
export function verify(
  root: Uint8Array,
  leaf: Uint8Array,
  index: number,
  leafCount: number,
  proofHashes: readonly Uint8Array[],
): boolean {
  const isHash = (h: unknown): h is Uint8Array => h instanceof Uint8Array && h.length === HASH_LEN;
  if (!isHash(root) || !isHash(leaf) || !Array.isArray(proofHashes)) return false;
  if (!Number.isInteger(leafCount) || leafCount < 1 || leafCount > MAX_LEAVES) return false;
  if (!Number.isInteger(index) || index < 0 || index >= leafCount) return false;
  if (proofHashes.length > MAX_PROOF_LEN || !proofHashes.every(isHash)) return false;
  const hasher = new TaggedHasher();
  let hash = new Uint8Array(HASH_LEN);
  hasher.leafInto(leaf, 0, hash, 0);
  let at = index;
  let width = leafCount;
  let used = 0;
  while (width > 1) {
    const isRight = at % 2 === 1;
    if (isRight || at + 1 < width) {
      const sibling = proofHashes[used++];
      if (sibling === undefined) return false;
      const next = new Uint8Array(HASH_LEN);
      if (isRight) hasher.pairInto(sibling, hash, next);
      else hasher.pairInto(hash, sibling, next);
      hash = next;
    }
    at = Math.floor(at / 2);
    width = Math.ceil(width / 2);
  }
  return used === proofHashes.length && bytesEqual(hash, root);
}

/**
 * Parses a leaf file as the `medchain-merkle` tool reads it: one 32-byte hash per line, 64 hex
 * digits with or without `0x`; surrounding spaces are ignored, and blank lines and lines
 * starting with `#` are skipped.
 *
 * @param text - the file's text.
 * @returns the leaves, in file order.
 * @throws {@link MerkleError} `BAD_LINE` naming the first line (from 1) that is not a hash.
 */
export function parseLeaves(text: string): Uint8Array[] {
  const leaves: Uint8Array[] = [];
  text.split("\n").forEach((raw, n) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const leaf = hexToHash(line);
    if (leaf === undefined) {
      throw new MerkleError("BAD_LINE", `line ${n + 1}: not a 32-byte hex hash`);
    }
    leaves.push(leaf);
  });
  return leaves;
}

/** 32 bytes from 64 hex digits with or without `0x`, or `undefined`. */
function hexToHash(text: string): Uint8Array | undefined {
  const digits = text.startsWith("0x") ? text.slice(2) : text;
  return /^[0-9a-fA-F]{64}$/.test(digits) ? fromHex(digits) : undefined;
}

/** `0x`-prefixed lower-case hex of a hash. */
function hashHex(bytes: Uint8Array): string {
  return `0x${toHex(bytes)}`;
}

/** What `medchain-merkle root` prints (less its timing): the root and the leaf count. */
export interface RootReport {
  /** The root, `0x`-prefixed hex. */
  root: string;
  /** The number of leaves. */
  leafCount: number;
}

/** What `medchain-merkle proof` prints: the root, the count, the leaf and its proof. */
export interface ProofReport extends RootReport {
  /** The leaf's position. */
  leafIndex: number;
  /** The leaf, `0x`-prefixed hex. */
  leaf: string;
  /** The proof, each hash `0x`-prefixed hex, from the bottom up. */
  proof: string[];
}

/**
 * The root report of a tree, as `medchain-merkle root` prints it (without its `buildMs`).
 *
 * @param tree - a tree from {@link build}.
 * @returns `{ root, leafCount }` with the root as `0x` hex.
 */
export function rootReport(tree: MerkleTree): RootReport {
  return { root: hashHex(tree.root), leafCount: tree.leafCount };
}

/**
 * The proof report of one leaf, as `medchain-merkle proof` prints it: what
 * `RecordsApi.verify_batch_inclusion(batch, leaf, leafIndex, proof)` takes.
 *
 * @param tree - a tree from {@link build}.
 * @param index - the leaf's position, from 0.
 * @returns `{ root, leafCount, leafIndex, leaf, proof }`, hashes as `0x` hex.
 * @throws {@link MerkleError} `INDEX_OUT_OF_RANGE` if the tree has no leaf `index`.
 */
export function proofReport(tree: MerkleTree, index: number): ProofReport {
  const hashes = proof(tree, index);
  return {
    ...rootReport(tree),
    leafIndex: index,
    leaf: hashHex(tree.leaves.subarray(index * HASH_LEN, (index + 1) * HASH_LEN)),
    proof: hashes.map(hashHex),
  };
}
