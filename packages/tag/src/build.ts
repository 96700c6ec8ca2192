/**
 * Builds the tag with esbuild: `intently.js` (core, IIFE, minified) and the lazy
 * `intently.detectors.js`, and measures them (gzip level 9 and brotli quality 11).
 */
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { type BuildOptions, build } from "esbuild";

export const CORE_FILE = "intently.js";
export const LAZY_FILE = "intently.detectors.js";
/** The core's budget, gzip (docs/product/tag.md#budget). */
export const CORE_GZIP_BUDGET = 4096;

export interface TagBuild {
  files: string[];
  /** Content hash of both bundles, for cache-busting URLs (`/intently.js?v=…`). */
  version: string;
  coreBytes: number;
  coreGzipBytes: number;
  coreBrotliBytes: number;
  lazyBytes: number;
  lazyGzipBytes: number;
}

const here = fileURLToPath(new URL(".", import.meta.url));
/**
 * Internal property names shortened in both bundles alike (one mangle cache): the context the
 * core hands to the lazy modules and the hook they register through. Never public names.
 */
const MANGLED = /^(cfg|emit|listen|guard|purchased|view|engagement|maxDepth|api|register|_lazy)$/;

async function bundle(entry: string, mangleCache: Record<string, string | false>): Promise<Buffer> {
  const opts: BuildOptions = {
    entryPoints: [join(here, entry)],
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2020"],
    platform: "browser",
    legalComments: "none",
    write: false,
    logLevel: "silent",
    mangleProps: MANGLED,
    mangleCache,
  };
  const out = await build(opts);
  Object.assign(mangleCache, out.mangleCache);
  const file = out.outputFiles?.[0];
  if (!file) throw new Error(`esbuild produced no output for ${entry}`);
  return Buffer.from(file.contents);
}

const gzip = (b: Buffer): number => gzipSync(b, { level: 9 }).length;
const brotli = (b: Buffer): number =>
  brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

export async function buildTag(outDir: string): Promise<TagBuild> {
  const cache: Record<string, string | false> = {};
  const core = await bundle("main.ts", cache);
  const lazy = await bundle("detectors.ts", cache);
  await mkdir(outDir, { recursive: true });
  const files = [join(outDir, CORE_FILE), join(outDir, LAZY_FILE)];
  await Promise.all([writeFile(files[0] as string, core), writeFile(files[1] as string, lazy)]);
  return {
    files,
    version: createHash("sha256").update(core).update(lazy).digest("hex").slice(0, 12),
    coreBytes: core.length,
    coreGzipBytes: gzip(core),
    coreBrotliBytes: brotli(core),
    lazyBytes: lazy.length,
    lazyGzipBytes: gzip(lazy),
  };
}

/** The Shopify checkout custom pixel (src/shopify): a separate snippet, not part of the tag. */
export {
  buildShopifyPixel,
  compileShopifyPixelTemplate,
  fillShopifyPixel,
  SHOPIFY_PIXEL_GZIP_BUDGET,
  SHOPIFY_PIXEL_TEMPLATE,
} from "./shopify/build.ts";
