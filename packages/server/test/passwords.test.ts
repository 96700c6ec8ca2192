/** Stored passwords: argon2id PHC strings with at least OWASP's minimum parameters. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { hashPassword, verifyPassword } from "../src/api/auth/passwords.ts";

test("a password is stored as argon2id with m ≥ 19 MiB, t ≥ 2, a random salt", async () => {
  const a = await hashPassword("correct horse battery");
  const b = await hashPassword("correct horse battery");
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.exec(a);
  assert.ok(m, a);
  assert.ok(Number(m[1]) >= 19_456 && Number(m[2]) >= 2 && Number(m[3]) >= 1, a);
  assert.notEqual(a, b, "salted");
  assert.ok(!a.includes("correct"));
});

test("verification: right, wrong, unknown user and a corrupt hash", async () => {
  const stored = await hashPassword("correct horse battery");
  assert.equal(await verifyPassword(stored, "correct horse battery"), true);
  assert.equal(await verifyPassword(stored, "correct horse batterY"), false);
  assert.equal(await verifyPassword(null, "correct horse battery"), false);
  assert.equal(await verifyPassword("$argon2id$garbage", "x"), false);
});
