/** Login sessions on DuckDB: keyed by a hash, upserted, expired by cutoffs, kept on disk. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, test } from "node:test";
import { DuckDbStore, type LoginSessionRecord } from "../src/index.ts";
import { tempDir } from "./helpers.ts";

const tmp = tempDir();
after(() => tmp.cleanup());

const hash = (s: string) => createHash("sha256").update(s).digest("hex");
const rec = (cookie: string, userId: string, at: number): LoginSessionRecord => ({
  idHash: hash(cookie),
  userId,
  csrfToken: `csrf-${cookie}`,
  createdAt: at,
  lastSeenAt: at,
});
const FAR = { idleBefore: 0, createdBefore: 0 };

test("saved sessions survive reopening; last_seen_at only moves forward", async () => {
  const s1 = await DuckDbStore.open(tmp.dir);
  await s1.loginSessions.save(rec("a", "u1", 1000));
  await s1.loginSessions.save({ ...rec("a", "u1", 1000), lastSeenAt: 5000 });
  await s1.loginSessions.save({ ...rec("a", "u1", 1000), lastSeenAt: 3000 });
  await s1.close();
  const s2 = await DuckDbStore.open(tmp.dir);
  try {
    assert.deepEqual(await s2.loginSessions.live(FAR), [
      { ...rec("a", "u1", 1000), lastSeenAt: 5000 },
    ]);
  } finally {
    await s2.close();
  }
});

test("live and deleteExpired apply the idle and age cutoffs", async () => {
  const store = await DuckDbStore.open(null);
  try {
    const ls = store.loginSessions;
    await ls.save(rec("old", "u1", 100)); // created too long ago
    await ls.save({ ...rec("idle", "u1", 500), lastSeenAt: 600 }); // idle too long
    await ls.save({ ...rec("ok", "u1", 500), lastSeenAt: 2000 });
    const cut = { idleBefore: 1000, createdBefore: 200 };
    assert.deepEqual(
      (await ls.live(cut)).map((r) => r.idHash),
      [hash("ok")],
    );
    assert.equal(await ls.deleteExpired(cut), 2);
    assert.equal((await ls.live(FAR)).length, 1);
  } finally {
    await store.close();
  }
});

test("delete and deleteUser (keeping one session)", async () => {
  const store = await DuckDbStore.open(null);
  try {
    const ls = store.loginSessions;
    for (const c of ["a", "b", "c"]) await ls.save(rec(c, "u1", 1));
    await ls.save(rec("d", "u2", 1));
    assert.equal(await ls.delete(hash("a")), true);
    assert.equal(await ls.delete(hash("a")), false);
    assert.equal(await ls.deleteUser("u1", hash("b")), 1);
    assert.deepEqual((await ls.live(FAR)).map((r) => r.userId).sort(), ["u1", "u2"]);
    assert.equal(await ls.deleteUser("u2"), 1);
    assert.deepEqual(
      (await ls.live(FAR)).map((r) => r.idHash),
      [hash("b")],
    );
  } finally {
    await store.close();
  }
});

test("refuses a key that is not a SHA-256 (a raw cookie value)", async () => {
  const store = await DuckDbStore.open(null);
  try {
    const raw = "Zx3_kQ9-cookie-value-of-43-characters-abcde";
    await assert.rejects(store.loginSessions.save({ ...rec("x", "u", 1), idHash: raw }), /SHA-256/);
    assert.equal((await store.loginSessions.live(FAR)).length, 0);
  } finally {
    await store.close();
  }
});
