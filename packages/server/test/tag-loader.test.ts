/** The per-site loader `/t/<publicKey>.js` (tag-loader.ts): the site's settings, cache, refusals. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type RunningServer, startServer } from "../src/index.ts";
import { loaderScript } from "../src/tag-loader.ts";

let server: RunningServer;
const KEY = "pk_loader_test";
before(async () => {
  server = await startServer({ dataDir: null, port: 0 });
  await server.ctx.store.config.createWorkspace({ id: "w", name: "W" });
  await server.ctx.store.config.createSite({
    id: "loader",
    workspaceId: "w",
    name: "Loader",
    publicKey: KEY,
    settings: { requireConsent: true, honourGpc: false },
  });
});
after(() => server.close());

/** Runs a loader in a minimal page model and returns the settings and the script it inserts. */
function run(js: string, src: string, page: Record<string, unknown> = {}) {
  const inserted: { src?: string; async?: boolean; nonce?: string }[] = [];
  const el = () => {
    const e = {};
    inserted.push(e);
    return e;
  };
  const w = { intently: Object.keys(page).length ? page : undefined };
  const d = {
    currentScript: { src, nonce: "n0nce" },
    createElement: el,
    head: { appendChild: () => {} },
  };
  new Function("window", "document", js)(w, d);
  return { settings: w.intently as Record<string, unknown>, script: inserted[0] };
}

test("the loader carries the site's key and consent settings and loads the versioned core", async () => {
  const r = await fetch(`${server.url}/t/${KEY}.js`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get("content-type") ?? "", /javascript/);
  assert.equal(r.headers.get("cache-control"), "public, max-age=300");
  const etag = r.headers.get("etag");
  assert.ok(etag);
  const js = await r.text();
  const { settings, script } = run(js, `https://cdn.shop.example/x/t/${KEY}.js`);
  assert.equal(settings.site, KEY);
  assert.equal(
    settings.endpoint,
    "https://cdn.shop.example/x",
    "endpoint from the loader's own URL",
  );
  assert.equal(settings.requireConsent, true);
  assert.equal(settings.respectGPC, false, "the site does not honour GPC");
  assert.equal(script?.src, `https://cdn.shop.example/x/intently.js?v=${server.ctx.tagVersion}`);
  assert.equal(script?.nonce, "n0nce");
  assert.equal(
    (await fetch(`${server.url}/t/${KEY}.js`, { headers: { "if-none-match": etag } })).status,
    304,
  );
});

test("page settings are kept, but only made stricter by the site's", () => {
  const site = { publicKey: KEY, settings: { requireConsent: false, honourGpc: true } };
  const js = loaderScript(site as never, "v1");
  const loose = run(js, `https://c.example/t/${KEY}.js`, {
    endpoint: "https://shop.example/in",
    requireConsent: true,
    respectGPC: false,
  }).settings;
  assert.equal(loose.endpoint, "https://shop.example/in", "a first-party endpoint is kept");
  assert.equal(loose.requireConsent, true, "the page may require consent");
  assert.equal(loose.respectGPC, true, "the page may not ignore GPC the site honours");
  const off = loaderScript(
    { publicKey: KEY, settings: { requireConsent: false, honourGpc: false } } as never,
    "v1",
  );
  assert.equal(
    run(off, `https://c.example/t/${KEY}.js`, { respectGPC: true }).settings.respectGPC,
    true,
  );
  assert.equal(run(off, `https://c.example/t/${KEY}.js`).settings.requireConsent, undefined);
});

test("unknown or malformed keys get 404 and are not cached", async () => {
  for (const path of [
    "/t/pk_nope.js",
    "/t/..%2Fsecret.js",
    "/t/pk_x.css",
    `/t/pk_${"a".repeat(90)}.js`,
  ]) {
    const r = await fetch(`${server.url}${path}`);
    assert.equal(r.status, 404, path);
    assert.equal(r.headers.get("cache-control"), "no-store", path);
  }
});

test("the loader carries the site's locale and currency: hints for the amounts the tag reads", async () => {
  await server.ctx.store.config.createSite({
    id: "loader-de",
    workspaceId: "w",
    name: "Loader DE",
    publicKey: "pk_loader_de",
    settings: { locale: "de-DE", currency: "EUR" },
  });
  const js = await (await fetch(`${server.url}/t/pk_loader_de.js`)).text();
  const { settings } = run(js, "https://cdn.shop.example/t/pk_loader_de.js");
  assert.equal(settings.locale, "de-DE");
  assert.equal(settings.currency, "EUR");
  // A page's own locale wins (it knows what it writes); no locale set: none is sent.
  assert.equal(run(js, "https://c.example/t/x.js", { locale: "de-CH" }).settings.locale, "de-CH");
  const plain = run(
    await (await fetch(`${server.url}/t/${KEY}.js`)).text(),
    "https://c.example/t/x.js",
  );
  assert.equal(plain.settings.locale, undefined);
  assert.equal(plain.settings.currency, "GBP", "the site's default currency");
});
