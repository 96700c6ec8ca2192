/**
 * The data folder is private (issue 13): a server started on a fresh folder, sent a batch,
 * with a model saved and stopped, leaves no file or folder with group/other permission bits —
 * the DuckDB file and its WAL, the collector log, secret.key, models. A folder created before
 * this rule (0755) is tightened at start.
 */
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import type { ModelBundle } from "@intently/intent-model";
import { apiPlugin, createApiPlugin } from "../src/api/index.ts";
import { ensureSite } from "../src/collector/serve.ts";
import { DEFAULT_PLUGINS, type RunningServer, startServer } from "../src/index.ts";
import { ModelRegistry } from "../src/models/registry.ts";
import { makeBatch, post, SITE } from "./support-collector/helpers.ts";

/** Every path under `dir` (itself included) whose mode has group or other bits. */
function loose(dir: string): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    if ((st.mode & 0o077) !== 0) out.push(`${p} ${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) for (const name of readdirSync(p)) walk(join(p, name));
  };
  walk(dir);
  return out;
}

function start(dataDir: string): Promise<RunningServer> {
  const quietApi = createApiPlugin({
    env: { INTENTLY_ADMIN_EMAIL: "admin@modes.test", INTENTLY_ADMIN_PASSWORD: "admin-password" },
    print: () => {},
  });
  const plugins = DEFAULT_PLUGINS.map((p) => (p === apiPlugin ? quietApi : p));
  return startServer({ dataDir, port: 0, host: "127.0.0.1" }, plugins);
}

describe("data folder permissions", { skip: process.platform === "win32" }, () => {
  const root = mkdtempSync(join(tmpdir(), "intently-modes-"));
  after(() => rmSync(root, { recursive: true, force: true }));

  test("a fresh data folder: every file 0600, every folder 0700, running and stopped", async () => {
    const dataDir = join(root, "fresh", "data");
    const server = await start(dataDir);
    try {
      await ensureSite(server.ctx.store, SITE);
      const r = await post(`${server.url}/v1/collect`, makeBatch());
      assert.equal(r.status, 200, JSON.stringify(r.body));
      await server.ctx.store.flush();
      const registry = new ModelRegistry(join(dataDir, "models"));
      registry.save(SITE.id, { id: "m1", site: SITE.id } as unknown as ModelBundle);
      registry.promote(SITE.id, "m1");
      const names = readdirSync(dataDir);
      assert.ok(names.includes("intently.duckdb") && names.includes("log"), names.join(", "));
      assert.deepEqual(loose(join(root, "fresh")), [], "while running");
    } finally {
      await server.close();
    }
    assert.deepEqual(loose(join(root, "fresh")), [], "after stop");
  });

  test("a data folder created 0755 with a 0644 database is tightened at start", async () => {
    const dataDir = join(root, "old");
    const first = await start(dataDir);
    await first.close();
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, "intently.duckdb"), 0o644);
    mkdirSync(join(dataDir, "log"), { recursive: true });
    chmodSync(join(dataDir, "log"), 0o755);
    const server = await start(dataDir);
    try {
      assert.equal(statSync(dataDir).mode & 0o777, 0o700);
      assert.equal(statSync(join(dataDir, "intently.duckdb")).mode & 0o777, 0o600);
      assert.equal(statSync(join(dataDir, "log")).mode & 0o777, 0o700);
    } finally {
      await server.close();
    }
  });
});
