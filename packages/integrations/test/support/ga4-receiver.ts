/**
 * A local GA4 Measurement Protocol for a web stream: POST /mp/collect and the validation server
 * /debug/mp/collect, measurement_id and api_secret in the query. What it holds, and where from:
 * - Reference (https://developers.google.com/analytics/devguides/collection/protocol/ga4/reference):
 *   collect "always returns a 2xx status code", even for malformed payloads (dropped silently
 *   here, and counted); client_id required; up to 25 events per request.
 * - Sending events, "Limitations" (…/ga4/sending-events): ≤ 25 events, ≤ 25 parameters, names
 *   ≤ 40 characters of letters, digits and underscores starting with a letter, values ≤ 100
 *   characters, post body smaller than 130 kB; events backdated up to 72 hours.
 * - Event naming rules, web (https://support.google.com/analytics/answer/13316687): the
 *   reserved web event names and prefixes (../../src/connectors/ga4-names.ts).
 * - Validate events (…/ga4/validating-events): the validation server checks the payload but
 *   "does not validate the api_secret or measurement_id"; answers 200 with
 *   `validationMessages` (fieldPath, description, validationCode). Without validation_behavior
 *   (RELAXED) it reports only structural errors; with ENFORCE_RECOMMENDATIONS it also reports
 *   values out of bounds and stale timestamps, which RELAXED collect truncates or re-dates to
 *   the request time (counted in `misdated`).
 */
import {
  GA4_LIMITS,
  GA4_NAME,
  GA4_RESERVED_PREFIXES,
  GA4_RESERVED_WEB_EVENTS,
} from "../../src/connectors/ga4-names.ts";
import { json, type Reply, type Req } from "./http.ts";

export interface ValidationMessage {
  fieldPath: string;
  description: string;
  validationCode: string;
}

type Behavior = "RELAXED" | "ENFORCE_RECOMMENDATIONS";

const reservedPrefix = (n: string) => GA4_RESERVED_PREFIXES.some((p) => n.startsWith(p));

/**
 * The validation server's messages for a payload. `now` in ms; `size` the body's bytes.
 * Exported for unit tests of the connector's payload.
 */
export function validateMp(body: unknown, now = Date.now(), size = 0): ValidationMessage[] {
  const out: ValidationMessage[] = [];
  const msg = (fieldPath: string, validationCode: string, description: string) =>
    out.push({ fieldPath, description, validationCode });
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    msg("", "VALUE_INVALID", "body must be a JSON object");
    return out;
  }
  const b = body as Record<string, unknown>;
  const vb = b.validation_behavior;
  if (vb !== undefined && vb !== "RELAXED" && vb !== "ENFORCE_RECOMMENDATIONS")
    msg(
      "validation_behavior",
      "VALUE_INVALID",
      "validation_behavior must be RELAXED or ENFORCE_RECOMMENDATIONS",
    );
  const strict = (vb as Behavior | undefined) === "ENFORCE_RECOMMENDATIONS";
  if (size >= GA4_LIMITS.bodyBytes)
    msg("", "VALUE_OUT_OF_BOUNDS", "The post body must be smaller than 130kB.");
  if (typeof b.client_id !== "string" || b.client_id === "")
    msg("client_id", "VALUE_REQUIRED", "client_id is required");
  if (b.user_id !== undefined) {
    if (typeof b.user_id !== "string") msg("user_id", "VALUE_INVALID", "user_id must be a string");
    else if (strict && b.user_id.length > GA4_LIMITS.userIdChars)
      msg("user_id", "VALUE_OUT_OF_BOUNDS", "user_id must be at most 256 characters");
  }
  if (b.timestamp_micros !== undefined) {
    const t = b.timestamp_micros;
    if (typeof t !== "number" || !Number.isFinite(t))
      msg("timestamp_micros", "VALUE_INVALID", "timestamp_micros must be a number");
    else if (strict && (t / 1000 < now - GA4_LIMITS.backdateMs || t / 1000 > now + 60_000))
      msg(
        "timestamp_micros",
        "VALUE_OUT_OF_BOUNDS",
        "timestamp_micros must be within the last 72 hours and not in the future",
      );
  }
  const events = b.events;
  if (!Array.isArray(events) || events.length === 0) {
    msg("events", "VALUE_REQUIRED", "events is required");
    return out;
  }
  if (events.length > GA4_LIMITS.eventsPerRequest)
    msg("events", "EXCEEDED_MAX_ENTITIES", "Requests can have a maximum of 25 events.");
  events.forEach((e: { name?: unknown; params?: unknown }, i) => {
    const name = String(e?.name ?? "");
    if (!GA4_NAME.test(name))
      msg("events", "NAME_INVALID", `Event at index: [${i}] has invalid name [${name}].`);
    else if (GA4_RESERVED_WEB_EVENTS.has(name) || reservedPrefix(name))
      msg("events", "NAME_RESERVED", `Event at index: [${i}] has reserved name [${name}].`);
    const params = (e?.params ?? {}) as Record<string, unknown>;
    const keys = Object.keys(params);
    if (keys.length > GA4_LIMITS.paramsPerEvent)
      msg(
        `events[${i}].params`,
        "EXCEEDED_MAX_ENTITIES",
        "Events can have a maximum of 25 parameters.",
      );
    for (const k of keys) {
      const v = params[k];
      if (!GA4_NAME.test(k))
        msg(`events[${i}].params`, "NAME_INVALID", `Param [${k}] has an invalid name.`);
      else if (reservedPrefix(k))
        msg(`events[${i}].params`, "NAME_RESERVED", `Param [${k}] has a reserved name.`);
      if (typeof v === "string") {
        if (strict && v.length > GA4_LIMITS.paramValueChars)
          msg(`events[${i}].params.${k}`, "VALUE_OUT_OF_BOUNDS", `Param [${k}] is too long.`);
      } else if (typeof v !== "number" && typeof v !== "boolean" && !Array.isArray(v))
        msg(`events[${i}].params.${k}`, "VALUE_INVALID", `Param [${k}] has an invalid value.`);
    }
    if (strict && params.value !== undefined && params.currency === undefined)
      msg(`events[${i}].params.currency`, "VALUE_REQUIRED", "currency is required with value");
    if (strict && params.currency !== undefined && !/^[A-Z]{3}$/.test(String(params.currency)))
      msg(`events[${i}].params.currency`, "VALUE_INVALID", "currency must be an ISO 4217 code");
    const eng = params.engagement_time_msec;
    if (strict && eng !== undefined && !(Number(eng) > 0))
      msg(`events[${i}].params.engagement_time_msec`, "VALUE_INVALID", "must be positive");
  });
  return out;
}

export class Ga4Receiver {
  measurementId = "G-TEST123";
  apiSecret = "mp-secret-abc";
  /** The receiver's clock (ms). */
  clock: () => number = Date.now;
  fail5xx = 0;
  /** Events GA would have recorded (valid payload, right secret and id). */
  readonly collected: Record<string, unknown>[] = [];
  /** Hits accepted with 2xx but silently dropped. */
  dropped = 0;
  /** Hits recorded at the request time because their timestamp was older than 72 h. */
  misdated = 0;
  debugCalls = 0;
  /** validation_behavior of every validation-server request. */
  readonly behaviors: (string | undefined)[] = [];

  handle = (r: Req): Reply => {
    const debug = r.path === "/debug/mp/collect";
    if (!debug && r.path !== "/mp/collect") return { status: 404 };
    if (r.method !== "POST") return { status: 405 };
    let body: unknown;
    try {
      body = JSON.parse(r.body);
    } catch {
      body = null;
    }
    const now = this.clock();
    const messages = validateMp(body, now, Buffer.byteLength(r.body));
    if (debug) {
      this.debugCalls++;
      this.behaviors.push((body as { validation_behavior?: string } | null)?.validation_behavior);
      return json(200, { validationMessages: messages });
    }
    if (this.fail5xx > 0) {
      this.fail5xx--;
      return { status: 500 };
    }
    const keyOk =
      r.query.get("api_secret") === this.apiSecret &&
      r.query.get("measurement_id") === this.measurementId;
    if (messages.length > 0 || !keyOk) this.dropped++;
    else {
      const t = (body as { timestamp_micros?: number }).timestamp_micros;
      if (t === undefined || t / 1000 < now - GA4_LIMITS.backdateMs) this.misdated++;
      this.collected.push(body as Record<string, unknown>);
    }
    return { status: 204 };
  };
}
