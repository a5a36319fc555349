/**
 * Advice by kind (issue 10, item 6): a single point of failure gets the advice that fits what it is
 * — a payment provider a second provider or a degraded mode, an office line a backup line, a UPS a
 * second power source — in both languages, not one template for everything.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adviceFor } from '../src/analysis/advice.ts';
import { analyze } from '../src/analysis/analyze.ts';
import { renderFinding } from '../src/report/findings.ts';
import { map } from './helpers/map.ts';

describe('advice by kind', () => {
  it('sorts the kinds maps use into advice classes', () => {
    const table: [string | undefined, string][] = [
      ['payment', 'payment'],
      ['Payments', 'payment'],
      ['email', 'email'],
      ['e-mail', 'email'],
      ['office-suite', 'office'],
      ['internet', 'network'],
      ['network', 'network'],
      ['dns', 'dns'],
      ['database', 'database'],
      ['compute', 'compute'],
      ['storage', 'storage'],
      ['nas', 'storage'],
      ['cdn', 'cdn'],
      ['auth', 'auth'],
      ['ups', 'power'],
      ['queue', 'queue'],
      ['saas', 'saas'],
      ['payroll', 'saas'],
      ['robot', 'generic'],
      ['something-new', 'generic'],
      [undefined, 'generic'],
    ];
    for (const [kind, advice] of table) assert.equal(adviceFor(kind), advice, String(kind));
  });

  it('advises a UPS, a payment provider and the office line each in its own words, en and fr', () => {
    const config = map({
      services: {
        shop: { criticality: 'critical', dependsOn: ['stripe'] },
        office: { criticality: 'high', dependsOn: ['line', 'ups'] },
      },
      components: {
        stripe: { provider: 'stripe', kind: 'payment', runsOn: [{ provider: 'aws', region: 'us-east-1' }] },
        line: { provider: 'orange', kind: 'internet' },
        ups: { provider: 'onprem', kind: 'ups' },
      },
    });
    const spofs = analyze(config, []).findings.filter((f) => f.kind === 'single-point-of-failure');
    const advice = (lang: 'en' | 'fr', id: string) =>
      renderFinding(lang, spofs.find((f) => f.subjects[0] === id)!).recommendation;
    assert.match(advice('en', 'stripe'), /second payment provider .*degraded mode \(orders by bank transfer/);
    assert.match(advice('en', 'line'), /backup line from another operator \(a 4G\/5G router/);
    assert.match(advice('en', 'ups'), /second power source \(another UPS, a generator\)/);
    assert.match(
      advice('fr', 'stripe'),
      /second prestataire de paiement .*mode dégradé \(commande par virement/,
    );
    assert.match(advice('fr', 'line'), /ligne de secours chez un autre opérateur \(un routeur 4G\/5G/);
    assert.match(
      advice('fr', 'ups'),
      /seconde source d’alimentation .*\(un autre onduleur, un groupe électrogène\)/,
    );
    const texts = new Set(['stripe', 'line', 'ups'].map((id) => advice('en', id)));
    assert.equal(texts.size, 3, 'three different pieces of advice');
  });
});
