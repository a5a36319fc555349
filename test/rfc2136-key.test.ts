/**
 * TSIG keys as the secret gives them: the key statement Debian's tsig-keygen writes (each
 * algorithm), the bare base64 secret, and located errors (line:column in the key file, in English
 * and French) that never show the secret.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { parseTsigKey } from '../src/actuators/rfc2136/key-file.ts';
import { BasculeError } from '../src/errors.ts';
import { formatDiagnostic } from '../src/i18n/index.ts';

function keygen(algorithm: string, name: string): string {
  return execFileSync('tsig-keygen', ['-a', algorithm, name], { encoding: 'utf8', timeout: 5_000 });
}

function secretOf(statement: string): string {
  return /secret "([^"]+)"/.exec(statement)![1]!;
}

function failure(text: string, name = 'bascule', algorithm: 'hmac-sha256' | 'hmac-sha512' = 'hmac-sha256') {
  try {
    parseTsigKey(text, { name, algorithm }, '/etc/bascule/tsig.key');
  } catch (e) {
    assert.ok(e instanceof BasculeError, String(e));
    const [d] = e.diagnostics;
    return { d: d!, en: formatDiagnostic('en', d!), fr: formatDiagnostic('fr', d!) };
  }
  assert.fail('expected the key to be refused');
}

describe('TSIG key files', () => {
  it('reads what tsig-keygen writes, for each supported algorithm, and a bare base64 secret', () => {
    for (const algorithm of ['hmac-sha256', 'hmac-sha512', 'hmac-sha1'] as const) {
      const text = keygen(algorithm, 'bascule');
      const key = parseTsigKey(text, { name: 'bascule', algorithm }, 'tsig.key');
      assert.equal(key.algorithm, algorithm);
      assert.deepEqual(key.secret, Buffer.from(secretOf(text), 'base64'));
    }
    const bare = parseTsigKey('  c2VjcmV0\n', { name: 'bascule', algorithm: 'hmac-sha256' }, 'env');
    assert.deepEqual(bare.secret, Buffer.from('secret'));
    const dotted = keygen('hmac-sha256', 'bascule.example.com.');
    assert.equal(
      parseTsigKey(dotted, { name: 'bascule.example.com', algorithm: 'hmac-sha256' }, 'k').name,
      'bascule.example.com',
    );
  });

  it('locates a mistake at its line and column, names what was expected, and never shows the secret', () => {
    const text = keygen('hmac-sha256', 'bascule');
    const secret = secretOf(text);
    const noSemicolon = failure(text.replace('hmac-sha256;', 'hmac-sha256'));
    assert.equal(noSemicolon.d.code, 'BASCULE_E_TSIG_KEY');
    assert.equal(
      noSemicolon.en,
      `/etc/bascule/tsig.key:3:2: TSIG key "bascule" (hmac-sha256): expected ";", found "secret"`,
    );
    assert.equal(
      noSemicolon.fr,
      `/etc/bascule/tsig.key:3:2: clé TSIG « bascule » (hmac-sha256) : point-virgule « ; » attendu, au lieu de « secret »`,
    );
    const cases: [string, RegExp][] = [
      [text.replace('};', '}'), /:4:2: .*expected ";", found the end of the file/],
      [text.replace('secret', 'secrt'), /:3:2: .*expected "algorithm" or "secret", found "secrt"/],
      [text.replace(/"[^"]+";\n};/, `${secret};\n};`), /:3:9: .*expected the secret, in quotes/],
      [text.replace(secret, `${secret}!`), /:3:9: .*the secret is not base64/],
      [
        text.replace('hmac-sha256', 'hmac-md5'),
        /:2:12: .*not supported \(hmac-sha256, hmac-sha512 or hmac-sha1\) \("hmac-md5"\)/,
      ],
      [
        text.replace('hmac-sha256', 'hmac-sha512'),
        /:2:12: .*not the one bascule.yaml gives \("hmac-sha512"\)/,
      ],
      [text.replace('"bascule"', '"other"'), /tsig\.key: .*names another key \("other"\)/],
      [`${text}key "x" {};\n`, /:5:1: .*nothing may follow/],
      [text.replace(/\tsecret.*\n/, ''), /:3:1: .*has no secret/],
      ['not a key at all!', /tsig\.key: .*neither a base64 secret nor a key statement/],
      [text.replace(`"${secret}"`, `"${secret}`), /:3:9: .*never closed/],
    ];
    for (const [bad, expected] of cases) {
      const f = failure(bad);
      assert.match(f.en, expected, bad);
      assert.ok(!f.en.includes(secret) && !f.fr.includes(secret), 'the secret is never shown');
      assert.notEqual(f.fr, f.en);
    }
  });
});
