/**
 * Signals reach the server whichever way it is started (issue 23, item 5).
 *
 * `npx intently start` stopped with SIGTERM to npx. npm forwards the signal to
 * the `sh -c` it runs the binary with, not to the server: before the fix, npx and the shell
 * exited and the server ran on as an orphan holding the data folder. Here the real binary runs
 * through the real npx from the repository root; the server takes 40 batches, npx gets SIGTERM,
 * and the server process (its pid is in its JSON log) must be gone within 20 s after a clean
 * close; a new server on the same folder then holds every event of those batches.
 *
 * As PID 1 of a PID namespace (how a container runs `node dist/intently.js`; `unshare --pid`,
 * root only, skipped otherwise): the kernel delivers no signal to a PID 1 without a handler, so
 * SIGTERM from outside stops the server only because it handles it. Same checks.
 */
import assert from "node:assert/strict";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { createCollectorPlugin } from "../../server/src/collector/index.ts";
import { startServer } from "../../server/src/server.ts";
import { Client } from "../../server/test/support-api/client.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const BIN = fileURLToPath(new URL("../bin/intently.js", import.meta.url));
const ADMIN = { email: "ops@shop.test", password: "an-admin-password" };
const ORIGIN = "https://shop.test";
const BATCHES = 40;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(what: string, ok: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) assert.fail(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Signs in as the admin and adds a site; its public key. */
async function siteOf(base: string): Promise<string> {
  const admin = new Client(base);
  assert.equal((await admin.login(ADMIN.email, ADMIN.password)).status, 200);
  const site = await admin.post("/api/workspaces/default/sites", {
    name: "Shop",
    allowedOrigins: [ORIGIN],
  });
  assert.equal(site.status, 201, JSON.stringify(site.body));
  return site.body.publicKey as string;
}

/** A child's output so far, collected as it comes. */
function output(child: ChildProcess): { stdout: string; stderr: string } {
  const o = { stdout: "", stderr: "" };
  child.stdout?.on("data", (b) => {
    o.stdout += b;
  });
  child.stderr?.on("data", (b) => {
    o.stderr += b;
  });
  return o;
}

/** Once the banner is out: the server's pid and address, from its JSON "listening" line. */
async function listeningOf(o: { stdout: string }): Promise<{ pid: number; base: string }> {
  await until("the server listens", () => o.stdout.includes("Intently is running at"), 120_000);
  const line = o.stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as { msg: string; pid: number })
    .find((r) => r.msg.startsWith("Server listening at "));
  assert.ok(line, o.stdout);
  return { pid: line.pid, base: line.msg.slice("Server listening at ".length) };
}

/** BATCHES batches of two page views, each a new visitor, all accepted. */
async function sendBatches(base: string, publicKey: string): Promise<void> {
  for (let i = 0; i < BATCHES; i++) {
    const now = Date.now();
    const v = `v_${randomBytes(6).toString("hex")}`;
    const r = await fetch(`${base}/v1/collect`, {
      method: "POST",
      headers: { "content-type": "text/plain", origin: ORIGIN },
      body: JSON.stringify({
        site: publicKey,
        batch: `b_${i}`,
        visitor: v,
        session: `s_${v}`,
        sentAt: now,
        events: [
          { type: "page_view", t: now - 2000, page: { url: `${ORIGIN}/p/${i}` } },
          { type: "page_view", t: now - 1000, page: { url: `${ORIGIN}/` } },
        ],
      }),
    });
    assert.equal(r.status, 200, await r.text());
  }
}

/**
 * The folder is free (a second start would be refused while the stopped server still held it)
 * and holds every accepted batch's events.
 */
async function assertIntact(data: string): Promise<void> {
  const again = await startServer({ dataDir: data, port: 0, host: "127.0.0.1" }, [
    createCollectorPlugin(),
  ]);
  try {
    await again.ctx.store.flush();
    assert.equal((await again.ctx.store.stats()).events, 2 * BATCHES);
  } finally {
    await again.close();
  }
}

test("SIGTERM to npx closes the server it started; its data is intact", {
  timeout: 180_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), "intently-npx-"));
  const data = join(dir, "data");
  const npx = spawn("npx", ["intently", "start", "--data", data, "--port", "0"], {
    cwd: ROOT,
    env: {
      ...process.env,
      INTENTLY_ADMIN_EMAIL: ADMIN.email,
      INTENTLY_ADMIN_PASSWORD: ADMIN.password,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = output(npx);
  let serverPid = 0;
  try {
    const listening = await listeningOf(out);
    serverPid = listening.pid;
    assert.notEqual(serverPid, npx.pid, "npx runs the server in a child process");
    const base = listening.base;

    const site = await siteOf(base);
    await sendBatches(base, site);

    npx.kill("SIGTERM");
    await until("npx exits", () => npx.exitCode !== null || npx.signalCode !== null, 20_000);
    await until("the server process is gone", () => !alive(serverPid), 20_000);
    assert.match(out.stderr, /parent process \d+ exited[^\n]*: closing \(flushing the store\)/);
    assert.doesNotMatch(out.stderr, /close failed/);

    await assertIntact(data);
  } finally {
    if (npx.exitCode === null) npx.kill("SIGKILL");
    if (serverPid && alive(serverPid)) process.kill(serverPid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Why the PID-namespace test cannot run here, or null. */
function pidNamespaceUnavailable(): string | null {
  if (process.platform !== "linux") return "needs Linux";
  if (process.getuid?.() !== 0) return "needs root for unshare --pid";
  try {
    execFileSync("unshare", ["--pid", "--fork", "true"], { stdio: "pipe" });
    return null;
  } catch (e) {
    return `unshare --pid refused: ${(e as Error).message.split("\n")[0]}`;
  }
}

test("as PID 1 of a PID namespace (a container), SIGTERM closes the server cleanly", {
  timeout: 180_000,
  skip: pidNamespaceUnavailable() ?? false,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), "intently-pid1-"));
  const data = join(dir, "data");
  // --kill-child: whatever happens to the test, the namespace's PID 1 does not outlive unshare.
  const ns = spawn(
    "unshare",
    [
      "--pid",
      "--fork",
      "--kill-child",
      process.execPath,
      BIN,
      "start",
      "--data",
      data,
      "--port",
      "0",
    ],
    {
      env: {
        ...process.env,
        INTENTLY_ADMIN_EMAIL: ADMIN.email,
        INTENTLY_ADMIN_PASSWORD: ADMIN.password,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const out = output(ns);
  let serverPid = 0;
  try {
    const listening = await listeningOf(out);
    assert.equal(listening.pid, 1, "the server is PID 1 in its namespace");
    // Its pid out here: unshare's only child.
    serverPid = Number(
      readFileSync(`/proc/${ns.pid}/task/${ns.pid}/children`, "utf8").trim().split(/\s+/)[0],
    );
    assert.ok(serverPid > 1, "found the server's pid");
    const base = listening.base;
    const site = await siteOf(base);
    await sendBatches(base, site);

    process.kill(serverPid, "SIGTERM");
    await until("the server process is gone", () => !alive(serverPid), 20_000);
    await until("unshare exits", () => ns.exitCode !== null || ns.signalCode !== null, 10_000);
    assert.equal(ns.exitCode, 0, out.stderr);
    assert.match(out.stderr, /SIGTERM: closing \(flushing the store\)/);
    await assertIntact(data);
  } finally {
    if (ns.exitCode === null) ns.kill("SIGKILL");
    if (serverPid && alive(serverPid)) process.kill(serverPid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
});
