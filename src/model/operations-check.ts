/**
 * Checks of the operational parts that need more than their schema: checks name real targets and
 * vantage points and only use options their probe understands, alert channels have one kind.
 */
import { parseDuration } from './duration.ts';
import type { PathSegment } from './locate.ts';
import { unknownRef } from './references.ts';
import type { Config } from './schema.ts';
import type { RawDiagnostic } from './schema-issues.ts';
import { CHANNEL_TYPES, type CheckSpec } from './schema-operations.ts';

/** The vantage point of the daemon itself when runtime.vantage does not name one. */
export const LOCAL_VANTAGE = 'local';

export function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** RFC 9110 field names (tokens) and values (no control characters but tab). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\uffff]*$/;
/**
 * Set by the probe itself: a fresh connection per probe, the body's own length. (`Host` may be set:
 * it probes one virtual host of a server reached by address.)
 */
const PROBE_HEADERS = new Set(['connection', 'content-length', 'transfer-encoding']);

type ProbeType = 'http' | 'tcp' | 'tls' | 'dns';
/** Which probe types each option applies to (options not listed apply to every probe). */
const APPLIES: Readonly<Record<string, readonly ProbeType[]>> = {
  method: ['http'],
  headers: ['http'],
  body: ['http'],
  redirects: ['http'],
  verifyTls: ['http', 'tls'],
  'expect.status': ['http'],
  'expect.bodyContains': ['http'],
  'expect.bodyRegex': ['http'],
  'expect.json': ['http'],
  'expect.answers': ['dns'],
  'expect.rcode': ['dns'],
  'expect.certValidFor': ['http', 'tls'],
};

function checkProbeOptions(check: CheckSpec, path: readonly PathSegment[]): RawDiagnostic[] {
  const out: RawDiagnostic[] = [];
  const probe = (['http', 'tcp', 'tls', 'dns'] as const).find((p) => check[p] !== undefined);
  if (probe === undefined) return out;
  const set: string[] = [
    ...Object.keys(check).filter((k) => check[k as keyof CheckSpec] !== undefined),
    ...Object.keys(check.expect ?? {}).map((k) => `expect.${k}`),
  ];
  for (const option of set) {
    const applies = APPLIES[option];
    if (applies && !applies.includes(probe)) {
      out.push({
        code: 'BASCULE_E_CONFIG_CHECK_OPTION',
        path: [...path, ...option.split('.')],
        atKey: true,
        params: { option, applies: applies.join('/'), probe },
      });
    }
  }
  if (check.http !== undefined && !isHttpUrl(check.http)) {
    out.push({ code: 'BASCULE_E_CONFIG_URL', path: [...path, 'http'], params: { value: check.http } });
  }
  for (const [name, value] of Object.entries(check.headers ?? {})) {
    const detail = !HEADER_NAME.test(name)
      ? '@header.name'
      : !HEADER_VALUE.test(value)
        ? '@header.value'
        : PROBE_HEADERS.has(name.toLowerCase())
          ? '@header.reserved'
          : undefined;
    if (detail) {
      out.push({
        code: 'BASCULE_E_CONFIG_HEADER',
        path: [...path, 'headers', name],
        atKey: detail !== '@header.value',
        params: { name, detail },
      });
    }
  }
  if (check.expect?.bodyRegex !== undefined) {
    try {
      new RegExp(check.expect.bodyRegex);
    } catch (e) {
      out.push({
        code: 'BASCULE_E_CONFIG_REGEX',
        path: [...path, 'expect', 'bodyRegex'],
        params: { detail: e instanceof Error ? e.message : String(e) },
      });
    }
  }
  const interval = parseDuration(check.interval ?? '30s') ?? 30_000;
  const timeout = parseDuration(check.timeout ?? '10s') ?? 10_000;
  if (interval < 1000) {
    out.push({
      code: 'BASCULE_E_CONFIG_CHECK_TIMING',
      path: [...path, 'interval'],
      params: { detail: '@timing.interval' },
    });
  } else if (check.timeout !== undefined && timeout > interval) {
    out.push({
      code: 'BASCULE_E_CONFIG_CHECK_TIMING',
      path: [...path, 'timeout'],
      params: { detail: '@timing.timeout', timeout: check.timeout, interval: check.interval ?? '30s' },
    });
  }
  return out;
}

export function checkOperations(config: Config, out: RawDiagnostic[]): void {
  const components = Object.keys(config.components);
  const services = Object.keys(config.services);
  const vantages = Object.keys(config.vantages);
  // The daemon's own vantage point is "local" unless runtime.vantage names a declared one.
  const vantagesWithLocal = config.runtime?.vantage ? vantages : [...vantages, LOCAL_VANTAGE];
  const ref = (id: string | undefined, known: string[], what: string, path: PathSegment[]): void => {
    if (id !== undefined && !known.includes(id)) out.push(unknownRef(id, what, known, path));
  };
  for (const [id, check] of Object.entries(config.checks)) {
    const path = ['checks', id];
    if ((check.component === undefined) === (check.service === undefined)) {
      out.push({ code: 'BASCULE_E_CONFIG_CHECK_TARGET', path, params: {} });
    }
    const probes = [check.http, check.tcp, check.tls, check.dns].filter((p) => p !== undefined).length;
    if (probes !== 1) out.push({ code: 'BASCULE_E_CONFIG_CHECK_PROBE', path, params: {} });
    ref(check.component, components, '@ref.component', [...path, 'component']);
    ref(check.service, services, '@ref.service', [...path, 'service']);
    check.from?.forEach((v, i) => {
      ref(v, vantagesWithLocal, '@ref.vantage', [...path, 'from', i]);
    });
    out.push(...checkProbeOptions(check, path));
  }
  for (const [id, n] of Object.entries(config.notify)) {
    const path = ['notify', id];
    const channels = CHANNEL_TYPES.filter((c) => n[c] !== undefined);
    if (channels.length !== 1) out.push({ code: 'BASCULE_E_CONFIG_NOTIFY_CHANNEL', path, params: {} });
    for (const c of ['webhook', 'slack', 'discord', 'teams', 'ntfy'] as const) {
      const url = n[c];
      if (url !== undefined && !isHttpUrl(url))
        out.push({ code: 'BASCULE_E_CONFIG_URL', path: [...path, c], params: { value: url } });
    }
    n.services?.forEach((s, i) => {
      ref(s, services, '@ref.service', [...path, 'services', i]);
    });
  }
  if (config.runtime?.vantage !== undefined) {
    ref(config.runtime.vantage, vantages, '@ref.vantage', ['runtime', 'vantage']);
  }
  for (const [id, f] of Object.entries(config.failover)) {
    const path = ['failover', id];
    ref(f.primary, components, '@ref.component', [...path, 'primary']);
    ref(f.via, components, '@ref.component', [...path, 'via']);
    f.secondary.forEach((s, i) => {
      ref(s, components, '@ref.component', [...path, 'secondary', i]);
    });
  }
}
