/**
 * Where a value survives in the database (issue 22, `intently privacy verify`): every text
 * column (and list or JSON column, read as text) of every table is searched for it, so a table
 * added later is covered without a list to keep in step.
 */
import type { Db } from "./db.ts";

export interface FoundValue {
  table: string;
  column: string;
  rows: number;
}

const TEXTUAL = /^(VARCHAR|JSON)|\[\]$/;

export async function findValue(db: Db, value: string): Promise<FoundValue[]> {
  const cols = await db.query(
    `SELECT table_name AS t, column_name AS c, data_type AS type FROM information_schema.columns
     WHERE table_schema = 'main' ORDER BY table_name, ordinal_position`,
  );
  const found: FoundValue[] = [];
  const like = `%${value.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  for (const { t, c, type } of cols) {
    if (!TEXTUAL.test(String(type))) continue;
    const quoted = (s: unknown) => `"${String(s).replaceAll('"', '""')}"`;
    const [r] = await db.query(
      `SELECT count(*) AS n FROM ${quoted(t)} WHERE CAST(${quoted(c)} AS VARCHAR) LIKE $p ESCAPE '\\'`,
      { p: like },
    );
    const rows = Number(r?.n ?? 0);
    if (rows > 0) found.push({ table: String(t), column: String(c), rows });
  }
  return found;
}
