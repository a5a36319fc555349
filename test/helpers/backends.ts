/**
 * Backends as child processes (test/helpers/backend-process.ts) on loopback addresses standing for
 * two providers (127.0.0.2 and 127.0.0.3), killed with SIGKILL as a provider dies.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./backend-process.ts', import.meta.url));

export interface Backend {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** `host:port`. */
  readonly address: string;
  readonly child: ChildProcess;
  /** SIGKILL, and waits for the process to be gone. */
  kill(): Promise<void>;
  /** The requests it has seen, by `METHOD /path`. */
  stats(): Promise<Record<string, number>>;
}

export async function startBackend(name: string, host: string, port = 0): Promise<Backend> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, name, host, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  child.channel?.unref(); // the channel only tells it when this process is gone
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`backend ${name} did not start`)), 15_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.slice(0, out.indexOf('\n')));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`backend ${name} exited (${code})`));
    });
  });
  const { port: actual } = JSON.parse(line) as { port: number };
  const address = `${host}:${actual}`;
  return {
    name,
    host,
    port: actual,
    address,
    child,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = once(child, 'exit');
      child.kill('SIGKILL');
      await gone;
    },
    async stats() {
      const r = await fetch(`http://${address}/stats`);
      return (await r.json()) as Record<string, number>;
    },
  };
}
