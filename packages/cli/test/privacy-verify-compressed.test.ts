/**
 * `intently privacy verify` searches compressed log segments decompressed (issue 24): once the
 * log's segments are compressed, a kept visitor's id is in no file's raw bytes, yet verify
 * finds it in the compressed segment (exit 1); an erased visitor is still reported nowhere.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { CODEC_SUFFIX, LOG_CODEC } from "../../server/src/collector/log-codec.ts";
import { compressLogDir } from "../../server/src/collector/log-compress.ts";
import { cli } from "./run-cli.ts";
import { erasedAndKept } from "./support/erased-and-kept.ts";

const ORIGIN = "https://shop.example";
const EXT = CODEC_SUFFIX[LOG_CODEC];

test("privacy verify finds an id inside a compressed log segment", {
  timeout: 120_000,
}, async () => {
  const { dataDir, site, gone, kept } = await erasedAndKept(ORIGIN);
  try {
    const logDir = join(dataDir, "log");
    const stats = await compressLogDir(logDir);
    assert.ok(stats.segments > 0, "the log was compressed");
    const names = readdirSync(logDir);
    assert.ok(names.some((n) => n.endsWith(`.log${EXT}`)) && !names.some((n) => /\.log$/.test(n)));
    for (const n of names)
      assert.ok(!readFileSync(join(logDir, n)).includes(kept), `${n}: raw bytes hide the id`);

    const found = cli(["privacy", "verify", kept, "--site", site, "--data", dataDir, "--json"]);
    assert.equal(found.code, 1, found.stdout + found.stderr);
    const r = JSON.parse(found.stdout) as { files: { path: string; found: string[] }[] };
    assert.ok(
      r.files.some((f) => f.path.startsWith(logDir) && f.path.endsWith(`.log${EXT}`)),
      JSON.stringify(r.files),
    );

    const clean = cli(["privacy", "verify", gone, "--site", site, "--data", dataDir]);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
