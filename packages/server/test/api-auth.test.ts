/** Sign-in, sessions, CSRF, API tokens, login rate limits and the first-start admin. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { DuckDbStore } from "@intently/store";
import { createApiPlugin, ensureAdmin } from "../src/api/index.ts";
import { startServer } from "../src/index.ts";
import { Client } from "./support-api/client.ts";
import { ADMIN, addMember, startApi, type World, world } from "./support-api/server.ts";

let w: World;
before(async () => {
  w = await world();
});
after(async () => {
  await w.server.close();
});

test("login sets an HttpOnly SameSite=Lax session cookie and returns a CSRF token; logout ends it", async () => {
  const c = new Client(w.url);
  const r = await c.login(ADMIN.email, ADMIN.password);
  assert.equal(r.status, 200);
  const cookie = r.headers.get("set-cookie") ?? "";
  assert.match(cookie, /^intently_session=[A-Za-z0-9_-]{43};/);
  assert.match(cookie, /; HttpOnly/);
  assert.match(cookie, /; SameSite=Lax/);
  assert.match(cookie, /; Path=\//);
  assert.equal(typeof r.body.csrfToken, "string");
  assert.deepEqual(
    r.body.workspaces.map((x: { id: string; role: string }) => [x.id, x.role]),
    [["default", "admin"]],
  );
  const me = await c.get("/api/me");
  assert.equal(me.status, 200);
  assert.equal(me.body.user.email, ADMIN.email);
  assert.equal(me.body.csrfToken, r.body.csrfToken);

  // State-changing requests need the token; with it they work.
  assert.equal((await c.post("/api/workspaces", { name: "X" }, { csrf: false })).status, 403);
  assert.equal((await c.post("/api/workspaces", { name: "X" })).status, 201);

  assert.equal((await c.post("/api/auth/logout", undefined, { csrf: false })).status, 403);
  const out = await c.post("/api/auth/logout");
  assert.equal(out.status, 204);
  assert.match(out.headers.get("set-cookie") ?? "", /Max-Age=0/);
  assert.equal((await c.get("/api/me")).status, 401);
});

test("wrong passwords and unknown emails get the same 401", async () => {
  const a = await new Client(w.url).login(ADMIN.email, "not-the-password");
  const b = await new Client(w.url).login("nobody@nowhere.test", "not-the-password");
  assert.equal(a.status, 401);
  assert.equal(b.status, 401);
  assert.equal(a.body.message, b.body.message);
  assert.equal(a.headers.get("set-cookie"), null);
});

test("API tokens: shown once, hashed, CSRF-exempt, capped by role, last use tracked, revocable", async () => {
  const base = `/api/workspaces/${w.a.workspace}/tokens`;
  const made = await w.admin.post(base, { name: "ci", role: "editor" });
  assert.equal(made.status, 201);
  assert.match(made.body.token, /^itk_[A-Za-z0-9_-]{43}$/);
  const listed = await w.admin.get(base);
  const row = listed.body.find((t: { id: string }) => t.id === made.body.id);
  assert.equal(row.token, undefined);
  assert.equal(row.lastUsedAt, null);

  const t = Client.withToken(w.url, made.body.token);
  assert.equal((await t.get(`/api/sites/${w.a.site}`)).status, 200);
  const seg = await t.post(`/api/sites/${w.a.site}/segments`, {
    id: "by-token",
    name: "By token",
    condition: { deviceType: "desktop" },
  });
  assert.equal(seg.status, 201, JSON.stringify(seg.body));
  assert.match(seg.body.segment.author, /token ci/);
  // Editor, not admin; its own workspace only; no workspace creation or password change.
  assert.equal((await t.get(`/api/workspaces/${w.a.workspace}/members`)).status, 403);
  assert.equal((await t.post("/api/workspaces", { name: "Y" })).status, 403);
  const me = await t.get("/api/me");
  assert.equal(me.body.auth, "token");
  assert.deepEqual(
    me.body.workspaces.map((x: { role: string }) => x.role),
    ["editor"],
  );

  const used = (await w.admin.get(base)).body.find((x: { id: string }) => x.id === made.body.id);
  assert.equal(typeof used.lastUsedAt, "number");

  assert.equal((await w.admin.delete(`${base}/${made.body.id}`)).status, 204);
  assert.equal((await t.get(`/api/sites/${w.a.site}`)).status, 401);
  const revoked = (await w.admin.get(base)).body.find((x: { id: string }) => x.id === made.body.id);
  assert.equal(typeof revoked.revokedAt, "number");
});

test("a token never has more than its user's current role", async () => {
  const admin2 = await addMember(w.admin, w.a.workspace, "admin2@shop-a.test", "admin");
  const made = await admin2.post(`/api/workspaces/${w.a.workspace}/tokens`, {
    name: "ed",
    role: "editor",
  });
  assert.equal(made.status, 201);
  const t = Client.withToken(w.url, made.body.token);
  const seg = { id: "demoted", name: "Demoted", condition: { deviceType: "tablet" } };
  // The user is demoted to viewer: the editor token now only reads.
  const me = await admin2.get("/api/me");
  assert.equal(
    (
      await w.admin.patch(`/api/workspaces/${w.a.workspace}/members/${me.body.user.id}`, {
        role: "viewer",
      })
    ).status,
    200,
  );
  assert.equal((await t.post(`/api/sites/${w.a.site}/segments`, seg)).status, 403);
  assert.equal((await t.get(`/api/sites/${w.a.site}/segments`)).status, 200);
  // Removed from the workspace: the token stops working.
  assert.equal(
    (await w.admin.delete(`/api/workspaces/${w.a.workspace}/members/${me.body.user.id}`)).status,
    204,
  );
  assert.equal((await t.get(`/api/sites/${w.a.site}/segments`)).status, 401);
});

test("changing the password ends the user's other sessions", async () => {
  const email = "changer@shop-a.test";
  await addMember(w.admin, w.a.workspace, email, "viewer", "first-password");
  const one = new Client(w.url);
  const two = new Client(w.url);
  await one.login(email, "first-password");
  await two.login(email, "first-password");
  assert.equal(
    (
      await one.post("/api/me/password", {
        currentPassword: "wrong-password",
        newPassword: "second-password",
      })
    ).status,
    403,
  );
  assert.equal(
    (
      await one.post("/api/me/password", {
        currentPassword: "first-password",
        newPassword: "short",
      })
    ).status,
    400,
  );
  assert.equal(
    (
      await one.post("/api/me/password", {
        currentPassword: "first-password",
        newPassword: "second-password",
      })
    ).status,
    204,
  );
  assert.equal((await one.get("/api/me")).status, 200);
  assert.equal((await two.get("/api/me")).status, 401);
  assert.equal((await new Client(w.url).login(email, "first-password")).status, 401);
  assert.equal((await new Client(w.url).login(email, "second-password")).status, 200);
});

test("login rate limit: 5 failures per email and IP in 15 min → 429 with Retry-After", async () => {
  const s = await startApi();
  try {
    for (let i = 0; i < 5; i++)
      assert.equal((await new Client(s.url).login(ADMIN.email, `wrong-${i}`)).status, 401);
    const blocked = await new Client(s.url).login(ADMIN.email, ADMIN.password);
    assert.equal(blocked.status, 429);
    const wait = Number(blocked.headers.get("retry-after"));
    assert.ok(wait > 0 && wait <= 900, `Retry-After ${wait}`);
    // Case and spaces do not make a new key; another email from the same IP is not blocked.
    assert.equal(
      (await new Client(s.url).login(` ${ADMIN.email.toUpperCase()}`, ADMIN.password)).status,
      429,
    );
    assert.equal((await new Client(s.url).login("someone@else.test", "whatever-pass")).status, 401);
  } finally {
    await s.close();
  }
});

test("first start: an admin with a generated password printed once; kept across restarts", async () => {
  const dir = mkdtempSync(join(tmpdir(), "intently-api-"));
  try {
    const lines: string[] = [];
    const plugin = createApiPlugin({ env: {}, print: (l) => lines.push(l) });
    const s1 = await startServer({ dataDir: dir, port: 0 }, [plugin]);
    const m = /created the admin account (\S+) with password (\S+)/.exec(lines.join("\n"));
    assert.ok(m, lines.join("\n"));
    const [, email, password] = m;
    assert.equal((await new Client(s1.url).login(email!, password!)).status, 200);
    await s1.close();

    const s2 = await startServer({ dataDir: dir, port: 0 }, [plugin]);
    try {
      assert.equal(lines.length, 2, "printed on the first start only");
      const c = new Client(s2.url);
      assert.equal((await c.login(email!, password!)).status, 200);
      assert.deepEqual(
        (await c.get("/api/workspaces")).body.map((x: { id: string }) => x.id),
        ["default"],
      );
    } finally {
      await s2.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("ensureAdmin takes the credentials from the environment and does nothing once a user exists", async () => {
  const store = await DuckDbStore.open(null);
  try {
    const printed: string[] = [];
    const env = {
      INTENTLY_ADMIN_EMAIL: "Boss@Shop.test",
      INTENTLY_ADMIN_PASSWORD: "from-the-env-1",
    };
    const made = await ensureAdmin(store, env, (l) => printed.push(l));
    assert.equal(made?.email, "boss@shop.test");
    assert.equal(made?.generatedPassword, null);
    assert.ok(!printed.join("").includes("from-the-env-1"), "never prints a given password");
    assert.equal(await ensureAdmin(store, env, (l) => printed.push(l)), null);
    assert.deepEqual(await store.config.memberships(made!.userId), [
      { workspaceId: "default", userId: made!.userId, role: "admin" },
    ]);
  } finally {
    await store.close();
  }
  const fresh = await DuckDbStore.open(null);
  try {
    await assert.rejects(
      ensureAdmin(fresh, { INTENTLY_ADMIN_PASSWORD: "short" }, () => {}),
      /at least/,
    );
  } finally {
    await fresh.close();
  }
});
