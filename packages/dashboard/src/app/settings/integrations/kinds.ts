/**
 * The integration kinds the API supports (`@intently/integrations`: webhook, Klaviyo, GA4,
 * export) and the form fields of each, with the rules the API applies to them. Defaults are the
 * connectors' own; an empty optional field means "the default".
 */

export type FieldType = "text" | "url" | "secret" | "number" | "checkbox" | "list" | "formats";

export interface FieldSpec {
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
  hint?: string;
  placeholder?: string;
  /** What the API uses when the field is left out (shown as the placeholder). */
  defaultValue?: string;
  pattern?: RegExp;
  patternMessage?: string;
  maxLength?: number;
  minLength?: number;
  min?: number;
  max?: number;
}

export interface KindSpec {
  kind: string;
  label: string;
  blurb: string;
  fields: FieldSpec[];
}

/** Where the secret goes: changing one of these needs the secret sent again (API rule). */
export const DESTINATION_FIELDS = ["url", "baseUrl"];

export const REDACTED = "[redacted]";

const segments: FieldSpec = {
  name: "segments",
  label: "Only sessions in these segments",
  type: "list",
  hint: "Segment ids separated by commas; empty sends every session.",
  placeholder: "e.g. converted, high-value",
  maxLength: 128,
  max: 200,
};

const timeout: FieldSpec = {
  name: "timeoutMs",
  label: "Timeout (ms)",
  type: "number",
  min: 100,
  max: 120_000,
  defaultValue: "10000",
  hint: "How long to wait for an answer: 100 to 120000.",
};

const baseUrl = (vendor: string, url: string): FieldSpec => ({
  name: "baseUrl",
  label: "API base URL",
  type: "url",
  defaultValue: url,
  maxLength: 2000,
  hint: `Leave empty for ${vendor}'s own.`,
});

export const KINDS: KindSpec[] = [
  {
    kind: "webhook",
    label: "Signed webhook",
    blurb:
      "POSTs each ended session's summary as JSON to your URL, signed as Standard Webhooks specify (webhook-id, webhook-timestamp, webhook-signature); retried for about two days; an endpoint answering 410 Gone is stopped.",
    fields: [
      {
        name: "url",
        label: "Receiver URL",
        type: "url",
        required: true,
        maxLength: 2000,
        placeholder: "https://crm.example/hooks/intently",
      },
      {
        name: "secret",
        label: "Signing secret",
        type: "secret",
        required: true,
        maxLength: 1000,
        // The API's rule for a new secret (Standard Webhooks): whsec_ + base64 of 24–64 bytes.
        // 8–20 groups of 4 (+ an optional padded tail): 24–62 bytes; 21 groups (+ "xx=="): 63–64.
        pattern:
          /^whsec_(?:(?:[A-Za-z0-9+/]{4}){8,20}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?|(?:[A-Za-z0-9+/]{4}){21}(?:[A-Za-z0-9+/]{2}==)?)$/,
        patternMessage:
          "whsec_ followed by the base64 of 24 to 64 random bytes (whsec_ and the output of: openssl rand -base64 32)",
        placeholder: "whsec_…",
        hint: "A Standard Webhooks secret (whsec_ + base64 of 24–64 random bytes); your receiver verifies each webhook with it, e.g. with the standardwebhooks library.",
      },
      segments,
      timeout,
    ],
  },
  {
    kind: "klaviyo",
    label: "Klaviyo",
    blurb:
      "Sends identified sessions to the Klaviyo Events API as an “Intently Segment” event on the profile.",
    fields: [
      {
        name: "apiKey",
        label: "Private API key",
        type: "secret",
        required: true,
        maxLength: 1000,
        hint: "A private key with the events:write scope.",
      },
      {
        name: "metricName",
        label: "Metric name",
        type: "text",
        maxLength: 128,
        defaultValue: "Intently Segment",
      },
      {
        name: "revision",
        label: "API revision",
        type: "text",
        maxLength: 40,
        defaultValue: "2024-10-15",
        pattern: /^\d{4}-\d{2}-\d{2}(\.\w+)?$/,
        patternMessage: "a date such as 2024-10-15",
      },
      baseUrl("Klaviyo", "https://a.klaviyo.com"),
      segments,
      timeout,
    ],
  },
  {
    kind: "ga4",
    label: "Google Analytics 4",
    blurb: "Sends an event per ended session through the GA4 Measurement Protocol.",
    fields: [
      {
        name: "measurementId",
        label: "Measurement ID",
        type: "text",
        required: true,
        maxLength: 40,
        placeholder: "G-XXXXXXXXXX",
        pattern: /^G-[A-Z0-9]+$/,
        patternMessage: "G- followed by capital letters and digits",
      },
      {
        name: "apiSecret",
        label: "Measurement Protocol API secret",
        type: "secret",
        required: true,
        maxLength: 1000,
      },
      {
        name: "eventName",
        label: "Event name",
        type: "text",
        maxLength: 40,
        defaultValue: "intently_segment",
        pattern: /^[A-Za-z][A-Za-z0-9_]{0,39}$/,
        patternMessage: "a letter, then letters, digits or _ (40 at most)",
      },
      {
        name: "validate",
        label: "Check every event with GA4's validation server first",
        type: "checkbox",
      },
      baseUrl("Google", "https://www.google-analytics.com"),
      segments,
      timeout,
    ],
  },
  {
    kind: "export",
    label: "Scheduled export",
    blurb: "Writes a CSV and/or Parquet file of the sessions of each finished day to a folder.",
    fields: [
      {
        name: "folder",
        label: "Folder on the server",
        type: "text",
        required: true,
        maxLength: 1000,
        placeholder: "/var/lib/intently/exports",
        hint: "An absolute path inside the server's allowed export folders.",
      },
      { name: "formats", label: "Formats", type: "formats" },
    ],
  },
];

export const EXPORT_FORMATS = ["csv", "parquet"] as const;

export function kindSpec(kind: string): KindSpec | undefined {
  return KINDS.find((k) => k.kind === kind);
}

export const kindLabel = (kind: string | null): string =>
  (kind && kindSpec(kind)?.label) ?? kind ?? "—";

/** Where an integration sends to, for the list (never a secret). */
export function destinationOf(kind: string, config: Record<string, unknown>): string {
  const s = (v: unknown) => (typeof v === "string" ? v : "");
  if (kind === "webhook") return s(config.url);
  if (kind === "ga4") return s(config.measurementId);
  if (kind === "export") return s(config.folder);
  if (kind === "klaviyo") return `metric “${s(config.metricName) || "Intently Segment"}”`;
  return "";
}
