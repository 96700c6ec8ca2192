/**
 * `intently start` configuration through the real binary (issue 23, items 1, 4 and 8): bad
 * settings stop it with one line each and exit 2, no stack trace; good ones reach the running
 * server (public URL in the banner, JSON logs, /readyz, /metrics with the token).
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../bin/intently.js", import.meta.url));

/** The environment without the caller's INTENTLY_* settings, plus `extra`. */
function envWith(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("INTENTLY_")) delete env[k];
  return { ...env, ...extra };
}

function run(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: envWith(env) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("bad settings: one line each, exit 2, no stack trace, nothing started", () => {
  const dir = mkdtempSync(join(tmpdir(), "intently-start-"));
  try {
    const r = run(["start", "--data", join(dir, "data"), "--port", "0"], {
      INTENTLY_TRAIN_EVERY_HOURS: "abc",
      INTENTLY_ADMIN_EMAIL: "not-an-email",
    });
    assert.equal(r.code, 2, r.stderr);
    assert.equal(
      r.stderr,
      [
        "intently start: 2 bad settings:",
        '  INTENTLY_ADMIN_EMAIL must be an email address, got "not-an-email"',
        '  INTENTLY_TRAIN_EVERY_HOURS must be a number of hours (≥ 0), got "abc"',
        "",
      ].join("\n"),
    );
    assert.equal(r.stdout, "");

    const flag = run(["start", "--public-url", "https://shop.test/x?y=1"], {});
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /^intently start: bad setting: --public-url must have no query/);

    const file = join(dir, "intently.json");
    writeFileSync(file, JSON.stringify({ INTENTLY_TRUST_PROXY: "proxy.local" }));
    const fromFile = run(["start", "--config", file], {});
    assert.equal(fromFile.code, 2);
    assert.match(fromFile.stderr, /INTENTLY_TRUST_PROXY \(in .*intently\.json\) must list IP/);
    assert.doesNotMatch(fromFile.stderr, /\n\s+at /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("intently start with a public URL, JSON logs, readiness and metrics", async () => {
  const dir = mkdtempSync(join(tmpdir(), "intently-start-"));
  const token = "scrape-token-abcdefghij";
  const child = spawn(
    process.execPath,
    [
      BIN,
      "start",
      "--data",
      join(dir, "data"),
      "--port",
      "0",
      "--public-url",
      "https://in.shop.test",
      "--trust-proxy",
      "127.0.0.1",
      "--log-level",
      "info",
    ],
    {
      env: envWith({
        INTENTLY_METRICS_TOKEN: token,
        INTENTLY_ADMIN_EMAIL: "ops@shop.test",
        INTENTLY_ADMIN_PASSWORD: "a-long-password",
      }),
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  try {
    const deadline = Date.now() + 120_000;
    while (!stdout.includes("Intently is running at") && Date.now() < deadline) {
      if (child.exitCode !== null) assert.fail(`exited ${child.exitCode}: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(stdout, /Intently is running at https:\/\/in\.shop\.test /);
    // The listening address is in the JSON log (the banner shows the public URL).
    const listening = stdout
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { msg: string; level: string })
      .find((r) => r.msg.startsWith("Server listening at "));
    assert.equal(listening?.level, "info");
    const base = listening!.msg.slice("Server listening at ".length);

    assert.equal((await fetch(`${base}/readyz`)).status, 200);
    const m = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(m.status, 200);
    assert.match(await m.text(), /^intently_collector_in_flight 0$/m);
    assert.equal((await fetch(`${base}/metrics`)).status, 401);

    const before = stdout.length;
    await (await fetch(`${base}/livez`, { headers: { "x-request-id": "probe-1" } })).text();
    await new Promise((r) => setTimeout(r, 200));
    const line = stdout
      .slice(before)
      .split("\n")
      .find((l) => l.includes('"probe-1"'));
    assert.ok(line, stdout.slice(before));
    assert.deepEqual(JSON.parse(line).req, { method: "GET", route: "/livez" });
  } finally {
    child.kill("SIGTERM");
    assert.equal(await exited, 0, stderr);
    rmSync(dir, { recursive: true, force: true });
  }
});
