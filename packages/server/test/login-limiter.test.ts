/** The login limiter alone: attempts are reserved synchronously, before any password check. */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type Admission,
  DEFAULT_LIMITER_OPTIONS,
  LoginLimiter,
} from "../src/api/auth/rate-limit.ts";

const IP = "127.0.0.1";
const clock = () => 1_000_000;
const admitted = (xs: Admission[]) => xs.filter((x) => x.attempt !== null).length;

test("N acquire() calls at once never admit more than the in-flight cap, whatever N", () => {
  const l = new LoginLimiter(DEFAULT_LIMITER_OPTIONS, clock);
  const burst = Array.from({ length: 50 }, () => l.acquire("a@b.test", IP));
  assert.equal(admitted(burst), DEFAULT_LIMITER_OPTIONS.maxInFlightPerEmail);
  for (const x of burst.slice(2)) assert.equal(x.retryAfter, 1);
});

test("attempts in flight count as failures: the 6th is refused before any of them settled", () => {
  const l = new LoginLimiter({ ...DEFAULT_LIMITER_OPTIONS, maxInFlightPerEmail: 100 }, clock);
  const burst = Array.from({ length: 30 }, () => l.acquire("a@b.test", IP));
  assert.equal(admitted(burst), 5);
  assert.ok(
    burst.slice(5).every((x) => x.retryAfter === 900),
    "Retry-After: the window",
  );
  // A success among them takes its own reservation back (and clears the pair).
  burst[0]!.attempt!.succeed();
  for (const x of burst) x.attempt?.settle();
  assert.notEqual(l.acquire("a@b.test", IP).attempt, null);
});

test("failures stay counted once settled; a success clears the (email, IP) count", () => {
  const l = new LoginLimiter(DEFAULT_LIMITER_OPTIONS, clock);
  for (let i = 0; i < 4; i++) l.acquire("a@b.test", IP).attempt!.settle();
  const ok = l.acquire("A@B.test ", IP).attempt!;
  ok.succeed();
  ok.settle();
  for (let i = 0; i < 5; i++) {
    const next = l.acquire("a@b.test", IP).attempt;
    assert.ok(next, `attempt ${i} after the success`);
    next.settle();
  }
  assert.equal(l.acquire("a@b.test", IP).attempt, null);
  // Another IP is its own pair.
  assert.notEqual(l.acquire("a@b.test", "10.0.0.1").attempt, null);
});

test("the per-IP caps cover every email: in flight and failures", () => {
  const l = new LoginLimiter({ ...DEFAULT_LIMITER_OPTIONS, maxIpFailures: 20 }, clock);
  const burst = Array.from({ length: 40 }, (_, i) => l.acquire(`u${i}@b.test`, IP));
  assert.equal(admitted(burst), DEFAULT_LIMITER_OPTIONS.maxInFlightPerIp);
  for (const x of burst) x.attempt?.settle();
  for (let i = 0; i < 10; i++) l.acquire(`v${i}@b.test`, IP).attempt!.settle();
  const refused = l.acquire("w@b.test", IP);
  assert.equal(refused.attempt, null);
  assert.ok(refused.retryAfter > 1);
});

test("the in-flight per email holds across IPs, and settling twice releases once", () => {
  const l = new LoginLimiter(DEFAULT_LIMITER_OPTIONS, clock);
  const a = l.acquire("a@b.test", "10.0.0.1").attempt!;
  const b = l.acquire("a@b.test", "10.0.0.2").attempt!;
  assert.equal(l.acquire("a@b.test", "10.0.0.3").attempt, null);
  a.settle();
  a.settle();
  assert.notEqual(l.acquire("a@b.test", "10.0.0.3").attempt, null);
  assert.equal(l.acquire("a@b.test", "10.0.0.4").attempt, null);
  b.settle();
});
