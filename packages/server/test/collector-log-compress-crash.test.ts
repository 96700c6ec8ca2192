/**
 * A crash during compression loses nothing (issue 24): a child process compressing a log's
 * segments is killed with SIGKILL at varied moments; each time, the log opened again holds
 * every record exactly once, no temporary file survives the start, and a later pass compresses
 * what is left.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, test } from "node:test";
import { CollectorLog, listSegments, readLog } from "../src/collector/index.ts";
import { LOG_CODEC } from "../src/collector/log-codec.ts";
import { tempDir } from "./support-collector/helpers.ts";

const CHILD = new URL("./support-collector/compress-child.ts", import.meta.url).pathname;
const root = tempDir();
after(() => rmSync(root, { recursive: true, force: true }));

const RECORDS = 6000;

async function source(): Promise<string> {
  const dir = join(root, "source");
  const log = CollectorLog.open(dir, { segmentBytes: 150_000, compress: false });
  const record = (i: number) =>
    JSON.stringify({
      k: "b",
      at: 1_700_000_000_000 + i,
      site: "s",
      visitor: `v${i % 97}`,
      session: `s${i % 331}`,
      batch: `b${i}`,
      off: 0,
      events: [{ type: "page_view", t: 1_700_000_000_000 + i, page: { url: `/p/${i % 40}` } }],
    });
  // In groups of 200 (one write + sync each): a segment closes after the group that fills it.
  for (let i = 0; i < RECORDS; i += 200)
    await Promise.all(Array.from({ length: 200 }, (_, k) => log.append(record(i + k), () => 0)));
  await log.close();
  return dir;
}

/** Starts the child on `dir`, kills it `delayMs` after it said ready (or lets it finish). */
function compressAndKill(dir: string, delayMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), CHILD, dir], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let last = "";
    createInterface({ input: p.stdout! }).on("line", (l) => {
      last = l;
      if (l === "ready") setTimeout(() => p.kill("SIGKILL"), delayMs);
    });
    p.once("error", reject);
    p.once("exit", () => resolve(last));
  });
}

test("SIGKILL mid-compression: every record once after the restart", {
  timeout: 240_000,
}, async () => {
  const src = await source();
  const segments = listSegments(src).length;
  assert.ok(segments >= 5, `${segments} segments`);
  const outcomes: string[] = [];
  for (const [i, delayMs] of [0, 30, 100, 250].entries()) {
    const dir = join(root, `run-${i}`);
    cpSync(src, dir, { recursive: true });
    outcomes.push(await compressAndKill(dir, delayMs));
    const compressed = listSegments(dir).filter((s) => s.codec !== null).length;
    const log = CollectorLog.open(dir, { compress: false });
    assert.ok(!readdirSync(dir).some((n) => n.endsWith(".tmp")), "no temporary file left");
    const seqs = [...readLog(dir)].map((e) => e.seq);
    assert.equal(seqs.length, RECORDS, `run ${i} (${compressed} compressed before the start)`);
    assert.deepEqual(
      seqs,
      Array.from({ length: RECORDS }, (_, k) => k + 1),
    );
    await log.close();
    const again = CollectorLog.open(dir);
    await again.compressSealed();
    await again.close();
    assert.ok(listSegments(dir).every((s) => s.codec === LOG_CODEC));
    assert.equal([...readLog(dir)].length, RECORDS);
  }
  // At least one run was cut short (the others may have finished first on a fast machine).
  assert.ok(outcomes.includes("ready"), outcomes.join(", "));
});
