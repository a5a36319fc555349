/**
 * The headers a request and a response carry through the proxy: hop-by-hop headers (RFC 9110
 * 7.6.1) and those the Connection header lists are dropped; X-Forwarded-For is appended to,
 * X-Forwarded-Proto and X-Forwarded-Host say what this proxy saw, and an RFC 7239 Forwarded element
 * is appended.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

const HOP_BY_HOP: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** `headers` without hop-by-hop ones, without those its Connection header names, and without `skip`. */
export function endToEnd(headers: IncomingHttpHeaders, skip?: string): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const connection = headers.connection;
  const listed =
    connection === undefined
      ? undefined
      : new Set(
          connection
            .toLowerCase()
            .split(',')
            .map((s) => s.trim()),
        );
  for (const name in headers) {
    if (HOP_BY_HOP.has(name) || listed?.has(name) || name === skip) continue;
    out[name] = headers[name];
  }
  return out;
}

/**
 * A backend's raw response headers (undici's name, value, name, value… as bytes) as the list to
 * send the client: hop-by-hop ones and those its Connection header names dropped, the rest as sent.
 */
export function responseHeaders(raw: readonly Buffer[]): string[] {
  const out: string[] = [];
  let listed: Set<string> | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toString('latin1');
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower)) {
      if (lower === 'connection') {
        listed ??= new Set();
        for (const n of raw[i + 1]!.toString('latin1').toLowerCase().split(',')) listed.add(n.trim());
      }
      continue;
    }
    out.push(name, raw[i + 1]!.toString('latin1'));
  }
  if (listed === undefined) return out;
  const kept: string[] = [];
  for (let i = 0; i < out.length; i += 2) {
    if (!listed.has(out[i]!.toLowerCase())) kept.push(out[i]!, out[i + 1]!);
  }
  return kept;
}

/** The client's address as Node gives it, IPv4-mapped IPv6 read as IPv4. */
export function clientAddress(remote: string | undefined): string {
  if (remote === undefined) return 'unknown';
  return remote.startsWith('::ffff:') && remote.includes('.') ? remote.slice(7) : remote;
}

/** RFC 7239 node: an IPv6 address is bracketed and quoted; `unknown` when the address is not known. */
function node(address: string): string {
  return address.includes(':') ? `"[${address}]"` : address;
}

/** A token as is, anything else as a quoted string (a host with a port has a colon: quoted). */
function value(v: string): string {
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(v) ? v : `"${v.replace(/["\\]/g, '\\$&')}"`;
}

function append(existing: string | string[] | undefined, item: string): string {
  const before = Array.isArray(existing) ? existing.join(', ') : existing;
  return before ? `${before}, ${item}` : item;
}

/** The headers to send to the backend for a client request from `remote`, received over `proto`. */
export function forwardHeaders(
  headers: IncomingHttpHeaders,
  remote: string | undefined,
  proto: 'http' | 'https',
  skip?: string,
): OutgoingHttpHeaders {
  const out = endToEnd(headers, skip);
  const client = clientAddress(remote);
  out['x-forwarded-for'] = append(headers['x-forwarded-for'], client);
  out['x-forwarded-proto'] = proto;
  const host = headers.host;
  if (host !== undefined) out['x-forwarded-host'] = host;
  const element = [`for=${node(client)}`, ...(host ? [`host=${value(host)}`] : []), `proto=${proto}`];
  out.forwarded = append(headers.forwarded, element.join(';'));
  return out;
}

/**
 * The same, for an HTTP request (not an upgrade): without `Expect`, which this proxy answered
 * itself (Node sends the client its 100 Continue) and which the backend's client does not send.
 */
export function requestHeaders(
  headers: IncomingHttpHeaders,
  remote: string | undefined,
  proto: 'http' | 'https',
): Record<string, string | string[]> {
  // Skipped while copying, not deleted after: a deleted key turns the object into a slow dictionary.
  return forwardHeaders(headers, remote, proto, 'expect') as Record<string, string | string[]>;
}
