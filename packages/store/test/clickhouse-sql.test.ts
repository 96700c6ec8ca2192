/**
 * The one quoting of values into ClickHouse SQL (src/clickhouse/sql.ts): literals that hold
 * exactly the value, checked on the real server with strings built to break out of a literal;
 * and through the store, such values stored and selected by as plain text.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Ch } from "../src/clickhouse/client.ts";
import { ident, int, num, str, strs } from "../src/clickhouse/sql.ts";
import type { ClickHouseStore } from "../src/clickhouse/store.ts";
import { rowsOf, SPECS } from "./fixture.ts";
import { openCh, openClickHouseStore } from "./support/clickhouse.ts";

const HOSTILE = [
  "",
  "plain",
  "it's",
  "x' OR 1 = 1 --",
  "x'; DROP TABLE sessions; --",
  "\\",
  "ends with \\",
  "\\' OR 1 --",
  "\\\\'",
  "''",
  "line\nbreak\r\ttab",
  "nul\u0000byte",
  "\u0008\u000c",
  'quote " and `back`',
  "{name:String}",
  "unicode é 漢字 🛒",
  "/* comment */",
  "?",
];

describe("quoting values (no server)", () => {
  test("strings: quotes and backslashes escaped, one line", () => {
    assert.equal(str("it's"), "'it\\'s'");
    assert.equal(str("a\\b"), "'a\\\\b'");
    assert.equal(str("a\nb\0"), "'a\\nb\\0'");
    for (const s of HOSTILE)
      assert.ok(
        !str(s)
          .slice(1, -1)
          .match(/(^|[^\\])(\\\\)*'/),
        s,
      );
    assert.throws(() => str(1 as never), TypeError);
  });

  test("numbers: finite only; lists; identifiers", () => {
    assert.equal(num(1.5), "1.5");
    assert.equal(num(-2), "(-2)");
    assert.equal(int(2.6), "3");
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, "1" as never])
      assert.throws(() => num(bad), TypeError);
    assert.equal(strs([]), "emptyArrayString()");
    assert.equal(strs(["a", "b'"]), "['a', 'b\\'']");
    assert.equal(ident("t_1"), "t_1");
    for (const bad of ["", "a b", "x;y", "a`", "1a", "db.t"]) assert.throws(() => ident(bad));
  });
});

describe("quoting values on ClickHouse", () => {
  let ch: Ch;
  let store: ClickHouseStore;
  before(async () => {
    ch = await openCh();
    store = await openClickHouseStore();
  });
  after(async () => {
    await ch?.close();
    await store?.close();
  });

  test("every literal reads back as the same string", async () => {
    const select = HOSTILE.map((s, i) => `${str(s)} AS v${i}`).join(", ");
    const r = await ch.row(`SELECT ${select}`);
    for (const [i, s] of HOSTILE.entries()) assert.equal(r[`v${i}`], s, JSON.stringify(s));
    const list = await ch.row(`SELECT ${strs(HOSTILE)} AS l, ${num(-0.1)} + ${int(-3)} AS x`);
    assert.deepEqual(list.l, HOSTILE);
    assert.equal(list.x, -3.1);
  });

  test("hostile ids are stored and found as text, and select nothing else", async () => {
    const base = rowsOf(SPECS[0]!).session;
    store.writeSessions(
      HOSTILE.map((s, i) => ({ ...base, session: `s${i}`, visitor: s, identifiedHash: s })),
    );
    await store.flush();
    for (const s of HOSTILE) {
      assert.deepEqual(await store.identitiesOf(base.site, s), [s], JSON.stringify(s));
      assert.deepEqual(await store.visitorsByIdentity(base.site, [s]), [s]);
    }
    assert.deepEqual(await store.sessionTallies("x' OR 1 = 1 --"), []);
    assert.equal((await store.stats()).sessions, HOSTILE.length);
  });
});
