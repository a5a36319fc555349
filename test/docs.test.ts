import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { EXIT_CODES, errorsDoc } from '../scripts/errors-doc.ts';
import { ERRORS } from '../src/errors.ts';
import { DOMAINS, en } from '../src/i18n/catalogue.ts';
import { LANGS, type MessageKey, template } from '../src/i18n/index.ts';

describe('docs and catalogues', () => {
  it('docs/errors.md lists every error code (regenerate: node --import tsx scripts/errors-doc.ts > docs/errors.md)', () => {
    assert.equal(readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8'), errorsDoc());
  });

  it('docs/errors.md gives each code once with its exit code and HTTP status, and every exit code used is explained', () => {
    const page = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
    const rows = [...page.matchAll(/^\| `(BASCULE_[EW]_\w+)` \| (\d+) \| (\d*) \|/gm)].map((m) => [
      m[1],
      Number(m[2]),
      m[3] === '' ? undefined : Number(m[3]),
    ]);
    assert.deepEqual(
      rows,
      Object.entries(ERRORS).map(([code, e]) => [code, e.exit, 'http' in e ? e.http : undefined]),
    );
    const explained = new Set(EXIT_CODES.map(([code]) => code));
    for (const [code, e] of Object.entries(ERRORS))
      assert.ok(explained.has(e.exit), `${code}: exit ${e.exit}`);
    for (const [code] of EXIT_CODES) assert.match(page, new RegExp(`^- \\*\\*${code}\\*\\* `, 'm'));
    const cli = readFileSync(new URL('../docs/cli.md', import.meta.url), 'utf8');
    for (const [code] of EXIT_CODES)
      assert.match(cli, new RegExp(`\\*\\*${code}\\*\\*`), `docs/cli.md: exit ${code}`);
  });

  it('has every message of every domain in English and French, with the same placeholders', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [domain, catalogue] of Object.entries(DOMAINS)) {
      assert.deepEqual(Object.keys(catalogue.fr).sort(), Object.keys(catalogue.en).sort(), domain);
      for (const key of Object.keys(catalogue.en) as MessageKey[]) {
        const [english, ...others] = LANGS.map((lang) => names(template(lang, key)));
        for (const other of others) assert.deepEqual(other, english, `${domain}: ${key}`);
        assert.equal(
          typeof catalogue.fr[key as keyof typeof catalogue.fr],
          typeof catalogue.en[key as keyof typeof catalogue.en],
          key,
        );
      }
    }
    const all = Object.values(DOMAINS).flatMap((c) => Object.keys(c.en));
    assert.equal(new Set(all).size, all.length, 'a key is defined by two domains');
    for (const code of Object.keys(ERRORS)) assert.ok(code in en, code);
  });
});
