/** Segments: ?dryRun=true on create and update (checks and answer of a save, nothing stored); opportunities. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { liveSession } from "./support-api/live.ts";
import { type World, world } from "./support-api/server.ts";

let w: World;
let base: string;
before(async () => {
  w = await world();
  base = `/api/sites/${w.a.site}/segments`;
  const mobile = await w.editor.post(base, {
    id: "mobile",
    name: "Mobile",
    condition: { deviceType: "mobile" },
  });
  assert.equal(mobile.status, 201);
});
after(async () => {
  await w.server.close();
});

const stored = () => w.server.ctx.store.config.listSegments(w.a.site);
const withoutTime = (s: Record<string, unknown>) => ({ ...s, updatedAt: 0 });

test("a dry-run create answers as the save would, and stores nothing", async () => {
  const body = {
    id: "mobile-readers",
    name: "Mobile readers",
    condition: { deviceType: "mobile", pageViews: { $gte: 2 } },
  };
  const before = await stored();
  const dry = await w.editor.post(`${base}?dryRun=true`, body);
  assert.equal(dry.status, 200, JSON.stringify(dry.body));
  assert.equal(dry.body.dryRun, true);
  assert.equal(dry.body.segment.version, 1);
  assert.equal(dry.body.segment.author, "editor@shop-a.test");
  assert.equal(dry.body.warnings[0].segment, "mobile");
  assert.equal(dry.body.warnings[0].direction, "this-in-other");

  assert.deepEqual(await stored(), before);
  assert.equal((await w.viewer.get(`${base}/mobile-readers`)).status, 404);
  assert.equal((await w.viewer.get(`${base}/mobile-readers/versions`)).status, 404);
  // A mobile session of three pages: not in the segment until it is saved.
  assert.ok(!liveSession(w.server, w.a.site, "v1", "s1").segments.includes("mobile-readers"));

  const saved = await w.editor.post(base, body);
  assert.equal(saved.status, 201);
  assert.equal(saved.body.dryRun, undefined);
  assert.deepEqual(saved.body.warnings, dry.body.warnings);
  assert.deepEqual(withoutTime(saved.body.segment), withoutTime(dry.body.segment));
  assert.ok(liveSession(w.server, w.a.site, "v2", "s2").segments.includes("mobile-readers"));
});

test("a dry run refuses what a save refuses: invalid (400), existing id (409), viewers (403)", async () => {
  const bad = await w.editor.post(`${base}?dryRun=true`, {
    id: "bad",
    name: "Bad",
    condition: { cartValue: { $gte: "lots" } },
  });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.issues[0].path, "/body/condition/cartValue/$gte");
  const taken = await w.editor.post(`${base}?dryRun=true`, {
    id: "mobile",
    name: "x",
    condition: {},
  });
  assert.equal(taken.status, 409);
  const viewer = await w.viewer.post(`${base}?dryRun=true`, { id: "v", name: "v", condition: {} });
  assert.equal(viewer.status, 403);
  assert.equal((await w.editor.patch(`${base}/missing?dryRun=true`, { name: "x" })).status, 404);
  assert.equal(
    (await w.editor.patch(`${base}/mobile?dryRun=true`, { condition: { pageViews: "x" } })).status,
    400,
  );
});

test("a dry-run update shows the next version and its conflicts; the segment is unchanged", async () => {
  const history = async () => (await w.viewer.get(`${base}/mobile/versions`)).body;
  const before = await history();
  const dry = await w.editor.patch(`${base}/mobile?dryRun=true`, {
    condition: { deviceType: "desktop" },
    opportunities: ["Show the desktop comparison table"],
  });
  assert.equal(dry.status, 200, JSON.stringify(dry.body));
  assert.equal(dry.body.dryRun, true);
  assert.equal(dry.body.segment.version, before.length + 1);
  assert.deepEqual(dry.body.segment.condition, { deviceType: "desktop" });
  assert.deepEqual(dry.body.segment.opportunities, ["Show the desktop comparison table"]);
  // No longer a superset of "mobile-readers": desktop and mobile are disjoint.
  assert.ok(!dry.body.warnings.some((x: { segment: string }) => x.segment === "mobile-readers"));
  assert.deepEqual(await history(), before);
  assert.deepEqual((await w.viewer.get(`${base}/mobile`)).body.condition, { deviceType: "mobile" });
});

test("opportunities: saved with the definition, versioned, returned as given", async () => {
  const made = await w.editor.post(base, {
    id: "carts",
    name: "Carts",
    condition: { cartItems: { $gte: 1 } },
    opportunities: ["Remind of free returns", "<b>Bold</b> & plain"],
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.deepEqual(made.body.segment.opportunities, [
    "Remind of free returns",
    "<b>Bold</b> & plain",
  ]);
  const edited = await w.editor.patch(`${base}/carts`, {
    opportunities: ["Remind of free returns", "Offer live chat at checkout"],
  });
  assert.equal(edited.body.segment.version, 2);
  const got = await w.viewer.get(`${base}/carts`);
  assert.deepEqual(got.body.opportunities, [
    "Remind of free returns",
    "Offer live chat at checkout",
  ]);
  const versions = (await w.viewer.get(`${base}/carts/versions`)).body;
  assert.deepEqual(versions[0].opportunities, ["Remind of free returns", "<b>Bold</b> & plain"]);
  const cleared = await w.editor.patch(`${base}/carts`, { opportunities: [] });
  assert.deepEqual(cleared.body.segment.opportunities, []);
  // Other changes keep them.
  await w.editor.patch(`${base}/carts`, { opportunities: ["Kept"] });
  const renamed = await w.editor.patch(`${base}/carts`, { name: "Carts with items" });
  assert.deepEqual(renamed.body.segment.opportunities, ["Kept"]);
});

test("bad opportunities are refused with 400 and the reason", async () => {
  const cases: [unknown, string, RegExp][] = [
    [Array(11).fill("a"), "/body/opportunities", /more than 10 items/],
    [["fine", "x".repeat(501)], "/body/opportunities/1", /more than 500 characters/],
    [["fine", ""], "/body/opportunities/1", /fewer than 1 characters/],
    [["   "], "/body/opportunities/0", /1–500 characters/],
    [[{ text: "x" }], "/body/opportunities/0", /string/],
    [{ first: "one" }, "/body/opportunities", /array/],
  ];
  for (const [opportunities, path, re] of cases) {
    const r = await w.editor.patch(`${base}/mobile`, { opportunities });
    assert.equal(r.status, 400, JSON.stringify(opportunities));
    const issue = r.body.issues.find((i: { path: string }) => i.path === path);
    assert.ok(issue && re.test(issue.message), `${path}: ${JSON.stringify(r.body)}`);
    const created = await w.editor.post(base, { id: "o", name: "o", condition: {}, opportunities });
    assert.equal(created.status, 400);
  }
  assert.equal((await w.viewer.get(`${base}/o`)).status, 404);
});
