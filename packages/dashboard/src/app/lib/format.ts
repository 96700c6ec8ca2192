/** Number, money, percentage and time formatting for the UI (en-GB conventions). */

const int = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const dec = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const moneyFormats = new Map<string, Intl.NumberFormat>();

export const DASH = "—";

export function num(x: number | null | undefined, digits = 0): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  return digits === 0 ? int.format(x) : x.toFixed(digits);
}

export function decimal(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? DASH : dec.format(x);
}

/** A fraction as a percentage: 0.123 → "12.3 %". */
export function pct(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  return `${(x * 100).toFixed(digits)} %`;
}

export function money(x: number | null | undefined, currency = "GBP", digits = 0): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  const key = `${currency}:${digits}`;
  let f = moneyFormats.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat("en-GB", {
        style: "currency",
        currency,
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      });
    } catch {
      f = new Intl.NumberFormat("en-GB", { maximumFractionDigits: digits });
    }
    moneyFormats.set(key, f);
  }
  return f.format(x);
}

/** A relative change: 0.12 → "+12 %". */
export function relChange(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  const v = Math.round(x * 1000) / 10;
  return `${v > 0 ? "+" : v < 0 ? "−" : "±"}${Math.abs(v)} %`;
}

/** A difference of two rates: 0.012 → "+1.2 pts". */
export function ptsChange(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  const v = Math.round(x * 1000) / 10;
  return `${v > 0 ? "+" : v < 0 ? "−" : "±"}${Math.abs(v)} pts`;
}

export function dateTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return DASH;
  return new Date(ms).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

export function day(ms: number): string {
  return new Date(ms).toLocaleDateString("en-GB", { day: "numeric", month: "short" });
}

export function duration(sec: number): string {
  if (!Number.isFinite(sec) || sec < 0) return DASH;
  if (sec < 60) return `${Math.round(sec)} s`;
  const m = Math.floor(sec / 60);
  return `${m} min ${Math.round(sec % 60)} s`;
}

export function ago(ms: number | null | undefined, now = Date.now()): string {
  if (ms === null || ms === undefined) return "never";
  const s = Math.max(0, (now - ms) / 1000);
  if (s < 60) return `${Math.round(s)} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}

/** "paid-social" → "paid social". */
export const words = (id: string): string => (id === "" ? "unknown" : id.replaceAll("-", " "));
