import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { collectSchemaDoc, dataPointsDoc } from "../../../scripts/gen-docs.ts";

const doc = (name: string) =>
  readFileSync(new URL(`../../../docs/${name}`, import.meta.url), "utf8");

test("docs/collect.schema.json and docs/data-points.md match the code (run `npm run docs`)", () => {
  assert.equal(doc("collect.schema.json"), collectSchemaDoc());
  assert.equal(doc("data-points.md"), dataPointsDoc());
});
