/**
 * Klaviyo Events API, Create Event (https://developers.klaviyo.com/en/reference/create_event):
 * POST https://a.klaviyo.com/api/events with a private API key, the `revision` header and a
 * JSON:API body. The event's metric is "Intently Segment" (a name under 128 characters); the
 * profile is identified by the shop's id for the visitor: `email` or `phone_number` when the
 * shop identified the visitor with one in clear, `external_id` otherwise (a hashed id). A
 * profile known only by a hashed `external_id` has no e-mail address or phone number, so
 * Klaviyo flows cannot message it: flows need the site to keep identified ids in clear.
 * `unique_id` is the idempotency key: Klaviyo records only the first event with a given
 * unique_id for a profile and metric, so retries and replays never double-count.
 * Answers: 202 accepted; 400 bad body or revision, 401/403 bad key (dead letters); 429 with
 * Retry-After (350/s burst, 3,500/min steady, per account) and 5xx are retried.
 */

import { checkFields, fieldValue, givenValue, urlOf } from "../field-check.ts";
import { KLAVIYO_BASE_URL, KLAVIYO_METRIC, secretFieldsOf } from "../fields.ts";
import { inSegments, type SessionSummary } from "../summary.ts";
import { post } from "./http.ts";
import type { Connector } from "./types.ts";

/** The default base URL and metric are the field rules' (../fields.ts). */
export { KLAVIYO_BASE_URL, KLAVIYO_METRIC };
/**
 * The one API revision every request names: the latest stable one when this was written.
 * Klaviyo supports a revision for two years after its release (stable the first year,
 * deprecated the second, then retired): https://developers.klaviyo.com/en/docs/api_versioning_and_deprecation_policy
 * `intently integrations status` prints its age so that the move to a newer one is not missed.
 */
export const KLAVIYO_REVISION = "2026-10-15";
/** A revision's support window after its release date. */
export const KLAVIYO_SUPPORT_DAYS = 730;
/** Past this age a revision is deprecated: time to move to a newer one. */
export const KLAVIYO_STABLE_DAYS = 365;
export const JSON_API = "application/vnd.api+json";

export interface KlaviyoConfig {
  /** Private API key (pk_…), scope events:write. */
  apiKey: string;
  baseUrl: string;
  metricName: string;
  segments: string[];
  timeoutMs?: number;
}

export interface RevisionAge {
  revision: string;
  days: number;
  phase: "stable" | "deprecated" | "retired";
  /** Days until Klaviyo retires it (negative: already retired). */
  daysLeft: number;
}

/** How old the revision is at `now`, and where it is in Klaviyo's two-year support window. */
export function klaviyoRevisionAge(now: number, revision = KLAVIYO_REVISION): RevisionAge {
  const released = Date.parse(`${revision.slice(0, 10)}T00:00:00Z`);
  const days = Math.floor((now - released) / 86_400_000);
  const phase =
    days >= KLAVIYO_SUPPORT_DAYS
      ? "retired"
      : days >= KLAVIYO_STABLE_DAYS
        ? "deprecated"
        : "stable";
  return { revision, days, phase, daysLeft: KLAVIYO_SUPPORT_DAYS - days };
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** Klaviyo: "Individual's phone number in E.164 format". */
const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * Profile identifiers: the shop's id in clear as `email` or `phone_number` when it is one (so
 * flows can reach the shopper), else `external_id` (hashed ids, customer numbers).
 */
export function klaviyoProfile(s: SessionSummary): Record<string, string> | null {
  if (!s.identified) return null;
  if (!s.identifiedHashed) {
    const id = s.identified.trim();
    if (EMAIL.test(id)) return { email: id };
    const phone = id.replace(/[\s().-]/g, "");
    if (E164.test(phone)) return { phone_number: phone };
  }
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
  if (s.revenue > 0) {
    attributes.value = s.revenue;
    // "The ISO 4217 currency code of the value associated with the event."
    if (/^[A-Z]{3}$/.test(s.currency)) attributes.value_currency = s.currency;
  }
  return { data: { type: "event", attributes } };
}

export const klaviyo: Connector<KlaviyoConfig> = {
  kind: "klaviyo",
  secretFields: secretFieldsOf("klaviyo"),
  // Klaviyo's "XL" limits for Create Event: 350/s burst, 3500/m steady (≈ 58/s).
  rate: { perSecond: 58, burst: 350 },
  validate(raw) {
    checkFields("klaviyo", raw);
    // A stored `revision` (older configurations, the dashboard's former field) is ignored:
    // every request names KLAVIYO_REVISION.
    return {
      apiKey: fieldValue<string>("klaviyo", raw, "apiKey"),
      baseUrl: urlOf("klaviyo", raw, "baseUrl"),
      metricName: fieldValue<string>("klaviyo", raw, "metricName"),
      segments: fieldValue<string[]>("klaviyo", raw, "segments"),
      timeoutMs: givenValue<number>(raw, "timeoutMs"),
    };
  },
  // Klaviyo events need a profile: anonymous sessions are not sent.
  accepts: (s, c) => klaviyoProfile(s) !== null && inSegments(s, c.segments),
  send(s, key, c, opts) {
    return post(
      `${c.baseUrl}/api/events`,
      {
        authorization: `Klaviyo-API-Key ${c.apiKey}`,
        revision: KLAVIYO_REVISION,
        accept: JSON_API,
        "content-type": JSON_API,
      },
      JSON.stringify(klaviyoEvent(s, key, c.metricName)),
      c.timeoutMs ?? opts.timeoutMs,
      opts.allowPrivate,
    );
  },
};
