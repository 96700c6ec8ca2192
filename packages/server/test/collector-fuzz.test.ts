import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import { createCollectorPlugin } from "../src/collector/index.ts";
import {
  makeBatch,
  mutate,
  post,
  startCollector,
  type TestServer,
} from "./support-collector/helpers.ts";

describe("collector: fuzzed bodies", () => {
  let t: TestServer;
  before(async () => {
    t = await startCollector(
      createCollectorPlugin({
        visitorRate: { perSecond: 1e6, burst: 1e6 },
        siteRate: { perSecond: 1e6, burst: 1e6 },
      }),
    );
  });
  after(() => t.stop());

  const check = async (body: string) => {
    const r = await post(t.url, body);
    assert.ok(r.status < 500, `status ${r.status} for ${body.slice(0, 200)}`);
    assert.ok([200, 400, 403, 404, 409, 413].includes(r.status), `status ${r.status}`);
    if (r.status !== 200) assert.equal(typeof r.body.error, "string");
  };

  test("random JSON never gets a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (v) => check(JSON.stringify(v))),
      { numRuns: 150 },
    );
  });

  test("random strings never get a 5xx", async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 300 }), check), { numRuns: 100 });
  });

  test("mutations of a valid batch never get a 5xx", async () => {
    const base = makeBatch();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        fc.oneof(
          fc.jsonValue(),
          fc.constantFrom(-1, 1e308, Number.MAX_SAFE_INTEGER, "", "\u0000", [], {}),
          fc.string({ maxLength: 5000 }),
        ),
        fc.boolean(),
        async (path, value, fresh) => {
          const b = fresh ? makeBatch() : base;
          await check(JSON.stringify(mutate(b, path, value)));
        },
      ),
      { numRuns: 250 },
    );
  });

  test("the server still answers normally afterwards", async () => {
    assert.equal((await post(t.url, makeBatch())).status, 200);
  });
});
