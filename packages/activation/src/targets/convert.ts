/** Convert JS condition: a synchronous boolean. */
import { compose } from "../compose.ts";
import { member, vars } from "../runtime.ts";
import type { Builder } from "../types.ts";

export const convert: Builder = (c) => ({
  kind: "function-body",
  code: compose("function-body", `Intently segment "${c.name}": true while the session is in it.`, [
    ...vars(c.id),
    ...member(c.tag),
    "return member();",
  ]),
  instructions: [
    "In Convert Experiences, open the experience's Audience (or Location) and add a rule.",
    'Choose the "JS Condition" rule type and paste the code.',
    "Save: the experience runs for visitors for whom the condition returns true.",
  ],
});
