/** Reports, live view, model card, exports and erasure on a small simulated history. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { DEMO_SEGMENTS, type IngestResult, ingestSimulation } from "@intently/demo-data";
import { liveSession } from "./support-api/live.ts";
import { type World, world } from "./support-api/server.ts";

const START = Date.UTC(2025, 0, 6);
const Q = "from=2025-01-06&to=2025-01-10";
let w: World;
let site: string;
let ingested: IngestResult;

before(async () => {
  w = await world();
  site = w.a.site;
  for (const d of DEMO_SEGMENTS) {
    const r = await w.editor.post(`/api/sites/${site}/segments`, { ...d });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  ingested = await ingestSimulation({
    store: w.server.ctx.store,
    sessions: 400,
    seed: 11,
    days: 3,
    start: START,
    site,
  });
});
after(async () => {
  await w.server.close();
});

const get = (path: string) => w.viewer.get(`/api/sites/${site}${path}`);

test("IPS: four phases with scores, bands and revenue at stake", async () => {
  const r = await get(`/reports/ips?${Q}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.ok(r.body.sessions > 100 && r.body.sessions <= ingested.sessions);
  assert.ok(r.body.ips >= 0 && r.body.ips <= 100);
  assert.equal(typeof r.body.bandLabel, "string");
  assert.deepEqual(
    r.body.phases.map((p: { phase: string }) => p.phase),
    ["engage", "build-intent", "maintain-intent", "convert"],
  );
  const engage = r.body.phases[0];
  assert.equal(engage.entered, r.body.sessions);
  assert.equal(engage.entered - engage.progressed, engage.dropped);
  assert.equal(engage.segments.length, 3);
  assert.ok(r.body.phases.every((p: { revenueAtStake: number }) => p.revenueAtStake >= 0));
  // Nothing outside the history.
  assert.equal((await get("/reports/ips?from=2024-01-01&to=2024-01-08")).body.sessions, 0);
});

test("periods are validated: 400 with the reason", async () => {
  for (const q of [
    "from=2025-01-10&to=2025-01-06",
    "from=yesterday",
    "from=2023-01-01&to=2025-01-01",
    "to=2025-13-45",
  ]) {
    const r = await get(`/reports/ips?${q}`);
    assert.equal(r.status, 400, q);
    assert.ok(r.body.message.length > 0);
    assert.ok(r.body.issues[0].path.startsWith("/querystring/"), JSON.stringify(r.body));
  }
  assert.equal((await get("/reports/library?days=0")).status, 400);
});

test("segment library: the 13 framework segments and the custom ones, with sessions and shares", async () => {
  const r = await get("/reports/library?to=2025-01-08&days=7");
  assert.equal(r.status, 200);
  const kinds = r.body.segments.map((s: { kind: string }) => s.kind);
  assert.equal(kinds.filter((k: string) => k === "framework").length, 13);
  assert.deepEqual(
    r.body.segments
      .filter((s: { kind: string }) => s.kind === "custom")
      .map((s: { segment: string }) => s.segment),
    ["high-value-carts", "mobile-shoppers", "paid-social-visitors"],
  );
  assert.ok(r.body.totalSessions > 100);
  const mobile = r.body.segments.find((s: { segment: string }) => s.segment === "mobile-shoppers");
  assert.ok(mobile.sessions > 0 && mobile.share > 0 && mobile.share < 1);
  assert.equal(mobile.name, "Mobile shoppers");
});

test("segment report for a framework and a custom segment; 404 for an unknown one", async () => {
  for (const seg of ["focused-browsers", "mobile-shoppers"]) {
    const r = await get(`/reports/segments/${seg}?${Q}&topPages=5`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.segment, seg);
    assert.ok(r.body.sessions > 0 && r.body.sessions <= r.body.siteAverage.sessions);
    assert.equal(r.body.daily.length, 4);
    assert.equal(
      r.body.daily.reduce((s: number, d: { sessions: number }) => s + d.sessions, 0),
      r.body.sessions,
    );
    assert.deepEqual(Object.keys(r.body.breakdowns).sort(), [
      "country",
      "device",
      "landingPageType",
      "trafficSource",
      "visitorType",
    ]);
    assert.ok(r.body.topPages.length <= 5);
    assert.ok(Array.isArray(r.body.flow.from) && Array.isArray(r.body.flow.to));
    assert.ok(r.body.frustration.length > 0);
    assert.ok("conversionRate" in r.body.comparison);
  }
  assert.equal((await get(`/reports/segments/no-such-segment?${Q}`)).status, 404);
});

test("measured overlap and experiments", async () => {
  const o = await get(`/reports/overlap?${Q}&a=mobile-shoppers&b=high-value-carts`);
  assert.equal(o.status, 200);
  assert.ok(o.body.both <= Math.min(o.body.a.sessions, o.body.b.sessions));
  assert.ok(o.body.a.sessions > 0);
  assert.equal((await get(`/reports/overlap?${Q}&a=mobile-shoppers`)).status, 400);
  assert.equal((await get(`/reports/overlap?${Q}&a=mobile-shoppers&b=nope`)).status, 404);

  const e = await get(`/reports/experiments?${Q}`);
  assert.equal(e.status, 200);
  assert.ok(e.body.experiments.length >= 1, JSON.stringify(e.body));
  const x = e.body.experiments[0];
  assert.ok(x.control.sessions > 0);
  assert.ok(x.variants.length >= 1);
  const p = x.variants[0].probabilityToBeatControl;
  assert.ok(p === null || (p >= 0 && p <= 1));
  const bySegment = await get(`/reports/experiments?${Q}&segment=mobile-shoppers`);
  assert.equal(bySegment.body.segment, "mobile-shoppers");

  const m = await get(`/conflicts?${Q}`);
  const pair = m.body.pairs.find(
    (q: { a: string; b: string }) =>
      [q.a, q.b].sort().join() === "high-value-carts,mobile-shoppers",
  );
  assert.equal(pair.measured.both, o.body.both);
});

test("live view and model card", async () => {
  liveSession(w.server, site, "live-visitor", "live-session");
  const r = await get("/live?limit=10");
  assert.equal(r.status, 200);
  assert.equal(r.body.total, 1);
  const s = r.body.sessions[0];
  assert.equal(s.visitor, "live-visitor");
  assert.equal(s.pageViews, 3);
  assert.ok(s.custom.includes("mobile-shoppers"), JSON.stringify(s.custom));
  assert.equal(typeof s.scores.xC.value, "number");
  assert.ok(s.timeline.length >= 1);
  assert.equal(r.body.bySegment["mobile-shoppers"], 1);

  const card = await get("/model");
  assert.equal(card.body.source, "prior");
  assert.ok(card.body.card.scores.xC.model.auc > 0.5);
  assert.ok(card.body.card.data.sessions > 0);
});

test("exports: CSV and Parquet of session summaries via DuckDB COPY", async () => {
  const csv = await w.editor.get(`/api/sites/${site}/export?format=csv&${Q}`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get("content-type") ?? "", /text\/csv/);
  assert.match(
    csv.headers.get("content-disposition") ?? "",
    /attachment; filename=".*-sessions-2025-01-06-2025-01-10\.csv"/,
  );
  const lines = csv.body.trim().split("\n");
  assert.match(lines[0], /^session,visitor,started_at,ended_at,device,/);
  assert.equal(lines.length - 1, Number(csv.headers.get("x-intently-rows")));
  assert.ok(lines.length > 100);

  const pq = await w.editor.get(`/api/sites/${site}/export?format=parquet&${Q}`);
  assert.equal(pq.status, 200);
  assert.equal(pq.raw.subarray(0, 4).toString(), "PAR1");
  assert.equal(pq.raw.subarray(pq.raw.length - 4).toString(), "PAR1");

  assert.equal((await w.editor.get(`/api/sites/${site}/export?format=xlsx`)).status, 400);
  assert.equal((await w.viewer.get(`/api/sites/${site}/export?format=csv`)).status, 403);
  const empty = await w.editor.get(
    `/api/sites/${site}/export?format=csv&from=2024-01-01&to=2024-01-02`,
  );
  assert.equal(empty.body.trim().split("\n").length, 1);
});

test("visitor erasure ends live sessions first, then deletes the visitor's data", async () => {
  const csv = (await w.editor.get(`/api/sites/${site}/export?format=csv&${Q}`)).body as string;
  const visitor = csv.split("\n")[1]!.split(",")[1]!;
  // A session summary of theirs still waiting for an integration (and another visitor's).
  const outbox = w.server.ctx.store.outbox;
  const summary = (v: string, session: string) => ({
    key: `${site}:${session}:wh`,
    site,
    destination: "wh",
    payload: JSON.stringify({ site, session, visitor: v }),
  });
  await outbox.enqueue([summary(visitor, "erased-1"), summary("someone-else", "kept-1")], START);
  const gone = await w.admin.delete(`/api/sites/${site}/visitors/${encodeURIComponent(visitor)}`);
  assert.equal(gone.status, 200, JSON.stringify(gone.body));
  assert.ok(gone.body.deleted.sessions >= 1);
  assert.equal(gone.body.deleted.outbox, 1);
  assert.deepEqual(
    (await outbox.list({ site })).map((m) => m.key),
    [`${site}:kept-1:wh`],
  );
  const after = (await w.editor.get(`/api/sites/${site}/export?format=csv&${Q}`)).body as string;
  assert.ok(!after.split("\n").some((l) => l.split(",")[1] === visitor));

  liveSession(w.server, site, "live-erased", "live-erased-1");
  const live = await w.admin.delete(`/api/sites/${site}/visitors/live-erased`);
  assert.equal(live.body.liveSessionsEnded, 1);
  assert.equal(live.body.deleted.sessions, 1);
  assert.ok(
    !(await get("/live")).body.sessions.some(
      (s: { visitor: string }) => s.visitor === "live-erased",
    ),
  );
  assert.equal((await w.editor.delete(`/api/sites/${site}/visitors/${visitor}`)).status, 403);
});
