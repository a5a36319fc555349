/**
 * Findings that share one root cause, grouped under it (issue 10, item 8): the rule on the startup
 * example and on small maps made to tell one root from two; every finding kept in the JSON with its
 * kind; the text and HTML reports list root causes with their related findings under them; the HTML
 * report also shows the outages not evaluated and the totals of the lists it cuts short.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, chromium } from 'playwright-core';
import { analyze } from '../src/analysis/analyze.ts';
import { buildGraph } from '../src/analysis/graph.ts';
import type { GroupedFinding } from '../src/analysis/root-cause-groups.ts';
import { analysisText } from '../src/cli/render/analysis-text.ts';
import { painter } from '../src/cli/style.ts';
import { loadConfig } from '../src/model/load.ts';
import { renderHtml } from '../src/report/html/index.ts';
import { loadScenarios } from '../src/scenarios/library.ts';
import { runCli, tempDir } from './helpers/cli.ts';
import { map } from './helpers/map.ts';

const ROOT = new URL('..', import.meta.url).pathname;

interface JsonFinding {
  id: string;
  kind: string;
  severity: string;
  subjects: string[];
  message: string;
  rootCause?: string;
  related?: string[];
}

async function startupJson(): Promise<JsonFinding[]> {
  const r = await runCli(['analyze', '-c', 'examples/startup-aws.yaml', '--format', 'json'], { cwd: ROOT });
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
}

/** `root id → [related ids]` for every root, in report order. */
function groups(findings: readonly { id: string; rootCause?: string; related?: readonly string[] }[]) {
  return Object.fromEntries(findings.filter((f) => !f.rootCause).map((f) => [f.id, f.related ?? []]));
}

const analyzed = (body: Record<string, unknown>): readonly GroupedFinding[] => {
  const config = map(body);
  return analyze(config, [], buildGraph(config)).findings;
};

describe('root causes on examples/startup-aws.yaml', () => {
  it('groups each concentration under the single point of failure it goes through alone', async () => {
    const findings = await startupJson();
    const byId = new Map(findings.map((f) => [f.id, f]));
    assert.equal(
      byId.get('provider-concentration:storefront@cloudflare')?.rootCause,
      'single-point-of-failure:cf-cdn',
    );
    assert.deepEqual(groups(findings), {
      // eu-west-3 takes checkout and api down through db and through sessions: two roots, not db's.
      'region-concentration:checkout@aws/eu-west-3': ['region-concentration:api@aws/eu-west-3'],
      // us-east-1 takes checkout down through stripe and through auth0: not stripe's alone.
      'region-concentration:checkout@aws/us-east-1': [],
      'single-point-of-failure:auth0': ['region-concentration:back-office@aws/us-east-1'],
      'single-point-of-failure:cf-cdn': [
        'provider-concentration:checkout@cloudflare',
        'provider-concentration:storefront@cloudflare',
      ],
      'single-point-of-failure:cf-dns': ['provider-concentration:api@cloudflare'],
      'single-point-of-failure:db': [],
      // The API pool dies with its one shared Redis, which is the sessions single point of failure.
      'single-point-of-failure:sessions': ['shared-dependency:api-tier.dependsOn[1]'],
      'single-point-of-failure:stripe': [],
      'control-plane-dependency:origin-failover@route53@aws': [],
      'monitoring-gap:checkout': [],
      'shared-dependency:web-tier.dependsOn[2]': [],
      'single-point-of-failure:route53': ['provider-concentration:storefront@aws'],
      'monitoring-gap:api': [],
      'single-point-of-failure:back-office-app': ['region-concentration:back-office@aws/eu-west-3'],
      // No backup is another root cause than no redundancy: a replica of db would not make these go.
      'backup-missing:db': [],
      'backup-missing:static-catalogue': [],
    });
  });

  it('keeps every finding in the JSON with its kind; ids unique, rootCause and related agree', async () => {
    const findings = await startupJson();
    assert.equal(findings.length, 24);
    assert.equal(new Set(findings.map((f) => f.id)).size, 24);
    const byId = new Map(findings.map((f) => [f.id, f]));
    for (const f of findings) {
      assert.ok(f.id.startsWith(`${f.kind}:`), f.id);
      if (f.rootCause) {
        const root = byId.get(f.rootCause);
        assert.ok(root && !root.rootCause && root.related?.includes(f.id), f.id);
      }
      for (const id of f.related ?? []) assert.equal(byId.get(id)?.rootCause, f.id);
    }
    assert.deepEqual([...new Set(findings.map((f) => f.kind))].sort(), [
      'backup-missing',
      'control-plane-dependency',
      'monitoring-gap',
      'provider-concentration',
      'region-concentration',
      'shared-dependency',
      'single-point-of-failure',
    ]);
  });

  for (const [lang, header, also, shared, samePlace] of [
    [
      'en',
      'FINDINGS: 24, FROM 16 ROOT CAUSES',
      'also: a failure of cloudflare takes checkout, storefront down through it',
      'also: it makes the redundancy api-pool of api-tier illusory (api-a, api-b all fail with it)',
      'also: the same failure takes api down whole',
    ],
    [
      'fr',
      'CONSTATS : 24, ISSUS DE 16 CAUSES PREMIÈRES',
      'aussi : une panne de cloudflare fait tomber checkout, storefront par son intermédiaire',
      'aussi : il rend illusoire la redondance api-pool d’api-tier (api-a, api-b tombent tous avec lui)',
      'aussi : la même panne fait tomber api entièrement',
    ],
  ] as const) {
    it(`prints each root once, its related findings as lines under it (${lang})`, async () => {
      const r = await runCli(['analyze', '-c', 'examples/startup-aws.yaml', '--lang', lang], { cwd: ROOT });
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.split('\n');
      const at = lines.indexOf(header);
      assert.ok(at > 0, r.stdout);
      const cdn = lines.findIndex((l) => /^ {10}cf-cdn (alone takes down|suffit à faire tomber)/.test(l));
      assert.ok(cdn > at, 'the cf-cdn single point of failure');
      assert.equal(lines[cdn + 2], `            ${also}`, 'under it, after its recommendation');
      assert.ok(lines.includes(`            ${shared}`));
      // eu-west-3 takes checkout and api down through several components: one group, the place its root.
      const region = lines.findIndex(
        (l) => l.includes('aws/eu-west-3') && l.includes('checkout ← api-tier ← db'),
      );
      assert.equal(lines[region + 2], `            ${samePlace}`);
      // 16 blocks, one per root cause: the cloudflare findings are not printed again on their own.
      const blocks = lines
        .slice(at + 1)
        .filter((l) => /^(critical|high|medium|low|critique|élevée|moyenne|faible) /.test(l));
      assert.equal(blocks.length, 16);
      assert.ok(!lines.some((l) => /^ {10}(A failure of cloudflare|Une panne de cloudflare)/.test(l)));
    });
  }
});

describe('root causes on the other examples', () => {
  const related = (name: string) => {
    const loaded = loadConfig(readFileSync(join(ROOT, 'examples', `${name}.yaml`), 'utf8'), name);
    assert.ok(loaded.ok);
    const { findings } = analyze(loaded.config, loadScenarios(), buildGraph(loaded.config));
    return Object.fromEntries(findings.filter((f) => f.related).map((f) => [f.id, f.related]));
  };

  it('multicloud.yaml: gcp goes through a quorum of two gcp nodes, no single point: a root of its own', () => {
    assert.deepEqual(related('multicloud'), {
      'provider-concentration:api@gcp': ['provider-concentration:app@gcp'],
      'single-point-of-failure:api-edge': ['provider-concentration:api@aws'],
      'single-point-of-failure:sessions': [
        'region-concentration:app@aws/eu-west-1',
        'shared-dependency:web-tier.dependsOn[0]',
      ],
      'single-point-of-failure:reporting-job': ['region-concentration:reporting@gcp/europe-west1'],
    });
  });

  it('pme-ovh.yaml: Strasbourg takes the ERP down through erp-app and erp-db: the place is the root', () => {
    assert.deepEqual(related('pme-ovh'), {
      'region-concentration:erp@ovh/sbg': ['region-concentration:erp-restore@ovh/sbg'],
      'single-point-of-failure:onduleur': [
        'region-concentration:erp@onprem/lyon',
        'shared-dependency:acces-internet.dependsOn[0]',
        'region-concentration:fichiers@onprem/lyon',
        'region-concentration:teams@onprem/lyon',
      ],
      'single-point-of-failure:dns-ovh': ['provider-concentration:messagerie@ovh'],
      'single-point-of-failure:m365-exchange': [
        'provider-concentration:messagerie@azure',
        'provider-concentration:messagerie@microsoft',
      ],
      'single-point-of-failure:m365-sharepoint': [
        'provider-concentration:fichiers@azure',
        'provider-concentration:fichiers@microsoft',
      ],
      'single-point-of-failure:payfit': ['region-concentration:paie@aws/eu-west-3'],
      'single-point-of-failure:m365-teams': [
        'provider-concentration:teams@azure',
        'provider-concentration:teams@microsoft',
      ],
      // site-web needs one of two VPS, in gra and rbx: gra reaches it through site-lb alone.
      'single-point-of-failure:site-lb': ['region-concentration:site-web@ovh/gra'],
    });
  });
});

describe('the grouping rule on small maps', () => {
  it('a region that takes a service down through two single points of failure is its own root', () => {
    const findings = analyzed({
      services: { shop: { criticality: 'medium', dependsOn: ['web', 'db'] } },
      components: {
        web: { provider: 'aws', region: 'eu-west-3', kind: 'compute' },
        db: { provider: 'aws', region: 'eu-west-3', kind: 'database' },
      },
    });
    assert.deepEqual(groups(findings), {
      'region-concentration:shop@aws/eu-west-3': [],
      'single-point-of-failure:db': [],
      'single-point-of-failure:web': [],
    });
  });

  it('a region that reaches the service through one component alone is that component’s root', () => {
    const findings = analyzed({
      services: { shop: { criticality: 'high', dependsOn: ['web', 'db'] } },
      components: {
        web: { provider: 'aws', region: 'eu-west-3', kind: 'compute', dependsOn: ['disk'] },
        disk: { provider: 'aws', region: 'eu-west-3', kind: 'storage' },
        db: { provider: 'ovh', region: 'gra', kind: 'database' },
      },
    });
    // The region hits web and disk, but reaches shop only through web (disk is below web alone).
    const byId = new Map(findings.map((f) => [f.id, f]));
    assert.equal(
      byId.get('region-concentration:shop@aws/eu-west-3')?.rootCause,
      'single-point-of-failure:web',
    );
    assert.equal(byId.get('region-concentration:shop@ovh/gra')?.rootCause, 'single-point-of-failure:db');
    assert.equal(byId.get('single-point-of-failure:disk')?.rootCause, undefined);
  });

  it('a redundancy that survives one of its members keeps the region a root of its own', () => {
    // shop needs web, and one of two caches; web and cache-a are in eu-west-3, cache-b too:
    // kept up, web alone does not save shop from the region (the caches still fail).
    const findings = analyzed({
      services: { shop: { criticality: 'high', dependsOn: ['web', { anyOf: ['cache-a', 'cache-b'] }] } },
      components: {
        web: { provider: 'aws', region: 'eu-west-3' },
        'cache-a': { provider: 'aws', region: 'eu-west-3', zone: 'eu-west-3a' },
        'cache-b': { provider: 'aws', region: 'eu-west-3', zone: 'eu-west-3b' },
      },
    });
    const byId = new Map(findings.map((f) => [f.id, f]));
    const region = byId.get('region-concentration:shop@aws/eu-west-3');
    assert.ok(region, [...byId.keys()].join(' '));
    assert.equal(region.rootCause, undefined);
    assert.equal(byId.get('single-point-of-failure:web')?.related, undefined);
  });

  it('what the place hits itself stays down when what it depends on is kept up', () => {
    // The region hits c and y; shop fails through a ← c, and through z ← y. Kept up, c brings a
    // back, not y (the region hits y directly): shop stays down, so c is not the root.
    const findings = analyzed({
      services: { shop: { criticality: 'medium', dependsOn: ['a', 'z'] } },
      components: {
        c: { provider: 'aws', region: 'eu-west-3' },
        a: { provider: 'ovh', region: 'gra', dependsOn: ['c'] },
        y: { provider: 'aws', region: 'eu-west-3', dependsOn: ['c'] },
        z: { dependsOn: ['y'] },
      },
    });
    const byId = new Map(findings.map((f) => [f.id, f]));
    const region = byId.get('region-concentration:shop@aws/eu-west-3');
    assert.ok(region, [...byId.keys()].join(' '));
    assert.equal(region.rootCause, undefined);
  });

  it('the concentrations of one place that no single point explains are one group', () => {
    const findings = analyzed({
      services: {
        shop: { criticality: 'critical', dependsOn: ['web', 'db'] },
        admin: { criticality: 'low', dependsOn: ['back', 'db'] },
      },
      components: {
        web: { provider: 'aws', region: 'eu-west-3' },
        back: { provider: 'aws', region: 'eu-west-3' },
        db: { provider: 'aws', region: 'eu-west-3' },
      },
    });
    const byId = new Map(findings.map((f) => [f.id, f]));
    assert.deepEqual(byId.get('region-concentration:shop@aws/eu-west-3')?.related, [
      'region-concentration:admin@aws/eu-west-3',
    ]);
  });

  it('a shared dependency is grouped under its shared component only when it names one', () => {
    const body = (shared: string[]) => ({
      services: { shop: { criticality: 'high', dependsOn: [{ anyOf: ['a', 'b'], name: 'pool' }] } },
      components: {
        a: { provider: 'aws', region: 'eu-west-3', zone: 'eu-west-3a', dependsOn: shared },
        b: { provider: 'gcp', region: 'europe-west9', dependsOn: shared },
        k1: { provider: 'ovh', region: 'gra' },
        k2: { provider: 'scaleway', region: 'fr-par' },
      },
    });
    const one = new Map(analyzed(body(['k1'])).map((f) => [f.id, f]));
    assert.equal(one.get('shared-dependency:shop.dependsOn[0]')?.rootCause, 'single-point-of-failure:k1');
    const two = new Map(analyzed(body(['k1', 'k2'])).map((f) => [f.id, f]));
    const finding = two.get('shared-dependency:shop.dependsOn[0]');
    assert.ok(finding, [...two.keys()].join(' '));
    assert.equal(finding.rootCause, undefined, 'k1 and k2: two roots, the finding stays its own');
  });
});

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];

interface SeenGroup {
  readonly heading: string;
  readonly also: string[];
  readonly summary: string;
  readonly relatedVisibleBefore: boolean;
  readonly relatedVisibleAfter: boolean;
  readonly related: string[];
}

/** In the page: the findings heading, the cf-cdn row's "also" lines, its folded related findings. */
const GROUP_SCRIPT = `(async () => {
  const row = document.querySelector('[data-id="single-point-of-failure:cf-cdn"]');
  const details = row.querySelector('details.related');
  const first = details.querySelector('li');
  const visible = (e) => e.checkVisibility();
  const before = visible(first);
  details.querySelector('summary').click();
  await new Promise((r) => requestAnimationFrame(r));
  const heading = [...document.querySelectorAll('h2')].map((h) => h.textContent).find((t) => /24/.test(t));
  return {
    heading,
    also: [...row.querySelectorAll('ul.also li')].map((li) => li.textContent),
    summary: details.querySelector('summary').textContent,
    relatedVisibleBefore: before,
    relatedVisibleAfter: visible(first),
    related: [...details.querySelectorAll('li')].map((li) => li.getAttribute('data-id')),
  };
})()`;

describe('the HTML report (Chromium)', () => {
  let browser: Browser;
  before(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
  });

  for (const [lang, heading, summary, also] of [
    [
      'en',
      'Findings: 24, from 16 root causes',
      '2 related findings, same root cause',
      'also: a failure of cloudflare takes checkout, storefront down through it',
    ],
    [
      'fr',
      'Constats : 24, issus de 16 causes premières',
      '2 constats liés, même cause première',
      'aussi : une panne de cloudflare fait tomber checkout, storefront par son intermédiaire',
    ],
  ] as const) {
    it(`folds the related findings under their root in <details> (${lang})`, async () => {
      const out = join(tempDir(), 'report.html');
      const r = await runCli(
        ['analyze', '-c', 'examples/startup-aws.yaml', '--format', 'html', '--out', out, '--lang', lang],
        { cwd: ROOT },
      );
      assert.equal(r.code, 0, r.stderr);
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      try {
        await page.goto(`file://${out}`);
        const seen = (await page.evaluate(GROUP_SCRIPT)) as SeenGroup;
        assert.equal(seen.heading, heading);
        assert.deepEqual(seen.also, [also]);
        assert.equal(seen.summary, summary);
        assert.equal(seen.relatedVisibleBefore, false, 'folded');
        assert.equal(seen.relatedVisibleAfter, true, 'unfolds');
        assert.deepEqual(seen.related, [
          'provider-concentration:checkout@cloudflare',
          'provider-concentration:storefront@cloudflare',
        ]);
      } finally {
        await page.close();
      }
    });
  }
});

describe('the HTML report: outages not evaluated, and totals', () => {
  for (const [lang, title, line] of [
    [
      'en',
      'Outages not evaluated',
      'ovh-sbg-2021-03-10: not evaluated for web, which have no region. bascule validate shows the lines concerned.',
    ],
    [
      'fr',
      'Pannes non évaluées',
      'ovh-sbg-2021-03-10 : non évaluée pour web, sans région indiquée. bascule validate indique les lignes concernées.',
    ],
  ] as const) {
    it(`names the outages it could not evaluate (${lang})`, async () => {
      const dir = tempDir();
      writeFileSync(
        join(dir, 'bascule.yaml'),
        'version: 1\nname: t\nservices:\n  shop: {dependsOn: [web]}\ncomponents:\n  web: {provider: ovh, kind: compute}\n',
      );
      const r = await runCli(['analyze', '--format', 'html', '--lang', lang], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(
        r.stdout.includes(`<div class="not-evaluated"><h3>${title}</h3><ul><li>${line}</li></ul></div>`),
      );
    });
  }

  it('says "showing 15 of 31" under a cut list, and "20 of 30" where a row lists fewer services than it has (and the text too)', async () => {
    // 30 services on one shared core, each with its own front: 31 blast radii, core's with 30 services.
    const services: Record<string, unknown> = {};
    const components: Record<string, unknown> = { core: { provider: 'ovh', region: 'gra' } };
    for (let i = 0; i < 30; i++) {
      const n = String(i).padStart(2, '0');
      services[`s${n}`] = { criticality: 'medium', dependsOn: [`front-${n}`, 'core'] };
      components[`front-${n}`] = { provider: 'scaleway', region: 'fr-par' };
    }
    const config = map({ services, components });
    const graph = buildGraph(config);
    const analysis = analyze(config, [], graph);
    for (const [lang, showing, of, text] of [
      ['en', 'showing 15 of 31', '(20 of 30)', 'showing 10 of 31'],
      ['fr', '15 affichés sur 31', '(20 sur 30)', '10 affichés sur 31'],
    ] as const) {
      // The text report cuts the same list at 10, and says so too.
      const lines = analysisText(analysis, lang, painter(false)).split('\n');
      assert.ok(lines.includes(text), lang);
      assert.ok(
        lines.some((l) => l.startsWith('core ') && l.endsWith(of)),
        lang,
      );
      const html = await renderHtml({ config, graph, lang, analysis });
      const blast = html.slice(html.indexOf(lang === 'en' ? 'Largest blast' : 'Plus grands rayons'));
      assert.ok(blast.includes(`<p class="muted shown">${showing}</p>`), lang);
      assert.ok(blast.includes(`<span class="muted shown">${of}</span>`), lang);
    }
  });

  it('says how many root causes it shows when there are more than 500', async () => {
    const services: Record<string, unknown> = {};
    const components: Record<string, unknown> = {};
    for (let i = 0; i < 510; i++) {
      services[`s${i}`] = { criticality: 'low', dependsOn: [`c${i}`] };
      components[`c${i}`] = { provider: `p${i}` };
    }
    const config = map({ services, components });
    const graph = buildGraph(config);
    const analysis = analyze(config, [], graph);
    const roots = analysis.findings.filter((f) => !f.rootCause).length;
    assert.equal(roots, 510, 'one single point of failure per service');
    const html = await renderHtml({ config, graph, lang: 'en', analysis });
    assert.ok(html.includes(`<p class="muted shown">showing 500 of 510</p>`));
  });
});
