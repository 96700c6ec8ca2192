/**
 * Sites by public key, cached (a DuckDB query per request would cost more than the request),
 * with concurrent lookups of one key shared and unknown keys cached briefly and boundedly.
 */
import type { ConfigStore, Site } from "@intently/store";
import { compileOrigins, type OriginMatcher } from "./origins.ts";

export interface KnownSite {
  site: Site;
  allows: OriginMatcher;
}

interface Cached {
  value: KnownSite | null;
  until: number;
}

const MAX_CACHED = 10_000;

/** Directories by the config store they read, so a site's change can drop their cached copy. */
const directories = new WeakMap<ConfigStore, Set<SiteDirectory>>();

/**
 * A site's allowed origins or settings changed: every collector reading `config` forgets its
 * cached copy, so the change applies to the next batch rather than after the cache's TTL.
 */
export function forgetSite(config: ConfigStore, publicKey: string): void {
  for (const d of directories.get(config) ?? []) d.forget(publicKey);
}

/**
 * Whether a site accepts loopback origins besides its list: the `loopback` entry in
 * allowedOrigins, or an `allowLoopback` / `allowLoopbackOrigins` setting where the settings
 * carry one (the demo site).
 */
export function allowsLoopback(site: Site): boolean {
  const s = site.settings as unknown as Record<string, unknown>;
  return s.allowLoopback === true || s.allowLoopbackOrigins === true;
}

export class SiteDirectory {
  private readonly cache = new Map<string, Cached>();
  private readonly pending = new Map<string, Promise<KnownSite | null>>();
  private all: { sites: KnownSite[]; until: number } | null = null;

  constructor(
    private readonly config: ConfigStore,
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {
    const set = directories.get(config) ?? new Set();
    directories.set(config, set.add(this));
  }

  /** Drops the cached copy of a site (and the list used for preflights). */
  forget(publicKey: string): void {
    this.cache.delete(publicKey);
    this.all = null;
  }

  /** The site with this public key, or null. */
  byKey(publicKey: string): KnownSite | null | Promise<KnownSite | null> {
    const now = this.clock();
    const hit = this.cache.get(publicKey);
    if (hit && hit.until > now) return hit.value;
    let p = this.pending.get(publicKey);
    if (!p) {
      p = this.load(publicKey).finally(() => this.pending.delete(publicKey));
      this.pending.set(publicKey, p);
    }
    return p;
  }

  /** Whether any site allows this origin (for preflights, which carry no site key). */
  async anyAllows(origin: string): Promise<boolean> {
    const now = this.clock();
    if (!this.all || this.all.until <= now) {
      const sites = await this.config.listSites();
      this.all = { sites: sites.map(known), until: now + this.ttlMs };
    }
    return this.all.sites.some((k) => k.allows(origin));
  }

  private async load(publicKey: string): Promise<KnownSite | null> {
    const site = await this.config.getSiteByPublicKey(publicKey);
    const value = site ? known(site) : null;
    if (this.cache.size >= MAX_CACHED) {
      const first = this.cache.keys().next();
      if (!first.done) this.cache.delete(first.value);
    }
    // Unknown keys are retried sooner, so a site created a moment ago is found quickly.
    const ttl = value ? this.ttlMs : Math.ceil(this.ttlMs / 5);
    this.cache.set(publicKey, { value, until: this.clock() + ttl });
    return value;
  }
}

function known(site: Site): KnownSite {
  return { site, allows: compileOrigins(site.allowedOrigins, allowsLoopback(site)) };
}
