import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { type EventLine, validateEventLine } from "@intently/engine";
import { OTTO_SESSION_GAP_MS } from "../src/importers/otto.ts";
import { parseRees46Time } from "../src/importers/rees46.ts";
import { importOtto, importRees46, newStats } from "../src/index.ts";

const OTTO = new URL("../../../../shared/data/otto-sample/train.jsonl", import.meta.url);

async function collect(gen: AsyncGenerator<EventLine>): Promise<EventLine[]> {
  const out: EventLine[] = [];
  for await (const l of gen) out.push(l);
  return out;
}

describe("OTTO importer", () => {
  test("the shared sample: 20 users, 862 events, every line valid, sessions split on 30-minute gaps", async () => {
    const text = readFileSync(OTTO, "utf8");
    const stats = newStats();
    const lines = await collect(importOtto(text.split("\n"), stats));
    assert.equal(stats.rows, 20);
    assert.equal(stats.badRows, 0);
    for (const l of lines) assert.ok(validateEventLine(l).ok, JSON.stringify(l));
    const byType = (t: string) => lines.filter((l) => l.event.type === t);
    assert.equal(byType("page_view").length, 800); // every click
    // 52 carts and 10 orders in the file; same-timestamp baskets become one event with items.
    const items = (t: string) =>
      byType(t).reduce((n, l) => n + ("items" in l.event ? (l.event.items?.length ?? 0) : 0), 0);
    assert.equal(items("add_to_cart"), 52);
    assert.equal(items("purchase"), 10);
    assert.equal(new Set(lines.map((l) => l.visitor)).size, 20);
    // Within a re-sessionised session, no gap exceeds 30 minutes; events are in time order.
    const bySession = new Map<string, number[]>();
    for (const l of lines)
      bySession.set(l.session, [...(bySession.get(l.session) ?? []), l.event.t]);
    for (const ts of bySession.values()) {
      for (let i = 1; i < ts.length; i++) {
        assert.ok(ts[i]! >= ts[i - 1]!);
        assert.ok(ts[i]! - ts[i - 1]! <= OTTO_SESSION_GAP_MS);
      }
    }
    assert.ok(bySession.size > 20, "four-week users split into many visits");
  });

  test("CRLF endings, a truncated last line and bad events are skipped and counted", async () => {
    const text = readFileSync(OTTO, "utf8").split("\n").filter(Boolean);
    const mangled = [
      ...text.slice(0, 3),
      '{"session": 5, "events": [{"aid": 1, "ts": 1659304800025, "type": "clicks"}, {"aid": "x", "ts": 1, "type": "clicks"}, {"aid": 2, "ts": 1659304800026, "type": "wishlist"}]}',
      "not json",
      '{"session": "seven", "events": []}',
      text[3]!.slice(0, 40),
    ].join("\r\n");
    const stats = newStats();
    const lines = await collect(importOtto(mangled.split("\n"), stats));
    assert.equal(stats.rows, 7);
    assert.equal(stats.badRows, 5); // 2 bad events + bad JSON + bad session + truncated line
    assert.ok(lines.length > 0);
    assert.ok(lines.some((l) => l.visitor === "u5"));
  });
});

describe("REES46 importer", () => {
  const header =
    "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";
  const rows = [
    "2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,72d76fde-8bb3-4e00-8c23-a032dfed738c",
    "2019-10-01 00:00:05 UTC,cart,44600062,2103807459595387724,beauty.skin,shiseido,35.79,541312140,72d76fde-8bb3-4e00-8c23-a032dfed738c",
    "2019-10-01 00:01:00 UTC,purchase,44600062,2103807459595387724,beauty.skin,shiseido,35.79,541312140,72d76fde-8bb3-4e00-8c23-a032dfed738c",
    "2019-10-01 00:01:30 UTC,remove_from_cart,1,2,,,1.00,9,s2",
    "yesterday,view,1,2,,,1.00,9,s2",
    "2019-10-01 00:02:00 UTC,wishlist,1,2,,,1.00,9,s2",
    "2019-10-01 00:02:00 UTC,view,1,2,,,",
  ];

  test("maps event types, keeps items, skips bad rows with reasons (CRLF, truncated last line)", async () => {
    const text = [header, ...rows].join("\r\n");
    const stats = newStats();
    const lines = await collect(importRees46(text.split("\n"), stats));
    assert.equal(stats.rows, 7);
    assert.equal(stats.badRows, 3);
    assert.deepEqual(
      stats.reasons.map((r) => r.row),
      [6, 7, 8],
    );
    assert.deepEqual(
      lines.map((l) => l.event.type),
      ["page_view", "view_item", "add_to_cart", "purchase", "remove_from_cart"],
    );
    for (const l of lines) assert.ok(validateEventLine(l).ok);
    const purchase = lines[3]!.event as {
      value?: number;
      items?: { category?: string; brand?: string }[];
    };
    assert.equal(purchase.value, 35.79);
    assert.equal(purchase.items?.[0]?.category, "beauty");
    assert.equal(purchase.items?.[0]?.brand, "shiseido");
    assert.equal(lines[0]!.session, "72d76fde-8bb3-4e00-8c23-a032dfed738c");
  });

  test("times: the published format and ISO", () => {
    assert.equal(parseRees46Time("2019-10-01 00:00:04 UTC"), Date.UTC(2019, 9, 1, 0, 0, 4));
    assert.equal(parseRees46Time("2019-10-01T00:00:04Z"), Date.UTC(2019, 9, 1, 0, 0, 4));
    assert.ok(Number.isNaN(parseRees46Time("01/10/2019")));
  });
});
