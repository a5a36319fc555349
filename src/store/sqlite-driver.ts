/**
 * The SQLite driver for this Node.js: better-sqlite3 12 on Node 20 and 21 (13 needs Node 22 and
 * crashes on 20), better-sqlite3 13 on Node 22 and later (12 wraps its objects with the legacy
 * `node::ObjectWrap`, whose destructor aborts the process on Node 24.19+ when a statement is
 * collected after the environment is gone: nodejs/node#65446). Both have the same API.
 */
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);

/** The package name of the driver this Node.js loads. */
export function sqliteDriverName(nodeVersion = process.versions.node): string {
  return Number(nodeVersion.split('.')[0]) >= 22 ? 'better-sqlite3-napi' : 'better-sqlite3';
}

const Database: typeof BetterSqlite3 = require(sqliteDriverName());
export default Database;
