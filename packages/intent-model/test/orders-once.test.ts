/**
 * Model labels count an order once per site (issue 19): a later session whose only purchase is an
 * order an earlier session had (a reloaded thank-you page, another visitor after a cookie reset)
 * is not a buyer; it is left out and counted.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { EventLine } from "@intently/engine";
import { buildDataset, groupSessions } from "../src/index.ts";

const T0 = Date.UTC(2026, 0, 1);

function session(site: string, id: string, start: number, orders: (string | null)[]): EventLine[] {
  const line = (sec: number, event: Record<string, unknown>) =>
    ({
      site,
      visitor: `v-${id}`,
      session: id,
      event: { t: start + sec * 1000, ...event },
    }) as EventLine;
  return [
    line(0, { type: "page_view", page: { url: "https://shop.test/p/1", type: "product" } }),
    line(5, { type: "add_to_cart", items: [{ id: "a", price: 10 }] }),
    ...orders.map((o, i) =>
      line(20 + i, { type: "purchase", value: 10, ...(o ? { transaction_id: o } : {}) }),
    ),
  ];
}

test("a session repeating another session's order is no buyer; new and id-less orders are", async () => {
  const lines = [
    ...session("s", "a", T0, ["T1"]),
    ...session("s", "b", T0 + 3_600_000, ["T1", "T1"]), // repeats a's order only
    ...session("s", "c", T0 + 7_200_000, ["T1", "T2"]), // one new order: a buyer
    ...session("s", "d", T0 + 9_000_000, [null]), // no id: always an order
    ...session("other", "e", T0 + 9_500_000, ["T1"]), // another site's T1 is its own
  ];
  const d = buildDataset(await groupSessions(lines));
  assert.equal(d.repeatedOrders, 1);
  assert.deepEqual(
    d.sessions.map((s) => [s.key.split("\u0000")[1], s.purchased]),
    [
      ["a", true],
      ["c", true],
      ["d", true],
      ["e", true],
    ],
  );
});
