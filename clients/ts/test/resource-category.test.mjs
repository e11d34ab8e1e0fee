// The resource → category table shared by the client and the FHIR gateway.
import assert from 'node:assert/strict';
import test from 'node:test';
import { CATEGORY_RESOURCE_TYPES, categoriesForResourceType, categoryOfResource, SENSITIVE_CATEGORIES, UnsupportedResourceError } from '../dist/index.js';

const label = (code) => ({ meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code }] } });
const category = (code) => ({ category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code }] }] });

test('each resource type the gateway serves has its category', () => {
  assert.equal(categoryOfResource({ resourceType: 'Observation' }), 'LabResults');
  assert.equal(categoryOfResource({ resourceType: 'Observation', ...category('laboratory') }), 'LabResults');
  assert.equal(categoryOfResource({ resourceType: 'Observation', ...category('vital-signs') }), 'Vitals');
  assert.equal(categoryOfResource({ resourceType: 'Observation', ...category('activity') }), 'Wearables');
  assert.equal(categoryOfResource({ resourceType: 'DiagnosticReport' }), 'LabResults');
  assert.equal(categoryOfResource({ resourceType: 'DiagnosticReport', category: [{ coding: [{ code: 'RAD' }] }] }), 'Imaging');
  assert.equal(categoryOfResource({ resourceType: 'Condition' }), 'Conditions');
  assert.equal(categoryOfResource({ resourceType: 'AllergyIntolerance' }), 'Allergies');
  assert.equal(categoryOfResource({ resourceType: 'MedicationRequest' }), 'Medications');
  assert.equal(categoryOfResource({ resourceType: 'Immunization' }), 'Immunizations');
  assert.equal(categoryOfResource({ resourceType: 'Procedure' }), 'Procedures');
  assert.equal(categoryOfResource({ resourceType: 'DocumentReference' }), 'ClinicalNotes');
});

test('a sensitivity label puts any resource in its sensitive category', () => {
  assert.equal(categoryOfResource({ resourceType: 'Condition', ...label('PSY') }), 'MentalHealth');
  assert.equal(categoryOfResource({ resourceType: 'Observation', ...label('ETH') }), 'SubstanceUse');
  assert.equal(categoryOfResource({ resourceType: 'DocumentReference', ...label('SEX') }), 'SexualReproductive');
  assert.equal(categoryOfResource({ resourceType: 'Observation', ...label('GDIS') }), 'Genomics');
  // A label of another code system, or a non-sensitive code, changes nothing.
  assert.equal(categoryOfResource({ resourceType: 'Condition', meta: { security: [{ system: 'urn:other', code: 'PSY' }] } }), 'Conditions');
  assert.equal(categoryOfResource({ resourceType: 'Condition', ...label('N') }), 'Conditions');
});

test('a type no category holds is refused by name', () => {
  assert.throws(() => categoryOfResource({ resourceType: 'Basic' }), (e) => e instanceof UnsupportedResourceError && /"Basic"/.test(e.message));
  assert.throws(() => categoryOfResource({}), UnsupportedResourceError);
});

test('a search by type scans the categories that list it and the sensitive ones', () => {
  const observation = categoriesForResourceType('Observation');
  for (const k of ['LabResults', 'Vitals', 'Wearables', ...SENSITIVE_CATEGORIES]) assert.ok(observation.includes(k), k);
  assert.ok(!observation.includes('Conditions'));
  // Whatever categoryOfResource answers is among the categories a search scans.
  for (const [k, types] of Object.entries(CATEGORY_RESOURCE_TYPES)) {
    for (const t of types) assert.ok(categoriesForResourceType(t).includes(categoryOfResource({ resourceType: t })), `${t} (${k})`);
  }
});
