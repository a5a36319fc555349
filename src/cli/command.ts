/** The interface every CLI command implements; main.ts lists them in one table. */
import type { ParseArgsConfig } from 'node:util';
import type { Lang, PlainKey } from '../i18n/index.ts';
import type { Io } from './io.ts';

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandContext {
  readonly io: Io;
  readonly lang: Lang;
  readonly values: OptionValues;
  readonly positionals: readonly string[];
}

export interface Command {
  readonly name: string;
  /** One line for `bascule --help`. */
  readonly summary: PlainKey;
  readonly usage: string;
  /** What it does to the world, as Checkly's CLI declares it. */
  readonly effect: 'read-only' | 'writes-files' | 'sends-messages' | 'long-running';
  readonly options: NonNullable<ParseArgsConfig['options']>;
  readonly positionals?: number;
  run(ctx: CommandContext): Promise<number>;
}

export const CONFIG_OPTION = { config: { type: 'string', short: 'c', default: 'bascule.yaml' } } as const;
export const FORMAT_OPTION = { format: { type: 'string', default: 'text' } } as const;
export const OUT_OPTION = { out: { type: 'string', short: 'o' } } as const;
export const SCENARIOS_OPTION = { scenarios: { type: 'string', multiple: true } } as const;
