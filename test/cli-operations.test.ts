/**
 * `bascule maintenance` and `bascule incident` against a real listening API (127.0.0.1:0) over a
 * real store, with the token from BASCULE_TOKEN and --url: each verb's good path, and their usage
 * errors (exit 2, a code, the right wording in English and French) before anything is sent.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OPERATOR, STRING_ID, startApi, type TestApi } from './helpers/api.ts';
import { runCli } from './helpers/cli.ts';

describe('bascule maintenance and bascule incident', () => {
  let api: TestApi;
  before(async () => {
    api = await startApi();
  });
  after(() => api.server.stop());
  const env = { BASCULE_TOKEN: OPERATOR, LANG: 'C', BASCULE_ERRORS: 'json' };
  const cli = (...args: string[]) => runCli([...args, '--url', api.server.url], { env });
  const codes = (stderr: string) =>
    stderr
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { code: string }).code);

  it('adds a window (not silencing, from a given start), lists it, deletes it', async () => {
    const start = new Date(api.fake.clock.now() + 3_600_000).toISOString();
    const added = await cli(
      'maintenance',
      'add',
      '--service',
      'blog',
      '--service',
      'checkout',
      '--title-fr',
      'Changement de thème',
      '--start',
      start,
      '--duration',
      '1h30m',
      '--no-silence',
      '--format',
      'json',
    );
    assert.equal(added.code, 0, added.stderr);
    const w = JSON.parse(added.stdout) as { id: string; start: string; end: string; silence: boolean };
    assert.deepEqual(
      [w.start, w.end, w.silence],
      [start, new Date(Date.parse(start) + 5_400_000).toISOString(), false],
    );
    assert.equal(api.fake.book.silencing('blog', Date.parse(start) + 1), undefined, 'not silencing');
    const list = await cli('maintenance', 'list');
    assert.match(
      list.stdout,
      new RegExp(`${w.id}\\s+planned\\s+.*blog, checkout\\s+no\\s+Changement de thème`),
    );
    const deleted = await cli('maintenance', 'delete', w.id);
    assert.deepEqual([deleted.code, deleted.stdout], [0, `Maintenance ${w.id} deleted.\n`]);
    const fr = await runCli(['maintenance', 'list', '--url', api.server.url, '--lang', 'fr'], { env });
    assert.equal(fr.stdout, 'Aucune maintenance prévue ni en cours.\n');
    const gone = await cli('maintenance', 'end', w.id);
    assert.deepEqual([gone.code, codes(gone.stderr)], [2, ['BASCULE_E_HTTP_MAINTENANCE_UNKNOWN']]);
  });

  it('posts an incident update with one language', async () => {
    const r = await cli(
      'incident',
      'update',
      STRING_ID,
      '--status',
      'monitoring',
      '--message-fr',
      'Corrigé, on surveille.',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${STRING_ID}: update posted; public status: monitoring.\n`);
    const fr = await runCli(
      [
        'incident',
        'update',
        STRING_ID,
        '--status',
        'resolved',
        '--message-en',
        'Fixed.',
        '--url',
        api.server.url,
        '--lang',
        'fr',
      ],
      { env },
    );
    assert.equal(fr.stdout, `${STRING_ID} : mise à jour publiée ; statut public : résolu.\n`);
    const list = await cli('incident', 'list');
    assert.match(
      list.stdout,
      new RegExp(`${STRING_ID.replaceAll('.', '\\.')}\\s+checkout\\s+DOWN\\s+resolved\\s+\\S+\\s+2`),
    );
  });

  it('refuses bad command lines with exit 2 and a code, before sending anything', async () => {
    const before = (await api.fake.store.maintenance({ limit: 1000 })).length;
    for (const [args, code] of [
      [['maintenance'], 'BASCULE_E_USAGE_MAINTENANCE'],
      [['maintenance', 'start'], 'BASCULE_E_USAGE_MAINTENANCE'],
      [['maintenance', 'add', '--title-en', 'x', '--duration', '1h'], 'BASCULE_E_USAGE_MAINTENANCE'],
      [['maintenance', 'add', '--service', 'blog', '--duration', '1h'], 'BASCULE_E_USAGE_MAINTENANCE'],
      [['maintenance', 'add', '--service', 'blog', '--title-en', 'x'], 'BASCULE_E_USAGE_MAINTENANCE'],
      [
        [
          'maintenance',
          'add',
          '--service',
          'blog',
          '--title-en',
          'x',
          '--end',
          '2027-01-01T00:00:00Z',
          '--duration',
          '1h',
        ],
        'BASCULE_E_USAGE_MAINTENANCE',
      ],
      [
        ['maintenance', 'add', '--service', 'blog', '--title-en', 'x', '--end', 'tomorrow'],
        'BASCULE_E_USAGE_FLAG_FORMAT',
      ],
      [
        ['maintenance', 'add', '--service', 'blog', '--title-en', 'x', '--duration', '2 hours'],
        'BASCULE_E_USAGE_FLAG_FORMAT',
      ],
      [['maintenance', 'end'], 'BASCULE_E_USAGE_MAINTENANCE'],
      [['maintenance', 'list', 'mw-1'], 'BASCULE_E_USAGE_MAINTENANCE'],
      [['incident'], 'BASCULE_E_USAGE_INCIDENT'],
      [['incident', 'update', STRING_ID, '--message-en', 'x'], 'BASCULE_E_USAGE_INCIDENT'],
      [['incident', 'update', STRING_ID, '--status', 'resolved'], 'BASCULE_E_USAGE_INCIDENT'],
      [
        ['incident', 'update', STRING_ID, '--status', 'done', '--message-en', 'x'],
        'BASCULE_E_USAGE_FLAG_VALUE',
      ],
      [['incident', 'update', '--status', 'resolved', '--message-en', 'x'], 'BASCULE_E_USAGE_INCIDENT'],
    ] as const) {
      const r = await cli(...args);
      assert.deepEqual([r.code, codes(r.stderr)], [2, [code]], args.join(' '));
    }
    assert.equal((await api.fake.store.maintenance({ limit: 1000 })).length, before, 'nothing sent');
    const fr = await runCli(
      ['maintenance', 'add', '--service', 'blog', '--title-fr', 'x', '--end', 'demain', '--lang', 'fr'],
      {
        env: { LANG: 'C' },
      },
    );
    assert.match(
      fr.stderr,
      /valeur « demain » invalide pour --end : forme attendue : une date et une heure ISO 8601/,
    );
    const refused = await runCli(['maintenance', 'list', '--url', api.server.url], {
      env: { BASCULE_TOKEN: 'wrong', LANG: 'C' },
    });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /refused the operator token \(\$BASCULE_TOKEN\)/);
  });

  it('helps in English and in French', async () => {
    for (const [lang, text] of [
      ['en', /plan, list, end or delete maintenance windows/],
      ['fr', /prévoir, lister, terminer ou supprimer des fenêtres de maintenance/],
    ] as const) {
      const r = await runCli(['maintenance', '--help', '--lang', lang]);
      assert.equal(r.code, 0);
      assert.match(r.stdout, text);
    }
    const top = await runCli(['--help', '--lang', 'fr']);
    assert.match(top.stdout, /incident\s+lister les incidents du démon/);
  });
});
