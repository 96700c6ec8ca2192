/**
 * From a validated batch to the record that is logged and applied: the accepted time window,
 * clock correction of event times, and the context the server adds (user agent when the tag
 * sent none, country from a CDN header). The IP address is never read. PII is scrubbed here,
 * from every batch whatever sent it (the shared rules of @intently/engine's privacy module,
 * docs/privacy.md), before anything is logged, applied or stored.
 */
import {
  type Batch,
  type Context,
  type Event,
  scrubBatch,
  type ValidationIssue,
} from "@intently/engine";
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

/** Accepted event times, relative to the batch's `sentAt` (options.ts maxEventAgeMs / …AheadMs). */
export interface TimeWindow {
  maxAgeMs: number;
  maxAheadMs: number;
}

const span = (ms: number) =>
  ms % 3_600_000 === 0
    ? `${ms / 3_600_000} h`
    : ms % 60_000 === 0
      ? `${ms / 60_000} min`
      : `${ms} ms`;

/**
 * Events the batch cannot carry: a time more than `maxAgeMs` before the batch's `sentAt` or more
 * than `maxAheadMs` after it. Both are the browser's clock, so a wrong clock does not matter;
 * after correction (below) this is the window [receive time − maxAgeMs, receive time +
 * maxAheadMs]. Clamping instead would give e.g. `t = 0` a made-up time and the session an odd
 * start or end.
 */
export function timeIssues(batch: Batch, w: TimeWindow): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const events = batch.events;
  // A plain loop, the message built only for a refused event (this runs on every batch).
  for (let i = 0; i < events.length && issues.length < 10; i++) {
    const ahead = events[i]!.t - batch.sentAt;
    if (ahead >= -w.maxAgeMs && ahead <= w.maxAheadMs) continue;
    const where = ahead < 0 ? "too old" : "in the future";
    const accepted = `accepted: ${span(w.maxAgeMs)} before to ${span(w.maxAheadMs)} after sentAt`;
    issues.push({ path: `/events/${i}/t`, message: `${where} (${accepted})` });
  }
  return issues;
}

/**
 * Browser clocks can be wrong by minutes or years: every event time is shifted by the batch's
 * offset (server receive time − the browser's `sentAt`, which includes the small transit time),
 * so the engine sees server-clock times. Times within the accepted window but after the receive
 * time are clamped to it: the engine's time never runs ahead of the server's.
 */
export function correctTimes(events: Event[], offset: number, receivedAt: number) {
  for (const e of events) e.t = Math.min(Math.round(e.t + offset), receivedAt);
}

/** The record of a batch whose times are within the window (timeIssues found nothing). */
export function prepare(
  batch: Batch,
  siteId: string,
  h: Headers,
  receivedAt: number,
  hash: number,
): BatchRecord {
  scrubBatch(batch);
  const off = Math.round(receivedAt - batch.sentAt);
  correctTimes(batch.events, off, receivedAt);
  const rec: BatchRecord = {
    k: "b",
    at: receivedAt,
    site: siteId,
    visitor: batch.visitor,
    session: batch.session,
    batch: batch.batch,
    off,
    h: hash,
    events: batch.events,
  };
  const context = contextOf(batch, h);
  if (context) rec.context = context;
  return rec;
}
