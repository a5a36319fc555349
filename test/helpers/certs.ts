/**
 * Test certificates made with the openssl CLI, once per test process: a CA, and server
 * certificates signed by it for 127.0.0.1 — valid, expiring in 3 days, expired, for another host —
 * plus a self-signed one. Returned as PEM strings.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Pair {
  readonly cert: string;
  readonly key: string;
}

export interface TestCerts {
  readonly ca: string;
  readonly valid: Pair;
  readonly expiring: Pair;
  readonly expired: Pair;
  readonly wrongHost: Pair;
  readonly selfSigned: Pair;
}

let made: TestCerts | undefined;

export function testCerts(): TestCerts {
  if (made) return made;
  const dir = mkdtempSync(join(tmpdir(), 'bascule-certs-'));
  const f = (name: string) => join(dir, name);
  const ssl = (...args: string[]) =>
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  ssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
    '-days',
    '30',
    '-subj',
    '/CN=Bascule Test CA',
  );
  writeFileSync(f('index.txt'), '');
  writeFileSync(f('serial'), '1000\n');
  writeFileSync(
    f('ca.cnf'),
    [
      '[ca]',
      'default_ca = test',
      '[test]',
      `dir = ${dir}`,
      `database = ${f('index.txt')}`,
      `new_certs_dir = ${dir}`,
      `serial = ${f('serial')}`,
      'default_md = sha256',
      'policy = any',
      'copy_extensions = copy',
      'unique_subject = no',
      '[any]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
  const leaf = (name: string, san: string, dates: string[]): Pair => {
    ssl(
      'req',
      '-new',
      ...ec,
      '-keyout',
      f(`${name}.key`),
      '-out',
      f(`${name}.csr`),
      '-subj',
      `/CN=${name}`,
      '-addext',
      `subjectAltName=${san}`,
    );
    ssl(
      'ca',
      '-batch',
      '-notext',
      '-config',
      f('ca.cnf'),
      '-cert',
      f('ca.pem'),
      '-keyfile',
      f('ca.key'),
      '-in',
      f(`${name}.csr`),
      '-out',
      f(`${name}.pem`),
      ...dates,
    );
    return { cert: readFileSync(f(`${name}.pem`), 'utf8'), key: readFileSync(f(`${name}.key`), 'utf8') };
  };
  const local = 'IP:127.0.0.1,DNS:localhost';
  const valid = leaf('valid', local, ['-days', '30']);
  const expiring = leaf('expiring', local, ['-days', '3']);
  const expired = leaf('expired', local, ['-startdate', '20200101000000Z', '-enddate', '20200201000000Z']);
  const wrongHost = leaf('wrong', 'DNS:wrong.example', ['-days', '30']);
  ssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    f('self.key'),
    '-out',
    f('self.pem'),
    '-days',
    '30',
    '-subj',
    '/CN=self',
    '-addext',
    `subjectAltName=${local}`,
  );
  made = {
    ca: readFileSync(f('ca.pem'), 'utf8'),
    valid,
    expiring,
    expired,
    wrongHost,
    selfSigned: { cert: readFileSync(f('self.pem'), 'utf8'), key: readFileSync(f('self.key'), 'utf8') },
  };
  return made;
}
