/**
 * Kameleoon custom data, acquisition method "Custom JavaScript code": the code returns an object
 * with two keys, `value` (the custom data's value) and `overwrite` (whether it replaces the value
 * stored earlier; true here, as membership changes during a visit).
 * Document: "Creating and pushing custom data" (Kameleoon help centre),
 * https://help.kameleoon.com/en/creating-pushing-custom-data — the text available to us names the
 * two keys and `value`; the second key's name, `overwrite`, matches Kameleoon's own custom data
 * API (`overwrite` flag, https://github.com/Kameleoon/client-nodejs/releases/tag/5.15.0).
 *
 * Mid-page: through the "Kameleoon — custom event" target (Kameleoon.API.Events.trigger).
 */
import { compose } from "../compose.ts";
import { member, vars } from "../runtime.ts";
import type { Builder } from "../types.ts";

export const kameleoon: Builder = (c) => ({
  kind: "function-body",
  code: compose(
    "function-body",
    `Intently segment "${c.name}": {value: true} while the session is in it.`,
    [...vars(c.id), ...member(c.tag), "return { value: member(), overwrite: true };"],
  ),
  instructions: [
    "In Kameleoon, open Configure › Custom data and create a custom data of format Boolean.",
    'Set its acquisition method to "Custom JavaScript code" and paste the code; then create a ' +
      "segment with this custom data as its condition (is true) and attach it to your campaign.",
    "Kameleoon reads the value when it evaluates targeting on a page, so it cannot catch a " +
      'shopper who enters the segment later on that page. To react mid-page, use the "Kameleoon ' +
      '— custom event" script.',
  ],
});
