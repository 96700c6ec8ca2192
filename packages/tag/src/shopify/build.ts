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
/** The prebuilt template's file name in a tag build folder (`npm run build`: dist/tag). */
export const SHOPIFY_PIXEL_TEMPLATE = "shopify-pixel.template.js";
/**
 * Stand-ins compiled into the template where the site key and the collector go; a site's
 * snippet is the template with them replaced, so serving one needs no compiler (the production
 * build ships no esbuild). They sit inside string literals, which the minifier keeps verbatim.
 */
const SITE_TOKEN = "__intently_site_key__";
const ENDPOINT_TOKEN = "https://__intently_collector__.invalid";

function check(o: ShopifyPixelOptions): { site: string; endpoint: string } {
  const site = String(o?.site ?? "");
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(site)) throw new Error(`invalid site key: ${site}`);
  const u = new URL(String(o?.endpoint ?? ""));
  if (!/^https?:$/.test(u.protocol) || u.search || u.hash || u.username || u.password) {
    throw new Error(`invalid collector endpoint: ${o.endpoint}`);
  }
  return { site, endpoint: u.href.replace(/\/+$/, "") };
}

let template: Promise<string> | null = null;

/** The pixel compiled once with stand-ins for the site key and the collector (esbuild). */
export function compileShopifyPixelTemplate(): Promise<string> {
  template ??= (async () => {
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
        __INTENTLY_SITE__: JSON.stringify(SITE_TOKEN),
        __INTENTLY_ENDPOINT__: JSON.stringify(ENDPOINT_TOKEN),
      },
    });
    const code = out.outputFiles?.[0]?.text;
    if (!code?.includes(SITE_TOKEN) || !code.includes(ENDPOINT_TOKEN))
      throw new Error("esbuild produced no Shopify pixel template with both stand-ins");
    return code;
  })();
  template.catch(() => {
    template = null;
  });
  return template;
}

/**
 * A site's snippet from the template: the stand-ins replaced by the checked key and endpoint,
 * escaped as string-literal content (a checked URL holds no quote, backslash or `${`).
 */
export function fillShopifyPixel(tpl: string, o: ShopifyPixelOptions): string {
  const { site, endpoint } = check(o);
  if (!tpl.includes(SITE_TOKEN) || !tpl.includes(ENDPOINT_TOKEN))
    throw new Error("not a Shopify pixel template");
  const literal = (v: string) => JSON.stringify(v).slice(1, -1);
  const code = tpl
    .split(SITE_TOKEN)
    .join(literal(site))
    .split(ENDPOINT_TOKEN)
    .join(literal(endpoint));
  return `// Intently: Shopify checkout pixel for ${site} (docs/install.md)\n${code}`;
}

/**
 * The snippet for a site, compiling the template on first use (development; tests). A bad key or
 * endpoint throws at once, before anything is compiled.
 */
export function buildShopifyPixel(o: ShopifyPixelOptions): Promise<string> {
  check(o);
  return compileShopifyPixelTemplate().then((tpl) => fillShopifyPixel(tpl, o));
}

export const gzipBytes = (code: string): number => gzipSync(code, { level: 9 }).length;
