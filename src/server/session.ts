/**
 * The dashboard's sessions, kept in memory only (a restart logs everyone out): opened by a login
 * with the operator token, each with its own CSRF token, ended by logout, by an hour without use or
 * after twelve hours whatever the use. Bounded in number: past MAX_SESSIONS the least recently used
 * one is dropped. Sessions are filed by a hash of their id, so the map is never searched with the
 * secret itself. Time is passed in (the API's clock).
 */
import { createHash, randomBytes } from 'node:crypto';

/** A session unused this long is over. */
export const IDLE_MS = 60 * 60_000;
/** A session is over this long after the login, used or not (the cookie's Max-Age). */
export const LIFETIME_MS = 12 * 60 * 60_000;
/** Sessions open at once; one more drops the least recently used. */
export const MAX_SESSIONS = 1000;

export interface Session {
  /** The CSRF token every write made with this session must carry (X-CSRF-Token). */
  readonly csrf: string;
  readonly createdAt: number;
  /** When it ends at the latest (createdAt + LIFETIME_MS). */
  readonly expiresAt: number;
  lastSeen: number;
}

const token = () => randomBytes(32).toString('base64url');
const key = (id: string) => createHash('sha256').update(id).digest('base64url');

export class SessionBook {
  /** Oldest use first (a Map keeps insertion order; a use moves the session to the end). */
  private readonly byKey = new Map<string, Session>();

  constructor(
    private readonly limits: { idleMs: number; lifetimeMs: number; max: number } = {
      idleMs: IDLE_MS,
      lifetimeMs: LIFETIME_MS,
      max: MAX_SESSIONS,
    },
  ) {}

  /** Opens a session: its id (the cookie's value, never stored as is) and the session. */
  open(now: number): { id: string; session: Session } {
    this.sweep(now);
    while (this.byKey.size >= this.limits.max) {
      const oldest = this.byKey.keys().next().value;
      if (oldest === undefined) break;
      this.byKey.delete(oldest);
    }
    const id = token();
    const session: Session = {
      csrf: token(),
      createdAt: now,
      expiresAt: now + this.limits.lifetimeMs,
      lastSeen: now,
    };
    this.byKey.set(key(id), session);
    return { id, session };
  }

  /** The live session of this id, marked as used now; undefined if none or over (then forgotten). */
  use(id: string, now: number): Session | undefined {
    const k = key(id);
    const s = this.byKey.get(k);
    if (!s) return undefined;
    this.byKey.delete(k);
    if (this.over(s, now)) return undefined;
    s.lastSeen = now;
    this.byKey.set(k, s);
    return s;
  }

  close(id: string): void {
    this.byKey.delete(key(id));
  }

  size(): number {
    return this.byKey.size;
  }

  private over(s: Session, now: number): boolean {
    return now >= s.expiresAt || now - s.lastSeen >= this.limits.idleMs;
  }

  /** Forgets the sessions that are over (at most MAX_SESSIONS looked at). */
  private sweep(now: number): void {
    for (const [k, s] of this.byKey) if (this.over(s, now)) this.byKey.delete(k);
  }
}
