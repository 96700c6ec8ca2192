/**
 * URL scrubbing (SPEC §2): values of sensitive or token-like parameters and anything that looks
 * like an e-mail address are replaced, credentials removed; UTM and click ids are kept for
 * traffic-source classification.
 */
export const SENSITIVE_PARAM =
  /mail|token|pass|pwd|secret|auth|sess|sid$|key$|code|sig$|signature|otp|pin$|ssn|phone|card|iban|name$|addr|zip/i;
/**
 * An e-mail address, also percent-encoded (`%40`). The quantifiers are bounded by what an
 * address can hold (RFC 5321: local part ≤ 64, domain ≤ 255; a little more for encodings), so
 * the work per start position is bounded and a long URL costs linear time, not quadratic.
 */
export const EMAIL = /[^\s@/?&=#:]{1,128}(?:@|%40)[^\s@/?&=#]{1,255}\.[a-z]{2,63}/gi;
export const REDACTED = "redacted";
const MAX_URL = 2048;
/** Text past this is cut before any pattern runs (an address straddling MAX_URL still fits). */
const MAX_SCAN = MAX_URL + 512;

function clean(q: URLSearchParams): string {
  for (const [k, v] of [...q]) {
    if (SENSITIVE_PARAM.test(k) || v.slice(0, MAX_SCAN).match(EMAIL)) q.set(k, REDACTED);
  }
  return q.toString();
}

export function scrub(href: string): string {
  if (!href) return "";
  try {
    const u = new URL(href, location.href);
    u.username = u.password = "";
    u.search = clean(u.searchParams);
    if (u.hash.includes("=")) u.hash = clean(new URLSearchParams(u.hash.slice(1)));
    return u.href.slice(0, MAX_SCAN).replace(EMAIL, REDACTED).slice(0, MAX_URL);
  } catch {
    return "";
  }
}
