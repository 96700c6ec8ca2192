import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { type EventLine, validateEventLine } from "@intently/engine";
import fc from "fast-check";
import { simulate, simulateSessions } from "../src/index.ts";
import { DAY_MS } from "../src/schedule.ts";
import { simulateNdjson } from "../src/simulate.ts";

function digest(opts: Parameters<typeof simulateNdjson>[0]): string {
  const h = createHash("sha256");
  for (const line of simulateNdjson(opts)) h.update(`${line}\n`);
  return h.digest("hex");
}

describe("simulate: stream", () => {
  it("is deterministic by seed: same options ⇒ identical NDJSON, other seed ⇒ different", () => {
    const a = digest({ sessions: 400, seed: 1 });
    assert.equal(digest({ sessions: 400, seed: 1 }), a);
    assert.notEqual(digest({ sessions: 400, seed: 2 }), a);
  });

  it("yields lines in global time order, each valid, context and truth on first lines only", () => {
    const seen = new Set<string>();
    let last = Number.NEGATIVE_INFINITY;
    let lines = 0;
    for (const line of simulate({ sessions: 1500, seed: 3 })) {
      lines += 1;
      assert.ok(line.event.t >= last, `line ${lines} goes back in time`);
      last = line.event.t;
      const res = validateEventLine(JSON.parse(JSON.stringify(line)));
      assert.ok(
        res.ok,
        `invalid line ${JSON.stringify(line)}: ${JSON.stringify(!res.ok && res.issues)}`,
      );
      const first = !seen.has(line.session);
      seen.add(line.session);
      assert.equal(line.context !== undefined, first);
      assert.equal(line.truth !== undefined, first);
      assert.match(line.session, /^s_\d+$/);
      assert.match(line.visitor, /^v_\d+$/);
      assert.equal(line.site, "demo");
    }
    assert.equal(seen.size, 1500);
    assert.ok(lines > 1500 * 8);
  });

  it("keeps every session's events strictly increasing in time", () => {
    for (const s of simulateSessions({ sessions: 800, seed: 4 })) {
      for (let i = 1; i < s.events.length; i++) assert.ok(s.events[i]!.t > s.events[i - 1]!.t);
      assert.equal(s.events[0]!.t, s.start);
      assert.equal(s.events[0]!.type, "page_view");
      assert.ok(s.end - s.start < 3 * 3_600_000);
    }
  });

  it("holds for any seed, site and small session count (property)", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 0, max: 25 }),
        fc.constantFrom("demo", "pk_test_1"),
        (seed, n, site) => {
          const lines: EventLine[] = [...simulate({ sessions: n, seed, site, days: 1 })];
          const again = [...simulateNdjson({ sessions: n, seed, site, days: 1 })];
          assert.deepEqual(
            lines.map((l) => JSON.stringify(l)),
            again,
          );
          assert.equal(new Set(lines.map((l) => l.session)).size, n);
          for (let i = 1; i < lines.length; i++)
            assert.ok(lines[i]!.event.t >= lines[i - 1]!.event.t);
          for (const l of lines) assert.ok(validateEventLine(JSON.parse(JSON.stringify(l))).ok);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("starts sessions within [start, start + days) following a diurnal curve", () => {
    const start = Date.UTC(2025, 0, 6);
    const byHour = new Array<number>(24).fill(0);
    let prev = 0;
    for (const s of simulateSessions({ sessions: 6000, seed: 5, start, days: 3 })) {
      assert.ok(s.start >= start && s.start < start + 3 * DAY_MS);
      assert.ok(s.start >= prev);
      prev = s.start;
      byHour[new Date(s.start).getUTCHours()]! += 1;
    }
    const evening = byHour[19]! + byHour[20]! + byHour[21]!;
    const night = byHour[2]! + byHour[3]! + byHour[4]!;
    assert.ok(evening > 5 * night, `evening ${evening} vs night ${night}`);
  });

  it("streams lazily: the first lines of a million sessions come at once", () => {
    const t0 = performance.now();
    let n = 0;
    for (const _ of simulate({ sessions: 1_000_000, seed: 6 })) if (++n >= 200) break;
    assert.ok(performance.now() - t0 < 2000);
  });
});
