/**
 * Kameleoon custom event through the documented command queue:
 * `kameleoonQueue.push(["Kameleoon.API.Events.trigger", name])` — runs at once when the engine
 * is loaded, and when it loads otherwise.
 * Document: "Command Queue" (Kameleoon Activation API),
 * https://developers.kameleoon.com/apis/activation-api-js/command-queue
 * NOT FOUND in the documentation available to us: the name of the segment condition on a custom
 * event; the instructions say to pick the custom-event condition offered by the segment builder.
 *
 * Mid-page: yes. Fires when a page loads with the session in the segment, and on each entry.
 */
import { compose } from "../compose.ts";
import { keyOf, member, vars, watch } from "../runtime.ts";
import type { Builder } from "../types.ts";

/** The event name is this prefix followed by the segment id. */
export const KAMELEOON_EVENT_PREFIX = "intently_segment_enter:";

export const kameleoonEvent: Builder = (c) => ({
  kind: "script",
  code: compose(
    "script",
    `Intently segment "${c.name}": Kameleoon event on pages in it and on each entry.`,
    [
      ...vars(c.id, c.timeoutMs),
      ...member(c.tag),
      ...watch({
        key: keyOf("kameleoon-event"),
        action: [
          "window.kameleoonQueue = window.kameleoonQueue || [];",
          `window.kameleoonQueue.push(["Kameleoon.API.Events.trigger", "${KAMELEOON_EVENT_PREFIX}" + id]);`,
        ],
      }),
    ],
  ),
  instructions: [
    "Add the code to every page inside a <script> tag, after the Kameleoon installation tag (or " +
      "in your tag manager).",
    `In Kameleoon, create a segment whose condition is the custom event ` +
      `"${KAMELEOON_EVENT_PREFIX}${c.rawId}" and attach it to your campaign.`,
    "The event is triggered once on every page that loads with the session already in the " +
      "segment, and once each time the session enters the segment on a page.",
  ],
});
