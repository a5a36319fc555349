/**
 * What the proxy keeps across its restarts: the newest fence it applied and the routing that came
 * with it, in one JSON file replaced atomically (written beside it, synced, renamed), so a
 * restarted proxy serves where it was and still refuses an older leader.
 */
import { open, readFile, rename } from 'node:fs/promises';
import { isHostPort } from '../../model/schema-primitives.ts';
import type { Routing } from '../actuator.ts';

export interface KeptState {
  readonly fence: number;
  readonly routing: Routing;
}

function isRouting(v: unknown): v is Routing {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  const standby = r.standby ?? [];
  return (
    typeof r.group === 'string' &&
    typeof r.endpoint === 'string' &&
    typeof r.address === 'string' &&
    isHostPort(r.address) &&
    Array.isArray(standby) &&
    standby.every(
      (s: unknown) =>
        typeof s === 'object' &&
        s !== null &&
        typeof (s as Record<string, unknown>).endpoint === 'string' &&
        typeof (s as Record<string, unknown>).address === 'string' &&
        isHostPort((s as { address: string }).address),
    )
  );
}

/**
 * The kept state, undefined when there is none yet. A file that cannot be read or makes no sense
 * is an error (the proxy must not start forgetting a fence it promised to hold).
 */
export async function readState(file: string): Promise<KeptState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return undefined;
    throw e;
  }
  const v = JSON.parse(text) as { fence?: unknown; routing?: unknown };
  if (typeof v.fence !== 'number' || !Number.isSafeInteger(v.fence) || !isRouting(v.routing))
    throw new Error(`${file}: not a proxy state (fence and routing)`);
  return { fence: v.fence, routing: v.routing };
}

export async function writeState(file: string, state: KeptState): Promise<void> {
  const tmp = `${file}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(`${JSON.stringify(state)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}
