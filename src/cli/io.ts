/** What a command may touch: streams, environment, files. Tests pass their own. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { errorCode, fail } from '../errors.ts';

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Colour output (a terminal that supports it, NO_COLOR unset, or FORCE_COLOR set). */
  readonly color: boolean;
  /** Interactive: stdin and stdout are terminals. */
  readonly interactive: boolean;
  /** Standard error is a terminal, this many columns wide: live progress is drawn there (else plain lines). */
  readonly progressColumns?: number;
  /** Asks a question and returns the answer, or undefined at the end of input (Ctrl-D); only called when interactive. */
  readonly ask: (question: string) => Promise<string | undefined>;
  /** Resolves when a long-running command should stop (SIGINT, SIGTERM), with the signal's name. */
  readonly untilStopped?: () => Promise<string>;
  /** Calls `listener` at each line read on stdin (Enter); returns what stops listening. */
  readonly onEnter?: (listener: () => void) => () => void;
}

export function processIo(): Io {
  const env = process.env;
  const tty = process.stdout.isTTY === true;
  const color = env.FORCE_COLOR
    ? env.FORCE_COLOR !== '0'
    : tty && !env.NO_COLOR && process.stdout.hasColors();
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env,
    cwd: process.cwd(),
    color,
    interactive: tty && process.stdin.isTTY === true,
    ...(process.stderr.isTTY ? { progressColumns: process.stderr.columns || 80 } : {}),
    untilStopped: () =>
      new Promise((resolve) => {
        const stop = (signal: string) => () => resolve(signal);
        process.once('SIGINT', stop('SIGINT'));
        process.once('SIGTERM', stop('SIGTERM'));
      }),
    onEnter: (listener) => {
      const stdin = process.stdin;
      const onData = (chunk: Buffer) => {
        if (chunk.includes(10) || chunk.includes(13)) listener();
      };
      const onError = () => undefined; // no stdin to read (closed): no key, nothing else
      stdin.on('data', onData);
      stdin.on('error', onError);
      stdin.resume();
      return () => {
        stdin.off('data', onData);
        stdin.off('error', onError);
        stdin.pause();
      };
    },
    ask: async (question) => {
      const { createInterface } = await import('node:readline/promises');
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      // At the end of input the interface closes: in a terminal the question is rejected, from a
      // pipe it is left pending; either way the answer is "none".
      const closed = new Promise<undefined>((done) => rl.once('close', () => done(undefined)));
      try {
        return await Promise.race([rl.question(question).catch(() => undefined), closed]);
      } finally {
        rl.close();
      }
    },
  };
}

/** Reads a UTF-8 file; errors name it as the user wrote it (`shown`). */
export function readText(file: string, shown = file): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const reason = errorCode(e);
    if (reason === 'ENOENT') throw fail('BASCULE_E_FILE_NOT_FOUND', { file: shown });
    throw fail('BASCULE_E_FILE_READ', { file: shown, reason });
  }
}

/** Writes a UTF-8 file; errors name it as the user wrote it (`shown`). */
export function writeText(file: string, text: string | Uint8Array, force = true, shown = file): void {
  if (!force && existsSync(file)) throw fail('BASCULE_E_FILE_EXISTS', { file: shown });
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw fail('BASCULE_E_FILE_WRITE', { file: shown, reason: errorCode(e) });
  }
}
