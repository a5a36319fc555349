/** One action of `bascule backup` (status, init, run, verify, restore): one file each. */
import type { Config } from '../../../model/schema.ts';
import type { CommandContext } from '../../command.ts';

export interface BackupArgs {
  readonly config: Config;
  /** The map's folder. */
  readonly baseDir: string;
  /** What follows the action: datasets or targets. */
  readonly names: readonly string[];
  /** `verify --read-data`: the part of each repository's data a check reads. */
  readonly readDataSubset?: string;
}

export type BackupAction = (ctx: CommandContext, args: BackupArgs) => Promise<number>;
