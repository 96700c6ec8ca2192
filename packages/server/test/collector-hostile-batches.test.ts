/**
 * Hostile batches (issue 13): a batch id reused with other content (409, also after a restart),
 * NUL and unpaired surrogates in ids and strings (400 naming the field), event times outside
 * the accepted window (400 naming the event).
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { readLog } from "../src/collector/index.ts";
import {
  addToCart,
  makeBatch,
  post,
  productView,
  SITE,
  startCollector,
  type TestServer,
  tempDir,
} from "./support-collector/helpers.ts";

const HOUR = 3_600_000;

function copiesLogged(dataDir: string, batch: string): number {
  let n = 0;
  for (const e of readLog(join(dataDir, "log")))
    if (e.record.k === "b" && e.record.batch === batch) n++;
  return n;
}

describe("collector: a batch id reused with different content", () => {
  const dataDir = tempDir();
  let t: TestServer | null = null;
  after(async () => {
    await t?.server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("409 for other content; a retry with a new sentAt is still a duplicate, also after a restart", async () => {
    t = await startCollector(undefined, dataDir);
    const b = makeBatch();
    assert.equal((await post(t.url, b)).status, 200);
    // The tag stamps sentAt anew on every attempt: that is a retry, not other content.
    const retry = await post(t.url, { ...b, sentAt: b.sentAt + 1500 });
    assert.equal(retry.status, 200);
    assert.equal(retry.headers.get("intently-duplicate"), "1");
    // Same id, other events: refused, never applied or logged.
    const other = { ...b, events: [addToCart(b.sentAt - 10, "SKU9")] };
    const r = await post(t.url, other);
    assert.equal(r.status, 409);
    assert.match(String(r.body.error), /different content/);
    assert.equal(r.body.batch, b.batch);
    // Other context or visitor is other content too.
    assert.equal((await post(t.url, { ...b, visitor: "v_other" })).status, 409);
    assert.equal(
      (await post(t.url, { ...b, context: { url: "https://shop.example/x" } })).status,
      409,
    );

    // The content hash is logged with the batch: the index rebuilt at start knows it.
    await t.server.close();
    t = await startCollector(undefined, dataDir);
    assert.equal((await post(t.url, other)).status, 409);
    const after = await post(t.url, { ...b, sentAt: b.sentAt + 9000 });
    assert.equal(after.status, 200);
    assert.equal(after.headers.get("intently-duplicate"), "1");
    assert.equal(copiesLogged(dataDir, b.batch), 1);
  });

  test("a different batch racing the first attempt with the same id gets 409", async () => {
    assert.ok(t);
    const b = makeBatch();
    const [first, ...rest] = await Promise.all([
      post(t.url, b),
      post(t.url, b),
      post(t.url, { ...b, events: [productView(b.sentAt - 5, "SKU7")] }),
    ]);
    assert.equal(first?.status, 200);
    assert.deepEqual(
      rest.map((r) => r.status),
      [200, 409],
    );
    assert.equal(copiesLogged(dataDir, b.batch), 1);
  });
});

describe("collector: hostile strings and times", () => {
  let t: TestServer;
  before(async () => {
    t = await startCollector();
  });
  after(() => t.stop());

  /** Posts JSON text with escapes as an attacker writes them (`\u0000`, `\ud800`). */
  async function refused(json: string, path: RegExp, message: RegExp) {
    const r = await post(t.url, json);
    assert.equal(r.status, 400, JSON.stringify(r.body));
    const issues = r.body.issues as { path: string; message: string }[];
    assert.ok(
      issues.some((i) => path.test(i.path) && message.test(i.message)),
      JSON.stringify(issues),
    );
  }

  test("NUL and unpaired surrogates in ids and strings: 400 naming the field", async () => {
    const text = (over: Record<string, unknown>) => JSON.stringify(makeBatch(over));
    const nul = /NUL or unpaired surrogate/;
    await refused(text({ visitor: "v\u0000" }), /^\/visitor$/, nul);
    await refused(text({ session: "s\ud800" }), /^\/session$/, nul);
    await refused(text({ batch: "\udfffb" }), /^\/batch$/, nul);
    await refused(
      text({ context: { url: "https://shop.example/\u0000" } }),
      /^\/context\/url$/,
      nul,
    );
    const now = Date.now();
    await refused(
      text({ events: [{ type: "add_to_cart", t: now, items: [{ id: "SKU\ud83d" }] }] }),
      /^\/events\/0\/items\/0\/id$/,
      nul,
    );
    await refused(
      text({ events: [productView(now), { type: "click", t: now, target: "a\u0000" }] }),
      /^\/events\/1\/target$/,
      nul,
    );
    // Emoji (a surrogate pair) are text like any other.
    const ok = await post(t.url, makeBatch({ events: [addToCart(now, "SKU-😀")] }));
    assert.equal(ok.status, 200);
  });

  test("events outside the accepted time window: 400 naming the event, nothing applied", async () => {
    const now = Date.now();
    const zero = makeBatch({ events: [productView(now - 1000), addToCart(0)] });
    await refused(JSON.stringify(zero), /^\/events\/1\/t$/, /too old/);
    assert.equal(t.server.ctx.host.engine.get(SITE.id, zero.session), undefined);
    const old = makeBatch({ events: [productView(now - 25 * HOUR)] });
    await refused(JSON.stringify(old), /^\/events\/0\/t$/, /24 h before/);
    const future = makeBatch({ events: [productView(now + HOUR)] });
    await refused(JSON.stringify(future), /^\/events\/0\/t$/, /in the future/);
    // A batch queued offline for 23 h, resent now: accepted, times corrected.
    const queued = makeBatch({ events: [productView(now - 23 * HOUR)] });
    assert.equal((await post(t.url, queued)).status, 200);
    // A browser clock two years behind is corrected, not refused.
    const skewed = now - 2 * 365 * 24 * HOUR;
    const wrongClock = makeBatch({ sentAt: skewed, events: [productView(skewed - 1000)] });
    assert.equal((await post(t.url, wrongClock)).status, 200);
  });
});
