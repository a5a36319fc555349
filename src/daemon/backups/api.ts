/**
 * What the API sees of the daemon's backups (server/deps.ts `BackupsApi`): the status judged from
 * the records with the schedule beside it, a dataset's history, the manual jobs. Answers hold the
 * records' codes and secret-free details, never a repository address, a password or a key.
 */
import { mediumOf } from '../../backup/rule.ts';
import { type Lang, t } from '../../i18n/index.ts';
import type { Config } from '../../model/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import type { BackupJobJson, BackupsApi } from '../../server/deps.ts';
import type { BackupStore } from '../../store/backup-records.ts';
import type { BackupController, BackupJobView } from './controller.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export const jobJson = (j: BackupJobView): BackupJobJson => ({ ...j, startedAt: iso(j.startedAt) });

export function backupsApi(
  config: Config,
  c: BackupController,
  store: BackupStore,
  clock: Clock,
): BackupsApi {
  const targets = config.backups?.targets ?? {};
  const datasets = config.backups?.datasets ?? {};
  return {
    datasets: () => c.datasets(),
    async status(lang: Lang) {
      const now = clock.now();
      const { heads, statuses, schedules } = await c.read(now);
      const checks = new Map(heads.checks.map((x) => [x.target, x]));
      return {
        datasets: statuses.map((d, i) => {
          const s = schedules[i]!;
          const spec = datasets[d.id]!;
          const parts = spec.to.map((x) => checks.get(x));
          const lastVerify =
            spec.verify && parts.length > 0 && parts.every((p) => p !== undefined)
              ? { ok: parts.every((p) => p!.ok), at: iso(Math.min(...parts.map((p) => p!.at))) }
              : null;
          const restore = heads.restores.filter((r) => r.dataset === d.id).sort((a, b) => b.at - a.at)[0];
          const running = c.runningFor(d.id);
          return {
            id: d.id,
            status: d.status,
            rpoSeconds: d.rpoSeconds,
            lastRun: d.lastRun,
            targets: d.targets.map((x) => ({
              id: x.id,
              snapshot: x.snapshot,
              ageSeconds: x.ageSeconds,
              status: x.status,
              ...(x.reason ? { reason: t(lang, `backup.status.${x.reason}`) } : {}),
              medium: targets[x.id] ? (mediumOf(targets[x.id]!.repository) ?? null) : null,
              appendOnly: targets[x.id]?.appendOnly ?? false,
            })),
            rule: d.rule,
            reasons: d.ruleReasons.map((r) => ({
              code: r.code,
              text: t(
                lang,
                `backup.reason.${r.code}` as 'backup.reason.copies',
                r.params as { copies: number },
              ),
            })),
            component: spec.component,
            everySeconds: Math.floor(s.everyMs / 1000),
            rpoFrom: d.rpo.source.from === 'service' ? d.rpo.source.service : d.rpo.source.from,
            nextRunAt: iso(s.nextRunAt),
            nextVerifyAt: s.nextVerifyAt === null ? null : iso(s.nextVerifyAt),
            deadline: iso(s.deadline),
            missed: s.missed,
            lastVerify,
            lastRestore: restore
              ? {
                  ok: restore.ok,
                  at: iso(restore.at),
                  target: restore.target,
                  ...(restore.mismatch ? { mismatch: restore.mismatch } : {}),
                }
              : null,
            running: running ? jobJson(running) : null,
          };
        }),
      };
    },
    async history(dataset, limit) {
      const spec = datasets[dataset]!;
      const [runs, restores, ...checks] = await Promise.all([
        store.backupRuns({ dataset, limit }),
        store.backupEvents('restore', { dataset, limit }),
        ...spec.to.map((target) => store.backupEvents('check', { target, limit })),
      ]);
      return {
        dataset,
        runs: runs.map((r) => ({
          id: r.id,
          target: r.target,
          kind: r.kind,
          startedAt: iso(r.startedAt),
          finishedAt: iso(r.finishedAt),
          ok: r.ok,
          ...(r.snapshot !== undefined ? { snapshot: r.snapshot } : {}),
          ...(r.resticVersion !== undefined ? { resticVersion: r.resticVersion } : {}),
          ...(r.summary?.filesNew !== undefined ? { filesNew: r.summary.filesNew } : {}),
          ...(r.summary?.bytesAdded !== undefined ? { bytesAdded: r.summary.bytesAdded } : {}),
          ...(r.producerExit !== undefined ? { producerExit: r.producerExit } : {}),
          ...(r.error ? { error: r.error } : {}),
        })),
        checks: checks
          .flat()
          .sort((a, b) => b.at - a.at)
          .slice(0, limit)
          .map((x) => ({
            target: x.target,
            at: iso(x.at),
            ok: x.ok,
            ...(x.readData !== undefined ? { readData: x.readData } : {}),
            ...(x.error ? { error: x.error } : {}),
          })),
        restores: restores.map((r) => ({
          target: r.target,
          snapshot: r.snapshot,
          at: iso(r.at),
          ok: r.ok,
          ...(r.mismatch !== undefined ? { mismatch: r.mismatch } : {}),
          ...(r.error ? { error: r.error } : {}),
        })),
      };
    },
    start(dataset, job, who) {
      const a = c.start(dataset, job, 'manual', who);
      if (a.ok) return { ok: true, job: jobJson(a.job) };
      return 'running' in a ? { ok: false, running: jobJson(a.running) } : a;
    },
  };
}
