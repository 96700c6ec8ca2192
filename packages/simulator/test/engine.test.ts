/**
 * The simulator against the engine: each persona should land where the framework says it
 * should. Figures are reported as test diagnostics.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { Engine, type SessionUpdate, STAGES, type Truth } from "@intently/engine";
import { simulate } from "../src/index.ts";
import type { PersonaId } from "../src/personas/types.ts";

const SESSIONS = 3000;
const SEED = 42;
const ABANDON_SEGMENTS = [
  "unengaged-browsers",
  "drifting-explorers",
  "wavering-considerers",
  "abandoning-buyers",
];
const ENGAGE_OR_BUILD = ["engage", "build-intent"];

interface Outcome {
  persona: PersonaId;
  truth: Truth;
  segments: Set<string>;
  flagged: boolean;
  final: SessionUpdate;
}

const outcomes = new Map<string, Outcome>();

function of(persona: PersonaId): Outcome[] {
  return [...outcomes.values()].filter((o) => o.persona === persona);
}

function share(list: Outcome[], pred: (o: Outcome) => boolean): number {
  return list.filter(pred).length / list.length;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

describe("simulated personas through the engine", () => {
  before(() => {
    const engine = new Engine();
    for (const line of simulate({ sessions: SESSIONS, seed: SEED })) {
      const u = engine.process(
        { site: line.site, visitor: line.visitor, session: line.session, context: line.context },
        line.event,
      );
      let o = outcomes.get(line.session);
      if (!o) {
        assert.ok(line.truth, "first line carries truth");
        o = {
          persona: line.truth.persona as PersonaId,
          truth: line.truth,
          segments: new Set(),
          flagged: false,
          final: u,
        };
        outcomes.set(line.session, o);
      }
      o.segments.add(u.segment);
      if (u.bot !== null) o.flagged = true;
      o.final = u;
    }
    assert.equal(outcomes.size, SESSIONS);
  });

  it("≥ 90 % of strugglers-at-checkout are in struggling-buyers at some point", (t) => {
    const list = of("struggler-at-checkout");
    const rate = share(list, (o) => o.segments.has("struggling-buyers"));
    t.diagnostic(`struggling-buyers: ${pct(rate)} of ${list.length}`);
    assert.ok(rate >= 0.9, pct(rate));
  });

  it("≥ 95 % of bot sessions are flagged", (t) => {
    const list = of("bot");
    const rate = share(list, (o) => o.flagged);
    t.diagnostic(`bots flagged: ${pct(rate)} of ${list.length}`);
    assert.ok(rate >= 0.95, pct(rate));
  });

  it("no person is flagged as a bot", () => {
    const people = [...outcomes.values()].filter((o) => o.persona !== "bot");
    assert.equal(people.filter((o) => o.flagged).length, 0);
  });

  it("focused buyers who purchased end in converted", (t) => {
    const buyers = of("focused-buyer").filter((o) => o.truth.purchased);
    t.diagnostic(`focused buyers purchased: ${pct(buyers.length / of("focused-buyer").length)}`);
    assert.ok(buyers.length > 0);
    for (const o of buyers) assert.equal(o.final.segment, "converted");
  });

  it("cart abandoners reach deciding or later and are in an abandon-state segment at some point", (t) => {
    const list = of("cart-abandoner");
    const deciding = share(
      list,
      (o) => STAGES.indexOf(o.final.stage) >= STAGES.indexOf("deciding"),
    );
    const abandon = share(list, (o) => ABANDON_SEGMENTS.some((s) => o.segments.has(s)));
    t.diagnostic(
      `cart abandoners: deciding+ ${pct(deciding)}, abandon segment ${pct(abandon)} of ${list.length}`,
    );
    assert.ok(deciding >= 0.95, pct(deciding));
    assert.ok(abandon >= 0.95, pct(abandon));
  });

  it("casual browsers mostly stay in Engage or Build Intent", (t) => {
    const list = of("casual-browser");
    const stay = share(list, (o) => ENGAGE_OR_BUILD.includes(o.final.phase));
    const engage = share(list, (o) => o.final.phase === "engage");
    t.diagnostic(
      `casual browsers: engage/build-intent ${pct(stay)} (engage ${pct(engage)}) of ${list.length}`,
    );
    assert.ok(stay >= 0.9, pct(stay));
  });

  it("purchase truth ⇔ final stage post-purchase, for every non-bot session", (t) => {
    const people = [...outcomes.values()].filter((o) => !o.truth.bot);
    const bought = people.filter((o) => o.truth.purchased).length;
    t.diagnostic(
      `purchases: ${bought} of ${people.length} human sessions (${pct(bought / people.length)})`,
    );
    for (const o of people)
      assert.equal(o.truth.purchased, o.final.stage === "post-purchase", o.final.session);
  });
});
