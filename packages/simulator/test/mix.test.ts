import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { classifyTraffic, EVENT_TYPES, parseUserAgent } from "@intently/engine";
import { SOURCE_KINDS } from "../src/context/traffic.ts";
import { simulateSessions } from "../src/index.ts";
import { DEFAULT_MIX } from "../src/personas/index.ts";
import { PERSONAS, type PersonaId } from "../src/personas/types.ts";
import type { SimulatedSession } from "../src/sessions.ts";

const N = 5000;
const sessions: SimulatedSession[] = [...simulateSessions({ sessions: N, seed: 11 })];

describe("simulate: mix, context and visitors", () => {
  it("default mix sums to 1 and covers every persona", () => {
    assert.equal(Math.round(PERSONAS.reduce((s, p) => s + DEFAULT_MIX[p], 0) * 1e9), 1e9);
  });

  it("persona proportions match the default mix within 2.5 points on 5,000 sessions", () => {
    const counts = new Map<PersonaId, number>();
    for (const s of sessions) counts.set(s.persona, (counts.get(s.persona) ?? 0) + 1);
    for (const p of PERSONAS) {
      const share = (counts.get(p) ?? 0) / N;
      assert.ok(Math.abs(share - DEFAULT_MIX[p]) < 0.025, `${p}: ${share} vs ${DEFAULT_MIX[p]}`);
    }
  });

  it("a custom mix is merged over the defaults", () => {
    const only = [
      ...simulateSessions({
        sessions: 300,
        seed: 1,
        mix: Object.fromEntries(PERSONAS.map((p) => [p, p === "bot" ? 1 : 0])),
      }),
    ];
    assert.ok(only.every((s) => s.persona === "bot" && s.truth.bot === true));
    const more = [...simulateSessions({ sessions: 2000, seed: 1, mix: { "focused-buyer": 1.5 } })];
    const share = more.filter((s) => s.persona === "focused-buyer").length / 2000;
    assert.ok(share > 0.5, `focused-buyer share ${share}`);
    assert.throws(() => [...simulateSessions({ sessions: 1, seed: 1, mix: { bot: -1 } })]);
  });

  it("device mix is ~60 % mobile, ~35 % desktop, ~5 % tablet for people", () => {
    const people = sessions.filter((s) => s.persona !== "bot");
    const share = (d: string) =>
      people.filter((s) => parseUserAgent(s.context.ua, s.context.viewport).device === d).length /
      people.length;
    assert.ok(Math.abs(share("mobile") - 0.6) < 0.03, `mobile ${share("mobile")}`);
    assert.ok(Math.abs(share("desktop") - 0.35) < 0.03, `desktop ${share("desktop")}`);
    assert.ok(Math.abs(share("tablet") - 0.05) < 0.02, `tablet ${share("tablet")}`);
  });

  it("traffic sources are classified as the persona's channels", () => {
    const sources = new Set<string>();
    for (const s of sessions) {
      const src = classifyTraffic(s.context.url, s.context.referrer).source;
      sources.add(src);
      if (s.persona === "returning-loyal-customer")
        assert.ok(["direct", "email", "organic-search"].includes(src));
      if (s.persona === "deal-hunter") {
        assert.ok(["affiliate", "paid-social", "display", "organic-social"].includes(src), src);
      }
    }
    for (const src of SOURCE_KINDS) {
      assert.ok(sources.has(src), `no ${src} traffic`);
    }
  });

  it("returning visitors keep device and have consistent history across sessions", () => {
    const last = new Map<string, SimulatedSession>();
    let repeats = 0;
    for (const s of sessions) {
      const prev = last.get(s.visitor);
      if (prev) {
        repeats += 1;
        assert.equal(s.context.previousSessions, prev.context.previousSessions! + 1);
        assert.equal(
          s.context.previousPurchases,
          prev.context.previousPurchases! + (prev.truth.purchased ? 1 : 0),
        );
        assert.equal(s.context.ua, prev.context.ua);
        assert.ok(s.start >= prev.end + 30 * 60_000);
      } else if (s.persona !== "returning-loyal-customer") {
        assert.equal(s.context.previousSessions, 0);
      }
      if (s.persona === "returning-loyal-customer") {
        assert.ok(s.context.previousSessions! >= 1 && s.context.previousPurchases! >= 1);
      }
      last.set(s.visitor, s);
    }
    assert.ok(repeats > 200, `only ${repeats} repeat sessions`);
  });

  it("uses the GA4 commerce events, frustration signals and the checkout experiment", () => {
    const types = new Set<string>();
    const variants = new Set<string>();
    for (const s of sessions) {
      for (const e of s.events) {
        types.add(e.type);
        if (e.type === "experience_impression") variants.add(`${e.experiment}:${e.variant}`);
        if (e.type === "purchase") assert.ok(e.value! > 0 && e.transaction_id);
      }
    }
    // Every event type the wire schema knows, but page_engagement (sent by the tag at page hide)
    // and the commerce events the personas do not perform yet (refunds, promotions, wishlists).
    const NOT_SIMULATED = [
      "page_engagement",
      "refund",
      "view_promotion",
      "select_promotion",
      "add_to_wishlist",
    ];
    for (const t of EVENT_TYPES.filter((x) => !NOT_SIMULATED.includes(x))) {
      assert.ok(types.has(t), `no ${t} events`);
    }
    assert.deepEqual([...variants].sort(), [
      "exp-checkout-trust:control",
      "exp-checkout-trust:treatment",
    ]);
  });
});
