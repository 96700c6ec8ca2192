/**
 * The configuration fields of every integration kind, declared once as plain data, and the one
 * check of a value against them. The API's validation (./config.ts and the connectors), the
 * API's TypeBox schema (@intently/api-contract: its limits) and the dashboard's integration
 * form all read these rules, so they accept and refuse the same values.
 *
 * This module imports nothing, Node or otherwise: the dashboard's browser bundle imports it
 * (`@intently/integrations/fields`) without the rest of the package.
 */

export const INTEGRATION_KINDS = ["webhook", "klaviyo", "ga4", "export"] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];
export const EXPORT_KIND = "export";
export const EXPORT_FORMATS = ["csv", "parquet"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Longest name of an integration (trimmed; required). */
export const INTEGRATION_NAME_MAX = 120;

/** What answers show in place of a secret; sent back, it keeps the stored secret. */
export const REDACTED = "[redacted]";
/** Fields holding the destination: changing one needs every secret sent again. */
export const DESTINATION_FIELDS = ["url", "baseUrl"] as const;

/** Standard Webhooks' bounds for a symmetric secret: 192 to 512 bits. */
export const SECRET_PREFIX = "whsec_";
export const MIN_SECRET_BYTES = 24;
export const MAX_SECRET_BYTES = 64;

/**
 * `whsec_` + the padded base64 of MIN_SECRET_BYTES to MAX_SECRET_BYTES bytes: g groups of four
 * characters hold 3g bytes, and a tail of "xx==" or "xxx=" one or two more.
 */
function secretPattern(min: number, max: number): string {
  const q = "[A-Za-z0-9+/]";
  const groups = (extra: number) =>
    `(?:${q}{4}){${Math.ceil((min - extra) / 3)},${Math.floor((max - extra) / 3)}}`;
  return `^${SECRET_PREFIX}(?:${groups(0)}|${groups(1)}${q}{2}==|${groups(2)}${q}{3}=)$`;
}

export const KLAVIYO_BASE_URL = "https://a.klaviyo.com";
export const KLAVIYO_METRIC = "Intently Segment";
/** Klaviyo: "Name of the event. Must be less than 128 characters." */
export const KLAVIYO_METRIC_MAX = 127;
export const GA4_BASE_URL = "https://www.google-analytics.com";
export const GA4_EVENT = "intently_segment";
/** Per-request timeout when an integration sets none (Standard Webhooks recommends 15–30 s). */
export const DEFAULT_TIMEOUT_MS = 15_000;

export type FieldType = "text" | "url" | "secret" | "number" | "checkbox" | "list" | "formats";

export interface FieldRule {
  readonly name: string;
  readonly type: FieldType;
  /** Left out (or an empty text): refused. Optional fields take `default` instead. */
  readonly required?: boolean;
  /** Most characters of the (trimmed) text, or of each item of a list. */
  readonly maxLength?: number;
  /** number: the bounds (whole numbers); list: `max` is the most items. */
  readonly min?: number;
  readonly max?: number;
  /** Source of a regular expression the trimmed text must match. */
  readonly pattern?: string;
  /** secret: the pattern binds a secret typed in now; one stored before it keeps working. */
  readonly patternForNewOnly?: boolean;
  /** Values refused although the pattern matches, and refused prefixes. */
  readonly reserved?: readonly string[];
  readonly reservedPrefixes?: readonly string[];
  /** text: an absolute path (the server also bounds where, see export-config.ts). */
  readonly absolutePath?: boolean;
  /** What the API uses when the field is left out. */
  readonly default?: string | number | boolean | readonly string[];
}

const SEGMENTS: FieldRule = {
  name: "segments",
  type: "list",
  maxLength: 128,
  max: 200,
  default: [],
};
const TIMEOUT: FieldRule = {
  name: "timeoutMs",
  type: "number",
  min: 100,
  max: 120_000,
  default: DEFAULT_TIMEOUT_MS,
};
const SECRET_MAX = 1000;
const URL_MAX = 2000;
const baseUrl = (url: string): FieldRule => ({
  name: "baseUrl",
  type: "url",
  maxLength: URL_MAX,
  default: url,
});

/** GA4 event names for a web stream (see connectors/ga4-names.ts for Google's documents). */
export const GA4_NAME_PATTERN = "^[A-Za-z][A-Za-z0-9_]{0,39}$";
export const GA4_RESERVED_PREFIXES = ["_", "firebase_", "ga_", "google_", "gtag."] as const;
export const GA4_RESERVED_WEB_EVENTS = [
  "ad_impression",
  "app_remove",
  "app_store_refund",
  "app_store_subscription_cancel",
  "app_store_subscription_renew",
  "click",
  "error",
  "file_download",
  "first_open",
  "first_visit",
  "form_start",
  "form_submit",
  "in_app_purchase",
  "page_view",
  "scroll",
  "session_start",
  "user_engagement",
  "view_complete",
  "video_progress",
  "video_start",
  "view_search_results",
] as const;

/** Each kind's fields, in the order the form shows them. */
export const KIND_FIELDS: Readonly<Record<IntegrationKind, readonly FieldRule[]>> = {
  webhook: [
    { name: "url", type: "url", required: true, maxLength: URL_MAX },
    {
      name: "secret",
      type: "secret",
      required: true,
      maxLength: SECRET_MAX,
      pattern: secretPattern(MIN_SECRET_BYTES, MAX_SECRET_BYTES),
      patternForNewOnly: true,
    },
    SEGMENTS,
    TIMEOUT,
  ],
  klaviyo: [
    { name: "apiKey", type: "secret", required: true, maxLength: SECRET_MAX },
    { name: "metricName", type: "text", maxLength: KLAVIYO_METRIC_MAX, default: KLAVIYO_METRIC },
    baseUrl(KLAVIYO_BASE_URL),
    SEGMENTS,
    TIMEOUT,
  ],
  ga4: [
    {
      name: "measurementId",
      type: "text",
      required: true,
      maxLength: 40,
      pattern: "^G-[A-Z0-9]+$",
    },
    { name: "apiSecret", type: "secret", required: true, maxLength: SECRET_MAX },
    {
      name: "eventName",
      type: "text",
      maxLength: 40,
      pattern: GA4_NAME_PATTERN,
      reserved: GA4_RESERVED_WEB_EVENTS,
      reservedPrefixes: GA4_RESERVED_PREFIXES,
      default: GA4_EVENT,
    },
    { name: "validate", type: "checkbox", default: false },
    baseUrl(GA4_BASE_URL),
    SEGMENTS,
    TIMEOUT,
  ],
  export: [
    { name: "folder", type: "text", required: true, maxLength: 1000, absolutePath: true },
    { name: "formats", type: "formats", default: EXPORT_FORMATS },
  ],
};

export const isIntegrationKind = (k: string): k is IntegrationKind =>
  (INTEGRATION_KINDS as readonly string[]).includes(k);

/** The rule of a kind's field, or undefined. */
export function fieldRule(kind: string, name: string): FieldRule | undefined {
  return isIntegrationKind(kind) ? KIND_FIELDS[kind].find((f) => f.name === name) : undefined;
}

/** The secret fields of a kind. */
export const secretFieldsOf = (kind: IntegrationKind): string[] =>
  KIND_FIELDS[kind].filter((f) => f.type === "secret").map((f) => f.name);

/** Which rule a value breaks; each side words its own message (API: field names, form: labels). */
export type Broken =
  | { rule: "required" }
  | { rule: "type" }
  | { rule: "maxLength"; limit: number }
  | { rule: "range"; min: number; max: number }
  | { rule: "items"; limit: number }
  | { rule: "pattern" }
  | { rule: "reserved"; value: string }
  | { rule: "url" }
  | { rule: "absolutePath" }
  | { rule: "formats" };

/** Whether a text is an http(s) URL (the WHATWG parser, as Node and browsers have it). */
export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

const ABSOLUTE = /^(\/|[A-Za-z]:[\\/])/;

/** Whether a field is left out: absent, null, or an empty text (then the default applies). */
export const isLeftOut = (v: unknown): boolean =>
  v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/**
 * The rule a JSON value breaks for this field, or null. Texts are checked trimmed. `newSecret`
 * false skips a secret's pattern (a stored secret sent back unchanged).
 */
export function brokenRule(f: FieldRule, v: unknown, newSecret = true): Broken | null {
  if (isLeftOut(v)) return f.required ? { rule: "required" } : null;
  switch (f.type) {
    case "checkbox":
      return typeof v === "boolean" ? null : { rule: "type" };
    case "number":
      if (typeof v !== "number" || !Number.isInteger(v)) return { rule: "type" };
      return v < (f.min ?? -Infinity) || v > (f.max ?? Infinity)
        ? { rule: "range", min: f.min ?? -Infinity, max: f.max ?? Infinity }
        : null;
    case "list": {
      if (!Array.isArray(v) || v.some((s) => typeof s !== "string")) return { rule: "type" };
      if (f.max !== undefined && v.length > f.max) return { rule: "items", limit: f.max };
      const long = f.maxLength !== undefined && v.some((s) => s.length > f.maxLength!);
      return long ? { rule: "maxLength", limit: f.maxLength! } : null;
    }
    case "formats": {
      const ok = (EXPORT_FORMATS as readonly unknown[]).includes.bind(EXPORT_FORMATS);
      return Array.isArray(v) && v.length > 0 && v.every(ok) ? null : { rule: "formats" };
    }
    default:
      return textBroken(f, v, newSecret);
  }
}

function textBroken(f: FieldRule, v: unknown, newSecret: boolean): Broken | null {
  if (typeof v !== "string") return { rule: "type" };
  const s = v.trim();
  if (f.maxLength !== undefined && s.length > f.maxLength)
    return { rule: "maxLength", limit: f.maxLength };
  if (f.type === "url" && !isHttpUrl(s)) return { rule: "url" };
  if (f.absolutePath && !ABSOLUTE.test(s)) return { rule: "absolutePath" };
  const patternApplies = f.type !== "secret" || !f.patternForNewOnly || newSecret;
  if (f.pattern && patternApplies && !new RegExp(f.pattern).test(s)) return { rule: "pattern" };
  if (f.reserved?.includes(s) || f.reservedPrefixes?.some((p) => s.startsWith(p)))
    return { rule: "reserved", value: s };
  return null;
}
