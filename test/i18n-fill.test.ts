/** Templates compiled once (src/i18n/fill.ts): the same text as a replace over the template, French elision per hole. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Params } from '../src/errors.ts';
import { en, fr } from '../src/i18n/catalogue.ts';
import { compile, fill } from '../src/i18n/fill.ts';
import { type Lang, render } from '../src/i18n/index.ts';

/** How templates were filled before they were compiled: one regular expression run per message. */
function replaced(lang: Lang, message: string, params: Params): string {
  return message.replace(/(\b(?:de|que) )?\{(\w+)\}/g, (hole, before: string | undefined, name: string) => {
    const value = params[name];
    if (value === undefined) return hole;
    const text = String(value);
    if (before === undefined) return text;
    if (lang === 'fr' && /^[aeiouyàâäéèêëîïôöûüù]/i.test(text))
      return `${before.trim() === 'de' ? 'd’' : 'qu’'}${text}`;
    return `${before}${text}`;
  });
}

describe('compiled templates', () => {
  const cases: [Lang, string, Params, string][] = [
    ['fr', 'Une panne de {provider}', { provider: 'ovh' }, 'Une panne d’ovh'],
    ['fr', 'Une panne de {provider}', { provider: 'AWS' }, 'Une panne d’AWS'],
    ['fr', 'Une panne de {provider}', { provider: 'hetzner' }, 'Une panne de hetzner'],
    ['fr', 'plus critique que {service}', { service: 'erp' }, 'plus critique qu’erp'],
    ['fr', 'plus critique que {service}', { service: 'paie' }, 'plus critique que paie'],
    ['fr', 'la zone de {a} et de {b}', { a: 'eu-west-3a', b: 'gra1' }, 'la zone d’eu-west-3a et de gra1'],
    ['fr', 'Ode {x}', { x: 'ovh' }, 'Ode ovh'],
    ['fr', '{n} de {x}', { n: 3, x: 'ovh' }, '3 d’ovh'],
    ['en', 'A failure de {provider}', { provider: 'ovh' }, 'A failure de ovh'],
    ['fr', 'une panne de {provider} ici', {}, 'une panne de {provider} ici'],
    ['en', 'a {missing} b {x}', { x: 1 }, 'a {missing} b 1'],
    ['fr', 'sans trou', { x: 1 }, 'sans trou'],
    ['fr', '{a}{b}', { a: 'x', b: 'y' }, 'xy'],
  ];
  for (const [lang, template, params, expected] of cases) {
    it(`${lang}: "${template}" gives "${expected}"`, () => {
      assert.equal(fill(compile(lang, template), params), expected);
    });
  }

  it('fills every template of both catalogues as the replace did', () => {
    const catalogues: [Lang, Readonly<Record<string, unknown>>][] = [
      ['en', en],
      ['fr', fr],
    ];
    let checked = 0;
    for (const [lang, catalogue] of catalogues) {
      for (const [key, message] of Object.entries(catalogue)) {
        if (typeof message !== 'string') continue;
        const names = [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        // Values starting with a vowel and with a consonant, a number, and one hole left without a value.
        for (const start of ['ovh', 'Hetzner', 7]) {
          const params: Record<string, string | number> = {};
          names.forEach((name, i) => {
            if (i !== 1) params[name] = typeof start === 'number' ? start + i : `${start}-${i}`;
          });
          assert.equal(
            fill(compile(lang, message), params),
            replaced(lang, message, params),
            `${lang} ${key}`,
          );
          checked++;
        }
      }
    }
    assert.ok(checked > 500, String(checked));
  });

  it('adds the "did you mean" once, unless the template says it itself', () => {
    const hint = render('fr', 'hint.didYouMean', { suggestion: 'db' });
    assert.equal(hint, ' — vouliez-vous dire « db » ?');
    // A template, rendered twice (the second time from the compiled form cached), and a function.
    for (let i = 0; i < 2; i++)
      assert.equal(render('fr', 'cli.wrote', { file: 'a.json', suggestion: 'db' }), `a.json écrit${hint}`);
    const unknown = render('fr', 'BASCULE_E_CONFIG_UNKNOWN_REF', {
      what: 'component',
      id: 'dbb',
      suggestion: 'db',
    });
    assert.ok(unknown.endsWith(hint) && !unknown.slice(0, -hint.length).includes('vouliez'), unknown);
    const said = render('en', 'cli.init.notInCatalogue', { answer: 'ovhh', suggestion: 'ovh' });
    assert.equal(
      said,
      '"ovhh" is not in the catalogue (did you mean "ovh"?): give the same answer again to keep it as written.',
    );
  });
});
