/**
 * Behind a reverse proxy (issue 23, items 1 and 3), over real HTTP: the public URL is what the
 * API gives as the tag's address and makes the session cookie Secure when it is https; the
 * login rate limit counts the X-Forwarded-For client only on requests from a trusted proxy.
 */
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { createApiPlugin } from "../src/api/index.ts";
import type { ServerConfig } from "../src/config.ts";
import { type RunningServer, startServer } from "../src/server.ts";
import { Client } from "./support-api/client.ts";
import { ADMIN } from "./support-api/server.ts";

async function start(config: Partial<ServerConfig>): Promise<{ s: RunningServer; base: string }> {
  const s = await startServer({ dataDir: null, host: "127.0.0.1", port: 0, ...config }, [
    createApiPlugin({
      env: { INTENTLY_ADMIN_EMAIL: ADMIN.email, INTENTLY_ADMIN_PASSWORD: ADMIN.password },
      print: () => {},
    }),
  ]);
  // The socket address: with a public URL, `s.url` is the proxy's address, not ours.
  const { port } = s.app.server.address() as AddressInfo;
  return { s, base: `http://127.0.0.1:${port}` };
}

async function login(base: string, password: string, forwardedFor?: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
    },
    body: JSON.stringify({ email: ADMIN.email, password }),
  });
  await res.arrayBuffer();
  return { status: res.status, cookie: res.headers.get("set-cookie") };
}

test("an https public URL: the API gives it as the tag's address and the cookie is Secure", async () => {
  const { s, base } = await start({ publicUrl: "https://in.shop.test" });
  try {
    assert.equal(s.url, "https://in.shop.test");
    const r = await login(base, ADMIN.password);
    assert.equal(r.status, 200);
    assert.match(r.cookie ?? "", /;\s*Secure(;|$)/i, String(r.cookie));
    const admin = new Client(base);
    assert.equal((await admin.login(ADMIN.email, ADMIN.password)).status, 200);
    const site = await admin.post("/api/workspaces/default/sites", {
      name: "Shop",
      allowedOrigins: ["https://shop.test"],
    });
    assert.equal(site.status, 201, JSON.stringify(site.body));
    const shown = JSON.stringify((await admin.get(`/api/sites/${site.body.id}`)).body);
    assert.ok(shown.includes('src=\\"https://in.shop.test/'), shown);
    assert.ok(!shown.includes("127.0.0.1"), `no bind address in ${shown}`);
  } finally {
    await s.close();
  }
});

test("without a public URL (plain http on the bind address) the cookie is not Secure", async () => {
  const { s, base } = await start({});
  try {
    assert.equal(s.url, base);
    const r = await login(base, ADMIN.password);
    assert.equal(r.status, 200);
    assert.doesNotMatch(r.cookie ?? "", /Secure/i);
  } finally {
    await s.close();
  }
});

/** 5 wrong passwords from `attacker`, then the right one from `admin`: its status. */
async function lockout(base: string, attacker: string, admin: string): Promise<number> {
  for (let i = 0; i < 5; i++)
    assert.equal((await login(base, `wrong-${i}-password`, attacker)).status, 401);
  assert.equal((await login(base, "wrong-again-password", attacker)).status, 429);
  return (await login(base, ADMIN.password, admin)).status;
}

test("from a trusted proxy, the limit counts the forwarded client: the admin elsewhere signs in", async () => {
  const { s, base } = await start({ trustProxy: ["127.0.0.1"] });
  try {
    assert.equal(await lockout(base, "203.0.113.7", "198.51.100.2"), 200);
    // The attacker is still held, and cannot escape by adding an address of its own in front:
    // the proxy appends the address it saw, which is the one believed.
    assert.equal((await login(base, ADMIN.password, "203.0.113.7")).status, 429);
    assert.equal((await login(base, ADMIN.password, "198.51.100.99, 203.0.113.7")).status, 429);
  } finally {
    await s.close();
  }
});

test("from an address that is not a trusted proxy, X-Forwarded-For is ignored", async () => {
  for (const trustProxy of [[], ["10.1.2.3", "192.168.0.0/16"]]) {
    const { s, base } = await start({ trustProxy });
    try {
      // Every request is 127.0.0.1's: the failures sent "as" another client lock this one too.
      assert.equal(await lockout(base, "203.0.113.7", "198.51.100.2"), 429, String(trustProxy));
    } finally {
      await s.close();
    }
  }
});
