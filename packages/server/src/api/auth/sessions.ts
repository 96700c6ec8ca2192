/**
 * Login sessions, served from memory and written through to the store so a restart signs
 * nobody out (several server processes would still need a shared store). The cookie holds a
 * 256-bit random value; the map and the store are keyed by its SHA-256, so neither holds
 * anything a client could present. Each session carries its own CSRF token (session-bound,
 * compared in constant time). Sessions end after `idleMs` without use or `maxAgeMs` after
 * login, at logout, and when the password changes.
 *
 * `get` stays synchronous (it runs on every request): creates and deletes are written through
 * at once, last-seen times lazily (every `persistEveryMs`, and on close), and expired rows are
 * deleted on the same beat.
 */
import type { LoginSessionCutoffs, LoginSessions } from "@intently/store";
import { secret, sha256 } from "../ids.ts";
import { SessionWriter } from "./session-writer.ts";

export interface LoginSession {
  userId: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionOptions {
  idleMs: number;
  maxAgeMs: number;
  /** How often last-seen times are written and expired rows deleted (when persisted). */
  persistEveryMs: number;
}

export const DEFAULT_SESSION_OPTIONS: SessionOptions = {
  idleMs: 12 * 3_600_000,
  maxAgeMs: 7 * 86_400_000,
  persistEveryMs: 60_000,
};

/** Where sessions are persisted, and where a store failure is reported. */
export interface SessionBacking {
  store: LoginSessions;
  warn: (line: string) => void;
}

export class SessionStore {
  private readonly byHash = new Map<string, LoginSession>();
  /** Keys of sessions used since their last-seen time was last written. */
  private readonly seen = new Set<string>();
  private readonly writer: SessionWriter | null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly options: SessionOptions = DEFAULT_SESSION_OPTIONS,
    private readonly clock: () => number = Date.now,
    backing: SessionBacking | null = null,
  ) {
    this.writer = backing ? new SessionWriter(backing.store, backing.warn) : null;
  }

  /** Loads the stored live sessions and starts the periodic writes (persisted stores). */
  async start(): Promise<void> {
    if (!this.writer || this.timer) return;
    await this.writer.run("load the stored sessions", async (s) => {
      for (const { idHash, ...session } of await s.live(this.cutoffs(this.clock())))
        this.byHash.set(idHash, session);
    });
    this.timer = setInterval(() => void this.maintain(), this.options.persistEveryMs);
    this.timer.unref();
  }

  /** Stops the periodic writes and writes what is pending. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flushSeen();
    await this.writer?.idle();
  }

  /** A new session for the user: its cookie value and record (stored before it resolves). */
  async create(userId: string): Promise<{ cookie: string; session: LoginSession }> {
    const now = this.clock();
    this.prune(now);
    const cookie = secret();
    const session = { userId, csrfToken: secret(), createdAt: now, lastSeenAt: now };
    const idHash = sha256(cookie);
    this.byHash.set(idHash, session);
    await this.writer?.run("save a session", (s) => s.save({ idHash, ...session }));
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
      this.seen.delete(key);
      return null;
    }
    s.lastSeenAt = now;
    if (this.writer) this.seen.add(key);
    return s;
  }

  async destroy(cookie: string): Promise<void> {
    const key = sha256(cookie);
    this.byHash.delete(key);
    this.seen.delete(key);
    await this.writer?.run("delete a session", (s) => s.delete(key));
  }

  /** Ends every session of a user, but the one of `keepCookie`. */
  async destroyUser(userId: string, keepCookie?: string): Promise<void> {
    const keep = keepCookie === undefined ? undefined : sha256(keepCookie);
    for (const [k, s] of this.byHash) if (s.userId === userId && k !== keep) this.byHash.delete(k);
    // The store too: it may hold sessions this process never loaded (a failed load).
    await this.writer?.run("delete a user's sessions", (s) => s.deleteUser(userId, keep));
  }

  get size(): number {
    return this.byHash.size;
  }

  private async maintain(): Promise<void> {
    const now = this.clock();
    this.prune(now);
    // Last-seen times first, so a row is never deleted as idle while its session is in use.
    await this.flushSeen();
    await this.writer?.run("delete expired sessions", (s) => s.deleteExpired(this.cutoffs(now)));
  }

  private flushSeen(): Promise<void> {
    if (!this.writer) return Promise.resolve();
    // The keys are read when the write runs, so a session destroyed meanwhile is skipped.
    return this.writer.run("save last-seen times", async (s) => {
      const keys = [...this.seen];
      this.seen.clear();
      for (const idHash of keys) {
        const session = this.byHash.get(idHash);
        if (session) await s.save({ idHash, ...session });
      }
    });
  }

  private cutoffs(now: number): LoginSessionCutoffs {
    return { idleBefore: now - this.options.idleMs, createdBefore: now - this.options.maxAgeMs };
  }

  private expired(s: LoginSession, now: number): boolean {
    return now - s.lastSeenAt > this.options.idleMs || now - s.createdAt > this.options.maxAgeMs;
  }

  private prune(now: number): void {
    for (const [k, s] of this.byHash) {
      if (!this.expired(s, now)) continue;
      this.byHash.delete(k);
      this.seen.delete(k);
    }
  }
}
