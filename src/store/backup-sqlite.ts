/** The backup aggregates in SQLite (better-sqlite3): each write one transaction with the heads it moves. */
import type Database from 'better-sqlite3';
import {
  type BackupEvent,
  type BackupEventOf,
  type BackupEventType,
  type BackupHeads,
  type BackupManifest,
  type BackupQuery,
  type BackupRun,
  type BackupStore,
  eventHead,
  headsOf,
  runHeads,
} from './backup-records.ts';
import { backupStatements, eventsSql, keepManifestsSql, runsSql } from './backup-sql.ts';

type Db = InstanceType<typeof Database>;
type Statements = { [K in keyof ReturnType<typeof backupStatements>]: Database.Statement };

export class SqliteBackups implements BackupStore {
  private statements: Statements | undefined;

  constructor(private readonly db: Db) {}

  /** Prepared on first use: the tables exist only once the store is migrated. */
  private get s(): Statements {
    this.statements ??= Object.fromEntries(
      Object.entries(backupStatements(() => '?')).map(([k, sql]) => [k, this.db.prepare(sql)]),
    ) as Statements;
    return this.statements;
  }

  async saveBackupRun(run: BackupRun): Promise<void> {
    const record = JSON.stringify(run);
    this.db.transaction(() => {
      this.s.saveRun.run(run.id, run.dataset, run.target, run.kind, run.startedAt, record);
      for (const h of runHeads(run)) this.s.moveHead.run(h.head, h.key, run.startedAt, record);
    })();
  }

  async backupRuns(query: BackupQuery = {}): Promise<BackupRun[]> {
    const { sql, params } = runsSql(query, () => '?');
    const rows = this.db.prepare(sql).all(...params) as { record: string }[];
    return rows.map((r) => JSON.parse(r.record) as BackupRun);
  }

  async recordBackupEvent(event: BackupEvent): Promise<void> {
    const record = JSON.stringify(event);
    const dataset = event.type === 'restore' ? event.dataset : null;
    const h = eventHead(event);
    this.db.transaction(() => {
      this.s.appendEvent.run(event.type, dataset, event.target, event.at, record);
      this.s.moveHead.run(h.head, h.key, event.at, record);
    })();
  }

  async backupEvents<T extends BackupEventType>(
    type: T,
    query: BackupQuery = {},
  ): Promise<BackupEventOf<T>[]> {
    const { sql, params } = eventsSql(type, query, () => '?');
    const rows = this.db.prepare(sql).all(...params) as { record: string }[];
    return rows.map((r) => JSON.parse(r.record) as BackupEventOf<T>);
  }

  async backupHeads(): Promise<BackupHeads> {
    return headsOf(this.s.heads.all() as { head: string; record: string }[]);
  }

  async saveManifest(m: BackupManifest): Promise<void> {
    this.s.saveManifest.run(m.dataset, m.target, m.snapshot, JSON.stringify(m));
  }

  async manifest(dataset: string, target: string, snapshot: string): Promise<BackupManifest | undefined> {
    const row = this.s.manifest.get(dataset, target, snapshot) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as BackupManifest) : undefined;
  }

  async keepManifests(dataset: string, target: string, snapshots: readonly string[]): Promise<void> {
    const { sql, params } = keepManifestsSql(dataset, target, snapshots, () => '?');
    this.db.prepare(sql).run(...params);
  }
}
