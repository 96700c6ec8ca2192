/**
 * Dynamic Yield custom event: `DY.API("event", {name, properties})`, properties being strings,
 * numbers or booleans, usable for behavioral targeting.
 * Document: "Custom Events" (Dynamic Yield developer docs), https://dy.dev/docs/custom-events
 *
 * Mid-page: yes. Fires when a page loads with the session in the segment, and on each entry;
 * waits up to `timeoutMs` for DY's script to define `DY.API`.
 */
import { compose } from "../compose.ts";
import { keyOf, member, vars, watch, when } from "../runtime.ts";
import type { Builder } from "../types.ts";

export const DY_EVENT = "Intently segment enter";

export const dynamicYieldEvent: Builder = (c) => ({
  kind: "script",
  code: compose(
    "script",
    `Intently segment "${c.name}": DY event on pages in it and on each entry.`,
    [
      ...vars(c.id, c.timeoutMs),
      ...member(c.tag),
      ...when(),
      ...watch({
        key: keyOf("dynamic-yield-event"),
        action: [
          "when(function () { return window.DY && window.DY.API; }, function () {",
          `  window.DY.API("event", { name: "${DY_EVENT}", properties: { segment: id } });`,
          "});",
        ],
      }),
    ],
  ),
  instructions: [
    "Add the code to every page inside a <script> tag, after the Dynamic Yield scripts (or in " +
      "your tag manager).",
    `Target your experience on the custom event "${DY_EVENT}" whose property "segment" equals ` +
      `"${c.rawId}".`,
    "The event is sent once on every page that loads with the session already in the segment, and " +
      "once each time the session enters the segment on a page.",
  ],
});
