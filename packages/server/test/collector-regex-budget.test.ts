/**
 * Issue 13, defect 1 (cost, not only complexity): linear-time `$regex` matching is still
 * ~20 ms per expensive pattern on a 2 KB path, and the collector evaluates every live segment on
 * every event. So (a) a site's live regexes together are held to MAX_SITE_REGEX_STEPS compiled
 * steps at save (400 naming the clause that crosses it), and (b) a collect batch is applied in
 * time slices: one batch of 100 page views with distinct 2 KB paths, against as many expensive
 * segments as the budget allows, never holds the event loop for more than 100 ms.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { compileCondition, MAX_SITE_REGEX_STEPS, regexSteps } from "@intently/conditions";
import { createApiPlugin } from "../src/api/index.ts";
import { createCollectorPlugin } from "../src/collector/index.ts";
import { type RunningServer, startServer } from "../src/server.ts";
import { Client } from "./support-api/client.ts";
import { ADMIN } from "./support-api/server.ts";
import { post, tempDir } from "./support-collector/helpers.ts";

const ORIGIN = "https://shop-b.test";
const STALL_MS = 100;
/** Each costs ~126 compiled steps and ~20 ms per 2 KB random a/b subject (the NFA's worst). */
const EXPENSIVE = (i: number) => `[ab]*${i % 2 ? "b" : "a"}[ab]{${120 - Math.floor(i / 2)}}$`;
const stepsOf = (p: string) => regexSteps(p, false) ?? Number.POSITIVE_INFINITY;

const dataDir = tempDir();
let server: RunningServer;
let admin: Client;
let site: { id: string; publicKey: string };
let base: string;
before(async () => {
  const env = { INTENTLY_ADMIN_EMAIL: ADMIN.email, INTENTLY_ADMIN_PASSWORD: ADMIN.password };
  server = await startServer({ dataDir, port: 0, host: "127.0.0.1" }, [
    // 100 page views with 2 KB URLs need ~210 KB: past the default 64 KB body, on purpose.
    createCollectorPlugin({
      maxBodyBytes: 512 * 1024,
      visitorRate: { perSecond: 1e6, burst: 1e6 },
      siteRate: { perSecond: 1e6, burst: 1e6 },
    }),
    createApiPlugin({ env, print: () => {} }),
  ]);
  admin = new Client(server.url);
  assert.equal((await admin.login(ADMIN.email, ADMIN.password)).status, 200);
  const r = await admin.post("/api/workspaces/default/sites", {
    name: "Shop B",
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

/** A path of `/` and random a/b, so that the whole URL is at the 2,048-character cap. */
function randomPath(): string {
  let p = "/";
  while (ORIGIN.length + p.length < 2048) p += Math.random() < 0.5 ? "a" : "b";
  return p;
}

let tries = 0;
function batchOf(paths: string[]) {
  const now = Date.now();
  tries++;
  return {
    site: site.publicKey,
    batch: `b-budget-${tries}`,
    visitor: `v-budget-${tries}`,
    session: `s-budget-${tries}`,
    sentAt: now,
    context: { url: `${ORIGIN}/`, lang: "en-GB" },
    events: paths.map((p, i) => ({
      type: "page_view",
      t: now - 60_000 + i * 100,
      page: { url: `${ORIGIN}${p}` },
    })),
  };
}

/** The longest event-loop stall (ms) while `run` runs (the server is in this process). */
async function maxStallMs(run: () => Promise<void>): Promise<number> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  await sleep(20);
  await run();
  await sleep(20); // let the delayed timer fire so that the last stall is recorded
  h.disable();
  return h.max / 1e6;
}

const ids: string[] = [];

test("as many expensive $regex segments as the budget allows fit, one more is refused", async () => {
  let used = 0;
  for (let i = 0; used + stepsOf(EXPENSIVE(i)) <= MAX_SITE_REGEX_STEPS; i++) {
    used += stepsOf(EXPENSIVE(i));
    const r = await admin.post(base, {
      id: `costly-${i}`,
      name: `Costly ${i}`,
      condition: { pagePath: { $regex: EXPENSIVE(i) } },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    ids.push(`costly-${i}`);
  }
  assert.ok(ids.length >= 2, `the budget holds ${ids.length} expensive patterns`);
  // A paused segment does not count; making it live is what crosses the budget.
  const condition = {
    $and: [{ deviceType: "desktop" }, { pagePath: { $regexi: EXPENSIVE(ids.length) } }],
  };
  const paused = await admin.post(base, {
    id: "one-more",
    name: "One more",
    status: "paused",
    condition,
  });
  assert.equal(paused.status, 201, JSON.stringify(paused.body));
  const refusals = [
    await admin.post(base, { id: "another", name: "Another", condition }),
    await admin.patch(`${base}/one-more`, { status: "live" }),
  ];
  for (const r of refusals) {
    assert.equal(r.status, 400, JSON.stringify(r.body));
    const issue = r.body.issues?.find(
      (i: { path: string }) => i.path === "/body/condition/$and/1/pagePath/$regexi",
    );
    assert.ok(issue, JSON.stringify(r.body));
    assert.match(
      issue.message,
      new RegExp(`regex patterns together exceed ${MAX_SITE_REGEX_STEPS} compiled steps`),
    );
  }
  // Nothing was stored live.
  const one = await admin.get(`${base}/one-more`);
  assert.equal(one.body.status, "paused");
  assert.equal((await admin.get(`${base}/another`)).status, 404);
});

test("one batch of 100 distinct 2 KB paths never stalls the event loop past 100 ms", async () => {
  assert.ok(ids.length >= 2, "the previous test saved the segments");
  // Warm-up: the first request compiles routes, opens the log, and builds the segment set.
  assert.equal(
    (await post(`${server.url}/v1/collect`, batchOf(["/"]), { origin: ORIGIN })).status,
    200,
  );
  const once = async () => {
    const paths = Array.from({ length: 100 }, randomPath);
    let answer: { status: number; body: { segments: string[] } } | undefined;
    const stall = await maxStallMs(async () => {
      const res = await fetch(`${server.url}/v1/collect`, {
        method: "POST",
        headers: { "content-type": "text/plain", origin: ORIGIN },
        body: JSON.stringify(batchOf(paths)),
      });
      answer = { status: res.status, body: (await res.json()) as { segments: string[] } };
    });
    assert.equal(answer?.status, 200, JSON.stringify(answer?.body));
    // Memberships after the batch: those of the last path, as the condition says directly.
    const last = paths.at(-1)!;
    for (const [i, id] of ids.entries()) {
      const want = compileCondition({ pagePath: { $regex: EXPENSIVE(i) } })({ pagePath: last });
      assert.equal(answer?.body.segments.includes(id), want, `${id} on the last path`);
    }
    return stall;
  };
  // A stall counts when it repeats on three tries (a busy machine delays one now and then).
  let stall = await once();
  for (let i = 0; i < 2 && stall > STALL_MS; i++) stall = Math.min(stall, await once());
  assert.ok(stall <= STALL_MS, `the event loop stalled ${stall.toFixed(0)} ms`);
});
