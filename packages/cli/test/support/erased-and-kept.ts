/**
 * The data folder the `privacy verify` tests search: a full server takes one page view of two
 * visitors, checkpoints them into the store, erases one through the API and stops.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { startFullServer } from "../../../server/test/support-api/full-server.ts";

const rand = () => randomBytes(6).toString("hex");

export async function erasedAndKept(
  origin: string,
): Promise<{ dataDir: string; site: string; gone: string; kept: string }> {
  const full = await startFullServer({ origin });
  const dataDir = full.server.ctx.config.dataDir as string;
  const gone = `v_gone_${rand()}`;
  const kept = `v_kept_${rand()}`;
  for (const v of [gone, kept]) {
    const r = await full.collect(v, [
      { type: "page_view", t: Date.now() - 1000, page: { url: `${origin}/` } },
    ]);
    assert.equal(r.status, 200);
  }
  await new Promise((r) => setTimeout(r, 1500)); // a checkpoint: rows in the store
  const del = await full.admin.delete(`/api/sites/${full.site.id}/visitors/${gone}`);
  assert.equal(del.status, 200);
  await full.server.close();
  return { dataDir, site: full.site.id, gone, kept };
}
