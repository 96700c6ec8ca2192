/**
 * One real server with the collector and the API, as `intently start` runs them, on a temporary
 * data folder; the demo admin signed in and one site whose tag origin is `origin`. For the tests
 * that use the API and send batches to the collector: `startFullServer`, or `withFullServer` to
 * start one in a test file's `before` and stop it in its `after`.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { after, before } from "node:test";
import { createApiPlugin } from "../../src/api/index.ts";
import { createCollectorPlugin } from "../../src/collector/index.ts";
import type { CollectorOptions } from "../../src/collector/options.ts";
import { type RunningServer, startServer } from "../../src/server.ts";
import { makeBatch, post, tempDir } from "../support-collector/helpers.ts";
import { Client } from "./client.ts";
import { ADMIN } from "./server.ts";

export interface FullServer {
  server: RunningServer;
  admin: Client;
  site: { id: string; publicKey: string; settings: Record<string, unknown> };
  /** `/api/sites/<site>/segments` */
  segments: string;
  collectUrl: string;
  /**
   * Posts one batch to the collector as the tag on `origin` does: `visitor` in session
   * `s_<visitor>`, a fresh batch id, `extra` fields (e.g. `context`) beside the events.
   */
  collect(visitor: string, events: unknown[], extra?: Record<string, unknown>): Promise<Response>;
  /** Posts `events` as one batch of `visitor`'s `session` from a browser on `origin`; asserts 200. */
  send(visitor: string, session: string, events: unknown[]): Promise<void>;
  stop(): Promise<void>;
}

export interface FullServerOptions {
  origin: string;
  collector?: Partial<CollectorOptions>;
  /** Without the collector (API only). */
  apiOnly?: boolean;
  /** The site's name ("Test shop") and settings (the defaults) as the API creates it. */
  site?: { name?: string; settings?: Record<string, unknown> };
}

export async function startFullServer(o: FullServerOptions): Promise<FullServer> {
  const dataDir = tempDir();
  const env = { INTENTLY_ADMIN_EMAIL: ADMIN.email, INTENTLY_ADMIN_PASSWORD: ADMIN.password };
  const api = createApiPlugin({ env, print: () => {} });
  const server = await startServer(
    { dataDir, port: 0, host: "127.0.0.1" },
    o.apiOnly ? [api] : [createCollectorPlugin(o.collector), api],
  );
  const admin = new Client(server.url);
  assert.equal((await admin.login(ADMIN.email, ADMIN.password)).status, 200);
  const r = await admin.post("/api/workspaces/default/sites", {
    name: o.site?.name ?? "Test shop",
    allowedOrigins: [o.origin],
    ...(o.site?.settings ? { settings: o.site.settings } : {}),
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const site = {
    id: r.body.id as string,
    publicKey: r.body.publicKey as string,
    settings: r.body.settings as Record<string, unknown>,
  };
  const collectUrl = `${server.url}/v1/collect`;
  return {
    server,
    admin,
    site,
    segments: `/api/sites/${site.id}/segments`,
    collectUrl,
    collect: (visitor, events, extra = {}) =>
      fetch(collectUrl, {
        method: "POST",
        headers: { "content-type": "text/plain", origin: o.origin },
        body: JSON.stringify({
          site: site.publicKey,
          batch: `b_${randomBytes(6).toString("hex")}`,
          visitor,
          session: `s_${visitor}`,
          sentAt: Date.now(),
          ...extra,
          events,
        }),
      }),
    async send(visitor, session, events) {
      const batch = makeBatch({ site: site.publicKey, visitor, session, events: events as never });
      const res = await post(collectUrl, batch, { origin: o.origin });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    },
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A full server for a whole test file: started in its `before`, stopped in its `after`. Call it
 * at the top of the file; the fields are set once `before` has run.
 */
export function withFullServer(o: FullServerOptions): FullServer {
  const full = {} as FullServer;
  before(async () => {
    Object.assign(full, await startFullServer(o));
  });
  after(async () => {
    await full.stop?.();
  });
  return full;
}
