/**
 * The configuration loader (issue 23, item 8): every setting is checked at start, each bad
 * value gives one line naming the setting, the expected value and what was given (never a
 * crash), periods are clamped to what a Node timer holds, flags beat the environment, which
 * beats the config file; docs/configuration.md carries the settings table.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { DEFAULT_CONFIG } from "../src/config.ts";
import { ConfigError, loadConfig } from "../src/ops/load-config.ts";
import { MAX_TIMER_MS } from "../src/ops/parse.ts";
import { SETTINGS, settingsTable } from "../src/ops/settings.ts";

function problems(env: Record<string, string>, flags: Record<string, string> = {}): string[] {
  try {
    loadConfig({ env, flags });
  } catch (e) {
    assert.ok(e instanceof ConfigError, `a ConfigError, not ${(e as Error).stack}`);
    return [...e.problems];
  }
  return [];
}

test("no settings: the defaults", () => {
  const { config, warnings } = loadConfig({ env: {} });
  assert.deepEqual(warnings, []);
  assert.equal(config.port, DEFAULT_CONFIG.port);
  assert.equal(config.host, DEFAULT_CONFIG.host);
  assert.equal(config.dataDir, DEFAULT_CONFIG.dataDir);
  assert.equal(config.publicUrl, "");
  assert.equal(config.trustProxy, undefined);
});

test("the values from the issue each give one clear line", () => {
  assert.deepEqual(problems({ INTENTLY_TRAIN_EVERY_HOURS: "abc" }), [
    'INTENTLY_TRAIN_EVERY_HOURS must be a number of hours (≥ 0), got "abc"',
  ]);
  assert.deepEqual(problems({ INTENTLY_ADMIN_EMAIL: "not-an-email" }), [
    'INTENTLY_ADMIN_EMAIL must be an email address, got "not-an-email"',
  ]);
  assert.deepEqual(problems({ INTENTLY_PORT: "99999" }), [
    'INTENTLY_PORT must be between 0 and 65535, got "99999"',
  ]);
  assert.deepEqual(problems({}, { port: "http" }), [
    '--port must be a whole number (between 0 and 65535), got "http"',
  ]);
  assert.deepEqual(problems({ INTENTLY_LOG_LEVEL: "loud" }), [
    'INTENTLY_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "loud"',
  ]);
});

test("several bad values are all reported, one line each", () => {
  const p = problems({
    INTENTLY_PORT: "-1",
    INTENTLY_TRAIN_EVERY_HOURS: "-3",
    INTENTLY_PUBLIC_URL: "in.shop.test",
    INTENTLY_TRUST_PROXY: "10.0.0.0/33",
    INTENTLY_METRICS_TOKEN: "short",
    INTENTLY_COLLECT_MAX_BODY_KB: "4096",
    INTENTLY_ALLOW_PRIVATE_DESTINATIONS: "maybe",
    INTENTLY_SECRET_KEY: "not-a-key",
    INTENTLY_ADMIN_PASSWORD: "short",
  });
  assert.equal(p.length, 9, p.join("\n"));
  for (const line of p) assert.match(line, /^INTENTLY_[A-Z_]+ must /);
  assert.ok(!p.join("\n").includes("    at "), "no stack trace");
});

test("a period longer than a Node timer holds is clamped, with a warning", () => {
  const { config, warnings } = loadConfig({ env: { INTENTLY_TRAIN_EVERY_HOURS: "597" } });
  assert.equal(config.trainEveryMs, MAX_TIMER_MS);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /INTENTLY_TRAIN_EVERY_HOURS: 597 hours is longer than a timer/);
  const r = loadConfig({ env: { INTENTLY_RETENTION_EVERY_HOURS: "1e9" } });
  assert.equal(r.config.retentionEveryMs, MAX_TIMER_MS);
  // 0 turns training off; fractional hours are fine.
  assert.equal(loadConfig({ env: { INTENTLY_TRAIN_EVERY_HOURS: "0" } }).config.trainEveryMs, 0);
  assert.equal(
    loadConfig({ env: { INTENTLY_TRAIN_EVERY_HOURS: "0.5" } }).config.trainEveryMs,
    1_800_000,
  );
});

test("the public URL: absolute http(s), no path, query or fragment; trailing slash dropped", () => {
  const url = (v: string) => loadConfig({ env: { INTENTLY_PUBLIC_URL: v } }).config.publicUrl;
  assert.equal(url("https://in.shop.test/"), "https://in.shop.test");
  assert.equal(url("http://10.0.0.5:8080"), "http://10.0.0.5:8080");
  for (const [bad, why] of [
    ["in.shop.test", /absolute URL/],
    ["ftp://shop.test", /http:\/\/ or https:\/\//],
    ["https://shop.test/?a=1", /no query string/],
    ["https://shop.test/#x", /no fragment/],
    ["https://shop.test/intently", /no path/],
    ["https://user:pw@shop.test", /user name or password/],
  ] as const) {
    const p = problems({ INTENTLY_PUBLIC_URL: bad });
    assert.equal(p.length, 1, bad);
    assert.match(p[0]!, why);
  }
});

test("trusted proxies: addresses, CIDR blocks and range names", () => {
  const list = loadConfig({
    env: { INTENTLY_TRUST_PROXY: " 127.0.0.1, 10.0.0.0/8 ,fd00::/8,Loopback" },
  }).config.trustProxy;
  assert.deepEqual(list, ["127.0.0.1", "10.0.0.0/8", "fd00::/8", "loopback"]);
  assert.match(problems({ INTENTLY_TRUST_PROXY: "nginx" })[0]!, /"nginx" is none of them/);
  assert.match(problems({ INTENTLY_TRUST_PROXY: "::1/129" })[0]!, /prefix length 0–128/);
});

test("collector and HTTP limits reach the configuration", () => {
  const { config } = loadConfig({
    env: {
      INTENTLY_COLLECT_MAX_BODY_KB: "32",
      INTENTLY_COLLECT_VISITOR_RATE: "5",
      INTENTLY_COLLECT_VISITOR_BURST: "50",
      INTENTLY_COLLECT_LOG_RETENTION_DAYS: "2",
      INTENTLY_HTTP_MAX_CONNECTIONS_PER_IP: "0",
    },
  });
  assert.equal(config.collector?.maxBodyBytes, 32 * 1024);
  assert.deepEqual(config.collector?.visitorRate, { perSecond: 5, burst: 50 });
  assert.equal(config.collector?.logRetentionMs, 2 * 86_400_000);
  assert.equal(config.http?.maxConnectionsPerIp, 0);
});

test("flags beat the environment, which beats the config file", () => {
  const dir = mkdtempSync(join(tmpdir(), "intently-config-"));
  try {
    const file = join(dir, "intently.json");
    writeFileSync(file, JSON.stringify({ INTENTLY_PORT: 7000, INTENTLY_HOST: "0.0.0.0" }));
    const fromFile = loadConfig({ env: { INTENTLY_CONFIG: file } }).config;
    assert.equal(fromFile.port, 7000);
    assert.equal(fromFile.host, "0.0.0.0");
    const fromEnv = loadConfig({ env: { INTENTLY_CONFIG: file, INTENTLY_PORT: "7001" } }).config;
    assert.equal(fromEnv.port, 7001);
    const fromFlag = loadConfig({
      env: { INTENTLY_PORT: "7001" },
      flags: { config: file, port: "7002" },
    }).config;
    assert.equal(fromFlag.port, 7002);
    assert.equal(fromFlag.host, "0.0.0.0");

    writeFileSync(file, JSON.stringify({ INTENTLY_PORT: "x", NOPE: 1, INTENTLY_SECRET_KEY: "k" }));
    const p = problems({ INTENTLY_CONFIG: file });
    assert.deepEqual(p.sort(), [
      `INTENTLY_PORT (in ${file}) must be a whole number (between 0 and 65535), got "x"`,
      `config file ${file}: INTENTLY_SECRET_KEY is read from the environment only`,
      `config file ${file}: unknown setting "NOPE"`,
    ]);
    writeFileSync(file, "{ port: 1 ");
    assert.match(problems({ INTENTLY_CONFIG: file })[0]!, /not valid JSON/);
    assert.match(problems({ INTENTLY_CONFIG: join(dir, "missing.json") })[0]!, /no such file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a misspelt INTENTLY_ variable is a warning, not ignored silently", () => {
  const { warnings } = loadConfig({ env: { INTENTLY_PUBLIC_ULR: "https://x.test" } });
  assert.deepEqual(warnings, [
    "INTENTLY_PUBLIC_ULR is not a setting (ignored); see docs/configuration.md",
  ]);
});

test("any value of any setting loads or gives ConfigError lines naming it, never another error", () => {
  const names = SETTINGS.filter((s) => s.env !== "INTENTLY_CONFIG").map((s) => s.env);
  fc.assert(
    fc.property(
      fc.dictionary(fc.constantFrom(...names), fc.string({ maxLength: 40 }), { maxKeys: 6 }),
      (env) => {
        try {
          loadConfig({ env });
        } catch (e) {
          assert.ok(e instanceof ConfigError, String((e as Error).stack));
          for (const line of e.problems)
            assert.ok(
              names.some((n) => line.startsWith(n)),
              line,
            );
        }
      },
    ),
    { numRuns: 300 },
  );
});

test("docs/configuration.md lists every setting with its default (the generated table)", () => {
  const doc = readFileSync(new URL("../../../docs/configuration.md", import.meta.url), "utf8");
  assert.ok(
    doc.includes(settingsTable()),
    "docs/configuration.md is out of date: paste settingsTable() from packages/server/src/ops/settings.ts",
  );
});
