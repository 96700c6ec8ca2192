/**
 * Webhook signatures, as the Standard Webhooks specification v1.0.0 defines them
 * (https://www.standardwebhooks.com, spec/standard-webhooks.md in
 * github.com/standard-webhooks/standard-webhooks):
 *   webhook-id:        msg_… — the same for every attempt of a message (the idempotency key)
 *   webhook-timestamp: unix seconds of this attempt
 *   webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<raw body>">
 * The key is the secret `whsec_<base64 of 24–64 random bytes>`, decoded. Receivers verify with
 * the published libraries (npm `standardwebhooks`: `new Webhook(secret).verify(body, headers)`).
 *
 * Secrets saved before this scheme (any string of ≥ 16 characters) keep working: their HMAC key
 * is the secret's UTF-8 bytes (the libraries' `format: "raw"`), and such endpoints also get the
 * old `X-Intently-Signature: t=…,v1=<hex>` header until a `whsec_` secret is saved. A secret
 * typed in now must be a `whsec_` one (see `newSecretProblem`).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { fieldRule, MAX_SECRET_BYTES, MIN_SECRET_BYTES, SECRET_PREFIX } from "./fields.ts";

export const WEBHOOK_ID_HEADER = "webhook-id";
export const WEBHOOK_TIMESTAMP_HEADER = "webhook-timestamp";
export const WEBHOOK_SIGNATURE_HEADER = "webhook-signature";
/** Secrets of the old scheme, still accepted when already stored. */
export const MIN_LEGACY_SECRET_LENGTH = 16;
/** Receivers should refuse timestamps further than this from their clock (the libraries' 5 min). */
export const SIGNATURE_TOLERANCE_S = 300;

/** Old scheme, sent only to endpoints whose secret predates `whsec_` ones. */
export const LEGACY_SIGNATURE_HEADER = "X-Intently-Signature";
export const LEGACY_IDEMPOTENCY_HEADER = "X-Intently-Idempotency-Key";

/** `whsec_` + base64 of 24–64 bytes: the webhook's field rule (./fields.ts), as the form has it. */
const STANDARD = new RegExp(fieldRule("webhook", "secret")!.pattern!);

/** A new secret: `whsec_` and 32 random bytes in base64. */
export function generateSecret(bytes = 32): string {
  return `${SECRET_PREFIX}${randomBytes(bytes).toString("base64")}`;
}

/** The decoded key of a valid `whsec_` secret, or null when it is not one. */
function standardKey(secret: string): Buffer | null {
  if (!STANDARD.test(secret)) return null;
  return Buffer.from(secret.slice(SECRET_PREFIX.length), "base64");
}

/** Why a secret typed in now cannot be used (null: it is a valid `whsec_` secret). */
export function newSecretProblem(secret: string): string | null {
  if (standardKey(secret)) return null;
  return (
    `secret must be "${SECRET_PREFIX}" followed by the base64 of ${MIN_SECRET_BYTES} to ` +
    `${MAX_SECRET_BYTES} random bytes (Standard Webhooks), e.g. ${SECRET_PREFIX}` +
    "<output of: openssl rand -base64 32>"
  );
}

export interface SigningKey {
  key: Buffer;
  /** A secret of the old scheme: the key is its UTF-8 bytes, and the old header is sent too. */
  legacy: boolean;
}

/** The HMAC key of a stored secret (a `whsec_` one, else an old one of ≥ 16 characters). */
export function signingKey(secret: string): SigningKey | null {
  const key = standardKey(secret);
  if (key) return { key, legacy: false };
  if (secret.length >= MIN_LEGACY_SECRET_LENGTH)
    return { key: Buffer.from(secret, "utf8"), legacy: true };
  return null;
}

/**
 * The message id: derived from the outbox key (stable across retries and replays) but holding
 * no "." nor anything a shopper controls, as the specification asks of ids.
 */
export function webhookId(outboxKey: string): string {
  return `msg_${createHash("sha256").update(outboxKey).digest("base64url").slice(0, 27)}`;
}

/** `v1,<base64 HMAC-SHA256(key, "<id>.<t>.<body>")>`. */
export function sign(key: Buffer, id: string, t: number, body: string): string {
  return `v1,${createHmac("sha256", key).update(`${id}.${t}.${body}`).digest("base64")}`;
}

/** The headers of one attempt (lower-case names, as the specification writes them). */
export function signedHeaders(
  secret: string,
  outboxKey: string,
  body: string,
  nowMs = Date.now(),
): Record<string, string> {
  const k = signingKey(secret);
  if (!k) throw new Error("webhook secret is not usable");
  const id = webhookId(outboxKey);
  const t = Math.floor(nowMs / 1000);
  const headers: Record<string, string> = {
    [WEBHOOK_ID_HEADER]: id,
    [WEBHOOK_TIMESTAMP_HEADER]: String(t),
    [WEBHOOK_SIGNATURE_HEADER]: sign(k.key, id, t, body),
  };
  if (k.legacy) {
    const hex = createHmac("sha256", k.key).update(`${t}.${body}`).digest("hex");
    headers[LEGACY_SIGNATURE_HEADER] = `t=${t},v1=${hex}`;
    headers[LEGACY_IDEMPOTENCY_HEADER] = outboxKey;
  }
  return headers;
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/**
 * The receiver's side (the README's recipe; the `standardwebhooks` package does the same):
 * headers present, timestamp within the tolerance, any of the space-separated `v1,` signatures
 * equal in constant time.
 */
export function verifySignature(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  nowMs = Date.now(),
  toleranceS = SIGNATURE_TOLERANCE_S,
): VerifyResult {
  const h = (name: string) => {
    const v = headers[name] ?? headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  };
  const id = h(WEBHOOK_ID_HEADER);
  const ts = h(WEBHOOK_TIMESTAMP_HEADER);
  const sigs = h(WEBHOOK_SIGNATURE_HEADER);
  if (!id || !ts || !sigs) return { ok: false, reason: "missing webhook-* headers" };
  const t = Number(ts);
  if (!/^\d+$/.test(ts)) return { ok: false, reason: "bad timestamp" };
  if (Math.abs(nowMs / 1000 - t) > toleranceS) return { ok: false, reason: "timestamp too old" };
  const k = signingKey(secret);
  if (!k) return { ok: false, reason: "unusable secret" };
  const expected = Buffer.from(sign(k.key, id, t, body));
  for (const s of sigs.split(" ")) {
    const got = Buffer.from(s);
    if (got.length === expected.length && timingSafeEqual(got, expected)) return { ok: true };
  }
  return { ok: false, reason: "signature mismatch" };
}
