/**
 * Properties of local days and of the period model, for real IANA zones (DST ones included):
 * every instant is in exactly one local day, that day is the zone's calendar date, and a
 * comparison never sets a partial period against a full one, whatever the clock says.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  canonicalTimeZone,
  comparisonOf,
  DAY_MS,
  RANGES,
  resolvePeriod,
  zoneDays,
} from "../src/index.ts";
import { isoDay } from "../src/local-days.ts";

/** Zones with DST (northern, southern, half-hour), fixed offsets beyond ±12 h, and UTC. */
export const ZONES = [
  "UTC",
  "America/New_York",
  "Europe/London",
  "Australia/Lord_Howe",
  "Australia/Sydney",
  "America/Santiago",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Pacific/Chatham",
  "Pacific/Kiritimati",
  "Pacific/Pago_Pago",
  "America/St_Johns",
];

const HOUR = 3_600_000;
/** 2000-01-01 … 2040-01-01. */
const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) });
const zone = fc.constantFrom(...ZONES);

function intlDate(t: number, tz: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(t);
}

test("time zones: real IANA names are accepted by their canonical name, others refused", () => {
  assert.equal(canonicalTimeZone("America/New_York"), "America/New_York");
  assert.equal(canonicalTimeZone("UTC"), "UTC");
  assert.equal(canonicalTimeZone("Etc/UTC"), "UTC");
  assert.ok(["Asia/Kolkata", "Asia/Calcutta"].includes(String(canonicalTimeZone("Asia/Kolkata"))));
  for (const bad of ["Mars/Olympus", "EST5", "+05:00", "", "america/new york", "../etc"])
    assert.equal(canonicalTimeZone(bad), null, bad);
});

test("every instant is in exactly one local day: its own calendar date, across DST", () => {
  fc.assert(
    fc.property(instant, zone, (t, tz) => {
      const z = zoneDays(tz);
      const d = z.dayOf(t);
      // In the day's range, and in no other (the ranges of d − 1 and d + 1 exclude it).
      assert.ok(z.start(d) <= t && t < z.start(d + 1), `${tz} ${t}`);
      assert.ok(
        !(z.start(d - 1) <= t && t < z.start(d)) && !(z.start(d + 1) <= t && t < z.start(d + 2)),
      );
      // These zones never fall back across midnight: the day is the wall-clock date.
      assert.equal(isoDay(d), intlDate(t, tz), `${tz} ${new Date(t).toISOString()}`);
      // Days are 23 to 25 hours long, in half hours (Lord Howe shifts by 30 minutes).
      const len = z.length(d);
      assert.ok(len >= 23 * HOUR && len <= 25 * HOUR && len % (HOUR / 2) === 0, `${tz} ${len}`);
    }),
    { numRuns: 3000 },
  );
});

test("DST days: 23 and 25 hours in New York and London, 23.5 and 24.5 on Lord Howe", () => {
  const len = (tz: string, date: string) => {
    const z = zoneDays(tz);
    return z.length(Date.parse(`${date}T00:00:00Z`) / DAY_MS) / HOUR;
  };
  assert.equal(len("America/New_York", "2024-03-10"), 23);
  assert.equal(len("America/New_York", "2024-11-03"), 25);
  assert.equal(len("Europe/London", "2024-03-31"), 23);
  assert.equal(len("Europe/London", "2024-10-27"), 25);
  assert.equal(len("Australia/Lord_Howe", "2024-04-07"), 24.5);
  assert.equal(len("Australia/Lord_Howe", "2024-10-06"), 23.5);
  // New York's day starts at 05:00 UTC in winter, 04:00 in summer.
  const ny = zoneDays("America/New_York");
  assert.equal(
    new Date(ny.start(Date.UTC(2024, 0, 15) / DAY_MS)).toISOString(),
    "2024-01-15T05:00:00.000Z",
  );
  assert.equal(
    new Date(ny.start(Date.UTC(2024, 6, 15) / DAY_MS)).toISOString(),
    "2024-07-15T04:00:00.000Z",
  );
});

const request = fc.oneof(
  fc.record({ range: fc.constantFrom(...RANGES) }),
  fc
    .record({ back: fc.integer({ min: -3, max: 500 }), days: fc.integer({ min: 1, max: 120 }) })
    .map(({ back, days }) => ({ back, days })),
);

test("a comparison never sets a partial period against a full one, for any clock time", () => {
  fc.assert(
    fc.property(
      instant,
      zone,
      request,
      fc.constantFrom("previous", "year") as fc.Arbitrary<"previous" | "year">,
      (now, tz, req, compare) => {
        const z = zoneDays(tz);
        const today = z.dayOf(now);
        const p =
          "range" in req
            ? resolvePeriod(tz, now, { range: req.range })
            : resolvePeriod(tz, now, {
                fromDay: today - req.back - req.days + 1,
                toDay: today - req.back + 1,
              });
        // Presets other than "today" are complete days: today is never in them.
        if ("range" in req && req.range !== "today") {
          assert.equal(p.partial, false);
          assert.equal(p.to, z.start(today));
        }
        assert.equal(p.partial, p.to > now);
        const c = comparisonOf(p, compare, now);
        if (c === null) {
          // Only a period with no complete day yet has nothing to compare.
          assert.ok(p.partial && z.dayOf(p.from) >= today);
          return;
        }
        // Both sides complete, as many days, the compared part inside the period and ended.
        assert.equal(c.base.partial, false);
        assert.equal(c.against.partial, false);
        assert.equal(c.base.days, c.against.days);
        assert.ok(c.base.to <= now && c.against.to <= now);
        assert.ok(c.base.from === p.from && c.base.to <= p.to);
        assert.equal(z.dayOf(c.base.to) - z.dayOf(c.base.from), c.base.days);
        if (!p.partial) assert.equal(c.base, p);
        if (compare === "previous") assert.equal(c.against.to, c.base.from);
        else assert.ok(c.against.to <= c.base.from);
      },
    ),
    { numRuns: 2000 },
  );
});

test("last 7 days: the 7 local days before today, against the 7 before them", () => {
  const now = Date.parse("2024-11-05T02:30:00Z"); // 21:30 on 4 Nov in New York
  const p = resolvePeriod("America/New_York", now, { range: "last7" });
  assert.deepEqual(
    [p.firstDate, p.lastDate, p.days, p.partial],
    ["2024-10-28", "2024-11-03", 7, false],
  );
  const c = comparisonOf(p, "previous", now)!;
  assert.deepEqual([c.against.firstDate, c.against.lastDate], ["2024-10-21", "2024-10-27"]);
  // The week holding the DST change is 169 hours long; the comparison week 168.
  assert.equal((p.to - p.from) / HOUR, 169);
  const y = comparisonOf(p, "year", now)!;
  assert.deepEqual([y.against.firstDate, y.against.lastDate], ["2023-10-28", "2023-11-03"]);
  // A custom range through today is partial: compared by its complete days only.
  const q = resolvePeriod("America/New_York", now, {
    fromDay: Date.UTC(2024, 10, 1) / DAY_MS,
    toDay: Date.UTC(2024, 10, 5) / DAY_MS,
  });
  assert.equal(q.partial, true);
  const qc = comparisonOf(q, "previous", now)!;
  assert.deepEqual([qc.base.firstDate, qc.base.lastDate], ["2024-11-01", "2024-11-03"]);
  assert.deepEqual([qc.against.firstDate, qc.against.lastDate], ["2024-10-29", "2024-10-31"]);
  assert.equal(comparisonOf(resolvePeriod("UTC", now, { range: "today" }), "previous", now), null);
});
