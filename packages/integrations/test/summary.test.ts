import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, test } from "node:test";
import { FRAMEWORK_SEGMENT_IDS, gaClientIdOf, gaSessionIdOf, scrubBatch } from "@intently/engine";
import { hashIdentified, inSegments, summaryOf } from "../src/summary.ts";
import { browserEvents, buyerEvents, endedSession } from "./support/sessions.ts";

const T0 = Date.UTC(2026, 5, 1, 10, 0, 0);
const OPTS = { hashIdentified: false, salt: "salt-1", currency: "EUR" };

describe("session summary", () => {
  test("a buyer's summary: segments, scores, stage, phase, revenue, identity, timestamps", () => {
    const s = endedSession("shop", "s1", buyerEvents(T0, 59.9));
    const end = T0 + 10 * 60_000;
    const sum = summaryOf(s, end, OPTS);
    assert.equal(sum.site, "shop");
    assert.equal(sum.session, "s1");
    assert.equal(sum.visitor, "v-s1");
    assert.equal(sum.identified, "ann@example.com");
    assert.equal(sum.identifiedHashed, false);
    assert.deepEqual([sum.startedAt, sum.lastEventAt, sum.endedAt], [T0, T0 + 90_000, end]);
    assert.equal(sum.segment, "converted");
    assert.equal(sum.phase, "converted");
    assert.equal(sum.purchased, true);
    assert.equal(sum.orders, 1);
    assert.equal(sum.revenue, 59.9);
    assert.equal(sum.currency, "EUR");
    assert.equal(sum.device, "desktop");
    assert.ok(sum.persistedSegments.includes("converted"));
    assert.ok(sum.persistedSegments.every((p) => FRAMEWORK_SEGMENT_IDS.includes(p as never)));
    assert.ok(sum.persistedSegments.length >= 2, "visited more than one segment");
    assert.ok(sum.scores.xC.max >= sum.scores.xC.final);
    assert.deepEqual(sum.experiments, [{ experiment: "hero", variant: "b" }]);
    assert.equal(sum.gaClientId, "987654321.1700000000");
    assert.deepEqual(sum.gaSessions, { TEST123: "1700000500" });
    assert.equal(sum.bot, false);
    // It is plain JSON (the outbox payload).
    assert.deepEqual(JSON.parse(JSON.stringify(sum)), sum);
  });

  test("identified ids are hashed with SHA-256 and the site salt when the site asks", () => {
    const s = endedSession("shop", "s2", buyerEvents(T0));
    const sum = summaryOf(s, T0 + 1, { ...OPTS, hashIdentified: true });
    const expected = createHash("sha256").update("salt-1:ann@example.com").digest("hex");
    assert.equal(sum.identified, expected);
    assert.equal(hashIdentified("ann@example.com", "salt-1"), expected);
    assert.equal(sum.identifiedHashed, true);
    assert.notEqual(
      summaryOf(s, T0 + 1, { ...OPTS, hashIdentified: true, salt: "x" }).identified,
      expected,
    );
  });

  test("an anonymous browser: no identity, no GA cookie, not purchased", () => {
    const sum = summaryOf(endedSession("shop", "s3", browserEvents(T0)), T0 + 1, OPTS);
    assert.equal(sum.identified, null);
    assert.equal(sum.gaClientId, null);
    assert.deepEqual(sum.gaSessions, {});
    assert.equal(sum.purchased, false);
    assert.equal(sum.revenue, 0);
    assert.notEqual(sum.segment, "converted");
  });

  test("GA cookie values and the segment filter", () => {
    assert.equal(gaClientIdOf("GA1.1.123.456"), "123.456");
    assert.equal(gaClientIdOf("GA1.2.123.456"), "123.456");
    assert.equal(gaClientIdOf("123.456"), "123.456");
    assert.equal(gaClientIdOf("nope"), null);
    // The `_ga_<container>` cookie: GS1 (older gtag) and GS2 (current) forms, or the bare id.
    assert.equal(gaSessionIdOf("GS1.1.1700000500.3.1.1700000900.0.0.0"), "1700000500");
    assert.equal(gaSessionIdOf("GS2.1.s1700000500$o3$g1$t1700000900$j0$l0$h0"), "1700000500");
    assert.equal(gaSessionIdOf(1700000500), "1700000500");
    assert.equal(gaSessionIdOf("GS2.1.x$o3"), null);
    assert.equal(gaSessionIdOf("abc"), null);
    const sum = summaryOf(endedSession("shop", "s4", buyerEvents(T0)), T0, OPTS);
    assert.equal(inSegments(sum, []), true);
    assert.equal(inSegments(sum, ["converted"]), true);
    assert.equal(inSegments(sum, ["no-such-segment"]), false);
  });

  test("the tag's GA cookie properties survive the collector's scrubbing; look-alikes do not", () => {
    const batch = {
      events: [
        {
          type: "set",
          t: T0,
          props: {
            ga_client_id: "987654321.1700000000",
            _ga_TEST123: "1700000500",
            // Not GA's forms or names: free text, masked as before.
            _ga_TEST124: "call 1700000500",
            order_ref: "1700000500",
          },
        },
      ],
    };
    scrubBatch(batch as never);
    const props = batch.events[0]!.props;
    assert.equal(props.ga_client_id, "987654321.1700000000");
    assert.equal(props._ga_TEST123, "1700000500");
    assert.notEqual(props._ga_TEST124, "call 1700000500");
    assert.notEqual(props.order_ref, "1700000500");
  });
});
