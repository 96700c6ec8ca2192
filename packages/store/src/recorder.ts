/**
 * SessionRecorder: turns the engine's output into store rows. Per event it keeps the raw event
 * (optional), follows segment enter/exit into membership intervals and counts page views by
 * segment; when a session ends it writes the session row with its intervals. It holds only
 * live sessions' open intervals (a few per session) and does no I/O itself: rows go to a sink.
 *
 * Times: a transition takes the time of the update that caused it (the event's time, or the
 * `now` of `engine.advance(now)`), never earlier than the session's previous transition, so a
 * session's framework intervals tile [start, end) with no gap and no overlap.
 */
import {
  type Event,
  type FrameworkSegmentId,
  isFrameworkSegmentId,
  pathOf,
  type SessionState,
  type SessionUpdate,
} from "@intently/engine";
import { DAY_MS, type EventRow, type IntervalRow, type PageViewRow, type RowSink } from "./rows.ts";
import { sessionRowOf } from "./session-row.ts";

export interface RecorderOptions {
  /** Keep raw events in the events table (default true). */
  events?: boolean;
  /** Score points kept per live session for live-view timelines (default 16; 0 = none). */
  timelinePoints?: number;
  /**
   * Page-view rollups are written after this many ended sessions (default 50,000), or by an
   * `advanced()` call at least `rollupEveryMs` (default 60 s, host clock) after the last write,
   * or when the last live session ends (shutdown), or by `flush()`.
   */
  rollupEverySessions?: number;
  rollupEveryMs?: number;
}

export interface TimelinePoint {
  t: number;
  xC: number;
  xATC: number;
  xE: number;
  segment: FrameworkSegmentId;
}

interface Stay {
  segment: string;
  enteredAt: number;
  prev: string | null;
}

interface Live {
  start: number;
  last: number;
  framework: Stay | null;
  custom: Map<string, Stay>;
  closed: IntervalRow[];
  /** segment \0 path \0 page type → views. */
  pages: Map<string, number>;
  timeline: TimelinePoint[] | null;
}

const key = (site: string, session: string) => `${site}\u0000${session}`;

export class SessionRecorder {
  private readonly live = new Map<string, Live>();
  private readonly rollup = new Map<string, { views: number; sessions: number }>();
  private endedSinceRollup = 0;
  private lastRollupAt = Number.NEGATIVE_INFINITY;
  private readonly keepEvents: boolean;
  private readonly timelinePoints: number;
  private readonly rollupEvery: number;
  private readonly rollupEveryMs: number;

  constructor(
    private readonly sink: RowSink,
    opts: RecorderOptions = {},
  ) {
    this.keepEvents = opts.events ?? true;
    this.timelinePoints = opts.timelinePoints ?? 16;
    this.rollupEvery = opts.rollupEverySessions ?? 50_000;
    this.rollupEveryMs = opts.rollupEveryMs ?? 60_000;
  }

  /** After `engine.process(ref, event)` returned `u`. */
  event(event: Event, u: SessionUpdate): void {
    const live = this.follow(u, u.t);
    if (this.keepEvents) this.sink.writeEvents([eventRow(event, u)]);
    this.sink.orders?.event(u, event);
    if (event.type === "page_view") {
      const path = pathOf(event.page.url);
      const type = event.page.type ?? "";
      for (const seg of u.segments) {
        const k = `${seg}\u0000${path}\u0000${type}`;
        live.pages.set(k, (live.pages.get(k) ?? 0) + 1);
      }
    }
  }

  /** After `engine.advance(now)`: its segment changes, then its ended sessions. */
  advanced(result: { updates: SessionUpdate[]; ended: SessionState[] }, now: number): void {
    for (const u of result.updates) this.update(u, now);
    for (const s of result.ended) this.end(s, now);
    if (this.lastRollupAt === Number.NEGATIVE_INFINITY) this.lastRollupAt = now;
    const due = this.live.size === 0 || now - this.lastRollupAt >= this.rollupEveryMs;
    if (this.rollup.size > 0 && due) {
      this.lastRollupAt = now;
      this.flush();
    }
  }

  /** Follows one update's enter/exit lists at time `at`. */
  update(u: SessionUpdate, at: number): void {
    this.follow(u, at);
  }

  private follow(u: SessionUpdate, at: number): Live {
    const k = key(u.site, u.session);
    let live = this.live.get(k);
    if (!live) {
      live = {
        start: at,
        last: at,
        framework: null,
        custom: new Map(),
        closed: [],
        pages: new Map(),
        timeline: this.timelinePoints > 0 ? [] : null,
      };
      this.live.set(k, live);
    }
    const t = Math.max(at, live.last);
    live.last = t;
    let left: string | null = null;
    for (const id of u.exit) {
      if (isFrameworkSegmentId(id)) {
        if (live.framework?.segment === id) {
          left = id;
          this.close(u, live, live.framework, t, u.segment);
          live.framework = null;
        }
      } else {
        const stay = live.custom.get(id);
        if (stay) {
          this.close(u, live, stay, t, u.segment);
          live.custom.delete(id);
        }
      }
    }
    for (const id of u.enter) {
      if (isFrameworkSegmentId(id)) {
        if (live.framework) {
          left = live.framework.segment; // an exit the engine did not report: close it here
          this.close(u, live, live.framework, t, id);
        }
        live.framework = { segment: id, enteredAt: t, prev: left };
      } else if (!live.custom.has(id)) {
        live.custom.set(id, { segment: id, enteredAt: t, prev: u.segment });
      }
    }
    if (live.timeline) {
      const s = u.scores;
      live.timeline.push({
        t,
        xC: s.xC.value,
        xATC: s.xATC.value,
        xE: s.xE.value,
        segment: u.segment,
      });
      if (live.timeline.length > this.timelinePoints) live.timeline.shift();
    }
    return live;
  }

  /** A session ended at `at` (timed out by advance, or ended explicitly): write its rows. */
  end(s: SessionState, at: number): void {
    const k = key(s.site, s.id);
    const live = this.live.get(k);
    this.live.delete(k);
    if (!live) return; // never saw an update: nothing was recorded for it
    const t = Math.max(at, live.last);
    const ref = { site: s.site, session: s.id, visitor: s.visitor };
    const finalSegment = live.framework?.segment;
    if (live.framework) this.close(ref, live, live.framework, t, null);
    for (const stay of live.custom.values()) this.close(ref, live, stay, t, null);
    const row = sessionRowOf(s, t, live.closed, finalSegment);
    this.sink.orders?.settle(row);
    for (const iv of live.closed) {
      iv.bot = row.bot;
      iv.sessionStart = row.startedAt;
    }
    this.sink.writeSessions([row]);
    this.sink.writeIntervals(live.closed);
    if (!row.bot) {
      const day = this.sink.localDay?.(s.site, row.startedAt) ?? Math.floor(row.startedAt / DAY_MS);
      this.addPages(s.site, day, live.pages);
    }
    if (++this.endedSinceRollup >= this.rollupEvery) this.flush();
  }

  /** Writes the page-view rollups gathered so far (call before flushing the store). */
  flush(): void {
    this.endedSinceRollup = 0;
    if (this.rollup.size === 0) return;
    const rows: PageViewRow[] = [];
    for (const [k, v] of this.rollup) {
      const [site, day, segment, path, pageType] = k.split("\u0000") as [
        string,
        string,
        string,
        string,
        string,
      ];
      rows.push({ site, day: Number(day), segment, path, pageType, ...v });
    }
    this.rollup.clear();
    this.sink.writePageViews(rows);
  }

  /** The recent score points of a live session (oldest first). */
  timeline(site: string, session: string): readonly TimelinePoint[] {
    return this.live.get(key(site, session))?.timeline ?? [];
  }

  get liveSessions(): number {
    return this.live.size;
  }

  private close(
    ref: { site: string; session: string; visitor: string },
    live: Live,
    stay: Stay,
    t: number,
    next: string | null,
  ): void {
    live.closed.push({
      site: ref.site,
      session: ref.session,
      visitor: ref.visitor,
      sessionStart: live.start,
      segment: stay.segment,
      enteredAt: stay.enteredAt,
      exitedAt: t,
      prevSegment: stay.prev,
      nextSegment: next,
      bot: false,
    });
  }

  private addPages(site: string, day: number, pages: Map<string, number>): void {
    for (const [k, views] of pages) {
      const rk = `${site}\u0000${day}\u0000${k}`;
      const cur = this.rollup.get(rk);
      if (cur) {
        cur.views += views;
        cur.sessions += 1;
      } else this.rollup.set(rk, { views, sessions: 1 });
    }
  }
}

function eventRow(e: Event, u: SessionUpdate): EventRow {
  const { type, t, page, ...rest } = e;
  const { items, value, ...data } = rest as { items?: unknown; value?: unknown };
  // A string value (interaction events) stays in `data`; `value` is the commerce amount.
  if (value !== undefined && typeof value !== "number")
    (data as Record<string, unknown>).value = value;
  return {
    site: u.site,
    session: u.session,
    visitor: u.visitor,
    t,
    type,
    pageUrl: page?.url ?? null,
    pageType: page?.type ?? null,
    items: items === undefined ? null : JSON.stringify(items),
    value: typeof value === "number" ? value : null,
    data: Object.keys(data).length > 0 ? JSON.stringify(data) : null,
    bot: u.bot !== null,
  };
}
