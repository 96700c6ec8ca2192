/**
 * The integration kinds and the form fields of each. The rules of a field (required, lengths,
 * bounds, patterns, defaults) are the API's own, read from `@intently/integrations/fields`
 * (plain data, bundled as is); only the words are the dashboard's: labels, hints, placeholders
 * and how a pattern is described. An empty optional field means "the default".
 */
import {
  type FieldRule,
  INTEGRATION_KINDS,
  type IntegrationKind,
  isIntegrationKind,
  KIND_FIELDS,
  KLAVIYO_METRIC,
} from "@intently/integrations/fields";

export type { FieldType } from "@intently/integrations/fields";
export {
  DESTINATION_FIELDS,
  EXPORT_FORMATS,
  INTEGRATION_NAME_MAX,
  REDACTED,
} from "@intently/integrations/fields";

/** The words of a field. */
export interface FieldText {
  label: string;
  hint?: string;
  placeholder?: string;
  /** Completes "<label> must be …" when the pattern is not met. */
  patternMessage?: string;
}

export type FieldSpec = FieldRule &
  FieldText & {
    /** The rule's default as the form shows it (the placeholder) and sends it on an edit. */
    defaultValue?: string;
  };

export interface KindSpec {
  kind: IntegrationKind;
  label: string;
  blurb: string;
  fields: FieldSpec[];
}

/** Words shared by the kinds that have the field. */
const SHARED: Record<string, FieldText> = {
  segments: {
    label: "Only sessions in these segments",
    hint: "Only sessions that were in one of the ticked segments are sent; none ticked sends every session.",
  },
  timeoutMs: { label: "Timeout (ms)" },
  baseUrl: { label: "API base URL" },
};

const KIND_TEXT: Record<
  IntegrationKind,
  { label: string; blurb: string; fields: Record<string, FieldText> }
> = {
  webhook: {
    label: "Signed webhook",
    blurb:
      "POSTs each ended session's summary as JSON to your URL, signed as Standard Webhooks specify (webhook-id, webhook-timestamp, webhook-signature); retried for about two days; an endpoint answering 410 Gone is stopped.",
    fields: {
      url: { label: "Receiver URL", placeholder: "https://crm.example/hooks/intently" },
      secret: {
        label: "Signing secret",
        patternMessage:
          "whsec_ followed by the base64 of 24 to 64 random bytes (whsec_ and the output of: openssl rand -base64 32)",
        placeholder: "whsec_…",
        hint: "A Standard Webhooks secret (whsec_ + base64 of 24–64 random bytes); your receiver verifies each webhook with it, e.g. with the standardwebhooks library.",
      },
    },
  },
  klaviyo: {
    label: "Klaviyo",
    blurb:
      "Sends identified sessions to the Klaviyo Events API as an “Intently Segment” event on the profile.",
    fields: {
      apiKey: { label: "Private API key", hint: "A private key with the events:write scope." },
      metricName: { label: "Metric name" },
      baseUrl: { ...SHARED.baseUrl!, hint: "Leave empty for Klaviyo's own." },
    },
  },
  ga4: {
    label: "Google Analytics 4",
    blurb: "Sends an event per ended session through the GA4 Measurement Protocol.",
    fields: {
      measurementId: {
        label: "Measurement ID",
        placeholder: "G-XXXXXXXXXX",
        patternMessage: "G- followed by capital letters and digits",
      },
      apiSecret: { label: "Measurement Protocol API secret" },
      eventName: {
        label: "Event name",
        patternMessage: "a letter, then letters, digits or _ (40 at most)",
      },
      validate: { label: "Check every event with GA4's validation server first" },
      baseUrl: { ...SHARED.baseUrl!, hint: "Leave empty for Google's own." },
    },
  },
  export: {
    label: "Scheduled export",
    blurb: "Writes a CSV and/or Parquet file of the sessions of each finished day to a folder.",
    fields: {
      folder: {
        label: "Folder on the server",
        placeholder: "/var/lib/intently/exports",
        hint: "An absolute path inside the server's allowed export folders.",
      },
      formats: { label: "Formats" },
    },
  },
};

function specOf(kind: IntegrationKind, rule: FieldRule): FieldSpec {
  const words = KIND_TEXT[kind].fields[rule.name] ?? SHARED[rule.name] ?? { label: rule.name };
  const d = rule.default;
  const spec: FieldSpec = { ...rule, ...words };
  if (typeof d === "string" || typeof d === "number") spec.defaultValue = String(d);
  if (rule.type === "number" && !words.hint)
    spec.hint = `How long to wait for an answer: ${rule.min} to ${rule.max}.`;
  return spec;
}

export const KINDS: KindSpec[] = INTEGRATION_KINDS.map((kind) => ({
  kind,
  label: KIND_TEXT[kind].label,
  blurb: KIND_TEXT[kind].blurb,
  fields: KIND_FIELDS[kind].map((rule) => specOf(kind, rule)),
}));

export function kindSpec(kind: string): KindSpec | undefined {
  return isIntegrationKind(kind) ? KINDS.find((k) => k.kind === kind) : undefined;
}

export const kindLabel = (kind: string | null): string =>
  (kind && kindSpec(kind)?.label) ?? kind ?? "—";

/** Where an integration sends to, for the list (never a secret). */
export function destinationOf(kind: string, config: Record<string, unknown>): string {
  const s = (v: unknown) => (typeof v === "string" ? v : "");
  if (kind === "webhook") return s(config.url);
  if (kind === "ga4") return s(config.measurementId);
  if (kind === "export") return s(config.folder);
  if (kind === "klaviyo") return `metric “${s(config.metricName) || KLAVIYO_METRIC}”`;
  return "";
}
