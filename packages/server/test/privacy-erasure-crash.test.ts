/**
 * Erasure that holds through a crash (issue 22, "Must show"): batches for a visitor with a live
 * session, the visitor erased through the API, the server killed with SIGKILL, restarted and
 * stopped — and then the visitor's ids are in no table and in no file of the data folder (a
 * byte search over every file, the collector log included); once the store's compaction has
 * run (at its next open), not in the database file or its WAL either. Another visitor's data,
 * sent alongside, is kept and found by the same search (the control).
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, test } from "node:test";
import { DuckDbStore } from "@intently/store";
import { searchableBytes } from "../src/find-bytes.ts";
import { Client } from "./support-api/client.ts";
import { ADMIN } from "./support-api/server.ts";
import { addToCart, productView, tempDir } from "./support-collector/helpers.ts";

const SERVE = new URL("./support-api/serve-full.ts", import.meta.url).pathname;
const ORIGIN = "https://shop.example";
const dataDir = tempDir();
after(() => rmSync(dataDir, { recursive: true, force: true }));

function spawnServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), SERVE, dataDir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout! }).once("line", (line) => {
      resolve({ child, url: (JSON.parse(line) as { url: string }).url });
    });
  });
}

const exit = (child: ChildProcess) => new Promise((r) => child.once("exit", r));

/** Every file of the data folder holding any of the needles, with the needle found. */
function filesHolding(needles: string[], skip: (name: string) => boolean = () => false) {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!skip(name)) {
        const buf = searchableBytes(p);
        for (const n of needles) if (buf.includes(n)) found.push(`${p}: ${n}`);
      }
    }
  };
  walk(dataDir);
  return found;
}

const rand = () => randomBytes(8).toString("hex");

test("an erased visitor is in no table and no file after SIGKILL, restart, stop and compaction", {
  timeout: 180_000,
}, async () => {
  const erased = { visitor: `v_gone_${rand()}`, session: `s_gone_${rand()}` };
  const kept = { visitor: `v_kept_${rand()}`, session: `s_kept_${rand()}` };

  const first = await spawnServer();
  const admin = new Client(first.url);
  assert.equal((await admin.login(ADMIN.email, ADMIN.password)).status, 200);
  const created = await admin.post("/api/workspaces/default/sites", {
    name: "Erasure shop",
    allowedOrigins: [ORIGIN],
  });
  assert.equal(created.status, 201);
  const site = created.body as { id: string; publicKey: string };
  const send = async (who: { visitor: string; session: string }, n: number) => {
    const now = Date.now();
    const r = await fetch(`${first.url}/v1/collect`, {
      method: "POST",
      headers: { "content-type": "text/plain", origin: ORIGIN },
      body: JSON.stringify({
        site: site.publicKey,
        batch: `b_${n}_${rand()}`,
        visitor: who.visitor,
        session: who.session,
        sentAt: now,
        context: { url: `${ORIGIN}/p/SKU${n}`, lang: "en-GB" },
        events: [productView(now - 2000, `SKU${n}`), addToCart(now - 1000, `SKU${n}`)],
      }),
    });
    assert.equal(r.status, 200, await r.text());
  };
  for (let n = 0; n < 3; n++) {
    await send(erased, n);
    await send(kept, n);
  }
  // A checkpoint (every second) puts rows of both in the store before the erasure.
  await new Promise((r) => setTimeout(r, 1500));

  const del = await admin.delete(`/api/sites/${site.id}/visitors/${erased.visitor}`);
  assert.equal(del.status, 200, JSON.stringify(del.body));
  assert.equal(del.body.liveSessionsEnded, 1);
  assert.equal(del.body.log.batches, 3, "the visitor's three batches dropped from the log");
  assert.equal(del.body.compaction, "within-1h");
  // New batches under the erased id are refused, not stored.
  const again = await fetch(`${first.url}/v1/collect`, {
    method: "POST",
    headers: { "content-type": "text/plain", origin: ORIGIN },
    body: JSON.stringify({
      site: site.publicKey,
      batch: `b_again_${rand()}`,
      visitor: erased.visitor,
      session: erased.session,
      sentAt: Date.now(),
      events: [productView(Date.now() - 1000)],
    }),
  });
  assert.equal(again.status, 202);
  assert.equal(((await again.json()) as { stop: string }).stop, "erased");

  first.child.kill("SIGKILL");
  await exit(first.child);

  const second = await spawnServer();
  const admin2 = new Client(second.url);
  assert.equal((await admin2.login(ADMIN.email, ADMIN.password)).status, 200);
  second.child.kill("SIGTERM");
  await exit(second.child);

  const ids = [erased.visitor, erased.session];
  const isDb = (name: string) => name.startsWith("intently.duckdb");
  assert.deepEqual(filesHolding(ids, isDb), [], "no file but the database holds the ids");
  assert.ok(
    filesHolding([kept.visitor], isDb).some((f) => f.includes(`${join(dataDir, "log")}`)),
    "the control visitor is in the log",
  );

  // The next open compacts the file; then the tables and the bytes are checked.
  const store = await DuckDbStore.open(dataDir);
  try {
    for (const table of ["events", "sessions", "intervals"]) {
      const [gone] = await store.db.query(
        `SELECT count(*) AS n FROM ${table} WHERE visitor = $v OR session = $s`,
        { v: erased.visitor, s: erased.session },
      );
      assert.equal(Number(gone?.n), 0, `${table} holds the erased visitor`);
      const [still] = await store.db.query(
        `SELECT count(*) AS n FROM ${table} WHERE visitor = $v`,
        { v: kept.visitor },
      );
      assert.ok(Number(still?.n) > 0, `${table} keeps the other visitor`);
    }
    const [outbox] = await store.db.query(
      "SELECT count(*) AS n FROM outbox WHERE payload LIKE $p",
      { p: `%${erased.visitor}%` },
    );
    assert.equal(Number(outbox?.n ?? 0), 0);
  } finally {
    await store.close();
  }
  assert.deepEqual(filesHolding(ids), [], "after compaction, no file at all holds the ids");
  assert.ok(
    filesHolding([kept.visitor]).some((f) => f.includes("intently.duckdb")),
    "the control visitor is found in the database file by the same byte search",
  );
});
