// Drug provenance through the public API: a manufacturer commissions packs and ships a case to a
// wholesaler, who ships it on to a pharmacy; ProvenanceApi.verifyUnit answers for the scanned
// pack at each step; trace shows every hop; a lot recall turns the answer to Recalled.
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex } from '@polkadot/util-crypto';
import { submit } from '../lib/node.mjs';

const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const manufacturer = keyring.addFromUri('//QualityManager'); // Acme Pharmaceuticals (3)
const wholesaler = keyring.addFromUri('//WarehouseClerk');   // National Drug Distribution (4)
const pharmacist = keyring.addFromUri('//Pharmacist');       // Corner Pharmacy (5)
const WHOLESALER = 4;
const PHARMACY = 5;

const GTIN = '00614141123452';
const LOT = 'L2026-11A';
const EXPIRY = '281231';
const CASE = '006141410000000012';

function expectOk({ error }) {
  assert.equal(error, null, JSON.stringify(error));
}

function verify(api, serial, lot = LOT, expiry = EXPIRY) {
  return api.call.provenanceApi.verifyUnit(GTIN, serial, lot, expiry);
}

async function shipAndReceive(api, from, to, toSigner, items) {
  const r = await submit(api, api.tx.drugProvenance.ship(to, items, blake2AsHex('DSCSA transaction statement')), from);
  expectOk(r);
  const shipped = r.events.find(({ event }) => api.events.drugProvenance.Shipped.is(event));
  const shipment = shipped.event.data.shipment.toNumber();
  expectOk(await submit(api, api.tx.drugProvenance.receive(shipment), toSigner));
  return shipment;
}

export const tests = {
  async 'the manufacturer registers a product and commissions packs'(api) {
    expectOk(await submit(api, api.tx.drugProvenance.registerProduct(GTIN, 'Amoxicillin 500 mg, 21 capsules'), manufacturer));
    const r = await submit(api, api.tx.drugProvenance.commissionUnits(GTIN, LOT, EXPIRY, ['PACK001', 'PACK002', 'PACK003']), manufacturer);
    expectOk(r);
    const commissioned = r.events.find(({ event }) => api.events.drugProvenance.UnitsCommissioned.is(event));
    assert.equal(commissioned.event.data.count.toNumber(), 3);
    const bad = await submit(api, api.tx.drugProvenance.registerProduct('00614141123453', 'Bad check digit'), manufacturer);
    assert.equal(`${bad.error?.section}.${bad.error?.name}`, 'drugProvenance.InvalidGtinCheckDigit');
  },

  async 'a case goes manufacturer → wholesaler → pharmacy and verifies as Genuine with its holder'(api) {
    expectOk(await submit(api, api.tx.drugProvenance.pack(CASE, [
      { Unit: { gtin: GTIN, serial: 'PACK001' } },
      { Unit: { gtin: GTIN, serial: 'PACK002' } },
    ]), manufacturer));
    await shipAndReceive(api, manufacturer, WHOLESALER, wholesaler, [{ Container: CASE }]);
    let answer = await verify(api, 'PACK001');
    assert.ok(answer.isGenuine, answer.toString());
    assert.equal(answer.asGenuine.holder.asHeld.toNumber(), WHOLESALER);
    await shipAndReceive(api, wholesaler, PHARMACY, pharmacist, [{ Container: CASE }]);
    answer = await verify(api, 'PACK002');
    assert.ok(answer.isGenuine, answer.toString());
    assert.equal(answer.asGenuine.holder.asHeld.toNumber(), PHARMACY);
  },

  async 'a forged serial and a wrong lot are caught'(api) {
    assert.equal((await verify(api, 'FORGED9')).toString(), 'UnknownSerial');
    assert.equal((await verify(api, 'PACK001', 'L2026-11B')).toString(), 'LotMismatch');
    assert.equal((await verify(api, 'PACK001', LOT, '281230')).toString(), 'ExpiryMismatch');
  },

  async 'the pharmacy opens the case and dispenses; the pack then verifies as Dispensed'(api) {
    const alone = await submit(api, api.tx.drugProvenance.dispense(GTIN, 'PACK001'), pharmacist);
    assert.equal(`${alone.error?.section}.${alone.error?.name}`, 'drugProvenance.ItemInContainer');
    expectOk(await submit(api, api.tx.drugProvenance.unpack(CASE), pharmacist));
    expectOk(await submit(api, api.tx.drugProvenance.dispense(GTIN, 'PACK001'), pharmacist));
    assert.equal((await verify(api, 'PACK001')).toString(), 'Dispensed');
  },

  async 'trace shows every hop, one page at a time'(api) {
    // ProvenanceApi v2: a page of at most `limit` steps and a cursor to the next one.
    const whole = await api.call.provenanceApi.trace(GTIN, 'PACK001', null, 100);
    assert.ok(whole.next.isNone, 'one page of 100 holds the whole chain');
    const steps = whole.steps.map((s) => s.movement.type);
    assert.deepEqual(steps, [
      'Commissioned', 'Packed', 'Shipped', 'Received', 'Shipped', 'Received', 'Opened', 'Unpacked', 'Dispensed',
    ]);
    const trace = whole.steps;
    assert.equal(trace[2].movement.asShipped.to.toNumber(), WHOLESALER);
    assert.equal(trace[4].movement.asShipped.to.toNumber(), PHARMACY);
    assert.ok(trace[2].via.isSome, 'the unit moved inside the case');

    // Pages of two steps add up to the same chain.
    const paged = [];
    let cursor = null;
    for (let pages = 0; pages < 10; pages++) {
      const page = await api.call.provenanceApi.trace(GTIN, 'PACK001', cursor, 2);
      assert.ok(page.steps.length <= 2, 'a page holds at most its limit');
      paged.push(...page.steps.map((s) => s.movement.type));
      if (page.next.isNone) break;
      cursor = page.next.unwrap();
    }
    assert.deepEqual(paged, steps);
  },

  async 'a lot recall turns every pack of the lot to Recalled'(api) {
    const r = await submit(api, api.tx.drugProvenance.recallLot(GTIN, LOT, blake2AsHex('recall notice 2026-11-21')), manufacturer);
    expectOk(r);
    assert.ok(r.events.some(({ event }) => api.events.drugProvenance.LotRecalled.is(event)));
    assert.equal((await verify(api, 'PACK002')).toString(), 'Recalled');
    assert.equal((await verify(api, 'PACK003')).toString(), 'Recalled');
    const blocked = await submit(api, api.tx.drugProvenance.dispense(GTIN, 'PACK002'), pharmacist);
    assert.equal(`${blocked.error?.section}.${blocked.error?.name}`, 'drugProvenance.LotRecalled');
  },
};
