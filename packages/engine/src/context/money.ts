/**
 * Amounts in the site's currency (issue 19). An order in another currency is converted with the
 * site's configured rate (`currencyRates`, site units per 1 unit of that currency); without a rate
 * it is kept apart: its amount and currency are stored, and it adds nothing to revenue. Unlike
 * currencies are never summed: not by the engine (a live session's revenue data point), nor by
 * the store's order ledger, which both read this one rule and one book of settings
 * (`SiteMoneyBook`, held by the server's engine host).
 */

/** What the ledger needs of a site's settings. */
export interface SiteMoney {
  currency: string;
  rates?: Record<string, number>;
}

/** At most this many rates per site (the API refuses more). */
export const MAX_CURRENCY_RATES = 50;

/** An order's value as the site counts it. */
export interface SiteAmount {
  /** In the site's currency: converted, or 0 when kept apart. */
  value: number;
  /** The order's own currency when it is not the site's; null otherwise. */
  currency: string | null;
  /** The amount in that currency (null when it is the site's). */
  amount: number | null;
  /** True when no rate was set: the amount is kept apart. */
  apart: boolean;
}

const CODE = /^[A-Z]{3}$/;

/**
 * `value` written in `currency` (an event's, as sent) in site units. No currency, the site's own,
 * an unknown site or a code that is not three letters: the value as it is (nothing to convert).
 */
export function siteAmount(
  value: number,
  currency: string | undefined,
  money: SiteMoney | undefined,
): SiteAmount {
  const code = currency?.trim().toUpperCase();
  if (!money || !code || !CODE.test(code) || code === money.currency)
    return { value, currency: null, amount: null, apart: false };
  const rate = money.rates?.[code];
  if (rate !== undefined && Number.isFinite(rate) && rate > 0)
    return {
      value: Math.round(value * rate * 100) / 100,
      currency: code,
      amount: value,
      apart: false,
    };
  return { value: 0, currency: code, amount: value, apart: true };
}

/** A site's money settings from its stored settings (undefined: no currency set, amounts as sent). */
export function siteMoneyOf(settings: {
  currency?: unknown;
  currencyRates?: unknown;
}): SiteMoney | undefined {
  if (typeof settings.currency !== "string") return undefined;
  const rates =
    settings.currencyRates && typeof settings.currencyRates === "object"
      ? (settings.currencyRates as Record<string, number>)
      : {};
  return { currency: settings.currency, rates };
}

/**
 * Every site's money settings, in one place: the host that reads site settings keeps it (set at
 * start and on every site change) and gives the same book to the engine and to the store's order
 * ledger, so both see a change at once. A site not in the book counts amounts as sent.
 */
export class SiteMoneyBook {
  private readonly sites = new Map<string, SiteMoney>();

  get(site: string): SiteMoney | undefined {
    return this.sites.get(site);
  }

  /** A site's money (undefined: none set, or the site is gone). */
  set(site: string, money: SiteMoney | undefined): void {
    if (money) this.sites.set(site, money);
    else this.sites.delete(site);
  }
}
