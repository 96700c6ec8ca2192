/**
 * Models in the server: promoted site models score their sites (the prior scores the rest),
 * and a schedule retrains every site from the collector's log.
 */
import { join } from "node:path";
import type { EventLine } from "@intently/engine";
import { modelScorer } from "@intently/intent-model";
import { readLog } from "../collector/log-files.ts";
import type { Plugin } from "../context.ts";
import { MAX_TIMER_MS } from "../ops/parse.ts";
import { ModelRegistry } from "./registry.ts";
import { trainSite } from "./trainer.ts";

/** Retraining period; `config.trainEveryMs` (INTENTLY_TRAIN_EVERY_HOURS) overrides it (0: off). */
export const DEFAULT_TRAIN_EVERY_HOURS = 24;

/** Event lines of one site from a collector log folder. */
export function* siteLinesFromLog(logDir: string, site: string): Generator<EventLine> {
  for (const { record: r } of readLog(logDir)) {
    if (r.k !== "b" || r.site !== site) continue;
    let first = true;
    for (const event of r.events) {
      yield {
        site: r.site,
        visitor: r.visitor,
        session: r.session,
        ...(first && r.context ? { context: r.context } : {}),
        event,
      };
      first = false;
    }
  }
}

export const modelsPlugin: Plugin = async (app, ctx) => {
  if (!ctx.config.dataDir) return;
  const registry = new ModelRegistry(join(ctx.config.dataDir, "models"));
  for (const site of registry.sites()) {
    const current = registry.current(site);
    if (current) ctx.host.setScorer(site, modelScorer(current));
  }
  // The period is validated and clamped to Node's timer limit by ops/load-config.ts.
  const everyMs = Math.min(
    ctx.config.trainEveryMs ?? DEFAULT_TRAIN_EVERY_HOURS * 3_600_000,
    MAX_TIMER_MS,
  );
  if (!(everyMs > 0)) return;
  const logDir = join(ctx.config.dataDir, "log");
  const timer = setInterval(async () => {
    for (const site of await ctx.store.config.listSites()) {
      try {
        const out = await trainSite(site.id, siteLinesFromLog(logDir, site.id), registry);
        if (out.decision.promote && out.trained)
          ctx.host.setScorer(site.id, modelScorer(registry.current(site.id)!));
      } catch {
        // A failed training keeps the current model; the next period tries again.
      }
    }
  }, everyMs);
  timer.unref();
  app.addHook("onClose", async () => clearInterval(timer));
};

export { ModelRegistry };
