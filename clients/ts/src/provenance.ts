/**
 * Provenance: a pack's scan to the chain's verdict and the action to take, its trace page by
 * page, and the trace as an EPCIS 2.0 JSON-LD document.
 */
import { Binary } from "polkadot-api";
import type { MedchainApi } from "./chain.js";
import { blake2b } from "@noble/hashes/blake2.js";
import { fromHex, toHex, utf8 } from "./bytes.js";
import { parsePackScan, type PackScan } from "./gs1.js";

/** The chain's verdicts for a pack (`UnitVerification`), the most serious first. */
export type Verdict =
  | "Illegitimate"
  | "Recalled"
  | "Suspect"
  | "UnknownSerial"
  | "LotMismatch"
  | "ExpiryMismatch"
  | "Dispensed"
  | "Decommissioned"
  | "Expired"
  | "Genuine";

/** What a pharmacist or wholesaler should do for each verdict. */
export const VERDICT_ACTIONS: Record<Verdict, string> = {
  Genuine: "Genuine: the pack may be dispensed or moved on.",
  Illegitimate: "Do not dispense. The pack was found illegitimate: quarantine it and notify the regulator.",
  Recalled: "Do not dispense. Its lot is recalled: quarantine the pack and follow the recall notice.",
  Suspect: "Do not dispense. The pack is under a suspect-product investigation: quarantine it until it is resolved.",
  UnknownSerial: "Do not dispense. The chain knows no pack with this serial: quarantine it and report it as suspect.",
  LotMismatch: "Do not dispense. The printed lot differs from the chain's: quarantine the pack and report it as suspect.",
  ExpiryMismatch: "Do not dispense. The printed expiry differs from the chain's: quarantine the pack and report it as suspect.",
  Dispensed: "Do not dispense. This pack was already dispensed to a patient: quarantine it and report it as suspect.",
  Decommissioned: "Do not dispense. This pack was taken out of the supply chain: quarantine it and report it as suspect.",
  Expired: "Do not dispense. The pack is past its expiry: set it aside for destruction.",
};

/** The verdict of a scan, with what to do. */
export interface ScanVerdict {
  /** The chain's verdict. */
  verdict: Verdict;
  /** What to do, as a sentence. */
  action: string;
  /** For a genuine pack: who holds it (`{ type: "Held", value: org }` or in transit) and its status. */
  holder?: { type: string; value: unknown };
  /** The scan's identifiers, as scanned. */
  scan: PackScan;
}

const ascii = (text: string) => Binary.fromText(text);

/**
 * Parses a pack's scan and asks the chain (`ProvenanceApi.verify_unit`, at the best block) for
 * its verdict. The values go to the chain exactly as scanned: the chain compares bytes (an
 * expiry `280200` stays `280200`).
 *
 * @param text - the scan (GS1 element string with `]d2` and GS separators, or its
 *   human-readable form).
 * @throws {import("./gs1.js").Gs1Error} when the scan is not a valid pack scan (the code says why).
 */
export async function verifyScan(api: MedchainApi, text: string | Uint8Array): Promise<ScanVerdict> {
  const scan = parsePackScan(text);
  const answer = (await api.apis.ProvenanceApi.verify_unit(
    ascii(scan.gtin),
    ascii(scan.serial),
    ascii(scan.lot),
    ascii(scan.expiry),
    { at: "best" },
  )) as { type: Verdict; value?: { holder: { type: string; value: unknown } } };
  return {
    verdict: answer.type,
    action: VERDICT_ACTIONS[answer.type],
    ...(answer.type === "Genuine" && answer.value ? { holder: answer.value.holder } : {}),
    scan,
  };
}

/** One step of a pack's trace: what happened, when, and the container it happened to. */
export interface TraceStep {
  /** The movement, e.g. `{ type: "Shipped", value: { shipment, from, to } }`. */
  movement: { type: string; value?: Record<string, unknown> };
  /** When (ms since the Unix epoch). */
  at: bigint;
  /** The SSCC (hex of its 18 ASCII digits) of the container it moved in, if any. */
  via?: unknown;
}

/**
 * Every step of a unit's trace, page by page (`ProvenanceApi.trace` with its cursor), oldest
 * first, through the containers it was packed into.
 *
 * @param gtin - the GTIN-14, 14 digits.
 * @param serial - the serial number.
 * @param pageSize - steps per page (the runtime caps a page at 100).
 */
export async function* trace(api: MedchainApi, gtin: string, serial: string, pageSize = 100): AsyncGenerator<TraceStep> {
  let cursor: unknown = undefined;
  for (;;) {
    const page = (await api.apis.ProvenanceApi.trace(ascii(gtin), ascii(serial), cursor as never, pageSize, {
      at: "best",
    })) as { steps: TraceStep[]; next?: unknown };
    for (const step of page.steps) yield step;
    if (page.next === undefined || page.steps.length === 0) return;
    cursor = page.next;
  }
}

const text = (v: unknown): string => {
  if (v instanceof Uint8Array) return Binary.toText(v);
  // The chain's codes are ASCII; `latin1` keeps any other byte visible rather than failing.
  if (typeof v === "string" && v.startsWith("0x")) return new TextDecoder("latin1").decode(fromHex(v));
  return String(v);
};
const party = (org: unknown) => `urn:medchain:organization:${String(org)}`;

/**
 * The trace of one unit as an EPCIS 2.0 JSON-LD document (GS1 Digital Link identifiers, CBV
 * business steps and dispositions; organisations as `urn:medchain:organization:<id>`).
 *
 * @param gtin - the unit's GTIN-14.
 * @param serial - its serial number.
 * @param steps - its trace, oldest first (from {@link trace}).
 * @param now - the document's creation time (defaults to now).
 */
export function toEpcis(gtin: string, serial: string, steps: readonly TraceStep[], now = new Date()): Record<string, unknown> {
  const epc = `https://id.gs1.org/01/${gtin}/21/${encodeURIComponent(serial)}`;
  const events = steps.map((step, i) => {
    const v = step.movement.value ?? {};
    const base = {
      eventID: `urn:medchain:trace:${gtin}:${encodeURIComponent(serial)}:${i}`,
      eventTime: new Date(Number(step.at)).toISOString(),
      eventTimeZoneOffset: "+00:00",
    };
    const object = (action: string, bizStep: string, disposition: string, extra: Record<string, unknown> = {}) => ({
      type: "ObjectEvent",
      ...base,
      epcList: [epc],
      action,
      bizStep,
      disposition,
      ...extra,
    });
    const sscc = (value: unknown) => `https://id.gs1.org/00/${text(value)}`;
    switch (step.movement.type) {
      case "Commissioned":
        return object("ADD", "commissioning", "active", { readPoint: { id: party(v.org) } });
      case "Packed":
        return { type: "AggregationEvent", ...base, parentID: sscc(v.into), childEPCs: [epc], action: "ADD", bizStep: "packing", disposition: "in_progress" };
      case "Unpacked":
        return { type: "AggregationEvent", ...base, parentID: sscc(v.from), childEPCs: [epc], action: "DELETE", bizStep: "unpacking", disposition: "in_progress" };
      case "Opened":
        return object("OBSERVE", "unpacking", "in_progress");
      case "Shipped":
        return object("OBSERVE", "shipping", "in_transit", {
          bizTransactionList: [{ type: "desadv", bizTransaction: `urn:medchain:shipment:${String(v.shipment)}` }],
          sourceList: [{ type: "owning_party", source: party(v.from) }],
          destinationList: [{ type: "owning_party", destination: party(v.to) }],
        });
      case "Received":
        return object("OBSERVE", "receiving", "in_progress", {
          bizTransactionList: [{ type: "desadv", bizTransaction: `urn:medchain:shipment:${String(v.shipment)}` }],
          readPoint: { id: party(v.by) },
        });
      case "Dispensed":
        return object("DELETE", "dispensing", "dispensed", { readPoint: { id: party(v.by) } });
      case "Decommissioned":
        return object("DELETE", "decommissioning", "inactive");
      case "ReportedSuspect":
        return object("OBSERVE", "holding", "non_sellable_other", { readPoint: { id: party(v.by) } });
      case "Resolved":
        return object("OBSERVE", "inspecting", v.illegitimate ? "non_sellable_other" : "active");
      case "ShipmentCancelled":
      case "ShipmentRefused":
        return object("OBSERVE", "returning", "returned", {
          bizTransactionList: [{ type: "desadv", bizTransaction: `urn:medchain:shipment:${String(v.shipment)}` }],
          readPoint: { id: party(v.by) },
        });
      default:
        return object("OBSERVE", "other", "active");
    }
  });
  return {
    "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: now.toISOString(),
    epcisBody: { eventList: events },
  };
}

/**
 * The `reason_hash` of `report_suspect` for a reason written off chain (an incident report, a
 * description of the damage): BLAKE2b-256 of its UTF-8, so the chain holds a commitment to the
 * report and never its words.
 *
 * @param reason - the reason as written.
 * @returns the hash as `0x` hex, as the typed API takes an `H256`.
 */
export function suspectReasonHash(reason: string): `0x${string}` {
  return `0x${toHex(blake2b(utf8(reason, "reason"), { dkLen: 32 }))}`;
}

/**
 * An organisation's public name as the consortium registered it, or `undefined` for an id that
 * names none.
 */
export async function organizationName(api: MedchainApi, org: number): Promise<string | undefined> {
  const found = await api.query.Consortium.Organizations.getValue(org, { at: "best" });
  return found === undefined ? undefined : new TextDecoder().decode(found.name);
}

/**
 * A cached {@link organizationName}: each organisation's name is asked once per lookup (names
 * change only by governance), and an id that names none reads `organisation <id>`.
 */
export function organizationNames(api: MedchainApi): (org: number) => Promise<string> {
  const names = new Map<number, Promise<string>>();
  return (org) => {
    let name = names.get(org);
    if (!name) {
      name = organizationName(api, org).then((found) => found ?? `organisation ${org}`);
      names.set(org, name);
    }
    return name;
  };
}
