/**
 * Session-summary exports and site activity on ClickHouse. The selection is the one rule of
 * ../exports.ts (the site's non-bot sessions that ended in [from, to), by end then id), read
 * from ClickHouse; the file is written by the same code as the embedded store's (duckdb/copy.ts:
 * its CSV cell escaping, its Parquet), through an in-memory DuckDB store holding just those
 * sessions, so both backends write the same files. (ClickHouse 18.16 has no Parquet output, and
 * one writer of export files means one CSV-injection defence.) The rows of one export are held
 * in memory: a day of a site's sessions.
 */
import { DuckDbStore } from "../duckdb/store.ts";
import type { ExportRequest, SessionExports, SiteActivity } from "../exports.ts";
import { type Ch, n } from "./client.ts";
import { SESSION_SELECT, sessionFromRow } from "./readback.ts";
import { int, str } from "./sql.ts";

export class ClickHouseExports implements SessionExports {
  constructor(
    private readonly ch: Ch,
    private readonly flush: () => Promise<void>,
  ) {}

  async write(q: ExportRequest): Promise<number> {
    await this.flush();
    const rows = await this.ch.rows(
      `SELECT ${SESSION_SELECT} FROM sessions FINAL
       WHERE site = ${str(q.site)} AND ended_at >= ${int(q.from)} AND ended_at < ${int(q.to)}
         AND bot = 0
       ORDER BY ended_at, session`,
    );
    const file = await DuckDbStore.open(null, { readers: 1, compactEveryFlushes: 0 });
    try {
      file.writeSessions(rows.map(sessionFromRow));
      await file.flush();
      return await file.exports.write(q);
    } finally {
      await file.close();
    }
  }
}

export class ClickHouseActivity implements SiteActivity {
  constructor(private readonly ch: Ch) {}

  async lastEventAt(site: string, since: number): Promise<number | null> {
    const s = str(site);
    const [e, x] = await Promise.all([
      this.ch.row(
        `SELECT count() AS c, max(t) AS m FROM events WHERE site = ${s} AND t >= ${int(since)}`,
      ),
      this.ch.row(
        `SELECT count() AS c, max(last_event_at) AS m FROM sessions
         WHERE site = ${s} AND last_event_at >= ${int(since)}`,
      ),
    ]);
    // max over no rows is 0 in ClickHouse: the count says whether there was one.
    const times = [e, x].filter((r) => n(r.c) > 0).map((r) => n(r.m));
    return times.length === 0 ? null : Math.max(...times);
  }

  async firstPurchaseAt(site: string): Promise<number | null> {
    const r = await this.ch.row(
      `SELECT count() AS c, min(last_event_at) AS m FROM sessions FINAL
       WHERE site = ${str(site)} AND purchased = 1 AND bot = 0`,
    );
    return n(r.c) === 0 ? null : n(r.m);
  }
}
