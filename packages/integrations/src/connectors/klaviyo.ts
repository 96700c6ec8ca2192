/**
 * Klaviyo Events API (Create Event): POST https://a.klaviyo.com/api/events with a private API
 * key, a `revision` header and a JSON:API body. The event's metric is "Intently Segment"; the
 * profile is identified by e-mail (an unhashed identified id containing "@") or external_id.
 * `unique_id` is the idempotency key: Klaviyo records only the first event with a given
 * unique_id for a profile and metric, so retries and replays never double-count.
 * Answers: 202 accepted; 400 bad body, 401/403 bad key (dead letters); 429 with Retry-After
 * (burst 350/s, steady 3500/m per account) and 5xx are retried.
 */
import { inSegments, type SessionSummary } from "../summary.ts";
import { post } from "./http.ts";
import { type Connector, field } from "./types.ts";

export const KLAVIYO_BASE_URL = "https://a.klaviyo.com";
export const KLAVIYO_REVISION = "2024-10-15";
export const KLAVIYO_METRIC = "Intently Segment";
export const JSON_API = "application/vnd.api+json";

export interface KlaviyoConfig {
  /** Private API key (pk_…), scope events:write. */
  apiKey: string;
  revision: string;
  baseUrl: string;
  metricName: string;
  segments: string[];
  timeoutMs?: number;
}

/** Profile identifiers: e-mail when the id is one (not hashed), else external_id. */
export function klaviyoProfile(s: SessionSummary): Record<string, string> | null {
  if (!s.identified) return null;
  if (!s.identifiedHashed && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s.identified))
    return { email: s.identified };
  return { external_id: s.identified };
}

export function klaviyoEvent(s: SessionSummary, key: string, metricName: string) {
  const attributes: Record<string, unknown> = {
    properties: {
      segment: s.segment,
      custom_segments: s.customSegments,
      persisted_segments: s.persistedSegments,
      stage: s.stage,
      phase: s.phase,
      state: s.state,
      intent: s.intent,
      xc_final: s.scores.xC.final,
      xc_max: s.scores.xC.max,
      xatc_final: s.scores.xATC.final,
      xatc_max: s.scores.xATC.max,
      xe_final: s.scores.xE.final,
      xe_max: s.scores.xE.max,
      revenue: s.revenue,
      orders: s.orders,
      purchased: s.purchased,
      currency: s.currency,
      device: s.device,
      traffic_source: s.source.type,
      campaign: s.source.campaign,
      landing_page: s.landingPage,
      session: s.session,
      started_at: new Date(s.startedAt).toISOString(),
      experiments: s.experiments.map((e) => `${e.experiment}:${e.variant}`),
    },
    metric: { data: { type: "metric", attributes: { name: metricName } } },
    profile: { data: { type: "profile", attributes: klaviyoProfile(s) ?? {} } },
    time: new Date(s.endedAt).toISOString(),
    unique_id: key,
  };
  if (s.revenue > 0) attributes.value = s.revenue;
  return { data: { type: "event", attributes } };
}

export const klaviyo: Connector<KlaviyoConfig> = {
  kind: "klaviyo",
  secretFields: ["apiKey"],
  // Klaviyo's "XL" limits for Create Event: 350/s burst, 3500/m steady (≈ 58/s).
  rate: { perSecond: 58, burst: 350 },
  validate: (raw) => ({
    apiKey: field.string(raw, "apiKey"),
    revision: field.optString(raw, "revision", KLAVIYO_REVISION, /^\d{4}-\d{2}-\d{2}(\.\w+)?$/),
    baseUrl: field.url(raw, "baseUrl", KLAVIYO_BASE_URL),
    metricName: field.optString(raw, "metricName", KLAVIYO_METRIC),
    segments: field.segments(raw),
    timeoutMs: field.timeout(raw),
  }),
  // Klaviyo events need a profile: anonymous sessions are not sent.
  accepts: (s, c) => klaviyoProfile(s) !== null && inSegments(s, c.segments),
  send(s, key, c, opts) {
    return post(
      `${c.baseUrl}/api/events`,
      {
        authorization: `Klaviyo-API-Key ${c.apiKey}`,
        revision: c.revision,
        accept: JSON_API,
        "content-type": JSON_API,
      },
      JSON.stringify(klaviyoEvent(s, key, c.metricName)),
      c.timeoutMs ?? opts.timeoutMs,
      opts.allowPrivate,
    );
  },
};
