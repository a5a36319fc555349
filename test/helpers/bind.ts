/**
 * A real BIND 9 (`named` from Debian's bind9, installed by scripts/test.sh) for the RFC 2136 tests:
 * a primary zone `example.com` in a temporary directory (zone file and journal), updates allowed to
 * the TSIG keys of update-server.ts, listening on 127.0.0.1 on a free port. `dig` reads what it
 * serves.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startUpdateServer, type TestUpdateServer, UPDATE_KEYS, ZONE, zoneFile } from './update-server.ts';

export {
  KEY_FILE_TEXT,
  KEY_SECRET,
  listening,
  OTHER_KEYS,
  WRONG_SECRET,
  ZONE,
} from './update-server.ts';
export type TestBind = TestUpdateServer;

function config(dir: string, port: number): string {
  return `options {
  directory "${dir}";
  listen-on port ${port} { 127.0.0.1; };
  listen-on-v6 { none; };
  pid-file "${dir}/named.pid";
  session-keyfile none;
  recursion no;
  dnssec-validation no;
  notify no;
};
${UPDATE_KEYS.map((k) => `key "${k.name}" { algorithm ${k.algorithm}; secret "${k.secret}"; };`).join('\n')}
controls { };
zone "${ZONE}" {
  type primary;
  file "${dir}/${ZONE}.db";
  allow-update { ${UPDATE_KEYS.map((k) => `key ${k.name};`).join(' ')} };
};
`;
}

export function startBind(): Promise<TestBind> {
  return startUpdateServer({
    name: 'named',
    prepare(dir, port) {
      writeFileSync(join(dir, `${ZONE}.db`), zoneFile());
      writeFileSync(join(dir, 'named.conf'), config(dir, port));
    },
    command: (dir) => ['named', ['-g', '-n', '1', '-c', join(dir, 'named.conf')]],
    ready: /\brunning\b/,
  });
}
