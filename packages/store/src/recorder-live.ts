/**
 * The recorder's live sessions, compactly (issue 24: memory per live session). A live session is
 * a slot number (the value of its entry in a per-site map: no object per session) with:
 * - five numbers in a Float64 slab slot: its last transition time, its framework entry time, its
 *   framework segment and the one before (codes), its counts of open and closed stays;
 * - one exactly sized array of numbers (unboxed doubles) in three sections: open custom stays
 *   [segment and framework-at-entry codes, enteredAt], closed stays [segment, prev and next
 *   codes, enteredAt, exitedAt], then page views [page key id and views in one number].
 * Strings are codes: a framework segment is its index + 1 (0: none); a custom segment or a page
 * key (segment \0 path \0 page type) is an id in a KeyTable that the session holds until it
 * ends. Before: an object per session (88 B), a map entry's pointer to it, and up to five arrays
 * (48 B each) of string pointers and times — 16 B per page key and 40 B per stay, now 8 and 24.
 */
import {
  FRAMEWORK_SEGMENT_IDS,
  type FrameworkSegmentId,
  type SessionState,
} from "@intently/engine";
import { FloatSlab } from "./float-slab.ts";
import { KeyTable } from "./key-table.ts";
import type { IntervalRow } from "./rows.ts";

const LAST = 0;
const FW_AT = 1;
/** Framework code + 16 × the previous framework's code. */
const FW = 2;
const OPEN = 3;
const CLOSED = 4;
const FIELDS = 5;

/** Framework codes take 4 bits (13 segments and none); a custom segment's code is above. */
const FW_CODES = 16;
const CUSTOM_BASE = FRAMEWORK_SEGMENT_IDS.length + 1;
const FW_CODE = new Map<string, number>(FRAMEWORK_SEGMENT_IDS.map((id, i) => [id, i + 1]));
const fwCode = (id: string | null) => (id === null ? 0 : FW_CODE.get(id)!);
const fwOf = (code: number): FrameworkSegmentId | null =>
  code === 0 ? null : FRAMEWORK_SEGMENT_IDS[code - 1]!;

/** Page views are counted in the low `viewBits` of an entry, below the page key's id. */
export const VIEW_BITS = 29;

export class LiveSessions {
  private readonly bySite = new Map<string, Map<string, number>>();
  private readonly nums = new FloatSlab(FIELDS);
  private readonly lists: (number[] | null)[] = [];
  private readonly segments = new KeyTable(2 ** 32);
  private readonly pageKeys: KeyTable;
  /** 2^viewBits: an entry is page key id × span + views. */
  private readonly span: number;
  private count = 0;

  /** `viewBits` below 29 only in tests (a key's views beyond 2^bits − 2 take a second entry). */
  constructor(viewBits = VIEW_BITS) {
    this.span = 2 ** viewBits;
    this.pageKeys = new KeyTable(2 ** (53 - viewBits));
  }

  get size(): number {
    return this.count;
  }

  /** Keys held now (custom segments, page keys): 0 once no session is live. */
  get heldKeys(): number {
    return this.segments.size + this.pageKeys.size;
  }

  /** The live session's slot, or −1. */
  find(site: string, session: string): number {
    return this.bySite.get(site)?.get(session) ?? -1;
  }

  /** A new live session's slot, its last transition at `at`. */
  add(site: string, session: string, at: number): number {
    const slot = this.nums.alloc();
    this.nums.chunk(slot)[this.nums.offset(slot) + LAST] = at;
    this.lists[slot] = null;
    let bySession = this.bySite.get(site);
    if (!bySession) {
      bySession = new Map();
      this.bySite.set(site, bySession);
    }
    bySession.set(session, slot);
    this.count++;
    return slot;
  }

  /** The time of a transition at `at`: never earlier than the session's previous one. */
  touch(slot: number, at: number): number {
    const d = this.nums.chunk(slot);
    const o = this.nums.offset(slot) + LAST;
    const t = Math.max(at, d[o]!);
    d[o] = t;
    return t;
  }

  framework(slot: number): FrameworkSegmentId | null {
    return fwOf(this.num(slot, FW) % FW_CODES);
  }

  /** Enters framework segment `id` at `t`, after `prev` (the one it left, or null). */
  enterFramework(
    slot: number,
    id: FrameworkSegmentId,
    prev: FrameworkSegmentId | null,
    t: number,
  ): void {
    this.setNum(slot, FW, fwCode(id) + FW_CODES * fwCode(prev));
    this.setNum(slot, FW_AT, t);
  }

  /** Leaves the framework segment (if any) at `t` for `next`; returns the one it left. */
  leaveFramework(
    slot: number,
    t: number,
    next: FrameworkSegmentId | null,
  ): FrameworkSegmentId | null {
    const fw = this.num(slot, FW);
    const cur = fw % FW_CODES;
    if (cur === 0) return null;
    const prev = Math.floor(fw / FW_CODES);
    const codes = cur * FW_CODES ** 2 + prev * FW_CODES + fwCode(next);
    this.addClosed(slot, codes, this.num(slot, FW_AT), t);
    this.setNum(slot, FW, prev * FW_CODES);
    return fwOf(cur);
  }

  /** Opens a stay in custom segment `id` at `t` (entered from framework segment `fw`). */
  enterCustom(slot: number, id: string, fw: FrameworkSegmentId, t: number): void {
    if (this.openIndex(slot, id) >= 0) return;
    const code = CUSTOM_BASE + this.segments.hold(id);
    const open = this.num(slot, OPEN);
    const list = this.lists[slot] ?? null;
    this.lists[slot] = inserted(list, 2 * open, [code * FW_CODES + fwCode(fw), t]);
    this.setNum(slot, OPEN, open + 1);
  }

  /** Closes the open stay in custom segment `id` (if any) at `t`, for framework `next`. */
  leaveCustom(slot: number, id: string, t: number, next: FrameworkSegmentId): void {
    const i = this.openIndex(slot, id);
    if (i < 0) return;
    const list = this.lists[slot]!;
    const open = this.num(slot, OPEN);
    const end = 2 * open + 3 * this.num(slot, CLOSED);
    // Open [segment·16 + prev] becomes closed [segment·256 + prev·16 + next].
    const stay = [list[i]! * FW_CODES + fwCode(next), list[i + 1]!, t];
    // One copy: the open stays without this one, the closed ones, this one, the page views.
    this.lists[slot] = list.slice(0, i).concat(list.slice(i + 2, end), stay, list.slice(end));
    this.setNum(slot, OPEN, open - 1);
    this.setNum(slot, CLOSED, this.num(slot, CLOSED) + 1);
  }

  /** One more view of page `key` (segment \0 path \0 page type). */
  countPage(slot: number, key: string): void {
    const list = this.lists[slot] ?? null;
    const from = 2 * this.num(slot, OPEN) + 3 * this.num(slot, CLOSED);
    let id = this.pageKeys.find(key);
    if (id >= 0 && list !== null) {
      const lo = id * this.span;
      const hi = lo + this.span - 1; // a full count takes no more views
      for (let i = from; i < list.length; i++) {
        const e = list[i]!;
        if (e >= lo && e < hi) {
          list[i] = e + 1;
          return;
        }
      }
    }
    if (id >= 0) this.pageKeys.holdId(id);
    else id = this.pageKeys.hold(key);
    this.lists[slot] = inserted(list, list === null ? 0 : list.length, [id * this.span + 1]);
  }

  /**
   * Closes the session's stays at `t` (next: none) and returns them all as interval rows in the
   * order they closed (sessionStart and bot are set from the session row).
   */
  finish(slot: number, s: SessionState, t: number): IntervalRow[] {
    this.leaveFramework(slot, t, null);
    const list = this.lists[slot] ?? [];
    const open = this.num(slot, OPEN);
    const out: IntervalRow[] = [];
    /** A stay; `c` packs its segment's code, then its prev and next framework codes. */
    const row = (c: number, enteredAt: number, exitedAt: number): IntervalRow => ({
      site: s.site,
      session: s.id,
      visitor: s.visitor,
      sessionStart: 0,
      segment: this.segmentOf(Math.floor(c / FW_CODES ** 2)),
      enteredAt,
      exitedAt,
      prevSegment: fwOf(Math.floor(c / FW_CODES) % FW_CODES),
      nextSegment: fwOf(c % FW_CODES),
      bot: false,
    });
    const end = 2 * open + 3 * this.num(slot, CLOSED);
    for (let i = 2 * open; i < end; i += 3) out.push(row(list[i]!, list[i + 1]!, list[i + 2]!));
    // Still open: closed now, for no next segment (code 0).
    for (let i = 0; i < 2 * open; i += 2) out.push(row(list[i]! * FW_CODES, list[i + 1]!, t));
    return out;
  }

  /**
   * The session's page views by key, in the order first viewed; `first` is false for a second
   * entry of a key whose first count filled up.
   */
  pages(slot: number, each: (key: string, views: number, first: boolean) => void): void {
    const list = this.lists[slot] ?? [];
    const from = 2 * this.num(slot, OPEN) + 3 * this.num(slot, CLOSED);
    let full = false;
    for (let i = from; i < list.length; i++) {
      const id = Math.floor(list[i]! / this.span);
      const views = list[i]! - id * this.span;
      let first = true;
      if (full)
        for (let j = from; j < i && first; j++) first = Math.floor(list[j]! / this.span) !== id;
      each(this.pageKeys.key(id), views, first);
      if (views === this.span - 1) full = true;
    }
  }

  /** Ends the session: its slot, keys and map entry are let go. */
  remove(site: string, session: string, slot: number): void {
    const bySession = this.bySite.get(site);
    if (bySession?.get(session) === slot) {
      bySession.delete(session);
      if (bySession.size === 0) this.bySite.delete(site);
      this.count--;
    }
    const list = this.lists[slot] ?? [];
    const open = this.num(slot, OPEN);
    const from = 2 * open + 3 * this.num(slot, CLOSED);
    for (let i = 0; i < 2 * open; i += 2) this.releaseSegment(Math.floor(list[i]! / FW_CODES));
    for (let i = 2 * open; i < from; i += 3)
      this.releaseSegment(Math.floor(list[i]! / FW_CODES ** 2));
    for (let i = from; i < list.length; i++)
      this.pageKeys.release(Math.floor(list[i]! / this.span));
    this.lists[slot] = null;
    this.nums.release(slot);
  }

  private openIndex(slot: number, id: string): number {
    const list = this.lists[slot];
    const open = this.num(slot, OPEN);
    if (!list || open === 0) return -1;
    const held = this.segments.find(id);
    if (held < 0) return -1;
    const code = CUSTOM_BASE + held;
    for (let i = 0; i < 2 * open; i += 2) if (Math.floor(list[i]! / FW_CODES) === code) return i;
    return -1;
  }

  /** Appends a closed stay (segment, prev and next codes packed) to the closed section. */
  private addClosed(slot: number, codes: number, enteredAt: number, t: number): void {
    const closed = this.num(slot, CLOSED);
    const at = 2 * this.num(slot, OPEN) + 3 * closed;
    this.lists[slot] = inserted(this.lists[slot] ?? null, at, [codes, enteredAt, t]);
    this.setNum(slot, CLOSED, closed + 1);
  }

  private segmentOf(code: number): string {
    return code < CUSTOM_BASE ? fwOf(code)! : this.segments.key(code - CUSTOM_BASE);
  }

  private releaseSegment(code: number): void {
    if (code >= CUSTOM_BASE) this.segments.release(code - CUSTOM_BASE);
  }

  private num(slot: number, field: number): number {
    return this.nums.chunk(slot)[this.nums.offset(slot) + field]!;
  }

  private setNum(slot: number, field: number, value: number): void {
    this.nums.chunk(slot)[this.nums.offset(slot) + field] = value;
  }
}

/**
 * `list` with `items` inserted at `at`, in a new exactly sized array: a pushed array reserves
 * slack (17 slots at once), and `items`, an array literal holding times, is unboxed doubles, as
 * is what concat builds from it (a rest parameter would box each number in 16 B).
 */
function inserted(list: number[] | null, at: number, items: number[]): number[] {
  if (list === null) return items;
  if (at === list.length) return list.concat(items);
  return list.slice(0, at).concat(items, list.slice(at));
}
