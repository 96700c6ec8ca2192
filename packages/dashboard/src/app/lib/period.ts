/**
 * The report period of every page, kept in the page's URL (`range`, `from`/`to` for a custom
 * range as inclusive local dates, `compare`), so that it survives reload and is part of a
 * shared link. Pages without it in their URL (reached by a link that did not carry it) take
 * the tab's last choice and write it into their URL. The server resolves it in the site's time
 * zone (store period-model.ts) and answers with the period actually used (`periodInfo`).
 */

import type { Compare, PeriodComparison, Range, ResolvedPeriod } from "@intently/store";
import { useCallback, useEffect } from "react";
import { navigate, useLocation } from "../router.tsx";

export type { Compare, PeriodComparison, Range, ResolvedPeriod };

export interface PeriodInfo {
  period: ResolvedPeriod;
  comparison: PeriodComparison | null;
}

/** Presets, labelled; `satisfies` keeps them the server's list (a new one fails to compile). */
export const RANGE_OPTIONS = {
  yesterday: "Yesterday",
  last7: "Last 7 days",
  last28: "Last 28 days",
  last90: "Last 90 days",
  last365: "Last 365 days",
  today: "Today (so far)",
} satisfies Record<Range, string>;

export const COMPARE_OPTIONS = {
  previous: "Previous period",
  year: "Same period last year",
  none: "No comparison",
} satisfies Record<Compare, string>;

export interface PeriodChoice {
  range: Range | "custom";
  /** Custom range: first and last local date (inclusive), YYYY-MM-DD. */
  from?: string;
  to?: string;
  compare: Compare;
}

export const DEFAULT_PERIOD: PeriodChoice = { range: "last7", compare: "previous" };
const KEYS = ["range", "from", "to", "compare"] as const;
const STORAGE = "intently.period";
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const isRange = (v: string | null): v is Range => v !== null && v in RANGE_OPTIONS;
const isCompare = (v: string | null): v is Compare => v !== null && v in COMPARE_OPTIONS;

/** The period in a query string, or null when it holds none (or not a valid one). */
export function parsePeriod(q: URLSearchParams): PeriodChoice | null {
  const range = q.get("range");
  const compare = q.get("compare");
  const cmp = isCompare(compare) ? compare : "previous";
  if (range === "custom") {
    const from = q.get("from") ?? "";
    const to = q.get("to") ?? "";
    if (!DATE.test(from) || !DATE.test(to) || from > to) return null;
    return { range, from, to, compare: cmp };
  }
  return isRange(range) ? { range, compare: cmp } : null;
}

function entries(c: PeriodChoice): [string, string][] {
  const out: [string, string][] = [["range", c.range]];
  if (c.range === "custom") out.push(["from", c.from ?? ""], ["to", c.to ?? ""]);
  out.push(["compare", c.compare]);
  return out;
}

const nextDate = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The API's query for the period (its `to` is exclusive). */
export function apiPeriodQuery(c: PeriodChoice, withCompare = true): string {
  const q = new URLSearchParams();
  if (c.range === "custom") {
    q.set("from", c.from ?? "");
    q.set("to", nextDate(c.to ?? ""));
  } else q.set("range", c.range);
  if (withCompare) q.set("compare", c.compare);
  return q.toString();
}

function stored(): PeriodChoice | null {
  try {
    return parsePeriod(new URLSearchParams(sessionStorage.getItem(STORAGE) ?? ""));
  } catch {
    return null;
  }
}

function remember(c: PeriodChoice): void {
  try {
    sessionStorage.setItem(STORAGE, new URLSearchParams(entries(c)).toString());
  } catch {}
}

function withPeriod(path: string, query: URLSearchParams, c: PeriodChoice): string {
  const q = new URLSearchParams(query);
  for (const k of KEYS) q.delete(k);
  for (const [k, v] of entries(c)) q.set(k, v);
  return `${path}?${q.toString()}`;
}

/** The page's period and a setter (which updates the URL and the tab's last choice). */
export function usePeriod(): [PeriodChoice, (c: PeriodChoice) => void] {
  const { path, query } = useLocation();
  const inUrl = parsePeriod(query);
  const choice = inUrl ?? stored() ?? DEFAULT_PERIOD;
  const search = query.toString();
  const key = new URLSearchParams(entries(choice)).toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `choice`
  useEffect(() => {
    if (inUrl === null) {
      const to = withPeriod(path, new URLSearchParams(search), choice);
      navigate(to, { replace: true, scroll: false });
    } else remember(choice);
  }, [inUrl === null, path, search, key]);
  const set = useCallback(
    (c: PeriodChoice) => {
      remember(c);
      navigate(withPeriod(path, new URLSearchParams(search), c), { replace: true, scroll: false });
    },
    [path, search],
  );
  return [choice, set];
}
