/**
 * The live streams' view, kept up to date session by session (issue 24): for each site someone
 * watches, its live sessions in one list ordered as the live view shows them (latest event
 * first, then id) with the view's counts (total, per segment, per state, bots hidden). The
 * engine host says which sessions an event or a tick touched and which ended
 * (EngineHost.onLiveSessions), so a snapshot costs O(rows shown), not O(live sessions): the
 * view is the JSON of GET /live (store liveView, a full scan) without the scan.
 * - A site's index is built by one scan when its first stream opens, dropped when its last
 *   stream closes (prune).
 * - A tick reports only sessions whose memberships changed; a converted session's state can
 *   change without one, so each tick re-reads the converted sessions' state (a few per cent).
 * - Sessions ended outside the host (erasure) leave the rows as soon as a view walks past
 *   them, and the counts when the sweep reaches them: each tick checks the next SWEEP_PER_TICK
 *   entries of the list, round the list (no scan of every session at once).
 */

import type { LiveReasons } from "@intently/api-contract";
import {
  F,
  FRAMEWORK_SEGMENT_IDS,
  type Scorer,
  type SessionState,
  STATES,
  segmentIndex,
} from "@intently/engine";
import { type LiveSession, type LiveView, liveSessionOf } from "@intently/store";
import { EXPLAINED_PER_VIEW, explainedRow, type Seen } from "./live-reasons.ts";

export const SWEEP_PER_TICK = 2_000;
const CONVERTED = 12;

interface Entry {
  s: SessionState;
  t: number;
  seg: number;
  state: number;
  bot: boolean;
  custom: readonly string[];
  prev: Entry | null;
  next: Entry | null;
  /** What the live view last showed of it, for the reasons of its next change. */
  seen: Seen | null;
}

export interface LiveIndexQuery {
  site: string;
  segment?: string;
  limit: number;
}

export interface LiveIndexSource {
  sessions(): Iterable<SessionState>;
  get(site: string, session: string): SessionState | undefined;
  bandsOf(site: string): Parameters<typeof liveSessionOf>[2];
  timelineOf?: (site: string, session: string) => ReturnType<typeof liveSessionOf>["timeline"];
  /** The site's scorer; with it, rows carry the reasons of their latest score change. */
  scorerOf?: (site: string) => Scorer;
}

/** A row of the streamed live view: GET /live's, with reasons when a score moved. */
export type StreamedSession = LiveSession & { reasons?: LiveReasons };
export type StreamedView = Omit<LiveView, "sessions"> & { sessions: StreamedSession[] };

class SiteIndex {
  readonly entries = new Map<string, Entry>();
  head: Entry | null = null;
  readonly bySegment = new Map<string, number>();
  readonly byState = new Array<number>(STATES.length).fill(0);
  total = 0;
  hiddenBots = 0;
  readonly converted = new Set<Entry>();
  /** Where the erasure sweep goes on at the next tick. */
  cursor: Entry | null = null;

  count(e: Entry, by: 1 | -1): void {
    if (e.seg === CONVERTED) {
      if (by > 0) this.converted.add(e);
      else this.converted.delete(e);
    }
    if (e.bot) {
      this.hiddenBots += by;
      return;
    }
    this.total += by;
    this.byState[e.state] = this.byState[e.state]! + by;
    this.bump(FRAMEWORK_SEGMENT_IDS[e.seg]!, by);
    for (const c of e.custom) this.bump(c, by);
  }

  private bump(id: string, by: number): void {
    const n = (this.bySegment.get(id) ?? 0) + by;
    if (n === 0) this.bySegment.delete(id);
    else this.bySegment.set(id, n);
  }

  /** Links `e` where the view's order puts it: latest event first, then smaller id. */
  link(e: Entry): void {
    let before: Entry | null = null;
    let at = this.head;
    while (at && (at.t > e.t || (at.t === e.t && at.s.id < e.s.id))) {
      before = at;
      at = at.next;
    }
    e.prev = before;
    e.next = at;
    if (at) at.prev = e;
    if (before) before.next = e;
    else this.head = e;
  }

  unlink(e: Entry): void {
    if (this.cursor === e) this.cursor = e.next;
    if (e.prev) e.prev.next = e.next;
    else this.head = e.next;
    if (e.next) e.next.prev = e.prev;
    e.prev = null;
    e.next = null;
  }

  add(s: SessionState): void {
    const e: Entry = {
      s,
      t: 0,
      seg: 0,
      state: 0,
      bot: false,
      custom: [],
      prev: null,
      next: null,
      seen: null,
    };
    read(e, s);
    this.entries.set(s.id, e);
    this.count(e, 1);
    this.link(e);
  }

  remove(e: Entry): void {
    this.count(e, -1);
    this.unlink(e);
    this.entries.delete(e.s.id);
  }

  /** Re-reads a session that changed: its counts and, when its latest event moved, its place. */
  update(e: Entry, s: SessionState): void {
    this.count(e, -1);
    const t = e.t;
    read(e, s);
    this.count(e, 1);
    if (e.t !== t) {
      this.unlink(e);
      this.link(e);
    }
  }
}

function read(e: Entry, s: SessionState): void {
  e.s = s;
  e.t = s.num(F.LastT);
  e.seg = segmentIndex(s);
  e.state = s.num(F.State);
  e.bot = s.bot !== null;
  e.custom = s.custom ?? [];
}

export class LiveIndex {
  private readonly sites = new Map<string, SiteIndex>();

  constructor(
    private readonly source: LiveIndexSource,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Sites indexed now (tests). */
  get indexedSites(): string[] {
    return [...this.sites.keys()];
  }

  touched(s: SessionState): void {
    const idx = this.sites.get(s.site);
    if (!idx) return;
    this.safely(s.site, () => {
      const e = idx.entries.get(s.id);
      if (e) idx.update(e, s);
      else idx.add(s);
    });
  }

  ended(s: SessionState): void {
    const idx = this.sites.get(s.site);
    const e = idx?.entries.get(s.id);
    if (idx && e && e.s === s) this.safely(s.site, () => idx.remove(e));
  }

  /** Called from the engine host's event path: a failure drops the index (rebuilt on demand). */
  private safely(site: string, f: () => void): void {
    try {
      f();
    } catch (e) {
      this.sites.delete(site);
      process.stderr.write(`live index: ${(e as Error).stack ?? e}\n`);
    }
  }

  /** After a tick: converted sessions whose state moved; the next stretch of the sweep. */
  ticked(): void {
    for (const [site, idx] of this.sites) {
      this.safely(site, () => {
        for (const e of [...idx.converted]) if (e.s.num(F.State) !== e.state) idx.update(e, e.s);
        let e = idx.cursor ?? idx.head;
        for (let k = 0; e && k < SWEEP_PER_TICK; k++) {
          const next = e.next;
          if (this.source.get(site, e.s.id) !== e.s) idx.remove(e);
          e = next;
        }
        idx.cursor = e;
      });
    }
  }

  /** Drops the indexes of the sites nobody watches any more. */
  prune(watched: ReadonlySet<string>): void {
    for (const site of this.sites.keys()) if (!watched.has(site)) this.sites.delete(site);
  }

  /** The live view of `q` now: GET /live's JSON for the same query, with reasons. */
  view(q: LiveIndexQuery): StreamedView {
    const now = this.clock();
    const idx = this.sites.get(q.site) ?? this.build(q.site);
    const bands = this.source.bandsOf(q.site);
    const scorer = this.source.scorerOf?.(q.site);
    const sessions: StreamedSession[] = [];
    const budget = { left: EXPLAINED_PER_VIEW };
    for (let e = idx.head; e && sessions.length < q.limit; ) {
      const next = e.next;
      if (this.source.get(q.site, e.s.id) !== e.s) idx.remove(e);
      else if (!e.bot && (q.segment === undefined || inSegment(e, q.segment))) {
        const row: StreamedSession = liveSessionOf(e.s, now, bands, this.source.timelineOf);
        if (scorer?.explainChange) {
          const r = explainedRow(e.s, e.seen, scorer, now, budget);
          e.seen = r.seen;
          if (r.reasons) row.reasons = r.reasons;
        }
        sessions.push(row);
      }
      e = next;
    }
    const bySegment: Record<string, number> = {};
    for (const id of FRAMEWORK_SEGMENT_IDS) bySegment[id] = idx.bySegment.get(id) ?? 0;
    for (const [id, n] of idx.bySegment) bySegment[id] = n;
    const byState: Record<string, number> = {};
    STATES.forEach((s, i) => {
      byState[s] = idx.byState[i]!;
    });
    return { now, total: idx.total, bySegment, byState, hiddenBots: idx.hiddenBots, sessions };
  }

  /** One scan of the engine's sessions for `site`, when its first stream opens. */
  private build(site: string): SiteIndex {
    const idx = new SiteIndex();
    const ordered: SessionState[] = [];
    for (const s of this.source.sessions()) if (s.site === site) ordered.push(s);
    // Linked from the oldest, each new entry lands at the head: one pass, no walking.
    ordered.sort((a, b) => a.num(F.LastT) - b.num(F.LastT) || (a.id < b.id ? 1 : -1));
    for (const s of ordered) idx.add(s);
    this.sites.set(site, idx);
    return idx;
  }
}

function inSegment(e: Entry, segment: string): boolean {
  return FRAMEWORK_SEGMENT_IDS[e.seg] === segment || e.custom.includes(segment);
}
