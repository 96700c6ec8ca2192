/**
 * Webhook signatures: `X-Intently-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` where the
 * HMAC key is the webhook's secret and the message is `<t>.<raw body>`. The verification recipe
 * is in this package's README; `verifySignature` is that recipe.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Intently-Signature";
export const IDEMPOTENCY_HEADER = "X-Intently-Idempotency-Key";
/** Receivers should refuse signatures older (or newer) than this. */
export const SIGNATURE_TOLERANCE_S = 300;

export function signatureOf(secret: string, t: number, body: string): string {
  return createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
}

export function signatureHeader(secret: string, body: string, nowMs = Date.now()): string {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${signatureOf(secret, t, body)}`;
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

export function verifySignature(
  secret: string,
  header: string | undefined,
  body: string,
  nowMs = Date.now(),
  toleranceS = SIGNATURE_TOLERANCE_S,
): VerifyResult {
  if (!header) return { ok: false, reason: "missing signature" };
  const parts = new Map<string, string[]>();
  for (const kv of header.split(",")) {
    const i = kv.indexOf("=");
    if (i < 0) continue;
    const k = kv.slice(0, i).trim();
    parts.set(k, [...(parts.get(k) ?? []), kv.slice(i + 1).trim()]);
  }
  const t = Number(parts.get("t")?.[0]);
  if (!Number.isInteger(t)) return { ok: false, reason: "no timestamp" };
  if (Math.abs(nowMs / 1000 - t) > toleranceS) return { ok: false, reason: "timestamp too old" };
  const expected = Buffer.from(signatureOf(secret, t, body), "hex");
  for (const v1 of parts.get("v1") ?? []) {
    const got = Buffer.from(v1, "hex");
    if (got.length === expected.length && timingSafeEqual(got, expected)) return { ok: true };
  }
  return { ok: false, reason: "signature mismatch" };
}
