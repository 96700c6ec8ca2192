/**
 * `intently bench dashboard` as a smoke test: a tiny store (2,000 sessions), one round, the
 * JSON's shape and the data folder's reuse. Times are printed by the bench, never asserted.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { benchData } from "@intently/bench";
import { cli } from "./run-cli.ts";

const cache = mkdtempSync(join(tmpdir(), "intently-bench-dashboard-test-"));
after(() => rmSync(cache, { recursive: true, force: true }));

const figure = (f: unknown) => {
  const x = f as { p50ms: number; min: number; max: number };
  assert.ok(x.min > 0 && x.min <= x.p50ms && x.p50ms <= x.max, JSON.stringify(x));
};

test("bench dashboard --sessions 2000: cold, warm and ceiling loads of the overview as JSON", () => {
  const r = cli([
    "bench",
    "dashboard",
    "--sessions",
    "2000",
    "--rounds",
    "1",
    "--json",
    "--cache",
    cache,
  ]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.ok(out.sessions > 1500 && out.sessions <= 2000, `${out.sessions} sessions`);
  for (const f of [out.cold, out.warm, out.ceiling.cold, out.ceiling.warm]) figure(f);
  assert.ok(out.ratio.cold > 0 && out.ratio.warm > 0);
  for (const k of ["me", "sites", "ips7d", "ipsDay", "trend", "trendPerDay14"])
    assert.ok(out.apiMs[k] > 0, k);
  // One overview load: me, sites, the IPS report and its trend in one request (issue 20, item 15).
  assert.ok(out.requests.cold >= 4 && out.requests.cold < 8, JSON.stringify(out.requests));
  // The milestones come in order: HTML, script, then the API answers the overview waits for.
  const b = out.breakdown.cold;
  assert.ok(
    b.htmlMs <= b.scriptMs && b.scriptMs <= b.meMs && b.meMs <= b.readyMs,
    JSON.stringify(b),
  );
  assert.ok(b.ipsMs > 0 && b.ipsMs <= b.readyMs);
  // Cold loads fetch the script; warm ones take it from the browser's cache.
  assert.ok(b.scriptTransferBytes > 0);
  assert.equal(out.breakdown.warm.scriptTransferBytes, 0);
  assert.ok(
    out.bundle.scriptBrotliBytes > 0 && out.bundle.scriptBrotliBytes < out.bundle.scriptBytes,
  );
  assert.equal(typeof out.withinTarget, "boolean");
  assert.equal(out.data.cached, false);
  assert.ok(out.data.dir.startsWith(cache));
});

test("the data folder is reused for the same parameters and day, rebuilt for others", async () => {
  const a = await benchData({ sessions: 2000, days: 30, seed: 1, root: cache });
  assert.equal(a.cached, true, "built by the bench above");
  const b = await benchData({ sessions: 300, days: 7, seed: 2, root: cache });
  assert.equal(b.cached, false);
  assert.notEqual(a.dir, b.dir);
  assert.ok(existsSync(a.dir) && existsSync(b.dir));
  assert.equal((await benchData({ sessions: 300, days: 7, seed: 2, root: cache })).cached, true);
});
