/**
 * The engine: live sessions in memory, one event at a time. No I/O and no clocks of its own —
 * time comes from events, and from `advance(now)` which the host calls to let idleness and
 * session ends take effect between events.
 */
import { BOT_DEFAULTS, type BotThresholds, botByBehaviour, botByUserAgent } from "./context/bot.ts";
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
import { AccumulatorPool } from "./session/pool.ts";
import { F, NUM_FIELDS, SessionState } from "./session/state.ts";
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
  private readonly features = new Float64Array(FEATURE_COUNT);
  private readonly scores: Scores = { xC: 0, xATC: 0, xE: 0 };
  private readonly bot: BotThresholds;
  private readonly pool = new AccumulatorPool(NUM_FIELDS);
  readonly sessionTimeoutMs: number;

  constructor(private readonly options: EngineOptions = {}) {
    this.bot = { ...BOT_DEFAULTS, ...options.bot };
    this.sessionTimeoutMs = options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS;
  }

  /** Folds one event into its session and returns the session's new view and changes. */
  process(ref: SessionRef, event: Event): SessionUpdate {
    const site = this.site(ref.site);
    let s = site.sessions.get(ref.session);
    const created = !s;
    if (!s) {
      s = new SessionState(ref.site, ref.visitor, ref.session, this.pool.acquire());
      site.sessions.set(ref.session, s);
    }
    if (created || (ref.context && !s.browser && !s.country))
      this.applyContext(s, ref.context, event);
    const prevSegment = created ? -1 : segmentIndex(s);
    const prevCustom = s.custom;
    const applied = applyEvent(s, event);
    if (applied) this.evaluate(site, s, s.n[F.LastT]!, true);
    return snapshotOf(s, site.bands, prevSegment, prevCustom, created);
  }

  /**
   * Lets time pass for every live session: idleness (≥ 60 s) moves sessions to Abandon and
   * sessions idle past the timeout end. Returns the sessions whose segment changed and those
   * that ended (removed from memory).
   */
  advance(now: number): { updates: SessionUpdate[]; ended: SessionState[] } {
    const updates: SessionUpdate[] = [];
    const ended: SessionState[] = [];
    for (const site of this.sites.values()) {
      for (const [id, s] of site.sessions) {
        if (now - s.n[F.LastT]! >= this.sessionTimeoutMs) {
          site.sessions.delete(id);
          s.n = this.pool.release(s.n);
          ended.push(s);
          continue;
        }
        const prevSegment = segmentIndex(s);
        const prevCustom = s.custom;
        this.evaluate(site, s, now, false);
        const u = snapshotOf(s, site.bands, prevSegment, prevCustom, false);
        if (u.enter.length > 0 || u.exit.length > 0) updates.push(u);
      }
    }
    return { updates, ended };
  }

  /** Ends a session now (e.g. on shutdown or erasure) and returns its final state. */
  end(site: string, session: string): SessionState | undefined {
    const st = this.sites.get(site);
    const s = st?.sessions.get(session);
    if (s) {
      st!.sessions.delete(session);
      s.n = this.pool.release(s.n);
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
    const x = extractFeatures(s, s.n[F.LastT]!, new Float64Array(FEATURE_COUNT));
    return st.scorer.explain(x, score, top);
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
    s.returning = s.previousSessions > 0;
    s.bot ??= botByUserAgent(ctx?.ua, ctx?.webdriver);
  }

  private evaluate(site: SiteState, s: SessionState, now: number, onEvent: boolean): void {
    const n = s.n;
    if (s.bot === null && onEvent) {
      s.bot = botByBehaviour(
        n[F.PageViews]!,
        n[F.Clicks]! + n[F.Scrolls]!,
        n[F.LastT]! - n[F.StartT]!,
        n[F.MinuteViews]!,
        this.bot,
      );
    }
    const sc = this.scores;
    if (s.bot === null) {
      site.scorer.score(extractFeatures(s, now, this.features), sc);
      // Scores are never exactly 0 before a purchase, so XC0 === 0 means "not yet scored".
      if (n[F.XC0] === 0) {
        n[F.XC0] = sc.xC;
        n[F.XATC0] = sc.xATC;
        n[F.XE0] = sc.xE;
      } else {
        n[F.XCTrend] = trend(n[F.XCTrend]!, n[F.XC]!, sc.xC);
        n[F.XATCTrend] = trend(n[F.XATCTrend]!, n[F.XATC]!, sc.xATC);
        n[F.XETrend] = trend(n[F.XETrend]!, n[F.XE]!, sc.xE);
      }
      n[F.XC] = sc.xC;
      n[F.XATC] = sc.xATC;
      n[F.XE] = sc.xE;
      if (sc.xC > n[F.XCMax]!) n[F.XCMax] = sc.xC;
      if (sc.xATC > n[F.XATCMax]!) n[F.XATCMax] = sc.xATC;
      if (sc.xE > n[F.XEMax]!) n[F.XEMax] = sc.xE;
      if (onEvent) {
        site.bands.xC.add(sc.xC);
        site.bands.xATC.add(sc.xATC);
        site.bands.xE.add(sc.xE);
      }
    }
    const xCBand = s.bot === null ? site.bands.xC.bandIndex(n[F.XC]!) : 0;
    const xEBand = s.bot === null ? site.bands.xE.bandIndex(n[F.XE]!) : 0;
    if (s.bot === null) n[F.Intent] = intentLevel(n[F.Intent]!, n[F.XC]!, n[F.XC0]!, xCBand);
    n[F.Phase] = phaseOf(n[F.Phase]!, n[F.Stage]!, n[F.Intent]!);
    n[F.State] = stateOf(s, now, xEBand);
    const matcher = this.options.segmentsFor?.(s.site);
    if (matcher) matcher.update(s, site.bands, now);
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
