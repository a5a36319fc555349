/**
 * SOA serials (RFC 1982 arithmetic on 32 bits). A new serial is the old one plus one, or the time
 * in seconds when that is later, so a server restarted without its state still moves forward.
 */

/** Whether serial `a` is after serial `b`. */
export function serialAfter(a: number, b: number): boolean {
  const d = (a - b) >>> 0;
  return d !== 0 && d < 0x8000_0000;
}

/** The serial after `current`, at `nowMs`. */
export function nextSerial(current: number, nowMs: number): number {
  const plus = (current + 1) >>> 0;
  const seconds = Math.floor(nowMs / 1000) >>> 0;
  return serialAfter(seconds, plus) ? seconds : plus;
}
