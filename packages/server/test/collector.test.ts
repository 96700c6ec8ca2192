import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { F } from "@intently/engine";
import { collectorOf } from "../src/collector/index.ts";
import {
  addToCart,
  BROWSER_UA,
  makeBatch,
  ORIGIN,
  post,
  productView,
  SITE,
  startCollector,
  type TestServer,
  uid,
} from "./support-collector/helpers.ts";

describe("collector: POST /v1/collect", () => {
  let t: TestServer;
  before(async () => {
    t = await startCollector();
  });
  after(() => t.stop());

  const events = (session: string) =>
    t.server.ctx.host.engine.get(SITE.id, session)?.n[F.Events] ?? 0;
  const logged = (batch: string) => {
    let n = 0;
    for (const e of collectorOf(t.server.app)!.log.readAll())
      if (e.record.k === "b" && e.record.batch === batch) n++;
    return n;
  };

  test("a text/plain batch gets memberships, scores, stage, phase and CORS headers", async () => {
    const b = makeBatch();
    const r = await post(t.url, b);
    assert.equal(r.status, 200);
    const body = r.body;
    assert.ok(Array.isArray(body.segments) && body.segments.length >= 1);
    assert.equal(body.segment, (body.segments as string[])[0]);
    assert.deepEqual(body.enter, body.segments);
    assert.deepEqual(body.exit, []);
    assert.ok((body.persisted as string[]).includes(body.segment as string));
    const scores = body.scores as Record<string, number>;
    for (const k of ["xC", "xATC", "xE"]) assert.ok(scores[k]! >= 0 && scores[k]! <= 1, k);
    assert.ok(scores.xC! > 0, "scored (not a bot)");
    assert.ok(typeof (body.bands as Record<string, string>).xC === "string");
    for (const k of ["stage", "phase", "state"]) assert.equal(typeof body[k], "string");
    assert.equal(r.headers.get("access-control-allow-origin"), ORIGIN);
    assert.match(r.headers.get("vary") ?? "", /Origin/);
    assert.match(r.headers.get("access-control-expose-headers") ?? "", /Retry-After/);
    assert.equal(events(b.session), 2);
    assert.equal(logged(b.batch), 1);
  });

  test("application/json is accepted too, and a later batch moves the session on", async () => {
    const b = makeBatch();
    assert.equal((await post(t.url, b, { type: "application/json" })).status, 200);
    const now = Date.now();
    const next = makeBatch({
      visitor: b.visitor,
      session: b.session,
      events: [{ type: "begin_checkout", t: now, items: [{ id: "SKU1", price: 49 }] }],
    });
    const r = await post(t.url, next, { type: "application/json; charset=utf-8" });
    assert.equal(r.status, 200);
    assert.equal(r.body.stage, "committing");
    assert.equal(events(b.session), 3);
  });

  test("malformed JSON, wrong types and empty bodies: 400 with a reason, no state change", async () => {
    const before = collectorOf(t.server.app)!.log.next;
    const bad = await post(t.url, '{"site": "pk_test_c", "events": [');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error, "malformed JSON");
    const b = makeBatch();
    const typed = await post(t.url, { ...b, sentAt: "yesterday", events: [{ type: "page_view" }] });
    assert.equal(typed.status, 400);
    assert.equal(typed.body.error, "invalid batch");
    const issues = typed.body.issues as { path: string; message: string }[];
    assert.ok(issues.some((i) => i.path === "/sentAt"));
    assert.ok(issues.every((i) => typeof i.message === "string"));
    assert.equal((await post(t.url, "")).status, 400);
    assert.equal((await post(t.url, "[1,2]")).status, 400);
    assert.equal((await post(t.url, "null")).status, 400);
    assert.equal(events(b.session), 0);
    assert.equal(collectorOf(t.server.app)!.log.next, before);
  });

  test("bodies over 64 KB get 413; a 10,000-event batch is refused; > 100 events is 400", async () => {
    const b = makeBatch();
    const huge = {
      ...b,
      events: Array.from({ length: 10_000 }, (_, i) => productView(b.sentAt - i)),
    };
    const r = await post(t.url, huge);
    assert.equal(r.status, 413);
    assert.equal(r.body.error, "body too large");
    const padded = await post(t.url, { ...b, pad: "x".repeat(70_000) });
    assert.equal(padded.status, 413);
    const many = {
      ...b,
      events: Array.from({ length: 101 }, (_, i) => ({ type: "scroll", t: b.sentAt - i })),
    };
    const r2 = await post(t.url, many);
    assert.equal(r2.status, 400);
    assert.ok((r2.body.issues as { path: string }[]).some((i) => i.path === "/events"));
    assert.equal(events(b.session), 0);
  });

  test("an unknown site key is 404", async () => {
    const b = makeBatch({ site: "pk_nope" });
    const r = await post(t.url, b);
    assert.equal(r.status, 404);
    assert.equal(r.body.error, "unknown site");
    assert.equal(t.server.ctx.host.engine.get("pk_nope", b.session), undefined);
  });

  test("a disallowed origin is 403 without CORS approval; wildcards and ports match", async () => {
    const b = makeBatch();
    const r = await post(t.url, b, { origin: "https://evil.example" });
    assert.equal(r.status, 403);
    assert.equal(r.body.error, "origin not allowed");
    assert.equal(r.headers.get("access-control-allow-origin"), null);
    assert.equal(events(b.session), 0);
    assert.equal(logged(b.batch), 0);
    const apex = await post(t.url, makeBatch(), { origin: "https://brand.example" });
    assert.equal(apex.status, 403);
    const sub = await post(t.url, makeBatch(), { origin: "https://eu.www.brand.example" });
    assert.equal(sub.status, 200);
    assert.equal(sub.headers.get("access-control-allow-origin"), "https://eu.www.brand.example");
    assert.equal((await post(t.url, makeBatch(), { origin: "http://localhost:5173" })).status, 200);
    assert.equal((await post(t.url, makeBatch(), { origin: "null" })).status, 403);
    // Not a browser (no Origin header): CORS does not apply.
    assert.equal((await post(t.url, makeBatch(), { origin: null })).status, 200);
  });

  test("OPTIONS preflight: allowed origins get 204 with CORS headers, others 403", async () => {
    const ok = await fetch(t.url, {
      method: "OPTIONS",
      headers: { origin: ORIGIN, "access-control-request-method": "POST" },
    });
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get("access-control-allow-origin"), ORIGIN);
    assert.match(ok.headers.get("access-control-allow-methods") ?? "", /POST/);
    assert.match(ok.headers.get("access-control-allow-headers") ?? "", /content-type/);
    const bad = await fetch(t.url, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    assert.equal(bad.status, 403);
    assert.equal(bad.headers.get("access-control-allow-origin"), null);
    const forSite = await fetch(`${t.url}?site=${SITE.publicKey}`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example" },
    });
    assert.equal(forSite.status, 403);
  });

  test("a replayed batch id gets the same answer and is not applied twice", async () => {
    const b = makeBatch();
    const first = await post(t.url, b);
    assert.equal(first.status, 200);
    const again = await Promise.all([post(t.url, b), post(t.url, b), post(t.url, b)]);
    for (const r of again) {
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, first.body);
      assert.equal(r.headers.get("intently-duplicate"), "1");
    }
    assert.equal(events(b.session), 2);
    assert.equal(logged(b.batch), 1);
    // The same batch id in another session is another batch.
    const other = makeBatch({ batch: b.batch });
    assert.equal((await post(t.url, other)).status, 200);
    assert.equal(events(other.session), 2);
  });

  test("concurrent retries of one batch wait for the first attempt", async () => {
    const b = makeBatch();
    const all = await Promise.all(Array.from({ length: 5 }, () => post(t.url, b)));
    for (const r of all) assert.equal(r.status, 200);
    assert.equal(events(b.session), 2);
    assert.equal(logged(b.batch), 1);
  });

  test("bots get a normal 200 and are flagged (user agent from the request header)", async () => {
    const b = makeBatch({ context: { url: `${ORIGIN}/` } });
    const r = await post(t.url, b, { headers: { "user-agent": "Googlebot/2.1" } });
    assert.equal(r.status, 200);
    assert.equal(t.server.ctx.host.engine.get(SITE.id, b.session)?.bot, "user-agent");
    const person = makeBatch({ context: { url: `${ORIGIN}/` } });
    await post(t.url, person, { headers: { "user-agent": BROWSER_UA } });
    assert.equal(t.server.ctx.host.engine.get(SITE.id, person.session)?.bot, null);
  });

  test("event times are corrected by the browser's clock offset; country from a CDN header", async () => {
    const skew = -3 * 3600_000; // the browser's clock is 3 hours behind
    const browserNow = Date.now() + skew;
    const b = makeBatch({
      sentAt: browserNow,
      events: [productView(browserNow - 5000), addToCart(browserNow - 1000)],
    });
    const before = Date.now();
    assert.equal((await post(t.url, b, { headers: { "cf-ipcountry": "de" } })).status, 200);
    const s = t.server.ctx.host.engine.get(SITE.id, b.session)!;
    const last = s.n[F.LastT]!;
    assert.ok(last >= before - 2000 && last <= Date.now(), `last event at ${last}`);
    assert.ok(Math.abs(last - s.n[F.StartT]! - 4000) <= 50);
    assert.equal(s.country, "DE");
    let logged = false;
    for (const e of collectorOf(t.server.app)!.log.readAll()) {
      if (e.record.k === "b" && e.record.batch === b.batch) {
        logged = true;
        assert.ok(!JSON.stringify(e.record).includes("127.0.0.1"));
        assert.ok(Math.abs(e.record.off + skew) < 2000);
      }
    }
    assert.ok(logged);
  });

  test("a new session id is a new session (no state shared)", async () => {
    const visitor = uid("v");
    const a = makeBatch({ visitor });
    const b = makeBatch({ visitor });
    await post(t.url, a);
    await post(t.url, b);
    assert.equal(events(a.session), 2);
    assert.equal(events(b.session), 2);
  });
});
