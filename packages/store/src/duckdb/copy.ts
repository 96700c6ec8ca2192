/**
 * The one writer of export files: DuckDB's `COPY (query) TO file` (CSV with a header, or
 * Parquet), the file made private (0600). Every export (the API's download, the scheduled
 * daily files) goes through `copyTo`, so every CSV cell is encoded by `csvCell`.
 *
 * CSV and spreadsheets (OWASP "CSV Injection"): a cell that starts with = + - @ TAB or CR is run
 * as a formula by Excel, LibreOffice and Sheets, and ids, URLs and campaigns are shopper input.
 * - Text cells (every column that is not a number, boolean or date/time) are prefixed with `'`
 *   when they start with one of those characters; a spreadsheet then shows them as text.
 * - Typed numbers, booleans and dates are written as they are: a DOUBLE -3.5 is digits, never a
 *   formula, and must stay a number for the reader. The text "-3.5" is escaped like any text.
 * - Control characters other than TAB, LF and CR (C0, DEL, C1) are removed from text cells
 *   (NUL truncates the cell or the line in many readers, U+0085 is a line break to some; none
 *   has a meaning as data).
 *   They are stripped, not refused: one hostile value must not make a whole day's export fail.
 *   Control characters are removed before the formula test, so "\0=1" is escaped too.
 * - Quoting is DuckDB's RFC 4180 writer: cells holding the delimiter, `"`, CR or LF are quoted,
 *   with embedded quotes doubled.
 * Why not csv-stringify (`escape_formulas`)? It would move every row out of DuckDB's native,
 * streaming COPY into JavaScript; the escaping itself is the two SQL functions below.
 */
import { privateFile } from "../private-fs.ts";
import type { Db, Params } from "./db.ts";

export type CopyFormat = "csv" | "parquet";

/** C0 controls except TAB (\x09), LF (\x0A) and CR (\x0D), DEL and C1 (RE2, code points). */
const CONTROLS = String.raw`[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]`;
/** What a spreadsheet takes as the start of a formula (OWASP). */
const FORMULA_START = String.raw`^([=+\-@\t\r])`;

/** The SQL of a text expression as a spreadsheet-safe CSV cell (NULL stays NULL). */
export function csvCell(textSql: string): string {
  return `regexp_replace(regexp_replace(${textSql}, '${CONTROLS}', '', 'g'), '${FORMULA_START}', '''\\1')`;
}

/** Column types written as they are: numbers, booleans, dates and times. */
const TYPED =
  /^(BOOLEAN|U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|FLOAT|DOUBLE|DECIMAL\(.*\)|DATE|TIME\b.*|TIMESTAMP\b.*|TIMESTAMP_(S|MS|NS)|INTERVAL)$/;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The select list of `query` with every text column through `csvCell`. */
async function csvColumns(db: Db, query: string, params: Params): Promise<string> {
  const cols = await db.query(`DESCRIBE ${query}`, params);
  return cols
    .map(({ column_name, column_type }) => {
      const c = ident(String(column_name));
      return TYPED.test(String(column_type)) ? c : `${csvCell(`CAST(${c} AS VARCHAR)`)} AS ${c}`;
    })
    .join(", ");
}

/** Writes the rows of `query` to `path` (made 0600); returns the number of rows written. */
export async function copyTo(
  db: Db,
  query: string,
  params: Params,
  path: string,
  format: CopyFormat,
): Promise<number> {
  if (path.includes("\u0000")) throw new Error("bad export path");
  // The outer projection keeps the query's ORDER BY (DuckDB preserves insertion order).
  const select =
    format === "csv" ? `SELECT ${await csvColumns(db, query, params)} FROM (${query})` : query;
  const options = format === "csv" ? "FORMAT csv, HEADER true" : "FORMAT parquet";
  const rows = await db.query(`COPY (${select}) TO ${literal(path)} (${options})`, params);
  privateFile(path);
  return Number(rows[0]?.Count ?? 0);
}
