/**
 * The demo shop as routes on the server (under /shop): server-rendered pages from the
 * simulator's catalogue, with the GA4 dataLayer and the tag of the demo site.
 */
import { readFileSync } from "node:fs";
import { createCatalogue } from "@intently/simulator";
import type { FastifyInstance } from "fastify";
import * as pages from "./pages.ts";

export const DEMO_CATALOGUE_SEED = 7;
const STATIC: Record<string, string> = {
  "shop.js": "application/javascript",
  "shop.css": "text/css",
};

export function registerShop(app: FastifyInstance, site: string): void {
  const catalogue = createCatalogue(DEMO_CATALOGUE_SEED);
  const byId = new Map(catalogue.products.map((p) => [p.id, p]));
  const files = new Map(
    Object.keys(STATIC).map((f) => [f, readFileSync(new URL(`../static/${f}`, import.meta.url))]),
  );
  const html = (body: string) => body;
  app.get("/shop/static/:file", async (req, reply) => {
    const { file } = req.params as { file: string };
    const body = files.get(file);
    if (!body) return reply.code(404).send();
    return reply.type(STATIC[file]!).header("cache-control", "no-cache").send(body);
  });
  app.get("/shop/", async (_req, reply) =>
    reply.type("text/html").send(html(pages.home(catalogue, site))),
  );
  app.get("/shop/c/:name", async (req, reply) => {
    const { name } = req.params as { name: string };
    const { sort } = req.query as { sort?: string };
    const page = pages.category(catalogue, site, name, sort === "price" ? "price" : "");
    return page
      ? reply.type("text/html").send(page)
      : reply.code(404).type("text/html").send(pages.notFound(site));
  });
  app.get("/shop/search", async (req, reply) => {
    const { q } = req.query as { q?: string };
    return reply
      .type("text/html")
      .send(pages.search(catalogue, site, typeof q === "string" ? q : ""));
  });
  app.get("/shop/p/:id", async (req, reply) => {
    const p = byId.get((req.params as { id: string }).id);
    return p
      ? reply.type("text/html").send(pages.product(p, site))
      : reply.code(404).type("text/html").send(pages.notFound(site));
  });
  app.get("/shop/cart", async (_req, reply) => reply.type("text/html").send(pages.cart(site)));
  app.get("/shop/checkout", async (_req, reply) =>
    reply.type("text/html").send(pages.checkout(site)),
  );
  app.get("/shop/confirmation", async (_req, reply) =>
    reply.type("text/html").send(pages.confirmation(site)),
  );
  app.get("/shop/*", async (_req, reply) =>
    reply.code(404).type("text/html").send(pages.notFound(site)),
  );
}

export function demoProducts() {
  return createCatalogue(DEMO_CATALOGUE_SEED).products;
}
