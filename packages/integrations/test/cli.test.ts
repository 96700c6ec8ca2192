import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, describe, test } from "node:test";
import { KLAVIYO_REVISION } from "../src/connectors/klaviyo.ts";
import { enqueueSummaries } from "../src/enqueue.ts";
import { klaviyoRevisionAge, SecretBox, saveIntegration } from "../src/index.ts";
import { Ga4Receiver } from "./support/ga4-receiver.ts";
import { openStore, SITE, summaries, tempDir, testSecret } from "./support/helpers.ts";
import { listen } from "./support/http.ts";
import { KlaviyoReceiver } from "./support/klaviyo-receiver.ts";
import { WebhookReceiver } from "./support/webhook-receiver.ts";

const SECRET = testSecret("cli");

const BIN = new URL("../../cli/bin/intently.js", import.meta.url).pathname;

/** Runs the real CLI in a child process (it opens the data folder, like an operator would). */
function run(argv: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...argv], { timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      if (code < 0) reject(err);
      else resolve({ code, out: stdout + stderr });
    });
  });
}

describe("intently integrations", async () => {
  const tmp = tempDir();
  const webhookReceiver = new WebhookReceiver(SECRET);
  const klaviyoReceiver = new KlaviyoReceiver();
  const ga4Receiver = new Ga4Receiver();
  const servers = await Promise.all([
    listen(webhookReceiver.handle),
    listen(klaviyoReceiver.handle),
    listen(ga4Receiver.handle),
  ]);
  const [wh, kl, ga] = servers as [(typeof servers)[0], (typeof servers)[0], (typeof servers)[0]];
  after(async () => {
    for (const s of servers) await s.close();
    tmp.cleanup();
  });

  test("setup: a data folder with integrations", async () => {
    const store = await openStore(tmp.dir);
    const box = SecretBox.open(tmp.dir);
    const save = (id: string, kind: string, config: Record<string, unknown>) =>
      saveIntegration(store, box, { id, site: SITE, kind, name: `${kind} one`, config });
    await save("wh-1", "webhook", { url: `${wh.url}/hook`, secret: SECRET });
    await save("kl-1", "klaviyo", { apiKey: klaviyoReceiver.apiKey, baseUrl: kl.url });
    await save("kl-bad", "klaviyo", { apiKey: "pk_wrong", baseUrl: kl.url });
    await save("ga-1", "ga4", {
      measurementId: ga4Receiver.measurementId,
      apiSecret: ga4Receiver.apiSecret,
      baseUrl: ga.url,
    });
    await save("ex-1", "export", { folder: `${tmp.dir}/exports` });
    await enqueueSummaries(store, box, summaries(2), Date.now());
    await store.outbox.settle(`${SITE}:s-0:wh-1`, {
      kind: "dead",
      at: Date.now(),
      status: 422,
      error: "HTTP 422",
    });
    await store.close();
  });

  const data = () => ["--site", SITE, "--data", tmp.dir];

  test("test: webhook, Klaviyo (by name), GA4 validation server, export; the answer is printed", async () => {
    const w = await run(["integrations", "test", ...data(), "--destination", "wh-1"]);
    assert.equal(w.code, 0, w.out);
    assert.match(w.out, /status: 200/);
    assert.match(w.out, /body: ok/);
    assert.equal(webhookReceiver.accepted.size, 1);
    const k = await run(["integrations", "test", ...data(), "--destination", "klaviyo one"]);
    assert.equal(k.code, 0, k.out);
    assert.match(k.out, /status: 202/);
    const bad = await run(["integrations", "test", ...data(), "--destination", "kl-bad"]);
    assert.equal(bad.code, 1);
    assert.match(bad.out, /status: 401[\s\S]*not_authenticated/);
    const g = await run(["integrations", "test", ...data(), "--destination", "ga-1"]);
    assert.equal(g.code, 0, g.out);
    assert.match(g.out, /"validationMessages":\[\]/);
    const e = await run(["integrations", "test", ...data(), "--destination", "ex-1"]);
    assert.equal(e.code, 0, e.out);
    assert.match(e.out, /\.csv: 0 sessions[\s\S]*\.parquet: 0 sessions/);
  });

  test("replay delivers the dead letters; status shows the metrics", async () => {
    const before = await run(["integrations", "status", ...data()]);
    assert.match(before.out, /wh-1\t1\t0\t0\t1\t/);
    assert.match(before.out, /dead shop-1:s-0:wh-1 after 1 attempt/);
    // The one revision Klaviyo requests name, and its age in Klaviyo's two-year support.
    const age = klaviyoRevisionAge(Date.now());
    assert.match(
      before.out,
      new RegExp(
        `klaviyo revision ${KLAVIYO_REVISION}: ${age.days} days old, ${age.phase} \\(Klaviyo retires it in ${age.daysLeft} days\\)\n`,
      ),
    );
    const r = await run(["integrations", "replay", ...data(), "--destination", "wh-1"]);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /replayed 1 dead letter/);
    assert.match(r.out, /wh-1: delivered 2, pending 0, dead 0/);
    assert.ok(webhookReceiver.accepted.has(`${SITE}:s-0:wh-1`));
  });
});
