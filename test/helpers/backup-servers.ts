/**
 * Real places to keep backups, on loopback, for the restic runner's tests: an SFTP "NAS" (Debian's
 * openssh-server: an sshd started here on 127.0.0.1 with its own config, host key and user key; no
 * system service is touched), a REST repository server (`rclone serve restic`, also append-only),
 * and an S3 stand-in (s3rver, over HTTPS with the test CA: over plain HTTP restic's chunked uploads
 * break it). Each is stopped by `stop()`, its files removed.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

import type { ResticRepo } from '../../src/backup/restic/index.ts';
import { testCerts } from './certs.ts';

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

/** Waits until `port` accepts connections (at most `ms`). */
async function listening(port: number, ms: number, child: ChildProcess, what: string): Promise<void> {
  const { connect } = await import('node:net');
  const until = Date.now() + ms;
  for (let i = 0; Date.now() < until && i < 400; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((r) => {
      const s = connect(port, '127.0.0.1');
      s.on('connect', () => {
        s.destroy();
        r(true);
      });
      s.on('error', () => r(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not listen on ${port} within ${ms} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => {
    const t = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(t);
      r();
    });
    child.kill('SIGTERM');
  });
}

export interface Place {
  /** A repository at `name` on this place, with the password given. */
  repo(name: string, password: string): ResticRepo;
  stop(): Promise<void>;
}

/** An sshd on 127.0.0.1 serving SFTP to root with a key made for it; repositories under its temp dir. */
export async function startSftpNas(): Promise<Place & { readonly root: string; log(): string }> {
  const dir = mkdtempSync(join(tmpdir(), 'bascule-sftp-'));
  const root = join(dir, 'volume1');
  mkdirSync(root);
  const f = (n: string) => join(dir, n);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', f('host_key')]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', f('user_key')]);
  execFileSync('cp', [f('user_key.pub'), f('authorized_keys')]);
  // sshd wants its privilege separation directory; Debian makes it only when its service starts.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const port = await freePort();
  writeFileSync(
    f('sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${f('host_key')}`,
      `PidFile ${f('sshd.pid')}`,
      `AuthorizedKeysFile ${f('authorized_keys')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'Subsystem sftp internal-sftp',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  );
  const host = execFileSync('cat', [f('host_key.pub')], { encoding: 'utf8' })
    .trim()
    .split(' ')
    .slice(0, 2)
    .join(' ');
  writeFileSync(f('known_hosts'), `[127.0.0.1]:${port} ${host}\n`);
  const sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', f('sshd_config')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  sshd.stderr?.on('data', (c: Buffer) => {
    log = (log + c.toString()).slice(-4096);
  });
  await listening(port, 10_000, sshd, 'sshd');
  const sshCommand = [
    'ssh',
    `-p ${port}`,
    `-i ${f('user_key')}`,
    '-o BatchMode=yes',
    '-o IdentitiesOnly=yes',
    `-o UserKnownHostsFile=${f('known_hosts')}`,
    '-o StrictHostKeyChecking=yes',
    '-o ConnectTimeout=5',
    'root@127.0.0.1',
    '-s sftp',
  ].join(' ');
  return {
    root,
    log: () => log,
    repo: (name, password) => ({
      repository: `sftp:root@127.0.0.1:${join(root, name)}`,
      password,
      env: {},
      options: { 'sftp.command': sshCommand },
    }),
    async stop() {
      await stopChild(sshd);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `rclone serve restic` on 127.0.0.1, with basic auth; `appendOnly` refuses deletes. */
export async function startRestServer(opts: { appendOnly?: boolean } = {}): Promise<
  Place & {
    readonly url: string;
    readonly root: string;
    readonly user: string;
    readonly pass: string;
    log(): string;
  }
> {
  const dir = mkdtempSync(join(tmpdir(), 'bascule-rest-'));
  const root = join(dir, 'data');
  mkdirSync(root);
  const port = await freePort();
  const user = 'bascule';
  const pass = 'rest-secret-7d1f';
  const args = [
    'serve',
    'restic',
    '--addr',
    `127.0.0.1:${port}`,
    '--user',
    user,
    '--pass',
    pass,
    '--config',
    join(dir, 'rclone.conf'),
    '--cache-dir',
    join(dir, 'cache'),
    ...(opts.appendOnly ? ['--append-only'] : []),
    root,
  ];
  const rclone = spawn('rclone', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  rclone.stderr?.on('data', (c: Buffer) => {
    log = (log + c.toString()).slice(-4096);
  });
  await listening(port, 15_000, rclone, 'rclone serve restic');
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    root,
    log: () => log,
    user,
    pass,
    repo: (name, password) => ({
      repository: `rest:${url}/${name}`,
      password,
      env: { RESTIC_REST_USERNAME: user, RESTIC_REST_PASSWORD: pass },
    }),
    async stop() {
      await stopChild(rclone);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** s3rver over HTTPS (the test CA), with one bucket per repository name. */
export async function startS3(buckets: readonly string[]): Promise<Place & { readonly caFile: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'bascule-s3-'));
  const certs = testCerts();
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, certs.ca);
  const port = await freePort();
  const server = new S3rver({
    port,
    address: '127.0.0.1',
    silent: true,
    directory: join(dir, 'data'),
    key: certs.valid.key,
    cert: certs.valid.cert,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  await server.run();
  return {
    caFile,
    repo: (name, password) => ({
      repository: `s3:https://127.0.0.1:${port}/${name}`,
      password,
      env: { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' },
      caCert: caFile,
    }),
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
