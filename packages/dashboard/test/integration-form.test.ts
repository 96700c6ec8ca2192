/** The integration form's model: the API's rules checked client-side, and the bodies sent. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { newSecretProblem } from "../../integrations/src/signature.ts";
import type { Integration } from "../src/app/api/types.ts";
import {
  checkValues,
  configOf,
  emptyValues,
  errorsFromIssues,
  type Values,
  valuesOf,
} from "../src/app/settings/integrations/form-model.ts";

const stored: Integration = {
  id: "int_1",
  site: "s",
  kind: "webhook",
  name: "CRM",
  enabled: true,
  createdAt: 0,
  updatedAt: 0,
  config: { url: "https://crm.example/hook", secret: "[redacted]", segments: ["converted"] },
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

test("the form's secret rule is the API's: whsec_ + base64 of 24 to 64 bytes, no more, no less", () => {
  const hook = { ...emptyValues("webhook"), name: "Hook", url: "https://x.example/hook" };
  for (let n = 0; n <= 80; n++) {
    for (const s of [
      `whsec_${Buffer.alloc(n, n).toString("base64")}`,
      `whsec_${Buffer.alloc(n, n).toString("base64").replace(/=+$/, "")}`,
      Buffer.alloc(n, n).toString("base64"),
    ]) {
      const form = checkValues("webhook", { ...hook, secret: s }, null).secret === undefined;
      assert.equal(form, newSecretProblem(s) === null, `${n} bytes: ${s}`);
    }
  }
});

test("GA4, Klaviyo and export rules mirror the API's", () => {
  const ga: Values = { ...emptyValues("ga4"), name: "GA", measurementId: "UA-1", apiSecret: "x" };
  assert.match(checkValues("ga4", ga, null).measurementId ?? "", /G- followed by/);
  ga.eventName = "1bad";
  assert.ok(checkValues("ga4", ga, null).eventName);
  const kl = { ...emptyValues("klaviyo"), name: "K", apiKey: "pk", revision: "latest" };
  assert.match(checkValues("klaviyo", kl, null).revision ?? "", /2024-10-15/);
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
    timeoutMs: 10000,
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
