/**
 * @intently/integrations — post-session integrations (docs/product/activation.md#integrations): session summaries, the
 * delivery worker over the store's durable outbox, connectors (signed webhooks, Klaviyo, GA4),
 * daily CSV/Parquet exports, and secrets sealed at rest.
 */

export {
  findIntegration,
  INTEGRATION_KINDS,
  openIntegration,
  REDACTED,
  redact,
  saveIntegration,
} from "./config.ts";
export { connectorOf } from "./connectors/index.ts";
export { klaviyoRevisionAge } from "./connectors/klaviyo.ts";
export { ConfigError } from "./connectors/types.ts";
export { ALLOW_PRIVATE_ENV } from "./destination-guard.ts";
export { disabledOf } from "./disabled.ts";
export { identitySalt } from "./enqueue.ts";
export { dayOf, exportDay, pruneExports, rewriteExports } from "./export.ts";
export { EXPORT_FORMATS, EXPORT_KIND, validateExport } from "./export-config.ts";
export { SECRET_KEY_ENV, SecretBox } from "./secrets.ts";
export type { ServiceOptions } from "./service.ts";
export { DEFAULT_DELIVERED_RETENTION_MS, IntegrationsService } from "./service.ts";
export { KEYED_PREFIX, keyIdentity } from "./summary.ts";
export { deliverPending, testDestination } from "./tools.ts";
export { unmaskUrl, urlCredentials } from "./url-mask.ts";
