/**
 * The soak's server process: the whole server as `intently start` runs it (every plugin:
 * integrations, collector, models, retention, API, dashboard) on 127.0.0.1 at a free port, with
 * the demo's site and custom segments (as `intently demo` has them, without its history), and
 * the sampler (sampler.ts) answering the bench over the IPC channel:
 *
 *   node --import tsx serve.ts --data-dir DIR --site-id ID --site-key KEY --origin URL
 *
 * Prints one JSON line `{"port":…}`; then answers `{id, ask: "sample" | "settle"}` with
 * `{id, result}`. SIGTERM closes the server gracefully (every live session ended, the store
 * flushed) and exits 0.
 */
import { parseArgs } from "node:util";
import { ensureDemoSite } from "@intently/demo-data";
import { DEFAULT_PLUGINS, startServer } from "@intently/server";
import { Sampler } from "./sampler.ts";

export type SoakAsk = { id: number; ask: "sample" | "settle" };
export type SoakAnswer = { id: number; result?: unknown; error?: string };

const { values: v } = parseArgs({
  options: {
    "data-dir": { type: "string" },
    "site-id": { type: "string" },
    "site-key": { type: "string" },
    origin: { type: "string" },
  },
});
if (!v["data-dir"] || !v["site-id"] || !v["site-key"] || !v.origin) {
  process.stderr.write("serve.ts: --data-dir, --site-id, --site-key and --origin are required\n");
  process.exit(2);
}

const server = await startServer(
  // Retraining off: a day-long period never comes within a soak, and is not what is measured.
  { dataDir: v["data-dir"], host: "127.0.0.1", port: 0, trainEveryMs: 0 },
  DEFAULT_PLUGINS,
);
const { ctx } = server;
await ensureDemoSite(ctx.store, {
  site: {
    id: v["site-id"],
    workspaceId: `ws-${v["site-id"]}`,
    name: "Soak shop",
    publicKey: v["site-key"],
    allowedOrigins: [v.origin],
  },
  workspaceName: "Soak",
  author: "bench",
});
// Segments saved straight into the store (not through the API) are loaded by hand.
await ctx.host.loadSegments();

const sampler = new Sampler({
  liveSessions: () => ctx.host.engine.liveSessions(),
  storePendingRows: () => ctx.store.pendingRows(),
});

process.on("message", (m: SoakAsk) => {
  const answer = (a: SoakAnswer) => process.send?.(a);
  if (m.ask === "sample") answer({ id: m.id, result: sampler.sample() });
  else if (m.ask === "settle")
    sampler.settle().then(
      (result) => answer({ id: m.id, result }),
      (e: unknown) => answer({ id: m.id, error: String(e) }),
    );
  else answer({ id: m.id, error: `unknown ask ${String(m.ask)}` });
});
process.channel?.unref();

process.once("SIGTERM", () => {
  sampler.close();
  server.close().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`soak server: close failed: ${String(e)}\n`);
      process.exit(1);
    },
  );
});

process.stdout.write(`${JSON.stringify({ port: Number(new URL(server.url).port) })}\n`);
