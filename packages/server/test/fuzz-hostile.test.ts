/**
 * Hostile input to the whole server (collector and API in one process, as `intently start`
 * runs them): arbitrary JSON, arbitrary strings and oversize values to `POST /v1/collect`,
 * arbitrary segment bodies, conditions and regexes to the segment API, and collect batches
 * with long URLs while live segments hold pathological regexes. Every answer is a success or
 * a 4xx with a message, nothing crashes, and no request stalls the event loop for more than
 * 100 ms (measured with monitorEventLoopDelay in this process, where the server runs).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import { loopStall, STALL_LIMIT_MS } from "../../../scripts/stall.ts";
import { hostileCondition, hostileRegex } from "../../conditions/test/hostile.ts";
import { type FullServer, startFullServer } from "./support-api/full-server.ts";
import { BROWSER_UA, mutate } from "./support-collector/helpers.ts";

const ORIGIN = "https://shop.test";

let t: FullServer;
let site: string;
let publicKey: string;

before(async () => {
  t = await startFullServer({
    origin: ORIGIN,
    collector: {
      visitorRate: { perSecond: 1e6, burst: 1e6 },
      siteRate: { perSecond: 1e6, burst: 1e6 },
    },
  });
  site = t.site.id;
  publicKey = t.site.publicKey;
});
after(() => t.stop());

interface Answer {
  status: number;
  body: unknown;
}

/** Sends one request: no stall over the limit (scripts/stall.ts), a 2xx or a 4xx with a message. */
async function hostile(send: () => Promise<Answer>, what: string): Promise<Answer> {
  const { result, stallMs } = await loopStall(send);
  const { status, body } = result;
  assert.ok(stallMs <= STALL_LIMIT_MS, `${what}: the event loop stalled ${stallMs.toFixed(0)} ms`);
  assert.ok(status < 500, `${what}: ${status} ${JSON.stringify(body).slice(0, 300)}`);
  if (status >= 400) {
    const b = body as { error?: unknown; message?: unknown };
    assert.equal(typeof b?.error, "string", `${what}: ${status} without an error`);
  }
  return result;
}

async function collect(body: string): Promise<Answer> {
  const res = await fetch(t.collectUrl, {
    method: "POST",
    headers: {
      "content-type": "text/plain;charset=UTF-8",
      origin: ORIGIN,
      "user-agent": BROWSER_UA,
    },
    body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: res.status, body: parsed };
}

let n = 0;
function batch(url: string, events: unknown[] = []): Record<string, unknown> {
  const now = Date.now();
  n++;
  return {
    site: publicKey,
    batch: `b_fuzz_${process.pid}_${n}`,
    visitor: `v_fuzz_${n}`,
    session: `s_fuzz_${n}`,
    sentAt: now,
    context: { url, lang: "en-GB", viewport: [1280, 800] },
    events: [{ type: "page_view", t: now - 1000, page: { url } }, ...events],
  };
}

/** Values past every documented cap: 70 KB strings, long arrays, deep nesting, odd numbers. */
const oversize = fc.oneof(
  fc.constantFrom(
    "x".repeat(70_000),
    Array.from({ length: 2000 }, (_, i) => i),
    JSON.parse(`${"[".repeat(500)}${"]".repeat(500)}`),
    1e308,
    -0,
    Number.MAX_SAFE_INTEGER + 2,
    "\u0000",
    "\ud800",
    "=cmd|' /C calc'!A0",
  ),
  fc.string({ maxLength: 3000, unit: "binary" }),
);

describe("POST /v1/collect under fuzzing", () => {
  test("arbitrary JSON and arbitrary strings", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.string({ maxLength: 2000 }),
        ),
        (body) => hostile(() => collect(body), "collect").then(() => {}),
      ),
      { numRuns: 150 },
    );
  });

  test("valid batches with oversize or hostile values at random places", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), oversize, (p, v) =>
        hostile(() => collect(JSON.stringify(mutate(batch(`${ORIGIN}/`), p, v))), "collect").then(
          () => {},
        ),
      ),
      { numRuns: 200 },
    );
  });

  test("a body far past 64 KB is refused with 413", async () => {
    const r = await hostile(() => collect(JSON.stringify(batch("x".repeat(1 << 20)))), "1 MB");
    assert.equal(r.status, 413);
  });
});

const regex = hostileRegex;
const condition = hostileCondition(["pagePath", "landingPage"]);

describe("the segment API under fuzzing", () => {
  test("arbitrary bodies and conditions (dry run): 2xx or a located 4xx", async () => {
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ id: fc.string({ maxLength: 30 }), name: fc.string(), condition }),
      fc.record({
        id: fc.constantFrom("fz-a", "fz-b"),
        name: fc.constant("Fuzz"),
        condition,
        method: fc.constantFrom("in-flight", "persisted", "sometimes"),
        priority: fc.oneof(fc.integer(), fc.double(), fc.string()),
      }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const r = await hostile(async () => {
          const res = await t.admin.post(`/api/sites/${site}/segments?dryRun=true`, b);
          return { status: res.status, body: res.body };
        }, "segment dry run");
        assert.ok([200, 400].includes(r.status), `dry run answered ${r.status}`);
      }),
      { numRuns: 200 },
    );
  });

  test("live segments with hostile regexes, then batches with long URLs", async () => {
    await fc.assert(
      fc.asyncProperty(
        regex,
        fc.integer({ min: 100, max: 30_000 }),
        fc.integer(),
        async (pattern, len, seed) => {
          const id = `fz-${++n}`;
          const saved = await hostile(async () => {
            const res = await t.admin.post(`/api/sites/${site}/segments`, {
              id,
              name: "Hostile regex",
              condition: {
                $or: [{ pagePath: { $regex: pattern } }, { landingPage: { $regexi: pattern } }],
              },
            });
            return { status: res.status, body: res.body };
          }, `save /${pattern}/`);
          assert.ok([201, 400].includes(saved.status), `save answered ${saved.status}`);
          // A path of a and b in a random order: the worst subject for the state-explosion patterns.
          const path = Array.from({ length: len }, (_, i) => ((seed ^ (i * 2654435761)) >>> 7) & 1);
          const url = `${ORIGIN}/${path.map((b) => (b ? "a" : "b")).join("")}`;
          const r = await hostile(
            () => collect(JSON.stringify(batch(url))),
            `collect /${pattern}/`,
          );
          assert.ok([200, 400].includes(r.status), `collect answered ${r.status}`);
          if (saved.status === 201) await t.admin.delete(`/api/sites/${site}/segments/${id}`);
        },
      ),
      { numRuns: 40 },
    );
  });

  test("the classic ReDoS pattern is live and a 2,000-character URL does not stall", async () => {
    const res = await t.admin.post(`/api/sites/${site}/segments`, {
      id: "redos-classic",
      name: "Classic ReDoS",
      condition: { pagePath: { $regex: "^.*a.*a.*a.*a.*b$" } },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    for (const len of [1_000, 2_000, 30_000]) {
      const url = `${ORIGIN}/${"a".repeat(len)}`;
      const r = await hostile(() => collect(JSON.stringify(batch(url))), `URL of ${len}`);
      assert.ok([200, 400].includes(r.status), `collect answered ${r.status}`);
    }
  });
});
