/**
 * The alerting shell: reads every channel's secrets at start (a missing one fails fast), routes
 * incident events through the AlertRouter, and sends. The daemon decides (`decide`, `remind`),
 * queues the deliveries in the store's outbox with the router's state, and lets the outbox
 * (outbox.ts) send them one attempt at a time (`sendOnce`), so an alert outlives a crash.
 * `handle`/`tick` deliver directly instead, in this process only (up to 3 attempts with backoff,
 * channels in parallel, one delivery at a time per channel). Failures are logged with the channel
 * id and a secret-free message, counted, and never thrown out of handle/tick.
 */

import type { Lang } from '../i18n/index.ts';
import type { ChannelKind } from '../model/channels/kind.ts';
import type { Config, NotifyChannelSpec, Secret } from '../model/schema.ts';
import type { IncidentEvent } from '../monitor/incidents.ts';
import { type Clock, systemClock } from '../platform/clock.ts';
import type { Logger } from '../platform/log.ts';
import { readSecret } from '../platform/secrets.ts';
import type { Alert, ResolvedSecrets } from './alert.ts';
import {
  AlertRouter,
  type AlertRouterState,
  type Delivery,
  type RateLimit,
  type Routing,
} from './alert-router.ts';
import { channelFor, channelTarget } from './registry.ts';
import { testAlert } from './render.ts';
import type { Silencer } from './silences.ts';

export type SendFn = (
  channelId: string,
  alert: Alert,
  spec: NotifyChannelSpec,
  secrets: ResolvedSecrets,
  signal?: AbortSignal,
) => Promise<void>;

export interface NotifierOptions {
  readonly config: Config;
  /** The daemon's language; a channel's `lang` overrides it. */
  readonly lang: Lang;
  /** Where `{file: …}` secrets are relative to. */
  readonly baseDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly log?: Logger;
  /** Time and waits between attempts (default: the system clock). */
  readonly clock?: Clock;
  readonly now?: () => number;
  /** Replaces the real channels (tests). */
  readonly send?: SendFn;
  /** Waits between attempts (default 1 s, then 4 s: three attempts). */
  readonly retryDelays?: readonly number[];
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly rateLimit?: RateLimit;
  /** Only these channels (their secrets alone are read): `bascule notify test CHANNEL`. Default: all. */
  readonly channels?: readonly string[];
}

export interface ChannelStats {
  sent: number;
  failed: number;
  suppressed: number;
}

const DEFAULT_RETRY_DELAYS = [1000, 4000] as const;

export class Notifier {
  readonly stats: Readonly<Record<string, Readonly<ChannelStats>>>;
  private readonly counters: Record<string, ChannelStats> = {};
  private readonly router: AlertRouter;
  private readonly secrets = new Map<string, ResolvedSecrets>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly abort = new AbortController();
  private readonly now: () => number;
  private readonly sendFn: SendFn;
  private readonly delays: readonly number[];
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;

  private readonly config: Config;

  constructor(private readonly options: NotifierOptions) {
    const { baseDir, env } = options;
    const only = options.channels;
    const config: Config = only
      ? {
          ...options.config,
          notify: Object.fromEntries(
            Object.entries(options.config.notify).filter(([id]) => only.includes(id)),
          ),
        }
      : options.config;
    this.config = config;
    for (const [id, spec] of Object.entries(config.notify)) {
      const where = `notify.${id}`;
      // channelFor fails now, not at the first incident, should a spec have no channel.
      this.secrets.set(id, readChannelSecrets(channelFor(spec), spec, where, baseDir, env));
      this.counters[id] = { sent: 0, failed: 0, suppressed: 0 };
    }
    this.stats = this.counters;
    this.router = new AlertRouter(config, options.lang, options.rateLimit);
    const clock = options.clock ?? systemClock;
    this.now = options.now ?? (() => clock.now());
    this.sendFn =
      options.send ??
      ((_id, alert, spec, secrets, signal) => channelFor(spec).send(alert, spec, secrets, signal));
    this.delays = options.retryDelays ?? DEFAULT_RETRY_DELAYS;
    this.sleep = options.sleep ?? ((ms, signal) => clock.sleep(ms, signal));
  }

  /** Routes and delivers the incident tracker's events; resolves once they are delivered or given up. */
  async handle(events: readonly IncidentEvent[], causes: (service: string) => string[]): Promise<void> {
    if (events.length === 0) return;
    let routing: Routing;
    try {
      routing = this.router.route(events, causes, this.now());
    } catch (err) {
      this.options.log?.error({ error: messageOf(err) }, 'alert routing failed');
      return;
    }
    await this.deliver(routing);
  }

  /** Sends the reminders due now (call it every few seconds); `causes` gives them current causes. */
  async tick(causes?: (service: string) => string[]): Promise<void> {
    let routing: Routing;
    try {
      routing = this.router.due(this.now(), causes);
    } catch (err) {
      this.options.log?.error({ error: messageOf(err) }, 'alert reminders failed');
      return;
    }
    await this.deliver(routing);
  }

  /**
   * Routing alone, for the outbox: what to send for these events (the router's state moves on;
   * take a snapshot first to undo it should queueing fail). Alerts the rate limit drops are in
   * `suppressed`: tell `dropped` once the decision is kept; those a maintenance window silences
   * (`silenced` says which window silences a service now) are in `silenced`.
   */
  decide(
    events: readonly IncidentEvent[],
    causes: (service: string) => string[],
    silenced?: Silencer,
  ): Routing {
    return this.router.route(events, causes, this.now(), silenced);
  }

  /** The reminders due now, and the alerts held by a maintenance window now over, for the outbox (as `decide`). */
  remind(causes?: (service: string) => string[], silenced?: Silencer): Routing {
    return this.router.due(this.now(), causes, silenced);
  }

  /** Counts and logs the alerts a kept decision dropped by the rate limit. */
  dropped(suppressed: Routing['suppressed']): void {
    for (const { channel, key } of suppressed) {
      const c = this.counters[channel];
      if (c) c.suppressed++;
      this.options.log?.warn({ channel, key }, 'alert dropped by the channel rate limit');
    }
  }

  /** One attempt to deliver an alert: rejects with a secret-free Error when the channel refused it. */
  async sendOnce(channelId: string, alert: Alert, signal: AbortSignal): Promise<void> {
    const spec = this.config.notify[channelId];
    const secrets = this.secrets.get(channelId);
    const counters = this.counters[channelId];
    if (!spec || !secrets || !counters) throw new Error(`unknown alert channel "${channelId}"`);
    try {
      await this.sendFn(channelId, alert, spec, secrets, signal);
    } catch (err) {
      throw new Error(this.scrub(channelId, messageOf(err)));
    }
    counters.sent++;
  }

  /** An alert the outbox dropped undelivered. */
  expired(channelId: string): void {
    const c = this.counters[channelId];
    if (c) c.failed++;
  }

  /** Sends a test alert to one channel now, bypassing routing; rejects with the channel's error. */
  async test(channelId: string): Promise<void> {
    const spec = this.config.notify[channelId];
    const secrets = this.secrets.get(channelId);
    if (!spec || !secrets) throw new Error(`unknown alert channel "${channelId}"`);
    const alert = testAlert(channelId, spec.lang ?? this.options.lang, this.now());
    const counters = this.counters[channelId]!;
    try {
      await this.sendFn(channelId, alert, spec, secrets, this.abort.signal);
      counters.sent++;
    } catch (err) {
      counters.failed++;
      throw new Error(this.scrub(channelId, messageOf(err)));
    }
  }

  /** AlertRouter state for the daemon's snapshot (plain JSON). */
  snapshot(): AlertRouterState {
    return this.router.toJSON();
  }

  /** Takes back a snapshot; a malformed one is ignored with a warning. */
  restore(state: unknown): void {
    if (!this.router.restore(state)) this.options.log?.warn('alert state snapshot ignored: not recognised');
  }

  /** Resolves when every queued delivery is done. */
  async idle(): Promise<void> {
    await Promise.all([...this.queues.values()]);
  }

  /** Stops retries and cancels deliveries in flight (daemon shutdown). */
  async close(): Promise<void> {
    this.abort.abort();
    await this.idle();
  }

  private async deliver(routing: Routing): Promise<void> {
    this.dropped(routing.suppressed);
    await Promise.all(routing.deliveries.map((d) => this.enqueue(d)));
  }

  /** Chains a delivery after the channel's previous one: per channel, alerts leave in order. */
  private enqueue(d: Delivery): Promise<void> {
    const previous = this.queues.get(d.channel) ?? Promise.resolve();
    const next = previous
      .then(() => this.attempts(d))
      .catch((err: unknown) => {
        this.options.log?.error(
          { channel: d.channel, error: this.scrub(d.channel, messageOf(err)) },
          'alert lost',
        );
      });
    this.queues.set(d.channel, next);
    void next.then(() => {
      if (this.queues.get(d.channel) === next) this.queues.delete(d.channel);
    });
    return next;
  }

  private async attempts({ channel, alert }: Delivery): Promise<void> {
    const spec = this.config.notify[channel];
    const secrets = this.secrets.get(channel);
    const counters = this.counters[channel];
    if (!spec || !secrets || !counters) return;
    const log = this.options.log;
    const total = this.delays.length + 1;
    for (let attempt = 1; attempt <= total; attempt++) {
      if (this.abort.signal.aborted) break;
      try {
        await this.sendFn(channel, alert, spec, secrets, this.abort.signal);
        counters.sent++;
        log?.info({ channel, key: alert.key, attempt }, 'alert sent');
        return;
      } catch (err) {
        const error = this.scrub(channel, messageOf(err));
        if (attempt < total && !this.abort.signal.aborted) {
          log?.warn({ channel, key: alert.key, attempt, error }, 'alert delivery failed, retrying');
          await this.sleep(this.delays[attempt - 1] ?? 0, this.abort.signal);
        } else {
          log?.error({ channel, key: alert.key, attempts: attempt, error }, 'alert delivery failed');
        }
      }
    }
    counters.failed++;
  }

  /** Belt and braces: removes the channel's secrets and URL path from a message. */
  private scrub(channel: string, message: string): string {
    const spec = this.config.notify[channel];
    const s = this.secrets.get(channel) ?? {};
    const target = spec ? channelTarget(spec) : undefined;
    const hidden = [...Object.values(s), target];
    if (target) {
      try {
        const u = new URL(target);
        hidden.push(
          u.pathname.length > 1 ? u.pathname : undefined,
          u.search || undefined,
          u.password || undefined,
        );
      } catch {
        // not a URL: the whole string is already hidden
      }
    }
    let out = message;
    for (const h of hidden) if (h && h.length >= 4) out = out.replaceAll(h, '[redacted]');
    return out;
  }
}

/** Reads the secrets the channel's type declares (`{secret: ['secret']}`), and no other. */
function readChannelSecrets(
  channel: ChannelKind,
  spec: NotifyChannelSpec,
  where: string,
  baseDir: string,
  env: NodeJS.ProcessEnv,
): ResolvedSecrets {
  const out: Partial<Record<string, string>> = {};
  for (const [name, path] of Object.entries(channel.secrets)) {
    let ref: unknown = spec;
    for (const key of path) ref = typeof ref === 'object' && ref !== null ? Reflect.get(ref, key) : undefined;
    // The schema validated it: {env: NAME} or {file: PATH}.
    if (ref !== undefined) out[name] = readSecret(ref as Secret, `${where}.${path.join('.')}`, baseDir, env);
  }
  return out;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
