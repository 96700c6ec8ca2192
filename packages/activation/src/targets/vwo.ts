/**
 * VWO custom segment, custom JavaScript condition: a function body returning a boolean. VWO
 * checks segment conditions when a visitor lands on a campaign page; by default ("Once") only the
 * first time, with "Every time" on every page.
 * Documents: "Available Options For Configuring Custom Segments in VWO",
 * https://help.vwo.com/hc/en-us/articles/900001124643 ; "Configuring the Segment Settings",
 * https://help.wingify.com/hc/en-us/articles/58832569060505-Configuring-the-Segment-Settings-in-Wingify
 *
 * Mid-page: no (documented limitation); the "VWO — custom event" target is the mid-page path.
 */
import { compose } from "../compose.ts";
import { member, vars } from "../runtime.ts";
import type { Builder } from "../types.ts";

export const vwo: Builder = (c) => ({
  kind: "function-body",
  code: compose("function-body", `Intently segment "${c.name}": true while the session is in it.`, [
    ...vars(c.id),
    ...member(c.tag),
    "return member();",
  ]),
  instructions: [
    "In VWO, open the campaign's Audience (Targeting › Segments), create a custom segment and add " +
      'the "Custom JavaScript" condition; paste the code.',
    'In the segment Settings, set "Check targeting conditions for a visitor" to "Every time": with ' +
      'the default "Once" VWO keeps its first answer for the whole visit.',
    "VWO checks the condition when a campaign page loads, so it cannot catch a shopper who enters " +
      'the segment later on that page (it does on the next page). To react mid-page, use the "VWO ' +
      '— custom event" script and trigger the campaign on that event.',
  ],
});
