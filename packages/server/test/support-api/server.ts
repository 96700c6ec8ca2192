/**
 * A real server with the API plugin for tests: in memory, a known admin, two workspaces (A: the
 * default one, B: another admin's) each with a site, and a viewer and an editor in A.
 */
import assert from "node:assert/strict";
import type { LimiterOptions } from "../../src/api/auth/rate-limit.ts";
import { createApiPlugin } from "../../src/api/index.ts";
import { type RunningServer, startServer } from "../../src/index.ts";
import { Client } from "./client.ts";

export const ADMIN = { email: "admin@shop-a.test", password: "admin-password-a" };
export const PASSWORD = "a-good-password";

export interface World {
  server: RunningServer;
  url: string;
  admin: Client;
  editor: Client;
  viewer: Client;
  /** Admin of workspace B only. */
  other: Client;
  a: { workspace: string; site: string; publicKey: string };
  b: { workspace: string; site: string; segment: string; token: string; user: string };
}

export async function startApi(loginLimits: Partial<LimiterOptions> = {}): Promise<RunningServer> {
  return startServer({ dataDir: null, port: 0 }, [
    createApiPlugin({
      env: { INTENTLY_ADMIN_EMAIL: ADMIN.email, INTENTLY_ADMIN_PASSWORD: ADMIN.password },
      print: () => {},
      loginLimits,
    }),
  ]);
}

/**
 * A new member: `admin` invites `email` to `workspace` and the invitation is accepted as a new
 * account with `password`; answers its signed-in client.
 */
export async function addMember(
  admin: Client,
  workspace: string,
  email: string,
  role: string,
  password = PASSWORD,
): Promise<Client> {
  const r = await admin.post(`/api/workspaces/${workspace}/members`, { email, role });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const c = new Client(admin.base);
  const accepted = await c.acceptInvitation(r.body.token, password);
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  return c;
}

export async function world(): Promise<World> {
  const server = await startApi();
  const admin = new Client(server.url);
  assert.equal((await admin.login(ADMIN.email, ADMIN.password)).status, 200);
  const wsA = "default";
  const siteA = await admin.post(`/api/workspaces/${wsA}/sites`, {
    name: "Shop A",
    allowedOrigins: ["https://shop-a.test"],
  });
  assert.equal(siteA.status, 201, JSON.stringify(siteA.body));
  const editor = await addMember(admin, wsA, "editor@shop-a.test", "editor");
  const viewer = await addMember(admin, wsA, "viewer@shop-a.test", "viewer");

  // Workspace B: created by its own admin, who is not in A.
  const other = await addMember(admin, wsA, "owner@shop-b.test", "viewer");
  const wsB = await other.post("/api/workspaces", { name: "Shop B" });
  assert.equal(wsB.status, 201);
  const me = await other.get("/api/me");
  assert.equal(
    (await admin.delete(`/api/workspaces/${wsA}/members/${me.body.user.id}`)).status,
    204,
  );
  const siteB = await other.post(`/api/workspaces/${wsB.body.id}/sites`, { name: "Shop B" });
  assert.equal(siteB.status, 201);
  const segB = await other.post(`/api/sites/${siteB.body.id}/segments`, {
    id: "b-mobile",
    name: "B mobile",
    condition: { deviceType: "mobile" },
  });
  assert.equal(segB.status, 201, JSON.stringify(segB.body));
  const tokB = await other.post(`/api/workspaces/${wsB.body.id}/tokens`, {
    name: "b",
    role: "viewer",
  });
  assert.equal(tokB.status, 201);
  return {
    server,
    url: server.url,
    admin,
    editor,
    viewer,
    other,
    a: { workspace: wsA, site: siteA.body.id, publicKey: siteA.body.publicKey },
    b: {
      workspace: wsB.body.id,
      site: siteB.body.id,
      segment: "b-mobile",
      token: tokB.body.id,
      user: me.body.user.id,
    },
  };
}
