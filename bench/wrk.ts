/** Runs `wrk` (installed with apt-get when missing) and reads its summary: requests/s, p50, p99, errors. */
import { execFileSync } from 'node:child_process';

export interface WrkResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** Socket errors and non-2xx/3xx answers. */
  readonly errors: number;
  /** Bytes read per second. */
  readonly bytesPerS: number;
}

export function ensureWrk(): void {
  try {
    execFileSync('sh', ['-c', 'command -v wrk'], { stdio: 'ignore' });
  } catch {
    console.error('installing wrk with apt-get');
    execFileSync('apt-get', ['install', '-y', '-q', 'wrk'], { stdio: 'inherit', timeout: 300_000 });
  }
}

const MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000 };
const BYTES: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

/**
 * One run: one wrk thread, `connections` keep-alive connections, `seconds` long; closed-loop unless
 * `script` (a wrk Lua script, such as a `delay()` hook that paces each connection) says otherwise.
 */
export function wrk(url: string, connections: number, seconds: number, script?: string): WrkResult {
  const out = execFileSync(
    'wrk',
    [
      '-t1',
      `-c${connections}`,
      `-d${seconds}s`,
      '--latency',
      '--timeout',
      '5s',
      ...(script ? ['-s', script] : []),
      url,
    ],
    { encoding: 'utf8', timeout: (seconds + 30) * 1000 },
  );
  const latency = (p: string) => {
    const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(out);
    return m ? Number(m[1]) * MS[m[2]!]! : Number.NaN;
  };
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  const transfer = /Transfer\/sec:\s+([\d.]+)(B|KB|MB|GB)/.exec(out);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? Number.NaN),
    p50: latency('50'),
    p99: latency('99'),
    errors:
      (errors ? errors.slice(1).reduce((a, b) => a + Number(b), 0) : 0) + (non2xx ? Number(non2xx[1]) : 0),
    bytesPerS: transfer ? Number(transfer[1]) * BYTES[transfer[2]!]! : Number.NaN,
  };
}
