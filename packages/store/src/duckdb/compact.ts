/**
 * Compaction of the additive aggregate tables: every flush appends rows for the keys it
 * touched, so a store fed continuously holds many small rows per key; compaction sums them
 * into one row per key and drops keys that sum to zero (everything erased). Figures are
 * unchanged; reads get faster.
 */
import type { Db } from "./db.ts";

/** Each table's key columns (the leading columns); the rest are summed. */
const KEYS: Record<string, string[]> = {
  segment_daily: ["site", "day", "segment"],
  dimension_daily: ["site", "day", "segment", "dimension", "key"],
  phase_daily: ["site", "day", "phase", "segment"],
  flow_daily: ["site", "day", "segment", "prev_segment", "next_segment"],
  pair_daily: ["site", "day", "a", "b"],
  page_views: ["site", "day", "segment", "path", "page_type"],
};

/** Compacts every aggregate table; runs on the writer connection, in the caller's transaction. */
export async function compactAggregates(db: Db): Promise<void> {
  for (const [table, keys] of Object.entries(KEYS)) {
    const cols = await db.exec(
      `SELECT column_name AS c FROM information_schema.columns
       WHERE table_name = $t ORDER BY ordinal_position`,
      { t: table },
    );
    const values = cols.map((r) => String(r.c)).filter((c) => !keys.includes(c));
    await db.exec(
      `CREATE TEMP TABLE _compact AS SELECT ${keys.join(", ")},
         ${values.map((v) => `sum(${v}) AS ${v}`).join(", ")}
       FROM ${table} GROUP BY ALL`,
    );
    await db.exec(`DELETE FROM ${table}`);
    await db.exec(
      `INSERT INTO ${table} SELECT * FROM _compact
       WHERE NOT (${values.map((v) => `${v} = 0`).join(" AND ")})`,
    );
    await db.exec("DROP TABLE _compact");
  }
}
