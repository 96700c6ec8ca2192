/** JSON bodies are validated without type coercion; querystrings and params keep it. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Res } from "./support-api/client.ts";
import { ADMIN, type World, world } from "./support-api/server.ts";

let w: World;
before(async () => {
  w = await world();
});
after(async () => {
  await w.server.close();
});

/** A 400 whose message and issues name `path` (e.g. "/body/opportunities"). */
function rejected(r: Res, path: string): void {
  assert.equal(r.status, 400, JSON.stringify(r.body));
  assert.ok(
    r.body.issues.some((i: { path: string }) => i.path === path),
    `issues name ${path}: ${JSON.stringify(r.body)}`,
  );
  assert.ok(r.body.message.includes(path.slice(1)), r.body.message);
}

const segment = (extra: Record<string, unknown>) => ({
  id: "strict-body",
  name: "Strict body",
  condition: { deviceType: "desktop" },
  ...extra,
});

test("a string where an array is expected is a 400, not a one-item array", async () => {
  const r = await w.editor.post(
    `/api/sites/${w.a.site}/segments`,
    segment({ opportunities: "one" }),
  );
  rejected(r, "/body/opportunities");
});

test("numbers inside a string array are a 400, not strings", async () => {
  const r = await w.editor.post(`/api/sites/${w.a.site}/segments`, segment({ opportunities: [3] }));
  rejected(r, "/body/opportunities/0");
});

test("a number sent as a string is a 400", async () => {
  const base = `/api/sites/${w.a.site}`;
  rejected(await w.editor.post(`${base}/segments`, segment({ priority: "5" })), "/body/priority");
  rejected(
    await w.admin.patch(base, { settings: { retentionDays: "30" } }),
    "/body/settings/retentionDays",
  );
});

test('"true" for a boolean is a 400', async () => {
  const r = await w.admin.patch(`/api/sites/${w.a.site}`, { settings: { hashIdentified: "true" } });
  rejected(r, "/body/settings/hashIdentified");
});

test("other types are not coerced either: null for a string, a number for an email", async () => {
  rejected(await w.admin.post("/api/workspaces", { name: null }), "/body/name");
  const login = await w.admin.post("/api/auth/login", { email: 12345, password: ADMIN.password });
  rejected(login, "/body/email");
});

test("well-typed bodies still pass", async () => {
  const made = await w.editor.post(
    `/api/sites/${w.a.site}/segments`,
    segment({ priority: 5, opportunities: ["one"] }),
  );
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const patched = await w.admin.patch(`/api/sites/${w.a.site}`, {
    settings: { retentionDays: 30, hashIdentified: true },
  });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  assert.equal(patched.body.settings.retentionDays, 30);
});

test("querystrings keep their coercion: ?days=7 is a number, ?includeArchived=true a boolean", async () => {
  const lib = await w.viewer.get(`/api/sites/${w.a.site}/reports/library?days=7`);
  assert.equal(lib.status, 200, JSON.stringify(lib.body));
  rejected(
    await w.viewer.get(`/api/sites/${w.a.site}/reports/library?days=seven`),
    "/querystring/days",
  );
  const list = await w.viewer.get(`/api/sites/${w.a.site}/segments?includeArchived=true`);
  assert.equal(list.status, 200, JSON.stringify(list.body));
});
