/**
 * The idempotency index remembers batch ids by a 64-bit keyed digest (issue 24): the digest is
 * HalfSipHash-2-4 as specified, a full index never takes one id for another, and an index
 * rebuilt from the log by a new process (a new random digest key) answers as the old one.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { DuckDbStore } from "@intently/store";
import { conflicts, IdempotencyIndex, NO_CHANGE } from "../src/collector/idempotency.ts";
import { KeyDigest } from "../src/collector/key-digest.ts";
import { CollectorLog } from "../src/collector/log.ts";
import { type BatchRecord, batchKey } from "../src/collector/records.ts";
import { recover } from "../src/collector/recover.ts";
import { EngineHost } from "../src/engine-host.ts";

/**
 * HalfSipHash-2-4, 8-byte output, key 00..07, message 00..(n−1): the reference implementation's
 * vectors (github.com/veorq/SipHash, vectors.h `vectors_hsip64`) for every even n < 64 — a
 * string's UTF-16 code units are 2 bytes each, so only even lengths can be written as strings.
 */
const HSIP64_EVEN: readonly string[] = [
  "218d1f59b9b83cc8", // n = 0
  "064f39ef7c50eb57",
  "d5e78a175be52ea1",
  "ce3e91358aa2bc25",
  "edfee820bce4858c",
  "95b0469f06a6f2ee",
  "7bc71f9faef5c799",
  "3bb1a870eae8e658",
  "7336aad25f7bf3b5", // n = 16
  "c9b2db2b9a3e42f9",
  "1bf52b0a6feea7db",
  "e20103fa1ba776ef",
  "70741045ae3fa6f1",
  "0d899ed8112923f0",
  "2d925ffb1e0016b5",
  "291aaf864898179d",
  "28709d46d811626c", // n = 32
  "8324e4d7528f9830",
  "86d67a40ec4276dc",
  "cbd92ee724d42109",
  "5b38c81c67c8ae4c",
  "a91a52c025327024",
  "1e30f3ad27dcb15a",
  "495c0f995557dc38",
  "a9eaa8c04ba93e3e", // n = 48
  "912d568fd8f65a49",
  "02445a7998f550e1",
  "359569e7d289e3bc",
  "a1a492f942f15f1d",
  "5d1b5ea1b231d89d",
  "d6762890bf26e460",
  "f90b3ab572d46693",
];

const hex32le = (x: number) =>
  [0, 8, 16, 24].map((s) => ((x >>> s) & 0xff).toString(16).padStart(2, "0")).join("");

test("the key digest is HalfSipHash-2-4 (64-bit output) over the UTF-16LE bytes", () => {
  const d = new KeyDigest(Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7]));
  HSIP64_EVEN.forEach((want, i) => {
    const n = 2 * i;
    let s = "";
    for (let b = 0; b < n; b += 2) s += String.fromCharCode(b | ((b + 1) << 8));
    d.digest(s);
    assert.equal(hex32le(d.lo) + hex32le(d.hi), want, `${n} bytes`);
  });
  // Odd code-unit counts end in a half word; other keys give other digests.
  d.digest("abc");
  const abc = [d.lo, d.hi];
  d.digest("abc\u0000");
  assert.notDeepEqual([d.lo, d.hi], abc, "a trailing zero code unit counts (the length does)");
  const other = new KeyDigest(Uint8Array.from([1, 1, 2, 3, 4, 5, 6, 7]));
  other.digest("abc");
  assert.notDeepEqual([other.lo, other.hi], abc);
  assert.throws(() => new KeyDigest(new Uint8Array(4)), RangeError);
});

/** Ids shaped like the tag's (ids.ts rid: a prefix and three base-36 uint32s). */
function rid(prefix: string, n: number): string {
  const a = Math.imul(n, 0x9e3779b1) >>> 0;
  const b = Math.imul(n ^ 0x5bd1e995, 0x85ebca6b) >>> 0;
  return `${prefix}${a.toString(36)}${b.toString(36)}${(n >>> 0).toString(36)}`;
}

test("200,000 remembered ids are each found with their own entry; 200,000 others are not", () => {
  const maxKeys = 200_000;
  const index = new IdempotencyIndex(24 * 3_600_000, maxKeys);
  const sites = ["demo-shop-1a2b3c", "brand-store-9f8e7d", "x"];
  const key = (i: number) => batchKey(sites[i % 3]!, rid("s_", Math.floor(i / 4)), rid("b_", i));
  const t0 = 1_700_000_000_000;
  for (let i = 0; i < maxKeys; i++)
    index.add(key(i), NO_CHANGE, t0 + i, i % 10 === 0 ? undefined : i);
  assert.equal(index.size, maxKeys);
  for (let i = 0; i < maxKeys; i++) {
    const e = index.get(key(i));
    assert.ok(e, `remembered id ${i}`);
    if (e.at !== t0 + i) assert.fail(`id ${i} answered with the entry of ${e.at - t0}`);
    assert.equal(e.hash, i % 10 === 0 ? undefined : i);
  }
  // Others, many of them one step from a remembered id: next numbers, same session with
  // another batch, the same ids under another site, the parts' boundaries moved.
  let found = 0;
  for (let i = 0; i < maxKeys; i++) {
    const near =
      i % 4 === 0
        ? key(maxKeys + i)
        : i % 4 === 1
          ? batchKey(sites[i % 3]!, rid("s_", Math.floor(i / 4)), rid("b_", i + 1).toUpperCase())
          : i % 4 === 2
            ? batchKey(sites[(i + 1) % 3]!, rid("s_", Math.floor(i / 4)), rid("b_", i))
            : batchKey(
                sites[i % 3]!,
                `${rid("s_", Math.floor(i / 4))}\u0000b`,
                rid("b_", i).slice(1),
              );
    if (index.get(near) !== undefined) found++;
  }
  assert.equal(found, 0, "ids never added are not found");
  // The 200,001st id pushes out the oldest, and only it.
  index.add(key(maxKeys), NO_CHANGE, t0 + maxKeys);
  assert.equal(index.get(key(0)), undefined);
  assert.ok(index.get(key(1)));
  assert.ok(index.get(key(maxKeys)));
});

test("after a restart the index is rebuilt from the log under a new digest key", async () => {
  const dir = mkdtempSync(join(tmpdir(), "intently-idem-digest-"));
  const store = await DuckDbStore.open(null);
  try {
    const now = Date.now();
    const old = 5_000; // logged 5 h ago: remembered, not replayed (replay window 4 h)
    const recent = 20; // logged a minute ago: replayed into the engine as well
    const records: BatchRecord[] = [];
    for (let i = 0; i < old + recent; i++) {
      const at = i < old ? now - 5 * 3_600_000 + i : now - 60_000 + i;
      records.push({
        k: "b",
        at,
        site: "site-r",
        visitor: rid("v_", i >> 2),
        session: rid("s_", i >> 2),
        batch: rid("b_", i),
        off: 0,
        ...(i % 7 === 0 ? {} : { h: 1_000_000 + i }), // some logged before content hashes
        events: [{ type: "page_view", t: at, page: { url: `https://shop.test/p/${i}` } }],
      } as BatchRecord);
    }
    const log = CollectorLog.open(join(dir, "log"));
    await Promise.all(records.map((r) => log.append(JSON.stringify(r), () => undefined)));
    await log.close();

    const options = {
      now,
      idempotencyWindowMs: 24 * 3_600_000,
      idempotencyMaxKeys: 200_000,
      replayWindowMs: 4 * 3_600_000,
      sessionTimeoutMs: 30 * 60_000,
    };
    const answers: string[][] = [];
    for (let run = 0; run < 2; run++) {
      const reopened = CollectorLog.open(join(dir, "log"));
      const host = new EngineHost(store);
      const index = new IdempotencyIndex(options.idempotencyWindowMs, options.idempotencyMaxKeys);
      const stats = recover(reopened, host, index, options);
      await reopened.close();
      assert.equal(stats.batchIds, records.length);
      assert.equal(stats.recorded, recent, "the recent batches were applied again");
      assert.equal(index.size, records.length);
      const seen: string[] = [];
      for (const r of records) {
        const e = index.get(batchKey(r.site, r.session, r.batch));
        assert.ok(e, r.batch);
        assert.equal(e.at, r.at);
        assert.equal(e.hash, r.h);
        // A retry is a duplicate; the id reused with other content is a conflict (409).
        assert.equal(conflicts(e.hash, r.h ?? 0), false);
        if (r.h !== undefined) assert.equal(conflicts(e.hash, r.h + 1), true);
        seen.push(`${e.at}:${e.hash}:${e.outcome.enter.join()}`);
        assert.equal(index.get(batchKey(r.site, r.session, `${r.batch}x`)), undefined);
        assert.equal(index.get(batchKey(r.site, r.visitor, r.batch)), undefined);
      }
      answers.push(seen);
    }
    assert.deepEqual(answers[1], answers[0], "two runs (two digest keys) give the same answers");
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
