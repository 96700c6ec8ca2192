/** Login sessions: saved by cookie hash, last seen moves forward only, expiry and sign-out. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { LoginSessionRecord } from "../../src/index.ts";
import { type MakeStore, storePerSuite } from "./support.ts";

const rec = (n: string, userId: string, at: number): LoginSessionRecord => ({
  idHash: n.repeat(64),
  userId,
  csrfToken: `csrf-${n}`,
  createdAt: at,
  lastSeenAt: at,
});
const ALL = { idleBefore: 0, createdBefore: 0 };

export function loginSessionsContract(make: MakeStore): void {
  describe("login sessions", () => {
    const store = storePerSuite(make);
    const ls = () => store().loginSessions;

    test("saved, and last seen never moves back", async () => {
      await ls().save(rec("a", "u1", 100));
      await ls().save({ ...rec("a", "u1", 100), lastSeenAt: 500 });
      await ls().save({ ...rec("a", "u1", 100), lastSeenAt: 300 });
      assert.deepEqual(await ls().live(ALL), [{ ...rec("a", "u1", 100), lastSeenAt: 500 }]);
    });

    test("a hash that is not a SHA-256 is refused", async () => {
      await assert.rejects(ls().save({ ...rec("a", "u1", 1), idHash: "cookie-value" }));
    });

    test("expiry by idleness or age; sign-out of a user but one", async () => {
      await ls().save(rec("b", "u1", 200));
      await ls().save(rec("c", "u2", 1000));
      assert.deepEqual(
        (await ls().live({ idleBefore: 400, createdBefore: 0 })).map((s) => s.idHash[0]).sort(),
        ["a", "c"],
      );
      assert.equal(await ls().deleteUser("u1", "a".repeat(64)), 1);
      assert.equal(await ls().deleteExpired({ idleBefore: 0, createdBefore: 150 }), 1);
      assert.equal(await ls().delete("c".repeat(64)), true);
      assert.deepEqual(await ls().live(ALL), []);
    });
  });
}
