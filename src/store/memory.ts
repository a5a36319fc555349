/**
 * The in-memory store: the whole Store port in plain maps and arrays, held by one process. For fast
 * tests of the daemon and its stages, and, in a cluster, for state kept elsewhere than history.
 * It passes the same contract suite as SQLite and PostgreSQL; "durable" means for its lifetime
 * (`memory:NAME` stores of one process live until the process ends, across close and reopen).
 */

import { DelegatesBackups } from './backup-delegate.ts';
import { type BackupData, freshBackupData, MemoryBackups } from './backup-memory.ts';
import type { AuditRecord, FailoverQuery, SwitchRecord } from './failover-records.ts';
import { type IncidentUpdate, MAX_UPDATE_IDS } from './incident-updates.ts';
import type { KvBucketRows, KvRow } from './kv-rows.ts';
import { type MaintenanceQuery, type MaintenanceWindow, matchesMaintenance } from './maintenance.ts';
import { mergeRollups, minuteOf, rollUp } from './rollup.ts';
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

interface Data {
  observations: Observation[];
  rollups: Map<string, Rollup>;
  transitions: Transition[];
  incidents: Map<string, Incident>;
  state: Map<string, string>;
  /** By channel and key, in the order queued (a Map keeps insertion order). */
  outbox: Map<string, OutboxItem>;
  kv: Map<string, { revision: number; entries: Map<string, KvRow> }>;
  switches: Map<string, SwitchRecord>;
  audit: AuditRecord[];
  /** In the order appended. */
  updates: IncidentUpdate[];
  maintenance: Map<string, MaintenanceWindow>;
  backups: BackupData;
}

const NAMED = new Map<string, Data>();

const fresh = (): Data => ({
  observations: [],
  rollups: new Map(),
  transitions: [],
  incidents: new Map(),
  state: new Map(),
  outbox: new Map(),
  kv: new Map(),
  switches: new Map(),
  audit: [],
  updates: [],
  maintenance: new Map(),
  backups: freshBackupData(),
});

const outboxId = (channel: string, key: string) => `${channel}\u0000${key}`;

/** Plain copies in and out, so callers never share objects with the store (as with a database). */
const copy = <T>(x: T): T => structuredClone(x);

/** Observations kept sorted by time, like an index on `at` (ties in arrival order). */
function insertSorted(list: Observation[], o: Observation): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.at <= o.at) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, o);
}

function validObservation(o: Observation): boolean {
  return (
    typeof o.check === 'string' &&
    typeof o.vantage === 'string' &&
    Number.isFinite(o.at) &&
    typeof o.ok === 'boolean' &&
    Number.isFinite(o.latencyMs)
  );
}

export class MemoryStore extends DelegatesBackups implements Store {
  private readonly d: Data;
  protected readonly backups = new MemoryBackups(() => this.d.backups);

  /** `name`: a store shared by every MemoryStore of that name in this process; none: a private one. */
  constructor(name?: string) {
    super();
    if (name === undefined) this.d = fresh();
    else {
      const d = NAMED.get(name) ?? fresh();
      NAMED.set(name, d);
      this.d = d;
    }
  }

  async migrate(): Promise<void> {}

  async appendObservations(batch: readonly Observation[]): Promise<void> {
    if (!batch.every(validObservation)) throw new Error('invalid observation in batch');
    for (const o of batch) insertSorted(this.d.observations, copy(o));
  }

  async observations(
    check: string,
    since: number,
    options: { vantage?: string; limit?: number } = {},
  ): Promise<Observation[]> {
    const out = this.d.observations.filter(
      (o) =>
        o.check === check &&
        o.at >= since &&
        (options.vantage === undefined || o.vantage === options.vantage),
    );
    return copy(out.slice(0, options.limit ?? 100_000));
  }

  async recentObservations(since: number, limit: number): Promise<Observation[]> {
    return copy(this.d.observations.filter((o) => o.at >= since).slice(0, limit));
  }

  async rollUp(before: number): Promise<number> {
    const cutoff = minuteOf(before);
    const old = this.d.observations.filter((o) => o.at < cutoff);
    if (old.length === 0) return 0;
    this.d.observations = this.d.observations.filter((o) => o.at >= cutoff);
    for (const r of rollUp(old)) {
      const key = `${r.check}\u0000${r.vantage}\u0000${r.minute}`;
      const prev = this.d.rollups.get(key);
      this.d.rollups.set(key, prev ? mergeRollups(prev, r) : r);
    }
    return old.length;
  }

  async rollups(check: string, since: number, until: number): Promise<Rollup[]> {
    return [...this.d.rollups.values()]
      .filter((r) => r.check === check && r.minute >= since && r.minute < until)
      .sort((a, b) => a.minute - b.minute || (a.vantage < b.vantage ? -1 : a.vantage > b.vantage ? 1 : 0))
      .map(copy);
  }

  async purgeRollups(before: number): Promise<number> {
    let n = 0;
    for (const [key, r] of this.d.rollups) {
      if (r.minute < before) {
        this.d.rollups.delete(key);
        n++;
      }
    }
    return n;
  }

  async appendTransitions(batch: readonly Transition[]): Promise<void> {
    this.d.transitions.push(...copy(batch));
  }

  async transitions(options: { since?: number; id?: string; limit?: number } = {}): Promise<Transition[]> {
    const since = options.since ?? 0;
    const out: Transition[] = [];
    // Newest first: by time, then by arrival.
    const sorted = this.d.transitions
      .map((t, seq) => ({ t, seq }))
      .filter(({ t }) => t.at >= since && (options.id === undefined || t.id === options.id))
      .sort((a, b) => b.t.at - a.t.at || b.seq - a.seq);
    for (const { t } of sorted.slice(0, options.limit ?? 1000)) out.push(copy(t));
    return out;
  }

  async saveIncidents(batch: readonly Incident[]): Promise<void> {
    for (const i of batch) {
      const stored = this.d.incidents.get(i.id);
      // As in the databases: stored entries keep their place, only new ones are appended.
      const timeline = stored
        ? [...stored.timeline, ...i.timeline.slice(stored.timeline.length)]
        : i.timeline;
      this.d.incidents.set(i.id, copy({ ...i, timeline }));
    }
  }

  async incident(id: string): Promise<Incident | undefined> {
    const i = this.d.incidents.get(id);
    return i ? copy(i) : undefined;
  }

  async incidents(query: IncidentQuery = {}): Promise<Incident[]> {
    return [...this.d.incidents.values()]
      .filter(
        (i) =>
          (query.open === undefined || (i.closedAt === undefined) === query.open) &&
          (query.service === undefined || i.service === query.service),
      )
      .sort((a, b) => b.openedAt - a.openedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .slice(0, query.limit ?? 100)
      .map(copy);
  }

  async saveState(key: string, value: unknown): Promise<void> {
    this.d.state.set(key, JSON.stringify(value));
  }

  async loadState(key: string): Promise<unknown | undefined> {
    const v = this.d.state.get(key);
    return v === undefined ? undefined : (JSON.parse(v) as unknown);
  }

  async enqueue(items: readonly OutboxEntry[], state?: StateEntry): Promise<void> {
    // Checked before anything changes: all or nothing, as in a transaction.
    const payloads = items.map((i) => JSON.stringify(i.payload));
    const saved = state === undefined ? undefined : JSON.stringify(state.value);
    items.forEach((i, n) => {
      const id = outboxId(i.channel, i.key);
      if (this.d.outbox.has(id)) return;
      this.d.outbox.set(id, {
        channel: i.channel,
        key: i.key,
        payload: JSON.parse(payloads[n]!) as unknown,
        createdAt: i.createdAt,
        nextAt: i.createdAt,
        attempts: 0,
      });
    });
    if (state !== undefined && saved !== undefined) this.d.state.set(state.key, saved);
  }

  async due(now: number, limit: number): Promise<OutboxItem[]> {
    const out: OutboxItem[] = [];
    for (const item of this.d.outbox.values()) {
      if (out.length >= limit) break;
      if (item.nextAt <= now) out.push(copy(item));
    }
    return out;
  }

  async markAttempt(channel: string, key: string, nextAt: number, error: string): Promise<void> {
    const id = outboxId(channel, key);
    const item = this.d.outbox.get(id);
    if (item) this.d.outbox.set(id, { ...item, nextAt, attempts: item.attempts + 1, lastError: error });
  }

  async postpone(channel: string, until: number): Promise<void> {
    for (const [id, item] of this.d.outbox)
      if (item.channel === channel && item.nextAt < until) this.d.outbox.set(id, { ...item, nextAt: until });
  }

  async remove(channel: string, key: string): Promise<void> {
    this.d.outbox.delete(outboxId(channel, key));
  }

  async outboxSize(): Promise<number> {
    return this.d.outbox.size;
  }

  async kvLoad(bucket: string): Promise<KvBucketRows> {
    const b = this.d.kv.get(bucket);
    return { revision: b?.revision ?? 0, entries: copy([...(b?.entries.values() ?? [])]) };
  }

  async kvPut(
    bucket: string,
    row: KvRow | { readonly key: string; readonly deleted: true },
    revision: number,
  ): Promise<void> {
    const b = this.d.kv.get(bucket) ?? { revision: 0, entries: new Map<string, KvRow>() };
    if ('deleted' in row) b.entries.delete(row.key);
    else b.entries.set(row.key, copy(JSON.parse(JSON.stringify(row)) as KvRow));
    b.revision = Math.max(b.revision, revision);
    this.d.kv.set(bucket, b);
  }

  async saveSwitch(record: SwitchRecord): Promise<void> {
    this.d.switches.set(record.id, JSON.parse(JSON.stringify(record)) as SwitchRecord);
  }

  async switches(query: FailoverQuery = {}): Promise<SwitchRecord[]> {
    return [...this.d.switches.values()]
      .filter((r) => query.group === undefined || r.group === query.group)
      .sort((a, b) => b.decidedAt - a.decidedAt || (a.id < b.id ? 1 : -1))
      .slice(0, query.limit ?? 100)
      .map(copy);
  }

  async appendAudit(entry: AuditRecord): Promise<void> {
    this.d.audit.push(JSON.parse(JSON.stringify(entry)) as AuditRecord);
  }

  async audit(query: FailoverQuery = {}): Promise<AuditRecord[]> {
    return this.d.audit
      .map((e, seq) => ({ e, seq }))
      .filter(({ e }) => query.group === undefined || e.group === query.group)
      .sort((a, b) => b.e.at - a.e.at || b.seq - a.seq)
      .slice(0, query.limit ?? 100)
      .map(({ e }) => copy(e));
  }

  async appendIncidentUpdate(update: IncidentUpdate): Promise<void> {
    if (this.d.updates.some((u) => u.id === update.id)) return;
    this.d.updates.push(JSON.parse(JSON.stringify(update)) as IncidentUpdate);
  }

  async incidentUpdates(ids: readonly string[]): Promise<IncidentUpdate[]> {
    const wanted = new Set(ids.slice(0, MAX_UPDATE_IDS));
    return this.d.updates
      .map((u, seq) => ({ u, seq }))
      .filter(({ u }) => wanted.has(u.incident))
      .sort((a, b) => a.u.at - b.u.at || a.seq - b.seq)
      .map(({ u }) => copy(u));
  }

  async saveMaintenance(window: MaintenanceWindow): Promise<void> {
    this.d.maintenance.set(window.id, JSON.parse(JSON.stringify(window)) as MaintenanceWindow);
  }

  async deleteMaintenance(id: string): Promise<void> {
    this.d.maintenance.delete(id);
  }

  async maintenanceWindow(id: string): Promise<MaintenanceWindow | undefined> {
    const w = this.d.maintenance.get(id);
    return w ? copy(w) : undefined;
  }

  async maintenance(query: MaintenanceQuery = {}): Promise<MaintenanceWindow[]> {
    return [...this.d.maintenance.values()]
      .filter((w) => matchesMaintenance(w, query))
      .sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, query.limit ?? 100)
      .map(copy);
  }

  async close(): Promise<void> {}
}
