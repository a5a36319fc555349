/**
 * Builds the failover of `bascule run` from the map: the durable coordinator (its session kept in
 * the data directory, so a restart takes the lease back), and for each group the actuators its
 * spec names: the built-in proxy (`proxy.listen`; its passive evidence fed to the decision, its
 * first response per endpoint to the switch record), the built-in DNS (`dns`: one server for all
 * groups on `runtime.dns.listen`, with the map's `dnsZones`, told the active endpoint's health),
 * RFC 2136 (`rfc2136`), HAProxy (`haproxy`) and the webhook (`webhook`); state files in the data
 * directory; then the controller over them. No group Bascule runs: nothing is built.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Actuator } from '../../actuators/actuator.ts';
import { type BuiltInDns, startBuiltInDns } from '../../actuators/dns/built-in.ts';
import { createHaproxyActuator } from '../../actuators/haproxy/actuator.ts';
import { ProxyActuator } from '../../actuators/proxy/actuator.ts';
import { ProxyServer } from '../../actuators/proxy/server.ts';
import { createRfc2136Actuator } from '../../actuators/rfc2136/actuator.ts';
import { WebhookActuator } from '../../actuators/webhook/actuator.ts';
import { durableCoordinator } from '../../cluster/durable.ts';
import { dnsPlanOf } from '../../dns/zones-of-config.ts';
import { errorCode, fail } from '../../errors.ts';
import { groupSpec } from '../../failover/spec.ts';
import { initialState, parseState, routingOf } from '../../failover/state.ts';
import type { Config, Secret } from '../../model/schema.ts';
import { failoverGroups } from '../../model/schema-failover.ts';
import type { CompiledCheck } from '../../monitor/compile.ts';
import type { Monitor } from '../../monitor/monitor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/log.ts';
import type { Registry } from '../../platform/metrics.ts';
import { readSecret } from '../../platform/secrets.ts';
import type { Store, SwitchRecord } from '../../store/store.ts';
import { FailoverController, type FailoverDesired, type FailoverGroup } from './controller.ts';
import { activeHealth } from './dns-health.ts';
import { failoverMetrics, notifyMetrics } from './metrics.ts';

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
  /** Told each switch record as it is saved: decided, then as its timings are measured. */
  readonly onSwitch?: (record: SwitchRecord) => void;
}

export interface Failover {
  readonly controller: FailoverController;
  readonly proxies: readonly ProxyServer[];
  /** The built-in DNS server, when a group has `dns` or the map has `dnsZones`. */
  readonly dns: BuiltInDns | undefined;
  /** Closes the proxies and the DNS server (after the pipeline stopped). */
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
  let dns: BuiltInDns | undefined;
  const secret = (s: Secret, where: string) => readSecret(s, where, p.baseDir, p.env);
  const closeAll = async () => {
    for (const x of proxies) await x.close().catch(() => undefined);
    await dns?.close().catch(() => undefined);
  };
  try {
    dns = await startDns(p, secret);
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
            onServed: (e) => controller?.served(e),
            logger: p.log,
            registry: p.registry,
            clock: p.clock,
          });
        } catch (e) {
          throw fail('BASCULE_E_RUNTIME_LISTEN', {
            address: g.proxy.listen,
            reason: errorCode(e),
            key: `failover.${id}.proxy.listen`,
          });
        }
        proxies.push(proxy);
        actuators.push(new ProxyActuator(proxy));
      }
      if (g.dns && dns) actuators.push(dns.actuator);
      if (g.rfc2136) {
        const r = g.rfc2136;
        actuators.push(
          createRfc2136Actuator({
            group: id,
            endpoints: g.endpoints,
            server: r.server,
            zone: r.zone,
            name: r.name,
            ttl: r.ttl,
            tsig: {
              name: r.tsig.name,
              algorithm: r.tsig.algorithm,
              secret: secret(r.tsig.secret, `failover.${id}.rfc2136.tsig.secret`),
              source:
                'file' in r.tsig.secret ? resolve(p.baseDir, r.tsig.secret.file) : `$${r.tsig.secret.env}`,
            },
            logger: p.log,
            clock: p.clock,
          }),
        );
      }
      if (g.haproxy) {
        const h = g.haproxy;
        actuators.push(
          createHaproxyActuator({
            group: id,
            endpoints: g.endpoints,
            ...(h.socket !== undefined
              ? { socket: isAbsolute(h.socket) ? h.socket : resolve(p.baseDir, h.socket) }
              : {}),
            ...(h.address !== undefined ? { address: h.address } : {}),
            backend: h.backend,
            ...(h.servers ? { servers: h.servers } : {}),
            stateDir: p.dataDir,
            logger: p.log,
          }),
        );
      }
      if (g.webhook) {
        const key = g.webhook.secret ? secret(g.webhook.secret, `failover.${id}.webhook.secret`) : undefined;
        actuators.push(
          new WebhookActuator({
            group: id,
            url: g.webhook.url,
            ...(key !== undefined ? { secret: key } : {}),
            stateDir: p.dataDir,
            logger: p.log,
            clock: p.clock,
          }),
        );
      }
      groups.push({ spec, service: g.service, actuators });
    }
    if (dns) {
      const server = dns.server;
      notifyMetrics(p.registry, () => server.notifyStats);
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
      ...(dns ? { activeIs: healthTo(dns, p) } : {}),
      ...(p.onSwitch ? { onSwitch: p.onSwitch } : {}),
    });
    await controller.start();
  } catch (e) {
    await closeAll();
    throw e;
  }
  return { controller, proxies, dns, close: closeAll };
}

/** The built-in DNS server on `runtime.dns.listen`, when the map names a zone for it. */
async function startDns(
  p: FailoverParts,
  secret: (s: Secret, where: string) => string,
): Promise<BuiltInDns | undefined> {
  const plan = dnsPlanOf(p.config, secret);
  if (!plan) return undefined;
  try {
    return await startBuiltInDns({
      listen: plan.listen,
      zones: plan.zones,
      groups: plan.groups,
      stateDir: p.dataDir,
      clock: p.clock,
      logger: p.log,
    });
  } catch (e) {
    throw fail('BASCULE_E_RUNTIME_LISTEN', {
      address: plan.listen,
      reason: errorCode(e),
      key: 'runtime.dns.listen',
    });
  }
}

/** Tells the DNS server the health of each `dns` group's active endpoint, from its check's view. */
function healthTo(dns: BuiltInDns, p: FailoverParts): (group: string, check: string, now: number) => void {
  const intervals = new Map(p.checks.map((c) => [c.id, c.intervalMs]));
  const named = new Set(failoverGroups(p.config.failover).flatMap(([id, g]) => (g.dns ? [id] : [])));
  return (group, check, now) => {
    if (!named.has(group)) return;
    dns.setHealth(group, activeHealth(p.monitor.checkView(check), intervals.get(check) ?? 30_000, now));
  };
}
