/** The results of `bascule backup init|run|verify` for people: a short table, and a line that sums up. */
import type { DatasetRunOutcome } from '../../backup/jobs.ts';
import type { RunnerVerifyOutcome, TargetInit } from '../../backup/runner/index.ts';
import { ERRORS, type ErrorCode } from '../../errors.ts';
import { type Lang, render, t } from '../../i18n/index.ts';
import { formatDuration } from '../../model/duration.ts';
import type { BackupError } from '../../store/backup-records.ts';
import { type Paint, table } from '../style.ts';

/** Why a step failed, in the reader's language: restic's and the runner's codes read with the target named. */
export function reasonOf(lang: Lang, error: BackupError | undefined, target: string): string {
  if (!error) return '';
  const detail = error.detail ?? '';
  if (error.code in ERRORS && /^BASCULE_E_(RESTIC|BACKUP_NO)_/.test(error.code))
    return render(lang, error.code as ErrorCode, { repository: target, detail });
  return detail ? `${error.code}: ${detail}` : error.code;
}

const short = (id: string | undefined) => (id ? id.slice(0, 8) : '—');
const took = (a: number, b: number) => formatDuration(Math.max(0, Math.round((b - a) / 1000)) * 1000);

function header(lang: Lang, paint: Paint) {
  return (rows: string[][]) =>
    table(
      [
        t(lang, 'backup.col.DATASET'),
        t(lang, 'backup.col.TARGET'),
        t(lang, 'backupJobs.col.STEP'),
        t(lang, 'backupJobs.col.RESULT'),
        t(lang, 'backup.col.SNAPSHOT'),
        t(lang, 'cli.col.DURATION'),
        t(lang, 'backupJobs.col.DETAIL'),
      ],
      rows,
      paint,
    );
}

const result = (lang: Lang, paint: Paint, ok: boolean) =>
  ok ? paint('green', t(lang, 'backupJobs.result.ok')) : paint('red', t(lang, 'backupJobs.result.failed'));

export function renderRuns(list: readonly DatasetRunOutcome[], lang: Lang, paint: Paint): string {
  const rows = list.flatMap((o) =>
    o.runs.map((r) => [
      o.dataset,
      r.target,
      t(lang, `backupJobs.step.${r.kind}`),
      result(lang, paint, r.ok),
      short(r.snapshot),
      took(r.startedAt, r.finishedAt),
      reasonOf(lang, r.error, r.target),
    ]),
  );
  const ok = list.filter((o) => o.ok).length;
  return `${header(lang, paint)(rows)}\n\n${t(lang, 'backupJobs.run.summary', { ok, count: list.length })}`;
}

export function renderVerifies(list: readonly RunnerVerifyOutcome[], lang: Lang, paint: Paint): string {
  const rows = list.flatMap((o) => [
    ...o.checks.map((c) => [
      o.dataset,
      c.target,
      `${t(lang, 'backupJobs.step.check')} (${c.readData ?? ''})`,
      result(lang, paint, c.ok),
      '—',
      '',
      reasonOf(lang, c.error, c.target),
    ]),
    ...o.restores.map((r) => [
      o.dataset,
      r.target,
      t(lang, 'backupJobs.step.restore-test'),
      result(lang, paint, r.ok),
      short(r.snapshot),
      '',
      reasonOf(lang, r.error, r.target),
    ]),
    ...o.proofs.map((p) => [
      o.dataset,
      p.target,
      t(lang, 'backupJobs.step.proof'),
      p.immutable
        ? paint('green', t(lang, 'backupJobs.result.immutable'))
        : paint('red', p.error ? t(lang, 'backupJobs.result.failed') : t(lang, 'backupJobs.result.mutable')),
      '—',
      '',
      reasonOf(lang, p.error, p.target),
    ]),
    // A failure that left no record (no good snapshot to test, a secret missing).
    ...(o.error &&
    !o.checks.some((c) => !c.ok) &&
    !o.restores.some((r) => !r.ok) &&
    !o.proofs.some((p) => !p.immutable)
      ? [
          [
            o.dataset,
            o.error.target,
            t(lang, 'backupJobs.step.restore-test'),
            result(lang, paint, false),
            '—',
            '',
            reasonOf(lang, o.error, o.error.target),
          ],
        ]
      : []),
  ]);
  const ok = list.filter((o) => o.ok).length;
  return `${header(lang, paint)(rows)}\n\n${t(lang, 'backupJobs.verify.summary', { ok, count: list.length })}`;
}

export function renderInits(list: readonly TargetInit[], lang: Lang, paint: Paint): string {
  const rows = list.map((i) => [
    i.target,
    i.ok
      ? paint('green', t(lang, i.created ? 'backupJobs.result.created' : 'backupJobs.result.existed'))
      : paint('red', t(lang, 'backupJobs.result.failed')),
    reasonOf(lang, i.error, i.target),
  ]);
  const ok = list.filter((i) => i.ok).length;
  return `${table(
    [t(lang, 'backup.col.TARGET'), t(lang, 'backupJobs.col.RESULT'), t(lang, 'backupJobs.col.DETAIL')],
    rows,
    paint,
  )}\n\n${t(lang, 'backupJobs.init.summary', { ok, count: list.length })}`;
}
