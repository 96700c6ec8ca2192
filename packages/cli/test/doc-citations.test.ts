import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import {
  anchorsOf,
  citationProblems,
  ROOT,
  scannedFiles,
  slug,
} from "../../../scripts/doc-citations.ts";

// The upper-case name of the specification, built so that this file does not cite it.
const WORD = ["SP", "EC"].join("");

test("no file cites the specification, and every cited docs/ page and heading exists (run `node --import tsx scripts/doc-citations.ts`)", () => {
  const problems = citationProblems().map((p) => `${p.file}:${p.line}: ${p.message}`);
  assert.deepEqual(problems, []);
});

test("the scan covers the sources, the tests, the scripts, the docs and the README", () => {
  const files = new Set(scannedFiles());
  for (const f of [
    "README.md",
    "docs/product/README.md",
    "packages/engine/src/framework/rules.ts",
    "packages/tag/README.md",
    "packages/cli/test/doc-citations.test.ts",
    "scripts/doc-citations.ts",
  ])
    assert.ok(files.has(f), f);
  assert.ok(![...files].some((f) => f.includes("node_modules/")));
});

test("anchors are GitHub's: inline code and punctuation dropped, spaces to hyphens, duplicates numbered", () => {
  assert.equal(slug("Collector (`POST /v1/collect`)"), "collector-post-v1collect");
  assert.equal(
    slug("Authentication and authorisation (auth/)"),
    "authentication-and-authorisation-auth",
  );
  assert.equal(slug("phase \\ state"), "phase--state");
  assert.deepEqual(
    [
      ...anchorsOf(
        "# A\n## In-page API\n```\n# not a heading\n```\n## A\n### [Link](x.md) text ##\n",
      ),
    ],
    ["a", "in-page-api", "a-1", "link-text"],
  );
  const arch = anchorsOf(readFileSync(join(ROOT, "docs", "architecture.md"), "utf8"));
  assert.ok(arch.has("3-the-engine-packagesengine-pure-no-io-no-clock"), [...arch].join(", "));
});

test("an anchor has no spaces or punctuation but - and _, and slugging it again keeps it", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 40 }), (heading) => {
      const s = slug(heading);
      assert.doesNotMatch(s, /[\s!-,./:-@[-^`{-~]/);
      assert.equal(slug(s), s);
    }),
  );
});

// A throwaway tree with the repository's layout: what the checker must refuse and accept.
// Its paths and texts write the docs folder as "~/", so that this file cites no missing page.
const DOCS = ["do", "cs/"].join("");
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "doc-citations-"));
  for (const [path, text] of Object.entries(files)) {
    const file = join(root, path.replaceAll("~/", DOCS));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text.replaceAll("~/", DOCS));
  }
  return root;
}
const problemsOf = (root: string) =>
  citationProblems(root).map((p) => `${p.file}:${p.line}: ${p.message}`.replaceAll(DOCS, "~/"));

test("refused: the specification cited in a source, twice in the README, missing pages, headings and links", () => {
  const root = tree({
    "README.md": `From the ${WORD}.\nSee [tag](~/product/tag.md#nope) and ${WORD} §2.\n`,
    "~/product/tag.md": "# Tag\n\n## Signals\n\nSee [engine](engine.md) and [top](#tag).\n",
    "~/schema.json": "{}",
    "packages/a/src/x.ts": `/** Rage click (${WORD} §2). */\n// ~/product/tag.md#budget\n`,
    "packages/a/README.md": "[docs](../../~/product/gone.md) [ok](../../~/product/tag.md)\n",
    "scripts/y.ts": "// ~/product/missing.md and ~/schema.json#x\n",
  });
  const got = problemsOf(root);
  assert.deepEqual(
    got.sort(),
    [
      "README.md:2: cites the specification, which is not in the repository: cite ~/product/ instead",
      "README.md:2: ~/product/tag.md has no heading #nope",
      "~/product/tag.md:5: ~/product/engine.md does not exist",
      "packages/a/README.md:1: ~/product/gone.md does not exist",
      "packages/a/src/x.ts:1: cites the specification, which is not in the repository: cite ~/product/ instead",
      "packages/a/src/x.ts:2: ~/product/tag.md has no heading #budget",
      "scripts/y.ts:1: ~/product/missing.md does not exist",
      "scripts/y.ts:1: ~/schema.json has no anchors",
    ].sort(),
  );
});

test("accepted: one mention in the README, existing pages and headings, identifiers that contain the word", () => {
  const root = tree({
    "README.md": `The requirements came from the ${WORD}; see [product](~/product/README.md).\n`,
    "~/product/README.md": "# Product\n\n[tag](tag.md#in-page-api), [schema](../schema.json)\n",
    "~/product/tag.md": "# Tag\n\n## In-page API\n",
    "~/schema.json": "{}",
    "packages/a/src/x.ts": `const ROLLUP_${WORD}S = 1; const CATEGORY_${WORD} = 2;\n// ~/product/tag.md#in-page-api, ~/schema.json.\n`,
    "packages/a/node_modules/b/index.js": `// ${WORD} §2 ~/nothing.md\n`,
  });
  assert.deepEqual(problemsOf(root), []);
});
