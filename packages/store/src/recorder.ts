/**
 * SessionRecorder: turns the engine's output into store rows. Per event it keeps the raw event
 * (optional), follows segment enter/exit into membership intervals and counts page views by
 * segment; when a session ends it writes the session row with its intervals. It holds only
 * live sessions' stays, page views and score timelines, compactly (recorder-live.ts,
 * recorder-timeline.ts), and does no I/O itself: rows go to a sink.
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
import { LiveSessions } from "./recorder-live.ts";
import { PageRollup } from "./recorder-rollup.ts";
import { ScoreTimelines, type TimelinePoint } from "./recorder-timeline.ts";
import { DAY_MS, type EventRow, type RowSink } from "./rows.ts";
import { sessionRowOf } from "./session-row.ts";

export type { TimelinePoint } from "./recorder-timeline.ts";

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

export class SessionRecorder {
  private readonly live = new LiveSessions();
  private readonly timelines: ScoreTimelines;
  private readonly rollup = new PageRollup();
  private endedSinceRollup = 0;
  private lastRollupAt = Number.NEGATIVE_INFINITY;
  private readonly keepEvents: boolean;
  private readonly rollupEvery: number;
  private readonly rollupEveryMs: number;

  constructor(
    private readonly sink: RowSink,
    opts: RecorderOptions = {},
  ) {
    this.keepEvents = opts.events ?? true;
    this.timelines = new ScoreTimelines(Math.max(0, Math.floor(opts.timelinePoints ?? 16)));
    this.rollupEvery = opts.rollupEverySessions ?? 50_000;
    this.rollupEveryMs = opts.rollupEveryMs ?? 60_000;
  }

  /** After `engine.process(ref, event)` returned `u`. */
  event(event: Event, u: SessionUpdate): void {
    const slot = this.follow(u, u.t);
    if (this.keepEvents) this.sink.writeEvents([eventRow(event, u)]);
    this.sink.orders?.event(u, event); // orders once per site (orders.ts, issue 19)
    if (event.type === "page_view") {
      const path = pathOf(event.page.url);
      const type = event.page.type ?? "";
      for (const seg of u.segments) this.live.countPage(slot, [seg, path, type].join("\u0000"));
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

  /** Follows `u` at `at` (a new session gets a slot); returns the session's slot. */
  private follow(u: SessionUpdate, at: number): number {
    const live = this.live;
    let slot = live.find(u.site, u.session);
    if (slot < 0) {
      slot = live.add(u.site, u.session, at);
      this.timelines.claim(slot);
    }
    const t = live.touch(slot, at);
    let left: FrameworkSegmentId | null = null;
    for (const id of u.exit) {
      if (!isFrameworkSegmentId(id)) live.leaveCustom(slot, id, t, u.segment);
      else if (live.framework(slot) === id) left = live.leaveFramework(slot, t, u.segment);
    }
    for (const id of u.enter) {
      if (isFrameworkSegmentId(id)) {
        // An exit the engine did not report: close it here.
        if (live.framework(slot) !== null) left = live.leaveFramework(slot, t, id);
        live.enterFramework(slot, id, left, t);
      } else live.enterCustom(slot, id, u.segment, t);
    }
    this.timelines.add(slot, t, u);
    return slot;
  }

  /** A session ended at `at` (timed out by advance, or ended explicitly): write its rows. */
  end(s: SessionState, at: number): void {
    const slot = this.live.find(s.site, s.id);
    if (slot < 0) return; // never saw an update: nothing was recorded for it
    try {
      const t = this.live.touch(slot, at);
      const finalSegment = this.live.framework(slot) ?? undefined;
      const closed = this.live.finish(slot, s, t);
      const row = sessionRowOf(s, t, closed, finalSegment);
      this.sink.orders?.settle(row);
      for (const iv of closed) {
        iv.bot = row.bot;
        iv.sessionStart = row.startedAt;
      }
      this.sink.writeSessions([row]);
      this.sink.writeIntervals(closed);
      if (!row.bot) {
        const day =
          this.sink.localDay?.(s.site, row.startedAt) ?? Math.floor(row.startedAt / DAY_MS);
        this.live.pages(slot, (key, views, first) =>
          this.rollup.add(s.site, day, key, views, first),
        );
      }
    } finally {
      this.live.remove(s.site, s.id, slot);
    }
    if (++this.endedSinceRollup >= this.rollupEvery) this.flush();
  }

  /** Writes the page-view rollups gathered so far (call before flushing the store). */
  flush(): void {
    this.endedSinceRollup = 0;
    if (this.rollup.size === 0) return;
    this.sink.writePageViews(this.rollup.take());
  }

  /** The recent score points of a live session (oldest first; see recorder-timeline.ts). */
  timeline(site: string, session: string): readonly TimelinePoint[] {
    const slot = this.live.find(site, session);
    return slot < 0 ? [] : this.timelines.read(slot);
  }

  get liveSessions(): number {
    return this.live.size;
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
