/** AB Tasty JS trigger: returns a Promise of true when matched, of false after the timeout. */
import { compose } from "../compose.ts";
import { member, vars, whenMember } from "../runtime.ts";
import type { Builder } from "../types.ts";

export const abtasty: Builder = (c) => ({
  kind: "function-body",
  code: compose(
    "function-body",
    `Intently segment "${c.name}": resolves true once in it, false after ${c.timeoutMs} ms.`,
    [...vars(c.id, c.timeoutMs), ...member(c.tag), ...whenMember(), "return whenMember();"],
  ),
  instructions: [
    "In AB Tasty, open the campaign's Targeting step and create (or edit) its trigger.",
    'Add the "Code" (JavaScript) criterion and paste the code.',
    `Save: the campaign shows when the Promise resolves true; it resolves false (no match) ` +
      `after ${c.timeoutMs} ms.`,
  ],
});
