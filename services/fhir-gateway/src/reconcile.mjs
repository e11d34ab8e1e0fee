// Reconciliation: what the index says against what the chain and the blob directory hold.
// - a `sealed` write (blob stored, transaction maybe sent) is `anchored` once its content hash
//   is among the patient's records, or `failed` (its blob deleted) once the transaction's
//   validity window has passed without it; until then it is in flight;
// - a blob no row names, older than `strayAfterMs`, was stored just before a crash: deleted;
// - an `anchored` record whose blob is gone is an `orphan`: on chain, but nobody can read it.
//   With `repair`, its author marks it entered in error (`Records.mark_entered_in_error`), so
//   readers see it is not to be relied on, and the row becomes `entered-in-error`.
import { recordsOf, submit } from '@medchain/client';
import { lowerHex as lower } from './fhir.mjs';

/**
 * Reconciles the index with the chain.
 *
 * @param repairWith - for `repair`: the author's account (with its signer) by address, or
 *   `undefined` when this gateway cannot sign for it.
 * @returns what it found and did, and a summary of counts.
 */
export async function reconcile({ api, client, index, blobs, log = () => {}, repair = false, repairWith = () => undefined, strayAfterMs = 10 * 60_000 }) {
  const report = { anchored: [], failed: [], inFlight: [], orphans: [], repaired: [], unrepaired: [], strays: [] };
  const [best] = await client.getBestBlocks();
  const byPatient = new Map();
  const recordsOfPatient = async (patient) => {
    if (!byPatient.has(patient)) {
      const list = [];
      for await (const r of recordsOf(api, patient)) list.push(r);
      byPatient.set(patient, list);
    }
    return byPatient.get(patient);
  };

  for (const row of index.byState('sealed')) {
    const found = (await recordsOfPatient(row.patient)).find(
      (r) => lower(r.content_hash) === row.content_hash && r.author === row.author,
    );
    const item = { contentHash: row.content_hash, patient: row.patient, author: row.author };
    if (found) {
      index.markAnchored(row.content_hash, found.id, null);
      report.anchored.push({ ...item, record: String(found.id) });
      log('info', 'a sealed write is on chain: anchored', { ...item, record: String(found.id) });
    } else if (best.number > Number(row.valid_until_block)) {
      index.setState(row.content_hash, 'failed');
      await blobs.remove(row.uri);
      report.failed.push(item);
      log('info', 'a sealed write never reached the chain: failed, blob deleted', item);
    } else {
      report.inFlight.push({ ...item, validUntilBlock: Number(row.valid_until_block), best: best.number });
    }
  }

  for (const row of [...index.byState('anchored'), ...index.byState('orphan')]) {
    if (row.state === 'anchored' && (await blobs.has(row.uri))) continue;
    const item = { contentHash: row.content_hash, patient: row.patient, record: String(row.record_id), author: row.author };
    if (row.state === 'anchored') {
      index.setState(row.content_hash, 'orphan');
      log('error', 'an anchored record lost its blob: orphan', item);
    }
    report.orphans.push(item);
    if (!repair) continue;
    const author = repairWith(row.author);
    if (!author) {
      report.unrepaired.push({ ...item, why: 'this gateway holds no key of the author' });
      continue;
    }
    const inclusion = await submit(api.tx.Records.mark_entered_in_error({ record: { patient: row.patient, id: BigInt(row.record_id) } }), author.signer);
    const name = inclusion.error?.name;
    if (inclusion.ok || name === 'AlreadyEnteredInError' || name === 'RecordErased') {
      index.setState(row.content_hash, 'entered-in-error');
      report.repaired.push({ ...item, block: inclusion.block.hash });
      log('warn', 'an orphan was marked entered in error on chain', item);
    } else {
      report.unrepaired.push({ ...item, why: name ?? JSON.stringify(inclusion.dispatchError) });
    }
  }

  // A blob stored just before a crash, before its row: no transaction was ever signed for it.
  const known = index.uris();
  for (const blob of await blobs.list()) {
    if (known.has(blob.uri) || blob.ageMs < strayAfterMs) continue;
    await blobs.remove(blob.uri);
    report.strays.push({ uri: blob.uri });
    log('info', 'a blob no write recorded was deleted', { uri: blob.uri });
  }

  report.summary = Object.fromEntries(Object.entries(report).map(([k, v]) => [k, v.length]));
  return report;
}
