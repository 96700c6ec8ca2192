/**
 * A runnable collector server (for the crash test and `intently bench collector`):
 *
 *   node --import tsx serve.ts --data-dir DIR [--port 0] [--site-key pk_…] [--site-id ID]
 *        [--origins a,b] [--site-rate N] [--visitor-rate N] [--full] [--demo-segments]
 *
 * Starts the server (store, engine host, collector with its durable log; with `--full` every
 * plugin `intently start` runs: integrations, models, retention, API, dashboard) on 127.0.0.1,
 * makes sure the site exists (with `--demo-segments`, the demo's custom segments live on it),
 * prints one JSON line `{"port":…,"url":…,"recovery":{…}}` and closes gracefully on SIGTERM /
 * SIGINT. Over an IPC channel it answers the bench's CPU, profile, memory and heap-snapshot
 * queries (cpu-queries.ts); the memory answer carries the live sessions and index sizes.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { DEMO_SEGMENTS } from "@intently/demo-data";
import type { Store } from "@intently/store";
import { DEFAULT_PLUGINS } from "../plugins.ts";
import { startServer } from "../server.ts";
import { answerCpuQueries } from "./cpu-queries.ts";
import { collectorOf, createCollectorPlugin } from "./index.ts";
import type { CollectorOptions } from "./options.ts";

export interface TestSite {
  id: string;
  publicKey: string;
  allowedOrigins: string[];
}

/** Creates the workspace and site unless they exist (a restart on the same data dir). */
export async function ensureSite(store: Store, site: TestSite): Promise<void> {
  const c = store.config;
  const ws = `ws-${site.id}`;
  if (!(await c.getWorkspace(ws))) await c.createWorkspace({ id: ws, name: site.id });
  if (await c.getSite(site.id)) return;
  await c.createSite({
    id: site.id,
    workspaceId: ws,
    name: site.id,
    publicKey: site.publicKey,
    allowedOrigins: site.allowedOrigins,
  });
}

/** The demo's custom segments, live on the site (as `intently demo` has them). */
async function ensureDemoSegments(store: Store, site: string): Promise<void> {
  for (const def of DEMO_SEGMENTS) {
    if (await store.config.getSegment(site, def.id)) continue;
    await store.config.saveSegment({
      site,
      id: def.id,
      definition: def,
      author: "bench",
      status: def.status,
    });
  }
}

export async function main(argv: string[]): Promise<void> {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      "data-dir": { type: "string" },
      port: { type: "string", default: "0" },
      "site-key": { type: "string", default: "pk_test" },
      "site-id": { type: "string", default: "site-test" },
      origins: { type: "string", default: "https://shop.example" },
      "site-rate": { type: "string" },
      "visitor-rate": { type: "string" },
      full: { type: "boolean", default: false },
      "demo-segments": { type: "boolean", default: false },
    },
  });
  if (!v["data-dir"]) throw new Error("--data-dir is required");
  const options: Partial<CollectorOptions> = {};
  if (v["site-rate"]) {
    const n = Number(v["site-rate"]);
    options.siteRate = { perSecond: n, burst: 2 * n };
  }
  if (v["visitor-rate"]) {
    const n = Number(v["visitor-rate"]);
    options.visitorRate = { perSecond: n, burst: 2 * n };
  }
  const server = await startServer(
    {
      dataDir: v["data-dir"],
      port: Number(v.port),
      host: "127.0.0.1",
      // The bench's load generator opens up to 1,024 connections, all from loopback.
      http: { maxConnectionsPerIp: 0 },
      collector: options,
    },
    v.full ? DEFAULT_PLUGINS : [createCollectorPlugin(options)],
  );
  const { ctx } = server;
  await ensureSite(ctx.store, {
    id: v["site-id"],
    publicKey: v["site-key"],
    allowedOrigins: v.origins.split(",").filter(Boolean),
  });
  if (v["demo-segments"]) {
    await ensureDemoSegments(ctx.store, v["site-id"]);
    await ctx.host.loadSegments();
  }
  const recovery = collectorOf(server.app)?.recovery;
  const port = new URL(server.url).port;
  process.stdout.write(`${JSON.stringify({ port: Number(port), url: server.url, recovery })}\n`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  const collector = collectorOf(server.app);
  answerCpuQueries(() => ({
    liveSessions: ctx.host.engine.liveSessions(),
    recorderSessions: ctx.host.recorder.liveSessions,
    idempotencyKeys: collector?.index.size ?? 0,
  }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
}
