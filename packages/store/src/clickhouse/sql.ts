/**
 * The one way a value enters ClickHouse SQL. ClickHouse 18.16 (Debian's) has no server-side
 * query parameters (`{name:Type}`), so every value is written into the text as a literal, and
 * only through these functions:
 *
 * - `str`: a quoted string literal. ClickHouse reads backslash escapes inside quotes, so `\` and
 *   `'` are escaped with a backslash (the only two characters that could end or bend the
 *   literal), and the control characters that a backslash escape names are escaped too, so the
 *   literal is one line and a NUL never reaches the server's parser raw.
 * - `num` / `int`: finite numbers only (an integer rounded); NaN, ±Infinity and non-numbers throw.
 * - `strs`: an array of string literals (an empty one typed Array(String)).
 * - `ident`: identifiers we choose (database names): checked against a plain pattern, never
 *   quoted from user input.
 */

const ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  "'": "\\'",
  "\0": "\\0",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

/** A ClickHouse string literal holding exactly `s`. */
export function str(s: string): string {
  if (typeof s !== "string") throw new TypeError(`not a string: ${String(s)}`);
  return `'${s.replace(/[\\'\0\b\f\n\r\t]/g, (c) => ESCAPES[c]!)}'`;
}

/** A finite number as a literal (shortest round-trip text of the double). */
export function num(x: number): string {
  if (typeof x !== "number" || !Number.isFinite(x))
    throw new TypeError(`not a finite number: ${x}`);
  return x < 0 || Object.is(x, -0) ? `(${String(x)})` : String(x);
}

/** An integer literal (rounded). */
export function int(x: number): string {
  if (typeof x !== "number" || !Number.isFinite(x))
    throw new TypeError(`not a finite number: ${x}`);
  const n = Math.round(x);
  return n < 0 ? `(${n})` : String(n);
}

/** An Array(String) literal. */
export function strs(xs: readonly string[]): string {
  return xs.length === 0 ? "emptyArrayString()" : `[${xs.map(str).join(", ")}]`;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** A database or table name of ours (letters, digits, `_`); anything else throws. */
export function ident(name: string): string {
  if (!IDENT.test(name)) throw new RangeError(`not a plain identifier: ${JSON.stringify(name)}`);
  return name;
}
