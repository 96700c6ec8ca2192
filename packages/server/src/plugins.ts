/** The plugins a full server runs, in registration order. */
import { dashboardPlugin } from "@intently/dashboard";
import { apiPlugin } from "./api/index.ts";
import type { Plugin } from "./app.ts";
import { collectorPlugin } from "./collector/index.ts";
import { integrationsPlugin } from "./integrations-plugin.ts";
import { modelsPlugin } from "./models/plugin.ts";
import { retentionPlugin } from "./retention.ts";

// Integrations first: Fastify runs close hooks in reverse order, so the collector stops feeding
// the engine before the integrations end the live sessions and flush their summaries.
export const DEFAULT_PLUGINS: Plugin[] = [
  integrationsPlugin(),
  collectorPlugin,
  modelsPlugin,
  retentionPlugin(),
  apiPlugin,
  dashboardPlugin,
];
