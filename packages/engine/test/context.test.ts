import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { botByBehaviour, botByUserAgent } from "../src/context/bot.ts";
import { classifyTraffic, parseUserAgent, type TrafficSource } from "../src/index.ts";
import { DESKTOP_UA, IPHONE_UA } from "./helpers.ts";

describe("traffic source classification", () => {
  const L = "https://shop.test/";
  const cases: [string, string, string, TrafficSource][] = [
    ["no referrer", L, "", "direct"],
    ["internal referrer", L, "https://shop.test/p/1", "direct"],
    ["Google organic", L, "https://www.google.com/", "organic-search"],
    ["Bing organic", L, "https://www.bing.com/search?q=x", "organic-search"],
    ["Google Ads gclid", `${L}?gclid=abc`, "https://www.google.com/", "paid-search"],
    ["utm cpc google", `${L}?utm_source=google&utm_medium=cpc`, "", "paid-search"],
    ["utm cpc facebook", `${L}?utm_source=facebook&utm_medium=cpc`, "", "paid-social"],
    ["utm paid instagram", `${L}?utm_source=instagram&utm_medium=paid`, "", "paid-social"],
    ["fbclid", `${L}?fbclid=zz`, "https://l.facebook.com/", "paid-social"],
    ["Facebook organic", L, "https://m.facebook.com/", "organic-social"],
    ["t.co", L, "https://t.co/abc", "organic-social"],
    ["utm email", `${L}?utm_source=newsletter&utm_medium=email`, "", "email"],
    ["utm affiliate", `${L}?utm_source=awin&utm_medium=affiliate`, "", "affiliate"],
    ["utm display", `${L}?utm_source=gdn&utm_medium=display`, "", "display"],
    ["blog referral", L, "https://someblog.example/post", "referral"],
    ["Gmail web referrer", L, "https://mail.google.com/mail/u/0/", "email"],
    ["Yahoo mail referrer", L, "https://mail.yahoo.com/d/folders/1", "email"],
    ["utm ig paid", `${L}?utm_source=ig&utm_medium=paid`, "", "paid-social"],
    ["x.com organic", L, "https://x.com/someone/status/1", "organic-social"],
    ["x.ai is not social", L, "https://x.ai/blog", "referral"],
    ["youtube", L, "https://www.youtube.com/watch?v=1", "organic-social"],
    ["unknown medium", `${L}?utm_source=x&utm_medium=carrier-pigeon`, "", "other"],
    ["malformed URLs", "::::", "not a url", "direct"],
  ];
  for (const [name, url, ref, expected] of cases) {
    test(name, () => assert.equal(classifyTraffic(url, ref).source, expected));
  }
  test("keeps campaign and source names", () => {
    const t = classifyTraffic(
      `${L}?utm_source=Newsletter&utm_medium=email&utm_campaign=BlackFriday`,
      "",
    );
    assert.deepEqual(t, {
      source: "email",
      sourceName: "newsletter",
      medium: "email",
      campaign: "BlackFriday",
    });
  });
});

describe("user agent and bots", () => {
  test("device, browser and OS from real user agents", () => {
    assert.deepEqual(parseUserAgent(IPHONE_UA), { device: "mobile", browser: "Safari", os: "iOS" });
    assert.deepEqual(parseUserAgent(DESKTOP_UA), {
      device: "desktop",
      browser: "Chrome",
      os: "Windows",
    });
    assert.equal(
      parseUserAgent(
        "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1",
      ).device,
      "tablet",
    );
  });
  test("unknown user agents fall back to the viewport", () => {
    assert.equal(parseUserAgent(undefined, [390, 844]).device, "mobile");
    assert.equal(parseUserAgent("", [1440, 900]).device, "desktop");
    assert.equal(parseUserAgent("garbage \u0000\uFFFF").device, "other");
  });
  test("crawlers and automation are flagged by user agent", () => {
    assert.equal(
      botByUserAgent(
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        false,
      ),
      "user-agent",
    );
    assert.equal(
      botByUserAgent("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", false),
      "user-agent",
    );
    assert.equal(botByUserAgent(DESKTOP_UA, true), "webdriver");
    assert.equal(botByUserAgent(DESKTOP_UA, false), null);
  });
  test("behaviour: too fast or no interaction over many pages", () => {
    assert.equal(botByBehaviour(45, 10, 60_000, 41), "speed");
    assert.equal(botByBehaviour(8, 0, 8 * 1500, 8), "no-interaction");
    assert.equal(botByBehaviour(8, 1, 8 * 1500, 8), null);
    assert.equal(botByBehaviour(8, 0, 8 * 30_000, 2), null);
  });
});
