/**
 * Login sessions, kept server-side in memory (a restart signs everyone out; several server
 * processes would need a shared store). The cookie holds a 256-bit random value; the map is
 * keyed by its SHA-256, so the map itself holds nothing a client could present. Each session
 * carries its own CSRF token (session-bound, compared in constant time). Sessions end after
 * `idleMs` without use or `maxAgeMs` after login, at logout, and when the password changes.
 */
import { secret, sha256 } from "../ids.ts";

export interface LoginSession {
  userId: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionOptions {
  idleMs: number;
  maxAgeMs: number;
}

export const DEFAULT_SESSION_OPTIONS: SessionOptions = {
  idleMs: 12 * 3_600_000,
  maxAgeMs: 7 * 86_400_000,
};

export class SessionStore {
  private readonly byHash = new Map<string, LoginSession>();

  constructor(
    readonly options: SessionOptions = DEFAULT_SESSION_OPTIONS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** A new session for the user: its cookie value and record. */
  create(userId: string): { cookie: string; session: LoginSession } {
    const now = this.clock();
    this.prune(now);
    const cookie = secret();
    const session = { userId, csrfToken: secret(), createdAt: now, lastSeenAt: now };
    this.byHash.set(sha256(cookie), session);
    return { cookie, session };
  }

  /** The live session of a cookie value (and marks it used), or null. */
  get(cookie: string): LoginSession | null {
    const key = sha256(cookie);
    const s = this.byHash.get(key);
    if (!s) return null;
    const now = this.clock();
    if (this.expired(s, now)) {
      this.byHash.delete(key);
      return null;
    }
    s.lastSeenAt = now;
    return s;
  }

  destroy(cookie: string): void {
    this.byHash.delete(sha256(cookie));
  }

  /** Ends every session of a user, but the one of `keepCookie`. */
  destroyUser(userId: string, keepCookie?: string): void {
    const keep = keepCookie === undefined ? null : sha256(keepCookie);
    for (const [k, s] of this.byHash) if (s.userId === userId && k !== keep) this.byHash.delete(k);
  }

  get size(): number {
    return this.byHash.size;
  }

  private expired(s: LoginSession, now: number): boolean {
    return now - s.lastSeenAt > this.options.idleMs || now - s.createdAt > this.options.maxAgeMs;
  }

  private prune(now: number): void {
    for (const [k, s] of this.byHash) if (this.expired(s, now)) this.byHash.delete(k);
  }
}
