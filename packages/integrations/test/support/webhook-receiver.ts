/**
 * A webhook receiver written from the README's verification recipe (not from src/): raw body,
 * t/v1 from X-Intently-Signature, 300 s tolerance, HMAC-SHA256 of "<t>.<body>", constant-time
 * compare, dedupe on X-Intently-Idempotency-Key.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { type Reply, type Req, sleep } from "./http.ts";

/** The README's recipe, verbatim in substance. */
export function verify(secret: string, header: string, rawBody: string, nowS = Date.now() / 1000) {
  const parts = header.split(",").map((p) => p.split("="));
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  if (!Number.isInteger(t) || Math.abs(nowS - t) > 300) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${rawBody}`).digest();
  return parts
    .filter(([k]) => k === "v1")
    .some(([, v]) => {
      const got = Buffer.from(v ?? "", "hex");
      return got.length === expected.length && timingSafeEqual(got, expected);
    });
}

export class WebhookReceiver {
  /** ok: 200; unavailable: 503; reject: 422 (permanent). */
  mode: "ok" | "unavailable" | "reject" = "ok";
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

  constructor(readonly secret: string) {}

  handle = async (r: Req): Promise<Reply> => {
    this.requests++;
    this.open++;
    const k = String(r.headers["x-intently-idempotency-key"] ?? "");
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
    this.openKeys.add(k);
    try {
      if (this.delayMs) await sleep(this.delayMs);
      if (r.method !== "POST") return { status: 405 };
      if (r.headers["content-type"] !== "application/json") return { status: 415 };
      const sig = String(r.headers["x-intently-signature"] ?? "");
      if (!verify(this.secret, sig, r.body)) {
        this.refused.push("signature");
        return { status: 401, body: "bad signature" };
      }
      if (this.mode === "unavailable") return { status: 503, body: "down for maintenance" };
      if (this.mode === "reject") return { status: 422, body: "schema not accepted" };
      const key = String(r.headers["x-intently-idempotency-key"] ?? "");
      const body = JSON.parse(r.body) as {
        type: string;
        idempotencyKey: string;
        summary: { session: string };
      };
      if (!key || body.idempotencyKey !== key || body.type !== "session.summary")
        return { status: 400, body: "bad envelope" };
      if (this.accepted.has(key)) this.duplicates++;
      else this.accepted.set(key, body.summary);
      return { status: 200, body: "ok" };
    } finally {
      this.open--;
      this.openKeys.delete(k);
    }
  };
}
