/**
 * Bots: search-engine and SEO crawlers with user agents the isbot list knows, headless browsers
 * that report navigator.webdriver, scrapers with a normal browser user agent that request pages
 * faster than people read them without a click or scroll, and a few slow "stealth" scrapers that
 * nothing in a session can tell from a person (ground truth still says bot).
 */
import { CATEGORIES, categorySlug, pickProduct } from "../catalogue.ts";
import { desktopChrome } from "../context/devices.ts";
import type { SessionBuilder } from "../session/builder.ts";
import type { Persona } from "./types.ts";

const KINDS = { crawler: 45, headless: 25, scraper: 29, stealth: 1 } as const;
type Kind = keyof typeof KINDS;

export const CRAWLER_USER_AGENTS = [
  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.6533.119 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
  "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
  "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)",
  "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)",
  "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
];
const HEADLESS_UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36";

/** [pages min, pages max, median gap ms, log-sd]. */
const PACE: Record<Kind, readonly [number, number, number, number]> = {
  crawler: [3, 30, 3500, 0.8],
  headless: [3, 25, 1800, 0.5],
  scraper: [10, 40, 1000, 0.3],
  stealth: [6, 20, 4500, 0.3],
};
/** Scrapers never wait this long between pages (the engine's "no interaction" rule is < 2 s). */
const SCRAPER_MAX_GAP_MS = 1800;

/** One page of a crawl: a category, product, home or content page. */
function visit(b: SessionBuilder, withDataLayer: boolean): void {
  const r = b.rng.next();
  if (r < 0.45) {
    const p = pickProduct(b.rng, b.cat);
    if (withDataLayer) b.product(p);
    else b.page("product", `/p/${p.id.toLowerCase()}`);
  } else if (r < 0.8) {
    const c = b.rng.pick(CATEGORIES);
    if (withDataLayer) b.listing(c);
    else b.page("category", `/c/${categorySlug(c)}`, c);
  } else if (r < 0.9) {
    b.home();
  } else {
    b.content();
  }
}

export const bot: Persona = {
  id: "bot",
  sources: { direct: 90, referral: 10 },
  returning: 0,
  run(b) {
    const kind = b.rng.weighted(KINDS);
    const [min, max, gap, sd] = PACE[kind];
    if (kind === "crawler") {
      b.overrides.ua = b.rng.pick(CRAWLER_USER_AGENTS);
      b.overrides.viewport = undefined;
      b.overrides.lang = undefined;
      b.overrides.country = "US";
    } else if (kind === "headless") {
      b.overrides.ua = b.rng.chance(0.5) ? HEADLESS_UA : desktopChrome(b.rng).ua;
      b.overrides.webdriver = true;
      b.overrides.viewport = [800, 600];
    } else {
      const d = desktopChrome(b.rng);
      b.overrides.ua = d.ua;
      b.overrides.viewport = d.viewport;
    }
    const pages = b.rng.range(min, max);
    const dataLayer = kind !== "crawler" || b.rng.chance(0.3);
    for (let i = 0; i < pages; i++) {
      if (i > 0) {
        const pause = b.rng.logNormal(gap, sd);
        b.wait(kind === "scraper" ? Math.min(SCRAPER_MAX_GAP_MS, pause) : pause);
      }
      visit(b, dataLayer);
      // Automation scripts do click (headless only; scrapers and crawlers never do).
      if (kind === "headless" && b.rng.chance(0.3)) b.wait(300).click("a.product-card", 5);
    }
  },
};
