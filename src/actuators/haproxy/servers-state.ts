/**
 * `show servers state <backend>` read by its own header line (the columns HAProxy names, so a
 * version that adds columns still reads), and what each server's admin state means: HAProxy's
 * SRV_ADMF_* bits (maintenance forced, inherited, from a resolver or a health-check hostname; drain
 * forced or inherited). CMAINT (0x04, `disabled` in the configuration) is only a memory of where it
 * started: a server that left that maintenance keeps the bit and serves (HAProxy's SRV_ADMF_MAINT
 * is 0x63 too).
 */
export interface ServerState {
  readonly name: string;
  readonly address: string;
  /** 0 stopped, 1 starting, 2 running, 3 stopping. */
  readonly op: number;
  readonly admin: number;
  /** The weight it has now, and the one the configuration gives it. */
  readonly weight: number;
  readonly initialWeight: number;
}

const MAINT = 0x01 | 0x02 | 0x20 | 0x40;
const DRAIN = 0x08 | 0x10;

export function inMaint(s: ServerState): boolean {
  return (s.admin & MAINT) !== 0;
}

export function inDrain(s: ServerState): boolean {
  return (s.admin & DRAIN) !== 0;
}

/** Taking new traffic: neither in maintenance nor draining, with a weight. */
export function serving(s: ServerState): boolean {
  return !inMaint(s) && !inDrain(s) && s.weight > 0;
}

/** The servers of `backend`, by name; undefined when the output is not a servers state. */
export function parseServersState(output: string, backend: string): Map<string, ServerState> | undefined {
  const lines = output.split('\n');
  const head = lines.find((l) => l.startsWith('# be_id'));
  if (!head) return undefined;
  const cols = head.slice(2).trim().split(/\s+/);
  const at = (name: string) => cols.indexOf(name);
  const need = [
    'be_name',
    'srv_name',
    'srv_addr',
    'srv_op_state',
    'srv_admin_state',
    'srv_uweight',
    'srv_iweight',
  ];
  if (need.some((n) => at(n) < 0)) return undefined;
  const out = new Map<string, ServerState>();
  for (const line of lines) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const f = line.trim().split(/\s+/);
    if (f.length < cols.length - 1 || f[at('be_name')] !== backend) continue;
    const name = f[at('srv_name')]!;
    out.set(name, {
      name,
      address: f[at('srv_addr')]!,
      op: Number(f[at('srv_op_state')]),
      admin: Number(f[at('srv_admin_state')]),
      weight: Number(f[at('srv_uweight')]),
      initialWeight: Number(f[at('srv_iweight')]),
    });
  }
  return out;
}
