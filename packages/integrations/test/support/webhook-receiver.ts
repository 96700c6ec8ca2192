/**
 * A webhook receiver as a customer would write one from the README: every request verified
 * with the Standard Webhooks reference library (npm `standardwebhooks`), not with src/ — a
 * `whsec_` secret as is, a secret of the old scheme as raw UTF-8 bytes — and deduped on the
 * idempotency key of the body (the `webhook-id` is derived from it, one per message).
 */
import { Webhook } from "standardwebhooks";
import { type Reply, type Req, sleep } from "./http.ts";

/** The library's verifier for a secret, the README's way. */
export function verifierOf(secret: string): Webhook {
  return secret.startsWith("whsec_")
    ? new Webhook(secret)
    : new Webhook(new Uint8Array(Buffer.from(secret, "utf8")), { format: "raw" });
}

/** The idempotency key of a body, if it is JSON holding one (read before any check). */
const keyOf = (body: string): string => {
  try {
    return String((JSON.parse(body) as { idempotencyKey?: unknown }).idempotencyKey ?? "");
  } catch {
    return "";
  }
};

export class WebhookReceiver {
  /** ok: 200; unavailable: 503; reject: 422 (permanent); gone: 410 (no more, please). */
  mode: "ok" | "unavailable" | "reject" | "gone" = "ok";
  delayMs = 0;
  requests = 0;
  /** Requests whose answer was not yet sent (in flight). */
  open = 0;
  readonly accepted = new Map<string, { session: string }>();
  /** Requests for a key already accepted (deduped, answered 200). */
  duplicates = 0;
  readonly refused: string[] = [];
  /** Requests per idempotency key, and the keys of requests not yet answered. */
  readonly counts = new Map<string, number>();
  readonly openKeys = new Set<string>();
  /** The `webhook-id` of each accepted key (one id per message, the same on every retry). */
  readonly ids = new Map<string, string>();
  private verifier: Webhook;

  constructor(private secretValue: string) {
    this.verifier = verifierOf(secretValue);
  }

  get secret(): string {
    return this.secretValue;
  }

  set secret(s: string) {
    this.secretValue = s;
    this.verifier = verifierOf(s);
  }

  handle = async (r: Req): Promise<Reply> => {
    this.requests++;
    this.open++;
    const k = keyOf(r.body);
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
    this.openKeys.add(k);
    try {
      if (this.delayMs) await sleep(this.delayMs);
      if (r.method !== "POST") return { status: 405 };
      if (r.headers["content-type"] !== "application/json") return { status: 415 };
      let body: { type: string; idempotencyKey: string; summary: { session: string } };
      try {
        body = this.verifier.verify(r.body, r.headers as Record<string, string>) as typeof body;
      } catch (e) {
        this.refused.push(`signature: ${(e as Error).message}`);
        return { status: 401, body: "bad signature" };
      }
      if (this.mode === "unavailable") return { status: 503, body: "down for maintenance" };
      if (this.mode === "reject") return { status: 422, body: "schema not accepted" };
      if (this.mode === "gone") return { status: 410, body: "no longer subscribed" };
      const id = String(r.headers["webhook-id"]);
      if (!body.idempotencyKey || body.type !== "session.summary")
        return { status: 400, body: "bad envelope" };
      const key = body.idempotencyKey;
      if (this.ids.has(key) && this.ids.get(key) !== id) return { status: 400, body: "id moved" };
      if (this.accepted.has(key)) this.duplicates++;
      else {
        this.accepted.set(key, body.summary);
        this.ids.set(key, id);
      }
      return { status: 200, body: "ok" };
    } finally {
      this.open--;
      this.openKeys.delete(k);
    }
  };
}
