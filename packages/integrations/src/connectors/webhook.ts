/**
 * Signed webhooks: POST <url> with the summary as JSON, signed with HMAC-SHA256 over
 * "<unix seconds>.<body>" (see ../signature.ts and the README's verification recipe).
 */
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signatureHeader } from "../signature.ts";
import { inSegments, type SessionSummary } from "../summary.ts";
import { post } from "./http.ts";
import { ConfigError, type Connector, field } from "./types.ts";

export interface WebhookConfig {
  url: string;
  /** HMAC key, at least 16 characters. */
  secret: string;
  /** Only sessions in any of these segments (final, custom or persisted); empty = all. */
  segments: string[];
  timeoutMs?: number;
}

export const WEBHOOK_EVENT = "session.summary";

/** The JSON body: stable across retries, so a receiver may also dedupe on a body hash. */
export function webhookBody(summary: SessionSummary, key: string): string {
  return JSON.stringify({ type: WEBHOOK_EVENT, idempotencyKey: key, summary });
}

export const webhook: Connector<WebhookConfig> = {
  kind: "webhook",
  secretFields: ["secret"],
  rate: { perSecond: 50, burst: 100 },
  validate(raw) {
    const secret = field.string(raw, "secret");
    if (secret.length < 16) throw new ConfigError("secret must be at least 16 characters");
    return {
      url: field.url(raw, "url"),
      secret,
      segments: field.segments(raw),
      timeoutMs: field.timeout(raw),
    };
  },
  accepts: (summary, c) => inSegments(summary, c.segments),
  send(summary, key, c, opts) {
    const body = webhookBody(summary, key);
    return post(
      c.url,
      {
        "content-type": "application/json",
        [SIGNATURE_HEADER]: signatureHeader(c.secret, body, opts.now),
        [IDEMPOTENCY_HEADER]: key,
      },
      body,
      c.timeoutMs ?? opts.timeoutMs,
      opts.allowPrivate,
    );
  },
};
