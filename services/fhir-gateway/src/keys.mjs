// The practitioners' X25519 reader keys, kept by the gateway (record protocol §7: keys of a
// service no phrase backs may be random; they carry a version all the same). Every version is
// kept, so envelopes made to an older version still open; the file is written durably and
// before a key is published, so a crash never publishes a key whose secret is lost.
import { existsSync, readFileSync } from 'node:fs';
import { fromHex, generateX25519Secret, toHex, x25519PublicKey } from '@medchain/client';
import { writeDurably } from './store.mjs';

export class ReaderKeys {
  constructor(file) {
    this.file = file;
    this.keys = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  }

  /** `owner`'s secret of `version`, or `undefined`. */
  secret(owner, version) {
    const hex = this.keys[owner]?.[String(version)];
    return hex === undefined ? undefined : fromHex(hex);
  }

  /** `owner`'s public key of `version`, or `undefined`. */
  publicKey(owner, version) {
    const secret = this.secret(owner, version);
    return secret && x25519PublicKey(secret);
  }

  /** Makes and keeps (durably) a new secret of `version` for `owner`; returns its public key. */
  create(owner, version) {
    const secret = generateX25519Secret();
    this.keys[owner] = { ...(this.keys[owner] ?? {}), [String(version)]: toHex(secret) };
    writeDurably(this.file, JSON.stringify(this.keys, null, 2));
    return x25519PublicKey(secret);
  }
}
