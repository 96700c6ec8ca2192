import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { F } from "@intently/engine";
import { createCollectorPlugin } from "../src/collector/index.ts";
import {
  makeBatch,
  post,
  SITE,
  startCollector,
  type TestServer,
} from "./support-collector/helpers.ts";

describe("collector: rate limits", () => {
  let t: TestServer;
  before(async () => {
    t = await startCollector(
      createCollectorPlugin({
        visitorRate: { perSecond: 0.5, burst: 3 },
        siteRate: { perSecond: 1000, burst: 1000 },
      }),
    );
  });
  after(() => t.stop());

  test("a visitor over its rate gets 429 with Retry-After; others are unaffected", async () => {
    const first = makeBatch();
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof post>> | null = null;
    for (let i = 0; i < 6; i++) {
      const r = await post(t.url, makeBatch({ visitor: first.visitor, session: first.session }));
      statuses.push(r.status);
      if (r.status === 429) limited ??= r;
    }
    assert.deepEqual(statuses.slice(0, 3), [200, 200, 200]);
    assert.ok(limited, `statuses ${statuses}`);
    assert.equal(limited.body.error, "rate limited");
    const after = Number(limited.headers.get("retry-after"));
    assert.ok(Number.isInteger(after) && after >= 1);
    assert.equal(limited.headers.get("access-control-allow-origin"), "https://shop.example");
    // Refused batches changed nothing: 3 accepted batches of 2 events.
    assert.equal(t.server.ctx.host.engine.get(SITE.id, first.session)?.n[F.Events], 6);
    assert.equal((await post(t.url, makeBatch())).status, 200);
  });
});

describe("collector: site rate limit", () => {
  let t: TestServer;
  before(async () => {
    t = await startCollector(createCollectorPlugin({ siteRate: { perSecond: 0.1, burst: 2 } }));
  });
  after(() => t.stop());

  test("a site over its rate gets 429", async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(t.url, makeBatch())).status);
    assert.deepEqual(statuses, [200, 200, 429, 429]);
  });
});

describe("collector: overload", () => {
  let t: TestServer;
  before(async () => {
    // A log queue limit below zero: every request finds the log "full".
    t = await startCollector(createCollectorPlugin({ maxPendingLogBytes: -1 }));
  });
  after(() => t.stop());

  test("503 with Retry-After before the body is read, and no state change", async () => {
    const b = makeBatch();
    const r = await post(t.url, b);
    assert.equal(r.status, 503);
    assert.equal(r.body.error, "overloaded");
    assert.equal(r.headers.get("retry-after"), "2");
    assert.equal(t.server.ctx.host.engine.get(SITE.id, b.session), undefined);
  });
});
