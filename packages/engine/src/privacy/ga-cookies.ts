/**
 * Google Analytics' own first-party cookies, which the GA4 connector needs to join a session
 * to the visitor and visit GA measured (Measurement Protocol `client_id` and `session_id`):
 * - `_ga`: "GA1.<n>.<random>.<first visit, s>"; the client id is its last two fields.
 * - `_ga_<container>` (the measurement id without "G-"): "GS1.1.<session id>.<n>.…" (older
 *   tags) or "GS2.1.s<session id>$o<n>$…" (current ones); the session id is the session's
 *   start in Unix seconds.
 * The tag's lazy bundle sends them as `set` properties, normalised: `ga_client_id` =
 * "<random>.<timestamp>" and `_ga_<container>` = "<session id>". They are pseudonymous ids like
 * the visitor and session ids, so the scrubber keeps a value of exactly these forms (a bare
 * 10-digit number would otherwise be masked as a phone number).
 */

export const GA_CLIENT_PROP = "ga_client_id";
/** A `set` property named after a GA session cookie: `_ga_<container id>`. */
export const GA_SESSION_PROP = /^_ga_[A-Z0-9]{1,20}$/;

/** The client id of a `_ga` value ("GA1.1.123.456" or "123.456"), or null. */
export function gaClientIdOf(value: unknown): string | null {
  if (typeof value !== "string" && typeof value !== "number") return null;
  const v = String(value).trim();
  const cookie = /^GA\d+\.\d+\.(\d{1,20}\.\d{1,20})$/.exec(v);
  if (cookie) return cookie[1]!;
  return /^\d{1,20}\.\d{1,20}$/.test(v) ? v : null;
}

/** The session id of a `_ga_<container>` value (GS1, GS2 or the bare id), or null. */
export function gaSessionIdOf(value: unknown): string | null {
  if (typeof value !== "string" && typeof value !== "number") return null;
  const v = String(value).trim();
  const gs1 = /^GS1\.\d+\.(\d{1,20})(?:\.|$)/.exec(v);
  if (gs1) return gs1[1]!;
  const gs2 = /^GS2\.\d+\.s(\d{1,20})(?:\$|$)/.exec(v);
  if (gs2) return gs2[1]!;
  return /^\d{1,20}$/.test(v) ? v : null;
}

/** Whether a `set` property is a GA cookie id in one of the forms above (kept as it is). */
export function isGaCookieProp(name: string, value: string): boolean {
  if (name === GA_CLIENT_PROP || name === "_ga") return gaClientIdOf(value) !== null;
  if (GA_SESSION_PROP.test(name)) return gaSessionIdOf(value) !== null;
  return false;
}
