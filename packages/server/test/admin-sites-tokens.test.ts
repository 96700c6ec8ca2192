/**
 * addSite and addToken, what `intently sites add` and `tokens add` run on a stopped server's
 * folder (issue 23, admin CLI): the API's limits, one message per bad input; a token's role at
 * most its user's in the workspace; the token works over HTTP.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AdminInputError, addSite, addToken, addUser, type RunningServer } from "../src/index.ts";
import { Client } from "./support-api/client.ts";
import { ADMIN, startApi } from "./support-api/server.ts";

let server: RunningServer;
before(async () => {
  server = await startApi();
});
after(() => server.close());

const refusal = (message: RegExp) => (e: unknown) =>
  e instanceof AdminInputError && message.test(e.message);

test("addSite: the API's name and origin limits, an existing workspace", async () => {
  const store = server.ctx.store;
  const s = await addSite(store, {
    workspace: "default",
    name: "  Shop  ",
    allowedOrigins: ["https://shop.example", "http://localhost:*", "loopback"],
  });
  assert.equal(s.name, "Shop");
  assert.match(s.id, /^shop-[0-9a-f]{6}$/);
  assert.match(s.publicKey, /^pk_live_[0-9a-f]{24}$/);
  const bad: [Partial<Parameters<typeof addSite>[1]>, RegExp][] = [
    [{ name: " " }, /the name must have 1 to 120 characters/],
    [{ name: "x".repeat(121) }, /1 to 120/],
    [{ allowedOrigins: ["shop.example"] }, /not an origin: "shop.example"/],
    [{ allowedOrigins: ["https://shop.example/path"] }, /not an origin/],
    [{ allowedOrigins: Array(101).fill("*") }, /at most 100 allowed origins/],
    [{ workspace: "nope" }, /no workspace "nope"/],
  ];
  for (const [o, message] of bad)
    await assert.rejects(
      addSite(store, { workspace: "default", name: "X", allowedOrigins: [], ...o }),
      refusal(message),
    );
});

test("addToken: a member, a role at most theirs; the token signs API calls", async () => {
  const store = server.ctx.store;
  await addUser(store, { email: "viewer@shop.test", workspace: "default", role: "viewer" });
  const { raw, token } = await addToken(store, {
    workspace: "default",
    email: ADMIN.email.toUpperCase(),
    name: " ci ",
    role: "editor",
  });
  assert.equal(token.name, "ci");
  assert.equal(token.role, "editor");
  const me = await Client.withToken(server.url, raw).get("/api/workspaces/default");
  assert.equal(me.status, 200);
  assert.equal(me.body.role, "editor");
  const base = { workspace: "default", email: ADMIN.email, name: "t", role: "viewer" };
  for (const [o, message] of [
    [{ role: "owner" }, /role must be one of admin, editor, viewer/],
    [{ name: "" }, /1 to 120 characters/],
    [{ workspace: "nope" }, /no workspace "nope"/],
    [{ email: "nobody@shop.test" }, /no user nobody@shop\.test/],
    [{ email: "viewer@shop.test", role: "admin" }, /viewer of default: a token cannot have more/],
  ] as const)
    await assert.rejects(addToken(store, { ...base, ...o }), refusal(message));
  const viewer = await addToken(store, { ...base, email: "viewer@shop.test" });
  assert.equal(viewer.token.role, "viewer");
});
