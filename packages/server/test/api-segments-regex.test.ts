/**
 * Issue 13, defect 1: a custom segment's `$regex` cannot stall the server (linear-time
 * matching), and a pattern the linear-time engine cannot run is refused at save, located.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { loopStall, STALL_LIMIT_MS } from "../../../scripts/stall.ts";
import { type FullServer, startFullServer } from "./support-api/full-server.ts";
import { post } from "./support-collector/helpers.ts";

const BOMB = "^.*a.*a.*a.*a.*b$"; // n^5 steps for a backtracking engine on "aaaa…"
const ORIGIN = "https://shop-a.test";

// One server with the collector and the API, as `intently start` runs them.
let t: FullServer;
before(async () => {
  t = await startFullServer({ origin: ORIGIN });
});
after(() => t.stop());

function batch(path: string, n: number) {
  const now = Date.now();
  return {
    site: t.site.publicKey,
    batch: `b-regex-${n}`,
    visitor: `v-regex-${n}`,
    session: `s-regex-${n}`,
    sentAt: now,
    context: { url: `${ORIGIN}/`, lang: "en-GB" },
    events: [{ type: "page_view", t: now - 1000, page: { url: `${ORIGIN}${path}` } }],
  };
}

test("a $regex segment and a collect batch with a long URL never block the event loop", async () => {
  // A first batch warms the collector up (its first request compiles and opens things).
  assert.equal((await post(t.collectUrl, batch("/", 9), { origin: ORIGIN })).status, 200);
  const saved = await t.admin.post(t.segments, {
    id: "aaaab",
    name: "Backtracking bait",
    condition: { pagePath: { $regex: BOMB } },
  });
  assert.equal(saved.status, 201, JSON.stringify(saved.body));
  // 200 characters take seconds for a backtracking engine; 2,000 (the URL cap is 2,048) hours.
  let n = 0;
  for (const path of [`/${"a".repeat(200)}`, `/${"a".repeat(2000)}`]) {
    const { result: status, stallMs } = await loopStall(async () => {
      const r = await post(t.collectUrl, batch(path, n++), { origin: ORIGIN });
      t.server.ctx.host.advance(); // the periodic tick re-evaluates live sessions
      return r.status;
    });
    assert.equal(status, 200);
    assert.ok(stallMs <= STALL_LIMIT_MS, `${path.length}-character path: blocked ${stallMs} ms`);
  }
  // The segment still matches what it should.
  const now = Date.now();
  const ref = { site: t.site.id, visitor: "v-b", session: "s-b" };
  const page = { url: `${ORIGIN}/${"a".repeat(2000)}b` };
  const u = t.server.ctx.host.process(ref, { type: "page_view", t: now, page } as never);
  assert.ok(u.segments.includes("aaaab"));
});

test("a pattern the linear-time engine cannot run is refused with 400 naming its place", async () => {
  const cases: [unknown, string, RegExp][] = [
    [{ pagePath: { $regex: "^/(p|c)/\\1" } }, "/body/condition/pagePath/$regex", /backreference/],
    [
      { $and: [{ deviceType: "mobile" }, { landingPage: { $regexi: "^/(?!checkout)" } }] },
      "/body/condition/$and/1/landingPage/$regexi",
      /lookaround/,
    ],
  ];
  for (const [condition, path, reason] of cases) {
    const r = await t.admin.post(t.segments, { id: "refused", name: "Refused", condition });
    assert.equal(r.status, 400, JSON.stringify(r.body));
    const issue = r.body.issues.find((i: { path: string }) => i.path === path);
    assert.ok(issue, JSON.stringify(r.body.issues));
    assert.match(issue.message, /not supported by the linear-time engine/);
    assert.match(issue.message, reason);
  }
});
