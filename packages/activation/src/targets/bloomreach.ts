/**
 * Bloomreach Engagement: `exponea.track(eventType, properties)` tracks a custom event from the
 * page (the Web SDK snippet queues calls made before the SDK has loaded).
 * Document: "Tracking" (Bloomreach Engagement Web SDK),
 * https://documentation.bloomreach.com/engagement/docs/tracking ; the dataLayer route is the
 * "DataLayer Helper", https://documentation.bloomreach.com/engagement/docs/datalayer-helper —
 * its event structure was NOT FOUND in the text available to us, so the SDK call is used.
 *
 * Mid-page: yes. Tracks once when a page loads with the session in the segment, and on each
 * entry; waits up to `timeoutMs` for the snippet to define `exponea`.
 */
import { compose } from "../compose.ts";
import { keyOf, member, vars, watch, when } from "../runtime.ts";
import type { Builder } from "../types.ts";

export const BLOOMREACH_EVENT = "intently_segment_enter";

export const bloomreach: Builder = (c) => ({
  kind: "script",
  code: compose(
    "script",
    `Intently segment "${c.name}": event ${BLOOMREACH_EVENT} on pages in it and on each entry.`,
    [
      ...vars(c.id, c.timeoutMs),
      ...member(c.tag),
      ...when(),
      ...watch({
        key: keyOf("bloomreach"),
        action: [
          "when(function () { return window.exponea && window.exponea.track; }, function () {",
          `  window.exponea.track("${BLOOMREACH_EVENT}", { segment: id });`,
          "});",
        ],
      }),
    ],
  ),
  instructions: [
    "Add the code to every page inside a <script> tag, after the Bloomreach Engagement snippet " +
      "(or in Data & Assets › Tag Manager).",
    `Use the event "${BLOOMREACH_EVENT}" with the attribute "segment" equal to "${c.rawId}" where ` +
      "Bloomreach accepts a tracked event: the trigger of a weblayer, experiment or scenario, or a " +
      "customer filter.",
    "The event is tracked once on every page that loads with the session already in the segment, " +
      "and once each time the session enters the segment on a page.",
  ],
});
