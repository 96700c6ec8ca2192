/**
 * `intently backup --server` and `intently restore` (issue 23, item 6) through the real binary
 * against a real server taking a load of 200 batches on 127.0.0.1:
 * - a backup made while the load runs restores into a server holding exactly the batches up to
 *   the backup's log sequence (`logUpTo`): every batch has one new visitor and 2 events, so its
 *   events are 2 × the batch records in the copied log, between what was accepted before the
 *   backup started and after it ended;
 * - a backup made after the load (every batch applied) restores into a server whose report
 *   figures (the IPS report and the library for today) equal the original's exactly.
 * Restore verifies the manifest: a changed byte is refused, as is a non-empty destination.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { createApiPlugin } from "../../server/src/api/index.ts";
import { createCollectorPlugin } from "../../server/src/collector/index.ts";
import { readLog } from "../../server/src/collector/log-files.ts";
import { startServer } from "../../server/src/server.ts";
import { Client } from "../../server/test/support-api/client.ts";
import { startFullServer } from "../../server/test/support-api/full-server.ts";
import { ADMIN } from "../../server/test/support-api/server.ts";
import { cli } from "./run-cli.ts";

const ORIGIN = "https://shop.example";
const BIN = fileURLToPath(new URL("../bin/intently.js", import.meta.url));
const rand = () => randomBytes(6).toString("hex");

/** The binary without blocking this process's event loop (the server runs in it). */
function cliAsync(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((res) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } }, (e, so, se) =>
      res({ code: e ? Number(e.code ?? 1) : 0, stdout: so, stderr: se }),
    );
  });
}

async function send(url: string, key: string): Promise<number> {
  const now = Date.now();
  const v = `v_${rand()}`;
  const r = await fetch(url, {
    method: "POST",
    headers: { "content-type": "text/plain", origin: ORIGIN },
    body: JSON.stringify({
      site: key,
      batch: `b_${rand()}`,
      visitor: v,
      session: `s_${v}`,
      sentAt: now,
      events: [
        { type: "page_view", t: now - 2000, page: { url: `${ORIGIN}/p/${rand()}` } },
        { type: "page_view", t: now - 1000, page: { url: `${ORIGIN}/` } },
      ],
    }),
  });
  await r.arrayBuffer();
  return r.status;
}

async function figures(url: string, site: string) {
  const c = new Client(url);
  assert.equal((await c.login(ADMIN.email, ADMIN.password)).status, 200);
  const q = `from=${Date.now() - 86_400_000}&to=${Date.now() + 86_400_000}`;
  const ips = await c.get(`/api/sites/${site}/reports/ips?${q}`);
  const lib = await c.get(`/api/sites/${site}/reports/library?${q}`);
  assert.equal(ips.status, 200, JSON.stringify(ips.body));
  assert.equal(lib.status, 200, JSON.stringify(lib.body));
  // `through` is the time of the query (now), not a figure.
  const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === "through" ? 0 : v)));
  return { ips: strip(ips.body), library: strip(lib.body) };
}

async function restoredServer(dataDir: string) {
  return startServer({ dataDir, port: 0, host: "127.0.0.1" }, [
    createCollectorPlugin(),
    createApiPlugin({ env: {}, print: () => {} }),
  ]);
}

test("backup under load, restore, same figures", { timeout: 240_000 }, async () => {
  const full = await startFullServer({ origin: ORIGIN });
  const dataDir = full.server.ctx.config.dataDir as string;
  const root = join(dirname(dataDir), `backups-${rand()}`);
  const tok = await full.admin.post("/api/workspaces/default/tokens", {
    name: "backup",
    role: "admin",
  });
  assert.equal(tok.status, 201);
  const env = { INTENTLY_API_TOKEN: tok.body.token as string };
  const restored: string[] = [];
  try {
    // 200 batches, 8 at a time; the backup starts once 60 are accepted.
    let accepted = 0;
    let next = 0;
    let atStart = -1;
    let atEnd = -1;
    const workers = Array.from({ length: 8 }, async () => {
      while (next < 200) {
        next++;
        assert.equal(await send(full.collectUrl, full.site.publicKey), 200);
        accepted++;
      }
    });
    while (accepted < 60) await new Promise((r) => setTimeout(r, 5));
    atStart = accepted;
    const during = join(root, "during");
    const b1 = await cliAsync(["backup", during, "--server", full.server.url, "--json"], env);
    atEnd = accepted;
    await Promise.all(workers);
    assert.equal(b1.code, 0, b1.stderr);
    const r1 = JSON.parse(b1.stdout) as {
      logUpTo: number;
      bytes: number;
      totalMs: number;
      pausedMs: number;
    };
    console.log(`under load: ${JSON.stringify(r1)}; accepted ${atStart}→${atEnd} of 200 meanwhile`);
    const batches = [...readLog(join(during, "log"))].filter((e) => e.record.k === "b").length;
    assert.ok(batches >= atStart && batches <= atEnd, `${batches} in [${atStart}, ${atEnd}]`);

    const dir1 = join(root, "data1");
    restored.push(dir1);
    const rs1 = cli(["restore", during, dir1]);
    assert.equal(rs1.code, 0, rs1.stderr);
    const s1 = await restoredServer(dir1);
    try {
      await s1.ctx.store.flush();
      const stats = await s1.ctx.store.stats();
      assert.equal(stats.events, 2 * batches);
    } finally {
      await s1.close();
    }

    // After the load, every batch applied: exact report figures.
    await new Promise((r) => setTimeout(r, 1500));
    const after = join(root, "after");
    const b2 = await cliAsync(["backup", after, "--server", full.server.url, "--with-key"], env);
    assert.equal(b2.code, 0, b2.stderr);
    const want = await figures(full.server.url, full.site.id);
    await full.server.ctx.store.flush();
    const wantStats = await full.server.ctx.store.stats();
    const dir2 = join(root, "data2");
    assert.equal(cli(["restore", after, dir2]).code, 0);
    const s2 = await restoredServer(dir2);
    try {
      assert.deepEqual(await figures(s2.url, full.site.id), want);
      await s2.ctx.store.flush();
      const got = await s2.ctx.store.stats();
      assert.equal(got.events, 400);
      assert.deepEqual(got, wantStats);
    } finally {
      await s2.close();
    }

    // Refusals: a non-empty destination, a damaged backup, a destination outside the roots.
    const busy = join(root, "busy");
    mkdirSync(busy);
    writeFileSync(join(busy, "x"), "x");
    const nonEmpty = cli(["restore", after, busy]);
    assert.equal(nonEmpty.code, 1);
    assert.match(nonEmpty.stderr, /not empty/);
    appendFileSync(join(after, "intently.duckdb"), "!");
    const damaged = cli(["restore", after, join(root, "data3")]);
    assert.equal(damaged.code, 1);
    assert.match(damaged.stderr, /damaged[\s\S]*intently\.duckdb/);
    const outside = await cliAsync(["backup", "/proc/x", "--server", full.server.url], env);
    assert.equal(outside.code, 1);
    assert.match(outside.stderr, /400.*must be inside/);
  } finally {
    await full.stop();
    rmSync(root, { recursive: true, force: true });
  }
});
