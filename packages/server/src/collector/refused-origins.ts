/**
 * Origins the collector refused (403 "origin not allowed"), per site, in memory: so the Tag panel
 * can say why a new shop's events are not counted and offer to allow the origin. Bounded (the
 * last `MAX_PER_SITE` distinct origins per site, `MAX_SITES` sites) and holding only the origin,
 * a count and the last time: no page URL and nothing about the visitor. Lost at a restart.
 */
import { parseOrigin } from "./origins.ts";

export interface RefusedOrigin {
  origin: string;
  count: number;
  lastAt: number;
}

export const MAX_PER_SITE = 20;
const MAX_SITES = 10_000;

export class RefusedOrigins {
  /** site → origin → entry; Map order is recency (an entry is re-inserted when seen again). */
  private readonly bySite = new Map<string, Map<string, RefusedOrigin>>();

  record(site: string, origin: string, at: number): void {
    // Only well-formed http(s) origins, normalised (what the site's allowedOrigins accepts).
    const o = parseOrigin(origin);
    if (!o) return;
    const key = `${o.scheme}//${o.host}${o.port ? `:${o.port}` : ""}`;
    let m = this.bySite.get(site);
    if (!m) {
      if (this.bySite.size >= MAX_SITES) {
        const oldest = this.bySite.keys().next();
        if (!oldest.done) this.bySite.delete(oldest.value);
      }
      m = new Map();
      this.bySite.set(site, m);
    }
    const cur = m.get(key);
    m.delete(key);
    m.set(key, { origin: key, count: (cur?.count ?? 0) + 1, lastAt: at });
    if (m.size > MAX_PER_SITE) m.delete(m.keys().next().value as string);
  }

  /** The site's refused origins, most recent first. */
  list(site: string): RefusedOrigin[] {
    const m = this.bySite.get(site);
    return m ? [...m.values()].reverse().map((r) => ({ ...r })) : [];
  }

  forget(site: string): void {
    this.bySite.delete(site);
  }
}

/** One record per application (keyed by its context object, shared by the collector and API). */
const records = new WeakMap<object, RefusedOrigins>();

export function refusedOrigins(owner: object): RefusedOrigins {
  let r = records.get(owner);
  if (!r) {
    r = new RefusedOrigins();
    records.set(owner, r);
  }
  return r;
}
