import assert from "node:assert/strict";
import { appendFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { collectorOf, listSegments, readLog } from "../src/collector/index.ts";
import {
  makeBatch,
  post,
  SITE,
  startCollector,
  type TestServer,
  tempDir,
} from "./support-collector/helpers.ts";

describe("collector: graceful restart and a damaged log", () => {
  const dataDir = tempDir();
  let t: TestServer | null = null;
  after(async () => {
    await t?.server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("batch ids survive a restart; a torn tail does not stop the start", async () => {
    t = await startCollector(undefined, dataDir);
    const b = makeBatch();
    const first = await post(t.url, b);
    assert.equal(first.status, 200);
    await t.server.close();

    // A crash in a later run could leave half a record behind: simulate it.
    const seg = listSegments(join(dataDir, "log")).at(-1)!.path;
    appendFileSync(seg, Buffer.from([0x49, 0x4c, 0x47, 0x31, 0xff, 0x00, 0x00]));

    t = await startCollector(undefined, dataDir);
    const recovery = collectorOf(t.server.app)!.recovery;
    assert.ok(recovery.skippedBytes > 0);
    assert.ok(recovery.batchIds >= 1);
    // The graceful shutdown ended the session: it is not revived, but its batches are known.
    assert.equal(t.server.ctx.host.engine.get(SITE.id, b.session), undefined);
    const again = await post(t.url, b);
    assert.equal(again.status, 200);
    assert.equal(again.headers.get("intently-duplicate"), "1");
    assert.ok(Array.isArray(again.body.enter) && Array.isArray(again.body.exit));
    assert.equal(again.body.segments, undefined, "no current view of an ended session");
    assert.equal(t.server.ctx.host.engine.get(SITE.id, b.session), undefined);
    let copies = 0;
    for (const e of readLog(join(dataDir, "log")))
      if (e.record.k === "b" && e.record.batch === b.batch) copies++;
    assert.equal(copies, 1);
    // New batches are accepted as usual after the damaged segment.
    assert.equal((await post(t.url, makeBatch())).status, 200);
  });
});
