/**
 * Google Tag Manager: a Custom Event trigger fires the tags attached to it on every
 * `dataLayer.push({event: name})`. This Custom HTML tag owns the push
 * `{event: "intently_segment_enter", intently_segment: id}` — one per page in the segment and one
 * per entry. The Intently tag's own GTM module (on by default when the page has a dataLayer)
 * pushes the same object on entries during the page; the script looks at the dataLayer first and
 * does not push an entry the module already pushed, so each entry reaches GTM exactly once
 * whether the module is on or off.
 * Documents: "Custom event trigger" (Tag Manager Help), https://support.google.com/tagmanager/answer/7679219 ;
 * "The data layer", https://developers.google.com/tag-manager/devguide
 */
import { compose } from "../compose.ts";
import { keyOf, member, vars, watch } from "../runtime.ts";
import type { Builder } from "../types.ts";

export const GTM_EVENT = "intently_segment_enter";

export const gtm: Builder = (c) => ({
  kind: "html",
  code: compose(
    "html",
    `Intently segment "${c.name}": dataLayer event ${GTM_EVENT}, once per page in it and per entry.`,
    [
      ...vars(c.id, c.timeoutMs),
      ...member(c.tag),
      ...watch({
        key: keyOf("gtm"),
        // After the other listeners of this entry (the tag's module among them) have run.
        action: [
          "setTimeout(function () {",
          "  try {",
          "    var dl = (window.dataLayer = window.dataLayer || []), i, x;",
          "    for (i = dl.length - 1; i >= st.mark; i--) {",
          "      x = dl[i];",
          `      if (x && x.event === "${GTM_EVENT}" && x.intently_segment === id) return;`,
          "    }",
          `    dl.push({ event: "${GTM_EVENT}", intently_segment: id });`,
          "  } catch (e) {}",
          "}, 0);",
        ],
        // Pushes made before an exit belong to earlier entries.
        exit: ["try { st.mark = (window.dataLayer || []).length; } catch (e) {}"],
      }),
    ],
  ),
  instructions: [
    "In Google Tag Manager, create a Custom HTML tag, paste the code and fire it on All Pages " +
      "(Initialization or Page View).",
    `Create a Custom Event trigger for the event "${GTM_EVENT}" that fires when the Data Layer ` +
      `Variable "intently_segment" equals "${c.rawId}", attach it to the tags that should react ` +
      "(e.g. a testing tool's activation) and publish the container.",
    "The event is pushed once on every page that loads with the session already in the segment, " +
      "and once each time the session enters the segment on a page — never twice, also when the " +
      "Intently tag's own GTM push is on.",
  ],
});
