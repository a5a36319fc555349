/**
 * The PostgreSQL store, for history shared beyond one machine: a small pool, one statement per
 * batch (`unnest` of arrays), transactions on one client. BIGINT columns come back as numbers
 * (epoch milliseconds fit in a double). Connection errors never show the password.
 */
import pg from 'pg';
import { BasculeError, errorCode, fail } from '../errors.ts';
import type { Incident, Observation, Transition } from '../monitor/types.ts';
import { DelegatesBackups } from './backup-delegate.ts';
import { PostgresBackups } from './backup-postgres.ts';
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
import type { IncidentQuery, OutboxEntry, OutboxItem, Rollup, StateEntry, Store } from './store.ts';

const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

type Client = pg.PoolClient;

/** The longest a statement may run (a roll-up chunk takes well under a second). */
const STATEMENT_TIMEOUT_MS = 30_000;

export class PostgresStore extends DelegatesBackups implements Store {
  private readonly pool: pg.Pool;
  protected readonly backups = new PostgresBackups((fn) => this.tx(fn));

  constructor(
    url: string,
    private readonly shown: string,
  ) {
    super();
    this.pool = new pg.Pool({
      connectionString: url,
      max: 4,
      connectionTimeoutMillis: 10_000,
      // A hung server must not hold the daemon's pipeline for ever: the statement is cancelled
      // server-side, and the client gives up a little later should the server not answer at all.
      statement_timeout: STATEMENT_TIMEOUT_MS,
      query_timeout: STATEMENT_TIMEOUT_MS + 5_000,
      types,
    });
    this.pool.on('error', () => {}); // an idle client's error: the next query reports it
  }

  private async tx<T>(fn: (c: Client) => Promise<T>): Promise<T> {
    let c: Client;
    try {
      c = await this.pool.connect();
    } catch (e) {
      throw fail('BASCULE_E_STORE_UNREACHABLE', { store: this.shown, reason: errorCode(e) });
    }
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  }

  private async q<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.tx(async (c) => (await c.query<R>(sql, params)).rows);
  }

  /** `until`: stop after that migration (tests of upgrades). */
  async migrate(until?: string): Promise<void> {
    try {
      await this.migrateNow(until);
    } catch (e) {
      if (e instanceof BasculeError) throw e;
      throw fail('BASCULE_E_STORE_MIGRATE', { store: this.shown, reason: errorCode(e) });
    }
  }

  private async migrateNow(until?: string): Promise<void> {
    await this.tx(async (c) => {
      // One migrator at a time (several daemons on one database).
      await c.query('SELECT pg_advisory_xact_lock(7426)');
      await c.query(MIGRATIONS_TABLE);
      const done = new Set(
        (await c.query<{ id: string }>('SELECT id FROM bascule_migrations')).rows.map((r) => r.id),
      );
      for (const m of MIGRATIONS) {
        if (until !== undefined && m.id > until) break;
        if (done.has(m.id)) continue;
        for (const sql of m.sql('postgres')) await c.query(sql);
        await c.query('INSERT INTO bascule_migrations (id, applied_at) VALUES ($1, $2)', [
          m.id,
          new Date().toISOString(),
        ]);
      }
    });
  }

  async appendObservations(batch: readonly Observation[]): Promise<void> {
    if (batch.length === 0) return;
    await this.q(
      `INSERT INTO observations (check_id, vantage, at, ok, reason, detail, latency_ms, warning, cert_days_left)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::boolean[], $5::text[], $6::text[],
                            $7::double precision[], $8::text[], $9::double precision[])`,
      [
        batch.map((o) => o.check),
        batch.map((o) => o.vantage),
        batch.map((o) => o.at),
        batch.map((o) => o.ok),
        batch.map((o) => o.reason ?? null),
        batch.map((o) => o.detail ?? null),
        batch.map((o) => o.latencyMs),
        batch.map((o) => o.warning ?? null),
        batch.map((o) => o.certDaysLeft ?? null),
      ],
    );
  }

  async observations(
    check: string,
    since: number,
    options: { vantage?: string; limit?: number } = {},
  ): Promise<Observation[]> {
    const rows =
      options.vantage === undefined
        ? await this.q<ObservationRow>(
            'SELECT * FROM observations WHERE check_id = $1 AND at >= $2 ORDER BY at, ctid LIMIT $3',
            [check, since, options.limit ?? 100_000],
          )
        : await this.q<ObservationRow>(
            'SELECT * FROM observations WHERE check_id = $1 AND vantage = $2 AND at >= $3 ORDER BY at, ctid LIMIT $4',
            [check, options.vantage, since, options.limit ?? 100_000],
          );
    return rows.map(observationOf);
  }

  async recentObservations(since: number, limit: number): Promise<Observation[]> {
    const rows = await this.q<ObservationRow>(
      'SELECT * FROM observations WHERE at >= $1 ORDER BY at, ctid LIMIT $2',
      [since, limit],
    );
    return rows.map(observationOf);
  }

  async rollUp(before: number): Promise<number> {
    const cutoff = minuteOf(before);
    let total = 0;
    for (;;) {
      const n = await this.tx(async (c) => {
        const { rows } = await c.query<ObservationRow>(
          'DELETE FROM observations WHERE ctid IN (SELECT ctid FROM observations WHERE at < $1 LIMIT $2) RETURNING *',
          [cutoff, ROLLUP_CHUNK],
        );
        for (const r of rollUp(rows.map(observationOf))) {
          const old = (
            await c.query<RollupRow>(
              'SELECT * FROM rollups WHERE check_id = $1 AND vantage = $2 AND minute = $3 FOR UPDATE',
              [r.check, r.vantage, r.minute],
            )
          ).rows[0];
          const m = old ? mergeRollups(rollupOf(old), r) : r;
          await c.query(
            `INSERT INTO rollups (check_id, vantage, minute, count, failures, p50, p95, p99, max)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (check_id, vantage, minute) DO UPDATE SET count = excluded.count,
               failures = excluded.failures, p50 = excluded.p50, p95 = excluded.p95, p99 = excluded.p99, max = excluded.max`,
            [m.check, m.vantage, m.minute, m.count, m.failures, m.p50, m.p95, m.p99, m.max],
          );
        }
        return rows.length;
      });
      total += n;
      if (n < ROLLUP_CHUNK) return total;
    }
  }

  async rollups(check: string, since: number, until: number): Promise<Rollup[]> {
    const rows = await this.q<RollupRow>(
      'SELECT * FROM rollups WHERE check_id = $1 AND minute >= $2 AND minute < $3 ORDER BY minute, vantage',
      [check, since, until],
    );
    return rows.map(rollupOf);
  }

  async purgeRollups(before: number): Promise<number> {
    return this.tx(
      async (c) => (await c.query('DELETE FROM rollups WHERE minute < $1', [before])).rowCount ?? 0,
    );
  }

  async appendTransitions(batch: readonly Transition[]): Promise<void> {
    if (batch.length === 0) return;
    await this.q(
      `INSERT INTO transitions (at, type, id, from_state, to_state, reason)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [
        batch.map((t) => t.at),
        batch.map((t) => t.type),
        batch.map((t) => t.id),
        batch.map((t) => t.from),
        batch.map((t) => t.to),
        batch.map((t) => encodeReason(t.reason)),
      ],
    );
  }

  async transitions(options: { since?: number; id?: string; limit?: number } = {}): Promise<Transition[]> {
    const rows =
      options.id === undefined
        ? await this.q<TransitionRow>(
            'SELECT * FROM transitions WHERE at >= $1 ORDER BY at DESC, seq DESC LIMIT $2',
            [options.since ?? 0, options.limit ?? 1000],
          )
        : await this.q<TransitionRow>(
            'SELECT * FROM transitions WHERE id = $1 AND at >= $2 ORDER BY at DESC, seq DESC LIMIT $3',
            [options.id, options.since ?? 0, options.limit ?? 1000],
          );
    return rows.map(transitionOf);
  }

  private async timeline(c: Client, id: string): Promise<Transition[]> {
    const { rows } = await c.query<TransitionRow>(
      'SELECT * FROM incident_entries WHERE incident = $1 ORDER BY seq',
      [id],
    );
    return rows.map(transitionOf);
  }

  async saveIncidents(batch: readonly Incident[]): Promise<void> {
    if (batch.length === 0) return;
    await this.tx(async (c) => {
      for (const i of batch) {
        await c.query(
          `INSERT INTO incident_records (id, service, opened_at, closed_at, worst, state) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (id) DO UPDATE SET closed_at = excluded.closed_at, worst = excluded.worst, state = excluded.state`,
          [i.id, i.service, i.openedAt, i.closedAt ?? null, i.worst, i.state],
        );
        const t = i.timeline;
        // Entries already stored keep their place (same seq): only the new ones are added.
        await c.query(
          `INSERT INTO incident_entries (incident, seq, at, type, id, from_state, to_state, reason)
           SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
           ON CONFLICT (incident, seq) DO NOTHING`,
          [
            i.id,
            t.map((_, seq) => seq),
            t.map((e) => e.at),
            t.map((e) => e.type),
            t.map((e) => e.id),
            t.map((e) => e.from),
            t.map((e) => e.to),
            t.map((e) => encodeReason(e.reason)),
          ],
        );
      }
    });
  }

  async incident(id: string): Promise<Incident | undefined> {
    return this.tx(async (c) => {
      const row = (await c.query<IncidentRow>('SELECT * FROM incident_records WHERE id = $1', [id])).rows[0];
      return row ? incidentOf(row, await this.timeline(c, id)) : undefined;
    });
  }

  async incidents(query: IncidentQuery = {}): Promise<Incident[]> {
    return this.tx(async (c) => {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.open === true) where.push('closed_at IS NULL');
      if (query.open === false) where.push('closed_at IS NOT NULL');
      if (query.service !== undefined) {
        params.push(query.service);
        where.push(`service = $${params.length}`);
      }
      params.push(query.limit ?? 100);
      const { rows } = await c.query<IncidentRow>(
        `SELECT * FROM incident_records ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY opened_at DESC, id DESC LIMIT $${params.length}`,
        params,
      );
      const out: Incident[] = [];
      for (const r of rows) out.push(incidentOf(r, await this.timeline(c, String(r.id))));
      return out;
    });
  }

  async saveState(key: string, value: unknown): Promise<void> {
    await this.q(
      `INSERT INTO state (key, value, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [key, JSON.stringify(value), Date.now()],
    );
  }

  async loadState(key: string): Promise<unknown | undefined> {
    const row = (await this.q<{ value: string }>('SELECT value FROM state WHERE key = $1', [key]))[0];
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  }

  async enqueue(items: readonly OutboxEntry[], state?: StateEntry): Promise<void> {
    if (items.length === 0 && state === undefined) return;
    await this.tx(async (c) => {
      if (items.length > 0) {
        await c.query(
          `INSERT INTO alert_outbox (channel, key, payload, created_at, next_at)
           SELECT c, k, p, t, t FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS u (c, k, p, t)
           ON CONFLICT (channel, key) DO NOTHING`,
          [
            items.map((i) => i.channel),
            items.map((i) => i.key),
            items.map((i) => JSON.stringify(i.payload)),
            items.map((i) => i.createdAt),
          ],
        );
      }
      if (state !== undefined) {
        await c.query(
          `INSERT INTO state (key, value, updated_at) VALUES ($1, $2, $3)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
          [state.key, JSON.stringify(state.value), Date.now()],
        );
      }
    });
  }

  async due(now: number, limit: number): Promise<OutboxItem[]> {
    const rows = await this.q<OutboxRow>(
      'SELECT * FROM alert_outbox WHERE next_at <= $1 ORDER BY seq LIMIT $2',
      [now, limit],
    );
    return rows.map(outboxItemOf);
  }

  async markAttempt(channel: string, key: string, nextAt: number, error: string): Promise<void> {
    await this.q(
      'UPDATE alert_outbox SET attempts = attempts + 1, next_at = $1, last_error = $2 WHERE channel = $3 AND key = $4',
      [nextAt, error, channel, key],
    );
  }

  async postpone(channel: string, until: number): Promise<void> {
    await this.q('UPDATE alert_outbox SET next_at = $1 WHERE channel = $2 AND next_at < $1', [
      until,
      channel,
    ]);
  }

  async remove(channel: string, key: string): Promise<void> {
    await this.q('DELETE FROM alert_outbox WHERE channel = $1 AND key = $2', [channel, key]);
  }

  async outboxSize(): Promise<number> {
    const row = (await this.q<{ n: number | string }>('SELECT COUNT(*) AS n FROM alert_outbox'))[0];
    return Number(row?.n ?? 0);
  }

  async kvLoad(bucket: string): Promise<KvBucketRows> {
    return this.tx(async (c) => {
      const rev = (
        await c.query<{ revision: number }>('SELECT revision FROM kv_revisions WHERE bucket = $1', [bucket])
      ).rows[0];
      const { rows } = await c.query<{ key: string; value: string; revision: number; written_at: number }>(
        'SELECT key, value, revision, written_at FROM kv_entries WHERE bucket = $1 ORDER BY key',
        [bucket],
      );
      return {
        revision: Number(rev?.revision ?? 0),
        entries: rows.map((r) => ({
          key: r.key,
          value: JSON.parse(r.value) as unknown,
          revision: Number(r.revision),
          writtenAt: Number(r.written_at),
        })),
      };
    });
  }

  async kvPut(
    bucket: string,
    row: KvRow | { readonly key: string; readonly deleted: true },
    revision: number,
  ): Promise<void> {
    await this.tx(async (c) => {
      if ('deleted' in row)
        await c.query('DELETE FROM kv_entries WHERE bucket = $1 AND key = $2', [bucket, row.key]);
      else
        await c.query(
          `INSERT INTO kv_entries (bucket, key, value, revision, written_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (bucket, key) DO UPDATE SET value = excluded.value, revision = excluded.revision, written_at = excluded.written_at`,
          [bucket, row.key, JSON.stringify(row.value), row.revision, row.writtenAt],
        );
      await c.query(
        `INSERT INTO kv_revisions (bucket, revision) VALUES ($1, $2)
         ON CONFLICT (bucket) DO UPDATE SET revision = GREATEST(kv_revisions.revision, excluded.revision)`,
        [bucket, revision],
      );
    });
  }

  async saveSwitch(record: SwitchRecord): Promise<void> {
    await this.q(
      `INSERT INTO failover_switches (id, grp, decided_at, record) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET record = excluded.record`,
      [record.id, record.group, record.decidedAt, JSON.stringify(record)],
    );
  }

  async switches(query: FailoverQuery = {}): Promise<SwitchRecord[]> {
    const rows =
      query.group === undefined
        ? await this.q<{ record: string }>(
            'SELECT record FROM failover_switches ORDER BY decided_at DESC, id DESC LIMIT $1',
            [query.limit ?? 100],
          )
        : await this.q<{ record: string }>(
            'SELECT record FROM failover_switches WHERE grp = $1 ORDER BY decided_at DESC, id DESC LIMIT $2',
            [query.group, query.limit ?? 100],
          );
    return rows.map((r) => JSON.parse(r.record) as SwitchRecord);
  }

  async appendAudit(entry: AuditRecord): Promise<void> {
    await this.q('INSERT INTO failover_audit (grp, at, entry) VALUES ($1, $2, $3)', [
      entry.group,
      entry.at,
      JSON.stringify(entry),
    ]);
  }

  async audit(query: FailoverQuery = {}): Promise<AuditRecord[]> {
    const rows =
      query.group === undefined
        ? await this.q<{ entry: string }>(
            'SELECT entry FROM failover_audit ORDER BY at DESC, seq DESC LIMIT $1',
            [query.limit ?? 100],
          )
        : await this.q<{ entry: string }>(
            'SELECT entry FROM failover_audit WHERE grp = $1 ORDER BY at DESC, seq DESC LIMIT $2',
            [query.group, query.limit ?? 100],
          );
    return rows.map((r) => JSON.parse(r.entry) as AuditRecord);
  }

  async appendIncidentUpdate(update: IncidentUpdate): Promise<void> {
    await this.q(
      'INSERT INTO incident_updates (id, incident, at, entry) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING',
      [update.id, update.incident, update.at, JSON.stringify(update)],
    );
  }

  async incidentUpdates(ids: readonly string[]): Promise<IncidentUpdate[]> {
    if (ids.length === 0) return [];
    const rows = await this.q<{ entry: string }>(
      'SELECT entry FROM incident_updates WHERE incident = ANY($1::text[]) ORDER BY at, seq',
      [ids.slice(0, MAX_UPDATE_IDS)],
    );
    return rows.map((r) => JSON.parse(r.entry) as IncidentUpdate);
  }

  async saveMaintenance(window: MaintenanceWindow): Promise<void> {
    await this.q(
      `INSERT INTO maintenance_windows (id, start_at, end_at, record) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET start_at = excluded.start_at, end_at = excluded.end_at, record = excluded.record`,
      [window.id, window.start, window.end, JSON.stringify(window)],
    );
  }

  async deleteMaintenance(id: string): Promise<void> {
    await this.q('DELETE FROM maintenance_windows WHERE id = $1', [id]);
  }

  async maintenanceWindow(id: string): Promise<MaintenanceWindow | undefined> {
    const row = (
      await this.q<{ record: string }>('SELECT record FROM maintenance_windows WHERE id = $1', [id])
    )[0];
    return row ? (JSON.parse(row.record) as MaintenanceWindow) : undefined;
  }

  async maintenance(query: MaintenanceQuery = {}): Promise<MaintenanceWindow[]> {
    const { sql, params } = maintenanceSql(query, (n) => `$${n}`);
    const rows = await this.q<{ record: string }>(sql, params);
    return rows.map((r) => JSON.parse(r.record) as MaintenanceWindow);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
