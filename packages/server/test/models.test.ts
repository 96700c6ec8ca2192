import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { simulate } from "@intently/simulator";
import { ModelRegistry, modelsPlugin } from "../src/models/plugin.ts";
import { trainSite } from "../src/models/trainer.ts";
import { startServer } from "../src/server.ts";

const dir = mkdtempSync(join(tmpdir(), "intently-models-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const FAST = { numRounds: 30, earlyStoppingRounds: 10 };

test("a site with too little history keeps the prior", async () => {
  const reg = new ModelRegistry(join(dir, "a", "models"));
  const out = await trainSite("shop", simulate({ sessions: 40, seed: 1, site: "shop" }), reg, {
    params: FAST,
  });
  assert.equal(out.trained, null);
  assert.equal(out.decision.promote, false);
  assert.equal(reg.currentId("shop"), null);
});

test("a trained site model is versioned, compared on the held-out period and promoted if not worse", async () => {
  const reg = new ModelRegistry(join(dir, "b", "models"));
  const out = await trainSite(
    "shop",
    simulate({ sessions: 900, seed: 2, site: "shop", days: 5 }),
    reg,
    {
      minSessions: 100,
      params: FAST,
    },
  );
  assert.ok(out.trained);
  assert.equal(reg.versions("shop").length, 1);
  if (out.decision.promote) assert.equal(reg.currentId("shop"), out.trained.id);
  else assert.equal(reg.currentId("shop"), null);
  assert.match(out.decision.reason, /AUC/);
  // A second candidate trained on the same history is not worse than the first: promoted.
  const again = await trainSite(
    "shop",
    simulate({ sessions: 900, seed: 2, site: "shop", days: 5 }),
    reg,
    {
      minSessions: 100,
      params: FAST,
      seed: 7,
    },
  );
  assert.equal(reg.versions("shop").length, 2);
  assert.equal(
    reg.versions("shop").filter((v) => v.current).length,
    again.decision.promote || out.decision.promote ? 1 : 0,
  );
});

test("the server scores a site with its promoted model after a restart", async () => {
  const data = join(dir, "c");
  const reg = new ModelRegistry(join(data, "models"));
  const out = await trainSite(
    "shop",
    simulate({ sessions: 600, seed: 3, site: "shop", days: 4 }),
    reg,
    {
      minSessions: 100,
      params: FAST,
    },
  );
  reg.promote("shop", out.trained!.id);
  assert.ok(existsSync(join(data, "models", "shop", "current")));
  const server = await startServer({ dataDir: data, port: 0 }, [modelsPlugin]);
  try {
    for (const line of simulate({ sessions: 3, seed: 9, site: "shop" })) {
      const u = server.ctx.host.process(line, line.event);
      assert.ok(u.scores.xC.value >= 0 && u.scores.xC.value <= 1);
    }
    const scoredBy = (
      server.ctx.host as unknown as { scorers: Map<string, { name: string }> }
    ).scorers.get("shop")?.name;
    assert.equal(scoredBy, `model:${out.trained!.id}`);
  } finally {
    await server.close();
  }
});

test("unsafe ids never become paths", () => {
  const reg = new ModelRegistry(join(dir, "d"));
  assert.throws(() => reg.currentId("../etc"), /unsafe/);
});
