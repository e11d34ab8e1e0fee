#!/usr/bin/env node
// The Medchain FHIR gateway's command line:
//   gateway.mjs serve --config FILE               serve FHIR R4 (README.md)
//   gateway.mjs reconcile --config FILE [--repair] compare the index with the chain; with
//                                                  --repair, mark orphans entered in error
// `reconcile` prints its report as JSON and exits 0 when nothing needs attention, 2 when an
// orphan is left unrepaired or a write is still in flight.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '@medchain/client';
import { loadConfig, logger, startGateway } from '../src/gateway.mjs';
import { Index, blobStoreOf } from '../src/store.mjs';
import { reconcile } from '../src/reconcile.mjs';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { config: { type: 'string' }, repair: { type: 'boolean', default: false } },
});
const [command] = positionals;
if (!['serve', 'reconcile'].includes(command) || !values.config) {
  process.stderr.write('usage: gateway.mjs serve --config FILE | reconcile --config FILE [--repair]\n');
  process.exit(64);
}
const config = loadConfig(values.config);

if (command === 'serve') {
  const gateway = await startGateway(config);
  const stop = async () => {
    await gateway.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} else {
  const log = logger(config.name);
  const chain = connect(config.chain);
  const index = new Index(join(config.dataDir, 'index.sqlite'));
  const blobs = blobStoreOf(config);
  const accounts = new Map(config.practitioners.map((p) => [p.account.address, p.account]));
  const report = await reconcile({
    api: chain.api,
    client: chain.client,
    index,
    blobs,
    log: (level, msg, fields) => level !== 'info' && log(level, msg, fields),
    repair: values.repair,
    repairWith: (address) => accounts.get(address),
  });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  index.close();
  chain.disconnect();
  process.exit(report.unrepaired.length > 0 || (report.orphans.length > report.repaired.length) || report.inFlight.length > 0 ? 2 : 0);
}
