/**
 * Configuration: workspaces, sites, segments (versioned), users and memberships, API tokens,
 * invitations and integrations. Reads answer null or [] for unknown ids, never throw.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DEFAULT_SITE_SETTINGS } from "../../src/index.ts";
import { type MakeStore, storePerSuite } from "./support.ts";

const HASH = "a".repeat(64);

export function configContract(make: MakeStore): void {
  describe("configuration", () => {
    const store = storePerSuite(make);
    const c = () => store().config;

    test("workspaces and sites", async () => {
      await c().createWorkspace({ id: "w1", name: "One" });
      assert.equal((await c().getWorkspace("w1"))?.name, "One");
      assert.equal(await c().getWorkspace("nope"), null);
      const site = await c().createSite({
        id: "s1",
        workspaceId: "w1",
        name: "Shop",
        publicKey: "pk_s1",
        settings: { timeZone: "Europe/Paris" },
      });
      assert.deepEqual(site.allowedOrigins, []);
      assert.equal(site.settings.timeZone, "Europe/Paris");
      assert.equal(site.settings.retentionDays, DEFAULT_SITE_SETTINGS.retentionDays);
      assert.equal((await c().getSiteByPublicKey("pk_s1"))?.id, "s1");
      const up = await c().updateSite("s1", {
        allowedOrigins: ["https://shop.example"],
        settings: { retentionDays: 30 },
      });
      assert.deepEqual(up?.allowedOrigins, ["https://shop.example"]);
      assert.equal(up?.settings.timeZone, "Europe/Paris", "settings are merged");
      assert.equal(up?.settings.retentionDays, 30);
      assert.deepEqual(
        (await c().listSites("w1")).map((s) => s.id),
        ["s1"],
      );
      assert.equal(await c().updateSite("nope", { name: "x" }), null);
      await c().createSite({ id: "s2", workspaceId: "w1", name: "Two", publicKey: "pk_s2" });
      assert.equal(await c().deleteSite("s2"), true);
      assert.equal(await c().getSite("s2"), null);
    });

    test("segments are versioned", async () => {
      const base = { site: "s1", id: "seg", author: "u1" };
      const v1 = await c().saveSegment({ ...base, definition: { a: 1 }, status: "live" });
      const v2 = await c().saveSegment({ ...base, definition: { a: 2 }, status: "paused" });
      assert.deepEqual([v1.version, v2.version], [1, 2]);
      assert.deepEqual((await c().getSegment("s1", "seg"))?.definition, { a: 2 });
      assert.deepEqual((await c().getSegment("s1", "seg", 1))?.definition, { a: 1 });
      assert.deepEqual(
        (await c().segmentHistory("s1", "seg")).map((v) => v.version).sort(),
        [1, 2],
      );
      assert.deepEqual(
        (await c().listSegments("s1")).map((v) => [v.id, v.version, v.status]),
        [["seg", 2, "paused"]],
      );
      assert.equal(await c().getSegment("s1", "nope"), null);
    });

    test("users and memberships", async () => {
      await c().createUser({ id: "u1", email: "ann@example.com", passwordHash: "h" });
      assert.equal((await c().getUserByEmail("ann@example.com"))?.id, "u1");
      assert.equal((await c().updateUser("u1", { disabled: true }))?.disabled, true);
      await c().setMembership({ workspaceId: "w1", userId: "u1", role: "editor" });
      await c().setMembership({ workspaceId: "w1", userId: "u1", role: "admin" });
      assert.deepEqual(await c().memberships("u1"), [
        { workspaceId: "w1", userId: "u1", role: "admin" },
      ]);
      assert.equal((await c().members("w1")).length, 1);
      assert.equal(await c().removeMembership("w1", "u1"), true);
      assert.deepEqual(await c().members("w1"), []);
    });

    test("API tokens: found by hash while live, touched, revoked", async () => {
      const t = await c().createToken({
        id: "t1",
        workspaceId: "w1",
        userId: "u1",
        name: "ci",
        tokenHash: HASH,
        role: "viewer",
      });
      assert.equal(t.revokedAt, null);
      assert.equal((await c().findToken(HASH))?.id, "t1");
      await c().touchToken("t1", 1234);
      assert.equal((await c().findToken(HASH))?.lastUsedAt, 1234);
      assert.equal(await c().revokeToken("t1"), true);
      assert.equal(await c().findToken(HASH), null);
      assert.equal((await c().listTokens("w1")).length, 1);
    });

    test("invitations, one per email and workspace", async () => {
      const inv = {
        id: "i1",
        workspaceId: "w1",
        email: " Bob@Example.com ",
        role: "viewer" as const,
        tokenHash: "b".repeat(64),
        invitedBy: "u1",
        createdAt: 1,
        expiresAt: 2,
      };
      assert.equal((await c().createInvitation(inv)).email, "bob@example.com");
      await c().createInvitation({ ...inv, id: "i2", tokenHash: "c".repeat(64) });
      assert.deepEqual(
        (await c().listInvitations("w1")).map((i) => i.id),
        ["i2"],
      );
      assert.equal((await c().findInvitation("c".repeat(64)))?.id, "i2");
      assert.equal(await c().deleteInvitation("i2"), true);
    });

    test("integrations", async () => {
      const i = { id: "x1", site: "s1", kind: "webhook", name: "Hook", enabled: true };
      await c().saveIntegration({ ...i, config: { url: "https://h.example" } });
      const again = await c().saveIntegration({ ...i, config: { url: "https://2.example" } });
      assert.deepEqual(again.config, { url: "https://2.example" });
      assert.deepEqual(
        (await c().listIntegrations("s1")).map((x) => x.id),
        ["x1"],
      );
      assert.equal(await c().deleteIntegration("x1"), true);
      assert.equal(await c().getIntegration("x1"), null);
    });
  });
}
