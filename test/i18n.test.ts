import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { helpers } from '../src/i18n/documents/document.ts';
import { type Lang, plural, t } from '../src/i18n/index.ts';
import type { TransitionReason } from '../src/monitor/types.ts';
import { causeLines } from '../src/notify/render.ts';
import { decodeReason, encodeReason } from '../src/store/rows.ts';

const SERVICE = { one: 'service', other: 'services' };

describe('plurals', () => {
  const cases: [Lang, number, string][] = [
    ['en', 0, 'services'],
    ['en', 1, 'service'],
    ['en', 2, 'services'],
    ['en', 1.5, 'services'],
    ['fr', 0, 'service'],
    ['fr', 1, 'service'],
    ['fr', 1.5, 'service'],
    ['fr', 2, 'services'],
    ['fr', 1_000_000, 'services'],
  ];
  for (const [lang, n, form] of cases) {
    it(`${lang}: ${n} takes "${form}"`, () => assert.equal(plural(lang, n, SERVICE), form));
  }

  const messages: [Lang, number, string, string][] = [
    ['en', 0, '0 services down', 'needs at least 0 items'],
    ['en', 1, '1 service down', 'needs at least 1 item'],
    ['en', 2, '2 services down', 'needs at least 2 items'],
    ['fr', 0, '0 service tombé', 'au moins 0 élément requis'],
    ['fr', 1, '1 service tombé', 'au moins 1 élément requis'],
    ['fr', 2, '2 services tombés', 'au moins 2 éléments requis'],
  ];
  for (const [lang, n, down, tooFew] of messages) {
    it(`${lang}: "${down}", "${tooFew}"`, () => {
      assert.equal(t(lang, 'cli.simulate.down', { count: n }), down);
      assert.equal(t(lang, 'BASCULE_E_CONFIG_TOO_FEW', { min: n }), tooFew);
    });
  }

  it('agrees the dropped alerts and the French past participles', () => {
    assert.match(t('en', 'alert.text.suppressed', { count: 1 }), /^1 earlier alert was dropped/);
    assert.match(t('en', 'alert.text.suppressed', { count: 3 }), /^3 earlier alerts were dropped/);
    assert.match(t('fr', 'alert.text.suppressed', { count: 1 }), /^1 alerte précédente a été écartée par/);
    assert.match(
      t('fr', 'alert.text.suppressed', { count: 3 }),
      /^3 alertes précédentes ont été écartées par/,
    );
    assert.equal(t('fr', 'cli.simulate.componentsDown', { count: 0 }), '0 composant tombé');
    assert.equal(
      t('fr', 'cli.analyze.scoreDetail', { spofs: 1, survived: 2, total: 3 }),
      '1 point unique de défaillance · 2 cas tenus sur 3 (chaque service face à chaque panne rejouée)',
    );
    // Elision before a vowel, not before a consonant.
    assert.match(
      t('fr', 'finding.provider-concentration.message', { provider: 'ovh', service: 'boutique', path: 'x' }),
      /^Une panne d’ovh fait tomber boutique/,
    );
    assert.match(
      t('fr', 'finding.provider-concentration.recommendation', { provider: 'scaleway' }),
      /n’a pas besoin de scaleway\.$/,
    );
    assert.equal(
      t('fr', 'cli.analyze.scoreDetail', { spofs: 0, survived: 1, total: 3 }),
      '0 point unique de défaillance · 1 cas tenu sur 3 (chaque service face à chaque panne rejouée)',
    );
  });
});

describe('transition reasons and causes, worded at the edge', () => {
  const failed: TransitionReason = {
    code: 'check-failed',
    reason: 'refused',
    detail: ':9',
    down: 2,
    reporting: 3,
  };
  const words: [TransitionReason, string, string][] = [
    [failed, 'connection refused (:9) — 2/3', 'connexion refusée (:9) — 2/3'],
    [
      { code: 'check-warning', warning: 'cert-expiring' },
      'certificate expiring soon',
      'certificat bientôt expiré',
    ],
    [{ code: 'dependency', via: 'api' }, 'dependency api', 'dépendance api'],
    [{ code: 'legacy', text: 'timeout (2s) — 2/3' }, 'timeout (2s) — 2/3', 'timeout (2s) — 2/3'],
  ];
  for (const [reason, english, french] of words) {
    it(`words ${reason.code}`, () => {
      assert.equal(t('en', 'monitor.transition', reason), english);
      assert.equal(t('fr', 'monitor.transition', reason), french);
    });
  }

  it('stores reasons as JSON and reads rows stored as text as legacy reasons', () => {
    assert.deepEqual(decodeReason(encodeReason(failed)!), failed);
    assert.deepEqual(decodeReason('dependency web'), { code: 'legacy', text: 'dependency web' });
    assert.deepEqual(decodeReason('{not json'), { code: 'legacy', text: '{not json' });
    assert.deepEqual(decodeReason('{"code":"from-the-future"}'), {
      code: 'legacy',
      text: '{"code":"from-the-future"}',
    });
    assert.equal(encodeReason(undefined), null);
  });

  it('words service causes as alerts list them', () => {
    const causes = [
      { check: 'api-aws', state: 'DOWN', reason: 'timeout', detail: '2s', down: 2, reporting: 3 },
    ] as const;
    assert.deepEqual(causeLines('en', causes), ['api-aws: DOWN — timeout (2s) — 2/3 vantage points']);
    assert.deepEqual(causeLines('fr', causes), ['api-aws: DOWN — délai dépassé (2s) — 2/3 points de vue']);
    const one = [{ check: 'db', state: 'DEGRADED', down: 1, reporting: 1 }] as const;
    assert.deepEqual(causeLines('fr', one), ['db: DEGRADED — 1/1 point de vue']);
  });
});

describe('document helpers', () => {
  it('lists, dates and counts by the rules of each language', () => {
    const en = helpers('en');
    const fr = helpers('fr');
    assert.equal(en.list(['aws', 'gcp', 'ovh']), 'aws, gcp and ovh');
    assert.equal(fr.list(['aws', 'gcp', 'ovh']), 'aws, gcp et ovh');
    assert.equal(en.date(Date.UTC(2026, 10, 24)), '24 November 2026');
    assert.equal(fr.date(Date.UTC(2026, 10, 24)), '24 novembre 2026');
    assert.equal(fr.count(0, SERVICE), '0 service');
    assert.equal(en.lines('a', false, ['b', 'c']), 'a\nb\nc\n');
  });
});
