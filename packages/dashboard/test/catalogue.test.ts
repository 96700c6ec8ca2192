/**
 * The dashboard's names for signals, phases and states are the engine's: they reach the bundle
 * through the built catalogue (server/catalogue.ts), so a renamed or added signal shows the same
 * name everywhere. Fails if the catalogue drops one or carries a name of its own.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DATA_POINTS, PHASE_LABELS, PHASES, SIGNALS, STATE_LABELS, STATES } from "@intently/engine";
import type { Catalogue } from "../src/app/lib/catalogue-types.ts";
import { catalogueJson } from "../src/server/catalogue.ts";

const catalogue = JSON.parse(catalogueJson()) as Catalogue;

test("every engine signal, with the label of its count data point", () => {
  assert.deepEqual(
    catalogue.signals.map((s) => s.id),
    [...SIGNALS],
  );
  for (const s of catalogue.signals) {
    // The data point that counts the signal carries the same label (the builder shows that one).
    const point = DATA_POINTS.find((d) => d.group !== "scores" && d.label === s.label);
    assert.ok(point, `${s.id}: "${s.label}" is no data point's label`);
  }
  const byId = new Map(catalogue.signals.map((s) => [s.id, s.label]));
  assert.equal(byId.get("back_and_forth"), "Back-and-forth");
  assert.equal(byId.get("not_found"), "404 pages");
});

test("phases and states are the engine's, with its labels", () => {
  assert.deepEqual(
    catalogue.phases,
    PHASES.map((id) => ({ id, label: PHASE_LABELS[id] })),
  );
  assert.deepEqual(
    catalogue.states,
    STATES.map((id) => ({ id, label: STATE_LABELS[id] })),
  );
});
