import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type RunningServer, startServer } from "../src/index.ts";

let server: RunningServer;
before(async () => {
  server = await startServer({ dataDir: null, port: 0 });
});
after(async () => {
  await server.close();
});

test("GET /intently.js serves the core tag: gzip, ETag, 304, immutable when versioned", async () => {
  const plain = await fetch(`${server.url}/intently.js`, {
    headers: { "accept-encoding": "identity" },
  });
  assert.equal(plain.status, 200);
  assert.match(plain.headers.get("content-type") ?? "", /javascript/);
  assert.equal(plain.headers.get("cache-control"), "public, max-age=300");
  const body = Buffer.from(await plain.arrayBuffer());
  assert.ok(body.length > 1000);
  const etag = plain.headers.get("etag");
  assert.ok(etag);

  const gz = await fetch(`${server.url}/intently.js`, { headers: { "accept-encoding": "gzip" } });
  assert.equal(gz.headers.get("content-encoding"), "gzip");
  // fetch decodes gzip itself; the decoded bytes are the same script.
  assert.deepEqual(Buffer.from(await gz.arrayBuffer()), body);

  const cached = await fetch(`${server.url}/intently.js`, { headers: { "if-none-match": etag } });
  assert.equal(cached.status, 304);

  const versioned = await fetch(`${server.url}/intently.js?v=${server.ctx.tagVersion}`);
  assert.match(versioned.headers.get("cache-control") ?? "", /immutable/);
});

test("the lazy detectors bundle is served beside it", async () => {
  const r = await fetch(`${server.url}/intently.detectors.js`);
  assert.equal(r.status, 200);
  assert.ok((await r.text()).length > 1000);
});
