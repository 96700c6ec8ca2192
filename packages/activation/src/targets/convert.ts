/**
 * Convert Experiences Location, "Trigger by JS Condition": a function body returning a boolean;
 * the experience runs where it is true. Convert evaluates Locations when its tracking script runs
 * on a page and again on SPA URL changes (history.pushState / popstate). Audience conditions are
 * not used: Convert tests those once per visitor.
 * Documents: "What are Locations?" (Convert help centre),
 * https://support.convert.com/hc/en-us/articles/114094125611-what-are-locations ; "Targeting
 * Rules", https://docs.developers.convert.com/v1.0-web/docs/targeting-rules ; URL-change
 * re-evaluation: https://github.com/convertcom/javascript-sdk/wiki/from-tracking-script-to-sdk
 *
 * Mid-page: no. A manual location trigger could be one, but its document was NOT FOUND in the
 * documentation available to us, so none is offered; the instructions say so.
 */
import { compose } from "../compose.ts";
import { member, vars } from "../runtime.ts";
import type { Builder } from "../types.ts";

export const convert: Builder = (c) => ({
  kind: "function-body",
  code: compose("function-body", `Intently segment "${c.name}": true while the session is in it.`, [
    ...vars(c.id),
    ...member(c.tag),
    "return member();",
  ]),
  instructions: [
    "In Convert Experiences, open the experience's Locations and edit (or add) a location.",
    'Choose "Trigger by JS Condition" and paste the code (not in Audiences: Convert tests audience ' +
      "conditions once per visitor).",
    "Convert checks the condition when a page loads and on single-page-app URL changes, so it " +
      "cannot catch a shopper who enters the segment in the middle of a page; it does on the next " +
      "page or URL change.",
  ],
});
