/**
 * Blockers do not stop the tag (issue 19): uBlock Origin's default lists, as Debian ships them in
 * `webext-ublock-origin-firefox` (installed by scripts/ensure-ublock-lists.ts when missing), loaded
 * into uBO's own engine (@gorhill/ubo-core), are asked about every request the tag makes, in each
 * install mode of docs/install.md#install-modes: none is blocked. The requests come from the real
 * parts: the server's loader script (run in a minimal page model, as tag-loader.test.ts does)
 * gives the core's URL and the collect endpoint, the built core gives the lazy file and the collect
 * path. Controls show the same engine blocks a known tracker and a third-party sendBeacon — why
 * the tag sends with keepalive fetch and never with sendBeacon.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, test } from "node:test";
import { pslInit, StaticNetFilteringEngine } from "@gorhill/ubo-core";
import { DEFAULT_SITE_SETTINGS } from "@intently/store";
import { LAZY_FILE } from "@intently/tag/build";
import { ensureUblockLists, type UblockLists } from "../../../scripts/ensure-ublock-lists.ts";
import { COLLECT_PATH } from "../src/collector/route.ts";
import { loaderPath, loaderScript } from "../src/tag-loader.ts";
import { buildTagAssets } from "../src/tag-route.ts";

const SHOP = "https://www.myshop.co.uk";
const PAGE = `${SHOP}/products/blue-shirt`;
const KEY = "pk_live_Ab12Cd34";

/** docs/install.md's install modes, in its order: where the shop's pages load the tag from. */
const MODES = [
  { mode: "a path proxied under the shop's own domain", base: `${SHOP}/in` },
  { mode: "a subdomain of the shop", base: "https://in.myshop.co.uk" },
  { mode: "another site", base: "https://intently.example.net" },
];

/** Words that filter lists target in paths (issue 19); none may appear in the tag's paths. */
const TARGETED = /analytics|track|stats|\/api\/collect/i;

let ubo: StaticNetFilteringEngine;
let lists: UblockLists;
let version: string;
let core: string;

before(async () => {
  lists = ensureUblockLists((line) => process.stderr.write(`${line}\n`));
  ubo = await StaticNetFilteringEngine.create({ noPSL: true });
  pslInit(readFileSync(lists.psl, "utf8"));
  await ubo.useLists(lists.lists.map((l) => ({ name: l.name, raw: readFileSync(l.path, "utf8") })));
  const built = await buildTagAssets();
  version = built.version;
  core = String(built.assets.get("/intently.js")?.body ?? "");
});

/** Runs the site's loader as served from `src`: the endpoint it sets and the script it adds. */
function runLoader(src: string): { endpoint: string; coreUrl: string } {
  const js = loaderScript({ publicKey: KEY, settings: DEFAULT_SITE_SETTINGS }, version);
  const added: { src?: string }[] = [];
  const w: { intently?: { endpoint?: string } } = {};
  const d = {
    currentScript: { src, nonce: "" },
    createElement: () => {
      const e = {};
      added.push(e);
      return e;
    },
    head: { appendChild: () => {} },
  };
  new Function("window", "document", js)(w, d);
  return { endpoint: w.intently?.endpoint ?? "", coreUrl: added[0]?.src ?? "" };
}

interface Request {
  what: string;
  url: string;
  type: string;
}

/** Every request the tag makes when installed from `base`, with uBO's request type. */
function requests(base: string): Request[] {
  const loader = `${base}${loaderPath(KEY)}`;
  const { endpoint, coreUrl } = runLoader(loader);
  // The core loads the lazy file beside its own src, keeping its query (main.ts, loadLazy).
  const lazy = (src: string) => new URL(LAZY_FILE + new URL(src).search, src).href;
  const byHand = `${base}/intently.js`;
  // transport.ts: `${endpoint}/v1/collect`; fetch, with keepalive or not, is uBO's xmlhttprequest.
  const collect = `${endpoint.replace(/\/+$/, "")}${COLLECT_PATH}`;
  return [
    { what: "the loader (the snippet)", url: loader, type: "script" },
    { what: "the core, from the loader", url: coreUrl, type: "script" },
    { what: "the lazy bundle, from the loader's core", url: lazy(coreUrl), type: "script" },
    { what: "the core, installed by hand", url: byHand, type: "script" },
    { what: "the lazy bundle, by hand", url: lazy(byHand), type: "script" },
    { what: "collect by fetch and by keepalive fetch", url: collect, type: "xmlhttprequest" },
  ];
}

const verdict = (url: string, type: string) => {
  const r = ubo.matchRequest({ originURL: PAGE, url, type });
  return { blocked: r === 1, filter: r === 0 ? "" : (ubo.toLogData()?.raw ?? "") };
};

test("the lists are uBlock Origin's defaults as Debian ships them", () => {
  const names = lists.lists.map((l) => l.name);
  for (const n of ["easylist", "easyprivacy", "ublock-filters", "ublock-privacy"])
    assert.ok(names.includes(n), `${n} among ${names.join(", ")}`);
});

test("the core sends to the collect path by keepalive fetch, never by sendBeacon", () => {
  assert.ok(core.includes(`/v1/collect`) && COLLECT_PATH === "/v1/collect");
  assert.ok(core.includes("keepalive"), "keepalive fetch");
  assert.ok(!core.includes("sendBeacon"), "no sendBeacon: a 'ping' request is not one it makes");
});

for (const { mode, base } of MODES) {
  test(`installed from ${mode} (${base}): no request of the tag is blocked`, () => {
    const reqs = requests(base);
    const { endpoint, coreUrl } = runLoader(`${base}${loaderPath(KEY)}`);
    assert.equal(endpoint, base, "the loader sends to its own base");
    assert.ok(coreUrl.startsWith(`${base}/intently.js?v=`), coreUrl);
    for (const r of reqs) {
      const path = new URL(r.url).pathname + new URL(r.url).search;
      assert.doesNotMatch(path, TARGETED, `${r.what}: ${path}`);
      const v = verdict(r.url, r.type);
      assert.equal(v.blocked, false, `${r.what} ${r.url} (${r.type}) blocked by ${v.filter}`);
    }
    const collect = reqs.at(-1)?.url ?? "";
    assert.ok(!collect.includes("?"), "no query string (`?v=`) on collect");
  });
}

test("controls: the same engine blocks a tracker, and a sendBeacon to another site", () => {
  const blocked: [string, string][] = [
    ["https://www.google-analytics.com/collect", "ping"],
    ["https://www.google-analytics.com/g/collect?v=2&tid=G-X", "xmlhttprequest"],
    ["https://www.googletagmanager.com/gtag/js?id=G-X", "script"],
    // Why no sendBeacon: EasyPrivacy's `$ping,third-party`.
    [`https://intently.example.net${COLLECT_PATH}`, "ping"],
    // Why docs/install.md says not to name the tag's host analytics.* or track.*.
    [`https://analytics.myshop.co.uk${COLLECT_PATH}`, "xmlhttprequest"],
    // Why no `?v=` on collect and no /api/collect path.
    [`${SHOP}/in${COLLECT_PATH}?v=1`, "xmlhttprequest"],
    [`${SHOP}/api/collect`, "xmlhttprequest"],
  ];
  for (const [url, type] of blocked)
    assert.equal(verdict(url, type).blocked, true, `${url} (${type}) is blocked`);
});
