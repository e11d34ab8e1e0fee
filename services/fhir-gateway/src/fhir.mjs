// FHIR R4 resources the gateway makes: ids of records, OperationOutcomes, the CapabilityStatement,
// Provenance of a write and the AuditEvent of a refusal. No chain access here.
import { PURPOSES, PURPOSE_OF_USE, fromHex, toHex } from '@medchain/client';

/** The resource types the gateway stores and serves (FHIR R4). */
export const RESOURCE_TYPES = [
  'Observation',
  'DiagnosticReport',
  'Condition',
  'AllergyIntolerance',
  'MedicationRequest',
  'Immunization',
  'Procedure',
  'DocumentReference',
];

/** The extension URLs of what the gateway adds to a served resource's `meta`. */
export const EXT = {
  record: 'urn:medchain:record',
  contentHash: 'urn:medchain:content-hash',
  verification: 'urn:medchain:verification',
  accessBasis: 'urn:medchain:access-basis',
  loggedIn: 'urn:medchain:logged-in-block',
  anchoredIn: 'urn:medchain:anchored-in-block',
  keyPath: 'urn:medchain:key-path',
};

/** The code system of the gateway's own OperationOutcome details. */
export const OUTCOME_SYSTEM = 'urn:medchain:outcome';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * The FHIR id of a record: lowercase RFC 4648 base32 (no padding) of the patient id (32 bytes)
 * and the record id (u64, big-endian), 64 characters, within FHIR's `[A-Za-z0-9\-\.]{1,64}`.
 * Any gateway derives the same id for the same record, so ids travel between organisations.
 */
export function fhirId(patient, recordId) {
  const bytes = new Uint8Array(40);
  bytes.set(fromHex(patient), 0);
  new DataView(bytes.buffer).setBigUint64(32, BigInt(recordId), false);
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

/** The record a {@link fhirId} names, or `undefined` for a string that is not one. */
export function parseFhirId(id) {
  if (typeof id !== 'string' || !/^[a-z2-7]{64}$/.test(id)) return undefined;
  const bytes = new Uint8Array(40);
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (const c of id) {
    buffer = (buffer << 5) | ALPHABET.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      bytes[at++] = (buffer >>> (bits - 8)) & 255;
      bits -= 8;
      buffer &= (1 << bits) - 1;
    }
  }
  return {
    patient: `0x${toHex(bytes.subarray(0, 32))}`,
    id: new DataView(bytes.buffer).getBigUint64(32, false),
  };
}

/** A 0x hex value as the index keeps it: lowercase (bytes are encoded). */
export const lowerHex = (h) => (typeof h === 'string' ? h.toLowerCase() : `0x${toHex(h)}`);

/** A patient id from a search parameter or reference: `0x…`, bare hex, or `Patient/0x…`. */
export function parsePatient(text) {
  if (typeof text !== 'string') return undefined;
  const m = /^(?:Patient\/)?(?:0x)?([0-9a-fA-F]{64})$/.exec(text.trim());
  return m ? `0x${m[1].toLowerCase()}` : undefined;
}

/**
 * The patient a resource is about: its `subject` or `patient` reference (`Patient/0x…`), or an
 * identifier of system `urn:medchain:patient` in it.
 */
export function patientOf(resource) {
  for (const field of ['subject', 'patient']) {
    const ref = resource?.[field];
    if (!ref || typeof ref !== 'object') continue;
    const byReference = parsePatient(ref.reference);
    if (byReference) return byReference;
    if (ref.identifier?.system === 'urn:medchain:patient') {
      const byIdentifier = parsePatient(ref.identifier.value);
      if (byIdentifier) return byIdentifier;
    }
  }
  return undefined;
}

/** The purpose of use an HL7 v3 ActReason code names (`TREAT` → `Treatment`), or `undefined`. */
export function purposeOfCode(code) {
  return PURPOSES.find((p) => PURPOSE_OF_USE[p] === code || p === code);
}

/**
 * A FHIR OperationOutcome with one issue.
 *
 * @param severity - `error`, `warning` or `information`.
 * @param code - the FHIR issue type (`forbidden`, `not-found`, `invalid`, …).
 * @param detail - the gateway's own code (system `urn:medchain:outcome`), e.g. `NoConsent`.
 * @param diagnostics - a sentence a person can act on.
 */
export function outcome(severity, code, detail, diagnostics) {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity,
        code,
        ...(detail ? { details: { coding: [{ system: OUTCOME_SYSTEM, code: detail }], text: detail } } : {}),
        ...(diagnostics ? { diagnostics } : {}),
      },
    ],
  };
}

/** The gateway's CapabilityStatement (`GET /metadata`). */
export function capabilityStatement(config) {
  const search = [{ name: 'patient', type: 'reference', documentation: 'The patient id (0x hex, or Patient/0x…).' }];
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-02',
    kind: 'instance',
    software: { name: 'Medchain FHIR gateway', version: '0.1.0' },
    implementation: { description: `${config.name} (organisation ${config.organization})`, url: config.publicUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Every read is decided by ConsentApi.check_access at the best block and logged on chain before it is served; ' +
          'state the purpose of use in the X-Purpose-Of-Use header (an HL7 v3 ActReason code such as TREAT or ETREAT).',
        security: {
          cors: false,
          description:
            'Bearer tokens map to practitioner keys in the gateway configuration; a SMART on FHIR / OAuth 2.0 ' +
            'authorisation server replaces that table (services/fhir-gateway/README.md).',
        },
        resource: [
          ...RESOURCE_TYPES.map((type) => ({
            type,
            interaction: [{ code: 'create' }, { code: 'read' }, { code: 'search-type' }],
            searchParam: search,
          })),
          { type: 'Consent', interaction: [{ code: 'search-type' }], searchParam: search },
          { type: 'AuditEvent', interaction: [{ code: 'search-type' }], searchParam: search },
          { type: 'Provenance', interaction: [{ code: 'read' }] },
          {
            type: 'Patient',
            operation: [{ name: 'emergency-access', definition: 'urn:medchain:operation:emergency-access' }],
          },
        ],
      },
    ],
  };
}

/** The Provenance of a write: who anchored which record, in which block, under which hash. */
export function provenanceOf({ type, id, patient, recordId, contentHash, author, organization, block, recorded }) {
  return {
    resourceType: 'Provenance',
    id,
    target: [{ reference: `${type}/${id}` }],
    recorded,
    activity: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: 'CREATE', display: 'create' }],
    },
    agent: [
      {
        type: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'author', display: 'Author' }],
        },
        who: { identifier: { system: 'urn:medchain:account', value: author } },
        onBehalfOf: { identifier: { system: 'urn:medchain:organization', value: String(organization) } },
      },
    ],
    entity: [
      {
        role: 'source',
        what: { identifier: { system: 'urn:medchain:patient', value: patient } },
      },
    ],
    extension: [
      { url: EXT.record, valueString: `${patient}/${recordId}` },
      { url: EXT.contentHash, valueString: contentHash },
      { url: EXT.anchoredIn, valueString: block },
    ],
  };
}

/**
 * The AuditEvent of a refused read (IHE BALP style, outcome 4 "minor failure"): the practitioner,
 * the patient, the record and the reason the chain gave. Refusals are not on chain; the gateway
 * that refused keeps them.
 */
export function refusalAuditEvent(row, organization) {
  return {
    resourceType: 'AuditEvent',
    id: `medchain-refusal-${organization}-${row.seq}`,
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: 'read', display: 'read' }],
    action: 'R',
    recorded: new Date(row.at).toISOString(),
    outcome: '4',
    outcomeDesc: row.reason,
    agent: [
      {
        type: { coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110153', display: 'Source Role ID' }] },
        who: { identifier: { system: 'urn:medchain:account', value: row.accessor } },
        requestor: true,
        purposeOfUse: [
          { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: PURPOSE_OF_USE[row.purpose] ?? row.purpose }] },
        ],
      },
    ],
    source: { observer: { identifier: { system: 'urn:medchain:organization', value: String(organization) } } },
    entity: [
      {
        what: { identifier: { system: 'urn:medchain:patient', value: row.patient } },
        type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
        role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
      },
      ...(row.record_id === null || row.record_id === undefined
        ? []
        : [
            {
              what: { identifier: { system: 'urn:medchain:record', value: `${row.patient}/${row.record_id}` } },
              type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
              role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '4', display: 'Domain Resource' },
              detail: [{ type: 'refusal', valueString: row.reason }],
            },
          ]),
    ],
  };
}

/** A `searchset` Bundle of resources (and outcome entries). */
export function searchset(resources, base, outcomes = []) {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    timestamp: new Date().toISOString(),
    total: resources.length,
    entry: [
      ...resources.map((resource) => ({
        fullUrl: resource.id ? `${base}/${resource.resourceType}/${resource.id}` : undefined,
        resource,
        search: { mode: 'match' },
      })),
      ...outcomes.map((resource) => ({ resource, search: { mode: 'outcome' } })),
    ],
  };
}
