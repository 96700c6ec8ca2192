/** SessionStore over a real (in-memory) DuckDB store: loading, lazy last-seen, expiry. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { DuckDbStore, type LoginSessionRecord, type LoginSessions } from "@intently/store";
import { type SessionOptions, SessionStore } from "../src/api/auth/sessions.ts";
import { sha256 } from "../src/api/ids.ts";

const HOUR = 3_600_000;
const OPTS: SessionOptions = { idleMs: HOUR, maxAgeMs: 10 * HOUR, persistEveryMs: HOUR };
const T0 = 100 * HOUR;
const ALL = { idleBefore: 0, createdBefore: 0 };

async function withStore(f: (store: DuckDbStore, warnings: string[]) => Promise<void>) {
  const store = await DuckDbStore.open(null);
  try {
    await f(store, []);
  } finally {
    await store.close();
  }
}

const row = (cookie: string, createdAt: number, lastSeenAt: number): LoginSessionRecord => ({
  idHash: sha256(cookie),
  userId: "usr_1",
  csrfToken: `csrf-${cookie}`,
  createdAt,
  lastSeenAt,
});

test("start loads live sessions only: idle or too old ones stay out", () =>
  withStore(async (store, warnings) => {
    await store.loginSessions.save(row("live", T0 - 2 * HOUR, T0 - 1000));
    await store.loginSessions.save(row("idle", T0 - 3 * HOUR, T0 - 2 * HOUR));
    await store.loginSessions.save(row("old", T0 - 11 * HOUR, T0 - 1000));
    const sessions = new SessionStore(OPTS, () => T0, {
      store: store.loginSessions,
      warn: (l) => warnings.push(l),
    });
    await sessions.start();
    assert.equal(sessions.size, 1);
    assert.equal(sessions.get("live")?.csrfToken, "csrf-live");
    assert.equal(sessions.get("idle"), null);
    await sessions.close();
    assert.deepEqual(warnings, []);
  }));

test("last-seen times are written lazily: not on each use, but on close", () =>
  withStore(async (store) => {
    let now = T0;
    const sessions = new SessionStore(OPTS, () => now, {
      store: store.loginSessions,
      warn: () => {},
    });
    await sessions.start();
    const { cookie } = await sessions.create("usr_1");
    now += 5000;
    assert.ok(sessions.get(cookie));
    const [before] = await store.loginSessions.live(ALL);
    assert.equal(before?.lastSeenAt, T0);
    await sessions.close();
    const [afterClose] = await store.loginSessions.live(ALL);
    assert.equal(afterClose?.lastSeenAt, T0 + 5000);
    assert.equal(afterClose?.idHash, sha256(cookie));
  }));

test("every persistEveryMs: last-seen times written, expired rows deleted", () =>
  withStore(async (store) => {
    let now = T0;
    await store.loginSessions.save(row("expired", T0 - 11 * HOUR, T0 - 11 * HOUR));
    const sessions = new SessionStore({ ...OPTS, persistEveryMs: 10 }, () => now, {
      store: store.loginSessions,
      warn: () => {},
    });
    await sessions.start();
    const { cookie } = await sessions.create("usr_1");
    now += 7000;
    sessions.get(cookie);
    for (let i = 0; i < 100; i++) {
      const rows = await store.loginSessions.live(ALL);
      if (rows.length === 1 && rows[0]!.lastSeenAt === T0 + 7000) break;
      await sleep(10);
    }
    assert.deepEqual(
      (await store.loginSessions.live(ALL)).map((r) => [r.idHash, r.lastSeenAt]),
      [[sha256(cookie), T0 + 7000]],
    );
    await sessions.close();
  }));

test("destroy and destroyUser are written through", () =>
  withStore(async (store) => {
    const sessions = new SessionStore(OPTS, () => T0, {
      store: store.loginSessions,
      warn: () => {},
    });
    await sessions.start();
    const a = await sessions.create("usr_1");
    const b = await sessions.create("usr_1");
    const c = await sessions.create("usr_1");
    await sessions.create("usr_2");
    await sessions.destroy(a.cookie);
    await sessions.destroyUser("usr_1", b.cookie);
    assert.equal(sessions.get(c.cookie), null);
    const left = (await store.loginSessions.live(ALL)).map((r) => r.userId).sort();
    assert.deepEqual(left, ["usr_1", "usr_2"]);
    assert.ok((await store.loginSessions.live(ALL)).some((r) => r.idHash === sha256(b.cookie)));
    await sessions.close();
  }));

test("a failing store: logged once per outage, sessions work in memory", async () => {
  const warnings: string[] = [];
  let broken = true;
  const failing =
    <T>(value: T) =>
    async (): Promise<T> => {
      if (broken) throw new Error("disk full");
      return value;
    };
  const store: LoginSessions = {
    save: failing(undefined),
    live: failing([]),
    delete: failing(true),
    deleteUser: failing(0),
    deleteExpired: failing(0),
  };
  const sessions = new SessionStore(OPTS, () => T0, { store, warn: (l) => warnings.push(l) });
  await sessions.start();
  const { cookie } = await sessions.create("usr_1");
  assert.ok(sessions.get(cookie));
  await sessions.destroy(cookie);
  assert.equal(sessions.get(cookie), null);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /could not load the stored sessions \(disk full\)/);
  broken = false;
  await sessions.create("usr_1");
  broken = true;
  await sessions.create("usr_1");
  assert.equal(warnings.length, 2, "a new outage is logged again");
  await sessions.close();
});
