/**
 * Builds the failover of `bascule run` from the map: the durable coordinator (its session kept in
 * the data directory, so a restart takes the lease back), the built-in proxy of each group with
 * `proxy.listen` (its passive evidence fed to the decision), the webhook of each group with
 * `webhook`, and the controller over them. No group Bascule runs: nothing is built.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actuator } from '../../actuators/actuator.ts';
import { ProxyActuator } from '../../actuators/proxy/actuator.ts';
import { ProxyServer } from '../../actuators/proxy/server.ts';
import { WebhookActuator } from '../../actuators/webhook/actuator.ts';
import { durableCoordinator } from '../../cluster/durable.ts';
import { errorCode, fail } from '../../errors.ts';
import { groupSpec } from '../../failover/spec.ts';
import { initialState, parseState, routingOf } from '../../failover/state.ts';
import type { Config } from '../../model/schema.ts';
import { failoverGroups } from '../../model/schema-failover.ts';
import type { CompiledCheck } from '../../monitor/compile.ts';
import type { Monitor } from '../../monitor/monitor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/log.ts';
import type { Registry } from '../../platform/metrics.ts';
import { readSecret } from '../../platform/secrets.ts';
import type { Store } from '../../store/store.ts';
import { FailoverController, type FailoverDesired, type FailoverGroup } from './controller.ts';
import { failoverMetrics } from './metrics.ts';

export interface FailoverParts {
  readonly config: Config;
  readonly baseDir: string;
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly clock: Clock;
  readonly log: Logger;
  readonly store: Store;
  readonly monitor: Monitor;
  readonly checks: readonly CompiledCheck[];
  readonly registry: Registry;
}

export interface Failover {
  readonly controller: FailoverController;
  readonly proxies: readonly ProxyServer[];
  /** Closes the proxies (after the pipeline stopped). */
  close(): Promise<void>;
}

/** The coordinator's session, kept in the data directory (locked: one daemon at a time uses it). */
function session(dataDir: string): string {
  const file = join(dataDir, 'failover-session');
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept !== '') return kept;
  }
  const id = randomUUID();
  writeFileSync(file, `${id}\n`, { mode: 0o600 });
  return id;
}

export async function buildFailover(p: FailoverParts): Promise<Failover | undefined> {
  const entries = failoverGroups(p.config.failover);
  if (entries.length === 0) return undefined;
  const coordinator = await durableCoordinator<FailoverDesired>({
    rows: p.store,
    clock: p.clock,
    node: p.config.runtime?.component ?? 'bascule',
    session: session(p.dataDir),
  });
  const desired = (await coordinator.desired()) ?? {};
  const quorums = new Map(p.checks.map((c) => [c.id, c.quorum]));
  const proxies: ProxyServer[] = [];
  const groups: FailoverGroup[] = [];
  let controller: FailoverController | undefined;
  try {
    for (const [id, g] of entries) {
      const spec = groupSpec(id, g);
      const actuators: Actuator[] = [];
      if (g.proxy) {
        const state = parseState(desired[id]) ?? initialState(spec, p.clock.now());
        let proxy: ProxyServer;
        try {
          proxy = await ProxyServer.start({
            group: id,
            listen: g.proxy.listen,
            stateFile: join(p.dataDir, `proxy-${id}.json`),
            initial: routingOf(spec, state),
            onEvidence: (e) => controller?.evidence(e),
            logger: p.log,
            registry: p.registry,
            clock: p.clock,
          });
        } catch (e) {
          throw fail('BASCULE_E_RUNTIME_LISTEN', { address: g.proxy.listen, reason: errorCode(e) });
        }
        proxies.push(proxy);
        actuators.push(new ProxyActuator(proxy));
      }
      if (g.webhook) {
        const secret = g.webhook.secret
          ? readSecret(g.webhook.secret, `failover.${id}.webhook.secret`, p.baseDir, p.env)
          : undefined;
        actuators.push(
          new WebhookActuator({
            group: id,
            url: g.webhook.url,
            ...(secret !== undefined ? { secret } : {}),
            stateDir: p.dataDir,
            logger: p.log,
            clock: p.clock,
          }),
        );
      }
      groups.push({ spec, service: g.service, actuators });
    }
    controller = new FailoverController({
      groups,
      coordinator,
      view: (check) => p.monitor.checkView(check),
      quorumOf: (check) => quorums.get(check),
      store: p.store,
      clock: p.clock,
      log: p.log,
      metrics: failoverMetrics(p.registry),
      registry: p.registry,
    });
    await controller.start();
  } catch (e) {
    for (const x of proxies) await x.close().catch(() => undefined);
    throw e;
  }
  return {
    controller,
    proxies,
    close: async () => {
      for (const x of proxies) await x.close().catch(() => undefined);
    },
  };
}
