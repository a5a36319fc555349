/**
 * What the DNS server keeps across its restarts, in one JSON file replaced atomically (written
 * beside it as `<file>.tmp`, synced, renamed): the serial of each zone and, per failover group, the
 * newest fence applied and the routing that came with it. So a restarted server answers where it
 * did, with a serial that only goes forward, and still refuses an older leader.
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface KeptGroup {
  readonly fence: number;
  readonly endpoint: string;
  readonly address: string;
}

export interface KeptDnsState {
  readonly serials: Readonly<Record<string, number>>;
  readonly groups: Readonly<Record<string, KeptGroup>>;
}

export const EMPTY_STATE: KeptDnsState = { serials: {}, groups: {} };

function isGroup(v: unknown): v is KeptGroup {
  const g = v as Record<string, unknown> | null;
  return (
    typeof g === 'object' &&
    g !== null &&
    typeof g.fence === 'number' &&
    Number.isSafeInteger(g.fence) &&
    typeof g.endpoint === 'string' &&
    typeof g.address === 'string'
  );
}

/** The kept state (EMPTY_STATE when there is no file). A file that makes no sense is an error. */
export async function readDnsState(file: string): Promise<KeptDnsState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return EMPTY_STATE;
    throw e;
  }
  const v = JSON.parse(text) as { serials?: unknown; groups?: unknown };
  const serials = (v.serials ?? {}) as Record<string, unknown>;
  const groups = (v.groups ?? {}) as Record<string, unknown>;
  if (
    typeof serials !== 'object' ||
    typeof groups !== 'object' ||
    !Object.values(serials).every((s) => typeof s === 'number' && Number.isInteger(s)) ||
    !Object.values(groups).every(isGroup)
  )
    throw new Error(`${file}: not a DNS server state (serials and groups)`);
  return { serials: serials as Record<string, number>, groups: groups as Record<string, KeptGroup> };
}

export async function writeDnsState(file: string, state: KeptDnsState): Promise<void> {
  const tmp = `${file}.tmp`;
  await mkdir(dirname(file), { recursive: true });
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(state)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}
