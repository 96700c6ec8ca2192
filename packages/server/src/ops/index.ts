/**
 * Operations: request logging, `/livez` and `/readyz`, and `/metrics` (when a token is set).
 * Registered by buildApp before any route, so their hooks see every route.
 */
import type { FastifyInstance } from "fastify";
import type { ServerConfig } from "../config.ts";
import type { AppContext } from "../context.ts";
import { registerHealthRoutes } from "./health.ts";
import { registerRequestId } from "./logging.ts";
import { registerMetrics } from "./metrics.ts";

/** `ctx` is read at request time (the full context exists only after the tag is built). */
export function registerOps(
  app: FastifyInstance,
  config: ServerConfig,
  ctx: () => AppContext,
): void {
  registerRequestId(app);
  registerHealthRoutes(app, ctx);
  if (config.metricsToken) registerMetrics(app, ctx, config.metricsToken);
}

export { type Check, type Readiness, readiness } from "./health.ts";
export { ConfigError, type Loaded, type LoadOptions, loadConfig } from "./load-config.ts";
export { BadValue, MAX_TIMER_MS } from "./parse.ts";
export { SETTINGS, type Setting, settingsTable } from "./settings.ts";
