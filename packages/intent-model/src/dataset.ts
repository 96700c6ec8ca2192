/**
 * Training sets (docs/product/model.md#training-data): each finished session yields its feature
 * snapshot after every event (a prefix), labelled with the session's outcome. No snapshot at or
 * after the label event:
 *  - xC  purchase in this session      — prefixes before the first purchase;
 *  - xATC add-to-cart in this session  — prefixes before the first add_to_cart;
 *  - xE  session ends within 5 minutes without purchase — prefixes before any purchase
 *        (label 0 for sessions that buy).
 * Bots are left out. An order counts once per site (issue 19): a session whose every purchase is
 * an order an earlier session of the site already had (the thank-you page reloaded after a cookie
 * reset) is neither a buyer nor an exit — it is left out, counted in `repeatedOrders`. Sessions
 * are read in the given order (groupSessions: by start time). Features are the engine's own (extractFeatures), computed by running the
 * real engine, so a model sees in training exactly what it sees live.
 */
import { Engine, type EventLine, extractFeatures, FEATURE_COUNT } from "@intently/engine";
import type { SessionRecord } from "./sessions.ts";

export const EXIT_HORIZON_MS = 5 * 60_000;
/** Long sessions would dominate training: at most this many prefixes per session, evenly spread. */
export const DEFAULT_MAX_PREFIXES = 40;
/**
 * Between-event snapshots (issue 20, item 9): live, a session is re-scored with no new event
 * (idle deadlines, Scorer.nextChange), its "seconds since activity" growing from 0. Snapshots
 * taken only at events see that feature at 0 except after passive events (tab hidden, idle, exit
 * intent), so a tree split just above 0 read "scored between events" as "left the tab": purchase
 * confidence halved one second after an add to cart. With `betweenEvents`, each kept prefix
 * also yields the same state a drawn time later, before the next event (at most
 * BETWEEN_MAX_MS; after the last event the shopper has gone), with the same labels (xE from that
 * time). The draw is log-uniform from BETWEEN_MIN_MS, so the first seconds are well covered, and
 * deterministic (session and prefix index).
 */
export const BETWEEN_MIN_MS = 250;
export const BETWEEN_MAX_MS = 120_000;

export type ScoreKey = "xC" | "xATC" | "xE";

export interface Rows {
  x: Float64Array[];
  y: number[];
  /** Index of the row's session in Dataset.sessions. */
  session: number[];
  /** Prefix length: the number of events seen when the snapshot was taken. */
  prefix: number[];
  /** Milliseconds after the prefix's last event the snapshot was taken at (0: at the event). */
  after: number[];
}

export interface SessionInfo {
  key: string;
  start: number;
  end: number;
  events: number;
  purchased: boolean;
  carted: boolean;
  /** 1-based index of the first purchase / add_to_cart event, or Infinity. */
  purchaseAt: number;
  cartAt: number;
}

export interface Dataset {
  sessions: SessionInfo[];
  rows: Record<ScoreKey, Rows>;
  bots: number;
  /** Sessions left out because their only orders were earlier sessions' (once per site). */
  repeatedOrders: number;
}

/**
 * The purchase label event: the purchase itself or the order-confirmation page, whichever the
 * shop sends first (GA4's purchase event usually fires on the confirmation page, after its view).
 */
function isPurchase(l: EventLine): boolean {
  return (
    l.event.type === "purchase" ||
    (l.event.type === "page_view" && l.event.page.type === "confirmation")
  );
}

const emptyRows = (): Rows => ({ x: [], y: [], session: [], prefix: [], after: [] });

/** A deterministic draw in [0, 1) from two integers (splitmix-style mixing). */
function draw(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** The between-event delay for prefix k of session i with `gap` ms to the next event, or 0. */
export function betweenDelay(i: number, k: number, gap: number): number {
  const hi = Math.min(gap, BETWEEN_MAX_MS);
  if (hi <= BETWEEN_MIN_MS) return 0;
  return Math.round(BETWEEN_MIN_MS * (hi / BETWEEN_MIN_MS) ** draw(i, k));
}

/** Prefix lengths to keep: all when few, else an even spread that always keeps 1–5 and 10. */
export function samplePrefixes(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i + 1);
  const keep = new Set<number>([1, 2, 3, 4, 5, 10].filter((k) => k <= n));
  for (let i = 0; keep.size < max && i < max; i++)
    keep.add(Math.round(1 + (i * (n - 1)) / (max - 1)));
  return [...keep].sort((a, b) => a - b);
}

export function buildDataset(
  sessions: readonly SessionRecord[],
  opts: { maxPrefixes?: number; betweenEvents?: boolean } = {},
): Dataset {
  const maxPrefixes = opts.maxPrefixes ?? DEFAULT_MAX_PREFIXES;
  const between = opts.betweenEvents ?? false;
  const engine = new Engine();
  const out: Dataset = {
    sessions: [],
    rows: { xC: emptyRows(), xATC: emptyRows(), xE: emptyRows() },
    bots: 0,
    repeatedOrders: 0,
  };
  /** Transaction ids already bought, per site. */
  const orders = new Map<string, Set<string>>();
  for (const rec of sessions) {
    const n = rec.lines.length;
    if (n === 0) continue;
    const first = rec.lines[0]!;
    let purchaseAt = Number.POSITIVE_INFINITY;
    let cartAt = Number.POSITIVE_INFINITY;
    rec.lines.forEach((l, i) => {
      if (isPurchase(l) && purchaseAt === Number.POSITIVE_INFINITY) purchaseAt = i + 1;
      if (l.event.type === "add_to_cart" && cartAt === Number.POSITIVE_INFINITY) cartAt = i + 1;
    });
    if (repeatsOnly(rec, orders)) {
      out.repeatedOrders++;
      continue;
    }
    const ref = {
      site: first.site,
      visitor: first.visitor,
      session: first.session,
      context: first.context,
    };
    const wanted = new Set(samplePrefixes(n, maxPrefixes));
    const snaps: { k: number; after: number; x: Float64Array }[] = [];
    let bot = false;
    for (let k = 1; k <= n; k++) {
      const line = rec.lines[k - 1]!;
      const u = engine.process(ref, line.event);
      bot = u.bot !== null;
      if (wanted.has(k) && k < purchaseAt) {
        const s = engine.get(first.site, first.session)!;
        const t = line.event.t;
        snaps.push({ k, after: 0, x: extractFeatures(s, t, new Float64Array(FEATURE_COUNT)) });
        const next = rec.lines[k]?.event.t ?? Number.POSITIVE_INFINITY;
        const d = between ? betweenDelay(out.sessions.length + out.bots, k, next - t) : 0;
        if (d > 0)
          snaps.push({
            k,
            after: d,
            x: extractFeatures(s, t + d, new Float64Array(FEATURE_COUNT)),
          });
      }
    }
    engine.end(first.site, first.session);
    if (bot) {
      out.bots++;
      continue;
    }
    const info: SessionInfo = {
      key: rec.key,
      start: rec.start,
      end: rec.lines[n - 1]!.event.t,
      events: n,
      purchased: purchaseAt !== Number.POSITIVE_INFINITY,
      carted: cartAt !== Number.POSITIVE_INFINITY,
      purchaseAt,
      cartAt,
    };
    const idx = out.sessions.push(info) - 1;
    for (const { k, after, x } of snaps) {
      const t = rec.lines[k - 1]!.event.t + after;
      push(out.rows.xC, x, info.purchased ? 1 : 0, idx, k, after);
      if (k < cartAt) push(out.rows.xATC, x, info.carted ? 1 : 0, idx, k, after);
      const exit = !info.purchased && info.end - t <= EXIT_HORIZON_MS ? 1 : 0;
      push(out.rows.xE, x, exit, idx, k, after);
    }
  }
  return out;
}

/**
 * Whether every purchase of the session is an order the site already had; remembers the
 * session's new orders. A purchase without a transaction id is always new.
 */
function repeatsOnly(rec: SessionRecord, orders: Map<string, Set<string>>): boolean {
  const site = rec.lines[0]!.site;
  let seen = orders.get(site);
  if (!seen) {
    seen = new Set();
    orders.set(site, seen);
  }
  let purchases = 0;
  let repeats = 0;
  const mine: string[] = [];
  for (const l of rec.lines) {
    if (l.event.type !== "purchase") continue;
    purchases++;
    const id = l.event.transaction_id;
    if (id && seen.has(id)) repeats++;
    else if (id) mine.push(id);
  }
  for (const id of mine) seen.add(id);
  return purchases > 0 && repeats === purchases;
}

function push(
  r: Rows,
  x: Float64Array,
  y: number,
  session: number,
  prefix: number,
  after: number,
): void {
  r.x.push(x);
  r.y.push(y);
  r.session.push(session);
  r.prefix.push(prefix);
  r.after.push(after);
}

/** The rows taken at events (not between them): the held-out figures stay comparable. */
export function atEvents(r: Rows): Rows {
  const o = emptyRows();
  for (let i = 0; i < r.x.length; i++)
    if (r.after[i] === 0) push(o, r.x[i]!, r.y[i]!, r.session[i]!, r.prefix[i]!, 0);
  return o;
}

/**
 * Splits sessions by time: the latest `heldOut` share is the held-out period; before it, the
 * latest `calibration` share of the rest calibrates and early-stops; the rest trains. A session
 * sits on exactly one side (sessions are ordered by start).
 */
export function timeSplit(d: Dataset, heldOut = 0.2, calibration = 0.15) {
  const n = d.sessions.length;
  const testFrom = Math.floor(n * (1 - heldOut));
  const calFrom = Math.floor(testFrom * (1 - calibration));
  const part = (i: number) => (i >= testFrom ? "test" : i >= calFrom ? "cal" : "train");
  const pick = (r: Rows, which: string): Rows => {
    const o = emptyRows();
    for (let i = 0; i < r.x.length; i++) {
      if (part(r.session[i]!) === which)
        push(o, r.x[i]!, r.y[i]!, r.session[i]!, r.prefix[i]!, r.after[i]!);
    }
    return o;
  };
  const split = (key: ScoreKey) => ({
    train: pick(d.rows[key], "train"),
    cal: pick(d.rows[key], "cal"),
    test: pick(d.rows[key], "test"),
  });
  return {
    xC: split("xC"),
    xATC: split("xATC"),
    xE: split("xE"),
    boundaries: { calFrom: d.sessions[calFrom]?.start, testFrom: d.sessions[testFrom]?.start },
  };
}
