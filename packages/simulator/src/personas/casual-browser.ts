/**
 * Casual browser: arrives on the home page, an article or a listing, looks at a few listing and
 * content pages, rarely a product, and drifts away (often with the tab hidden or idle).
 */
import { pickProduct } from "../catalogue.ts";
import type { SessionBuilder } from "../session/builder.ts";
import {
  browseListing,
  DWELL,
  type Leave,
  leave,
  noise,
  openProduct,
  pushTier,
  randomCategory,
  read,
} from "../session/flows.ts";
import type { Persona } from "./types.ts";

const LANDING = { home: 55, content: 20, category: 25 } as const;
/** Further pages after the landing page (uniform in this range). */
const EXTRA_PAGES = [0, 4] as const;
/** Chance of peeking at one product page. */
const PRODUCT_PEEK = 0.2;
const LEAVE: Record<Leave, number> = { hide: 45, idle: 25, exit: 15, none: 15 };

function land(b: SessionBuilder): void {
  switch (b.rng.weighted(LANDING)) {
    case "home":
      b.home();
      read(b, DWELL.home);
      break;
    case "content":
      b.content();
      read(b, DWELL.content, b.rng.range(2, 4));
      break;
    case "category":
      b.listing(randomCategory(b));
      read(b, DWELL.listing);
      break;
  }
  noise(b);
}

export const casualBrowser: Persona = {
  id: "casual-browser",
  sources: {
    "organic-search": 35,
    "organic-social": 20,
    direct: 20,
    referral: 10,
    "paid-social": 10,
    display: 5,
  },
  returning: 0.2,
  run(b, v) {
    land(b);
    pushTier(b, v);
    const pages = b.rng.range(EXTRA_PAGES[0], EXTRA_PAGES[1]);
    for (let i = 0; i < pages; i++) {
      const r = b.rng.next();
      if (r < 0.6) {
        browseListing(b, randomCategory(b));
      } else if (r < 0.85) {
        b.click("a.article", 800).beat().content();
        read(b, DWELL.content, b.rng.range(1, 4));
        noise(b);
      } else {
        b.click("a.logo", 400).beat().home();
        read(b, DWELL.home, 1);
      }
    }
    if (b.rng.chance(PRODUCT_PEEK)) {
      const category = randomCategory(b);
      openProduct(b, pickProduct(b.rng, b.cat, category), category);
    }
    leave(b, b.rng.weighted(LEAVE));
  },
};
