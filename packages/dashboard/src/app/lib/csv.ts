/**
 * CSV for people's spreadsheets (RFC 4180 quoting, CRLF lines, a UTF-8 byte-order mark for
 * Excel), safe against CSV injection as OWASP advises: a cell that a spreadsheet would read as a
 * formula — starting with =, +, -, @, a tab or a carriage return — is prefixed with a single
 * quote, and every cell is quoted with its quotes doubled. A plain number (-12.5) is left as is:
 * it cannot run anything, and a quote would turn it into text.
 */

export type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** One cell, neutralised and quoted. */
export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '""';
  let s = typeof v === "number" ? (Number.isFinite(v) ? String(v) : "") : v;
  if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return `"${s.replaceAll('"', '""')}"`;
}

/** Rows of cells as a CSV document. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

/** A file name from words: "Daily trend" → "daily-trend". */
export function fileSlug(s: string): string {
  return (
    s
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "table"
  );
}
