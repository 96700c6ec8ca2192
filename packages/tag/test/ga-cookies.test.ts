/**
 * GA's cookie ids (lazy module data/ga-cookies.ts), for the GA4 connector: the `_ga` client id
 * and each `_ga_<container>` session id are sent once as a `set` event, again only when an id
 * changes (GA rewrites its cookies on every hit), and in the forms the collector's scrubbing
 * keeps (engine privacy/ga-cookies.ts).
 */
import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, test } from "node:test";
import {
  gaClientIdOf,
  gaSessionIdOf,
  isGaCookieProp,
} from "../../engine/src/privacy/ga-cookies.ts";
import { gaProps } from "../src/data/ga-cookies.ts";
import { base, close, type Harness, open, setup, teardown } from "./support/browser.ts";

test("the cookie jar's GA ids, in the engine's forms", () => {
  const jar =
    "theme=dark; _ga=GA1.1.987654321.1700000000; _ga_ABC123=GS2.1.s1700000500$o3$g1$t1700000900$j0$l0$h0; _ga_OLD9=GS1.1.1690000000.2.1.1690000300.0.0.0";
  const props = gaProps(jar);
  assert.deepEqual(props, {
    ga_client_id: "987654321.1700000000",
    _ga_ABC123: "1700000500",
    _ga_OLD9: "1690000000",
  });
  for (const [k, v] of Object.entries(props!)) assert.ok(isGaCookieProp(k, v), k);
  assert.equal(gaClientIdOf(props!.ga_client_id), "987654321.1700000000");
  assert.equal(gaSessionIdOf(props!._ga_ABC123), "1700000500");
  // No `_ga`: nothing (a session cookie alone identifies no GA client).
  assert.equal(gaProps("_ga_ABC123=GS2.1.s1700000500$o3"), null);
  assert.equal(gaProps("_ga=not-a-cookie"), null);
  assert.equal(gaProps(""), null);
});

let h: Harness;
before(async () => {
  h = await setup();
});
after(() => teardown(h));
beforeEach(() => h.server.reset());
afterEach(() => assert.deepEqual(h.server.invalid(), [], "every body validates"));

/** The page writes its cookies as GA's tag does; setGa(value) is GA's next write. */
const COOKIES = `<script>
document.cookie = "_ga=GA1.1.987654321.1700000000; path=/";
window.setGa = (v) => { document.cookie = "_ga_ABC123=" + v + "; path=/"; };
setGa("GS2.1.s1700000500$o3$g1$t1700000900$j0$l0$h0");
</script>`;
declare const setGa: (value: string) => void;

const gaSets = () =>
  h.server
    .events("set")
    .map((e) => (e.type === "set" ? e.props : {}))
    .filter((p) => "ga_client_id" in p);

test("sent once with the page's GA cookies; a GA hit that keeps the ids sends nothing; a new GA session does", async () => {
  const page = await open(h, "ga", "<p>x</p>", { settings: base(h), head: COOKIES });
  await h.server.waitForEvent("set", (e) => e.type === "set" && "ga_client_id" in e.props);
  assert.deepEqual(gaSets(), [{ ga_client_id: "987654321.1700000000", _ga_ABC123: "1700000500" }]);
  // GA's next hit rewrites the session cookie's other fields only.
  await page.evaluate(() => setGa("GS2.1.s1700000500$o3$g1$t1700000999$j0$l0$h0"));
  await page.waitForTimeout(6000);
  assert.equal(gaSets().length, 1, "same ids: no new event");
  // A new GA session (30 minutes later, say): the new id is sent.
  await page.evaluate(() => setGa("GS2.1.s1700009000$o4$g1$t1700009000$j0$l0$h0"));
  await h.server.waitForEvent(
    "set",
    (e) => e.type === "set" && e.props._ga_ABC123 === "1700009000",
  );
  await close(page);
});

test("no GA cookie: no GA properties", async () => {
  const page = await open(h, "no-ga", "<p>x</p>", { settings: base(h) });
  await h.server.waitForEvent("page_view");
  await page.waitForTimeout(1000);
  assert.deepEqual(gaSets(), []);
  await close(page);
});
