/**
 * Adding a user to a workspace is an invitation (issue 13, defect 4): the answer is the same
 * whether the email has an account or not, and an existing account of another workspace joins
 * only when its owner accepts (signed in as itself, or with its password).
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, test } from "node:test";
import { Client } from "./support-api/client.ts";
import { PASSWORD, type World, world } from "./support-api/server.ts";

let w: World;
let members = "";
let invitations = "";
const B_OWNER = "owner@shop-b.test";

before(async () => {
  w = await world();
  members = `/api/workspaces/${w.a.workspace}/members`;
  invitations = `/api/workspaces/${w.a.workspace}/invitations`;
});
after(async () => {
  await w.server.close();
});

/** The JSON's shape: keys and value types, not values. */
function shape(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(shape);
  if (x && typeof x === "object")
    return Object.fromEntries(
      Object.entries(x)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shape(v)]),
    );
  return x === null ? "null" : typeof x;
}

const accept = (c: Client, body: object) => c.post("/api/invitations/accept", body);

test("adding another workspace's user answers exactly like adding a fresh email", async () => {
  const existing = await w.admin.post(members, { email: B_OWNER, role: "viewer" });
  const fresh = await w.admin.post(members, { email: "fresh.one@nowhere.test", role: "viewer" });
  assert.equal(existing.status, 201, JSON.stringify(existing.body));
  assert.equal(fresh.status, existing.status);
  assert.deepEqual(shape(existing.body), shape(fresh.body));
  assert.deepEqual(Object.keys(existing.body).sort(), ["invitation", "token"]);
  for (const r of [existing, fresh]) assert.ok(!r.raw.toString().includes("password"));
  assert.equal(existing.headers.get("cache-control"), "no-store");

  // Not a member until they accept: neither in A's members nor A in their workspaces.
  const list = (await w.admin.get(members)).body as { userId: string }[];
  assert.ok(list.every((m) => m.userId !== w.b.user));
  const theirs = (await w.other.get("/api/workspaces")).body as { id: string }[];
  assert.deepEqual(
    theirs.map((x) => x.id),
    [w.b.workspace],
  );
  assert.equal((await w.other.get(`/api/sites/${w.a.site}`)).status, 404);
});

test("the inviting admin cannot accept for an existing account; its owner can", async () => {
  const { token } = (await w.admin.post(members, { email: B_OWNER, role: "editor" })).body;
  // Signed in as someone else: refused, whatever password is sent.
  assert.equal((await accept(w.admin, { token })).status, 403);
  assert.equal((await accept(w.admin, { token, password: "a-guessed-password" })).status, 403);
  // Not signed in: the account's password is needed.
  const anon = new Client(w.url);
  assert.equal((await accept(anon, { token, password: "a-guessed-password" })).status, 401);
  assert.equal((await accept(anon, { token })).status, 400);
  // With a cookie session, the CSRF token is needed like on any write.
  assert.equal(
    (await w.other.post("/api/invitations/accept", { token }, { csrf: false })).status,
    403,
  );
  assert.equal((await w.other.get(`/api/sites/${w.a.site}`)).status, 404);

  const ok = await accept(w.other, { token });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.user.email, B_OWNER);
  const a = ok.body.workspaces.find((x: { id: string }) => x.id === w.a.workspace);
  assert.equal(a?.role, "editor");
  assert.equal((await w.other.get(`/api/sites/${w.a.site}`)).status, 200);
  // Used once.
  assert.equal((await accept(w.other, { token })).status, 404);
  assert.equal((await w.admin.delete(`${members}/${w.b.user}`)).status, 204);
});

test("an existing account may also accept signed out, with its password (and is signed in)", async () => {
  const { token } = (await w.admin.post(members, { email: B_OWNER, role: "viewer" })).body;
  const c = new Client(w.url);
  const ok = await accept(c, { token, password: PASSWORD });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(typeof ok.body.csrfToken, "string");
  assert.match(ok.headers.get("set-cookie") ?? "", /^intently_session=/);
  assert.equal((await w.admin.delete(`${members}/${w.b.user}`)).status, 204);
});

test("a new account chooses its password when it accepts", async () => {
  const email = "new.hire@shop-a.test";
  const made = await w.admin.post(members, { email: "New.Hire@Shop-A.test", role: "editor" });
  assert.equal(made.body.invitation.email, email);
  const { token } = made.body;
  const c = new Client(w.url);
  assert.equal((await accept(c, { token, password: "short" })).status, 400);
  const ok = await accept(c, { token, password: "new-hire-password" });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const login = new Client(w.url);
  assert.equal((await login.login(email, "new-hire-password")).status, 200);
  assert.equal((await login.get(`/api/sites/${w.a.site}`)).status, 200);
  // Already a member: inviting again is a conflict the admin can see in the list anyway.
  assert.equal((await w.admin.post(members, { email, role: "viewer" })).status, 409);
});

test("pending invitations: listed without their token, hashed at rest, revocable, expiring", async () => {
  const made = await w.admin.post(members, { email: "pending@nowhere.test", role: "viewer" });
  const { token, invitation } = made.body;
  assert.match(token, /^inv_[A-Za-z0-9_-]{43}$/);
  const expiresIn = invitation.expiresAt - invitation.createdAt;
  assert.equal(expiresIn, 7 * 24 * 3600_000);
  const listed = await w.admin.get(invitations);
  assert.equal(listed.status, 200);
  const row = listed.body.find((i: { id: string }) => i.id === invitation.id);
  assert.deepEqual(row, invitation);
  assert.ok(!listed.raw.toString().includes(token));
  const stored = await w.server.ctx.store.config.findInvitation(
    createHash("sha256").update(token).digest("hex"),
  );
  assert.equal(stored?.id, invitation.id);
  assert.ok(!JSON.stringify(stored).includes(token));
  // Other roles and other workspaces cannot see or revoke it.
  assert.equal((await w.editor.get(invitations)).status, 403);
  assert.equal((await w.other.delete(`${invitations}/${invitation.id}`)).status, 404);

  assert.equal((await w.admin.delete(`${invitations}/${invitation.id}`)).status, 204);
  assert.equal((await w.admin.delete(`${invitations}/${invitation.id}`)).status, 404);
  assert.equal((await accept(new Client(w.url), { token, password: PASSWORD })).status, 404);

  // An expired invitation is not accepted, nor listed.
  const late = await w.admin.post(members, { email: "late@nowhere.test", role: "viewer" });
  await w.server.ctx.store.config.createInvitation({
    ...(await w.server.ctx.store.config.findInvitation(
      createHash("sha256").update(late.body.token).digest("hex"),
    ))!,
    expiresAt: Date.now() - 1,
  });
  const expired = await accept(new Client(w.url), { token: late.body.token, password: PASSWORD });
  assert.equal(expired.status, 404);
  assert.ok(
    ((await w.admin.get(invitations)).body as { id: string }[]).every(
      (i) => i.id !== late.body.invitation.id,
    ),
  );
});

test("inviting the same email again replaces the pending invitation", async () => {
  const one = await w.admin.post(members, { email: "twice@nowhere.test", role: "viewer" });
  const two = await w.admin.post(members, { email: "twice@nowhere.test", role: "editor" });
  assert.equal(two.status, 201);
  const pending = (
    (await w.admin.get(invitations)).body as { email: string; role: string }[]
  ).filter((i) => i.email === "twice@nowhere.test");
  assert.deepEqual(
    pending.map((i) => i.role),
    ["editor"],
  );
  assert.equal(
    (await accept(new Client(w.url), { token: one.body.token, password: PASSWORD })).status,
    404,
  );
});
