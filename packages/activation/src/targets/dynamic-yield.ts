/** Dynamic Yield custom evaluator: a Promise of true/false (a boolean without Promise support). */
import { compose } from "../compose.ts";
import { member, vars, whenMember } from "../runtime.ts";
import type { Builder } from "../types.ts";

export const dynamicYield: Builder = (c) => ({
  kind: "expression",
  code: compose(
    "expression",
    `Intently segment "${c.name}": resolves true once in it, false after ${c.timeoutMs} ms.`,
    [...vars(c.id, c.timeoutMs), ...member(c.tag), ...whenMember(), "return whenMember();"],
  ),
  instructions: [
    "In Dynamic Yield, open Assets › Evaluators and click Add New.",
    'Set the value type to String with the expected values "true" and "false", and paste the ' +
      `code (it answers within ${c.timeoutMs} ms, under Dynamic Yield's 4 s evaluator limit).`,
    'Target your experience with this evaluator in a condition: Evaluator is "true".',
  ],
});
