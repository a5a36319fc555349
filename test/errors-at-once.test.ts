/**
 * Every error of a map in one run (issue 10, item 5), through the real executable in English and
 * French: schema and reference errors together, and one located, translated error per YAML mistake.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { ErrorCode } from '../src/errors.ts';
import { bascule, ensureBuilt, type Reported } from './helpers/bin.ts';
import { tempDir } from './helpers/cli.ts';

before(ensureBuilt);

interface Located {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly path?: string;
  readonly message: string;
}

/** The two ways of asking for French, and English. */
const LANGS = [
  { name: 'English', args: [] as string[], env: {} },
  { name: 'French (--lang fr)', args: ['--lang', 'fr'], env: {} },
  { name: 'French (LANG=fr_FR.UTF-8)', args: [] as string[], env: { LANG: 'fr_FR.UTF-8' } },
] as const;

async function validate(map: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Reported> {
  const dir = tempDir();
  writeFileSync(join(dir, 'bascule.yaml'), map);
  return bascule(['validate', ...args], dir, env);
}

function located(r: Reported): Located[] {
  return r.errors as unknown as Located[];
}

// A key typo, a French duration, a French criticality and an unknown reference, in one service.
const FOUR = `version: 1
name: Acme
services:
  boutique:
    criticality: moyenne
    rto: 4 heures
    dependson: [site]
    description: la boutique en ligne
  paie:
    dependsOn: [site, paiement]
components:
  site: {provider: ovh, region: sbg, kind: compute}
  stripe: {provider: stripe, kind: payment}
`;

describe('bascule validate reports every error of a map in one run', () => {
  for (const lang of LANGS) {
    it(`gives the schema errors and the unknown reference together, located (${lang.name})`, async () => {
      const r = await validate(FOUR, lang.args, lang.env);
      assert.equal(r.status, 2, r.stderr);
      assert.deepEqual(
        located(r).map((e) => [e.code, e.file, e.line, e.col, e.path]),
        [
          ['BASCULE_E_CONFIG_VALUE', 'bascule.yaml', 5, 18, 'services.boutique.criticality'],
          ['BASCULE_E_CONFIG_DURATION', 'bascule.yaml', 6, 10, 'services.boutique.rto'],
          ['BASCULE_E_CONFIG_UNKNOWN_KEY', 'bascule.yaml', 7, 5, 'services.boutique.dependson'],
          ['BASCULE_E_CONFIG_UNKNOWN_REF', 'bascule.yaml', 10, 23, 'services.paie.dependsOn[1]'],
        ],
        r.stderr,
      );
      assert.ok(r.errors.every((e) => e.exit === 2));
      assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
      if (lang.name === 'English') {
        assert.match(located(r)[3]!.message, /unknown component or service "paiement"/);
      } else {
        const messages = located(r).map((e) => e.message);
        assert.match(messages[0]!, /valeur « moyenne » invalide \(valeurs possibles : critical/);
        assert.match(messages[1]!, /durée « 4 heures » invalide/);
        assert.match(messages[2]!, /clé inconnue « dependson » — vouliez-vous dire « dependsOn » \?/);
        assert.match(messages[3]!, /composant ou service « paiement » inconnu/);
      }
    });
  }

  it('does not report a reference inside a broken part as unknown, nor shift the place of the next one', async () => {
    const map = `version: 1
name: Acme
services:
  shop:
    dependsOn: [web, {anyOf: wrong}, paiement]
  mail: [not, a, mapping]
components:
  web: {provider: aws, dependsOn: [mail, dbb]}
  db: {provder: aws}
`;
    const r = await validate(map, [], {});
    assert.equal(r.status, 2, r.stderr);
    assert.deepEqual(
      located(r).map((e) => [e.code, e.line, e.col, e.path]),
      [
        ['BASCULE_E_CONFIG_TYPE', 5, 30, 'services.shop.dependsOn[1].anyOf'],
        ['BASCULE_E_CONFIG_UNKNOWN_REF', 5, 38, 'services.shop.dependsOn[2]'],
        ['BASCULE_E_CONFIG_TYPE', 6, 9, 'services.mail'],
        // mail is broken but keeps its id: depending on it is the service error, not an unknown id.
        ['BASCULE_E_CONFIG_SERVICE_REF', 8, 36, 'components.web.dependsOn[0]'],
        ['BASCULE_E_CONFIG_UNKNOWN_REF', 8, 42, 'components.web.dependsOn[1]'],
        ['BASCULE_E_CONFIG_UNKNOWN_KEY', 9, 8, 'components.db.provder'],
      ],
      r.stderr,
    );
  });

  it('says "une liste attendue" in French, agreed', async () => {
    const map = 'version: 1\nname: Acme\ncomponents:\n  web: {provider: aws, dependsOn: {a: b}}\n';
    const r = await validate(map, ['--lang', 'fr'], {});
    assert.equal(r.status, 2, r.stderr);
    assert.match(located(r)[0]!.message, /^une liste attendue, pas un dictionnaire$/);
  });
});

// One YAML mistake each: the error, where the user must look, and its first words in each language.
const SYNTAX: readonly {
  readonly name: string;
  readonly body: string;
  readonly code: ErrorCode;
  readonly at: readonly [number, number];
  readonly en: RegExp;
  readonly fr: RegExp;
}[] = [
  {
    name: 'a key indented further than the one above',
    body: 'components:\n  web:\n    provider: aws\n      region: eu-west-3\n  db: {provider: aws}\n',
    code: 'BASCULE_E_YAML_INDENT',
    at: [6, 7],
    en: /^unexpected indentation: "region" does not line up/,
    fr: /^indentation inattendue : « region » n’est pas aligné/,
  },
  {
    name: 'a key indented less than the one above',
    body: 'services:\n  checkout:\n    criticality: high\n   dependsOn: [web]\n    rto: 4h\ncomponents:\n  web: {provider: aws}\n',
    code: 'BASCULE_E_YAML_INDENT',
    at: [6, 4],
    en: /^unexpected indentation: "dependsOn"/,
    fr: /^indentation inattendue : « dependsOn »/,
  },
  {
    name: 'a list item out of line',
    body: 'services:\n  shop:\n    dependsOn:\n      - web\n     - db\n      - dns\ncomponents:\n  web: {}\n',
    code: 'BASCULE_E_YAML_INDENT',
    at: [7, 6],
    en: /^unexpected indentation: "- db"/,
    fr: /^indentation inattendue : « - db »/,
  },
  {
    name: 'a missing colon',
    body: 'components:\n  web:\n    provider aws\n    region: eu-west-3\n',
    code: 'BASCULE_E_YAML_COLON',
    at: [5, 5],
    en: /^missing ":" in "provider aws"/,
    fr: /^« : » manquant dans « provider aws »/,
  },
  {
    name: 'an unclosed double quote',
    body: 'description: "our shop\ncomponents:\n  web: {provider: aws}\n',
    code: 'BASCULE_E_YAML_QUOTE',
    at: [3, 14],
    en: /^unclosed string: the one that starts here has no closing double quote/,
    fr: /^chaîne non fermée : il manque le guillemet fermant/,
  },
  {
    name: 'an unclosed single quote',
    body: "components:\n  web: {provider: 'aws}\n  db: {provider: aws}\n",
    code: 'BASCULE_E_YAML_QUOTE',
    at: [4, 19],
    en: /closing single quote/,
    fr: /il manque l’apostrophe fermante/,
  },
  {
    name: 'an unclosed bracket',
    body: 'services:\n  shop: {dependsOn: [web}\ncomponents:\n  web: {}\n',
    code: 'BASCULE_E_YAML_BRACKET',
    at: [4, 21],
    en: /^"\[" opened here is never closed: "\]" is missing/,
    fr: /^« \[ » ouvert ici n’est jamais fermé : il manque « \] »/,
  },
  {
    name: 'an unclosed brace, which swallows the sections after it',
    body: 'services:\n  a: {dependsOn: [web]\ncomponents:\n  web: {}\n    x: 1\n',
    code: 'BASCULE_E_YAML_BRACKET',
    at: [4, 6],
    en: /^"\{" opened here is never closed: "\}" is missing/,
    fr: /^« \{ » ouvert ici n’est jamais fermé : il manque « \} »/,
  },
  {
    name: 'a tab in the indentation',
    body: 'components:\n  web:\n\tprovider: aws\n',
    code: 'BASCULE_E_YAML_TAB',
    at: [5, 1],
    en: /^a tab in the indentation/,
    fr: /^tabulation dans l’indentation/,
  },
  {
    name: 'an alias no anchor defines',
    body: 'description: *shop\n',
    code: 'BASCULE_E_YAML_SYNTAX',
    at: [3, 14], // the alias's `*`
    en: /^invalid YAML: an alias/,
    fr: /^YAML invalide : un alias/,
  },
];

describe('bascule validate gives one located, translated error per YAML mistake', () => {
  for (const c of SYNTAX) {
    it(`${c.name}: ${c.code} at ${c.at.join(':')}, in English and French`, async () => {
      const map = `version: 1\nname: Acme\n${c.body}`;
      for (const [lang, pattern] of [
        [LANGS[0], c.en],
        [LANGS[1], c.fr],
        [LANGS[2], c.fr],
      ] as const) {
        const r = await validate(map, lang.args, lang.env);
        assert.equal(r.status, 2, r.stderr);
        const errors = located(r);
        assert.deepEqual(
          errors.map((e) => [e.code, e.file, e.line, e.col]),
          [[c.code, 'bascule.yaml', ...c.at]],
          `${lang.name}: ${r.stderr}`,
        );
        const message = errors[0]!.message.replace(/^bascule\.yaml:\d+:\d+: /, '');
        assert.match(message, pattern, `${lang.name}: ${message}`);
        assert.doesNotMatch(message, /Nested mappings|Implicit keys|must be|Missing closing|\{\w+\}/);
      }
    });
  }

  it('reports two mistakes in two sections as two errors, and each duplicate key', async () => {
    const map =
      'version: 1\nname: Acme\nservices:\n  a:\n    criticality: high\n     rto: 4h\n' +
      'components:\n  web:\n    provider: aws\n   region: x\n  db: {}\n  db: {}\n';
    const r = await validate(map, [], {});
    assert.deepEqual(
      located(r).map((e) => [e.code, e.line, e.col]),
      [
        ['BASCULE_E_YAML_INDENT', 6, 6],
        ['BASCULE_E_YAML_INDENT', 10, 4],
        ['BASCULE_E_YAML_DUPLICATE_KEY', 12, 3],
      ],
      r.stderr,
    );
  });
});
