/**
 *   GET /api/sites/:site/shopify-pixel    the Shopify checkout custom pixel for the site
 *
 * A paste-ready script (docs/install.md#shopify-checkout-custom-pixel) built from the tag's
 * src/shopify with the site's public key and collector filled in: the site's own tag address
 * when it has one (as the snippet, ./view.ts), else the server's public URL.
 */
import { Type } from "@fastify/type-provider-typebox";
import { SiteParams } from "@intently/api-contract";
import { shopifyPixelTemplate } from "../../tag-route.ts";
import { siteOf } from "../auth/principal.ts";
import type { Api, ApiDeps } from "../types.ts";
import { baseUrl } from "./view.ts";

const TYPE = "text/javascript; charset=utf-8";

export function registerShopifyPixelRoute(api: Api, deps: ApiDeps): void {
  api.get("/sites/:site/shopify-pixel", {
    config: { access: "viewer" },
    schema: {
      tags: ["sites"],
      summary: "The site's Shopify checkout custom pixel (paste into Settings › Customer events)",
      params: SiteParams,
      response: {
        200: { content: { [TYPE]: { schema: Type.Unsafe<string>({ type: "string" }) } } },
      },
    },
    handler: async (req, reply) => {
      const site = siteOf(req);
      const endpoint = (site.settings.tagBase || baseUrl(api, deps.ctx)).replace(/\/+$/, "");
      // The template is prebuilt in a production build (dist/tag), compiled once otherwise.
      const { fillShopifyPixel } = await import("@intently/tag/build");
      const code = fillShopifyPixel(await shopifyPixelTemplate(), {
        site: site.publicKey,
        endpoint,
      });
      return reply.header("content-type", TYPE).header("cache-control", "no-store").send(code);
    },
  });
}
