// The pack verifier in Chromium against a dev node: DataMatrix images made here (bwip-js) of
// packs commissioned here, decoded by the app, give the chain's verdicts; a keyboard wedge's
// scan (GS sent as Ctrl+]) gives the same; a pharmacist signs in, receives a shipment and
// dispenses; every screen passes axe with no serious violation and breaks no CSP rule; the time
// from scan to verdict is measured over 100 scans.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import bwipjs from 'bwip-js';
import * as medchain from '@medchain/client';
import { LOG_DIR, axeViolations, openBrowser, quantile, screenshot, serveApp, startDevNode, waitFor } from './kit.mjs';

const binary = process.env.MEDCHAIN_NODE_BIN;
const { DEV_PHRASE, GS, checkDigit } = medchain;
const text = (t) => medchain.Binary.fromText(t);

const manufacturer = medchain.accountFromPhrase(DEV_PHRASE, '//QualityManager'); // Acme (3), prefix 0614141
const PHARMACY = 5; // Corner Pharmacy, //Pharmacist
const base = '0061414155555';
const GTIN = `${base}${checkDigit(base)}`;
const EXPIRY = '281231';
const LOT = 'LOT-A1';
const RECALLED_LOT = 'LOT-R9';
const TIMED = Array.from({ length: 100 }, (_, i) => `T${String(i).padStart(3, '0')}`);

let node;
let server;
let chain;
let browser;
let page;
const screens = {};
const axeFindings = {};

/** A pack's element string as its DataMatrix holds it: (01) (17) (10) GS (21). */
const elementString = (serial, lot = LOT, expiry = EXPIRY) => `]d201${GTIN}17${expiry}10${lot}${GS}21${serial}`;

/** A PNG of the pack's GS1 DataMatrix, as a printer makes it. */
const dataMatrix = (serial, lot = LOT, expiry = EXPIRY) =>
  bwipjs.toBuffer({ bcid: 'gs1datamatrix', text: `(01)${GTIN}(17)${expiry}(10)${lot}(21)${serial}`, scale: 4, padding: 8, backgroundcolor: 'FFFFFF' });

async function send(tx, who, what) {
  const inclusion = await medchain.submit(tx, who.signer);
  assert.equal(inclusion.ok, true, `${what}: ${JSON.stringify(inclusion.error ?? inclusion.dispatchError)}`);
  return inclusion;
}

/** Waits for the next answer (verdict or problem) after `before` answers. */
async function nextAnswer(previous, what) {
  return waitFor(async () => {
    const state = await page.locator('#verdict').evaluate((el) => ({ scans: Number(el.dataset.scans ?? 0), state: el.dataset.state, verdict: el.dataset.verdict, ms: Number(el.dataset.ms) }));
    return state.scans > previous && state.state !== 'pending' ? state : undefined;
  }, what, 30_000);
}

const answered = async () => Number((await page.locator('#verdict').getAttribute('data-scans')) ?? 0);

async function scanImage(serial, lot, what) {
  const previous = await answered();
  await page.setInputFiles('#image', { name: `${serial}.png`, mimeType: 'image/png', buffer: await dataMatrix(serial, lot) });
  return nextAnswer(previous, `the verdict of the image of ${what}`);
}

/** Types a scan as a keyboard-wedge scanner does: characters, Ctrl+] for GS, then Enter. */
async function wedge(scan, what) {
  const previous = await answered();
  await page.focus('#scan');
  const parts = scan.split(GS);
  for (const [i, part] of parts.entries()) {
    await page.keyboard.insertText(part);
    if (i < parts.length - 1) await page.keyboard.press('Control+BracketRight');
  }
  await page.keyboard.press('Enter');
  return nextAnswer(previous, `the verdict of the wedge scan of ${what}`);
}

async function checkScreen(name) {
  screens[name] = await screenshot(page, `verifier-${name}`);
  axeFindings[name] = await axeViolations(page);
  assert.deepEqual(axeFindings[name], [], `axe finds no serious violation on the ${name} screen`);
}

before(async () => {
  assert.ok(binary, 'MEDCHAIN_NODE_BIN names the node to test against');
  node = await startDevNode(binary);
  server = await serveApp('verifier', node.rpc);
  chain = medchain.connect(node.rpc);
  const { api } = chain;
  await send(api.tx.DrugProvenance.register_product({ gtin: text(GTIN), name: text('Verifier test pack') }), manufacturer, 'register the product');
  await send(api.tx.DrugProvenance.commission_units({ gtin: text(GTIN), lot: text(LOT), expiry: text(EXPIRY),
    serials: ['V0001', 'V0002', 'V0003'].map(text) }), manufacturer, 'commission the packs');
  // 100 more packs, each scanned once for the timing: no answer can come from an earlier scan.
  await send(api.tx.DrugProvenance.commission_units({ gtin: text(GTIN), lot: text(LOT), expiry: text(EXPIRY),
    serials: TIMED.map(text) }), manufacturer, 'commission the packs to time');
  await send(api.tx.DrugProvenance.commission_units({ gtin: text(GTIN), lot: text(RECALLED_LOT), expiry: text(EXPIRY),
    serials: ['R0001'].map(text) }), manufacturer, 'commission the pack of the lot to recall');
  ({ browser, page } = await (async () => {
    const opened = await openBrowser();
    return { browser: opened, page: await opened.context.newPage() };
  })());
  await page.goto(server.url);
  await waitFor(async () => /Connected to .* block #\d+/.test((await page.textContent('#chain')) ?? ''), 'the verifier to connect to the chain');
});

after(async () => {
  const figures = { screens, axe: axeFindings, problems: browser?.problems ?? [] };
  writeFileSync(join(LOG_DIR, 'verifier-results.json'), JSON.stringify(figures, null, 2));
  await browser?.browser.close();
  chain?.disconnect();
  await server?.stop();
  await node?.stop();
});

test('the first screen is accessible and asks for a scan', async () => {
  assert.equal(await page.locator('#scan').evaluate((el) => el === document.activeElement), true, 'the scan field has the focus');
  await checkScreen('start');
});

test('an image of a commissioned pack\'s DataMatrix is Genuine, with its holder and its trace', async () => {
  const answer = await scanImage('V0001', LOT, 'a commissioned pack');
  assert.equal(answer.verdict, 'Genuine');
  assert.equal(await page.textContent('#verdict-word'), 'Genuine');
  assert.match(await page.textContent('#verdict-details'), /Held by Acme Pharmaceuticals/);
  assert.match(await page.textContent('#verdict-action'), /may be dispensed/);
  await waitFor(async () => /Commissioned by Acme Pharmaceuticals/.test((await page.textContent('#trace-list')) ?? ''), 'the trace to show the commissioning');
  await checkScreen('genuine');
});

test('after recall_lot the pack of that lot is Recalled, with what to do', async () => {
  const genuine = await scanImage('R0001', RECALLED_LOT, 'the pack before its recall');
  assert.equal(genuine.verdict, 'Genuine');
  await send(chain.api.tx.DrugProvenance.recall_lot({ gtin: text(GTIN), lot: text(RECALLED_LOT), reason_hash: medchain.suspectReasonHash('recall notice 7') }), manufacturer, 'recall the lot');
  const answer = await scanImage('R0001', RECALLED_LOT, 'the recalled pack');
  assert.equal(answer.verdict, 'Recalled');
  assert.equal(await page.textContent('#verdict-word'), 'Recalled');
  assert.match(await page.textContent('#verdict-action'), /^Do not dispense\. Its lot is recalled/);
  await checkScreen('recalled');
});

test('a forged serial is UnknownSerial', async () => {
  const answer = await scanImage('FORGED99', LOT, 'a forged pack');
  assert.equal(answer.verdict, 'UnknownSerial');
  assert.equal(await page.textContent('#verdict-word'), 'Unknown serial');
  assert.match(await page.textContent('#verdict-action'), /knows no pack with this serial/);
  assert.equal(await page.isHidden('#trace'), true, 'an unknown pack has no trace');
  await checkScreen('unknown-serial');
});

test('a keyboard-wedge scan with GS separators gives the same verdicts', async () => {
  assert.equal((await wedge(elementString('V0002'), 'a genuine pack')).verdict, 'Genuine');
  assert.equal((await wedge(elementString('R0001', RECALLED_LOT), 'the recalled pack')).verdict, 'Recalled');
  assert.equal((await wedge(elementString('FORGED99'), 'the forged pack')).verdict, 'UnknownSerial');
  assert.equal((await wedge(elementString('V0002', 'LOT-B2'), 'a pack with another lot printed')).verdict, 'LotMismatch');
});

test('a scan that is not a pack code is explained, and changes nothing', async () => {
  const previous = await answered();
  await page.fill('#scan', '(01)09506000134352(21)ONLY');
  await page.keyboard.press('Enter');
  const answer = await nextAnswer(previous, 'the problem shown for a scan without lot and expiry');
  assert.equal(answer.state, 'failed');
  assert.match(await page.textContent('#problem-what'), /could not be read: a pack scan needs AI \(10\)/);
  assert.match(await page.textContent('#problem-next'), /Scan the code again/);
  await checkScreen('unreadable');
});

test('a pharmacist signs in, receives the shipment and dispenses the pack', async () => {
  const shipped = await send(chain.api.tx.DrugProvenance.ship({ to: PHARMACY, items: [{ type: 'Unit', value: { gtin: text(GTIN), serial: text('V0003') } }],
    transaction_hash: medchain.suspectReasonHash('invoice 1001') }), manufacturer, 'ship the pack to the pharmacy');
  const shipment = medchain.findEvent(shipped, 'DrugProvenance', 'Shipped').shipment;
  await page.fill('#phrase', DEV_PHRASE);
  await page.fill('#path', '//Pharmacist');
  await page.click('#sign-in button[type=submit]');
  await waitFor(async () => /Signed in as Pharmacist at Corner Pharmacy/.test((await page.textContent('#who')) ?? ''), 'the pharmacist to be signed in');
  assert.equal(await page.inputValue('#phrase').catch(() => ''), '', 'the phrase is not left in the field');
  await page.fill('#shipment', String(shipment));
  await page.click('#receive-form button');
  await waitFor(async () => /Receive: done/.test((await page.textContent('#staff-result')) ?? ''), 'the shipment to be received');
  const held = await wedge(elementString('V0003'), 'the received pack');
  assert.equal(held.verdict, 'Genuine');
  assert.match(await page.textContent('#verdict-details'), /Held by Corner Pharmacy/);
  await checkScreen('staff');
  const previous = await answered();
  await page.click('#dispense');
  const dispensed = await nextAnswer(previous, 'the verdict after dispensing');
  assert.equal(dispensed.verdict, 'Dispensed');
  assert.match(await page.textContent('#staff-result'), /Dispense: done/);
  await checkScreen('dispensed');
});

test('a refused staff action is shown as a sentence with what to do', async () => {
  // The pharmacist does not hold V0001 (Acme does): the chain refuses, the page says why.
  await wedge(elementString('V0001'), 'a pack the pharmacy does not hold');
  await page.click('#dispense');
  await waitFor(async () => /Dispense: refused/.test((await page.textContent('#staff-result')) ?? ''), 'the refusal of dispensing a pack held elsewhere');
  assert.equal(await page.textContent('#problem-what'), medchain.ERROR_DOCS['DrugProvenance.NotHolder']);
  assert.equal(await page.textContent('#problem-next'), medchain.NEXT_STEPS['DrugProvenance.NotHolder']);
  assert.equal((await medchain.verifyScan(chain.api, elementString('V0001'))).verdict, 'Genuine', 'the refused call changed nothing');
});

test('from scan to verdict: 100 wedge scans of 100 different packs, p50 and p95', async () => {
  const times = [];
  for (const [i, serial] of TIMED.entries()) {
    const answer = await wedge(elementString(serial), `scan ${i + 1} of 100`);
    assert.equal(answer.verdict, 'Genuine');
    times.push(answer.ms);
  }
  const figures = { scans: times.length, p50_ms: quantile(times, 0.5), p95_ms: quantile(times, 0.95), max_ms: Math.max(...times) };
  writeFileSync(join(LOG_DIR, 'verifier-scan-times.json'), JSON.stringify({ ...figures, times }, null, 2));
  console.log(`scan to verdict over ${figures.scans} scans: p50 ${figures.p50_ms.toFixed(1)} ms, p95 ${figures.p95_ms.toFixed(1)} ms, max ${figures.max_ms.toFixed(1)} ms`);
  assert.ok(figures.p95_ms < 1000, `a verdict comes in under a second (p95 ${figures.p95_ms} ms)`);
});

test('no page error and no Content-Security-Policy violation on any screen', () => {
  assert.deepEqual(browser.problems, []);
});
