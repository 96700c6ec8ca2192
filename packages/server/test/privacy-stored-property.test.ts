/**
 * "Stored without it" (issue 22, Must show): a fast-check property over the real collector and
 * store. Any page URL (path, query parameter, fragment, hash route) or search text holding a
 * generated e-mail, phone number, card number, JWT or cloud key — raw or percent-encoded — is
 * sent as a batch over HTTP; the secret is then in no column of any table and not in the
 * collector log's record of that batch.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { DuckDbStore } from "@intently/store";
import fc from "fast-check";
import { secret, textWord, word } from "../../engine/test/support/secrets.ts";
import { collectorOf, readLog } from "../src/collector/index.ts";
import {
  BROWSER_UA,
  makeBatch,
  ORIGIN,
  post,
  startCollector,
  type TestServer,
  uid,
} from "./support-collector/helpers.ts";

let server: TestServer;
before(async () => {
  server = await startCollector();
});
after(() => server.stop());

/** Every form the secret could be stored in. */
const forms = (s: string) => [...new Set([s, encodeURIComponent(s), s.replace(/ /g, "+")])];

test("property: a generated secret in a URL or search text is stored without it", async () => {
  const place = fc.constantFrom("path", "query", "fragment", "hash-route", "search");
  const store = server.server.ctx.store as DuckDbStore;
  const logDir = collectorOf(server.server.app)!.log.dir;
  await fc.assert(
    fc.asyncProperty(
      secret,
      place,
      fc.constantFrom("q", "ref", "email", "note", "utm_content"),
      fc.boolean(),
      fc.array(textWord, { maxLength: 3 }),
      word,
      async (s, where, name, encode, words, w) => {
        const e = encode ? encodeURIComponent(s) : s;
        let url = `${ORIGIN}/${w}`;
        if (where === "path") url = `${ORIGIN}/${w}/${e}`;
        else if (where === "query") url = `${ORIGIN}/${w}?${name}=${e}&page=2`;
        else if (where === "fragment") url = `${ORIGIN}/${w}#${name}=${e}`;
        else if (where === "hash-route") url = `${ORIGIN}/#/${w}/${e}`;
        const now = Date.now();
        const session = uid("s");
        const events: Record<string, unknown>[] = [
          { type: "page_view", t: now - 2000, page: { url, type: "search" } },
        ];
        if (where === "search")
          events.push({ type: "search", t: now - 1000, search_term: [...words, s].join(" ") });
        const r = await post(
          server.url,
          makeBatch({
            session,
            context: { url, referrer: url, lang: "en-GB", ua: BROWSER_UA },
            events,
          }),
        );
        assert.equal(r.status, 200, JSON.stringify(r.body));
        for (const f of forms(s)) {
          assert.deepEqual(await store.findValue(f), [], `${JSON.stringify(f)} stored (${where})`);
        }
        // The control: the harmless parts around it are stored (the fields are really kept).
        const kept = where === "search" && words.length > 0 ? words[0]! : `/${w}`;
        assert.ok((await store.findValue(kept)).length > 0, `${kept} kept (${where})`);
        const logged = [...readLog(logDir)].filter(
          (x) => x.record.k === "b" && x.record.session === session,
        );
        assert.equal(logged.length, 1);
        const text = JSON.stringify(logged[0]!.record);
        for (const f of forms(s)) assert.ok(!text.includes(f), `${f} in the log (${where})`);
      },
    ),
    { numRuns: 60 },
  );
});
