/**
 * Bundle budget (docs/product/tag.md#budget: core ≤ 4 KB gzip) and what the bundles may contain.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { buildTag, CORE_GZIP_BUDGET, type TagBuild } from "../src/build.ts";

let dir: string;
let built: TagBuild;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "intently-bundle-"));
  built = await buildTag(dir);
});
after(() => rm(dir, { recursive: true, force: true }));

test("the core bundle is within the 4 KB gzip budget", () => {
  assert.equal(CORE_GZIP_BUDGET, 4096);
  assert.ok(
    built.coreGzipBytes <= CORE_GZIP_BUDGET,
    `core is ${built.coreGzipBytes} bytes gzip, over the ${CORE_GZIP_BUDGET} budget`,
  );
  assert.ok(built.coreBrotliBytes < built.coreGzipBytes);
  assert.ok(built.lazyGzipBytes > 0);
});

test("both bundles are written, versioned, minified IIFEs without engine runtime code", async () => {
  assert.deepEqual(
    built.files.map((f) => f.slice(dir.length + 1)),
    ["intently.js", "intently.detectors.js"],
  );
  assert.match(built.version, /^[0-9a-f]{12}$/);
  const core = await readFile(join(dir, "intently.js"), "utf8");
  const lazy = await readFile(join(dir, "intently.detectors.js"), "utf8");
  for (const src of [core, lazy]) {
    assert.match(src, /^"use strict";\(\(\)=>\{/);
    assert.ok(!/typebox|TypeCompiler|isbot|bowser/i.test(src), "no engine dependencies");
    assert.ok(src.split("\n").length <= 2, "minified");
  }
  assert.ok(!core.includes("MutationObserver"), "heavy detectors stay out of the core");
  assert.ok(lazy.includes("MutationObserver"));
});
