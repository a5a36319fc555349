/** One measured run (child process of analyze.bench.ts): load + analyze a generated map, print JSON. */
import { topActions } from '../src/analysis/actions.ts';
import { analyze } from '../src/analysis/analyze.ts';
import { buildGraph } from '../src/analysis/graph.ts';
import { loadConfig } from '../src/model/load.ts';
import { loadScenarios } from '../src/scenarios/library.ts';
import { generateDeepMap, generateMap } from './generate.ts';

const size = Number(process.argv[2]);
const shape = process.argv[3] ?? 'layered';
const map = shape === 'deep' ? generateDeepMap(size) : generateMap(size);
const scenarios = loadScenarios();
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const loaded = loadConfig(map.yaml, 'generated.yaml');
const t1 = performance.now();
if (!loaded.ok) throw new Error(`generated map invalid: ${JSON.stringify(loaded.diagnostics.slice(0, 3))}`);
const analysis = analyze(loaded.config, scenarios);
const t2 = performance.now();
// The top actions: the analysis re-run once per candidate change, within the work budget.
const actions = topActions(buildGraph(loaded.config), scenarios, analysis, (c, s, g) => analyze(c, s, g));
const t3 = performance.now();
process.stdout.write(
  `${JSON.stringify({
    size,
    components: map.components,
    services: map.services,
    dependencies: map.edges,
    yamlBytes: map.yaml.length,
    loadMs: t1 - t0,
    analyzeMs: t2 - t1,
    totalMs: t2 - t0,
    actionsMs: t3 - t2,
    actionsEvaluated: actions.evaluated,
    actionsCandidates: actions.candidates,
    findings: analysis.findings.length,
    findingsByKind: Object.fromEntries(
      [...new Set(analysis.findings.map((f) => f.kind))].map((k) => [
        k,
        analysis.findings.filter((f) => f.kind === k).length,
      ]),
    ),
    jsonMB: JSON.stringify(analysis).length / 2 ** 20,
    singlePointsOfFailure: analysis.singlePointsOfFailure.length,
    outages: analysis.outages.length,
    rssBeforeMB: rssBefore / 2 ** 20,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    heapUsedMB: process.memoryUsage().heapUsed / 2 ** 20,
  })}\n`,
);
