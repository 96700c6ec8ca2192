/**
 * GA4 Measurement Protocol: POST <base>/mp/collect?measurement_id=G-…&api_secret=… with
 * `{client_id, user_id?, timestamp_micros?, events: [{name: "intently_segment", params}]}`.
 * The collect endpoint answers 2xx even for bad payloads, so test sends (and integrations with
 * `validate: true`) go to the validation server, /debug/mp/collect, whose `validationMessages`
 * decide the verdict. Limits respected: ≤ 25 params, names ≤ 40 characters, string values
 * ≤ 100 characters, user_id ≤ 256, timestamps at most 72 h old.
 *
 * client_id: the tag's GA cookie value when the session carries it (summary.gaClientId);
 * otherwise a stable pseudo id derived from the visitor id (see pseudoClientId), so a visitor's
 * events stay together without inventing a GA user.
 */
import { createHash } from "node:crypto";
import { inSegments, type SessionSummary } from "../summary.ts";
import { post } from "./http.ts";
import { type Connector, field } from "./types.ts";

export const GA4_BASE_URL = "https://www.google-analytics.com";
export const GA4_EVENT = "intently_segment";
const MAX_VALUE = 100;
const MAX_AGE_MS = 72 * 3_600_000 - 60_000;

export interface Ga4Config {
  measurementId: string;
  apiSecret: string;
  baseUrl: string;
  eventName: string;
  segments: string[];
  /** Send every event to the validation server first (debugging a new property). */
  validate: boolean;
  timeoutMs?: number;
}

/** "<uint32>.<uint32>" from SHA-256("intently-ga:" + visitor): the shape of a GA client id. */
export function pseudoClientId(visitor: string): string {
  const h = createHash("sha256").update(`intently-ga:${visitor}`).digest();
  return `${h.readUInt32BE(0)}.${h.readUInt32BE(4)}`;
}

const text = (v: string | readonly string[]) =>
  (typeof v === "string" ? v : v.join(",")).slice(0, MAX_VALUE);

export function ga4Payload(s: SessionSummary, eventName: string, now: number) {
  const params: Record<string, string | number> = {
    segment: s.segment,
    custom_segments: text(s.customSegments),
    persisted_segments: text(s.persistedSegments),
    stage: s.stage,
    phase: s.phase,
    state: s.state,
    intent: s.intent,
    xc_final: s.scores.xC.final,
    xc_max: s.scores.xC.max,
    xatc_final: s.scores.xATC.final,
    xe_final: s.scores.xE.final,
    revenue: s.revenue,
    orders: s.orders,
    purchased: s.purchased ? 1 : 0,
    currency: s.currency,
    device: text(s.device),
    traffic_source: text(s.source.type),
    intently_session: text(s.session),
  };
  const body: Record<string, unknown> = {
    client_id: s.gaClientId ?? pseudoClientId(s.visitor),
    events: [{ name: eventName, params }],
  };
  // GA4 forbids PII in user_id: only a hashed identified id is sent.
  if (s.identified && s.identifiedHashed) body.user_id = s.identified.slice(0, 256);
  if (now - s.endedAt < MAX_AGE_MS) body.timestamp_micros = s.endedAt * 1000;
  return body;
}

export const ga4: Connector<Ga4Config> = {
  kind: "ga4",
  secretFields: ["apiSecret"],
  rate: { perSecond: 100, burst: 200 },
  validate: (raw) => ({
    measurementId: field.string(raw, "measurementId", /^G-[A-Z0-9]+$/),
    apiSecret: field.string(raw, "apiSecret"),
    baseUrl: field.url(raw, "baseUrl", GA4_BASE_URL),
    eventName: field.optString(raw, "eventName", GA4_EVENT, /^[A-Za-z][A-Za-z0-9_]{0,39}$/),
    segments: field.segments(raw),
    validate: raw.validate === true,
    timeoutMs: field.timeout(raw),
  }),
  accepts: (s, c) => inSegments(s, c.segments),
  async send(s, _key, c, opts) {
    const query = `measurement_id=${encodeURIComponent(c.measurementId)}&api_secret=${encodeURIComponent(c.apiSecret)}`;
    const body = JSON.stringify(ga4Payload(s, c.eventName, opts.now));
    const headers = { "content-type": "application/json" };
    const timeout = c.timeoutMs ?? opts.timeoutMs;
    const allow = opts.allowPrivate;
    if (opts.test || c.validate) {
      const r = await post(`${c.baseUrl}/debug/mp/collect?${query}`, headers, body, timeout, allow);
      if (r.status < 200 || r.status >= 300) return r;
      let messages: unknown[];
      try {
        messages =
          (JSON.parse(r.body) as { validationMessages?: unknown[] }).validationMessages ?? [];
      } catch {
        return { ...r, verdict: "retry" };
      }
      if (messages.length > 0) return { ...r, verdict: "dead" };
      // A test send stops at the validation server: its events never reach reports.
      if (opts.test) return r;
    }
    return post(`${c.baseUrl}/mp/collect?${query}`, headers, body, timeout, allow);
  },
};
