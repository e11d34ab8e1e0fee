/**
 * The worker of `buildParallel`: builds the tree of the leaves it is sent and sends back its
 * levels.
 *
 * @module
 */
import { parentPort } from "node:worker_threads";
import { build, initMerkle } from "./merkle.js";

parentPort?.once("message", (leaves: Uint8Array) => {
  void initMerkle().then(() => {
    const { levels } = build(leaves);
    parentPort?.postMessage(levels, levels.map((l) => l.buffer as ArrayBuffer));
  });
});
