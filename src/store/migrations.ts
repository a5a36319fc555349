/**
 * The schema, as dated migrations applied once each, in order, inside a transaction, and recorded
 * in `bascule_migrations`. One list, two dialects: SQLite and PostgreSQL differ only in types.
 */

export type Dialect = 'sqlite' | 'postgres';

export interface Migration {
  readonly id: string;
  readonly sql: (d: Dialect) => readonly string[];
}

const types = (d: Dialect) =>
  d === 'sqlite'
    ? { big: 'INTEGER', real: 'REAL', bool: 'INTEGER', serial: 'INTEGER PRIMARY KEY AUTOINCREMENT' }
    : { big: 'BIGINT', real: 'DOUBLE PRECISION', bool: 'BOOLEAN', serial: 'BIGSERIAL PRIMARY KEY' };

export const MIGRATIONS: readonly Migration[] = [
  {
    id: '2026-11-24-monitoring',
    sql: (d) => {
      const t = types(d);
      return [
        `CREATE TABLE observations (
          check_id TEXT NOT NULL, vantage TEXT NOT NULL, at ${t.big} NOT NULL, ok ${t.bool} NOT NULL,
          reason TEXT, detail TEXT, latency_ms ${t.real} NOT NULL, warning TEXT, cert_days_left ${t.real})`,
        'CREATE INDEX observations_check_at ON observations (check_id, at)',
        'CREATE INDEX observations_at ON observations (at)',
        `CREATE TABLE rollups (
          check_id TEXT NOT NULL, vantage TEXT NOT NULL, minute ${t.big} NOT NULL,
          count ${t.big} NOT NULL, failures ${t.big} NOT NULL,
          p50 ${t.real} NOT NULL, p95 ${t.real} NOT NULL, p99 ${t.real} NOT NULL, max ${t.real} NOT NULL,
          PRIMARY KEY (check_id, vantage, minute))`,
        `CREATE TABLE transitions (
          seq ${t.serial}, at ${t.big} NOT NULL, type TEXT NOT NULL, id TEXT NOT NULL,
          from_state TEXT NOT NULL, to_state TEXT NOT NULL, reason TEXT)`,
        'CREATE INDEX transitions_at ON transitions (at)',
        'CREATE INDEX transitions_id_at ON transitions (id, at)',
        `CREATE TABLE incidents (
          id ${t.serial}, service TEXT NOT NULL, opened_at ${t.big} NOT NULL, closed_at ${t.big},
          worst TEXT NOT NULL, state TEXT NOT NULL)`,
        'CREATE INDEX incidents_service ON incidents (service, opened_at)',
        `CREATE TABLE incident_timeline (
          incident ${t.big} NOT NULL REFERENCES incidents (id), seq ${t.big} NOT NULL,
          at ${t.big} NOT NULL, type TEXT NOT NULL, id TEXT NOT NULL,
          from_state TEXT NOT NULL, to_state TEXT NOT NULL, reason TEXT,
          PRIMARY KEY (incident, seq))`,
        `CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at ${t.big} NOT NULL)`,
      ];
    },
  },
  {
    // Incident ids become deterministic (service@opening time), so that nodes agree on them.
    id: '2026-12-01-incident-ids',
    sql: (d) => {
      const t = types(d);
      const iso =
        d === 'sqlite'
          ? "strftime('%Y-%m-%dT%H:%M:%S', opened_at / 1000, 'unixepoch') || '.' || substr('00' || (opened_at % 1000), -3) || 'Z'"
          : `to_char(to_timestamp(opened_at / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') || '.' || lpad((opened_at % 1000)::text, 3, '0') || 'Z'`;
      return [
        `CREATE TABLE incident_records (
          id TEXT PRIMARY KEY, service TEXT NOT NULL, opened_at ${t.big} NOT NULL, closed_at ${t.big},
          worst TEXT NOT NULL, state TEXT NOT NULL)`,
        'CREATE INDEX incident_records_service ON incident_records (service, opened_at)',
        'CREATE INDEX incident_records_opened ON incident_records (opened_at)',
        `CREATE TABLE incident_entries (
          incident TEXT NOT NULL REFERENCES incident_records (id), seq ${t.big} NOT NULL,
          at ${t.big} NOT NULL, type TEXT NOT NULL, id TEXT NOT NULL,
          from_state TEXT NOT NULL, to_state TEXT NOT NULL, reason TEXT,
          PRIMARY KEY (incident, seq))`,
        `INSERT INTO incident_records (id, service, opened_at, closed_at, worst, state)
          SELECT service || '@' || ${iso}, service, opened_at, closed_at, worst, state FROM incidents`,
        `INSERT INTO incident_entries (incident, seq, at, type, id, from_state, to_state, reason)
          SELECT i.service || '@' || ${iso.replaceAll('opened_at', 'i.opened_at')}, e.seq, e.at, e.type, e.id,
            e.from_state, e.to_state, e.reason
          FROM incident_timeline e JOIN incidents i ON i.id = e.incident`,
        'DROP TABLE incident_timeline',
        'DROP TABLE incidents',
      ];
    },
  },
  {
    // The alert outbox: an alert stays queued, per channel and key, until its channel accepted it.
    id: '2026-12-08-alert-outbox',
    sql: (d) => {
      const t = types(d);
      return [
        `CREATE TABLE alert_outbox (
          seq ${t.serial}, channel TEXT NOT NULL, key TEXT NOT NULL, payload TEXT NOT NULL,
          created_at ${t.big} NOT NULL, next_at ${t.big} NOT NULL, attempts ${t.big} NOT NULL DEFAULT 0,
          last_error TEXT, UNIQUE (channel, key))`,
        'CREATE INDEX alert_outbox_next_at ON alert_outbox (next_at)',
      ];
    },
  },
  {
    // Failover: the coordinator's buckets (a single node's lease and desired state survive a
    // restart; revisions never go back), switch records with their timings, the audit trail.
    id: '2026-12-15-failover',
    sql: (d) => {
      const t = types(d);
      return [
        `CREATE TABLE kv_entries (
          bucket TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, revision ${t.big} NOT NULL,
          written_at ${t.big} NOT NULL, PRIMARY KEY (bucket, key))`,
        `CREATE TABLE kv_revisions (bucket TEXT PRIMARY KEY, revision ${t.big} NOT NULL)`,
        `CREATE TABLE failover_switches (
          id TEXT PRIMARY KEY, grp TEXT NOT NULL, decided_at ${t.big} NOT NULL, record TEXT NOT NULL)`,
        'CREATE INDEX failover_switches_group ON failover_switches (grp, decided_at)',
        'CREATE INDEX failover_switches_decided ON failover_switches (decided_at)',
        `CREATE TABLE failover_audit (
          seq ${t.serial}, grp TEXT NOT NULL, at ${t.big} NOT NULL, entry TEXT NOT NULL)`,
        'CREATE INDEX failover_audit_group ON failover_audit (grp, at)',
      ];
    },
  },
  {
    // What operators tell the public: updates on incidents, and maintenance windows (whole records
    // as JSON, with the columns the queries filter and sort on).
    id: '2026-12-22-updates-maintenance',
    sql: (d) => {
      const t = types(d);
      return [
        `CREATE TABLE incident_updates (
          seq ${t.serial}, id TEXT NOT NULL UNIQUE, incident TEXT NOT NULL, at ${t.big} NOT NULL,
          entry TEXT NOT NULL)`,
        'CREATE INDEX incident_updates_incident ON incident_updates (incident, at)',
        `CREATE TABLE maintenance_windows (
          id TEXT PRIMARY KEY, start_at ${t.big} NOT NULL, end_at ${t.big} NOT NULL, record TEXT NOT NULL)`,
        'CREATE INDEX maintenance_windows_start ON maintenance_windows (start_at)',
        'CREATE INDEX maintenance_windows_end ON maintenance_windows (end_at)',
      ];
    },
  },
  {
    // Backups: Bascule's own records of restic runs, checks, restore tests and append-only proofs
    // (whole records as JSON, with the columns queries filter and sort on), the manifests restore
    // tests compare with, and the heads (the latest of each) that `backup status` reads.
    id: '2027-01-05-backups',
    sql: (d) => {
      const t = types(d);
      return [
        `CREATE TABLE backup_runs (
          id TEXT PRIMARY KEY, dataset TEXT NOT NULL, target TEXT NOT NULL, kind TEXT NOT NULL,
          started_at ${t.big} NOT NULL, record TEXT NOT NULL)`,
        'CREATE INDEX backup_runs_dataset ON backup_runs (dataset, started_at)',
        'CREATE INDEX backup_runs_target ON backup_runs (target, started_at)',
        'CREATE INDEX backup_runs_started ON backup_runs (started_at)',
        `CREATE TABLE backup_events (
          seq ${t.serial}, type TEXT NOT NULL, dataset TEXT, target TEXT NOT NULL, at ${t.big} NOT NULL,
          record TEXT NOT NULL)`,
        'CREATE INDEX backup_events_target ON backup_events (type, target, at)',
        'CREATE INDEX backup_events_dataset ON backup_events (type, dataset, at)',
        `CREATE TABLE backup_heads (
          head TEXT NOT NULL, key TEXT NOT NULL, at ${t.big} NOT NULL, record TEXT NOT NULL,
          PRIMARY KEY (head, key))`,
        `CREATE TABLE backup_manifests (
          dataset TEXT NOT NULL, target TEXT NOT NULL, snapshot TEXT NOT NULL, record TEXT NOT NULL,
          PRIMARY KEY (dataset, target, snapshot))`,
      ];
    },
  },
];

export const MIGRATIONS_TABLE =
  'CREATE TABLE IF NOT EXISTS bascule_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)';
