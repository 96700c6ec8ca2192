// RFC 4180 CSV parsing over a string: quoted fields (with "" escapes and embedded newlines),
// CRLF / LF / CR line ends, optional BOM. Malformed records are skipped and reported, never thrown.

export const DEFAULT_DELIMITER = ",";
/** Only the first problems are kept in detail; `skipped` still counts them all. */
export const MAX_REPORTED_PROBLEMS = 100;

export interface CsvProblem {
  /** 1-based line where the record starts. */
  line: number;
  reason: string;
}

export interface CsvParseResult {
  header: string[];
  records: string[][];
  /** Records dropped as malformed (wrong field count, broken quoting, truncated at the end). */
  skipped: number;
  problems: CsvProblem[];
}

export interface CsvOptions {
  delimiter?: string;
  /** When false, the first record is data and the header is col1..colN. */
  hasHeader?: boolean;
}

interface RawRecord {
  fields: string[];
  line: number;
  problem: string | null;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Splits text into raw records; knows nothing about headers or field counts. */
function* readRecords(text: string, delimiter: number): Generator<RawRecord> {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const fields: string[] = [];
    const startLine = line;
    let problem: string | null = null;
    let endOfRecord = false;
    while (!endOfRecord) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        // Quoted field: runs to the next quote not followed by another quote.
        let buf = "";
        let j = i + 1;
        let closed = false;
        while (j < n) {
          const q = text.indexOf('"', j);
          if (q < 0) break;
          buf += text.slice(j, q);
          for (let k = j; k < q; k++) if (text.charCodeAt(k) === LF) line++;
          if (text.charCodeAt(q + 1) === QUOTE) {
            buf += '"';
            j = q + 2;
          } else {
            j = q + 1;
            closed = true;
            break;
          }
        }
        if (!closed) {
          fields.push(buf + text.slice(j));
          yield { fields, line: startLine, problem: "unterminated quoted field at end of input" };
          return;
        }
        value = buf;
        i = j;
        const c = text.charCodeAt(i);
        if (i < n && c !== delimiter && c !== CR && c !== LF) {
          problem ??= "text after a closing quote";
          // Resynchronise at the next delimiter or line end.
          while (i < n) {
            const d = text.charCodeAt(i);
            if (d === delimiter || d === CR || d === LF) break;
            i++;
          }
        }
      } else {
        let j = i;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === delimiter || d === CR || d === LF) break;
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      fields.push(value);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === delimiter) {
        i++; // at the end of input, the next pass reads the trailing empty field
      } else {
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
        endOfRecord = true;
      }
    }
    yield { fields, line: startLine, problem };
  }
}

function isBlank(fields: string[]): boolean {
  return fields.length === 1 && fields[0] === "";
}

export function parseCsv(text: string, options: CsvOptions = {}): CsvParseResult {
  const delimiter = (options.delimiter ?? DEFAULT_DELIMITER).charCodeAt(0);
  const hasHeader = options.hasHeader ?? true;
  let header: string[] | null = null;
  const records: string[][] = [];
  const problems: CsvProblem[] = [];
  let skipped = 0;
  const reject = (line: number, reason: string) => {
    skipped++;
    if (problems.length < MAX_REPORTED_PROBLEMS) problems.push({ line, reason });
  };
  for (const rec of readRecords(text, delimiter)) {
    if (isBlank(rec.fields) && rec.problem === null) continue;
    if (header === null) {
      if (rec.problem !== null) {
        reject(rec.line, `header: ${rec.problem}`);
        continue;
      }
      if (hasHeader) {
        header = rec.fields.map((h) => h.trim());
        continue;
      }
      header = rec.fields.map((_, k) => `col${k + 1}`);
    }
    if (rec.problem !== null) reject(rec.line, rec.problem);
    else if (rec.fields.length !== header.length) {
      reject(rec.line, `expected ${header.length} fields, found ${rec.fields.length}`);
    } else records.push(rec.fields);
  }
  return { header: header ?? [], records, skipped, problems };
}

/** Quotes a field when it needs it (delimiter, quote, CR or LF inside, or edge spaces). */
export function formatCsvField(value: string, delimiter = DEFAULT_DELIMITER): string {
  if (
    value.includes(delimiter) ||
    value.includes('"') ||
    value.includes("\n") ||
    value.includes("\r") ||
    value.trim() !== value
  ) {
    return `"${value.replaceAll('"', '""')}"`;
  }
  return value;
}

/** Writes records as RFC 4180 CSV with CRLF line ends. */
export function formatCsv(
  rows: readonly (readonly string[])[],
  delimiter = DEFAULT_DELIMITER,
): string {
  return rows.map((r) => r.map((v) => formatCsvField(v, delimiter)).join(delimiter)).join("\r\n");
}
