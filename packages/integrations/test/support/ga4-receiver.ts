/**
 * A local GA4 Measurement Protocol: POST /mp/collect and the validation server
 * /debug/mp/collect, both with measurement_id and api_secret in the query. Like the real one,
 * /mp/collect answers 2xx whatever the payload (bad events and wrong secrets are dropped
 * silently); /debug/mp/collect answers 200 with `validationMessages` (fieldPath, description,
 * validationCode) checked against the documented limits and reserved names.
 */
import { json, type Reply, type Req } from "./http.ts";

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const RESERVED_EVENTS = new Set([
  "ad_activeview",
  "ad_click",
  "ad_exposure",
  "ad_impression",
  "ad_query",
  "adunit_exposure",
  "app_clear_data",
  "app_install",
  "app_remove",
  "app_update",
  "error",
  "first_open",
  "first_visit",
  "in_app_purchase",
  "notification_dismiss",
  "notification_foreground",
  "notification_open",
  "notification_receive",
  "os_update",
  "screen_view",
  "session_start",
  "user_engagement",
]);
const RESERVED_PREFIXES = ["_", "firebase_", "ga_", "google_", "gtag."];

export interface ValidationMessage {
  fieldPath: string;
  description: string;
  validationCode: string;
}

export function validateMp(body: unknown): ValidationMessage[] {
  const out: ValidationMessage[] = [];
  const msg = (fieldPath: string, validationCode: string, description: string) =>
    out.push({ fieldPath, description, validationCode });
  if (typeof body !== "object" || body === null) {
    msg("", "VALUE_INVALID", "body must be a JSON object");
    return out;
  }
  const b = body as Record<string, unknown>;
  if (typeof b.client_id !== "string" || b.client_id === "")
    msg("client_id", "VALUE_REQUIRED", "client_id is required");
  if (b.user_id !== undefined && (typeof b.user_id !== "string" || b.user_id.length > 256))
    msg("user_id", "VALUE_INVALID", "user_id must be a string of at most 256 characters");
  if (b.timestamp_micros !== undefined && typeof b.timestamp_micros !== "number")
    msg("timestamp_micros", "VALUE_INVALID", "timestamp_micros must be a number");
  const events = b.events;
  if (!Array.isArray(events) || events.length === 0) {
    msg("events", "VALUE_REQUIRED", "events is required");
    return out;
  }
  if (events.length > 25) msg("events", "EXCEEDED_MAX_ENTITIES", "at most 25 events");
  events.forEach((e: { name?: unknown; params?: unknown }, i) => {
    const name = String(e?.name ?? "");
    if (!NAME.test(name) || name.length > 40)
      msg("events", "NAME_INVALID", `Event at index: [${i}] has invalid name [${name}].`);
    else if (RESERVED_EVENTS.has(name) || RESERVED_PREFIXES.some((p) => name.startsWith(p)))
      msg("events", "NAME_RESERVED", `Event at index: [${i}] has reserved name [${name}].`);
    const params = (e?.params ?? {}) as Record<string, unknown>;
    const keys = Object.keys(params);
    if (keys.length > 25) msg(`events[${i}].params`, "EXCEEDED_MAX_ENTITIES", "at most 25 params");
    for (const k of keys) {
      const v = params[k];
      if (!NAME.test(k) || k.length > 40 || RESERVED_PREFIXES.some((p) => k.startsWith(p)))
        msg(`events[${i}].params`, "NAME_INVALID", `Param [${k}] has an invalid name.`);
      if (typeof v === "string" && v.length > 100)
        msg(`events[${i}].params.${k}`, "VALUE_OUT_OF_BOUNDS", `Param [${k}] is too long.`);
      else if (typeof v !== "string" && typeof v !== "number" && !Array.isArray(v))
        msg(`events[${i}].params.${k}`, "VALUE_INVALID", `Param [${k}] has an invalid value.`);
    }
  });
  return out;
}

export class Ga4Receiver {
  measurementId = "G-TEST123";
  apiSecret = "mp-secret-abc";
  fail5xx = 0;
  /** Events GA would have recorded (valid payload, right secret and id). */
  readonly collected: Record<string, unknown>[] = [];
  /** Hits accepted with 2xx but silently dropped. */
  dropped = 0;
  debugCalls = 0;

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
    const messages = validateMp(body);
    if (!r.query.get("measurement_id"))
      messages.push({
        fieldPath: "measurement_id",
        description: "measurement_id is required",
        validationCode: "VALUE_REQUIRED",
      });
    if (debug) {
      this.debugCalls++;
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
    else this.collected.push(body as Record<string, unknown>);
    return { status: 204 };
  };
}
