/**
 * A synthetic shop catalogue generated from the seed: categories, brands and products with
 * log-normal prices per category, a popularity order, sale items and search terms.
 */
import type { Item } from "@intently/engine";
import { Random } from "./random.ts";

export const DEFAULT_PRODUCTS = 400;
/** Share of products on sale, and the discount range applied to them. */
export const SALE_SHARE = 0.2;
export const SALE_DISCOUNT = [0.2, 0.5] as const;
/** Popularity skew: product i of a category is drawn with density ∝ (i/n)^(1/SKEW - 1). */
export const POPULARITY_SKEW = 1.8;
export const SALE_CATEGORY = "Sale";

export const CATEGORIES = [
  "Shoes",
  "Dresses",
  "Jackets",
  "Bags",
  "Accessories",
  "Sportswear",
  "Home",
  "Beauty",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Price median (GBP), log-space spread and product nouns per category. */
const CATEGORY_SPEC: Record<Category, { median: number; sigma: number; nouns: string[] }> = {
  Shoes: { median: 85, sigma: 0.45, nouns: ["trainers", "boots", "sandals", "loafers", "heels"] },
  Dresses: {
    median: 70,
    sigma: 0.5,
    nouns: ["midi dress", "maxi dress", "shirt dress", "wrap dress"],
  },
  Jackets: {
    median: 140,
    sigma: 0.55,
    nouns: ["puffer jacket", "trench coat", "denim jacket", "blazer"],
  },
  Bags: { median: 95, sigma: 0.6, nouns: ["tote bag", "backpack", "crossbody bag", "clutch"] },
  Accessories: {
    median: 28,
    sigma: 0.6,
    nouns: ["scarf", "belt", "sunglasses", "beanie", "watch"],
  },
  Sportswear: { median: 45, sigma: 0.45, nouns: ["leggings", "running top", "hoodie", "joggers"] },
  Home: { median: 38, sigma: 0.7, nouns: ["cushion", "throw", "candle", "vase", "lamp"] },
  Beauty: { median: 24, sigma: 0.55, nouns: ["serum", "moisturiser", "lipstick", "perfume"] },
};

const COLOURS = ["black", "white", "navy", "green", "red", "beige", "grey", "pink", "blue", "tan"];

export const BRANDS = [
  "Northwind",
  "Atelier Nova",
  "Harbour & Co",
  "Kestrel",
  "Lumen",
  "Marlow",
  "Oakridge",
  "Pelham",
  "Quill",
  "Rivington",
  "Saltmarsh",
  "Thistle",
  "Umbra",
  "Vantage",
  "Willow Lane",
  "Yarrow",
  "Zephyr",
  "Bramble",
  "Cobalt",
  "Delphine",
] as const;

export interface Product {
  id: string;
  name: string;
  category: Category;
  brand: string;
  /** Current price (the sale price when on sale). */
  price: number;
  listPrice: number;
  onSale: boolean;
  /** The search term that finds it, e.g. "black trainers". */
  term: string;
}

export interface Catalogue {
  products: readonly Product[];
  /** Per category, in popularity order (most popular first). */
  byCategory: Readonly<Record<Category, readonly Product[]>>;
  /** Per category, cheapest first. */
  cheapest: Readonly<Record<Category, readonly Product[]>>;
  /** Products on sale, in popularity order. */
  sale: readonly Product[];
  /** Search term → matching products. */
  terms: ReadonlyMap<string, readonly Product[]>;
  termList: readonly string[];
}

const toPrice = (x: number) => Math.max(3, Math.round(x)) - 0.01;

export function createCatalogue(seed: number, size = DEFAULT_PRODUCTS): Catalogue {
  const rng = new Random(seed);
  // Each brand works in three categories.
  const brandCats = BRANDS.map(() => {
    const cats = new Set<Category>();
    while (cats.size < 3) cats.add(rng.pick(CATEGORIES));
    return [...cats];
  });
  const products: Product[] = [];
  for (let i = 0; i < size; i++) {
    const category = CATEGORIES[i % CATEGORIES.length]!;
    const spec = CATEGORY_SPEC[category];
    const candidates = BRANDS.filter((_, b) => brandCats[b]!.includes(category));
    const brand = candidates.length > 0 ? rng.pick(candidates) : rng.pick(BRANDS);
    const colour = rng.pick(COLOURS);
    const noun = rng.pick(spec.nouns);
    const listPrice = toPrice(rng.logNormal(spec.median, spec.sigma));
    const onSale = rng.chance(SALE_SHARE);
    const price = onSale
      ? toPrice(listPrice * (1 - rng.uniform(SALE_DISCOUNT[0], SALE_DISCOUNT[1])))
      : listPrice;
    products.push({
      id: `SKU-${10001 + i}`,
      name: `${brand} ${colour} ${noun}`,
      category,
      brand,
      price,
      listPrice,
      onSale,
      term: `${colour} ${noun}`,
    });
  }
  const byCategory = {} as Record<Category, Product[]>;
  const cheapest = {} as Record<Category, Product[]>;
  for (const c of CATEGORIES) {
    byCategory[c] = products.filter((p) => p.category === c);
    cheapest[c] = [...byCategory[c]].sort((a, b) => a.price - b.price || a.id.localeCompare(b.id));
  }
  const terms = new Map<string, Product[]>();
  for (const p of products) {
    const noun = p.term.slice(p.term.indexOf(" ") + 1);
    for (const key of [p.term, noun]) {
      const list = terms.get(key);
      if (list) list.push(p);
      else terms.set(key, [p]);
    }
  }
  return {
    products,
    byCategory,
    cheapest,
    sale: products.filter((p) => p.onSale),
    terms,
    termList: [...terms.keys()],
  };
}

/** Index in [0, n) skewed towards the front (popular items). */
export function popularIndex(rng: Random, n: number): number {
  return Math.min(n - 1, Math.floor(n * rng.next() ** POPULARITY_SKEW));
}

/** Retries when a pick is one to avoid (e.g. already viewed). */
const AVOID_TRIES = 4;

/** A product by popularity, trying not to return one of `avoid`. */
export function pickProduct(
  rng: Random,
  cat: Catalogue,
  category?: Category,
  avoid: readonly Product[] = [],
): Product {
  const list = category ? cat.byCategory[category] : cat.products;
  let p = list[popularIndex(rng, list.length)]!;
  for (let i = 1; i < AVOID_TRIES && avoid.includes(p); i++)
    p = list[popularIndex(rng, list.length)]!;
  return p;
}

/** A product from the cheapest quarter of a category. */
export function pickCheap(rng: Random, cat: Catalogue, category: Category): Product {
  const list = cat.cheapest[category];
  return list[rng.int(Math.max(1, Math.ceil(list.length / 4)))]!;
}

export function pickSale(rng: Random, cat: Catalogue): Product {
  return cat.sale.length > 0
    ? cat.sale[popularIndex(rng, cat.sale.length)]!
    : pickProduct(rng, cat);
}

export function toItem(p: Product, quantity?: number): Item {
  const item: Item = {
    id: p.id,
    name: p.name,
    category: p.category,
    brand: p.brand,
    price: p.price,
  };
  if (quantity !== undefined) item.quantity = quantity;
  return item;
}

/** A URL slug for a category ("Sportswear" → "sportswear"). */
export const categorySlug = (c: string) => c.toLowerCase().replace(/[^a-z0-9]+/g, "-");
