/**
 * One source for traffic channels (issue 16): the simulator makes arrivals for the engine's own
 * channels (TRAFFIC_SOURCES but "other"), and the engine classifies every arrival it makes for a
 * channel back into that channel — the landing URL and referrer shops really see.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { classifyTraffic, TRAFFIC_SOURCES } from "@intently/engine";
import { arrive, SOURCE_KINDS } from "../src/context/traffic.ts";
import { Random } from "../src/random.ts";

test("the simulator's channels are the engine's, and each arrival classifies back to its own", () => {
  assert.deepEqual(
    [...SOURCE_KINDS],
    TRAFFIC_SOURCES.filter((s) => s !== "other"),
  );
  const rng = new Random(7);
  for (const kind of SOURCE_KINDS) {
    for (let i = 0; i < 200; i++) {
      const a = arrive(rng, kind);
      const got = classifyTraffic(`https://shop.example/${a.query}`, a.referrer ?? "").source;
      assert.equal(got, kind, `${kind}: ${a.query} from ${a.referrer ?? "(none)"}`);
    }
  }
});
