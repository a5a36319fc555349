/**
 * A real PowerDNS Authoritative Server (`pdns_server` from Debian's pdns-server, with
 * pdns-backend-sqlite3, installed by scripts/test.sh) for the RFC 2136 tests: its configuration
 * and SQLite database in a temporary directory, `dnsupdate=yes` with `allow-dnsupdate-from` set to
 * loopback, the zone `example.com` loaded by `pdnsutil load-zone`, the TSIG keys of
 * update-server.ts imported by `pdnsutil import-tsig-key` and allowed to update it by the zone's
 * `TSIG-ALLOW-DNSUPDATE` metadata. Listening on 127.0.0.1 on a free port, in the foreground.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from '../../src/store/sqlite-driver.ts';
import { startUpdateServer, type TestUpdateServer, UPDATE_KEYS, ZONE, zoneFile } from './update-server.ts';

/** The schema Debian ships with the backend (what `sqlite3 db < schema.sqlite3.sql` would load). */
const SCHEMA = '/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql';

function config(dir: string, port: number): string {
  return [
    'launch=gsqlite3',
    `gsqlite3-database=${dir}/pdns.sqlite3`,
    'local-address=127.0.0.1',
    `local-port=${port}`,
    `socket-dir=${dir}`,
    'dnsupdate=yes',
    'allow-dnsupdate-from=127.0.0.0/8',
    'daemon=no',
    'guardian=no',
    'disable-syslog=yes',
    'log-timestamp=no',
    'webserver=no',
    'api=no',
    'security-poll-suffix=',
    'loglevel=6',
    '',
  ].join('\n');
}

export function startPdns(): Promise<TestUpdateServer> {
  return startUpdateServer({
    name: 'pdns_server',
    prepare(dir, port) {
      const db = new Database(join(dir, 'pdns.sqlite3'));
      try {
        db.exec(readFileSync(SCHEMA, 'utf8'));
      } finally {
        db.close();
      }
      writeFileSync(join(dir, 'pdns.conf'), config(dir, port));
      writeFileSync(join(dir, `${ZONE}.zone`), zoneFile());
      const pdnsutil = (...args: string[]) =>
        execFileSync('pdnsutil', [`--config-dir=${dir}`, ...args], { stdio: 'pipe', timeout: 10_000 });
      pdnsutil('load-zone', ZONE, join(dir, `${ZONE}.zone`));
      for (const k of UPDATE_KEYS) pdnsutil('import-tsig-key', k.name, k.algorithm, k.secret);
      pdnsutil('set-meta', ZONE, 'TSIG-ALLOW-DNSUPDATE', ...UPDATE_KEYS.map((k) => k.name));
    },
    command: (dir) => ['pdns_server', [`--config-dir=${dir}`]],
    ready: /Done launching threads, ready to distribute questions/,
  });
}
