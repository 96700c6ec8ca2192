/** Login sessions survive a restart on the same data folder (real DuckDB, real servers). */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { DuckDbStore } from "@intently/store";
import { sha256 } from "../src/api/ids.ts";
import { createApiPlugin } from "../src/api/index.ts";
import { type RunningServer, startServer } from "../src/index.ts";
import { Client } from "./support-api/client.ts";
import { ADMIN, addMember } from "./support-api/server.ts";

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), "intently-sessions-"));
  dirs.push(d);
  return d;
}

function start(dir: string, warnings: string[] = []): Promise<RunningServer> {
  return startServer({ dataDir: dir, port: 0 }, [
    createApiPlugin({
      env: { INTENTLY_ADMIN_EMAIL: ADMIN.email, INTENTLY_ADMIN_PASSWORD: ADMIN.password },
      print: () => {},
      warn: (l) => warnings.push(l),
    }),
  ]);
}

/** A client of `server` holding `from`'s cookie and CSRF token. */
function carry(from: Client, server: RunningServer): Client {
  const c = new Client(server.url);
  c.cookie = from.cookie;
  c.csrfToken = from.csrfToken;
  return c;
}

const cookieValue = (c: Client) => c.cookie!.slice(c.cookie!.indexOf("=") + 1);

test("a signed-in cookie and its CSRF token still work after a restart", async () => {
  const dir = dataDir();
  const s1 = await start(dir);
  const c = new Client(s1.url);
  assert.equal((await c.login(ADMIN.email, ADMIN.password)).status, 200);
  assert.equal((await c.get("/api/me")).status, 200);
  await s1.close();

  const s2 = await start(dir);
  try {
    const again = carry(c, s2);
    const me = await again.get("/api/me");
    assert.equal(me.status, 200);
    assert.equal(me.body.user.email, ADMIN.email);
    assert.equal(me.body.csrfToken, c.csrfToken);
    assert.equal((await again.post("/api/workspaces", { name: "X" }, { csrf: false })).status, 403);
    assert.equal((await again.post("/api/workspaces", { name: "X" })).status, 201);
    const forged = carry(c, s2);
    forged.csrfToken = "not-the-token";
    assert.equal((await forged.post("/api/workspaces", { name: "Y" })).status, 403);
  } finally {
    await s2.close();
  }
});

test("logout and a password change on one process still hold after a restart", async () => {
  const dir = dataDir();
  const s1 = await start(dir);
  const admin = new Client(s1.url);
  await admin.login(ADMIN.email, ADMIN.password);
  const email = "changer@shop.test";
  await addMember(admin, "default", email, "viewer", "first-password");
  const one = new Client(s1.url);
  const two = new Client(s1.url);
  await one.login(email, "first-password");
  await two.login(email, "first-password");
  const changed = await one.post("/api/me/password", {
    currentPassword: "first-password",
    newPassword: "second-password",
  });
  assert.equal(changed.status, 204);
  assert.equal((await admin.post("/api/auth/logout")).status, 204);
  await s1.close();

  const s2 = await start(dir);
  try {
    assert.equal((await carry(admin, s2).get("/api/me")).status, 401, "logged out");
    assert.equal((await carry(two, s2).get("/api/me")).status, 401, "ended by the password change");
    assert.equal((await carry(one, s2).get("/api/me")).status, 200, "the changer's own session");
  } finally {
    await s2.close();
  }
});

test("a session that expired while the server was down is not restored", async () => {
  const dir = dataDir();
  const s1 = await start(dir);
  const idle = new Client(s1.url);
  const fresh = new Client(s1.url);
  await idle.login(ADMIN.email, ADMIN.password);
  await fresh.login(ADMIN.email, ADMIN.password);
  await s1.close();
  // Last seen 13 hours ago: past the default 12-hour idle limit.
  const store = await DuckDbStore.open(dir);
  await store.db.exec("UPDATE login_sessions SET last_seen_at = $t WHERE id_hash = $h", {
    t: Date.now() - 13 * 3_600_000,
    h: sha256(cookieValue(idle)),
  });
  await store.close();

  const s2 = await start(dir);
  try {
    assert.equal((await carry(idle, s2).get("/api/me")).status, 401);
    assert.equal((await carry(fresh, s2).get("/api/me")).status, 200);
  } finally {
    await s2.close();
  }
});

test("the store holds the cookie's hash, never the cookie value", async () => {
  const dir = dataDir();
  const s1 = await start(dir);
  const c = new Client(s1.url);
  await c.login(ADMIN.email, ADMIN.password);
  await s1.close();
  const raw = cookieValue(c);

  const store = await DuckDbStore.open(dir);
  try {
    const rows = await store.db.exec("SELECT * FROM login_sessions");
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.id_hash, sha256(raw));
    assert.equal(rows[0]!.csrf_token, c.csrfToken);
    for (const v of Object.values(rows[0]!)) assert.notEqual(String(v), raw);
  } finally {
    await store.close();
  }
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!f.isFile()) continue;
    const bytes = readFileSync(join(f.parentPath, f.name));
    assert.equal(bytes.indexOf(raw), -1, `${f.name} holds the cookie value`);
  }
});

test("a store that cannot keep sessions is logged once; sign-in still works", async () => {
  const warnings: string[] = [];
  const s = await start(dataDir(), warnings);
  try {
    await (s.ctx.store as DuckDbStore).db.exec("DROP TABLE login_sessions");
    for (let i = 0; i < 3; i++) {
      const c = new Client(s.url);
      assert.equal((await c.login(ADMIN.email, ADMIN.password)).status, 200);
      assert.equal((await c.get("/api/me")).status, 200);
      assert.equal((await c.post("/api/auth/logout")).status, 204);
      assert.equal((await c.get("/api/me")).status, 401);
    }
    assert.equal(warnings.length, 1, warnings.join("\n"));
    assert.match(warnings[0]!, /login sessions: could not save a session/);
  } finally {
    await s.close();
  }
});
