/** URL scrubbing, consent gating, Global Privacy Control, hashed identify. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, afterEach, before, beforeEach, test } from "node:test";
import { base, close, type Harness, open, setup, teardown } from "./support/browser.ts";
import { waitFor } from "./support/wait.ts";

let h: Harness;
before(async () => {
  h = await setup();
});
after(() => teardown(h));
beforeEach(() => h.server.reset());
afterEach(() => assert.deepEqual(h.server.invalid(), [], "every body validates"));

/** In-page calls (page.evaluate bodies cannot use this module's closures). */
type Api = { push(x: unknown): void; consent(b: boolean): void; identify(id: string): void };
declare const intently: Api;

test("URLs are scrubbed of e-mails and token-like parameters; UTM kept", async () => {
  const query =
    "?email=jo%40shop.com&token=abc123&q=boots&utm_source=google&utm_campaign=spring&note=x.y%40mail.co.uk&api_key=k1&keyword=red&password=hunter2&session_id=s1&code=777#access_token=zzz";
  const page = await open(h, "scrub", "<p>x</p>", { query });
  const pv = await h.server.waitForEvent("page_view");
  const url = new URL(pv.page?.url ?? "");
  const p = url.searchParams;
  for (const k of ["email", "token", "note", "api_key", "password", "session_id", "code"]) {
    assert.equal(p.get(k), "redacted", k);
  }
  assert.equal(p.get("q"), "boots");
  assert.equal(p.get("keyword"), "red");
  assert.equal(p.get("utm_source"), "google");
  assert.equal(p.get("utm_campaign"), "spring");
  assert.ok(!url.hash.includes("zzz"), "token in the fragment scrubbed");
  assert.ok(
    !JSON.stringify(h.server.received.map((r) => r.raw)).match(/jo%40shop|hunter2|abc123|zzz/),
  );
  const ctx = pv.batch.context;
  assert.ok(ctx?.url?.includes("utm_campaign=spring") && !ctx.url.includes("hunter2"));
  await close(page);
});

test("requireConsent: nothing is sent or stored until consent(true)", async () => {
  const settings = base(h, { requireConsent: true });
  const page = await open(h, "consent", "<button id=b>Buy</button>", {
    settings,
    lazy: false,
    head: "<script>window.dataLayer = []</script>",
  });
  await page.evaluate(() => {
    intently.push({ event: "add_to_cart", ecommerce: { items: [{ item_id: "C1" }] } });
    (window as unknown as { dataLayer: unknown[] }).dataLayer.push({ event: "view_cart" });
  });
  await page.click("#b");
  const stored = await page.evaluate(() => [
    localStorage.length,
    document.cookie,
    sessionStorage.length,
  ]);
  assert.deepEqual(stored, [0, "", 0], "nothing stored");
  assert.equal(h.server.received.length, 0, "nothing sent");
  await page.evaluate(() => intently.consent(true));
  await h.server.waitForEvent("page_view");
  await h.server.waitForEvent("view_cart");
  assert.ok(await page.evaluate(() => !!localStorage.getItem("_intently")));
  // Withdrawing consent stops capture and forgets the identifiers.
  await page.evaluate(() => intently.consent(false));
  assert.equal(await page.evaluate(() => localStorage.getItem("_intently")), null);
  const before = h.server.received.length;
  await page.evaluate(() => intently.push({ event: "begin_checkout" }));
  await page.click("#b");
  await page.evaluate(() => intently.consent(true));
  await h.server.waitForEvent("page_view", () => h.server.events("page_view").length >= 2);
  assert.equal(h.server.events("begin_checkout").length, 0, "events during no-consent dropped");
  assert.ok(h.server.received.length > before);
  await close(page);
});

test("Global Privacy Control is honoured when respectGPC is set", async () => {
  const gpc =
    "<script>Object.defineProperty(navigator,'globalPrivacyControl',{value:true})</script>";
  const page = await open(h, "gpc", "<p>x</p>", { head: gpc, lazy: false });
  await page.evaluate(() => intently.push({ event: "view_cart" }));
  const p2 = await open(h, "gpc-off", "<p>x</p>", {
    head: gpc,
    settings: base(h, { respectGPC: false }),
  });
  await h.server.waitForEvent("page_view");
  assert.ok(h.server.events("page_view").every((e) => e.page?.url.includes("gpc-off")));
  assert.equal(h.server.events("view_cart").length, 0);
  await close(page);
  await close(p2);
});

test("identify sends a SHA-256 of the trimmed, lower-cased id (hashIdentity)", async () => {
  const page = await open(h, "identify", "<p>x</p>");
  await page.evaluate(() => intently.identify("  Jo@Shop.com "));
  const e = await h.server.waitForEvent("identify", undefined, 20_000);
  const want = createHash("sha256").update("jo@shop.com").digest("hex");
  assert.equal(e.type === "identify" && e.id, want);
  const p2 = await open(h, "identify-raw", "<p>x</p>", {
    settings: base(h, { hashIdentity: false }),
  });
  await p2.evaluate(() => intently.identify("cust-42"));
  await waitFor(
    () => h.server.events("identify").some((x) => x.type === "identify" && x.id === "cust-42"),
    "raw id",
  );
  await close(page);
  await close(p2);
});
