/**
 * Session groups (what a condition estimate evaluates) on a real DuckDB holding the fixture.
 * Current period: s1–s7 (s8, a bot, is left out): mobile s1 s3 s4; desktop s2 s5 s6 s7.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { dataPoint, FRAMEWORK_SEGMENT_IDS } from "@intently/engine";
import { FIELD_SQL } from "../src/duckdb/session-groups.ts";
import {
  DAY_MS,
  type DuckDbStore,
  pieceValue,
  RECORDED_FIELDS,
  type SessionGroup,
  SUGGESTED_FIELDS,
  sortedCuts,
} from "../src/index.ts";
import { PERIOD, T0 } from "./fixture.ts";
import { fixtureStore } from "./helpers.ts";

/** key(s) → sessions, keys joined by "|". */
const byKey = (groups: SessionGroup[]) =>
  Object.fromEntries(
    groups.map((g) => [g.keys.map((k) => JSON.stringify(k)).join("|"), g.sessions]),
  );

const total = (groups: SessionGroup[]) => groups.reduce((n, g) => n + g.sessions, 0);

describe("session groups", () => {
  let store: DuckDbStore;
  before(async () => {
    store = await fixtureStore();
  });
  after(() => store.close());

  test("every recorded field is a data point of the catalogue with an SQL expression", () => {
    assert.deepEqual(Object.keys(FIELD_SQL).sort(), [...RECORDED_FIELDS].sort());
    for (const f of RECORDED_FIELDS) assert.ok(dataPoint(f), f);
    for (const f of SUGGESTED_FIELDS) assert.ok(RECORDED_FIELDS.includes(f), f);
  });

  test("values as they are, bots and other periods left out", async () => {
    const g = await store.queries.sessionGroups(PERIOD, [{ field: "deviceType" }], false);
    assert.deepEqual(byKey(g), { '"mobile"': 3, '"desktop"': 4 });
    const exps = await store.queries.sessionGroups(PERIOD, [{ field: "experiments" }], false);
    assert.equal(byKey(exps)['["exp1:treatment","hero:b"]'], 2);
    assert.deepEqual(
      byKey(await store.queries.sessionGroups(PERIOD, [{ field: "isBot" }], false)),
      { false: 7 },
    );
    const lastWeek = { ...PERIOD, from: T0 - 7 * DAY_MS, to: T0 };
    assert.equal(total(await store.queries.sessionGroups(lastWeek, [], false)), 2);
    const empty = { ...PERIOD, from: T0 + 10 * DAY_MS, to: T0 + 11 * DAY_MS };
    assert.deepEqual(await store.queries.sessionGroups(empty, [], false), []);
  });

  test("numbers reduced to the pieces between cut points", async () => {
    const cuts = sortedCuts([100, 50, 100]);
    assert.deepEqual(cuts, [50, 100]);
    const g = await store.queries.sessionGroups(PERIOD, [{ field: "revenue", cuts }], false);
    // below 50: s1 s4 s5 s6; at 50: s7; at 100: s2; above 100: s3 (150).
    assert.deepEqual(byKey(g), { 0: 4, 1: 1, 3: 1, 4: 1 });
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((k) => pieceValue(cuts, k)),
      [0, 50, 75, 100, 200],
    );
    assert.equal(pieceValue([], 0), 0);
    assert.ok(pieceValue([-1e300], 0) < -1e300 && pieceValue([1e300], 2) > 1e300);
    const noCuts = await store.queries.sessionGroups(PERIOD, [{ field: "xC", cuts: [] }], false);
    assert.deepEqual(byKey(noCuts), { 0: 7 });
    // Fractions compare as the same doubles: xC final 0.05 (s1), 0.2 (s6), 0.3 (s5), 1 (s2 s3 s7).
    const xc = await store.queries.sessionGroups(
      PERIOD,
      [{ field: "xC", cuts: [0.05, 0.3] }],
      false,
    );
    assert.deepEqual(byKey(xc), { 0: 1, 1: 1, 2: 1, 3: 1, 4: 3 });
  });

  test("strings reduced to the listed values or null", async () => {
    const g = await store.queries.sessionGroups(
      PERIOD,
      [{ field: "country", values: ["GB", "XX"] }, { field: "visitorType" }],
      false,
    );
    assert.deepEqual(byKey(g), {
      '"GB"|"new"': 2, // s1 s6
      '"GB"|"returning"': 2, // s2 s4
      'null|"new"': 2,
      'null|"returning"': 1,
    });
    const none = await store.queries.sessionGroups(PERIOD, [{ field: "os", values: [] }], false);
    assert.deepEqual(byKey(none), { null: 7 });
  });

  test("the framework segments ever entered, as a bitmask", async () => {
    const g = await store.queries.sessionGroups(PERIOD, [{ field: "frustrationCount" }], true);
    assert.equal(total(g), 7);
    const bit = (id: string) => 1 << FRAMEWORK_SEGMENT_IDS.indexOf(id as never);
    const everStruggling = g
      .filter((x) => x.frameworkSeen & bit("struggling-buyers"))
      .map((x) => [x.keys[0], x.sessions]);
    // Only s3 was ever a struggling buyer (rage clicks 3 + form error 1).
    assert.deepEqual(everStruggling, [[4, 1]]);
  });

  test("the most frequent values of string fields", async () => {
    const top = await store.queries.topValues(PERIOD, ["deviceType", "country", "medium"], 3);
    assert.deepEqual(top, {
      deviceType: ["desktop", "mobile"],
      country: ["GB", "DE", "FR"],
      medium: [],
    });
    assert.deepEqual(await store.queries.topValues(PERIOD, [], 3), {});
  });

  test("a field the row does not record is refused", async () => {
    await assert.rejects(
      store.queries.sessionGroups(PERIOD, [{ field: "cartValue" }], false),
      /does not record "cartValue"/,
    );
  });
});
