/**
 * Certificates as probes judge them: days left, expiry, and the certificate authorities trusted
 * (the system's, plus any added with `trustCa` — for a private CA, and for the tests).
 */
import { rootCertificates } from 'node:tls';

let extra: string[] = [];

/** Adds CA certificates (PEM) trusted by the http and tls probes in this process. */
export function trustCa(pem: string): void {
  extra = [...extra, pem];
  cached = undefined;
}

let cached: string[] | undefined;
/** The CA list to pass to TLS, or undefined for Node's default (faster when nothing is added). */
export function caList(): string[] | undefined {
  if (extra.length === 0) return undefined;
  cached ??= [...rootCertificates, ...extra];
  return cached;
}

/** Days (1 decimal) until `validTo` (the certificate's `valid_to` text). */
export function daysLeft(validTo: string, now = Date.now()): number {
  return Math.round(((Date.parse(validTo) - now) / 86_400_000) * 10) / 10;
}
