/**
 * The default store: SQLite through better-sqlite3, one file in the data directory, WAL journal.
 * `synchronous = FULL`: a committed batch survives a process kill and a power loss (the daemon
 * commits a few batches a second, so the fsync per commit costs little). Statements are prepared
 * once; every batch is one transaction. better-sqlite3 is synchronous: each call is short (a batch,
 * a chunk of roll-up), so the event loop is never held for long.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Incident, Observation, Transition } from '../monitor/types.ts';
import { DelegatesBackups } from './backup-delegate.ts';
import { SqliteBackups } from './backup-sqlite.ts';
import type { AuditRecord, FailoverQuery, SwitchRecord } from './failover-records.ts';
import { type IncidentUpdate, MAX_UPDATE_IDS } from './incident-updates.ts';
import type { KvBucketRows, KvRow } from './kv-rows.ts';
import type { MaintenanceQuery, MaintenanceWindow } from './maintenance.ts';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.ts';
import { mergeRollups, minuteOf, rollUp } from './rollup.ts';
import {
  encodeReason,
  type IncidentRow,
  incidentOf,
  maintenanceSql,
  type ObservationRow,
  type OutboxRow,
  observationOf,
  outboxItemOf,
  ROLLUP_CHUNK,
  type RollupRow,
  rollupOf,
  type TransitionRow,
  transitionOf,
} from './rows.ts';
import Database from './sqlite-driver.ts';
import type { IncidentQuery, OutboxEntry, OutboxItem, Rollup, StateEntry, Store } from './store.ts';

type Db = InstanceType<typeof Database>;

export class SqliteStore extends DelegatesBackups implements Store {
  private readonly db: Db;
  private statements: ReturnType<typeof prepare> | undefined;
  protected readonly backups: SqliteBackups;

  constructor(readonly file: string) {
    super();
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    // better-sqlite3 waits for a lock synchronously, holding the event loop: wait at most 10 ms, and
    // let a locked database fail the write (the write-behind store keeps it and replays it).
    this.db.pragma('busy_timeout = 10');
    this.db.pragma('foreign_keys = ON');
    this.backups = new SqliteBackups(this.db);
  }

  private get s(): ReturnType<typeof prepare> {
    this.statements ??= prepare(this.db);
    return this.statements;
  }

  /** `until`: stop after that migration (tests of upgrades). */
  async migrate(until?: string): Promise<void> {
    this.db.exec(MIGRATIONS_TABLE);
    const done = new Set(
      (this.db.prepare('SELECT id FROM bascule_migrations').all() as { id: string }[]).map((r) => r.id),
    );
    for (const m of MIGRATIONS) {
      if (until !== undefined && m.id > until) break;
      if (done.has(m.id)) continue;
      this.db.transaction(() => {
        for (const sql of m.sql('sqlite')) this.db.exec(sql);
        this.db
          .prepare('INSERT INTO bascule_migrations (id, applied_at) VALUES (?, ?)')
          .run(m.id, new Date().toISOString());
      })();
    }
  }

  async appendObservations(batch: readonly Observation[]): Promise<void> {
    if (batch.length === 0) return;
    const insert = this.s.insertObservation;
    this.db.transaction(() => {
      for (const o of batch) {
        insert.run(
          o.check,
          o.vantage,
          o.at,
          o.ok ? 1 : 0,
          o.reason ?? null,
          o.detail ?? null,
          o.latencyMs,
          o.warning ?? null,
          o.certDaysLeft ?? null,
        );
      }
    })();
  }

  async observations(
    check: string,
    since: number,
    options: { vantage?: string; limit?: number } = {},
  ): Promise<Observation[]> {
    const limit = options.limit ?? 100_000;
    const rows = (
      options.vantage === undefined
        ? this.s.observations.all(check, since, limit)
        : this.s.observationsOf.all(check, options.vantage, since, limit)
    ) as ObservationRow[];
    return rows.map(observationOf);
  }

  async recentObservations(since: number, limit: number): Promise<Observation[]> {
    return (this.s.recent.all(since, limit) as ObservationRow[]).map(observationOf);
  }

  async rollUp(before: number): Promise<number> {
    const cutoff = minuteOf(before);
    let total = 0;
    const chunk = this.db.transaction(() => {
      const rows = this.s.takeOld.all(cutoff, ROLLUP_CHUNK) as ObservationRow[];
      for (const r of rollUp(rows.map(observationOf))) {
        const old = this.s.rollup.get(r.check, r.vantage, r.minute) as RollupRow | undefined;
        const m = old ? mergeRollups(rollupOf(old), r) : r;
        this.s.upsertRollup.run(
          m.check,
          m.vantage,
          m.minute,
          m.count,
          m.failures,
          m.p50,
          m.p95,
          m.p99,
          m.max,
        );
      }
      return rows.length;
    });
    for (;;) {
      const n = chunk();
      total += n;
      if (n < ROLLUP_CHUNK) return total;
      await new Promise((r) => setImmediate(r)); // let the daemon breathe between chunks
    }
  }

  async rollups(check: string, since: number, until: number): Promise<Rollup[]> {
    return (this.s.rollups.all(check, since, until) as RollupRow[]).map(rollupOf);
  }

  async purgeRollups(before: number): Promise<number> {
    return this.s.purgeRollups.run(before).changes;
  }

  async appendTransitions(batch: readonly Transition[]): Promise<void> {
    if (batch.length === 0) return;
    this.db.transaction(() => {
      for (const t of batch)
        this.s.insertTransition.run(t.at, t.type, t.id, t.from, t.to, encodeReason(t.reason));
    })();
  }

  async transitions(options: { since?: number; id?: string; limit?: number } = {}): Promise<Transition[]> {
    const rows = (
      options.id === undefined
        ? this.s.transitions.all(options.since ?? 0, options.limit ?? 1000)
        : this.s.transitionsOf.all(options.id, options.since ?? 0, options.limit ?? 1000)
    ) as TransitionRow[];
    return rows.map(transitionOf);
  }

  private withTimeline(row: IncidentRow): Incident {
    return incidentOf(row, (this.s.timeline.all(row.id) as TransitionRow[]).map(transitionOf));
  }

  async saveIncidents(batch: readonly Incident[]): Promise<void> {
    if (batch.length === 0) return;
    this.db.transaction(() => {
      for (const i of batch) {
        this.s.upsertIncident.run(i.id, i.service, i.openedAt, i.closedAt ?? null, i.worst, i.state);
        const { n } = this.s.timelineLength.get(i.id) as { n: number };
        for (let seq = n; seq < i.timeline.length; seq++) {
          const t = i.timeline[seq]!;
          this.s.insertTimeline.run(i.id, seq, t.at, t.type, t.id, t.from, t.to, encodeReason(t.reason));
        }
      }
    })();
  }

  async incident(id: string): Promise<Incident | undefined> {
    const row = this.s.incident.get(id) as IncidentRow | undefined;
    return row ? this.withTimeline(row) : undefined;
  }

  async incidents(query: IncidentQuery = {}): Promise<Incident[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.open === true) where.push('closed_at IS NULL');
    if (query.open === false) where.push('closed_at IS NOT NULL');
    if (query.service !== undefined) {
      where.push('service = ?');
      params.push(query.service);
    }
    const sql = `SELECT * FROM incident_records ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY opened_at DESC, id DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...params, query.limit ?? 100) as IncidentRow[];
    return rows.map((r) => this.withTimeline(r));
  }

  async saveState(key: string, value: unknown): Promise<void> {
    this.s.saveState.run(key, JSON.stringify(value), Date.now());
  }

  async loadState(key: string): Promise<unknown | undefined> {
    const row = this.s.loadState.get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  }

  async enqueue(items: readonly OutboxEntry[], state?: StateEntry): Promise<void> {
    if (items.length === 0 && state === undefined) return;
    this.db.transaction(() => {
      for (const i of items)
        this.s.enqueue.run(i.channel, i.key, JSON.stringify(i.payload), i.createdAt, i.createdAt);
      if (state !== undefined) this.s.saveState.run(state.key, JSON.stringify(state.value), Date.now());
    })();
  }

  async due(now: number, limit: number): Promise<OutboxItem[]> {
    return (this.s.due.all(now, limit) as OutboxRow[]).map(outboxItemOf);
  }

  async markAttempt(channel: string, key: string, nextAt: number, error: string): Promise<void> {
    this.s.markAttempt.run(nextAt, error, channel, key);
  }

  async postpone(channel: string, until: number): Promise<void> {
    this.s.postpone.run(until, channel, until);
  }

  async remove(channel: string, key: string): Promise<void> {
    this.s.removeOutbox.run(channel, key);
  }

  async outboxSize(): Promise<number> {
    return (this.s.outboxSize.get() as { n: number }).n;
  }

  async kvLoad(bucket: string): Promise<KvBucketRows> {
    const rev = this.s.kvRevision.get(bucket) as { revision: number } | undefined;
    const rows = this.s.kvEntries.all(bucket) as KvEntryRow[];
    return { revision: rev?.revision ?? 0, entries: rows.map(kvRowOf) };
  }

  async kvPut(
    bucket: string,
    row: KvRow | { readonly key: string; readonly deleted: true },
    revision: number,
  ): Promise<void> {
    this.db.transaction(() => {
      if ('deleted' in row) this.s.kvDelete.run(bucket, row.key);
      else this.s.kvUpsert.run(bucket, row.key, JSON.stringify(row.value), row.revision, row.writtenAt);
      this.s.kvRaise.run(bucket, revision);
    })();
  }

  async saveSwitch(record: SwitchRecord): Promise<void> {
    this.s.saveSwitch.run(record.id, record.group, record.decidedAt, JSON.stringify(record));
  }

  async switches(query: FailoverQuery = {}): Promise<SwitchRecord[]> {
    const limit = query.limit ?? 100;
    const rows = (
      query.group === undefined ? this.s.switches.all(limit) : this.s.switchesOf.all(query.group, limit)
    ) as { record: string }[];
    return rows.map((r) => JSON.parse(r.record) as SwitchRecord);
  }

  async appendAudit(entry: AuditRecord): Promise<void> {
    this.s.appendAudit.run(entry.group, entry.at, JSON.stringify(entry));
  }

  async audit(query: FailoverQuery = {}): Promise<AuditRecord[]> {
    const limit = query.limit ?? 100;
    const rows = (
      query.group === undefined ? this.s.audit.all(limit) : this.s.auditOf.all(query.group, limit)
    ) as { entry: string }[];
    return rows.map((r) => JSON.parse(r.entry) as AuditRecord);
  }

  async appendIncidentUpdate(update: IncidentUpdate): Promise<void> {
    this.s.appendUpdate.run(update.id, update.incident, update.at, JSON.stringify(update));
  }

  async incidentUpdates(ids: readonly string[]): Promise<IncidentUpdate[]> {
    if (ids.length === 0) return [];
    const rows = this.s.updates.all(JSON.stringify(ids.slice(0, MAX_UPDATE_IDS))) as { entry: string }[];
    return rows.map((r) => JSON.parse(r.entry) as IncidentUpdate);
  }

  async saveMaintenance(window: MaintenanceWindow): Promise<void> {
    this.s.saveMaintenance.run(window.id, window.start, window.end, JSON.stringify(window));
  }

  async deleteMaintenance(id: string): Promise<void> {
    this.s.deleteMaintenance.run(id);
  }

  async maintenanceWindow(id: string): Promise<MaintenanceWindow | undefined> {
    const row = this.s.maintenanceWindow.get(id) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as MaintenanceWindow) : undefined;
  }

  async maintenance(query: MaintenanceQuery = {}): Promise<MaintenanceWindow[]> {
    const { sql, params } = maintenanceSql(query, () => '?');
    const rows = this.db.prepare(sql).all(...params) as { record: string }[];
    return rows.map((r) => JSON.parse(r.record) as MaintenanceWindow);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

interface KvEntryRow {
  key: string;
  value: string;
  revision: number;
  written_at: number;
}

function kvRowOf(r: KvEntryRow): KvRow {
  return {
    key: r.key,
    value: JSON.parse(r.value) as unknown,
    revision: Number(r.revision),
    writtenAt: Number(r.written_at),
  };
}

function prepare(db: Db) {
  const obs = 'SELECT * FROM observations';
  return {
    insertObservation: db.prepare(
      'INSERT INTO observations (check_id, vantage, at, ok, reason, detail, latency_ms, warning, cert_days_left) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    observations: db.prepare(`${obs} WHERE check_id = ? AND at >= ? ORDER BY at, rowid LIMIT ?`),
    observationsOf: db.prepare(
      `${obs} WHERE check_id = ? AND vantage = ? AND at >= ? ORDER BY at, rowid LIMIT ?`,
    ),
    recent: db.prepare(`${obs} WHERE at >= ? ORDER BY at, rowid LIMIT ?`),
    takeOld: db.prepare(
      'DELETE FROM observations WHERE rowid IN (SELECT rowid FROM observations WHERE at < ? LIMIT ?) RETURNING *',
    ),
    rollup: db.prepare('SELECT * FROM rollups WHERE check_id = ? AND vantage = ? AND minute = ?'),
    upsertRollup: db.prepare(
      'INSERT OR REPLACE INTO rollups (check_id, vantage, minute, count, failures, p50, p95, p99, max) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    rollups: db.prepare(
      'SELECT * FROM rollups WHERE check_id = ? AND minute >= ? AND minute < ? ORDER BY minute, vantage',
    ),
    purgeRollups: db.prepare('DELETE FROM rollups WHERE minute < ?'),
    insertTransition: db.prepare(
      'INSERT INTO transitions (at, type, id, from_state, to_state, reason) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    transitions: db.prepare('SELECT * FROM transitions WHERE at >= ? ORDER BY at DESC, seq DESC LIMIT ?'),
    transitionsOf: db.prepare(
      'SELECT * FROM transitions WHERE id = ? AND at >= ? ORDER BY at DESC, seq DESC LIMIT ?',
    ),
    upsertIncident: db.prepare(
      `INSERT INTO incident_records (id, service, opened_at, closed_at, worst, state) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET closed_at = excluded.closed_at, worst = excluded.worst, state = excluded.state`,
    ),
    incident: db.prepare('SELECT * FROM incident_records WHERE id = ?'),
    timeline: db.prepare('SELECT * FROM incident_entries WHERE incident = ? ORDER BY seq'),
    timelineLength: db.prepare('SELECT COUNT(*) AS n FROM incident_entries WHERE incident = ?'),
    insertTimeline: db.prepare(
      'INSERT INTO incident_entries (incident, seq, at, type, id, from_state, to_state, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    saveState: db.prepare(
      'INSERT INTO state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    ),
    loadState: db.prepare('SELECT value FROM state WHERE key = ?'),
    enqueue: db.prepare(
      'INSERT INTO alert_outbox (channel, key, payload, created_at, next_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel, key) DO NOTHING',
    ),
    due: db.prepare('SELECT * FROM alert_outbox WHERE next_at <= ? ORDER BY seq LIMIT ?'),
    markAttempt: db.prepare(
      'UPDATE alert_outbox SET attempts = attempts + 1, next_at = ?, last_error = ? WHERE channel = ? AND key = ?',
    ),
    postpone: db.prepare('UPDATE alert_outbox SET next_at = ? WHERE channel = ? AND next_at < ?'),
    removeOutbox: db.prepare('DELETE FROM alert_outbox WHERE channel = ? AND key = ?'),
    outboxSize: db.prepare('SELECT COUNT(*) AS n FROM alert_outbox'),
    kvRevision: db.prepare('SELECT revision FROM kv_revisions WHERE bucket = ?'),
    kvEntries: db.prepare(
      'SELECT key, value, revision, written_at FROM kv_entries WHERE bucket = ? ORDER BY key',
    ),
    kvDelete: db.prepare('DELETE FROM kv_entries WHERE bucket = ? AND key = ?'),
    kvUpsert: db.prepare(
      `INSERT INTO kv_entries (bucket, key, value, revision, written_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (bucket, key) DO UPDATE SET value = excluded.value, revision = excluded.revision, written_at = excluded.written_at`,
    ),
    kvRaise: db.prepare(
      `INSERT INTO kv_revisions (bucket, revision) VALUES (?, ?)
       ON CONFLICT (bucket) DO UPDATE SET revision = MAX(revision, excluded.revision)`,
    ),
    saveSwitch: db.prepare(
      `INSERT INTO failover_switches (id, grp, decided_at, record) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET record = excluded.record`,
    ),
    switches: db.prepare('SELECT record FROM failover_switches ORDER BY decided_at DESC, id DESC LIMIT ?'),
    switchesOf: db.prepare(
      'SELECT record FROM failover_switches WHERE grp = ? ORDER BY decided_at DESC, id DESC LIMIT ?',
    ),
    appendAudit: db.prepare('INSERT INTO failover_audit (grp, at, entry) VALUES (?, ?, ?)'),
    audit: db.prepare('SELECT entry FROM failover_audit ORDER BY at DESC, seq DESC LIMIT ?'),
    auditOf: db.prepare('SELECT entry FROM failover_audit WHERE grp = ? ORDER BY at DESC, seq DESC LIMIT ?'),
    appendUpdate: db.prepare(
      'INSERT INTO incident_updates (id, incident, at, entry) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
    ),
    updates: db.prepare(
      'SELECT entry FROM incident_updates WHERE incident IN (SELECT value FROM json_each(?)) ORDER BY at, seq',
    ),
    saveMaintenance: db.prepare(
      `INSERT INTO maintenance_windows (id, start_at, end_at, record) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET start_at = excluded.start_at, end_at = excluded.end_at, record = excluded.record`,
    ),
    deleteMaintenance: db.prepare('DELETE FROM maintenance_windows WHERE id = ?'),
    maintenanceWindow: db.prepare('SELECT record FROM maintenance_windows WHERE id = ?'),
  };
}
