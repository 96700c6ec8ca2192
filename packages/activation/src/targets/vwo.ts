/** VWO custom JS segment: a synchronous boolean from the cached memberships. */
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
    "In VWO, open the campaign's Audience settings and create a custom segment.",
    'Add the "Custom JavaScript" condition and paste the code.',
    "Save. VWO evaluates it when the campaign is checked; to react to shoppers who enter the " +
      'segment later in the visit, use the "VWO — custom event on entry" script instead.',
  ],
});
