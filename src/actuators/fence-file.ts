/**
 * What an actuator whose target holds no fence of its own (the webhook, HAProxy) keeps across its
 * restarts: the newest fence it applied and the routing that came with it, in one small JSON file
 * replaced atomically (platform/atomic-file.ts), so a restarted actuator still refuses an older
 * leader and knows what it last applied. (The proxy keeps its standby list too: proxy/state-file.ts.)
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../platform/atomic-file.ts';
import type { Routing } from './actuator.ts';

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
 * is an error: the actuator must not forget a fence it promised to hold. `what` names the state in
 * that error ("a webhook state").
 */
export async function readState(file: string, what: string): Promise<KeptState | undefined> {
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
    throw new Error(`not ${what} (fence and routing)`);
  const { group, endpoint, address } = v.routing;
  return { fence: v.fence, routing: { group, endpoint, address } };
}

export async function writeState(file: string, state: KeptState): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(state)}\n`);
}
