/**
 * The HTTP(S) probe, on undici. One overall deadline (the check's timeout) covers connect, TLS,
 * headers and body. Each probe opens a fresh connection (`reset`), as Route 53 health checks do,
 * so a failing connect or handshake is seen, not hidden by a kept-alive socket. The body is read
 * only when an expectation needs it, and at most MAX_BODY_BYTES of it; otherwise it is discarded.
 * Redirects are followed up to `redirects` times (0: a 3xx is judged as a status).
 */
import { STATUS_CODES } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { Agent, buildConnector, type Dispatcher, request } from 'undici';
import { type CompiledCheck, type HttpTarget, MAX_BODY_BYTES, type StatusRange } from '../monitor/compile.ts';
import type { ProbeResult } from '../monitor/types.ts';
import { caList, daysLeft } from './certs.ts';
import { classify, formatMs, since } from './classify.ts';
import type { Probe } from './probe.ts';

/** host:port → the `valid_to` of the certificate last seen there (bounded by the number of checks). */
const peerCerts = new Map<string, string>();
const MAX_PEERS = 200_000;

let agents: { ca: string[] | undefined; verify: Agent; noVerify: Agent } | undefined;

function makeAgent(verify: boolean, ca: string[] | undefined): Agent {
  const base = buildConnector({ rejectUnauthorized: verify, ...(ca ? { ca } : {}) });
  return new Agent({
    connections: null,
    connect: (opts, callback) =>
      base(opts, (...args) => {
        const socket = args[1];
        if (socket && 'getPeerCertificate' in socket) {
          const validTo = (socket as TLSSocket).getPeerCertificate()?.valid_to;
          if (validTo) {
            if (peerCerts.size >= MAX_PEERS) peerCerts.clear();
            peerCerts.set(`${opts.hostname}:${opts.port || '443'}`, validTo);
          }
        }
        callback(...args);
      }),
  });
}

function dispatcher(verify: boolean): Dispatcher {
  const ca = caList();
  if (!agents || agents.ca !== ca) {
    agents = { ca, verify: makeAgent(true, ca), noVerify: makeAgent(false, ca) };
  }
  return verify ? agents.verify : agents.noVerify;
}

const regexes = new Map<string, RegExp>();
function regex(source: string): RegExp {
  let r = regexes.get(source);
  if (!r) {
    r = new RegExp(source);
    if (regexes.size < 100_000) regexes.set(source, r);
  }
  return r;
}

const inRanges = (status: number, ranges: readonly StatusRange[]) =>
  ranges.some((r) => status >= r.min && status <= r.max);

/** `a.b.0.c` or `$.a.b` in a parsed JSON value. */
export function jsonPath(value: unknown, path: string): { found: boolean; value?: unknown } {
  let cur: unknown = value;
  for (const part of path
    .replace(/^\$\.?/, '')
    .split('.')
    .filter((p) => p !== '')) {
    if (cur === null || typeof cur !== 'object' || !(part in cur)) return { found: false };
    cur = (cur as Record<string, unknown>)[part];
  }
  return { found: true, value: cur };
}

type Res = Dispatcher.ResponseData;

async function readBody(res: Res): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      res.body.destroy();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function judgeBody(target: HttpTarget, text: string): Pick<ProbeResult, 'reason' | 'detail'> | undefined {
  if (target.bodyContains !== undefined && !text.includes(target.bodyContains)) {
    return { reason: 'body', detail: `body does not contain "${target.bodyContains}"` };
  }
  if (target.bodyRegex !== undefined && !regex(target.bodyRegex).test(text)) {
    return { reason: 'body', detail: `body does not match /${target.bodyRegex}/` };
  }
  if (target.json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { reason: 'json', detail: 'body is not JSON' };
    }
    const got = jsonPath(parsed, target.json.path);
    if (!got.found) return { reason: 'json', detail: `${target.json.path}: missing` };
    if (got.value !== target.json.equals) {
      return {
        reason: 'json',
        detail: `${target.json.path} is ${JSON.stringify(got.value)?.slice(0, 80)}, expected ${JSON.stringify(target.json.equals)}`,
      };
    }
  }
  return undefined;
}

async function judge(
  target: HttpTarget,
  check: CompiledCheck,
  url: URL,
  res: Res,
  t0: number,
): Promise<ProbeResult> {
  const status = res.statusCode;
  if (!inRanges(status, target.status)) {
    await res.body.dump().catch(() => {});
    return {
      ok: false,
      reason: 'status',
      detail: `${status} ${STATUS_CODES[status] ?? ''}`.trim(),
      latencyMs: since(t0),
    };
  }
  const needsBody =
    target.bodyContains !== undefined || target.bodyRegex !== undefined || target.json !== undefined;
  if (needsBody) {
    const text = await readBody(res);
    if (text === undefined) {
      return {
        ok: false,
        reason: 'too-large',
        detail: `more than ${MAX_BODY_BYTES} bytes`,
        latencyMs: since(t0),
      };
    }
    const bad = judgeBody(target, text);
    if (bad) return { ok: false, ...bad, latencyMs: since(t0) };
  } else {
    await res.body.dump().catch(() => {});
  }
  const latencyMs = since(t0);
  let cert: Pick<ProbeResult, 'certDaysLeft' | 'warning'> = {};
  if (url.protocol === 'https:') {
    const validTo = peerCerts.get(`${url.hostname}:${url.port || '443'}`);
    if (validTo) {
      const days = daysLeft(validTo);
      if (days <= 0)
        return {
          ok: false,
          reason: 'tls-expired',
          detail: `expired ${validTo}`,
          latencyMs,
          certDaysLeft: days,
        };
      cert = {
        certDaysLeft: days,
        ...(days * 86_400_000 < target.certValidForMs ? { warning: 'cert-expiring' } : {}),
      };
    }
  }
  if (check.maxLatencyMs !== undefined && latencyMs > check.maxLatencyMs) {
    return {
      ok: false,
      reason: 'too-slow',
      detail: `${formatMs(latencyMs)} > ${formatMs(check.maxLatencyMs)}`,
      latencyMs,
      ...cert,
    };
  }
  return { ok: true, latencyMs, ...cert };
}

export const httpProbe: Probe<HttpTarget> = {
  type: 'http',
  async run(target, check, signal) {
    const t0 = performance.now();
    const deadline = AbortSignal.timeout(check.timeoutMs);
    const sig = signal ? AbortSignal.any([deadline, signal]) : deadline;
    let url = new URL(target.url);
    let method = target.method;
    let body = target.body;
    try {
      for (let hop = 0; ; hop++) {
        const res = await request(url, {
          method: method as Dispatcher.HttpMethod,
          headers: { 'user-agent': 'bascule-probe', ...target.headers },
          ...(body !== undefined ? { body } : {}),
          signal: sig,
          dispatcher: dispatcher(target.verifyTls),
          reset: true,
          headersTimeout: check.timeoutMs,
          bodyTimeout: check.timeoutMs,
        });
        const location = res.headers.location;
        if (res.statusCode >= 300 && res.statusCode < 400 && location && hop < target.redirects) {
          await res.body.dump().catch(() => {});
          url = new URL(String(location), url);
          if (
            res.statusCode === 303 ||
            ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')
          ) {
            method = 'GET';
            body = undefined;
          }
          continue;
        }
        return await judge(target, check, url, res, t0);
      }
    } catch (e) {
      return { ok: false, ...classify(e, deadline.aborted), latencyMs: since(t0) };
    }
  },
};
