/**
 * The event pipeline: rate limit, time stamp, batch. Commerce, frustration and exit events
 * flush at once (one request per burst, so memberships change in-flight); the rest every
 * `flushMs` and at page hide. Batches are split to ≤ `maxEvents` events and ≤ `maxBytes`.
 */
import { scrub } from "../data/url.ts";
import type { Batch, Config, Context, Draft, Event } from "../types.ts";
import { expired, rec, rid, rotate, save } from "./ids.ts";
import { add } from "./queue.ts";
import { take } from "./rate-limit.ts";
import { pump } from "./transport.ts";

export const FLUSH_MS = 3000;
export const MAX_EVENTS = 100;
export const MAX_BYTES = 64 * 1024;

/**
 * Event types that wait for the next batch (page_view, page_engagement, tab_visible, click,
 * scroll, filter, sort, experience_impression, identify, set); every other type — commerce,
 * search, frustration, exit intent and idle — is sent at once. The shortest prefixes that tell
 * them apart (exp, not exit_intent; ide, not idle; set, not search or select_*): the tag's unit
 * test checks this against every event type of the engine.
 */
export const BATCHED = /^(pa|tab_v|cl|sc|fi|so|exp|ide|set)/;

let cfg: Config;
let pending: Event[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let active = false;
let newSession: () => void;
/**
 * The time zone, resolved at the first batch of a page. Temporal's answer where present: building
 * the first Intl.DateTimeFormat loads ICU's data, 200–500 ms of one task at a 4× throttled CPU
 * (issue 21). Not at module load: the unit tests import this module in Node (no window).
 */
let tz: string;

export function start(c: Config, onNewSession: () => void): void {
  cfg = c;
  newSession = onNewSession;
  active = true;
}

export function stop(): void {
  active = false;
  pending = [];
  clearTimeout(timer);
}

export function emit(e: Draft): void {
  const now = Date.now();
  if (!active || !take(now, cfg.rate, cfg.burst)) return;
  if (expired(now, cfg.sessionMs)) {
    flush();
    rotate(now, scrub(location.href), "");
    newSession();
  }
  rec.t = now;
  e.t ??= now;
  pending.push(e as Event);
  if (!BATCHED.test(e.type)) {
    clearTimeout(timer);
    timer = setTimeout(flush, 0);
  } else {
    timer ??= setTimeout(flush, cfg.flushMs);
  }
}

/** Moves pending events into the outbox and sends it (all of it at once when the page hides). */
export function flush(hidden?: boolean): void {
  clearTimeout(timer);
  timer = undefined;
  const events = pending;
  pending = [];
  for (let i = 0; i < events.length; i += cfg.maxEvents) put(events.slice(i, i + cfg.maxEvents));
  save();
  pump(hidden);
}

function put(events: Event[]): void {
  const b: Batch = {
    site: cfg.site,
    batch: rid("b_"),
    visitor: rec.v,
    session: rec.s,
    // Stamped when sent (transport).
    sentAt: 0,
    consent: cfg.consented,
    context: context(),
    events,
  };
  // A UTF-16 unit is at most 3 bytes of UTF-8: the Blob (a costly byte count) only near the cap.
  const s = JSON.stringify(b);
  if (s.length * 3 <= cfg.maxBytes || new Blob([s]).size <= cfg.maxBytes) add(b, cfg.queueSize);
  else if (events.length > 1) {
    const half = events.length >> 1;
    put(events.slice(0, half));
    put(events.slice(half));
  }
}

function context(): Context {
  const n = navigator;
  return {
    url: rec.u,
    referrer: rec.r,
    lang: n.language,
    viewport: [innerWidth, innerHeight],
    // biome-ignore lint/suspicious/noAssignInExpressions: resolved once; inline is 1 byte smaller (core at budget)
    tz: (tz ||=
      (window as { Temporal?: { Now: { timeZoneId(): string } } }).Temporal?.Now.timeZoneId() ??
      Intl.DateTimeFormat().resolvedOptions().timeZone),
    webdriver: !!n.webdriver,
    previousSessions: rec.n - 1,
    previousPurchases: rec.q,
  };
}
