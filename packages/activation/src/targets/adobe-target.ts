/**
 * Adobe Target, at.js 2.x: on entry, `adobe.target.getOffers()` requests the mbox
 * "intently-segment" with the mbox parameter `intently_segment` (an audience rule can match it),
 * then `adobe.target.applyOffers({response})` renders what Target returned.
 * Documents: "adobe.target.getOffers() - at.js 2.x",
 * https://experienceleague.adobe.com/en/docs/target-dev/developer/client-side/at-js-implementation/functions-overview/adobe-target-getoffers-atjs-2 ;
 * "adobe.target.triggerView()" (SPA views),
 * https://experienceleague.adobe.com/docs/target-dev/developer/client-side/at-js-implementation/functions-overview/adobe-target-triggerview-atjs-2.html
 * Not covered: the Web SDK (alloy.js); its `sendEvent` with decision scopes is the equivalent,
 * and the generic script's onEnter is where to call it.
 *
 * Mid-page: yes. Requests once when a page loads with the session in the segment, and on each
 * entry; waits up to `timeoutMs` for at.js to define `adobe.target`.
 */
import { compose } from "../compose.ts";
import { keyOf, member, vars, watch, when } from "../runtime.ts";
import type { Builder } from "../types.ts";

export const ADOBE_MBOX = "intently-segment";

export const adobeTarget: Builder = (c) => ({
  kind: "script",
  code: compose(
    "script",
    `Intently segment "${c.name}": Target mbox ${ADOBE_MBOX} on pages in it and on each entry.`,
    [
      ...vars(c.id, c.timeoutMs),
      ...member(c.tag),
      ...when(),
      ...watch({
        key: keyOf("adobe-target"),
        action: [
          "when(function () { return window.adobe && window.adobe.target && window.adobe.target.getOffers; }, function () {",
          "  var at = window.adobe.target;",
          "  at.getOffers({ request: { execute: { mboxes: [",
          `    { index: 0, name: "${ADOBE_MBOX}", parameters: { intently_segment: id } }`,
          "  ] } } }).then(function (response) {",
          "    at.applyOffers({ response: response });",
          '  })["catch"](function () {});',
          "});",
        ],
      }),
    ],
  ),
  instructions: [
    "Add the code to every page inside a <script> tag, after at.js 2.x (or in your tag manager).",
    `In Adobe Target, create an audience with the rule: mbox parameter "intently_segment" equals ` +
      `"${c.rawId}", and an activity on the location (mbox) "${ADOBE_MBOX}" for that audience.`,
    "Target is asked once on every page that loads with the session already in the segment, and " +
      "once each time the session enters it on a page. With the Web SDK (alloy.js) instead of " +
      'at.js, use the "Generic" script and call alloy("sendEvent", …) in onEnter.',
  ],
});
