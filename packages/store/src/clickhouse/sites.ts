/**
 * What the ClickHouse store needs of each site's configuration (kept in another database,
 * PostgreSQL): its time zone, for the local days of reports, exports and page-view rollups.
 * Reports ask the configuration port at each query, so they follow a changed zone at once; the
 * synchronous reader (the recorder's `localDay`) uses the copy kept here, refreshed by every such
 * read, by every site change made through this store, and every `refreshMs` in the background.
 * Sites without configuration are UTC (as in the DuckDB store). Site money is not kept here: the
 * engine host gives the order ledger its book (orders.useMoney).
 */
import type { ConfigStore, Site } from "../config.ts";
import { UTC, type ZoneDays, zoneDays } from "../local-days.ts";

export class SiteCache {
  private readonly zones = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly config: ConfigStore) {}

  /** Loads every site, then keeps the copy current every `refreshMs` (0: never). */
  async start(refreshMs: number): Promise<void> {
    await this.loadAll();
    if (refreshMs > 0) {
      this.timer = setInterval(() => void this.loadAll().catch(() => {}), refreshMs);
      this.timer.unref();
    }
  }

  /**
   * The configuration port as callers see it through this store: sites created, changed or
   * deleted through it update the copy at once (others' changes arrive with the refresh).
   */
  watch(config: ConfigStore): ConfigStore {
    const keep = (s: Site | null) => {
      if (s) this.keep(s.id, s);
      return s;
    };
    return new Proxy(config, {
      get: (target, prop) => {
        const v: unknown = Reflect.get(target, prop, target);
        if (typeof v !== "function") return v;
        const f = v as (...a: unknown[]) => Promise<unknown>;
        if (prop === "createSite" || prop === "updateSite")
          return async (...a: unknown[]) => keep((await f.apply(target, a)) as Site | null);
        if (prop === "deleteSite")
          return async (id: string) => {
            const ok = await f.call(target, id);
            this.forget(id);
            return ok;
          };
        return f.bind(target);
      },
    });
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async loadAll(): Promise<void> {
    const sites = await this.config.listSites();
    const ids = new Set(sites.map((s) => s.id));
    for (const id of [...this.zones.keys()]) if (!ids.has(id)) this.forget(id);
    for (const s of sites) this.keep(s.id, s);
  }

  private keep(id: string, s: Site | null): void {
    if (s === null) {
      this.forget(id);
      return;
    }
    const zone = s.settings.timeZone ?? UTC;
    if (zone === UTC) this.zones.delete(id);
    else this.zones.set(id, zone);
  }

  private forget(id: string): void {
    this.zones.delete(id);
  }

  /** The site's local days, read from the configuration now (and kept). */
  async days(site: string): Promise<ZoneDays> {
    this.keep(site, await this.config.getSite(site));
    return this.daysNow(site);
  }

  /** The site's local days from the kept copy (synchronous). */
  daysNow(site: string): ZoneDays {
    return zoneDays(this.zones.get(site) ?? UTC);
  }
}
