/**
 * A local Klaviyo "Create Event" endpoint implementing the documented request contract:
 * POST /api/events; Authorization: Klaviyo-API-Key <private key> (401 otherwise); a `revision`
 * header YYYY-MM-DD (400); JSON:API media types (406/415); the event body schema with a
 * profile identifier (400 with JSON:API errors and source pointers); a fixed 1-second burst
 * window answering 429 with Retry-After; 202 with no body on success; unique_id deduplication.
 */
import { json, type Reply, type Req } from "./http.ts";

const MEDIA = "application/vnd.api+json";
const IDENTIFIERS = ["email", "phone_number", "external_id", "anonymous_id"];

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
    extra,
  );

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The body schema; returns [pointer, detail] of the first problem. */
function problem(b: unknown): [string, string] | null {
  if (!isObj(b) || !isObj(b.data)) return ["/data", "data is required"];
  const d = b.data;
  if (d.type !== "event") return ["/data/type", "type must be event"];
  const a = d.attributes;
  if (!isObj(a)) return ["/data/attributes", "attributes are required"];
  if (!isObj(a.properties)) return ["/data/attributes/properties", "properties is required"];
  const m = isObj(a.metric) && isObj(a.metric.data) ? a.metric.data : null;
  if (
    m?.type !== "metric" ||
    !isObj(m.attributes) ||
    typeof m.attributes.name !== "string" ||
    !m.attributes.name
  )
    return ["/data/attributes/metric", "metric with a name is required"];
  const p = isObj(a.profile) && isObj(a.profile.data) ? a.profile.data : null;
  if (p?.type !== "profile" || !isObj(p.attributes))
    return ["/data/attributes/profile", "profile is required"];
  const pa = p.attributes;
  if (!IDENTIFIERS.some((k) => typeof pa[k] === "string" && pa[k]) && typeof p.id !== "string")
    return ["/data/attributes/profile/data/attributes", "profile needs an identifier"];
  if (pa.email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(pa.email)))
    return ["/data/attributes/profile/data/attributes/email", "invalid email"];
  if (a.time !== undefined && (typeof a.time !== "string" || Number.isNaN(Date.parse(a.time))))
    return ["/data/attributes/time", "time must be an ISO 8601 datetime"];
  if (a.value !== undefined && typeof a.value !== "number")
    return ["/data/attributes/value", "value must be a number"];
  if (a.unique_id !== undefined && typeof a.unique_id !== "string")
    return ["/data/attributes/unique_id", "unique_id must be a string"];
  return null;
}

export class KlaviyoReceiver {
  apiKey = "pk_test_0123456789abcdef";
  /** Requests allowed per 1-second window before 429. */
  burst = Number.POSITIVE_INFINITY;
  /** The next n valid requests get 503. */
  fail5xx = 0;
  readonly statuses: number[] = [];
  /** Accepted events by unique_id. */
  readonly events = new Map<string, Record<string, unknown>>();
  duplicates = 0;
  private window = 0;
  private inWindow = 0;

  handle = (r: Req): Reply => {
    const reply = this.answer(r);
    this.statuses.push(reply.status);
    return reply;
  };

  private answer(r: Req): Reply {
    if (r.path !== "/api/events") return error(404, "not_found", "no such endpoint");
    if (r.method !== "POST") return error(405, "method_not_allowed", "POST only");
    const auth = String(r.headers.authorization ?? "");
    if (!auth.startsWith("Klaviyo-API-Key "))
      return error(401, "not_authenticated", "Authentication credentials were not provided.");
    if (auth !== `Klaviyo-API-Key ${this.apiKey}`)
      return error(401, "not_authenticated", "Incorrect authentication credentials.");
    const revision = String(r.headers.revision ?? "");
    if (!/^\d{4}-\d{2}-\d{2}(\.\w+)?$/.test(revision))
      return error(400, "invalid", "a valid revision header is required");
    if (!String(r.headers.accept ?? "").includes(MEDIA))
      return error(406, "not_acceptable", "accept");
    if (!String(r.headers["content-type"] ?? "").startsWith(MEDIA))
      return error(415, "unsupported_media_type", "content-type must be application/vnd.api+json");
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.window) {
      this.window = second;
      this.inWindow = 0;
    }
    if (++this.inWindow > this.burst)
      return error(
        429,
        "throttled",
        "Request was throttled. Expected available in 1 second.",
        undefined,
        {
          "retry-after": "1",
        },
      );
    if (this.fail5xx > 0) {
      this.fail5xx--;
      return error(503, "service_unavailable", "try again later");
    }
    let body: unknown;
    try {
      body = JSON.parse(r.body);
    } catch {
      return error(400, "invalid", "body is not JSON");
    }
    const bad = problem(body);
    if (bad) return error(400, "invalid", bad[1], bad[0]);
    const a = (body as { data: { attributes: Record<string, unknown> } }).data.attributes;
    const id = typeof a.unique_id === "string" ? a.unique_id : crypto.randomUUID();
    if (this.events.has(id)) this.duplicates++;
    else this.events.set(id, a);
    return { status: 202 };
  }
}
