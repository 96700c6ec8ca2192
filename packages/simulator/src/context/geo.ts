/** Where shoppers are: country, language and time zone, weighted for a UK-based shop. */
import type { Random } from "../random.ts";

export interface Geo {
  country: string;
  lang: string;
  tz: string;
}

/** [weight, country, lang, time zones]. */
const COUNTRIES: readonly [number, string, string, readonly string[]][] = [
  [45, "GB", "en-GB", ["Europe/London"]],
  [18, "US", "en-US", ["America/New_York", "America/Chicago", "America/Los_Angeles"]],
  [9, "DE", "de-DE", ["Europe/Berlin"]],
  [7, "FR", "fr-FR", ["Europe/Paris"]],
  [5, "NL", "nl-NL", ["Europe/Amsterdam"]],
  [5, "ES", "es-ES", ["Europe/Madrid"]],
  [5, "IE", "en-IE", ["Europe/Dublin"]],
  [3, "AU", "en-AU", ["Australia/Sydney", "Australia/Melbourne"]],
  [3, "CA", "en-CA", ["America/Toronto"]],
];

const TOTAL = COUNTRIES.reduce((s, c) => s + c[0], 0);

export function pickGeo(rng: Random): Geo {
  let r = rng.next() * TOTAL;
  for (const [w, country, lang, tzs] of COUNTRIES) {
    if (r < w) return { country, lang, tz: rng.pick(tzs) };
    r -= w;
  }
  return { country: "GB", lang: "en-GB", tz: "Europe/London" };
}
