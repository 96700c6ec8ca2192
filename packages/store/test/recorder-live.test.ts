/**
 * The recorder's compact live sessions (recorder-live.ts, issue 24): stays and page views packed
 * as codes into one array per session read back as the same strings, times and counts; a count
 * that fills its bits goes on in a second entry without counting the session twice; keys are
 * let go when the last session holding them ends, and their ids are reused.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { FRAMEWORK_SEGMENT_IDS, type SessionState } from "@intently/engine";
import { LiveSessions } from "../src/recorder-live.ts";

const [A, B, C] = FRAMEWORK_SEGMENT_IDS;
const stateOf = (site: string, id: string) => ({ site, id, visitor: `v-${id}` }) as SessionState;

function pagesOf(live: LiveSessions, slot: number) {
  const out: [string, number, boolean][] = [];
  live.pages(slot, (k, v, first) => out.push([k, v, first]));
  return out;
}

test("stays read back in the order they closed, with their segments, times and neighbours", () => {
  const live = new LiveSessions();
  // Other sessions hold (and let go of) custom segments first, so that ids are reused.
  for (let i = 0; i < 30; i++) {
    const s = live.add("site", `other-${i}`, 0);
    live.enterCustom(s, `seg-${i}`, A, 1);
    if (i % 2 === 0) live.remove("site", `other-${i}`, s);
  }
  const slot = live.add("site", "s1", 1_700_000_000_000);
  const t = (k: number) => 1_700_000_000_000 + k * 1_000.5;
  assert.equal(live.touch(slot, t(0)), t(0));
  live.enterFramework(slot, A, null, t(0));
  live.enterCustom(slot, "vip", A, t(1));
  live.enterCustom(slot, "vip", A, t(1.5)); // already open: nothing
  live.enterCustom(slot, "mobile", A, t(2));
  assert.equal(live.leaveFramework(slot, t(3), B), A);
  live.enterFramework(slot, B, A, t(3));
  live.leaveCustom(slot, "vip", t(4), B);
  live.leaveCustom(slot, "never-entered", t(4), B);
  live.countPage(slot, `${B}\u0000/p\u0000product`);
  assert.equal(live.leaveFramework(slot, t(5), C), B);
  live.enterFramework(slot, C, B, t(5));
  assert.equal(live.framework(slot), C);
  assert.equal(live.touch(slot, t(5)), t(5));
  assert.equal(live.touch(slot, t(2)), t(5), "never earlier than the last transition");
  const rows = live.finish(slot, stateOf("site", "s1"), t(6));
  const brief = rows.map((r) => [r.segment, r.enteredAt, r.exitedAt, r.prevSegment, r.nextSegment]);
  assert.deepEqual(brief, [
    [A, t(0), t(3), null, B],
    ["vip", t(1), t(4), A, B],
    [B, t(3), t(5), A, C],
    [C, t(5), t(6), B, null],
    ["mobile", t(2), t(6), A, null],
  ]);
  for (const r of rows) assert.deepEqual([r.site, r.session, r.visitor], ["site", "s1", "v-s1"]);
  assert.deepEqual(pagesOf(live, slot), [[`${B}\u0000/p\u0000product`, 1, true]]);
  live.remove("site", "s1", slot);
  assert.equal(live.find("site", "s1"), -1);
  for (let i = 1; i < 30; i += 2)
    live.remove("site", `other-${i}`, live.find("site", `other-${i}`));
  assert.equal(live.size, 0);
  assert.equal(live.heldKeys, 0);
});

test("a full view count goes on in a second entry; the session counts once per key", () => {
  const live = new LiveSessions(2); // at most 3 views an entry
  const a = live.add("site", "a", 0);
  const b = live.add("site", "b", 0);
  for (let i = 0; i < 10; i++) {
    live.countPage(a, "k1");
    if (i % 4 === 0) live.countPage(a, "k2");
  }
  live.countPage(b, "k2");
  assert.deepEqual(pagesOf(live, a), [
    ["k1", 3, true],
    ["k2", 3, true],
    ["k1", 3, false],
    ["k1", 3, false],
    ["k1", 1, false],
  ]);
  assert.deepEqual(pagesOf(live, b), [["k2", 1, true]]);
  live.remove("site", "a", a);
  assert.equal(live.heldKeys, 1, "k2 is still held by b");
  live.countPage(b, "k3");
  assert.deepEqual(pagesOf(live, b), [
    ["k2", 1, true],
    ["k3", 1, true],
  ]);
  live.remove("site", "b", b);
  assert.equal(live.heldKeys, 0);
});
