/** Kameleoon custom data (custom JavaScript acquisition): returns `{value: boolean}`. */
import { compose } from "../compose.ts";
import { member, vars } from "../runtime.ts";
import type { Builder } from "../types.ts";

export const kameleoon: Builder = (c) => ({
  kind: "function-body",
  code: compose(
    "function-body",
    `Intently segment "${c.name}": {value: true} while the session is in it.`,
    [...vars(c.id), ...member(c.tag), "return { value: member() };"],
  ),
  instructions: [
    "In Kameleoon, open Configure › Custom data and create a custom data of type Boolean.",
    'Set its acquisition method to "Custom JavaScript code" and paste the code.',
    "Create a segment with this custom data as its condition (is true) and attach the segment " +
      "to your campaign.",
  ],
});
