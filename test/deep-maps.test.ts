/**
 * Deep random maps (issue 10): findings and output bounded by the map, not by its paths; the two
 * ways of computing blast radii (propagation per component, bottom-up killer bitsets) agree.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generateDeepMap, generateMap } from '../bench/generate.ts';
import { analyze } from '../src/analysis/analyze.ts';
import { blastRadii, estimatedWork, plannedStrategy, WORK_PER_NODE } from '../src/analysis/blast-radius.ts';
import { buildGraph } from '../src/analysis/graph.ts';
import { parsePredicate } from '../src/analysis/predicate.ts';
import { Propagator } from '../src/analysis/propagate.ts';
import { simulate } from '../src/analysis/simulate.ts';
import { loadConfig } from '../src/model/load.ts';
import type { Config } from '../src/model/schema.ts';
import { loadScenarios } from '../src/scenarios/library.ts';
import { runCli, tempDir } from './helpers/cli.ts';
import { map } from './helpers/map.ts';

function deep(components: number, seed = 7): Config {
  const loaded = loadConfig(generateDeepMap(components, seed).yaml, 'deep.yaml');
  assert.ok(loaded.ok);
  return loaded.config;
}

interface Report {
  findings: { kind: string; subjects: string[] }[];
  blastRadius: { component: string; servicesDown: string[]; servicesDownTotal: number; truncated: boolean }[];
  singlePointsOfFailure: {
    component: string;
    services: string[];
    servicesTotal: number;
    truncated: boolean;
  }[];
}

/** The generated map has 1,500 components and 30 services: more than a list shows by default (20). */
const SIZE = 1_500;

describe('analyze on a deep map', () => {
  const dir = tempDir();
  const file = join(dir, 'deep.yaml');
  writeFileSync(file, generateDeepMap(SIZE, 7).yaml);
  const run = async (...extra: string[]) => {
    const r = await runCli(['analyze', '-c', file, '--format', 'json', ...extra]);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Report;
  };

  it('reports at most one finding per group, per component, per service and place', async () => {
    const r = await run();
    const perKind = (kind: string, key: (s: string[]) => string) => {
      const keys = r.findings.filter((f) => f.kind === kind).map((f) => key(f.subjects));
      assert.ok(keys.length > 0, kind);
      assert.equal(new Set(keys).size, keys.length, `${kind}: one finding per subject`);
      return keys.length;
    };
    const groups = perKind('shared-dependency', (s) => s[0]!);
    perKind('single-point-of-failure', (s) => s[0]!);
    perKind('region-concentration', (s) => `${s[0]} ${s[1]}`);
    // Bounded by the map: no more shared-dependency findings than redundancy groups.
    assert.ok(groups <= SIZE * 5, String(groups));
    const spofs = r.findings.filter((f) => f.kind === 'single-point-of-failure');
    assert.ok(spofs.every((f) => f.subjects.length <= 21));
  });

  it('bounds service lists by default, with their full counts and truncated set', async () => {
    const r = await run();
    assert.ok(r.blastRadius.every((b) => b.servicesDown.length <= 20));
    const cut = r.blastRadius.filter((b) => b.truncated);
    assert.ok(cut.length > 0);
    assert.ok(cut.every((b) => b.servicesDownTotal > b.servicesDown.length));
    assert.ok(r.singlePointsOfFailure.some((s) => s.truncated && s.servicesTotal > 20));
    assert.ok(r.singlePointsOfFailure.every((s) => s.services.length <= 20));
  });

  it('gives every list whole with --full', async () => {
    const bounded = await run();
    const full = await run('--full');
    assert.ok(full.blastRadius.every((b) => !b.truncated && b.servicesDown.length === b.servicesDownTotal));
    assert.ok(full.singlePointsOfFailure.every((s) => !s.truncated && s.services.length === s.servicesTotal));
    assert.deepEqual(
      full.blastRadius.map((b) => [b.component, b.servicesDownTotal]),
      bounded.blastRadius.map((b) => [b.component, b.servicesDownTotal]),
    );
  });
});

describe('blast radii by bitsets', () => {
  it('agree with one propagation per component, on deep maps and on the examples', () => {
    const configs = [deep(300, 1), deep(400, 2), deep(250, 3)];
    for (const name of ['startup-aws', 'pme-ovh', 'multicloud', 'watch']) {
      configs.push(exampleConfig(name));
    }
    const scenarios = loadScenarios();
    for (const config of configs) {
      const a = analyze(config, scenarios, buildGraph(config), { strategy: 'propagation' });
      const b = analyze(config, scenarios, buildGraph(config), { strategy: 'bitsets' });
      const sorted = (x: typeof a) => ({
        ...x,
        findings: [...x.findings].sort((p, q) => JSON.stringify(p).localeCompare(JSON.stringify(q))),
      });
      assert.deepEqual(sorted(b), sorted(a), config.name);
    }
  });

  it('looks for the nearest shared dependencies among the first 64 candidates only, in both strategies', () => {
    // a and b share x1 (x2… below it fail with it, so they are not named) and w, which comes after
    // every x in the order (a chain of q's leads to it too): named only if the search reaches it.
    const shared = (chain: number) => {
      const components: Record<string, unknown> = {
        a: { provider: 'p', dependsOn: ['x1', 'w'] },
        b: { provider: 'p', dependsOn: ['x1', 'w'] },
        w: { provider: 'p' },
      };
      for (let i = 1; i <= chain; i++)
        components[`x${i}`] = { provider: 'p', ...(i < chain ? { dependsOn: [`x${i + 1}`] } : {}) };
      for (let i = 1; i <= chain + 10; i++)
        components[`q${i}`] = { provider: 'p', dependsOn: [i < chain + 10 ? `q${i + 1}` : 'w'] };
      const c = map({
        services: { s: { dependsOn: [{ anyOf: ['a', 'b'] }] }, other: { dependsOn: ['q1'] } },
        components,
      } as Parameters<typeof map>[0]);
      return (['propagation', 'bitsets'] as const).map((strategy) =>
        analyze(c, [], buildGraph(c), { strategy })
          .findings.filter((f) => f.kind === 'shared-dependency')
          .map((f) => f.params.shared),
      );
    };
    assert.deepEqual(shared(10), [['x1, w'], ['x1, w']]);
    assert.deepEqual(shared(70), [['x1'], ['x1']]);
  });

  it('counts the components and services each component takes down, as a simulation does', () => {
    const config = deep(600, 4);
    const graph = buildGraph(config);
    const blast = blastRadii(graph, undefined, { strategy: 'bitsets', limit: Infinity });
    assert.equal(blast.strategy, 'bitsets');
    for (const r of blast.radii.filter((_, i) => i % 37 === 0)) {
      const id = graph.ids[r.component]!;
      const s = simulate(graph, [parsePredicate(`component=${id}`)]);
      assert.equal(r.componentsDown, s.componentsDown.length - 1, id);
      assert.deepEqual(r.services.map((n) => graph.ids[n]!).sort(), s.servicesDown, id);
    }
  });

  it('is chosen by itself on a deep map, not on a small one', () => {
    assert.equal(blastRadii(buildGraph(deep(1_500))).strategy, 'bitsets');
    assert.equal(blastRadii(buildGraph(exampleConfig('startup-aws'))).strategy, 'propagation');
  });

  it('is decided from a sample before any whole propagation: deep maps go to bitsets, layered ones stay', () => {
    const over = (config: Config) => {
      const graph = buildGraph(config);
      const prop = new Propagator(graph);
      const estimate = estimatedWork(graph, prop, Infinity);
      return { graph, prop, estimate, budget: WORK_PER_NODE * graph.count };
    };
    for (const size of [1_000, 1_500]) {
      const d = over(deep(size));
      assert.ok(d.estimate > d.budget, `deep ${size}: ${d.estimate} <= ${d.budget}`);
      assert.equal(plannedStrategy(d.graph, d.prop), 'bitsets');
    }
    const layered = loadConfig(generateMap(3_000).yaml, 'layered.yaml');
    assert.ok(layered.ok);
    const l = over(layered.config);
    assert.ok(l.estimate < l.budget / 2, `layered: ${l.estimate} >= ${l.budget / 2}`);
    assert.equal(plannedStrategy(l.graph, l.prop), 'propagation');
    // A map with fewer components than the sample is measured whole: the estimate is the work.
    const e = over(exampleConfig('multicloud'));
    let work = 0;
    for (const c of e.graph.components) work += e.prop.run([c]);
    assert.equal(e.estimate, work);
  });

  it('tries no top action on a deep map (each would cost a whole deep analysis), some on an example', () => {
    const d = deep(1_500);
    const a = analyze(d, [], buildGraph(d), { actions: true });
    assert.ok((a.actions?.candidates ?? 0) > 0, 'changes were suggested');
    assert.equal(a.actions?.evaluated, 0);
    const e = exampleConfig('startup-aws');
    assert.ok((analyze(e, [], buildGraph(e), { actions: true }).actions?.evaluated ?? 0) > 0);
  });
});

function exampleConfig(name: string): Config {
  const yaml = readFileSync(new URL(`../examples/${name}.yaml`, import.meta.url), 'utf8');
  const loaded = loadConfig(yaml, `examples/${name}.yaml`);
  assert.ok(loaded.ok);
  return loaded.config;
}
