/**
 * Log lines about what clients and backends do wrong, at most `perSecond` of each kind a second:
 * an abusive client must not turn the log into a second attack. The lines held back are counted in
 * the next one of their kind.
 */
import type { Logger } from '../../platform/log.ts';

export class LimitedLog {
  private readonly counts = new Map<string, { second: number; lines: number; held: number }>();

  constructor(
    readonly logger: Logger,
    private readonly perSecond = 10,
  ) {}

  warn(kind: string, fields: Record<string, unknown>, msg: string): void {
    const second = Math.floor(Date.now() / 1000);
    let c = this.counts.get(kind);
    if (c === undefined || c.second !== second) {
      const held = c?.held ?? 0;
      c = { second, lines: 0, held };
      this.counts.set(kind, c);
    }
    if (c.lines >= this.perSecond) {
      c.held++;
      return;
    }
    c.lines++;
    const extra = c.held > 0 ? { heldBack: c.held } : {};
    c.held = 0;
    this.logger.warn({ kind, ...fields, ...extra }, msg);
  }
}
