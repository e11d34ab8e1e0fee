// The pack verifier: a scan (keyboard wedge, photo or camera) becomes the chain's verdict with
// the action to take, and the pack's trace; signed-in staff receive, dispense, report and unpack.
import {
  Binary,
  ChainCallError,
  GS,
  accountFromPhrase,
  appEndpoint,
  connect,
  explainError,
  fromKeyboardWedge,
  organizationNames,
  submit,
  suspectReasonHash,
  trace,
  verifyScan,
  type Account,
  type Explanation,
  type ScanVerdict,
  type TraceStep,
  type Verdict,
} from "@medchain/client";
import { decodeImage, startCamera, type Camera } from "./decode.js";
import "./style.css";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const VERDICT_WORDS: Record<Verdict, string> = {
  Genuine: "Genuine",
  Illegitimate: "Illegitimate",
  Recalled: "Recalled",
  Suspect: "Suspect",
  UnknownSerial: "Unknown serial",
  LotMismatch: "Lot mismatch",
  ExpiryMismatch: "Expiry mismatch",
  Dispensed: "Already dispensed",
  Decommissioned: "Decommissioned",
  Expired: "Expired",
};

const rpc = await appEndpoint();
const { client, api } = connect(rpc, { websocketClass: WebSocket });
const orgName = organizationNames(api);

// --- the chain's status ------------------------------------------------------------------------
client.getChainSpecData().then(
  (spec) => {
    client.bestBlocks$.subscribe((blocks) => {
      const best = blocks[0];
      if (best) $("chain").textContent = `Connected to ${spec.name} · block #${best.number}`;
    });
  },
  () => {
    $("chain").textContent = `Cannot reach the chain at ${rpc}: check the network, or ask your IT team for the node's address.`;
  },
);


// --- verdicts ----------------------------------------------------------------------------------
let current: ScanVerdict | undefined;
let traceRun = 0;
// Scans answered so far (verdict or problem): `data-scans` on the verdict section, so that a
// test or a kiosk integration can tell one answer from the next.
let answered = 0;

function showProblem(problem: Explanation | undefined) {
  $("problem").hidden = problem === undefined;
  $("problem-what").textContent = problem?.what ?? "";
  $("problem-next").textContent = problem?.next ?? "";
}

async function holderText(holder: ScanVerdict["holder"]): Promise<string | undefined> {
  if (!holder) return undefined;
  if (holder.type === "Held") return `Held by ${await orgName(Number(holder.value))}`;
  if (holder.type === "InTransit") return `In transit, shipment ${String(holder.value)}`;
  return undefined;
}

async function verify(typed: string) {
  const started = performance.now();
  showProblem(undefined);
  const section = $("verdict");
  section.dataset.state = "pending";
  try {
    const verdict = await verifyScan(api, fromKeyboardWedge(typed));
    const holder = await holderText(verdict.holder);
    const elapsed = performance.now() - started;
    current = verdict;
    const word = $("verdict-word");
    word.textContent = VERDICT_WORDS[verdict.verdict];
    section.dataset.verdict = verdict.verdict;
    section.dataset.tone = verdict.verdict === "Genuine" ? "ok" : verdict.verdict === "Expired" ? "warn" : "stop";
    $("verdict-action").textContent = verdict.action;
    const details = $("verdict-details");
    details.replaceChildren();
    const rows: [string, string | undefined][] = [
      ["Holder", holder],
      ["GTIN", verdict.scan.gtin],
      ["Serial", verdict.scan.serial],
      ["Lot", verdict.scan.lot],
      ["Expiry", verdict.scan.expiry],
    ];
    for (const [term, value] of rows) {
      if (value === undefined) continue;
      const dt = document.createElement("dt");
      dt.textContent = term;
      const dd = document.createElement("dd");
      dd.textContent = value;
      details.append(dt, dd);
    }
    section.dataset.ms = elapsed.toFixed(1);
    $("verdict-time").textContent = `Answered by the chain in ${Math.round(elapsed)} ms.`;
    section.hidden = false;
    section.dataset.state = "done";
    section.dataset.scans = String(++answered);
    updateStaffButtons();
    void showTrace(verdict);
  } catch (error) {
    section.dataset.state = "failed";
    section.dataset.scans = String(++answered);
    section.hidden = true;
    $("trace").hidden = true;
    current = undefined;
    updateStaffButtons();
    showProblem(explainError(error));
  }
}

async function describe(step: TraceStep): Promise<string> {
  const v = (step.movement.value ?? {}) as Record<string, unknown>;
  const org = (key: string) => orgName(Number(v[key]));
  switch (step.movement.type) {
    case "Commissioned":
      return `Commissioned by ${await org("org")}`;
    case "Packed":
      return "Packed into a case";
    case "Unpacked":
      return "Taken out of its case";
    case "Opened":
      return "Case opened";
    case "Shipped":
      return `Shipped from ${await org("from")} to ${await org("to")} (shipment ${String(v.shipment)})`;
    case "Received":
      return `Received by ${await org("by")} (shipment ${String(v.shipment)})`;
    case "Dispensed":
      return `Dispensed by ${await org("by")}`;
    case "Decommissioned":
      return `Decommissioned (${String((v.reason as { type?: string } | undefined)?.type ?? "")})`;
    case "ReportedSuspect":
      return `Reported as suspect by ${await org("by")}`;
    case "Resolved":
      return v.illegitimate ? "Investigation closed: illegitimate" : "Investigation closed: cleared";
    case "ShipmentCancelled":
      return `Shipment ${String(v.shipment)} cancelled by ${await org("by")}`;
    case "ShipmentRefused":
      return `Shipment ${String(v.shipment)} refused by ${await org("by")}`;
    default:
      return step.movement.type;
  }
}

async function showTrace(verdict: ScanVerdict) {
  const run = ++traceRun;
  const list = $("trace-list");
  list.replaceChildren();
  $("trace").hidden = true;
  if (verdict.verdict === "UnknownSerial") return;
  try {
    for await (const step of trace(api, verdict.scan.gtin, verdict.scan.serial)) {
      if (run !== traceRun) return;
      const item = document.createElement("li");
      const time = document.createElement("time");
      const at = new Date(Number(step.at));
      time.dateTime = at.toISOString();
      time.textContent = at.toLocaleString();
      item.append(time, document.createTextNode(` ${await describe(step)}`));
      list.append(item);
      $("trace").hidden = false;
    }
  } catch (error) {
    if (run === traceRun) showProblem(explainError(error));
  }
}

$("scan-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = $<HTMLInputElement>("scan");
  const typed = input.value;
  input.value = "";
  if (typed.trim() !== "") void verify(typed);
});

// A wedge scanner sends GS as Ctrl+]: the field gets the GS character itself.
$("scan").addEventListener("keydown", (event) => {
  if (event.ctrlKey && (event.key === "]" || event.code === "BracketRight")) {
    event.preventDefault();
    const input = event.target as HTMLInputElement;
    input.setRangeText(GS, input.selectionStart ?? input.value.length, input.selectionEnd ?? input.value.length, "end");
  }
});

$("image").addEventListener("change", async (event) => {
  const input = event.target as HTMLInputElement;
  const file = input.files?.[0];
  input.value = "";
  if (!file) return;
  try {
    await verify(await decodeImage(file));
  } catch (error) {
    showProblem(explainError(error));
  }
});

let camera: Camera | undefined;
$("camera").addEventListener("click", async () => {
  const button = $<HTMLButtonElement>("camera");
  if (camera) {
    camera.stop();
    camera = undefined;
    button.textContent = "Use the camera";
    return;
  }
  try {
    camera = await startCamera($<HTMLVideoElement>("video"), (text) => void verify(text));
    button.textContent = "Stop the camera";
  } catch (error) {
    showProblem({
      what: "The camera could not be started.",
      next: "Allow this page to use the camera, or decode a photo of the code instead.",
      code: error instanceof Error ? error.name : undefined,
    });
  }
});

// --- staff -------------------------------------------------------------------------------------
let staff: Account | undefined;

function updateStaffButtons() {
  const packAction = staff !== undefined && current !== undefined && current.verdict !== "UnknownSerial";
  $<HTMLButtonElement>("dispense").disabled = !(packAction && current?.verdict === "Genuine");
  $<HTMLButtonElement>("report").disabled = !packAction;
}

$("sign-in").addEventListener("submit", async (event) => {
  event.preventDefault();
  const phrase = $<HTMLInputElement>("phrase");
  try {
    staff = accountFromPhrase(phrase.value.trim().replace(/\s+/g, " "), $<HTMLInputElement>("path").value.trim());
  } catch (error) {
    showProblem(explainError(error));
    return;
  }
  phrase.value = "";
  showProblem(undefined);
  const practitioner = await api.query.Consortium.Practitioners.getValue(staff.address, { at: "best" });
  $("who").textContent = practitioner
    ? `Signed in as ${practitioner.role.type} at ${await orgName(practitioner.org)} (${staff.address}).`
    : `Signed in as ${staff.address}, which is not a practitioner of any organisation: the chain will refuse what only staff may do.`;
  $("sign-in").hidden = true;
  $("signed-in").hidden = false;
  updateStaffButtons();
});

$("sign-out").addEventListener("click", () => {
  staff = undefined;
  $("sign-in").hidden = false;
  $("signed-in").hidden = true;
  $("staff-result").textContent = "";
  updateStaffButtons();
});

async function act(what: string, tx: Parameters<typeof submit>[0]) {
  if (!staff) return;
  const result = $("staff-result");
  result.textContent = `${what}: waiting for the chain…`;
  showProblem(undefined);
  try {
    const inclusion = await submit(tx, staff.signer);
    if (!inclusion.ok) throw new ChainCallError(inclusion, what);
    result.textContent = `${what}: done, in block #${inclusion.block.number}.`;
    if (current) await verify(`(01)${current.scan.gtin}(17)${current.scan.expiry}(10)${current.scan.lot}(21)${current.scan.serial}`);
  } catch (error) {
    result.textContent = `${what}: refused.`;
    showProblem(explainError(error));
  }
}

$("dispense").addEventListener("click", () => {
  if (!current) return;
  const { gtin, serial } = current.scan;
  void act("Dispense", api.tx.DrugProvenance.dispense({ gtin: Binary.fromText(gtin), serial: Binary.fromText(serial) }));
});

$("report").addEventListener("click", () => {
  if (!current) return;
  const reason = window.prompt("What is wrong with the pack? (kept off the chain: only its hash is recorded)");
  if (reason === null || reason.trim() === "") return;
  const { gtin, serial } = current.scan;
  void act(
    "Report as suspect",
    api.tx.DrugProvenance.report_suspect({
      gtin: Binary.fromText(gtin),
      serial: Binary.fromText(serial),
      reason_hash: suspectReasonHash(reason),
      held_at: undefined,
    }),
  );
});

$("receive-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const typed = $<HTMLInputElement>("shipment").value.trim();
  if (!/^\d{1,19}$/.test(typed)) {
    showProblem({ what: "A shipment number is digits only.", next: "Type the number printed on the delivery note." });
    return;
  }
  void act("Receive", api.tx.DrugProvenance.receive({ shipment: BigInt(typed) }));
});

$("unpack-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const typed = $<HTMLInputElement>("sscc").value.trim().replace(/^\(00\)|^00(?=\d{18}$)/, "");
  if (!/^\d{18}$/.test(typed)) {
    showProblem({ what: "An SSCC is 18 digits.", next: "Scan or type the SSCC on the case label, with or without (00)." });
    return;
  }
  void act("Unpack", api.tx.DrugProvenance.unpack({ sscc: Binary.fromText(typed) }));
});

$<HTMLInputElement>("scan").focus();
