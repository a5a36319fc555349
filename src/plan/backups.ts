/**
 * The backup part of the plan: the records judged (backup/status.ts: each copy against the RPO;
 * backup/rule.ts: the 3-2-1-1-0 verdict), then worded: where each copy lives (target → component →
 * provider and region), how often, the RPO against the copy that counts (the newest good off-site
 * copy when there is an off-site target: the one left after the site is lost), the last restore
 * test, and the restore tests to schedule (never tested, failed, older than the verification
 * period or, without one, the review period). Pure: the caller reads the store and passes the time.
 */
import { colocation } from '../backup/rule.ts';
import { backupStatus, VERIFY_GRACE } from '../backup/status.ts';
import type { BackupView, NextTest, PlanBackupDataset, PlanBackups } from '../i18n/documents/plan.ts';
import { type Lang, type MessageKey, render, t } from '../i18n/index.ts';
import { parseDuration } from '../model/duration.ts';
import type { Config } from '../model/schema.ts';
import type { BackupHeads, RestoreTest } from '../store/backup-records.ts';
import { against, humanDuration, measuredTime } from './words.ts';

/** Restore tests listed in the exercises. */
export const MAX_RESTORES_LISTED = 50;

/** What the store holds of the backups: the heads, and the newest restore tests. */
export interface BackupRecords {
  readonly heads: BackupHeads;
  readonly restores: readonly RestoreTest[];
}

const NO_HEADS: BackupHeads = { lastRuns: [], goodRuns: [], checks: [], restores: [], proofs: [] };

/** The map's backups judged on the records; undefined records: nothing measured. Undefined: the map declares none. */
export function planBackups(
  config: Config,
  records: BackupRecords | undefined,
  now: number,
): PlanBackups | undefined {
  const spec = config.backups;
  if (!spec || Object.keys(spec.datasets).length === 0) return undefined;
  const heads = records?.heads ?? NO_HEADS;
  const datasets = backupStatus(config, heads, now).map((d): PlanBackupDataset => {
    const ds = spec.datasets[d.id]!;
    const targets = d.targets.map((s) => {
      const component = spec.targets[s.id]?.component;
      const c = component === undefined ? undefined : config.components[component];
      return {
        id: s.id,
        ...(component !== undefined ? { component } : {}),
        ...(c?.provider !== undefined ? { provider: c.provider } : {}),
        ...(c?.region !== undefined ? { region: c.region } : {}),
        place: colocation(config, ds.component, component),
        state: s.status,
        ...(s.reason ? { reason: s.reason } : {}),
        ...(s.ageSeconds !== null ? { ageMs: s.ageSeconds * 1000 } : {}),
      };
    });
    const offsite = targets.filter((x) => x.place === 'offsite');
    const newest = (list: typeof targets) =>
      list
        .filter((x) => x.ageMs !== undefined)
        .reduce<(typeof targets)[number] | undefined>(
          (a, b) => (!a || b.ageMs! < a.ageMs! ? b : a),
          undefined,
        );
    const judgedOn = newest(offsite.length > 0 ? offsite : targets);
    const restore = heads.restores
      .filter((r) => r.dataset === d.id)
      .reduce<RestoreTest | undefined>((a, b) => (!a || b.at > a.at ? b : a), undefined);
    const verifyMs = ds.verify ? (parseDuration(ds.verify.every) ?? 0) * VERIFY_GRACE : undefined;
    return {
      id: d.id,
      component: ds.component,
      every: ds.every,
      rpoMs: d.rpo.ms,
      rpoFrom: d.rpo.source,
      targets,
      ...(judgedOn
        ? { judged: { target: judgedOn.id, ageMs: judgedOn.ageMs!, offsite: judgedOn.place === 'offsite' } }
        : {}),
      hasOffsite: offsite.length > 0,
      lastRunFailed: d.lastRun?.ok === false,
      ...(restore ? { lastRestoreTest: { at: restore.at, ok: restore.ok, target: restore.target } } : {}),
      restoreOn: ds.verify?.restore === true,
      ...(verifyMs !== undefined ? { verifyMs } : {}),
      rule: d.rule,
      reasons: d.ruleReasons,
    };
  });
  return {
    measured: records !== undefined,
    datasets,
    restoreTests: (records?.restores ?? []).slice(0, MAX_RESTORES_LISTED).map((r) => ({
      dataset: r.dataset,
      target: r.target,
      snapshot: r.snapshot,
      at: r.at,
      ok: r.ok,
    })),
  };
}

/** A copy's age as people read it: to the minute once past one (backups are minutes or hours apart). */
export function ageText(ms: number, lang: Lang): string {
  return ms < 60_000 ? measuredTime(ms, lang) : humanDuration(Math.round(ms / 60_000) * 60_000, lang);
}

/** A dataset's RPO against the copy that counts: never measured without records, NOT met without a good copy. */
function rpoVerdict(d: PlanBackupDataset, measured: boolean, lang: Lang) {
  if (!measured) return against(lang, d.rpoMs, 'RPO', undefined, undefined);
  if (!d.judged) return against(lang, d.rpoMs, 'RPO', Number.POSITIVE_INFINITY, t(lang, 'plan.noGoodCopy'));
  const age = ageText(d.judged.ageMs, lang);
  const key = d.judged.offsite ? 'plan.lastGoodOffsite' : 'plan.lastGood';
  return against(lang, d.rpoMs, 'RPO', d.judged.ageMs, t(lang, key, { age }));
}

/** The datasets worded in the plan's language. */
export function backupViews(backups: PlanBackups, lang: Lang): BackupView[] {
  return backups.datasets.map((d) => ({
    id: d.id,
    component: d.component,
    every: humanDuration(d.every, lang),
    rpo: humanDuration(d.rpoMs, lang),
    rpoFrom: d.rpoFrom,
    targets: d.targets.map(({ reason, ageMs, ...x }) => ({
      ...x,
      ...(reason ? { reason: render(lang, `backup.status.${reason}`, {}) } : {}),
      ...(ageMs !== undefined ? { age: ageText(ageMs, lang) } : {}),
    })),
    verdict: rpoVerdict(d, backups.measured, lang),
    lastRunFailed: d.lastRunFailed,
    ...(d.lastRestoreTest ? { lastRestoreTest: d.lastRestoreTest } : {}),
    restoreOn: d.restoreOn,
    measured: backups.measured,
    rule: d.rule,
    ruleReasons: d.reasons.map((r) => render(lang, `backup.reason.${r.code}` as MessageKey, r.params)),
  }));
}

/** The restore tests to schedule for a dataset: never tested, failed, or older than its period. */
export function restoreToSchedule(
  d: PlanBackupDataset,
  service: string,
  now: number,
  reviewMs: number | undefined,
): NextTest | undefined {
  const last = d.lastRestoreTest;
  if (!last) return { kind: 'restore-never', subject: d.id, service };
  if (!last.ok) return { kind: 'restore-failed', subject: d.id, service };
  const period = d.verifyMs ?? reviewMs;
  if (period !== undefined && now - last.at > period)
    return { kind: 'restore-old', subject: d.id, service, since: last.at };
  return undefined;
}
