/**
 * Issue 13, defect 1: a custom segment's `$regex` cannot stall the server (linear-time
 * matching), and a pattern the linear-time engine cannot run is refused at save, located.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { createApiPlugin } from "../src/api/index.ts";
import { collectorPlugin } from "../src/collector/index.ts";
import { type RunningServer, startServer } from "../src/server.ts";
import { Client } from "./support-api/client.ts";
import { ADMIN } from "./support-api/server.ts";
import { post, tempDir } from "./support-collector/helpers.ts";

const BOMB = "^.*a.*a.*a.*a.*b$"; // n^5 steps for a backtracking engine on "aaaa…"
const ORIGIN = "https://shop-a.test";

// One server with the collector and the API, as `intently start` runs them.
const dataDir = tempDir();
let server: RunningServer;
let admin: Client;
let site: { id: string; publicKey: string };
let base: string;
before(async () => {
  const env = { INTENTLY_ADMIN_EMAIL: ADMIN.email, INTENTLY_ADMIN_PASSWORD: ADMIN.password };
  server = await startServer({ dataDir, port: 0, host: "127.0.0.1" }, [
    collectorPlugin,
    createApiPlugin({ env, print: () => {} }),
  ]);
  admin = new Client(server.url);
  assert.equal((await admin.login(ADMIN.email, ADMIN.password)).status, 200);
  const r = await admin.post("/api/workspaces/default/sites", {
    name: "Shop A",
    allowedOrigins: [ORIGIN],
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  site = r.body;
  base = `/api/sites/${site.id}/segments`;
});
after(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The longest event-loop stall (ms) while `run` runs (the server is in this process). */
async function maxStallMs(run: () => Promise<unknown>): Promise<number> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  await sleep(20);
  await run();
  await sleep(20); // let the delayed timer fire so that the last stall is recorded
  h.disable();
  return h.max / 1e6;
}

function batch(path: string, n: number) {
  const now = Date.now();
  return {
    site: site.publicKey,
    batch: `b-regex-${n}`,
    visitor: `v-regex-${n}`,
    session: `s-regex-${n}`,
    sentAt: now,
    context: { url: `${ORIGIN}/`, lang: "en-GB" },
    events: [{ type: "page_view", t: now - 1000, page: { url: `${ORIGIN}${path}` } }],
  };
}

test("a $regex segment and a collect batch with a long URL never block the event loop", async () => {
  // A first batch warms the collector up (its first request compiles and opens things).
  assert.equal(
    (await post(`${server.url}/v1/collect`, batch("/", 9), { origin: ORIGIN })).status,
    200,
  );
  const saved = await admin.post(base, {
    id: "aaaab",
    name: "Backtracking bait",
    condition: { pagePath: { $regex: BOMB } },
  });
  assert.equal(saved.status, 201, JSON.stringify(saved.body));
  // 200 characters take seconds for a backtracking engine; 2,000 (the URL cap is 2,048) hours.
  for (const [n, path] of [`/${"a".repeat(200)}`, `/${"a".repeat(2000)}`].entries()) {
    let status = 0;
    const stall = await maxStallMs(async () => {
      status = (await post(`${server.url}/v1/collect`, batch(path, n), { origin: ORIGIN })).status;
      server.ctx.host.advance(); // the periodic tick re-evaluates live sessions
    });
    assert.equal(status, 200);
    assert.ok(stall <= 100, `${path.length}-character path: event loop blocked ${stall} ms`);
  }
  // The segment still matches what it should.
  const now = Date.now();
  const ref = { site: site.id, visitor: "v-b", session: "s-b" };
  const page = { url: `${ORIGIN}/${"a".repeat(2000)}b` };
  const u = server.ctx.host.process(ref, { type: "page_view", t: now, page } as never);
  assert.ok(u.segments.includes("aaaab"));
});

test("a pattern the linear-time engine cannot run is refused with 400 naming its place", async () => {
  const cases: [unknown, string, RegExp][] = [
    [{ pagePath: { $regex: "^/(p|c)/\\1" } }, "/body/condition/pagePath/$regex", /backreference/],
    [
      { $and: [{ deviceType: "mobile" }, { landingPage: { $regexi: "^/(?!checkout)" } }] },
      "/body/condition/$and/1/landingPage/$regexi",
      /lookaround/,
    ],
  ];
  for (const [condition, path, reason] of cases) {
    const r = await admin.post(base, { id: "refused", name: "Refused", condition });
    assert.equal(r.status, 400, JSON.stringify(r.body));
    const issue = r.body.issues.find((i: { path: string }) => i.path === path);
    assert.ok(issue, JSON.stringify(r.body.issues));
    assert.match(issue.message, /not supported by the linear-time engine/);
    assert.match(issue.message, reason);
  }
});
