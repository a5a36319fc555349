import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { errorsDoc } from '../scripts/errors-doc.ts';
import { ERRORS } from '../src/errors.ts';
import { en } from '../src/i18n/en.ts';
import { fr } from '../src/i18n/fr.ts';

describe('docs and catalogues', () => {
  it('docs/errors.md lists every error code (regenerate: node --import tsx scripts/errors-doc.ts > docs/errors.md)', () => {
    assert.equal(readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8'), errorsDoc());
  });

  it('has every message in English and French, with the same placeholders', () => {
    assert.deepEqual(Object.keys(fr).sort(), Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(names(fr[key]), names(en[key]), key);
    }
    for (const code of Object.keys(ERRORS)) assert.ok(code in en, code);
  });
});
