/**
 * The program whose standard output is the backup (a dataset's command, pg_dump): spawned by
 * Bascule, not by restic, so its exit code is known — a producer that fails half-way still leaves
 * restic a stream that ends, and a snapshot. Its output is hashed on the way (the manifest of the
 * one file it becomes); its error output is kept bounded, scrubbed, for the failure's detail.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';

import { reasonLine } from './classify.ts';
import { scrub } from './scrub.ts';

export interface ProducerEnd {
  /** Its exit code; null when it was ended by a signal or never ran. */
  readonly exit: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Its last error line (scrubbed), or why it could not start. */
  readonly detail: string;
  /** The sha256 of everything it wrote. */
  readonly sha256: string;
  readonly bytes: number;
}

export interface Producer {
  readonly output: Readable;
  readonly done: Promise<ProducerEnd>;
  kill(): void;
}

const STDERR_LIMIT = 16 * 1024;

/** Its first line that says error (`pg_dump: error: …`), else its last line. */
function errorLine(stderr: string): string {
  const line = stderr.split('\n').find((l) => /\b(error|fatal)\b/i.test(l));
  return line ? line.trim().slice(0, 500) : reasonLine(stderr);
}

export function startProducer(
  argv: readonly string[],
  env: Readonly<Record<string, string>>,
  secrets: readonly string[],
): Producer {
  const [cmd, ...args] = argv;
  const child = spawn(cmd!, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that stopping it stops what it started (a shell's children).
    detached: true,
  });
  const hash = createHash('sha256');
  let bytes = 0;
  const output = new PassThrough();
  let stderr = '';
  let spawnError: string | undefined;
  let digest: string | undefined;
  const sha256 = () => {
    digest ??= hash.digest('hex');
    return digest;
  };
  child.stdout.on('data', (c: Buffer) => {
    hash.update(c);
    bytes += c.length;
  });
  child.stdout.pipe(output);
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (c: string) => {
    stderr = (stderr + c).slice(-STDERR_LIMIT);
  });
  const done = new Promise<ProducerEnd>((resolve) => {
    child.on('error', (e: NodeJS.ErrnoException) => {
      spawnError = e.code ?? e.name;
      if (child.pid === undefined) {
        output.end();
        resolve({ exit: null, signal: null, detail: `${cmd}: ${spawnError}`, sha256: sha256(), bytes });
      }
    });
    child.on('close', (exit, signal) => {
      resolve({
        exit,
        signal,
        detail: spawnError ? `${cmd}: ${spawnError}` : scrub(errorLine(stderr), secrets),
        sha256: sha256(),
        bytes,
      });
    });
  });
  return {
    output,
    done,
    kill() {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    },
  };
}
