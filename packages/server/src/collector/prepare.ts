/**
 * From a validated batch to the record that is logged and applied: clock correction of event
 * times, and the context the server adds (user agent when the tag sent none, country from a
 * CDN header). The IP address is never read.
 */
import type { Batch, Context, Event } from "@intently/engine";
import type { BatchRecord } from "./records.ts";

/** Headers a CDN or proxy sets with the visitor's country (ISO 3166-1 alpha-2). */
export const COUNTRY_HEADERS = ["cf-ipcountry", "x-country", "x-vercel-ip-country"] as const;
const MAX_UA = 512;
const COUNTRY_RE = /^[A-Z]{2}$/;
/** Placeholders some CDNs send for "unknown" or Tor. */
const NOT_COUNTRIES = new Set(["XX", "T1", "A1", "A2", "O1"]);

export type Headers = Record<string, string | string[] | undefined>;

function header(h: Headers, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

export function countryOf(h: Headers): string | undefined {
  for (const name of COUNTRY_HEADERS) {
    const v = header(h, name)?.trim().toUpperCase();
    if (v && COUNTRY_RE.test(v) && !NOT_COUNTRIES.has(v)) return v;
  }
  return undefined;
}

function contextOf(batch: Batch, h: Headers): Context | undefined {
  const ua = batch.context?.ua ?? header(h, "user-agent")?.slice(0, MAX_UA);
  const country = countryOf(h) ?? batch.context?.country;
  if (!batch.context && ua === undefined && country === undefined) return undefined;
  const ctx: Context = { ...batch.context };
  if (ua !== undefined) ctx.ua = ua;
  if (country !== undefined) ctx.country = country;
  return ctx;
}

/**
 * Browser clocks can be wrong by minutes or years: every event time is shifted by the batch's
 * offset (server receive time − the browser's `sentAt`, which includes the small transit time)
 * and clamped to [receivedAt − maxAgeMs, receivedAt], so the engine sees server-clock times.
 */
export function correctTimes(
  events: Event[],
  offset: number,
  receivedAt: number,
  maxAgeMs: number,
) {
  const min = receivedAt - maxAgeMs;
  for (const e of events) {
    const t = Math.round(e.t + offset);
    e.t = Math.min(Math.max(t, min), receivedAt);
  }
}

export function prepare(
  batch: Batch,
  siteId: string,
  h: Headers,
  receivedAt: number,
  maxEventAgeMs: number,
): BatchRecord {
  const off = Math.round(receivedAt - batch.sentAt);
  correctTimes(batch.events, off, receivedAt, maxEventAgeMs);
  const rec: BatchRecord = {
    k: "b",
    at: receivedAt,
    site: siteId,
    visitor: batch.visitor,
    session: batch.session,
    batch: batch.batch,
    off,
    events: batch.events,
  };
  const context = contextOf(batch, h);
  if (context) rec.context = context;
  return rec;
}
