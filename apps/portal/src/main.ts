// The patient portal: keys made or restored here and kept encrypted in this browser; the
// patient's registration and free calls, requests for consent, consents, records and the log of
// who read them, all from the chain through @medchain/client.
import {
  ACTIONS,
  CATEGORIES,
  ChainCallError,
  MultiAddress,
  PURPOSES,
  SENSITIVE_CATEGORIES,
  accessLog,
  appEndpoint,
  connect,
  consentsOf,
  emergencyAccessesOf,
  explainError,
  findEvent,
  freeCalls,
  grant,
  keysFromPhrase,
  newRecoveryPhrase,
  openKeystore,
  organizationNames,
  patientIdFor,
  patientRecordKey,
  recordsOf,
  requestsOf,
  sealPhrase,
  shareRecordKey,
  submit,
  toAuditEventBundle,
  toHex,
  type AccessLogEntry,
  type Account,
  type Action,
  type Category,
  type ConsentView,
  type EmergencyAccessView,
  type Explanation,
  type Purpose,
  type RecordView,
  type RequestView,
} from "@medchain/client";
import "./style.css";

const STORE = "medchain.keystore.v1";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
};
/** `LabResults` → `lab results`. */
const words = (name: string) => name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
const list = (names: readonly string[]) => names.map(words).join(", ");
const day = (ms: bigint | undefined) => (ms === undefined ? undefined : new Date(Number(ms)).toLocaleDateString());
const when = (ms: bigint) => new Date(Number(ms)).toLocaleString();
const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

const rpc = await appEndpoint();
const { client, api } = connect(rpc, { websocketClass: WebSocket });
const orgName = organizationNames(api);

client.getChainSpecData().then(
  (spec) => {
    client.bestBlocks$.subscribe((blocks) => {
      const best = blocks[0];
      if (best) $("chain").textContent = `Connected to ${spec.name} · block #${best.number}`;
      void refresh();
    });
  },
  () => {
    $("chain").textContent = `Cannot reach the chain at ${rpc}: check your connection, or ask your hospital which address to use.`;
  },
);

function showProblem(problem: Explanation | undefined) {
  $("problem").hidden = problem === undefined;
  $("problem-what").textContent = problem?.what ?? "";
  $("problem-next").textContent = problem?.next ?? "";
}
const status = (text: string) => {
  $("status").textContent = text;
};

// --- keys --------------------------------------------------------------------------------------
interface Session {
  /** Kept in memory while unlocked: it opens the patient's envelopes. */
  phrase: string;
  account: Account;
  encryptionKey: Uint8Array;
  patientId: string;
}
let session: Session | undefined;
let creating: string | undefined;

function screen(name: "onboard" | "unlock" | "app") {
  for (const id of ["onboard", "unlock", "app"]) $(id).hidden = id !== name;
}

function stored(): { address: string } | undefined {
  const text = localStorage.getItem(STORE);
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as { address?: unknown };
    return typeof parsed.address === "string" ? { address: parsed.address } : { address: "(unreadable keystore)" };
  } catch {
    return { address: "(unreadable keystore)" };
  }
}

function start() {
  const keystore = stored();
  if (keystore) {
    $("unlock-address").textContent = keystore.address;
    screen("unlock");
    $<HTMLInputElement>("unlock-passphrase").focus();
  } else {
    screen("onboard");
  }
}

function enter(phrase: string) {
  const keys = keysFromPhrase(phrase);
  session = {
    phrase,
    account: keys.account,
    encryptionKey: keys.encryptionKey,
    patientId: `0x${toHex(patientIdFor(keys.account.publicKey, keys.encryptionKey))}`,
  };
  $("patient-id").textContent = session.patientId;
  $("account").textContent = session.account.address;
  $("encryption-key").textContent = `0x${toHex(session.encryptionKey)}`;
  screen("app");
  showView("home");
  void refresh();
}

$("create-keys").addEventListener("click", () => {
  creating = newRecoveryPhrase();
  $("new-phrase").textContent = creating;
  $("new-phrase-box").hidden = false;
  $("restore-box").hidden = true;
  $("keys-form").hidden = false;
});

$("restore-keys").addEventListener("click", () => {
  creating = undefined;
  $("new-phrase-box").hidden = true;
  $("restore-box").hidden = false;
  $("keys-form").hidden = false;
  $<HTMLTextAreaElement>("restore-phrase").focus();
});

$("keys-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  showProblem(undefined);
  const passphrase = $<HTMLInputElement>("passphrase").value;
  if (passphrase !== $<HTMLInputElement>("passphrase-again").value) {
    showProblem({ what: "The two passphrases differ.", next: "Type the same passphrase in both fields." });
    return;
  }
  if (creating !== undefined && !$<HTMLInputElement>("written-down").checked) {
    showProblem({ what: "Your recovery phrase is not written down yet.", next: "Write the 12 words down, then tick the box: without them a lost device means a lost account." });
    return;
  }
  const phrase = creating ?? $<HTMLTextAreaElement>("restore-phrase").value.trim().toLowerCase().split(/\s+/).join(" ");
  try {
    status("Locking your keys…");
    const keystore = await sealPhrase(phrase, passphrase);
    localStorage.setItem(STORE, JSON.stringify(keystore));
    for (const id of ["passphrase", "passphrase-again", "restore-phrase"]) $<HTMLInputElement>(id).value = "";
    $("new-phrase").textContent = "";
    creating = undefined;
    enter(phrase);
    status("Your keys are saved in this browser, locked with your passphrase.");
  } catch (error) {
    status("");
    showProblem(explainError(error));
  }
});

$("unlock-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  showProblem(undefined);
  const input = $<HTMLInputElement>("unlock-passphrase");
  try {
    const phrase = await openKeystore(localStorage.getItem(STORE) ?? "", input.value);
    input.value = "";
    enter(phrase);
  } catch (error) {
    showProblem(explainError(error));
  }
});

$("forget").addEventListener("click", () => {
  if (!window.confirm("Forget the keys stored in this browser? You will need your recovery phrase to use your account here again.")) return;
  localStorage.removeItem(STORE);
  start();
});

$("lock").addEventListener("click", () => {
  session = undefined;
  status("");
  start();
});

// --- views -------------------------------------------------------------------------------------
type View = "home" | "consents" | "records" | "log";
function showView(view: View) {
  status("");
  for (const button of document.querySelectorAll<HTMLButtonElement>("nav button[data-view]")) {
    const current = button.dataset.view === view;
    if (current) button.setAttribute("aria-current", "page");
    else button.removeAttribute("aria-current");
    button.classList.toggle("secondary", !current);
  }
  for (const name of ["home", "consents", "records", "log"]) $(`view-${name}`).hidden = name !== view;
}
for (const button of document.querySelectorAll<HTMLButtonElement>("nav button[data-view]")) {
  button.addEventListener("click", () => showView(button.dataset.view as View));
}

async function accessorName(address: string): Promise<string> {
  const practitioner = await api.query.Consortium.Practitioners.getValue(address, { at: "best" });
  return practitioner ? `${words(practitioner.role.type)} at ${await orgName(practitioner.org)} (${short(address)})` : short(address);
}

let running: Promise<void> | undefined;
let queued: Promise<void> | undefined;
let log: AccessLogEntry[] = [];
/**
 * Reads everything the page shows again, at the best block. A call while a read is under way
 * gets one more read after it (shared by every such call), so what a transaction just changed
 * is always shown when the promise resolves.
 */
function refresh(): Promise<void> {
  if (!session) return Promise.resolve();
  if (!running) {
    running = read().finally(() => {
      running = undefined;
    });
    return running;
  }
  queued ??= running.then(() => {
    queued = undefined;
    return refresh();
  });
  return queued;
}

async function read() {
  if (!session) return;
  const { patientId } = session;
  try {
    const [patient, allowance, requests] = await Promise.all([
      api.query.PatientIdentity.Patients.getValue(patientId as `0x${string}`, { at: "best" }),
      freeCalls(api, patientId),
      requestsOf(api, patientId),
    ]);
    const consents: ConsentView[] = [];
    for await (const c of consentsOf(api, patientId)) consents.push(c);
    const records: RecordView[] = [];
    for await (const r of recordsOf(api, patientId)) records.push(r);
    const holders = new Map<bigint, string[]>(
      await Promise.all(
        records.map(async (r): Promise<[bigint, string[]]> => {
          const entries = (await api.query.Records.KeyEnvelopes.getEntries(r.id, { at: "best" })) as { keyArgs: [bigint, string] }[];
          return [r.id, entries.map((e) => e.keyArgs[1])];
        }),
      ),
    );
    const entries: AccessLogEntry[] = [];
    for await (const e of accessLog(api, patientId)) entries.push(e);
    const fromLog = entries.filter((e) => e.basis.type === "Emergency").map((e) => BigInt(e.basis.value as bigint));
    const [emergencies, guardians] = await Promise.all([
      emergencyAccessesOf(api, patientId, fromLog),
      api.query.PatientIdentity.Guardians.getEntries(patientId as `0x${string}`, { at: "best" }),
    ]);
    if (session?.patientId !== patientId) return;
    $("registration").textContent = patient
      ? "Registered: hospitals and clinics of the network can ask for your consent."
      : "Not registered yet. Give your patient id, account and record key (below) to your hospital's registration desk.";
    $("free-calls").textContent = !allowance
      ? "None until you are registered."
      : allowance.vouched
        ? `${allowance.remaining} left in this period (renews at block #${allowance.renewsAt}): answering requests and managing consents costs you nothing.`
        : "None: no registrar vouched for you, so each call needs tokens for its fee.";
    await Promise.all([
      showRequests(requests),
      showEmergencies(emergencies),
      showPeople(patient?.controllers ?? [], guardians as unknown as Guardian[]),
      showConsents(consents),
      showRecords(records, holders),
      showLog(entries),
    ]);
    log = entries;
    document.body.dataset.refreshed = String(Number(document.body.dataset.refreshed ?? 0) + 1);
  } catch (error) {
    showProblem(explainError(error));
  }
}

async function act(what: string, tx: Parameters<typeof submit>[0], done: (inclusion: Awaited<ReturnType<typeof submit>>) => string) {
  if (!session) return;
  showProblem(undefined);
  status(`${what}: waiting for the chain…`);
  try {
    const inclusion = await submit(tx, session.account.signer);
    if (!inclusion.ok) throw new ChainCallError(inclusion, what);
    await refresh();
    status(done(inclusion));
  } catch (error) {
    status(`${what}: not done.`);
    showProblem(explainError(error));
  }
}

function sensitiveList(categories: readonly Category[]) {
  const span = el("span");
  categories.forEach((c, i) => {
    if (i > 0) span.append(", ");
    span.append(SENSITIVE_CATEGORIES.includes(c) ? el("span", `${words(c)} (sensitive)`, "sensitive") : words(c));
  });
  return span;
}

async function showRequests(requests: RequestView[]) {
  const ul = $("requests");
  ul.replaceChildren();
  $("requests-empty").hidden = requests.length > 0;
  for (const r of requests) {
    const li = el("li");
    li.dataset.request = String(r.id);
    const asks = el("p");
    asks.append(
      el("strong", await orgName(r.org)),
      ` (${await accessorName(r.requester)}) asks to ${list(r.actions)} your `,
      sensitiveList(r.categories),
      ` for ${list(r.purposes)}, ${r.validUntil === undefined ? "with no end date" : `until ${day(r.validUntil)}`}.`,
    );
    const lapse = el("p", `The request lapses on ${day(r.expiresAt)} if you do not answer.`, "hint");
    const approve = el("button", "Approve");
    approve.type = "button";
    approve.addEventListener("click", () =>
      act("Approving", api.tx.Consent.approve_request({ request: r.id }), (inc) => {
        const granted = findEvent<{ consent: bigint }>(inc, "Consent", "ConsentGranted");
        return `Approved: ${granted ? `consent ${granted.consent}` : "the consent"} is in force.`;
      }),
    );
    const reject = el("button", "Reject", "secondary");
    reject.type = "button";
    reject.addEventListener("click", () => act("Rejecting", api.tx.Consent.reject_request({ request: r.id }), () => "Rejected: nothing was shared."));
    const buttons = el("p", undefined, "row");
    buttons.append(approve, reject);
    li.append(asks, lapse, buttons);
    ul.append(li);
  }
}

async function granteeName(c: ConsentView) {
  return c.grantee.type === "Organization" ? orgName(Number(c.grantee.value)) : accessorName(String(c.grantee.value));
}

async function showConsents(consents: ConsentView[]) {
  const body = $("consents-table").querySelector("tbody") as HTMLTableSectionElement;
  body.replaceChildren();
  $("consents-empty").hidden = consents.length > 0;
  $("consents-table").hidden = consents.length === 0;
  for (const c of consents) {
    const row = el("tr");
    row.dataset.consent = String(c.id);
    row.dataset.state = c.state.type;
    const valid = [day(c.valid_from) && `from ${day(c.valid_from)}`, day(c.valid_until) && `until ${day(c.valid_until)}`].filter(Boolean).join(" ");
    const cells = [
      await granteeName(c),
      c.decision.type === "Permit" ? "Allowed" : "Refused",
      list(c.actions.map((a) => a.type)),
      sensitiveList(c.categories.map((x) => x.type as Category)),
      list(c.purposes.map((p) => p.type)),
      valid || "always",
      words(c.state.type),
    ];
    for (const cell of cells) {
      const td = el("td");
      td.append(cell);
      row.append(td);
    }
    const action = el("td");
    if (c.state.type !== "Revoked") {
      const revoke = el("button", "Revoke", "secondary");
      revoke.type = "button";
      revoke.setAttribute("aria-label", `Revoke consent ${c.id}`);
      revoke.addEventListener("click", () => act("Revoking", api.tx.Consent.revoke_consent({ consent: c.id }), () => `Consent ${c.id} is revoked: from the next block it allows nothing.`));
      action.append(revoke);
    }
    row.append(action);
    body.append(row);
  }
}

async function showRecords(records: RecordView[], holders: Map<bigint, string[]>) {
  const body = $("records-table").querySelector("tbody") as HTMLTableSectionElement;
  body.replaceChildren();
  $("records-empty").hidden = records.length > 0;
  $("records-table").hidden = records.length === 0;
  for (const r of records) {
    const row = el("tr");
    row.dataset.record = String(r.id);
    const cells = [
      String(r.id),
      words(r.category.type),
      r.author_org === undefined ? short(r.author) : await orgName(r.author_org),
      when(r.anchored_at),
      `${words(r.status.type)}, content hash ${r.content_hash.slice(0, 10)}…`,
    ];
    for (const cell of cells) row.append(el("td", cell));
    const shared = el("td");
    for (const grantee of holders.get(r.id) ?? []) {
      const line = el("p", undefined, "row");
      line.dataset.grantee = grantee;
      const revoke = el("button", "Revoke", "secondary");
      revoke.type = "button";
      revoke.setAttribute("aria-label", `Revoke the key of record ${r.id} from ${grantee}`);
      revoke.addEventListener("click", () => {
        if (!session) return;
        void act(
          "Revoking the key",
          api.tx.Records.revoke_record_key({ record: { patient: session.patientId as `0x${string}`, id: r.id }, grantee }),
          () => `The key of record ${r.id} is taken back: that practitioner can no longer fetch it.`,
        );
      });
      line.append(await accessorName(grantee), revoke);
      shared.append(line);
    }
    row.append(shared);
    const action = el("td");
    if (r.status.type !== "Erased") {
      const share = el("button", "Share", "secondary");
      share.type = "button";
      share.setAttribute("aria-label", `Share the key of record ${r.id}`);
      share.addEventListener("click", () => {
        sharing = r;
        $("share-record").textContent = String(r.id);
        $("share-form").hidden = false;
        $<HTMLInputElement>("share-reader").focus();
      });
      action.append(share);
      const erase = el("button", "Erase", "secondary");
      erase.type = "button";
      erase.setAttribute("aria-label", `Erase record ${r.id}`);
      erase.addEventListener("click", () => {
        if (!session || !window.confirm(`Erase record ${r.id}? Its pointer and keys leave the chain for good; only its hash stays, so that no one can anchor it again as new.`)) return;
        void act("Erasing", api.tx.Records.erase_record({ record: { patient: session.patientId as `0x${string}`, id: r.id } }), () => `Record ${r.id} is erased.`);
      });
      action.append(erase);
    }
    row.append(action);
    body.append(row);
  }
}

async function showEmergencies(accesses: EmergencyAccessView[]) {
  const ul = $("emergencies");
  ul.replaceChildren();
  $("emergency-empty").hidden = accesses.length > 0;
  for (const a of accesses) {
    const li = el("li");
    li.dataset.emergency = String(a.id);
    li.dataset.review = a.review === undefined ? "none" : a.review.justified ? "justified" : "unjustified";
    li.append(el("p", `${await accessorName(a.accessor)} opened your records in an emergency on ${when(a.invokedAt)} (for ${await orgName(a.org)}, until ${when(a.expiresAt)}).`));
    if (a.review) {
      li.append(el("p", `Reviewed on ${when(a.review.at)} by ${a.review.by === session?.account.address ? "you" : await accessorName(a.review.by)}: ${a.review.justified ? "justified" : "not justified"}.`, "hint"));
    } else {
      const row = el("p", undefined, "row");
      for (const [label, justified] of [["It was justified", true], ["It was not justified", false]] as const) {
        const button = el("button", label, justified ? undefined : "secondary");
        button.type = "button";
        button.addEventListener("click", () =>
          act("Reviewing", api.tx.Consent.review_emergency_access({ id: a.id, justified }), () =>
            justified ? "Recorded: the emergency access was justified." : "Recorded: the emergency access was not justified; the practitioner may not use emergency access to you for a while.",
          ),
        );
        row.append(button);
      }
      li.append(row);
    }
    ul.append(li);
  }
}

interface Guardian {
  keyArgs: [string, string];
  value: { scope: { type: string }; valid_until?: bigint; appointment: number };
}

async function showPeople(controllers: string[], guardians: Guardian[]) {
  const body = $("people-table").querySelector("tbody") as HTMLTableSectionElement;
  body.replaceChildren();
  const me = session?.account.address;
  type Row = [string, string, string, string, (() => void) | undefined];
  const rows: Row[] = [
    ...controllers.map((c): Row => [
      c,
      c === me ? `${short(c)} (this account)` : short(c),
      "controller",
      "always",
      c === me || !session
        ? undefined
        : () => act("Removing the controller", api.tx.PatientIdentity.remove_controller({ patient: session!.patientId as `0x${string}`, who: MultiAddress.Id(c) }), () => "The controller is removed."),
    ]),
    ...guardians.map((g): Row => [
      g.keyArgs[1],
      short(g.keyArgs[1]),
      `guardian (${words(g.value.scope.type)})`,
      day(g.value.valid_until) ?? "no end date",
      !session
        ? undefined
        : () => act("Removing the guardian", api.tx.PatientIdentity.remove_guardian({ patient: session!.patientId as `0x${string}`, guardian: MultiAddress.Id(g.keyArgs[1]) }), () => "The guardian is removed."),
    ]),
  ];
  for (const [account, who, role, until, remove] of rows) {
    const row = el("tr");
    row.dataset.account = account;
    for (const cell of [who, role, until]) row.append(el("td", cell));
    const action = el("td");
    if (remove) {
      const button = el("button", "Remove", "secondary");
      button.type = "button";
      button.setAttribute("aria-label", `Remove ${role} ${who}`);
      button.addEventListener("click", remove);
      action.append(button);
    }
    row.append(action);
    body.append(row);
  }
}

$("controller-form").addEventListener("submit", (event) => {
  event.preventDefault();
  if (!session) return;
  const input = $<HTMLInputElement>("controller-address");
  const address = input.value.trim();
  if (!/^[1-9A-HJ-NP-Za-km-z]{46,48}$/.test(address)) {
    showProblem({ what: "That is not an account address.", next: "Paste the whole address (it starts with 5 on this network)." });
    return;
  }
  input.value = "";
  void act("Adding the controller", api.tx.PatientIdentity.add_controller({ patient: session.patientId as `0x${string}`, who: MultiAddress.Id(address) }), () => "The controller is added: it may now manage everything for you.");
});

async function showLog(entries: AccessLogEntry[]) {
  const body = $("log-table").querySelector("tbody") as HTMLTableSectionElement;
  body.replaceChildren();
  $("log-empty").hidden = entries.length > 0;
  $("log-table").hidden = entries.length === 0;
  for (const e of entries) {
    const row = el("tr");
    row.dataset.seq = String(e.seq);
    const basis =
      e.basis.type === "Consent" ? `consent ${String(e.basis.value)}` : e.basis.type === "Emergency" ? `emergency access ${String(e.basis.value)} (to be reviewed)` : words(e.basis.type);
    for (const cell of [when(e.at), await accessorName(e.accessor), `record ${e.record}`, words(e.purpose.type), basis]) row.append(el("td", cell));
    body.append(row);
  }
}

let sharing: RecordView | undefined;
for (const purpose of PURPOSES) {
  const option = el("option", words(purpose));
  option.value = purpose;
  $("share-purpose").append(option);
}
$("share-cancel").addEventListener("click", () => {
  sharing = undefined;
  $("share-form").hidden = true;
});
$("share-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!session || !sharing) return;
  showProblem(undefined);
  const reader = $<HTMLInputElement>("share-reader").value.trim();
  const purpose = $<HTMLSelectElement>("share-purpose").value as Purpose;
  const record = { patient: session.patientId, id: sharing.id };
  status("Sharing the key: waiting for the chain…");
  try {
    const held = await patientRecordKey(api, record, session.account.address, session.phrase);
    if (!held) {
      showProblem({ what: "This record has no key for you on the chain.", next: "Ask its author to anchor it with a key for you; a record without one cannot be shared from here." });
      status("");
      return;
    }
    await shareRecordKey(api, session.account.signer, { record, contentHash: held.contentHash, key: held.key, reader, purpose });
    held.key.fill(0);
    $<HTMLInputElement>("share-reader").value = "";
    $("share-form").hidden = true;
    sharing = undefined;
    await refresh();
    status(`The key of record ${record.id} is shared: the practitioner can open it while your consent allows.`);
  } catch (error) {
    status("Sharing the key: not done.");
    showProblem(explainError(error));
  }
});

$("export-audit").addEventListener("click", () => {
  if (!session) return;
  const bundle = toAuditEventBundle(session.patientId, log);
  const blob = new Blob([JSON.stringify(bundle, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2)], { type: "application/fhir+json" });
  const link = el("a");
  link.href = URL.createObjectURL(blob);
  link.download = "medchain-access-log.json";
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
});

// --- the grant form ----------------------------------------------------------------------------
function checkboxes(fieldset: string, name: string, values: readonly string[], checked: (v: string) => boolean, label = words) {
  const box = $(fieldset);
  for (const value of values) {
    const wrap = el("label", undefined, "inline");
    const input = el("input");
    input.type = "checkbox";
    input.name = name;
    input.value = value;
    input.checked = checked(value);
    wrap.append(input, " ", label(value));
    box.append(wrap);
  }
}
checkboxes("grant-actions", "action", ACTIONS, (v) => v === "Read");
checkboxes("grant-categories", "category", CATEGORIES, () => false, (v) =>
  SENSITIVE_CATEGORIES.includes(v as Category) ? `${words(v)} (sensitive)` : words(v),
);
checkboxes("grant-purposes", "purpose", PURPOSES, (v) => v === "Treatment");

async function fillOrganizations() {
  const entries = await api.query.Consortium.Organizations.getEntries({ at: "best" });
  const select = $<HTMLSelectElement>("grant-org");
  select.replaceChildren();
  for (const { keyArgs, value } of entries.sort((a, b) => a.keyArgs[0] - b.keyArgs[0])) {
    if (value.status.type !== "Active") continue;
    const option = el("option", `${new TextDecoder().decode(value.name)} (${words(value.kind.type)})`);
    option.value = String(keyArgs[0]);
    select.append(option);
  }
}
void fillOrganizations();

const picked = <T extends string>(name: string) =>
  [...document.querySelectorAll<HTMLInputElement>(`#grant-form input[name="${name}"]:checked`)].map((i) => i.value as T);
const dateMs = (id: string, endOfDay: boolean) => {
  const value = $<HTMLInputElement>(id).valueAsNumber;
  return Number.isNaN(value) ? undefined : BigInt(value + (endOfDay ? 86_400_000 : 0));
};

$("grant-form").addEventListener("submit", (event) => {
  event.preventDefault();
  if (!session) return;
  showProblem(undefined);
  const decision = (document.querySelector<HTMLInputElement>('#grant-form input[name="decision"]:checked')?.value ?? "Permit") as "Permit" | "Deny";
  const org = Number($<HTMLSelectElement>("grant-org").value);
  let tx;
  try {
    tx = grant(api, {
      patient: session.patientId,
      grantee: { type: "Organization", value: org },
      decision,
      actions: picked<Action>("action"),
      categories: picked<Category>("category"),
      purposes: picked<Purpose>("purpose"),
      validFrom: dateMs("grant-from", false),
      validUntil: dateMs("grant-until", true),
    });
  } catch (error) {
    showProblem({ what: `This consent cannot be saved: ${(error as Error).message}.`, next: "Tick at least one box in each group, and an end date after the start." });
    return;
  }
  void act(decision === "Permit" ? "Saving the consent" : "Saving the refusal", tx, (inc) => {
    const granted = findEvent<{ consent: bigint }>(inc, "Consent", "ConsentGranted");
    return `Saved${granted ? ` as consent ${granted.consent}` : ""}.`;
  });
});

start();
