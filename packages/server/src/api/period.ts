/**
 * Report periods from query parameters: `from` / `to` as a date (`2024-03-01`, UTC midnight), an
 * ISO date-time, or epoch milliseconds. Default: the 7 days up to now. `from` must be before `to`
 * and the span at most 400 days (400 otherwise).
 */
import { Type } from "@fastify/type-provider-typebox";
import { badRequest } from "./errors.ts";

const DAY_MS = 86_400_000;
export const MAX_PERIOD_DAYS = 400;

const Time = (what: string) =>
  Type.String({
    maxLength: 40,
    pattern: "^(\\d{4}-\\d{2}-\\d{2}([Tt ][0-9:.]+([Zz]|[+-]\\d{2}:?\\d{2})?)?|\\d{1,15})$",
    description: `${what}: YYYY-MM-DD, an ISO date-time or epoch ms`,
  });

export const PeriodQuery = {
  from: Type.Optional(Time("start (inclusive; default: 7 days before `to`)")),
  to: Type.Optional(Time("end (exclusive; default: now)")),
};

function parseTime(name: string, v: string): number {
  const t = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(t))
    throw badRequest(`${name} is not a valid time`, [
      { path: `/querystring/${name}`, message: "not a valid time" },
    ]);
  return t;
}

export function periodOf(
  q: { from?: string; to?: string },
  defaultDays = 7,
  now = Date.now(),
): { from: number; to: number } {
  const to = q.to === undefined ? now : parseTime("to", q.to);
  const from = q.from === undefined ? to - defaultDays * DAY_MS : parseTime("from", q.from);
  if (!(from < to))
    throw badRequest("from must be before to", [
      { path: "/querystring/from", message: "must be before to" },
    ]);
  if (to - from > MAX_PERIOD_DAYS * DAY_MS)
    throw badRequest(`the period is longer than ${MAX_PERIOD_DAYS} days`, [
      { path: "/querystring/from", message: `at most ${MAX_PERIOD_DAYS} days before to` },
    ]);
  return { from, to };
}
