/**
 * URL scrubbing (SPEC §2): values of sensitive or token-like parameters and anything that looks
 * like an e-mail address are replaced, credentials removed; UTM and click ids are kept for
 * traffic-source classification.
 */
export const SENSITIVE_PARAM =
  /mail|token|pass|pwd|secret|auth|sess|sid$|key$|code|sig$|signature|otp|pin$|ssn|phone|card|iban|name$|addr|zip/i;
/** An e-mail address, also percent-encoded (`%40`). */
export const EMAIL = /[^\s@/?&=#:]+(?:@|%40)[^\s@/?&=#]+\.[a-z]{2,}/gi;
export const REDACTED = "redacted";
const MAX_URL = 2048;

function clean(q: URLSearchParams): string {
  for (const [k, v] of [...q]) {
    if (SENSITIVE_PARAM.test(k) || v.match(EMAIL)) q.set(k, REDACTED);
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
    return u.href.replace(EMAIL, REDACTED).slice(0, MAX_URL);
  } catch {
    return "";
  }
}
