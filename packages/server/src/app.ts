/**
 * The HTTP application: one Fastify instance with the tag, the collector, the REST API and the
 * dashboard registered as plugins over the same store and engine host.
 */
import Fastify, { type FastifyInstance } from "fastify";
import { DEFAULT_HTTP_LIMITS, fastifyTimeouts, limitConnections } from "./connection-limits.ts";
import type { AppContext, Plugin } from "./context.ts";
import { registerOps } from "./ops/index.ts";
import { loggerOptions } from "./ops/logging.ts";
import { registerTagRoutes } from "./tag-route.ts";
import { buildValidator } from "./validation.ts";

export type { AppContext, Plugin };

export async function buildApp(
  ctx: Omit<AppContext, "tagVersion">,
  plugins: readonly Plugin[] = [],
): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  const limits = { ...DEFAULT_HTTP_LIMITS, ...ctx.config.http };
  const trusted = ctx.config.trustProxy ?? [];
  const app = Fastify({
    // JSON lines at the configured level, with request ids and nothing personal (ops/logging.ts).
    ...loggerOptions(ctx.config),
    // X-Forwarded-For / -Proto are believed only from the configured proxies (a list: never all).
    trustProxy: trusted.length > 0 ? [...trusted] : false,
    // Slow clients: header, body and idle deadlines (a trickled body is cut with 408).
    ...fastifyTimeouts(limits),
    bodyLimit: 1 << 20,
    // Client errors are answered by handlers; never crash on a bad request.
    return503OnClosing: true,
    // Bodies are validated strictly, querystrings and params with coercion (validation.ts).
    schemaController: { compilersFactory: { buildValidator } },
  });
  limitConnections(app.server, limits);
  // Logging, health and metrics hooks first, so they see every route; the context they read
  // at request time is complete once the tag is built.
  let full: AppContext | null = null;
  registerOps(app, ctx.config, () => full!);
  app.get("/healthz", async () => ({ ok: true }));
  const { version } = await registerTagRoutes(app, ctx.store.config);
  const complete: AppContext = { ...ctx, tagVersion: version };
  full = complete;
  for (const p of plugins) await p(app, complete);
  return { app, ctx: complete };
}
