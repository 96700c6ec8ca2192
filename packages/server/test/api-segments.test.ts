/** Segments: framework (read-only), custom CRUD with validation, conflicts, versions, engine pickup, scripts. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TARGETS } from "@intently/activation";
import { liveSession } from "./support-api/live.ts";
import { type World, world } from "./support-api/server.ts";

let w: World;
let base: string;
before(async () => {
  w = await world();
  base = `/api/sites/${w.a.site}/segments`;
});
after(async () => {
  await w.server.close();
});

test("the 13 framework segments are listed read-only with their content and opportunities", async () => {
  const r = await w.viewer.get(base);
  assert.equal(r.status, 200);
  assert.equal(r.body.framework.length, 13);
  const sb = r.body.framework.find((s: { id: string }) => s.id === "struggling-buyers");
  assert.equal(sb.readOnly, true);
  assert.equal(sb.name, "Struggling Buyers");
  assert.ok(sb.content.opportunities.length >= 3);
  assert.deepEqual(sb.condition, { segment: "struggling-buyers" });
  assert.equal((await w.viewer.get(`${base}/converted`)).body.kind, "framework");
  assert.equal((await w.editor.patch(`${base}/converted`, { name: "x" })).status, 400);
  assert.equal(
    (await w.editor.post(base, { id: "converted", name: "x", condition: {} })).status,
    400,
  );
});

test("an invalid custom segment is refused with 400 and every error located", async () => {
  const r = await w.editor.post(base, {
    id: "Bad Id",
    name: "Bad",
    condition: { $and: [{ deviceType: "mobile" }, { cartValue: { $gte: "lots" } }], nope: 1 },
    method: "in-flight",
    priority: 0,
  });
  assert.equal(r.status, 400);
  const paths = r.body.issues.map((i: { path: string }) => i.path);
  assert.ok(paths.includes("/body/id"), paths.join());
  assert.ok(paths.includes("/body/condition/$and/1/cartValue/$gte"), paths.join());
  assert.ok(
    paths.some((p: string) => p.startsWith("/body/condition/nope")),
    paths.join(),
  );
  // Schema-level errors are located too.
  const s = await w.editor.post(base, { id: "x", name: "x", condition: {}, method: "sometimes" });
  assert.equal(s.status, 400);
  assert.equal(s.body.issues[0].path, "/body/method");
  assert.equal((await w.editor.post(base, { id: "x", name: "x" })).status, 400);
});

test("saving returns conflict warnings against live segments (framework included) with remedies", async () => {
  const mobile = await w.editor.post(base, {
    id: "mobile",
    name: "Mobile",
    condition: { deviceType: "mobile" },
  });
  assert.equal(mobile.status, 201, JSON.stringify(mobile.body));
  assert.equal(mobile.body.segment.version, 1);
  assert.equal(mobile.body.segment.author, "editor@shop-a.test");
  assert.deepEqual(mobile.body.warnings, []);
  assert.equal(
    (await w.editor.post(base, { id: "mobile", name: "Again", condition: {} })).status,
    409,
  );

  const carts = await w.editor.post(base, {
    id: "big-carts",
    name: "Big carts",
    condition: { cartValue: { $gte: 100 } },
    method: "persisted",
  });
  const wm = carts.body.warnings.find((x: { segment: string }) => x.segment === "mobile");
  assert.equal(wm.verdict, "overlap-possible");
  assert.equal(wm.kind, "custom");
  // Remedies are data (api-contract Remedy); the dashboard phrases them.
  assert.deepEqual(
    wm.remedies.map((r: { kind: string }) => r.kind),
    ["exclusive-group", "exclude-from-condition"],
  );
  assert.deepEqual(wm.remedies[0], {
    kind: "exclusive-group",
    segment: "big-carts",
    other: "mobile",
    group: "big-carts-group",
  });
  assert.deepEqual(wm.remedies[1].exclusion, { $nor: [{ deviceType: "mobile" }] });

  const bmc = await w.editor.post(base, {
    id: "big-mobile-carts",
    name: "Big mobile carts",
    condition: { deviceType: "mobile", cartValue: { $gte: 200 } },
  });
  const inMobile = bmc.body.warnings.find((x: { segment: string }) => x.segment === "mobile");
  assert.equal(inMobile.verdict, "subset");
  assert.equal(inMobile.direction, "this-in-other");
  assert.equal(
    bmc.body.warnings.find((x: { segment: string }) => x.segment === "big-carts").verdict,
    "subset",
  );
  assert.ok(
    !bmc.body.warnings.some((x: { kind: string }) => x.kind === "framework"),
    "not written in framework terms",
  );

  // Written in terms of the framework: checked against the framework segments too.
  const sm = await w.editor.post(base, {
    id: "struggling-mobile",
    name: "Struggling buyers on mobile",
    condition: { segment: "struggling-buyers", deviceType: "mobile" },
  });
  assert.equal(sm.status, 201);
  const fw = sm.body.warnings.find((x: { segment: string }) => x.segment === "struggling-buyers");
  assert.equal(fw.kind, "framework");
  assert.notEqual(fw.verdict, "disjoint");
  assert.deepEqual(fw.remedies, [
    { kind: "testing-tool-exclusion", segment: "struggling-mobile", other: "struggling-buyers" },
    {
      kind: "exclude-from-condition",
      segment: "struggling-mobile",
      other: "struggling-buyers",
      exclusion: { segment: { $ne: "struggling-buyers" } },
    },
  ]);
  const frameworkOnes = sm.body.warnings.filter((x: { kind: string }) => x.kind === "framework");
  assert.deepEqual(
    frameworkOnes.map((x: { segment: string }) => x.segment),
    ["struggling-buyers"],
    "disjoint ones are left out",
  );
  assert.ok(sm.body.warnings.some((x: { segment: string }) => x.segment === "mobile"));

  // A shared exclusive group resolves the conflict.
  await w.editor.patch(`${base}/mobile`, { exclusiveGroup: "promo", priority: 1 });
  const desktop = await w.editor.post(base, {
    id: "carts-promo",
    name: "c",
    condition: { cartValue: { $gte: 50 } },
    exclusiveGroup: "promo",
  });
  assert.ok(!desktop.body.warnings.some((x: { segment: string }) => x.segment === "mobile"));
});

test("the conflict matrix pairs every live segment with its verdict and measured overlap", async () => {
  const r = await w.viewer.get(`/api/sites/${w.a.site}/conflicts`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const pair = r.body.pairs.find(
    (p: { a: string; b: string }) => [p.a, p.b].sort().join() === "big-carts,mobile",
  );
  assert.equal(pair.verdict, "overlap-possible");
  assert.deepEqual(Object.keys(pair.measured).sort(), [
    "a",
    "b",
    "both",
    "concurrent",
    "jaccard",
    "shareOfA",
    "shareOfB",
  ]);
  assert.ok(pair.remedies.length > 0);
  const withFramework = await w.viewer.get(`/api/sites/${w.a.site}/conflicts?framework=true`);
  assert.ok(withFramework.body.pairs.length > r.body.pairs.length);
  assert.ok(withFramework.body.segments.some((s: { kind: string }) => s.kind === "framework"));
  assert.equal(
    (await w.viewer.get(`/api/sites/${w.a.site}/conflicts?from=2025-02-01&to=2025-01-01`)).status,
    400,
  );
});

test("changes are versioned and reach the engine at once; pause, archive and restore via status", async () => {
  const made = await w.editor.post(base, {
    id: "anyone",
    name: "Anyone",
    condition: { pageViews: { $gte: 1 } },
  });
  assert.equal(made.status, 201);
  assert.ok(liveSession(w.server, w.a.site, "v1", "s1").segments.includes("anyone"));

  const paused = await w.editor.patch(`${base}/anyone`, {
    status: "paused",
    description: "on hold",
  });
  assert.equal(paused.body.segment.version, 2);
  assert.equal(paused.body.segment.status, "paused");
  assert.ok(!liveSession(w.server, w.a.site, "v2", "s2").segments.includes("anyone"));

  const restored = await w.editor.patch(`${base}/anyone`, {
    status: "live",
    condition: { pageViews: { $gte: 2 } },
  });
  assert.equal(restored.body.segment.version, 3);
  assert.ok(liveSession(w.server, w.a.site, "v3", "s3").segments.includes("anyone"));
  assert.equal(
    (await w.editor.patch(`${base}/anyone`, { condition: { pageViews: { $gte: "two" } } })).status,
    400,
  );

  const archived = await w.editor.delete(`${base}/anyone`);
  assert.equal(archived.body.segment.status, "archived");
  assert.ok(!liveSession(w.server, w.a.site, "v4", "s4").segments.includes("anyone"));
  assert.ok(!(await w.viewer.get(base)).body.custom.some((s: { id: string }) => s.id === "anyone"));
  assert.ok(
    (await w.viewer.get(`${base}?includeArchived=true`)).body.custom.some(
      (s: { id: string }) => s.id === "anyone",
    ),
  );

  const history = await w.viewer.get(`${base}/anyone/versions`);
  assert.deepEqual(
    history.body.map((v: { version: number; status: string }) => [v.version, v.status]),
    [
      [1, "live"],
      [2, "paused"],
      [3, "live"],
      [4, "archived"],
    ],
  );
  assert.deepEqual(history.body[2].condition, { pageViews: { $gte: 2 } });
  assert.ok(history.body.every((v: { author: string }) => v.author === "editor@shop-a.test"));
  assert.equal((await w.viewer.get(`${base}/missing/versions`)).status, 404);
  assert.equal((await w.editor.patch(`${base}/missing`, { name: "x" })).status, 404);
});

test("a matching script for every target, for custom and framework segments; 400 for an unknown target", async () => {
  for (const seg of ["mobile", "struggling-buyers"]) {
    for (const { target, label } of TARGETS) {
      const r = await w.viewer.get(`${base}/${seg}/script?target=${target}`);
      assert.equal(r.status, 200, `${seg} ${target}`);
      assert.equal(r.body.target, target);
      assert.equal(r.body.label, label);
      assert.ok(r.body.code.includes(JSON.stringify(seg)), `${target} names the segment`);
      assert.ok(r.body.instructions.length >= 2);
    }
    const all = await w.viewer.get(`${base}/${seg}/scripts?timeoutMs=5000`);
    assert.deepEqual(
      all.body.map((s: { target: string }) => s.target),
      TARGETS.map((t) => t.target),
    );
  }
  const bad = await w.viewer.get(`${base}/mobile/script?target=optimizely-classic`);
  assert.equal(bad.status, 400);
  assert.equal(bad.body.issues[0].path, "/querystring/target");
  assert.equal((await w.viewer.get(`${base}/mobile/script`)).status, 400);
  assert.equal((await w.viewer.get(`${base}/mobile/script?target=gtm&timeoutMs=-1`)).status, 400);
  assert.equal((await w.viewer.get(`${base}/missing/script?target=gtm`)).status, 404);
});
