/**
 * The failover aggregates: switch records (each switch with its timings, from the first failed
 * probe to the first request the new endpoint served) and the audit trail of manual commands (who,
 * when, why, action, from, to). Both are kept across restarts; records are saved whole by id (a
 * record is saved again as its actuators confirm and its first response comes).
 */

export interface SwitchRecord {
  /** `<group>@<decidedAt>` (epoch ms): one switch of one group. */
  readonly id: string;
  readonly group: string;
  readonly from: string;
  readonly to: string;
  /** down, passive, failback, drain, pin, config. */
  readonly reason: string;
  readonly fence: number;
  /** The first failed probe of the endpoint left (from the monitor's observations), when it was down. */
  readonly firstFailureAt?: number;
  /** When the quorum said DOWN (the check's transition), when it did. */
  readonly downAt?: number;
  readonly decidedAt: number;
  /** Per actuator kind (proxy, webhook): when it confirmed the change. */
  readonly confirmed: Readonly<Record<string, number>>;
  /** The first request the new endpoint served after the decision (the proxy's count of its responses). */
  readonly firstServedAt?: number;
}

export interface AuditRecord {
  readonly group: string;
  readonly action: string;
  readonly endpoint: string | null;
  readonly who: string;
  readonly at: number;
  readonly why: string;
  readonly from: string;
  readonly to: string;
  readonly forced: boolean;
  /** The command's outcome: `ok`, or the refusal (not-healthy, last-healthy…). */
  readonly outcome: string;
}

export interface FailoverQuery {
  readonly group?: string;
  /** Newest first; default 100. */
  readonly limit?: number;
}

export interface FailoverStore {
  /** Saves a switch record whole, by id (created, or replaced). */
  saveSwitch(record: SwitchRecord): Promise<void>;
  /** Newest first (by decision time). */
  switches(query?: FailoverQuery): Promise<SwitchRecord[]>;
  appendAudit(entry: AuditRecord): Promise<void>;
  /** Newest first. */
  audit(query?: FailoverQuery): Promise<AuditRecord[]>;
}
