/**
 * Issue 20, item 6 (the fallback, not a back-fill): a custom segment saved after the start of a
 * report's period carries when counting started and the builder's estimate over the last 7 days,
 * in the library and in its report, so "0 sessions" is explained. The estimate is the very
 * figure POST /segments/estimate gives for the segment's condition.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ingestSimulation } from "@intently/store";
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

test("a new segment's library row and report say when counting started and what the estimate was", async () => {
  const condition = { deviceType: "mobile" };
  const t0 = Date.now();
  const saved = await w.editor.post(`/api/sites/${w.a.site}/segments`, {
    id: "phone-shoppers-new",
    name: "Phone shoppers",
    condition,
    method: "in-flight",
    priority: 0,
    status: "live",
  });
  assert.equal(saved.status, 201, JSON.stringify(saved.body));
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
  assert.equal(row.sessions, 0, "no back-fill: counting starts now");
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
