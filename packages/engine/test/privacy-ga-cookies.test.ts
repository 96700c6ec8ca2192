/**
 * GA's cookie ids in `set` properties (privacy/ga-cookies.ts): kept through scrubbing only in
 * their exact forms and under their own names; every other property is scrubbed as before.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { scrubBatch } from "../src/privacy/batch.ts";
import { gaClientIdOf, gaSessionIdOf, isGaCookieProp } from "../src/privacy/ga-cookies.ts";
import { maskText } from "../src/privacy/scrub.ts";

const digits = fc.stringMatching(/^[1-9]\d{0,19}$/);

const scrubProps = (props: Record<string, string>) => {
  const batch = { events: [{ type: "set", t: 1, props: { ...props } }] };
  scrubBatch(batch as never);
  return batch.events[0]!.props;
};

test("client and session ids in GA's forms are kept, under GA's names only", () => {
  fc.assert(
    fc.property(digits, digits, digits, (a, b, s) => {
      const kept = scrubProps({ ga_client_id: `${a}.${b}`, _ga_ABC123: s });
      assert.deepEqual(kept, { ga_client_id: `${a}.${b}`, _ga_ABC123: s });
      assert.equal(gaClientIdOf(`GA1.1.${a}.${b}`), `${a}.${b}`);
      assert.equal(gaSessionIdOf(`GS2.1.s${s}$o1$g1$t${s}$j0$l0$h0`), s);
      assert.equal(gaSessionIdOf(`GS1.1.${s}.1.1.${s}.0.0.0`), s);
      // The same value under another name is free text, masked as before.
      assert.deepEqual(scrubProps({ order_ref: s }), { order_ref: maskText(s) });
    }),
  );
});

test("any value not of GA's forms is scrubbed exactly as any other property", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 60 }), (v) => {
      fc.pre(!isGaCookieProp("ga_client_id", v) && !isGaCookieProp("_ga_ABC123", v));
      assert.deepEqual(scrubProps({ ga_client_id: v, _ga_ABC123: v }), {
        ga_client_id: maskText(v),
        _ga_ABC123: maskText(v),
      });
    }),
  );
  assert.equal(isGaCookieProp("_ga_abc", "1700000500"), false, "container ids are upper-case");
  assert.equal(isGaCookieProp("ga_client_id", "call me 0123456789"), false);
});
