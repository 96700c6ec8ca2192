/**
 * The path of a URL without query string or fragment (queries can carry PII) — the same rule
 * as the engine's landing and current page paths, so page reports and data points agree.
 */
export function pathOf(url: string): string {
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
