/**
 * Checks of the operational parts that need more than their schema: checks name real targets and
 * vantage points, checks and alert channels have exactly one type and only use options that type
 * declares (the tables in probes/ and channels/ say which).
 */
import type { RefKind } from '../errors.ts';
import { CHANNEL_OPTIONS, CHANNEL_TYPES, channelKindOf, channelTypesOf } from './channels/registry.ts';
import { parseDuration } from './duration.ts';
import type { PathSegment } from './locate.ts';
import { PROBE_OPTIONS, PROBE_TYPES, probeKindOf, probeTypesOf } from './probes/registry.ts';
import { unknownRef } from './references.ts';
import type { Config } from './schema.ts';
import type { RawDiagnostic } from './schema-issues.ts';
import type { CheckSpec, NotifyChannelSpec } from './schema-operations.ts';

/** The vantage point of the daemon itself when runtime.vantage does not name one. */
export const LOCAL_VANTAGE = 'local';

/** The keys a spec sets, nested ones under `expect` as `expect.status`. */
function setOptions(spec: object, nested?: string): string[] {
  const own = Object.entries(spec).filter(([, v]) => v !== undefined);
  return own.flatMap(([k, v]) =>
    k === nested && typeof v === 'object' && v !== null ? setOptions(v).map((n) => `${k}.${n}`) : [k],
  );
}

function checkProbeOptions(check: CheckSpec, path: readonly PathSegment[]): RawDiagnostic[] {
  const out: RawDiagnostic[] = [];
  const kind = probeKindOf(check);
  if (kind === undefined) return out;
  for (const option of setOptions(check, 'expect')) {
    const applies = PROBE_OPTIONS.get(option);
    if (applies && !(applies as readonly string[]).includes(kind.type)) {
      out.push({
        code: 'BASCULE_E_CONFIG_CHECK_OPTION',
        path: [...path, ...option.split('.')],
        atKey: true,
        params: { option, applies: applies.join('/'), probe: kind.type },
      });
    }
  }
  // The kind was picked because its key is set, so the check is that kind's input.
  out.push(...(kind.validate?.(check as Parameters<typeof kind.compile>[0], path) ?? []));
  const interval = parseDuration(check.interval ?? '30s') ?? 30_000;
  const timeout = parseDuration(check.timeout ?? '10s') ?? 10_000;
  if (interval < 1000) {
    out.push({
      code: 'BASCULE_E_CONFIG_CHECK_INTERVAL',
      path: [...path, 'interval'],
      params: { value: check.interval ?? '30s' },
    });
  } else if (check.timeout !== undefined && timeout > interval) {
    out.push({
      code: 'BASCULE_E_CONFIG_CHECK_TIMEOUT',
      path: [...path, 'timeout'],
      params: { timeout: check.timeout, interval: check.interval ?? '30s' },
    });
  }
  return out;
}

function checkChannelOptions(spec: NotifyChannelSpec, path: readonly PathSegment[]): RawDiagnostic[] {
  const out: RawDiagnostic[] = [];
  const kind = channelKindOf(spec);
  if (kind === undefined) return out;
  for (const option of setOptions(spec)) {
    const applies = CHANNEL_OPTIONS.get(option);
    if (applies && !(applies as readonly string[]).includes(kind.type)) {
      out.push({
        code: 'BASCULE_E_CONFIG_NOTIFY_OPTION',
        path: [...path, option],
        atKey: true,
        params: { option, applies: applies.join('/'), channel: kind.type },
      });
    }
  }
  // The kind was picked because its key is set, so the spec is that kind's input.
  out.push(...(kind.validate?.(spec as Parameters<typeof kind.address>[0], path) ?? []));
  return out;
}

export function checkOperations(config: Config, out: RawDiagnostic[]): void {
  const components = Object.keys(config.components);
  const services = Object.keys(config.services);
  const vantages = Object.keys(config.vantages);
  // The daemon's own vantage point is "local" unless runtime.vantage names a declared one.
  const vantagesWithLocal = config.runtime?.vantage ? vantages : [...vantages, LOCAL_VANTAGE];
  const ref = (id: string | undefined, known: string[], what: RefKind, path: PathSegment[]): void => {
    if (id !== undefined && !known.includes(id)) out.push(unknownRef(id, what, known, path));
  };
  for (const [id, check] of Object.entries(config.checks)) {
    const path = ['checks', id];
    if ((check.component === undefined) === (check.service === undefined)) {
      out.push({ code: 'BASCULE_E_CONFIG_CHECK_TARGET', path, params: {} });
    }
    if (probeTypesOf(check).length !== 1) {
      out.push({ code: 'BASCULE_E_CONFIG_CHECK_PROBE', path, params: { types: PROBE_TYPES.join(', ') } });
    }
    ref(check.component, components, 'component', [...path, 'component']);
    ref(check.service, services, 'service', [...path, 'service']);
    check.from?.forEach((v, i) => {
      ref(v, vantagesWithLocal, 'vantage', [...path, 'from', i]);
    });
    out.push(...checkProbeOptions(check, path));
  }
  for (const [id, n] of Object.entries(config.notify)) {
    const path = ['notify', id];
    if (channelTypesOf(n).length !== 1) {
      out.push({
        code: 'BASCULE_E_CONFIG_NOTIFY_CHANNEL',
        path,
        params: { types: CHANNEL_TYPES.join(', ') },
      });
    }
    out.push(...checkChannelOptions(n, path));
    n.services?.forEach((s, i) => {
      ref(s, services, 'service', [...path, 'services', i]);
    });
  }
  if (config.runtime?.vantage !== undefined) {
    ref(config.runtime.vantage, vantages, 'vantage', ['runtime', 'vantage']);
  }
}
