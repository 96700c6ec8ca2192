/**
 * `intently privacy verify` (issue 22) through the real binary: after an erasure through the
 * API and a stop, the erased visitor's ids are reported in no table and no file (exit 0), while
 * a visitor that was not erased is found in the tables and the log (exit 1, each place named).
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { test } from "node:test";
import { startFullServer } from "../../server/test/support-api/full-server.ts";
import { cli } from "./run-cli.ts";

const ORIGIN = "https://shop.example";
const rand = () => randomBytes(6).toString("hex");

test("privacy verify: an erased visitor is nowhere, a kept one is found in each place", {
  timeout: 120_000,
}, async () => {
  const full = await startFullServer({ origin: ORIGIN });
  const dataDir = full.server.ctx.config.dataDir as string;
  const gone = `v_gone_${rand()}`;
  const kept = `v_kept_${rand()}`;
  try {
    for (const v of [gone, kept]) {
      const r = await full.collect(v, [
        { type: "page_view", t: Date.now() - 1000, page: { url: `${ORIGIN}/` } },
      ]);
      assert.equal(r.status, 200);
    }
    await new Promise((r) => setTimeout(r, 1500)); // a checkpoint: rows in the store
    const del = await full.admin.delete(`/api/sites/${full.site.id}/visitors/${gone}`);
    assert.equal(del.status, 200);
    await full.server.close();

    const clean = cli([
      "privacy",
      "verify",
      gone,
      `s_${gone}`,
      "--site",
      full.site.id,
      "--data",
      dataDir,
    ]);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, /^clean: 2 id\(s\) in no table and in none of \d+ files/m);

    const found = cli([
      "privacy",
      "verify",
      kept,
      "--site",
      full.site.id,
      "--data",
      dataDir,
      "--json",
    ]);
    assert.equal(found.code, 1, found.stderr);
    const r = JSON.parse(found.stdout) as {
      clean: boolean;
      tables: { table: string; column: string }[];
      files: { path: string }[];
    };
    assert.equal(r.clean, false);
    for (const t of ["events", "sessions"])
      assert.ok(
        r.tables.some((x) => x.table === t && x.column === "visitor"),
        t,
      );
    assert.ok(
      r.files.some((f) => f.path.includes("/log/")),
      "found in the collector log",
    );

    const bad = cli(["privacy", "verify", "ab", "--site", full.site.id, "--data", dataDir]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /4 to 320 characters/);
    assert.equal(cli(["privacy", "verify", kept, "--site", "nope", "--data", dataDir]).code, 1);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
