/**
 * The live streams' hub: which responses follow which site's live view, and when each gets a
 * new snapshot. Snapshots, not diffs: every `snapshot` event carries the whole live view (the
 * JSON of GET /live with the same query), so a client that missed one (slow connection,
 * reconnect) is right again at the next, and nothing is kept per client but its response.
 * - A stream gets the view at once, then a new one whenever the site's sessions in flight
 *   change (an event, the engine's clock moving or ending a session), coalesced per site and
 *   query to at most one per `minIntervalMs` (250 ms: 4 per second).
 * - Each tick of the engine's clock also refreshes the views that show sessions: their idle
 *   times moved, and sessions ended outside the host (erasure) disappear.
 * - A slow client (its write buffer full) skips snapshots and gets the latest when it drains.
 * - A comment line every `heartbeatMs` keeps proxies and the browser from timing out.
 * - Open streams are bounded per user and site and per site; `close()` ends them all.
 */
import type { ServerResponse } from "node:http";
import type { LiveView } from "@intently/store";

export interface StreamQuery {
  site: string;
  segment?: string;
  limit: number;
}

export interface LiveHubOptions {
  /** Open streams per user and site (browser tabs). */
  perUserSite: number;
  /** Open streams per site, all users together. */
  perSite: number;
  minIntervalMs: number;
  heartbeatMs: number;
}

export const DEFAULT_HUB_OPTIONS: LiveHubOptions = {
  perUserSite: 4,
  perSite: 100,
  minIntervalMs: 250,
  heartbeatMs: 15_000,
};

interface Group {
  query: StreamQuery;
  streams: Set<Stream>;
  timer: NodeJS.Timeout | null;
  dirty: boolean;
  sentAt: number;
  /** The latest snapshot frame, for streams that were blocked when it was sent. */
  last: string;
  /** Sessions the latest snapshot showed (a tick refreshes only views with some). */
  total: number;
}

interface Stream {
  user: string;
  res: ServerResponse;
  group: Group;
  blocked: boolean;
  written: string;
}

const frame = (v: LiveView) => `event: snapshot\ndata: ${JSON.stringify(v)}\n\n`;

export class LiveHub {
  private readonly groups = new Map<string, Group>();
  private readonly counts = new Map<string, number>();
  private heartbeat: NodeJS.Timeout | null = null;
  private closedFlag = false;
  private readonly o: LiveHubOptions;

  constructor(
    private readonly view: (q: StreamQuery) => LiveView,
    options: Partial<LiveHubOptions> = {},
  ) {
    this.o = { ...DEFAULT_HUB_OPTIONS, ...options };
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** The sites some stream follows. */
  sites(): Set<string> {
    const out = new Set<string>();
    for (const g of this.groups.values()) out.add(g.query.site);
    return out;
  }

  /** Open streams (all sites). */
  get size(): number {
    let n = 0;
    for (const g of this.groups.values()) n += g.streams.size;
    return n;
  }

  /** Why one more stream of `user` on `site` is refused; null when it may open. */
  refusal(site: string, user: string): string | null {
    if ((this.counts.get(`u\0${user}\0${site}`) ?? 0) >= this.o.perUserSite)
      return `too many live streams: at most ${this.o.perUserSite} per user and site are open at once; close another tab or use GET /live`;
    if ((this.counts.get(`s\0${site}`) ?? 0) >= this.o.perSite)
      return `too many live streams on this site (at most ${this.o.perSite}); use GET /live`;
    return null;
  }

  /** Follows `q` on `res` (headers already sent): the view now, then on every change. */
  open(q: StreamQuery, user: string, res: ServerResponse): void {
    // The client may have left while the request was authenticated: its close event is gone.
    if (!res.socket || res.socket.destroyed || res.writableEnded) return;
    const key = `${q.site}\0${q.segment ?? ""}\0${q.limit}`;
    let g = this.groups.get(key);
    if (!g) {
      g = {
        query: q,
        streams: new Set(),
        timer: null,
        dirty: false,
        sentAt: 0,
        last: "",
        total: 0,
      };
      this.groups.set(key, g);
    }
    const s: Stream = { user, res, group: g, blocked: false, written: "" };
    g.streams.add(s);
    this.count(s, 1);
    res.once("close", () => this.remove(s, key));
    const v = this.snapshot(q);
    if (v) {
      g.total = v.total;
      g.last = frame(v);
      this.write(s, g.last);
    }
    this.heartbeat ??= setInterval(() => this.beat(), this.o.heartbeatMs).unref();
  }

  /** The engine's news: `site`'s sessions changed, or (null) the clock ticked. */
  changed(site: string | null): void {
    if (this.groups.size === 0) return;
    for (const g of this.groups.values()) {
      if (site === null ? g.total > 0 : g.query.site === site) this.schedule(g);
    }
  }

  /** Ends every stream (server shutdown); later opens are refused by the route. */
  close(): void {
    this.closedFlag = true;
    for (const g of this.groups.values()) {
      if (g.timer) clearTimeout(g.timer);
      for (const s of g.streams) s.res.end();
    }
    this.groups.clear();
    this.counts.clear();
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private count(s: Stream, by: 1 | -1): void {
    for (const k of [`u\0${s.user}\0${s.group.query.site}`, `s\0${s.group.query.site}`]) {
      const n = (this.counts.get(k) ?? 0) + by;
      if (n > 0) this.counts.set(k, n);
      else this.counts.delete(k);
    }
  }

  private remove(s: Stream, key: string): void {
    const g = s.group;
    if (!g.streams.delete(s)) return;
    this.count(s, -1);
    if (g.streams.size === 0) {
      if (g.timer) clearTimeout(g.timer);
      if (this.groups.get(key) === g) this.groups.delete(key);
    }
    if (this.groups.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  private schedule(g: Group): void {
    g.dirty = true;
    if (g.timer) return;
    // A timer even when no wait is due, so one collector batch's events make one snapshot.
    const wait = Math.max(0, g.sentAt + this.o.minIntervalMs - Date.now());
    g.timer = setTimeout(() => this.flush(g), wait);
  }

  private flush(g: Group): void {
    g.timer = null;
    if (!g.dirty || g.streams.size === 0) return;
    g.dirty = false;
    g.sentAt = Date.now();
    const v = this.snapshot(g.query);
    if (!v) return;
    g.total = v.total;
    g.last = frame(v);
    for (const s of g.streams) this.write(s, g.last);
  }

  /** The view now; null (logged) if it fails, which must not crash a timer callback. */
  private snapshot(q: StreamQuery): LiveView | null {
    try {
      return this.view(q);
    } catch (e) {
      process.stderr.write(`live stream: ${(e as Error).stack ?? e}\n`);
      return null;
    }
  }

  private write(s: Stream, chunk: string): void {
    if (s.blocked || s.res.writableEnded) return;
    s.written = chunk;
    if (s.res.write(chunk)) return;
    s.blocked = true;
    s.res.once("drain", () => {
      s.blocked = false;
      if (s.group.last !== s.written) this.write(s, s.group.last);
    });
  }

  private beat(): void {
    for (const g of this.groups.values())
      for (const s of g.streams)
        if (!s.blocked && !s.res.writableEnded) s.res.write(": keep-alive\n\n");
  }
}
