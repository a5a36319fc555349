import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyze } from '../src/analysis/analyze.ts';
import { blastRadii } from '../src/analysis/blast-radius.ts';
import type { Finding } from '../src/analysis/finding.ts';
import { buildGraph, nodeLabel } from '../src/analysis/graph.ts';
import { failPlaces, placesOf } from '../src/analysis/placements.ts';
import { matchComponent, type Predicate, parsePredicate } from '../src/analysis/predicate.ts';
import { Propagator } from '../src/analysis/propagate.ts';
import { simulate } from '../src/analysis/simulate.ts';
import { BasculeError, type ErrorCode } from '../src/errors.ts';
import { loadConfig } from '../src/model/load.ts';
import type { Config } from '../src/model/schema.ts';
import { loadCatalogue } from '../src/scenarios/providers.ts';
import type { Scenario } from '../src/scenarios/scenario.ts';
import { map } from './helpers/map.ts';

const down = (config: Config, ...fail: string[]) => simulate(buildGraph(config), fail.map(parsePredicate));
const findings = (config: Config, kind: Finding['kind']) =>
  analyze(config, []).findings.filter((f) => f.kind === kind);

describe('failure propagation', () => {
  const shop = map({
    services: { checkout: { criticality: 'critical', dependsOn: ['web'] }, blog: { dependsOn: ['cms'] } },
    components: {
      web: { provider: 'aws', region: 'eu-west-3', dependsOn: ['db', { anyOf: ['cache-a', 'cache-b'] }] },
      db: { provider: 'aws', region: 'eu-west-3', service: 'rds', kind: 'database' },
      'cache-a': { provider: 'aws', region: 'eu-west-3', zone: 'eu-west-3a' },
      'cache-b': { provider: 'gcp', region: 'europe-west9' },
      cms: { provider: 'ovh', region: 'gra' },
    },
  });

  it('takes dependents down through hard dependencies, with the chain', () => {
    const s = down(shop, 'component=db');
    assert.deepEqual(s.servicesDown, ['checkout']);
    assert.deepEqual(s.componentsDown, ['db', 'web']);
    assert.deepEqual(s.explanations[0]!.chain, ['checkout', 'web', 'db']);
  });

  it("names a group from its own graph's members, however many graphs are labelled (labels are kept per graph)", () => {
    const with3 = (third: string) =>
      buildGraph(
        map({
          services: { s: { dependsOn: [{ anyOf: ['a', third] }] } },
          components: { a: { provider: 'aws' }, b: { provider: 'gcp' }, c: { provider: 'ovh' } },
        }),
      );
    const [gb, gc] = [with3('b'), with3('c')];
    const group = gb.index.get('s.dependsOn[0]')!;
    assert.equal(gc.index.get('s.dependsOn[0]'), group);
    for (let i = 0; i < 2; i++) {
      assert.equal(nodeLabel(gb, group), 'anyOf[a, b]');
      assert.equal(nodeLabel(gc, group), 'anyOf[a, c]');
    }
  });

  it('keeps an anyOf group up while one member survives, and reports it degraded', () => {
    const s = down(shop, 'component=cache-a');
    assert.deepEqual(s.servicesDown, []);
    assert.deepEqual(
      s.degraded.map((d) => [d.label, d.failed, d.members]),
      [['anyOf[cache-a, cache-b]', 1, 2]],
    );
  });

  it('takes an anyOf group down when all members fail, explaining each member', () => {
    const s = down(shop, 'component=cache-a', 'provider=gcp');
    assert.deepEqual(s.servicesDown, ['checkout']);
    const cause = s.explanations[0]!.cause;
    assert.equal(cause.reason, 'dependency');
    const group =
      cause.reason === 'dependency' && cause.dependency.reason === 'dependency'
        ? cause.dependency.dependency
        : undefined;
    assert.equal(group?.reason, 'group');
    if (group?.reason === 'group')
      assert.deepEqual(group.failed.map((f) => f.id).sort(), ['cache-a', 'cache-b']);
  });

  it('ANDs the keys of one predicate and ORs repeated predicates', () => {
    assert.deepEqual(down(shop, 'provider=aws,service=rds').componentsDown, ['db', 'web']);
    assert.deepEqual(down(shop, 'provider=gcp,service=rds').componentsDown, []);
    assert.deepEqual(down(shop, 'provider=ovh', 'service=rds').servicesDown, ['blog', 'checkout']);
  });

  it('matches zone and kind', () => {
    assert.deepEqual(down(shop, 'zone=eu-west-3a').componentsDown, ['cache-a']);
    assert.deepEqual(down(shop, 'kind=database').componentsDown, ['db', 'web']);
  });

  it('fails a quorum group only when fewer than need members remain', () => {
    const q = map({
      services: { api: { dependsOn: ['etcd'] } },
      components: {
        etcd: { dependsOn: [{ quorum: { need: 2, of: ['e1', 'e2', 'e3'] } }] },
        e1: { provider: 'aws', zone: 'a' },
        e2: { provider: 'aws', zone: 'b' },
        e3: { provider: 'gcp', zone: 'c' },
      },
    });
    assert.deepEqual(down(q, 'component=e1').servicesDown, []);
    assert.deepEqual(down(q, 'component=e1', 'component=e3').servicesDown, ['api']);
    assert.deepEqual(down(q, 'provider=aws').servicesDown, ['api']);
  });

  it('fails a supplier with the place it runs on, whatever service fails there', () => {
    const s = map({
      services: { pay: { dependsOn: ['stripe'] } },
      components: {
        stripe: { provider: 'stripe', kind: 'payment', runsOn: [{ provider: 'aws', region: 'us-east-1' }] },
      },
    });
    assert.deepEqual(down(s, 'provider=aws,region=us-east-1,service=dynamodb').servicesDown, ['pay']);
    assert.deepEqual(down(s, 'provider=aws,region=eu-west-1').servicesDown, []);
    assert.deepEqual(down(s, 'provider=stripe').servicesDown, ['pay']);
    const cause = down(s, 'provider=aws,region=us-east-1').explanations[0]!.cause;
    assert.equal(
      cause.reason === 'dependency' && cause.dependency.reason === 'matched' && cause.dependency.via,
      'runsOn[0]',
    );
  });

  it('does not assume a supplier with no known region runs in every region', () => {
    const s = map({
      services: { x: { dependsOn: ['saas'] } },
      components: { saas: { provider: 'acme', runsOn: [{ provider: 'aws' }] } },
    });
    assert.deepEqual(down(s, 'provider=aws,region=us-east-1').servicesDown, []);
    assert.deepEqual(down(s, 'provider=aws').servicesDown, ['x']);
  });

  it('fails a logical component only through its dependencies, or when named', () => {
    const s = map({
      services: { x: { dependsOn: ['pool'] } },
      components: {
        pool: { dependsOn: [{ anyOf: ['n1', 'n2'] }] },
        n1: { provider: 'aws' },
        n2: { provider: 'aws' },
      },
    });
    assert.deepEqual(down(s, 'provider=aws').componentsDown, ['n1', 'n2', 'pool']);
    assert.deepEqual(down(s, 'component=pool').servicesDown, ['x']);
    assert.deepEqual(down(s, 'kind=compute').servicesDown, []);
  });

  it('lets services depend on services', () => {
    const s = map({
      services: { shop: { dependsOn: ['login'] }, login: { dependsOn: ['idp'] } },
      components: { idp: { provider: 'auth0' } },
    });
    assert.deepEqual(down(s, 'provider=auth0').servicesDown, ['login', 'shop']);
  });
});

describe('predicates', () => {
  it('gives each place of the map exactly the components its predicate matches (the top actions read them)', () => {
    const configs = ['startup-aws', 'pme-ovh', 'multicloud', 'watch', 'boutique-strasbourg'].map((name) => {
      const file = `examples/${name}.yaml`;
      const r = loadConfig(
        readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'),
        file,
        loadCatalogue([]),
      );
      assert.ok(r.ok, name);
      return r.config;
    });
    configs.push(
      map({
        services: { s: { dependsOn: ['a', 'b', 'c', 'd', 'e', 'f'] } },
        components: {
          a: { provider: 'aws', region: 'eu-west-3', zone: 'eu-west-3a' },
          b: { provider: 'aws', region: 'global' },
          c: {
            runsOn: [
              {
                anyOf: [
                  { provider: 'aws', region: 'eu-west-3' },
                  { provider: 'gcp', region: 'europe-west9' },
                ],
              },
            ],
          },
          d: {
            runsOn: [
              {
                quorum: {
                  need: 2,
                  of: [
                    { provider: 'aws', region: 'eu-west-3', zone: 'eu-west-3a' },
                    { provider: 'aws', region: 'eu-west-3', zone: 'eu-west-3b' },
                    { provider: 'aws', region: 'eu-west-3', zone: 'eu-west-3c' },
                  ],
                },
              },
            ],
          },
          e: { provider: 'stripe', runsOn: [{ provider: 'aws', region: 'us-east-1' }] },
          f: { provider: 'ovh' },
        },
      }),
    );
    for (const config of configs) {
      const graph = buildGraph(config);
      for (const place of placesOf(graph)) {
        const matched = graph.components.filter(
          (c) =>
            matchComponent(graph.ids[c]!, config.components[graph.ids[c]!]!, [place.predicate]) !== undefined,
        );
        assert.deepEqual(place.members, matched, `${config.name}: ${place.label}`);
      }
    }
  });

  it('parses key=value pairs', () => {
    assert.deepEqual(parsePredicate('provider=aws,region=us-east-1'), {
      provider: 'aws',
      region: 'us-east-1',
    } satisfies Predicate);
  });
  const rejected: readonly (readonly [string, ErrorCode])[] = [
    ['aws', 'BASCULE_E_PREDICATE_SYNTAX'],
    ['provider=', 'BASCULE_E_PREDICATE_EMPTY'],
    ['colour=red', 'BASCULE_E_PREDICATE_KEY'],
    ['provider=aws,provider=gcp', 'BASCULE_E_PREDICATE_DUPLICATE'],
  ];
  for (const [bad, code] of rejected) {
    it(`rejects "${bad}" with ${code}`, () => {
      assert.throws(
        () => parsePredicate(bad),
        (e: unknown) => e instanceof BasculeError && e.diagnostics[0]!.code === code,
      );
    });
  }
});

describe('findings', () => {
  it('reports a single point of failure with the services it takes down, but not redundant members', () => {
    const c = map({
      services: {
        shop: { criticality: 'critical', dependsOn: ['app'] },
        admin: { criticality: 'low', dependsOn: ['db'] },
      },
      components: {
        app: { provider: 'aws', dependsOn: ['db', { anyOf: ['w1', 'w2'] }] },
        db: { provider: 'aws' },
        w1: { provider: 'aws', zone: 'a' },
        w2: { provider: 'aws', zone: 'b' },
      },
    });
    const a = analyze(c, []);
    assert.deepEqual(
      a.singlePointsOfFailure.map((s) => [s.component, s.services]),
      [
        ['app', ['shop']],
        ['db', ['admin', 'shop']],
      ],
    );
    const db = a.findings.find((f) => f.kind === 'single-point-of-failure' && f.subjects[0] === 'db')!;
    assert.equal(db.severity, 'critical');
    assert.equal(db.params.path, 'shop ← app ← db');
  });

  it('counts a supplier placed only by where it runs (runsOn) as able to fail alone, a logical component not', () => {
    const c = map({
      services: { pay: { criticality: 'high', dependsOn: ['checkout'] } },
      components: {
        checkout: { dependsOn: ['psp'] },
        psp: { runsOn: [{ provider: 'aws', region: 'eu-west-3' }] },
      },
    });
    const spofs = findings(c, 'single-point-of-failure').map((f) => f.subjects[0]);
    assert.deepEqual(spofs, ['psp']);
  });

  it('names the nearest shared component of an illusory redundancy, not what lies beneath it', () => {
    const c = map({
      services: { shop: { dependsOn: ['web'] } },
      components: {
        web: { dependsOn: [{ anyOf: ['web-aws', 'web-gcp'] }] },
        'web-aws': { provider: 'aws', dependsOn: ['sessions'] },
        'web-gcp': { provider: 'gcp', dependsOn: ['sessions'] },
        sessions: { provider: 'redis-cloud', dependsOn: ['disk'] },
        disk: { provider: 'redis-cloud' },
      },
    });
    const shared = findings(c, 'shared-dependency');
    assert.deepEqual(
      shared.map((f) => f.params.shared),
      ['sessions'],
    );
    assert.deepEqual(shared[0]!.subjects.slice(0, 2), ['web.dependsOn[0]', 'sessions']);
  });

  it('names every nearest shared component of a group, and shows the way down to the first (both strategies)', () => {
    const c = map({
      services: { shop: { dependsOn: ['web'] } },
      components: {
        web: { dependsOn: [{ anyOf: ['web-aws', 'web-gcp'] }] },
        'web-aws': { provider: 'aws', dependsOn: ['sessions', 'secrets'] },
        'web-gcp': { provider: 'gcp', dependsOn: ['sessions', 'secrets'] },
        sessions: { provider: 'redis-cloud' },
        secrets: { provider: 'vault-cloud' },
      },
    });
    for (const strategy of ['propagation', 'bitsets'] as const) {
      const [f, ...rest] = analyze(c, [], buildGraph(c), { strategy }).findings.filter(
        (x) => x.kind === 'shared-dependency',
      );
      assert.equal(rest.length, 0, strategy);
      const shared = String(f!.params.shared).split(', ');
      assert.deepEqual([...shared].sort(), ['secrets', 'sessions'], strategy);
      const path = String(f!.params.path).split(' ← ');
      assert.equal(path[0], 'anyOf[web-aws, web-gcp]', strategy);
      assert.equal(path.at(-1), shared[0], strategy);
    }
  });

  it('lists, per place, the groups it takes down that no failed shared component explains', () => {
    const here = { provider: 'aws', region: 'eu-west-3' };
    const c = map({
      services: {
        elsewhere: { dependsOn: ['y'] },
        s: { dependsOn: [{ anyOf: ['a', 'b'] }, { anyOf: ['c', 'd'] }] },
      },
      components: {
        y: { provider: 'gcp' },
        a: { ...here, dependsOn: ['x'] },
        b: { ...here, dependsOn: ['x'] },
        x: here,
        c: here,
        d: here,
      },
    });
    const graph = buildGraph(c);
    const prop = new Propagator(graph);
    const blast = blastRadii(graph, prop);
    const region = failPlaces(graph, prop, blast.groupKillers, new Set()).find(
      (p) => p.label === 'aws/eu-west-3',
    )!;
    assert.deepEqual(
      region.groups.map((g) => graph.ids[g]),
      ['s.dependsOn[1]'],
    );
  });

  it('reports members sharing one zone, and members without zones sharing a region, but not a multi-AZ pair', () => {
    const c = map({
      services: { s: { dependsOn: ['a', 'b', 'c'] } },
      components: {
        a: { dependsOn: [{ anyOf: ['a1', 'a2'] }] },
        a1: { provider: 'aws', region: 'eu-west-3', zone: 'eu-west-3a' },
        a2: { provider: 'aws', region: 'eu-west-3', zone: 'eu-west-3a' },
        b: { dependsOn: [{ anyOf: ['b1', 'b2'] }] },
        b1: { provider: 'ovh', region: 'sbg' },
        b2: { provider: 'ovh', region: 'sbg' },
        c: { dependsOn: [{ anyOf: ['c1', 'c2'] }] },
        c1: { provider: 'aws', region: 'eu-west-3', zone: 'eu-west-3a' },
        c2: { provider: 'aws', region: 'eu-west-3', zone: 'eu-west-3b' },
      },
    });
    const shared = findings(c, 'shared-dependency');
    assert.deepEqual(shared.map((f) => [f.variant, f.params.shared, f.params.owner]).sort(), [
      ['placement', 'aws/eu-west-3/eu-west-3a', 'a'],
      ['placement', 'ovh/sbg', 'b'],
    ]);
  });

  it('reports region concentration, and provider concentration only where no single region explains it', () => {
    const c = map({
      services: {
        paris: { dependsOn: ['p'] },
        multi: { dependsOn: [{ anyOf: ['m1', 'm2'] }] },
        spread: { dependsOn: [{ anyOf: ['s1', 's2'] }] },
      },
      components: {
        p: { provider: 'aws', region: 'eu-west-3' },
        m1: { provider: 'aws', region: 'eu-west-3' },
        m2: { provider: 'aws', region: 'eu-central-1' },
        s1: { provider: 'aws', region: 'eu-west-3' },
        s2: { provider: 'gcp', region: 'europe-west9' },
      },
    });
    const a = analyze(c, []);
    const conc = a.findings
      .filter((f) => f.kind.endsWith('concentration'))
      .map((f) => [f.kind, ...f.subjects])
      .sort();
    assert.deepEqual(conc, [
      ['provider-concentration', 'multi', 'aws'],
      ['region-concentration', 'paris', 'aws/eu-west-3'],
    ]);
  });

  it('flags a failover whose DNS runs on the provider it fails away from', () => {
    const c = map({
      services: { api: { criticality: 'high', dependsOn: ['edge'] } },
      components: {
        edge: { dependsOn: ['dns', { anyOf: ['api-aws', 'api-gcp'] }] },
        dns: { provider: 'aws', region: 'global', kind: 'dns', service: 'route53' },
        'api-aws': { provider: 'aws', region: 'eu-west-3' },
        'api-gcp': { provider: 'gcp', region: 'europe-west9' },
      },
      failover: { api: { primary: 'api-aws', secondary: ['api-gcp'], via: 'dns' } },
    });
    const cp = findings(c, 'control-plane-dependency');
    assert.deepEqual(
      cp.map((f) => [f.variant, f.subjects[0], f.params.place]),
      [['failover', 'api', 'aws']],
    );
    assert.equal(cp[0]!.severity, 'high');
  });

  it('flags the DNS in front of a cross-provider group when it runs on one of them, even without a failover entry', () => {
    const c = map({
      services: { api: { dependsOn: ['edge'] } },
      components: {
        edge: { dependsOn: ['dns', { anyOf: ['api-aws', 'api-gcp'] }] },
        dns: { provider: 'gcp', kind: 'dns' },
        'api-aws': { provider: 'aws' },
        'api-gcp': { provider: 'gcp' },
      },
    });
    assert.deepEqual(
      findings(c, 'control-plane-dependency').map((f) => [f.variant, ...f.subjects]),
      [['steering', 'dns', 'gcp', 'edge.dependsOn[1]']],
    );
  });

  it('flags the DNS in front of two logical stacks when it fails with one of them', () => {
    const c = map({
      services: { api: { dependsOn: ['edge'] } },
      components: {
        edge: { dependsOn: ['dns', { anyOf: ['stack-aws', 'stack-gcp'] }] },
        dns: { provider: 'aws', region: 'global', kind: 'dns', service: 'route53' },
        'stack-aws': { dependsOn: ['ecs'] },
        ecs: { provider: 'aws', region: 'eu-west-3' },
        'stack-gcp': { dependsOn: ['gke'] },
        gke: { provider: 'gcp', region: 'europe-west9' },
      },
    });
    assert.deepEqual(
      findings(c, 'control-plane-dependency').map((f) => [f.variant, ...f.subjects]),
      [['steering', 'dns', 'aws', 'edge.dependsOn[1]']],
    );
  });

  it('finds the DNS in front of a group kept inside a logical tier', () => {
    const c = map({
      services: { api: { criticality: 'critical', dependsOn: ['api-edge', 'api-tier'] } },
      components: {
        'api-edge': { provider: 'aws', region: 'global', kind: 'dns', service: 'route53' },
        'api-tier': { dependsOn: [{ anyOf: ['api-aws', 'api-gcp'] }] },
        'api-aws': { provider: 'aws', region: 'eu-west-1' },
        'api-gcp': { provider: 'gcp', region: 'europe-west1' },
      },
    });
    assert.deepEqual(
      findings(c, 'control-plane-dependency').map((f) => f.subjects),
      [['api-edge', 'aws', 'api-tier.dependsOn[0]']],
    );
  });

  it('calls a failover illusory when its secondary fails with its primary', () => {
    const c = map({
      services: { api: { criticality: 'critical', dependsOn: ['edge'] } },
      components: {
        edge: { dependsOn: ['dns', { anyOf: ['api-a', 'api-b'] }] },
        dns: { provider: 'ns1', kind: 'dns' },
        'api-a': { provider: 'aws', region: 'eu-west-3', zone: 'eu-west-3a' },
        'api-b': { provider: 'aws', region: 'eu-west-3', zone: 'eu-west-3b' },
      },
      failover: { api: { primary: 'api-a', secondary: ['api-b'], via: 'dns' } },
    });
    const shared = findings(c, 'shared-dependency').filter((f) => f.variant === 'failover');
    assert.deepEqual(
      shared.map((f) => [f.subjects[0], f.params.place, f.severity]),
      [['api', 'aws/eu-west-3', 'critical']],
    );
  });

  it('does not flag DNS hosted on a third provider', () => {
    const c = map({
      services: { api: { dependsOn: ['edge'] } },
      components: {
        edge: { dependsOn: ['dns', { anyOf: ['api-aws', 'api-gcp'] }] },
        dns: { provider: 'ns1', kind: 'dns' },
        'api-aws': { provider: 'aws' },
        'api-gcp': { provider: 'gcp' },
      },
    });
    assert.deepEqual(findings(c, 'control-plane-dependency'), []);
  });

  const monitored = (checks: Record<string, unknown>, vantages: Record<string, unknown> = {}) =>
    map({
      services: {
        shop: { criticality: 'critical', dependsOn: ['web'] },
        blog: { criticality: 'low', dependsOn: ['web'] },
      },
      components: { web: { provider: 'aws' } },
      checks,
      vantages,
    });

  it('reports a critical service with no check, but not a low one', () => {
    const gaps = findings(monitored({}), 'monitoring-gap');
    assert.deepEqual(
      gaps.map((f) => [f.variant, f.subjects[0], f.severity]),
      [['none', 'shop', 'high']],
    );
  });

  it('reports a service watched only from inside its own provider, or from nowhere declared', () => {
    const inside = monitored(
      { web: { component: 'web', http: 'https://shop.example/' } },
      { probe: { provider: 'aws' } },
    );
    assert.deepEqual(
      findings(inside, 'monitoring-gap').map((f) => f.variant),
      ['inside'],
    );
    const unplaced = monitored({ web: { component: 'web', http: 'https://shop.example/' } });
    assert.deepEqual(
      findings(unplaced, 'monitoring-gap').map((f) => f.variant),
      ['unplaced'],
    );
  });

  it('reads a check run from the daemon’s own vantage point (`local`, not declared) as watched from nowhere declared', () => {
    const local = monitored(
      { web: { component: 'web', http: 'https://shop.example/', from: ['local'] } },
      { office: { provider: 'onprem' } },
    );
    assert.deepEqual(
      findings(local, 'monitoring-gap').map((f) => f.variant),
      ['unplaced'],
    );
  });

  it('accepts a service watched from a vantage point on another provider', () => {
    const ok = monitored(
      { web: { service: 'shop', http: 'https://shop.example/', from: ['office'] } },
      { office: { provider: 'onprem' }, probe: { provider: 'aws' } },
    );
    assert.deepEqual(findings(ok, 'monitoring-gap'), []);
  });

  it('counts a check on a front-door component, not on a database deep below', () => {
    const shop = (check: string) =>
      map({
        services: { shop: { criticality: 'critical', dependsOn: ['stack'] } },
        components: {
          stack: { dependsOn: [{ anyOf: ['web-a', 'web-b'] }] },
          'web-a': { provider: 'aws', dependsOn: ['db'] },
          'web-b': { provider: 'aws', dependsOn: ['db'] },
          db: { provider: 'aws' },
        },
        vantages: { office: { provider: 'onprem' } },
        checks: { c: { component: check, http: 'https://shop.example/' } },
      });
    assert.deepEqual(findings(shop('web-a'), 'monitoring-gap'), [], 'through a logical stack and a group');
    assert.deepEqual(
      findings(shop('db'), 'monitoring-gap').map((f) => f.variant),
      ['none'],
    );
  });
});

describe('finding details', () => {
  it('says the members fail with a place through their dependencies when they do not run there', () => {
    const c = map({
      services: { app: { criticality: 'high', dependsOn: [{ anyOf: ['a', 'b'] }] } },
      components: {
        a: { provider: 'aws', region: 'eu-west-1' },
        b: { provider: 'gcp', region: 'europe-west1', dependsOn: [{ anyOf: ['r1', 'r2'] }] },
        r1: { provider: 'aws', region: 'eu-west-1' },
        r2: { provider: 'aws', region: 'eu-west-1' },
      },
    });
    const shared = findings(c, 'shared-dependency');
    assert.deepEqual(
      shared.map((f) => [f.variant, f.subjects.slice(0, 2)]),
      [
        ['placement-indirect', ['app.dependsOn[0]', 'aws/eu-west-1']],
        ['placement', ['b.dependsOn[0]', 'aws/eu-west-1']],
      ],
    );
  });

  it('does not repeat a one-component supplier as a provider concentration, but keeps where it runs', () => {
    const c = map({
      services: { checkout: { criticality: 'critical', dependsOn: ['stripe'] } },
      components: { stripe: { provider: 'stripe', runsOn: [{ provider: 'aws', region: 'us-east-1' }] } },
    });
    const a = analyze(c, []);
    assert.deepEqual(a.findings.map((f) => [f.kind, f.subjects.join(' ')]).sort(), [
      ['monitoring-gap', 'checkout'],
      ['region-concentration', 'checkout aws/us-east-1'],
      ['single-point-of-failure', 'stripe checkout'],
    ]);
  });

  it('lists placed components only in the blast radius, services most critical first', () => {
    const c = map({
      services: {
        blog: { criticality: 'low', dependsOn: ['stack'] },
        shop: { criticality: 'critical', dependsOn: ['stack'] },
      },
      components: { stack: { dependsOn: ['db'] }, db: { provider: 'ovh' } },
    });
    const a = analyze(c, []);
    assert.deepEqual(
      a.blastRadius.map((b) => b.component),
      ['db'],
    );
    const spof = a.findings.find((f) => f.kind === 'single-point-of-failure')!;
    assert.deepEqual(spof.subjects, ['db', 'shop', 'blog']);
  });
});

describe('score and outage replays', () => {
  const scenario = (id: string, fail: Predicate[]): Scenario => ({
    id,
    title: { en: id, fr: id },
    date: '2025-01-01',
    provider: 'x',
    scope: { en: '-', fr: '-' },
    summary: { en: '-', fr: '-' },
    sources: [{ title: 's', url: 'https://example.org' }],
    fail,
  });

  it('counts outages survived and single points of failure per service, weighted by criticality', () => {
    const c = map({
      services: {
        shop: { criticality: 'critical', dependsOn: ['web'] },
        blog: { criticality: 'low', dependsOn: ['cms'] },
      },
      components: { web: { provider: 'aws' }, cms: { provider: 'ovh' } },
    });
    const a = analyze(c, [
      scenario('aws-down', [{ provider: 'aws' }]),
      scenario('gcp-down', [{ provider: 'gcp' }]),
    ]);
    assert.deepEqual(
      a.outages.map((o) => [o.id, o.servicesDown]),
      [
        ['aws-down', ['shop']],
        ['gcp-down', []],
      ],
    );
    assert.deepEqual(
      a.outages.map((o) => o.hits),
      [1, 0],
      'gcp-down touches nothing in this map',
    );
    // Only the outage that hits the map counts: shop fails it, blog survives it.
    const shop = a.score.services.find((s) => s.service === 'shop')!;
    assert.deepEqual(
      [shop.outagesSurvived, shop.outagesTotal, shop.singlePointsOfFailure, shop.score],
      [0, 1, 1, 20],
    );
    const blog = a.score.services.find((s) => s.service === 'blog')!;
    assert.equal(blog.score, 80);
    assert.equal(a.score.overall, Math.round((20 * 8 + 80 * 1) / 9));
    assert.equal(a.score.grade, 'E');
  });

  it('gives a fully redundant map a top score', () => {
    const c = map({
      services: { shop: { criticality: 'critical', dependsOn: [{ anyOf: ['a', 'b'] }] } },
      components: {
        a: { provider: 'aws', region: 'eu-west-3' },
        b: { provider: 'gcp', region: 'europe-west9' },
      },
    });
    const a = analyze(c, [scenario('aws', [{ provider: 'aws' }])]);
    assert.equal(a.score.overall, 100);
    assert.equal(a.score.grade, 'A');
    assert.deepEqual(
      a.findings.filter((f) => f.kind !== 'monitoring-gap'),
      [],
    );
  });
});
