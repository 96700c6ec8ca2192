/**
 * The opportunities overview (issue 20, item 13) through the real server and DuckDB: one answer
 * for every segment of the site, whose figures are each segment's own report over the same
 * period (sessions, conversions, revenue; the site's totals its `siteAverage`), valued by the
 * documented rule and ranked by that value; the framework's and the shop's own opportunities;
 * archived segments left out; an empty period; periods validated; other workspaces refused.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { DEMO_SEGMENTS, ingestSimulation } from "@intently/demo-data";
import { type World, world } from "./support-api/server.ts";

const START = Date.UTC(2025, 0, 6);
const Q = "from=2025-01-06&to=2025-01-09";
const PLAN = ["Show free delivery above the cart's total", "Offer a size guide on = pages"];
let w: World;
let site: string;

interface Row {
  segment: string;
  kind: string;
  name: string;
  status: string;
  rank: number;
  sessions: number;
  conversions: number;
  revenue: number;
  revenuePerSession: number | null;
  valueAtStake: number;
  opportunities: string[];
}

before(async () => {
  w = await world();
  site = w.a.site;
  for (const d of DEMO_SEGMENTS) {
    const r = await w.editor.post(`/api/sites/${site}/segments`, { ...d });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const first = DEMO_SEGMENTS[0]!.id;
  const p = await w.editor.patch(`/api/sites/${site}/segments/${first}`, { opportunities: PLAN });
  assert.equal(p.status, 200, JSON.stringify(p.body));
  await ingestSimulation({
    store: w.server.ctx.store,
    sessions: 400,
    seed: 11,
    days: 3,
    start: START,
    site,
  });
  await w.server.ctx.store.flush();
});
after(async () => {
  await w.server.close();
});

const get = (path: string) => w.viewer.get(`/api/sites/${site}${path}`);
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

test("every segment's figures are its own report's, valued and ranked by value at stake", async () => {
  const r = await get(`/reports/opportunities?${Q}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const rows = r.body.segments as Row[];
  const segments = (await get("/segments")).body;
  assert.equal(rows.length, 13 + DEMO_SEGMENTS.length);
  assert.equal(r.body.periodInfo.period.firstDate, "2025-01-06");
  assert.equal(r.body.periodInfo.period.lastDate, "2025-01-08");

  let all: { sessions: number; revenue: number } | null = null;
  for (const row of rows) {
    const rep = await get(`/reports/segments/${row.segment}?${Q}&compare=none`);
    assert.equal(rep.status, 200, row.segment);
    assert.equal(row.sessions, rep.body.sessions, `${row.segment} sessions`);
    assert.equal(row.conversions, rep.body.conversions, `${row.segment} conversions`);
    assert.ok(close(row.revenue, rep.body.revenue), `${row.segment} revenue`);
    assert.equal(row.name, rep.body.name);
    all = rep.body.siteAverage;
  }
  assert.ok(all && all.sessions > 100, "the history is in the period");
  assert.equal(r.body.totalSessions, all.sessions);
  assert.ok(close(r.body.revenue, all.revenue));
  const perSession = all.revenue / all.sessions;
  assert.ok(close(r.body.revenuePerSession, perSession));

  // The documented rule: what the sessions would add at the site's average, never below 0.
  for (const row of rows) {
    const want = Math.max(0, row.sessions * perSession - row.revenue);
    assert.ok(close(row.valueAtStake, want), `${row.segment}: ${row.valueAtStake} vs ${want}`);
  }
  assert.ok(
    close(
      r.body.valueAtStake,
      rows.reduce((s, x) => s + x.valueAtStake, 0),
    ),
  );
  // Ranked: value first, then sessions; ranks 1..n.
  assert.deepEqual(
    rows.map((x) => x.rank),
    rows.map((_, i) => i + 1),
  );
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1]!, rows[i]!];
    assert.ok(
      a.valueAtStake > b.valueAtStake ||
        (a.valueAtStake === b.valueAtStake && a.sessions >= b.sessions),
      `${a.segment} before ${b.segment}`,
    );
  }
  assert.ok(rows[0]!.valueAtStake > 0, "something is at stake");
  // Converted sessions bring more than the average session: nothing at stake.
  const converted = rows.find((x) => x.segment === "converted");
  assert.ok(converted && converted.sessions > 0, "converted sessions in the period");
  assert.equal(converted.valueAtStake, 0);

  // Opportunities: the framework's content, the shop's own list, none for the others.
  for (const f of segments.framework as { id: string; content: { opportunities: string[] } }[])
    assert.deepEqual(rows.find((x) => x.segment === f.id)?.opportunities, f.content.opportunities);
  const mine = rows.find((x) => x.segment === DEMO_SEGMENTS[0]!.id)!;
  assert.deepEqual(mine.opportunities, PLAN);
  assert.equal(mine.kind, "custom");
  assert.ok(rows.filter((x) => x.kind === "framework").every((x) => x.opportunities.length > 0));
});

test("an archived segment is left out; a period with no sessions values nothing", async () => {
  const gone = DEMO_SEGMENTS[1]!.id;
  assert.equal((await w.editor.delete(`/api/sites/${site}/segments/${gone}`)).status, 200);
  const r = await get(`/reports/opportunities?${Q}`);
  assert.equal(r.status, 200);
  const ids = (r.body.segments as Row[]).map((x) => x.segment);
  assert.ok(!ids.includes(gone));
  assert.equal(ids.length, 13 + DEMO_SEGMENTS.length - 1);

  const empty = await get("/reports/opportunities?from=2024-01-01&to=2024-01-08");
  assert.equal(empty.status, 200);
  assert.equal(empty.body.totalSessions, 0);
  assert.equal(empty.body.revenuePerSession, null);
  assert.equal(empty.body.valueAtStake, 0);
  assert.ok((empty.body.segments as Row[]).every((x) => x.sessions === 0 && x.valueAtStake === 0));
});

test("periods are validated; another workspace's site is not found", async () => {
  for (const q of ["from=2025-01-10&to=2025-01-06", "range=last1000", "to=2025-13-45"]) {
    const r = await get(`/reports/opportunities?${q}`);
    assert.equal(r.status, 400, q);
  }
  const other = await w.viewer.get(`/api/sites/${w.b.site}/reports/opportunities`);
  assert.equal(other.status, 404);
});
