/**
 * A site's tag address (issue 19, docs/install.md#install-modes): the snippet in Settings follows
 * the base the shop installs from (a path proxied under its own domain, a subdomain), and the
 * loader served through that base sends the tag and its events there.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type World, world } from "./support-api/server.ts";

let w: World;
before(async () => {
  w = await world();
});
after(async () => {
  await w.server.close();
});

test("the snippet follows the site's tag address, and the server's public URL without one", async () => {
  const s = (await w.admin.post(`/api/workspaces/${w.a.workspace}/sites`, { name: "Proxied" }))
    .body;
  assert.equal(s.snippet, `<script async src="${w.url}/t/${s.publicKey}.js"></script>`);
  const path = `/api/sites/${s.id}`;
  const set = await w.admin.patch(path, { settings: { tagBase: "https://www.shop.example/in/" } });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  assert.equal(set.body.settings.tagBase, "https://www.shop.example/in/");
  const got = (await w.viewer.get(path)).body;
  assert.equal(
    got.snippet,
    `<script async src="https://www.shop.example/in/t/${s.publicKey}.js"></script>`,
  );
  const cleared = await w.admin.patch(path, { settings: { tagBase: "" } });
  assert.equal(cleared.status, 200);
  assert.equal(cleared.body.snippet, s.snippet, "empty: back to the server's public URL");
});

test("a tag address must be an http(s) URL without query, fragment or credentials", async () => {
  const s = (await w.admin.post(`/api/workspaces/${w.a.workspace}/sites`, { name: "Bad base" }))
    .body;
  for (const tagBase of [
    "javascript:alert(1)",
    "https://www.shop.example/in?v=1",
    "https://www.shop.example/in#x",
    "https://user@www.shop.example/in",
    "www.shop.example/in",
    '"><script>alert(1)</script>',
    'https://www.shop.example/in"><script>alert(1)</script>',
    `https://${"a".repeat(300)}.example`,
  ]) {
    const r = await w.admin.patch(`/api/sites/${s.id}`, { settings: { tagBase } });
    assert.equal(r.status, 400, `${tagBase}: ${JSON.stringify(r.body)}`);
  }
});
