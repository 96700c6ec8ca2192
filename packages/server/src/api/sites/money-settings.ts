/**
 * The site's currency, conversion rates and locale, checked beyond their schema (issue 19): codes
 * are ISO 4217 currencies that Intl knows, a rate is never for the site's own currency, and the
 * locale is one Intl accepts (stored by its canonical name).
 */
import type { SiteSettings } from "@intently/store";
import { badRequest } from "../errors.ts";

let known: Set<string> | null = null;
/** ISO 4217 codes (Intl's list, which follows ICU's). */
function isoCurrency(code: string): boolean {
  known ??= new Set(Intl.supportedValuesOf("currency"));
  return known.has(code);
}

const issue = (field: string, message: string) =>
  badRequest(message, [{ path: `/body/settings/${field}`, message }]);

/** Checks `out` (the settings to store over `cur`) in place; throws a 400 naming the field. */
export function checkMoneySettings(cur: SiteSettings | null, out: Partial<SiteSettings>): void {
  if (out.currency !== undefined && !isoCurrency(out.currency))
    throw issue("currency", `"${out.currency}" is not an ISO 4217 currency code`);
  const currency = out.currency ?? cur?.currency;
  const rates = out.currencyRates ?? (out.currency !== undefined ? cur?.currencyRates : undefined);
  for (const [code, rate] of Object.entries(rates ?? {})) {
    if (!/^[A-Z]{3}$/.test(code) || !isoCurrency(code))
      throw issue(`currencyRates/${code}`, `"${code}" is not an ISO 4217 currency code`);
    if (code === currency)
      throw issue(`currencyRates/${code}`, `${code} is the site's own currency: it needs no rate`);
    if (typeof rate !== "number" || !Number.isFinite(rate) || rate <= 0)
      throw issue(`currencyRates/${code}`, "a rate is a finite number above 0");
  }
  if (out.locale) {
    let canonical: string | undefined;
    try {
      canonical = Intl.getCanonicalLocales(out.locale)[0];
    } catch {}
    if (!canonical) throw issue("locale", `"${out.locale}" is not a BCP 47 locale`);
    out.locale = canonical;
  }
}
