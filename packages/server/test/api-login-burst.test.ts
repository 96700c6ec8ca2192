/**
 * The login rate limit under concurrency (issue 13, defect 2): a burst of sign-ins sent at once
 * must not get more password checks than the limit allows, because the attempt is counted
 * before its password is verified.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Client } from "./support-api/client.ts";
import { ADMIN, startApi } from "./support-api/server.ts";

async function burst(url: string, passwords: string[], email = ADMIN.email): Promise<number[]> {
  const answers = await Promise.all(passwords.map((p) => new Client(url).login(email, p)));
  for (const a of answers)
    if (a.status === 429) assert.ok(Number(a.headers.get("retry-after")) >= 1, "Retry-After");
  return answers.map((a) => a.status);
}

const wrong = (n: number, tag = "w") => Array.from({ length: n }, (_, i) => `${tag}-${i}-wrong`);
const count = (statuses: number[], s: number) => statuses.filter((x) => x === s).length;

test("30 wrong passwords sent at once: at most 5 are checked (401), the others get 429", async () => {
  const s = await startApi();
  try {
    const statuses = await burst(s.url, wrong(30));
    assert.ok(count(statuses, 401) <= 5, `401s: ${count(statuses, 401)}`);
    assert.equal(count(statuses, 401) + count(statuses, 429), 30, String(statuses));
    assert.ok(count(statuses, 401) >= 1, "some attempts are checked");
  } finally {
    await s.close();
  }
});

test("once 5 failures are counted by bursts, the right password inside a burst gets 429", async () => {
  const s = await startApi();
  try {
    let failures = 0;
    for (let round = 0; round < 20 && failures < 5; round++) {
      failures += count(await burst(s.url, wrong(10, `r${round}`)), 401);
      assert.ok(failures <= 5, `failures counted: ${failures}`);
    }
    assert.equal(failures, 5);
    const statuses = await burst(s.url, [...wrong(10, "last"), ADMIN.password]);
    assert.equal(statuses.at(-1), 429, "the right password is refused");
    assert.equal(count(statuses, 429), 11, String(statuses));
  } finally {
    await s.close();
  }
});

test("the right password sent together with many wrong ones is not accepted past the limit", async () => {
  const s = await startApi();
  try {
    // Old behaviour: every request passed the check before any failure was counted, so the right
    // password was accepted after 30 failures. Now at most 5 wrong ones are ever checked.
    const statuses = await burst(s.url, [...wrong(30), ADMIN.password]);
    assert.ok(count(statuses, 401) <= 5, String(statuses));
  } finally {
    await s.close();
  }
});

test("a burst over many emails from one IP is held to the per-IP limit", async () => {
  const s = await startApi({ maxIpFailures: 10 });
  try {
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        new Client(s.url).login(`nobody-${i}@nowhere.test`, "whatever-password"),
      ),
    );
    const statuses = answers.map((a) => a.status);
    assert.ok(count(statuses, 401) <= 10, String(statuses));
    assert.equal(count(statuses, 401) + count(statuses, 429), 30, String(statuses));
  } finally {
    await s.close();
  }
});

test("successful sign-ins do not use up the per-IP failure budget", async () => {
  const s = await startApi({ maxIpFailures: 3 });
  try {
    for (let i = 0; i < 6; i++)
      assert.equal((await new Client(s.url).login(ADMIN.email, ADMIN.password)).status, 200);
    assert.equal((await new Client(s.url).login("x@nowhere.test", "wrong-password")).status, 401);
  } finally {
    await s.close();
  }
});
