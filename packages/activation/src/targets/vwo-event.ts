/**
 * VWO custom event: `VWO.event(name, properties)` through the `window.VWO` queue, usable as a
 * campaign trigger or in segments (Data360 events). Document: VWO's Data360 custom event
 * snippet (the `VWO.event = VWO.event || function () { VWO.push(["event"].concat(...)) }` queue
 * form); NOT FOUND in the documentation available to us — the queue itself (`window.VWO.push`)
 * is documented in "VWO Loaded", https://developers.vwo.com/reference/vwo-loaded .
 *
 * Mid-page: yes. Fires when a page loads with the session in the segment, and on each entry.
 */
import { compose } from "../compose.ts";
import { keyOf, member, vars, watch } from "../runtime.ts";
import type { Builder } from "../types.ts";

export const VWO_EVENT = "intentlySegmentEnter";

export const vwoEvent: Builder = (c) => ({
  kind: "script",
  code: compose(
    "script",
    `Intently segment "${c.name}": VWO event ${VWO_EVENT} on pages in it and on each entry.`,
    [
      ...vars(c.id, c.timeoutMs),
      ...member(c.tag),
      ...watch({
        key: keyOf("vwo-event"),
        action: [
          "var vwo = (window.VWO = window.VWO || []);",
          "vwo.event = vwo.event || function () {",
          '  vwo.push(["event"].concat([].slice.call(arguments)));',
          "};",
          `vwo.event("${VWO_EVENT}", { segment: id });`,
        ],
      }),
    ],
  ),
  instructions: [
    "Add the code to every page inside a <script> tag, after the VWO SmartCode (or in your tag " +
      "manager).",
    `In VWO Data360 › Events, create the custom event "${VWO_EVENT}" with the text property ` +
      `"segment", and use it as the campaign's trigger or in a segment: segment equals "${c.rawId}".`,
    "The event is sent once on every page that loads with the session already in the segment, and " +
      "once each time the session enters the segment on a page (again only after it has left it).",
  ],
});
