/**
 * What the webhook actuator keeps across its restarts: the newest fence it applied and the routing
 * that came with it, in one small JSON file replaced atomically (written beside it, synced,
 * renamed, the directory synced), so a restarted actuator still refuses an older leader and knows
 * what it last told the receiver.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Routing } from '../actuator.ts';

export interface KeptState {
  readonly fence: number;
  readonly routing: Routing;
}

function isRouting(v: unknown): v is Routing {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.group === 'string' && typeof r.endpoint === 'string' && typeof r.address === 'string';
}

/**
 * The kept state, undefined when there is none yet. A file that cannot be read or makes no sense
 * is an error: the actuator must not forget a fence it promised to hold.
 */
export async function readState(file: string): Promise<KeptState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return undefined;
    throw e;
  }
  let v: { fence?: unknown; routing?: unknown };
  try {
    v = JSON.parse(text) as typeof v;
  } catch {
    throw new Error('not JSON');
  }
  if (typeof v.fence !== 'number' || !Number.isSafeInteger(v.fence) || !isRouting(v.routing))
    throw new Error('not a webhook state (fence and routing)');
  const { group, endpoint, address } = v.routing;
  return { fence: v.fence, routing: { group, endpoint, address } };
}

export async function writeState(file: string, state: KeptState): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(state)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  await syncDir(dir);
}

/** Makes the rename durable; best effort (a file system that cannot sync a directory still renamed). */
async function syncDir(dir: string): Promise<void> {
  try {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // the state is written; only its durability across a power cut is less certain
  }
}
