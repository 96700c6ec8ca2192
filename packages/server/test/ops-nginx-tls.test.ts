/**
 * Behind a real nginx with TLS on loopback (issue 23, "Must show"): Debian's nginx runs
 * deploy/nginx/intently.conf (the recipe docs/operations.md shows) with a certificate made at
 * test time, in front of a real server whose public URL is https://localhost:<nginx port> and
 * which trusts 127.0.0.1 (the address nginx connects from) as its only proxy. Clients reach
 * nginx from other loopback addresses (127.0.0.2…), so each is a different client to it.
 * Through HTTPS: the site's snippet and the dashboard's API carry the public URL, the loader
 * and the tag load from it and a batch sent there is accepted; the sign-in cookie is Secure;
 * the login limit counts each client nginx forwards apart, a client cannot forge its address
 * through nginx, and X-Forwarded-For sent straight to the server from elsewhere is ignored.
 */
import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { createApiPlugin } from "../src/api/index.ts";
import { createCollectorPlugin } from "../src/collector/index.ts";
import { type RunningServer, startServer } from "../src/server.ts";
import { ADMIN } from "./support-api/server.ts";
import { makeBatch, tempDir } from "./support-collector/helpers.ts";
import {
  freePort,
  httpsRequest,
  type Nginx,
  type Reply,
  SITE_TEMPLATE,
  startNginx,
} from "./support-ops/nginx.ts";

let server: RunningServer;
let nginx: Nginx;
let serverPort: number;
let publicUrl: string;
const dataDir = tempDir();

before(async () => {
  const port = await freePort();
  publicUrl = `https://localhost:${port}`;
  server = await startServer(
    { dataDir, host: "127.0.0.1", port: 0, publicUrl, trustProxy: ["127.0.0.1"] },
    [
      createCollectorPlugin(),
      createApiPlugin({
        env: { INTENTLY_ADMIN_EMAIL: ADMIN.email, INTENTLY_ADMIN_PASSWORD: ADMIN.password },
        print: () => {},
      }),
    ],
  );
  serverPort = (server.app.server.address() as AddressInfo).port;
  nginx = await startNginx(`127.0.0.1:${serverPort}`, port);
});

after(async () => {
  await nginx?.stop();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const viaNginx = (
  from: string,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => httpsRequest(nginx, { from, method, path, headers }, body);

const login = (from: string, password: string, headers?: Record<string, string>) =>
  viaNginx(from, "POST", "/api/auth/login", { email: ADMIN.email, password }, headers);

/** A request straight to the server's socket (no nginx), sent from loopback address `from`. */
function direct(from: string, path: string, body: unknown, headers: Record<string, string>) {
  const data = JSON.stringify(body);
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: serverPort,
        localAddress: from,
        method: "POST",
        path,
        agent: false,
        headers: { "content-type": "application/json", ...headers },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => {
          text += c.toString("utf8");
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
        );
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

const cookieOf = (r: Reply): string => {
  const set = r.headers["set-cookie"];
  return (Array.isArray(set) ? set : [set ?? ""]).join("\n");
};

test("through nginx over TLS: public URL in the snippet, the API and the loader; Secure cookie", {
  timeout: 60_000,
}, async () => {
  const health = await viaNginx("127.0.0.2", "GET", "/readyz");
  assert.equal(health.status, 200, health.body);

  const signIn = await login("127.0.0.2", ADMIN.password);
  assert.equal(signIn.status, 200, signIn.body);
  const setCookie = cookieOf(signIn);
  assert.match(setCookie, /;\s*Secure(;|$)/im, setCookie);
  assert.match(setCookie, /;\s*HttpOnly(;|$)/im, setCookie);
  const cookie = setCookie.split(";")[0]!;
  const { csrfToken } = JSON.parse(signIn.body) as { csrfToken: string };

  const created = await viaNginx(
    "127.0.0.2",
    "POST",
    "/api/workspaces/default/sites",
    { name: "Shop", allowedOrigins: ["https://shop.example"] },
    { cookie, "x-csrf-token": csrfToken },
  );
  assert.equal(created.status, 201, created.body);
  const site = JSON.parse(created.body) as { id: string; publicKey: string; snippet: string };
  const loader = `${publicUrl}/t/${site.publicKey}.js`;
  assert.equal(site.snippet, `<script async src="${loader}"></script>`);

  // What the dashboard shows (the site and the list) names the public URL, never the bind one.
  for (const path of [`/api/sites/${site.id}`, "/api/workspaces/default/sites"]) {
    const shown = await viaNginx("127.0.0.2", "GET", path, undefined, { cookie });
    assert.equal(shown.status, 200, shown.body);
    assert.ok(shown.body.includes(loader), `${path}: ${shown.body}`);
    assert.ok(!shown.body.includes(`:${serverPort}`), `${path} names the bind port`);
  }

  // The snippet's loader and the tag it loads come through nginx; the loader derives the
  // collector's address from its own URL, so a batch goes to the public URL too.
  const js = await viaNginx("127.0.0.2", "GET", `/t/${site.publicKey}.js`);
  assert.equal(js.status, 200);
  assert.match(String(js.headers["content-type"]), /javascript/);
  const tagPath = /'(\/intently\.js\?v=[^']+)'/.exec(js.body)?.[1];
  assert.ok(tagPath, js.body);
  const tag = await viaNginx("127.0.0.2", "GET", tagPath);
  assert.equal(tag.status, 200);
  assert.ok(tag.body.length > 1000, `tag of ${tag.body.length} bytes`);
  const batch = await viaNginx(
    "127.0.0.2",
    "POST",
    "/v1/collect",
    makeBatch({ site: site.publicKey }),
    { origin: "https://shop.example", "content-type": "text/plain;charset=UTF-8" },
  );
  assert.ok(batch.status >= 200 && batch.status < 300, `${batch.status} ${batch.body}`);
  // Every one of these went through nginx: its access log has them, from the client's address
  // (nginx writes a line once the answer is sent, so the last one may come a moment later).
  let served: string[] = [];
  for (let tries = 0; served.length < 8 && tries < 40; tries++) {
    if (tries > 0) await new Promise((r) => setTimeout(r, 50));
    served = readFileSync(join(nginx.dir, "access.log"), "utf8")
      .split("\n")
      .filter((l) => l.startsWith("127.0.0.2 "));
  }
  assert.equal(served.length, 8, served.join("\n"));
});

test("the login limit counts each client nginx forwards; X-Forwarded-For from elsewhere is ignored", {
  timeout: 60_000,
}, async () => {
  // 127.0.0.3 fails 5 times and is held; 127.0.0.4, another client of nginx, signs in.
  for (let i = 0; i < 5; i++)
    assert.equal((await login("127.0.0.3", `wrong-password-${i}`)).status, 401);
  assert.equal((await login("127.0.0.3", ADMIN.password)).status, 429);
  assert.equal((await login("127.0.0.4", ADMIN.password)).status, 200);
  // The held client cannot pass for another: nginx appends the address it saw, and the server
  // takes the rightmost address that is not a trusted proxy.
  const forged = await login("127.0.0.3", ADMIN.password, { "x-forwarded-for": "198.51.100.9" });
  assert.equal(forged.status, 429, forged.body);

  // Straight to the server from 127.0.0.5, which is not a trusted proxy: the header is ignored,
  // so failures "from" one address and a sign-in "from" another are the same client's.
  for (let i = 0; i < 5; i++) {
    const r = direct(
      "127.0.0.5",
      "/api/auth/login",
      { email: ADMIN.email, password: `wrong-password-${i}` },
      { "x-forwarded-for": `203.0.113.${i + 1}` },
    );
    assert.equal((await r).status, 401);
  }
  const elsewhere = await direct(
    "127.0.0.5",
    "/api/auth/login",
    { email: ADMIN.email, password: ADMIN.password },
    { "x-forwarded-for": "198.51.100.2" },
  );
  assert.equal(elsewhere.status, 429, elsewhere.body);
  // …and only that client: through nginx, a fresh client still signs in.
  assert.equal((await login("127.0.0.6", ADMIN.password)).status, 200);
});

test("docs/operations.md shows deploy/nginx/intently.conf as it is", () => {
  const doc = readFileSync(new URL("../../../docs/operations.md", import.meta.url), "utf8");
  const conf = readFileSync(SITE_TEMPLATE, "utf8");
  assert.ok(doc.includes(`\`\`\`nginx\n${conf}\`\`\``), "the nginx recipe in the docs differs");
});
