/**
 * Parsers for configuration values: each takes the raw text and answers the value, or throws
 * a BadValue whose message completes "<setting> must be …" (no stack trace reaches the user).
 */
import { isIP } from "node:net";

/** A value that does not parse; `message` says what was expected and what was given. */
export class BadValue extends Error {}

/** Node's timers hold at most 2^31 − 1 ms (~24.8 days); longer delays fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

const shown = (raw: string) => JSON.stringify(raw.length > 80 ? `${raw.slice(0, 80)}…` : raw);

export function parseNumber(
  raw: string,
  o: { min: number; max?: number; integer?: boolean; unit?: string },
): number {
  const text = raw.trim().replace(/_/g, "");
  const n = text === "" ? Number.NaN : Number(text);
  const what = `${o.integer ? "a whole number" : "a number"}${o.unit ? ` of ${o.unit}` : ""}`;
  const range = o.max === undefined ? `≥ ${o.min}` : `between ${o.min} and ${o.max}`;
  if (!Number.isFinite(n) || (o.integer && !Number.isInteger(n)))
    throw new BadValue(`be ${what} (${range}), got ${shown(raw)}`);
  if (n < o.min || (o.max !== undefined && n > o.max))
    throw new BadValue(`be ${range}, got ${shown(raw)}`);
  return n;
}

const TRUE = /^(1|true|yes|on)$/i;
const FALSE = /^(0|false|no|off)$/i;

export function parseBoolean(raw: string): boolean {
  const t = raw.trim();
  if (TRUE.test(t)) return true;
  if (FALSE.test(t)) return false;
  throw new BadValue(`be true or false (1/0, yes/no, on/off), got ${shown(raw)}`);
}

export function parseOneOf<T extends string>(raw: string, values: readonly T[]): T {
  const t = raw.trim().toLowerCase();
  const v = values.find((x) => x === t);
  if (!v) throw new BadValue(`be one of ${values.join(", ")}; got ${shown(raw)}`);
  return v;
}

/**
 * The public base URL: absolute http(s), no credentials, query, fragment or path (the
 * dashboard, API and tag are served from the root of the host). Answers it without a
 * trailing slash.
 */
export function parsePublicUrl(raw: string): string {
  const t = raw.trim();
  let u: URL;
  try {
    u = new URL(t);
  } catch {
    throw new BadValue(
      `be an absolute URL such as https://analytics.example.com, got ${shown(raw)}`,
    );
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    throw new BadValue(`be an http:// or https:// URL, got ${shown(raw)}`);
  if (u.username || u.password) throw new BadValue("not carry a user name or password");
  if (u.search || t.includes("?")) throw new BadValue(`have no query string, got ${shown(raw)}`);
  if (u.hash || t.includes("#")) throw new BadValue(`have no fragment, got ${shown(raw)}`);
  if (u.pathname !== "/")
    throw new BadValue(
      `have no path (Intently is served from the root of its host), got ${shown(raw)}`,
    );
  return `${u.protocol}//${u.host}`;
}

/** Names proxy-addr (Fastify's trustProxy) knows for address ranges. */
export const PROXY_RANGE_NAMES = ["loopback", "linklocal", "uniquelocal"] as const;

/** One trusted proxy: an IP address, a CIDR block (10.0.0.0/8, fd00::/8) or a range name. */
function proxyEntry(entry: string): string {
  if ((PROXY_RANGE_NAMES as readonly string[]).includes(entry.toLowerCase()))
    return entry.toLowerCase();
  const [addr = "", bits, extra] = entry.split("/");
  const family = isIP(addr);
  if (family === 0 || extra !== undefined)
    throw new BadValue(
      `list IP addresses, CIDR blocks or ${PROXY_RANGE_NAMES.join("/")}, separated by commas; "${entry}" is none of them`,
    );
  if (bits !== undefined) {
    const max = family === 4 ? 32 : 128;
    if (!/^\d{1,3}$/.test(bits) || Number(bits) > max)
      throw new BadValue(`have a prefix length 0–${max} in "${entry}"`);
  }
  return entry;
}

/** A comma-separated list of trusted proxies; empty: none (X-Forwarded-For is ignored). */
export function parseProxyList(raw: string): string[] {
  const entries = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return entries.map(proxyEntry);
}

/** Host names and IP addresses to listen on. */
export function parseHost(raw: string): string {
  const t = raw.trim();
  if (
    isIP(t) ||
    /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(t)
  )
    return t;
  throw new BadValue(`be an IP address or a host name, got ${shown(raw)}`);
}

/** A plain address check (one @, a dot in the domain, no spaces): enough to catch typos. */
export function parseEmail(raw: string): string {
  const t = raw.trim();
  if (t.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(t)) return t;
  throw new BadValue(`be an email address, got ${shown(raw)}`);
}

/** Milliseconds from a number in `unitMs` units, clamped to what a Node timer can hold. */
export function timerMs(n: number, unitMs: number): { ms: number; clamped: boolean } {
  const ms = Math.round(n * unitMs);
  return ms > MAX_TIMER_MS ? { ms: MAX_TIMER_MS, clamped: true } : { ms, clamped: false };
}
