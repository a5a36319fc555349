/**
 * A real BIND 9 (`named` from Debian's bind9, installed by scripts/test.sh) for the RFC 2136 tests:
 * a primary zone `example.com` in a temporary directory (zone file and journal), updates allowed to
 * the TSIG key `bascule`, listening on 127.0.0.1 on a free port. `dig` reads what it serves.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ZONE = 'example.com';
/** The key BIND knows (a fixed test secret), and one it does not. */
export const KEY_SECRET = 'Hh+ElyvelKoEwSNgLqA3xzS9w86Awx1zLwpsa0JEdz8=';
export const KEY_FILE_TEXT = `key "bascule" {\n\talgorithm hmac-sha256;\n\tsecret "${KEY_SECRET}";\n};\n`;
/** Keys for the other two algorithms Bascule supports. */
export const OTHER_KEYS = {
  'hmac-sha512': {
    name: 'bascule512',
    secret: 'NnC4J4LzVKCt89a3F5xN30DMydf1vhgaH1V9uvaHLVIFm15vxRVwK7VH5GdmvEmBMslnpWBbZXftDwHDYvDnGg==',
  },
  'hmac-sha1': { name: 'bascule1', secret: '34+TfdzkEtWWmNRKGrVBaXBJso4=' },
} as const;
export const WRONG_SECRET = 'c2VjcmV0LXRoYXQtYmluZC1kb2VzLW5vdC1rbm93LTEyMzQ1Ng==';

export interface TestBind {
  readonly dir: string;
  readonly port: number;
  /** `127.0.0.1:<port>`. */
  readonly server: string;
  /** The values `dig` reads for `name` (`api.example.com`) and `type`, sorted. */
  dig(name: string, type: string): Promise<string[]>;
  /** Stops named (SIGTERM: the journal stays); undefined if it is not running. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops named and listens on its port with a server that accepts and never answers. */
  hang(): Promise<void>;
  /** What named printed (with -g: its log). */
  log(): string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

function zoneFile(): string {
  return [
    '$TTL 60',
    '@ IN SOA ns1.example.com. hostmaster.example.com. 1 3600 600 86400 60',
    '@ IN NS ns1.example.com.',
    'ns1 IN A 127.0.0.1',
    '',
  ].join('\n');
}

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
key "bascule" { algorithm hmac-sha256; secret "${KEY_SECRET}"; };
key "bascule512" { algorithm hmac-sha512; secret "${OTHER_KEYS['hmac-sha512'].secret}"; };
key "bascule1" { algorithm hmac-sha1; secret "${OTHER_KEYS['hmac-sha1'].secret}"; };
controls { };
zone "${ZONE}" {
  type primary;
  file "${dir}/${ZONE}.db";
  allow-update { key bascule; key bascule512; key bascule1; };
};
`;
}

export async function startBind(): Promise<TestBind> {
  const dir = mkdtempSync(join(tmpdir(), 'bascule-bind-'));
  const port = await freePort();
  writeFileSync(join(dir, `${ZONE}.db`), zoneFile());
  writeFileSync(join(dir, 'named.conf'), config(dir, port));
  let named: ChildProcess | undefined;
  let hung: { server: Server; sockets: Set<Socket> } | undefined;
  let output = '';

  const start = async () => {
    if (named) return;
    const child = spawn('named', ['-g', '-n', '1', '-c', join(dir, 'named.conf')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    named = child;
    child.stderr?.setEncoding('utf8');
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`named did not start within 10 s:\n${output}`)),
        10_000,
      );
      child.stderr?.on('data', (chunk: string) => {
        output += chunk;
        if (/\brunning\b/.test(output.slice(-2000))) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`named exited (${code}):\n${output}`));
      });
    });
    await ready;
    // "running" can come before the TCP listener takes connections: wait for it (at most 5 s).
    for (let i = 0; i < 100 && !(await listening(port)); i++) await new Promise((r) => setTimeout(r, 50));
  };
  const stop = async () => {
    const child = named;
    named = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const unhang = async () => {
    if (!hung) return;
    for (const s of hung.sockets) s.destroy();
    await new Promise((r) => hung?.server.close(r));
    hung = undefined;
  };

  await start();
  return {
    dir,
    port,
    server: `127.0.0.1:${port}`,
    dig: (name, type) =>
      new Promise((resolve, reject) => {
        execFile(
          'dig',
          ['+short', '+tcp', '+time=2', '+tries=1', '-p', String(port), '@127.0.0.1', name, type],
          { timeout: 5_000 },
          (err, stdout) => {
            if (err) reject(err);
            else
              resolve(
                stdout
                  .split('\n')
                  .filter((l) => l !== '')
                  .sort(),
              );
          },
        );
      }),
    stop,
    async start() {
      await unhang();
      await start();
    },
    async hang() {
      await stop();
      const sockets = new Set<Socket>();
      const server = createServer((s) => {
        sockets.add(s);
        s.on('error', () => undefined);
      });
      server.listen(port, '127.0.0.1');
      await once(server, 'listening');
      hung = { server, sockets };
    },
    log: () => output,
    async close() {
      await unhang();
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Whether something listens on 127.0.0.1:port (for a test that checks a server is gone). */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
