/** The plugins a full server runs, in registration order. */
import { dashboardPlugin } from "@intently/dashboard";
import { apiPlugin } from "./api/index.ts";
import { createCollectorPlugin } from "./collector/index.ts";
import type { Plugin } from "./context.ts";
import { integrationsPlugin } from "./integrations-plugin.ts";
import { modelsPlugin } from "./models/plugin.ts";
import { retentionPlugin } from "./retention.ts";

/** The collector with the configured limits (`config.collector`). */
const configuredCollector: Plugin = (app, ctx) =>
  createCollectorPlugin(ctx.config.collector)(app, ctx);

/** Integrations with the configured outbox retention (else the environment's, else 7 days). */
const configuredIntegrations: Plugin = (app, ctx) =>
  integrationsPlugin(
    ctx.config.outboxRetentionMs === undefined
      ? {}
      : { deliveredRetentionMs: ctx.config.outboxRetentionMs },
  )(app, ctx);

// Integrations first: Fastify runs close hooks in reverse order, so the collector stops feeding
// the engine before the integrations end the live sessions and flush their summaries.
export const DEFAULT_PLUGINS: Plugin[] = [
  configuredIntegrations,
  configuredCollector,
  modelsPlugin,
  retentionPlugin(),
  apiPlugin,
  dashboardPlugin,
];
