/**
 * The HAProxy actuator: sends a failover group's traffic to its active endpoint through HAProxy's
 * Runtime API, on the backend whose servers are the endpoints (plan.ts says which state and weight
 * each gets), then reads `show servers state` back to confirm. Runtime changes are lost when
 * HAProxy reloads: every apply starts from what HAProxy holds now, and `current()` says what it
 * routes to (undefined when it is not one endpoint alone), so the caller sees the drift and applies
 * again. HAProxy has no fence: the newest fence applied is kept in a state file and an older one is
 * refused, which protects only against this node's own stale calls.
 */
import { join } from 'node:path';
import type { Logger } from '../../platform/log.ts';
import type { Actuator, ApplyResult, Routing } from '../actuator.ts';
import { type KeptState, readState, writeState } from '../fence-file.ts';
import { DEFAULT_TIMEOUT_MS, type HaproxyOptions } from './options.ts';
import { commandsFor, holds } from './plan.ts';
import {
  type CommandResult,
  describeTarget,
  type RuntimeTarget,
  runCommand,
  runtimeTarget,
} from './runtime-api.ts';
import { parseServersState, type ServerState, serving } from './servers-state.ts';

type Failed = Extract<ApplyResult, { ok: false }>;

const ABORTED: Failed = { ok: false, reason: 'error', detail: 'aborted' };

function failedOf(r: Extract<CommandResult, { ok: false }>): Failed {
  return r.kind === 'aborted' ? ABORTED : { ok: false, reason: 'unreachable', detail: r.detail };
}

function isFailed(v: unknown): v is Failed {
  return typeof v === 'object' && v !== null && (v as { ok?: unknown }).ok === false;
}

function fileProblem(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? code : e instanceof Error ? e.message : String(e);
}

export class HaproxyActuator implements Actuator {
  readonly kind = 'haproxy';
  /** `<stateDir>/haproxy-<group>.json`. */
  readonly stateFile: string;
  private readonly target: RuntimeTarget;
  private readonly where: string;
  private readonly timeoutMs: number;
  private readonly logger: Logger | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: HaproxyOptions) {
    this.stateFile = join(o.stateDir, `haproxy-${o.group}.json`);
    this.target = runtimeTarget(o);
    this.where = describeTarget(this.target);
    this.timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.logger = o.logger;
  }

  /** The server name of an endpoint in the backend. */
  serverOf(endpoint: string): string {
    return this.o.servers?.[endpoint] ?? endpoint;
  }

  apply(routing: Routing, fence: number, signal?: AbortSignal): Promise<ApplyResult> {
    if (signal?.aborted) return Promise.resolve(ABORTED);
    const run = () =>
      this.applyNow(routing, fence, signal).catch(
        (e: unknown): Failed => ({
          ok: false,
          reason: 'error',
          detail: e instanceof Error ? e.message : String(e),
        }),
      );
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return signal ? untilAborted(result, signal) : result;
  }

  async current(group: string): Promise<Routing | undefined> {
    if (group !== this.o.group) return undefined;
    const servers = await this.read(AbortSignal.timeout(this.timeoutMs));
    if (isFailed(servers)) return undefined;
    const live = this.o.endpoints.filter((e) => {
      const s = servers.get(this.serverOf(e.name));
      return s !== undefined && serving(s);
    });
    if (live.length !== 1) return undefined;
    return { group, endpoint: live[0]!.name, address: live[0]!.address };
  }

  private deadline(signal?: AbortSignal): AbortSignal {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    return signal ? AbortSignal.any([signal, timeout]) : timeout;
  }

  private async read(signal: AbortSignal): Promise<Map<string, ServerState> | Failed> {
    const r = await runCommand(this.target, `show servers state ${this.o.backend}`, signal);
    if (!r.ok) return failedOf(r);
    const servers = parseServersState(r.output, this.o.backend);
    if (servers) return servers;
    return { ok: false, reason: 'rejected', detail: `${this.where}: ${firstLine(r.output)}` };
  }

  private async applyNow(routing: Routing, fence: number, signal?: AbortSignal): Promise<ApplyResult> {
    if (signal?.aborted) return ABORTED;
    if (routing.group !== this.o.group)
      return { ok: false, reason: 'rejected', detail: `this actuator serves group ${this.o.group}` };
    if (!Number.isSafeInteger(fence) || fence < 0)
      return { ok: false, reason: 'error', detail: `fence ${fence} is not a whole number` };
    if (!this.o.endpoints.some((e) => e.name === routing.endpoint))
      return {
        ok: false,
        reason: 'rejected',
        detail: `${routing.endpoint} is not an endpoint of group ${this.o.group}`,
      };
    let kept: KeptState | undefined;
    try {
      kept = await readState(this.stateFile, 'an HAProxy actuator state');
    } catch (e) {
      return { ok: false, reason: 'error', detail: `state file: ${fileProblem(e)}` };
    }
    if (kept && fence < kept.fence)
      return {
        ok: false,
        reason: 'stale-fence',
        detail: `fence ${fence} < ${kept.fence}, the newest this node applied`,
      };
    const deadline = this.deadline(signal);
    const before = await this.read(deadline);
    if (isFailed(before)) return before;
    const roles = this.roles(before, routing.endpoint);
    if (isFailed(roles)) return roles;
    const commands = commandsFor(this.o.backend, roles.active, roles.others);
    for (const command of commands) {
      const r = await runCommand(this.target, command, deadline);
      if (!r.ok) return failedOf(r);
      if (r.output.trim() !== '') {
        this.logger?.warn(
          { group: this.o.group, haproxy: this.where, command, answer: firstLine(r.output) },
          'failover haproxy refused a command',
        );
        return {
          ok: false,
          reason: 'rejected',
          detail: `${this.where} answered "${command}": ${firstLine(r.output)}`,
        };
      }
    }
    const after = await this.read(deadline);
    if (isFailed(after)) return after;
    const confirmed = this.roles(after, routing.endpoint);
    if (isFailed(confirmed)) return confirmed;
    if (!holds(confirmed.active, confirmed.others))
      return {
        ok: false,
        reason: 'error',
        detail: `${this.where}: show servers state does not show the change`,
      };
    const applied = { group: routing.group, endpoint: routing.endpoint, address: routing.address };
    try {
      if (!kept || kept.fence !== fence || kept.routing.endpoint !== routing.endpoint)
        await writeState(this.stateFile, { fence, routing: applied });
    } catch (e) {
      return { ok: false, reason: 'error', detail: `applied, but the state file failed: ${fileProblem(e)}` };
    }
    if (commands.length > 0)
      this.logger?.info(
        {
          group: routing.group,
          fence,
          endpoint: routing.endpoint,
          haproxy: this.where,
          commands: commands.length,
        },
        'failover haproxy applied',
      );
    return { ok: true, changed: commands.length > 0, fence };
  }

  /** The active endpoint's server and the others', or which one the backend lacks. */
  private roles(servers: Map<string, ServerState>, endpoint: string) {
    const others: ServerState[] = [];
    let active: ServerState | undefined;
    for (const e of this.o.endpoints) {
      const s = servers.get(this.serverOf(e.name));
      if (!s) {
        const detail = `backend ${this.o.backend} on ${this.where} has no server ${this.serverOf(e.name)} (endpoint ${e.name})`;
        return { ok: false, reason: 'rejected', detail } satisfies Failed;
      }
      if (e.name === endpoint) active = s;
      else others.push(s);
    }
    return { active: active!, others };
  }
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line === '' ? 'no answer' : line.slice(0, 200);
}

/** `p`, or the aborted result as soon as `signal` aborts. */
function untilAborted(p: Promise<ApplyResult>, signal: AbortSignal): Promise<ApplyResult> {
  return new Promise((resolve) => {
    const onAbort = () => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then((r) => {
      signal.removeEventListener('abort', onAbort);
      resolve(r);
    });
  });
}

/** Builds the actuator from plain options (the daemon's `failover.<id>.haproxy`). */
export function createHaproxyActuator(o: HaproxyOptions): HaproxyActuator {
  return new HaproxyActuator(o);
}
