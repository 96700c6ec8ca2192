/**
 * URL scrubbing in the browser (docs/product/tag.md#capture): values of sensitive parameters and
 * anything that looks like an e-mail address are replaced, credentials removed; UTM and click ids
 * are kept for traffic-source classification. The rules are the shared ones
 * (@intently/engine/privacy/rules.ts); the server applies the full set (phones, cards, tokens, hash
 * routes) to every batch whatever sent it.
 */
import { EMAIL, PARAM_CORE, REDACTED } from "@intently/engine/privacy/rules";

/**
 * URLs are cut to 2048 characters (the wire's limit); text past 2560 is cut before any pattern
 * runs (an address straddling 2048 still fits). Literals: esbuild inlines no const of a module
 * that imports, and the core's budget counts bytes.
 */

function clean(q: URLSearchParams): string {
  for (const [k, v] of [...q]) {
    if (PARAM_CORE.test(k) || v.slice(0, 2560).match(EMAIL)) q.set(k, REDACTED);
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
    return u.href.slice(0, 2560).replace(EMAIL, REDACTED).slice(0, 2048);
  } catch {
    return "";
  }
}
