/**
 * Each site's time zone, kept in memory so that rollups (computed synchronously at write time)
 * and report queries bucket by the site's local days. Loaded from the sites table when the
 * store opens; the configuration store keeps it current. Sites without a row (tests writing
 * raw rows) are UTC.
 */
import { UTC, type ZoneDays, zoneDays } from "../local-days.ts";

/** What a rollup needs: the local day of an instant at a site. */
export interface SiteDays {
  dayOf(site: string, t: number): number;
}

export class SiteZones implements SiteDays {
  private readonly zones = new Map<string, string>();
  /**
   * Called (and awaited) by the configuration store after a site's zone changed in the sites
   * table: the store re-buckets the site's rollups and sets the zone (rezone.ts). When it
   * throws, the configuration store puts the old zone back.
   */
  onChange: ((site: string, from: string, to: string) => Promise<void>) | null = null;

  /** `db` runs on the configuration connection (Db.config; only its shape, so no circle). */
  async load(db: { config(sql: string): Promise<Record<string, unknown>[]> }): Promise<void> {
    const rows = await db.config("SELECT id, settings FROM sites");
    this.zones.clear();
    for (const r of rows) {
      const tz = (JSON.parse(String(r.settings)) as { timeZone?: unknown }).timeZone;
      if (typeof tz === "string" && tz !== UTC) this.zones.set(String(r.id), tz);
    }
  }

  zone(site: string): string {
    return this.zones.get(site) ?? UTC;
  }

  days(site: string): ZoneDays {
    return zoneDays(this.zone(site));
  }

  dayOf(site: string, t: number): number {
    return this.days(site).dayOf(t);
  }

  set(site: string, zone: string): void {
    if (zone === UTC) this.zones.delete(site);
    else this.zones.set(site, zone);
  }
}
