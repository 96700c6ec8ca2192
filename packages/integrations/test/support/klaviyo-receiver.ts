/**
 * A local Klaviyo "Create Event" endpoint that holds the documented request contract, refusing
 * what Klaviyo documents as invalid and accepting what it accepts:
 * - Create Event, revision 2026-10-15 (https://developers.klaviyo.com/en/reference/create_event,
 *   schema https://raw.githubusercontent.com/klaviyo/openapi/main/openapi/stable/apis/create_event.json):
 *   POST /api/events (with or without the trailing slash the older revisions print);
 *   `Authorization: Klaviyo-API-Key <private key>` (401); a JSON:API body with one event,
 *   `properties` (at most 400), a metric `name` under 128 characters, a profile with an
 *   identifier, `time` as ISO 8601, `value` a number, `value_currency` ISO 4217, phone numbers
 *   in E.164; 202 with no body.
 * - API versioning and deprecation policy
 *   (https://developers.klaviyo.com/en/docs/api_versioning_and_deprecation_policy): "the revision
 *   passed in must be a valid revision" (YYYY-MM-DD[.suffix], a released one); a revision is
 *   supported for two years after its release, then retired (refused here like an unknown one).
 *   Its example request sends `accept: application/json`, which is accepted.
 * - Rate limits, status codes and errors
 *   (https://developers.klaviyo.com/en/docs/rate_limits_and_error_handling): per-account fixed
 *   windows, burst 1 s and steady 1 min (XL: 350/s, 3,500/min) answering 429 with Retry-After;
 *   other answers carry RateLimit-Limit/-Remaining/-Reset; ingestion limits: payload ≤ 5 MB,
 *   any field ≤ 100 kB, arrays ≤ 4,000 items, nesting ≤ 10 levels, event time between the year
 *   2000 and one year from now.
 * Accepted events are deduplicated by unique_id (per profile and metric, as documented).
 */
import { json, type Reply, type Req } from "./http.ts";

const MEDIA = "application/vnd.api+json";
const IDENTIFIERS = ["email", "phone_number", "external_id", "anonymous_id", "_kx"];
/** Revisions Klaviyo has released (its changelog); a date not in it "never existed". */
export const KLAVIYO_RELEASED_REVISIONS: readonly string[] = [
  "2022-10-17",
  "2023-01-24",
  "2023-02-22",
  "2023-06-15",
  "2023-07-15",
  "2023-08-15",
  "2023-09-15",
  "2023-10-15",
  "2023-12-15",
  "2024-02-15",
  "2024-05-15",
  "2024-06-15",
  "2024-07-15",
  "2024-10-15",
  "2025-01-15",
  "2025-04-15",
  "2025-07-15",
  "2025-10-15",
  "2026-01-15",
  "2026-04-15",
  "2026-07-15",
  "2026-10-15",
];
const SUPPORT_MS = 730 * 86_400_000;
const MAX_PAYLOAD = 5 * 1024 * 1024;
const MAX_FIELD = 100 * 1024;
const MAX_PROPERTIES = 400;
const MAX_ARRAY = 4000;
const MAX_DEPTH = 10;
const YEAR_MS = 365 * 86_400_000;

export interface KlaviyoLimits {
  /** Requests per 1-second window (Klaviyo XL: 350). */
  burst: number;
  /** Requests per 1-minute window (Klaviyo XL: 3,500). */
  steady: number;
}

export const KLAVIYO_XL: KlaviyoLimits = { burst: 350, steady: 3500 };

const error = (status: number, code: string, detail: string, pointer?: string, extra = {}) =>
  json(
    status,
    {
      errors: [
        {
          id: crypto.randomUUID(),
          status,
          code,
          title: code,
          detail,
          source: pointer ? { pointer } : {},
        },
      ],
    },
    { "content-type": MEDIA, ...extra },
  );

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The first ingestion-limit breach in a value: field size, array length or nesting. */
function oversized(v: unknown, depth = 0): string | null {
  if (typeof v === "string") return Buffer.byteLength(v) > MAX_FIELD ? "a field over 100 kB" : null;
  if (depth > MAX_DEPTH) return "objects nested deeper than 10 levels";
  if (Array.isArray(v)) {
    if (v.length > MAX_ARRAY) return "an array of more than 4000 items";
    for (const x of v) {
      const bad = oversized(x, depth + 1);
      if (bad) return bad;
    }
  } else if (isObj(v)) {
    for (const x of Object.values(v)) {
      const bad = oversized(x, depth + 1);
      if (bad) return bad;
    }
  }
  return null;
}

/** The body schema; returns [pointer, detail] of the first problem. */
function problem(b: unknown, now: number): [string, string] | null {
  if (!isObj(b) || b.data === undefined) return ["/data", "data is required"];
  if (!isObj(b.data)) return ["/data", "data must be one event resource object"];
  const d = b.data;
  if (d.type !== "event") return ["/data/type", "type must be event"];
  const a = d.attributes;
  if (!isObj(a)) return ["/data/attributes", "attributes are required"];
  if (!isObj(a.properties)) return ["/data/attributes/properties", "properties is required"];
  if (Object.keys(a.properties).length > MAX_PROPERTIES)
    return ["/data/attributes/properties", "properties must not exceed 400 properties"];
  const big = oversized(a);
  if (big) return ["/data/attributes", `ingestion limit: ${big}`];
  const m = isObj(a.metric) && isObj(a.metric.data) ? a.metric.data : null;
  if (
    m?.type !== "metric" ||
    !isObj(m.attributes) ||
    typeof m.attributes.name !== "string" ||
    !m.attributes.name
  )
    return ["/data/attributes/metric", "metric with a name is required"];
  if (m.attributes.name.length >= 128)
    return ["/data/attributes/metric/data/attributes/name", "must be less than 128 characters"];
  const p = isObj(a.profile) && isObj(a.profile.data) ? a.profile.data : null;
  if (p?.type !== "profile" || !isObj(p.attributes))
    return ["/data/attributes/profile", "profile is required"];
  const pa = p.attributes;
  if (!IDENTIFIERS.some((k) => typeof pa[k] === "string" && pa[k]) && typeof p.id !== "string")
    return ["/data/attributes/profile/data/attributes", "profile needs an identifier"];
  if (pa.email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(pa.email)))
    return ["/data/attributes/profile/data/attributes/email", "invalid email"];
  if (pa.phone_number !== undefined && !/^\+[1-9]\d{1,14}$/.test(String(pa.phone_number)))
    return ["/data/attributes/profile/data/attributes/phone_number", "phone number not E.164"];
  if (a.time !== undefined && a.time !== null) {
    const t = typeof a.time === "string" ? Date.parse(a.time) : Number.NaN;
    if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}T/.test(String(a.time)))
      return ["/data/attributes/time", "time must be an ISO 8601 datetime"];
    if (t < Date.UTC(2000, 0, 1) || t > now + YEAR_MS)
      return ["/data/attributes/time", "time must be after 2000 and at most 1 year from now"];
  }
  if (a.value !== undefined && a.value !== null && typeof a.value !== "number")
    return ["/data/attributes/value", "value must be a number"];
  if (
    a.value_currency !== undefined &&
    a.value_currency !== null &&
    !/^[A-Z]{3}$/.test(String(a.value_currency))
  )
    return ["/data/attributes/value_currency", "value_currency must be an ISO 4217 code"];
  if (a.unique_id !== undefined && a.unique_id !== null && typeof a.unique_id !== "string")
    return ["/data/attributes/unique_id", "unique_id must be a string"];
  return null;
}

/** Whether a revision header names a released revision still in its support window. */
export function revisionProblem(header: string, now: number): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(\.\w+)?$/.exec(header);
  if (!m) return "a revision header (YYYY-MM-DD) is required";
  if (!KLAVIYO_RELEASED_REVISIONS.includes(m[1]!))
    return `revision ${header} is not a valid revision`;
  if (now - Date.parse(`${m[1]}T00:00:00Z`) >= SUPPORT_MS) return `revision ${header} is retired`;
  return null;
}

function acceptable(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept
    .split(",")
    .map((t) => t.split(";")[0]!.trim().toLowerCase())
    .some((t) => t === MEDIA || t === "application/json" || t === "application/*" || t === "*/*");
}

export class KlaviyoReceiver {
  apiKey = "pk_test_0123456789abcdef";
  limits: KlaviyoLimits = { ...KLAVIYO_XL };
  /** The receiver's clock (tests freeze it to put many requests in one window). */
  clock: () => number = Date.now;
  /** The next n valid requests get 503. */
  fail5xx = 0;
  readonly statuses: number[] = [];
  /** Accepted events by profile, metric and unique_id. */
  readonly events = new Map<string, Record<string, unknown>>();
  duplicates = 0;
  private second = { at: -1, n: 0 };
  private minute = { at: -1, n: 0 };

  constructor(over: Partial<Pick<KlaviyoReceiver, "apiKey" | "limits" | "clock">> = {}) {
    Object.assign(this, over);
  }

  handle = (r: Req): Reply => {
    const reply = this.answer(r);
    this.statuses.push(reply.status);
    return reply;
  };

  /** Fixed windows per account: 429 with Retry-After, else the RateLimit-* headers. */
  private rate(now: number): { throttled: Reply } | { headers: Record<string, string> } {
    const s = Math.floor(now / 1000);
    const m = Math.floor(now / 60_000);
    if (s !== this.second.at) this.second = { at: s, n: 0 };
    if (m !== this.minute.at) this.minute = { at: m, n: 0 };
    const throttled = (wait: string) => ({
      throttled: error(
        429,
        "throttled",
        `Request was throttled. Expected available in ${wait} second(s).`,
        undefined,
        {
          "retry-after": wait,
        },
      ),
    });
    if (this.second.n >= this.limits.burst) return throttled("1");
    if (this.minute.n >= this.limits.steady)
      return throttled(String(60 - Math.floor((now % 60_000) / 1000)));
    this.second.n++;
    this.minute.n++;
    return {
      headers: {
        "ratelimit-limit": String(this.limits.steady),
        "ratelimit-remaining": String(this.limits.steady - this.minute.n),
        "ratelimit-reset": String(60 - Math.floor((now % 60_000) / 1000)),
      },
    };
  }

  private answer(r: Req): Reply {
    if (r.path !== "/api/events" && r.path !== "/api/events/")
      return error(404, "not_found", "no such endpoint");
    if (r.method !== "POST") return error(405, "method_not_allowed", "POST only");
    const auth = String(r.headers.authorization ?? "");
    if (!auth.startsWith("Klaviyo-API-Key "))
      return error(401, "not_authenticated", "Authentication credentials were not provided.");
    if (auth !== `Klaviyo-API-Key ${this.apiKey}`)
      return error(401, "not_authenticated", "Incorrect authentication credentials.");
    const now = this.clock();
    const rate = this.rate(now);
    if ("throttled" in rate) return rate.throttled;
    const { headers } = rate;
    const withRate = (reply: Reply): Reply => ({
      ...reply,
      headers: { ...reply.headers, ...headers },
    });
    const bad = revisionProblem(String(r.headers.revision ?? ""), now);
    if (bad) return withRate(error(400, "invalid", bad, undefined));
    if (!acceptable(r.headers.accept)) return withRate(error(406, "not_acceptable", "accept"));
    if (!String(r.headers["content-type"] ?? "").startsWith(MEDIA))
      return withRate(
        error(415, "unsupported_media_type", "content-type must be application/vnd.api+json"),
      );
    if (Buffer.byteLength(r.body) > MAX_PAYLOAD)
      return withRate(error(413, "payload_too_large", "the payload must not exceed 5 MB"));
    if (this.fail5xx > 0) {
      this.fail5xx--;
      return withRate(error(503, "service_unavailable", "try again later"));
    }
    let body: unknown;
    try {
      body = JSON.parse(r.body);
    } catch {
      return withRate(error(400, "invalid", "body is not JSON"));
    }
    const wrong = problem(body, now);
    if (wrong) return withRate(error(400, "invalid", wrong[1], wrong[0]));
    const a = (body as { data: { attributes: Record<string, unknown> } }).data.attributes;
    const id = typeof a.unique_id === "string" ? a.unique_id : crypto.randomUUID();
    if (this.events.has(id)) this.duplicates++;
    else this.events.set(id, a);
    return withRate({ status: 202 });
  }
}
