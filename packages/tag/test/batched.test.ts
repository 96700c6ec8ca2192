/**
 * Which events wait for the next batch and which go at once (core/pipeline.ts `BATCHED`): the
 * prefixes are short to save bytes, so they are checked against every event type of the engine.
 * A purchase, a search, a frustration signal, exit intent or idle must never wait 3 s.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { EVENT_TYPES } from "../../engine/src/schema/events.ts";
import { BATCHED } from "../src/core/pipeline.ts";

const WAITING = [
  "page_view",
  "page_engagement",
  "tab_visible",
  "click",
  "scroll",
  "filter",
  "sort",
  "experience_impression",
  "identify",
  "set",
];

test("exactly the interaction, view and property events wait for the batch", () => {
  const waits = EVENT_TYPES.filter((t) => BATCHED.test(t));
  assert.deepEqual([...waits].sort(), [...WAITING].sort());
  for (const t of ["exit_intent", "idle", "search", "select_item", "select_promotion", "purchase"])
    assert.equal(BATCHED.test(t), false, `${t} is sent at once`);
});
