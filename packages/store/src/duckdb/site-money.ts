/**
 * Each site's currency and conversion rates, kept in memory for the order ledger (../orders.ts,
 * engine context/money.ts), which runs synchronously on the event path. Loaded from the sites table when the
 * store opens; the configuration store keeps it current. Sites without a row (tests writing raw
 * rows) count amounts as sent.
 */
import { type SiteMoney, siteMoneyOf } from "@intently/engine";

export class SiteMoneyMap {
  private readonly sites = new Map<string, SiteMoney>();

  /** `db` runs on the configuration connection (Db.config; only its shape, so no circle). */
  async load(db: { config(sql: string): Promise<Record<string, unknown>[]> }): Promise<void> {
    const rows = await db.config("SELECT id, settings FROM sites");
    this.sites.clear();
    for (const r of rows) this.set(String(r.id), JSON.parse(String(r.settings)));
  }

  get(site: string): SiteMoney | undefined {
    return this.sites.get(site);
  }

  set(site: string, settings: { currency?: unknown; currencyRates?: unknown }): void {
    const money = siteMoneyOf(settings);
    if (money) this.sites.set(site, money);
    else this.sites.delete(site);
  }

  delete(site: string): void {
    this.sites.delete(site);
  }
}
