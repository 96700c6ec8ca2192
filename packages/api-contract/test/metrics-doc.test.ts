/**
 * The figures' formulas are written once in code (src/metrics.ts: the dashboard's tooltips and
 * the report schemas' descriptions) and listed in docs/product/metrics.md: this keeps the page
 * and the code equal, figure by figure.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { IpsReportView } from "../src/answers.ts";
import { METRICS } from "../src/metrics.ts";

const doc = readFileSync(new URL("../../../docs/product/metrics.md", import.meta.url), "utf8");

test("docs/product/metrics.md lists every figure with the code's formula and source", () => {
  for (const [id, m] of Object.entries(METRICS)) {
    const at = doc.indexOf(`### ${m.label} (\`${id}\`)`);
    assert.ok(at >= 0, `no heading for ${id}`);
    const next = doc.indexOf("\n### ", at + 1);
    const section = doc.slice(at, next < 0 ? undefined : next);
    assert.ok(section.includes(`\n${m.formula}\n`), `${id}: formula differs`);
    assert.ok(section.includes(`\nSource: ${m.source}\n`), `${id}: source differs`);
  }
  const headings = doc.match(/^### .*$/gm) ?? [];
  assert.equal(headings.length, Object.keys(METRICS).length, "no figure the code does not have");
});

test("the IPS report's schema describes its fields with the same formulas", () => {
  const said = (schema: unknown) => (schema as { description?: string }).description;
  const phase = IpsReportView.properties.phases.items.properties;
  assert.equal(said(phase.revenueAtStake), METRICS.revenueAtStake.formula);
  assert.equal(said(IpsReportView.properties.weakestPhase.anyOf[0]), METRICS.weakestPhase.formula);
});
