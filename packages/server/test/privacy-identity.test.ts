/**
 * Identified visitors (issue 22): the collector keys every `identify` id with the site's secret
 * salt before anything is logged or stored (no bare SHA-256 of an e-mail anywhere), and erasure
 * reaches every visitor id linked by the same identity — from a visitor id, or from the shop's
 * own id (an e-mail), however the tag sent it (hashed or raw), live or stored.
 */
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type DuckDbStore, sha256Hex } from "@intently/store";
import { endLiveSessions } from "../src/api/privacy/end-sessions.ts";
import { searchableBytes } from "../src/find-bytes.ts";
import { type FullServer, startFullServer } from "./support-api/full-server.ts";
import { BROWSER_UA, productView } from "./support-collector/helpers.ts";

const ORIGIN = "https://shop.example";
let full: FullServer;
before(async () => {
  full = await startFullServer({ origin: ORIGIN });
});
after(() => full.stop().catch(() => {}));

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const rand = () => randomBytes(6).toString("hex");
const visitor = (name: string) => `v_${name}_${rand()}`;

async function identify(v: string, id: string): Promise<void> {
  const now = Date.now();
  const r = await full.collect(
    v,
    [productView(now - 2000), { type: "identify", t: now - 1000, id }],
    {
      context: { url: `${ORIGIN}/`, ua: BROWSER_UA },
    },
  );
  assert.equal(r.status, 200, await r.text());
}

const live = () =>
  new Map([...full.server.ctx.host.engine.sessions()].map((s) => [s.visitor, s.identified]));

function filesHolding(needle: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (searchableBytes(p).includes(needle)) found.push(p);
    }
  };
  walk(full.server.ctx.config.dataDir as string);
  return found;
}

test("identify ids are keyed with the site's secret salt before they are logged or stored", async () => {
  const v = visitor("keyed");
  const tagHash = sha("jo@shop.example"); // what the tag sends for "  Jo@Shop.example "
  await identify(v, tagHash);
  const keyed = live().get(v);
  assert.match(keyed ?? "", /^h1:[0-9a-f]{64}$/);
  assert.notEqual(keyed, `h1:${tagHash}`);
  // The same id keys the same way (visits link), and another site's salt differs.
  const v2 = visitor("keyed2");
  await identify(v2, tagHash);
  assert.equal(live().get(v2), keyed);

  endLiveSessions(full.server.ctx, (s) => s.visitor === v || s.visitor === v2);
  const store = full.server.ctx.store as DuckDbStore;
  await store.flush();
  const [row] = await store.db.query(
    "SELECT identified_hash AS h FROM sessions WHERE visitor = $v",
    { v },
  );
  assert.equal(row?.h, sha256Hex(keyed!));
  const [ev] = await store.db.query(
    "SELECT count(*) AS n FROM events WHERE visitor = $v AND CAST(data AS VARCHAR) LIKE $p",
    { v, p: `%${tagHash}%` },
  );
  assert.equal(Number(ev?.n), 0, "no bare hash in event data");
  bare.push(tagHash);
});

/** Bare hashes sent by the tests: checked against every file at the end. */
const bare: string[] = [];

test("erasing a visitor erases every visitor linked by the same identity, live or stored", async () => {
  const email = sha("linked@shop.example");
  const [a, b, c, other] = ["a", "b", "c", "other"].map(visitor) as [
    string,
    string,
    string,
    string,
  ];
  await identify(a, email);
  await identify(b, email);
  await identify(c, email);
  await identify(other, sha("someone-else@shop.example"));
  // a and b are stored (ended), c is still live.
  endLiveSessions(full.server.ctx, (s) => s.visitor === a || s.visitor === b);
  const r = await full.admin.delete(`/api/sites/${full.site.id}/visitors/${a}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([...r.body.visitors].sort(), [a, b, c].sort());
  assert.equal(r.body.liveSessionsEnded, 1, "c's live session ended");
  assert.equal(r.body.deleted.sessions, 3);
  assert.ok(live().has(other), "another identity is untouched");
  const only = await full.admin.delete(`/api/sites/${full.site.id}/visitors/${other}?linked=false`);
  assert.deepEqual(only.body.visitors, [other]);
  bare.push(email);
});

test("erasing by the shop's own id finds it whether the tag hashed it or sent it raw", async () => {
  const [hashed, raw, keep] = ["hashed", "raw", "keep"].map(visitor) as [string, string, string];
  await identify(hashed, sha("ann@shop.example"));
  await identify(raw, " Ann@Shop.example"); // a tag with hashIdentity:false: keyed alike
  await identify(keep, sha("bob@shop.example"));
  endLiveSessions(full.server.ctx, (s) => s.visitor === hashed);
  const r = await full.admin.post(`/api/sites/${full.site.id}/identities/erase`, {
    id: "  ann@shop.example ",
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([...r.body.visitors].sort(), [hashed, raw].sort());
  assert.ok(live().has(keep));
  const none = await full.admin.post(`/api/sites/${full.site.id}/identities/erase`, {
    id: "nobody@shop.example",
  });
  assert.equal(none.status, 200);
  assert.deepEqual(none.body.visitors, []);
  assert.equal(
    (await full.admin.post(`/api/sites/${full.site.id}/identities/erase`, { id: "" })).status,
    400,
  );
  bare.push(sha("ann@shop.example"), sha("bob@shop.example"));
});

test("no file of the data folder holds a bare hash of an identity", async () => {
  await full.server.close();
  for (const h of bare) assert.deepEqual(filesHolding(h), [], h);
});
