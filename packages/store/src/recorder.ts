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
  FRAMEWORK_SEGMENT_IDS,
  type FrameworkSegmentId,
  isFrameworkSegmentId,
  pathOf,
  type SessionState,
  type SessionUpdate,
} from "@intently/engine";
import { FloatSlab, Uint16Slab } from "./float-slab.ts";
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

/**
 * A live session's numbers (issue 24: memory per live session). Float64 slab: last update time,
 * framework entry time, the timeline's base time. Uint16 slab: the timeline ring's head and
 * count, then its points quantised — time as a 32-bit millisecond offset from the base (two
 * halves), each score in 1/65535ths of [0, 1], the framework segment's index: 12 bytes a point
 * instead of 40 (docs/product/engine.md#memory-per-live-session).
 */
const LAST = 0;
const FW_AT = 1;
const TL_T0 = 2;
const FLOATS = 3;
const TL_HEAD = 0;
const TL_COUNT = 1;
const TL_BASE = 2;
/** A timeline point: t − base (high, low 16 bits), xC, xATC, xE, framework segment index. */
const POINT = 6;
const SCORE_STEPS = 65_535;
const MAX_OFFSET = 2 ** 32 - 1;

const quantise = (score: number) => Math.round(Math.min(1, Math.max(0, score)) * SCORE_STEPS);

const FRAMEWORK_INDEX = new Map<string, number>(FRAMEWORK_SEGMENT_IDS.map((id, i) => [id, i]));
/** Interned page keys beyond which the table starts again (sharing is only a saving). */
const MAX_PAGE_KEYS = 50_000;

/**
 * One live session, compactly (issue 24: memory per live session): its numbers in a slab slot,
 * its open and closed stays and page views in flat arrays, no object per stay or point.
 */
class Live {
  /** The framework segment the session is in, and the one before it. */
  framework: string | null = null;
  fwPrev: string | null = null;
  /** Open custom stays: [segment, framework segment at entry] pairs; entry times in customAt. */
  custom: string[] | null = null;
  customAt: number[] | null = null;
  /**
   * Closed stays: [segment, prev, next] triples and [enteredAt, exitedAt] pairs. These arrays
   * grow by exact copies (`grow`), not push: a pushed array reserves 17 slots at once.
   */
  closedS: (string | null)[] | null = null;
  closedT: number[] | null = null;
  /** [segment \0 path \0 page type, views] pairs. */
  pages: (string | number)[] | null = null;

  constructor(readonly slot: number) {}
}

export class SessionRecorder {
  /** Live sessions by site, then session id (the engine's own id strings: no key is built). */
  private readonly live = new Map<string, Map<string, Live>>();
  private liveCount = 0;
  private readonly slab: FloatSlab;
  private readonly ints: Uint16Slab;
  private readonly pageKeys = new Map<string, string>();
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
    this.timelinePoints = Math.max(0, Math.floor(opts.timelinePoints ?? 16));
    this.rollupEvery = opts.rollupEverySessions ?? 50_000;
    this.rollupEveryMs = opts.rollupEveryMs ?? 60_000;
    this.slab = new FloatSlab(FLOATS);
    this.ints = new Uint16Slab(TL_BASE + this.timelinePoints * POINT);
  }

  /** After `engine.process(ref, event)` returned `u`. */
  event(event: Event, u: SessionUpdate): void {
    const live = this.follow(u, u.t);
    if (this.keepEvents) this.sink.writeEvents([eventRow(event, u)]);
    this.sink.orders?.event(u, event); // orders once per site (orders.ts, issue 19)
    if (event.type === "page_view") {
      const path = pathOf(event.page.url);
      const type = event.page.type ?? "";
      for (const seg of u.segments) {
        const k = this.pageKey(seg, path, type);
        const i = live.pages ? live.pages.indexOf(k) : -1;
        if (i >= 0) live.pages![i + 1] = (live.pages![i + 1] as number) + 1;
        else live.pages = grow(live.pages, k, 1);
      }
    }
  }

  /** One shared string per page key (a live session's pages hold keys, not copies). */
  private pageKey(segment: string, path: string, type: string): string {
    const k = [segment, path, type].join("\u0000");
    const known = this.pageKeys.get(k);
    if (known !== undefined) return known;
    if (this.pageKeys.size >= MAX_PAGE_KEYS) this.pageKeys.clear();
    this.pageKeys.set(k, k);
    return k;
  }

  /** After `engine.advance(now)`: its segment changes, then its ended sessions. */
  advanced(result: { updates: SessionUpdate[]; ended: SessionState[] }, now: number): void {
    for (const u of result.updates) this.update(u, now);
    for (const s of result.ended) this.end(s, now);
    if (this.lastRollupAt === Number.NEGATIVE_INFINITY) this.lastRollupAt = now;
    const due = this.liveCount === 0 || now - this.lastRollupAt >= this.rollupEveryMs;
    if (this.rollup.size > 0 && due) {
      this.lastRollupAt = now;
      this.flush();
    }
  }

  /** Follows one update's enter/exit lists at time `at`. */
  update(u: SessionUpdate, at: number): void {
    this.follow(u, at);
  }

  private get(site: string, session: string): Live | undefined {
    return this.live.get(site)?.get(session);
  }

  private follow(u: SessionUpdate, at: number): Live {
    let live = this.get(u.site, u.session);
    if (!live) {
      live = new Live(this.slab.alloc());
      this.ints.claim(live.slot);
      const d = this.slab.chunk(live.slot);
      d[this.slab.offset(live.slot) + LAST] = at;
      let site = this.live.get(u.site);
      if (!site) {
        site = new Map();
        this.live.set(u.site, site);
      }
      site.set(u.session, live);
      this.liveCount++;
    }
    const d = this.slab.chunk(live.slot);
    const o = this.slab.offset(live.slot);
    const t = Math.max(at, d[o + LAST]!);
    d[o + LAST] = t;
    let left: string | null = null;
    for (const id of u.exit) {
      if (isFrameworkSegmentId(id)) {
        if (live.framework === id) {
          left = id;
          this.close(live, id, d[o + FW_AT]!, live.fwPrev, t, u.segment);
          live.framework = null;
        }
      } else {
        const i = live.custom ? customIndex(live.custom, id) : -1;
        if (i >= 0) {
          this.close(live, id, live.customAt![i / 2]!, live.custom![i + 1]!, t, u.segment);
          live.custom!.splice(i, 2);
          live.customAt!.splice(i / 2, 1);
        }
      }
    }
    for (const id of u.enter) {
      if (isFrameworkSegmentId(id)) {
        if (live.framework) {
          left = live.framework; // an exit the engine did not report: close it here
          this.close(live, live.framework, d[o + FW_AT]!, live.fwPrev, t, id);
        }
        live.framework = id;
        live.fwPrev = left;
        d[o + FW_AT] = t;
      } else if (!live.custom || customIndex(live.custom, id) < 0) {
        live.custom = grow(live.custom, id, u.segment);
        live.customAt = growTimes(live.customAt, [t]);
      }
    }
    const n = this.timelinePoints;
    if (n > 0) {
      const q = this.ints.chunk(live.slot);
      const qo = this.ints.offset(live.slot);
      if (q[qo + TL_COUNT] === 0) d[o + TL_T0] = t;
      const head = q[qo + TL_HEAD]!;
      const p = qo + TL_BASE + head * POINT;
      const off = Math.min(MAX_OFFSET, t - d[o + TL_T0]!);
      const s = u.scores;
      q[p] = Math.floor(off / 65_536);
      q[p + 1] = off % 65_536;
      q[p + 2] = quantise(s.xC.value);
      q[p + 3] = quantise(s.xATC.value);
      q[p + 4] = quantise(s.xE.value);
      q[p + 5] = FRAMEWORK_INDEX.get(u.segment) ?? 0;
      q[qo + TL_HEAD] = (head + 1) % n;
      q[qo + TL_COUNT] = Math.min(n, q[qo + TL_COUNT]! + 1);
    }
    return live;
  }

  /** A session ended at `at` (timed out by advance, or ended explicitly): write its rows. */
  end(s: SessionState, at: number): void {
    const site = this.live.get(s.site);
    const live = site?.get(s.id);
    if (!site || !live) return; // never saw an update: nothing was recorded for it
    site.delete(s.id);
    if (site.size === 0) this.live.delete(s.site);
    this.liveCount--;
    const d = this.slab.chunk(live.slot);
    const o = this.slab.offset(live.slot);
    const t = Math.max(at, d[o + LAST]!);
    const finalSegment = live.framework ?? undefined;
    if (live.framework) this.close(live, live.framework, d[o + FW_AT]!, live.fwPrev, t, null);
    const custom = live.custom ?? [];
    for (let i = 0; i < custom.length; i += 2)
      this.close(live, custom[i]!, live.customAt![i / 2]!, custom[i + 1]!, t, null);
    this.slab.release(live.slot);
    const closed = intervalsOf(s, live);
    const row = sessionRowOf(s, t, closed, finalSegment);
    this.sink.orders?.settle(row);
    for (const iv of closed) {
      iv.bot = row.bot;
      iv.sessionStart = row.startedAt;
    }
    this.sink.writeSessions([row]);
    this.sink.writeIntervals(closed);
    if (!row.bot && live.pages) {
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

  /**
   * The recent score points of a live session (oldest first): times to the millisecond, scores
   * to 1/65535 (quantised, see the slab layout above).
   */
  timeline(site: string, session: string): readonly TimelinePoint[] {
    const live = this.get(site, session);
    const n = this.timelinePoints;
    if (!live || n === 0) return [];
    const t0 = this.slab.chunk(live.slot)[this.slab.offset(live.slot) + TL_T0]!;
    const q = this.ints.chunk(live.slot);
    const qo = this.ints.offset(live.slot);
    const count = q[qo + TL_COUNT]!;
    const out: TimelinePoint[] = [];
    for (let k = 0; k < count; k++) {
      const p = qo + TL_BASE + ((q[qo + TL_HEAD]! - count + k + n) % n) * POINT;
      out.push({
        t: t0 + q[p]! * 65_536 + q[p + 1]!,
        xC: q[p + 2]! / SCORE_STEPS,
        xATC: q[p + 3]! / SCORE_STEPS,
        xE: q[p + 4]! / SCORE_STEPS,
        segment: FRAMEWORK_SEGMENT_IDS[q[p + 5]!]!,
      });
    }
    return out;
  }

  get liveSessions(): number {
    return this.liveCount;
  }

  private close(
    live: Live,
    segment: string,
    enteredAt: number,
    prev: string | null,
    t: number,
    next: string | null,
  ): void {
    live.closedS = grow(live.closedS, segment, prev, next);
    live.closedT = growTimes(live.closedT, [enteredAt, t]);
  }

  private addPages(site: string, day: number, pages: (string | number)[]): void {
    for (let i = 0; i < pages.length; i += 2) {
      const views = pages[i + 1] as number;
      const rk = `${site}\u0000${day}\u0000${pages[i]}`;
      const cur = this.rollup.get(rk);
      if (cur) {
        cur.views += views;
        cur.sessions += 1;
      } else this.rollup.set(rk, { views, sessions: 1 });
    }
  }
}

/** `list` with `items` appended, in an exactly sized new array (see Live). */
function grow<T>(list: T[] | null, ...items: T[]): T[] {
  return list === null ? items : list.concat(items);
}

/**
 * `grow` for times: `times` is an array literal of non-integer-sized numbers, so V8 keeps it
 * (and its concatenations) as unboxed doubles — a rest parameter would box each one (16 B).
 */
function growTimes(list: number[] | null, times: number[]): number[] {
  return list === null ? times : list.concat(times);
}

/** Where `id` is among the open custom stays' segments (even positions), or −1. */
function customIndex(custom: string[], id: string): number {
  for (let i = 0; i < custom.length; i += 2) if (custom[i] === id) return i;
  return -1;
}

/** The closed stays as interval rows (sessionStart and bot are set from the session row). */
function intervalsOf(s: SessionState, live: Live): IntervalRow[] {
  const out: IntervalRow[] = [];
  const closedS = live.closedS ?? [];
  const closedT = live.closedT ?? [];
  for (let i = 0, j = 0; i < closedS.length; i += 3, j += 2) {
    out.push({
      site: s.site,
      session: s.id,
      visitor: s.visitor,
      sessionStart: 0,
      segment: closedS[i]!,
      enteredAt: closedT[j]!,
      exitedAt: closedT[j + 1]!,
      prevSegment: closedS[i + 1]!,
      nextSegment: closedS[i + 2]!,
      bot: false,
    });
  }
  return out;
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
