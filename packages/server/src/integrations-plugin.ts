/**
 * Post-session integrations in the server (docs/product/activation.md#integrations): every ended
 * session's summary is committed to the store's outbox and delivered by a worker; purchased
 * sessions end a configurable time after the purchase; exports run on a schedule; delivered
 * messages are pruned after INTENTLY_OUTBOX_RETENTION_DAYS (default 7). On close, live sessions are
 * ended here (before the store closes) and the plugin waits until their summaries are in the
 * outbox, so a shutdown loses nothing; unsent messages go out on the next start.
 *
 * Register it BEFORE the collector plugin: Fastify runs root onClose hooks last-registered
 * first, so the collector drains its queued batches into the engine before this plugin ends
 * the live sessions.
 */
import {
  DEFAULT_DELIVERED_RETENTION_MS,
  IntegrationsService,
  SecretBox,
  type ServiceOptions,
} from "@intently/integrations";
import type { FastifyInstance } from "fastify";
import type { Plugin } from "./context.ts";

const services = new WeakMap<FastifyInstance, IntegrationsService>();

/** The running service of an app (for the API: metrics, dead letters, replay). */
export function integrationsOf(app: FastifyInstance): IntegrationsService | undefined {
  return services.get(app);
}

export const OUTBOX_RETENTION_ENV = "INTENTLY_OUTBOX_RETENTION_DAYS";

/** Days delivered outbox messages are kept, from the environment (default 7). */
export function deliveredRetentionMs(env = process.env): number {
  const days = Number(env[OUTBOX_RETENTION_ENV]);
  return env[OUTBOX_RETENTION_ENV] && days > 0 ? days * 86_400_000 : DEFAULT_DELIVERED_RETENTION_MS;
}

export function integrationsPlugin(options: Partial<ServiceOptions> = {}): Plugin {
  return (app, ctx) => {
    const box = SecretBox.open(ctx.config.dataDir);
    const service = new IntegrationsService(
      ctx.store,
      box,
      ctx.host.engine,
      // Sessions ended early (after a purchase) are recorded like any other ended session.
      (ended, at) => ctx.host.recorder.advanced({ updates: [], ended }, at),
      {
        deliveredRetentionMs: deliveredRetentionMs(),
        ...options,
        worker: {
          allowPrivateDestinations: ctx.config.allowPrivateDestinations,
          ...options.worker,
        },
      },
    );
    ctx.host.onSessionsEnded((ended, at) => service.sessionsEnded(ended, at));
    services.set(app, service);
    service.start();
    app.addHook("onClose", async () => {
      // The server ends live sessions only after app.close(); end them now so their summaries
      // reach the outbox while the store is still open.
      ctx.host.endAll();
      await service.close();
    });
  };
}
