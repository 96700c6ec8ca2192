/**
 * `intently privacy verify` (issue 22) through the real binary: after an erasure through the
 * API and a stop, the erased visitor's ids are reported in no table and no file (exit 0), while
 * a visitor that was not erased is found in the tables and the log (exit 1, each place named).
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { test } from "node:test";
import { cli } from "./run-cli.ts";
import { erasedAndKept } from "./support/erased-and-kept.ts";

const ORIGIN = "https://shop.example";

test("privacy verify: an erased visitor is nowhere, a kept one is found in each place", {
  timeout: 120_000,
}, async () => {
  const { dataDir, site, gone, kept } = await erasedAndKept(ORIGIN);
  try {
    const clean = cli(["privacy", "verify", gone, `s_${gone}`, "--site", site, "--data", dataDir]);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, /^clean: 2 id\(s\) in no table and in none of \d+ files/m);

    const found = cli(["privacy", "verify", kept, "--site", site, "--data", dataDir, "--json"]);
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

    const bad = cli(["privacy", "verify", "ab", "--site", site, "--data", dataDir]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /4 to 320 characters/);
    assert.equal(cli(["privacy", "verify", kept, "--site", "nope", "--data", dataDir]).code, 1);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
