/**
 * No import circle in any package's sources (issue 16, "Must show"), type-only imports
 * included; the finder itself is checked on a made-up tree with a circle of three files.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { findCircles } from "../../../scripts/import-circles.ts";

test("no package's sources import each other in a circle", () => {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  assert.deepEqual(findCircles(root), []);
});

test("the finder reports a circle, type-only or not, and nothing else", () => {
  const root = mkdtempSync(join(tmpdir(), "intently-circles-"));
  try {
    const src = join(root, "p", "src");
    mkdirSync(join(src, "sub"), { recursive: true });
    writeFileSync(join(src, "a.ts"), 'import { b } from "./sub/b.ts";\nexport const a = b;\n');
    writeFileSync(
      join(src, "sub", "b.ts"),
      'import type { C } from "../c.ts";\nexport const b = 1;\n',
    );
    writeFileSync(join(src, "c.ts"), 'export { a } from "./a.ts";\nexport type C = number;\n');
    writeFileSync(join(src, "leaf.ts"), 'import { a } from "./a.ts";\nexport const z = a;\n');
    assert.deepEqual(findCircles(root), [["p/src/a.ts", "p/src/c.ts", "p/src/sub/b.ts"]]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
