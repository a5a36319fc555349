/**
 * The current continuity plan, served to operators (server/plan-routes.ts): written from the
 * daemon's live map and its store's switch and backup records by a worker thread (worker.ts, one
 * job at a time, at most PLAN_TIMEOUT_MS each), so the event loop never waits for the layout.
 * Kept per language and format until the records change (a digest of those read, read again at
 * each request: a few rows) or the minute turns (the plan states ages to the minute); requests
 * that come while it is written share the same job.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { fail } from '../../errors.ts';
import type { Lang } from '../../i18n/index.ts';
import type { Catalogue } from '../../model/catalogue.ts';
import { unplacedComponents } from '../../model/catalogue-normalise.ts';
import type { Config } from '../../model/schema.ts';
import { MAX_RESTORES_LISTED } from '../../plan/backups.ts';
import type { Clock } from '../../platform/clock.ts';
import { startWorker, workerUrl } from '../../platform/worker.ts';
import type { Scenario } from '../../scenarios/scenario.ts';
import type { PlanApi, PlanDocument, PlanFormat } from '../../server/deps.ts';
import type { BackupStore } from '../../store/backup-records.ts';
import type { FailoverStore } from '../../store/failover-records.ts';
import { redactUrl } from '../../store/open.ts';
import type { PlanAnswer, PlanJob, PlanWorkerData } from './jobs.ts';

/** Switch records read for the plan: the newest ones (as `bascule plan`). */
export const MAX_PLAN_SWITCHES = 500;
/** The longest one plan may take (a PDF of a large map: layout, then Chromium's print). */
export const PLAN_TIMEOUT_MS = 180_000;
/** A plan is written again after this long even if no record changed: the ages it states move. */
export const PLAN_FRESH_MS = 60_000;

export interface PlanSources {
  readonly config: Config;
  readonly scenarios: readonly Scenario[];
  readonly catalogue: Catalogue;
  readonly file: string;
  readonly store: Pick<FailoverStore, 'switches'> & Pick<BackupStore, 'backupHeads' | 'backupEvents'>;
  readonly storeWhere: string;
  readonly clock: Clock;
  /** Chromium's executable, for the PDF (BASCULE_CHROMIUM, else Debian's). */
  readonly chromium: string;
}

export interface DaemonPlan extends PlanApi {
  /** Stops the worker (the daemon's stop). */
  close(): Promise<void>;
}

function workerData(s: PlanSources): PlanWorkerData {
  const names = new Set<string>(Object.keys(s.config.suppliers));
  for (const c of Object.values(s.config.components)) if (c.provider) names.add(c.provider);
  const providerIds: Record<string, string> = {};
  for (const n of names) {
    const found = s.catalogue.lookupProvider(n);
    providerIds[n] = found.known ? found.id : n;
  }
  return {
    config: s.config,
    scenarios: s.scenarios,
    unplaced: unplacedComponents(s.config, s.catalogue),
    providerIds,
    file: s.file,
    storeWhere: s.storeWhere,
    chromium: s.chromium,
  };
}

export function daemonPlan(s: PlanSources): DaemonPlan {
  let worker: Worker | undefined;
  let nextId = 1;
  const waiting = new Map<number, (a: PlanAnswer) => void>();
  /** One job at a time: each waits for the one before. */
  let queue: Promise<unknown> = Promise.resolve();
  const cache = new Map<string, { readonly digest: string; readonly doc: PlanDocument }>();
  const pending = new Map<string, { readonly digest: string; readonly doc: Promise<PlanDocument> }>();

  const started = (): Worker => {
    if (worker) return worker;
    const w = startWorker(workerUrl('./worker', import.meta.url), workerData(s));
    w.unref();
    w.on('message', (a: PlanAnswer) => {
      waiting.get(a.id)?.(a);
      waiting.delete(a.id);
    });
    const gone = (reason: string) => {
      if (worker === w) worker = undefined;
      for (const [id, answer] of waiting) answer({ id, ok: false, reason });
      waiting.clear();
    };
    w.on('error', (e) => gone(e.message.split('\n')[0]!.slice(0, 200)));
    w.on('exit', (code) => gone(`the plan's worker stopped (${code})`));
    worker = w;
    return w;
  };

  const run = (job: Omit<PlanJob, 'id'>): Promise<string | Uint8Array> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const w = started();
      const timer = s.clock.setTimeout(() => {
        waiting.delete(id);
        // A job past its time: the worker is stopped, the next request starts another.
        void w.terminate();
        reject(fail('BASCULE_E_HTTP_PLAN_FAILED', { reason: `took more than ${PLAN_TIMEOUT_MS / 1000} s` }));
      }, PLAN_TIMEOUT_MS);
      waiting.set(id, (a) => {
        s.clock.clearTimeout(timer);
        if (a.ok) resolve(a.body);
        else if (a.code === 'BASCULE_E_PLAN_PDF')
          reject(fail('BASCULE_E_HTTP_PLAN_PDF', { reason: a.reason }));
        else reject(fail('BASCULE_E_HTTP_PLAN_FAILED', { reason: a.reason }));
      });
      w.postMessage({ ...job, id } satisfies PlanJob);
    });

  return {
    async document(lang: Lang, format: PlanFormat): Promise<PlanDocument> {
      if (format === 'pdf' && !existsSync(s.chromium))
        throw fail('BASCULE_E_HTTP_PLAN_PDF', { reason: `${s.chromium}: not found` });
      const [switches, heads, restores] = await Promise.all([
        s.store.switches({ limit: MAX_PLAN_SWITCHES }),
        s.store.backupHeads(),
        s.store.backupEvents('restore', { limit: MAX_RESTORES_LISTED }),
      ]);
      const now = s.clock.now();
      const minute = Math.floor(now / PLAN_FRESH_MS);
      const digest = createHash('sha256')
        .update(JSON.stringify([minute, switches, heads, restores]))
        .digest('base64url')
        .slice(0, 22);
      const key = `${lang} ${format}`;
      const kept = cache.get(key);
      if (kept?.digest === digest) return kept.doc;
      const inFlight = pending.get(key);
      if (inFlight?.digest === digest) return inFlight.doc;
      const job = { lang, format, now, switches, records: { heads, restores } };
      const doc = queue
        .catch(() => undefined)
        .then(() => run(job))
        .then((body) => {
          const d = { body, etag: `"${digest}-${lang}-${format}"` };
          cache.set(key, { digest, doc: d });
          return d;
        })
        .finally(() => {
          if (pending.get(key)?.doc === doc) pending.delete(key);
        });
      queue = doc;
      pending.set(key, { digest, doc });
      return doc;
    },
    async close() {
      const w = worker;
      worker = undefined;
      await w?.terminate();
    },
  };
}

/** Where the plan says its records come from: the SQLite file, or the store's URL without its password. */
export function storeWhere(spec: string, dataDir: string): string {
  if (spec === 'sqlite') return join(dataDir, 'bascule.db');
  if (spec.startsWith('sqlite:')) return resolve(dataDir, spec.slice('sqlite:'.length));
  return redactUrl(spec);
}
