/** Runs the CLI in process with captured output, as a user would call it. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(
  args: readonly string[],
  options: {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    /** Answers to the questions in order; once they run out, the input has ended (Ctrl-D). */
    answers?: readonly string[];
    interactive?: boolean;
    untilStopped?: () => Promise<string>;
  } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const answers = [...(options.answers ?? [])];
  const code = await main(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: options.env ?? { LANG: 'en_US.UTF-8' },
    cwd: options.cwd ?? process.cwd(),
    color: false,
    interactive: options.interactive ?? false,
    ...(options.untilStopped ? { untilStopped: options.untilStopped } : {}),
    ask: async (q) => {
      stdout += q;
      // No answer left: the end of input, as Ctrl-D.
      return answers.shift();
    },
  });
  return { code, stdout, stderr };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'bascule-test-'));
}
