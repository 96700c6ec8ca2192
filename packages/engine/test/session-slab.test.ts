/**
 * A live session's numbers sit in the engine's shared slab (session/pool.ts, issue 24): float64
 * fields (F) then uint32 fields (C) per slot. These tests hold what the layout must never do —
 * let one session's fields overlap another's or each other, lose an ended session's numbers
 * when its slot is reused, or hand a new session a slot that is not zeroed.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Engine } from "../src/index.ts";
import { BRAND_SLOTS, CATEGORY_SLOTS, slotNames, topSlot } from "../src/session/affinity.ts";
import { AccumulatorPool } from "../src/session/pool.ts";
import {
  C,
  F,
  NUM_COUNTS,
  NUM_FIELDS,
  SessionState,
  SLOT_BYTES,
  sigCount,
  sigLastIdx,
} from "../src/session/state.ts";
import { ev, pv, ref } from "./helpers.ts";

/** A distinct value for every field of session `k`: float64 ones fractional, uint32 ones large. */
const fValue = (k: number, f: number) => k * 1_000 + f + 0.25;
const cValue = (k: number, c: number) => (0xfff00000 + k * 1_000 + c) >>> 0;

function fill(s: SessionState, k: number): void {
  for (let f = 0; f < NUM_FIELDS; f++) s.setNum(f, fValue(k, f));
  for (let c = 0; c < NUM_COUNTS; c++) s.set(c, cValue(k, c));
}

function assertHolds(s: SessionState, k: number): void {
  for (let f = 0; f < NUM_FIELDS; f++) assert.equal(s.num(f), fValue(k, f), `session ${k} F ${f}`);
  for (let c = 0; c < NUM_COUNTS; c++) assert.equal(s.get(c), cValue(k, c), `session ${k} C ${c}`);
}

describe("session slab", () => {
  test("every field of every session is its own, across slab boundaries", () => {
    const pool = new AccumulatorPool();
    // More sessions than one 1 MiB slab holds, so that two slabs are in use.
    const count = Math.ceil((1 << 20) / SLOT_BYTES) + 10;
    const sessions = Array.from(
      { length: count },
      (_, k) => new SessionState("s", "v", `${k}`, pool),
    );
    sessions.forEach(fill);
    sessions.forEach(assertHolds);
  });

  test("uint32 fields hold 0 … 2^32 − 1 exactly, float64 ones any double", () => {
    const s = new SessionState("s", "v", "x");
    s.set(C.LastEventHash, 0xffffffff);
    s.add(C.Clicks, 3);
    s.add(C.Clicks, 4);
    s.setNum(F.Revenue, 0.1 + 0.2);
    s.setNum(F.LastT, 1_764_000_000_123);
    assert.equal(s.get(C.LastEventHash), 0xffffffff);
    assert.equal(s.get(C.Clicks), 7);
    assert.equal(s.num(F.Revenue), 0.1 + 0.2);
    assert.equal(s.n[F.LastT], 1_764_000_000_123, "s.n reads the same numbers");
    s.n[F.Events] = 5;
    assert.equal(s.num(F.Events), 5, "writes through s.n reach the session");
  });

  test("a released session keeps its numbers; its slot comes back zeroed", () => {
    const pool = new AccumulatorPool();
    const a = new SessionState("s", "v", "a", pool);
    fill(a, 1);
    pool.release(a);
    const b = new SessionState("s", "v", "b", pool);
    // As a new session of its own: zeros, but for its default texts (source, device).
    const fresh = new SessionState("s", "v", "c");
    for (let f = 0; f < NUM_FIELDS; f++) assert.equal(b.num(f), 0);
    for (let c = 0; c < NUM_COUNTS; c++) assert.equal(b.get(c), fresh.get(c), `C ${c}`);
    assert.equal(b.source, "direct");
    assert.equal(b.device, "other");
    assert.equal(b.browser, "");
    fill(b, 2);
    assertHolds(a, 1);
    assertHolds(b, 2);
  });

  test("an ended session's view survives the reuse of its slot by a new session", () => {
    const engine = new Engine();
    const r1 = ref("one");
    engine.process(r1, pv(0, "/c/shoes", "category", "Shoes"));
    engine.process(
      r1,
      ev(1, "view_item", { items: [{ id: "A", category: "Shoes", brand: "Acme" }] }),
    );
    engine.process(r1, ev(2, "rage_click", { target: "#buy" }));
    const ended = engine.end("test", "one")!;
    const before = {
      n: Array.from(ended.n),
      c: Array.from({ length: NUM_COUNTS }, (_, c) => ended.get(c)),
    };
    const r2 = ref("two");
    engine.process(r2, pv(10, "/"));
    engine.process(r2, ev(11, "click", { target: "#x" }));
    assert.deepEqual(Array.from(ended.n), before.n);
    assert.deepEqual(
      Array.from({ length: NUM_COUNTS }, (_, c) => ended.get(c)),
      before.c,
    );
    assert.equal(ended.num(F.PageViews), 1);
    assert.equal(ended.get(C.ListingViews), 1);
    assert.equal(ended.num(sigCount(0)), 1, "one rage click");
    assert.equal(ended.get(sigLastIdx(0)), 3, "at the third event");
    assert.deepEqual(slotNames(ended, CATEGORY_SLOTS), ["Shoes"]);
    assert.equal(topSlot(ended, BRAND_SLOTS), "Acme");
    const two = engine.get("test", "two")!;
    assert.equal(two.num(F.PageViews), 1);
    assert.equal(two.get(C.ListingViews), 0, "the reused slot started at zero");
    assert.equal(two.num(sigCount(0)), 0);
    assert.deepEqual(slotNames(two, CATEGORY_SLOTS), []);
  });

  test("text fields read back what was set, before and after the code table is full", () => {
    const s = new SessionState("s", "v", "x");
    s.browser = "Chrome";
    s.os = "macOS";
    s.country = "GB";
    s.lang = "en-GB";
    s.campaign = "spring sale";
    s.pageType = "product";
    assert.deepEqual(
      [s.source, s.device, s.browser, s.os, s.country, s.lang, s.campaign, s.pageType, s.medium],
      ["direct", "other", "Chrome", "macOS", "GB", "en-GB", "spring sale", "product", ""],
    );
    // 70,000 distinct campaigns: past the 65,535 codes, values are kept as strings.
    const many = Array.from({ length: 70_000 }, (_, i) => new SessionState("s", "v", `${i}`));
    many.forEach((m, i) => {
      m.campaign = `c${i}`;
      m.sourceName = `r${i}`;
    });
    many.forEach((m, i) => {
      assert.equal(m.campaign, `c${i}`);
      assert.equal(m.sourceName, `r${i}`);
      assert.equal(m.browser, "");
    });
    s.campaign = "late";
    assert.equal(s.campaign, "late");
    assert.equal(s.browser, "Chrome", "the other half of the word is untouched");
  });
});
