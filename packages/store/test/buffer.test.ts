import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { WriteBuffer } from "../src/duckdb/buffer.ts";

describe("write buffer", () => {
  test("flushes by row count, by delay, and on demand, one batch at a time", async () => {
    const writes: string[] = [];
    let active = 0;
    const buf = new WriteBuffer<"a" | "b">(
      async (batch) => {
        assert.equal(active++, 0);
        await sleep(1);
        for (const [table, rows] of [...batch].sort()) writes.push(`${table}:${rows.join(",")}`);
        active--;
      },
      { maxRows: 3, maxDelayMs: 20 },
    );
    buf.push("b", [1]);
    buf.push("a", [2]);
    assert.deepEqual(writes, []); // push never writes
    buf.push("a", [3]); // 3 rows: flush soon
    assert.equal(buf.pending, 3);
    await sleep(50);
    assert.deepEqual(writes, ["a:2,3", "b:1"]);
    buf.push("a", [4]);
    await sleep(200); // past the 20 ms delay
    assert.deepEqual(writes.slice(2), ["a:4"]);
    buf.push("b", [5]);
    await buf.flush();
    assert.deepEqual(writes.slice(3), ["b:5"]);
    assert.equal(buf.pending, 0);
  });

  test("a failed background write is reported by the next flush, then cleared", async () => {
    let fail = true;
    const buf = new WriteBuffer<"a">(
      async () => {
        if (fail) throw new Error("disk full");
      },
      { maxRows: 1, maxDelayMs: 1000 },
    );
    buf.push("a", [1]);
    await sleep(50);
    await assert.rejects(buf.flush(), /disk full/);
    fail = false;
    buf.push("a", [2]);
    await buf.flush();
  });

  test("the rows of a failed write are written by a later one, first (issue 23)", async () => {
    let fail = true;
    const written: number[] = [];
    const buf = new WriteBuffer<"a">(
      async (batch) => {
        if (fail) throw new Error("ENOSPC");
        written.push(...(batch.get("a") as number[]));
      },
      { maxRows: 100, maxDelayMs: 1000 },
    );
    buf.push("a", [1, 2]);
    await assert.rejects(buf.flush(), /ENOSPC/);
    assert.equal(buf.pending, 2, "kept, and counted as pending");
    buf.push("a", [3]);
    await assert.rejects(buf.flush(), /ENOSPC/);
    assert.equal(buf.pending, 3);
    fail = false;
    buf.push("a", [4]);
    await buf.flush();
    assert.deepEqual(written, [1, 2, 3, 4]);
    assert.equal(buf.pending, 0);
  });
});
