/**
 * GA4 Measurement Protocol for a web stream
 * (https://developers.google.com/analytics/devguides/collection/protocol/ga4/sending-events):
 * POST <base>/mp/collect?measurement_id=G-…&api_secret=… with
 * `{client_id, user_id?, timestamp_micros, events: [{name, params}]}`.
 *
 * - client_id: the visitor's own `_ga` cookie (summary.gaClientId). Without it the session is
 *   not sent: any other id would count an extra GA user.
 * - session_id: the session of the stream's own `_ga_<container>` cookie (summary.gaSessions,
 *   container = measurement id without "G-"), so the event joins
 *   the visit GA already measured; with engagement_time_msec, what GA needs to show the event in
 *   Realtime and session reports. A made-up session_id would open an extra GA session, so none
 *   is sent when the session did not carry one.
 * - timestamp_micros: always, the shopper's last activity (inside the GA session). GA accepts
 *   events backdated up to 72 hours; older ones would be recorded at the time of the request,
 *   misdated, so they are dead-lettered with the reason instead of sent.
 * - value + currency: GA's documented pair (ISO 4217), only when the session had revenue.
 * The collect endpoint answers 2xx even for bad payloads, so test sends (and integrations with
 * `validate: true`) first go to the validation server, /debug/mp/collect, with
 * `validation_behavior: ENFORCE_RECOMMENDATIONS` (Google's advice for checking); its
 * `validationMessages` decide the verdict. Production sends leave validation_behavior unset.
 */

import { checkFields, fieldValue, givenValue, urlOf } from "../field-check.ts";
import { GA4_BASE_URL, GA4_EVENT, secretFieldsOf } from "../fields.ts";
import { inSegments, type SessionSummary } from "../summary.ts";
import { GA4_LIMITS } from "./ga4-names.ts";
import { post } from "./http.ts";
import type { Connector, SendResult } from "./types.ts";

/** The default base URL and event name are the field rules' (../fields.ts). */
export { GA4_BASE_URL, GA4_EVENT };

/** Margin under GA's 72 h, for the request's own time in flight and clock skew. */
const MAX_AGE_MS = GA4_LIMITS.backdateMs - 5 * 60_000;
/**
 * engagement_time_msec is "the milliseconds elapsed since the preceding event". This event is
 * computed after the visit; GA's own tag already counted the visit's engagement, so 1 ms
 * (positive, as Realtime and DebugView need) adds none.
 */
const ENGAGEMENT_MS = 1;

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

const text = (v: string | readonly string[]) =>
  (typeof v === "string" ? v : v.join(",")).slice(0, GA4_LIMITS.paramValueChars);

/** The event's time: the shopper's last activity, within the GA session. */
export const ga4EventTime = (s: SessionSummary) => s.lastEventAt;

/** The GA session of this stream's own `_ga_<container>` cookie, or null. */
export function ga4SessionId(s: SessionSummary, measurementId: string): string | null {
  return s.gaSessions[measurementId.replace(/^G-/, "")] ?? null;
}

export function ga4Payload(s: SessionSummary, eventName: string, measurementId: string) {
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
    orders: s.orders,
    purchased: s.purchased ? 1 : 0,
    device: text(s.device),
    traffic_source: text(s.source.type),
    intently_session: text(s.session),
    engagement_time_msec: ENGAGEMENT_MS,
  };
  const session = ga4SessionId(s, measurementId);
  if (session) params.session_id = session;
  if (s.revenue > 0) {
    params.value = s.revenue;
    params.currency = s.currency;
  }
  const body: Record<string, unknown> = {
    client_id: s.gaClientId,
    timestamp_micros: ga4EventTime(s) * 1000,
    events: [{ name: eventName, params }],
  };
  // GA4 forbids PII in user_id: only a hashed identified id is sent.
  if (s.identified && s.identifiedHashed)
    body.user_id = s.identified.slice(0, GA4_LIMITS.userIdChars);
  return body;
}

/** A dead letter without a request: GA would misdate an event older than its 72 h. */
function tooOld(s: SessionSummary, now: number): SendResult | null {
  const age = now - ga4EventTime(s);
  if (age < MAX_AGE_MS) return null;
  return {
    status: 0,
    body: `not sent: the session's last activity was ${Math.floor(age / 3_600_000)} h ago and GA4 accepts timestamps up to 72 h old (an older event would be recorded at the time of sending)`,
    retryAfterMs: null,
    verdict: "dead",
  };
}

export const ga4: Connector<Ga4Config> = {
  kind: "ga4",
  secretFields: secretFieldsOf("ga4"),
  rate: { perSecond: 100, burst: 200 },
  validate(raw) {
    // The rules of ../fields.ts, the event name's reserved names and prefixes included.
    checkFields("ga4", raw);
    return {
      measurementId: fieldValue<string>("ga4", raw, "measurementId"),
      apiSecret: fieldValue<string>("ga4", raw, "apiSecret"),
      baseUrl: urlOf("ga4", raw, "baseUrl"),
      eventName: fieldValue<string>("ga4", raw, "eventName"),
      segments: fieldValue<string[]>("ga4", raw, "segments"),
      validate: fieldValue<boolean>("ga4", raw, "validate"),
      timeoutMs: givenValue<number>(raw, "timeoutMs"),
    };
  },
  // Only visitors GA knows (their `_ga` cookie): see client_id above.
  accepts: (s, c) => s.gaClientId !== null && inSegments(s, c.segments),
  async send(s, _key, c, opts) {
    const old = tooOld(s, opts.now);
    if (old) return old;
    const query = `measurement_id=${encodeURIComponent(c.measurementId)}&api_secret=${encodeURIComponent(c.apiSecret)}`;
    const payload = ga4Payload(s, c.eventName, c.measurementId);
    const headers = { "content-type": "application/json" };
    const timeout = c.timeoutMs ?? opts.timeoutMs;
    const allow = opts.allowPrivate;
    if (opts.test || c.validate) {
      const strict = JSON.stringify({ ...payload, validation_behavior: "ENFORCE_RECOMMENDATIONS" });
      const r = await post(
        `${c.baseUrl}/debug/mp/collect?${query}`,
        headers,
        strict,
        timeout,
        allow,
      );
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
    const body = JSON.stringify(payload);
    return post(`${c.baseUrl}/mp/collect?${query}`, headers, body, timeout, allow);
  },
};
