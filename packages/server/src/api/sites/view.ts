/** A site as the API shows it: with its tag snippet and whether the tag was heard lately. */
import type { AddressInfo } from "node:net";
import { F } from "@intently/engine";
import {
  canonicalTimeZone,
  type IpsBenchmarks,
  type Site,
  type SiteSettings,
} from "@intently/store";
import type { FastifyInstance } from "fastify";
import { compileOrigins } from "../../collector/origins.ts";
import { refusedOrigins } from "../../collector/refused-origins.ts";
import { allowsLoopback } from "../../collector/sites.ts";
import { publicUrlOf } from "../../config.ts";
import type { AppContext } from "../../context.ts";
import { loaderPath } from "../../tag-loader.ts";
import { badRequest } from "../errors.ts";
import { firstPurchaseAt } from "./first-purchase.ts";
import { checkMoneySettings } from "./money-settings.ts";

const HOUR_MS = 3_600_000;

export function baseUrl(app: FastifyInstance, ctx: AppContext): string {
  const address = app.server.address() as AddressInfo | null;
  return publicUrlOf(ctx.config, address?.port ?? ctx.config.port);
}

/**
 * The site's loader (tag-loader.ts): it carries the site's settings (consent, GPC) into the
 * page and loads the versioned tag. `window.intently` settings set before it are kept. Served
 * from the site's own tag address when it has one (a path proxied under the shop's domain or a
 * subdomain, docs/install.md#install-modes), else from `base`, the server's public URL.
 */
export function snippet(site: Site, base: string): string {
  const from = (site.settings.tagBase || base).replace(/\/+$/, "");
  return `<script async src="${from}${loaderPath(site.publicKey)}"></script>`;
}

/**
 * Last event of the site in the past hour (live sessions in the engine, then the store), and the
 * origins the collector refused lately that the site still does not allow.
 */
export async function tagStatus(ctx: AppContext, of: Site, now = Date.now()) {
  const site = of.id;
  let last: number | null = null;
  for (const s of ctx.host.engine.sessions()) {
    if (s.site !== site) continue;
    const t = s.num(F.LastT);
    if (t > (last ?? 0)) last = t;
  }
  if (last === null) last = await ctx.store.activity.lastEventAt(site, now - HOUR_MS);
  const seen = last !== null && now - last <= HOUR_MS;
  return {
    seenInLastHour: seen,
    lastEventAt: last,
    refusedOrigins: stillRefused(ctx, of),
    firstPurchaseAt: await firstPurchaseAt(ctx, site),
  };
}

function stillRefused(ctx: AppContext, site: Site) {
  const allows = compileOrigins(site.allowedOrigins, allowsLoopback(site));
  return refusedOrigins(ctx.store)
    .list(site.id)
    .filter((r) => !allows(r.origin));
}

export async function siteView(app: FastifyInstance, ctx: AppContext, site: Site) {
  return {
    ...site,
    settings: site.settings,
    snippet: snippet(site, baseUrl(app, ctx)),
    tag: await tagStatus(ctx, site),
  };
}

/**
 * Settings to store: benchmarks merged phase by phase over the current ones, then checked; the
 * time zone checked against the IANA zones Intl knows, stored by its canonical name.
 */
export function mergeSettings(
  cur: SiteSettings | null,
  patch: Partial<Omit<SiteSettings, "ipsBenchmarks">> & { ipsBenchmarks?: Partial<IpsBenchmarks> },
): Partial<SiteSettings> {
  const { ipsBenchmarks, ...rest } = patch;
  const out: Partial<SiteSettings> = { ...rest };
  if (rest.timeZone !== undefined) {
    const tz = canonicalTimeZone(rest.timeZone);
    if (tz === null)
      throw badRequest(`unknown time zone "${rest.timeZone}"`, [
        {
          path: "/body/settings/timeZone",
          message: 'not an IANA time zone (such as "Europe/London" or "America/New_York")',
        },
      ]);
    out.timeZone = tz;
  }
  if (ipsBenchmarks) {
    const merged = { ...(cur?.ipsBenchmarks ?? {}), ...ipsBenchmarks } as IpsBenchmarks;
    for (const [phase, b] of Object.entries(ipsBenchmarks)) {
      if (b && !(b.floor < b.ceiling))
        throw badRequest("invalid IPS benchmark", [
          { path: `/body/settings/ipsBenchmarks/${phase}`, message: "floor must be below ceiling" },
        ]);
    }
    out.ipsBenchmarks = merged;
  }
  checkMoneySettings(cur, out);
  return out;
}
