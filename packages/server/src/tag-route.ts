/**
 * Serves the browser tag: GET /intently.js (core) and /intently.detectors.js (lazy part), built
 * once at start-up, precompressed, with an ETag; `?v=<version>` URLs are cacheable forever. With
 * the store's configuration, also each site's loader, GET /t/<publicKey>.js (tag-loader.ts).
 * A production build (`npm run build`) writes the bundles into dist/tag (writeTagBuild) and names
 * that folder with `usePrebuiltTag`: they are read from there, and esbuild is never loaded.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { ConfigStore } from "@intently/store";
import type { FastifyInstance } from "fastify";
import { SiteDirectory } from "./collector/sites.ts";
import { LOADER_CACHE, LOADER_ROUTE, loaderScript } from "./tag-loader.ts";

/** How long a site's settings are cached for its loader (a settings change shows within it). */
const LOADER_SITE_TTL_MS = 5000;
const LOADER_FILE = /^(pk_[A-Za-z0-9_-]{1,64})\.js$/;

interface Asset {
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

const SHORT_CACHE = "public, max-age=300";
const IMMUTABLE = "public, max-age=31536000, immutable";

/** manifest.json of a prebuilt tag folder. */
interface TagManifest {
  version: string;
  files: string[];
}
const MANIFEST = "manifest.json";

let prebuiltDir: string | undefined;

/** Serve the bundles in `dir` (written by writeTagBuild) instead of building them at start. */
export function usePrebuiltTag(dir: string | undefined): void {
  prebuiltDir = dir;
}

/** Builds the tag's bundles into `dir` with a manifest: what `npm run build` ships. */
export async function writeTagBuild(dir: string): Promise<TagManifest> {
  // Loaded here, not at the top: a server serving a prebuilt folder never loads esbuild.
  const { buildTag, CORE_FILE, LAZY_FILE } = await import("@intently/tag/build");
  const b = await buildTag(dir);
  const manifest: TagManifest = { version: b.version, files: [CORE_FILE, LAZY_FILE] };
  writeFileSync(join(dir, MANIFEST), JSON.stringify(manifest));
  return manifest;
}

/**
 * Writes the Shopify pixel's template beside the tag's bundles (`npm run build`); it is not a
 * served asset (not in the manifest): the pixel route fills it per site.
 */
export async function writeShopifyPixelTemplate(dir: string): Promise<void> {
  const { compileShopifyPixelTemplate, SHOPIFY_PIXEL_TEMPLATE } = await import(
    "@intently/tag/build"
  );
  writeFileSync(join(dir, SHOPIFY_PIXEL_TEMPLATE), await compileShopifyPixelTemplate());
}

/**
 * The Shopify pixel's template: read from the prebuilt folder when the server serves one (the
 * production build ships no compiler), else compiled once with esbuild.
 */
export async function shopifyPixelTemplate(): Promise<string> {
  const { compileShopifyPixelTemplate, SHOPIFY_PIXEL_TEMPLATE } = await import(
    "@intently/tag/build"
  );
  if (prebuiltDir) return readFileSync(join(prebuiltDir, SHOPIFY_PIXEL_TEMPLATE), "utf8");
  return compileShopifyPixelTemplate();
}

function readTagBuild(dir: string): TagManifest {
  const m = JSON.parse(readFileSync(join(dir, MANIFEST), "utf8")) as Partial<TagManifest>;
  if (typeof m.version !== "string" || !Array.isArray(m.files) || m.files.length === 0) {
    throw new Error(`${join(dir, MANIFEST)} is not a tag build manifest`);
  }
  return { version: m.version, files: m.files.map(String) };
}

export async function buildTagAssets(): Promise<{ version: string; assets: Map<string, Asset> }> {
  const dir = prebuiltDir ?? mkdtempSync(join(tmpdir(), "intently-tag-"));
  try {
    const m = prebuiltDir ? readTagBuild(dir) : await writeTagBuild(dir);
    const assets = new Map<string, Asset>();
    for (const name of m.files) {
      const body = readFileSync(join(dir, name));
      assets.set(`/${name}`, { body, gzip: gzipSync(body, { level: 9 }), etag: `"${m.version}"` });
    }
    return { version: m.version, assets };
  } finally {
    if (!prebuiltDir) rmSync(dir, { recursive: true, force: true });
  }
}

export async function registerTagRoutes(
  app: FastifyInstance,
  config?: ConfigStore,
): Promise<{ version: string }> {
  const { version, assets } = await buildTagAssets();
  if (config) registerLoader(app, new SiteDirectory(config, LOADER_SITE_TTL_MS), version);
  for (const [path, asset] of assets) {
    app.get(path, async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      reply
        .header("content-type", "application/javascript; charset=utf-8")
        .header("cache-control", q.v === version ? IMMUTABLE : SHORT_CACHE)
        .header("etag", asset.etag)
        .header("vary", "accept-encoding")
        .header("access-control-allow-origin", "*");
      if (req.headers["if-none-match"] === asset.etag) return reply.code(304).send();
      if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
        return reply.header("content-encoding", "gzip").send(asset.gzip);
      }
      return reply.send(asset.body);
    });
  }
  return { version };
}

function registerLoader(app: FastifyInstance, sites: SiteDirectory, version: string): void {
  app.get(LOADER_ROUTE, async (req, reply) => {
    const file = (req.params as { file: string }).file;
    const key = LOADER_FILE.exec(file)?.[1];
    const known = key ? await sites.byKey(key) : null;
    reply
      .header("content-type", "application/javascript; charset=utf-8")
      .header("access-control-allow-origin", "*")
      .header("x-content-type-options", "nosniff");
    if (!known) {
      return reply.code(404).header("cache-control", "no-store").send("/* unknown site */\n");
    }
    const body = loaderScript(known.site, version);
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"`;
    reply.header("cache-control", LOADER_CACHE).header("etag", etag);
    if (req.headers["if-none-match"] === etag) return reply.code(304).send();
    return reply.send(body);
  });
}
