/**
 * Write-behind when the store fails: a Store that writes through while the store answers (so what
 * is stored is stored before it is acted on, as the daemon's crash guarantees need), and when a
 * write fails (disk full, database locked, PostgreSQL gone) keeps it, and every write after it, in
 * an ordered queue in memory, resolves at once so the daemon goes on deciding and alerting, and
 * replays the queue in order, with backoff, until the store takes it. Nothing is dropped but the
 * oldest observations beyond a bound (counted); snapshots and incidents are coalesced by key, so a
 * long outage does not grow the queue with versions nobody will read.
 *
 * Reads go to the store: while writes wait, they do not see them (the daemon answers its live
 * state from memory), except the alert outbox: alerts queued while the store fails are kept in an
 * in-memory outbox too, so they are delivered from memory, and the store gets them (and what became
 * of them) once it is back. `status()` says whether the store is failing, since when, and what waits.
 */
import type { Clock } from '../platform/clock.ts';
import type {
  BackupEvent,
  BackupEventOf,
  BackupEventType,
  BackupHeads,
  BackupManifest,
  BackupQuery,
  BackupRun,
} from './backup-records.ts';
import type { AuditRecord, FailoverQuery, SwitchRecord } from './failover-records.ts';
import type { IncidentUpdate } from './incident-updates.ts';
import type { KvBucketRows, KvRow } from './kv-rows.ts';
import type { MaintenanceQuery, MaintenanceWindow } from './maintenance.ts';
import { MemoryStore } from './memory.ts';
import type {
  Incident,
  IncidentQuery,
  Observation,
  OutboxEntry,
  OutboxItem,
  Rollup,
  StateEntry,
  Store,
  Transition,
} from './store.ts';

/** Observations kept in the queue at most; beyond, the oldest are dropped (and counted). */
export const MAX_QUEUED_OBSERVATIONS = 200_000;

/** Waits between replays of the queue: 100 ms doubling to 5 s. */
export function replayDelay(attempt: number): number {
  return Math.min(5_000, 100 * 2 ** Math.min(attempt - 1, 6));
}

type Op =
  | { readonly kind: 'observations'; readonly batch: Observation[] }
  | { readonly kind: 'transitions'; readonly batch: readonly Transition[] }
  | { readonly kind: 'incidents'; readonly byId: Map<string, Incident> }
  | { readonly kind: 'state'; readonly key: string; value: unknown }
  | { readonly kind: 'outbox'; readonly items: readonly OutboxEntry[]; readonly state?: StateEntry }
  | { readonly kind: 'call'; readonly run: (s: Store) => Promise<void> };

export interface StoreStatus {
  readonly ok: boolean;
  /** When the first write still waiting failed (epoch ms). */
  readonly failingSince?: number;
  /** The last write error's code (SQLITE_FULL, SQLITE_BUSY, ECONNREFUSED, a SQLSTATE…). */
  readonly error?: string;
  /** What waits to be written. */
  readonly queued: { readonly observations: number; readonly transitions: number; readonly other: number };
  /** Observations dropped from the queue (beyond its bound) since start. */
  readonly dropped: number;
}

export interface WriteBehindEvents {
  /** The store failed a write (the first failure of an outage, then every tenth replay). */
  onFailing?(error: unknown, status: StoreStatus): void;
  /** The queue was written: the store answers again. */
  onRecovered?(status: StoreStatus & { readonly failedForMs: number }): void;
}

export class WriteBehindStore implements Store {
  private queue: Op[] = [];
  private failingSince: number | undefined;
  private error: string | undefined;
  private attempt = 0;
  private timer: unknown;
  private replaying: Promise<void> | undefined;
  private dropped = 0;
  private closed = false;
  /** Alerts queued while the store fails, until the store has them. */
  private readonly overlay = new MemoryStore();

  constructor(
    readonly inner: Store,
    private readonly clock: Clock,
    private readonly events: WriteBehindEvents = {},
  ) {}

  status(): StoreStatus {
    let observations = 0;
    let transitions = 0;
    let other = 0;
    for (const op of this.queue) {
      if (op.kind === 'observations') observations += op.batch.length;
      else if (op.kind === 'transitions') transitions += op.batch.length;
      else if (op.kind === 'incidents') other += op.byId.size;
      else other += op.kind === 'outbox' ? op.items.length : 1;
    }
    return {
      ok: this.queue.length === 0,
      ...(this.failingSince !== undefined ? { failingSince: this.failingSince } : {}),
      ...(this.error !== undefined ? { error: this.error } : {}),
      queued: { observations, transitions, other },
      dropped: this.dropped,
    };
  }

  // Writes: through while nothing waits, else queued behind what waits.

  appendObservations(batch: readonly Observation[]): Promise<void> {
    return this.write({ kind: 'observations', batch: [...batch] }, () =>
      this.inner.appendObservations(batch),
    );
  }

  appendTransitions(batch: readonly Transition[]): Promise<void> {
    return this.write({ kind: 'transitions', batch }, () => this.inner.appendTransitions(batch));
  }

  saveIncidents(batch: readonly Incident[]): Promise<void> {
    const byId = new Map(batch.map((i) => [i.id, i]));
    return this.write({ kind: 'incidents', byId }, () => this.inner.saveIncidents(batch));
  }

  saveState(key: string, value: unknown): Promise<void> {
    return this.write({ kind: 'state', key, value }, () => this.inner.saveState(key, value));
  }

  // The alert outbox: kept in memory too while the store fails, so alerts still leave.

  enqueue(items: readonly OutboxEntry[], state?: StateEntry): Promise<void> {
    const op: Op = state ? { kind: 'outbox', items, state } : { kind: 'outbox', items };
    return this.write(
      op,
      () => this.inner.enqueue(items, state),
      () => this.overlay.enqueue(items),
    );
  }

  async due(now: number, limit: number): Promise<OutboxItem[]> {
    const mine = await this.overlay.due(now, limit);
    let stored: OutboxItem[];
    try {
      stored = await this.inner.due(now, limit);
    } catch (e) {
      if (mine.length === 0) throw e;
      stored = [];
    }
    const id = (i: OutboxItem) => `${i.channel}\u0000${i.key}`;
    const held = new Set(mine.map(id));
    return [...stored.filter((i) => !held.has(id(i))), ...mine]
      .sort((a, b) => a.createdAt - b.createdAt)
      .slice(0, limit);
  }

  async markAttempt(channel: string, key: string, nextAt: number, error: string): Promise<void> {
    await this.overlay.markAttempt(channel, key, nextAt, error);
    return this.call((s) => s.markAttempt(channel, key, nextAt, error));
  }

  async postpone(channel: string, until: number): Promise<void> {
    await this.overlay.postpone(channel, until);
    return this.call((s) => s.postpone(channel, until));
  }

  async remove(channel: string, key: string): Promise<void> {
    await this.overlay.remove(channel, key);
    return this.call((s) => s.remove(channel, key));
  }

  async outboxSize(): Promise<number> {
    const stored = await this.inner.outboxSize().catch(() => 0);
    return stored + (await this.overlay.outboxSize());
  }

  // The coordinator's buckets, switch records and the audit trail: written in order with the rest
  // (a bucket keeps its entries in memory, so it goes on while they wait).

  kvPut(
    bucket: string,
    row: KvRow | { readonly key: string; readonly deleted: true },
    revision: number,
  ): Promise<void> {
    return this.call((s) => s.kvPut(bucket, row, revision));
  }

  saveSwitch(record: SwitchRecord): Promise<void> {
    return this.call((s) => s.saveSwitch(record));
  }

  appendAudit(entry: AuditRecord): Promise<void> {
    return this.call((s) => s.appendAudit(entry));
  }

  // Backup records: in order with the rest too.

  saveBackupRun(run: BackupRun): Promise<void> {
    return this.call((s) => s.saveBackupRun(run));
  }
  recordBackupEvent(event: BackupEvent): Promise<void> {
    return this.call((s) => s.recordBackupEvent(event));
  }
  saveManifest(manifest: BackupManifest): Promise<void> {
    return this.call((s) => s.saveManifest(manifest));
  }
  keepManifests(dataset: string, target: string, snapshots: readonly string[]): Promise<void> {
    return this.call((s) => s.keepManifests(dataset, target, snapshots));
  }

  // What operators post (incident updates, maintenance windows): in order with the rest too.

  appendIncidentUpdate(update: IncidentUpdate): Promise<void> {
    return this.call((s) => s.appendIncidentUpdate(update));
  }

  saveMaintenance(window: MaintenanceWindow): Promise<void> {
    return this.call((s) => s.saveMaintenance(window));
  }

  deleteMaintenance(id: string): Promise<void> {
    return this.call((s) => s.deleteMaintenance(id));
  }

  private call(run: (s: Store) => Promise<void>): Promise<void> {
    return this.write({ kind: 'call', run }, () => run(this.inner));
  }

  /**
   * Writes straight to the store, never queued, and rejects when it fails: for what must be durable
   * before it is acknowledged (an agent's results: a rejection answers 503 and the agent retries).
   */
  appendObservationsNow(batch: readonly Observation[]): Promise<void> {
    if (this.queue.length > 0) return Promise.reject(new StoreFailingError(this.error));
    return this.inner.appendObservations(batch);
  }

  /** `held`: what to keep in memory when the write waits (alerts to deliver meanwhile). */
  private async write(op: Op, now: () => Promise<void>, held?: () => Promise<void>): Promise<void> {
    if (this.queue.length === 0 && !this.closed) {
      try {
        await now();
        return;
      } catch (e) {
        if (this.queue.length === 0) this.failingSince = this.clock.now();
        await held?.();
        this.hold(op);
        this.failed(e, true);
        return;
      }
    }
    await held?.();
    this.hold(op);
  }

  private hold(op: Op): void {
    const last = this.queue.at(-1);
    if (op.kind === 'state') {
      const same = this.queue.find((q) => q.kind === 'state' && q.key === op.key);
      if (same && same.kind === 'state') same.value = op.value;
      else this.queue.push(op);
    } else if (op.kind === 'incidents' && last?.kind === 'incidents') {
      for (const [id, i] of op.byId) last.byId.set(id, i);
    } else if (op.kind === 'observations' && last?.kind === 'observations') {
      for (const o of op.batch) last.batch.push(o);
    } else {
      this.queue.push(op);
    }
    this.bound();
    this.schedule();
  }

  /** Drops the oldest queued observations beyond the bound (counted once per hold: cheap). */
  private bound(): void {
    let queued = 0;
    for (const op of this.queue) if (op.kind === 'observations') queued += op.batch.length;
    let over = queued - MAX_QUEUED_OBSERVATIONS;
    if (over <= 0) return;
    for (const op of this.queue) {
      if (over <= 0) break;
      if (op.kind !== 'observations') continue;
      const cut = Math.min(over, op.batch.length);
      op.batch.splice(0, cut);
      this.dropped += cut;
      over -= cut;
    }
    this.queue = this.queue.filter((op) => op.kind !== 'observations' || op.batch.length > 0);
  }

  private failed(e: unknown, first: boolean): void {
    this.error = codeOf(e);
    this.attempt++;
    if (first || this.attempt % 10 === 0) this.events.onFailing?.(e, this.status());
  }

  private schedule(): void {
    if (this.timer !== undefined || this.replaying || this.closed || this.queue.length === 0) return;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = undefined;
        this.replaying = this.replay().finally(() => {
          this.replaying = undefined;
          this.schedule();
        });
      },
      replayDelay(Math.max(1, this.attempt)),
    );
  }

  /** Writes the queue in order; stops at the first failure (the next replay resumes there). */
  async replay(): Promise<void> {
    while (this.queue.length > 0) {
      const op = this.queue[0]!;
      try {
        await this.apply(op);
      } catch (e) {
        this.failed(e, false);
        return;
      }
      if (this.queue[0] === op) this.queue.shift();
      // The store has these alerts now: delivered or not, they are read from it again.
      if (op.kind === 'outbox') for (const i of op.items) await this.overlay.remove(i.channel, i.key);
    }
    const since = this.failingSince;
    this.failingSince = undefined;
    this.error = undefined;
    this.attempt = 0;
    if (since !== undefined)
      this.events.onRecovered?.({ ...this.status(), failedForMs: this.clock.now() - since });
  }

  private apply(op: Op): Promise<void> {
    switch (op.kind) {
      case 'observations':
        return this.inner.appendObservations(op.batch);
      case 'transitions':
        return this.inner.appendTransitions(op.batch);
      case 'incidents':
        return this.inner.saveIncidents([...op.byId.values()]);
      case 'state':
        return this.inner.saveState(op.key, op.value);
      case 'outbox':
        return this.inner.enqueue(op.items, op.state);
      case 'call':
        return op.run(this.inner);
    }
  }

  /** Tries the queue once more (the daemon stops): what is still waiting then is lost, and said so. */
  async flush(): Promise<StoreStatus> {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    await this.replaying;
    if (this.queue.length > 0) await this.replay();
    return this.status();
  }

  // Reads and the rest: straight to the store.

  observations(check: string, since: number, options?: { vantage?: string; limit?: number }) {
    return this.inner.observations(check, since, options);
  }
  recentObservations(since: number, limit: number): Promise<Observation[]> {
    return this.inner.recentObservations(since, limit);
  }
  rollUp(before: number): Promise<number> {
    return this.inner.rollUp(before);
  }
  rollups(check: string, since: number, until: number): Promise<Rollup[]> {
    return this.inner.rollups(check, since, until);
  }
  purgeRollups(before: number): Promise<number> {
    return this.inner.purgeRollups(before);
  }
  transitions(options?: { since?: number; id?: string; limit?: number }): Promise<Transition[]> {
    return this.inner.transitions(options);
  }
  incident(id: string): Promise<Incident | undefined> {
    return this.inner.incident(id);
  }
  incidents(query?: IncidentQuery): Promise<Incident[]> {
    return this.inner.incidents(query);
  }
  loadState(key: string): Promise<unknown | undefined> {
    return this.inner.loadState(key);
  }
  kvLoad(bucket: string): Promise<KvBucketRows> {
    return this.inner.kvLoad(bucket);
  }
  switches(query?: FailoverQuery): Promise<SwitchRecord[]> {
    return this.inner.switches(query);
  }
  audit(query?: FailoverQuery): Promise<AuditRecord[]> {
    return this.inner.audit(query);
  }
  incidentUpdates(ids: readonly string[]): Promise<IncidentUpdate[]> {
    return this.inner.incidentUpdates(ids);
  }
  maintenanceWindow(id: string): Promise<MaintenanceWindow | undefined> {
    return this.inner.maintenanceWindow(id);
  }
  maintenance(query?: MaintenanceQuery): Promise<MaintenanceWindow[]> {
    return this.inner.maintenance(query);
  }
  backupRuns(query?: BackupQuery): Promise<BackupRun[]> {
    return this.inner.backupRuns(query);
  }
  backupEvents<T extends BackupEventType>(type: T, query?: BackupQuery): Promise<BackupEventOf<T>[]> {
    return this.inner.backupEvents(type, query);
  }
  backupHeads(): Promise<BackupHeads> {
    return this.inner.backupHeads();
  }
  manifest(dataset: string, target: string, snapshot: string): Promise<BackupManifest | undefined> {
    return this.inner.manifest(dataset, target, snapshot);
  }
  migrate(): Promise<void> {
    return this.inner.migrate();
  }
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    await this.replaying;
    await this.inner.close();
  }
}

/** A write refused because earlier ones still wait for the store. */
export class StoreFailingError extends Error {
  readonly code: string;
  constructor(cause: string | undefined) {
    super(`the store is failing${cause ? ` (${cause})` : ''}; writes are queued`);
    this.code = cause ?? 'STORE_FAILING';
  }
}

function codeOf(e: unknown): string {
  const x = e as { code?: unknown; message?: unknown };
  if (typeof x?.code === 'string' && x.code) return x.code;
  return e instanceof Error ? e.name : 'error';
}
