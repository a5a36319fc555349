/**
 * PostgreSQL as a backup source: pg_dump -Fc in the transaction snapshot in which Bascule counts
 * the rows of every table (the manifest), so the counts are those of the dump; and the restore
 * test's side: pg_restore into a scratch database made for it, its rows counted, then dropped. The
 * URL's password goes to pg_dump and pg_restore by PGPASSWORD, never on their command line.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A libpq URL without its password, and the environment that carries it. */
export function libpqTarget(url: string): { url: string; env: Record<string, string> } {
  const u = new URL(url);
  const env: Record<string, string> = {};
  if (u.password !== '') {
    env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = '';
  }
  return { url: u.toString(), env };
}

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** Rows per table (`schema.table`), user tables only, in the client's current transaction. */
async function rowCounts(client: pg.Client): Promise<Record<string, number>> {
  const tables = await client.query<{ s: string; t: string }>(
    `SELECT schemaname AS s, tablename AS t FROM pg_catalog.pg_tables
     WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const out: Record<string, number> = {};
  for (const { s, t } of tables.rows) {
    const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${ident(s)}.${ident(t)}`);
    out[`${s}.${t}`] = Number(r.rows[0]?.n ?? 0);
  }
  return out;
}

export interface DumpSnapshot {
  /** The id to give pg_dump's `--snapshot`. */
  readonly snapshot: string;
  readonly tables: Record<string, number>;
  /** Ends the transaction (after pg_dump is done). */
  close(): Promise<void>;
}

/** Opens a repeatable-read transaction, exports its snapshot and counts the rows in it. */
export async function openDumpSnapshot(url: string): Promise<DumpSnapshot> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const r = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    const tables = await rowCounts(client);
    return {
      snapshot: r.rows[0]!.id,
      tables,
      async close() {
        await client.query('COMMIT').catch(() => {});
        await client.end().catch(() => {});
      },
    };
  } catch (e) {
    await client.end().catch(() => {});
    throw e;
  }
}

/** The arguments of `pg_dump` for a URL without password, in an exported snapshot. */
export function pgDumpArgs(url: string, snapshot: string): string[] {
  return ['pg_dump', '--format=custom', '--no-password', `--snapshot=${snapshot}`, `--dbname=${url}`];
}

export interface ScratchDatabase {
  /** Its URL (with the admin URL's credentials). */
  readonly url: string;
  readonly name: string;
  /** Rows per table now. */
  counts(): Promise<Record<string, number>>;
  drop(): Promise<void>;
}

/** A new empty database for a restore test, beside the one the admin URL names. */
export async function createScratch(adminUrl: string): Promise<ScratchDatabase> {
  const name = `bascule_restore_${randomBytes(6).toString('hex')}`;
  const admin = async <T>(work: (c: pg.Client) => Promise<T>) => {
    const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.end().catch(() => {});
    }
  };
  await admin((c) => c.query(`CREATE DATABASE ${ident(name)}`));
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  return {
    url,
    name,
    async counts() {
      const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
      await c.connect();
      try {
        return await rowCounts(c);
      } finally {
        await c.end().catch(() => {});
      }
    },
    async drop() {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
    },
  };
}

/** Compares rows per table with the manifest's: `orders: 1200 rows, expected 1210`. */
export function compareTables(
  expected: Readonly<Record<string, number>>,
  restored: Readonly<Record<string, number>>,
): string | undefined {
  const out: string[] = [];
  for (const [t, n] of Object.entries(expected)) {
    const got = restored[t];
    if (got === undefined) out.push(`${t}: missing`);
    else if (got !== n) out.push(`${t}: ${got} rows, expected ${n}`);
  }
  for (const t of Object.keys(restored)) if (!(t in expected)) out.push(`${t}: not in the backup`);
  return out.length > 0 ? out.slice(0, 5).join('; ') + (out.length > 5 ? '…' : '') : undefined;
}
