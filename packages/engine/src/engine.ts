/**
 * The engine: live sessions in memory, one event at a time. No I/O and no clocks of its own —
 * time comes from events, and from `advance(now)` which the host calls to let idleness and
 * session ends take effect between events. Each live session has a next deadline (the earliest
 * time its evaluation may change with no new event, session/deadline.ts), kept in a heap, so
 * `advance(now)` touches only the sessions whose deadline has passed
 * (docs/product/engine.md#time).
 */
import { BOT_DEFAULTS, type BotThresholds, botByBehaviour, botByUserAgent } from "./context/bot.ts";
import { SiteMoneyBook } from "./context/money.ts";
import type { PlatformSetting } from "./context/page-types.ts";
import { classifyTraffic } from "./context/traffic-source.ts";
import { parseUserAgent } from "./context/user-agent.ts";
import { intentLevel, phaseOf, stateOf } from "./framework/rules.ts";
import { FRAMEWORK_SEGMENT_IDS } from "./framework/segments.ts";
import { INTENT_LEVELS, PHASES, STAGES, STATES } from "./framework/types.ts";
import type { Context, Event } from "./schema/events.ts";
import { BandSketch } from "./scoring/bands.ts";
import { extractFeatures, FEATURE_COUNT } from "./scoring/features.ts";
import { heuristicScorer } from "./scoring/heuristic.ts";
import type { Contribution, ScoreName, Scorer, Scores } from "./scoring/scorer.ts";
import type { CustomSegmentMatcher } from "./segments/matcher.ts";
import { applyEvent } from "./session/apply.ts";
import { nextDeadline } from "./session/deadline.ts";
import { DeadlineQueue } from "./session/deadlines.ts";
import { AccumulatorPool } from "./session/pool.ts";
import { C, F, SessionState } from "./session/state.ts";
import { type SessionUpdate, segmentIndex, snapshotOf } from "./session/update.ts";

export interface SessionRef {
  site: string;
  visitor: string;
  session: string;
  /** Applied when the session starts (and fills gaps on later batches). */
  context?: Context;
}

export interface EngineOptions {
  /** The scorer for a site; defaults to the heuristic scorer. */
  scorerFor?: (site: string) => Scorer;
  /** Custom segments of a site, or undefined when it has none. */
  segmentsFor?: (site: string) => CustomSegmentMatcher | undefined;
  bot?: Partial<BotThresholds>;
  /** Inactivity after which a session ends (30 minutes: docs/product/engine.md#session-end). */
  sessionTimeoutMs?: number;
  /**
   * How `advance(now)` finds the sessions to re-evaluate: "deadlines" (default) only those whose
   * deadline has passed; "scan" every live session — the reference the tests and benchmarks
   * compare against (same results, O(live sessions) per call).
   */
  clock?: "deadlines" | "scan";
  /**
   * Each site's currency and rates (context/money.ts): the host's book, shared with the store's
   * order ledger; an empty one (amounts as sent) when not given.
   */
  money?: SiteMoneyBook;
}

export interface AdvanceResult {
  updates: SessionUpdate[];
  ended: SessionState[];
  /** True when `limit` stopped the call before every due session was handled. */
  more: boolean;
}

const TREND_ALPHA = 0.5;
const DEFAULT_SESSION_TIMEOUT_MS = 30 * 60_000;

interface SiteState {
  sessions: Map<string, SessionState>;
  scorer: Scorer;
  bands: { xC: BandSketch; xATC: BandSketch; xE: BandSketch };
}

export class Engine {
  private readonly sites = new Map<string, SiteState>();
  /** Each site's platform setting (context/page-types.ts); `auto` when not set. */
  private readonly platforms = new Map<string, PlatformSetting>();
  /** Each site's currency and rates (options.money); amounts as sent for a site not in it. */
  private readonly money: SiteMoneyBook;
  private readonly features = new Float64Array(FEATURE_COUNT);
  private readonly scores: Scores = { xC: 0, xATC: 0, xE: 0 };
  private readonly bot: BotThresholds;
  private readonly pool = new AccumulatorPool();
  /** Live sessions by next deadline; null in "scan" mode. */
  private readonly queue: DeadlineQueue | null;
  private readonly due: SessionState[] = [];
  private readonly purchaseListeners: ((s: SessionState) => void)[] = [];
  readonly sessionTimeoutMs: number;

  constructor(private readonly options: EngineOptions = {}) {
    this.bot = { ...BOT_DEFAULTS, ...options.bot };
    this.sessionTimeoutMs = options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS;
    this.money = options.money ?? new SiteMoneyBook();
    this.queue = options.clock === "scan" ? null : new DeadlineQueue();
  }

  /** Folds one event into its session and returns the session's new view and changes. */
  process(ref: SessionRef, event: Event): SessionUpdate {
    const site = this.site(ref.site);
    let s = site.sessions.get(ref.session);
    const created = !s;
    if (!s) {
      s = new SessionState(ref.site, ref.visitor, ref.session, this.pool);
      site.sessions.set(ref.session, s);
    }
    if (created || (ref.context && !s.browser && !s.country))
      this.applyContext(s, ref.context, event);
    const prevSegment = created ? -1 : segmentIndex(s);
    const prevCustom = s.custom;
    const purchasesBefore = s.num(F.Purchases);
    const applied = applyEvent(s, event, this.platforms.get(ref.site), this.money.get(ref.site));
    if (applied) this.evaluate(site, s, s.num(F.LastT), true);
    // A new session whose first event was not applied still needs its timeout.
    else if (created) this.queue?.schedule(s, s.num(F.LastT) + this.sessionTimeoutMs);
    if (purchasesBefore === 0 && s.num(F.Purchases) > 0)
      for (const listener of this.purchaseListeners) listener(s);
    return snapshotOf(s, prevSegment, prevCustom, created);
  }

  /**
   * Lets time pass: re-evaluates the live sessions whose deadline is ≤ now (every live session
   * in "scan" mode) — idleness (≥ 60 s) moves sessions to Abandon, recent windows close, scores
   * move with time on site — and ends those idle past the timeout. Returns the sessions whose
   * segments changed and those that ended (removed from memory). `now` should not decrease from
   * one call to the next. With `limit`, handles at most that many due sessions (earliest
   * deadlines first) and says whether more are due: the host calls again with the same `now`
   * after yielding to the event loop.
   */
  advance(now: number, limit = Number.POSITIVE_INFINITY): AdvanceResult {
    const updates: SessionUpdate[] = [];
    const ended: SessionState[] = [];
    if (!this.queue) {
      for (const site of this.sites.values())
        for (const s of site.sessions.values()) this.tickOne(site, s, now, updates, ended);
      return { updates, ended, more: false };
    }
    const due = this.queue.popDue(now, limit, this.due);
    for (const s of due) this.tickOne(this.sites.get(s.site)!, s, now, updates, ended);
    due.length = 0;
    return { updates, ended, more: this.queue.peek() <= now };
  }

  private tickOne(
    site: SiteState,
    s: SessionState,
    now: number,
    updates: SessionUpdate[],
    ended: SessionState[],
  ): void {
    if (now - s.num(F.LastT) >= this.sessionTimeoutMs) {
      site.sessions.delete(s.id);
      this.pool.release(s);
      ended.push(s);
      return;
    }
    const prevSegment = segmentIndex(s);
    const prevCustom = s.custom;
    // Never evaluated before its latest event: time does not run backwards for a session.
    this.evaluate(site, s, Math.max(now, s.num(F.LastT)), false);
    // Most re-evaluations change no membership: build the view only for those that do.
    if (segmentIndex(s) === prevSegment && s.custom === prevCustom) return;
    const u = snapshotOf(s, prevSegment, prevCustom, false);
    if (u.enter.length > 0 || u.exit.length > 0) updates.push(u);
  }

  /**
   * Calls `listener` with each live session when its first purchase has been applied (the
   * integrations end purchased sessions early, purchase.ts there): no host scans for them.
   */
  onFirstPurchase(listener: (s: SessionState) => void): void {
    this.purchaseListeners.push(listener);
  }

  /** Ends a session now (e.g. on shutdown or erasure) and returns its final state. */
  end(site: string, session: string): SessionState | undefined {
    const st = this.sites.get(site);
    const s = st?.sessions.get(session);
    if (s) {
      st!.sessions.delete(session);
      this.queue?.remove(s);
      this.pool.release(s);
    }
    return s;
  }

  get(site: string, session: string): SessionState | undefined {
    return this.sites.get(site)?.sessions.get(session);
  }

  liveSessions(): number {
    let c = 0;
    for (const s of this.sites.values()) c += s.sessions.size;
    return c;
  }

  *sessions(): IterableIterator<SessionState> {
    for (const s of this.sites.values()) yield* s.sessions.values();
  }

  /**
   * The features that moved a live session's score most (log-odds contributions), for the
   * dashboard; empty when the site's scorer cannot explain or the session is unknown.
   */
  explain(site: string, session: string, score: ScoreName, top = 5): Contribution[] {
    const st = this.sites.get(site);
    const s = st?.sessions.get(session);
    if (!st || !s || !st.scorer.explain) return [];
    const x = extractFeatures(s, s.num(F.LastT), new Float64Array(FEATURE_COUNT));
    return st.scorer.explain(x, score, top);
  }

  /** A site's platform setting: its page views are typed by that platform's URL layout. */
  setPlatform(site: string, platform: PlatformSetting | undefined): void {
    if (!platform || platform === "auto") this.platforms.delete(site);
    else this.platforms.set(site, platform);
  }

  /** The band sketches of a site (for reports and to persist across restarts). */
  bandsOf(site: string): SiteState["bands"] {
    return this.site(site).bands;
  }

  private site(id: string): SiteState {
    let st = this.sites.get(id);
    if (!st) {
      const scorer = this.options.scorerFor?.(id) ?? heuristicScorer;
      st = {
        sessions: new Map(),
        scorer,
        bands: {
          xC: new BandSketch(scorer.priorBands.xC),
          xATC: new BandSketch(scorer.priorBands.xATC),
          xE: new BandSketch(scorer.priorBands.xE),
        },
      };
      this.sites.set(id, st);
    }
    return st;
  }

  private applyContext(s: SessionState, ctx: Context | undefined, first: Event): void {
    const landing = ctx?.url ?? first.page?.url;
    const referrer = ctx?.referrer ?? (first.type === "page_view" ? first.referrer : undefined);
    const traffic = classifyTraffic(landing, referrer);
    s.source = traffic.source;
    s.sourceName = traffic.sourceName;
    s.medium = traffic.medium;
    s.campaign = traffic.campaign;
    const ua = parseUserAgent(ctx?.ua, ctx?.viewport);
    s.device = ua.device;
    s.browser = ua.browser;
    s.os = ua.os;
    s.country = ctx?.country ?? "";
    s.lang = ctx?.lang ?? "";
    s.previousSessions = ctx?.previousSessions ?? 0;
    s.previousPurchases = ctx?.previousPurchases ?? 0;
    s.bot ??= botByUserAgent(ctx?.ua, ctx?.webdriver);
  }

  private evaluate(site: SiteState, s: SessionState, now: number, onEvent: boolean): void {
    const n = s.f;
    const o = s.o;
    if (s.bot === null && onEvent) {
      s.bot = botByBehaviour(
        n[o + F.PageViews]!,
        s.get(C.Clicks) + s.get(C.Scrolls),
        n[o + F.LastT]! - n[o + F.StartT]!,
        s.get(C.MinuteViews),
        this.bot,
      );
    }
    const sc = this.scores;
    const x = this.features;
    if (s.bot === null) {
      site.scorer.score(extractFeatures(s, now, x), sc);
      // Between events (onEvent false) a trend moves and a band is re-read only when its score
      // changed: the results do not depend on how often the clock ticks, nor on the cut points
      // moving under an unchanged score (docs/product/engine.md#time).
      const first = n[o + F.XC0] === 0; // scores are never exactly 0 before a purchase
      if (first) {
        n[o + F.XC0] = sc.xC;
        n[o + F.XATC0] = sc.xATC;
        n[o + F.XE0] = sc.xE;
      }
      if (onEvent) {
        site.bands.xC.add(sc.xC);
        site.bands.xATC.add(sc.xATC);
        site.bands.xE.add(sc.xE);
      }
      this.setScore(site.bands.xC, s, F.XC, F.XCTrend, F.XCMax, C.XCBand, sc.xC, onEvent, first);
      this.setScore(
        site.bands.xATC,
        s,
        F.XATC,
        F.XATCTrend,
        F.XATCMax,
        C.XATCBand,
        sc.xATC,
        onEvent,
        first,
      );
      this.setScore(site.bands.xE, s, F.XE, F.XETrend, F.XEMax, C.XEBand, sc.xE, onEvent, first);
    }
    const xCBand = s.bot === null ? s.get(C.XCBand) : 0;
    const xEBand = s.bot === null ? s.get(C.XEBand) : 0;
    if (s.bot === null)
      n[o + F.Intent] = intentLevel(n[o + F.Intent]!, n[o + F.XC]!, n[o + F.XC0]!, xCBand);
    n[o + F.Phase] = phaseOf(n[o + F.Phase]!, n[o + F.Stage]!, n[o + F.Intent]!);
    n[o + F.State] = stateOf(s, now, xEBand);
    const matcher = this.options.segmentsFor?.(s.site);
    if (matcher) matcher.update(s, site.bands, now);
    if (this.queue) {
      const scoreAfter =
        s.bot !== null
          ? Number.POSITIVE_INFINITY
          : site.scorer.nextChange
            ? now + site.scorer.nextChange(x) * 1000
            : now;
      const segmentsAt = !matcher
        ? Number.POSITIVE_INFINITY
        : matcher.nextChange
          ? matcher.nextChange(s, now)
          : now;
      this.queue.schedule(
        s,
        nextDeadline(s, now, this.sessionTimeoutMs, Math.min(scoreAfter, segmentsAt)),
      );
    }
  }

  /** Sets one score with its trend, maximum and band (see evaluate). */
  private setScore(
    sketch: BandSketch,
    s: SessionState,
    value: F,
    trendF: F,
    maxF: F,
    bandC: C,
    next: number,
    onEvent: boolean,
    first: boolean,
  ): void {
    const n = s.f;
    const o = s.o;
    const changed = next !== n[o + value];
    if (!first && (onEvent || changed)) n[o + trendF] = trend(n[o + trendF]!, n[o + value]!, next);
    n[o + value] = next;
    if (next > n[o + maxF]!) n[o + maxF] = next;
    if (onEvent || changed) s.set(bandC, sketch.bandIndex(next));
  }
}

function trend(ema: number, prev: number, next: number): number {
  const d = logOdds(next) - logOdds(prev);
  return (1 - TREND_ALPHA) * ema + TREND_ALPHA * d;
}

function logOdds(p: number): number {
  const q = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
  return Math.log(q / (1 - q));
}

export { FRAMEWORK_SEGMENT_IDS, INTENT_LEVELS, PHASES, STAGES, STATES };
