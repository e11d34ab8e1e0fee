/**
 * Consent: typed builders for `grant_consent`, the access check with the next step a UI should
 * offer, paged lists, and the FHIR R4 `Consent` of an on-chain consent.
 */
import { pages, type MedchainApi } from "./chain.js";
import { fromHex } from "./bytes.js";

/** What a consent may allow (SCALE order of `Action`). */
export const ACTIONS = ["Read", "Write", "Share"] as const;
/** An action. */
export type Action = (typeof ACTIONS)[number];

/** The data categories, in the chain's order (`DataCategory`; its index is the record protocol's category byte). */
export const CATEGORIES = [
  "Demographics",
  "Conditions",
  "Medications",
  "Allergies",
  "Immunizations",
  "LabResults",
  "Imaging",
  "ClinicalNotes",
  "Procedures",
  "Vitals",
  "Wearables",
  "Billing",
  "MentalHealth",
  "SubstanceUse",
  "Genomics",
  "SexualReproductive",
] as const;
/** A data category. */
export type Category = (typeof CATEGORIES)[number];

/** Categories only an explicit mention covers (never an emergency access). */
export const SENSITIVE_CATEGORIES: readonly Category[] = ["MentalHealth", "SubstanceUse", "Genomics", "SexualReproductive"];

/** The purposes of use, in the chain's order (`Purpose`). */
export const PURPOSES = [
  "Treatment",
  "EmergencyTreatment",
  "Payment",
  "Operations",
  "Research",
  "PublicHealth",
  "PatientRequest",
  "FamilyRequest",
] as const;
/** A purpose of use. */
export type Purpose = (typeof PURPOSES)[number];

/** Who a consent is given to: an organisation (its active practitioners) or one practitioner. */
export type Grantee = { type: "Organization"; value: number } | { type: "Practitioner"; value: string };

/** The terms of a consent, as `grant` takes them. */
export interface ConsentTerms {
  /** The patient id (0x hex). */
  patient: string;
  /** Who it is for. */
  grantee: Grantee;
  /** `Permit` (default) or `Deny` (a matching Deny always wins). */
  decision?: "Permit" | "Deny";
  actions: readonly Action[];
  categories: readonly Category[];
  purposes: readonly Purpose[];
  /** Start of validity (ms since the epoch). */
  validFrom?: bigint;
  /** End of validity (ms since the epoch, exclusive). */
  validUntil?: bigint;
  /** The hash of the signed consent document (0x hex, 32 bytes). */
  policyHash?: string;
}

/** The terms are not a consent the chain would accept (the message says why). */
export class ConsentTermsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConsentTermsError";
  }
}

function checkSet<T extends string>(what: string, values: readonly T[], allowed: readonly T[]): void {
  if (values.length === 0) throw new ConsentTermsError(`${what}: at least one is needed`);
  if (new Set(values).size !== values.length) throw new ConsentTermsError(`${what}: each at most once`);
  for (const v of values) if (!allowed.includes(v)) throw new ConsentTermsError(`${what}: unknown ${v}`);
}

/**
 * The `Consent.grant_consent` transaction for `terms`, checked first as the chain checks them
 * (non-empty sets without duplicates, a window that ends after it starts).
 *
 * @throws {ConsentTermsError} for terms the chain would refuse.
 */
export function grant(api: MedchainApi, terms: ConsentTerms) {
  checkSet("actions", terms.actions, ACTIONS);
  checkSet("categories", terms.categories, CATEGORIES);
  checkSet("purposes", terms.purposes, PURPOSES);
  if (terms.validFrom !== undefined && terms.validUntil !== undefined && terms.validUntil <= terms.validFrom) {
    throw new ConsentTermsError("the validity window must end after it starts");
  }
  const e = <T extends string>(type: T) => ({ type, value: undefined });
  return api.tx.Consent.grant_consent({
    patient: terms.patient as `0x${string}`,
    grantee: terms.grantee as never,
    decision: e(terms.decision ?? "Permit") as never,
    actions: terms.actions.map(e) as never,
    categories: terms.categories.map(e) as never,
    purposes: terms.purposes.map(e) as never,
    valid_from: terms.validFrom,
    valid_until: terms.validUntil,
    policy_hash: terms.policyHash as `0x${string}` | undefined,
  });
}

/** What a UI should offer after an access check. */
export type NextStep =
  | "proceed" // allowed by a consent: read (and log the read)
  | "proceed-under-emergency" // allowed by break-glass: read, log it; it will be reviewed
  | "request-consent" // no consent covers it: ask the patient (`request_consent`)
  | "request-sensitive-consent" // a sensitive category no consent names: ask for that category explicitly
  | "request-renewal" // the consent that covered it has ended: ask for a new one
  | "wait-for-start" // a consent covers it from a later date
  | "respect-refusal" // the patient recorded a Deny: do not ask again through the app
  | "contact-administrator" // the practitioner or its organisation is not in good standing
  | "none"; // the patient is inactive

/** An access decision and the next step for the UI. */
export interface AccessAnswer {
  /** `Permit` (with the deciding consent), `Emergency` (with the access id) or `Deny` (with the reason). */
  decision: "Permit" | "Emergency" | "Deny";
  /** The deciding consent (Permit), emergency access (Emergency), or undefined. */
  id?: bigint;
  /** Why it is refused (Deny), e.g. `NoConsent`, `DeniedByPatient`, `SensitiveCategory`. */
  reason?: string;
  /** What to offer next. */
  next: NextStep;
  /** The same, as a sentence a person can act on. */
  message: string;
}

const STEPS: Record<string, [NextStep, string]> = {
  NoConsent: ["request-consent", "No consent covers this access. Ask the patient for one."],
  SensitiveCategory: [
    "request-sensitive-consent",
    "This is a sensitive category that only a consent naming it covers. Ask the patient for a consent to this category.",
  ],
  Expired: ["request-renewal", "The consent that covered this access has ended. Ask the patient to renew it."],
  NotYetValid: ["wait-for-start", "A consent covers this access from a later date."],
  DeniedByPatient: ["respect-refusal", "The patient has refused this access."],
  OrganizationInactive: ["contact-administrator", "Your organisation is suspended or revoked in the consortium."],
  PractitionerExpired: ["contact-administrator", "Your practitioner validity has ended. Ask your organisation's administrator."],
  NotAPractitioner: ["contact-administrator", "This account is not an active practitioner of a member organisation."],
  PatientInactive: ["none", "The patient is not registered or is deactivated."],
};

/**
 * Asks the chain (`ConsentApi.check_access`, at the best block) whether `accessor` may do
 * `action` on the patient's `category` for `purpose`, and says what a UI should offer next.
 *
 * @param patient - the patient id (0x hex).
 * @param accessor - the accessor's SS58 address.
 */
export async function checkAccess(
  api: MedchainApi,
  patient: string,
  accessor: string,
  action: Action,
  category: Category,
  purpose: Purpose,
): Promise<AccessAnswer> {
  const e = <T extends string>(type: T) => ({ type, value: undefined }) as never;
  const d = (await api.apis.ConsentApi.check_access(
    patient as `0x${string}`,
    accessor,
    e(action),
    e(category),
    e(purpose),
    { at: "best" },
  )) as { type: string; value: { consent?: bigint; id?: bigint; reason?: { type: string } } };
  return explainDecision(d);
}

/** One question for {@link checkAccessMany}: the arguments of {@link checkAccess}. */
export interface AccessQuery {
  /** The patient id (0x hex). */
  patient: string;
  /** The accessor's SS58 address. */
  accessor: string;
  action: Action;
  category: Category;
  purpose: Purpose;
}

/** The most checks one `ConsentApi.check_access_many` call answers (the runtime's bound). */
export const MAX_ACCESS_QUERIES = 256;

/**
 * Asks the chain many access checks at once (`ConsentApi.check_access_many`), in calls of at
 * most {@link MAX_ACCESS_QUERIES}: what a gateway asks before serving a page of records of many
 * patients. The answers are in the order of `queries`; those of one call are all answered at
 * the same block.
 *
 * @param at - the block the checks are answered at: `"best"` (default; each call of more than
 *   {@link MAX_ACCESS_QUERIES} checks then reads the best block when it is asked), or a block
 *   hash (e.g. from `client.getBestBlocks()`) for every check at that one block.
 */
export async function checkAccessMany(
  api: MedchainApi,
  queries: AccessQuery[],
  at?: string,
): Promise<AccessAnswer[]> {
  if (queries.length === 0) return [];
  const e = <T extends string>(type: T) => ({ type, value: undefined }) as never;
  const block = at ?? "best";
  const answers: AccessAnswer[] = [];
  for (let i = 0; i < queries.length; i += MAX_ACCESS_QUERIES) {
    const chunk = queries.slice(i, i + MAX_ACCESS_QUERIES).map((q) => ({
      patient: q.patient as `0x${string}`,
      accessor: q.accessor,
      action: e(q.action),
      category: e(q.category),
      purpose: e(q.purpose),
    }));
    const decisions = (await api.apis.ConsentApi.check_access_many(chunk as never, { at: block })) as unknown as {
      type: string;
      value: { consent?: bigint; id?: bigint; reason?: { type: string } };
    }[];
    if (decisions.length !== chunk.length) {
      throw new Error(`check_access_many answered ${decisions.length} of ${chunk.length} checks`);
    }
    for (const d of decisions) answers.push(explainDecision(d));
  }
  return answers;
}

/**
 * The next step for a decision as `ConsentApi.check_access` answers it.
 *
 * @param d - `{ type: "Permit", value: { consent } }`, `{ type: "Emergency", value: { id } }` or
 *   `{ type: "Deny", value: { reason: { type } } }`.
 */
export function explainDecision(d: { type: string; value: { consent?: bigint; id?: bigint; reason?: { type: string } } }): AccessAnswer {
  if (d.type === "Permit") {
    return { decision: "Permit", id: d.value.consent, next: "proceed", message: "Allowed by the patient's consent." };
  }
  if (d.type === "Emergency") {
    return {
      decision: "Emergency",
      id: d.value.id,
      next: "proceed-under-emergency",
      message: "Allowed by your emergency access; the read will be reviewed.",
    };
  }
  const reason = d.value.reason?.type ?? "NoConsent";
  const [next, message] = STEPS[reason] ?? ["request-consent", `Refused: ${reason}.`];
  return { decision: "Deny", reason, next, message };
}

/** A consent as `ConsentApi.consents_of` lists it (polkadot-api's decoding). */
export interface ConsentView {
  id: bigint;
  patient: string;
  grantee: { type: string; value: unknown };
  decision: { type: string };
  actions: { type: string }[];
  categories: { type: string }[];
  purposes: { type: string }[];
  valid_from?: bigint;
  valid_until?: bigint;
  policy_hash?: string;
  granted_by: string;
  state: { type: string };
}

/**
 * Every consent of the patient, page by page (`ConsentApi.consents_of`), in order of id.
 *
 * @param pageSize - consents asked per page (the runtime caps a page at its `MaxPageSize`).
 * @param at - the block each page is read at: `"best"` (default), `"finalized"`, or a block
 *   hash (pass one to read every page at the same block).
 */
export async function* consentsOf(
  api: MedchainApi,
  patient: string,
  pageSize = 100,
  at?: string,
): AsyncGenerator<ConsentView> {
  yield* pages(
    (from) =>
      api.apis.ConsentApi.consents_of(patient as `0x${string}`, from, pageSize, { at: at ?? "best" }) as unknown as Promise<
        ConsentView[]
      >,
    (c) => c.id,
  );
}

/**
 * Every consent given to `grantee` (an organisation or a practitioner), page by page
 * (`ConsentApi.grants_to`), in order of id: what an organisation's staff may see it was granted.
 *
 * @param pageSize - consents asked per page (the runtime caps a page at its `MaxPageSize`).
 * @param at - the block each page is read at (`"best"` by default).
 */
export async function* grantsTo(
  api: MedchainApi,
  grantee: Grantee,
  pageSize = 100,
  at?: string,
): AsyncGenerator<ConsentView> {
  yield* pages(
    (from) =>
      api.apis.ConsentApi.grants_to(grantee as never, from, pageSize, { at: at ?? "best" }) as unknown as Promise<ConsentView[]>,
    (c) => c.id,
  );
}

/** The HL7 v3 ActReason (purpose of use) code of each purpose, for FHIR `Consent` and `AuditEvent`. */
export const PURPOSE_OF_USE: Record<Purpose, string> = {
  Treatment: "TREAT",
  EmergencyTreatment: "ETREAT",
  Payment: "HPAYMT",
  Operations: "HOPERAT",
  Research: "HRESCH",
  PublicHealth: "PUBHLTH",
  PatientRequest: "PATRQT",
  FamilyRequest: "FAMRQT",
};
const ACTION_CODES: Record<Action, string> = { Read: "access", Write: "correct", Share: "disclose" };
const ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
const SENSITIVE_LABELS: Partial<Record<Category, [string, string]>> = {
  MentalHealth: ["PSY", "psychiatry disorder information sensitivity"],
  SubstanceUse: ["SUD", "substance use disorder information sensitivity"],
  Genomics: ["GDIS", "genetic disease information sensitivity"],
  SexualReproductive: ["SEX", "sexuality and reproductive health information sensitivity"],
};

/** FHIR R4 resource types each category covers: one table for the client and the FHIR gateway. */
export const CATEGORY_RESOURCE_TYPES: Record<Category, readonly string[]> = {
  Demographics: ["Patient", "RelatedPerson"],
  Conditions: ["Condition"],
  Medications: ["MedicationRequest", "MedicationStatement", "MedicationAdministration", "MedicationDispense"],
  Allergies: ["AllergyIntolerance"],
  Immunizations: ["Immunization"],
  LabResults: ["Observation", "DiagnosticReport", "Specimen"],
  Imaging: ["ImagingStudy", "DiagnosticReport"],
  ClinicalNotes: ["DocumentReference", "Composition"],
  Procedures: ["Procedure"],
  Vitals: ["Observation"],
  Wearables: ["Observation", "Device"],
  Billing: ["Claim", "ExplanationOfBenefit", "Coverage"],
  MentalHealth: [],
  SubstanceUse: [],
  Genomics: ["MolecularSequence"],
  SexualReproductive: [],
};

/**
 * HL7 v3 confidentiality codes (`meta.security`, system
 * `http://terminology.hl7.org/CodeSystem/v3-ActCode`) that put a resource in a sensitive
 * category, whatever its type: the sensitive half of the resource → category table.
 */
export const SENSITIVITY_LABEL_CATEGORIES: Readonly<Record<string, Category>> = {
  // The codes toFhirConsent writes, then the other codes HL7 has for the same categories.
  ...Object.fromEntries(Object.entries(SENSITIVE_LABELS).map(([category, [code]]) => [code, category as Category])),
  PSYTHPN: "MentalHealth",
  BH: "MentalHealth",
  ETH: "SubstanceUse",
  HIV: "SexualReproductive",
  STD: "SexualReproductive",
};

/** Why {@link categoryOfResource} cannot place a resource. */
export class UnsupportedResourceError extends Error {
  constructor(readonly resourceType: unknown) {
    super(`no DataCategory holds FHIR resources of type ${JSON.stringify(resourceType)}`);
    this.name = "UnsupportedResourceError";
  }
}

/**
 * The category a FHIR R4 resource is anchored and checked under: a sensitivity label in
 * `meta.security` ({@link SENSITIVITY_LABEL_CATEGORIES}) wins; then the first category of
 * {@link CATEGORY_RESOURCE_TYPES} that lists the type, except that an `Observation` whose
 * `category` is `vital-signs` is `Vitals` (`activity` is `Wearables`) and a `DiagnosticReport`
 * of an imaging service section (`RAD`, `CT`, `MR`, `US`, `NMR`, `XR`) is `Imaging`.
 *
 * @throws {@link UnsupportedResourceError} for a type no category lists.
 */
export function categoryOfResource(resource: { resourceType?: unknown; meta?: unknown; category?: unknown }): Category {
  const security = ((resource.meta as { security?: unknown } | undefined)?.security ?? []) as { system?: string; code?: string }[];
  for (const label of Array.isArray(security) ? security : []) {
    const sensitive = label?.system === ACT_CODE && typeof label.code === "string" ? SENSITIVITY_LABEL_CATEGORIES[label.code] : undefined;
    if (sensitive) return sensitive;
  }
  const type = resource.resourceType;
  const codes = new Set(
    (Array.isArray(resource.category) ? resource.category : resource.category ? [resource.category] : []).flatMap(
      (c: { coding?: { code?: unknown }[] }) => (Array.isArray(c?.coding) ? c.coding.map((x) => String(x?.code)) : []),
    ),
  );
  if (type === "Observation" && codes.has("vital-signs")) return "Vitals";
  if (type === "Observation" && codes.has("activity")) return "Wearables";
  if (type === "DiagnosticReport" && ["RAD", "CT", "MR", "US", "NMR", "XR"].some((c) => codes.has(c))) return "Imaging";
  const found = CATEGORIES.find((k) => typeof type === "string" && CATEGORY_RESOURCE_TYPES[k].includes(type));
  if (!found) throw new UnsupportedResourceError(type);
  return found;
}

/**
 * The categories a record of `resourceType` may be anchored under (those listing the type and
 * the sensitive ones, which any type may fall in by its label): what a search by type scans.
 */
export function categoriesForResourceType(resourceType: string): Category[] {
  return CATEGORIES.filter(
    (k) => CATEGORY_RESOURCE_TYPES[k].includes(resourceType) || SENSITIVE_CATEGORIES.includes(k),
  );
}

const STATUS: Record<string, string> = {
  InForce: "active",
  NotYetValid: "proposed",
  Expired: "inactive",
  Revoked: "inactive",
  PatientInactive: "inactive",
  GuardianshipEnded: "inactive",
  GranteeLeftOrganization: "inactive",
  GranteeInactive: "inactive",
};

/**
 * The FHIR R4 `Consent` resource of an on-chain consent (scope patient-privacy; the provision
 * carries the decision, period, grantee, actions, purposes, resource classes and, for sensitive
 * categories, their HL7 sensitivity labels). Identifiers use `urn:medchain:` systems; times are
 * ISO 8601.
 */
export function toFhirConsent(c: ConsentView): Record<string, unknown> {
  const categories = c.categories.map((x) => x.type as Category);
  const grantee =
    c.grantee.type === "Organization"
      ? { system: "urn:medchain:organization", value: String(c.grantee.value) }
      : { system: "urn:medchain:practitioner", value: String(c.grantee.value) };
  const period: Record<string, string> = {};
  if (c.valid_from !== undefined) period.start = new Date(Number(c.valid_from)).toISOString();
  if (c.valid_until !== undefined) period.end = new Date(Number(c.valid_until)).toISOString();
  const classes = [...new Set(categories.flatMap((k) => CATEGORY_RESOURCE_TYPES[k] ?? []))];
  const labels = categories.flatMap((k) => {
    const l = SENSITIVE_LABELS[k];
    return l ? [{ system: ACT_CODE, code: l[0], display: l[1] }] : [];
  });
  return {
    resourceType: "Consent",
    id: `medchain-consent-${c.id}`,
    identifier: [{ system: "urn:medchain:consent", value: String(c.id) }],
    status: STATUS[c.state.type] ?? "inactive",
    scope: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/consentscope", code: "patient-privacy" }] },
    category: [{ coding: [{ system: "http://loinc.org", code: "59284-0", display: "Patient Consent" }] }],
    patient: { identifier: { system: "urn:medchain:patient", value: c.patient } },
    performer: [{ identifier: { system: "urn:medchain:account", value: c.granted_by } }],
    ...(c.policy_hash ? { policy: [{ uri: `urn:medchain:policy:${c.policy_hash}` }] } : {}),
    extension: [{ url: "urn:medchain:consent-state", valueCode: c.state.type }],
    provision: {
      type: c.decision.type === "Deny" ? "deny" : "permit",
      ...(Object.keys(period).length ? { period } : {}),
      actor: [
        {
          role: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", code: "IRCP" }] },
          reference: { identifier: grantee },
        },
      ],
      action: c.actions.map((a) => ({
        coding: [{ system: "http://terminology.hl7.org/CodeSystem/consentaction", code: ACTION_CODES[a.type as Action] }],
      })),
      purpose: c.purposes.map((p) => ({
        system: "http://terminology.hl7.org/CodeSystem/v3-ActReason",
        code: PURPOSE_OF_USE[p.type as Purpose],
      })),
      ...(classes.length ? { class: classes.map((t) => ({ system: "http://hl7.org/fhir/resource-types", code: t })) } : {}),
      ...(labels.length ? { securityLabel: labels } : {}),
      extension: categories.map((k) => ({ url: "urn:medchain:data-category", valueCode: k })),
    },
  };
}

/** A request for consent awaiting the patient's answer. */
export interface RequestView {
  /** The request id (what `approve_request` and `reject_request` take). */
  id: bigint;
  /** The organisation that would be the grantee. */
  org: number;
  /** The practitioner who asked. */
  requester: string;
  actions: Action[];
  categories: Category[];
  purposes: Purpose[];
  /** The end of validity asked for (ms), if any. */
  validUntil?: bigint;
  /** When the request lapses unanswered (ms). */
  expiresAt: bigint;
}

/**
 * The patient's open requests for consent (`Consent::PatientRequests`, at most the patient's
 * pending-request limit), oldest first.
 */
export async function requestsOf(api: MedchainApi, patient: string): Promise<RequestView[]> {
  const entries = (await api.query.Consent.PatientRequests.getEntries(patient as `0x${string}`, { at: "best" })) as {
    keyArgs: unknown[];
  }[];
  const ids: bigint[] = entries.map(({ keyArgs }) => {
    const key = keyArgs[1] as unknown;
    const bytes = typeof key === "string" ? fromHex(key) : (key as Uint8Array);
    return bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n); // `ordered`: big-endian
  });
  ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  type Stored = {
    org: number;
    requester: string;
    actions: { type: string }[];
    categories: { type: string }[];
    purposes: { type: string }[];
    valid_until?: bigint;
    expires_at: bigint;
  };
  const found = (await Promise.all(ids.map((id: bigint) => api.query.Consent.Requests.getValue(id, { at: "best" })))) as (
    | Stored
    | undefined
  )[];
  const names = <T>(list: { type: string }[]) => list.map((x) => x.type as T);
  return found.flatMap((r: Stored | undefined, i: number) =>
    r === undefined
      ? []
      : [
          {
            id: ids[i] as bigint,
            org: r.org,
            requester: r.requester,
            actions: names<Action>(r.actions),
            categories: names<Category>(r.categories),
            purposes: names<Purpose>(r.purposes),
            ...(r.valid_until === undefined ? {} : { validUntil: r.valid_until }),
            expiresAt: r.expires_at,
          },
        ],
  );
}

/** An emergency ("break-glass") access to a patient, as the patient reviews it. */
export interface EmergencyAccessView {
  /** Its id (what `review_emergency_access` takes). */
  id: bigint;
  /** The practitioner who invoked it. */
  accessor: string;
  /** The organisation they invoked it for. */
  org: number;
  /** When it was invoked and when it ends (ms). */
  invokedAt: bigint;
  expiresAt: bigint;
  /** Its review, once a privacy officer or the patient's side has made one. */
  review?: { by: string; justified: boolean; at: bigint };
}

/**
 * The patient's emergency accesses still on chain (until purged): those in force
 * (`Consent::ActiveEmergency`) and those `alsoIds` names, e.g. the emergency bases of the
 * patient's access log. Oldest first.
 */
export async function emergencyAccessesOf(
  api: MedchainApi,
  patient: string,
  alsoIds: Iterable<bigint> = [],
): Promise<EmergencyAccessView[]> {
  const active = (await api.query.Consent.ActiveEmergency.getEntries(patient as `0x${string}`, { at: "best" })) as {
    value: [bigint, bigint, number];
  }[];
  const ids = [...new Set([...active.map((e) => e.value[0]), ...alsoIds])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  type Stored = {
    patient: string;
    accessor: string;
    org: number;
    invoked_at: bigint;
    expires_at: bigint;
    review?: { by: string; justified: boolean; at: bigint };
  };
  const found = (await Promise.all(ids.map((id) => api.query.Consent.EmergencyAccesses.getValue(id, { at: "best" })))) as (
    | Stored
    | undefined
  )[];
  return found.flatMap((a: Stored | undefined, i: number) =>
    a === undefined || a.patient !== patient
      ? []
      : [
          {
            id: ids[i] as bigint,
            accessor: a.accessor,
            org: a.org,
            invokedAt: a.invoked_at,
            expiresAt: a.expires_at,
            ...(a.review ? { review: a.review } : {}),
          },
        ],
  );
}
