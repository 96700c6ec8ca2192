import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../../../scripts/package-graph.ts";
import { DEMO_DATA_DIR } from "../src/commands/demo.ts";
import { cli } from "./run-cli.ts";

test("`intently demo --help` names the demo's own data folder as the --data default, as the README does", () => {
  const r = cli(["demo", "--help"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    new RegExp(`--data DIR .*\\(default ${DEMO_DATA_DIR.replace(".", "\\.")}\\)`),
  );
  assert.doesNotMatch(r.stdout, /\.data\/intently/);
  const start = cli(["start", "--help"]);
  assert.match(start.stdout, /--data DIR .*\(default \.data\/intently\)/);
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  assert.ok(readme.includes(`\`${DEMO_DATA_DIR}\``), "the README names the demo's data folder");
});
