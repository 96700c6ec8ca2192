/**
 * Reads an amount written in any common locale: "1.299,00", "$1,299.00", "49.99 EUR", "12,50",
 * "1 299,00 €", "1’299.50", "12,34,567.00", Arabic-Indic and Bengali digits. A number is taken as
 * it is. When a single "." or "," is followed by exactly three digits ("1.299") it is either a
 * decimal point or a thousands separator: the locale's decimal separators (`dec`, from the site's
 * locale) decide, and without one the amount is ambiguous: `raw` keeps the text and `v` is
 * left out, so that no value is ever stored off by a power of ten. The currency is a hint too
 * (`hint`: the event's, else the site's, unless the text names another): in a currency without
 * minor units (JPY, KRW …) three digits after the only separator can only be a group.
 */

export interface Amount {
  /** The value, when it was read unambiguously. */
  v?: number;
  /** The text, when it holds a number that could not be read unambiguously. */
  raw?: string;
  /** An ISO 4217 code written beside the number ("49.99 EUR"). */
  cur?: string;
}

/** Zero of each digit system read besides ASCII: Arabic-Indic, Persian, Devanagari, Bengali. */
const ZEROS = [0x660, 0x6f0, 0x966, 0x9e6];
/** The number: digits with separators inside (grouping spaces, apostrophes, Arabic marks). */
const NUMBER = /\d(?:[\d.,'’\s\u066b\u066c]*\d)?/;
/** Grouping: a first group of 1-3 digits, then groups of 3, or Indian groups of 2 then 3. */
const GROUPS = /^\d{1,3}(?:(?:g\d{3})*|(?:g\d{2})+g\d{3})$/;

const ascii = (s: string): string =>
  s.replace(/[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef]/g, (d) => {
    const c = d.charCodeAt(0);
    return String(c - (ZEROS.find((z) => c >= z && c < z + 10) as number));
  });

/**
 * The decimal separators of a locale ("." or ","; both in fr-CH, which writes "1,5" but
 * "1.50 CHF", and groups with spaces), or undefined when unknown.
 */
export function decimalOf(locale: unknown): string | undefined {
  // No locale: no hint (Intl would fall back to the browser's language, not the site's).
  if (!locale) return;
  try {
    let out = "";
    for (const o of [{}, { style: "currency", currency: "EUR" }] as Intl.NumberFormatOptions[]) {
      const parts = new Intl.NumberFormat(locale as string, o).formatToParts(1.5);
      const v = parts.find((p) => p.type === "decimal")?.value;
      const d = v === "," ? v : v === "." || v === "\u066b" ? "." : "";
      if (!out.includes(d)) out += d;
    }
    return out || undefined;
  } catch {}
}

/** Whether a currency has no minor units (JPY: 0 fraction digits), by Intl's data. */
export function wholeCurrency(cur: unknown): boolean {
  try {
    return (
      new Intl.NumberFormat("en", { style: "currency", currency: cur as string }).resolvedOptions()
        .maximumFractionDigits === 0
    );
  } catch {
    return false;
  }
}

/**
 * Reads `x` (a number, or text as above); `dec` is the site locale's decimal separators, `hint`
 * the currency the amount is in when the text names none (the event's, else the site's).
 */
export function amount(x: unknown, dec?: string, max = 1e10, hint?: string): Amount {
  if (typeof x === "number") return x >= 0 && x <= max ? { v: x } : {};
  if (typeof x !== "string") return {};
  const text = ascii(x.trim()).slice(0, 64);
  const cur = /(?:^|[^A-Za-z])([A-Z]{3})(?![A-Za-z])/.exec(text)?.[1];
  const m = NUMBER.exec(text);
  if (!m) return {};
  // Text with a number that is not read is kept as written.
  const bad: Amount = { raw: x.trim().slice(0, 64), cur };
  const before = text.slice(0, m.index);
  const after = text.slice(m.index + m[0].length);
  // A sign, a second number or a separator at an end: not an amount we can read.
  if (/[-−(]/.test(before) || /\d/.test(after)) return bad;
  let s = m[0].replace(/[\s'’\u066c]/g, "g").replace("\u066b", "d");
  const dots = s.split(".").length - 1;
  const commas = s.split(",").length - 1;
  let d: string | undefined = s.includes("d") ? "d" : undefined;
  if (!d && dots && commas) d = s.lastIndexOf(".") > s.lastIndexOf(",") ? "." : ",";
  else if (!d && (dots || commas)) {
    const c = dots ? "." : ",";
    const [head = "", tail = ""] = s.split(c);
    if (dots + commas > 1) d = undefined;
    else if (tail.length !== 3 || /^0|g/.test(head) || head.length > 3) d = c;
    else if ((!cur || cur === hint) && wholeCurrency(hint)) d = undefined;
    else if (!dec) return bad;
    else d = dec.includes(c) ? c : undefined;
  }
  if (d) {
    if (s.split(d).length !== 2) return bad;
    s = s.replace(d, "d");
  }
  s = s.replace(/[.,]/g, "g");
  const [int = "", frac] = s.split("d");
  if (!GROUPS.test(int) && !/^\d+$/.test(int)) return bad;
  const v = Number(`${int.replace(/g/g, "")}.${frac ?? ""}`);
  return v <= max ? { v, cur } : bad;
}
