/**
 * In French, everything a person reads is French (issue 10, item 9): the simulation's table and its
 * root causes, the score's explanation, the replays; and the same outputs in English, side by side.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from './helpers/cli.ts';

const ROOT = new URL('..', import.meta.url).pathname;

async function cli(args: string[], lang: 'en' | 'fr'): Promise<string> {
  const r = await runCli([...args, '--lang', lang], { cwd: ROOT });
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

describe('simulate, in both languages', () => {
  const replay = ['simulate', '-c', 'examples/startup-aws.yaml', '--replay', 'aws-2025-10-20'];
  it('French: criticalities, root causes and labels in French', async () => {
    const out = await cli(replay, 'fr');
    assert.match(
      out,
      /^back-office +faible +back-office ← auth0 +auth0 \(provider=aws,region=us-east-1,service=dynamodb : par son runsOn\[0\]\)$/m,
    );
    assert.match(out, /^checkout +critique +checkout ← stripe /m);
    assert.match(out, /^Simplifications : /m);
    assert.doesNotMatch(out, /\b(own|critical|low|Simplifies)\b/);
  });
  it('English: the same, in English', async () => {
    const out = await cli(replay, 'en');
    assert.match(
      out,
      /^back-office +low +back-office ← auth0 +auth0 \(provider=aws,region=us-east-1,service=dynamodb: through its runsOn\[0\]\)$/m,
    );
    assert.match(out, /^Simplifications: /m);
  });
  it('a component hit where it runs says so', async () => {
    const out = await cli(
      ['simulate', '-c', 'examples/boutique-strasbourg.yaml', '--replay', 'ovh-sbg-2021-03-10'],
      'fr',
    );
    assert.match(
      out,
      /^boutique +critique +boutique ← site +site \(provider=ovh,region=sbg : là où il tourne\)$/m,
    );
  });
});

describe('analyze, in French', () => {
  it('explains the score in French', async () => {
    const out = await cli(['analyze', '-c', 'examples/boutique-strasbourg.yaml'], 'fr');
    assert.match(out, /^Score : service = 60 × \(pannes tenues \/ pannes qui touchent la carte\)/m);
    assert.doesNotMatch(out, /outages survived/);
  });
});

describe('a map no outage of the library touches', () => {
  for (const [lang, said] of [
    ['en', 'no outage of the library touches this map'],
    ['fr', 'aucune panne de la bibliothèque ne touche cette carte'],
  ] as const) {
    it(`says so instead of "0 of 0" (${lang})`, async () => {
      const out = await cli(['analyze', '-c', 'examples/watch.yaml'], lang);
      assert.ok(
        out
          .split('\n')
          .some(
            (l) =>
              l.startsWith(lang === 'en' ? 'Resilience score' : 'Score de résilience') && l.endsWith(said),
          ),
        out,
      );
    });
  }
});
