/**
 * bench/plan.ts: the continuity plan of a generated 1,000-service map, as HTML (target < 5 s) and
 * as PDF (target < 30 s), from reading the map to the last byte, with the machine's load average.
 *   node --import tsx bench/plan.ts [services] [en|fr]
 * Prints the time of each step (load, analysis, view, figures, html; launch, load, print, finish for
 * the PDF), the CPU time of this process and of Chromium, and the load average before and after.
 * The map: 1,000 services (5 % critical, 15 % high, 50 % medium, 30 % low), each on an app and a
 * database in one of 4 providers × 3 regions, a third behind a pair of app servers, all on a shared
 * DNS and identity provider; 40 contacts, a runbook per critical service, suppliers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { analyze } from '../src/analysis/analyze.ts';
import { buildGraph } from '../src/analysis/graph.ts';
import { unplacedComponents } from '../src/model/catalogue-normalise.ts';
import { loadConfig } from '../src/model/load.ts';
import { renderPlanHtml, renderPlanPdf } from '../src/plan/render.ts';
import { loadScenarios } from '../src/scenarios/library.ts';
import { loadCatalogue } from '../src/scenarios/providers.ts';

const PROVIDERS = ['aws', 'gcp', 'azure', 'ovh'];
const REGIONS: Readonly<Record<string, readonly string[]>> = {
  aws: ['eu-west-3', 'eu-central-1', 'us-east-1'],
  gcp: ['europe-west9', 'europe-west1', 'us-central1'],
  azure: ['francecentral', 'westeurope', 'northeurope'],
  ovh: ['gra', 'rbx', 'sbg'],
};

export function planMap(services: number): string {
  const out: string[] = ['version: 1', 'name: Generated company', 'services:'];
  const crit = (i: number) => {
    const r = i % 20;
    return r === 0 ? 'critical' : r < 4 ? 'high' : r < 14 ? 'medium' : 'low';
  };
  for (let i = 0; i < services; i++) {
    const c = crit(i);
    const rto = c === 'critical' ? '15m' : c === 'high' ? '1h' : '4h';
    out.push(
      `  s${i}: {criticality: ${c}, rto: ${rto}, rpo: 1h, mtpd: 1d, dependsOn: [app${i}, db${i}, dns, idp]}`,
    );
  }
  out.push(
    'components:',
    '  dns: {provider: cloudflare, region: global, kind: dns}',
    '  idp: {provider: okta, kind: auth}',
  );
  for (let i = 0; i < services; i++) {
    const p = PROVIDERS[i % 4]!;
    const region = REGIONS[p]![(i >> 2) % 3]!;
    if (i % 3 === 0) {
      out.push(`  app${i}: {dependsOn: [{anyOf: [app${i}a, app${i}b]}]}`);
      out.push(`  app${i}a: {provider: ${p}, region: ${region}, kind: compute}`);
      out.push(`  app${i}b: {provider: ${p}, region: ${REGIONS[p]![((i >> 2) + 1) % 3]}, kind: compute}`);
    } else out.push(`  app${i}: {provider: ${p}, region: ${region}, kind: compute}`);
    out.push(`  db${i}: {provider: ${p}, region: ${region}, kind: database}`);
  }
  out.push(
    'plan: {owner: c0, scope: Everything, version: "1", reviewEvery: 180d, lastReviewed: 2026-06-01}',
    'contacts:',
  );
  for (let k = 0; k < 40; k++)
    out.push(
      `  c${k}: {name: Person ${k}, role: Team ${k}, phone: "+33 6 00 00 00 ${String(k).padStart(2, '0')}", deputies: [c${(k + 1) % 40}]}`,
    );
  out.push(
    'escalation: {criteria: [A critical service down for 15 minutes], declaredBy: c0, levels: [{after: 0m, contacts: [c1]}]}',
  );
  out.push('runbooks:');
  for (let i = 0; i < services; i += 20)
    out.push(
      `  r${i}: {service: s${i}, title: Restore s${i}, steps: [{do: Restore the database, who: c${i % 40}, takes: 10m}, {do: Check, who: c${(i + 1) % 40}, takes: 5m}]}`,
    );
  out.push('suppliers:', '  aws: {phone: "+1 206 266 4064"}', '  ovh: {phone: "+33 9 72 10 10 07"}');
  return `${out.join('\n')}\n`;
}

/** CPU time so far, in ms: this process's (all its threads). */
function cpuMs(): { self: number } {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const tick = 1000 / 100; // USER_HZ
  return { self: (Number(fields[11]) + Number(fields[12])) * tick };
}

/** The CPU time of this process's descendants still running (Chromium's processes), in ms. */
function descendantsCpuMs(): number {
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(d), Number(f[1]));
      cpu.set(Number(d), (Number(f[11]) + Number(f[12])) * 10);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  for (const [pid, ms] of cpu) {
    let p = parent.get(pid);
    for (let hops = 0; p && p !== process.pid && hops < 20; hops++) p = parent.get(p);
    if (p === process.pid) total += ms;
  }
  return total;
}

const loadAverage = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const services = Number(process.argv[2] ?? 1000);
  const yaml = planMap(services);
  const lang = (process.argv[3] ?? 'en') as 'en' | 'fr';
  /** Everything `bascule plan` does before rendering: load and validate, the analysis with top actions. */
  const input = (steps: Record<string, number>) => {
    let t = performance.now();
    const catalogue = loadCatalogue([]);
    const r = loadConfig(yaml, 'generated.yaml', catalogue);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics.slice(0, 3)));
    const scenarios = loadScenarios([]);
    const graph = buildGraph(r.config);
    steps.load = performance.now() - t;
    t = performance.now();
    const analysis = analyze(r.config, scenarios, graph, {
      actions: true,
      unplaced: unplacedComponents(r.config, catalogue),
    });
    steps.analysis = performance.now() - t;
    return {
      config: r.config,
      graph,
      analysis,
      scenarios,
      lang,
      file: 'generated.yaml',
      now: Date.UTC(2026, 11, 1),
      switches: [],
      storeWhere: 'none',
    };
  };
  const record = (steps: Record<string, number>) => (step: string, ms: number) => {
    steps[step] = (steps[step] ?? 0) + ms;
  };
  const round = (steps: Record<string, number>) =>
    Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, Math.round(v)]));

  const htmlSteps: Record<string, number> = {};
  const loadBefore = loadAverage();
  let cpu = cpuMs();
  let t = performance.now();
  const { html } = await renderPlanHtml(input(htmlSteps), record(htmlSteps));
  const htmlMs = performance.now() - t;
  const htmlCpu = cpuMs().self - cpu.self;

  const pdfSteps: Record<string, number> = {};
  const loadMiddle = loadAverage();
  cpu = cpuMs();
  t = performance.now();
  let chromiumCpu = 0;
  const onPdfStep = record(pdfSteps);
  const pdf = await renderPlanPdf(
    input(pdfSteps),
    process.env.BASCULE_CHROMIUM ?? '/usr/bin/chromium',
    undefined,
    (step, ms) => {
      // Chromium's processes, just after the print and before they are closed.
      if (step === 'print') chromiumCpu = descendantsCpuMs();
      onPdfStep(step, ms);
    },
  );
  const pdfMs = performance.now() - t;
  const after = cpuMs();
  const components = (yaml.match(/^ {2}(app|db|dns|idp)[^:]*:/gm) ?? []).length;
  console.log(
    JSON.stringify({
      services,
      components,
      lang,
      htmlMs: Math.round(htmlMs),
      htmlCpuMs: Math.round(htmlCpu),
      htmlSteps: round(htmlSteps),
      htmlBytes: html.length,
      pdfMs: Math.round(pdfMs),
      pdfCpuMs: {
        node: Math.round(after.self - cpu.self),
        chromium: Math.round(chromiumCpu),
      },
      pdfSteps: round(pdfSteps),
      pdfBytes: pdf.length,
      loadAverage: { before: loadBefore, beforePdf: loadMiddle, after: loadAverage() },
      cores: (await import('node:os')).cpus().length,
      node: process.version,
    }),
  );
}

if (process.argv[1]?.endsWith('plan.ts')) await main();
