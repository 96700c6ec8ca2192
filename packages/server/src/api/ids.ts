/** Random identifiers and secrets, SHA-256 and constant-time comparison. */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** `prefix` + 2 × bytes hex characters. */
export const randomId = (prefix: string, bytes = 8): string =>
  `${prefix}${randomBytes(bytes).toString("hex")}`;

/** An unguessable secret (256 bits by default), URL- and cookie-safe. */
export const secret = (bytes = 32): string => randomBytes(bytes).toString("base64url");

export const sha256 = (s: string): string => createHash("sha256").update(s).digest("hex");

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A lowercase slug of a name (for readable ids), at most `max` characters, maybe empty. */
export function slug(name: string, max = 40): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/, "");
}
