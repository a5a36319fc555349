/** JSON logs (pino) for the daemon and the agent; tokens, passwords and authorization headers are redacted. */
import { type Logger, pino } from 'pino';

import type { LogLevel } from './log-levels.ts';

export { LOG_LEVELS, type LogLevel } from './log-levels.ts';

export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { app: 'bascule' },
      redact: {
        paths: [
          'token',
          'password',
          'secret',
          'authorization',
          '*.token',
          '*.password',
          '*.secret',
          '*.authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? process.stderr,
  );
}

export type { Logger };
