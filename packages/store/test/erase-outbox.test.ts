/**
 * Erasure reaches the integrations outbox (DuckDB): a visitor's session summaries still waiting
 * there, dead-lettered or kept after delivery are deleted with the rest of their data, and
 * counted; other visitors' and other sites' messages stay.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { NewOutboxMessage } from "../src/index.ts";
import { SITE, T0 } from "./fixture.ts";
import { fixtureStore } from "./helpers.ts";

/** A message as the integrations enqueue it: the payload is the session summary. */
const msg = (site: string, visitor: string, session: string, dest = "wh"): NewOutboxMessage => ({
  key: `${site}:${session}:${dest}`,
  site,
  destination: dest,
  payload: JSON.stringify({ version: 1, site, session, visitor, segment: "focused-browsers" }),
});

test("erasing a visitor deletes their outbox messages, pending, dead or delivered", async () => {
  const store = await fixtureStore();
  try {
    await store.outbox.enqueue(
      [
        msg(SITE, "v1", "s1"),
        msg(SITE, "v1", "s4"),
        msg(SITE, "v1", "s1", "klaviyo"),
        msg(SITE, "v2", "s2"),
        msg("elsewhere", "v1", "x1"), // same visitor id on another site: not this erasure's
        // A payload that is not JSON (never written so) does not block the erasure.
        { key: `${SITE}:broken:wh`, site: SITE, destination: "wh", payload: "not json" },
      ],
      T0,
    );
    const at = T0 + 60_000;
    await store.outbox.settle(`${SITE}:s4:wh`, {
      kind: "dead",
      at,
      status: 500,
      error: "HTTP 500",
    });
    await store.outbox.settle(`${SITE}:s1:klaviyo`, { kind: "delivered", at, status: 202 });

    const r = await store.eraseVisitor(SITE, "v1");
    assert.equal(r.outbox, 3);
    assert.equal(r.sessions, 2, "s1 and s4 from the fixture");
    const left = (await store.outbox.list()).map((m) => m.key).sort();
    assert.deepEqual(left, ["elsewhere:x1:wh", `${SITE}:broken:wh`, `${SITE}:s2:wh`]);
    const [m] = await store.outbox.metrics(at, SITE);
    assert.equal(m!.dead, 0, "the dead letter is gone from the metrics too");

    assert.equal((await store.eraseVisitor(SITE, "v1")).outbox, 0, "idempotent");
    // Quotes in a visitor id are data, not SQL.
    await store.outbox.enqueue([msg(SITE, "o'brien\"", "s-q")], T0);
    assert.equal((await store.eraseVisitor(SITE, "o'brien\"")).outbox, 1);
  } finally {
    await store.close();
  }
});
