/**
 * `bascule demo`: a failover, live, on this machine (src/demo/run.ts), until SIGINT or SIGTERM.
 * Here only the flags are read and checked; the demo (the daemon, the backends) is loaded when it
 * runs, so the other commands start without it.
 */

import { DEMO_BOUNDS, DEMO_DEFAULTS, type DemoSettings } from '../../demo/settings.ts';
import { fail } from '../../errors.ts';
import { formatDuration, parseDuration } from '../../model/duration.ts';
import type { Command, CommandContext } from '../command.ts';
import { painter } from '../style.ts';

type Key = keyof DemoSettings;

/** A plain number is seconds (`--kill-after 2`); otherwise a duration (`500ms`, `1m30s`). */
function durationFlag(ctx: CommandContext, flag: string, key: Key): number {
  const value = ctx.values[flag];
  if (typeof value !== 'string') return DEMO_DEFAULTS[key];
  const ms = /^\d+(\.\d+)?$/.test(value) ? Math.round(Number(value) * 1000) : parseDuration(value);
  if (ms === undefined)
    throw fail('BASCULE_E_USAGE_FLAG_FORMAT', { flag: `--${flag}`, value, format: 'duration' });
  const [min, max] = DEMO_BOUNDS[key];
  if (ms < min || ms > max)
    throw fail('BASCULE_E_USAGE_FLAG_RANGE', {
      flag: `--${flag}`,
      value,
      min: formatDuration(min),
      max: formatDuration(max),
    });
  return ms;
}

function countFlag(ctx: CommandContext, flag: string, key: Key): number {
  const value = ctx.values[flag];
  if (typeof value !== 'string') return DEMO_DEFAULTS[key];
  const [min, max] = DEMO_BOUNDS[key];
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max))
    throw fail('BASCULE_E_USAGE_FLAG_RANGE', { flag: `--${flag}`, value, min, max });
  return n;
}

export const demo = {
  name: 'demo',
  summary: 'cli.demo.summary',
  usage:
    'bascule demo [--kill-after DURATION] [--interval DURATION] [--restart-after DURATION] [--failback-after DURATION] [--rate N] [--rounds N] [--no-color]',
  effect: 'long-running',
  options: {
    'kill-after': { type: 'string' },
    interval: { type: 'string' },
    'restart-after': { type: 'string' },
    'failback-after': { type: 'string' },
    rate: { type: 'string' },
    rounds: { type: 'string' },
    'no-color': { type: 'boolean' },
  },
  async run(ctx) {
    const settings: DemoSettings = {
      killAfterMs: durationFlag(ctx, 'kill-after', 'killAfterMs'),
      intervalMs: durationFlag(ctx, 'interval', 'intervalMs'),
      restartAfterMs: durationFlag(ctx, 'restart-after', 'restartAfterMs'),
      failbackAfterMs: durationFlag(ctx, 'failback-after', 'failbackAfterMs'),
      rate: countFlag(ctx, 'rate', 'rate'),
      rounds: countFlag(ctx, 'rounds', 'rounds'),
    };
    const { runDemo } = await import('../../demo/run.ts');
    return runDemo(settings, {
      lang: ctx.lang,
      paint: painter(ctx.io.color && ctx.values['no-color'] !== true),
      write: ctx.io.stdout,
      live: ctx.io.interactive,
      stopped: ctx.io.untilStopped?.() ?? new Promise(() => {}),
      ...(ctx.io.onEnter ? { onEnter: ctx.io.onEnter } : {}),
      env: ctx.io.env,
    });
  },
} satisfies Command;
