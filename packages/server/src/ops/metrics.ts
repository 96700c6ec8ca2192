/**
 * Prometheus metrics at `GET /metrics` (prom-client), registered only when a metrics token is
 * configured: without one the route does not exist (404) and nothing is counted; with one, a
 * scrape must send `Authorization: Bearer <token>` (else 401).
 *
 * Counted from outside the parts they watch: collect answers by status (and the events their
 * batches carried) in an onResponse hook, store writes as the store reports them; gauges (collector in flight, log size, store queue,
 * engine, integration backlog) read their sources at scrape time. Each app has its own
 * registry, so servers in one process (tests) do not mix.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { statSync } from "node:fs";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { collectorOf } from "../collector/index.ts";
import { listSegments } from "../collector/log-files.ts";
import type { AppContext } from "../context.ts";
import { integrationsOf } from "../integrations-plugin.ts";
import { routeOf } from "./logging.ts";

const COLLECT = "/v1/collect";

/** Events in a collect body (0 when it is not a batch): parsed after the answer is sent. */
function eventsIn(body: unknown): number {
  if (typeof body !== "string" || body.length === 0) return 0;
  try {
    const events = (JSON.parse(body) as { events?: unknown }).events;
    return Array.isArray(events) ? events.length : 0;
  } catch {
    return 0;
  }
}

function logBytes(dir: string): number {
  let total = 0;
  for (const s of listSegments(dir)) {
    try {
      total += statSync(s.path).size;
    } catch {
      // Pruned between the listing and the stat.
    }
  }
  return total;
}

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Whether the Authorization header carries the token (compared in constant time). */
function authorized(req: FastifyRequest, token: string): boolean {
  const h = req.headers.authorization;
  if (typeof h !== "string" || !h.startsWith("Bearer ")) return false;
  return timingSafeEqual(digest(h.slice(7).trim()), digest(token));
}

export function registerMetrics(app: FastifyInstance, ctx: () => AppContext, token: string): void {
  const register = new Registry();
  collectDefaultMetrics({ register });
  const batches = new Counter({
    name: "intently_ingest_batches_total",
    help: "Collect requests (batches) answered, by HTTP status",
    labelNames: ["status"],
    registers: [register],
  });
  const events = new Counter({
    name: "intently_ingest_events_total",
    help: "Events in the batches sent to /v1/collect, by the batch's HTTP status",
    labelNames: ["status"],
    registers: [register],
  });
  const duration = new Histogram({
    name: "intently_http_request_duration_seconds",
    help: "Time to answer HTTP requests, by method, route pattern and status",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [register],
  });
  const gauge = (name: string, help: string, collect: (g: Gauge) => void | Promise<void>) =>
    new Gauge({
      name,
      help,
      registers: [register],
      async collect() {
        await collect(this);
      },
    });
  gauge("intently_collector_in_flight", "Collect requests admitted and not yet answered", (g) =>
    g.set(collectorOf(app)?.inFlight ?? 0),
  );
  gauge(
    "intently_collector_log_pending_bytes",
    "Bytes waiting for the collector log's group commit",
    (g) => g.set(collectorOf(app)?.log.pendingBytes ?? 0),
  );
  gauge("intently_collector_log_bytes", "Size of the collector log segments on disk", (g) => {
    const c = collectorOf(app);
    g.set(c ? logBytes(c.log.dir) : 0);
  });
  gauge("intently_collector_log_failed", "1 while the collector log refuses appends", (g) =>
    g.set(collectorOf(app)?.log.failed ? 1 : 0),
  );
  gauge("intently_store_pending_rows", "Store rows queued and not yet written", (g) =>
    g.set(ctx().store.pendingRows()),
  );
  const writes = new Histogram({
    name: "intently_store_write_duration_seconds",
    help: "Time to write one batch of queued rows to the store, by result (ok, or failed and queued again)",
    labelNames: ["result"],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [register],
  });
  const rows = new Counter({
    name: "intently_store_rows_written_total",
    help: "Rows written to the store (all tables)",
    registers: [register],
  });
  // The context is complete once the app is built, before it is ready.
  let unsubscribe = () => {};
  app.addHook("onReady", (done) => {
    unsubscribe = ctx().store.onWrite((w) => {
      writes.observe({ result: w.ok ? "ok" : "failed" }, w.seconds);
      if (w.ok) rows.inc(w.rows);
    });
    done();
  });
  app.addHook("onClose", (_app, done) => {
    unsubscribe();
    done();
  });
  gauge("intently_engine_live_sessions", "Sessions live in the engine", (g) =>
    g.set(ctx().host.engine.liveSessions()),
  );
  gauge("intently_engine_tick_lag_seconds", "Time since the engine's clock last ticked", (g) => {
    const h = ctx().host;
    g.set(h.running ? (Date.now() - h.lastTickAt) / 1000 : 0);
  });
  new Gauge({
    name: "intently_integration_messages",
    help: "Integration outbox messages by state (pending = backlog, dead = failed for good, retried = failed attempts retried)",
    labelNames: ["state"],
    registers: [register],
    async collect() {
      const rows = (await integrationsOf(app)?.metrics()) ?? [];
      for (const state of ["pending", "dead", "retried", "delivered"] as const)
        this.set(
          { state },
          rows.reduce((n, r) => n + r[state], 0),
        );
    },
  });
  gauge(
    "intently_integration_lag_seconds",
    "Age of the oldest pending integration message",
    async (g) => {
      const rows = (await integrationsOf(app)?.metrics()) ?? [];
      g.set(Math.max(0, ...rows.map((r) => r.lagMs)) / 1000);
    },
  );

  app.addHook("onResponse", (req, reply, done) => {
    const status = String(reply.statusCode);
    const route = routeOf(req);
    if (req.routeOptions?.url)
      duration.observe({ method: req.method, route, status }, reply.elapsedTime / 1000);
    if (req.method === "POST" && req.routeOptions?.url === COLLECT) {
      batches.inc({ status });
      const n = eventsIn(req.body);
      if (n > 0) events.inc({ status }, n);
    }
    done();
  });

  app.get("/metrics", async (req, reply) => {
    if (!authorized(req, token))
      return reply
        .code(401)
        .header("www-authenticate", 'Bearer realm="metrics"')
        .send({ error: "a valid metrics token is required" });
    return reply
      .header("content-type", register.contentType)
      .header("cache-control", "no-store")
      .send(await register.metrics());
  });
}
