/**
 * The engine in the server process: scorers and segment sets per site, the recorder that turns
 * updates into store rows, and the clock that lets idleness and session ends happen. A tick
 * handles only the sessions whose deadline has passed (docs/product/engine.md#time), in slices
 * of at most TICK_SLICE sessions and TICK_SLICE_MS that yield to the event loop between them.
 */
import {
  type AdvanceResult,
  Engine,
  type Event,
  type PlatformSetting,
  type Scorer,
  type SegmentDefinition,
  SegmentSet,
  type SessionRef,
  type SessionState,
  type SessionUpdate,
  SiteMoneyBook,
  siteMoneyOf,
} from "@intently/engine";
import { priorScorer } from "@intently/intent-model";
import { SessionRecorder, type Store } from "@intently/store";

/** At most this many due sessions per slice of a tick… */
export const TICK_SLICE = 2_000;
/** …and at most about this long (checked every TICK_CHUNK sessions) before yielding. */
export const TICK_SLICE_MS = 10;
const TICK_CHUNK = 200;

/** Session by session news for an incremental live view (the live streams' index). */
export interface LiveSessionsListener {
  /** A live session changed: an event, or a tick that changed its memberships. */
  touched(s: SessionState): void;
  /** A session ended through the host (the clock's timeout, shutdown). */
  ended(s: SessionState): void;
  /** A tick of the clock has finished. */
  ticked(): void;
}

export class EngineHost {
  readonly engine: Engine;
  readonly recorder: SessionRecorder;
  /** Every site's currency and rates: this one book is the engine's and the order ledger's. */
  readonly money = new SiteMoneyBook();
  private readonly scorers = new Map<string, Scorer>();
  private readonly segmentSets = new Map<string, SegmentSet>();
  private timer: NodeJS.Timeout | null = null;
  private readonly endedListeners: ((ended: SessionState[], at: number) => void)[] = [];
  private readonly liveListeners = new Set<(site: string | null) => void>();
  private readonly sessionListeners = new Set<LiveSessionsListener>();

  constructor(
    readonly store: Store,
    private readonly clock: () => number = Date.now,
  ) {
    this.engine = new Engine({
      scorerFor: (site) => this.scorers.get(site) ?? priorScorer(),
      segmentsFor: (site) => this.segmentSets.get(site),
      money: this.money,
    });
    store.orders.useMoney(this.money);
    this.recorder = new SessionRecorder(store);
  }

  /** Called with every batch of ended sessions (post-session integrations listen here). */
  onSessionsEnded(listener: (ended: SessionState[], at: number) => void): void {
    this.endedListeners.push(listener);
  }

  private notifyEnded(ended: SessionState[], at: number): void {
    if (ended.length === 0) return;
    for (const l of this.endedListeners) {
      try {
        l(ended, at);
      } catch {
        // A failing listener must not stop the clock or the other listeners.
      }
    }
  }

  /**
   * Called with a site whenever its sessions in flight change (an event, the clock moving a
   * session, an end), and with null after every tick of the clock. Listeners must be cheap
   * (the live streams only mark the site dirty). Returns the unsubscribe function.
   */
  onLiveChange(listener: (site: string | null) => void): () => void {
    this.liveListeners.add(listener);
    return () => this.liveListeners.delete(listener);
  }

  /** Session by session news (an incremental live view); returns the unsubscribe function. */
  onLiveSessions(listener: LiveSessionsListener): () => void {
    this.sessionListeners.add(listener);
    return () => this.sessionListeners.delete(listener);
  }

  /** The scorer of a site's sessions (the live view's reasons ask it why a score moved). */
  scorerOf(site: string): Scorer {
    return this.scorers.get(site) ?? priorScorer();
  }

  private notifyLive(site: string | null): void {
    for (const l of this.liveListeners) {
      try {
        l(site);
      } catch {
        // A failing listener must not break event processing.
      }
    }
  }

  private notifyLiveSites(sessions: Iterable<{ site: string }>): void {
    if (this.liveListeners.size === 0) return;
    const sites = new Set<string>();
    for (const s of sessions) sites.add(s.site);
    for (const site of sites) this.notifyLive(site);
  }

  /** Replaces a site's scorer (a promoted model); the prior model scores until then. */
  setScorer(site: string, scorer: Scorer): void {
    this.scorers.set(site, scorer);
  }

  /** Recompiles a site's live custom segments. */
  setSegments(site: string, definitions: readonly SegmentDefinition[]): void {
    const live = definitions.filter((d) => d.status === "live");
    if (live.length === 0) this.segmentSets.delete(site);
    else this.segmentSets.set(site, new SegmentSet(live));
  }

  /**
   * Tells the engine what of a site's settings it applies to events (undefined: the site is gone):
   * its platform (page typing) and its currency and rates (revenue in the site's currency, for
   * the engine and the store's order ledger at once: they read the same book).
   */
  siteSettings(
    site: string,
    settings:
      | { platform?: PlatformSetting; currency?: string; currencyRates?: unknown }
      | undefined,
  ): void {
    this.engine.setPlatform(site, settings?.platform);
    this.money.set(site, settings ? siteMoneyOf(settings) : undefined);
  }

  /** Loads every site's saved segments and the settings the engine applies from the store. */
  async loadSegments(): Promise<void> {
    for (const site of await this.store.config.listSites()) {
      this.siteSettings(site.id, site.settings);
      const versions = await this.store.config.listSegments(site.id);
      this.setSegments(
        site.id,
        versions.map((v) => v.definition as SegmentDefinition),
      );
    }
  }

  process(ref: SessionRef, event: Event): SessionUpdate {
    const u = this.engine.process(ref, event);
    this.recorder.event(event, u);
    if (this.liveListeners.size > 0) this.notifyLive(ref.site);
    if (this.sessionListeners.size > 0) {
      const s = this.engine.get(ref.site, ref.session);
      if (s) for (const l of this.sessionListeners) l.touched(s);
    }
    return u;
  }

  /**
   * One whole tick of the clock at once (tests, replays); returns the updates so the host can
   * push them (live view). The periodic clock runs ticks in slices instead.
   */
  advance(now = this.clock()): SessionUpdate[] {
    const updates: SessionUpdate[] = [];
    for (let more = true; more; ) {
      const r = this.advanceSlice(now);
      updates.push(...r.updates);
      more = r.more;
    }
    for (const l of this.sessionListeners) l.ticked();
    this.notifyLive(null);
    return updates;
  }

  /** Up to `limit` due sessions at `now`: recorded, ended ones announced. */
  private advanceSlice(now: number, limit = TICK_SLICE): AdvanceResult {
    const result = this.engine.advance(now, limit);
    this.recorder.advanced(result, now);
    this.notifyEnded(result.ended, now);
    if (this.sessionListeners.size > 0) this.notifySessions(result.updates, result.ended);
    if (this.liveListeners.size > 0 && (result.updates.length > 0 || result.ended.length > 0))
      this.notifyLiveSites([...result.updates, ...result.ended]);
    return result;
  }

  /**
   * Where the periodic tick runs: by default when due; the collector defers it to the end of
   * the batch it is applying (it applies batches in time slices), as when batches were applied
   * synchronously — so a tick never ends or re-evaluates a session halfway through a batch.
   */
  tickGate: ((tick: () => void) => void) | null = null;
  /** The time of the tick whose slices are still running, null between ticks. */
  private tickNow: number | null = null;
  private nextSlice: NodeJS.Immediate | null = null;
  private readonly tick = () => {
    if (this.tickNow !== null) return; // the previous tick is still slicing: skip this one
    this.tickNow = this.clock();
    this.slice();
  };
  /** One slice of the current tick; the next one after a turn of the event loop (and the gate). */
  private readonly slice = () => {
    this.nextSlice = null;
    const now = this.tickNow;
    if (now === null) return;
    const start = performance.now();
    let more = true;
    for (let done = 0; more && done < TICK_SLICE; done += TICK_CHUNK) {
      more = this.advanceSlice(now, TICK_CHUNK).more;
      if (performance.now() - start >= TICK_SLICE_MS) break;
    }
    if (more) {
      this.nextSlice = setImmediate(() => {
        if (this.tickGate) this.tickGate(this.slice);
        else this.slice();
      });
      return;
    }
    this.tickNow = null;
    this.lastTickAt = this.clock();
    for (const l of this.sessionListeners) l.ticked();
    this.notifyLive(null);
  };
  /** When the clock last ticked (epoch ms; the start time before the first tick), for health. */
  lastTickAt = 0;
  /** The clock's period, 0 when stopped. */
  tickEveryMs = 0;

  /** Whether the clock runs (start() called, stop() not). */
  get running(): boolean {
    return this.timer !== null;
  }

  start(everyMs: number): void {
    this.stop();
    this.lastTickAt = this.clock();
    this.tickEveryMs = everyMs;
    this.timer = setInterval(() => {
      if (this.tickGate) this.tickGate(this.tick);
      else this.tick();
    }, everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.nextSlice) clearImmediate(this.nextSlice);
    this.timer = null;
    this.nextSlice = null;
    this.tickNow = null;
    this.tickEveryMs = 0;
  }

  /** Ends every live session (shutdown) so their summaries reach the store. */
  endAll(now = this.clock()): void {
    const ended = [];
    for (const s of [...this.engine.sessions()]) {
      const e = this.engine.end(s.site, s.id);
      if (e) ended.push(e);
    }
    this.recorder.advanced({ updates: [], ended }, now);
    this.notifyEnded(ended, now);
    if (this.sessionListeners.size > 0) this.notifySessions([], ended);
    this.notifyLiveSites(ended);
  }

  private notifySessions(updates: readonly SessionUpdate[], ended: readonly SessionState[]): void {
    for (const u of updates) {
      const s = this.engine.get(u.site, u.session);
      if (s) for (const l of this.sessionListeners) l.touched(s);
    }
    for (const s of ended) for (const l of this.sessionListeners) l.ended(s);
  }
}
