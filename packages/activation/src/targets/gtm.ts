/** Google Tag Manager: pushes `{event: "intently_segment_enter", intently_segment: id}` on entry. */
import { compose } from "../compose.ts";
import { member, vars, watch } from "../runtime.ts";
import type { Builder } from "../types.ts";

export const GTM_EVENT = "intently_segment_enter";

export const gtm: Builder = (c) => ({
  kind: "html",
  code: compose(
    "html",
    `Intently segment "${c.name}": dataLayer event ${GTM_EVENT} on each entry.`,
    [
      ...vars(c.id, c.timeoutMs),
      ...member(c.tag),
      ...watch([
        "window.dataLayer = window.dataLayer || [];",
        `window.dataLayer.push({ event: "${GTM_EVENT}", intently_segment: id });`,
      ]),
    ],
  ),
  instructions: [
    "In Google Tag Manager, create a Custom HTML tag, paste the code and fire it on All Pages.",
    `Create a Custom Event trigger for the event "${GTM_EVENT}" that fires when the Data Layer ` +
      `Variable "intently_segment" equals "${c.rawId}".`,
    "Attach that trigger to the tags that should react (e.g. a testing tool's activation), then " +
      "publish the container.",
  ],
});
