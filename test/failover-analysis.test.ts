/**
 * The analyser reads failover groups Bascule runs: the endpoints become redundant, simulate and the
 * replays say what the failover would do, and control-plane-dependency judges where Bascule runs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../src/analysis/analyze.ts';
import { buildGraph } from '../src/analysis/graph.ts';
import { simulate } from '../src/analysis/simulate.ts';
import { t } from '../src/i18n/index.ts';
import { loadConfig } from '../src/model/load.ts';
import { failoverSentence } from '../src/report/failover-outcome.ts';
import { renderFinding } from '../src/report/findings.ts';
import { renderHtml } from '../src/report/html/index.ts';
import type { Scenario } from '../src/scenarios/scenario.ts';

function map(node: string, runtime = 'runtime: {component: node}\n') {
  const text = `version: 1
name: Small
services:
  api: {criticality: critical, dependsOn: [api-tier]}
components:
  api-tier: {dependsOn: [api-aws, api-gcp]}
  api-aws: {provider: aws, region: us-east-1}
  api-gcp: {provider: gcp, region: europe-west1}
  node: ${node}
checks:
  api-aws: {component: api-aws, tcp: 127.0.0.2:9001}
  api-gcp: {component: api-gcp, tcp: 127.0.0.3:9002}
failover:
  api:
    service: api
    endpoints:
      - {name: aws, address: 127.0.0.2:9001, check: api-aws}
      - {name: gcp, address: 127.0.0.3:9002, check: api-gcp}
    proxy: {listen: 127.0.0.1:8080}
${runtime}`;
  const r = loadConfig(text, 'bascule.yaml');
  assert.ok(r.ok, JSON.stringify(!r.ok && r.diagnostics));
  return r.config;
}

const SCENARIO: Scenario = {
  id: 'aws-us-east-1',
  date: '2025-10-20',
  provider: 'aws',
  title: { en: 'AWS us-east-1', fr: 'AWS us-east-1' },
  summary: { en: '', fr: '' },
  sources: [],
  fail: [{ provider: 'aws', region: 'us-east-1' }],
} as unknown as Scenario;

describe('failover groups in the analysis', () => {
  it('makes the endpoints redundant where their paths part, and says the failover switches', () => {
    const graph = buildGraph(map('{provider: hetzner, region: fsn1}'));
    const s = simulate(graph, [{ provider: 'aws' }]);
    assert.deepEqual(s.servicesDown, []);
    assert.deepEqual(
      s.degraded.map((d) => d.label),
      ['failover.api'],
    );
    assert.deepEqual(s.failovers, [
      { failover: 'api', subject: 'api', outcome: 'switches', from: 'aws', to: 'gcp' },
    ]);
    assert.equal(failoverSentence(s.failovers[0]!, 'en'), 'api switches to gcp');
    assert.equal(failoverSentence(s.failovers[0]!, 'fr'), 'api bascule vers gcp');
  });

  it('says when no endpoint is left', () => {
    const graph = buildGraph(map('{provider: hetzner, region: fsn1}'));
    const s = simulate(graph, [{ provider: 'aws' }, { provider: 'gcp' }]);
    assert.deepEqual(s.servicesDown, ['api']);
    assert.equal(failoverSentence(s.failovers[0]!, 'en'), 'api: no healthy endpoint left');
    assert.equal(failoverSentence(s.failovers[0]!, 'fr'), 'api : plus aucun point d’accès sain');
  });

  it('the replays say what the failover would do', () => {
    const config = map('{provider: hetzner, region: fsn1}');
    const a = analyze(config, [SCENARIO]);
    assert.deepEqual(a.outages[0]!.servicesDown, []);
    assert.deepEqual(
      a.outages[0]!.failovers.map((f) => failoverSentence(f, 'en')),
      ['api switches to gcp'],
    );
  });

  it('a Bascule node on the provider it fails over from: a finding with the proof chain, and the failover is stuck', () => {
    const config = map('{dependsOn: [vm]}\n  vm: {provider: aws, region: us-east-1}');
    const a = analyze(config, [SCENARIO]);
    const f = a.findings.find((x) => x.kind === 'control-plane-dependency' && x.variant === 'bascule');
    assert.ok(f, JSON.stringify(a.findings));
    assert.equal(f.severity, 'critical');
    assert.deepEqual(f.subjects.slice(0, 2), ['node', 'aws/us-east-1']);
    const text = renderFinding('en', f).message;
    assert.match(
      text,
      /Bascule runs failover api of api on node, which fails with aws\/us-east-1 \(node ← vm\)/,
    );
    assert.match(text, /cannot switch to api-gcp/);
    assert.match(renderFinding('fr', f).message, /ne peut pas basculer vers api-gcp/);
    assert.deepEqual(a.outages[0]!.servicesDown, ['api']);
    assert.equal(
      failoverSentence(a.outages[0]!.failovers[0]!, 'en'),
      'api cannot switch to gcp: node, which moves the traffic, fails too',
    );
  });

  it('a Bascule node elsewhere: no such finding', () => {
    const a = analyze(map('{provider: hetzner, region: fsn1}'), [SCENARIO]);
    assert.equal(a.findings.filter((x) => x.kind === 'control-plane-dependency').length, 0);
  });

  it('no runtime.component: the placement cannot be judged, and the analysis says so', () => {
    const a = analyze(map('{provider: hetzner}', ''), []);
    const f = a.findings.find((x) => x.variant === 'bascule-unplaced');
    assert.ok(f);
    assert.equal(f.severity, 'info');
    assert.match(renderFinding('en', f).message, /does not say where Bascule runs/);
    assert.match(renderFinding('en', f).recommendation, /runtime\.component/);
    assert.ok(
      t('fr', 'finding.control-plane-dependency.bascule-unplaced.message', {
        failover: 'api',
        service: 'api',
      }),
    );
  });

  it('the HTML report shows what the failover would do, in the replays and in a simulation (en, fr)', async () => {
    const config = map('{provider: hetzner, region: fsn1}');
    const graph = buildGraph(config);
    const analysis = analyze(config, [SCENARIO]);
    for (const [lang, said] of [
      ['en', 'api switches to gcp'],
      ['fr', 'api bascule vers gcp'],
    ] as const) {
      const report = await renderHtml({ config, graph, lang, analysis, file: 'bascule.yaml' });
      assert.match(report, new RegExp(`<td><span class="ok">${said}</span></td>`));
      const sim = await renderHtml({
        config,
        graph,
        lang,
        simulation: simulate(graph, [{ provider: 'aws' }]),
        file: 'bascule.yaml',
      });
      assert.match(sim, new RegExp(`<p><span class="ok">${said}</span></p>`));
    }
  });
});
