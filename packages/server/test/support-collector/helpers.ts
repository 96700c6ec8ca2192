/** Shared helpers of the collector tests: a real server on a temp data dir, batches, requests. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Event } from "@intently/engine";
import type { Plugin } from "../../src/app.ts";
import { collectorPlugin } from "../../src/collector/index.ts";
import { ensureSite, type TestSite } from "../../src/collector/serve.ts";
import type { ServerConfig } from "../../src/config.ts";
import { type RunningServer, startServer } from "../../src/server.ts";

export const ORIGIN = "https://shop.example";
export const SITE: TestSite = {
  id: "site-c",
  publicKey: "pk_test_c",
  allowedOrigins: [ORIGIN, "https://*.brand.example", "http://localhost:*"],
};
export const BROWSER_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

export interface TestServer {
  server: RunningServer;
  dataDir: string;
  url: string;
  stop(): Promise<void>;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "intently-collector-test-"));
}

export async function startCollector(
  plugin: Plugin = collectorPlugin,
  dataDir = tempDir(),
  config: Partial<ServerConfig> = {},
): Promise<TestServer> {
  const server = await startServer({ dataDir, port: 0, host: "127.0.0.1", ...config }, [plugin]);
  await ensureSite(server.ctx.store, SITE);
  return {
    server,
    dataDir,
    url: `${server.url}/v1/collect`,
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
export const uid = (prefix: string) => `${prefix}_${process.pid}_${++counter}`;

export interface BatchBody {
  site: string;
  batch: string;
  visitor: string;
  session: string;
  sentAt: number;
  context?: Record<string, unknown>;
  events: Record<string, unknown>[];
}

export function productView(t: number, sku = "SKU1"): Event {
  return {
    type: "page_view",
    t,
    page: { url: `${ORIGIN}/p/${sku}`, type: "product" },
  };
}

export function addToCart(t: number, sku = "SKU1"): Event {
  return {
    type: "add_to_cart",
    t,
    items: [{ id: sku, price: 49, quantity: 1, category: "Shoes" }],
  };
}

export function makeBatch(over: Partial<BatchBody> = {}): BatchBody {
  const now = Date.now();
  return {
    site: SITE.publicKey,
    batch: uid("b"),
    visitor: uid("v"),
    session: uid("s"),
    sentAt: now,
    context: { url: `${ORIGIN}/`, lang: "en-GB", viewport: [1280, 800], ua: BROWSER_UA },
    events: [productView(now - 2000), addToCart(now - 1000)],
    ...over,
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export async function post(
  url: string,
  body: unknown,
  opts: { type?: string; origin?: string | null; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    "content-type": opts.type ?? "text/plain;charset=UTF-8",
    ...opts.headers,
  };
  if (opts.origin !== null) headers.origin = opts.origin ?? ORIGIN;
  const res = await fetch(url, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { text };
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** Sets `value` at a path (indices into each level's keys) of a copy of `root`: a mutation. */
export function mutate(root: unknown, path: number[], value: unknown): unknown {
  if (path.length === 0 || root === null || typeof root !== "object") return value;
  const copy = (Array.isArray(root) ? [...root] : { ...root }) as Record<string, unknown>;
  const keys = Object.keys(copy);
  if (keys.length === 0) return value;
  const k = keys[path[0]! % keys.length]!;
  copy[k] = mutate(copy[k], path.slice(1), value);
  return copy;
}
