/**
 * The collector (docs/product/collector.md) as a server plugin: `POST /v1/collect` with validation,
 * per-site keys and origins, rate limits and load shedding, idempotent batches, a durable
 * group-committed log replayed on start, and the engine's memberships in the answer.
 *
 *   startServer(config, [collectorPlugin])                 // defaults
 *   startServer(config, [createCollectorPlugin({ … })])    // other limits
 *   collectorOf(app)?.log.readAll()                        // the running collector
 */
import type { FastifyInstance } from "fastify";
import type { Plugin } from "../context.ts";
import { Collector } from "./collector.ts";
import { type CollectorOptions, resolveOptions } from "./options.ts";
import { registerCollectRoutes } from "./route.ts";
import { storedSessionEnds } from "./stored-ends.ts";

const running = new WeakMap<FastifyInstance, Collector>();

export function createCollectorPlugin(options: Partial<CollectorOptions> = {}): Plugin {
  const resolved = resolveOptions(options);
  return async (app, ctx) => {
    // Sessions the store holds as ended are not revived (a lost `ended` checkpoint).
    const ended = await storedSessionEnds(ctx.store, Date.now() - resolved.replayWindowMs);
    const collector = Collector.start(ctx, resolved, ended);
    running.set(app, collector);
    // One line per change of state, not one per refused batch.
    collector.log.onState = (failure) => {
      if (failure) {
        const code = (failure as NodeJS.ErrnoException).code;
        app.log.error(
          { err: { code, message: failure.message } },
          "collector log cannot append: batches are refused (503) until it recovers",
        );
      } else app.log.info("collector log recovered: batches are accepted again");
    };
    registerCollectRoutes(app, collector);
    app.addHook("onClose", async () => {
      await collector.close();
    });
  };
}

export const collectorPlugin: Plugin = createCollectorPlugin();

/** The collector registered on an app (its log, index, recovery figures), if any. */
export function collectorOf(app: FastifyInstance): Collector | undefined {
  return running.get(app);
}

export type { CollectResponse } from "./apply.ts";
export type { Collector, Reply } from "./collector.ts";
export type { BatchOutcome } from "./idempotency.ts";
export { CollectorLog } from "./log.ts";
export { listSegments, type ReadOptions, readLog } from "./log-files.ts";
export { encodeRecord, HEADER_BYTES, scanRecords } from "./log-format.ts";
export type { CollectorOptions, RateLimit } from "./options.ts";
export { DEFAULT_COLLECTOR_OPTIONS } from "./options.ts";
export { compileOrigins } from "./origins.ts";
export type { BatchRecord, CheckpointRecord, LogEntry, LogRecord } from "./records.ts";
export type { RecoveryStats } from "./recover.ts";
export { COLLECT_PATH } from "./route.ts";
