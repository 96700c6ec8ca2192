/**
 * The period model through the API: a site's IANA time zone (validated, canonical, set at
 * creation or by PATCH), report days in that zone, presets of complete days, custom ranges,
 * comparisons like for like, and one IPS trend request for a whole period.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ingestSimulation } from "@intently/demo-data";
import { type World, world } from "./support-api/server.ts";

// 1 November 2025, 06:00 UTC (02:00 in New York), 4 days; New York leaves DST on the 2nd.
const START = Date.UTC(2025, 10, 1, 6);
let w: World;
let site: string;

before(async () => {
  w = await world();
  const r = await w.admin.post(`/api/workspaces/${w.a.workspace}/sites`, {
    name: "New York shop",
    settings: { timeZone: "America/New_York" },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  site = r.body.id;
  await ingestSimulation({
    store: w.server.ctx.store,
    sessions: 300,
    seed: 3,
    days: 4,
    start: START,
    site,
  });
});
after(async () => {
  await w.server.close();
});

const get = (path: string) => w.viewer.get(`/api/sites/${site}${path}`);

test("a site's time zone: set at creation, canonical, validated on create and PATCH", async () => {
  assert.equal(
    (await w.viewer.get(`/api/sites/${site}`)).body.settings.timeZone,
    "America/New_York",
  );
  const dflt = await w.admin.post(`/api/workspaces/${w.a.workspace}/sites`, { name: "Plain" });
  assert.equal(dflt.body.settings.timeZone, "UTC");
  for (const bad of ["Mars/Olympus", "+05:00", "EST", "New York"]) {
    const r = await w.admin.patch(`/api/sites/${dflt.body.id}`, { settings: { timeZone: bad } });
    assert.equal(r.status, 400, bad);
    assert.equal(r.body.issues[0].path, "/body/settings/timeZone", JSON.stringify(r.body));
    const c = await w.admin.post(`/api/workspaces/${w.a.workspace}/sites`, {
      name: "Bad",
      settings: { timeZone: bad },
    });
    assert.equal(c.status, 400, bad);
  }
  const ok = await w.admin.patch(`/api/sites/${dflt.body.id}`, {
    settings: { timeZone: "Europe/London" },
  });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.settings.timeZone, "Europe/London");
  assert.equal(
    (await w.viewer.patch(`/api/sites/${site}`, { settings: { timeZone: "UTC" } })).status,
    403,
  );
});

test("report days are New York days: the trend, the segment report and the library agree", async () => {
  const q = "from=2025-11-01&to=2025-11-05";
  const trend = await get(`/reports/ips/trend?${q}`);
  assert.equal(trend.status, 200, JSON.stringify(trend.body));
  assert.equal(trend.body.timeZone, "America/New_York");
  assert.deepEqual(
    trend.body.days.map((d: { date: string }) => d.date),
    ["2025-11-01", "2025-11-02", "2025-11-03", "2025-11-04"],
  );
  // The day DST ends is 25 hours long; the first starts at midnight New York time (EDT).
  const starts = trend.body.days.map((d: { start: number }) => d.start);
  assert.equal(new Date(starts[0]).toISOString(), "2025-11-01T04:00:00.000Z");
  assert.equal(starts[2] - starts[1], 25 * 3_600_000);
  const ips = await get(`/reports/ips?${q}&compare=none`);
  const total = trend.body.days.reduce((s: number, d: { sessions: number }) => s + d.sessions, 0);
  assert.equal(total, ips.body.sessions);
  assert.equal(ips.body.compared, null);
  assert.equal(ips.body.periodInfo.comparison, null);
  const rep = await get(`/reports/segments/focused-browsers?${q}`);
  assert.deepEqual(
    rep.body.daily.map((d: { date: string }) => d.date),
    trend.body.days.map((d: { date: string }) => d.date),
  );
  const lib = await get(`/reports/library?${q}`);
  assert.equal(lib.body.totalSessions, ips.body.sessions);
  const card = lib.body.segments.find((s: { segment: string }) => s.segment === "focused-browsers");
  assert.equal(card.sessions, rep.body.sessions);
  // The same instants given as ISO date-times inside the days: the same whole local days.
  const inst = await get(
    "/reports/ips?from=2025-11-01T10:00:00Z&to=2025-11-04T23:00:00Z&compare=none",
  );
  assert.equal(inst.body.sessions, ips.body.sessions);
});

test("presets are complete days; comparisons like for like; the period says what it is", async () => {
  const r = await get("/reports/library?range=last7");
  assert.equal(r.status, 200);
  const p = r.body.periodInfo.period;
  assert.deepEqual([p.range, p.days, p.partial, p.label], ["last7", 7, false, "Last 7 days"]);
  assert.ok(p.to <= Date.now(), "today is not in it");
  const c = r.body.periodInfo.comparison;
  assert.equal(c.against.days, 7);
  assert.equal(c.against.to, p.from);
  assert.deepEqual(r.body.previousPeriod, { from: c.against.from, to: c.against.to });
  const y = await get("/reports/library?range=last28&compare=year");
  const yc = y.body.periodInfo.comparison;
  assert.equal(yc.compare, "year");
  assert.equal(yc.against.firstDate.slice(5), y.body.periodInfo.period.firstDate.slice(5));
  // A range reaching today is partial and compared on its complete days only.
  const today = (await get("/reports/ips?range=today")).body;
  assert.equal(today.periodInfo.period.partial, true);
  assert.equal(today.periodInfo.comparison, null, "no complete day to compare yet");
  const wk = await get(`/reports/ips?from=${today.periodInfo.period.firstDate}&compare=previous`);
  assert.equal(wk.status, 200);
  // The older library form still works: 7 complete days before `to`.
  const old = await get("/reports/library?to=2025-11-05&days=4");
  assert.equal(old.body.periodInfo.period.firstDate, "2025-11-01");
  assert.equal(old.body.periodInfo.period.lastDate, "2025-11-04");
  for (const bad of [
    "range=last8",
    "compare=week",
    "from=2025-02-30",
    "from=2025-11-05&to=2025-11-01",
  ])
    assert.equal((await get(`/reports/ips?${bad}`)).status, 400, bad);
});
