/**
 * The store's writes are idempotent by key (duckdb/replace.ts, issue 23 item 2): whatever rows a
 * recovery writes again, in whatever flushes, the tables and rollups are those of writing each
 * row once. A session id that starts again is a session of its own, and identical events of one
 * flush are all kept.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { DuckDbStore } from "../src/index.ts";
import type { EventRow, IntervalRow, SessionRow } from "../src/rows.ts";
import { eventsOf, H, rowsOf, SPECS } from "./fixture.ts";

interface Rows {
  session: SessionRow;
  intervals: IntervalRow[];
  events: EventRow[];
}

const ALL: Rows[] = SPECS.map((s) => ({ ...rowsOf(s), events: eventsOf(s) }));

function write(store: DuckDbStore, rows: readonly Rows[]): void {
  for (const r of rows) {
    store.writeEvents(r.events);
    store.writeSessions([r.session]);
    store.writeIntervals(r.intervals);
  }
}

const TABLES = [
  "sessions",
  "intervals",
  "events",
  "segment_daily",
  "dimension_daily",
  "phase_daily",
  "flow_daily",
  "pair_daily",
];

/** Every table's rows (rollups compacted), doubles rounded: sums in another order may differ. */
async function contents(store: DuckDbStore): Promise<Record<string, unknown[]>> {
  await store.flush();
  await store.compact();
  const out: Record<string, unknown[]> = {};
  const round = (v: unknown) => (typeof v === "number" ? Math.round(v * 1e6) / 1e6 : v);
  for (const t of TABLES) {
    const rows = await store.db.query(`SELECT * FROM ${t} ORDER BY ALL`);
    out[t] = rows
      .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v)])))
      .filter((r) => t !== "segment_daily" || Number(r.sessions) !== 0);
  }
  return out;
}

test("rows written again, in any flushes, leave the store as if written once", async () => {
  const once = await DuckDbStore.open(null);
  write(once, ALL);
  const expected = await contents(once);
  await once.close();
  assert.ok((expected.sessions?.length ?? 0) > 3 && (expected.events?.length ?? 0) > 3);

  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.uniqueArray(fc.integer({ min: 0, max: ALL.length - 1 }), { maxLength: 8 }), {
        minLength: 1,
        maxLength: 4,
      }),
      fc.uniqueArray(fc.integer({ min: 0, max: ALL.length - 1 }), { maxLength: 4 }),
      async (again, endedTwice) => {
        const store = await DuckDbStore.open(null);
        try {
          // Some sessions end twice in the first flush: their last rows count, once.
          write(store, ALL);
          for (const i of endedTwice) {
            store.writeSessions([ALL[i]!.session]);
            store.writeIntervals(ALL[i]!.intervals);
          }
          await store.flush();
          // Each inner list is one later flush of rows already stored (a recovery's).
          for (const flush of again) {
            write(
              store,
              flush.map((i) => ALL[i]!),
            );
            await store.flush();
          }
          assert.deepEqual(await contents(store), expected);
        } finally {
          await store.close();
        }
      },
    ),
    { numRuns: 8 },
  );
});

test("a session id that starts again is kept; identical events of one flush are kept", async () => {
  const store = await DuckDbStore.open(null);
  try {
    const first = ALL[0]!;
    const later = first.session.startedAt + 2 * H;
    const restarted: Rows = {
      session: {
        ...first.session,
        startedAt: later,
        lastEventAt: later + 60_000,
        endedAt: later + 120_000,
      },
      intervals: first.intervals.map((iv) => ({
        ...iv,
        sessionStart: later,
        enteredAt: iv.enteredAt + 2 * H,
        exitedAt: iv.exitedAt + 2 * H,
      })),
      events: [first.events[0]!, first.events[0]!].map((e) => ({ ...e, t: later + 1000 })),
    };
    write(store, [first]);
    await store.flush();
    write(store, [restarted]);
    await store.flush();
    write(store, [first, restarted]);
    await store.flush();
    const [s] = await store.db.query(
      `SELECT count(*) AS n FROM sessions WHERE session = '${first.session.session}'`,
    );
    assert.equal(s!.n, 2);
    const [e] = await store.db.query(
      `SELECT count(*) AS n FROM events WHERE session = '${first.session.session}'`,
    );
    assert.equal(e!.n, first.events.length + 2);
  } finally {
    await store.close();
  }
});
