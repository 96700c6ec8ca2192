/** The integration form's model: the API's rules checked client-side, and the bodies sent. */
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { test } from "node:test";
import { IntegrationConfig } from "@intently/api-contract";
import fc from "fast-check";
import { Value } from "typebox/value";
import { connectorOf } from "../../integrations/src/connectors/index.ts";
import { validateExport } from "../../integrations/src/export-config.ts";
import { ruleMessage } from "../../integrations/src/field-check.ts";
import { brokenRule, type FieldRule } from "../../integrations/src/fields.ts";
import type { Integration } from "../src/app/api/types.ts";
import {
  checkValues,
  configOf,
  emptyValues,
  errorsFromIssues,
  sentValue,
  type Values,
  valuesOf,
} from "../src/app/settings/integrations/form-model.ts";
import { type FieldSpec, KINDS } from "../src/app/settings/integrations/kinds.ts";

const stored: Integration = {
  id: "int_1",
  site: "s",
  kind: "webhook",
  name: "CRM",
  enabled: true,
  createdAt: 0,
  updatedAt: 0,
  config: { url: "https://crm.example/hook", secret: "[redacted]", segments: ["converted"] },
  disabled: false,
  disabledReason: null,
  disabledAt: null,
};

test("a new webhook needs a name, an http(s) URL and a Standard Webhooks secret", () => {
  const v = emptyValues("webhook");
  assert.deepEqual(Object.keys(checkValues("webhook", v, null)).sort(), ["name", "secret", "url"]);
  const bad = { ...v, name: "Hook", url: "ftp://x.example/", secret: "0123456789abcdef" };
  const errors = checkValues("webhook", bad, null);
  assert.match(errors.url ?? "", /http:\/\/ or https:\/\//);
  assert.match(errors.secret ?? "", /whsec_ followed by the base64 of 24 to 64 random bytes/);
  const secret = `whsec_${Buffer.alloc(32, 1).toString("base64")}`;
  const good = { ...bad, url: "https://x.example/hook", secret };
  assert.deepEqual(checkValues("webhook", good, null), {});
  assert.deepEqual(configOf("webhook", { ...good, timeoutMs: "" }, false), {
    url: "https://x.example/hook",
    secret,
    segments: [],
  });
});

test("GA4, Klaviyo and export fields: the form words the API's rules", () => {
  const ga: Values = { ...emptyValues("ga4"), name: "GA", measurementId: "UA-1", apiSecret: "x" };
  assert.match(checkValues("ga4", ga, null).measurementId ?? "", /G- followed by/);
  ga.eventName = "1bad";
  assert.ok(checkValues("ga4", ga, null).eventName);
  ga.eventName = "page_view";
  assert.match(checkValues("ga4", ga, null).eventName ?? "", /reserves it/);
  const kl = { ...emptyValues("klaviyo"), name: "K", apiKey: "pk", metricName: "m".repeat(128) };
  assert.match(checkValues("klaviyo", kl, null).metricName ?? "", /at most 127/);
  assert.equal("revision" in emptyValues("klaviyo"), false);
  const ex = { ...emptyValues("export"), name: "E", folder: "exports", formats: [] };
  const e = checkValues("export", ex, null);
  assert.match(e.folder ?? "", /absolute/);
  assert.match(e.formats ?? "", /at least one/);
  const timeout = { ...emptyValues("webhook"), timeoutMs: "50" };
  assert.match(checkValues("webhook", timeout, null).timeoutMs ?? "", /100 to 120000/);
});

test("editing: secrets never filled in, kept when empty, needed again when the URL moves", () => {
  const v = valuesOf(stored);
  assert.equal(v.secret, "");
  assert.equal(v.segments, "converted");
  assert.deepEqual(checkValues("webhook", v, stored), {});
  // Left empty: not sent, so the API keeps the stored secret; emptied optional fields send
  // their defaults (a PATCH is merged over the stored configuration).
  assert.deepEqual(configOf("webhook", v, true), {
    url: "https://crm.example/hook",
    segments: ["converted"],
    timeoutMs: 15000,
  });
  const moved = { ...v, url: "https://other.example/hook" };
  assert.match(checkValues("webhook", moved, stored).secret ?? "", /needed again/);
  assert.deepEqual(
    checkValues("webhook", { ...moved, secret: "[redacted]" }, stored).secret,
    "Enter the signing secret itself.",
  );
});

test("the API's located issues land on their fields", () => {
  assert.deepEqual(
    errorsFromIssues([
      { path: "/body/config/url", message: "url points to a loopback address" },
      { path: "/body/config", message: "bad" },
    ]),
    { url: "url points to a loopback address", form: "bad" },
  );
});

// ---- One set of rules: what the form refuses is what the API refuses, field by field. ----

/** A configuration the API accepts, for the other fields of the kind. */
const VALID: Record<string, Record<string, unknown>> = {
  webhook: {
    url: "https://x.example/hook",
    secret: `whsec_${Buffer.alloc(32, 7).toString("base64")}`,
  },
  klaviyo: { apiKey: "pk_test" },
  ga4: { measurementId: "G-TEST1", apiSecret: "s3cret" },
  export: { folder: tmpdir() },
};

/**
 * The API's verdict on a configuration: the request schema (IntegrationConfig), then the kind's
 * validation, with the rule a secret typed in now must meet (as saveIntegration applies it).
 */
function apiAccepts(kind: string, config: Record<string, unknown>): boolean {
  const shaped: boolean = Value.Check(IntegrationConfig, config);
  if (!shaped) return false;
  try {
    if (kind === "export") validateExport(config);
    else connectorOf(kind)!.validate(config);
  } catch (e) {
    // Where exports may write is the server's to say (its platform's paths, its allowed
    // roots), past the field rule the form checks too.
    return /^folder .* (must be inside |is not an absolute path on this server)/.test(
      (e as Error).message,
    );
  }
  const spec = KINDS.find((k) => k.kind === kind)!;
  return spec.fields.every(
    (f) => f.type !== "secret" || config[f.name] === undefined || !brokenRule(f, config[f.name]),
  );
}

const nearLength = (n: number) =>
  fc.integer({ min: Math.max(0, n - 2), max: n + 3 }).map((k) => "a".repeat(k));

/** Inputs a user might type into the field, with the edge cases of its rules. */
function typed(f: FieldRule): fc.Arbitrary<string | boolean | string[]> {
  switch (f.type) {
    case "checkbox":
      return fc.boolean();
    case "formats":
      return fc.subarray(["csv", "parquet"]);
    case "number":
      return fc.oneof(
        fc.integer({ min: (f.min ?? 0) - 5, max: (f.max ?? 0) + 5 }).map(String),
        fc.constantFrom(String(f.min), String(f.max), "", "1.5", "abc", "1e3", "-0"),
        fc.double({ noNaN: true }).map(String),
      );
    case "list":
      return fc.oneof(
        fc.array(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { maxLength: 5 }).map((a) => a.join(", ")),
        fc.array(nearLength(f.maxLength ?? 0), { maxLength: 3 }).map((a) => a.join(",")),
        fc
          .integer({ min: (f.max ?? 0) - 2, max: (f.max ?? 0) + 2 })
          .map((n) => Array.from({ length: n }, (_, i) => `s${i}`).join(",")),
      );
    default: {
      const cases: fc.Arbitrary<string>[] = [
        fc.string({ maxLength: 30 }),
        nearLength(f.maxLength ?? 0),
      ];
      if (f.pattern) cases.push(fc.stringMatching(new RegExp(f.pattern)));
      if (f.reserved) cases.push(fc.constantFrom(...f.reserved));
      if (f.reservedPrefixes)
        cases.push(fc.constantFrom(...f.reservedPrefixes).map((p) => `${p}x`));
      if (f.type === "url")
        cases.push(fc.webUrl(), fc.constantFrom("ftp://x.example/", "https://", "http://a b"));
      if (f.absolutePath) cases.push(fc.constantFrom("/tmp/x", "relative/x", "C:\\x", "./x"));
      if (f.name === "secret")
        cases.push(
          fc
            .integer({ min: 0, max: 80 })
            .chain((n) =>
              fc.constantFrom(
                `whsec_${Buffer.alloc(n, n).toString("base64")}`,
                `whsec_${Buffer.alloc(n, n).toString("base64").replace(/=+$/, "")}`,
                Buffer.alloc(n, n).toString("base64"),
              ),
            ),
        );
      return fc.oneof(...cases).map((s) => (Math.random() < 0.1 ? ` ${s} ` : s));
    }
  }
}

for (const spec of KINDS)
  for (const f of spec.fields)
    test(`${spec.kind}.${f.name}: the form accepts a value exactly when the API does`, () => {
      fc.assert(
        fc.property(typed(f), (input) => {
          const values: Values = { ...emptyValues(spec.kind), name: "N", [f.name]: input };
          const form = checkValues(spec.kind, values, null)[f.name] === undefined;
          const config: Record<string, unknown> = { ...VALID[spec.kind] };
          const sent = sentValue(f as FieldSpec, input);
          if (sent === undefined) delete config[f.name];
          else config[f.name] = sent;
          assert.equal(form, apiAccepts(spec.kind, config), JSON.stringify(input));
        }),
        { numRuns: 300 },
      );
    });

test("every rule the API words, the form words too (labels for every field)", () => {
  for (const spec of KINDS)
    for (const f of spec.fields) {
      assert.notEqual(f.label, f.name, `${spec.kind}.${f.name} has no label`);
      if (f.pattern) assert.ok(f.type === "secret" || f.patternMessage, `${spec.kind}.${f.name}`);
      const b = brokenRule(f, undefined);
      if (f.required) assert.match(ruleMessage(f, b!, undefined), new RegExp(`^${f.name} `));
    }
});
