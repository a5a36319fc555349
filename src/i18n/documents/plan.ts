/**
 * The business continuity plan (`bascule plan`): what it says, worked out from the map, the
 * analysis and the measurements (src/plan/build.ts), and its English and French templates. A
 * template writes the plan as blocks (headings, paragraphs, tables, figures); src/plan/ turns them
 * into Markdown, HTML and PDF.
 */
import type { Lang } from '../lang.ts';
import { helpers } from './document.ts';
import { en } from './plan/en.ts';
import { fr } from './plan/fr.ts';

export type Tone = 'ok' | 'bad' | 'warn' | 'muted';
export type Cell = string | { readonly text: string; readonly tone: Tone };

/** One block of the plan; the renderers number nothing and add the table of contents themselves. */
export type Block =
  | { readonly kind: 'h'; readonly level: 1 | 2 | 3; readonly text: string; readonly id: string }
  | { readonly kind: 'p'; readonly text: string; readonly tone?: Tone }
  | { readonly kind: 'ul' | 'ol'; readonly items: readonly string[] }
  | { readonly kind: 'table'; readonly head: readonly string[]; readonly rows: readonly (readonly Cell[])[] }
  /** A dependency picture: of a service (its id), or of the whole map (`undefined`). */
  | { readonly kind: 'figure'; readonly service: string | undefined; readonly caption: string }
  | { readonly kind: 'message'; readonly title: string; readonly subject?: string; readonly body: string }
  | { readonly kind: 'dl'; readonly items: readonly (readonly [term: string, text: string])[] }
  | { readonly kind: 'toc'; readonly title: string }
  /** The sections that follow start on a new page when printed. */
  | { readonly kind: 'break' };

/** Whether an objective was met by what was measured (or planned, for a manual procedure). */
export type Verdict =
  | {
      readonly kind: 'met' | 'not-met';
      readonly objective: string;
      readonly measured: string;
      readonly at?: number;
    }
  | { readonly kind: 'never-measured'; readonly objective: string }
  | { readonly kind: 'no-objective'; readonly measured?: string; readonly at?: number };

export interface ContactView {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly phone?: string;
  readonly email?: string;
  readonly deputies: readonly string[];
}

export interface SwitchView {
  readonly group: string;
  readonly service: string;
  readonly at: number;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  /** First failed probe (or the decision) to the first request served: what the users saw. */
  readonly total?: string;
  readonly detection?: string;
  readonly switchTime?: string;
}

export interface FailoverView {
  readonly id: string;
  /** `bascule`: a group Bascule runs; `external`: a failover run by something else (`via`). */
  readonly type: 'bascule' | 'external';
  readonly endpoints: readonly string[];
  readonly via?: string;
  readonly description?: string;
  /** How a failure is noticed: the checks of the endpoints (`every 10s, down after 3 failures`). */
  readonly detection: readonly {
    readonly check: string;
    readonly interval: string;
    readonly failAfter: number;
  }[];
  readonly switches: number;
  readonly last?: SwitchView;
  readonly verdict: Verdict;
}

export interface RunbookView {
  readonly id: string;
  readonly title: string;
  readonly when?: string;
  readonly steps: readonly { readonly do: string; readonly who: ContactView; readonly takes: string }[];
  readonly total: string;
  /** The steps' total against the service's RTO (planned, not measured). */
  readonly verdict: Verdict;
}

/** How a copy stands against the RPO (backup/status.ts): within it, within twice, beyond (or none, or failed). */
export type CopyState = 'ok' | 'warn' | 'breach';
/** Where a copy lives relative to its data: same provider and region, same provider only, elsewhere, not on the map. */
export type CopyPlace = 'region' | 'provider' | 'offsite' | 'unplaced';

/**
 * The backups of the map as the records judge them (src/plan/backups.ts fills it from the store's
 * backup heads with backup/status.ts and backup/rule.ts); absent: the map declares none.
 */
export interface PlanBackups {
  /** The records were read from a store; false: nothing was measured. */
  readonly measured: boolean;
  readonly datasets: readonly PlanBackupDataset[];
  /** The restore tests recorded, newest first. */
  readonly restoreTests: readonly PlanRestoreTest[];
}
export interface PlanRestoreTest {
  readonly dataset: string;
  readonly target: string;
  readonly snapshot: string;
  readonly at: number;
  readonly ok: boolean;
}
export interface PlanBackupTarget {
  readonly id: string;
  readonly component?: string;
  readonly provider?: string;
  readonly region?: string;
  readonly place: CopyPlace;
  readonly state: CopyState;
  /** Why it is not ok (backup/status.ts's reasons); absent when it is. */
  readonly reason?: 'stale' | 'no-snapshot' | 'run-failed' | 'never-run';
  /** How old its last good snapshot is; absent: none. */
  readonly ageMs?: number;
}
export interface PlanBackupDataset {
  readonly id: string;
  /** The component of the map whose data it is. */
  readonly component: string;
  /** How often a snapshot is taken: a duration of the map (`1h`). */
  readonly every: string;
  /** The RPO it is judged against, and where it comes from (the dataset, a service, or only its schedule). */
  readonly rpoMs: number;
  readonly rpoFrom:
    | { readonly from: 'dataset' }
    | { readonly from: 'service'; readonly service: string }
    | { readonly from: 'every' };
  readonly targets: readonly PlanBackupTarget[];
  /** The copy the RPO is judged on: the newest good off-site copy when a target is off-site, else the newest good one. */
  readonly judged?: { readonly target: string; readonly ageMs: number; readonly offsite: boolean };
  readonly hasOffsite: boolean;
  readonly lastRunFailed: boolean;
  /** The last restore test of any target. */
  readonly lastRestoreTest?: { readonly at: number; readonly ok: boolean; readonly target: string };
  /** `verify.restore` is on (the daemon tests restores). */
  readonly restoreOn: boolean;
  /** How often it is verified (ms, with its grace), when it is. */
  readonly verifyMs?: number;
  readonly rule: {
    readonly copies: number;
    readonly media: number;
    readonly offsite: number;
    readonly immutable: number;
    readonly verified: boolean;
    readonly ok: boolean;
  };
  /** Why the rule is not met (backup/rule.ts's reasons: backup.reason.<code> in the catalogue). */
  readonly reasons: readonly {
    readonly code: string;
    readonly params: Readonly<Record<string, string | number>>;
  }[];
}

/** A dataset as the templates write it: durations and reasons already in the plan's language. */
export interface BackupView {
  readonly id: string;
  readonly component: string;
  readonly every: string;
  readonly rpo: string;
  readonly rpoFrom: PlanBackupDataset['rpoFrom'];
  readonly targets: readonly (Omit<PlanBackupTarget, 'reason' | 'ageMs'> & {
    readonly reason?: string;
    readonly age?: string;
  })[];
  /** The RPO against the judged copy: met, NOT met, never measured (no records). */
  readonly verdict: Verdict;
  readonly lastRunFailed: boolean;
  readonly lastRestoreTest?: { readonly at: number; readonly ok: boolean; readonly target: string };
  readonly restoreOn: boolean;
  readonly measured: boolean;
  readonly rule: PlanBackupDataset['rule'];
  /** Why the 3-2-1-1-0 rule is not met, worded (backup.reason.*). */
  readonly ruleReasons: readonly string[];
}

export interface ServiceView {
  readonly id: string;
  readonly name?: string;
  /** Already worded in the plan's language. */
  readonly criticality: string;
  readonly rank: 'critical' | 'high' | 'medium' | 'low';
  readonly rto?: string;
  readonly rpo?: string;
  readonly mtpd?: string;
  /** The MTPD is shorter than the RTO: the objectives contradict each other. */
  readonly mtpdBelowRto: boolean;
  readonly owner?: string;
  readonly dependsOn: readonly string[];
  /** Components whose failure alone takes it down. */
  readonly spofs: readonly string[];
  /** Outages of the library it would not survive (their ids). */
  readonly outagesDown: readonly string[];
  readonly failovers: readonly FailoverView[];
  readonly runbooks: readonly RunbookView[];
  readonly backups: readonly BackupView[];
  /** The verdict the service table shows: the best evidence there is against its RTO. */
  readonly rtoVerdict: Verdict;
  /** A dependency picture is drawn for it (critical and high services). */
  readonly drawn: boolean;
  /** It has a continuity section of its own: critical or high, or with a failover, a procedure or a backup. */
  readonly detailed: boolean;
}

export interface MessageView {
  readonly channel: 'statusPage' | 'email' | 'internal';
  readonly event: 'started' | 'update' | 'resolved';
  readonly subject?: string;
  readonly body: string;
  /** Written in the map (`communications`), not the default text. */
  readonly custom: boolean;
}

export interface SupplierView {
  readonly provider: string;
  readonly name: string;
  readonly declared: boolean;
  readonly support?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly url?: string;
  readonly account?: string;
  /** The components of the map it provides. */
  readonly components: readonly string[];
}

export interface NextTest {
  readonly kind:
    | 'switch-never'
    | 'switch-old'
    | 'runbook'
    | 'restore-never'
    | 'restore-old'
    | 'restore-failed'
    | 'rto-not-met';
  readonly subject: string;
  readonly service: string;
  readonly since?: number;
}

export interface PlanView {
  readonly company: string;
  readonly description?: string;
  readonly file: string;
  readonly generatedAt: number;
  readonly plan?: {
    readonly owner?: ContactView;
    readonly scope: string;
    readonly version?: string;
    readonly reviewEvery: string;
    readonly lastReviewed?: number;
    readonly nextReview: number;
    readonly overdue: boolean;
  };
  /** Where the measurements come from: the daemon's store, or nothing (never measured). */
  readonly measured:
    | { readonly source: 'store'; readonly where: string }
    | { readonly source: 'none'; readonly where: string };
  readonly services: readonly ServiceView[];
  readonly score: { readonly value: number; readonly grade: string };
  readonly findings: readonly {
    readonly id: string;
    readonly severity: string;
    readonly rank: string;
    readonly message: string;
    readonly recommendation: string;
  }[];
  readonly actions: readonly { readonly title: string; readonly before: number; readonly after: number }[];
  readonly outages: readonly {
    readonly id: string;
    readonly date: string;
    readonly provider: string;
    readonly title: string;
    readonly services: readonly { readonly service: string; readonly chain: readonly string[] }[];
  }[];
  readonly outagesSurvived: number;
  readonly contacts: readonly ContactView[];
  readonly escalation?: {
    readonly criteria: readonly string[];
    readonly declaredBy: ContactView;
    readonly levels: readonly { readonly after: string; readonly contacts: readonly ContactView[] }[];
    readonly decisions: readonly { readonly decision: string; readonly by: ContactView }[];
  };
  readonly messages: readonly MessageView[];
  readonly suppliers: readonly SupplierView[];
  readonly switches: readonly SwitchView[];
  readonly backups?: readonly BackupView[];
  /** The restore tests recorded, newest first (at most 50). */
  readonly restoreTests: readonly PlanRestoreTest[];
  readonly nextTests: readonly NextTest[];
  readonly components: readonly {
    readonly id: string;
    readonly provider?: string;
    readonly region?: string;
    readonly kind?: string;
    readonly dependsOn: readonly string[];
  }[];
  /** The whole map is drawn in the appendix (small enough to be legible). */
  readonly mapDrawn: boolean;
}

export type PlanTemplate = (view: PlanView, h: ReturnType<typeof helpers>) => Block[];

const TEMPLATES: Readonly<Record<Lang, PlanTemplate>> = { en, fr };

/** The plan in one language, as blocks. */
export function planBlocks(view: PlanView, lang: Lang): Block[] {
  return TEMPLATES[lang](view, helpers(lang));
}
