/**
 * `intently bench tag-cost` as a smoke test: one run on small pages, unthrottled. Asserts the
 * JSON's shape and that every tag reached its sink (the visit really ran it); speeds are
 * printed by the bench, never asserted.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { cli } from "./run-cli.ts";

type Spread = { median: number; min: number; max: number; spread: number };
const spread = (x: Spread, what: string) => {
  assert.ok(
    [x.median, x.min, x.max, x.spread].every(Number.isFinite) &&
      x.min <= x.median &&
      x.median <= x.max,
    `${what}: ${JSON.stringify(x)}`,
  );
};

test("bench tag-cost --runs 1: baseline, Intently and peers, each tag heard by its sink", () => {
  const r = cli([
    "bench",
    "tag-cost",
    "--runs",
    "1",
    "--nodes",
    "300",
    "--cpu-throttle",
    "1",
    "--json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.setup.runs, 1);
  assert.equal(out.setup.clicks, 20);
  assert.deepEqual(Object.keys(out.variants).sort(), ["clarity", "intently", "none", "plausible"]);
  type Variant = {
    transferGzipBytes: number;
    perVisit: Record<string, Spread>;
    added: Record<string, Spread>;
  };
  for (const [name, v] of Object.entries<Variant>(out.variants)) {
    for (const [k, s] of Object.entries(v.perVisit)) spread(s, `${name}.perVisit.${k}`);
    for (const [k, s] of Object.entries(v.added)) spread(s, `${name}.added.${k}`);
    const sink = v.perVisit.sinkRequests?.median;
    if (name === "none") {
      assert.equal(sink, 0);
      assert.equal(v.transferGzipBytes, 0);
    } else {
      assert.ok(sink !== undefined && sink > 0, `${name}'s sink received no request`);
      assert.ok(v.transferGzipBytes > 0, name);
      assert.ok((v.perVisit.scriptMs?.median ?? 0) > 0, name);
    }
  }
  assert.ok(["plausible", "clarity"].includes(out.lightestPeer));
  assert.equal(out.ratios[out.lightestPeer].scriptMs, 1);
  for (const k of ["scriptMs", "tbtMs", "heapMB", "transferGzipBytes"]) {
    // A ratio to nothing has no value: the lightest peer may add no blocking time in one run.
    const light = k === "transferGzipBytes" ? 1 : out.variants[out.lightestPeer].added[k].median;
    if (light > 0) assert.equal(typeof out.ratios.intently[k], "number", k);
    else assert.equal(out.ratios.intently[k], null, `${k}: the peer added nothing`);
  }
});
