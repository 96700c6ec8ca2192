/**
 * The per-site loader, `GET /t/<publicKey>.js`: the snippet a site pastes. A few hundred bytes,
 * cached for five minutes, that carries the site's privacy settings into the page before the
 * core tag runs (issue 22: "require consent" and "honour GPC" are the site's, not the page's),
 * and its locale and currency (hints for the amounts the tag reads), then loads the versioned
 * core (cached forever). The same pattern as Clarity's per-project
 * `tag/<id>` loader and GTM's `gtm.js?id=`.
 *
 * The collector URL is the loader's own base (the URL it was fetched from), so a snippet served
 * through a proxy or under the shop's own domain sends to the same place. A page may still set
 * `window.intently` settings first: they are kept, except that the site's consent settings can
 * only make capture stricter.
 */
import type { Site } from "@intently/store";

/** Path of a site's loader. */
export const loaderPath = (publicKey: string): string => `/t/${publicKey}.js`;
export const LOADER_ROUTE = "/t/:file";
export const LOADER_CACHE = "public, max-age=300";

/** The loader script for a site (ES5, so that any browser that runs it fails gracefully). */
export function loaderScript(
  site: Pick<Site, "publicKey" | "settings">,
  tagVersion: string,
): string {
  const s = site.settings;
  const lines = [
    "(function(w,d){try{",
    "var m=d.currentScript,b=m&&m.src.replace(/\\/t\\/[^\\/]*$/,''),c=w.intently=w.intently||{};",
    "if(!b||c.ready)return;",
    `c.site=${JSON.stringify(site.publicKey)};c.endpoint=c.endpoint||b;`,
    s.requireConsent ? "c.requireConsent=true;" : "",
    s.honourGpc ? "c.respectGPC=true;" : "c.respectGPC=c.respectGPC===true;",
    // Hints for the amounts the tag reads (issue 19): "1.299" on a de-DE site is 1299.
    s.locale ? `c.locale=c.locale||${JSON.stringify(s.locale)};` : "",
    s.currency ? `c.currency=c.currency||${JSON.stringify(s.currency)};` : "",
    "var e=d.createElement('script');e.async=true;e.nonce=m.nonce||'';",
    `e.src=b+'/intently.js?v=${encodeURIComponent(tagVersion)}';`,
    "(d.head||d.documentElement).appendChild(e)",
    "}catch(x){}})(window,document);",
  ];
  return lines.join("");
}
