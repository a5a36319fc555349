/**
 * `backup status`, judged: per dataset and per target, ok | warn | breach from Bascule's own records
 * and the dataset's RPO. A target is ok when its last good snapshot is at most one RPO old, warn up
 * to two, breach beyond, or when it has no good snapshot, or when its last run failed; a dataset is
 * its worst target, and breach when its last run failed. Pure: the records and `now` are passed in.
 */
import { type DatasetRpo, datasetRpo } from '../model/backup-rpo.ts';
import { parseDuration } from '../model/duration.ts';
import type { Config } from '../model/schema.ts';
import type { BackupHeads, BackupRun } from '../store/backup-records.ts';
import { judgeRule, type RuleReason, type RuleVerdict } from './rule.ts';

export type BackupState = 'ok' | 'warn' | 'breach';

/** Why a target or dataset is not ok (backup.status.* in the catalogue). */
export type StatusReason = 'stale' | 'no-snapshot' | 'run-failed' | 'never-run';

export interface TargetStatus {
  readonly id: string;
  readonly snapshot: string | null;
  readonly ageSeconds: number | null;
  readonly status: BackupState;
  /** Why it is not ok; absent when it is. */
  readonly reason?: StatusReason;
}

export interface DatasetStatus {
  readonly id: string;
  readonly status: BackupState;
  readonly rpoSeconds: number;
  readonly rpo: DatasetRpo;
  readonly lastRun: { readonly ok: boolean; readonly at: string; readonly error?: string } | null;
  readonly targets: readonly TargetStatus[];
  readonly rule: RuleVerdict;
  readonly ruleReasons: readonly RuleReason[];
}

/** How much later than its period a verification may come and still count (a run takes time). */
export const VERIFY_GRACE = 1.1;

const RANK: Readonly<Record<BackupState, number>> = { ok: 0, warn: 1, breach: 2 };
const worst = (a: BackupState, b: BackupState): BackupState => (RANK[b] > RANK[a] ? b : a);

/** The state of a snapshot of this age against this RPO. */
export function ageState(ageMs: number, rpoMs: number): BackupState {
  if (ageMs <= rpoMs) return 'ok';
  return ageMs <= 2 * rpoMs ? 'warn' : 'breach';
}

/** The records' heads, indexed once for every dataset. */
interface Index {
  readonly good: ReadonlyMap<string, BackupRun>;
  /** The last backup or copy per dataset and target. */
  readonly last: ReadonlyMap<string, BackupRun>;
  readonly checks: ReadonlyMap<string, { ok: boolean; at: number }>;
  readonly proofs: ReadonlyMap<string, boolean>;
  /** The last restore test per dataset (of any target). */
  readonly restores: ReadonlyMap<string, { ok: boolean; at: number }>;
}

function index(heads: BackupHeads): Index {
  const good = new Map<string, BackupRun>();
  for (const r of heads.goodRuns) good.set(`${r.dataset} ${r.target}`, r);
  const last = new Map<string, BackupRun>();
  for (const r of heads.lastRuns) {
    if (r.kind === 'forget') continue;
    const key = `${r.dataset} ${r.target}`;
    const before = last.get(key);
    if (!before || r.startedAt > before.startedAt) last.set(key, r);
  }
  const restores = new Map<string, { ok: boolean; at: number }>();
  for (const r of heads.restores) {
    const before = restores.get(r.dataset);
    if (!before || r.at > before.at) restores.set(r.dataset, r);
  }
  return {
    good,
    last,
    checks: new Map(heads.checks.map((c) => [c.target, c])),
    proofs: new Map(heads.proofs.map((p) => [p.target, p.immutable])),
    restores,
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function judgeDataset(config: Config, id: string, ix: Index, now: number): DatasetStatus {
  const dataset = config.backups!.datasets[id]!;
  const rpo = datasetRpo(config, dataset);
  let status: BackupState = 'ok';
  let lastRun: BackupRun | undefined;
  const targets = dataset.to.map((t): TargetStatus => {
    const good = ix.good.get(`${id} ${t}`);
    const last = ix.last.get(`${id} ${t}`);
    if (last && (!lastRun || last.startedAt > lastRun.startedAt)) lastRun = last;
    const ageMs = good ? Math.max(0, now - good.finishedAt) : undefined;
    let state: BackupState = ageMs === undefined ? 'breach' : ageState(ageMs, rpo.ms);
    let reason: StatusReason | undefined =
      ageMs === undefined ? (last ? 'no-snapshot' : 'never-run') : state === 'ok' ? undefined : 'stale';
    if (last && !last.ok) {
      state = 'breach';
      reason = 'run-failed';
    }
    status = worst(status, state);
    return {
      id: t,
      snapshot: good?.snapshot ?? null,
      ageSeconds: ageMs === undefined ? null : Math.floor(ageMs / 1000),
      status: state,
      ...(reason ? { reason } : {}),
    };
  });
  if (lastRun && !lastRun.ok) status = 'breach';
  const period = dataset.verify ? (parseDuration(dataset.verify.every) ?? 0) * VERIFY_GRACE : 0;
  const within = (e: { ok: boolean; at: number } | undefined) => e?.ok === true && now - e.at <= period;
  const states = new Map(targets.map((t) => [t.id, t.status]));
  const { verdict, reasons } = judgeRule(config, id, {
    current: (t) => states.get(t) === 'ok',
    proved: (t) => ix.proofs.get(t),
    checked: (t) => within(ix.checks.get(t)),
    restored: within(ix.restores.get(id)),
  });
  const run = lastRun as BackupRun | undefined;
  return {
    id,
    status,
    rpoSeconds: Math.floor(rpo.ms / 1000),
    rpo,
    lastRun: run
      ? {
          ok: run.ok,
          at: iso(run.finishedAt),
          ...(run.error
            ? { error: run.error.detail ? `${run.error.code}: ${run.error.detail}` : run.error.code }
            : {}),
        }
      : null,
    targets,
    rule: verdict,
    ruleReasons: reasons,
  };
}

/** Every dataset of the map, in the map's order. */
export function backupStatus(config: Config, heads: BackupHeads, now: number): DatasetStatus[] {
  const ix = index(heads);
  return Object.keys(config.backups?.datasets ?? {}).map((id) => judgeDataset(config, id, ix, now));
}

/** The JSON shape: what `bascule backup status --format json` prints. */
export function backupStatusJson(list: readonly DatasetStatus[]) {
  return {
    datasets: list.map((d) => ({
      id: d.id,
      status: d.status,
      rpoSeconds: d.rpoSeconds,
      lastRun: d.lastRun,
      targets: d.targets.map((t) => ({
        id: t.id,
        snapshot: t.snapshot,
        ageSeconds: t.ageSeconds,
        status: t.status,
      })),
      rule: d.rule,
    })),
  };
}
