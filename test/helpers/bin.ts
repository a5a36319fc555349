/** Runs the built executable (bin/bascule.js) with BASCULE_ERRORS=json and checks each error's code and exit code. */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ERRORS, type ErrorCode } from '../../src/errors.ts';
import { tempDir } from './cli.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'bascule.js');

export const MAP = `version: 1
name: Acme
services:
  checkout: {criticality: critical, dependsOn: [web]}
components:
  web: {provider: aws, region: eu-west-3, kind: compute}
`;

/** One error as BASCULE_ERRORS=json prints it. */
export interface ReportedError {
  readonly code: ErrorCode;
  readonly exit: number;
  readonly params: Readonly<Record<string, string | number>>;
  readonly message: string;
}

export interface Reported {
  readonly status: number | null;
  readonly errors: readonly ReportedError[];
  readonly stderr: string;
}

/** Builds dist/ when it is missing (bin/bascule.js imports it). */
export function ensureBuilt(): void {
  if (existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) return;
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT });
}

/** Runs bin/bascule.js asynchronously (servers in the test process must be able to answer it). */
export function bascule(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<Reported> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { ...process.env, LANG: 'C', BASCULE_ERRORS: 'json', ...env }, timeout: 20_000 },
      (error, _stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        const errors = stderr
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as ReportedError);
        resolve({ status, errors, stderr });
      },
    );
  });
}

/** Resolves with the port once `server` listens on 127.0.0.1 at a free port. */
export function listening(server: Pick<Server, 'listen' | 'address'>): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

type Expected = Readonly<Record<string, string | number>>;

/** One row: a command line, the map it runs beside, and the one error it must report. */
export interface ErrorCase {
  readonly name: string;
  readonly args: () => readonly string[];
  readonly map?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly code: ErrorCode;
  readonly exit: number;
  /** Parameters to check; a function when they depend on ports bound in `before`. */
  readonly params?: Expected | (() => Expected);
}

/** One test per row, in a fresh directory holding the map and an empty folder `folder/`. */
export function checkErrors(cases: readonly ErrorCase[]): void {
  for (const c of cases) {
    it(`exits ${c.exit} with ${c.code} on ${c.name}`, async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'bascule.yaml'), c.map ?? MAP);
      mkdirSync(join(dir, 'folder'));
      const r = await bascule(c.args(), dir, c.env);
      assert.equal(r.status, c.exit, r.stderr);
      assert.equal(ERRORS[c.code].exit, c.exit, 'the registry and the table agree');
      assert.deepEqual(
        r.errors.map((e) => e.code),
        [c.code],
        r.stderr,
      );
      assert.equal(r.errors[0]!.exit, c.exit);
      const expected = typeof c.params === 'function' ? c.params() : (c.params ?? {});
      for (const [k, v] of Object.entries(expected)) assert.equal(r.errors[0]!.params[k], v, k);
      assert.doesNotMatch(r.stderr, /hunter2|at .*\.js:\d+/);
      // Every parameter is worded: no placeholder or message key shows through.
      assert.doesNotMatch(
        r.errors[0]!.message,
        /\{\w+\}|@[a-z]+\.[a-zA-Z]|\bundefined\b/,
        r.errors[0]!.message,
      );
    });
  }
}
