// Typed tables from CSV text: each column is detected as numeric, boolean or categorical, and
// rows become objects keyed by column name.

import { type CsvOptions, type CsvProblem, parseCsv } from "./csv.ts";

export type CellValue = number | boolean | string | null;
export type Row = Record<string, CellValue>;
export type ColumnKind = "numeric" | "boolean" | "categorical";

/** Cell texts read as missing (null). */
export const DEFAULT_MISSING_TOKENS: readonly string[] = ["", "NA", "N/A", "NaN", "null", "NULL"];
const BOOLEAN_TEXT: ReadonlyMap<string, boolean> = new Map([
  ["TRUE", true],
  ["FALSE", false],
  ["true", true],
  ["false", false],
  ["True", true],
  ["False", false],
]);
/** Decimal numbers only: no hex, no "Infinity", no thousands separators. */
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export interface ColumnInfo {
  name: string;
  kind: ColumnKind;
  /** Cells read as missing. */
  missing: number;
}

export interface Table {
  columns: ColumnInfo[];
  rows: Row[];
  /** Malformed CSV records that were skipped. */
  skipped: number;
  problems: CsvProblem[];
}

export interface ReadTableOptions extends CsvOptions {
  missingTokens?: readonly string[];
}

export function isNumberText(s: string): boolean {
  return NUMBER_PATTERN.test(s);
}

/** Numeric if every present value is a number, boolean if every one is TRUE/FALSE, else categorical. */
export function inferColumnKind(values: readonly (string | null)[]): ColumnKind {
  let numeric = true;
  let boolean = true;
  let any = false;
  for (const v of values) {
    if (v === null) continue;
    any = true;
    if (numeric && !isNumberText(v)) numeric = false;
    if (boolean && !BOOLEAN_TEXT.has(v)) boolean = false;
    if (!numeric && !boolean) return "categorical";
  }
  if (!any) return "numeric";
  return numeric ? "numeric" : "boolean";
}

/** Parses CSV text into typed rows. Never throws on bad data; bad records are counted. */
export function readCsvTable(text: string, options: ReadTableOptions = {}): Table {
  const parsed = parseCsv(text, options);
  const missingTokens = new Set(options.missingTokens ?? DEFAULT_MISSING_TOKENS);
  const { header, records } = parsed;
  const cells = (k: number) =>
    records.map((r) => {
      const v = (r[k] ?? "").trim();
      return missingTokens.has(v) ? null : v;
    });
  const columns: ColumnInfo[] = [];
  const typed: CellValue[][] = [];
  header.forEach((name, k) => {
    const raw = cells(k);
    const kind = inferColumnKind(raw);
    let missing = 0;
    typed.push(
      raw.map((v) => {
        if (v === null) {
          missing++;
          return null;
        }
        if (kind === "numeric") return Number(v);
        if (kind === "boolean") return BOOLEAN_TEXT.get(v) ?? null;
        return v;
      }),
    );
    columns.push({ name, kind, missing });
  });
  const rows: Row[] = records.map((_, i) => {
    const row: Row = {};
    header.forEach((name, k) => {
      row[name] = (typed[k] as CellValue[])[i] ?? null;
    });
    return row;
  });
  return { columns, rows, skipped: parsed.skipped, problems: parsed.problems };
}

const LABEL_TEXT: ReadonlyMap<string, 0 | 1> = new Map<string, 0 | 1>([
  ["true", 1],
  ["false", 0],
  ["yes", 1],
  ["no", 0],
  ["y", 1],
  ["n", 0],
  ["1", 1],
  ["0", 0],
]);

/** A label cell as 1/0: TRUE/FALSE, yes/no, 1/0 (any case); null when unreadable. */
export function parseLabel(v: CellValue | undefined): 0 | 1 | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return v === 1 ? 1 : v === 0 ? 0 : null;
  return LABEL_TEXT.get(v.trim().toLowerCase()) ?? null;
}
