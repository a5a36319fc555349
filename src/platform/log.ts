/** JSON logs (pino) for the daemon and the agent; tokens, passwords and authorization headers are redacted. */
import { type Logger, pino } from 'pino';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

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
