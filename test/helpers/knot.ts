/**
 * A real Knot DNS (`knotd` from Debian's knot, installed by scripts/test.sh) for the RFC 2136
 * tests: the primary zone `example.com`, its zone file, journal and timer database in a temporary
 * directory, updates allowed to the TSIG keys of update-server.ts by an `acl` with `action:
 * update`, listening on 127.0.0.1 on a free port, in the foreground with its log on stderr.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startUpdateServer, type TestUpdateServer, UPDATE_KEYS, ZONE, zoneFile } from './update-server.ts';

function config(dir: string, port: number): string {
  return `server:
    rundir: "${dir}"
    listen: 127.0.0.1@${port}
log:
  - target: stderr
    any: info
database:
    storage: "${dir}/db"
key:
${UPDATE_KEYS.map((k) => `  - id: ${k.name}\n    algorithm: ${k.algorithm}\n    secret: ${k.secret}`).join('\n')}
acl:
  - id: bascule-update
    key: [${UPDATE_KEYS.map((k) => k.name).join(', ')}]
    action: update
zone:
  - domain: ${ZONE}
    storage: "${dir}"
    file: "${ZONE}.zone"
    acl: bascule-update
`;
}

export function startKnot(): Promise<TestUpdateServer> {
  return startUpdateServer({
    name: 'knotd',
    prepare(dir, port) {
      mkdirSync(join(dir, 'db'));
      writeFileSync(join(dir, `${ZONE}.zone`), zoneFile());
      writeFileSync(join(dir, 'knot.conf'), config(dir, port));
    },
    command: (dir) => ['knotd', ['-c', join(dir, 'knot.conf')]],
    ready: /server started in the foreground/,
  });
}
