/**
 * Serves the browser tag: GET /intently.js (core) and /intently.detectors.js (lazy part), built
 * once at start-up, precompressed, with an ETag; `?v=<version>` URLs are cacheable forever.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { buildTag, CORE_FILE, LAZY_FILE } from "@intently/tag/build";
import type { FastifyInstance } from "fastify";

interface Asset {
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

const SHORT_CACHE = "public, max-age=300";
const IMMUTABLE = "public, max-age=31536000, immutable";

export async function buildTagAssets(): Promise<{ version: string; assets: Map<string, Asset> }> {
  const dir = mkdtempSync(join(tmpdir(), "intently-tag-"));
  try {
    const b = await buildTag(dir);
    const assets = new Map<string, Asset>();
    for (const name of [CORE_FILE, LAZY_FILE]) {
      const body = readFileSync(join(dir, name));
      assets.set(`/${name}`, { body, gzip: gzipSync(body, { level: 9 }), etag: `"${b.version}"` });
    }
    return { version: b.version, assets };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function registerTagRoutes(app: FastifyInstance): Promise<{ version: string }> {
  const { version, assets } = await buildTagAssets();
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
