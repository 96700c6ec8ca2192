import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { compileOrigins } from "../src/collector/index.ts";
import { correctTimes, countryOf, timeIssues } from "../src/collector/prepare.ts";

describe("collector: allowed origins", () => {
  test("exact origins, default ports, wildcard subdomains, any port", () => {
    const allows = compileOrigins([
      "https://shop.example",
      "https://*.brand.example",
      "http://localhost:*",
      "https://staging.example:8443",
      "not an origin",
    ]);
    assert.ok(allows("https://shop.example"));
    assert.ok(allows("https://shop.example:443"));
    assert.ok(!allows("http://shop.example"));
    assert.ok(!allows("https://shop.example.evil.com"));
    assert.ok(!allows("https://evilshop.example"));
    assert.ok(allows("https://www.brand.example"));
    assert.ok(allows("https://a.b.brand.example"));
    assert.ok(!allows("https://brand.example"));
    assert.ok(!allows("https://xbrand.example"));
    assert.ok(allows("http://localhost:3000"));
    assert.ok(allows("http://localhost"));
    assert.ok(!allows("http://127.0.0.1:3000"));
    assert.ok(allows("https://staging.example:8443"));
    assert.ok(!allows("https://staging.example"));
    assert.ok(!allows("null"));
    assert.ok(!allows("file://"));
  });

  test("loopback origins, and *", () => {
    const loop = compileOrigins(["loopback"]);
    for (const o of [
      "http://127.0.0.1:8080",
      "http://localhost:5173",
      "http://[::1]:80",
      "https://app.localhost",
    ])
      assert.ok(loop(o), o);
    assert.ok(!loop("http://192.168.1.2"));
    assert.ok(compileOrigins(["https://x.example"], true)("http://127.0.0.1:1234"));
    assert.ok(compileOrigins(["*"])("https://anything.example"));
    assert.ok(!compileOrigins([])("https://shop.example"));
  });
});

describe("collector: request context", () => {
  test("country from CDN headers, placeholders ignored", () => {
    assert.equal(countryOf({ "cf-ipcountry": "gb" }), "GB");
    assert.equal(countryOf({ "cf-ipcountry": "XX", "x-country": "FR" }), "FR");
    assert.equal(countryOf({ "x-country": "France" }), undefined);
    assert.equal(countryOf({}), undefined);
  });

  test("clock correction shifts by the offset; a time just ahead of the receive time is clamped", () => {
    const now = 1_800_000_000_000;
    const events = [
      { type: "scroll" as const, t: 1000 },
      { type: "scroll" as const, t: 2000 },
      { type: "scroll" as const, t: 4000 },
    ];
    correctTimes(events, now - 2500, now);
    assert.deepEqual(
      events.map((e) => e.t),
      [now - 1500, now - 500, now],
    );
  });

  test("event times outside [sentAt − max age, sentAt + max ahead] are refused, by index", () => {
    const sentAt = 1_800_000_000_000;
    const w = { maxAgeMs: 24 * 3_600_000, maxAheadMs: 5 * 60_000 };
    const batch = {
      site: "pk",
      batch: "b",
      visitor: "v",
      session: "s",
      sentAt,
      events: [
        { type: "scroll" as const, t: sentAt - 1000 },
        { type: "scroll" as const, t: 0 },
        { type: "scroll" as const, t: sentAt - w.maxAgeMs },
        { type: "scroll" as const, t: sentAt + w.maxAheadMs + 1 },
        { type: "scroll" as const, t: sentAt + w.maxAheadMs },
      ],
    };
    const issues = timeIssues(batch, w);
    assert.deepEqual(
      issues.map((i) => i.path),
      ["/events/1/t", "/events/3/t"],
    );
    assert.match(issues[0]!.message, /too old .*24 h before to 5 min after sentAt/);
    assert.match(issues[1]!.message, /in the future/);
    // A browser clock years off is fine: only the times relative to sentAt count.
    assert.deepEqual(
      timeIssues({ ...batch, sentAt: 5000, events: [{ type: "scroll", t: 0 }] }, w),
      [],
    );
  });
});
