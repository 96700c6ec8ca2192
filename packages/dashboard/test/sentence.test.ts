/** Conditions read as sentences for non-engineers. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { type Namer, sentence } from "../src/app/lib/sentence.ts";

const LABELS: Record<string, string> = {
  segment: "framework segment",
  deviceType: "device type",
  trafficSource: "traffic source",
  cartValue: "cart value",
  country: "country",
};
const names: Namer = {
  field: (p) => LABELS[p] ?? p,
  value: (p, v) =>
    p === "segment" && v === "struggling-buyers"
      ? "Struggling Buyers"
      : p === "cartValue"
        ? `£${v}`
        : typeof v === "string"
          ? v.replaceAll("-", " ")
          : String(v),
};

test("a refined framework segment reads as one sentence", () => {
  assert.equal(
    sentence(
      {
        segment: "struggling-buyers",
        deviceType: "mobile",
        trafficSource: "paid-social",
        cartValue: { $gte: 100 },
      },
      names,
    ),
    "Sessions where framework segment is Struggling Buyers, device type is mobile, traffic source is paid social and cart value is at least £100.",
  );
});

test("groups, lists and negations", () => {
  assert.equal(
    sentence({ $or: [{ deviceType: "mobile" }, { country: { $in: ["GB", "IE", "FR"] } }] }, names),
    "Sessions where either device type is mobile or country is one of GB, IE or FR.",
  );
  assert.equal(
    sentence({ $nor: [{ deviceType: "mobile" }], country: { $exists: false } }, names),
    "Sessions where none of (device type is mobile) and country is unknown.",
  );
  assert.equal(
    sentence({ country: { $regexi: "king\\.dom" } }, names),
    "Sessions where country contains “king.dom”.",
  );
  assert.equal(sentence({}, names), "Every session.");
});

test("markup in values stays text: the sentence is plain text React escapes", () => {
  const s = sentence({ country: "<img src=x onerror=alert(1)>" }, names);
  assert.equal(s, "Sessions where country is <img src=x onerror=alert(1)>.");
});
