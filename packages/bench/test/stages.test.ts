/**
 * The collector bench's CPU by stage (src/collector/stages.ts): a made-up V8 profile whose
 * samples sit in known sources, native frames counted for their caller, idle time left out.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { type CpuProfile, STAGES, stageOf, stageTimes } from "../src/collector/stages.ts";

const ROOT = "file:///srv/intently/packages";

test("sources map to the stage a batch goes through", () => {
  const cases: [string, string][] = [
    [`${ROOT}/server/src/collector/idempotency.ts`, "idempotency"],
    [`${ROOT}/server/src/collector/log.ts`, "log"],
    [`${ROOT}/engine/src/schema/validate.ts`, "validation"],
    [`${ROOT}/engine/src/session/apply.ts`, "engine"],
    [`${ROOT}/model/src/gbdt/codegen.ts`, "engine"],
    [`${ROOT}/server/src/engine-host.ts`, "engine"],
    [`${ROOT}/store/src/recorder.ts`, "store"],
    ["file:///srv/intently/node_modules/@duckdb/node-api/lib/DuckDBAppender.js", "store"],
    [`${ROOT}/server/src/api/reports/live-hub.ts`, "liveHub"],
    [`${ROOT}/server/src/collector/route.ts`, "response"],
    [`${ROOT}/server/src/collector/collector.ts`, "collector"],
    ["file:///srv/intently/node_modules/fastify/lib/route.js", "http"],
    ["node:_http_server", "http"],
    ["node:internal/timers", "other"],
  ];
  for (const [url, stage] of cases) assert.equal(stageOf(url), stage, url);
  assert.equal(stageOf(""), null, "a native frame has no stage of its own");
});

test("self time is summed by stage; a native frame counts for its caller; idle is left out", () => {
  const node = (id: number, functionName: string, url: string, children: number[] = []) => ({
    id,
    callFrame: { functionName, url },
    children,
  });
  const profile: CpuProfile = {
    nodes: [
      node(1, "(root)", "", [2, 3, 6, 7]),
      node(2, "collect", `${ROOT}/server/src/collector/collector.ts`, [4]),
      node(3, "score", `${ROOT}/intent-model/src/scorer.ts`),
      node(4, "parse", "", [5]), // JSON.parse: the collector's
      node(5, "(anon)", ""),
      node(6, "(garbage collector)", ""),
      node(7, "(idle)", ""),
    ],
    // Each sample's time is the delta that follows it.
    samples: [2, 4, 5, 3, 3, 6, 7, 2],
    timeDeltas: [0, 10, 20, 30, 40, 50, 60, 70],
    startTime: 0,
    endTime: 280,
  };
  const t = stageTimes(profile);
  assert.deepEqual(Object.keys(t), [...STAGES]);
  assert.equal(t.collector, 10 + 20 + 30, "collect, and JSON.parse below it");
  assert.equal(t.engine, 40 + 50);
  assert.equal(t.gc, 60);
  const all = Object.values(t).reduce((a, b) => a + b, 0);
  assert.equal(all, 60 + 90 + 60, "idle (70) and the last sample (no delta after it) left out");
});
