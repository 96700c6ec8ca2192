/** VWO custom event: pushes `intentlySegmentEnter` {segment} through `VWO.event` on entry. */
import { compose } from "../compose.ts";
import { member, vars, watch } from "../runtime.ts";
import type { Builder } from "../types.ts";

export const VWO_EVENT = "intentlySegmentEnter";

export const vwoEvent: Builder = (c) => ({
  kind: "script",
  code: compose("script", `Intently segment "${c.name}": VWO event ${VWO_EVENT} on each entry.`, [
    ...vars(c.id, c.timeoutMs),
    ...member(c.tag),
    ...watch([
      "var vwo = (window.VWO = window.VWO || []);",
      "vwo.event = vwo.event || function () {",
      '  vwo.push(["event"].concat([].slice.call(arguments)));',
      "};",
      `vwo.event("${VWO_EVENT}", { segment: id });`,
    ]),
  ]),
  instructions: [
    "Add the code to every page inside a <script> tag, after the VWO SmartCode (or in your tag " +
      "manager).",
    `In VWO Data360 › Events, create the custom event "${VWO_EVENT}" with the text property ` +
      '"segment".',
    `Use it as the campaign's trigger or in a segment: event ${VWO_EVENT} where segment equals ` +
      `"${c.rawId}".`,
  ],
});
