/**
 * Builds the Shopify checkout pixel (./pixel.ts) into a paste-ready snippet: minified ES2017
 * with the site key and the collector endpoint filled in. Kept apart from the tag's bundles: it
 * runs in Shopify's sandbox, never in the shop's pages.
 */
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** The snippet's budget, gzip. */
export const SHOPIFY_PIXEL_GZIP_BUDGET = 2048;

export interface ShopifyPixelOptions {
  /** The site's public key (pk_…). */
  site: string;
  /** The collector's base URL (http or https, no query); `/v1/collect` is added. */
  endpoint: string;
}

const entry = fileURLToPath(new URL("./pixel.ts", import.meta.url));
const cache = new Map<string, Promise<string>>();
const CACHE_MAX = 64;

function check(o: ShopifyPixelOptions): { site: string; endpoint: string } {
  const site = String(o?.site ?? "");
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(site)) throw new Error(`invalid site key: ${site}`);
  const u = new URL(String(o?.endpoint ?? ""));
  if (!/^https?:$/.test(u.protocol) || u.search || u.hash || u.username || u.password) {
    throw new Error(`invalid collector endpoint: ${o.endpoint}`);
  }
  return { site, endpoint: u.href.replace(/\/+$/, "") };
}

async function compile(site: string, endpoint: string): Promise<string> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2017"],
    platform: "browser",
    legalComments: "none",
    write: false,
    logLevel: "silent",
    define: {
      __INTENTLY_SITE__: JSON.stringify(site),
      __INTENTLY_ENDPOINT__: JSON.stringify(endpoint),
    },
  });
  const code = out.outputFiles?.[0]?.text;
  if (!code) throw new Error("esbuild produced no output for the Shopify pixel");
  return `// Intently: Shopify checkout pixel for ${site} (docs/install.md)\n${code}`;
}

/** The snippet for a site (cached per site and endpoint). */
export function buildShopifyPixel(o: ShopifyPixelOptions): Promise<string> {
  const { site, endpoint } = check(o);
  const key = `${site} ${endpoint}`;
  let p = cache.get(key);
  if (!p) {
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
    p = compile(site, endpoint);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

export const gzipBytes = (code: string): number => gzipSync(code, { level: 9 }).length;
