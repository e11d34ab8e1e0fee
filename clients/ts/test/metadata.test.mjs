// The descriptors are generated from .papi/metadata/medchain.scale: it must be the metadata of the
// runtime this test run built, and a call must not change under an unchanged transaction_version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { built, callChecksums, committed, problems, unversionedCallChanges } from '../scripts/metadata-lib.mjs';

test('the committed metadata is the built runtime\'s, and its calls are versioned', () => {
  const wasm = process.env.MEDCHAIN_RUNTIME_WASM;
  assert.ok(wasm, 'MEDCHAIN_RUNTIME_WASM names the runtime the test run built (scripts/test.sh sets it)');
  const now = built(wasm);
  const before = committed();
  assert.deepEqual(before.version, { specVersion: now.version.specVersion, transactionVersion: now.version.transactionVersion },
    'medchain.version.json records the built runtime\'s spec and transaction versions');
  assert.deepEqual(problems(before, now), []);
});

test('a changed or dropped call needs a transaction_version bump; an added call does not', () => {
  const calls = callChecksums(committed().metadata);
  assert.ok(calls.has('Records.anchor_record'), 'the metadata lists Records.anchor_record');
  const changed = new Map(calls);
  const [index] = changed.get('Records.anchor_record');
  changed.set('Records.anchor_record', [index, 'another-encoding']);
  changed.delete('Records.log_access');
  changed.set('Records.some_new_call', ['9/99', 'x']);
  assert.deepEqual(unversionedCallChanges(calls, changed, 2, 2), [
    'Records.anchor_record changed its index or encoding but transaction_version is still 2',
    'Records.log_access is gone but transaction_version is still 2',
  ]);
  assert.deepEqual(unversionedCallChanges(calls, changed, 2, 3), [], 'a bump allows the change');
  const added = new Map(calls);
  added.set('Records.some_new_call', ['9/99', 'x']);
  assert.deepEqual(unversionedCallChanges(calls, added, 2, 2), [], 'adding a call needs no bump');
});
