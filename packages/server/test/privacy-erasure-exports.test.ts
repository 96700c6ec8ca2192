/**
 * Erasure leaves no copy in export files (issue 22): a site with an export integration, two
 * visitors' sessions ended and exported (CSV and Parquet) for their day; the erasure of one
 * through the API rewrites both files from the store, so the erased visitor is in neither and
 * the other visitor is still in both. The answer counts the files rewritten.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { EXPORT_FORMATS, exportDay } from "@intently/integrations";
import type { DuckDbStore } from "@intently/store";
import { endLiveSessions } from "../src/api/privacy/end-sessions.ts";
import { type FullServer, startFullServer } from "./support-api/full-server.ts";
import { makeBatch, ORIGIN, post, uid } from "./support-collector/helpers.ts";

let full: FullServer;
// Inside the system temp folder: one of the folders an export may write to by default.
const folder = mkdtempSync(join(tmpdir(), "intently-erasure-exports-"));

before(async () => {
  full = await startFullServer({ origin: ORIGIN });
});
after(async () => {
  await full.stop();
  rmSync(folder, { recursive: true, force: true });
});

/** The visitor ids in an export file: CSV read as text, Parquet through DuckDB. */
async function visitorsIn(path: string): Promise<string[]> {
  const store = full.server.ctx.store as DuckDbStore;
  const rows = path.endsWith(".csv")
    ? await store.db.query(
        `SELECT visitor FROM read_csv('${path}', header = true, all_varchar = true)`,
      )
    : await store.db.query(`SELECT visitor FROM read_parquet('${path}')`);
  return rows.map((r) => String(r.visitor)).sort();
}

test("erasing a visitor rewrites the site's CSV and Parquet exports without them", async () => {
  const { admin, site, server } = full;
  const store = server.ctx.store as DuckDbStore;
  const created = await admin.post(`/api/sites/${site.id}/integrations`, {
    name: "Daily export",
    kind: "export",
    config: { folder, formats: [...EXPORT_FORMATS] },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));

  const erased = uid("v_gone");
  const kept = uid("v_kept");
  for (const visitor of [erased, kept]) {
    const r = await post(
      full.collectUrl,
      makeBatch({ site: site.publicKey, visitor, session: uid(`s_${visitor}`) }),
    );
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  // Both sessions end now (as an erasure or a timeout would), and their rows reach the store.
  const ended = endLiveSessions(
    server.ctx,
    (s) => s.site === site.id && (s.visitor === erased || s.visitor === kept),
  );
  assert.equal(ended, 2);
  await store.flush();

  const days = await store.db.query(
    `SELECT DISTINCT strftime(make_timestamp(ended_at * 1000), '%Y-%m-%d') AS d
     FROM sessions WHERE site = $site`,
    { site: site.id },
  );
  assert.equal(days.length, 1, "both sessions ended on one day");
  const day = String(days[0]!.d);

  const paths: string[] = [];
  for (const format of EXPORT_FORMATS) {
    const r = await exportDay(store, site.id, day, folder, format);
    assert.equal(r.rows, 2, `${format}: one row per session`);
    paths.push(r.path);
  }
  for (const p of paths) {
    assert.deepEqual(await visitorsIn(p), [erased, kept].sort(), `${p} before the erasure`);
  }
  assert.ok(readFileSync(paths[0]!, "utf8").includes(erased), "the CSV bytes hold the id");

  const del = await admin.delete(`/api/sites/${site.id}/visitors/${erased}`);
  assert.equal(del.status, 200, JSON.stringify(del.body));
  assert.equal(del.body.exports, 2, "both files of the day rewritten");
  assert.equal(del.body.deleted.sessions, 1);

  for (const p of paths) {
    assert.deepEqual(await visitorsIn(p), [kept], `${p} after the erasure`);
    assert.ok(!readFileSync(p).includes(erased), `${p}: no byte of the erased id`);
  }
  assert.ok(readFileSync(paths[0]!, "utf8").includes(kept), "the CSV keeps the other visitor");
});
