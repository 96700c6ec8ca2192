/**
 * @intently/integrations — post-session integrations (SPEC §6.2): session summaries, the
 * delivery worker over the store's durable outbox, connectors (signed webhooks, Klaviyo, GA4),
 * daily CSV/Parquet exports, and secrets sealed at rest.
 */
export * from "./config.ts";
export * from "./connectors/ga4.ts";
export * from "./connectors/index.ts";
export * from "./connectors/klaviyo.ts";
export * from "./connectors/types.ts";
export * from "./connectors/webhook.ts";
export * from "./destination-guard.ts";
export * from "./disabled.ts";
export * from "./enqueue.ts";
export * from "./export.ts";
export * from "./export-config.ts";
export * from "./purchase.ts";
export * from "./rate-limiter.ts";
export * from "./retry.ts";
export * from "./secrets.ts";
export * from "./service.ts";
export * from "./signature.ts";
export * from "./summary.ts";
export * from "./tools.ts";
export * from "./url-mask.ts";
export * from "./worker.ts";
