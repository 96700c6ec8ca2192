import assert from "node:assert/strict";
import { test } from "node:test";
import { deliverPending, SecretBox } from "@intently/integrations";
import type { SiteSettings } from "@intently/store";
import { idempotencyKey } from "../../integrations/src/enqueue.ts";
import {
  FAST_WORKER,
  openStore,
  SITE,
  tempDir,
  testSecret,
  until,
} from "../../integrations/test/support/helpers.ts";
import { listenHook, saveHook } from "../../integrations/test/support/hook.ts";
import { browserEvents, buyerEvents, UA } from "../../integrations/test/support/sessions.ts";
import { buildApp, DEFAULT_CONFIG, EngineHost } from "../src/index.ts";
import { integrationsOf, integrationsPlugin } from "../src/integrations-plugin.ts";

const SECRET = testSecret("server");

test("server plugin, ended sessions → outbox → webhook: purchase ends a session early; shutdown flushes live sessions to the outbox", {
  timeout: 120_000,
}, async (t) => {
  const tmp = tempDir();
  t.after(() => tmp.cleanup());
  const hook = await listenHook(SECRET);
  const { receiver, server } = hook;
  const store = await openStore();
  await store.config.updateSite(SITE, {
    settings: { endAfterPurchaseMs: 60_000 } as Partial<SiteSettings>,
  });
  // The plugin's key comes from the data folder, as the test's does.
  const box = SecretBox.open(tmp.dir);
  await saveHook(store, box, hook, SECRET);
  const host = new EngineHost(store);
  const { app } = await buildApp({ config: { ...DEFAULT_CONFIG, dataDir: tmp.dir }, store, host }, [
    integrationsPlugin({ purchaseCheckMs: 50, exportCheckMs: 0, worker: FAST_WORKER }),
  ]);
  assert.ok(integrationsOf(app));

  const t0 = Date.now() - 5 * 60_000;
  const ref = (session: string) => ({
    site: SITE,
    visitor: `v-${session}`,
    session,
    context: { ua: UA },
  });
  for (const e of buyerEvents(t0)) host.process(ref("buyer"), e);
  for (const e of browserEvents(t0 + 60_000)) host.process(ref("browser"), e);

  // The purchase was > 60 s ago: the buyer's session ends without waiting 30 minutes.
  const buyerKey = idempotencyKey(SITE, "buyer", "wh-1");
  await until(() => receiver.accepted.has(buyerKey), "the buyer's summary");
  const delivered = receiver.accepted.get(buyerKey) as unknown as {
    session: string;
    purchased: boolean;
    segment: string;
  };
  assert.equal(delivered.purchased, true);
  assert.equal(delivered.segment, "converted");
  assert.equal(host.engine.get(SITE, "buyer"), undefined, "ended in the engine");
  assert.ok(host.engine.get(SITE, "browser"), "the browser is still live");
  // The receiver answers before the worker records the delivery: wait for the record.
  await until(
    async () => (await integrationsOf(app)!.metrics(SITE))[0]?.delivered === 1,
    "the buyer's delivery recorded",
  );

  // Shutdown: the live browser session is ended and its summary committed before close ends.
  receiver.mode = "unavailable";
  await app.close();
  assert.equal(host.engine.liveSessions(), 0);
  const browserKey = idempotencyKey(SITE, "browser", "wh-1");
  const pending = await store.outbox.get(browserKey);
  assert.ok(pending, "the browser's summary is in the outbox");
  assert.equal(pending.status, "pending");
  // Both sessions were recorded in the store as well.
  await store.flush();
  const rows = await store.db.query("SELECT session FROM sessions ORDER BY session");
  assert.deepEqual(
    rows.map((r) => r.session),
    ["browser", "buyer"],
  );

  // The next run delivers it.
  receiver.mode = "ok";
  assert.equal(await deliverPending(store, box, { worker: FAST_WORKER }), true);
  assert.ok(receiver.accepted.has(browserKey));
  assert.equal(receiver.duplicates, 0);
  await store.close();
  await server.close();
});
