/**
 * How the ClickHouse store identifies events (src/clickhouse/writer.ts), without a server: the
 * same content has the same key whoever the visitor and whatever the bot flag, identical events
 * of one flush are numbered so all are kept, and the JSON facts data quality reads are taken
 * from the event once.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { eventInserts } from "../src/clickhouse/writer.ts";
import type { EventRow } from "../src/rows.ts";

const E: EventRow = {
  site: "s",
  session: "x",
  visitor: "v",
  t: 1000,
  type: "add_to_cart",
  pageUrl: "https://shop.example/p/1",
  pageType: "product",
  items: '[{"id":"a","price":3}]',
  value: 3,
  data: null,
  bot: false,
};

test("an event's key is its content; identical events of a flush are numbered", () => {
  const [a, b, c, d] = eventInserts([E, { ...E, visitor: "w", bot: true }, { ...E, t: 1001 }, E]);
  assert.equal(a!.ek, b!.ek, "visitor and bot flag are not content");
  assert.notEqual(a!.ek, c!.ek);
  assert.deepEqual(
    [a, b, c, d].map((e) => e!.copy),
    [0, 1, 0, 2],
  );
  // The same flush written again gets the same keys and numbers (replaced, not added).
  assert.deepEqual(
    eventInserts([E, E]).map((e) => [e.ek, e.copy]),
    [
      [a!.ek, 0],
      [a!.ek, 1],
    ],
  );
  const other = { pageUrl: null, pageType: null, items: null, value: null, data: "{}", type: "x" };
  for (const [field, v] of Object.entries({ ...other, session: "y", site: "t" }))
    assert.notEqual(eventInserts([{ ...E, [field]: v }])[0]!.ek, a!.ek, field);
});

test("the dataLayer format and ambiguous amounts are read from the event's JSON", () => {
  const facts = (e: Partial<EventRow>) => {
    const [r] = eventInserts([{ ...E, ...e }]);
    return [r!.source, r!.ambiguous];
  };
  assert.deepEqual(facts({}), [null, false]);
  assert.deepEqual(facts({ data: '{"source":"ga4"}' }), ["ga4", false]);
  assert.deepEqual(facts({ data: '{"nested":{"source":"x"}}' }), [null, false]);
  assert.deepEqual(facts({ data: '{"value_raw":"1,5"}' }), [null, true]);
  assert.deepEqual(facts({ data: '{"value_raw":null}' }), [null, true]);
  assert.deepEqual(facts({ items: '[{"price_raw":"2,5"}]' }), [null, true]);
  assert.deepEqual(facts({ data: "not json" }), [null, false]);
  assert.deepEqual(facts({ data: "[1]" }), [null, false]);
});
