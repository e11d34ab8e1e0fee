// The keystore (docs/keystore.md): the vector computed independently (vectors/keystore.py:
// hashlib's scrypt, libsodium's XChaCha20-Poly1305) opens and is reproduced; a wrong passphrase,
// an altered or re-addressed keystore, a short passphrase and a costly scrypt are refused.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { DEV_PHRASE, KeystoreError, accountFromPhrase, explainError, fromHex, openKeystore, sealPhrase, sealPhraseWith } from "../dist/index.js";

const vector = JSON.parse(readFileSync(new URL("./vectors/keystore-v1.json", import.meta.url), "utf8"));
const refused = async (promise, code) => {
  await assert.rejects(promise, (e) => e instanceof KeystoreError && e.code === code);
};

test("the vector opens, and sealing with its salt and nonce reproduces it", async () => {
  assert.equal(vector.phrase, DEV_PHRASE);
  assert.equal(vector.keystore.address, accountFromPhrase(DEV_PHRASE).address, "the vector's address is the phrase's account");
  assert.equal(await openKeystore(vector.keystore, vector.passphrase), vector.phrase);
  assert.equal(await openKeystore(JSON.stringify(vector.keystore), vector.passphrase), vector.phrase, "its JSON text opens too");
  const { salt, N, r, p } = vector.keystore.kdf;
  const sealed = await sealPhraseWith(vector.phrase, vector.passphrase, fromHex(salt), fromHex(vector.keystore.cipher.nonce), { N, r, p });
  assert.deepEqual(sealed, vector.keystore);
});

test("a fresh keystore opens with its passphrase only, and never holds the phrase in clear", async () => {
  const sealed = await sealPhrase(DEV_PHRASE, "a long enough passphrase");
  assert.deepEqual(sealed.kdf.N, 2 ** 15);
  assert.ok(!JSON.stringify(sealed).includes("bottom"), "no word of the phrase in the stored text");
  assert.equal(await openKeystore(sealed, "a long enough passphrase"), DEV_PHRASE);
  await refused(openKeystore(sealed, "a long enough passphrasf"), "WRONG_PASSPHRASE");
  const again = await sealPhrase(DEV_PHRASE, "a long enough passphrase");
  assert.notEqual(again.kdf.salt, sealed.kdf.salt, "a new salt every time");
  assert.notEqual(again.cipher.nonce, sealed.cipher.nonce, "a new nonce every time");
});

test("altered, re-addressed, malformed or too costly keystores are refused", async () => {
  const k = vector.keystore;
  const flipped = k.ciphertext.slice(0, -2) + (k.ciphertext.endsWith("00") ? "01" : "00");
  await refused(openKeystore({ ...k, ciphertext: flipped }, vector.passphrase), "WRONG_PASSPHRASE");
  const other = accountFromPhrase(DEV_PHRASE, "//Alice").address;
  await refused(openKeystore({ ...k, address: other }, vector.passphrase), "WRONG_PASSPHRASE");
  await refused(openKeystore({ ...k, version: 2 }, vector.passphrase), "MALFORMED");
  await refused(openKeystore({ ...k, kdf: { ...k.kdf, N: 2 ** 21 } }, vector.passphrase), "MALFORMED");
  await refused(openKeystore("{not json", vector.passphrase), "MALFORMED");
  await refused(openKeystore({ ...k, cipher: { ...k.cipher, nonce: "00" } }, vector.passphrase), "MALFORMED");
});

test("a short passphrase is refused, with what to do", async () => {
  await refused(sealPhrase(DEV_PHRASE, "too short"), "WEAK_PASSPHRASE");
  let error;
  try {
    await sealPhrase(DEV_PHRASE, "short");
  } catch (e) {
    error = e;
  }
  assert.match(explainError(error).what, /at least 10 characters/);
});
