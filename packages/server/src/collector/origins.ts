/**
 * Per-site allowed origins (CORS). Entries of `Site.allowedOrigins`:
 * - an exact origin: `https://shop.example` (default ports may be written or not);
 * - wildcard subdomains: `https://*.example.com` (any depth, not the apex itself);
 * - any port: `http://localhost:*`;
 * - `loopback`: http(s) on localhost, *.localhost, 127.0.0.0/8 and [::1], any port (the demo);
 * - `*`: any origin.
 * An empty list allows no browser origin. Requests without an Origin header (servers, tools)
 * are not subject to CORS and are let through by the caller.
 */

export type OriginMatcher = (origin: string) => boolean;

export const ANY_ORIGIN = "*";
export const LOOPBACK_ORIGINS = "loopback";

interface Pattern {
  scheme: string;
  host: string;
  /** Subdomains of `host` (not `host` itself). */
  sub: boolean;
  /** "" = the scheme's default port, "*" = any. */
  port: string;
}

const DEFAULT_PORT: Record<string, string> = { "http:": "80", "https:": "443" };
const PATTERN_RE = /^(https?:)\/\/(\*\.)?(\[[0-9a-f:.]+\]|[^/:[\]]+)(?::(\d{1,5}|\*))?\/?$/i;

function parsePattern(p: string): Pattern | null {
  const m = PATTERN_RE.exec(p.trim());
  if (!m) return null;
  const scheme = m[1]!.toLowerCase();
  let port = m[4] ?? "";
  if (port === DEFAULT_PORT[scheme]) port = "";
  return { scheme, host: m[3]!.toLowerCase(), sub: m[2] !== undefined, port };
}

interface ParsedOrigin {
  scheme: string;
  host: string;
  port: string;
}

export function parseOrigin(origin: string): ParsedOrigin | null {
  if (origin.length > 300) return null;
  try {
    const u = new URL(origin);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    return { scheme: u.protocol, host: u.hostname, port: u.port };
  } catch {
    return null; // "null" (sandboxed pages, file:) and anything malformed
  }
}

export function isLoopbackHost(host: string): boolean {
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

function matches(p: Pattern, o: ParsedOrigin): boolean {
  if (p.scheme !== o.scheme) return false;
  if (p.port !== "*" && p.port !== o.port) return false;
  return p.sub ? o.host.endsWith(`.${p.host}`) : o.host === p.host;
}

/** A matcher for a site's allowed origins; `loopback` adds the loopback origins. */
export function compileOrigins(entries: readonly string[], loopback = false): OriginMatcher {
  const patterns: Pattern[] = [];
  let any = false;
  for (const e of entries) {
    if (e === ANY_ORIGIN) any = true;
    else if (e === LOOPBACK_ORIGINS) loopback = true;
    else {
      const p = parsePattern(e);
      if (p) patterns.push(p);
    }
  }
  if (any) return () => true;
  return (origin) => {
    const o = parseOrigin(origin);
    if (!o) return false;
    if (loopback && isLoopbackHost(o.host)) return true;
    for (const p of patterns) if (matches(p, o)) return true;
    return false;
  };
}
