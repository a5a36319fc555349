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

/**
 * The backups of the map, as the plan needs them. Filled by the caller from the backup records
 * (`backups:` and its records, issue 14); absent: the plan says none are declared.
 */
export interface PlanBackups {
  readonly datasets: readonly PlanBackupDataset[];
}
export interface PlanBackupDataset {
  readonly id: string;
  /** The component of the map whose data it is. */
  readonly component: string;
  readonly targets: readonly {
    readonly id: string;
    readonly provider: string;
    readonly region?: string;
  }[];
  /** How often a snapshot is taken: a duration (`1h`). */
  readonly every: string;
  readonly rpo?: string;
  /** How old the last good snapshot is, in ms; undefined: never. */
  readonly lastGoodSnapshotAgeMs?: number;
  /** When a restore was last tested (epoch ms), and whether it worked. */
  readonly lastRestoreTest?: { readonly at: number; readonly ok: boolean };
  /** The 3-2-1-1-0 rule: copies, media, off-site, offline or immutable, errors at the last check. */
  readonly rule: {
    readonly copies: number;
    readonly media: number;
    readonly offsite: number;
    readonly immutable: number;
    readonly errors: number;
  };
}

export interface BackupView extends PlanBackupDataset {
  readonly verdict: Verdict;
  readonly lastGood?: string;
  readonly ruleMet: boolean;
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
