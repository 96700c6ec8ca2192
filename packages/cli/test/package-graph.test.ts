import assert from "node:assert/strict";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import {
  BEGIN,
  END,
  packageGraphMarkdown,
  ROOT,
  readmeSection,
  readPackageGraph,
} from "../../../scripts/package-graph.ts";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");

test("the README's package table and graph match packages/*/package.json (run `node --import tsx scripts/package-graph.ts --write`)", () => {
  assert.equal(readmeSection(readme), packageGraphMarkdown(readPackageGraph()));
});

test("every package is in the table, with a README of its own", () => {
  const section = readmeSection(readme);
  for (const dir of readdirSync(join(ROOT, "packages"))) {
    if (!existsSync(join(ROOT, "packages", dir, "package.json"))) continue;
    assert.match(section, new RegExp(`\\[\`${dir}\`\\]\\(packages/${dir}\\)`), dir);
    assert.ok(existsSync(join(ROOT, "packages", dir, "README.md")), `packages/${dir}/README.md`);
  }
});

test("the README keeps its two commands at the top", () => {
  const top = readme.split("\n").slice(0, 6).join("\n");
  assert.match(top, /npm ci && npx intently demo/);
  assert.match(top, /npm ci && npm test/);
});

test("docs/architecture.md names only files that exist", () => {
  const doc = readFileSync(join(ROOT, "docs", "architecture.md"), "utf8");
  const paths = [...doc.matchAll(/`((?:packages|scripts|docs)\/[^`\s]+)`/g)].map((m) => m[1]!);
  assert.ok(paths.length >= 15, `only ${paths.length} paths`);
  for (const p of paths) assert.ok(existsSync(join(ROOT, p)), `${p} does not exist`);
});

// A throwaway workspace: the script's checks, on inputs the real packages do not have.
function workspace(pkgs: Record<string, object>): string {
  const root = mkdtempSync(join(tmpdir(), "package-graph-"));
  for (const [dir, json] of Object.entries(pkgs)) {
    mkdirSync(join(root, "packages", dir, "src"), { recursive: true });
    writeFileSync(join(root, "packages", dir, "package.json"), JSON.stringify(json));
  }
  return root;
}
const pkg = (dir: string, deps: string[] = []) => ({
  name: `@intently/${dir}`,
  description: `the ${dir}`,
  dependencies: Object.fromEntries(deps.map((d) => [`@intently/${d}`, "0.1.0"])),
});

test("layers count up from the leaves; a cycle, a wrong name or an unknown dependency is refused", () => {
  const ok = readPackageGraph(
    workspace({ a: pkg("a"), b: pkg("b", ["a"]), c: pkg("c", ["a", "b"]) }),
  );
  assert.deepEqual(
    ok.map((n) => [n.dir, n.layer]),
    [
      ["a", 0],
      ["b", 1],
      ["c", 2],
    ],
  );
  assert.throws(
    () => readPackageGraph(workspace({ a: pkg("a", ["b"]), b: pkg("b", ["a"]) })),
    /dependency cycle: a -> b -> a/,
  );
  assert.throws(
    () => readPackageGraph(workspace({ a: { ...pkg("a"), name: "x" } })),
    /name must be/,
  );
  assert.throws(() => readPackageGraph(workspace({ a: pkg("a", ["zz"]) })), /not in packages/);
  assert.throws(() => readmeSection(`${END}\n${BEGIN}`), /must hold/);
});
