import assert from "node:assert/strict";
import { test } from "node:test";
import { compileCondition } from "@intently/conditions";
import { segmentConflicts } from "../src/index.ts";
import { rewriteSegmentTests } from "../src/segments/conflicts.ts";

const verdict = (a: unknown, b: unknown) => {
  const { pairs } = segmentConflicts([
    { id: "a", condition: a },
    { id: "b", condition: b },
  ]);
  return pairs[0]!;
};

test("a refinement of a framework segment is its subset; other framework segments are disjoint", () => {
  const sb = { segment: "struggling-buyers", deviceType: "mobile", cartValue: { $gte: 100 } };
  const { pairs } = segmentConflicts([{ id: "sb", condition: sb }], { framework: true });
  const byId = new Map(pairs.map((p) => [p.a === "sb" ? p.b : p.a, p]));
  const own = byId.get("struggling-buyers")!;
  assert.equal(own.verdict, "subset");
  assert.equal(own.direction, "a-in-b");
  for (const [id, p] of byId)
    if (id !== "struggling-buyers") assert.equal(p.verdict, "disjoint", id);
});

test("segment tests relate to phase and state tests exactly", () => {
  assert.equal(verdict({ segment: "struggling-buyers" }, { phase: "convert" }).verdict, "subset");
  assert.equal(verdict({ segment: "struggling-buyers" }, { phase: "engage" }).verdict, "disjoint");
  assert.equal(
    verdict({ segment: { $in: ["focused-buyers", "struggling-buyers"] } }, { state: "abandon" })
      .verdict,
    "disjoint",
  );
  assert.equal(
    verdict({ segment: { $ne: "converted" } }, { phase: "converted" }).verdict,
    "disjoint",
  );
  assert.equal(
    verdict({ segment: "converted" }, { state: "struggle" }).verdict,
    "overlap-possible",
  );
});

test("the rewrite keeps the meaning on every framework combination", () => {
  const conds = [
    { segment: "struggling-buyers" },
    { segment: { $in: ["converted", "focused-browsers"] } },
    { segment: { $nin: ["converted"] }, deviceType: "mobile" },
    { $or: [{ segment: "wavering-considerers" }, { segment: { $ne: "focused-buyers" } }] },
  ];
  const ids = [
    "focused-browsers",
    "struggling-buyers",
    "wavering-considerers",
    "focused-buyers",
    "converted",
  ];
  const parts: Record<string, [string, string]> = {
    "focused-browsers": ["engage", "focus"],
    "struggling-buyers": ["convert", "struggle"],
    "wavering-considerers": ["maintain-intent", "abandon"],
    "focused-buyers": ["convert", "focus"],
    converted: ["converted", "abandon"],
  };
  for (const c of conds) {
    const before = compileCondition(c);
    const after = compileCondition(rewriteSegmentTests(c));
    for (const id of ids) {
      for (const deviceType of ["mobile", "desktop"]) {
        const [phase, state] = parts[id]!;
        const attrs = { segment: id, phase, state, deviceType };
        assert.equal(after(attrs), before(attrs), `${JSON.stringify(c)} on ${id}/${deviceType}`);
      }
    }
  }
});
