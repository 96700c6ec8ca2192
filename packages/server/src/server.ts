/** Starts and stops a whole server: store, engine host, HTTP app. */
import { DuckDbStore, privateDir } from "@intently/store";
import type { FastifyInstance } from "fastify";
import { type AppContext, buildApp, type Plugin } from "./app.ts";
import { DEFAULT_CONFIG, publicUrlOf, type ServerConfig } from "./config.ts";
import { EngineHost } from "./engine-host.ts";

export interface RunningServer {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  close(): Promise<void>;
}

export async function startServer(
  partial: Partial<ServerConfig> = {},
  plugins: readonly Plugin[] = [],
): Promise<RunningServer> {
  const config = { ...DEFAULT_CONFIG, ...partial };
  // The data folder holds shoppers' data and keys: owner only (0700), tightened if older.
  if (config.dataDir) privateDir(config.dataDir);
  const store = await DuckDbStore.open(config.dataDir);
  const host = new EngineHost(store);
  await host.loadSegments();
  const { app, ctx } = await buildApp({ config, store, host }, plugins);
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  host.start(config.advanceEveryMs);
  let closing: Promise<void> | null = null;
  return {
    app,
    ctx,
    url: publicUrlOf(config, port),
    close() {
      closing ??= (async () => {
        host.stop();
        await app.close();
        host.endAll();
        await store.close();
      })();
      return closing;
    },
  };
}
