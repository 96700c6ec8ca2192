/**
 * GA4's naming rules for WEB data streams, as Google documents them. One source for the
 * connector (refusing a reserved event name when an integration is saved) and the local
 * validation server of the tests.
 *
 * - Event naming rules, "Reserved prefixes and event names", section Web:
 *   https://support.google.com/analytics/answer/13316687 (the mobile list — ad_click,
 *   app_update, screen_view… — is a different one and does not apply to a web stream).
 * - Measurement Protocol, sending events, "Limitations":
 *   https://developers.google.com/analytics/devguides/collection/protocol/ga4/sending-events
 */
import {
  GA4_RESERVED_WEB_EVENTS as FIELD_RESERVED_EVENTS,
  GA4_RESERVED_PREFIXES as FIELD_RESERVED_PREFIXES,
  GA4_NAME_PATTERN,
} from "../fields.ts";

/** Event names a web stream reserves ("cannot be used"); the lists are the eventName field's rule. */
export const GA4_RESERVED_WEB_EVENTS: ReadonlySet<string> = new Set(FIELD_RESERVED_EVENTS);

/** Prefixes no event or parameter name may start with. */
export const GA4_RESERVED_PREFIXES: readonly string[] = FIELD_RESERVED_PREFIXES;

/** "Event names must be 40 characters or fewer, … alpha-numeric characters and underscores,
 * and must start with an alphabetic character" (parameter names: the same rule). */
export const GA4_NAME = new RegExp(GA4_NAME_PATTERN);

export const GA4_LIMITS = {
  eventsPerRequest: 25,
  paramsPerEvent: 25,
  paramValueChars: 100,
  userIdChars: 256,
  bodyBytes: 130_000,
  /** "Events can be backdated up to 72 hours" (3 calendar days in the property's time zone). */
  backdateMs: 72 * 3_600_000,
} as const;

/** Why an event name cannot be sent to a web stream, or null. */
export function ga4EventNameProblem(name: string): string | null {
  if (!GA4_NAME.test(name))
    return "must start with a letter and hold at most 40 letters, digits and underscores";
  if (GA4_RESERVED_PREFIXES.some((p) => name.startsWith(p)))
    return `starts with a reserved prefix (${GA4_RESERVED_PREFIXES.join(", ")})`;
  if (GA4_RESERVED_WEB_EVENTS.has(name)) return "is reserved by GA4 for web streams";
  return null;
}
