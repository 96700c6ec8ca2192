/** The in-page API: readiness, segments (current/persisted/matches/whenMatched), on(), DOM events. */
import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, test } from "node:test";
import { base, close, type Harness, open, setup, teardown } from "./support/browser.ts";

let h: Harness;
before(async () => {
  h = await setup();
});
after(() => teardown(h));
beforeEach(() => h.server.reset());
afterEach(() => assert.deepEqual(h.server.invalid(), [], "every body validates"));

interface Api {
  ready: boolean;
  site: string;
  segments: {
    current(): string[];
    persisted(): string[];
    matches(id: string): boolean;
    whenMatched(id: string, o?: { timeoutMs?: number }): Promise<boolean>;
  };
  on(type: string, h: (d: unknown) => void): () => void;
  push(x: unknown): void;
}
declare const intently: Api;
declare const seen: unknown[];

/** A page whose code fails: an uncaught error is a frustration signal (struggling-buyers). */
const fail = () => setTimeout(() => Promise.reject(new Error("checkout broke")));

const LISTEN = `<script>
window.seen = [];
for (const t of ["intently:segment:enter", "intently:segment:exit"])
  document.addEventListener(t, (e) => seen.push([t, e.detail]));
document.addEventListener("intently:ready", () => seen.push(["ready", window.intently.ready]));
</script>`;

test("ready, settings kept, queued calls, DOM events and on() handlers", async () => {
  const settings = { ...base(h), q: [["push", { event: "view_cart" }]] };
  const page = await open(h, "api", "<p>x</p>", { settings, head: LISTEN });
  const info = await page.evaluate(() => [intently.ready, intently.site, seen[0]]);
  assert.deepEqual(info, [true, "pk_test", ["ready", true]]);
  await h.server.waitForEvent("view_cart");
  await page.waitForFunction(() => intently.segments.matches("focused-browsers"));
  await page.evaluate(() => {
    const w = window as unknown as { handled: unknown[] };
    w.handled = [];
    for (const t of ["segment:enter", "segment:exit", "scores", "state"]) {
      intently.on(t, (d) => w.handled.push([t, d]));
    }
  });
  await page.evaluate(fail);
  await page.waitForFunction(() => intently.segments.matches("struggling-buyers"));
  const dom = (await page.evaluate(() => seen)) as [string, Record<string, unknown>][];
  const enter = dom.find(
    ([t, d]) => t === "intently:segment:enter" && d.segment === "struggling-buyers",
  );
  assert.deepEqual(enter?.[1], {
    segment: "struggling-buyers",
    scores: { xC: 0.2, xATC: 0.1, xE: 0.3 },
    stage: "committing",
    phase: "convert",
    state: "struggle",
  });
  assert.ok(
    dom.some(([t, d]) => t === "intently:segment:exit" && d.segment === "focused-browsers"),
  );
  const handled = (
    await page.evaluate(() => (window as unknown as { handled: [string, unknown][] }).handled)
  ).map((x) => x[0]);
  for (const t of ["segment:enter", "segment:exit", "scores", "state"])
    assert.ok(handled.includes(t), t);
  const segs = await page.evaluate(() => [
    intently.segments.current(),
    intently.segments.persisted(),
  ]);
  assert.deepEqual(segs, [["struggling-buyers"], ["focused-browsers", "struggling-buyers"]]);
  await close(page);
});

test("whenMatched resolves true on entry and false on timeout", async () => {
  const page = await open(h, "when", "<p>x</p>");
  const timedOut = await page.evaluate(() =>
    intently.segments.whenMatched("struggling-buyers", { timeoutMs: 200 }),
  );
  assert.equal(timedOut, false);
  const entered = await page.evaluate((f) => {
    const p = intently.segments.whenMatched("struggling-buyers", { timeoutMs: 30_000 });
    new Function(`(${f})()`)();
    return p;
  }, fail.toString());
  assert.equal(entered, true);
  assert.equal(await page.evaluate(() => intently.segments.matches("struggling-buyers")), true);
  await close(page);
});

test("a matching script on the next page reads the memberships synchronously at ready", async () => {
  const page = await open(h, "first", "<p>x</p>");
  await page.evaluate(fail);
  await page.waitForFunction(() => intently.segments.matches("struggling-buyers"));
  // Runs before the tag loads, waits for readiness, then asks synchronously.
  const head = `<script>window.early = null;
document.addEventListener("intently:ready", () => {
  window.early = intently.segments.matches("struggling-buyers");
});</script>`;
  await open(h, "second", "<p>x</p>", { page, head, lazy: false });
  assert.equal(await page.evaluate(() => (window as unknown as { early: boolean }).early), true);
  await close(page);
});
