/**
 * Logs, health and metrics of a real server (issue 23, item 4): /metrics after N batches shows
 * N (and their events), is 404 without a token and 401 with a wrong one; /readyz is 200 when
 * ready and 503 with a reason when the engine's clock stops; logs are JSON lines with request
 * ids and carry no password, cookie, token, query string or client address.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createApiPlugin } from "../src/api/index.ts";
import { collectorPlugin } from "../src/collector/index.ts";
import { ensureSite } from "../src/collector/serve.ts";
import { startServer } from "../src/server.ts";
import { ADMIN } from "./support-api/server.ts";
import { makeBatch, post, SITE, startCollector, tempDir } from "./support-collector/helpers.ts";

const TOKEN = "metrics-token-0123456789";

/** The value of one sample line (`name{labels} value`) of a Prometheus text exposition. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function scrape(base: string, token = TOKEN) {
  const r = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  return { status: r.status, type: r.headers.get("content-type"), text: await r.text() };
}

test("/metrics after N batches shows N batches and their events, by status", async () => {
  const t = await startCollector(collectorPlugin, tempDir(), { metricsToken: TOKEN });
  const base = t.server.url;
  try {
    const N = 23;
    for (let i = 0; i < N; i++) assert.equal((await post(t.url, makeBatch())).status, 200);
    // Three refused: an unknown site key (404), and one body that is not JSON (400).
    for (let i = 0; i < 3; i++)
      assert.equal((await post(t.url, makeBatch({ site: "pk_nobody" }))).status, 404);
    assert.equal((await post(t.url, "{not json")).status, 400);

    const m = await scrape(base);
    assert.equal(m.status, 200);
    assert.match(m.type ?? "", /^text\/plain; version=0\.0\.4/);
    assert.equal(sample(m.text, 'intently_ingest_batches_total{status="200"}'), N);
    assert.equal(sample(m.text, 'intently_ingest_events_total{status="200"}'), 2 * N);
    assert.equal(sample(m.text, 'intently_ingest_batches_total{status="404"}'), 3);
    assert.equal(sample(m.text, 'intently_ingest_events_total{status="404"}'), 6);
    assert.equal(sample(m.text, 'intently_ingest_batches_total{status="400"}'), 1);
    assert.equal(sample(m.text, "intently_collector_in_flight"), 0);
    assert.ok((sample(m.text, "intently_collector_log_bytes") ?? 0) > 0, "the log has bytes");
    assert.equal(sample(m.text, "intently_collector_log_failed"), 0);
    assert.equal(sample(m.text, "intently_engine_live_sessions"), N);
    assert.equal(sample(m.text, 'intently_integration_messages{state="pending"}'), 0);
    // Store writes: the engine's rows reach the store within its 1 s flush delay.
    await t.server.ctx.store.flush();
    const after = (await scrape(base)).text;
    assert.ok(
      (sample(after, 'intently_store_write_duration_seconds_count{result="ok"}') ?? 0) >= 1,
      "store writes timed",
    );
    assert.ok((sample(after, "intently_store_rows_written_total") ?? 0) >= 2 * N, "event rows");
    assert.ok(sample(m.text, "process_resident_memory_bytes")! > 0, "process metrics");
    assert.ok(
      m.text.includes('route="/v1/collect",status="200"'),
      "request durations by route pattern",
    );

    assert.equal((await scrape(base, "wrong-token-0123456789")).status, 401);
    const none = await fetch(`${base}/metrics`);
    assert.equal(none.status, 401);
    assert.match(none.headers.get("www-authenticate") ?? "", /^Bearer/);
  } finally {
    await t.stop();
  }
});

test("without a metrics token /metrics does not exist (404)", async () => {
  const s = await startServer({ dataDir: null, host: "127.0.0.1", port: 0 }, []);
  try {
    const r = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(r.status, 404);
  } finally {
    await s.close();
  }
});

test("/livez and /readyz: 200 when ready; 503 with the reason when the engine stops", async () => {
  const t = await startCollector(collectorPlugin);
  const base = t.server.url;
  try {
    const live = await fetch(`${base}/livez`);
    assert.equal(live.status, 200);
    assert.deepEqual(await live.json(), { ok: true });
    const ready = await fetch(`${base}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), {
      ready: true,
      checks: { log: { ok: true }, store: { ok: true }, engine: { ok: true } },
    });
    t.server.ctx.host.stop();
    const notReady = await fetch(`${base}/readyz`);
    assert.equal(notReady.status, 503);
    const body = (await notReady.json()) as { ready: boolean; checks: Record<string, unknown> };
    assert.equal(body.ready, false);
    assert.deepEqual(body.checks.engine, { ok: false, reason: "engine clock not running" });
    assert.equal((await fetch(`${base}/livez`)).status, 200, "alive all the same");
  } finally {
    await t.stop();
  }
});

test("logs: JSON lines with levels and request ids, nothing personal or secret", async () => {
  const lines: string[] = [];
  const dataDir = tempDir();
  const server = await startServer(
    {
      dataDir,
      host: "127.0.0.1",
      port: 0,
      logLevel: "debug",
      logStream: { write: (l) => void lines.push(l) },
    },
    [
      collectorPlugin,
      createApiPlugin({
        env: { INTENTLY_ADMIN_EMAIL: ADMIN.email, INTENTLY_ADMIN_PASSWORD: ADMIN.password },
        print: () => {},
      }),
    ],
  );
  const t = { url: `${server.url}/v1/collect` };
  let cookie = "";
  try {
    await ensureSite(server.ctx.store, SITE);
    const login = await fetch(`${server.url}/api/auth/login?next=%2Fsecret-query`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "trace-42" },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    });
    assert.equal(login.status, 200);
    assert.equal(login.headers.get("x-request-id"), "trace-42");
    cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    assert.ok(cookie.length > 20, cookie);
    const me = await fetch(`${server.url}/api/me`, {
      headers: { cookie, authorization: "Bearer itk_not_a_real_token" },
    });
    await me.arrayBuffer();
    const wrong = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ADMIN.email, password: "the-wrong-password" }),
    });
    assert.equal(wrong.status, 401);
    const batch = makeBatch();
    assert.equal((await post(t.url, batch)).status, 200);
    assert.equal((await fetch(`${server.url}/nowhere?email=${ADMIN.email}`)).status, 404);
  } finally {
    await server.close();
  }

  const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const requests = records.filter((r) => r.msg === "request completed");
  assert.ok(requests.length >= 5, `request lines: ${requests.length}`);
  for (const r of requests) {
    assert.equal(typeof r.reqId, "string");
    assert.ok(typeof r.level === "string" && typeof r.time === "number", JSON.stringify(r));
  }
  const traced = requests.find((r) => r.reqId === "trace-42");
  assert.deepEqual(traced?.req, { method: "POST", route: "/api/auth/login" });
  assert.deepEqual(traced?.res, { statusCode: 200 });
  const collect = requests.find((r) => (r.req as { route: string }).route === "/v1/collect");
  assert.equal(collect?.level, "debug", "successful collects log at debug");
  assert.ok(requests.some((r) => (r.req as { route: string }).route === "/nowhere"));

  const all = lines.join("\n");
  for (const secret of [
    cookie.split("=")[1]!,
    ADMIN.password,
    "the-wrong-password",
    "itk_not_a_real_token",
    "secret-query",
    ADMIN.email,
    "remoteAddress",
    '"ip"',
  ])
    assert.ok(!all.includes(secret), `the logs contain ${secret}`);
});
