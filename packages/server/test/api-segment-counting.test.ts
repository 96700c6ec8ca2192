/**
 * Issue 20, item 6. A custom segment created live is back-filled from the stored sessions: its
 * report over the last 7 days equals the builder's estimate, framework conditions included. One
 * that was not (a paused segment made live later) carries when counting started and the estimate, in the
 * library and in its report, so "0 sessions" is explained.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ingestSimulation } from "@intently/demo-data";
import type { DuckDbStore } from "@intently/store";
import { assertSameAfterRebuild } from "../../store/test/support/rebuild.ts";
import { type World, world } from "./support-api/server.ts";

const DAY = 86_400_000;
let w: World;

before(async () => {
  w = await world();
  const today = Math.floor(Date.now() / DAY) * DAY;
  await ingestSimulation({
    store: w.server.ctx.store,
    site: w.a.site,
    sessions: 300,
    seed: 5,
    days: 6,
    start: today - 6 * DAY,
    events: false,
  });
  await w.server.ctx.store.flush();
});
after(async () => {
  await w.server.close();
});

test("a paused segment made live later: its library row and report say when counting started and what the estimate was", async () => {
  const condition = { deviceType: "mobile" };
  const t0 = Date.now();
  const saved = await w.editor.post(`/api/sites/${w.a.site}/segments`, {
    id: "phone-shoppers-new",
    name: "Phone shoppers",
    condition,
    method: "in-flight",
    priority: 0,
    status: "paused",
  });
  assert.equal(saved.status, 201, JSON.stringify(saved.body));
  const live = await w.editor.patch(`/api/sites/${w.a.site}/segments/phone-shoppers-new`, {
    status: "live",
  });
  assert.equal(live.status, 200, JSON.stringify(live.body));
  const est = await w.viewer.post(`/api/sites/${w.a.site}/segments/estimate`, { condition });
  assert.equal(est.status, 200);
  assert.ok(est.body.sessions > 0, "the estimate finds stored sessions");

  const lib = await w.viewer.get(`/api/sites/${w.a.site}/reports/library?range=last7`);
  assert.equal(lib.status, 200, JSON.stringify(lib.body));
  const c = lib.body.counting["phone-shoppers-new"];
  assert.ok(c, JSON.stringify(lib.body.counting));
  assert.ok(c.since >= t0 && c.since <= Date.now());
  assert.equal(c.estimate.sessions, est.body.sessions);
  assert.deepEqual([c.estimate.from, c.estimate.to], [est.body.period.from, est.body.period.to]);
  assert.equal(c.estimate.days, 7);
  const row = lib.body.segments.find(
    (s: { segment: string }) => s.segment === "phone-shoppers-new",
  );
  assert.equal(
    row.sessions,
    0,
    "no back-fill when a paused segment goes live: counting starts now",
  );
  // Framework segments count from the start: no note.
  assert.equal(lib.body.counting["focused-browsers"], undefined);

  const rep = await w.viewer.get(
    `/api/sites/${w.a.site}/reports/segments/phone-shoppers-new?range=last7`,
  );
  assert.equal(rep.status, 200, JSON.stringify(rep.body));
  assert.deepEqual(rep.body.counting, c);
  const fw = await w.viewer.get(`/api/sites/${w.a.site}/reports/segments/focused-browsers`);
  assert.equal(fw.body.counting, null);
});

/** A segment created live: its report over the estimate's days equals the estimate. */
async function createdLive(id: string, condition: unknown) {
  const est = await w.viewer.post(`/api/sites/${w.a.site}/segments/estimate`, { condition });
  assert.equal(est.status, 200, JSON.stringify(est.body));
  assert.equal(est.body.exact, true, id);
  const saved = await w.editor.post(`/api/sites/${w.a.site}/segments`, {
    id,
    name: id,
    condition,
    method: "in-flight",
    priority: 0,
  });
  assert.equal(saved.status, 201, JSON.stringify(saved.body));
  const { from, to } = est.body.period;
  const q = `from=${new Date(from).toISOString().slice(0, 10)}&to=${new Date(to - 1).toISOString().slice(0, 10)}`;
  const rep = await w.viewer.get(`/api/sites/${w.a.site}/reports/segments/${id}?${q}`);
  assert.equal(rep.status, 200, JSON.stringify(rep.body));
  assert.equal(rep.body.sessions, est.body.sessions, `${id}: report = estimate`);
  assert.equal(rep.body.counting, null, "back-filled: no note");
  const lib = await w.viewer.get(`/api/sites/${w.a.site}/reports/library?${q}`);
  const row = lib.body.segments.find((s: { segment: string }) => s.segment === id);
  assert.equal(row.sessions, est.body.sessions, `${id}: library = estimate`);
  return est.body.sessions as number;
}

test("a segment created live is back-filled: its report and library row equal its estimate", async () => {
  assert.ok((await createdLive("tablets-backfill", { deviceType: "tablet" })) > 0);
  assert.ok(
    (await createdLive("deep-browsers", {
      pageViews: { $gte: 3 },
      deviceType: { $ne: "mobile" },
    })) > 0,
  );
  // A framework condition: "was in struggling explorers at some moment".
  await createdLive("was-struggling", { segment: "struggling-explorers" });
  // Saving the same id again is refused (409), so nothing is counted twice.
  const again = await w.editor.post(`/api/sites/${w.a.site}/segments`, {
    id: "tablets-backfill",
    name: "again",
    condition: {},
  });
  assert.equal(again.status, 409);

  // The back-filled rollups are what a rebuild from the raw tables gives.
  const store = w.server.ctx.store as DuckDbStore;
  const today = Math.floor(Date.now() / DAY) * DAY;
  const p = { site: w.a.site, from: today - 7 * DAY, to: today + DAY };
  await assertSameAfterRebuild(store, async () => ({
    custom: await store.queries.customTotals(p),
    daily: await store.queries.daily(p, "deep-browsers"),
    breakdowns: await store.queries.breakdowns(p, "tablets-backfill"),
  }));
});
