/**
 * Credentials inside a destination URL — its userinfo (`user:password@`) and the values of query
 * parameters whose name looks like a credential (`token`, `key`, `secret`, `sig`…) — are
 * write-only like the secret fields: shown as `***`, and a masked URL sent back on an edit
 * means "keep the stored one".
 */

export const MASK = "***";

/** Query parameter names taken for credentials (substring, any case). */
const SENSITIVE_PARAM = /token|key|secret|sig|pass|pwd|auth|cred|session|jwt|hmac/i;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The credentials a URL carries (userinfo parts, sensitive parameter values), decoded. */
export function urlCredentials(url: string): string[] {
  const u = parse(url);
  if (!u) return [];
  const out = [u.username, u.password].map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  for (const [k, v] of u.searchParams) if (SENSITIVE_PARAM.test(k)) out.push(v);
  return out.filter((s) => s !== "" && s !== MASK);
}

/** The URL with its credentials replaced by `***`; unchanged when it has none (or is no URL). */
export function maskUrl(url: string): string {
  const u = parse(url);
  if (!u) return url;
  const userinfo = u.username !== "" || u.password !== "";
  const keys = [...new Set(u.searchParams.keys())].filter((k) => SENSITIVE_PARAM.test(k));
  if (!userinfo && keys.length === 0) return url;
  for (const k of keys) u.searchParams.set(k, MASK);
  return `${u.protocol}//${userinfo ? `${MASK}@` : ""}${u.host}${u.pathname}${u.search}${u.hash}`;
}

/** Whether the URL carries `***` as a credential (a masked URL, not a usable one). */
export function hasMaskedCredentials(url: string): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.username === MASK || u.password === MASK) return true;
  return [...u.searchParams].some(([k, v]) => v === MASK && SENSITIVE_PARAM.test(k));
}

const norm = (v: string) => v.trim().replace(/\/+$/, "");

/**
 * `sent`, or `stored` when `sent` is the masked form of `stored` (an edit that sent back what it
 * was shown). The masked form of another URL stays as sent, so it cannot carry the stored
 * credentials to a new host.
 */
export function unmaskUrl(sent: unknown, stored: unknown): unknown {
  if (typeof sent !== "string" || typeof stored !== "string") return sent;
  const masked = maskUrl(stored);
  return masked !== stored && norm(sent) === norm(masked) ? stored : sent;
}
