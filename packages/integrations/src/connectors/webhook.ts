/**
 * Standard Webhooks (see ../signature.ts): POST <url> with the summary as JSON and the
 * `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. A 410 Gone answer means
 * the receiver wants no more webhooks: the verdict "gone" makes the worker disable the
 * integration (shown in the dashboard) instead of retrying.
 */
import { checkFields, fieldValue, givenValue, urlOf } from "../field-check.ts";
import { secretFieldsOf } from "../fields.ts";
import { newSecretProblem, signedHeaders, signingKey } from "../signature.ts";
import { inSegments, type SessionSummary } from "../summary.ts";
import { post } from "./http.ts";
import { ConfigError, type Connector } from "./types.ts";

export interface WebhookConfig {
  url: string;
  /** `whsec_<base64 of 24–64 bytes>`, or a stored secret of the old scheme (≥ 16 characters). */
  secret: string;
  /** Only sessions in any of these segments (final, custom or persisted); empty = all. */
  segments: string[];
  timeoutMs?: number;
}

export const WEBHOOK_EVENT = "session.summary";

/**
 * The JSON body (the specification's `type` and `timestamp`, the event in `summary`): stable
 * across retries, so a receiver may also dedupe on a body hash.
 */
export function webhookBody(summary: SessionSummary, key: string): string {
  return JSON.stringify({
    type: WEBHOOK_EVENT,
    // When the session ended (the event's time; webhook-timestamp is the attempt's).
    timestamp: Number.isFinite(summary.endedAt) ? new Date(summary.endedAt).toISOString() : null,
    idempotencyKey: key,
    summary,
  });
}

export const webhook: Connector<WebhookConfig> = {
  kind: "webhook",
  secretFields: secretFieldsOf("webhook"),
  rate: { perSecond: 50, burst: 100 },
  validate(raw) {
    // The rules of ../fields.ts; a stored secret may predate whsec_ ones (checked below).
    checkFields("webhook", raw);
    const secret = fieldValue<string>("webhook", raw, "secret");
    if (!signingKey(secret))
      throw new ConfigError(newSecretProblem(secret) ?? "secret is not valid");
    return {
      url: urlOf("webhook", raw, "url"),
      secret,
      segments: fieldValue<string[]>("webhook", raw, "segments"),
      timeoutMs: givenValue<number>(raw, "timeoutMs"),
    };
  },
  accepts: (summary, c) => inSegments(summary, c.segments),
  async send(summary, key, c, opts) {
    const body = webhookBody(summary, key);
    const r = await post(
      c.url,
      { "content-type": "application/json", ...signedHeaders(c.secret, key, body, opts.now) },
      body,
      c.timeoutMs ?? opts.timeoutMs,
      opts.allowPrivate,
    );
    return r.status === 410 ? { ...r, verdict: "gone" } : r;
  },
};
