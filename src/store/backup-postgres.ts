/** The backup aggregates in PostgreSQL: each write one transaction with the heads it moves. */
import type pg from 'pg';
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

type Tx = <T>(fn: (c: pg.PoolClient) => Promise<T>) => Promise<T>;
const n = (i: number) => `$${i}`;
const S = backupStatements(n);

export class PostgresBackups implements BackupStore {
  constructor(private readonly tx: Tx) {}

  private async rows<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<R[]> {
    return this.tx(async (c) => (await c.query<R>(sql, params)).rows);
  }

  async saveBackupRun(run: BackupRun): Promise<void> {
    const record = JSON.stringify(run);
    await this.tx(async (c) => {
      await c.query(S.saveRun, [run.id, run.dataset, run.target, run.kind, run.startedAt, record]);
      for (const h of runHeads(run)) await c.query(S.moveHead, [h.head, h.key, run.startedAt, record]);
    });
  }

  async backupRuns(query: BackupQuery = {}): Promise<BackupRun[]> {
    const { sql, params } = runsSql(query, n);
    return (await this.rows<{ record: string }>(sql, params)).map((r) => JSON.parse(r.record) as BackupRun);
  }

  async recordBackupEvent(event: BackupEvent): Promise<void> {
    const record = JSON.stringify(event);
    const dataset = event.type === 'restore' ? event.dataset : null;
    const h = eventHead(event);
    await this.tx(async (c) => {
      await c.query(S.appendEvent, [event.type, dataset, event.target, event.at, record]);
      await c.query(S.moveHead, [h.head, h.key, event.at, record]);
    });
  }

  async backupEvents<T extends BackupEventType>(
    type: T,
    query: BackupQuery = {},
  ): Promise<BackupEventOf<T>[]> {
    const { sql, params } = eventsSql(type, query, n);
    return (await this.rows<{ record: string }>(sql, params)).map(
      (r) => JSON.parse(r.record) as BackupEventOf<T>,
    );
  }

  async backupHeads(): Promise<BackupHeads> {
    return headsOf(await this.rows<{ head: string; record: string }>(S.heads, []));
  }

  async saveManifest(m: BackupManifest): Promise<void> {
    await this.rows(S.saveManifest, [m.dataset, m.target, m.snapshot, JSON.stringify(m)]);
  }

  async manifest(dataset: string, target: string, snapshot: string): Promise<BackupManifest | undefined> {
    const row = (await this.rows<{ record: string }>(S.manifest, [dataset, target, snapshot]))[0];
    return row ? (JSON.parse(row.record) as BackupManifest) : undefined;
  }

  async keepManifests(dataset: string, target: string, snapshots: readonly string[]): Promise<void> {
    const { sql, params } = keepManifestsSql(dataset, target, snapshots, n);
    await this.rows(sql, params);
  }
}
