/**
 * The field rules (src/fields.ts) mean what they say: the whsec_ pattern is exactly "the padded
 * base64 of 24 to 64 bytes", the API's messages name the field they are about, and a rule's
 * default is what the connectors use.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { connectorOf } from "../src/connectors/index.ts";
import { ruleMessage } from "../src/field-check.ts";
import {
  brokenRule,
  fieldRule,
  INTEGRATION_KINDS,
  KIND_FIELDS,
  MAX_SECRET_BYTES,
  MIN_SECRET_BYTES,
} from "../src/fields.ts";
import { newSecretProblem } from "../src/signature.ts";

const secret = fieldRule("webhook", "secret")!;
const pattern = new RegExp(secret.pattern!);

test("the whsec_ pattern holds exactly the padded base64 of 24 to 64 bytes", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
      const b64 = Buffer.from(bytes).toString("base64");
      const inRange = bytes.length >= MIN_SECRET_BYTES && bytes.length <= MAX_SECRET_BYTES;
      assert.equal(pattern.test(`whsec_${b64}`), inRange, b64);
      // Unpadded, or without the prefix: refused unless the padding was empty anyway.
      assert.equal(pattern.test(`whsec_${b64.replace(/=+$/, "")}`), inRange && !b64.endsWith("="));
      assert.equal(pattern.test(b64), false);
      assert.equal(newSecretProblem(`whsec_${b64}`) === null, inRange);
    }),
    { numRuns: 2000 },
  );
  // Not base64 at all, or with characters past the padding.
  for (const bad of ["whsec_not base64 at all!!!!!!!!!!!!!!!!", `whsec_${"A".repeat(32)}==A`])
    assert.equal(pattern.test(bad), false, bad);
  // A secret stored before whsec_ ones is not held to the pattern.
  assert.equal(brokenRule(secret, "an-old-secret-of-24-chars", false), null);
  assert.deepEqual(brokenRule(secret, "an-old-secret-of-24-chars", true), { rule: "pattern" });
});

test("each broken rule's message names its field first (the API locates the issue by it)", () => {
  const samples: unknown[] = [undefined, "", " x ", "x".repeat(3000), 5, -1, 1.5, true, [], ["x"]];
  for (const kind of INTEGRATION_KINDS)
    for (const f of KIND_FIELDS[kind])
      for (const v of samples) {
        const b = brokenRule(f, v);
        if (b) assert.match(ruleMessage(f, b, v), new RegExp(`^${f.name} `), `${kind}.${f.name}`);
      }
});

test("a field left out takes the rule's default in the checked configuration", () => {
  const minimal: Record<string, Record<string, unknown>> = {
    webhook: { url: "https://x.example/", secret: `whsec_${"A".repeat(32)}` },
    klaviyo: { apiKey: "pk" },
    ga4: { measurementId: "G-X1", apiSecret: "s" },
  };
  for (const [kind, raw] of Object.entries(minimal)) {
    const checked = connectorOf(kind)!.validate(raw) as Record<string, unknown>;
    for (const f of KIND_FIELDS[kind as keyof typeof KIND_FIELDS])
      if (f.default !== undefined && f.name !== "timeoutMs")
        assert.deepEqual(checked[f.name], f.default, `${kind}.${f.name}`);
  }
});
