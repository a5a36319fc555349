/**
 * The DNS probe. With a resolver address: one query built with dns-packet, over UDP on a fresh
 * socket (random id; replies whose id or question do not match are ignored, as a spoofed reply
 * would be), retried over TCP when truncated. Without one: the system's resolver (node:dns).
 * Judged on the rcode (default NOERROR) and on every expected answer being present.
 */

import { randomInt } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { connect, isIPv6 } from 'node:net';
import dnsPacket, { type DecodedPacket, type RecordType } from 'dns-packet';
import { type DnsTarget, dnsKind } from '../model/probes/dns.ts';
import type { CompiledCheck } from '../monitor/compile.ts';
import type { FailureReason } from '../monitor/types.ts';
import { classify, since } from './classify.ts';
import { answerText, missingAnswers } from './dns-answers.ts';
import { type ProbePlugin, probePlugin } from './probe.ts';

interface Answer {
  readonly rcode: string;
  readonly answers: readonly string[];
}

class Malformed extends Error {}

function matches(reply: DecodedPacket, id: number, target: DnsTarget): boolean {
  const q = reply.questions?.[0];
  return (
    reply.id === id &&
    reply.type === 'response' &&
    !!q &&
    q.name.toLowerCase() === target.name.toLowerCase().replace(/\.$/, '') &&
    q.type === target.recordType
  );
}

function toAnswer(reply: DecodedPacket): Answer {
  const rcode = (reply as DecodedPacket & { rcode?: string }).rcode ?? 'NOERROR';
  return {
    rcode,
    answers: (reply.answers ?? []).map((a) => answerText(a.type, (a as { data?: unknown }).data)),
  };
}

function query(target: DnsTarget, id: number): dnsPacket.Packet {
  return {
    type: 'query',
    id,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type: target.recordType as RecordType, name: target.name }],
  };
}

function overUdp(target: DnsTarget, host: string, port: number, signal: AbortSignal): Promise<DecodedPacket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
    const id = randomInt(0, 65536);
    const done = (fn: () => void) => {
      signal.removeEventListener('abort', onAbort);
      socket.close();
      fn();
    };
    const onAbort = () => done(() => reject(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('message', (msg, from) => {
      if (from.port !== port) return;
      let reply: DecodedPacket;
      try {
        reply = dnsPacket.decode(msg);
      } catch {
        done(() => reject(new Malformed('malformed DNS reply')));
        return;
      }
      if (!matches(reply, id, target)) return; // not our answer: keep waiting
      done(() => resolve(reply));
    });
    socket.on('error', (e) => done(() => reject(e)));
    socket.send(dnsPacket.encode(query(target, id)), port, host);
  });
}

function overTcp(target: DnsTarget, host: string, port: number, signal: AbortSignal): Promise<DecodedPacket> {
  return new Promise((resolve, reject) => {
    const id = randomInt(0, 65536);
    const socket = connect({ host, port });
    let buffer = Buffer.alloc(0);
    const done = (fn: () => void) => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      fn();
    };
    const onAbort = () => done(() => reject(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => socket.write(dnsPacket.streamEncode(query(target, id))));
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (buffer.length < 2) return;
      const length = buffer.readUInt16BE(0);
      if (buffer.length < length + 2) {
        if (buffer.length > 65_537) done(() => reject(new Malformed('DNS reply too long')));
        return;
      }
      try {
        const reply = dnsPacket.decode(buffer.subarray(2, 2 + length));
        if (!matches(reply, id, target)) throw new Malformed('DNS reply does not match the query');
        done(() => resolve(reply));
      } catch (e) {
        done(() => reject(e instanceof Malformed ? e : new Malformed('malformed DNS reply')));
      }
    });
    socket.on('error', (e) => done(() => reject(e)));
    socket.on('end', () => done(() => reject(new Malformed('the DNS server closed the connection'))));
  });
}

async function direct(target: DnsTarget, signal: AbortSignal): Promise<Answer> {
  const { host, port } = target.resolver!;
  let reply = await overUdp(target, host, port, signal);
  if (reply.flag_tc) reply = await overTcp(target, host, port, signal);
  return toAnswer(reply);
}

const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  ENOTFOUND: 'NXDOMAIN',
  ENODATA: 'NOERROR',
  ESERVFAIL: 'SERVFAIL',
  EREFUSED: 'REFUSED',
};

async function system(target: DnsTarget, check: CompiledCheck): Promise<Answer> {
  const resolver = new Resolver({ timeout: check.timeoutMs, tries: 1 });
  try {
    const records = (await resolver.resolve(target.name, target.recordType)) as unknown;
    const list = Array.isArray(records) ? records : [records];
    return { rcode: 'NOERROR', answers: list.map((r) => answerText(target.recordType, r)) };
  } catch (e) {
    const rcode = SYSTEM_ERRORS[(e as NodeJS.ErrnoException).code ?? ''];
    if (rcode) return { rcode, answers: [] };
    throw e;
  }
}

const RCODE_REASON: Readonly<Record<string, FailureReason>> = {
  NXDOMAIN: 'dns-nxdomain',
  SERVFAIL: 'dns-servfail',
  REFUSED: 'dns-refused',
};

export const dnsProbe: ProbePlugin<'dns'> = probePlugin(
  dnsKind,
  async function runDns(target, check, signal) {
    const t0 = performance.now();
    // An abort listener added to an aborted signal never fires: answer now.
    if (signal?.aborted) return { ok: false, reason: 'error', detail: 'aborted', latencyMs: 0 };
    const deadline = AbortSignal.timeout(check.timeoutMs);
    const sig = signal ? AbortSignal.any([deadline, signal]) : deadline;
    let answer: Answer;
    try {
      answer = target.resolver ? await direct(target, sig) : await system(target, check);
    } catch (e) {
      if (signal?.aborted && !deadline.aborted)
        return { ok: false, reason: 'error', detail: 'aborted', latencyMs: since(t0) };
      if (e instanceof Malformed)
        return { ok: false, reason: 'protocol', detail: e.message, latencyMs: since(t0) };
      return { ok: false, ...classify(e, deadline.aborted), latencyMs: since(t0) };
    }
    const latencyMs = since(t0);
    if (answer.rcode !== target.rcode) {
      const reason =
        RCODE_REASON[answer.rcode] ?? (answer.rcode === 'NOERROR' ? 'dns-mismatch' : 'dns-servfail');
      return { ok: false, reason, detail: `${answer.rcode}, expected ${target.rcode}`, latencyMs };
    }
    const missing = missingAnswers(target.answers, answer.answers);
    if (missing.length > 0) {
      const got = answer.answers.length > 0 ? answer.answers.join(', ') : 'no answer';
      return {
        ok: false,
        reason: 'dns-mismatch',
        detail: `missing ${missing.join(', ')}; got ${got}`.slice(0, 300),
        latencyMs,
      };
    }
    if (check.maxLatencyMs !== undefined && latencyMs > check.maxLatencyMs) {
      return {
        ok: false,
        reason: 'too-slow',
        detail: `${Math.round(latencyMs)}ms > ${check.maxLatencyMs}ms`,
        latencyMs,
      };
    }
    return { ok: true, latencyMs };
  },
);
