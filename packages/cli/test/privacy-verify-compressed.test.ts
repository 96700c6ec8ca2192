/**
 * `intently privacy verify` searches compressed log segments decompressed (issue 24): once the
 * log's segments are compressed, a kept visitor's id is in no file's raw bytes, yet verify
 * finds it in the compressed segment (exit 1); an erased visitor is still reported nowhere.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { CODEC_SUFFIX, LOG_CODEC } from "../../server/src/collector/log-codec.ts";
import { compressLogDir } from "../../server/src/collector/log-compress.ts";
import { startFullServer } from "../../server/test/support-api/full-server.ts";
import { cli } from "./run-cli.ts";

const ORIGIN = "https://shop.example";
const EXT = CODEC_SUFFIX[LOG_CODEC];
const rand = () => randomBytes(6).toString("hex");

test("privacy verify finds an id inside a compressed log segment", {
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
    const logDir = join(dataDir, "log");
    const stats = await compressLogDir(logDir);
    assert.ok(stats.segments > 0, "the log was compressed");
    const names = readdirSync(logDir);
    assert.ok(names.some((n) => n.endsWith(`.log${EXT}`)) && !names.some((n) => /\.log$/.test(n)));
    for (const n of names)
      assert.ok(!readFileSync(join(logDir, n)).includes(kept), `${n}: raw bytes hide the id`);

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
    assert.equal(found.code, 1, found.stdout + found.stderr);
    const r = JSON.parse(found.stdout) as { files: { path: string; found: string[] }[] };
    assert.ok(
      r.files.some((f) => f.path.startsWith(logDir) && f.path.endsWith(`.log${EXT}`)),
      JSON.stringify(r.files),
    );

    const clean = cli(["privacy", "verify", gone, "--site", full.site.id, "--data", dataDir]);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
