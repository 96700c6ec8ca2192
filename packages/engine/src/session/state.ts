/**
 * Per-session state. Every numeric accumulator lives in a typed-array slot — float64 fields in
 * `n` (indices in `F`), integer ones as uint32 in `u` (indices in `C`) — so a live session stays
 * small (docs/product/engine.md#memory-per-live-session) and every update is a plain indexed
 * write: the engine's O(1)-per-event, allocation-free hot path depends on it.
 */

import type { BotReason } from "../context/bot.ts";
import type { TrafficSource } from "../context/traffic-source.ts";
import type { DeviceType } from "../context/user-agent.ts";
import type { PageType } from "../schema/events.ts";
import { intern } from "./intern.ts";
import { SIGNALS } from "./signals.ts";

/**
 * Fields held as float64 (`s.num(F.X)`, or `n[o + F.X]` with `n = s.f`, `o = s.o` on hot paths):
 * times, scores, money and amounts that may be fractional, and the counts and indices that
 * readers outside the engine package read through `s.n[F.Stage]`.
 */
export enum F {
  StartT = 0,
  LastT,
  Events,
  PageViews,
  ProductViews,
  Searches,
  CartAdds,
  CartQty,
  CartValue,
  Purchases,
  Revenue,
  ItemPriceSum,
  HesitationSum,
  MaxScroll,
  /** Last activity time: everything but tab/idle/attention events. */
  LastActivityT,
  MinuteStartT,
  /** Indices into STAGES, PHASES, INTENT_LEVELS, STATES. */
  Stage,
  Phase,
  Intent,
  State,
  XC,
  XATC,
  XE,
  XC0,
  XATC0,
  XE0,
  XCMax,
  XATCMax,
  XEMax,
  /** Exponential moving averages of each score's per-event change (log-odds), for trends. */
  XCTrend,
  XATCTrend,
  XETrend,
  /** The session's slot in the engine's deadline queue + 1; 0 when not queued (deadlines.ts). */
  TimerSlot,
  /** Per signal: count, last time (sigCount, sigLastT). */
  SignalBase,
}

/**
 * Fields that are always small non-negative integers (counts, flags, indices, 32-bit hashes),
 * held as uint32 — half the bytes of a float64, the same value read back — at
 * `s.u[s.o + C.X]`, read and written with `s.get`, `s.set`, `s.add` (issue 24).
 */
export enum C {
  ListingViews = 0,
  FilterSorts,
  Clicks,
  Scrolls,
  CartRemoves,
  CheckoutStep,
  ItemPriceCount,
  HesitationCount,
  /** 1 while the tab is hidden (cleared by tab_visible or any interaction). */
  TabHidden,
  /** 1 after an idle event until the next activity. */
  Idle,
  /** FNV-1a hashes of the last four page paths (apply.ts: back and forth). */
  PageHash0,
  PageHash1,
  PageHash2,
  PageHash3,
  MinuteViews,
  /** Hash of the last event (type, time, page) to drop exact duplicates. */
  LastEventHash,
  /** Bit i set when the session has been in framework segment i. */
  SegmentsSeen,
  /**
   * Band indices (0 very low … 4 very high) of XC, XATC, XE, read against the site's cut points
   * when the score was last set by an event or changed at a deadline: not re-read when the cut
   * points move (docs/product/engine.md#time).
   */
  XCBand,
  XATCBand,
  XEBand,
  /** Views per affinity slot: 6 categories, then 4 brands (affinity.ts). */
  AffinityViews,
  /** Listing views per category slot. */
  Cat0Listings = AffinityViews + 10,
  /** Two 16-bit text codes per field (TEXT, SessionState.text). */
  Text0 = Cat0Listings + 6,
  /** Per signal: the event index (F.Events) of its last occurrence (sigLastIdx). */
  SigLastIdxBase = Text0 + 6,
}

/** Text fields held as 16-bit codes: half k of field C.Text0 + (k >> 1). */
enum T {
  source = 0,
  device,
  landingType,
  pageType,
  browser,
  os,
  country,
  lang,
  medium,
  sourceName,
  campaign,
}

/**
 * Strings many sessions share (traffic source, device, page type, browser, country …), each
 * held by a session as a 16-bit code into this table instead of an 8-byte reference (issue 24).
 * The table only grows, up to UNCODED entries (values seen beyond that are kept as strings, in
 * the session's rare fields): its size is bounded, and a code never changes meaning.
 */
const UNCODED = 0xffff;
const TEXTS: string[] = [""];
const TEXT_CODES = new Map<string, number>([["", 0]]);

function textCode(v: string): number {
  let c = TEXT_CODES.get(v);
  if (c === undefined) {
    if (TEXTS.length >= UNCODED) return UNCODED;
    c = TEXTS.length;
    const flat = intern(v); // a copy of its own, not a slice that keeps a longer string alive
    TEXTS.push(flat);
    TEXT_CODES.set(flat, c);
  }
  return c;
}

export const MAX_CATEGORIES = 6;
export const MAX_BRANDS = 4;
export const NUM_FIELDS = F.SignalBase + SIGNALS.length * 2;
export const NUM_COUNTS = C.SigLastIdxBase + SIGNALS.length;
/**
 * Bytes of one session's numbers: NUM_FIELDS float64, then NUM_COUNTS uint32, 8-byte aligned.
 * In a buffer holding them at float64 index `o`, the uint32 fields start at uint32 index
 * 2 × (o + NUM_FIELDS).
 */
export const SLOT_BYTES = Math.ceil((NUM_FIELDS * 8 + NUM_COUNTS * 4) / 8) * 8;
const COUNTS_AT = 2 * NUM_FIELDS;

export const sigCount = (i: number): F => F.SignalBase + i * 2;
export const sigLastT = (i: number): F => F.SignalBase + i * 2 + 1;
export const sigLastIdx = (i: number): C => C.SigLastIdxBase + i;

/** Where a session's numbers live: the engine's slab (pool.ts) or a buffer of its own. */
export interface Accumulators {
  /** Gives `s` its `f`, `u` and `o`: a zeroed slot. */
  acquire(s: SessionState): void;
}

/** Fields most sessions never set, kept out of line (SessionState.rare). */
interface Rare {
  identified: string | null;
  experiments: string[] | null;
  orders: string[] | null;
  props: Record<string, string | number | boolean> | null;
  /** Text fields whose value has no code (the code table is full), by T. */
  texts: string[] | null;
}

export class SessionState {
  /**
   * The buffer holding this session's numbers (SLOT_BYTES at float64 index `o`), as float64 and
   * as uint32: while the session is live, the engine's slab shared by many sessions — one slab
   * index per session, not a typed-array view of its own (~90 B each); a buffer of its own
   * once ended (pool.ts).
   */
  f!: Float64Array;
  u!: Uint32Array;
  o = 0;
  /**
   * Heavy-hitter slots (space-saving algorithm) for category and brand affinity: category names
   * then brand names (affinity.ts), one array for both.
   */
  // Exactly-sized: a growing JS array would reserve 17 slots on its first push.
  readonly affinity: (string | undefined)[] = new Array(MAX_CATEGORIES + MAX_BRANDS).fill(
    undefined,
  );
  landingPath = "";
  pagePath = "";
  previousSessions = 0;
  previousPurchases = 0;
  bot: BotReason | null = null;
  /** What few sessions have (identify, experiments, orders, props); null until one is set. */
  private rare: Rare | null = null;
  /** Custom segments matched now, and every custom segment matched this session (ids). */
  custom: string[] | null = null;
  customEver: string[] | null = null;

  constructor(
    readonly site: string,
    readonly visitor: string,
    readonly id: string,
    slab?: Accumulators,
  ) {
    if (slab) slab.acquire(this);
    else this.own(new ArrayBuffer(SLOT_BYTES));
    this.source = "direct";
    this.device = "other";
  }

  get source(): TrafficSource {
    return this.text(T.source) as TrafficSource;
  }
  set source(v: TrafficSource) {
    this.setText(T.source, v);
  }
  get device(): DeviceType {
    return this.text(T.device) as DeviceType;
  }
  set device(v: DeviceType) {
    this.setText(T.device, v);
  }
  get landingType(): PageType | "" {
    return this.text(T.landingType) as PageType | "";
  }
  set landingType(v: PageType | "") {
    this.setText(T.landingType, v);
  }
  get pageType(): PageType | "" {
    return this.text(T.pageType) as PageType | "";
  }
  set pageType(v: PageType | "") {
    this.setText(T.pageType, v);
  }
  get browser(): string {
    return this.text(T.browser);
  }
  set browser(v: string) {
    this.setText(T.browser, v);
  }
  get os(): string {
    return this.text(T.os);
  }
  set os(v: string) {
    this.setText(T.os, v);
  }
  get country(): string {
    return this.text(T.country);
  }
  set country(v: string) {
    this.setText(T.country, v);
  }
  get lang(): string {
    return this.text(T.lang);
  }
  set lang(v: string) {
    this.setText(T.lang, v);
  }
  get medium(): string {
    return this.text(T.medium);
  }
  set medium(v: string) {
    this.setText(T.medium, v);
  }
  get sourceName(): string {
    return this.text(T.sourceName);
  }
  set sourceName(v: string) {
    this.setText(T.sourceName, v);
  }
  get campaign(): string {
    return this.text(T.campaign);
  }
  set campaign(v: string) {
    this.setText(T.campaign, v);
  }

  private text(k: T): string {
    const w = this.get(C.Text0 + (k >> 1));
    const c = k & 1 ? w >>> 16 : w & 0xffff;
    return c === UNCODED ? this.rare!.texts![k]! : TEXTS[c]!;
  }

  private setText(k: T, v: string): void {
    const c = textCode(v);
    if (c === UNCODED) {
      const rare = this.rareFields();
      rare.texts ??= [];
      rare.texts[k] = v;
    }
    const f = C.Text0 + (k >> 1);
    const w = this.get(f);
    this.set(f, (k & 1 ? (w & 0xffff) | (c << 16) : (w & 0xffff0000) | c) >>> 0);
  }

  /** Holds its numbers in `buffer` (SLOT_BYTES, from offset 0). */
  own(buffer: ArrayBuffer): void {
    this.f = new Float64Array(buffer);
    this.u = new Uint32Array(buffer);
    this.o = 0;
  }

  /**
   * The float64 fields as an array indexed by F (`s.n[F.LastT]`), for readers off the hot path:
   * a new view on the session's numbers at each call (writes go through to the session).
   */
  get n(): Float64Array {
    return new Float64Array(this.f.buffer, this.o * 8, NUM_FIELDS);
  }

  /** Float64 field `f` (F). */
  num(f: F): number {
    return this.f[this.o + f]!;
  }

  /** Sets float64 field `f` (F) to `v`. */
  setNum(f: F, v: number): void {
    this.f[this.o + f] = v;
  }

  get returning(): boolean {
    return this.previousSessions > 0;
  }

  get identified(): string | null {
    return this.rare?.identified ?? null;
  }
  set identified(v: string | null) {
    this.rareFields().identified = v;
  }

  /** "experiment:variant" pairs seen, bounded. */
  get experiments(): string[] | null {
    return this.rare?.experiments ?? null;
  }
  set experiments(v: string[] | null) {
    this.rareFields().experiments = v;
  }

  /** Identities of the orders and refunds counted this session (orders.ts), bounded. */
  get orders(): string[] | null {
    return this.rare?.orders ?? null;
  }
  set orders(v: string[] | null) {
    this.rareFields().orders = v;
  }

  /** Custom dataLayer properties the site declares. */
  get props(): Record<string, string | number | boolean> | null {
    return this.rare?.props ?? null;
  }
  set props(v: Record<string, string | number | boolean> | null) {
    this.rareFields().props = v;
  }

  private rareFields(): Rare {
    this.rare ??= { identified: null, experiments: null, orders: null, props: null, texts: null };
    return this.rare;
  }

  /** Integer field `f` (C). */
  get(f: C): number {
    return this.u[2 * this.o + COUNTS_AT + f]!;
  }

  /** Sets integer field `f` (C) to `v`, an integer in [0, 2^32). */
  set(f: C, v: number): void {
    this.u[2 * this.o + COUNTS_AT + f] = v;
  }

  /** Adds `d` to integer field `f` (C). */
  add(f: C, d: number): void {
    this.u[2 * this.o + COUNTS_AT + f]! += d;
  }
}
