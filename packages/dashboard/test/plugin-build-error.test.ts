/**
 * When the dashboard cannot be built or loaded, the page says so without the server's paths
 * (issue 13: error answers never echo a file-system error's absolute path); the details go to
 * the server's log.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import Fastify from "fastify";
import { buildDashboard, createDashboardPlugin } from "../src/index.ts";

const cacheDir = mkdtempSync(join(tmpdir(), "intently-dashboard-broken-"));
after(() => rmSync(cacheDir, { recursive: true, force: true }));

test("a broken build cache: 500 without the cache folder's path", async () => {
  await buildDashboard({ root: cacheDir });
  const [hash] = readdirSync(cacheDir);
  // A cached build with an unreadable file: loading it fails with an fs error naming the path.
  symlinkSync(join(cacheDir, "missing-target"), join(cacheDir, hash!, "zz-broken.js"));
  const app = Fastify();
  createDashboardPlugin({ cacheDir })(app, {} as never);
  const stderr = process.stderr.write;
  process.stderr.write = () => true; // the build failure is logged; keep the test output clean
  try {
    const res = await app.inject({ url: "/" });
    assert.equal(res.statusCode, 500);
    assert.match(res.body, /dashboard/i);
    assert.ok(!res.body.includes(cacheDir), `path leaked: ${res.body}`);
    assert.ok(!res.body.includes(tmpdir()), `path leaked: ${res.body}`);
  } finally {
    process.stderr.write = stderr;
    await app.close();
  }
});
