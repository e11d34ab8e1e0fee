// Patient ids are derived, so that a watcher of the pool cannot take or burn one (AUDIT L-2):
// blake2-256 of the controller's account id and the patient's first X25519 key, as the
// patient-identity pallet checks at registration (`derive_patient_id`).
import { blake2AsHex, decodeAddress } from '@polkadot/util-crypto';
import { hexToU8a, u8aConcat } from '@polkadot/util';

/** The id under which `controller` (an address) registers a patient with `key` (0x hex, 32 bytes). */
export function patientIdFor(controller, key) {
  return blake2AsHex(u8aConcat(decodeAddress(controller), hexToU8a(key)), 256);
}
