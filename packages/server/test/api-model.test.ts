/** The model card: the prior's, or the site's promoted model from the registry in the data folder. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { priorBundle } from "@intently/intent-model";
import { createApiPlugin } from "../src/api/index.ts";
import { startServer } from "../src/index.ts";
import { ModelRegistry } from "../src/models/registry.ts";
import { Client } from "./support-api/client.ts";
import { ADMIN } from "./support-api/server.ts";

test("the model card is the site's promoted model when there is one, else the prior's", async () => {
  const dir = mkdtempSync(join(tmpdir(), "intently-api-model-"));
  const env = { INTENTLY_ADMIN_EMAIL: ADMIN.email, INTENTLY_ADMIN_PASSWORD: ADMIN.password };
  const server = await startServer({ dataDir: dir, port: 0 }, [
    createApiPlugin({ env, print: () => {} }),
  ]);
  try {
    const c = new Client(server.url);
    await c.login(ADMIN.email, ADMIN.password);
    const site = (await c.post("/api/workspaces/default/sites", { name: "Modelled" })).body.id;
    const prior = await c.get(`/api/sites/${site}/model`);
    assert.equal(prior.body.source, "prior");
    assert.equal(prior.body.model, priorBundle().bundle.id);

    const registry = new ModelRegistry(join(dir, "models"));
    const own = { ...priorBundle().bundle, id: "site-model-1", site };
    registry.save(site, own);
    registry.promote(site, own.id);
    const r = await c.get(`/api/sites/${site}/model`);
    assert.equal(r.body.source, "site");
    assert.equal(r.body.model, "site-model-1");
    assert.deepEqual(r.body.card.data, own.card.data);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
