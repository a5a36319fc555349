/**
 * The SQL of the backup aggregates, one text for SQLite and PostgreSQL (only the placeholders
 * differ: `?` and `$n`). A head moves only forward: a record older than the head is kept in the
 * history and leaves the head as it is.
 */
import type { BackupEventType, BackupQuery } from './backup-records.ts';

type Placeholder = (n: number) => string;

export function backupStatements(p: Placeholder) {
  const list = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => p(from + i)).join(', ');
  return {
    saveRun: `INSERT INTO backup_runs (id, dataset, target, kind, started_at, record) VALUES (${list(1, 6)})
      ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at, record = excluded.record`,
    moveHead: `INSERT INTO backup_heads (head, key, at, record) VALUES (${list(1, 4)})
      ON CONFLICT (head, key) DO UPDATE SET at = excluded.at, record = excluded.record
      WHERE excluded.at >= backup_heads.at`,
    appendEvent: `INSERT INTO backup_events (type, dataset, target, at, record) VALUES (${list(1, 5)})`,
    heads: 'SELECT head, record FROM backup_heads ORDER BY head, key',
    saveManifest: `INSERT INTO backup_manifests (dataset, target, snapshot, record) VALUES (${list(1, 4)})
      ON CONFLICT (dataset, target, snapshot) DO UPDATE SET record = excluded.record`,
    manifest: `SELECT record FROM backup_manifests WHERE dataset = ${p(1)} AND target = ${p(2)} AND snapshot = ${p(3)}`,
  };
}

/** The manifests of a dataset on a target, but those of `snapshots`, deleted. */
export function keepManifestsSql(
  dataset: string,
  target: string,
  snapshots: readonly string[],
  p: Placeholder,
): { sql: string; params: unknown[] } {
  const kept =
    snapshots.length > 0 ? ` AND snapshot NOT IN (${snapshots.map((_, i) => p(i + 3)).join(', ')})` : '';
  return {
    sql: `DELETE FROM backup_manifests WHERE dataset = ${p(1)} AND target = ${p(2)}${kept}`,
    params: [dataset, target, ...snapshots],
  };
}

/** Runs newest first, by dataset and target. */
export function runsSql(q: BackupQuery, p: Placeholder): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.dataset !== undefined) where.push(`dataset = ${p(params.push(q.dataset))}`);
  if (q.target !== undefined) where.push(`target = ${p(params.push(q.target))}`);
  const sql = `SELECT record FROM backup_runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY started_at DESC, id DESC LIMIT ${p(params.push(q.limit ?? 100))}`;
  return { sql, params };
}

/** Checks, restore tests or proofs, newest first. */
export function eventsSql(
  type: BackupEventType,
  q: BackupQuery,
  p: Placeholder,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [type];
  const where = [`type = ${p(1)}`];
  if (q.dataset !== undefined) where.push(`dataset = ${p(params.push(q.dataset))}`);
  if (q.target !== undefined) where.push(`target = ${p(params.push(q.target))}`);
  const sql = `SELECT record FROM backup_events WHERE ${where.join(' AND ')}
    ORDER BY at DESC, seq DESC LIMIT ${p(params.push(q.limit ?? 100))}`;
  return { sql, params };
}
