import { intern } from "./intern.ts";

/** FNV-1a 32-bit: a cheap, allocation-free string hash for page identity and duplicate checks. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The path of a URL without query string or fragment (queries can carry PII): one shared
 * string per path (intern.ts), not a slice that keeps the URL alive.
 */
export function pathOf(url: string): string {
  return intern(rawPathOf(url));
}

function rawPathOf(url: string): string {
  let end = url.length;
  const q = url.indexOf("?");
  if (q >= 0) end = q;
  const h = url.indexOf("#");
  if (h >= 0 && h < end) end = h;
  const scheme = url.indexOf("://");
  if (scheme > 0 && scheme < end) {
    const slash = url.indexOf("/", scheme + 3);
    return slash >= 0 && slash < end ? url.slice(slash, end) : "/";
  }
  return url.slice(0, end) || "/";
}
