/**
 * The continuity plan's keys in bascule.yaml (plan, contacts, escalation, runbooks, communications,
 * suppliers; a service's mtpd): read when valid, and every mistake located, with its code, a
 * did-you-mean where one helps, in English and French, in one run with the map's other errors.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../src/errors.ts';
import { formatDiagnostic } from '../src/i18n/index.ts';
import { loadConfig } from '../src/model/load.ts';

const MAP = `version: 1
name: Test
services:
  shop: {criticality: critical, rto: 15m, mtpd: 4h, dependsOn: [web]}
components:
  web: {provider: ovh, region: gra}
`;

const PLAN = `plan:
  owner: claire
  scope: {fr: "La boutique"}
  reviewEvery: 180d
  lastReviewed: 2026-03-01
contacts:
  claire: {name: Claire, role: Gérante, phone: "+33 6 12 34 56 78", email: claire@example.fr, deputies: [marc]}
  marc: {name: Marc, role: {en: IT, fr: Informatique}}
escalation:
  criteria: ["Shop down for 30 minutes"]
  declaredBy: claire
  levels: [{after: 0m, contacts: [marc]}]
  decisions: [{decision: Restore elsewhere, by: claire}]
runbooks:
  restore:
    service: shop
    title: Restore
    steps: [{do: Restore the database, who: marc, takes: 1h}]
communications:
  email:
    started: {subject: "{company}: {services} down", body: "Since {start}…"}
suppliers:
  ovh: {phone: "3901", url: https://help.ovhcloud.com/}
`;

function diagnostics(text: string): Diagnostic[] {
  const r = loadConfig(text, 'bascule.yaml');
  assert.equal(r.ok, false, 'expected the map to be rejected');
  return r.ok ? [] : [...r.diagnostics];
}
const codes = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.code} ${d.path} ${d.line}`);

describe('the continuity plan’s keys', () => {
  it('a whole plan is read, with its defaults', () => {
    const r = loadConfig(MAP + PLAN, 'bascule.yaml');
    assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.diagnostics));
    assert.equal(r.config.plan?.owner, 'claire');
    assert.deepEqual(r.config.contacts.marc?.deputies, []);
    assert.equal(r.config.services.shop?.mtpd, '4h');
    assert.equal(r.config.runbooks.restore?.steps[0]?.takes, '1h');
  });

  it('a map without a plan has none, and empty sections', () => {
    const r = loadConfig(MAP, 'bascule.yaml');
    assert.ok(r.ok);
    assert.equal(r.config.plan, undefined);
    assert.deepEqual(r.config.contacts, {});
    assert.deepEqual(r.config.runbooks, {});
  });

  it('names an unknown contact, service or provider where it is written, with a did-you-mean', () => {
    const ds = diagnostics(
      MAP +
        PLAN.replace('owner: claire', 'owner: clair')
          .replace('who: marc', 'who: mark')
          .replace('service: shop', 'service: shp')
          .replace('  ovh: {phone', '  ovhh: {phone'),
    );
    assert.deepEqual(codes(ds), [
      'BASCULE_E_CONFIG_UNKNOWN_REF plan.owner 8',
      'BASCULE_E_CONFIG_UNKNOWN_REF runbooks.restore.service 22',
      'BASCULE_E_CONFIG_UNKNOWN_REF runbooks.restore.steps[0].who 24',
      'BASCULE_E_CONFIG_UNKNOWN_REF suppliers.ovhh 29',
    ]);
    assert.deepEqual(
      ds.map((d) => d.params.suggestion),
      ['claire', 'shop', 'marc', 'ovh'],
    );
    assert.match(
      formatDiagnostic('fr', ds[0]!),
      /bascule\.yaml:8:10: plan\.owner: contact « clair » inconnu/,
    );
    assert.match(formatDiagnostic('en', ds[3]!), /unknown provider "ovhh".*ovh/);
  });

  it('refuses a date that is no day, a phone or e-mail that is none, and says which form it wants', () => {
    const ds = diagnostics(
      MAP +
        PLAN.replace('2026-03-01', '2026-02-30')
          .replace('"+33 6 12 34 56 78"', 'call me')
          .replace('claire@example.fr', 'claire.example.fr'),
    );
    assert.deepEqual(
      ds.map((d) => `${d.code} ${d.path} ${d.params.format}`),
      [
        'BASCULE_E_CONFIG_FORMAT plan.lastReviewed date',
        'BASCULE_E_CONFIG_FORMAT contacts.claire.phone phone',
        'BASCULE_E_CONFIG_FORMAT contacts.claire.email email',
      ],
    );
    assert.match(formatDiagnostic('fr', ds[0]!), /une date écrite AAAA-MM-JJ/);
    assert.match(formatDiagnostic('en', ds[1]!), /a telephone number such as/);
  });

  it('refuses a contact who is their own deputy, a text in no language, a placeholder the plan cannot fill', () => {
    const ds = diagnostics(
      MAP +
        PLAN.replace('deputies: [marc]', 'deputies: [claire]')
          .replace('scope: {fr: "La boutique"}', 'scope: {}')
          .replace('Since {start}…', 'Since {begin}…'),
    );
    assert.deepEqual(codes(ds), [
      'BASCULE_E_CONFIG_PLAN_TEXT plan.scope 9',
      'BASCULE_E_CONFIG_PLAN_DEPUTY contacts.claire.deputies[0] 13',
      'BASCULE_E_CONFIG_PLAN_PLACEHOLDER communications.email.started.body 27',
    ]);
    assert.match(formatDiagnostic('en', ds[2]!), /cannot fill "\{begin\}".*\{start\}/);
    assert.match(formatDiagnostic('fr', ds[1]!), /propre suppléant/);
  });

  it('reports the plan’s reference errors in the same run as schema errors elsewhere, without false ones', () => {
    // A broken contact keeps its id: the runbook naming it is not reported; the bad phone is.
    const ds = diagnostics(
      MAP.replace('rto: 15m', 'rto: soon') +
        PLAN.replace('role: {en: IT, fr: Informatique}', 'role: IT, phone: x'),
    );
    assert.deepEqual(
      ds.map((d) => `${d.code} ${d.path}`),
      ['BASCULE_E_CONFIG_DURATION services.shop.rto', 'BASCULE_E_CONFIG_FORMAT contacts.marc.phone'],
    );
    const more = diagnostics(MAP.replace('rto: 15m', 'rto: soon') + PLAN.replace('who: marc', 'who: mark'));
    assert.deepEqual(
      more.map((d) => `${d.code} ${d.path}`),
      [
        'BASCULE_E_CONFIG_DURATION services.shop.rto',
        'BASCULE_E_CONFIG_UNKNOWN_REF runbooks.restore.steps[0].who',
      ],
    );
  });
});
