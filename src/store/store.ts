/**
 * The storage port: raw observations (kept for the raw retention window), per-minute roll-ups
 * beyond it, state transitions, incidents and the updates operators post on them, maintenance
 * windows, small state snapshots (so a restart resumes where it was, without false alerts), and
 * the alert outbox (an alert is kept until delivered), and the backup records (backup-records.ts). One contract suite (test/store.contract.ts) runs against every
 * adapter: memory (tests, and state a cluster keeps elsewhere), SQLite (the default, WAL) and
 * PostgreSQL.
 */
import type { Incident, Observation, State, Transition } from '../monitor/types.ts';
import type { BackupStore } from './backup-records.ts';
import type { FailoverStore } from './failover-records.ts';
import type { IncidentUpdateStore } from './incident-updates.ts';
import type { KvStore } from './kv-rows.ts';
import type { MaintenanceStore } from './maintenance.ts';

/** One check seen from one vantage point during one minute. */
export interface Rollup {
  readonly check: string;
  readonly vantage: string;
  /** Start of the minute, epoch ms. */
  readonly minute: number;
  readonly count: number;
  readonly failures: number;
  /** Latency percentiles over the minute's results, ms. */
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export interface IncidentQuery {
  /** true: open ones only; false: closed ones only; undefined: both. */
  readonly open?: boolean;
  readonly service?: string;
  /** Newest first; default 100. */
  readonly limit?: number;
}

/** Raw probe results and their per-minute roll-ups. */
export interface ObservationStore {
  /** Appends a batch atomically: all or none (the scheduler batches, typically every 250 ms). */
  appendObservations(batch: readonly Observation[]): Promise<void>;
  /** Observations of one check (optionally one vantage) at or after `since`, oldest first. */
  observations(
    check: string,
    since: number,
    options?: { vantage?: string; limit?: number },
  ): Promise<Observation[]>;
  /**
   * Every check's observations at or after `since`, oldest first, at most `limit`: what a restarted
   * daemon replays on top of its last snapshot.
   */
  recentObservations(since: number, limit: number): Promise<Observation[]>;
  /**
   * Rolls every raw observation older than `before` into per-minute roll-ups and deletes it
   * (atomically: a crash never loses or double-counts). Returns how many raw rows were rolled up.
   */
  rollUp(before: number): Promise<number>;
  rollups(check: string, since: number, until: number): Promise<Rollup[]>;
  /** Deletes roll-ups older than `before`; returns how many. */
  purgeRollups(before: number): Promise<number>;
}

/** State changes of checks, components and services. */
export interface TransitionStore {
  appendTransitions(batch: readonly Transition[]): Promise<void>;
  /** Newest first. */
  transitions(options?: { since?: number; id?: string; limit?: number }): Promise<Transition[]>;
}

/** Incidents with their timelines, as the incident reducer made them. */
export interface IncidentStore {
  /**
   * Saves each incident whole, atomically, by id: created when new, its state updated, and the
   * timeline entries not stored yet appended. Saving the same incident twice changes nothing.
   */
  saveIncidents(batch: readonly Incident[]): Promise<void>;
  incident(id: string): Promise<Incident | undefined>;
  incidents(query?: IncidentQuery): Promise<Incident[]>;
}

/** Small JSON documents (the monitor's state machines, the alert router), overwritten on save. */
export interface StateStore {
  saveState(key: string, value: unknown): Promise<void>;
  loadState(key: string): Promise<unknown | undefined>;
}

/** One alert waiting for one channel: kept until the channel accepted it, or it expired by policy. */
export interface OutboxItem {
  readonly channel: string;
  /** The alert's idempotency key (`<incident>:<kind>[:<n>]`): one item per channel and key. */
  readonly key: string;
  /** The alert itself, as JSON data. */
  readonly payload: unknown;
  /** When it was queued, and when it is next due (epoch ms). */
  readonly createdAt: number;
  readonly nextAt: number;
  /** Failed attempts so far, and the last one's error (secret-free). */
  readonly attempts: number;
  readonly lastError?: string;
}

/** What is queued: due at once, no attempt yet. */
export type OutboxEntry = Pick<OutboxItem, 'channel' | 'key' | 'payload' | 'createdAt'>;

/** A state document saved in the same transaction as what is queued. */
export interface StateEntry {
  readonly key: string;
  readonly value: unknown;
}

/** The alert outbox: what the router decided to send stays here until delivered. */
export interface OutboxStore {
  /**
   * Queues the items not queued yet (by channel and key: one already there is left as it is) and
   * saves `state` (the router's decisions) with them, atomically: both or neither.
   */
  enqueue(items: readonly OutboxEntry[], state?: StateEntry): Promise<void>;
  /** Items due at `now` (next try at or before it), in the order they were queued, at most `limit`. */
  due(now: number, limit: number): Promise<OutboxItem[]>;
  /** Records a failed attempt: one more attempt, the next at `nextAt`, with its error. */
  markAttempt(channel: string, key: string, nextAt: number, error: string): Promise<void>;
  /** No item of `channel` is due before `until` (alerts queued behind one that failed wait for it). */
  postpone(channel: string, until: number): Promise<void>;
  /** Removes an item (delivered, or expired). Removing one not there changes nothing. */
  remove(channel: string, key: string): Promise<void>;
  /** How many items wait. */
  outboxSize(): Promise<number>;
}

/**
 * The whole store an adapter provides. Stages ask only for the part they use (an ObservationStore,
 * an IncidentStore…), so a cluster can later keep live state elsewhere than history.
 */
export interface Store
  extends ObservationStore,
    TransitionStore,
    IncidentStore,
    StateStore,
    OutboxStore,
    KvStore,
    FailoverStore,
    IncidentUpdateStore,
    MaintenanceStore,
    BackupStore {
  /** Creates or upgrades the schema (dated migrations, applied once, in order). Idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export type {
  AppendOnlyProof,
  BackupCheck,
  BackupEvent,
  BackupHeads,
  BackupManifest,
  BackupRun,
  BackupStore,
  RestoreTest,
} from './backup-records.ts';
export type { AuditRecord, FailoverStore, SwitchRecord } from './failover-records.ts';
export type {
  IncidentStatus,
  IncidentUpdate,
  IncidentUpdateStore,
  LocalText,
} from './incident-updates.ts';
export type { KvBucketRows, KvRow, KvStore } from './kv-rows.ts';
export type { MaintenanceQuery, MaintenanceStore, MaintenanceWindow } from './maintenance.ts';
export type { Incident, Observation, State, Transition };
