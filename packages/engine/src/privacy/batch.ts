/**
 * The server's scrubbing of a whole batch (docs/privacy.md "What is scrubbed"), whatever sent it.
 * Per field of the wire schema (schema/events.ts):
 * - URLs (context.url, context.referrer, page.url, page_view referrer): scrubUrl.
 * - Free text a visitor can type or a page can show (search_term, page.title, the target and
 *   name/value of interactions, string values of custom `set` properties): maskText; a custom
 *   property whose name is sensitive (`customer_email`) is replaced whole; GA's cookie ids
 *   in their exact forms are kept (ga-cookies.ts).
 * - Kept: ids (visitor, session, batch, item, transaction, experiment), product names,
 *   categories, brands, list names and page categories (catalogue data, not about a person),
 *   language, time zone, user agent, country. `identify` ids are keyed with the site's secret
 *   salt by the collector before this runs (server collector/identities.ts).
 * Mutates and returns the batch; pure otherwise.
 */
import type { Batch, Event } from "../schema/events.ts";
import { isGaCookieProp } from "./ga-cookies.ts";
import { REDACTED } from "./rules.ts";
import { maskText, scrubUrl, sensitiveName } from "./scrub.ts";

type Loose = Record<string, unknown>;

function text(o: Loose, key: string, f: Scrub) {
  const v = o[key];
  if (typeof v === "string") o[key] = f(v);
}

type Scrub = (s: string) => string;

/**
 * One batch's scrubbers: each distinct string is scrubbed once (the events of one page repeat
 * its URL and title; scrubbing was ~45 µs of a 10-event batch, issue 15). The rules are pure,
 * so the result is the same; the memo lives for one batch only, holding no PII beyond it.
 */
function memo(f: Scrub): Scrub {
  const seen = new Map<string, string>();
  return (s) => {
    let v = seen.get(s);
    if (v === undefined) {
      v = f(s);
      seen.set(s, v);
    }
    return v;
  };
}

function scrubEvent(e: Event, url: Scrub, mask: Scrub) {
  const o = e as unknown as Loose;
  if (e.page) {
    const page = e.page as unknown as Loose;
    text(page, "url", url);
    text(page, "title", mask);
  }
  text(o, "referrer", url);
  text(o, "search_term", mask);
  if (e.type === "set") {
    for (const [k, v] of Object.entries(e.props)) {
      if (sensitiveName(k)) e.props[k] = REDACTED;
      else if (typeof v === "string" && !isGaCookieProp(k, v)) e.props[k] = mask(v);
    }
  } else if (e.type !== "identify") {
    text(o, "target", mask);
    text(o, "value", mask);
    if (e.type !== "experience_impression") text(o, "name", mask);
  }
}

/** Scrubs every URL and free-text field of a validated batch in place. */
export function scrubBatch(batch: Batch): Batch {
  const url = memo(scrubUrl);
  const mask = memo((s) => maskText(s));
  if (batch.context) {
    const c = batch.context as unknown as Loose;
    text(c, "url", url);
    text(c, "referrer", url);
  }
  for (const e of batch.events) scrubEvent(e, url, mask);
  return batch;
}
