/**
 * The plan written in a worker thread, so the daemon's event loop never waits for it (an example
 * map's HTML takes 1 to 5 s of layout). Given the map once (its graph and analysis are made here),
 * then one job at a time: the records read by the daemon, the language and the format. At the
 * lowest priority (nice 19: on Linux a thread's own), so the daemon's probes and decisions go first.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { analyze } from '../../analysis/analyze.ts';
import { buildGraph } from '../../analysis/graph.ts';
import { BasculeError } from '../../errors.ts';
import { planBackups } from '../../plan/backups.ts';
import { renderPlanHtml, renderPlanMarkdown, renderPlanPdf } from '../../plan/render.ts';
import type { PlanJob, PlanWorkerData } from './jobs.ts';

try {
  setPriority(19);
} catch {
  // not allowed here: the normal priority
}
const d = workerData as PlanWorkerData;
const graph = buildGraph(d.config);
const analysis = analyze(d.config, d.scenarios, graph, { actions: true, unplaced: d.unplaced });
const ids = new Map(Object.entries(d.providerIds));

parentPort?.on('message', async (job: PlanJob) => {
  try {
    const input = {
      config: d.config,
      graph,
      analysis,
      scenarios: d.scenarios,
      lang: job.lang,
      file: d.file,
      now: job.now,
      switches: job.switches,
      storeWhere: d.storeWhere,
      providerId: (name: string) => ids.get(name) ?? name,
    };
    const backups = planBackups(d.config, job.records, job.now);
    const full = backups ? { ...input, backups } : input;
    if (job.format === 'md')
      parentPort?.postMessage({ id: job.id, ok: true, body: renderPlanMarkdown(full) });
    else if (job.format === 'html')
      parentPort?.postMessage({ id: job.id, ok: true, body: (await renderPlanHtml(full)).html });
    else {
      const pdf = await renderPlanPdf(full, d.chromium);
      parentPort?.postMessage({ id: job.id, ok: true, body: pdf }, [pdf.buffer as ArrayBuffer]);
    }
  } catch (e) {
    const known = e instanceof BasculeError ? e.diagnostics[0] : undefined;
    parentPort?.postMessage({
      id: job.id,
      ok: false,
      ...(known ? { code: known.code, reason: String(known.params.reason ?? '') } : {}),
      ...(known ? {} : { reason: e instanceof Error ? e.message.split('\n')[0]!.slice(0, 200) : String(e) }),
    });
  }
});
