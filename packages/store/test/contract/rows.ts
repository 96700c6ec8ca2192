/**
 * Rows: events, sessions and intervals (segment memberships) written through the buffered
 * RowSink are stored once flushed, counted, tallied per session, and found by end and identity.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { StoreWrite } from "../../src/store.ts";
import { eventsOf, rowsOf, SITE, SPECS, T0, writeFixture } from "../fixture.ts";
import { type MakeStore, storePerSuite } from "./support.ts";

const INTERVALS = SPECS.flatMap((s) => rowsOf(s).intervals).length;

export function rowsContract(make: MakeStore): void {
  describe("rows: events, sessions, intervals", () => {
    const writes: StoreWrite[] = [];
    const store = storePerSuite(make);

    test("an empty store", async () => {
      const s = await store().stats();
      assert.deepEqual(
        [s.events, s.sessions, s.intervals, s.pageViews, s.pending],
        [0, 0, 0, 0, 0],
      );
      assert.deepEqual(await store().sessionTallies(SITE), []);
      assert.deepEqual(await store().sessionEndsSince(0), []);
    });

    test("written rows are stored once flushed, and each flush is reported", async () => {
      const stop = store().onWrite((w) => writes.push(w));
      await writeFixture(store());
      stop();
      assert.equal(store().pendingRows(), 0);
      assert.ok(writes.length > 0 && writes.every((w) => w.ok && w.rows > 0));
      const s = await store().stats();
      assert.equal(s.events, SPECS.length * 2);
      assert.equal(s.sessions, SPECS.length);
      assert.equal(s.intervals, INTERVALS);
      assert.equal(s.pending, 0);
    });

    test("tallies per session: events, distinct events, session rows", async () => {
      const t = await store().sessionTallies(SITE);
      assert.deepEqual(
        t.map((x) => x.session),
        SPECS.map((s) => s.id).sort(),
      );
      assert.ok(t.every((x) => x.events === 2 && x.distinctEvents === 2 && x.sessionRows === 1));
      // Writes are idempotent (a batch written again after a crash): the same event and session
      // row again are stored once.
      const first = rowsOf(SPECS[0]!);
      store().writeEvents(eventsOf(SPECS[0]!));
      store().writeSessions([first.session]);
      store().writeIntervals(first.intervals);
      assert.deepEqual(await store().sessionTallies(SITE), t);
      assert.equal((await store().stats()).intervals, INTERVALS);
      assert.deepEqual(await store().sessionTallies("no-such-site"), []);
    });

    test("session ends since a time", async () => {
      await store().flush();
      const ends = await store().sessionEndsSince(T0);
      const expected = SPECS.map((s) => rowsOf(s).session)
        .filter((r) => r.endedAt >= T0)
        .map((r) => [r.site, r.session, r.endedAt])
        .sort();
      assert.deepEqual([...ends].sort(), expected);
    });

    test("identities: a visitor's identified hashes, and the visitors of a hash", async () => {
      const base = rowsOf(SPECS[0]!).session;
      store().writeSessions([
        { ...base, session: "id-1", visitor: "vx", identifiedHash: "h1" },
        { ...base, session: "id-2", visitor: "vy", identifiedHash: "h1" },
        { ...base, session: "id-3", visitor: "vy", identifiedHash: "h2" },
      ]);
      assert.deepEqual(await store().identitiesOf(SITE, "vy"), ["h1", "h2"]);
      assert.deepEqual(await store().identitiesOf(SITE, "nobody"), []);
      assert.deepEqual(await store().visitorsByIdentity(SITE, ["h1"]), ["vx", "vy"]);
      assert.deepEqual(await store().visitorsByIdentity(SITE, []), []);
      assert.deepEqual(await store().visitorsByIdentity("other", ["h1"]), []);
    });
  });
}
