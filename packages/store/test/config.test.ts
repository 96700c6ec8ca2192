import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DEFAULT_SITE_SETTINGS, DuckDbStore } from "../src/index.ts";

describe("configuration", () => {
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(null);
    await store.config.createWorkspace({ id: "w1", name: "Acme" });
    await store.config.createWorkspace({ id: "w2", name: "Other" });
  });
  after(() => store.close());

  test("workspaces and sites with keys, origins and merged settings", async () => {
    const c = store.config;
    assert.deepEqual(
      (await c.listWorkspaces()).map((w) => w.id),
      ["w1", "w2"],
    );
    const site = await c.createSite({
      id: "s1",
      workspaceId: "w1",
      name: "Shop",
      publicKey: "pk_live_1",
      allowedOrigins: ["https://shop.example"],
      settings: { retentionDays: 30 },
    });
    assert.deepEqual(site.allowedOrigins, ["https://shop.example"]);
    assert.equal(site.settings.retentionDays, 30);
    assert.deepEqual(site.settings.ipsBenchmarks, DEFAULT_SITE_SETTINGS.ipsBenchmarks);
    await c.createSite({ id: "s2", workspaceId: "w2", name: "B", publicKey: "pk_live_2" });
    assert.equal((await c.getSiteByPublicKey("pk_live_1"))?.id, "s1");
    assert.equal(await c.getSiteByPublicKey("nope"), null);
    assert.deepEqual(
      (await c.listSites("w1")).map((s) => s.id),
      ["s1"],
    );
    const updated = await c.updateSite("s1", {
      allowedOrigins: [],
      settings: {
        ipsBenchmarks: {
          ...DEFAULT_SITE_SETTINGS.ipsBenchmarks,
          convert: { floor: 0.1, ceiling: 0.2 },
        },
      },
    });
    assert.deepEqual(updated?.allowedOrigins, []);
    assert.equal(updated?.settings.retentionDays, 30);
    assert.deepEqual(updated?.settings.ipsBenchmarks.convert, { floor: 0.1, ceiling: 0.2 });
    await assert.rejects(
      c.createSite({ id: "s3", workspaceId: "w1", name: "dup", publicKey: "pk_live_1" }),
    );
    assert.equal(await c.deleteSite("s2"), true);
    assert.equal(await c.getSite("s2"), null);
  });

  test("segments are versioned: who, when, what, status", async () => {
    const c = store.config;
    const v1 = await c.saveSegment({
      site: "s1",
      id: "vip",
      definition: { condition: { a: 1 } },
      author: "ann",
      status: "live",
    });
    const v2 = await c.saveSegment({
      site: "s1",
      id: "vip",
      definition: { condition: { a: 2 } },
      author: "bob",
      status: "paused",
    });
    await c.saveSegment({ site: "s1", id: "zed", definition: {}, author: "ann", status: "live" });
    assert.deepEqual([v1.version, v2.version], [1, 2]);
    assert.deepEqual((await c.getSegment("s1", "vip"))?.definition, { condition: { a: 2 } });
    assert.equal((await c.getSegment("s1", "vip", 1))?.author, "ann");
    assert.deepEqual(
      (await c.listSegments("s1")).map((s) => [s.id, s.version, s.status]),
      [
        ["vip", 2, "paused"],
        ["zed", 1, "live"],
      ],
    );
    assert.deepEqual(
      (await c.segmentHistory("s1", "vip")).map((s) => s.author),
      ["ann", "bob"],
    );
    assert.equal(await c.getSegment("s2", "vip"), null);
  });

  test("users, roles, tokens (hashed, revocable) and integrations", async () => {
    const c = store.config;
    await c.createUser({ id: "u1", email: " Ann@Example.com", passwordHash: "$argon2id$x" });
    assert.equal((await c.getUserByEmail("ann@example.COM"))?.id, "u1");
    await assert.rejects(c.createUser({ id: "u2", email: "ann@example.com", passwordHash: "h" }));
    assert.equal((await c.updateUser("u1", { disabled: true }))?.disabled, true);
    await c.setMembership({ workspaceId: "w1", userId: "u1", role: "viewer" });
    await c.setMembership({ workspaceId: "w1", userId: "u1", role: "editor" });
    await c.setMembership({ workspaceId: "w2", userId: "u1", role: "admin" });
    assert.deepEqual(
      (await c.memberships("u1")).map((m) => [m.workspaceId, m.role]),
      [
        ["w1", "editor"],
        ["w2", "admin"],
      ],
    );
    assert.equal(await c.removeMembership("w2", "u1"), true);
    assert.deepEqual(
      (await c.members("w1")).map((m) => m.userId),
      ["u1"],
    );

    await c.createToken({
      id: "t1",
      workspaceId: "w1",
      userId: "u1",
      name: "ci",
      tokenHash: "h1",
      role: "viewer",
    });
    assert.equal((await c.findToken("h1"))?.id, "t1");
    await c.touchToken("t1", 123);
    assert.equal((await c.listTokens("w1"))[0]?.lastUsedAt, 123);
    assert.equal(await c.revokeToken("t1"), true);
    assert.equal(await c.revokeToken("t1"), false);
    assert.equal(await c.findToken("h1"), null);

    const i = await c.saveIntegration({
      id: "i1",
      site: "s1",
      kind: "webhook",
      name: "Hook",
      config: { url: "https://x" },
      enabled: true,
    });
    assert.deepEqual(i.config, { url: "https://x" });
    await c.saveIntegration({ ...i, enabled: false });
    assert.equal((await c.getIntegration("i1"))?.enabled, false);
    assert.deepEqual(
      (await c.listIntegrations("s1")).map((x) => x.id),
      ["i1"],
    );
    assert.equal(await c.deleteIntegration("i1"), true);
    assert.deepEqual(await c.listIntegrations("s1"), []);
  });
});
