/**
 * SSRF guard for destinations users can point anywhere (webhook URLs, Klaviyo and GA4 base
 * URLs): only http(s), and no host that is, or resolves to, a loopback, link-local, private,
 * unspecified or otherwise non-public address — unless private destinations are allowed
 * (INTENTLY_ALLOW_PRIVATE_DESTINATIONS=1, or the server's `allowPrivateDestinations`).
 *
 * It runs when an integration is saved (`destinationRefusal`, a clear reason for a 400) and
 * again on every connection (`guardedLookup`, the address actually dialled), because DNS can
 * change between the two. URLs are read with the WHATWG parser, which already turns decimal,
 * hex and octal IPv4 forms (http://2130706433/, http://0x7f.1/) into dotted quads.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";

export const ALLOW_PRIVATE_ENV = "INTENTLY_ALLOW_PRIVATE_DESTINATIONS";

/** `explicit` when given, else the environment variable (1, true, yes or on). */
export function privateDestinationsAllowed(explicit?: boolean, env = process.env): boolean {
  return explicit ?? /^(1|true|yes|on)$/i.test(env[ALLOW_PRIVATE_ENV]?.trim() ?? "");
}

/** A connection refused by the guard (its message is the reason). */
export class DestinationRefused extends Error {
  readonly code = "EDESTINATIONREFUSED";
}

type Range = [base: number[], bits: number, kind: string];

// IPv4 ranges as [a, b, c, d] prefixes. 0/8 is "this network": 0.0.0.0 reaches the host itself.
const V4: Range[] = [
  [[0, 0, 0, 0], 8, "unspecified"],
  [[10, 0, 0, 0], 8, "private"],
  [[100, 64, 0, 0], 10, "shared (carrier-grade NAT)"],
  [[127, 0, 0, 0], 8, "loopback"],
  [[169, 254, 0, 0], 16, "link-local"],
  [[172, 16, 0, 0], 12, "private"],
  [[192, 0, 0, 0], 24, "reserved"],
  [[192, 168, 0, 0], 16, "private"],
  [[198, 18, 0, 0], 15, "reserved"],
  [[224, 0, 0, 0], 4, "multicast"],
  [[240, 0, 0, 0], 4, "reserved"],
];

// IPv6 ranges as 16-bit group prefixes (:: and ::1 and the v4-embedding ones are handled apart).
const V6: Range[] = [
  [[0xfe80], 10, "link-local"],
  [[0xfec0], 10, "private"], // deprecated site-local
  [[0xfc00], 7, "private"], // unique local
  [[0xff00], 8, "multicast"],
  [[0x0100, 0, 0, 0], 64, "reserved"], // discard-only
];

function inRange(parts: number[], width: number, [base, bits]: Range): boolean {
  for (let i = 0, left = bits; left > 0; i++, left -= width) {
    const take = Math.min(width, left);
    const shift = width - take;
    if ((parts[i] ?? 0) >> shift !== (base[i] ?? 0) >> shift) return false;
  }
  return true;
}

function v4Parts(ip: string): number[] {
  return ip.split(".").map(Number);
}

/** Eight 16-bit groups of an IPv6 address (zone and brackets dropped), or null. */
export function v6Groups(ip: string): number[] | null {
  let s = ip.replace(/^\[|\]$/g, "").split("%")[0] ?? "";
  if (isIP(s) !== 6) return null;
  const quad = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (quad) {
    const [a, b, c, d] = v4Parts(quad[2]!) as [number, number, number, number];
    s = `${quad[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = s.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - h.length - t.length).fill("0");
  const groups = [...h, ...zeros, ...t].map((g) => Number.parseInt(g, 16));
  return groups.length === 8 ? groups : null;
}

const v4Of = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/** What kind of non-public address `ip` is ("loopback", "private"…), or null when public. */
export function blockedAddress(ip: string): string | null {
  const bare = ip.replace(/^\[|\]$/g, "");
  if (isIP(bare) === 4) {
    const parts = v4Parts(bare);
    return V4.find((r) => inRange(parts, 8, r))?.[2] ?? null;
  }
  const g = v6Groups(bare);
  if (!g) return "unreadable";
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return "unspecified";
  if (zeroUpTo(7) && g[7] === 1) return "loopback";
  // Addresses carrying an IPv4 address: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d),
  // NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:AABB:CCDD::) are judged by that address.
  if ((zeroUpTo(5) && g[5] === 0xffff) || zeroUpTo(6)) return blockedAddress(v4Of(g[6]!, g[7]!));
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0))
    return blockedAddress(v4Of(g[6]!, g[7]!));
  if (g[0] === 0x2002) return blockedAddress(v4Of(g[1]!, g[2]!));
  return V6.find((r) => inRange(g, 16, r))?.[2] ?? null;
}

const HINT = `private destinations are refused unless ${ALLOW_PRIVATE_ENV}=1`;

/** The refusal of a URL that needs no DNS: scheme, IP literal, localhost. Null if none. */
export function literalRefusal(u: URL, allowPrivate?: boolean): string | null {
  if (u.protocol !== "http:" && u.protocol !== "https:") return "must be an http(s) URL";
  if (privateDestinationsAllowed(allowPrivate)) return null;
  const host = u.hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
  if (isIP(host)) {
    const kind = blockedAddress(host);
    return kind ? `points to a ${kind} address (${HINT})` : null;
  }
  // RFC 6761: localhost names are loopback whatever a resolver says.
  if (host === "localhost" || host.endsWith(".localhost"))
    return `points to a loopback address (${HINT})`;
  return null;
}

export type Resolver = (host: string) => Promise<LookupAddress[]>;

const resolveAll: Resolver = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (e, a) => (e ? reject(e) : resolve(a))),
  );

/** How long a save waits for DNS; a name that does not resolve in time is checked at send. */
const SAVE_LOOKUP_MS = 5000;

/**
 * Why `url` may not be a destination, or null. Host names are resolved: every address must be
 * public. A name that does not resolve (yet) passes here; each connection checks it again.
 */
export async function destinationRefusal(
  url: string,
  opts: { allowPrivate?: boolean; resolve?: Resolver } = {},
): Promise<string | null> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "is not a URL";
  }
  const early = literalRefusal(u, opts.allowPrivate);
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (early || privateDestinationsAllowed(opts.allowPrivate) || isIP(host)) return early;
  let addresses: LookupAddress[];
  try {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("DNS timeout")), SAVE_LOOKUP_MS);
    });
    addresses = await Promise.race([(opts.resolve ?? resolveAll)(host), timeout]).finally(() =>
      clearTimeout(timer),
    );
  } catch {
    return null;
  }
  for (const a of addresses) {
    const kind = blockedAddress(a.address);
    if (kind) return `resolves to a ${kind} address (${HINT})`;
  }
  return null;
}

type LookupCallback = (
  err: Error | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for sockets (net.connect, http agents) that resolves every address of the name
 * and fails with DestinationRefused when any is not public: the address checked is the one
 * dialled, so a DNS answer changed after the save cannot reach an internal host.
 */
export function guardedLookup(
  hostname: string,
  options: { all?: boolean; family?: number | string } | number,
  callback: LookupCallback,
): void {
  const family = typeof options === "number" ? options : Number(options.family ?? 0) || 0;
  const all = typeof options === "object" && options.all === true;
  dnsLookup(hostname, { all: true, family, verbatim: true }, (err, addresses) => {
    if (err) return callback(err, []);
    for (const a of addresses) {
      const kind = blockedAddress(a.address);
      if (kind)
        return callback(
          new DestinationRefused(`${hostname} resolves to a ${kind} address (${HINT})`),
          [],
        );
    }
    const first = addresses[0];
    if (!first) return callback(new Error(`${hostname}: no address`), []);
    if (all) callback(null, addresses);
    else callback(null, first.address, first.family);
  });
}
