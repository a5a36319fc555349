/** The shapes of the API answers the dashboard reads (docs/api.md), as far as it reads them. */

export type State = 'UP' | 'DEGRADED' | 'DOWN' | 'UNKNOWN';
export const STATES: readonly State[] = ['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'];

export interface Session {
  readonly csrf: string | null;
  readonly expiresAt: number | null;
}

export interface Vantage {
  readonly id: string;
  readonly state: string;
  readonly lastAt: string | null;
  readonly reason: string | null;
  readonly latencyMs: number | null;
}

export interface CheckState {
  readonly id: string;
  readonly state: State;
  readonly reason: string | null;
  readonly detail: string | null;
  readonly target: { readonly component?: string; readonly service?: string };
  readonly vantages: readonly Vantage[];
}

export interface CheckSummary extends CheckState {
  readonly type: string;
  readonly intervalMs: number;
  readonly from: readonly string[];
}

export interface Status {
  readonly name: string;
  readonly at: string;
  readonly checks: readonly CheckState[];
  readonly components: readonly { readonly id: string; readonly state: State }[];
  readonly services: readonly { readonly id: string; readonly state: State; readonly cause: string | null }[];
}

export interface Transition {
  readonly at: number;
  readonly type: 'check' | 'component' | 'service';
  readonly id: string;
  readonly from: State;
  readonly to: State;
  readonly reason?: {
    readonly code: string;
    readonly reason?: string;
    readonly via?: string;
    readonly detail?: string;
  };
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface LayoutNode extends Box {
  readonly id: string;
  readonly kind: 'service' | 'component' | 'group';
  readonly title: string;
  readonly detail: string;
  readonly cluster: string | null;
  readonly criticality: string | null;
  readonly group: {
    readonly type: 'anyOf' | 'quorum';
    readonly need: number;
    readonly failover: string | null;
  } | null;
  readonly dependsOn: readonly string[];
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly tooBig: boolean;
  readonly nodes: readonly LayoutNode[];
  readonly clusters: readonly (Box & {
    readonly id: string;
    readonly label: string;
    readonly provider: string;
    readonly parent: string | null;
    readonly color: string;
  })[];
  readonly edges: readonly {
    readonly from: string;
    readonly to: string;
    readonly kind: 'hard' | 'member';
    readonly points: readonly { readonly x: number; readonly y: number }[];
  }[];
}

export interface Hold {
  readonly endpoint: string;
  readonly who: string;
  readonly why: string;
  readonly at: number;
}

export interface SwitchRecord {
  readonly id: string;
  readonly group: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  readonly decidedAt: number;
  readonly timings: { readonly detectionMs: number | null; readonly switchMs: number | null };
}

export interface AuditEntry {
  readonly action: 'pin' | 'drain' | 'release';
  readonly endpoint: string | null;
  readonly who: string;
  readonly at: number;
  readonly why: string;
  readonly from: string;
  readonly to: string;
  readonly forced: boolean;
  readonly outcome: string;
}

export interface FailoverGroup {
  readonly group: string;
  readonly service: string;
  readonly active: string;
  readonly activeSince: number;
  readonly pin: Hold | null;
  readonly drained: readonly Hold[];
  readonly allDown: boolean;
  readonly endpoints: readonly {
    readonly name: string;
    readonly address: string;
    readonly check: string;
    readonly health: 'up' | 'down' | 'unknown';
    readonly drained: boolean;
    readonly active: boolean;
  }[];
}

export interface FailoverDetail extends FailoverGroup {
  readonly switches: readonly SwitchRecord[];
  readonly audit: readonly AuditEntry[];
}

export interface UptimeBar {
  readonly start: number;
  readonly end: number;
  readonly up: number;
  readonly degraded: number;
  readonly down: number;
  readonly unknown: number;
}

export interface History {
  readonly state: State;
  readonly changes: readonly Transition[];
  readonly uptime: {
    readonly '24h': readonly UptimeBar[];
    readonly '7d': readonly UptimeBar[];
    readonly '90d': readonly UptimeBar[];
  };
}

export interface CheckResult {
  readonly vantage: string;
  readonly at: number;
  readonly ok: boolean;
  readonly latencyMs: number;
  readonly reason?: string;
}

export interface CheckHistory {
  readonly check: CheckSummary;
  readonly results: readonly CheckResult[];
  readonly truncated: boolean;
}

export type PublicStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';
export const PUBLIC_STATUSES: readonly PublicStatus[] = [
  'investigating',
  'identified',
  'monitoring',
  'resolved',
];

export interface IncidentUpdate {
  readonly id: string;
  readonly at: number;
  readonly status: PublicStatus;
  readonly message: { readonly en?: string; readonly fr?: string };
  readonly who: string;
}

export interface Incident {
  readonly id: string;
  readonly service: string;
  readonly openedAt: number;
  readonly closedAt?: number;
  readonly worst: State;
  readonly state: State;
  readonly status: PublicStatus;
  readonly timeline: readonly (Omit<Transition, 'type'> & { readonly type: string })[];
  readonly updates: readonly IncidentUpdate[];
}

export interface MaintenanceWindow {
  readonly id: string;
  readonly title: { readonly en?: string; readonly fr?: string };
  readonly services: readonly string[];
  readonly start: string;
  readonly end: string;
  readonly silence: boolean;
  readonly state: 'planned' | 'active' | 'over';
}

export interface Scenario {
  readonly id: string;
  readonly title: { readonly en: string; readonly fr: string };
  readonly date: string;
  readonly provider: string;
}

export interface Simulation {
  readonly scenario: {
    readonly fail: readonly string[];
    readonly replay?: { readonly id: string; readonly title: string; readonly date: string };
  };
  readonly matched: readonly string[];
  readonly servicesDown: readonly string[];
  readonly componentsDown: readonly string[];
  readonly degraded: readonly {
    readonly group: string;
    readonly label: string;
    readonly failed: number;
    readonly members: number;
  }[];
  readonly explanations: readonly {
    readonly service: string;
    readonly criticality: string;
    readonly chain: readonly string[];
  }[];
  readonly failovers?: readonly {
    readonly failover: string;
    readonly outcome: string;
    readonly text: string;
  }[];
}

export interface Finding {
  readonly id?: string;
  readonly kind: string;
  readonly severity: 'critical' | 'high' | 'medium' | 'low' | 'info';
  readonly subjects: readonly string[];
  readonly message: string;
  readonly recommendation: string;
  readonly rootCause?: string;
  readonly related?: readonly string[];
}

export interface Analysis {
  readonly score: {
    readonly overall: number;
    readonly grade: string;
    readonly singlePointsOfFailure: number;
    readonly services: readonly {
      readonly service: string;
      readonly score: number;
      readonly outagesSurvived: number;
      readonly outagesTotal: number;
    }[];
  };
  readonly actions: readonly {
    readonly id: string;
    readonly title: string;
    readonly scoreBefore: number;
    readonly scoreAfter: number;
  }[];
  readonly findings: readonly Finding[];
}

/** The parts of GET /api/v1/map the dashboard reads. */
export interface MapJson {
  readonly services: Readonly<Record<string, { readonly rto?: string; readonly criticality?: string }>>;
  readonly components: Readonly<
    Record<
      string,
      {
        readonly provider?: string;
        readonly region?: string;
        readonly service?: string;
        readonly kind?: string;
      }
    >
  >;
}

/** A backup job under way (GET /api/v1/backups). */
export interface BackupJob {
  readonly id: string;
  readonly dataset: string;
  readonly job: 'run' | 'verify';
  readonly trigger: 'schedule' | 'manual';
  readonly startedAt: string;
}

export type BackupState = 'ok' | 'warn' | 'breach';

/** One dataset as GET /api/v1/backups answers it. */
export interface BackupDataset {
  readonly id: string;
  readonly status: BackupState;
  readonly rpoSeconds: number;
  readonly rpoFrom: string;
  readonly everySeconds: number;
  readonly lastRun: { readonly ok: boolean; readonly at: string; readonly error?: string } | null;
  readonly targets: readonly {
    readonly id: string;
    readonly snapshot: string | null;
    readonly ageSeconds: number | null;
    readonly status: BackupState;
    readonly reason?: string;
  }[];
  readonly rule: {
    readonly copies: number;
    readonly media: number;
    readonly offsite: number;
    readonly immutable: number;
    readonly verified: boolean;
    readonly ok: boolean;
  };
  readonly reasons: readonly { readonly code: string; readonly text: string }[];
  readonly nextRunAt: string;
  readonly nextVerifyAt: string | null;
  readonly deadline: string;
  readonly missed: boolean;
  readonly lastVerify: { readonly ok: boolean; readonly at: string } | null;
  readonly lastRestore: { readonly ok: boolean; readonly at: string; readonly mismatch?: string } | null;
  readonly running: BackupJob | null;
}
