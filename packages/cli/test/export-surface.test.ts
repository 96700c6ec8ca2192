/**
 * Named public surfaces (issue 16, item 3): every package's `src/index.ts` lists its exports by
 * name, so a package's surface is what its index says and not whatever its modules happen to
 * export. `node --import tsx scripts/export-surface.ts` prints how many names each index
 * exports and how many other packages use; `--write` trims an index to those.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const PACKAGES = fileURLToPath(new URL("../../", import.meta.url));

test("no package index re-exports a whole module (export * / export type *)", () => {
  const found: string[] = [];
  for (const dir of readdirSync(PACKAGES)) {
    let src: string;
    try {
      src = readFileSync(join(PACKAGES, dir, "src", "index.ts"), "utf8");
    } catch {
      continue;
    }
    for (const line of src.split("\n"))
      if (/^\s*export\s+(type\s+)?\*/.test(line)) found.push(`${dir}: ${line.trim()}`);
  }
  assert.deepEqual(found, []);
});
