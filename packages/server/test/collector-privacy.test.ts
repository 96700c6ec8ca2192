/**
 * The collector scrubs PII from every batch whatever sent it (docs/privacy.md "What is
 * scrubbed"): a batch posted directly, with an e-mail, phone, card number, JWT, cloud key and a
 * reset token in every URL and free-text field, is stored without them: not in the events or
 * sessions rows, and not in any byte of any file of the data folder (log included) after stop.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { DuckDbStore } from "@intently/store";
import {
  BROWSER_UA,
  makeBatch,
  ORIGIN,
  post,
  startCollector,
} from "./support-collector/helpers.ts";

const EMAIL = "jo.privacy@mail.example.com";
const PHONE = "+44 20 7946 0958";
const CARD = "4111 1111 1111 1111";
const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqby5wcml2YWN5In0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";
const AWS = "AKIAIOSFODNN7EXAMPLE";
const RESET = "Rz7Qk9LmWq";
const SECRETS = [EMAIL, PHONE, CARD, JWT, AWS, RESET];
const enc = encodeURIComponent;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Every form a secret could be stored in: raw, percent-encoded, form-encoded. */
const forms = (s: string) => [...new Set([s, enc(s), s.replace(/ /g, "+"), s.replace(/ /g, "")])];

function assertFree(text: string, where: string) {
  for (const s of SECRETS)
    for (const f of forms(s))
      assert.ok(!text.includes(f), `${JSON.stringify(f)} found in ${where}`);
}

test("a direct batch with PII in every field is stored, logged and kept in no file without it", async () => {
  const t = await startCollector();
  const now = Date.now();
  const b = makeBatch({
    context: {
      url: `${ORIGIN}/?email=${enc(EMAIL)}&tel=${enc(PHONE)}&utm_source=news`,
      referrer: `https://mail.example/inbox#id_token=${JWT}`,
      lang: "en-GB",
      ua: BROWSER_UA,
    },
    events: [
      {
        type: "page_view",
        t: now - 5000,
        page: { url: `${ORIGIN}/account/${enc(EMAIL)}/#/reset/${RESET}`, title: `Hi ${PHONE}` },
        referrer: `https://pay.example/?c=${enc(CARD)}&X-Amz-Credential=${AWS}`,
      },
      { type: "search", t: now - 4000, search_term: `boots ${EMAIL} ${PHONE} ${CARD}` },
      { type: "view_search_results", t: now - 3900, search_term: `call ${PHONE}`, results: 0 },
      { type: "filter", t: now - 3000, target: `input#${AWS}`, name: "note", value: JWT },
      { type: "set", t: now - 2000, props: { customer_email: EMAIL, note: `card ${CARD}` } },
    ],
  });
  const r = await post(t.url, b);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  await t.server.close();

  const store = await DuckDbStore.open(t.dataDir);
  try {
    const rows = await store.db.query(
      "SELECT to_json(e) AS j FROM events e WHERE session = $s UNION ALL SELECT to_json(s) FROM sessions s WHERE session = $s",
      { s: b.session },
    );
    assert.ok(rows.length >= 6, `events and the session stored (${rows.length} rows)`);
    const stored = rows.map((x) => String(x.j)).join("\n");
    assertFree(stored, "the events and sessions rows");
    assert.ok(
      stored.includes("boots") && stored.includes('"source_name":"news"'),
      "the rest is kept",
    );
  } finally {
    await store.close();
  }
  try {
    for (const f of files(t.dataDir)) assertFree(readFileSync(f).toString("latin1"), f);
  } finally {
    rmSync(t.dataDir, { recursive: true, force: true });
  }
});
